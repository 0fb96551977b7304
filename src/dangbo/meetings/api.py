"""Meetings API (issue 8, item 9): meetings and their attendance, scoped like the pages.

Every meeting is fetched through ``queries.readable_meetings`` (404 outside the scope: the
meetings of the organizations the caller reads, and those she is invited to), then
``meetings.permissions`` decides whether she may change it (403 for read-only callers and for a
meeting whose minutes are approved). Attendance is recorded by ``services.attendance_record``,
the service of the phone page, with the meeting's ``version`` (409 when somebody saved in
between); broken rules answer 422 with the field → messages of the ``ValidationError``.

A meeting is cancelled (with a reason) by ``POST …/cancel`` (``cancel_services.meeting_cancel``,
the service of the cancel page); its published documents are listed by ``GET …/documents``, each
downloaded through the page URL that checks the permission again (``download_url``).

The .ics feeds are not JSON: each meeting links its .ics file (``ics_url``) and the list links
the page that makes the secret address of the caller's feeds (``meetings.calendar_views``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from dangbo.accounts.scope import scope_for, subtree_q
from dangbo.core.errors import ConcurrentEdit
from dangbo.core.pagination import page_number
from dangbo.meetings import cancel_services, permissions, queries, rules, services
from dangbo.meetings.models import (
    Attendance,
    Guest,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    SpeechKind,
)
from dangbo.organizations.models import Organization
from dangbo.organizations.permissions import can_view_org

router = Router(tags=["meetings"])

PAGE_SIZE = 50
REASON_TEXT_MAX = 200  # Attendance.reason_text


# ---- schemas ----------------------------------------------------------------------------------
class PersonOut(Schema):
    id: int
    full_name: str


class MeetingOut(Schema):
    id: int
    organization_id: int
    organization_name: str
    kind: str
    kind_label: str
    title: str
    date: dt.date
    start_time: dt.time
    end_time: dt.time | None
    place: str
    status: str
    status_label: str
    invited: int
    present: int
    url: str
    ics_url: str


class MeetingPage(Schema):
    """``calendar_feeds_url``: the page where the caller makes the secret link of her .ics
    feeds (per user and per organization; a feed's token is shown only there, once)."""

    items: list[MeetingOut]
    count: int
    calendar_feeds_url: str


class AgendaItemOut(Schema):
    id: int
    order: int
    title: str
    presenter: str
    minutes: int | None


class CountsOut(Schema):
    """Totals of the invitation list by category (``rules.AttendanceCounts``)."""

    listed: int
    full: int
    probationary: int
    present: int
    late: int
    left_early: int
    absent_with_reason: int
    absent_without_reason: int
    exempt: int
    exempt_present: int
    registered_elsewhere: int
    elsewhere_present: int
    suspended: int
    guests: int
    guests_present: int
    full_present: int


class QuorumOut(Schema):
    """Is the session valid (``rules.quorum``), with the rule and the clause it comes from."""

    valid: bool
    required: int
    present: int
    denominator: int
    rule: str
    message: str
    citation: str


class GuestOut(Schema):
    id: int
    full_name: str
    rank: str
    title: str
    position: str
    organization: str
    status: str
    display: str


class SpeechOut(Schema):
    id: int
    order: int
    kind: str
    kind_label: str
    speaker: str
    attendance_id: int | None
    guest_id: int | None
    summary: str


class VoteResultOut(Schema):
    passed: bool
    base: int
    required: int
    rule: str
    message: str
    citation: str


class VoteOut(Schema):
    id: int
    matter: str
    votes_for: int
    against: int
    abstain: int
    result: VoteResultOut | None


class ConclusionOut(Schema):
    id: int
    text: str
    responsible_organization_id: int | None
    deadline: dt.date | None
    task_id: int | None


class ProblemOut(Schema):
    code: str
    field: str
    message: str
    citation: str


class MeetingDetailOut(Schema):
    id: int
    version: int
    organization_id: int
    organization_name: str
    kind: str
    kind_label: str
    combined_thematic: bool
    title: str
    date: dt.date
    start_time: dt.time
    end_time: dt.time | None
    minutes_long: int | None
    place: str
    chair: PersonOut | None
    secretary: PersonOut | None
    status: str
    status_label: str
    cancel_reason: str
    attendance_taken_at: dt.datetime | None
    can_edit: bool
    can_cancel: bool
    url: str
    ics_url: str
    agenda: list[AgendaItemOut]
    counts: CountsOut
    quorum: QuorumOut | None
    guests: list[GuestOut]
    speeches: list[SpeechOut]
    votes: list[VoteOut]
    conclusions: list[ConclusionOut]
    problems: list[ProblemOut]


class AttendanceOut(Schema):
    id: int
    member_id: int
    full_name: str
    status: str
    status_label: str
    reason: str
    reason_text: str
    reason_label: str
    probationary: bool
    exempt: bool
    registered_elsewhere: bool
    suspended: bool


class AttendanceListOut(Schema):
    meeting_id: int
    version: int
    attendance_taken_at: dt.datetime | None
    can_edit: bool
    rows: list[AttendanceOut]
    counts: CountsOut
    quorum: QuorumOut | None


class AttendanceRowIn(Schema):
    """One invited member's attendance. ``status``: present, late, left_early,
    absent_with_reason, absent_without_reason; ``reason``: on_duty, after_night_shift, sick,
    on_leave, business_trip or empty (``reason_text`` for another reason); ``exempt`` and
    ``registered_elsewhere`` left out keep what the list says."""

    member_id: int
    status: str
    reason: str = ""
    reason_text: str = ""
    exempt: bool | None = None
    registered_elsewhere: bool | None = None


class AttendanceIn(Schema):
    """The rows to record (members left out keep their attendance) and the meeting's
    ``version`` as read (GET …/attendance)."""

    version: int
    rows: list[AttendanceRowIn]


class DocumentOut(Schema):
    """A document published to the invitees; ``download_url`` is the page URL that serves the
    file (after logging in, permission checked again)."""

    id: int
    title: str
    published_at: dt.datetime
    download_url: str


class CancelIn(Schema):
    """The reason (required; the invitees are emailed it) and the meeting's ``version``."""

    version: int
    reason: str


class CancelOut(Schema):
    id: int
    version: int
    status: str
    status_label: str
    cancel_reason: str


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    """``errors``: field → messages; ``rows.<n>`` is the n-th row of the request (from 0)."""

    detail: str
    errors: dict[str, list[str]]


# ---- helpers ----------------------------------------------------------------------------------
def _meeting(request: HttpRequest, pk: int) -> Meeting:
    """A meeting the caller reads (her organization's, or one she is invited to): 404 else."""
    qs = queries.readable_meetings(request.user).select_related(
        "organization", "chair", "secretary"
    )
    meeting: Meeting = get_object_or_404(qs, pk=pk)
    return meeting


def _counts(counts: rules.AttendanceCounts) -> CountsOut:
    return CountsOut(**{name: getattr(counts, name) for name in CountsOut.model_fields})


def _quorum(q: rules.QuorumResult | None) -> QuorumOut | None:
    if q is None:
        return None
    return QuorumOut(
        valid=q.valid, required=q.required, present=q.present, denominator=q.denominator,
        rule=q.rule, message=q.message, citation=q.citation,
    )  # fmt: skip


def _person(member: Any) -> PersonOut | None:
    return None if member is None else PersonOut(id=member.pk, full_name=member.full_name)


def _pk(obj: Any) -> int | None:
    return None if obj is None else int(obj.pk)


def _status_label(status: str) -> str:
    return str(MeetingStatus(status).label)


def _speaker(speech: Any) -> str:
    attendance = getattr(speech, "speaker_attendance", None)
    guest = getattr(speech, "speaker_guest", None)
    if attendance is not None:
        return str(attendance.member.full_name)
    if guest is not None:
        return str(guest.display)
    return str(speech.speaker_text)


def _attendance_row(a: Attendance) -> AttendanceOut:
    return AttendanceOut(
        id=a.pk, member_id=a.member_id, full_name=a.member.full_name,  # type: ignore[attr-defined]
        status=a.status, status_label=rules.AttendanceStatus(a.status).label, reason=a.reason,
        reason_text=a.reason_text, reason_label=a.reason_label, probationary=a.probationary,
        exempt=a.exempt, registered_elsewhere=a.registered_elsewhere, suspended=a.suspended,
    )  # fmt: skip


def _unprocessable(errors: dict[str, list[str]]) -> Status[ValidationErrorOut]:
    detail = "; ".join(m for ms in errors.values() for m in ms)
    return Status(422, ValidationErrorOut(detail=detail, errors=errors))


# ---- operations -------------------------------------------------------------------------------
@router.get("/meetings", response=MeetingPage)
def list_meetings(
    request: HttpRequest,
    organization_id: int | None = None,
    kind: rules.MeetingKind | None = None,
    year: int | None = None,
    upcoming: bool = False,
    page: int = 1,
) -> MeetingPage:
    """Meetings the caller reads — of her organizations' subtrees, or (a member) those she is
    invited to — newest first, 50 a page, with the number invited and present.
    ``organization_id`` limits the list to that organization's subtree (404 if she does not
    read it); ``upcoming`` lists the meetings from today on, soonest first."""
    qs = queries.readable_meetings(request.user)
    if organization_id is not None:
        org = Organization.objects.filter(pk=organization_id).first()
        if org is None or not can_view_org(scope_for(request.user), org):
            raise Http404
        qs = qs.filter(subtree_q(org.path, "organization__path"))
    if kind is not None:
        qs = qs.filter(kind=kind.value)
    if year:
        qs = qs.filter(date__year=year)
    order = ["-date", "-start_time", "-id"]
    if upcoming:
        qs = qs.filter(date__gte=timezone.localdate())
        order = ["date", "start_time", "id"]
    attended = [str(s) for s in rules.AttendanceStatus if s.attended]
    rows = (
        qs.select_related("organization")
        .annotate(
            invited=Count("attendances"),
            present=Count("attendances", filter=Q(attendances__status__in=attended)),
        )
        .order_by(*order)
    )
    start = (page_number(page) - 1) * PAGE_SIZE
    items = [
        MeetingOut(
            id=m.pk,
            organization_id=m.organization.pk,
            organization_name=m.organization.name,
            kind=m.kind,
            kind_label=m.kind_label,
            title=m.title,
            date=m.date,
            start_time=m.start_time,
            end_time=m.end_time,
            place=m.place,
            status=m.status,
            status_label=_status_label(m.status),
            invited=m.invited,  # type: ignore[attr-defined]
            present=m.present,  # type: ignore[attr-defined]
            url=reverse("meetings:detail", args=[m.pk]),
            ics_url=reverse("meetings:meeting_ics", args=[m.pk]),
        )  # fmt: skip
        for m in rows[start : start + PAGE_SIZE]
    ]
    return MeetingPage(
        items=items, count=qs.count(), calendar_feeds_url=reverse("meetings:calendar_feeds")
    )


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut)
def get_meeting(request: HttpRequest, meeting_id: int) -> MeetingDetailOut:
    """A meeting with its agenda, attendance totals, the quorum (once the attendance is taken)
    with its citation, guests, speeches, votes with their results, conclusions with the ids of
    the tasks they created, and the rules not met (duration, agenda)."""
    meeting = _meeting(request, meeting_id)
    d = queries.meeting_detail(meeting)
    scope = scope_for(request.user)
    if not permissions.can_view_meeting(scope, meeting, d.invited_ids):
        raise Http404
    return MeetingDetailOut(
        id=meeting.pk, version=meeting.version, organization_id=meeting.organization.pk,
        organization_name=meeting.organization.name, kind=meeting.kind,
        kind_label=meeting.kind_label, combined_thematic=meeting.combined_thematic,
        title=meeting.title, date=meeting.date, start_time=meeting.start_time,
        end_time=meeting.end_time, minutes_long=meeting.minutes_long, place=meeting.place,
        chair=_person(meeting.chair), secretary=_person(meeting.secretary),
        status=meeting.status, status_label=_status_label(meeting.status),
        cancel_reason=meeting.cancel_reason, attendance_taken_at=meeting.attendance_taken_at,
        can_edit=permissions.can_edit_meeting(scope, meeting),
        can_cancel=permissions.can_cancel_meeting(scope, meeting),
        url=reverse("meetings:detail", args=[meeting.pk]),
        ics_url=reverse("meetings:meeting_ics", args=[meeting.pk]),
        agenda=[
            AgendaItemOut(id=i.pk, order=i.order, title=i.title, presenter=i.presenter,
                          minutes=i.minutes)
            for i in d.agenda
        ],
        counts=_counts(d.counts),
        quorum=_quorum(d.quorum),
        guests=[
            GuestOut(id=g.pk, full_name=g.full_name, rank=g.rank, title=g.title,
                     position=g.position, organization=g.organization, status=g.status,
                     display=g.display)
            for g in d.guests
        ],
        speeches=[
            SpeechOut(id=s.pk, order=s.order, kind=s.kind,
                      kind_label=str(SpeechKind(s.kind).label), speaker=_speaker(s),
                      attendance_id=_pk(getattr(s, "speaker_attendance", None)),
                      guest_id=_pk(getattr(s, "speaker_guest", None)),
                      summary=s.summary)
            for s in d.speeches
        ],
        votes=[
            VoteOut(
                id=v.pk, matter=v.matter, votes_for=v.votes_for, against=v.against,
                abstain=v.abstain,
                result=None if r is None else VoteResultOut(
                    passed=r.passed, base=r.base, required=r.required, rule=r.rule,
                    message=r.message, citation=r.citation,
                ),
            )
            for v, r in d.votes
        ],
        conclusions=[
            ConclusionOut(id=c.pk, text=c.text,
                          responsible_organization_id=_pk(c.responsible_organization),
                          deadline=c.deadline, task_id=_pk(c.task))
            for c in d.conclusions
        ],
        problems=[
            ProblemOut(code=p.code, field=p.field, message=p.message, citation=p.citation)
            for p in d.problems
        ],
    )  # fmt: skip


