"""Demo meetings (issue 8, item 8). Vietnamese record data, not UI text (no msgids here).

1. The seed story (``../shared/seeds/000_0561e7b2293efe3c.txt``) with synthetic names: the
   mid-year session of the Đảng ủy Bệnh viện Quân dân y miền Đông on 29/06/2023 — the
   2020–2025 executive committee invited (two absent with reasons), four guests from the
   Cục Hậu cần Quân khu 7 with the ranks and positions as published, the agenda, the report,
   the discussion, the directive speech of the deputy head of logistics, the secretary's
   conclusion asking the staff office to complete the resolution and the reports (tasks of the
   targets app, done since), the vote passing the resolution; status "held" (minutes: another
   part of issue 8).
2. Twelve complete months of monthly cell meetings before the current month (and this month's,
   when already past) for every cell of both hospitals, mid-month, with realistic attendance
   (a few absent with the standard reasons, exempt members flagged and counted apart), 90–150
   minutes, a regular meeting combined with a thematic session once a quarter (≥ 120 minutes),
   exactly one meeting too short (75 minutes, HD-CB09) and one month missed (QDY-CB06): the
   compliance board shows every cell held, with one too short and one missed.
3. The next regular meeting of each demo secretary's cell, a few days ahead, planned with its
   agenda and no attendance yet: ``bithu.*`` records it, ``dangvien.*`` sees it coming.
4. The second seed story (``../shared/seeds/003_759f5f433e2f91cc.txt``; issue 10, item 7): the
   year-end review conference of the Đảng bộ Bệnh viện Đa khoa Hà Đông on 14/01/2022 (2021
   results, directions for 2022), presided by the secretary, the director of the hospital
   (``load_yearend_review``, loaded after the 2021 ratings by ``evaluations_demo``).

The session and the upcoming meetings go through ``meetings.services`` as the office or the
cell secretary (permissions, version, history, tasks as in the app). The session invites the
executive committee serving on the day (``queries.invitable_members`` for a committee session;
the service invites the whole đảng bộ for a mid-year review conference). The historical cell
meetings are bulk-created (with history, no user) from the same invitation rules, to keep
``make run`` fast. Everything is drawn from a ``random.Random`` seeded per cell; only the
months move with ``today``.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from dangbo.core.dates import add_months
from dangbo.meetings import queries, services
from dangbo.meetings.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    SpeechKind,
)
from dangbo.meetings.rules import AbsenceReason, AttendanceStatus, MeetingKind
from dangbo.members.models import ACTIVE_STATUSES, Member
from dangbo.organizations.models import (
    CELL_KINDS,
    CommitteeMembership,
    Department,
    Organization,
)
from dangbo.targets.models import Resolution, TaskStatus
from dangbo.targets.services import task_update

PRESENT = AttendanceStatus.PRESENT.value
LATE = AttendanceStatus.LATE.value
EXCUSED = AttendanceStatus.ABSENT_WITH_REASON.value
UNEXCUSED = AttendanceStatus.ABSENT_WITHOUT_REASON.value

# ---- 1. the mid-year session of 29/06/2023 ---------------------------------------------------
SESSION_DAY = dt.date(2023, 6, 29)
SESSION_TITLE = "Hội nghị Đảng ủy Bệnh viện phiên 6 tháng đầu năm 2023"
SESSION_PLACE = "Hội trường Bệnh viện Quân dân y miền Đông"
GUEST_ORG = "Cục Hậu cần Quân khu 7"
PLACES = {"QDY": "Biên Hòa", "HD": "Hà Đông"}  # the organizations' place for the date line


@dataclass(frozen=True)
class GuestSpec:
    full_name: str  # synthetic
    rank: str
    title: str
    position: str
    organization: str = ""


# Ranks and positions as published; the names are made up.
GUESTS = (
    GuestSpec("Phạm Quốc Thành", "Đại tá", "Ủy viên Thường vụ Đảng ủy",
              "Phó Chủ nhiệm Hậu cần Quân khu"),
    GuestSpec("Đỗ Văn Khải", "Đại tá", "", "Trưởng phòng Tham mưu", GUEST_ORG),
    GuestSpec("Vũ Đình Lộc", "Đại tá", "", "Trưởng phòng Quân y", GUEST_ORG),
    GuestSpec("Hồ Sỹ Nghĩa", "Đại tá", "", "Phó Chủ nhiệm Chính trị Cục Hậu cần"),
)  # fmt: skip

SESSION_AGENDA = (
    ("Báo cáo kết quả lãnh đạo thực hiện nhiệm vụ 6 tháng đầu năm, phương hướng, nhiệm vụ "
     "6 tháng cuối năm 2023", "deputy_secretary", 30),
    ("Thảo luận, đóng góp ý kiến vào dự thảo báo cáo và dự thảo nghị quyết", "", 60),
    ("Phát biểu chỉ đạo của đại biểu cấp trên", "guest", 20),
    ("Kết luận hội nghị; biểu quyết thông qua nghị quyết lãnh đạo thực hiện nhiệm vụ 6 tháng "
     "cuối năm 2023", "secretary", 25),
)  # fmt: skip

REPORT = (
    "Trong 6 tháng đầu năm 2023, Đảng ủy Bệnh viện đã lãnh đạo, chỉ đạo quán triệt, triển khai "
    "thực hiện Nghị quyết Đại hội Đảng các cấp, Nghị quyết của Quân khu về lãnh đạo thực hiện "
    "nhiệm vụ năm 2023; lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 "
    "chỉ tiêu, chưa thực hiện 3 chỉ tiêu, có 3 chỉ tiêu chưa đạt. Tổ chức tốt công tác thu dung "
    "điều trị, nâng cao chất lượng các hoạt động dịch vụ, giao cơ chế tự chủ cho một số khoa; "
    "lãnh đạo xây dựng Bệnh viện vững mạnh toàn diện “Mẫu mực” tiêu biểu và xây dựng Đảng bộ."
)
DISCUSSION = (
    ("contribution", "Trưởng khoa",
     "Đánh giá tiến độ công tác thu dung điều trị 6 tháng đầu năm; đề xuất giải pháp giảm thời "
     "gian chờ khám, nâng cao chất lượng phục vụ người bệnh trong 6 tháng cuối năm."),
    ("discussion", "Trưởng phòng",
     "Góp ý về cơ chế tự chủ của các khoa, công tác kiểm tra, kiểm soát và tiến độ dự án nâng "
     "cấp, mở rộng khu điều trị 260 giường."),
    ("discussion", "Phó Chính ủy",
     "Góp ý về công tác quán triệt, cụ thể hóa nghị quyết của đảng ủy cấp trên, củng cố tổ chức "
     "cơ sở đảng và nâng cao chất lượng đội ngũ đảng viên."),
)  # fmt: skip
DIRECTIVE = (
    "Ghi nhận, đánh giá cao những kết quả Bệnh viện đạt được trong 6 tháng đầu năm; yêu cầu "
    "trong 6 tháng cuối năm 2023 Đảng ủy Bệnh viện tiếp tục quán triệt, triển khai thực hiện sâu "
    "sắc các nghị quyết, chỉ thị, quy định, hướng dẫn của cấp trên sát với đặc điểm, yêu cầu "
    "nhiệm vụ của đơn vị; đổi mới nâng cao chất lượng phục vụ người bệnh; đẩy mạnh nghiên cứu "
    "khoa học, sáng kiến, cải tiến kỹ thuật; thực hiện tốt công tác chính sách, dân vận; đẩy "
    "nhanh tiến độ dự án nâng cấp, mở rộng khu điều trị 260 giường; quan tâm lãnh đạo các tổ "
    "chức quần chúng hoạt động hiệu quả."
)
CONCLUSION = (
    "Thay mặt Đảng ủy Bệnh viện tiếp thu ý kiến đóng góp của các đại biểu; đề nghị cơ quan tham "
    "mưu ghi nhận, bổ sung, hoàn chỉnh nghị quyết và các báo cáo để ban hành. Đề nghị cấp ủy các "
    "chi bộ, từng cán bộ, đảng viên nỗ lực phấn đấu, nhất quán nhận thức và hành động, khắc phục "
    "hạn chế, khuyết điểm, đoàn kết, thống nhất hoàn thành các chỉ tiêu Nghị quyết năm 2023."
)
# (text, deadline): the office (Phòng Chính trị) of the hospital is responsible for each.
SESSION_CONCLUSIONS = (
    ("Tiếp thu ý kiến đóng góp của đại biểu, bổ sung, hoàn chỉnh Nghị quyết lãnh đạo thực hiện "
     "nhiệm vụ 6 tháng cuối năm 2023, trình Thường vụ Đảng ủy ký ban hành",
     dt.date(2023, 7, 5)),
    ("Hoàn chỉnh báo cáo sơ kết 6 tháng đầu năm 2023, gửi Đảng ủy Cục Hậu cần Quân khu 7",
     dt.date(2023, 7, 7)),
    ("Hướng dẫn cấp ủy các chi bộ quán triệt kết luận hội nghị, xây dựng kế hoạch thực hiện các "
     "chỉ tiêu chưa đạt, chưa thực hiện trong 6 tháng cuối năm 2023", dt.date(2023, 7, 15)),
)  # fmt: skip
SESSION_VOTE = "Thông qua Nghị quyết lãnh đạo thực hiện nhiệm vụ 6 tháng cuối năm 2023"
# Committee seats (role, job title) absent from the session, with their reasons.
SESSION_ABSENT = (
    ("member", "Trưởng khoa", AbsenceReason.BUSINESS_TRIP, "Dự tập huấn tại Bộ Quốc phòng"),
    ("member", "Phó Giám đốc", AbsenceReason.ON_DUTY, "Trực chỉ huy Bệnh viện"),
)

# ---- 2. monthly cell meetings ----------------------------------------------------------------
MONTHS = 12
MEETING_FROM_DAY = 12  # mid-month: the cell meets on the first of its weekdays from the 12th
WEEKDAYS = (1, 2, 3)  # Tuesday, Wednesday, Thursday (drawn per cell)
STARTS = (dt.time(14, 0), dt.time(14, 30), dt.time(15, 30), dt.time(16, 0))
MISSED = ("QDY-CB06", 4)  # the one cell that missed a month: months before the current one
SHORT = ("HD-CB09", 3)  # the one meeting too short (75 minutes): months before the current one


DURATIONS = (90, 95, 100, 105, 110, 120, 120, 130, 135, 150)
SHORT_MINUTES = 75
COMBINED_MINUTES = 135
THEMES = (
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về y đức, "
    "“Lương y phải như từ mẫu”"
)
REASONS = (  # the standard reason, and a detail only where it adds to the reason's label
    (AbsenceReason.ON_DUTY, "Trực phòng mổ"),
    (AbsenceReason.AFTER_NIGHT_SHIFT, ""),
    (AbsenceReason.SICK, ""),
    (AbsenceReason.ON_LEAVE, ""),
    (AbsenceReason.BUSINESS_TRIP, "Đi học chuyên khoa"),
)
UPCOMING_AHEAD = 2  # days: the demo secretary's next meeting is at least this far ahead


def _aware(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


def _plus(at: dt.time, minutes: int) -> dt.time:
    return (dt.datetime.combine(dt.date(2000, 1, 1), at) + dt.timedelta(minutes=minutes)).time()


def _meeting_day(month: dt.date, weekday: int) -> dt.date:
    day = month.replace(day=MEETING_FROM_DAY)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def _cell_officers(cell: Organization) -> dict[str, Member]:
    """The current cell committee by role (secretary, deputy_secretary, member)."""
    out: dict[str, Member] = {}
    for seat in (
        CommitteeMembership.objects.filter(
            committee__term__organization=cell, committee__term__ends_on__isnull=True
        )
        .select_related("member")
        .order_by("id")
    ):
        out.setdefault(seat.role, seat.member)
    return out


# ---- 1 ----------------------------------------------------------------------------------------
def load_session() -> Meeting:
    """The seed story's session, through the services as the office of the hospital."""
    hospital = Organization.objects.get(code="QDY")
    office = _user("vanphong.qdy")
    invited = queries.invitable_members(hospital, MeetingKind.COMMITTEE_REGULAR, SESSION_DAY)
    roles = {
        s.member_id: s.role
        for s in CommitteeMembership.objects.filter(
            committee__term__organization=hospital, committee__kind="executive",
            committee__term__starts_on__lte=SESSION_DAY, committee__term__ends_on__gte=SESSION_DAY,
        )
    }  # fmt: skip
    by_role: dict[str, list[Member]] = {}
    for m in invited:
        by_role.setdefault(roles[m.pk], []).append(m)
    chair = by_role["secretary"][0]
    deputy = by_role["deputy_secretary"][0]
    clerk = next(m for m in by_role["standing_member"] if m.job_title == "Trưởng phòng")
    meeting = Meeting(
        organization=hospital, kind=MeetingKind.MID_YEAR_REVIEW, title=SESSION_TITLE,
        date=SESSION_DAY, start_time=dt.time(13, 30), end_time=dt.time(16, 30),
        place=SESSION_PLACE, chair=chair, secretary=clerk,
    )  # fmt: skip
    meeting._history_user = office  # type: ignore[attr-defined]
    meeting.save()
    # The Đảng ủy's session invites its executive committee (not the whole đảng bộ).
    rows = [Attendance(meeting=meeting, member=m, **queries.attendance_flags(m, SESSION_DAY))
            for m in invited]  # fmt: skip
    bulk_create_with_history(rows, Attendance, default_user=office)

    def version() -> int:
        return int(Meeting.objects.values_list("version", flat=True).get(pk=meeting.pk))

    presenters = {"deputy_secretary": deputy, "secretary": chair}
    guests = []
    for g in GUESTS:
        guests.append(services.guest_add(
            actor=office, meeting_id=meeting.pk, version=version(), full_name=g.full_name,
            rank=g.rank, title=g.title, position=g.position, organization=g.organization,
        ))  # fmt: skip
    for title, who, minutes in SESSION_AGENDA:
        presenter = guests[0].display if who == "guest" else ""
        if who in presenters:
            presenter = presenters[who].full_name
        services.agenda_item_add(
            actor=office, meeting_id=meeting.pk, version=version(), title=title,
            presenter=presenter, minutes=minutes,
        )  # fmt: skip
    attendances = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    absent: dict[int, dict[str, Any]] = {}
    taken = {chair.pk, deputy.pk, clerk.pk}
    for role, job, reason, text in SESSION_ABSENT:
        m = next(
            m for m in by_role[role]
            if m.job_title == job and m.pk not in taken and m.pk not in absent
        )  # fmt: skip
        absent[m.pk] = {"status": EXCUSED, "reason": reason.value, "reason_text": text}
    services.attendance_record(
        actor=office, meeting_id=meeting.pk, version=version(),
        rows={a.pk: absent.get(mid, {"status": PRESENT}) for mid, a in attendances.items()},
    )  # fmt: skip
    services.speech_add(actor=office, meeting_id=meeting.pk, version=version(),
                        kind=SpeechKind.REPORT, attendance_id=attendances[deputy.pk].pk,
                        summary=REPORT)  # fmt: skip
    speakers = [m for m in invited if m.pk not in absent and m.pk not in taken]
    for kind, job, summary in DISCUSSION:
        speaker = next(m for m in speakers if m.job_title == job)
        speakers.remove(speaker)
        services.speech_add(actor=office, meeting_id=meeting.pk, version=version(), kind=kind,
                            attendance_id=attendances[speaker.pk].pk, summary=summary)  # fmt: skip
    services.speech_add(actor=office, meeting_id=meeting.pk, version=version(),
                        kind=SpeechKind.DIRECTIVE, guest_id=guests[0].pk,
                        summary=DIRECTIVE)  # fmt: skip
    services.speech_add(actor=office, meeting_id=meeting.pk, version=version(),
                        kind=SpeechKind.CONCLUSION, attendance_id=attendances[chair.pk].pk,
                        summary=CONCLUSION)  # fmt: skip
    present = len(attendances) - len(absent)
    services.vote_add(actor=office, meeting_id=meeting.pk, version=version(),
                      matter=SESSION_VOTE, votes_for=present)  # fmt: skip
    political = Department.objects.get(organization=hospital, name="Phòng Chính trị")
    resolution = Resolution.objects.filter(organization=hospital, year=2023).first()
    for text, deadline in SESSION_CONCLUSIONS:
        conclusion = services.conclusion_add(
            actor=office, meeting_id=meeting.pk, version=version(), text=text,
            responsible_organization=hospital, deadline=deadline,
        )  # fmt: skip
        task = conclusion.task
        assert task is not None
        task.responsible_department, task.resolution = political, resolution
        task.save(update_fields=["responsible_department", "resolution"])
        task_update(actor=office, task_id=task.pk, status=TaskStatus.DONE, version=task.version,
                    note=f"Đã hoàn thành trước ngày {deadline:%d/%m/%Y}.")  # fmt: skip
    services.meeting_mark_held(actor=office, meeting_id=meeting.pk, version=version())
    # Attendance was taken on the day, not when the demo was loaded.
    Meeting.objects.filter(pk=meeting.pk).update(
        attendance_taken_at=_aware(SESSION_DAY, dt.time(13, 40))
    )
    _approve_minutes(office, meeting)
    meeting.refresh_from_db()
    return meeting


