"""The rating pages (issue 9, items 1, 2 and 4): the campaign page, the proposal pages with
the live what-if preview (htmx), finalizing refused with the list, the member's own form, the
superior's re-rating and exception; scope (outsider 404, read-only 403); bounded queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dangbo.evaluations.models import Campaign, Rating
from dangbo.evaluations.rulesets.base import Level
from tests.evaluations.factories import (
    heads_justified,
    open_campaign,
    propose,
    ratings,
)
from tests.factories import MemberFactory, user_with_role
from tests.responses import close_response

EXC, GOOD = Level.EXCELLENT.value, Level.GOOD.value


@pytest.fixture
def campaign(world):
    return open_campaign(world)


def _login(client, world, role):
    client.force_login(world.users[role])
    return client


def _get(client, url, **extra):
    response = client.get(url, **extra)
    body = response.content.decode()
    close_response(response)
    return response.status_code, body


def _post(client, url, data, **extra):
    response = client.post(url, data, **extra)
    body = response.content.decode() if response.status_code == 200 else ""
    close_response(response)
    return response, body


def _many(world, n=20):
    return [MemberFactory(organization=world.cell_b) for _ in range(n)]


# ---- pages and the menu -----------------------------------------------------------------------
def test_menu_entry_and_index(client, world, campaign):
    """Issue 9 item 1: the menu leads to the campaigns; the office may open one."""
    status, body = _get(_login(client, world, "office"), reverse("evaluations:index"))
    assert status == 200
    assert reverse("evaluations:campaign", args=[campaign.pk]) in body
    assert reverse("evaluations:open") in body
    assert "Đánh giá, xếp loại" in body  # the menu entry


def test_secretary_and_member_reach_their_pages_from_the_index(client, world, campaign):
    status, body = _get(_login(client, world, "secretary"), reverse("evaluations:index"))
    assert reverse("evaluations:cell", args=[campaign.pk, world.cell_a.pk]) in body
    assert reverse("evaluations:open") not in body
    own = ratings(campaign)[f"member:{world.a_members[0].pk}"]
    status, body = _get(_login(client, world, "member"), reverse("evaluations:index"))
    assert reverse("evaluations:self_assess", args=[own.pk]) in body


def test_open_campaign_page(client, world):
    """Issue 9 item 1: the office opens the campaign with its deadlines (dd/mm/yyyy)."""
    c = _login(client, world, "office")
    response, _ = _post(c, reverse("evaluations:open"), {
        "organization": world.hospital.pk, "year": 2023, "self_assessment_due": "05/12/2023",
        "proposal_due": "15/12/2023", "decision_due": "25/12/2023", "cap_base": "good_or_above",
    })  # fmt: skip
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluations:campaign", args=[campaign.pk])
    assert campaign.proposal_due.isoformat() == "2023-12-15"
    response, body = _post(c, reverse("evaluations:open"),
                           {"organization": world.hospital.pk, "year": 2023,
                            "cap_base": "good_or_above"})  # fmt: skip
    assert response.status_code == 200 and "đã có đợt đánh giá năm 2023" in body


def test_campaign_page_shows_progress_not_rated_and_violations(
    client, world, campaign, django_assert_max_num_queries
):
    """Issue 9 items 1 and 4: steps' progress, the not-rated list with reasons, the violations
    panel with citations — in a bounded number of queries whatever the number of members."""
    _many(world)
    recent = MemberFactory(full_name="Lý Thị Mới", organization=world.cell_b,
                           admitted_on="2023-10-01")  # fmt: skip
    campaign.delete()
    campaign = open_campaign(world)
    keys = [k for k, r in ratings(campaign).items() if k.startswith("member:")
            and not r.not_rated_reason]  # fmt: skip
    propose(world.users["office"], campaign, dict.fromkeys(keys, EXC))
    c = _login(client, world, "office")
    with django_assert_max_num_queries(22):
        status, body = _get(c, reverse("evaluations:campaign", args=[campaign.pk]))
    assert status == 200
    assert "Lý Thị Mới" in body and "Vào Đảng chưa đủ 6 tháng" in body
    assert recent.full_name in body
    assert 'id="violations"' in body and "Lỗi — chặn quyết định" in body
    assert "Căn cứ" in body
    assert reverse("evaluations:cell", args=[campaign.pk, world.cell_a.pk]) in body
    assert 'action="' + reverse("evaluations:finalize", args=[campaign.pk]) in body


def test_proposal_page_rows_and_bounded_queries(client, world, django_assert_max_num_queries):
    """Issue 9 item 2: a row per member of the cell with a level select; bounded queries."""
    _many(world)
    campaign = open_campaign(world)
    c = _login(client, world, "office")
    with django_assert_max_num_queries(22):
        status, body = _get(c, reverse("evaluations:cell", args=[campaign.pk, world.cell_b.pk]))
    assert status == 200
    assert body.count('<select name="level_') == 21
    with django_assert_max_num_queries(22):
        status, body = _get(c, reverse("evaluations:office", args=[campaign.pk]))
    assert body.count('<select name="level_') == 4  # two cells, the collective, the organization


def test_live_preview_shows_the_cap_before_anything_is_saved(client, world, campaign):
    """Issue 9 item 4: the page posts the edited levels (htmx) to the preview, which runs the
    rules on the snapshot with those levels and answers the violations panel only."""
    c = _login(client, world, "office")
    page = reverse("evaluations:cell", args=[campaign.pk, world.cell_a.pk])
    status, body = _get(c, page)
    assert 'hx-post="' + reverse("evaluations:preview", args=[campaign.pk]) in body
    assert 'hx-target="#violations"' in body
    by_key = ratings(campaign)
    levels = {f"level_{by_key[f'member:{m.pk}'].pk}": EXC for m in world.a_members}
    preview = reverse("evaluations:preview", args=[campaign.pk])
    response, body = _post(
        c, preview, {**levels, "chi_bo": world.cell_a.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="violations"')
    assert "Xem trước với các mức đang sửa" in body
    assert "Lỗi — chặn quyết định" in body and world.a_members[0].full_name in body
    assert not Rating.objects.filter(campaign=campaign).exclude(proposed_level="").exists()
    # the same levels, lowered: no cap error
    levels = {k: GOOD for k in levels}
    response, body = _post(c, reverse("evaluations:preview", args=[campaign.pk]),
                           {**levels, "chi_bo": world.cell_a.pk})  # fmt: skip
    assert "Lỗi — chặn quyết định" not in body


def test_cell_page_saves_rows_and_refuses_a_stale_one(client, world, campaign):
    """Issue 9 item 2: the secretary saves her cell's proposals; a row another officer saved
    meanwhile is refused with a message on that row, nothing saved."""
    c = _login(client, world, "secretary")
    page = reverse("evaluations:cell", args=[campaign.pk, world.cell_a.pk])
    by_key = ratings(campaign)
    rows = [by_key[f"member:{m.pk}"] for m in world.a_members]
    data = {}
    for r in rows:
        data |= {f"level_{r.pk}": GOOD, f"version_{r.pk}": r.version, f"sick_{r.pk}": "0"}
    response, _ = _post(c, page, data)
    assert response.status_code == 302
    assert {r.proposed_level for r in Rating.objects.filter(pk__in=[r.pk for r in rows])} == {GOOD}
    data[f"level_{rows[0].pk}"] = EXC  # stale version 1
    response, body = _post(c, page, data)
    assert response.status_code == 200 and "vừa được secretary1 sửa lúc" in body
    assert Rating.objects.get(pk=rows[0].pk).proposed_level == GOOD


def test_finalize_refused_with_the_list_then_allowed(client, world, campaign):
    """Issue 9 item 4: finalizing is refused while errors remain (the page lists them), and
    goes through once they are fixed."""
    heads_justified(world, campaign)
    keys = [f"member:{m.pk}" for m in [*world.a_members, *world.b_members]]
    propose(world.users["office"], campaign, dict.fromkeys(keys, EXC))
    c = _login(client, world, "office")
    url = reverse("evaluations:finalize", args=[campaign.pk])
    response, body = _post(c, url, {"version": campaign.version})
    assert response.status_code == 200 and 'id="finalize-errors"' in body
    assert "Chưa quyết định được" in body
    propose(world.users["office"], campaign, dict.fromkeys(keys, GOOD))
    response, _ = _post(c, url, {"version": campaign.version})
    assert response.status_code == 302
    assert Campaign.objects.get().status == "finalized"


def test_self_assessment_page(client, world, campaign):
    """Issue 9 item 2 step 1: the member fills her own form; a colleague's is outside her
    scope (404); the office reads but does not fill it (403)."""
    own = ratings(campaign)[f"member:{world.a_members[0].pk}"]
    other = ratings(campaign)[f"member:{world.a_members[1].pk}"]
    c = _login(client, world, "member")
    url = reverse("evaluations:self_assess", args=[own.pk])
    status, body = _get(c, url)
    assert status == 200 and 'name="strengths"' in body
    assert 'id="criteria"' in body and "20%" in body  # the criteria of the year's rule set
    data = {"version": own.version, "level": GOOD, "strengths": "Tận tụy", "shortcomings": ""}
    response, _ = _post(c, url, data)
    assert response.status_code == 302
    assert Rating.objects.get(pk=own.pk).self_level == GOOD
    status, _ = _get(c, reverse("evaluations:self_assess", args=[other.pk]))
    assert status == 404
    status, _ = _get(_login(client, world, "office"), url)
    assert status == 403


def test_scope_outsider_404_and_read_only_403(client, world, campaign):
    """Issue 9 / issue 7: another hospital's office gets 404; the superior reader reads the
    campaign but may not propose, finalize or re-rate (403)."""
    page = reverse("evaluations:campaign", args=[campaign.pk])
    assert _get(_login(client, world, "other_office"), page)[0] == 404
    c = _login(client, world, "reader")
    assert _get(c, page)[0] == 200
    office_page = reverse("evaluations:office", args=[campaign.pk])
    assert _post(c, office_page, {})[0].status_code == 403
    assert _post(c, reverse("evaluations:finalize", args=[campaign.pk]), {})[0].status_code == 403
    assert _get(c, reverse("evaluations:exception", args=[campaign.pk]))[0] == 403


def test_superior_rerate_and_exception_pages(client, world, campaign):
    """Domain-rules §1.3 and decision 2: the superior committee's office re-rates a decided
    rating (the old level stays) and records the cap exception."""
    superior = user_with_role("captren2", "office", world.superior)
    c = client
    c.force_login(superior)
    response, _ = _post(c, reverse("evaluations:exception", args=[campaign.pk]),
                        {"version": campaign.version, "kind": "member",
                         "text": "12-QĐ/ĐU ngày 10/01/2024"})  # fmt: skip
    assert response.status_code == 302
    assert Campaign.objects.get().member_cap_exception == "12-QĐ/ĐU ngày 10/01/2024"
    r = ratings(campaign)[f"member:{world.a_members[0].pk}"]
    Rating.objects.filter(pk=r.pk).update(decided_level=GOOD)  # decided (finalize: services)
    url = reverse("evaluations:rerate", args=[r.pk])
    assert _get(_login(client, world, "office"), url)[0] == 403
    c.force_login(superior)
    response, _ = _post(c, url, {"version": r.version, "level": EXC, "reason": "Kết luận 3-KL"})
    assert response.status_code == 302
    r.refresh_from_db()
    assert (r.previous_level, r.decided_level) == (GOOD, EXC)
    status, body = _get(c, reverse("evaluations:cell", args=[campaign.pk, world.cell_a.pk]))
    assert "trước đó" in body and "Hoàn thành tốt nhiệm vụ" in body
