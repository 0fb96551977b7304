"""Pages of a meeting's documents (issue 8, items 1 and 7): upload, publish, remove, download
— and the helpers that put the documents on the meeting page and on the member's
"Cuộc họp sắp tới". Files live outside the static and media URLs: ``document_download`` is
their only way out, and it asks ``permissions.can_download_document`` (404 otherwise, so an
invitee cannot even learn that an unpublished document exists)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from dangbo.accounts.scope import Scope, scope_for
from dangbo.core.errors import ConcurrentEdit, add_form_errors
from dangbo.meetings import documents_services, permissions
from dangbo.meetings.fetch import meeting_or_404
from dangbo.meetings.models import Attendance, Meeting, MeetingDocument
from dangbo.targets import uploads

ANCHOR = "#documents"


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Tên tài liệu"), max_length=300,
        help_text=_("Học tập, quán triệt: ghi tên văn bản, ví dụ “Nghị quyết số 57-NQ/TW …”."),
    )  # fmt: skip
    file = forms.FileField(
        label=_("Tệp tài liệu"), validators=[uploads.validate_evidence],
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT}),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)


def document_rows(meeting: Meeting, scope: Scope, invited_ids: list[int]) -> list[Any]:
    """The documents of the meeting page the actor may see (one query), each with ``problem``
    (not published, or published late) for the badge."""
    out = []
    for doc in MeetingDocument.objects.filter(meeting=meeting).order_by("id"):
        if not permissions.can_download_document(scope, meeting, doc, invited_ids):
            continue
        doc.problem = documents_services.publication_problem(meeting, doc)  # type: ignore[attr-defined]
        out.append(doc)
    return out


def detail_context(
    request: HttpRequest, meeting: Meeting, invited_ids: list[int]
) -> dict[str, Any]:
    """What the documents section of ``meetings/detail.html`` needs."""
    scope = scope_for(request.user)
    can_manage = permissions.can_manage_documents(scope, meeting)
    return {
        "documents": document_rows(meeting, scope, invited_ids),
        "can_manage_documents": can_manage,
        "document_form": DocumentForm(initial={"version": meeting.version}) if can_manage else None,
    }


def attach_published(meetings: list[Meeting]) -> list[Meeting]:
    """Give each upcoming meeting of the member's page its published documents
    (``published_documents``), in one query whatever the number of meetings."""
    by_meeting: dict[int, list[MeetingDocument]] = {m.pk: [] for m in meetings}
    if by_meeting:
        rows = MeetingDocument.objects.filter(
            meeting_id__in=list(by_meeting), published_at__isnull=False
        ).order_by("meeting_id", "id")
        for doc in rows:
            by_meeting[doc.meeting_id].append(doc)  # type: ignore[attr-defined]
    for m in meetings:
        m.published_documents = by_meeting[m.pk]  # type: ignore[attr-defined]
    return meetings


def _managed(request: HttpRequest, pk: int) -> Meeting:
    meeting = meeting_or_404(request, pk)
    if not permissions.can_manage_documents(scope_for(request.user), meeting):
        raise PermissionDenied(permissions.locked_message(meeting) if meeting.is_locked else "")
    return meeting


def _int(value: Any) -> int:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else -1


def _report(request: HttpRequest, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        for ms in exc.message_dict.values():
            for m in ms:
                messages.error(request, m)
    else:
        messages.error(request, str(exc))


@login_required
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a document (not yet published)."""
    meeting = _managed(request, pk)
    form = DocumentForm(
        request.POST or None, request.FILES or None, initial={"version": meeting.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            documents_services.document_add(
                actor=request.user, meeting_id=meeting.pk, version=form.cleaned_data["version"],
                title=form.cleaned_data["title"], file=form.cleaned_data["file"],
            )  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        except ConcurrentEdit as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, gettext("Đã tải lên tài liệu; tài liệu chưa đăng cho đảng viên.")
            )
            return redirect(redirect("meetings:detail", pk=meeting.pk).url + ANCHOR)
    context = {"form": form, "meeting": meeting, "org": meeting.organization,
               "title": gettext("Tải lên tài liệu cuộc họp")}  # fmt: skip
    return render(request, "meetings/document_form.html", context)


def _own_document(request: HttpRequest, pk: int, doc_id: int) -> MeetingDocument:
    meeting = _managed(request, pk)
    doc: MeetingDocument = get_object_or_404(MeetingDocument, pk=doc_id, meeting=meeting)
    return doc


@login_required
@require_POST
def document_publish(request: HttpRequest, pk: int, doc_id: int) -> HttpResponse:
    """Publish to the invitees; a late publication is done, with the warning."""
    doc = _own_document(request, pk, doc_id)
    try:
        _doc, problem = documents_services.document_publish(
            actor=request.user, document_id=doc.pk, version=_int(request.POST.get("version"))
        )
    except (ValidationError, ConcurrentEdit) as exc:
        _report(request, exc)
    else:
        messages.success(request, gettext("Đã đăng tài liệu cho đảng viên được mời."))
        if problem is not None:
            messages.warning(request, f"{problem.message} ({problem.citation})")
    return redirect(redirect("meetings:detail", pk=pk).url + ANCHOR)


@login_required
@require_POST
def document_remove(request: HttpRequest, pk: int, doc_id: int) -> HttpResponse:
    doc = _own_document(request, pk, doc_id)
    try:
        documents_services.document_remove(
            actor=request.user, document_id=doc.pk, version=_int(request.POST.get("version"))
        )
    except (ValidationError, ConcurrentEdit, PermissionDenied) as exc:
        _report(request, exc)
    else:
        messages.success(request, gettext("Đã xóa tài liệu chưa đăng."))
    return redirect(redirect("meetings:detail", pk=pk).url + ANCHOR)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int, doc_id: int) -> FileResponse:
    """The file, for whoever ``permissions.can_download_document`` allows; 404 otherwise."""
    meeting = meeting_or_404(request, pk)
    doc = get_object_or_404(MeetingDocument, pk=doc_id, meeting=meeting)
    invited = list(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    if not doc.file or not permissions.can_download_document(
        scope_for(request.user), meeting, doc, invited
    ):
        raise Http404
    try:
        handle = doc.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=Path(doc.file.name).name)