def _approve_minutes(office: Any, meeting: Meeting) -> None:
    """The minutes generated from the session's records, approved the next morning (which
    locks the meeting), through the minutes services."""
    from dangbo.meetings.minutes_services import minutes_approve, minutes_create

    for code, place in PLACES.items():  # the date line's place, unless already set
        Organization.objects.filter(code=code, place="").update(place=place)
    draft = minutes_create(actor=office, meeting_id=meeting.pk)
    row = minutes_approve(actor=office, minutes_id=draft.pk, version=draft.version)
    type(row).objects.filter(pk=row.pk).update(
        approved_at=_aware(SESSION_DAY + dt.timedelta(days=1), dt.time(9, 0))
    )


# ---- 2 ----------------------------------------------------------------------------------------
def _attendance(
    rng: random.Random, m: Member, day: dt.date, keep: set[int], meeting: Meeting
) -> Attendance:
    probationary = m.full_on is None or m.full_on > day  # invited: admitted on or before
    exempt = m.exempt_since is not None and m.exempt_since <= day
    suspended = m.suspended_since is not None and m.suspended_since <= day
    row = Attendance(meeting=meeting, member=m, probationary=probationary, exempt=exempt,
                     suspended=suspended)  # fmt: skip
    draw = rng.random()
    if exempt:
        row.status, row.reason_text = EXCUSED, services.exempt_reason()
    elif suspended:
        row.status, row.reason_text = EXCUSED, "Đang bị đình chỉ sinh hoạt đảng"
    elif m.pk in keep or draw < 0.86:
        row.status = PRESENT
    elif draw < 0.90:
        row.status = LATE
    elif draw < 0.985:
        reason, text = rng.choice(REASONS)
        row.status, row.reason, row.reason_text = EXCUSED, reason.value, text
    else:
        row.status = UNEXCUSED
    return row


