"""Edit and delete what was added to a meeting (issue 8, item 4): thin views over
``meetings.items_services``. The meeting is fetched through the scope (404 outside it), the
write predicate is asked (403 for read-only or once the minutes are approved), the row must be
the meeting's (404). Edit: GET shows the "add" form prefilled, POST saves. Delete: POST only —
the confirmation is a ``<details>`` button on the meeting page (no script under the CSP)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dangbo.core.errors import add_form_errors
from dangbo.meetings import items_services as svc
from dangbo.meetings.forms import AgendaItemForm, ConclusionForm, GuestForm, SpeechForm, VoteForm
from dangbo.meetings.models import (
    AgendaItem,
    Attendance,
    Conclusion,
    Guest,
    Meeting,
    Speech,
    Vote,
)
from dangbo.meetings.views import _editable, _int


@dataclass(frozen=True)
class Kind:
    """One kind of row: its model, the form of its "add" page, its services and texts."""

    model: type[models.Model]
    form: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    id_arg: str  # the service's keyword for the row
    anchor: str  # the section of the meeting page
    title: Callable[[], str]
    saved: Callable[[], str]
    deleted: Callable[[], str]
    form_kwargs: Callable[[Meeting], dict[str, Any]] = field(default=lambda m: {})
    initial: Callable[[Any], dict[str, Any]] | None = None  # a plain (not model) form


def _speech_form_kwargs(meeting: Meeting) -> dict[str, Any]:
    attendances = Attendance.objects.filter(meeting=meeting).select_related("member")
    return {
        "attendances": list(attendances.order_by("member__sort_key", "id")),
        "guests": list(Guest.objects.filter(meeting=meeting)),
    }


def _speech_initial(speech: Speech) -> dict[str, Any]:
    return {
        "kind": speech.kind, "attendance": getattr(speech, "attendance_id", None),
        "guest": getattr(speech, "guest_id", None), "speaker_text": speech.speaker_text,
        "summary": speech.summary,
    }  # fmt: skip


KINDS: dict[str, Kind] = {
    "agenda": Kind(
        AgendaItem, AgendaItemForm, svc.agenda_item_update, svc.agenda_item_delete, "item_id",
        "#agenda", lambda: gettext("Sửa nội dung họp"), lambda: gettext("Đã lưu nội dung họp."),
        lambda: gettext("Đã xóa nội dung họp."),
    ),
    "guest": Kind(
        Guest, GuestForm, svc.guest_update, svc.guest_delete, "guest_id", "#guests",
        lambda: gettext("Sửa khách mời"), lambda: gettext("Đã lưu khách mời."),
        lambda: gettext("Đã xóa khách mời."),
    ),
    "speech": Kind(
        Speech, SpeechForm, svc.speech_update, svc.speech_delete, "speech_id", "#speeches",
        lambda: gettext("Sửa phát biểu"), lambda: gettext("Đã lưu phát biểu."),
        lambda: gettext("Đã xóa phát biểu."), _speech_form_kwargs, _speech_initial,
    ),
    "vote": Kind(
        Vote, VoteForm, svc.vote_update, svc.vote_delete, "vote_id", "#votes",
        lambda: gettext("Sửa kết quả biểu quyết"),
        lambda: gettext("Đã lưu kết quả biểu quyết."),
        lambda: gettext("Đã xóa kết quả biểu quyết."),
    ),
    "conclusion": Kind(
        Conclusion, ConclusionForm, svc.conclusion_update, svc.conclusion_delete,
        "conclusion_id", "#conclusions", lambda: gettext("Sửa kết luận"),
        lambda: gettext("Đã lưu kết luận."), lambda: gettext("Đã xóa kết luận."),
        lambda m: {"organization": m.organization},
    ),
}  # fmt: skip


def _back(meeting: Meeting, kind: Kind) -> HttpResponse:
    return redirect(redirect("meetings:detail", pk=meeting.pk).url + kind.anchor)


def _edit(request: HttpRequest, pk: int, row_id: int, name: str) -> HttpResponse:
    kind = KINDS[name]
    meeting = _editable(request, pk)
    row = get_object_or_404(kind.model._default_manager, meeting=meeting, pk=row_id)
    initial: dict[str, Any] = {"version": meeting.version}
    extra = kind.form_kwargs(meeting)
    if kind.initial is not None:
        initial.update(kind.initial(row))
    else:
        extra["instance"] = row
    if name == "conclusion":
        initial["create_task"] = False
    form = kind.form(request.POST or None, initial=initial, **extra)
    if name == "conclusion" and row.task_id is not None:  # type: ignore[attr-defined]
        del form.fields["create_task"]  # its task follows the edit
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs() if hasattr(form, "service_kwargs") else dict(form.cleaned_data)
        data.pop("version", None)
        try:
            kind.update(actor=request.user, meeting_id=meeting.pk, version=form.cleaned_data[
                "version"], **{kind.id_arg: row.pk}, **data)  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, kind.saved())
            return _back(meeting, kind)
    context = {
        "form": form, "title": kind.title(), "org": meeting.organization, "meeting": meeting,
        "back": redirect("meetings:detail", pk=meeting.pk).url + kind.anchor,
        "has_task": name == "conclusion" and row.task_id is not None,  # type: ignore[attr-defined]
    }  # fmt: skip
    return render(request, "meetings/items/edit.html", context)


def _delete(request: HttpRequest, pk: int, row_id: int, name: str) -> HttpResponse:
    kind = KINDS[name]
    meeting = _editable(request, pk)
    row = get_object_or_404(kind.model._default_manager, meeting=meeting, pk=row_id)
    try:
        kind.delete(actor=request.user, meeting_id=meeting.pk,
                    version=_int(request.POST.get("version")), **{kind.id_arg: row.pk})  # fmt: skip
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, kind.deleted())
    return _back(meeting, kind)


@login_required
def agenda_edit(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _edit(request, pk, item_id, "agenda")


@login_required
@require_POST
def agenda_delete(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _delete(request, pk, item_id, "agenda")


@login_required
def guest_edit(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _edit(request, pk, item_id, "guest")


@login_required
@require_POST
def guest_delete(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _delete(request, pk, item_id, "guest")


@login_required
def speech_edit(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _edit(request, pk, item_id, "speech")


@login_required
@require_POST
def speech_delete(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _delete(request, pk, item_id, "speech")


@login_required
def vote_edit(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _edit(request, pk, item_id, "vote")


@login_required
@require_POST
def vote_delete(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _delete(request, pk, item_id, "vote")


@login_required
def conclusion_edit(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _edit(request, pk, item_id, "conclusion")


@login_required
@require_POST
def conclusion_delete(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _delete(request, pk, item_id, "conclusion")
