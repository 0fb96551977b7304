"""Issue 7, item 2: the office's daily jobs — add a member by form, change a member's status
(probation → full with the decision, transfer out, …), with the Charter's checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given
from hypothesis import strategies as st

from dangbo.core.errors import ConcurrentEdit
from dangbo.members import rules, services
from dangbo.members.models import Member, StatusChange

D = dt.date


def test_charter_art5_full_only_after_twelve_months_with_a_decision():
    kw = {"current": "probationary", "new": "full", "admitted_on": D(2025, 3, 15),
          "today": D(2026, 11, 29)}  # fmt: skip
    problems = rules.status_change_problems(changed_on=D(2026, 3, 14), decision_number="", **kw)
    assert [f for f, _ in problems] == ["changed_on", "decision_number"]
    assert "15/03/2026" in problems[0][1]
    assert rules.status_change_problems(changed_on=D(2026, 3, 15), decision_number="9", **kw) == []


def test_status_moves_and_future_dates_are_refused():
    today = D(2026, 11, 29)
    problems = rules.status_change_problems(
        current="deceased", new="full", changed_on=D(2026, 12, 1), admitted_on=None,
        decision_number="", today=today,
    )  # fmt: skip
    assert [f for f, _ in problems] == ["status", "changed_on"]
    assert rules.status_change_problems(
        current="full", new="transferred_out", changed_on=today, admitted_on=None,
        decision_number="", today=today,
    ) == []  # fmt: skip
    # A transferred member who comes back is recorded without a decision number.
    assert rules.status_change_problems(
        current="transferred_out", new="full", changed_on=today, admitted_on=None,
        decision_number="", today=today,
    ) == []  # fmt: skip


def test_office_adds_a_member_by_form_with_the_import_checks(client, world):
    client.force_login(world.users["secretary"])
    url = reverse("members:add")
    page = client.get(url + f"?chi-bo={world.cell_a.pk}")
    assert page.status_code == 200 and "Thêm đảng viên" in page.content.decode()
    data = {
        "full_name": "Hoàng Thị Mai", "gender": "female", "date_of_birth": "12/05/1990",
        "organization": world.cell_a.pk, "status": "probationary", "admitted_on": "03/02/2026",
    }  # fmt: skip
    bad = client.post(url, {**data, "admitted_on": "03/02/2005"})  # under 18 at admission
    assert bad.status_code == 200 and "18 tuổi" in bad.content.decode()
    assert not Member.objects.filter(full_name="Hoàng Thị Mai").exists()
    other = client.post(url, {**data, "organization": world.cell_b.pk})  # not her cell
    assert other.status_code == 200
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    member = Member.objects.get(full_name="Hoàng Thị Mai")
    assert member.organization == world.cell_a
    assert member.history.latest().history_user == world.users["secretary"]
    assert StatusChange.objects.filter(member=member, status="probationary").exists()
    client.force_login(world.users["reader"])
    assert client.get(url).status_code == 403
    client.force_login(world.users["communications"])
    assert client.get(url).status_code == 404


def test_office_recognises_a_member_as_full_with_the_decision(client, world):
    member = world.a_members[1]
    member.status, member.admitted_on, member.full_on = "probationary", D(2024, 5, 2), None
    member.save()
    client.force_login(world.users["office"])
    url = reverse("members:status", args=[member.pk])
    detail = client.get(reverse("members:detail", args=[member.pk])).content.decode()
    assert url in detail
    data = {"version": member.version, "status": "full", "changed_on": "05/05/2025",
            "decision_number": ""}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 200 and "số quyết định" in response.content.decode()
    response = client.post(url, {**data, "decision_number": "125-QĐ/ĐU"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.status, member.full_on) == ("full", D(2025, 5, 5))
    change = StatusChange.objects.filter(member=member).latest("id")
    assert change.note == "Quyết định số 125-QĐ/ĐU" and change.recorded_by == world.users["office"]
    # An older form is refused (concurrent edit), and read-only roles never see the page.
    with pytest.raises(ConcurrentEdit):
        services.member_set_status(
            actor=world.users["office"], member_id=member.pk, version=data["version"],
            status="transferred_out", changed_on=timezone.localdate(),
        )  # fmt: skip
    with pytest.raises(ValidationError):
        services.member_set_status(
            actor=world.users["office"], member_id=member.pk, version=member.version,
            status="probationary", changed_on=timezone.localdate(),
        )  # fmt: skip
    client.force_login(world.users["reader"])
    assert client.get(url).status_code == 403
    assert url not in client.get(reverse("members:detail", args=[member.pk])).content.decode()


@given(
    st.dates(min_value=D(1930, 1, 1), max_value=D(2010, 12, 31)),
    st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31)),
    st.sampled_from(sorted(rules.AGE_BANDS)),
)
@example(D(1996, 2, 29), D(2026, 2, 28), "30-39")  # a leap-day birthday turns 30 on 28/02
def test_issue7_item2_age_band_dates_agree_with_the_age(born, today, band):
    after, by = rules.birth_range(band, today)
    in_range = (after is None or born > after) and (by is None or born <= by)
    low, high = rules.AGE_BANDS[band]
    age = rules.age_on(born, today)
    assert in_range == ((low is None or age >= low) and (high is None or age < high))


def test_issue7_item2_member_list_filters_sorts_and_exports_the_filtered_list(client, world):
    import io

    from openpyxl import load_workbook

    a0, a1, a2 = world.a_members
    Member.objects.filter(pk=a0.pk).update(status="full", date_of_birth=D(1960, 1, 1),
                                           admitted_on=D(1990, 5, 2))  # fmt: skip
    Member.objects.filter(pk=a1.pk).update(status="probationary", date_of_birth=D(1995, 6, 1),
                                           admitted_on=D(2025, 7, 1), gender="female")  # fmt: skip
    Member.objects.filter(pk=a2.pk).update(status="full", date_of_birth=D(1988, 3, 3),
                                           admitted_on=D(2015, 9, 9))  # fmt: skip
    client.force_login(world.users["secretary"])
    url = reverse("members:search")

    def names(params):
        html = client.get(url, params).content.decode()
        return [n for n in ("Đào Thiện Tiến", "Nguyễn Thị Ánh", "Trần Văn An") if n in html]

    assert names({"trang_thai": "probationary"}) == ["Nguyễn Thị Ánh"]
    assert names({"gioi_tinh": "female"}) == ["Nguyễn Thị Ánh"]
    assert names({"nam": "2015"}) == ["Trần Văn An"]
    assert names({"tuoi": "tu-60"}) == ["Đào Thiện Tiến"]
    assert names({"tuoi": "30-39", "trang_thai": "full"}) == ["Trần Văn An"]
    assert names({"trang_thai": "removed"}) == []
    assert "Lê Văn Bảo" not in client.get(url, {"trang_thai": "full"}).content.decode()  # cell B
    html = client.get(url, {"trang_thai": "full", "sap_xep": "vao-dang"}).content.decode()
    assert html.index("Đào Thiện Tiến") < html.index("Trần Văn An")  # admitted 1990, 2015
    html = client.get(url, {"trang_thai": "full", "sap_xep": "tuoi"}).content.decode()
    assert html.index("Trần Văn An") < html.index("Đào Thiện Tiến")  # younger first
    # The filtered list exports as shown.
    assert 'id="export-filtered"' in client.get(url, {"trang_thai": "full"}).content.decode()
    response = client.get(reverse("members:export"), {"trang_thai": "full", "sap_xep": "tuoi"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert [r[0] for r in rows[1:]] == ["Trần Văn An", "Đào Thiện Tiến"]
