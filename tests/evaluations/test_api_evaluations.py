"""The evaluations API (issue 9, item 10): campaigns, ratings (read; propose and decide with
permissions), violations and statistics — scoped like the pages (404 outside, 403 read-only),
409 for a stale version, 422 with what is wrong."""

from __future__ import annotations

import pytest

from dangbo.evaluations.models import Rating
from tests.evaluations.factories import heads_justified, open_campaign, propose, ratings
from tests.evaluations.test_stats_queries import X, hadong_2021, make_campaign
from tests.factories import MemberFactory
from tests.responses import close_response

pytestmark = pytest.mark.django_db


def _call(client, user, method, url, data=None):
    client.force_login(user)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data or {}, content_type="application/json")
    close_response(response)
    return response.status_code, response.json() if response.content else None


# ---- reads ------------------------------------------------------------------------------------
def test_campaigns_list_and_detail_are_scoped(client, world):
    _hadong, _cells, c2021 = hadong_2021(world.superior)
    mine = make_campaign(world.hospital, [world.cell_a], [X], [X], members=world.a_members[:1],
                         year=2023, finalized=False)  # fmt: skip
    users = world.users
    status, body = _call(client, users["office"], "GET", "/api/campaigns")
    assert status == 200 and [c["id"] for c in body["items"]] == [mine.pk]
    item = body["items"][0]
    assert item["status"] == "open" and item["status_label"] == "Đang đánh giá"
    assert item["can_finalize"] and item["statistics_url"] == f"/danh-gia/{mine.pk}/thong-ke/"
    status, body = _call(client, users["reader"], "GET", "/api/campaigns?year=2021")
    assert [c["id"] for c in body["items"]] == [c2021.pk] and body["count"] == 1
    status, body = _call(client, users["reader"],
                         "GET", f"/api/campaigns?organization_id={world.hospital.pk}")  # fmt: skip
    assert [c["id"] for c in body["items"]] == [mine.pk]
    assert not _call(client, users["reader"], "GET", "/api/campaigns")[1]["items"][0][
        "can_finalize"
    ]
    assert _call(client, users["other_office"], "GET",
                 f"/api/campaigns?organization_id={world.hospital.pk}")[0] == 404  # fmt: skip
    assert _call(client, users["office"], "GET", f"/api/campaigns/{mine.pk}")[0] == 200
    for role in ("other_office", "secretary", "member"):
        assert _call(client, users[role], "GET", f"/api/campaigns/{mine.pk}")[0] == 404


def test_ratings_paginated_and_a_secretary_reads_her_cells(client, world):
    campaign = open_campaign(world)
    url = f"/api/campaigns/{campaign.pk}/ratings"
    status, body = _call(client, world.users["office"], "GET", url)
    # the organization, its collective, 2 cells, 4 members
    assert status == 200 and body["count"] == 8
    kinds = [r["subject_kind"] for r in body["items"]]
    assert kinds.count("member") == 4 and "collective" in kinds
    status, body = _call(client, world.users["secretary"], "GET", url)
    assert status == 200
    assert {r["organization_id"] for r in body["items"]} == {world.cell_a.pk}
    assert body["count"] == 4  # cell A itself and its three members
    member = next(r for r in body["items"] if r["subject_kind"] == "member")
    assert member["can_propose"] and member["name"] and member["level"] == ""
    status, body = _call(client, world.users["office"], "GET", url + "?subject_kind=cell")
    assert [r["subject_kind"] for r in body["items"]] == ["cell", "cell"]
    status, body = _call(
        client,
        world.users["office"],
        "GET",
        url + f"?organization_id={world.cell_b.pk}&subject_kind=member",
    )
    assert [r["member_id"] for r in body["items"]] == [world.b_members[0].pk]
    assert _call(client, world.users["office"], "GET", url + "?page=2")[1]["items"] == []
    assert _call(client, world.users["office"], "GET", url + "?subject_kind=x")[0] == 422
    for role in ("other_office", "member", "communications"):
        assert _call(client, world.users[role], "GET", url)[0] == 404


def test_statistics_of_seed_003(client, world):
    # issue 9 items 5 and 10 / seed 003: the same figures and sentence as the page
    _hospital, cells, campaign = hadong_2021(world.superior)
    status, body = _call(client, world.users["reader"], "GET",
                         f"/api/campaigns/{campaign.pk}/statistics")  # fmt: skip
    assert status == 200 and not body["provisional"]
    assert body["sentence"].startswith("7 chi bộ hoàn thành xuất sắc nhiệm vụ, 22 chi bộ")
    members = body["members"]
    assert (members["excellent"], members["good"], members["completed"], members["rated"]) == (
        51,
        205,
        5,
        261,
    )
    top = members["exclusive"][0]
    assert top["key"] == "htxsnv" and top["label"] == "Hoàn thành xuất sắc nhiệm vụ"
    assert top["percent_text"] == "19,5%" and top["percent"] == pytest.approx(5100 / 261)
    assert members["cumulative"][0]["count"] == 256
    assert members["cumulative"][0]["label"] == "Hoàn thành tốt nhiệm vụ trở lên"
    assert body["cells"]["good_or_above"] == 29 and body["collective_level"] == X
    assert len(body["by_cell"]) == 33 and body["by_cell"][0]["organization_id"] == cells[0].pk
    assert _call(client, world.users["other_office"], "GET",
                 f"/api/campaigns/{campaign.pk}/statistics")[0] == 404  # fmt: skip


