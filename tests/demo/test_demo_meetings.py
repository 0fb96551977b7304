"""The demo's meetings (issue 8, item 8; demo loaded once for the module): the seed story's
mid-year session of 29/06/2023 with four superior guests, the directive speech, the
secretary's conclusion creating tasks and the vote; twelve months of cell meetings with one
month missed and one meeting too short on the compliance board; the demo secretary's upcoming
meeting. Read through ``meetings.queries`` as the pages do."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from dangbo.accounts.models import Role
from dangbo.core.dates import add_months
from dangbo.demo import data
from dangbo.demo.meetings_demo import (
    GUESTS,
    MISSED,
    MONTHS,
    SESSION_CONCLUSIONS,
    SESSION_DAY,
    SHORT,
    SHORT_MINUTES,
    upcoming_day,
)
from dangbo.meetings import queries, rules
from dangbo.meetings.models import Attendance, Meeting, MeetingStatus, Minutes
from dangbo.organizations.models import CELL_KINDS, CommitteeMembership, Organization
from dangbo.targets.models import TaskStatus

pytestmark = pytest.mark.django_db


def user(username: str):
    return get_user_model().objects.get(username=username)


def session() -> Meeting:
    return Meeting.objects.get(organization__code="QDY", date=SESSION_DAY)


def test_session_has_four_superior_guests_with_ranks_and_positions(demo):
    """Item 8: four guests from the superior level, as published (synthetic names)."""
    detail = queries.meeting_detail(session())
    assert detail.meeting.kind == rules.MeetingKind.MID_YEAR_REVIEW
    assert detail.meeting.status == MeetingStatus.MINUTES_APPROVED
    assert len(detail.guests) == 4
    assert [g.rank for g in detail.guests] == ["Đại tá"] * 4
    assert detail.guests[0].display.endswith(
        ", Ủy viên Thường vụ Đảng ủy, Phó Chủ nhiệm Hậu cần Quân khu"
    )
    positions = [g.position for g in detail.guests]
    assert positions == [g.position for g in GUESTS]
    # Synthetic people: none of the published names.
    published = {"Lê Chí Dũng", "Bùi Tống Giang", "Trần Minh Hưng", "Trịnh Văn Minh"}
    assert not published & {g.full_name for g in detail.guests}


def test_session_invites_the_committee_with_two_absent_with_reasons(demo):
    """Item 8 / item 2: the executive committee serving on the day; two absent with reasons;
    the session is valid."""
    m = session()
    detail = queries.meeting_detail(m)
    serving = set(
        CommitteeMembership.objects.filter(
            committee__term__organization=m.organization, committee__kind="executive",
            committee__term__starts_on__lte=SESSION_DAY, committee__term__ends_on__gte=SESSION_DAY,
        ).values_list("member_id", flat=True)
    )  # fmt: skip
    assert {a.member_id for a in detail.attendances} == serving
    assert detail.counts.listed == 11
    assert detail.counts.full_present == 9
    assert detail.counts.absent_with_reason == 2
    assert detail.counts.guests_present == 4
    assert all(a.reason_label for a in detail.absentees)
    assert detail.quorum is not None and detail.quorum.valid
    present = {a.member_id for a in detail.attendances if a not in detail.absentees}
    assert m.chair_id in present and m.secretary_id in present


def test_session_speeches_directive_by_a_guest_and_conclusion_by_the_chair(demo):
    """Item 8 / item 4: report, discussion, the directive speech by the deputy head of
    logistics (a guest), the secretary's conclusion."""
    m = session()
    detail = queries.meeting_detail(m)
    kinds = [s.kind for s in detail.speeches]
    assert kinds[0] == "report" and kinds[-1] == "conclusion"
    assert {"contribution", "discussion", "directive"} <= set(kinds)
    directive = next(s for s in detail.speeches if s.kind == "directive")
    assert directive.guest is not None and directive.attendance_id is None
    assert directive.guest.position == "Phó Chủ nhiệm Hậu cần Quân khu"
    conclusion = detail.speeches[-1]
    assert conclusion.attendance.member_id == m.chair_id
    assert "hoàn chỉnh nghị quyết và các báo cáo" in conclusion.summary
    assert len(detail.agenda) >= 4


