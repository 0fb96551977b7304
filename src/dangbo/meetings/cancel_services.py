"""Cancelling a meeting (hủy, hoãn — issue 8 finishing work). Same conventions as
``meetings.services``: an ``actor``, the permission asked again (``services._locked``: whoever
manages the meeting, not locked by approved minutes; then ``permissions.can_cancel_meeting``:
still planned), the meeting's ``version`` checked and incremented, one transaction, history kept
with the reason as the change reason.

A cancelled meeting stays in the lists, the calendar and the .ics feeds, labelled (STATUS:
CANCELLED, the next SEQUENCE); it never counts as a held cell meeting on the compliance board
(``queries.compliance_board`` counts held meetings only). The invitees are emailed once
(``notify.meeting_cancelled``, after the commit)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from dangbo.accounts.scope import scope_for
from dangbo.meetings import notify, permissions, services
from dangbo.meetings.models import Meeting, MeetingStatus

REASON_MAX = 2000


@transaction.atomic
def meeting_cancel(*, actor: Any, meeting_id: int, version: int, reason: str) -> Meeting:
    """Planned → cancelled, with the reason (required) the invitees are told."""
    meeting = services._locked(actor, meeting_id, version)
    errors: dict[str, list[str]] = {}
    # a cancelled meeting is locked: ``_locked`` refused it above with ``locked_message``
    if not permissions.can_cancel_meeting(scope_for(actor), meeting):
        errors["__all__"] = [
            gettext("Cuộc họp đã họp nên không hủy được; chỉ hủy được cuộc họp còn dự kiến.")
        ]
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = [
            gettext("Ghi lý do hủy cuộc họp (thư báo hủy gửi lý do này cho người được mời).")
        ]
    elif len(reason) > REASON_MAX:
        errors["reason"] = [
            gettext("Lý do hủy dài quá %(max)d ký tự; hãy viết ngắn lại.") % {"max": REASON_MAX}
        ]
    if errors:
        raise ValidationError(errors)
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason
    meeting._change_reason = reason[:100]  # type: ignore[attr-defined]  # history: 100 chars
    services._save(meeting, actor, ["status", "cancel_reason"])
    notify.meeting_cancelled(meeting)
    return meeting
