"""Import (upload → mapping → preview → confirm), the template and the export.

The uploaded file is kept as ``settings.IMPORT_DIR/<uuid4>.xlsx``; only its token travels, and
a token is accepted only if this session uploaded it. Confirming re-reads and re-validates.

A file with the template's own headers goes straight to the preview. Any other file (an
office's own spreadsheet) first gets the mapping step (issue 7, item 3, ``mapping.propose``):
the chosen mapping travels in the session with the token, and is remembered for the user and
the file's header row (``ImportMapping``) once chosen.
"""

from __future__ import annotations

import io
import tempfile
import time
import uuid
from collections.abc import Sequence
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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dangbo.accounts.scope import scope_for
from dangbo.core.clientip import client_ip
from dangbo.members import permissions
from dangbo.members import services as member_services
from dangbo.members.importing import queries, services
from dangbo.members.importing.columns import BY_FIELD, COLUMNS
from dangbo.members.importing.mapping import (
    Proposal,
    choose,
    header_from_json,
    header_signature,
    header_to_json,
    propose,
)
from dangbo.members.importing.reader import Sheet, read_table, read_workbook, sheet_from_table
from dangbo.members.importing.validate import (
    DEFAULTABLE,
    STATUS_DERIVE,
    HeaderMap,
    Plan,
    RowError,
    SkippedRow,
    no_header_error,
)
from dangbo.members.importing.workbooks import (
    CellChoice,
    export_workbook,
    template_workbook,
)

SESSION_KEY = "member_imports"
MAPS_KEY = "member_import_maps"  # token → the mapping chosen for that upload
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
    if not permissions.can_import(scope):
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


def _keep(request: HttpRequest, token: str) -> None:
    """This session may map, preview and confirm the upload (the last five uploads)."""
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-4:], token]
    kept = set(request.session[SESSION_KEY])
    maps = {t: m for t, m in request.session.get(MAPS_KEY, {}).items() if t in kept}
    request.session[MAPS_KEY] = maps


def _forget(request: HttpRequest, token: str) -> None:
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]
    maps = request.session.get(MAPS_KEY, {})
    request.session[MAPS_KEY] = {t: m for t, m in maps.items() if t != token}
    _upload_path(token).unlink(missing_ok=True)


def _session_header(request: HttpRequest, token: str) -> HeaderMap | None:
    """The mapping chosen for this upload on the mapping step; None: the template's headers."""
    data = request.session.get(MAPS_KEY, {}).get(token)
    return header_from_json(data) if data else None


def _errors_page(
    request: HttpRequest, errors: list[RowError], name: str, token: str = ""
) -> HttpResponse:
    context = {
        "errors": errors[:MAX_ERRORS_SHOWN],
        "error_count": len(errors),
        "hidden_errors": max(len(errors) - MAX_ERRORS_SHOWN, 0),
        "error_rows": len({e.row for e in errors if e.row > 0}),
        "file_name": name,
        "token": token,  # set when the mapping step may be opened again
    }
    return render(request, "members/import_preview.html", context)


def _plan_or_errors(request: HttpRequest, sheet: Sheet) -> Plan | list[RowError]:
    if sheet.errors:
        return sheet.errors
    plan = services.import_plan(actor=request.user, rows=sheet.rows)
    plan.ignored_columns = sheet.ignored_columns
    return plan.errors or plan


SKIP_REASONS = {
    "blank": gettext_lazy("dòng trống"),
    "total": gettext_lazy("dòng tổng cộng"),
    "numbering": gettext_lazy("dòng đánh số cột"),
}


def skipped_lines(skipped: list[SkippedRow]) -> list[str]:
    """ "Bỏ qua dòng 305: dòng tổng cộng." — consecutive rows of one reason as a range."""
    groups: list[list[Any]] = []
    for s in skipped:
        if groups and groups[-1][2] == s.reason and groups[-1][1] == s.row - 1:
            groups[-1][1] = s.row
        else:
            groups.append([s.row, s.row, s.reason])
    lines = []
    for first, last, reason in groups:
        rows = str(first) if first == last else f"{first}–{last}"
        lines.append(_("Bỏ qua dòng %(rows)s: %(reason)s.") % {"rows": rows,
                     "reason": SKIP_REASONS[reason]})  # fmt: skip
    return lines


