"""Correct or remove what was added to a meeting (issue 8, item 4): agenda items, guests,
speeches, votes and conclusions, named ``<entity>_update`` / ``<entity>_delete``.

Like the "add" services of ``meetings.services`` (whose helpers they reuse): keyword arguments
with an ``actor``, the same write predicate (``permissions.can_manage_meeting`` on a meeting
whose minutes are not approved — approved minutes lock the meeting: a change needs a new version
of the minutes), the meeting's optimistic ``version`` (stale → ``ValidationError``), one
transaction, history (django-simple-history records who). A corrected conclusion corrects its
task in the targets app; a removed one cancels its task (with a note) — a task is never deleted.
After a delete the remaining rows are renumbered 1, 2, 3… so the agenda stays contiguous."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext

from dangbo.core.errors import ConcurrentEdit
from dangbo.meetings.models import (
    AgendaItem,
    Conclusion,
    Guest,
    Meeting,
    Speech,
    SpeechKind,
    Vote,
)
from dangbo.meetings.services import _locked, _save, check_vote, speaker_errors
from dangbo.targets.models import TaskStatus
from dangbo.targets.services import task_create, task_details_update, task_update

AGENDA_FIELDS = ("title", "presenter", "minutes")
GUEST_FIELDS = ("full_name", "rank", "title", "position", "organization", "status")

# Record data written on the task (Vietnamese whatever the page's language), not a msgid.
CANCEL_NOTE = "Kết luận “{text}” của cuộc họp “{meeting}” ngày {date} đã bị xóa: {outcome}."
CANCELLED_OUTCOME = "nhiệm vụ được hủy theo"
DONE_OUTCOME = "nhiệm vụ đã hoàn thành nên giữ nguyên"


def _meeting(actor: Any, meeting_id: int, version: int) -> Meeting:
    """The meeting locked for the change: 403 outside the write predicate or once its minutes
    are approved (``permissions.locked_message``), ``ValidationError`` when stale."""
    try:
        return _locked(actor, meeting_id, version)
    except ConcurrentEdit as exc:
        raise ValidationError({"__all__": [str(exc)]}) from exc


def _row(model: type[models.Model], meeting: Meeting, pk: int) -> Any:
    try:
        return model._default_manager.select_for_update().get(meeting=meeting, pk=pk)
    except model.DoesNotExist as exc:
        raise ValidationError({"__all__": [gettext(
            "Mục này không còn trong cuộc họp (có thể người khác vừa xóa); hãy tải lại trang."
        )]}) from exc  # fmt: skip


def _store(actor: Any, meeting: Meeting, obj: Any) -> Any:
    obj._history_user = actor
    obj.save()
    _save(meeting, actor, [])
    return obj


def _remove(actor: Any, meeting: Meeting, obj: Any) -> None:
    """Delete ``obj`` (history keeps who), renumber the rest of its kind 1, 2, 3…"""
    model = type(obj)
    obj._history_user = actor
    obj.delete()
    rows = model._default_manager.filter(meeting=meeting).order_by("order", "id")
    for number, row in enumerate(rows, start=1):
        if row.order != number:
            row.order = number
            row._history_user = actor
            row.save(update_fields=["order"])
    _save(meeting, actor, [])


def _set(obj: Any, allowed: tuple[str, ...], values: dict[str, Any]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    for name, value in values.items():
        setattr(obj, name, value)


# ---- agenda items -------------------------------------------------------------------------------
@transaction.atomic
def agenda_item_update(
    *, actor: Any, meeting_id: int, item_id: int, version: int, **values: Any
) -> AgendaItem:
    meeting = _meeting(actor, meeting_id, version)
    item: AgendaItem = _row(AgendaItem, meeting, item_id)
    _set(item, AGENDA_FIELDS, values)
    item.title = (item.title or "").strip()
    if not item.title:
        raise ValidationError({"title": [gettext("Ghi nội dung họp.")]})
    return _store(actor, meeting, item)  # type: ignore[no-any-return]


@transaction.atomic
def agenda_item_delete(*, actor: Any, meeting_id: int, item_id: int, version: int) -> None:
    meeting = _meeting(actor, meeting_id, version)
    _remove(actor, meeting, _row(AgendaItem, meeting, item_id))


# ---- guests -------------------------------------------------------------------------------------
@transaction.atomic
def guest_update(
    *, actor: Any, meeting_id: int, guest_id: int, version: int, **values: Any
) -> Guest:
    meeting = _meeting(actor, meeting_id, version)
    guest: Guest = _row(Guest, meeting, guest_id)
    _set(guest, GUEST_FIELDS, values)
    guest.full_name = (guest.full_name or "").strip()
    if not guest.full_name:
        raise ValidationError({"full_name": [gettext("Ghi họ và tên khách mời.")]})
    return _store(actor, meeting, guest)  # type: ignore[no-any-return]


@transaction.atomic
def guest_delete(*, actor: Any, meeting_id: int, guest_id: int, version: int) -> None:
    """Refused while the register of speakers names the guest (the speech would lose its
    speaker): remove or change those speeches first."""
    meeting = _meeting(actor, meeting_id, version)
    guest: Guest = _row(Guest, meeting, guest_id)
    if Speech.objects.filter(guest=guest).exists():
        raise ValidationError({"__all__": [gettext(
            "Khách mời %(name)s có phát biểu trong sổ phát biểu; sửa hoặc xóa các phát biểu "
            "đó trước rồi mới xóa khách mời."
        ) % {"name": guest.full_name}]})  # fmt: skip
    _remove(actor, meeting, guest)


# ---- speeches -----------------------------------------------------------------------------------
@transaction.atomic
def speech_update(
    *, actor: Any, meeting_id: int, speech_id: int, version: int, kind: str,
    attendance_id: int | None = None, guest_id: int | None = None, speaker_text: str = "",
    summary: str = "",
) -> Speech:  # fmt: skip
    meeting = _meeting(actor, meeting_id, version)
    speech: Speech = _row(Speech, meeting, speech_id)
    speaker_text = speaker_text.strip()
    errors = speaker_errors(meeting, kind, attendance_id, guest_id, speaker_text)
    if errors:
        raise ValidationError(errors)
    speech.kind = SpeechKind(kind).value
    speech.attendance_id = attendance_id  # type: ignore[attr-defined]
    speech.guest_id = guest_id  # type: ignore[attr-defined]
    speech.speaker_text, speech.summary = speaker_text, summary
    return _store(actor, meeting, speech)  # type: ignore[no-any-return]


@transaction.atomic
def speech_delete(*, actor: Any, meeting_id: int, speech_id: int, version: int) -> None:
    meeting = _meeting(actor, meeting_id, version)
    _remove(actor, meeting, _row(Speech, meeting, speech_id))


# ---- votes --------------------------------------------------------------------------------------
@transaction.atomic
def vote_update(
    *, actor: Any, meeting_id: int, vote_id: int, version: int, matter: str, votes_for: int,
    against: int = 0, abstain: int = 0,
) -> Vote:  # fmt: skip
    """The corrected count, checked by ``rules.vote_result`` as when it was first recorded."""
    meeting = _meeting(actor, meeting_id, version)
    vote: Vote = _row(Vote, meeting, vote_id)
    check_vote(meeting, votes_for, against, abstain)
    vote.matter, vote.votes_for, vote.against, vote.abstain = matter, votes_for, against, abstain
    return _store(actor, meeting, vote)  # type: ignore[no-any-return]


@transaction.atomic
def vote_delete(*, actor: Any, meeting_id: int, vote_id: int, version: int) -> None:
    meeting = _meeting(actor, meeting_id, version)
    _remove(actor, meeting, _row(Vote, meeting, vote_id))


# ---- conclusions --------------------------------------------------------------------------------
@transaction.atomic
def conclusion_update(
    *, actor: Any, meeting_id: int, conclusion_id: int, version: int, text: str,
    responsible_organization: Any | None = None, deadline: dt.date | None = None,
    create_task: bool = False,
) -> Conclusion:  # fmt: skip
    """The corrected conclusion; its task (if any) gets the same text, unit and deadline
    (``targets.services.task_details_update``). Without a task, ``create_task`` makes one."""
    meeting = _meeting(actor, meeting_id, version)
    conclusion: Conclusion = _row(Conclusion, meeting, conclusion_id)
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
    conclusion.text = text
    conclusion.responsible_organization = responsible_organization
    conclusion.deadline = deadline
    task = conclusion.task
    if task is not None:
        task_details_update(
            actor=actor, task_id=task.pk, version=task.version, title=text[:500],
            responsible_organization=responsible_organization, deadline=deadline,
        )  # fmt: skip
    elif create_task:
        conclusion.task = task_create(
            actor=actor, organization=org, title=text[:500],
            responsible_organization=responsible_organization, deadline=deadline,
        )  # fmt: skip
    return _store(actor, meeting, conclusion)  # type: ignore[no-any-return]


def cancel_note(conclusion: Conclusion, meeting: Meeting, done: bool) -> str:
    return CANCEL_NOTE.format(
        text=conclusion.text[:120], meeting=meeting.title, date=f"{meeting.date:%d/%m/%Y}",
        outcome=DONE_OUTCOME if done else CANCELLED_OUTCOME,
    )  # fmt: skip


@transaction.atomic
def conclusion_delete(*, actor: Any, meeting_id: int, conclusion_id: int, version: int) -> None:
    """Remove the conclusion; its task stays in the targets app, cancelled with a note (a task
    already done keeps its status and gets the note)."""
    meeting = _meeting(actor, meeting_id, version)
    conclusion: Conclusion = _row(Conclusion, meeting, conclusion_id)
    task = conclusion.task
    if task is not None:
        done = task.status == TaskStatus.DONE
        keep = done or task.status == TaskStatus.CANCELLED
        status = task.status if keep else TaskStatus.CANCELLED.value
        task_update(
            actor=actor, task_id=task.pk, version=task.version, status=status,
            note=cancel_note(conclusion, meeting, done),
        )  # fmt: skip
    _remove(actor, meeting, conclusion)