def test_session_conclusion_created_tasks_and_the_vote_passed(demo):
    """Item 8 / item 4: conclusions become tasks (responsible unit, deadline) of the targets
    app; the resolution passes by more than half of the members."""
    m = session()
    detail = queries.meeting_detail(m)
    assert len(detail.conclusions) == len(SESSION_CONCLUSIONS)
    for c, (text, deadline) in zip(detail.conclusions, SESSION_CONCLUSIONS, strict=True):
        task = c.task
        assert task is not None
        assert task.title == text and task.deadline == deadline == c.deadline
        assert task.organization_id == m.organization_id
        assert task.responsible_organization_id == m.organization_id
        assert task.responsible_department.name == "Phòng Chính trị"
        assert task.resolution is not None and task.resolution.year == 2023
        assert task.status == TaskStatus.DONE
    assert any("nghị quyết" in c.text.lower() for c in detail.conclusions)
    assert any("báo cáo" in c.text for c in detail.conclusions)
    [(vote, result)] = detail.votes
    assert result is not None and result.passed
    assert vote.votes_for == detail.counts.full_present


def test_session_minutes_generated_and_approved(demo):
    """Item 8 / item 5: the approved minutes of the session, generated from its records (the
    guests and absentees by name), dated the next day; the organization's place is set."""
    m = session()
    [row] = Minutes.objects.filter(meeting=m)
    assert not row.is_draft and row.approved_at.date() == SESSION_DAY + dt.timedelta(days=1)
    for g in GUESTS:
        assert g.full_name in row.text
    for a in queries.meeting_detail(m).absentees:
        assert a.member.full_name in row.text
    assert m.organization.place == "Biên Hòa"


def _window(today: dt.date) -> list[dt.date]:
    """The twelve complete months before the current one (first days)."""
    first = today.replace(day=1)
    return [add_months(first, -back) for back in range(MONTHS, 0, -1)]


def _demo_cells() -> list[Organization]:
    return [
        cell
        for code in ("QDY", "HD")
        for cell in Organization.objects.get_children(Organization.objects.get(code=code))
        if cell.kind in CELL_KINDS
    ]


def test_every_cell_meets_every_month_but_one_missed_month(demo):
    """Item 8: twelve months of cell meetings for every cell of both hospitals (the compliance
    board of a hospital shows each cell held), exactly one cell missing exactly one month."""
    today = timezone.localdate()
    window = _window(today)
    cells = _demo_cells()
    assert len(cells) == 18 + 33
    held = Meeting.objects.filter(kind="cell_regular", status=MeetingStatus.HELD)
    months: dict[str, set[dt.date]] = {c.code: set() for c in cells}
    for code, day in held.values_list("organization__code", "date"):
        months[code].add(day.replace(day=1))
    assert all(len(months[c.code] & set(window)) >= MONTHS - 1 for c in cells)
    gaps = {code: sorted(set(window) - got) for code, got in months.items() if set(window) - got}
    missed_cell, back = MISSED
    assert gaps == {missed_cell: [add_months(today.replace(day=1), -back)]}
    # one meeting a month, mid-month, on a weekday
    per_month = Counter((code, day.replace(day=1)) for code, day in
                        held.values_list("organization__code", "date"))  # fmt: skip
    assert max(per_month.values()) == 1
    days = list(held.values_list("date", flat=True))
    assert all(12 <= d.day <= 18 and d.weekday() < 5 for d in days)


def test_cell_meetings_last_90_to_150_minutes_with_realistic_attendance(demo):
    """Item 8 / item 3: 90–150 minutes (HD 42: ≥ 90, ≥ 120 when combined with a thematic
    session) except exactly one meeting too short; most present, a few absent with a standard
    reason, exempt members flagged and counted apart."""
    held = Meeting.objects.filter(kind="cell_regular", status=MeetingStatus.HELD)
    lengths = [(m.organization.code, m.minutes_long) for m in held.select_related("organization")]
    short = [(code, n) for code, n in lengths if n < 90]
    assert short == [(SHORT[0], SHORT_MINUTES)]
    assert all(90 <= n <= 150 for _code, n in lengths if n != SHORT_MINUTES)
    combined = held.filter(combined_thematic=True)
    assert combined.count() >= len(_demo_cells()) * 3  # a thematic session each quarter
    assert all(m.minutes_long >= 120 for m in combined)
    statuses = Counter(Attendance.objects.filter(meeting__in=held).values_list("status", flat=True))
    total = sum(statuses.values())
    assert statuses["present"] + statuses["late"] > 0.8 * total
    assert 0 < statuses["absent_with_reason"] < 0.15 * total
    excused = Attendance.objects.filter(meeting__in=held, status="absent_with_reason")
    assert all(a.reason_label for a in excused)
    reasons = set(excused.exclude(reason="").values_list("reason", flat=True))
    assert {"on_duty", "after_night_shift", "sick"} <= reasons  # the standard reasons
    exempt = Attendance.objects.filter(meeting__in=held, exempt=True)
    assert exempt.exists() and not exempt.filter(status="present").exists()


