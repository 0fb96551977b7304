"""Issue 8, items 1, 2 and 4: the meeting services — permissions, optimistic locking,
invitations filled from the organization's members, attendance recorded in one form,
votes checked by the rules, conclusions that create tasks of the targets app."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangbo.core.errors import ConcurrentEdit
from dangbo.meetings import services
from dangbo.meetings.models import Attendance, Meeting, MeetingStatus
from dangbo.targets.models import Task
from tests.factories import MemberFactory
from tests.meetings.factories import DAY, cell_meeting, hospital_meeting


def _rows(meeting, **by_name):
    """{attendance id: row} from {member full name: (status, reason, text, exempt)}."""
    rows = {}
    for a in meeting.attendances.select_related("member"):
        status, reason, text, exempt = by_name.get(a.member.full_name, ("present", "", "", False))
        rows[a.pk] = {"status": status, "reason": reason, "reason_text": text, "exempt": exempt,
                      "registered_elsewhere": False}  # fmt: skip
    return rows


# ---- item 2: invitations ------------------------------------------------------------------------
def test_invitees_are_the_active_members_with_their_categories_copied(world):
    probationary = MemberFactory(
        full_name="Hồ Thị Dự", organization=world.cell_a, status="probationary", full_on=None
    )
    exempt = MemberFactory(
        full_name="Cao Văn Miễn", organization=world.cell_a, exempt_since=dt.date(2020, 1, 1)
    )
    MemberFactory(full_name="Đã Chuyển", organization=world.cell_a, status="transferred_out")
    meeting = cell_meeting(world)
    rows = {a.member_id: a for a in meeting.attendances.all()}
    expected = {m.pk for m in world.a_members} | {probationary.pk, exempt.pk}
    assert set(rows) == expected  # world.b_members (another cell) and the transferred: not
    assert rows[probationary.pk].probationary and not rows[probationary.pk].exempt
    assert rows[exempt.pk].exempt
    assert rows[exempt.pk].status == "absent_with_reason"  # expected absent: her exemption
    assert rows[exempt.pk].reason_text == "Miễn công tác và sinh hoạt đảng"


def test_a_hospital_meeting_invites_the_whole_subtree(world):
    meeting = hospital_meeting(world)
    invited = set(meeting.attendances.values_list("member_id", flat=True))
    assert invited == {m.pk for m in world.a_members + world.b_members}


def test_cell_kinds_only_for_cells_and_end_after_start(world):
    with pytest.raises(ValidationError) as exc:
        hospital_meeting(world, kind="cell_regular")
    assert "kind" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        cell_meeting(world, end_time=dt.time(13, 0))
    assert "Giờ kết thúc" in exc.value.message_dict["end_time"][0]
    assert not Meeting.objects.exists()


# ---- item 3 (permissions): who manages which meetings -------------------------------------------
@pytest.mark.parametrize("role", ["reader", "member", "communications", "other_office"])
def test_only_the_office_and_the_cell_secretary_create_meetings(world, role):
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=world.users[role], organization=world.cell_a, kind="cell_regular",
            title="x", date=DAY, start_time=dt.time(14, 0),
        )  # fmt: skip


def test_the_office_manages_its_cells_meetings_the_secretary_not_the_hospitals(world):
    meeting = cell_meeting(world)
    services.guest_add(actor=world.users["office"], meeting_id=meeting.pk,
                       version=meeting.version, full_name="Nguyễn Văn Khách")  # fmt: skip
    hospital = hospital_meeting(world)
    with pytest.raises(PermissionDenied):
        services.guest_add(actor=world.users["secretary"], meeting_id=hospital.pk,
                           version=hospital.version, full_name="X")  # fmt: skip


# ---- optimistic locking -------------------------------------------------------------------------
def test_a_stale_version_is_refused_and_nothing_changes(world):
    meeting = cell_meeting(world)
    stale = meeting.version
    services.meeting_update(actor=world.users["secretary"], meeting_id=meeting.pk,
                            version=stale, place="Phòng giao ban")  # fmt: skip
    with pytest.raises(ConcurrentEdit):
        services.meeting_update(actor=world.users["office"], meeting_id=meeting.pk,
                                version=stale, place="Hội trường B")  # fmt: skip
    with pytest.raises(ConcurrentEdit):
        services.attendance_record(actor=world.users["secretary"], meeting_id=meeting.pk,
                                   version=stale, rows=_rows(meeting))  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.place == "Phòng giao ban" and meeting.version == stale + 1
    assert meeting.attendance_taken_at is None


# ---- item 2: attendance -------------------------------------------------------------------------
def test_attendance_in_one_form_and_an_absence_needs_a_reason(world):
    meeting = cell_meeting(world)
    names = [m.full_name for m in world.a_members]
    bad = _rows(meeting, **{names[1]: ("absent_with_reason", "", "  ", False)})
    with pytest.raises(ValidationError) as exc:
        services.attendance_record(actor=world.users["secretary"], meeting_id=meeting.pk,
                                   version=meeting.version, rows=bad)  # fmt: skip
    (message,) = [m for ms in exc.value.message_dict.values() for m in ms]
    assert message.startswith(names[1])  # the error names the member
    good = _rows(meeting, **{names[1]: ("absent_with_reason", "on_duty", "", False)})
    meeting = services.attendance_record(actor=world.users["secretary"], meeting_id=meeting.pk,
                                         version=meeting.version, rows=good)  # fmt: skip
    absent = Attendance.objects.get(meeting=meeting, member=world.a_members[1])
    assert (absent.status, absent.reason_label) == ("absent_with_reason", "Trực")
    assert meeting.attendance_taken_at is not None
    assert absent.history.count() == 2  # invitation, then the recorded attendance


def test_the_reader_cannot_record_attendance(world):
    meeting = cell_meeting(world)
    with pytest.raises(PermissionDenied):
        services.attendance_record(actor=world.users["reader"], meeting_id=meeting.pk,
                                   version=meeting.version, rows=_rows(meeting))  # fmt: skip


# ---- item 4: votes and conclusions --------------------------------------------------------------
def test_a_vote_needs_the_attendance_and_no_more_votes_than_members_present(world):
    meeting = cell_meeting(world)
    with pytest.raises(ValidationError):
        services.vote_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                          version=meeting.version, matter="Nghị quyết", votes_for=3)  # fmt: skip
    meeting = _taken_meeting(world, meeting)
    with pytest.raises(ValidationError) as exc:
        services.vote_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                          version=meeting.version, matter="Nghị quyết", votes_for=4)  # fmt: skip
    assert "lớn hơn số đảng viên chính thức" in exc.value.message_dict["votes_for"][0]
    vote = services.vote_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                             version=meeting.version, matter="Nghị quyết", votes_for=3)  # fmt: skip
    assert vote.pk


def test_a_conclusion_creates_a_task_of_the_meetings_organization(world):
    meeting = hospital_meeting(world)
    conclusion = services.conclusion_add(
        actor=world.users["office"], meeting_id=meeting.pk, version=meeting.version,
        text="Văn phòng Đảng ủy hoàn chỉnh nghị quyết và báo cáo sơ kết",
        responsible_organization=world.cell_a, deadline=dt.date(2023, 7, 15),
    )  # fmt: skip
    task = Task.objects.get()
    assert conclusion.task == task
    assert task.organization == world.hospital and task.responsible_organization == world.cell_a
    assert task.deadline == dt.date(2023, 7, 15)
    assert task.title.startswith("Văn phòng Đảng ủy hoàn chỉnh")
    assert task.meeting_conclusion == conclusion


def test_a_conclusion_for_a_unit_outside_the_organization_is_refused(world):
    meeting = cell_meeting(world)
    with pytest.raises(ValidationError) as exc:
        services.conclusion_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                                version=meeting.version, text="Việc của chi bộ khác",
                                responsible_organization=world.cell_b)  # fmt: skip
    assert "Chi bộ Khoa Nội" in exc.value.message_dict["responsible_organization"][0]
    assert not Task.objects.exists()


def test_speaker_is_exactly_one_and_a_directive_speech_is_a_guests(world):
    meeting = hospital_meeting(world)
    guest = services.guest_add(
        actor=world.users["office"], meeting_id=meeting.pk, version=meeting.version,
        full_name="Nguyễn Văn Hùng", rank="Đại tá", title="Ủy viên Thường vụ Đảng ủy",
        position="Phó Chủ nhiệm Hậu cần Quân khu",
    )  # fmt: skip
    assert guest.display == (
        "Đại tá Nguyễn Văn Hùng, Ủy viên Thường vụ Đảng ủy, Phó Chủ nhiệm Hậu cần Quân khu"
    )
    meeting.refresh_from_db()
    attendee = meeting.attendances.first()
    with pytest.raises(ValidationError):
        services.speech_add(actor=world.users["office"], meeting_id=meeting.pk,
                            version=meeting.version, kind="discussion")  # fmt: skip
    with pytest.raises(ValidationError):
        services.speech_add(actor=world.users["office"], meeting_id=meeting.pk,
                            version=meeting.version, kind="directive",
                            attendance_id=attendee.pk)  # fmt: skip
    speech = services.speech_add(actor=world.users["office"], meeting_id=meeting.pk,
                                 version=meeting.version, kind="directive", guest_id=guest.pk,
                                 summary="Biểu dương kết quả 6 tháng")  # fmt: skip
    assert speech.order == 1


# ---- status and lock ----------------------------------------------------------------------------
def test_mark_held_then_approved_minutes_lock_the_meeting(world):
    meeting = cell_meeting(world)
    with pytest.raises(ValidationError) as exc:
        services.meeting_mark_held(actor=world.users["secretary"], meeting_id=meeting.pk,
                                   version=meeting.version)  # fmt: skip
    assert "attendance" in exc.value.message_dict
    meeting = _taken_meeting(world, meeting)
    meeting = services.meeting_mark_held(actor=world.users["secretary"], meeting_id=meeting.pk,
                                         version=meeting.version)  # fmt: skip
    assert meeting.status == MeetingStatus.HELD
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_APPROVED)
    meeting.refresh_from_db()
    with pytest.raises(PermissionDenied) as denied:
        services.guest_add(actor=world.users["office"], meeting_id=meeting.pk,
                           version=meeting.version, full_name="X")  # fmt: skip
    assert "đã được duyệt" in str(denied.value)


def _taken_meeting(world, meeting):
    return services.attendance_record(actor=world.users["secretary"], meeting_id=meeting.pk,
                                      version=meeting.version, rows=_rows(meeting))  # fmt: skip
