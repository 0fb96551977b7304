"""evaluations.stats_queries: counts by level in SQL, per cell, per campaign and rolled up for a
superior's subtree (issue 9, item 5), with a fixed number of queries.

The 2021 figures are those of seed 003 (Đảng bộ Bệnh viện Đa khoa Hà Đông: 33 cells, 261
members; cells 7 / 22 / 4, members 51 / 205 / 5; the leadership collective excellent)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import Any

import pytest

from dangbo.core.text import fold, name_sort_key
from dangbo.evaluations import stats_queries
from dangbo.evaluations.models import Campaign, CampaignStatus, Rating
from dangbo.evaluations.summary import LevelCounts
from dangbo.members.models import Member
from tests.factories import org

pytestmark = pytest.mark.django_db

X, T, H, K = "htxsnv", "httnv", "htnv", "khtnv"
_names = itertools.count(1)


# ---- helpers (also used by test_stats_views.py and test_api_evaluations.py) -------------------
def bulk_members(cell: Any, n: int) -> list[Member]:
    """``n`` plain full members of ``cell``, inserted in one query."""
    rows = []
    for _ in range(n):
        name = f"Nguyễn Văn Thử {next(_names)}"
        rows.append(
            Member(full_name=name, name_folded=fold(name), sort_key=name_sort_key(name),
                   gender="male", admitted_on=dt.date(2000, 1, 1), status="full",
                   organization=cell)
        )  # fmt: skip
    return Member.objects.bulk_create(rows)


def spread(levels: dict[str, int]) -> list[str]:
    """["htxsnv"] * 7 + ["httnv"] * 22 + …"""
    return [lv for lv, n in levels.items() for _ in range(n)]


def make_campaign(
    hospital: Any,
    cells: Sequence[Any],
    cell_levels: Sequence[str],
    member_levels: Sequence[str],
    *,
    year: int = 2021,
    finalized: bool = True,
    collective: str = "",
    members: Sequence[Member] | None = None,
) -> Campaign:
    """A campaign with decided levels (``finalized``) or proposed ones (open): one rating per
    cell (``cell_levels`` in order) and per member (``member_levels`` over ``members`` or over
    new members spread round-robin over the cells)."""
    campaign = Campaign.objects.create(
        organization=hospital, year=year,
        status=CampaignStatus.FINALIZED if finalized else CampaignStatus.OPEN,
    )  # fmt: skip
    field = "decided_level" if finalized else "proposed_level"
    if members is None:
        members = []
        for i, cell in enumerate(cells):
            n = len(member_levels) // len(cells) + (i < len(member_levels) % len(cells))
            members.extend(bulk_members(cell, n))
    rows = [
        Rating(campaign=campaign, subject_kind="organization", organization=hospital),
        Rating(campaign=campaign, subject_kind="collective", organization=hospital,
               **{field: collective}),
    ]  # fmt: skip
    rows += [
        Rating(campaign=campaign, subject_kind="cell", organization=c, **{field: lv})
        for c, lv in zip(cells, cell_levels, strict=True)
    ]
    rows += [
        Rating(campaign=campaign, subject_kind="member", member=m,
               organization_id=m.organization_id, **{field: lv})
        for m, lv in zip(members, member_levels, strict=True)
    ]  # fmt: skip
    Rating.objects.bulk_create(rows)
    return campaign


def hadong_2021(superior: Any) -> tuple[Any, list[Any], Campaign]:
    """Seed 003's organization and its finalized 2021 campaign."""
    hospital = org("Đảng bộ Bệnh viện Đa khoa Hà Đông", "grassroots_committee", superior)
    cells = [org(f"Chi bộ {i:02d}", "cell", hospital) for i in range(1, 34)]
    hospital.refresh_from_db()
    campaign = make_campaign(
        hospital, cells, spread({X: 7, T: 22, H: 4}), spread({X: 51, T: 205, H: 5}),
        collective=X,
    )  # fmt: skip
    return hospital, cells, campaign


# ---- a campaign -------------------------------------------------------------------------------
def test_campaign_stats_reproduce_seed_003(world, django_assert_num_queries):
    # issue 9 item 5 / seed 003: cells 7 / 22 / 4, members 51 / 205 / 5, collective excellent
    _hospital, cells, campaign = hadong_2021(world.superior)
    with django_assert_num_queries(2):  # counts grouped by cell; the recognitions
        stats = stats_queries.campaign_stats(campaign)
    assert not stats.provisional
    assert stats.cell_counts == LevelCounts(excellent=7, good=22, completed=4)
    assert stats.member_counts == LevelCounts(excellent=51, good=205, completed=5)
    assert stats.collective_level == X and stats.organization_level == ""
    assert stats.collective_label == "Hoàn thành xuất sắc nhiệm vụ"
    assert stats.sentence == (
        "7 chi bộ hoàn thành xuất sắc nhiệm vụ, 22 chi bộ hoàn thành tốt nhiệm vụ, "
        "4 chi bộ hoàn thành nhiệm vụ; 51 đảng viên hoàn thành xuất sắc nhiệm vụ, "
        "205 đảng viên hoàn thành tốt nhiệm vụ, 5 đảng viên hoàn thành nhiệm vụ; "
        "Tập thể lãnh đạo, quản lý hoàn thành xuất sắc nhiệm vụ"
    )
    # per cell, in tree order, each with its own level and its members' counts
    assert [c.organization_id for c in stats.cells] == [c.pk for c in cells]
    assert all(c.rated_cell for c in stats.cells)
    assert [c.level for c in stats.cells] == spread({X: 7, T: 22, H: 4})
    assert stats.cells[0].level_label == "Hoàn thành xuất sắc nhiệm vụ"
    assert sum(c.members.rated for c in stats.cells) == 261
    assert stats.cells[0].members.rated == 8  # 261 = 33 × 7 + 30: the first 30 cells have 8
    assert stats.recognitions == []