def _attendance_list(request: HttpRequest, meeting: Meeting) -> AttendanceListOut:
    attendances = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("member")
        .order_by("member__sort_key", "member_id")
    )
    counts = queries.counts_of(attendances, list(Guest.objects.filter(meeting=meeting)))
    quorum = None
    if meeting.attendance_taken_at is not None:
        quorum = rules.quorum(counts, rules.settings_for(meeting.kind_enum))
    return AttendanceListOut(
        meeting_id=meeting.pk, version=meeting.version,
        attendance_taken_at=meeting.attendance_taken_at,
        can_edit=permissions.can_edit_meeting(scope_for(request.user), meeting),
        rows=[_attendance_row(a) for a in attendances], counts=_counts(counts),
        quorum=_quorum(quorum),
    )  # fmt: skip


@router.get("/meetings/{meeting_id}/attendance", response=AttendanceListOut)
def get_attendance(request: HttpRequest, meeting_id: int) -> AttendanceListOut:
    """The invitation list with each member's attendance, the totals and the quorum, and the
    ``version`` to send back with ``PUT``."""
    return _attendance_list(request, _meeting(request, meeting_id))


def _rows(
    payload: AttendanceIn, attendances: dict[int, Attendance]
) -> tuple[dict[int, dict[str, Any]], dict[int, int], dict[str, list[str]]]:
    """The service's rows (attendance id → values), the request row of each attendance id,
    and the errors of rows the service cannot take (each names the row and what to do)."""
    statuses = ", ".join(str(s) for s in rules.AttendanceStatus)
    reasons = ", ".join(str(r) for r in rules.AbsenceReason)
    rows: dict[int, dict[str, Any]] = {}
    index: dict[int, int] = {}
    errors: dict[str, list[str]] = {}
    seen: dict[int, int] = {}
    if not payload.rows:
        errors["rows"] = [gettext("Gửi ít nhất một dòng điểm danh (member_id và status).")]
    for i, row in enumerate(payload.rows):
        key, n = f"rows.{i}", i + 1
        a = attendances.get(row.member_id)
        if a is None:
            errors[key] = [gettext(
                "Dòng %(row)d: đảng viên mã %(id)d không có trong danh sách mời của cuộc họp; "
                "lấy danh sách ở GET …/attendance."
            ) % {"row": n, "id": row.member_id}]  # fmt: skip
            continue
        name = a.member.full_name
        if row.member_id in seen:
            errors[key] = [gettext(
                "Dòng %(row)d: %(name)s đã có ở dòng %(first)d; mỗi người chỉ ghi một dòng."
            ) % {"row": n, "name": name, "first": seen[row.member_id]}]  # fmt: skip
            continue
        seen[row.member_id] = n
        problems = []
        if row.status not in {str(s) for s in rules.AttendanceStatus}:
            problems.append(gettext(
                "Dòng %(row)d (%(name)s): tình trạng điểm danh “%(value)s” không hợp lệ; "
                "dùng một trong: %(choices)s."
            ) % {"row": n, "name": name, "value": row.status, "choices": statuses})  # fmt: skip
        if row.reason and row.reason not in {str(r) for r in rules.AbsenceReason}:
            problems.append(gettext(
                "Dòng %(row)d (%(name)s): lý do vắng “%(value)s” không hợp lệ; dùng một trong: "
                "%(choices)s, hoặc ghi lý do khác vào reason_text."
            ) % {"row": n, "name": name, "value": row.reason, "choices": reasons})  # fmt: skip
        max_text = REASON_TEXT_MAX
        if len(row.reason_text.strip()) > max_text:
            problems.append(gettext(
                "Dòng %(row)d (%(name)s): lý do khác dài quá %(max)d ký tự; hãy viết ngắn lại."
            ) % {"row": n, "name": name, "max": max_text})  # fmt: skip
        if problems:
            errors[key] = problems
            continue
        values: dict[str, Any] = {
            "status": row.status, "reason": row.reason, "reason_text": row.reason_text,
        }  # fmt: skip
        if row.exempt is not None:
            values["exempt"] = row.exempt
        if row.registered_elsewhere is not None:
            values["registered_elsewhere"] = row.registered_elsewhere
        rows[a.pk] = values
        index[a.pk] = i
    return rows, index, errors


