"""Use cases that change meetings (issue 8, items 1, 2 and 4), named ``<entity>_<action>``.

Each takes keyword arguments and an ``actor``, asks ``meetings.permissions``, runs in one
transaction and leaves history (django-simple-history, the bulk helpers for attendance). Every
change of a meeting or of what belongs to it checks the meeting's ``version`` read by the form
(``ConcurrentEdit`` when somebody saved in between) and increments it. Rules broken by input
raise ``ValidationError`` with a dict of field → messages naming the row and what to do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import (  # type: ignore[import-untyped]
    bulk_create_with_history,
    bulk_update_with_history,
)

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit
from dangbo.meetings import notify, permissions, queries, rules
from dangbo.meetings.models import (
    AgendaItem,
    Attendance,
    Conclusion,
    Guest,
    Meeting,
    MeetingStatus,
    Speech,
    SpeechKind,
    Vote,
)
from dangbo.targets.services import task_create

MEETING_FIELDS = (
    "kind", "combined_thematic", "title", "date", "start_time", "end_time", "place", "chair",
    "secretary",
)  # fmt: skip


def _meeting_errors(meeting: Meeting) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    kind = meeting.kind_enum
    if kind.is_cell and not meeting.organization.is_cell:
        errors["kind"] = [
            gettext("“%(kind)s” chỉ dành cho chi bộ; chọn loại hội nghị của đảng bộ.")
            % {"kind": kind.label}
        ]
    if meeting.combined_thematic and kind is not rules.MeetingKind.CELL_REGULAR:
        errors["combined_thematic"] = [
            gettext("Chỉ buổi sinh hoạt chi bộ thường kỳ mới kết hợp được chuyên đề.")
        ]
    if meeting.ends_at is not None:
        problem = rules.duration_problem(kind, meeting.starts_at, meeting.ends_at)
        if problem is not None and problem.code == "end_before_start":
            errors["end_time"] = [problem.message]
    path = meeting.organization.path
    for name in ("chair", "secretary"):
        person = getattr(meeting, name)
        if person is not None and not person.organization.path.startswith(path):
            errors[name] = [
                gettext("%(name)s không sinh hoạt trong %(org)s; chọn một đảng viên của tổ chức.")
                % {"name": person.full_name, "org": meeting.organization.name}
            ]
    return errors


@transaction.atomic
def meeting_create(*, actor: Any, organization: Any, **values: Any) -> Meeting:
    """A planned meeting; its invitation list is filled from ``queries.invitable_members``
    with each member's categories on the meeting's date."""
    if not permissions.can_create_meeting(scope_for(actor), organization):
        raise PermissionDenied(gettext("Bạn không quản lý cuộc họp của tổ chức này."))
    meeting = Meeting(organization=organization, **values)
    errors = _meeting_errors(meeting)
    if errors:
        raise ValidationError(errors)
    meeting._history_user = actor  # type: ignore[attr-defined]
    meeting.save()
    invited = queries.invitable_members(organization, meeting.kind, meeting.date)
    rows = [Attendance(meeting=meeting, member=m, **_invitation(m, meeting.date)) for m in invited]
    bulk_create_with_history(rows, Attendance, default_user=actor)
    notify.meeting_changed(meeting)  # invitation emails after the commit (item 6)
    return meeting


def _invitation(member: Any, on: dt.date) -> dict[str, Any]:
    flags: dict[str, Any] = queries.attendance_flags(member, on)
    if flags["exempt"]:  # expected absent; the reason is her exemption
        flags["status"] = rules.AttendanceStatus.ABSENT_WITH_REASON.value
        flags["reason_text"] = exempt_reason()
    return flags


# Record data for the minutes (Vietnamese whatever the page's language), not a msgid.
EXEMPT_REASON = "Miễn công tác và sinh hoạt đảng"


def exempt_reason() -> str:
    return EXEMPT_REASON


def _locked(actor: Any, meeting_id: int, version: int) -> Meeting:
    """The meeting locked for update, after the permission and version checks."""
    meeting: Meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=meeting_id)
    )
    scope = scope_for(actor)
    if not permissions.can_manage_meeting(scope, meeting):
        raise PermissionDenied(gettext("Bạn không quản lý cuộc họp này."))
    if meeting.is_locked:
        raise PermissionDenied(permissions.locked_message(meeting))
    if meeting.version != version:
        raise ConcurrentEdit(
            gettext(
                "Cuộc họp đã được người khác cập nhật trong lúc bạn đang sửa. "
                "Hãy tải lại trang, xem thay đổi mới rồi làm lại."
            )
        )
    return meeting


def _save(meeting: Meeting, actor: Any, fields: list[str]) -> Meeting:
    meeting.version += 1
    meeting._history_user = actor  # type: ignore[attr-defined]
    meeting.save(update_fields=[*fields, "version"])
    return meeting


@transaction.atomic
def meeting_update(*, actor: Any, meeting_id: int, version: int, **values: Any) -> Meeting:
    meeting = _locked(actor, meeting_id, version)
    unknown = set(values) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(meeting, name, value)
    errors = _meeting_errors(meeting)
    if errors:
        raise ValidationError(errors)
    notify.meeting_changed(meeting)  # emails only if the date, time or place changed
    return _save(meeting, actor, list(values))


@transaction.atomic
def attendance_record(
    *, actor: Any, meeting_id: int, version: int, rows: dict[int, dict[str, Any]]
) -> Meeting:
    """Record the attendance of the whole list at once (the phone page sends every row):
    ``rows`` maps an attendance id to its ``status``, ``reason``, ``reason_text``, ``exempt``
    and ``registered_elsewhere``. Every row is checked first; the errors name the member."""
    meeting = _locked(actor, meeting_id, version)
    attendances = {
        a.pk: a for a in Attendance.objects.filter(meeting=meeting).select_related("member")
    }
    errors: dict[str, list[str]] = {}
    changed = []
    for pk, data in rows.items():
        a = attendances.get(pk)
        if a is None:
            raise ValidationError({"__all__": [gettext("Danh sách điểm danh đã thay đổi; "
                                                       "hãy tải lại trang.")]})  # fmt: skip
        status = rules.AttendanceStatus(data.get("status") or a.status)
        a.status = status.value
        a.exempt = bool(data.get("exempt", a.exempt))
        a.registered_elsewhere = bool(data.get("registered_elsewhere", a.registered_elsewhere))
        a.reason = data.get("reason", "") if not status.attended else ""
        a.reason_text = (data.get("reason_text") or "").strip() if not status.attended else ""
        if status is rules.AttendanceStatus.ABSENT_WITH_REASON and not a.reason_label:
            if a.exempt:
                a.reason_text = exempt_reason()
            else:
                errors[f"a{pk}"] = [
                    gettext("%(name)s: vắng có lý do thì chọn hoặc ghi lý do (trực, ốm, "
                            "nghỉ phép, đi công tác…).") % {"name": a.member.full_name}
                ]  # fmt: skip
        if status is rules.AttendanceStatus.ABSENT_WITHOUT_REASON:
            a.reason, a.reason_text = "", ""
        changed.append(a)
    if errors:
        raise ValidationError(errors)
    bulk_update_with_history(
        changed, Attendance,
        ["status", "reason", "reason_text", "exempt", "registered_elsewhere"],
        default_user=actor,
    )  # fmt: skip
    meeting.attendance_taken_at = timezone.now()
    return _save(meeting, actor, ["attendance_taken_at"])


def _next_order(qs: Any) -> int:
    return int(qs.aggregate(m=Max("order"))["m"] or 0) + 1


def _add(actor: Any, meeting: Meeting, obj: Any) -> Any:
    obj._history_user = actor
    obj.save()
    _save(meeting, actor, [])
    return obj


@transaction.atomic
def agenda_item_add(*, actor: Any, meeting_id: int, version: int, **values: Any) -> AgendaItem:
    meeting = _locked(actor, meeting_id, version)
    item = AgendaItem(
        meeting=meeting, order=_next_order(AgendaItem.objects.filter(meeting=meeting)), **values
    )
    return _add(actor, meeting, item)  # type: ignore[no-any-return]


@transaction.atomic
def guest_add(*, actor: Any, meeting_id: int, version: int, **values: Any) -> Guest:
    meeting = _locked(actor, meeting_id, version)
    guest = Guest(
        meeting=meeting, order=_next_order(Guest.objects.filter(meeting=meeting)), **values
    )
    if not guest.full_name.strip():
        raise ValidationError({"full_name": [gettext("Ghi họ và tên khách mời.")]})
    return _add(actor, meeting, guest)  # type: ignore[no-any-return]


def speaker_errors(
    meeting: Meeting, kind: str, attendance_id: int | None, guest_id: int | None,
    speaker_text: str,
) -> dict[str, list[str]]:  # fmt: skip
    """The checks of a speech (added or corrected): exactly one speaker, of this meeting; a
    directive speech is a guest's (or a name typed in)."""
    given = sum(x is not None and x != "" for x in (attendance_id, guest_id, speaker_text or None))
    if given != 1:
        return {"attendance": [gettext(
            "Chọn đúng một người phát biểu: một đảng viên được mời, một khách mời, "
            "hoặc ghi tên người khác."
        )]}  # fmt: skip
    in_list = Attendance.objects.filter(meeting=meeting, pk=attendance_id)
    if attendance_id is not None and not in_list.exists():
        return {"attendance": [gettext("Người này không có trong danh sách mời.")]}
    if guest_id is not None and not Guest.objects.filter(meeting=meeting, pk=guest_id).exists():
        return {"guest": [gettext("Khách mời này không thuộc cuộc họp.")]}
    if kind == SpeechKind.DIRECTIVE and attendance_id is not None:
        return {"kind": [gettext(
            "Phát biểu chỉ đạo là của đại biểu cấp trên: chọn khách mời hoặc ghi tên."
        )]}  # fmt: skip
    return {}


