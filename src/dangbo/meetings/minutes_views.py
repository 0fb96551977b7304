"""Minutes pages (issue 8 item 5): the versions of a meeting's minutes, a draft's textarea,
approval, a new version with its reason, and the outputs — the printable HTML page, DOCX and PDF
through the Party-format renderer (``documents.render``). Thin views: fetch through the scope
(404 outside it), ask ``meetings.permissions`` (403), call ``minutes_services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit, add_form_errors
from dangbo.documents import render as doc_render
from dangbo.meetings import minutes, minutes_queries, minutes_services, permissions
from dangbo.meetings.fetch import meeting_or_404
from dangbo.meetings.models import Attendance, Meeting, Minutes

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class MinutesCreateForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do lập phiên bản mới"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Bắt buộc khi biên bản đã có phiên bản được duyệt."),
    )  # fmt: skip


class MinutesTextForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Nội dung biên bản"), strip=False,
        widget=forms.Textarea(attrs={"rows": 30, "class": "minutes-text"}),
        help_text=gettext_lazy(
            "Mỗi dòng một đoạn. “# ” đầu dòng: đề mục; “## ”: đề mục nhỏ; “- ”: gạch đầu dòng; "
            "“| … | … |”: dòng của bảng; “**Nhãn:** nội dung”: nhãn in đậm; “_…_”: in nghiêng."
        ),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)


def _meeting(request: HttpRequest, pk: int) -> tuple[Meeting, list[int]]:
    """A meeting the actor reads (404 else) and its invited member ids."""
    meeting = meeting_or_404(request, pk)
    invited = list(Attendance.objects.filter(meeting=meeting).values_list("member_id", flat=True))
    if not permissions.can_view_meeting(scope_for(request.user), meeting, invited):
        raise Http404
    return meeting, invited


def _version(request: HttpRequest, pk: int, number: int) -> tuple[Meeting, Minutes]:
    """A version the actor reads: 404 outside the scope, 403 for a draft she may not read."""
    meeting, invited = _meeting(request, pk)
    row: Minutes = get_object_or_404(Minutes, meeting=meeting, number=number)
    if not permissions.can_read_minutes(scope_for(request.user), meeting, row, invited):
        raise PermissionDenied(gettext("Biên bản này chưa được duyệt."))
    return meeting, row


def _int(value: Any) -> int:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else -1


@login_required
def minutes_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The versions of the minutes: the approved ones for every reader of the meeting, drafts
    for the readers of its organization; the actions for whoever manages the meeting."""
    meeting, invited = _meeting(request, pk)
    scope = scope_for(request.user)
    rows = list(minutes_queries.versions(meeting))
    has_draft = any(m.is_draft for m in rows)
    versions = [
        {"row": m, "can_edit": permissions.can_edit_minutes(scope, meeting, m)}
        for m in rows
        if permissions.can_read_minutes(scope, meeting, m, invited)
    ]
    context = {
        "meeting": meeting, "org": meeting.organization, "versions": versions,
        "can_draft": permissions.can_draft_minutes(scope, meeting, has_draft),
        "needs_reason": any(not m.is_draft for m in rows), "form": MinutesCreateForm(),
        "is_planned": meeting.status == "planned",
    }  # fmt: skip
    return render(request, "meetings/minutes_list.html", context)


@login_required
def minutes_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting, _invited = _meeting(request, pk)
    if not permissions.can_manage_meeting(scope_for(request.user), meeting):
        raise PermissionDenied
    form = MinutesCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            row = minutes_services.minutes_create(
                actor=request.user, meeting_id=meeting.pk, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lập phiên bản %(n)s của biên bản.") % {
                "n": row.number})  # fmt: skip
            return redirect("meetings:minutes_edit", pk=meeting.pk, number=row.number)
    context = {"form": form, "meeting": meeting, "org": meeting.organization,
               "title": gettext("Lập biên bản")}  # fmt: skip
    return render(request, "meetings/minutes_form.html", context)


@login_required
def minutes_edit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The draft's textarea; an approved version answers 403 with the reason."""
    meeting, row = _version(request, pk, number)
    scope = scope_for(request.user)
    if not permissions.can_manage_meeting(scope, meeting):
        raise PermissionDenied
    if not permissions.can_edit_minutes(scope, meeting, row):
        raise PermissionDenied(permissions.minutes_approved_message())
    form = MinutesTextForm(request.POST or None, initial={"text": row.text, "version": row.version})
    if request.method == "POST" and form.is_valid():
        try:
            minutes_services.minutes_update(
                actor=request.user, minutes_id=row.pk, version=form.cleaned_data["version"],
                text=form.cleaned_data["text"],
            )  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        except ConcurrentEdit as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, gettext("Đã lưu bản nháp biên bản."))
            return redirect("meetings:minutes", pk=meeting.pk)
    context = {
        "form": form, "meeting": meeting, "org": meeting.organization, "row": row,
        "title": gettext("Sửa biên bản (phiên bản %(n)s)") % {"n": row.number},
    }  # fmt: skip
    return render(request, "meetings/minutes_form.html", context)


def _post_action(request: HttpRequest, pk: int, number: int, service: Any, done: str) -> Any:
    meeting, row = _version(request, pk, number)
    if not permissions.can_manage_meeting(scope_for(request.user), meeting):
        raise PermissionDenied
    try:
        service(actor=request.user, minutes_id=row.pk, version=_int(request.POST.get("version")))
    except ValidationError as exc:
        for ms in exc.message_dict.values():
            for m in ms:
                messages.error(request, m)
    except ConcurrentEdit as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect("meetings:minutes", pk=meeting.pk)


@login_required
@require_POST
def minutes_regenerate(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    return _post_action(  # type: ignore[no-any-return]
        request, pk, number, minutes_services.minutes_regenerate,
        gettext("Đã tạo lại nội dung biên bản từ dữ liệu cuộc họp."),
    )  # fmt: skip


@login_required
@require_POST
def minutes_approve(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    return _post_action(  # type: ignore[no-any-return]
        request, pk, number, minutes_services.minutes_approve,
        gettext("Đã duyệt biên bản; cuộc họp đã được khóa."),
    )  # fmt: skip


def _document(row: Minutes) -> Any:
    return minutes.document(minutes.Header.from_json(row.header), row.text)


def _filename(meeting: Meeting, row: Minutes, ext: str) -> str:
    return f"bien-ban-{meeting.date:%Y-%m-%d}-{meeting.pk}-v{row.number}.{ext}"


@login_required
@require_GET
def minutes_print(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The printable page (the same markup and stylesheet as the PDF)."""
    meeting, row = _version(request, pk, number)
    html = doc_render.render_html(
        _document(row), stylesheet=static(doc_render.STYLESHEET_STATIC),
        back_url=reverse("meetings:minutes", args=[meeting.pk]),
    )  # fmt: skip
    return HttpResponse(html)


@login_required
@require_GET
def minutes_docx(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    meeting, row = _version(request, pk, number)
    response = HttpResponse(doc_render.render_docx(_document(row)), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting, row, "docx")}"'
    return response


@login_required
@require_GET
def minutes_pdf(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    meeting, row = _version(request, pk, number)
    response = HttpResponse(doc_render.render_pdf(_document(row)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(meeting, row, "pdf")}"'
    return response
