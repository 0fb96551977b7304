"""Pages of the generated documents (issue 10 items 2 and 3): the list of the documents of the
organizations in scope, the generate form, a document's page (the edit form with the live
preview of the Party page, the consistency findings and the issue form), the downloads, and an
organization's register. Thin views: fetch through the scope (404 outside it), ask
``reports.permissions`` (403), call ``reports.services``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_POST

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import add_form_errors
from dangbo.core.pagination import paginate
from dangbo.documents import render as doc_render
from dangbo.organizations.models import Organization
from dangbo.reports import permissions, queries, services
from dangbo.reports.forms import CounterForm, EditForm, GenerateForm, IssueForm
from dangbo.reports.models import MEETING_KINDS, DocumentKind, GeneratedDocument

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _int(value: Any) -> int | None:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 6 else None


def _document(request: HttpRequest, pk: int) -> GeneratedDocument:
    scope = scope_for(request.user)
    if not permissions.can_see_documents(scope):
        raise Http404
    row = queries.document(scope, pk)
    if row is None or not permissions.can_read_document(scope, row):
        raise Http404
    return row


def page_html(doc: Any) -> SafeString:
    """The Party page of ``doc`` as the renderer lays it out (``documents.render_html``), the
    ``<main class="page">`` part only, to show inside an app page (the preview)."""
    html = doc_render.render_html(doc)
    inner = html.split('<main class="page">', 1)[-1].rsplit("</main>", 1)[0]
    return mark_safe(inner)  # noqa: S308 — the renderer's template escaped every text


@login_required
@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not permissions.can_see_documents(scope):
        raise Http404
    kind = request.GET.get("loai", "")
    kind = kind if kind in DocumentKind.values else ""
    year = _int(request.GET.get("nam"))
    page = paginate(request, queries.documents_for(scope, kind=kind, year=year))
    context = {
        "page": page, "kinds": DocumentKind.choices, "kind": kind, "year": year,
        "years": queries.years_for(scope),
        "can_generate": permissions.can_generate_documents(scope),
    }  # fmt: skip
    return render(request, "reports/list.html", context)


@login_required
def document_generate(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not permissions.can_see_documents(scope):
        raise Http404
    if not permissions.can_generate_documents(scope):
        raise PermissionDenied(gettext("Bạn chỉ được xem văn bản, không tạo được văn bản."))
    form = GenerateForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = data.get("meeting")
        try:
            row = services.document_generate(
                actor=request.user, kind=data["kind"], organization_id=data["organization"].pk,
                year=data["year"], meeting_id=meeting.pk if meeting else None,
            )  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(
                request, gettext("Đã tạo dự thảo từ dữ liệu; hãy đọc, sửa rồi ban hành.")
            )
            return redirect("reports:detail", pk=row.pk)
    context = {"form": form, "meeting_kinds": sorted(MEETING_KINDS)}
    return render(request, "reports/generate.html", context)


def _findings(row: GeneratedDocument) -> tuple[Any, ...]:
    if not row.is_draft:
        return ()
    report = queries.consistency_of(row)
    return report.findings


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A document: the Party page; for a draft, the edit form (POST saves it) with the live
    preview, the consistency findings and the issue form, shown to whoever may edit it."""
    row = _document(request, pk)
    scope = scope_for(request.user)
    can_edit = permissions.can_edit_document(scope, row)
    if request.method == "POST" and not can_edit:
        message = permissions.issued_message() if not row.is_draft else ""
        raise PermissionDenied(message)
    form = EditForm(
        request.POST or None,
        initial={"title": row.title, "body": row.body, "version": row.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_edit(
                actor=request.user, document_id=row.pk, version=form.cleaned_data["version"],
                title=form.cleaned_data["title"], body=form.cleaned_data["body"],
            )  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu dự thảo."))
            return redirect("reports:detail", pk=row.pk)
    findings = _findings(row)
    context = {
        "row": row, "org": row.organization, "form": form, "can_edit": can_edit,
        "findings": findings, "stored_findings": row.check_findings,
        "issue_form": IssueForm(initial={"version": row.version}),
        "preview": page_html(queries.spec_of(row)),
        "can_register": permissions.can_read_register(scope, row.organization),
    }  # fmt: skip
    return render(request, "reports/detail.html", context)


@login_required
@require_POST
def document_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The live preview (htmx): the Party page of the text being edited, not saved."""
    row = _document(request, pk)
    if not permissions.can_edit_document(scope_for(request.user), row):
        raise PermissionDenied(permissions.issued_message())
    title = str(request.POST.get("title", "")) or row.title
    body = str(request.POST.get("body", "")).replace("\r\n", "\n")
    context = {"row": row, "preview": page_html(queries.spec_of(row, body=body, title=title))}
    return render(request, "reports/detail.html#preview", context)


@login_required
@require_POST
def document_issue(request: HttpRequest, pk: int) -> HttpResponse:
    row = _document(request, pk)
    if not permissions.can_issue_document(scope_for(request.user), row):
        raise PermissionDenied(permissions.issued_message() if not row.is_draft else "")
    version = _int(request.POST.get("version"))
    reason = str(request.POST.get("reason", ""))
    try:
        issued = services.document_issue(
            actor=request.user, document_id=row.pk, version=-1 if version is None else version,
            reason=reason,
        )  # fmt: skip
    except ValidationError as exc:
        for ms in exc.message_dict.values():
            for m in ms:
                messages.error(request, m)
    else:
        messages.success(request, gettext("Đã ban hành văn bản số %(n)s.") % {
            "n": issued.number_text})  # fmt: skip
    return redirect("reports:detail", pk=row.pk)


def _download(row: GeneratedDocument, ext: str) -> HttpResponse | FileResponse:
    stored = row.pdf if ext == "pdf" else row.docx
    name = f"{row.type_code}-{row.year}-{row.pk}.{ext}"
    if not row.is_draft and stored:
        try:
            handle = stored.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        return FileResponse(handle, as_attachment=True, filename=stored.name.rsplit("/", 1)[-1])
    doc = queries.spec_of(row)
    if ext == "pdf":
        response = HttpResponse(doc_render.render_pdf(doc), content_type="application/pdf")
    else:
        response = HttpResponse(doc_render.render_docx(doc), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="du-thao-{name}"'
    return response


@login_required
@require_GET
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    """The issued PDF as stored; a draft's rendered now."""
    return _download(_document(request, pk), "pdf")


@login_required
@require_GET
def document_docx(request: HttpRequest, pk: int) -> HttpResponse | FileResponse:
    return _download(_document(request, pk), "docx")


@login_required
def register(request: HttpRequest, org_pk: int) -> HttpResponse:
    """An organization's register (per term and type: the last number used), and, for whoever
    writes the organization, the form to set the last number used before dangbo."""
    scope = scope_for(request.user)
    if not permissions.can_see_documents(scope):
        raise Http404
    org: Organization | None = scope.orgs().filter(pk=org_pk).first()
    if org is None or not permissions.can_read_register(scope, org):
        raise Http404
    can_write = permissions.can_write_documents(scope, org)
    if request.method == "POST" and not can_write:
        raise PermissionDenied(gettext("Bạn chỉ được xem sổ đăng ký văn bản."))
    form = CounterForm(request.POST or None, codes=services.TYPE_CODES)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            counter = services.counter_set_start(
                actor=request.user, organization_id=org.pk, type_code=data["type_code"],
                last=data["last"], on=data.get("on"),
            )  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext(
                "Đã ghi số cuối đã dùng; văn bản %(code)s tiếp theo sẽ mang số %(n)s."
            ) % {"code": counter.type_code, "n": f"{counter.last + 1:02d}"})  # fmt: skip
            return redirect("reports:register", org_pk=org.pk)
    context = {"org": org, "counters": queries.counters_of(org), "form": form,
               "can_write": can_write}  # fmt: skip
    return render(request, "reports/register.html", context)