def check_vote(meeting: Meeting, votes_for: int, against: int, abstain: int) -> None:
    """A vote (added or corrected) is refused before the attendance is taken, or with more
    votes than voting members present (``rules.vote_result``)."""
    if meeting.attendance_taken_at is None:
        raise ValidationError({"votes_for": [gettext(
            "Chưa điểm danh: điểm danh trước, rồi mới ghi kết quả biểu quyết."
        )]})  # fmt: skip
    attendances = list(Attendance.objects.filter(meeting=meeting))
    counts = queries.counts_of(attendances, list(Guest.objects.filter(meeting=meeting)))
    try:
        rules.vote_result(
            votes_for, against, abstain, counts, rules.settings_for(meeting.kind_enum)
        )
    except ValueError as exc:
        raise ValidationError({"votes_for": [str(exc)]}) from exc


@transaction.atomic
def speech_add(
    *, actor: Any, meeting_id: int, version: int, kind: str, attendance_id: int | None = None,
    guest_id: int | None = None, speaker_text: str = "", summary: str = "",
) -> Speech:  # fmt: skip
    """One speaker: an invited member, a guest, or a name typed in — exactly one of them."""
    meeting = _locked(actor, meeting_id, version)
    speaker_text = speaker_text.strip()
    errors = speaker_errors(meeting, kind, attendance_id, guest_id, speaker_text)
    if errors:
        raise ValidationError(errors)
    speech = Speech(
        meeting=meeting, order=_next_order(Speech.objects.filter(meeting=meeting)),
        kind=SpeechKind(kind).value, attendance_id=attendance_id, guest_id=guest_id,
        speaker_text=speaker_text, summary=summary,
    )  # fmt: skip
    return _add(actor, meeting, speech)  # type: ignore[no-any-return]


