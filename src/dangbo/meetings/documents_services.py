"""Use cases of a meeting's documents (issue 8, items 1 and 7): attach, publish to the
invitees, remove while unpublished. Same conventions as ``meetings.services``: an ``actor``,
the permission asked again (``services._locked``: ``permissions.can_manage_meeting``, not locked),
the meeting's ``version`` checked and incremented, one transaction, history kept.

The upload checks are the evidence files' (``targets.uploads``: size cap
``DANGBO_EVIDENCE_MAX_MB``, allow-list of types, content matching the extension). Publishing
later than ``rules.documents_deadline`` (01 day before the meeting, HD 42-HD/BTCTW) is allowed
— the documents are still better late than never — but returns the warning with its citation."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dangbo.meetings import notify, rules, services
from dangbo.meetings.models import Meeting, MeetingDocument
from dangbo.targets import uploads


def local_naive(moment: dt.datetime) -> dt.datetime:
    """An aware time as the wall clock of the site's time zone (the meeting's date and start
    time are stored as wall-clock values)."""
    return timezone.localtime(moment).replace(tzinfo=None)


def publication_problem(meeting: Meeting, document: MeetingDocument) -> rules.Problem | None:
    """Not published yet, or published later than the deadline (``rules.documents_late``)."""
    published = local_naive(document.published_at) if document.published_at else None
    return rules.documents_late(meeting.starts_at, published)


def _document(actor: Any, document_id: int, version: int) -> tuple[MeetingDocument, Meeting]:
    document = MeetingDocument.objects.select_related("meeting").get(pk=document_id)
    meeting = services._locked(actor, document.meeting.pk, version)
    return document, meeting


@transaction.atomic
def document_add(
    *, actor: Any, meeting_id: int, version: int, title: str, file: Any
) -> MeetingDocument:
    """Attach a document (not yet published). The file passes the upload checks."""
    title = (title or "").strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [
            gettext("Ghi tên tài liệu (học tập, quán triệt: tên văn bản, ví dụ nghị quyết số …).")
        ]
    if not file:
        errors["file"] = [gettext("Chọn tệp tài liệu để tải lên.")]
    else:
        try:
            uploads.validate_evidence(file)
        except ValidationError as exc:
            errors["file"] = exc.messages
    meeting = services._locked(actor, meeting_id, version)
    if errors:
        raise ValidationError(errors)
    document = MeetingDocument(meeting=meeting, title=title[:300], uploaded_by=actor)
    document.file.save(uploads_name(file), file, save=False)
    document._history_user = actor  # type: ignore[attr-defined]
    document.save()
    services._save(meeting, actor, [])
    return document


def uploads_name(file: Any) -> str:
    """The stored name: the uploaded file's base name (the storage makes it unique)."""
    return PurePath(getattr(file, "name", "") or "tai-lieu").name


@transaction.atomic
def document_publish(
    *, actor: Any, document_id: int, version: int
) -> tuple[MeetingDocument, rules.Problem | None]:
    """Publish to the invitees now; the warning when later than the deadline (not an error) is
    for the office's page. Each invitee with an address is emailed once about the document
    (``notify.document_published``, after the commit)."""
    document, meeting = _document(actor, document_id, version)
    if document.is_published:
        raise ValidationError({"__all__": [gettext("Tài liệu “%(title)s” đã được đăng rồi.")
                                           % {"title": document.title}]})  # fmt: skip
    document.published_at = timezone.now()
    document._history_user = actor  # type: ignore[attr-defined]
    document.save(update_fields=["published_at"])
    services._save(meeting, actor, [])
    notify.document_published(document)
    return document, publication_problem(meeting, document)


@transaction.atomic
def document_remove(*, actor: Any, document_id: int, version: int) -> None:
    """Remove a document not yet published (a published one stays: the invitees have it)."""
    document, meeting = _document(actor, document_id, version)
    if document.is_published:
        raise PermissionDenied(
            gettext(
                "Tài liệu “%(title)s” đã đăng cho đảng viên nên không xóa được; "
                "nếu có sai sót, hãy tải lên bản đính chính và đăng lại."
            )
            % {"title": document.title}
        )
    document._history_user = actor  # type: ignore[attr-defined]
    stored = document.file
    document.delete()
    services._save(meeting, actor, [])
    if stored:
        name, storage = stored.name, stored.storage
        transaction.on_commit(lambda: storage.delete(name))
