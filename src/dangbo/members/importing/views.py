"""Import (upload → preview → confirm), the template and the export.

The uploaded file is kept as ``settings.IMPORT_DIR/<uuid4>.xlsx``; only its token travels, and
a token is accepted only if this session uploaded it. Confirming re-reads and re-validates.
"""

from __future__ import annotations

import io
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangbo.accounts.scope import scope_for
from dangbo.core.clientip import client_ip
from dangbo.members import services as member_services
from dangbo.members.importing import queries, services
from dangbo.members.importing.columns import BY_FIELD
from dangbo.members.importing.reader import Sheet, read_workbook
from dangbo.members.importing.validate import Plan, RowError
from dangbo.members.importing.workbooks import export_workbook, template_workbook

SESSION_KEY = "member_imports"
MAX_UPLOAD = 20 * 1024 * 1024
MAX_ERRORS_SHOWN = 200
PREVIEW_ROWS = 20
KEEP_UPLOADS_S = 24 * 3600
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel .xlsx. Hãy dùng tệp mẫu."))
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp lớn hơn 20 MB. Hãy chia thành nhiều tệp."))
        return f


def _require_import(request: HttpRequest) -> None:
    scope = scope_for(request.user)
    if not scope.sees_organizations:
        raise Http404
    if not services.can_import(request.user):
        raise PermissionDenied


def _upload_path(token: str) -> Path:
    return Path(settings.IMPORT_DIR) / f"{uuid.UUID(token)}.xlsx"


def _store(request: HttpRequest, upload: Any) -> str:
    directory = Path(settings.IMPORT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("*.xlsx"):  # uploads nobody confirmed
        if old.stat().st_mtime < time.time() - KEEP_UPLOADS_S:
            old.unlink(missing_ok=True)
    token = str(uuid.uuid4())
    with _upload_path(token).open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def _token_of(request: HttpRequest) -> str | None:
    token = request.POST.get("token", "")
    try:
        token = str(uuid.UUID(token))
    except ValueError:
        return None
    return token if token in request.session.get(SESSION_KEY, []) else None


def _forget(request: HttpRequest, token: str) -> None:
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]
    _upload_path(token).unlink(missing_ok=True)


def _errors_page(request: HttpRequest, errors: list[RowError], name: str) -> HttpResponse:
    context = {
        "errors": errors[:MAX_ERRORS_SHOWN],
        "error_count": len(errors),
        "hidden_errors": max(len(errors) - MAX_ERRORS_SHOWN, 0),
        "error_rows": len({e.row for e in errors if e.row > 0}),
        "file_name": name,
    }
    return render(request, "members/import_preview.html", context)


def _plan_or_errors(request: HttpRequest, sheet: Sheet) -> Plan | list[RowError]:
    if sheet.errors:
        return sheet.errors
    plan = services.import_plan(actor=request.user, rows=sheet.rows)
    plan.ignored_columns = sheet.ignored_columns
    return plan.errors or plan


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "members/import.html", {"form": form})
    upload = form.cleaned_data["file"]
    token = _store(request, upload)
    result = _plan_or_errors(request, read_workbook(_upload_path(token)))
    if not isinstance(result, Plan):
        _upload_path(token).unlink(missing_ok=True)
        return _errors_page(request, result, upload.name)
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-4:], token]
    context = {
        "token": token,
        "file_name": upload.name,
        "plan": result,
        "counts": {a: result.count(a) for a in ("new", "update", "same")},
        "preview": [_preview_row(r) for r in result.rows[:PREVIEW_ROWS]],
    }
    return render(request, "members/import_preview.html", context)


def _preview_row(row: Any) -> dict[str, Any]:
    changed = [] if row.action == "new" else [BY_FIELD[n].header for n in row.changed]
    return {"row": row.row, "action": row.action, "data": row.data, "changed": changed,
            "cell_code": row.cell_code, "department": row.department_name}  # fmt: skip


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    token = _token_of(request)
    if token is None or not _upload_path(token).exists():
        messages.error(request, _("Phiên nhập này đã hết hạn hoặc đã nhập xong. Tải tệp lên lại."))
        return redirect("members:import")
    sheet = read_workbook(_upload_path(token))
    if sheet.errors:
        return _errors_page(request, sheet.errors, request.POST.get("file_name", ""))
    try:
        result = services.members_import(actor=request.user, rows=sheet.rows)
    except services.ImportRejected as exc:
        return _errors_page(request, exc.errors, request.POST.get("file_name", ""))
    _forget(request, token)
    messages.success(
        request,
        _("Đã nhập xong: %(created)d đảng viên mới, %(updated)d cập nhật, %(same)d không đổi.")
        % {"created": result.created, "updated": result.updated, "same": result.unchanged},
    )
    return redirect("members:import")


def _xlsx_response(fileobj: Any, name: str) -> FileResponse:
    fileobj.seek(0)
    return FileResponse(fileobj, as_attachment=True, filename=name, content_type=XLSX)


@login_required
@require_GET
def import_template(request: HttpRequest) -> FileResponse:
    _require_import(request)
    cells, departments = queries.template_choices(request.user)
    out = io.BytesIO()
    template_workbook(cells, departments, out)
    return _xlsx_response(out, "mau-nhap-dang-vien.xlsx")


@login_required
@require_GET
def export(request: HttpRequest) -> FileResponse:
    if not scope_for(request.user).sees_organizations:
        raise Http404
    org = None
    if request.GET.get("org"):
        try:
            org = queries.visible_org(request.user, int(request.GET["org"]))
        except ValueError:
            raise Http404 from None
        if org is None:
            raise Http404
    # Masked numbers unless ?full=1 by someone who may reveal; then one reveal row per member
    # and field written in full (members.services.log_export_reveals).
    full = request.GET.get("full") == "1"
    if full and not member_services.may_export_full(request.user):
        raise PermissionDenied
    revealed: list[tuple[int, str, tuple[str, ...]]] = []
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, and so deletes it)
    from dangbo.core.text import clip_query
    from dangbo.members.forms import MemberFilterForm

    filters = MemberFilterForm(request.GET, actor=request.user).filters()
    q = clip_query(request.GET.get("q", ""))
    rows = queries.export_rows(
        request.user, org, full=full, revealed=revealed, q=q, filters=filters
    )
    export_workbook(rows, out)
    member_services.log_export_reveals(
        actor=request.user, revealed=revealed, ip_address=client_ip(request)
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    suffix = f"-{org.code}" if org else ""
    return _xlsx_response(out, f"dang-vien{suffix}-{stamp}.xlsx")