def _cells_with_people() -> list[tuple[Organization, list[Member], dict[str, Member]]]:
    """Every cell of the demo hospitals (by path) with its active members (Vietnamese order)
    and its current committee by role (secretary, deputy_secretary, member): four queries."""
    cells = [
        cell
        for hospital in Organization.objects.filter(code__in=list(PLACES)).order_by("path")
        for cell in Organization.objects.get_children(hospital).filter(kind__in=CELL_KINDS)
    ]
    members: dict[int, list[Member]] = {c.pk: [] for c in cells}
    for m in Member.objects.filter(organization__in=cells, status__in=ACTIVE_STATUSES).order_by(
        "sort_key", "id"
    ):
        members[m.organization_id].append(m)
    by_id = {m.pk: m for people in members.values() for m in people}
    officers: dict[int, dict[str, Member]] = {c.pk: {} for c in cells}
    seats = CommitteeMembership.objects.filter(
        committee__term__organization__in=cells, committee__term__ends_on__isnull=True
    ).order_by("id")
    for org_id, role, member_id in seats.values_list(
        "committee__term__organization_id", "role", "member_id"
    ):
        if member_id in by_id:
            officers[org_id].setdefault(role, by_id[member_id])
    return [(c, members[c.pk], officers[c.pk]) for c in cells]


