"""Awards, proposals and badge pages (issue 9, items 6 and 7): scoped (outsider 404, read-only
403), actions shown exactly when the predicate allows them, bounded queries on the lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from dangbo.awards import services
from dangbo.awards.models import Award, AwardProposal, BadgeAward
from tests.awards.factories import decided_campaign
from tests.factories import MemberFactory
from tests.responses import close_response

D = dt.date


def _get(client, user, url, **extra):
    client.force_login(user)
    response = client.get(url, **extra)
    close_response(response)
    return response


def _post(client, user, url, data):
    client.force_login(user)
    response = client.post(url, data)
    close_response(response)
    return response


def _awards(world, n):
    office = world.users["office"]
    for i in range(n):
        member = world.a_members[i % 3]
        services.award_create(actor=office, organization=world.hospital, recipient_kind="member",
                              member=member, kind="bang_khen", issuer_level="provincial_people",
                              year=2021, decision_number=f"{i}/QĐ-UBND")  # fmt: skip


def test_issue9_item6_the_register_shows_the_summary_sentence_of_the_year(client, world):
    _awards(world, 3)
    services.award_create(actor=world.users["office"], organization=world.hospital,
                          recipient_kind="organization", recipient_org=world.hospital,
                          kind="giay_khen", issuer_level="district_committee",
                          issuer_name="Quận ủy Hà Đông", year=2021)  # fmt: skip
    url = reverse("awards:list", args=[world.hospital.pk]) + "?nam=2021"
    html = _get(client, world.users["office"], url).content.decode()
    assert ("03 bằng khen cá nhân của UBND Thành phố; "
            "01 giấy khen tập thể của Quận ủy Hà Đông.") in html  # fmt: skip
    assert reverse("awards:create", args=[world.hospital.pk]) in html


@pytest.mark.parametrize(
    ("role", "org", "status", "add"),
    [
        ("office", "hospital", 200, True),
        ("reader", "hospital", 200, False),
        ("secretary", "cell_a", 200, False),  # her cell: read-only
        ("secretary", "hospital", 404, False),
        ("other_office", "hospital", 404, False),
        ("member", "cell_a", 404, False),
    ],
)
def test_issue9_item6_list_scope_and_the_add_link(client, world, role, org, status, add):
    org = getattr(world, org)
    response = _get(client, world.users[role], reverse("awards:list", args=[org.pk]))
    assert response.status_code == status
    create = reverse("awards:create", args=[org.pk])
    assert (create in response.content.decode()) is add
    create_status = _get(client, world.users[role], create).status_code
    assert create_status == (200 if add else (403 if status == 200 else 404))


def test_issue9_item6_the_register_list_has_bounded_queries(
    client, world, django_assert_max_num_queries
):
    _awards(world, 60)
    client.force_login(world.users["office"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("awards:list", args=[world.hospital.pk]) + "?nam=2021")
    close_response(response)
    assert response.status_code == 200 and response.content.decode().count("/sua/") == 50


def test_issue9_item6_create_and_edit_through_the_pages(client, world):
    office = world.users["office"]
    data = {"year": "2021", "kind": "bang_khen", "issuer_level": "prime_minister",
            "recipient_kind": "member", "member": world.a_members[0].pk,
            "decision_number": "2058/QĐ-TTg", "decided_on": "24/12/2021"}  # fmt: skip
    response = _post(client, office, reverse("awards:create", args=[world.hospital.pk]), data)
    assert response.status_code == 302
    award = Award.objects.get()
    assert award.decided_on == D(2021, 12, 24)
    edit = reverse("awards:edit", args=[award.pk])
    base = {"year": "2021", "kind": "bang_khen", "issuer_level": "prime_minister"}
    assert (
        _post(client, office, edit, {**base, "version": 1, "reason": "Covid-19"}).status_code == 302
    )
    stale = _post(client, office, edit, {**base, "version": 1, "reason": "Ghi đè"})
    assert stale.status_code == 200 and "người khác sửa" in stale.content.decode()
    award.refresh_from_db()
    assert award.reason == "Covid-19"
    assert _get(client, world.users["reader"], edit).status_code == 403
    assert _get(client, world.users["other_office"], edit).status_code == 404


def test_issue9_item6_the_form_names_a_wrong_recipient(client, world):
    data = {"year": "2021", "kind": "bang_khen", "issuer_level": "prime_minister",
            "recipient_kind": "member"}  # fmt: skip
    response = _post(client, world.users["office"],
                     reverse("awards:create", args=[world.hospital.pk]), data)  # fmt: skip
    assert response.status_code == 200
    assert "Chọn đảng viên được khen thưởng." in response.content.decode()


def test_hd21_the_proposal_form_lists_only_eligible_subjects(client, world):
    decided_campaign(world)
    url = reverse("awards:proposal_create", args=[world.hospital.pk]) + "?nam=2021"
    html = _get(client, world.users["office"], url).content.decode()
    a0, a1, a2 = world.a_members
    assert f'value="m{a0.pk}"' in html and f'value="m{a2.pk}"' in html
    assert f'value="o{world.cell_a.pk}"' in html and f'value="o{world.hospital.pk}"' in html
    assert f'value="m{a1.pk}"' not in html  # decided good
    assert f'value="m{world.b_members[0].pk}"' not in html  # not decided
    assert f'value="o{world.cell_b.pk}"' not in html
    # a crafted POST for an ineligible subject is refused by the form's choices
    data = {"subject": f"m{a1.pk}", "kind": "giay_khen", "issuer_level": "grassroots_committee"}
    assert _post(client, world.users["office"], url, data).status_code == 200
    data["subject"] = f"m{a0.pk}"
    assert _post(client, world.users["office"], url, data).status_code == 302
    proposal = AwardProposal.objects.get()
    page = reverse("awards:proposals", args=[world.hospital.pk])
    html = _get(client, world.users["office"], page).content.decode()
    assert reverse("awards:proposal_award", args=[proposal.pk]) in html
    reader_html = _get(client, world.users["reader"], page).content.decode()
    assert reverse("awards:proposal_award", args=[proposal.pk]) not in reader_html
    award_url = reverse("awards:proposal_award", args=[proposal.pk])
    done = _post(client, world.users["office"], award_url, {
        "version": 1, "issuer_level": "grassroots_committee", "decision_number": "15-QĐ/ĐU",
        "decided_on": "10/01/2022"})  # fmt: skip
    assert done.status_code == 302
    assert _get(client, world.users["office"], award_url).status_code == 403  # awarded: no more


def test_hd21_no_campaign_says_nobody_is_eligible(client, world):
    url = reverse("awards:proposal_create", args=[world.hospital.pk]) + "?nam=2020"
    html = _get(client, world.users["office"], url).content.decode()
    assert 'id="no-eligible"' in html


def test_hd01_2021_upcoming_badges_page_bounded_queries_and_record_link(
    client, world, django_assert_max_num_queries
):
    for i in range(70):
        MemberFactory(full_name=f"Nguyễn Văn Tuấn {i}", organization=world.cell_a,
                      admitted_on=D(1996, 1, 1) + dt.timedelta(days=i))  # fmt: skip
    client.force_login(world.users["office"])
    url = reverse("awards:badges", args=[world.hospital.pk]) + "?nam=2026"
    with django_assert_max_num_queries(10):
        response = client.get(url)
    close_response(response)
    html = response.content.decode()
    assert response.status_code == 200 and html.count("?moc=30") == 50
    assert "03/02/2026" in html and "70 đảng viên" in html
    reader = _get(client, world.users["reader"], url).content.decode()
    assert "?moc=30" not in reader


def test_hd01_2021_badge_record_page(client, world):
    m = MemberFactory(full_name="Ngô Văn Lâm", organization=world.cell_a,
                      admitted_on=D(1996, 5, 19))  # fmt: skip
    url = reverse("awards:badge_create", args=[m.pk]) + "?moc=30"
    assert _get(client, world.users["secretary"], url).status_code == 403
    assert _get(client, world.users["other_office"], url).status_code == 404
    page = _get(client, world.users["office"], url).content.decode()
    assert 'value="30" selected' in page
    early = _post(client, world.users["office"], url, {
        "milestone": 30, "circumstance": "normal", "presented_on": "03/02/2026"})  # fmt: skip
    assert early.status_code == 200 and "19/05/2026" in early.content.decode()
    ok = _post(client, world.users["office"], url, {
        "milestone": 30, "circumstance": "normal", "presented_on": "19/05/2026"})  # fmt: skip
    assert ok.status_code == 302 and BadgeAward.objects.filter(member=m).count() == 1
    register = reverse("awards:badge_register", args=[world.cell_a.pk])
    assert "Ngô Văn Lâm" in _get(client, world.users["secretary"], register).content.decode()


def test_the_menu_shows_awards_to_readers_only(client, world, rf):
    from dangbo.dashboard.context_processors import navigation

    for role, shown in (("office", True), ("reader", True), ("member", False),
                        ("communications", False)):  # fmt: skip
        request = rf.get("/")
        request.user = world.users[role]
        assert navigation(request)["nav"]["awards"] is shown, role
    assert _get(client, world.users["member"], reverse("awards:index")).status_code == 404
    html = _get(client, world.users["office"], reverse("awards:index")).content.decode()
    assert reverse("awards:list", args=[world.hospital.pk]) in html
