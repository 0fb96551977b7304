"""Use cases of the minutes (issue 8 item 5): draft → approved → new version with a reason.

Each takes keyword arguments and an ``actor``, asks ``meetings.permissions``, runs in one
transaction and leaves history (django-simple-history). A draft is changed only with the
``version`` its form read (``ConcurrentEdit`` otherwise). Approving locks the version and sets
the meeting to "minutes approved" (which freezes the meeting); an approved version never changes
(``PermissionDenied``) — a later change is a new version, which needs a reason."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit
from dangbo.meetings import minutes, minutes_queries, permissions
from dangbo.meetings.models import Meeting, MeetingStatus, Minutes


def _meeting(actor: Any, meeting_id: int) -> Meeting:
    meeting: Meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=meeting_id)
    )
    if not permissions.can_manage_meeting(scope_for(actor), meeting):
        raise PermissionDenied(gettext("Bạn không quản lý cuộc họp này."))
    return meeting


def _generated(meeting: Meeting) -> tuple[str, dict[str, str]]:
    data = minutes_queries.data_of(meeting)
    return minutes.build_text(data), minutes_queries.header_of(meeting, data).as_json()


@transaction.atomic
def minutes_create(*, actor: Any, meeting_id: int, reason: str = "") -> Minutes:
    """A new draft: the first one generated from the meeting's records; after an approved
    version, a copy of the latest approved text, and ``reason`` is required."""
    meeting = _meeting(actor, meeting_id)
    if meeting.status == MeetingStatus.PLANNED:
        raise ValidationError({"__all__": [gettext(
            "Cuộc họp chưa được ghi là đã họp: điểm danh, ghi giờ kết thúc và bấm “Ghi là đã "
            "họp” trước khi lập biên bản."
        )]})  # fmt: skip
    existing = list(Minutes.objects.filter(meeting=meeting).order_by("-number"))
    draft = next((m for m in existing if m.is_draft), None)
    if draft is not None:
        raise ValidationError({"__all__": [
            gettext("Biên bản đang có phiên bản nháp số %(n)s; sửa và duyệt phiên bản đó.")
            % {"n": draft.number}
        ]})  # fmt: skip
    approved = [m for m in existing if not m.is_draft]
    reason = reason.strip()
    if approved and not reason:
        raise ValidationError({"reason": [gettext(
            "Biên bản đã được duyệt: ghi lý do lập phiên bản mới (điều gì cần sửa, vì sao)."
        )]})  # fmt: skip
    text, header = _generated(meeting)
    if approved:
        text = approved[0].text
    row = Minutes(
        meeting=meeting, number=(existing[0].number + 1) if existing else 1, text=text,
        header=header, reason=reason, created_by=actor,
    )  # fmt: skip
    row._history_user = actor  # type: ignore[attr-defined]
    row.save()
    return row


def _draft(actor: Any, minutes_id: int, version: int) -> tuple[Minutes, Meeting]:
    """The draft locked for update, after the permission, approval and version checks."""
    row: Minutes = Minutes.objects.select_for_update(of=("self",)).get(pk=minutes_id)
    meeting = _meeting(actor, row.meeting_id)  # type: ignore[attr-defined]
    if not row.is_draft:
        raise PermissionDenied(permissions.minutes_approved_message())
    if row.version != version:
        raise ConcurrentEdit(
            gettext(
                "Biên bản đã được người khác cập nhật trong lúc bạn đang sửa. "
                "Hãy tải lại trang, xem thay đổi mới rồi làm lại."
            )
        )
    return row, meeting


def _save(row: Minutes, actor: Any, fields: list[str]) -> Minutes:
    row.version += 1
    row._history_user = actor  # type: ignore[attr-defined]
    row.save(update_fields=[*fields, "version"])
    return row


@transaction.atomic
def minutes_update(*, actor: Any, minutes_id: int, version: int, text: str) -> Minutes:
    """Save the edited text of a draft."""
    row, _meeting_row = _draft(actor, minutes_id, version)
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": [gettext(
            "Nội dung biên bản đang trống; ghi nội dung hoặc bấm “Tạo lại từ dữ liệu cuộc họp”."
        )]})  # fmt: skip
    row.text = text + "\n"
    return _save(row, actor, ["text"])


@transaction.atomic
def minutes_regenerate(*, actor: Any, minutes_id: int, version: int) -> Minutes:
    """Replace a draft's text (and header) by the text generated from the meeting's records
    as they are now (after the attendance or a speech was corrected)."""
    row, meeting = _draft(actor, minutes_id, version)
    row.text, row.header = _generated(meeting)
    return _save(row, actor, ["text", "header"])


@transaction.atomic
def minutes_approve(*, actor: Any, minutes_id: int, version: int) -> Minutes:
    """Approve a draft: its header is taken as it is now and frozen, the version locked, and
    the meeting set to "minutes approved" (no change to the meeting after that)."""
    row, meeting = _draft(actor, minutes_id, version)
    if meeting.status == MeetingStatus.PLANNED:
        raise ValidationError({"__all__": [gettext(
            "Cuộc họp chưa được ghi là đã họp nên chưa duyệt được biên bản."
        )]})  # fmt: skip
    row.header = minutes_queries.header_of(meeting, minutes_queries.data_of(meeting)).as_json()
    row.approved_at = timezone.now()
    row.approved_by = actor
    _save(row, actor, ["header", "approved_at", "approved_by"])
    if meeting.status != MeetingStatus.MINUTES_APPROVED:
        meeting.status = MeetingStatus.MINUTES_APPROVED
        meeting.version += 1
        meeting._history_user = actor  # type: ignore[attr-defined]
        meeting.save(update_fields=["status", "version"])
    return row