def load_cell_meetings(today: dt.date) -> list[Meeting]:
    """Twelve complete months of monthly meetings (plus this month's when already past) for
    every cell of both hospitals, mid-month, 90–150 minutes, a regular meeting combined with a
    thematic session once a quarter (135 minutes), realistic attendance; exactly one month
    missed (``MISSED``) and one meeting too short (``SHORT``). The account cells' meeting of
    this month is the upcoming one. Bulk-created with history (no user): a few queries."""
    first_of_month = today.replace(day=1)
    account_cells = _account_cells()
    next_month = add_months(first_of_month, 1)
    meetings: list[Meeting] = []
    agenda: list[AgendaItem] = []
    rows: list[Attendance] = []
    for index, (cell, members, officers) in enumerate(_cells_with_people()):
        if not members:
            continue
        rng = random.Random(f"meetings:{cell.code}")
        weekday, start = rng.choice(WEEKDAYS), rng.choice(STARTS)
        chair = officers.get("secretary") or members[0]
        clerk = officers.get("deputy_secretary") or next(
            (m for m in members if m != chair and m.exempt_since is None), None
        )
        keep = {m.pk for m in (chair, clerk) if m is not None}
        place = f"Phòng giao ban {cell.name.removeprefix('Chi bộ ')}"
        for back in range(MONTHS, -1, -1):
            month = add_months(first_of_month, -back)
            day = _meeting_day(month, weekday)
            minutes = rng.choice(DURATIONS)
            if back == 0 and (
                day >= today or (cell.code in account_cells and upcoming_day(today) < next_month)
            ):
                continue  # not yet, or the demo secretary's upcoming meeting
            if (cell.code, back) == MISSED:
                continue
            short = (cell.code, back) == SHORT
            combined = not short and month.month % 3 == index % 3  # once a quarter
            if short:
                minutes = SHORT_MINUTES
            elif combined:
                minutes = COMBINED_MINUTES
            title = f"Sinh hoạt chi bộ thường kỳ tháng {month:%m/%Y}"
            if combined:  # the theme itself is an agenda item (``_cell_agenda``)
                title += " kết hợp sinh hoạt chuyên đề"
            meeting = Meeting(
                organization=cell, kind=MeetingKind.CELL_REGULAR, combined_thematic=combined,
                title=title, date=day, start_time=start, end_time=_plus(start, minutes),
                place=place, chair=chair, secretary=clerk, status=MeetingStatus.HELD,
                attendance_taken_at=_aware(day, _plus(start, 10)),
            )  # fmt: skip
            meetings.append(meeting)
            agenda += _cell_agenda(meeting, month, minutes, combined, chair)
            rows += [
                _attendance(rng, m, day, keep, meeting) for m in members if m.admitted_on <= day
            ]
    Meeting.objects.bulk_create(meetings, batch_size=500)
    for item in agenda:
        item.meeting_id = item.meeting.pk
    # The past cell meetings, their agenda and attendance are seed data, not anybody's change:
    # written without history rows (about 9,000 rows; with history the demo load took 2.5 s
    # longer, over the 10 s a reload may take under CI, tests/demo/test_demo_command.py).
    AgendaItem.objects.bulk_create(agenda, batch_size=500)
    for row in rows:
        row.meeting_id = row.meeting.pk
    Attendance.objects.bulk_create(rows, batch_size=1000)
    return meetings


