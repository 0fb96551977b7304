"""The statistics of rating campaigns, counted in SQL (issue 9, item 5).

Counts by level come out of one ``GROUP BY`` with conditional ``COUNT``s, whatever the number of
members: per cell and for the whole organization of a campaign, and rolled up for a superior's
subtree (every campaign of a year below an organization, by materialized-path range — the
ratings' ``organization`` is the member's cell, so the subtree filter is on its path). Then
``evaluations.summary`` turns the counts into rows, shares and the sentence.

Which level counts:

- a finalized campaign, and the superior's roll-up: the **decided** level only (what the
  committee decided; a subject not yet decided is "pending");
- an open campaign's page: provisional figures — the decided level, else the proposed one —
  so officers see where the proposals lead before finalizing.

Queries: a campaign's page costs 2 (counts grouped by cell and subject kind with the cells'
names; the "tiêu biểu" recognitions), a subtree's 3 (counts grouped by campaign; the
recognitions; their total) — asserted in tests/evaluations/test_stats_queries.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from dangbo.accounts.scope import subtree_q
from dangbo.evaluations.models import (
    Campaign,
    CampaignStatus,
    LevelChoice,
    Rating,
    SubjectKindChoice,
)
from dangbo.evaluations.rulesets.base import Level
from dangbo.evaluations.summary import LevelCounts, summary_sentence, total

RECOGNITIONS_SHOWN = 200  # a subtree's recognitions listed on the page (the total is counted)

_KEYS = {
    Level.EXCELLENT: "n_excellent",
    Level.GOOD: "n_good",
    Level.COMPLETED: "n_completed",
    Level.NOT_COMPLETED: "n_not_completed",
}


def _level_q(level: Level, provisional: bool) -> Q:
    rated = Q(not_rated_reason="")
    if provisional:
        return rated & (Q(decided_level=level) | Q(decided_level="", proposed_level=level))
    return rated & Q(decided_level=level)


def _pending_q(provisional: bool) -> Q:
    pending = Q(not_rated_reason="", decided_level="")
    return pending & Q(proposed_level="") if provisional else pending


def _count_annotations(provisional: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        key: Count("id", filter=_level_q(level, provisional)) for level, key in _KEYS.items()
    }
    out["n_not_rated"] = Count("id", filter=~Q(not_rated_reason=""))
    out["n_pending"] = Count("id", filter=_pending_q(provisional))
    return out


def _counts(row: dict[str, Any]) -> LevelCounts:
    return LevelCounts(
        excellent=row["n_excellent"],
        good=row["n_good"],
        completed=row["n_completed"],
        not_completed=row["n_not_completed"],
        not_rated=row["n_not_rated"],
        pending=row["n_pending"],
    )


def level_label(level: str) -> str:
    """ "Hoàn thành xuất sắc nhiệm vụ" … in the UI language; "" for no level."""
    return str(LevelChoice(level).label) if level else ""


def _single_level(counts: LevelCounts) -> str:
    """The level of a one-subject group (a cell's own rating, the collective): "" if none."""
    for level in _KEYS:
        if counts.count(level):
            return level.value
    return ""


@dataclass
class CellStats:
    """One cell of a campaign: its members' counts and the cell's own level."""

    organization_id: int
    name: str
    path: str
    members: LevelCounts = field(default_factory=LevelCounts)
    level: str = ""  # the cell's own rating ("" none yet / not a rated cell)
    rated_cell: bool = False  # the cell is itself a subject of the campaign

    @property
    def level_label(self) -> str:
        return level_label(self.level)


@dataclass
class CampaignStats:
    campaign: Campaign
    provisional: bool
    cells: list[CellStats]
    cell_counts: LevelCounts  # the cells as subjects (collective ratings of cells)
    member_counts: LevelCounts  # all members of the organization
    collective_level: str  # the leadership collective ("" none yet)
    organization_level: str  # the grassroots organization itself
    recognitions: list[Rating]

    @property
    def collective_label(self) -> str:
        return level_label(self.collective_level)

    @property
    def sentence(self) -> str:
        return summary_sentence(
            self.cell_counts, self.member_counts, collective=self.collective_level or None
        )


def recognitions_qs(base: QuerySet[Rating]) -> QuerySet[Rating]:
    """Decided excellent with the "tiêu biểu" recognition: organizations first, then cells,
    then members (Vietnamese name order)."""
    kind_order = {
        SubjectKindChoice.ORGANIZATION: 0,
        SubjectKindChoice.COLLECTIVE: 1,
        SubjectKindChoice.CELL: 2,
        SubjectKindChoice.MEMBER: 3,
    }
    order = Case(
        *(When(subject_kind=k, then=Value(v)) for k, v in kind_order.items()),
        output_field=IntegerField(),
    )
    return (
        base.filter(decided_level=Level.EXCELLENT.value, recognition=True)
        .select_related("organization", "member", "campaign__organization")
        .order_by(order, "organization__path", "member__sort_key", "id")
    )


def campaign_stats(campaign: Campaign, *, provisional: bool | None = None) -> CampaignStats:
    """The statistics of one campaign (2 queries). ``provisional`` defaults to "the campaign is
    still open"."""
    if provisional is None:
        provisional = campaign.status == CampaignStatus.OPEN
    rows = (
        Rating.objects.filter(campaign=campaign)
        .values("organization_id", "organization__name", "organization__path", "subject_kind")
        .annotate(**_count_annotations(provisional))
        .order_by()
    )
    cells: dict[int, CellStats] = {}
    cell_counts = LevelCounts()
    collective = organization = ""
    for row in rows:
        counts = _counts(row)
        kind = row["subject_kind"]
        if kind == SubjectKindChoice.COLLECTIVE:
            collective = _single_level(counts)
            continue
        if kind == SubjectKindChoice.ORGANIZATION:
            organization = _single_level(counts)
            continue
        org_id = row["organization_id"]
        cell = cells.get(org_id)
        if cell is None:
            cell = cells[org_id] = CellStats(
                org_id, row["organization__name"], row["organization__path"]
            )
        if kind == SubjectKindChoice.CELL:
            cell.level = _single_level(counts)
            cell.rated_cell = True
            cell_counts = cell_counts + counts
        else:
            cell.members = cell.members + counts
    ordered = sorted(cells.values(), key=lambda c: c.path)
    return CampaignStats(
        campaign=campaign,
        provisional=provisional,
        cells=ordered,
        cell_counts=cell_counts,
        member_counts=total(c.members for c in ordered),
        collective_level=collective,
        organization_level=organization,
        recognitions=list(recognitions_qs(Rating.objects.filter(campaign=campaign))),
    )


@dataclass
class CampaignLine:
    """One campaign (grassroots organization) of a superior's subtree."""

    campaign_id: int
    name: str
    path: str
    status: str
    members: LevelCounts = field(default_factory=LevelCounts)
    cells: LevelCounts = field(default_factory=LevelCounts)
    collective_level: str = ""
    organization_level: str = ""

    @property
    def collective_label(self) -> str:
        return level_label(self.collective_level)

    @property
    def finalized(self) -> bool:
        return self.status == CampaignStatus.FINALIZED

    @property
    def sentence(self) -> str:
        return summary_sentence(self.cells, self.members, collective=self.collective_level or None)


@dataclass
class SubtreeStats:
    organization: Any
    year: int
    lines: list[CampaignLine]
    recognitions: list[Rating]
    recognitions_total: int

    @property
    def member_counts(self) -> LevelCounts:
        return total(line.members for line in self.lines)

    @property
    def cell_counts(self) -> LevelCounts:
        return total(line.cells for line in self.lines)

    @property
    def open_campaigns(self) -> int:
        return sum(1 for line in self.lines if not line.finalized)

    @property
    def sentence(self) -> str:
        return summary_sentence(self.cell_counts, self.member_counts)


def subtree_ratings(organization: Any, year: int) -> QuerySet[Rating]:
    """The ratings of ``year`` of every subject at or below ``organization`` (index-friendly
    path range, ``accounts.scope.subtree_q``)."""
    return Rating.objects.filter(
        subtree_q(organization.path, "organization__path"), campaign__year=year
    )


def subtree_stats(organization: Any, year: int) -> SubtreeStats:
    """Every campaign of ``year`` below ``organization``, decided levels only (3 queries)."""
    base = subtree_ratings(organization, year)
    rows = (
        base.values(
            "campaign_id",
            "campaign__organization__name",
            "campaign__organization__path",
            "campaign__status",
            "subject_kind",
        )  # fmt: skip
        .annotate(**_count_annotations(False))
        .order_by()
    )
    lines: dict[int, CampaignLine] = {}
    for row in rows:
        cid = row["campaign_id"]
        line = lines.get(cid)
        if line is None:
            line = lines[cid] = CampaignLine(
                cid, row["campaign__organization__name"], row["campaign__organization__path"],
                row["campaign__status"],
            )  # fmt: skip
        counts = _counts(row)
        kind = row["subject_kind"]
        if kind == SubjectKindChoice.MEMBER:
            line.members = line.members + counts
        elif kind == SubjectKindChoice.CELL:
            line.cells = line.cells + counts
        elif kind == SubjectKindChoice.COLLECTIVE:
            line.collective_level = _single_level(counts)
        else:
            line.organization_level = _single_level(counts)
    recognitions = recognitions_qs(base)
    shown = list(recognitions[:RECOGNITIONS_SHOWN])
    count = len(shown) if len(shown) < RECOGNITIONS_SHOWN else recognitions.count()
    return SubtreeStats(
        organization=organization,
        year=year,
        lines=sorted(lines.values(), key=lambda line: line.path),
        recognitions=shown,
        recognitions_total=count,
    )