def test_compliance_board_shows_every_cell_held_but_one_missed_and_one_too_short(demo):
    """Item 8 / item 3: over the twelve past months the compliance board of the demo shows
    exactly one month missed and one too short; every other cell-month held."""
    today = timezone.localdate()
    window = set(_window(today))
    admin = user(data.ADMIN_USERNAME)
    seen: Counter[str] = Counter()
    for year in sorted({m.year for m in window}):
        for code in ("QDY", "HD"):
            root = Organization.objects.get(code=code)
            for row in queries.compliance_board(admin, root, year, today):
                for month in row.months:
                    if dt.date(year, month.month, 1) in window:
                        seen[(month.status, row.organization.code)] += 1
    statuses = Counter()
    for (status, _code), n in seen.items():
        statuses[status] += n
    assert seen[(rules.ComplianceStatus.MISSED, MISSED[0])] == 1
    assert seen[(rules.ComplianceStatus.TOO_SHORT, SHORT[0])] == 1
    assert statuses[rules.ComplianceStatus.MISSED] == 1
    assert statuses[rules.ComplianceStatus.TOO_SHORT] == 1
    assert statuses[rules.ComplianceStatus.HELD] == len(_demo_cells()) * MONTHS - 2


@pytest.mark.parametrize("hospital", data.HOSPITALS, ids=lambda h: h.code)
def test_secretary_has_an_upcoming_meeting_to_record(demo, hospital):
    """Item 8 / item 7: the demo secretary's cell meets in the next days; the attendance is
    not taken yet; the demo member is invited and sees it among her upcoming meetings."""
    today = timezone.localdate()
    secretary = next(a.username for a in hospital.accounts if a.kind == "cell_secretary")
    member = next(a.username for a in hospital.accounts if a.kind == "member")
    [meeting] = Meeting.objects.filter(
        organization__code=hospital.account_cell, date__gte=today, status=MeetingStatus.PLANNED
    )
    assert meeting.date == upcoming_day(today) and meeting.date.weekday() < 5
    assert meeting.attendance_taken_at is None
    assert meeting.agenda.exists()
    assert meeting.history.first().history_user == user(secretary)
    assert meeting in queries.upcoming_for(user(member), today)
    own = Role.objects.get(user__username=member, kind="member").member
    assert Attendance.objects.filter(meeting=meeting, member=own).exists()
    assert queries.own_attendance(user(member), today.year, today).exists() or today.month == 1


@pytest.mark.parametrize("hospital", data.HOSPITALS, ids=lambda h: h.code)
def test_the_demo_roles_find_the_meetings_on_their_pages(demo, client, hospital):
    """Item 8 (README demo table): the secretary opens the attendance page of her upcoming
    meeting; the member sees it on "Cuộc họp"; the office sees the compliance board."""
    today = timezone.localdate()
    secretary = next(a.username for a in hospital.accounts if a.kind == "cell_secretary")
    member = next(a.username for a in hospital.accounts if a.kind == "member")
    office = next(a.username for a in hospital.accounts if a.kind == "office")
    meeting = Meeting.objects.get(
        organization__code=hospital.account_cell, date__gte=today, status=MeetingStatus.PLANNED
    )
    client.force_login(user(secretary))
    response = client.get(reverse("meetings:attendance", args=[meeting.pk]))
    assert response.status_code == 200
    client.force_login(user(member))
    response = client.get(reverse("meetings:index"))
    assert response.status_code == 200
    assert reverse("meetings:detail", args=[meeting.pk]) in response.content.decode()
    client.force_login(user(office))
    root = Organization.objects.get(code=hospital.code)
    response = client.get(reverse("meetings:compliance", args=[root.pk]))
    assert response.status_code == 200
