"""Invitation emails for meetings (issue 8, item 6), through Django's email framework (the
console backend unless EMAIL_HOST is set — settings.py).

``meeting_changed(meeting)`` is called by ``meetings.services`` whenever a meeting is created or
changed; after the transaction commits it sends each invitee with an email address one message
(Vietnamese text, the meeting's .ics attached) — but only when the schedule announced to her
(date, times, place) differs from the one last sent (``calendar.needs_invitation``), so saving
twice, or changing only the title or the attendance, sends nothing. Each message sent is
recorded as an ``InvitationSent`` row; a message the mail server refuses is logged and not
recorded, so the next change of the schedule sends it again.

Two more notices use the same bookkeeping (``InvitationSent.kind``): ``meeting_cancelled``
tells each invitee once that the meeting is cancelled, with the reason (issue 8 finishing work),
and ``document_published`` tells each invitee once per document published to the invitees, with
the link back to the meeting. The late-publication warning (HD 42-HD/BTCTW, 01 day ahead) is for
the office's page, not for these emails.

Not emailed: members without an address, and members exempt from Party activities
(``Attendance.exempt``, expected absent). Guests have no address in the app."""

from __future__ import annotations

import datetime as dt
import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from dangbo.meetings import calendar
from dangbo.meetings.models import (
    Attendance,
    InvitationSent,
    Meeting,
    MeetingDocument,
    MeetingStatus,
    NoticeKind,
)

logger = logging.getLogger(__name__)

LOCAL_SITE = "http://localhost:8000"


def site_url(path: str, request: Any = None) -> str:
    """An absolute URL: SITE_URL when set, else the request's host, else the local server."""
    base = getattr(settings, "SITE_URL", "")
    if base:
        return str(base).rstrip("/") + path
    if request is not None:
        return str(request.build_absolute_uri(path))
    return LOCAL_SITE + path


def meeting_url(meeting_pk: int, request: Any = None) -> str:
    return site_url(reverse("meetings:detail", args=[meeting_pk]), request)


def meeting_changed(meeting: Meeting) -> None:
    """Send the invitations the change calls for, once the current transaction commits."""
    transaction.on_commit(partial(_send_logged, meeting.pk))


def _send_logged(meeting_pk: int) -> None:
    """After the commit the meeting is saved whatever happens here: a failure is logged and
    never reaches the page that saved it."""
    try:
        send_invitations(meeting_pk)
    except Exception:
        logger.exception("Sending the invitations of meeting %s failed", meeting_pk)


def when_text(meeting: Meeting, *, with_end: bool = False) -> str:
    """ "14:00 ngày 29/06/2023" ("14:00 – 16:00 ngày 29/06/2023" ``with_end``)."""
    time = meeting.start_time.strftime("%H:%M")
    if with_end and meeting.end_time is not None:
        time += " – " + meeting.end_time.strftime("%H:%M")
    return gettext("%(time)s ngày %(date)s") % {
        "time": time,
        "date": meeting.date.strftime("%d/%m/%Y"),
    }


def send_invitations(meeting_pk: int, *, today: dt.date | None = None) -> int:
    """Send what the meeting's schedule calls for; the number of messages sent."""
    meeting = (
        Meeting.objects.select_related("organization", "chair", "secretary")
        .filter(pk=meeting_pk)
        .first()
    )
    if meeting is None:
        return 0
    today = today or timezone.localdate()
    current = calendar.meeting_schedule_key(meeting)
    planned = meeting.status == MeetingStatus.PLANNED
    if not calendar.needs_invitation(None, current, planned=planned, date=meeting.date,
                                     today=today):  # fmt: skip
        return 0
    attendances = list(
        Attendance.objects.filter(meeting=meeting, exempt=False)
        .exclude(member__email="")
        .select_related("member")
        .order_by("member__sort_key", "member_id")
    )
    last: dict[int, str] = {}
    sent_rows = InvitationSent.objects.filter(
        attendance__meeting=meeting, kind=NoticeKind.INVITATION
    ).order_by("attendance_id", "-id")
    for attendance_id, schedule in sent_rows.values_list("attendance_id", "schedule"):
        last.setdefault(attendance_id, schedule)
    due = [
        a for a in attendances
        if calendar.needs_invitation(last.get(a.pk), current, planned=planned,
                                     date=meeting.date, today=today)
    ]  # fmt: skip
    if not due:
        return 0
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        url = meeting_url(meeting.pk)
        ics = calendar.build_calendar([meeting], lambda _m: url, meeting.title, method="PUBLISH")
        connection = get_connection()
        for a in due:
            message = invitation_message(meeting, a, url, ics, changed=a.pk in last)
            message.connection = connection
            try:
                message.send()
            except Exception:  # the server refused this one: the next change retries it
                logger.exception("Invitation to %s for meeting %s failed", a.member.pk, meeting.pk)
                continue
            InvitationSent.objects.create(
                attendance=a, schedule=current, sequence=meeting.version, email=a.member.email
            )
            sent += 1
    return sent


