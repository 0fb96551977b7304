"""Member pages: Vietnamese order, search without diacritics, edit with optimistic locking and
audit history, constant query counts on list pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangbo.members.models import Member
from tests.factories import MemberFactory


def test_cell_page_orders_by_given_name(client, world):
    client.force_login(world.users["secretary"])
    html = client.get(reverse("organizations:detail", args=[world.cell_a.pk])).content.decode()
    positions = [html.index(n) for n in ("Trần Văn An", "Nguyễn Thị Ánh", "Đào Thiện Tiến")]
    assert positions == sorted(positions)


@pytest.mark.parametrize("query", ["dao thien tien", "ĐÀO THIỆN", "thien tien", "Tiến"])
def test_search_ignores_diacritics_and_case(client, world, query):
    client.force_login(world.users["secretary"])
    html = client.get(reverse("members:search"), {"q": query}).content.decode()
    assert "Đào Thiện Tiến" in html
    assert "Nguyễn Thị Ánh" not in html


def test_search_by_card_number_and_department(client, world):
    client.force_login(world.users["office"])
    target = world.a_members[0]
    html = client.get(reverse("members:search"), {"q": target.card_number}).content.decode()
    assert "Đào Thiện Tiến" in html
    html = client.get(reverse("members:search"), {"q": "noi tong hop"}).content.decode()
    assert "Đào Thiện Tiến" in html and "Trần Văn An" not in html


def test_cell_page_htmx_search_returns_only_the_rows_fragment(client, world):
    client.force_login(world.users["secretary"])
    url = reverse("organizations:detail", args=[world.cell_a.pk])
    response = client.get(url, {"q": "dao thien"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="member-rows">')
    assert "Đào Thiện Tiến" in html and "Trần Văn An" not in html
    assert "<html" not in html


def _page_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_cell_member_list_uses_constant_queries(client, world):
    client.force_login(world.users["office"])
    url = reverse("organizations:detail", args=[world.cell_b.pk])
    small = _page_queries(client, url)
    MemberFactory.create_batch(200, organization=world.cell_b, department=world.dept_a)
    large = _page_queries(client, url)
    assert large == small
    assert large <= 12
    html = client.get(url).content.decode()
    assert "Trang 1/5" in html  # 201 members, 50 a page


@pytest.mark.django_db
def test_tree_search_and_probation_pages_use_constant_queries(client, world):
    client.force_login(world.users["office"])
    urls = [
        reverse("organizations:tree"),
        reverse("members:search") + "?q=van",
        reverse("members:probation"),
    ]
    due = dict(
        organization=world.cell_b, full_name="Hồ Văn Nam", status="probationary",
        admitted_on=dt.date.today() - dt.timedelta(days=330), full_on=None,
    )  # fmt: skip
    MemberFactory(**due)  # one row, so that every page has a non-empty list
    before = [_page_queries(client, u) for u in urls]
    MemberFactory.create_batch(120, **due)
    after = [_page_queries(client, u) for u in urls]
    assert before == after


def test_probation_page_lists_members_due_within_60_days(client, world):
    today = dt.date.today()
    due = MemberFactory(
        full_name="Vũ Thị Hạnh", organization=world.cell_a, status="probationary",
        admitted_on=today - dt.timedelta(days=340), full_on=None,
    )  # fmt: skip
    MemberFactory(
        full_name="Vũ Văn Khoa", organization=world.cell_a, status="probationary",
        admitted_on=today - dt.timedelta(days=100), full_on=None,
    )  # fmt: skip
    client.force_login(world.users["secretary"])
    html = client.get(reverse("members:probation")).content.decode()
    assert due.full_name in html and "Vũ Văn Khoa" not in html


def _form_data(member, **changes):
    data = {
        "full_name": member.full_name, "gender": member.gender,
        "date_of_birth": member.date_of_birth.strftime("%d/%m/%Y"),
        "ethnicity": member.ethnicity, "religion": member.religion, "home_town": "",
        "card_number": member.card_number, "dossier_number": "", "citizen_id": "",
        "admitted_on": member.admitted_on.strftime("%d/%m/%Y"),
        "full_on": member.full_on.strftime("%d/%m/%Y") if member.full_on else "",
        "status": member.status, "exempt_since": "", "suspended_since": "",
        "organization": member.organization_id, "department": member.department_id or "",
        "job_title": "", "professional_title": "", "military_rank": "", "phone": "",
        "email": "", "version": member.version,
    }  # fmt: skip
    data.update(changes)
    return data


def test_edit_saves_and_records_who_in_history(client, world):
    member = world.a_members[1]
    user = world.users["secretary"]
    client.force_login(user)
    url = reverse("members:edit", args=[member.pk])
    response = client.post(url, _form_data(member, professional_title="BS CKII"))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.professional_title == "BS CKII" and member.version == 2
    latest = member.history.latest()
    assert latest.history_user == user and latest.professional_title == "BS CKII"
    detail = client.get(reverse("members:detail", args=[member.pk])).content.decode()
    assert "secretary1" in detail


def test_concurrent_edit_is_refused_not_overwritten(client, world):
    member = world.a_members[1]
    client.force_login(world.users["office"])
    url = reverse("members:edit", args=[member.pk])
    stale = _form_data(member, job_title="Trưởng khoa")
    fresh = _form_data(member, job_title="Phó trưởng khoa")
    assert client.post(url, fresh).status_code == 302
    response = client.post(url, stale)  # carries the old version number
    assert response.status_code == 200
    assert "người khác sửa" in response.content.decode()
    member.refresh_from_db()
    assert member.job_title == "Phó trưởng khoa"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("card_number", "1234", "8 chữ số"),
        ("date_of_birth", "31/02/1980", "ngày"),
        ("admitted_on", "01/01/1990", "18 tuổi"),
        ("full_name", "", "bắt buộc"),
    ],
)
def test_bad_input_gives_vietnamese_error_and_changes_nothing(client, world, field, value, message):
    member = world.a_members[1]
    before = Member.objects.values().get(pk=member.pk)
    client.force_login(world.users["office"])
    response = client.post(
        reverse("members:edit", args=[member.pk]), _form_data(member, **{field: value})
    )
    assert response.status_code == 200
    assert message in response.content.decode().lower() or message in response.content.decode()
    assert Member.objects.values().get(pk=member.pk) == before


def test_secretary_cannot_move_member_into_another_cell(client, world):
    member = world.a_members[1]
    client.force_login(world.users["secretary"])
    response = client.post(
        reverse("members:edit", args=[member.pk]),
        _form_data(member, organization=world.cell_b.pk),
    )
    assert response.status_code == 200  # form refuses the choice
    member.refresh_from_db()
    assert member.organization_id == world.cell_a.pk


def test_edit_form_offers_the_hospital_departments_at_any_depth(client, world):
    from tests.factories import department, org

    province = org("Thành ủy", "superior", code="TU")
    city = org("Đảng bộ Sở", "superior", province, code="SO")
    hospital = org("Đảng bộ Bệnh viện C", "grassroots_committee", city, code="BVC")
    cell = org("Chi bộ Khoa Mắt", "cell", hospital, code="BVC-MAT")
    eye = department(hospital, "Khoa Mắt")
    member = MemberFactory(full_name="Lý Thị Mai", organization=cell)
    from tests.factories import user_with_role

    user = user_with_role("office-c", "office", hospital)
    client.force_login(user)
    html = client.get(reverse("members:edit", args=[member.pk])).content.decode()
    assert f'<option value="{eye.pk}">Khoa Mắt</option>' in html
    assert "Khoa Nội tổng hợp" not in html  # another hospital's department