@router.put(
    "/meetings/{meeting_id}/attendance",
    response={200: AttendanceListOut, 403: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut},
)
def put_attendance(request: HttpRequest, meeting_id: int, payload: AttendanceIn):  # type: ignore[no-untyped-def]
    """Record the attendance of the listed members at once (the service of the phone page).
    403 for a caller who only reads the meeting or when its minutes are approved; 409 when
    the meeting changed since ``version`` was read; 422 with the row and what to do."""
    meeting = _meeting(request, meeting_id)
    if not permissions.can_edit_meeting(scope_for(request.user), meeting):
        message = permissions.locked_message(meeting) if meeting.is_locked else ""
        raise HttpError(403, message or gettext("Bạn chỉ được xem cuộc họp này."))
    attendances = {
        a.member_id: a  # type: ignore[attr-defined]
        for a in Attendance.objects.filter(meeting=meeting).select_related("member")
    }
    rows, index, errors = _rows(payload, attendances)
    if errors:
        return _unprocessable(errors)
    try:
        meeting = services.attendance_record(
            actor=request.user, meeting_id=meeting.pk, version=payload.version, rows=rows
        )
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or gettext("Bạn chỉ được xem cuộc họp này.")) from exc
    except ConcurrentEdit as exc:
        return Status(409, ErrorOut(detail=str(exc)))
    except ValidationError as exc:
        by_row: dict[str, list[str]] = {}
        for key, messages in exc.message_dict.items():
            pk = key[1:] if key.startswith("a") else ""
            if pk.isdigit() and int(pk) in index:
                key = f"rows.{index[int(pk)]}"
            by_row.setdefault(key, []).extend(messages)
        return _unprocessable(by_row)
    return _attendance_list(request, _meeting(request, meeting.pk))