def _cell_agenda(
    meeting: Meeting, month: dt.date, minutes: int, combined: bool, chair: Member | None
) -> list[AgendaItem]:
    previous = add_months(month, -1)
    name = chair.full_name if chair else ""
    items = [
        (f"Đánh giá kết quả lãnh đạo thực hiện nhiệm vụ chính trị tháng {previous:%m/%Y}", name),
        ("Thông tin thời sự, quán triệt văn bản mới của cấp trên", name),
        (f"Thảo luận, thống nhất phương hướng, nhiệm vụ tháng {month:%m/%Y}", ""),
    ]
    if combined:
        items.append((f"Sinh hoạt chuyên đề: {THEMES}", name))
    share = minutes // len(items)
    return [
        AgendaItem(meeting=meeting, order=i, title=title, presenter=who, minutes=share)
        for i, (title, who) in enumerate(items, start=1)
    ]


# ---- 3 ----------------------------------------------------------------------------------------
def _account_cells() -> set[str]:
    from dangbo.demo import data

    return {h.account_cell for h in data.HOSPITALS}


def _secretaries() -> list[tuple[str, str]]:
    from dangbo.demo import data

    return [
        (h.account_cell, next(a.username for a in h.accounts if a.kind == "cell_secretary"))
        for h in data.HOSPITALS
    ]