def test_subtree_statistics(client, world):
    hadong, _cells, _campaign = hadong_2021(world.superior)
    Rating.objects.filter(subject_kind="organization").update(decided_level=X, recognition=True)
    url = f"/api/organizations/{world.superior.pk}/rating-statistics?year=2021"
    status, body = _call(client, world.users["reader"], "GET", url)
    assert status == 200 and body["members"]["rated"] == 261
    assert [c["organization_name"] for c in body["campaigns"]] == [hadong.name]
    assert body["recognitions"][0]["name"] == hadong.name and body["recognitions_total"] == 1
    assert _call(client, world.users["office"], "GET", url)[0] == 404  # not in its subtree
    assert (
        _call(client, world.users["reader"], "GET", url.replace("2021", "2020"))[1]["members"][
            "rated"
        ]
        == 0
    )


def test_violations_run_the_rule_set(client, world):
    # issue 9 items 3 and 10: 3 excellent of 4 members break the 20 % cap — an error, blocking
    campaign = open_campaign(world)
    members = [*world.a_members, *world.b_members]
    propose(
        world.users["office"],
        campaign,
        {f"member:{m.pk}": ("htxsnv" if i < 3 else "httnv") for i, m in enumerate(members)},
    )
    url = f"/api/campaigns/{campaign.pk}/violations"
    status, body = _call(client, world.users["office"], "GET", url)
    assert status == 200 and body["ruleset"]
    cap = next(v for v in body["items"] if v["code"] == "member_cap")
    assert cap["severity"] == "error" and cap["blocking"] and not cap["excepted"]
    assert world.a_members[0].full_name in cap["names"] and cap["citation"]
    assert _call(client, world.users["secretary"], "GET", url)[0] == 404


# ---- writes -----------------------------------------------------------------------------------
def test_propose_through_the_service(client, world):
    # issue 9 items 2 and 10: a secretary proposes her member's level; locking; permissions
    campaign = open_campaign(world)
    rating = ratings(campaign)[f"member:{world.a_members[1].pk}"]
    url = f"/api/ratings/{rating.pk}/proposal"
    data = {"version": rating.version, "level": "httnv", "note": "Gương mẫu"}
    status, body = _call(client, world.users["secretary"], "POST", url, data)
    assert status == 200, body
    assert body["proposed_level"] == "httnv" and body["version"] == rating.version + 1
    rating.refresh_from_db()
    assert rating.proposal_note == "Gương mẫu" and rating.proposed_by == world.users["secretary"]
    # the same (now stale) version again: 409, nothing overwritten
    status, body = _call(client, world.users["office"], "POST", url, data | {"level": "htnv"})
    assert status == 409 and "vừa được" in body["detail"]
    status, body = _call(client, world.users["office"], "POST", url,
                         {"version": rating.version, "level": "tot"})  # fmt: skip
    assert status == 422 and "level" in body["errors"]
    for role, expected in (("reader", 403), ("other_office", 404), ("communications", 404)):
        assert _call(client, world.users[role], "POST", url,
                     {"version": rating.version, "level": "htnv"})[0] == expected  # fmt: skip
    own = ratings(campaign)[f"member:{world.a_members[0].pk}"]  # the member's own rating
    assert _call(client, world.users["member"], "POST", f"/api/ratings/{own.pk}/proposal",
                 {"version": own.version, "level": "htxsnv"})[0] == 403  # fmt: skip
    rating.refresh_from_db()
    assert rating.proposed_level == "httnv"


def test_finalize_through_the_service(client, world):
    # issue 9 items 2, 4 and 10: refused with what blocks it, then decided; stale: 409
    extra = MemberFactory(full_name="Hồ Thị Cúc", organization=world.cell_b)
    campaign = open_campaign(world)
    members = [*world.a_members, *world.b_members, extra]
    url = f"/api/campaigns/{campaign.pk}/finalize"
    heads_justified(world, campaign)
    propose(
        world.users["office"],
        campaign,
        {f"member:{m.pk}": ("htxsnv" if i < 2 else "httnv") for i, m in enumerate(members)},
    )
    campaign.refresh_from_db()
    status, body = _call(client, world.users["office"], "POST", url, {"version": campaign.version})
    assert status == 422 and body["errors"]["__all__"][0].startswith("Chưa quyết định được")
    assert _call(client, world.users["reader"], "POST", url,
                 {"version": campaign.version})[0] == 403  # fmt: skip
    assert _call(client, world.users["secretary"], "POST", url,
                 {"version": campaign.version})[0] == 404  # fmt: skip
    # 1 excellent of 5 (5 × 1 ≤ 1 + 4): allowed
    propose(world.users["office"], campaign, {f"member:{members[1].pk}": "httnv"})
    status, body = _call(client, world.users["office"], "POST", url,
                         {"version": campaign.version + 1})  # fmt: skip
    assert status == 409
    status, body = _call(client, world.users["office"], "POST", url, {"version": campaign.version})
    assert status == 200, body
    assert body["status"] == "finalized" and not body["can_finalize"]
    assert Rating.objects.filter(campaign=campaign, decided_level="htxsnv").count() == 1
    status, body = _call(client, world.users["office"], "GET",
                         f"/api/campaigns/{campaign.pk}/statistics")  # fmt: skip
    assert not body["provisional"] and body["members"]["good"] == 4