@transaction.atomic
def vote_add(
    *, actor: Any, meeting_id: int, version: int, matter: str, votes_for: int, against: int = 0,
    abstain: int = 0,
) -> Vote:  # fmt: skip
    """A vote as counted; refused before the attendance is taken, or with more votes than
    voting members present (``rules.vote_result``)."""
    meeting = _locked(actor, meeting_id, version)
    check_vote(meeting, votes_for, against, abstain)
    vote = Vote(
        meeting=meeting, order=_next_order(Vote.objects.filter(meeting=meeting)), matter=matter,
        votes_for=votes_for, against=against, abstain=abstain,
    )  # fmt: skip
    return _add(actor, meeting, vote)  # type: ignore[no-any-return]


@transaction.atomic
def conclusion_add(
    *, actor: Any, meeting_id: int, version: int, text: str,
    responsible_organization: Any | None = None, deadline: dt.date | None = None,
    create_task: bool = True,
) -> Conclusion:  # fmt: skip
    """A conclusion of the chair; with ``create_task`` it becomes a task of the meeting's
    organization in the targets app (``targets.services.task_create``), linked one-to-one."""
    meeting = _locked(actor, meeting_id, version)
    text = text.strip()
    if not text:
        raise ValidationError({"text": [gettext("Ghi nội dung kết luận.")]})
    org = meeting.organization
    if responsible_organization is not None and not responsible_organization.path.startswith(
        org.path
    ):
        raise ValidationError({"responsible_organization": [
            gettext("Đơn vị thực hiện phải thuộc %(org)s.") % {"org": org.name}
        ]})  # fmt: skip
    conclusion = Conclusion(
        meeting=meeting, order=_next_order(Conclusion.objects.filter(meeting=meeting)), text=text,
        responsible_organization=responsible_organization, deadline=deadline,
    )  # fmt: skip
    if create_task:
        conclusion.task = task_create(
            actor=actor, organization=org, title=text[:500],
            responsible_organization=responsible_organization, deadline=deadline,
        )  # fmt: skip
    return _add(actor, meeting, conclusion)  # type: ignore[no-any-return]


@transaction.atomic
def meeting_mark_held(*, actor: Any, meeting_id: int, version: int) -> Meeting:
    """Planned → held: needs the end time and the attendance. A cell meeting shorter than
    the guide's minimum is still recorded; the page shows the problem (``rules``)."""
    meeting = _locked(actor, meeting_id, version)
    errors: dict[str, list[str]] = {}
    if meeting.status != MeetingStatus.PLANNED:
        errors["__all__"] = [gettext("Cuộc họp này đã được ghi là đã họp.")]
    if meeting.end_time is None:
        errors["end_time"] = [gettext("Ghi giờ kết thúc (sửa cuộc họp) trước khi ghi là đã họp.")]
    if meeting.attendance_taken_at is None:
        errors["attendance"] = [gettext("Điểm danh trước khi ghi là đã họp.")]
    if errors:
        raise ValidationError(errors)
    meeting.status = MeetingStatus.HELD
    return _save(meeting, actor, ["status"])