def upcoming_day(today: dt.date) -> dt.date:
    day = today + dt.timedelta(days=UPCOMING_AHEAD)
    while day.weekday() >= 5:  # Saturday, Sunday
        day += dt.timedelta(days=1)
    return day


def load_upcoming(today: dt.date) -> list[Meeting]:
    """The next regular meeting of each demo secretary's cell, planned by her."""
    day = upcoming_day(today)
    out = []
    for cell_code, username in _secretaries():
        cell = Organization.objects.get(code=cell_code)
        secretary = _user(username)
        officers = _cell_officers(cell)
        chair = officers.get("secretary")
        clerk = officers.get("deputy_secretary")
        meeting = services.meeting_create(
            actor=secretary, organization=cell, kind=MeetingKind.CELL_REGULAR,
            title=f"Sinh hoạt chi bộ thường kỳ tháng {day:%m/%Y}", date=day,
            start_time=dt.time(14, 0), end_time=dt.time(16, 0),
            place=f"Phòng giao ban {cell.name[7:]}", chair=chair, secretary=clerk,
        )  # fmt: skip
        for title, minutes in (
            (f"Đánh giá kết quả thực hiện nhiệm vụ tháng {add_months(day, -1):%m/%Y}", 40),
            ("Thông tin thời sự, quán triệt văn bản mới của cấp trên", 20),
            ("Cho ý kiến về kết quả đánh giá, xếp loại đảng viên năm "
             f"{day.year}" if day.month in (11, 12) else
             f"Phương hướng, nhiệm vụ tháng {day:%m/%Y}", 45),
            ("Thảo luận, biểu quyết nghị quyết tháng", 15),
        ):  # fmt: skip
            meeting = services.agenda_item_add(
                actor=secretary, meeting_id=meeting.pk,
                version=Meeting.objects.values_list("version", flat=True).get(pk=meeting.pk),
                title=title, presenter=chair.full_name if chair else "", minutes=minutes,
            ).meeting  # fmt: skip
        out.append(meeting)
    return out


