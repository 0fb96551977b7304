"""Minutes API (issue 8, items 5 and 9): the versions of a meeting's minutes, scoped like the
pages (``minutes_views``) and changed through the same services (``minutes_services``).

A meeting is fetched through ``queries.readable_meetings`` (404 outside the scope); an approved
version is read by whoever reads the meeting, a draft by the readers of its organization (403
for an invited member). Changing needs whoever manages the meeting (403 for read-only callers);
an approved version never changes (403 with the reason) — a new version does, with a reason
(422 when it is missing); a stale ``version`` answers 409."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit
from dangbo.meetings import minutes_queries, minutes_services, permissions, queries
from dangbo.meetings.api import ErrorOut, ValidationErrorOut
from dangbo.meetings.models import Attendance, Meeting, Minutes

router = Router(tags=["minutes"])


# ---- schemas ----------------------------------------------------------------------------------
class MinutesSummaryOut(Schema):
    number: int
    version: int
    is_draft: bool
    reason: str
    created_at: dt.datetime
    approved_at: dt.datetime | None
    url: str


class MinutesListOut(Schema):
    """The versions the caller reads, newest first; ``can_draft``: she may start a version
    (``needs_reason``: a reason is then required, as a version is already approved)."""

    meeting_id: int
    can_draft: bool
    needs_reason: bool
    items: list[MinutesSummaryOut]


class MinutesOut(Schema):
    """One version: the text in the light markup of ``meetings.minutes``, who made and approved
    it, and the links of its printable page, DOCX and PDF. Send ``version`` back to change it."""

    meeting_id: int
    number: int
    version: int
    is_draft: bool
    text: str
    reason: str
    created_at: dt.datetime
    created_by: str | None
    approved_at: dt.datetime | None
    approved_by: str | None
    can_edit: bool
    print_url: str
    docx_url: str
    pdf_url: str


class MinutesTextIn(Schema):
    """The draft's new text and its ``version`` as read."""

    version: int
    text: str


class MinutesCreateIn(Schema):
    """``reason``: required once a version is approved (what must change, and why)."""

    reason: str = ""


class MinutesApproveIn(Schema):
    version: int