def invitation_message(
    meeting: Meeting, attendance: Attendance, url: str, ics: bytes, *, changed: bool
) -> EmailMessage:
    member = attendance.member
    values = {"title": meeting.title, "when": when_text(meeting)}
    if changed:
        subject = gettext("Thay đổi lịch họp: %(title)s, %(when)s") % values
    else:
        subject = gettext("Giấy mời họp: %(title)s, %(when)s") % values
    body = render_to_string(
        "meetings/email/invitation.txt",
        {"meeting": meeting, "member": member, "url": url, "changed": changed,
         "when": when_text(meeting, with_end=True)},
    )  # fmt: skip
    message = EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[member.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )  # fmt: skip
    message.attach("cuoc-hop.ics", ics, "text/calendar")
    return message


# ---- cancellation and document notices ----------------------------------------------------------
def meeting_cancelled(meeting: Meeting) -> None:
    """Tell the invitees the meeting is cancelled, once the current transaction commits."""
    transaction.on_commit(partial(_logged, send_cancellations, meeting.pk))


def document_published(document: MeetingDocument) -> None:
    """Tell the invitees a document was published to them, once the transaction commits."""
    transaction.on_commit(partial(_logged, send_document_notices, document.pk))


def _logged(send: Any, pk: int) -> None:
    try:
        send(pk)
    except Exception:
        logger.exception("Sending the notices of %s %s failed", send.__name__, pk)


def _recipients(meeting: Meeting) -> list[Attendance]:
    """The invitees an email can reach: with an address, not exempt."""
    return list(
        Attendance.objects.filter(meeting=meeting, exempt=False)
        .exclude(member__email="")
        .select_related("member")
        .order_by("member__sort_key", "member_id")
    )


def _send_once(
    meeting: Meeting, kind: str, build: Any, document: MeetingDocument | None = None
) -> int:
    """Send ``build(attendance)`` to each recipient not yet sent this notice (``kind``, and
    ``document``); each message sent is recorded, a refused one is logged and not recorded."""
    done = set(
        InvitationSent.objects.filter(
            attendance__meeting=meeting, kind=kind, document=document
        ).values_list("attendance_id", flat=True)
    )
    due = [a for a in _recipients(meeting) if a.pk not in done]
    sent = 0
    connection = get_connection() if due else None
    for a in due:
        message = build(a)
        message.connection = connection
        try:
            message.send()
        except Exception:  # the server refused this one
            logger.exception("%s to %s for meeting %s failed", kind, a.member.pk, meeting.pk)
            continue
        InvitationSent.objects.create(
            attendance=a, kind=kind, document=document, schedule="",
            sequence=meeting.version, email=a.member.email,
        )  # fmt: skip
        sent += 1
    return sent


def _meeting(meeting_pk: int) -> Meeting | None:
    return (
        Meeting.objects.select_related("organization", "chair", "secretary")
        .filter(pk=meeting_pk)
        .first()
    )


def send_cancellations(meeting_pk: int, *, today: dt.date | None = None) -> int:
    """One cancellation notice per invitee, for a cancelled meeting not yet past (the .ics
    attached says STATUS:CANCELLED with the next SEQUENCE, so calendar apps drop the event)."""
    meeting = _meeting(meeting_pk)
    today = today or timezone.localdate()
    if meeting is None or meeting.status != MeetingStatus.CANCELLED or meeting.date < today:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        url = meeting_url(meeting.pk)
        ics = calendar.build_calendar([meeting], lambda _m: url, meeting.title, method="PUBLISH")
        return _send_once(
            meeting, NoticeKind.CANCELLATION,
            lambda a: cancellation_message(meeting, a, url, ics),
        )  # fmt: skip


def cancellation_message(
    meeting: Meeting, attendance: Attendance, url: str, ics: bytes
) -> EmailMessage:
    member = attendance.member
    subject = gettext("Hủy cuộc họp: %(title)s, %(when)s") % {
        "title": meeting.title, "when": when_text(meeting),
    }  # fmt: skip
    body = render_to_string(
        "meetings/email/cancellation.txt",
        {"meeting": meeting, "member": member, "url": url,
         "when": when_text(meeting, with_end=True)},
    )  # fmt: skip
    message = EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[member.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )  # fmt: skip
    message.attach("cuoc-hop.ics", ics, "text/calendar")
    return message


def send_document_notices(document_pk: int) -> int:
    """One notice per invitee for a published document, with the links to the meeting and to
    the document (both open after logging in) — not for a cancelled meeting."""
    document = MeetingDocument.objects.filter(pk=document_pk, published_at__isnull=False).first()
    if document is None:
        return 0
    meeting = _meeting(document.meeting_id)  # type: ignore[attr-defined]
    if meeting is None or meeting.status == MeetingStatus.CANCELLED:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        url = meeting_url(meeting.pk)
        doc_url = site_url(reverse("meetings:document_download", args=[meeting.pk, document.pk]))
        return _send_once(
            meeting, NoticeKind.DOCUMENT,
            lambda a: document_message(meeting, document, a, url, doc_url), document=document,
        )  # fmt: skip


def document_message(
    meeting: Meeting, document: MeetingDocument, attendance: Attendance, url: str, doc_url: str
) -> EmailMessage:
    member = attendance.member
    subject = gettext("Tài liệu cuộc họp: %(document)s (%(title)s, %(when)s)") % {
        "document": document.title, "title": meeting.title, "when": when_text(meeting),
    }  # fmt: skip
    body = render_to_string(
        "meetings/email/document.txt",
        {"meeting": meeting, "document": document, "member": member, "url": url,
         "doc_url": doc_url, "when": when_text(meeting, with_end=True)},
    )  # fmt: skip
    return EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[member.email],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )  # fmt: skip