# ---- documents and cancellation (issue 8 finishing work) ----------------------------------------
@router.get("/meetings/{meeting_id}/documents", response=list[DocumentOut])
def list_documents(request: HttpRequest, meeting_id: int) -> list[DocumentOut]:
    """The documents published to the invitees of a meeting the caller reads (invited, or her
    organization's), oldest first; 404 outside her scope. Unpublished ones are not listed."""
    meeting = _meeting(request, meeting_id)
    invited = list(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    scope = scope_for(request.user)
    if not permissions.can_view_meeting(scope, meeting, invited):
        raise Http404
    docs = MeetingDocument.objects.filter(meeting=meeting, published_at__isnull=False).order_by(
        "published_at", "id"
    )
    return [
        DocumentOut(
            id=d.pk,
            title=d.title,
            published_at=d.published_at,
            download_url=reverse("meetings:document_download", args=[meeting.pk, d.pk]),
        )
        for d in docs
        if permissions.can_download_document(scope, meeting, d, invited)
    ]


@router.post(
    "/meetings/{meeting_id}/cancel",
    response={200: CancelOut, 403: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut},
)
def cancel_meeting(request: HttpRequest, meeting_id: int, payload: CancelIn):  # type: ignore[no-untyped-def]
    """Cancel a planned meeting with a reason (the invitees with an address are emailed once).
    403 for a caller who only reads the meeting or when its minutes are approved; 409 when the
    meeting changed since ``version`` was read; 422 without a reason, or once held."""
    meeting = _meeting(request, meeting_id)
    if not permissions.can_edit_meeting(scope_for(request.user), meeting):
        message = permissions.locked_message(meeting) if meeting.is_locked else ""
        raise HttpError(403, message or gettext("Bạn chỉ được xem cuộc họp này."))
    try:
        meeting = cancel_services.meeting_cancel(
            actor=request.user, meeting_id=meeting.pk, version=payload.version,
            reason=payload.reason,
        )  # fmt: skip
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or gettext("Bạn chỉ được xem cuộc họp này.")) from exc
    except ConcurrentEdit as exc:
        return Status(409, ErrorOut(detail=str(exc)))
    except ValidationError as exc:
        return _unprocessable(exc.message_dict)
    return CancelOut(
        id=meeting.pk, version=meeting.version, status=meeting.status,
        status_label=_status_label(meeting.status), cancel_reason=meeting.cancel_reason,
    )  # fmt: skip