def _preview(request: HttpRequest, token: str, name: str, plan: Plan, sheet: Sheet) -> HttpResponse:
    lines = skipped_lines(sheet.skipped)
    context = {
        "token": token,
        "file_name": name,
        "plan": plan,
        "counts": {a: plan.count(a) for a in ("new", "update", "same")},
        "preview": [_preview_row(r) for r in plan.rows[:PREVIEW_ROWS]],
        "skipped": lines[:MAX_ERRORS_SHOWN],
        "hidden_skipped": max(len(lines) - MAX_ERRORS_SHOWN, 0),
        "mapped": _session_header(request, token) is not None,
    }
    return render(request, "members/import_preview.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload: a file with the template's own headers goes straight to the preview; any other
    file to the mapping step."""
    _require_import(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "members/import.html", {"form": form})
    upload = form.cleaned_data["file"]
    token = _store(request, upload)
    table = read_table(_upload_path(token))
    proposal, cells = (None, []) if table.error else _proposal(request, table.rows)
    if proposal is not None and not proposal.automatic:
        _keep(request, token)
        return _mapping_page(request, token, upload.name, proposal, cells)
    sheet = Sheet(errors=[table.error]) if table.error else sheet_from_table(table.rows)
    result = _plan_or_errors(request, sheet)
    if not isinstance(result, Plan):
        _upload_path(token).unlink(missing_ok=True)
        return _errors_page(request, result, upload.name)
    _keep(request, token)
    return _preview(request, token, upload.name, result, sheet)


def _preview_row(row: Any) -> dict[str, Any]:
    changed = [] if row.action == "new" else [BY_FIELD[n].header for n in row.changed]
    return {"row": row.row, "action": row.action, "data": row.data, "changed": changed,
            "cell_code": row.cell_code, "department": row.department_name}  # fmt: skip


# ---- the mapping step (issue 7, item 3) -------------------------------------------------------
HOW = {
    "header": gettext_lazy("theo tiêu đề"),
    "content": gettext_lazy("theo nội dung"),
    "remembered": gettext_lazy("đã lưu lần trước"),
}
STATUS_DEFAULT_LABELS = {
    STATUS_DERIVE: gettext_lazy(
        "Suy ra từ ngày chính thức: có ngày thì Chính thức, trống thì Dự bị"
    ),
    "full": gettext_lazy("Chính thức cho mọi dòng"),
    "probationary": gettext_lazy("Dự bị cho mọi dòng"),
}


def _proposal(
    request: HttpRequest, table: Sequence[Sequence[object]]
) -> tuple[Proposal | None, list[CellChoice]]:
    cells, departments = queries.template_choices(request.user)
    known = queries.mapping_knowledge(cells, departments)
    remembered = queries.remembered_mapping(request.user, header_signature(table))
    default_cell = cells[0].code if len(cells) == 1 else ""
    return propose(table, known, remembered, default_cell), cells


def _mapping_page(
    request: HttpRequest,
    token: str,
    name: str,
    proposal: Proposal,
    cells: list[CellChoice],
    chosen: HeaderMap | None = None,
) -> HttpResponse:
    """The mapping step: a select per field, pre-filled with the proposal (or with the user's
    last choice), the file's columns with a few values, the defaults for missing columns."""
    by_index = {c.index: c for c in proposal.columns}
    if chosen is not None:
        selected = {f: i for i, f in chosen.columns.items()}
        defaults = {**proposal.defaults, **chosen.defaults}
    else:
        selected, defaults = dict(proposal.chosen), dict(proposal.defaults)
    fields = []
    for column in COLUMNS:
        index = selected.get(column.field)
        source = by_index.get(index) if index is not None else None
        missing = ""
        if source is None and column.required:
            if column.field in DEFAULTABLE:
                missing = _("Tệp không có cột này: chọn cột, hoặc chọn giá trị chung bên dưới.")
            else:
                missing = _("Chưa tìm thấy cột cho mục bắt buộc này. Hãy chọn cột chứa nó.")
        fields.append({
            "field": column.field, "header": column.header, "required": column.required,
            "selected": "" if index is None else str(index), "missing": missing,
            "samples": source.samples if source else (),
            "how": HOW.get(proposal.how.get(column.field, ""), "") if chosen is None else "",
        })  # fmt: skip
    errors = [e.message for e in chosen.errors] if chosen is not None else []
    context = {
        "token": token,
        "file_name": name,
        "proposal": proposal,
        "columns": [
            {"index": str(c.index), "letter": c.letter, "header": c.header, "samples": c.samples}
            for c in proposal.columns
        ],
        "fields": fields,
        "errors": errors,
        "status_defaults": list(STATUS_DEFAULT_LABELS.items()),
        "default_status": defaults.get("status", STATUS_DERIVE),
        "cells": cells,
        "default_cell": defaults.get("organization_id", ""),
    }
    return render(request, "members/import_mapping.html", context)


@login_required
@require_POST
def import_mapping(request: HttpRequest) -> HttpResponse:
    """Shows the mapping step for an upload (``step`` absent: again, from the errors page), or
    applies the user's choice (``step=apply``): remembered, then the preview."""
    _require_import(request)
    token = _token_of(request)
    name = request.POST.get("file_name", "")
    if token is None or not _upload_path(token).exists():
        messages.error(request, _("Phiên nhập này đã hết hạn hoặc đã nhập xong. Tải tệp lên lại."))
        return redirect("members:import")
    table = read_table(_upload_path(token))
    proposal, cells = (None, []) if table.error else _proposal(request, table.rows)
    if proposal is None:
        return _errors_page(request, [table.error or no_header_error()], name)
    if request.POST.get("step") != "apply":
        chosen = _session_header(request, token)
        return _mapping_page(request, token, name, proposal, cells, chosen)
    columns = {c.field: request.POST.get(f"col_{c.field}", "") for c in COLUMNS}
    defaults = {n: request.POST.get(f"default_{n}", "") for n in DEFAULTABLE}
    header = choose(proposal, columns, defaults, [c.code for c in cells])
    if header.errors:
        return _mapping_page(request, token, name, proposal, cells, header)
    data = header_to_json(header)
    services.remember_mapping(actor=request.user, signature=proposal.signature, mapping=data)
    request.session[MAPS_KEY] = {**request.session.get(MAPS_KEY, {}), token: data}
    sheet = sheet_from_table(table.rows, header)
    result = _plan_or_errors(request, sheet)
    if not isinstance(result, Plan):
        return _errors_page(request, result, name, token)
    return _preview(request, token, name, result, sheet)


@login_required
@require_POST
def import_confirm(request: HttpRequest) -> HttpResponse:
    _require_import(request)
    token = _token_of(request)
    if token is None or not _upload_path(token).exists():
        messages.error(request, _("Phiên nhập này đã hết hạn hoặc đã nhập xong. Tải tệp lên lại."))
        return redirect("members:import")
    sheet = read_workbook(_upload_path(token), _session_header(request, token))
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
    if full and not permissions.can_export_full(scope_for(request.user)):
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