# ---- helpers ----------------------------------------------------------------------------------
def _meeting(request: HttpRequest, meeting_id: int) -> tuple[Meeting, list[int]]:
    """A meeting the caller reads (404 else) and its invited member ids."""
    qs = queries.readable_meetings(request.user).select_related("organization")
    meeting: Meeting = get_object_or_404(qs, pk=meeting_id)
    invited = list(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    if not permissions.can_view_meeting(scope_for(request.user), meeting, invited):
        raise Http404
    return meeting, invited


def _version(request: HttpRequest, meeting_id: int, number: int) -> tuple[Meeting, Minutes]:
    """A version the caller reads: 404 outside the scope, 403 for a draft she may not read."""
    meeting, invited = _meeting(request, meeting_id)
    qs = Minutes.objects.select_related("created_by", "approved_by")
    row: Minutes = get_object_or_404(qs, meeting=meeting, number=number)
    if not permissions.can_read_minutes(scope_for(request.user), meeting, row, invited):
        raise HttpError(403, gettext("Biên bản này chưa được duyệt."))
    return meeting, row


def _manager(request: HttpRequest, meeting: Meeting) -> None:
    if not permissions.can_manage_meeting(scope_for(request.user), meeting):
        raise HttpError(403, gettext("Bạn chỉ được xem cuộc họp này."))


def _user(user: Any) -> str | None:
    if user is None:
        return None
    return str(user.get_full_name() or user.get_username())


def _out(request: HttpRequest, meeting: Meeting, row: Minutes) -> MinutesOut:
    args = [meeting.pk, row.number]
    return MinutesOut(
        meeting_id=meeting.pk, number=row.number, version=row.version, is_draft=row.is_draft,
        text=row.text, reason=row.reason, created_at=row.created_at,
        created_by=_user(row.created_by), approved_at=row.approved_at,
        approved_by=_user(row.approved_by),
        can_edit=permissions.can_edit_minutes(scope_for(request.user), meeting, row),
        print_url=reverse("meetings:minutes_print", args=args),
        docx_url=reverse("meetings:minutes_docx", args=args),
        pdf_url=reverse("meetings:minutes_pdf", args=args),
    )  # fmt: skip


def _unprocessable(exc: ValidationError) -> Status[ValidationErrorOut]:
    errors = {key: list(messages) for key, messages in exc.message_dict.items()}
    detail = "; ".join(m for ms in errors.values() for m in ms)
    return Status(422, ValidationErrorOut(detail=detail, errors=errors))


def _fresh(request: HttpRequest, meeting_id: int, number: int) -> MinutesOut:
    meeting, row = _version(request, meeting_id, number)
    return _out(request, meeting, row)


# ---- operations -------------------------------------------------------------------------------
@router.get("/meetings/{meeting_id}/minutes", response=MinutesListOut)
def list_minutes(request: HttpRequest, meeting_id: int) -> MinutesListOut:
    """The versions of the meeting's minutes the caller reads: the approved ones for every
    reader of the meeting, drafts for the readers of its organization."""
    meeting, invited = _meeting(request, meeting_id)
    scope = scope_for(request.user)
    rows = list(minutes_queries.versions(meeting))
    return MinutesListOut(
        meeting_id=meeting.pk,
        can_draft=permissions.can_draft_minutes(scope, meeting, any(m.is_draft for m in rows)),
        needs_reason=any(not m.is_draft for m in rows),
        items=[
            MinutesSummaryOut(
                number=m.number, version=m.version, is_draft=m.is_draft, reason=m.reason,
                created_at=m.created_at, approved_at=m.approved_at,
                url=reverse("api:get_minutes", args=[meeting.pk, m.number]),
            )
            for m in rows
            if permissions.can_read_minutes(scope, meeting, m, invited)
        ],
    )  # fmt: skip


@router.get(
    "/meetings/{meeting_id}/minutes/{number}",
    response={200: MinutesOut, 403: ErrorOut},
    url_name="get_minutes",
)
def get_minutes(request: HttpRequest, meeting_id: int, number: int) -> MinutesOut:
    """One version with its text, approval and the links of its outputs."""
    return _fresh(request, meeting_id, number)


@router.post(
    "/meetings/{meeting_id}/minutes",
    response={201: MinutesOut, 403: ErrorOut, 422: ValidationErrorOut},
)
def create_minutes(request: HttpRequest, meeting_id: int, payload: MinutesCreateIn):  # type: ignore[no-untyped-def]
    """Start a version: the first generated from the meeting's records, a later one a copy of
    the latest approved text, with ``reason`` (422 when missing, or while a draft is open, or
    before the meeting is held)."""
    meeting, _invited = _meeting(request, meeting_id)
    _manager(request, meeting)
    try:
        row = minutes_services.minutes_create(
            actor=request.user, meeting_id=meeting.pk, reason=payload.reason
        )
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or gettext("Bạn chỉ được xem cuộc họp này.")) from exc
    except ValidationError as exc:
        return _unprocessable(exc)
    return Status(201, _fresh(request, meeting.pk, row.number))


def _change(request: HttpRequest, meeting_id: int, number: int, call: Any) -> Any:
    """Run ``call(row)`` on a draft the caller manages: 403 for read-only callers and for an
    approved version (with the reason), 409 when stale, 422 with the field → messages."""
    meeting, row = _version(request, meeting_id, number)
    _manager(request, meeting)
    if not row.is_draft:
        raise HttpError(403, permissions.minutes_approved_message())
    try:
        call(row)
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or permissions.minutes_approved_message()) from exc
    except ConcurrentEdit as exc:
        return Status(409, ErrorOut(detail=str(exc)))
    except ValidationError as exc:
        return _unprocessable(exc)
    return _fresh(request, meeting.pk, number)


@router.put(
    "/meetings/{meeting_id}/minutes/{number}",
    response={200: MinutesOut, 403: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut},
)
def put_minutes(request: HttpRequest, meeting_id: int, number: int, payload: MinutesTextIn):  # type: ignore[no-untyped-def]
    """Save a draft's text. 403 when the version is approved (a change needs a new version
    with a reason: POST …/minutes); 409 when it changed since ``version`` was read."""
    return _change(request, meeting_id, number, lambda row: minutes_services.minutes_update(
        actor=request.user, minutes_id=row.pk, version=payload.version, text=payload.text,
    ))  # fmt: skip


@router.post(
    "/meetings/{meeting_id}/minutes/{number}/approve",
    response={200: MinutesOut, 403: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut},
)
def approve_minutes(  # type: ignore[no-untyped-def]
    request: HttpRequest, meeting_id: int, number: int, payload: MinutesApproveIn
):
    """Approve a draft: the version is locked and the meeting set to "minutes approved"."""
    return _change(request, meeting_id, number, lambda row: minutes_services.minutes_approve(
        actor=request.user, minutes_id=row.pk, version=payload.version,
    ))  # fmt: skip