def test_open_campaign_counts_proposals_provisionally(world):
    # issue 9 item 5: an open campaign shows where the proposals lead; decided levels win
    campaign = make_campaign(world.hospital, [world.cell_a, world.cell_b], [T, ""],
                             [X, T, T, "", H], finalized=False)  # fmt: skip
    ratings = list(Rating.objects.filter(campaign=campaign, subject_kind="member").order_by("id"))
    Rating.objects.filter(pk=ratings[0].pk).update(decided_level=T)  # decided beats proposed
    Rating.objects.filter(pk=ratings[4].pk).update(proposed_level="", not_rated_reason="exempt")
    stats = stats_queries.campaign_stats(campaign)
    assert stats.provisional
    assert stats.member_counts == LevelCounts(good=3, not_rated=1, pending=1)
    assert stats.cell_counts == LevelCounts(good=1, pending=1)
    assert stats.cells[1].level == "" and stats.cells[1].level_label == ""
    # the official figures: decided levels only
    official = stats_queries.campaign_stats(campaign, provisional=False)
    assert official.member_counts == LevelCounts(good=1, not_rated=1, pending=3)
    assert official.sentence == "1 đảng viên hoàn thành tốt nhiệm vụ"


def test_recognitions_are_decided_excellent_with_the_recognition(world):
    # domain-rules §1.5: only excellent subjects are "tiêu biểu"; a proposal is not a decision
    campaign = make_campaign(world.hospital, [world.cell_a, world.cell_b], [X, X],
                             [X, X, T], members=world.a_members, collective=X)  # fmt: skip
    Rating.objects.filter(campaign=campaign, subject_kind__in=["cell", "organization"]).update(
        recognition=True
    )
    Rating.objects.filter(campaign=campaign, organization=world.cell_b).update(decided_level=T)
    Rating.objects.filter(campaign=campaign, subject_kind="organization").update(decided_level=X)
    Rating.objects.filter(campaign=campaign, member__in=world.a_members).update(recognition=True)
    stats = stats_queries.campaign_stats(campaign)
    got = [(r.subject_kind, r.member_id or r.organization_id) for r in stats.recognitions]
    members = sorted(world.a_members[:2], key=lambda m: m.sort_key)
    assert got == [
        ("organization", world.hospital.pk),
        ("cell", world.cell_a.pk),
        *[("member", m.pk) for m in members],
    ]
    assert stats.organization_level == X


# ---- a superior's subtree ---------------------------------------------------------------------
def test_subtree_rollup_sums_decided_levels_of_the_year(world, django_assert_max_num_queries):
    # issue 9 item 5: rolled up for a superior's subtree in SQL, decided levels only
    hadong, _cells, _c = hadong_2021(world.superior)
    make_campaign(world.hospital, [world.cell_a, world.cell_b], [X, T],
                  [T, T, H, K], year=2021)  # fmt: skip
    open_one = make_campaign(world.other_hospital, [world.other_cell], [T], [X],
                             year=2021, finalized=False)  # fmt: skip
    make_campaign(world.hospital, [world.cell_a], [K], [K], year=2020)  # another year
    with django_assert_max_num_queries(3):
        stats = stats_queries.subtree_stats(world.superior, 2021)
    assert stats.member_counts == LevelCounts(51, 205 + 2, 5 + 1, 1, pending=1)
    assert stats.cell_counts == LevelCounts(7 + 1, 22 + 1, 4, pending=1)
    # one line per campaign (grassroots organization), in tree order
    assert [ln.name for ln in stats.lines] == [
        world.hospital.name,
        world.other_hospital.name,
        hadong.name,
    ]
    assert stats.open_campaigns == 1
    line = {ln.campaign_id: ln for ln in stats.lines}[open_one.pk]
    assert not line.finalized and line.members.pending == 1
    assert stats.sentence.startswith("8 chi bộ hoàn thành xuất sắc nhiệm vụ, 23 chi bộ")
    hadong_line = next(ln for ln in stats.lines if ln.name == hadong.name)
    assert hadong_line.collective_level == X and hadong_line.collective_label
    assert hadong_line.sentence.endswith("Tập thể lãnh đạo, quản lý hoàn thành xuất sắc nhiệm vụ")
    assert hadong_line.organization_level == ""

    # one hospital's subtree; a cell's subtree (its members only, and the cell itself)
    assert stats_queries.subtree_stats(world.hospital, 2021).member_counts == LevelCounts(
        good=2, completed=1, not_completed=1
    )
    cell = stats_queries.subtree_stats(world.cell_a, 2021)
    assert cell.cell_counts == LevelCounts(excellent=1)
    assert cell.member_counts.rated == 2  # 4 members round-robin over 2 cells
    assert stats_queries.subtree_stats(world.superior, 2019).lines == []


def test_subtree_recognitions_shown_are_bounded(world, monkeypatch):
    monkeypatch.setattr(stats_queries, "RECOGNITIONS_SHOWN", 2)
    campaign = make_campaign(world.hospital, [world.cell_a], [X], [X, X, X],
                             members=world.a_members)  # fmt: skip
    Rating.objects.filter(campaign=campaign).update(recognition=True)
    stats = stats_queries.subtree_stats(world.superior, 2021)
    assert len(stats.recognitions) == 2 and stats.recognitions_total == 4
    monkeypatch.setattr(stats_queries, "RECOGNITIONS_SHOWN", 10)
    stats = stats_queries.subtree_stats(world.superior, 2021)
    assert len(stats.recognitions) == 4 == stats.recognitions_total