# ---- 4. the Hà Đông year-end review of 2021 (seed 003) -------------------------------------
YEAREND_DAY = dt.date(2022, 1, 14)
YEAREND_TITLE = "Hội nghị tổng kết công tác năm 2021 và triển khai phương hướng, nhiệm vụ năm 2022"
YEAREND_PLACE = "Hội trường Bệnh viện Đa khoa Hà Đông"
YEAREND_LEADERS = ("Giám đốc", "Phó Giám đốc", "Trưởng khoa", "Trưởng phòng")
YEAREND_REPORT = (
    "Năm 2021, Đảng ủy Bệnh viện đã chỉ đạo các chi bộ trực thuộc đẩy mạnh công tác giáo dục "
    "chính trị tư tưởng, nâng cao tinh thần trách nhiệm và đạo đức nghề nghiệp cho cán bộ, đảng "
    "viên; tổ chức học tập, quán triệt các chỉ thị, nghị quyết của Đảng, đưa việc học tập và làm "
    "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, việc xây dựng, chỉnh đốn Đảng, ngăn chặn, "
    "đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện “tự diễn "
    "biến”, “tự chuyển hóa” trong nội bộ vào chương trình, kế hoạch thực hiện Nghị quyết Đại hội "
    "của các chi bộ, Đảng bộ. Chú trọng thực hiện Quy chế dân chủ ở cơ sở, xây dựng hệ thống "
    "chính trị vững mạnh gắn với Quy định về 12 điều y đức, “Đổi mới phong cách, thái độ phục vụ "
    "của cán bộ y tế hướng tới sự hài lòng của người bệnh”; tạo nguồn phát triển, kết nạp đảng "
    "viên và xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh. Bệnh viện đã tập trung mọi nguồn "
    "lực, quyết liệt thực hiện các giải pháp phòng, chống dịch COVID-19, là một trong các đơn vị "
    "được cấp giấy chứng nhận đủ năng lực xét nghiệm khẳng định vi rút SARS-CoV-2 bằng kỹ thuật "
    "Realtime RT-PCR; hoàn thành tốt công tác bảo vệ, chăm sóc sức khỏe nhân dân, công tác Đảng, "
    "công tác quốc phòng - an ninh."
)
YEAREND_DISCUSSION = (
    ("Trưởng khoa",
     "Chia sẻ kinh nghiệm tổ chức điều trị người bệnh COVID-19 và duy trì khám, chữa bệnh "
     "thường xuyên trong thời gian giãn cách."),
    ("Trưởng phòng",
     "Đề xuất giải pháp triển khai kỹ thuật mới, kỹ thuật cao và nâng cao chất lượng sinh hoạt "
     "chi bộ gắn với nhiệm vụ chuyên môn."),
)  # fmt: skip
YEAREND_CONCLUSION = (
    "Ghi nhận, biểu dương những kết quả Đảng bộ đạt được trong năm 2021; đề nghị cấp ủy các chi "
    "bộ, từng cán bộ, đảng viên phát huy tinh thần đoàn kết, khắc phục hạn chế, quyết tâm thực "
    "hiện thắng lợi phương hướng, nhiệm vụ năm 2022."
)
# The directions for 2022 (the chair's conclusions; no task: they are the year's programme).
YEAREND_DIRECTIONS = (
    "Tiếp tục thực hiện tốt công tác phòng, chống dịch bệnh COVID-19, đồng thời phấn đấu hoàn "
    "thành chỉ tiêu khám, chữa bệnh Sở Y tế giao",
    "Đẩy mạnh triển khai kỹ thuật mới, kỹ thuật cao, nâng cao chất lượng dịch vụ và phong cách, "
    "thái độ phục vụ hướng tới sự hài lòng của người bệnh",
    "Duy trì hoạt động quản lý chất lượng bệnh viện, đẩy mạnh triển khai các đề án dịch vụ, xã "
    "hội hóa, đề án khám, chữa bệnh tự nguyện, đề án khám, chữa bệnh theo yêu cầu",
    "Về công tác xây dựng Đảng, tiếp tục thực hiện Nghị quyết Trung ương 4 về xây dựng, chỉnh đốn "
    "Đảng gắn với Chỉ thị số 05-CT/TW của Bộ Chính trị (khóa XII), thực hiện tốt Quy chế dân chủ "
    "ở cơ sở, Quy chế công tác dân vận của hệ thống chính trị, lãnh đạo các đoàn thể chính trị - "
    "xã hội hoàn thành tốt nhiệm vụ được giao",
)


