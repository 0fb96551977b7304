"""Issue 7, item 2: the office's daily jobs — add a member by form, change a member's status
(probation → full with the decision, transfer out, …), with the Charter's checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from dangbo.core.errors import ConcurrentEdit, ValidationFailed
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
    with pytest.raises(ValidationFailed):
        services.member_set_status(
            actor=world.users["office"], member_id=member.pk, version=member.version,
            status="probationary", changed_on=timezone.localdate(),
        )  # fmt: skip
    client.force_login(world.users["reader"])
    assert client.get(url).status_code == 403
    assert url not in client.get(reverse("members:detail", args=[member.pk])).content.decode()