def load_yearend_review() -> Meeting:
    """The 2021 year-end review conference of the Đảng bộ Bệnh viện Đa khoa Hà Đông (seed 003),
    through the services as the office: the heads of the board and departments and the members
    rated excellent in 2021 invited (not the whole đảng bộ, to keep the demo fast), the
    secretary (the director) presiding and concluding, the report of the deputy secretary, two
    speakers, the directions for 2022 as conclusions. Loaded after the 2021 ratings
    (``evaluations_demo``): the outstanding members are those rated excellent."""
    from dangbo.evaluations.models import Rating
    from dangbo.evaluations.rulesets.base import Level, SubjectKind

    hospital = Organization.objects.get(code="HD")
    office = _user("vanphong.hd")
    day = YEAREND_DAY
    seats = {
        s.role: s.member
        for s in CommitteeMembership.objects.filter(
            committee__term__organization=hospital, committee__kind="executive",
            committee__term__starts_on__lte=day, committee__term__ends_on__gte=day,
        ).select_related("member").order_by("-id")
    }  # fmt: skip
    chair, deputy = seats["secretary"], seats["deputy_secretary"]
    excellent = Rating.objects.filter(
        campaign__organization=hospital, campaign__year=2021, subject_kind=SubjectKind.MEMBER,
        decided_level=Level.EXCELLENT.value,
    ).values("member_id")  # fmt: skip
    invited = list(
        Member.objects.filter(
            Q(job_title__in=YEAREND_LEADERS) | Q(pk__in=excellent),
            organization__path__startswith=hospital.path, admitted_on__lte=day,
        )
        .exclude(exempt_since__lte=day)
        .exclude(suspended_since__lte=day)
        .exclude(status="transferred_out", job_title__in=YEAREND_LEADERS)
        .order_by("sort_key", "id")
    )  # fmt: skip
    clerk = next(m for m in invited if m.job_title == "Trưởng phòng" and m.pk != chair.pk)
    meeting = Meeting(
        organization=hospital, kind=MeetingKind.YEAR_END_REVIEW, title=YEAREND_TITLE, date=day,
        start_time=dt.time(8, 0), end_time=dt.time(11, 0), place=YEAREND_PLACE, chair=chair,
        secretary=clerk,
    )  # fmt: skip
    meeting._history_user = office  # type: ignore[attr-defined]
    meeting.save()
    rows = [
        Attendance(meeting=meeting, member=m, status=PRESENT,
                   probationary=m.full_on is None or m.full_on > day)
        for m in invited
    ]  # fmt: skip
    bulk_create_with_history(rows, Attendance, default_user=office)

    def version() -> int:
        return int(Meeting.objects.values_list("version", flat=True).get(pk=meeting.pk))

    # Everyone invited attended (the rows are created "present"); the attendance was taken on
    # the day (no attendance_record pass over the rows: the demo reload stays fast).
    Meeting.objects.filter(pk=meeting.pk).update(attendance_taken_at=_aware(day, dt.time(8, 5)))
    attendances = {a.member_id: a for a in Attendance.objects.filter(meeting=meeting)}
    services.speech_add(actor=office, meeting_id=meeting.pk, version=version(),
                        kind=SpeechKind.REPORT, attendance_id=attendances[deputy.pk].pk,
                        summary=YEAREND_REPORT)  # fmt: skip
    taken = {chair.pk, deputy.pk, clerk.pk}
    for job, summary in YEAREND_DISCUSSION:
        speaker = next(m for m in invited if m.job_title == job and m.pk not in taken)
        taken.add(speaker.pk)
        services.speech_add(actor=office, meeting_id=meeting.pk, version=version(),
                            kind=SpeechKind.DISCUSSION, attendance_id=attendances[speaker.pk].pk,
                            summary=summary)  # fmt: skip
    services.speech_add(actor=office, meeting_id=meeting.pk, version=version(),
                        kind=SpeechKind.CONCLUSION, attendance_id=attendances[chair.pk].pk,
                        summary=YEAREND_CONCLUSION)  # fmt: skip
    for text in YEAREND_DIRECTIONS:
        services.conclusion_add(actor=office, meeting_id=meeting.pk, version=version(),
                                text=text, create_task=False)  # fmt: skip
    services.meeting_mark_held(actor=office, meeting_id=meeting.pk, version=version())
    meeting.refresh_from_db()
    return meeting


def load_meetings(today: dt.date) -> tuple[Meeting, list[Meeting], list[Meeting]]:
    """Every demo meeting (the demo accounts and the 2023 resolution must exist already)."""
    session = load_session()
    cell_meetings = load_cell_meetings(today)
    upcoming = load_upcoming(today)
    return session, cell_meetings, upcoming
