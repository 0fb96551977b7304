from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from dangbo.accounts.scope import scope_for
from dangbo.core import charts
from dangbo.core.errors import ConcurrentEdit, add_form_errors
from dangbo.core.pagination import paginate
from dangbo.organizations import permissions as org_permissions
from dangbo.organizations.models import Organization
from dangbo.targets import permissions, queries, rules, services
from dangbo.targets.forms import (
    CheckpointForm,
    EntryForm,
    FreezeForm,
    GroupForm,
    OverrideForm,
    ResolutionForm,
    TargetForm,
    TaskForm,
    TaskUpdateForm,
    TranscribeHeadForm,
)
from dangbo.targets.models import (
    Checkpoint,
    Entry,
    Resolution,
    StatusOverride,
    SubTarget,
    Target,
    Task,
)
from dangbo.targets.summary import Form

STATUS_SERIES = [
    (rules.Status.EXCEEDED, "#1a7f37"),
    (rules.Status.MET, "#4ac26b"),
    (rules.Status.ON_TRACK, "#54aeff"),
    (rules.Status.BEHIND, "#d4a72c"),
    (rules.Status.NOT_MET, "#cf222e"),
    (rules.Status.NOT_STARTED, "#8c959f"),
    (rules.Status.NO_DATA, "#d0d7de"),
]


def _readable_org(request: HttpRequest, pk: int) -> Organization:
    """An organization through the scope: 404 outside it."""
    org: Organization = get_object_or_404(scope_for(request.user).orgs(), pk=pk)
    return org


def _resolution(request: HttpRequest, pk: int) -> Resolution:
    """A resolution of an organization in the scope (``permissions.can_read_resolution``):
    404 outside it."""
    readable = Resolution.objects.filter(organization__in=scope_for(request.user).orgs())
    res: Resolution = get_object_or_404(readable.select_related("organization"), pk=pk)
    return res


@login_required
def resolution_list(request: HttpRequest) -> HttpResponse:
    if not org_permissions.can_view_tree(scope_for(request.user)):
        raise Http404
    page = paginate(request, queries.resolutions(request.user))
    scope = scope_for(request.user)
    writable = Organization.objects.filter(path__in=scope.write_paths).order_by("path")
    return render(request, "targets/list.html", {"page": page, "writable_orgs": writable})


@login_required
def my_targets(request: HttpRequest) -> HttpResponse:
    return render(request, "targets/mine.html", {"items": queries.report_items(request.user)})


def _after_record(request: HttpRequest, target: Target, checkpoint: Checkpoint) -> HttpResponse:
    url = redirect("targets:target", pk=target.pk).url
    return redirect(f"{url}?ky={checkpoint.kind}")


@login_required
def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    res = _resolution(request, pk)
    scope = scope_for(request.user)
    checkpoints = list(res.checkpoints.all())
    for c in checkpoints:
        c.resolution = res
    current = _current_checkpoint(request, checkpoints)
    form = request.GET.get("dang") or Form.COMBINED
    if form not in Form.__members__.values():
        form = Form.COMBINED
    figures = queries.resolution_figures(res, current, form)
    for row in figures.rows:
        row.can_record = current is not None and permissions.can_record(
            scope, row.target, None, current
        )
        row.can_override = current is not None and permissions.can_override(
            scope, row.target, current
        )
    audit = list(
        StatusOverride.history.filter(target__resolution=res)
        .select_related("history_user", "target")
        .order_by("-history_date")[:50]
    )
    for h in audit:
        h.status_label = rules.Status(h.status).label
    context = {
        "audit": audit, "resolution": res, "checkpoints": checkpoints, "current": current,
        "figures": figures, "forms": list(Form), "form_choice": form,
        "is_office": permissions.can_manage(scope, res),
        "can_freeze": current is not None and permissions.can_freeze(scope, current),
        "can_transcribe": current is not None and permissions.can_transcribe(scope, current),
    }  # fmt: skip
    return render(request, "targets/resolution.html", context)


@login_required
def evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file of a recorded value, for those who may read the target (or record
    it). Files live outside the static and media URLs: this view is their only way out."""
    entry = get_object_or_404(
        Entry.objects.select_related("target__resolution__organization"), pk=pk
    )
    target = entry.target
    scope = scope_for(request.user)
    if not entry.attachment or not permissions.can_read_target(
        scope, target, queries.cell_paths(target)
    ):
        raise Http404
    try:
        handle = entry.attachment.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = Path(entry.attachment.name).name
    return FileResponse(handle, as_attachment=True, filename=name)


@login_required
def entry_record(
    request: HttpRequest, pk: int, checkpoint_id: int, org_id: int | None = None
) -> HttpResponse:
    target, _paths = _target(request, pk)
    checkpoint = get_object_or_404(Checkpoint, pk=checkpoint_id, resolution=target.resolution)
    checkpoint.resolution = target.resolution
    cell = share = None
    if org_id is not None:
        share = get_object_or_404(
            SubTarget.objects.select_related("organization"), target=target, organization_id=org_id
        )
        cell = share.organization
    if not permissions.can_record(scope_for(request.user), target, cell, checkpoint):
        raise PermissionDenied
    statuses = rules.statuses_at(target.resolution.horizon, checkpoint.kind)
    form = EntryForm(request.POST or None, request.FILES or None, kind=target.kind,
                     frozen=checkpoint.is_frozen, cell=cell is not None,
                     statuses=statuses)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_record(actor=request.user, target_id=target.pk,
                                  checkpoint_id=checkpoint.pk, organization=cell,
                                  **form.service_kwargs())  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã ghi số liệu."))
            return _after_record(request, target, checkpoint)
    return render(request, "targets/record.html",
                  {"target": target, "checkpoint": checkpoint, "form": form,
                   "cell": cell, "share": share})  # fmt: skip


@login_required
def override(request: HttpRequest, pk: int, checkpoint_id: int) -> HttpResponse:
    """Override the computed status: the office of the resolution's organization while the
    checkpoint is open. Other readers of the target get 403, everybody else 404; once frozen,
    the office sees why nothing can be changed."""
    target = get_object_or_404(Target.objects.select_related("resolution__organization"), pk=pk)
    checkpoint = get_object_or_404(Checkpoint, pk=checkpoint_id, resolution=target.resolution)
    checkpoint.resolution = target.resolution
    scope = scope_for(request.user)
    if not permissions.can_read_target(scope, target, queries.cell_paths(target)):
        raise Http404
    if not permissions.can_manage(scope, target.resolution):
        raise PermissionDenied
    can_override = permissions.can_override(scope, target, checkpoint)
    existing = StatusOverride.objects.filter(target=target, checkpoint=checkpoint).first()
    initial = {"version": existing.version if existing else 0}
    if existing:
        initial["status"] = existing.status
    statuses = rules.statuses_at(target.resolution.horizon, checkpoint.kind)
    form = OverrideForm(request.POST or None, initial=initial, statuses=statuses)
    if request.method == "POST" and form.is_valid():
        try:
            services.status_override_set(
                actor=request.user, target=target, checkpoint=checkpoint,
                status=form.cleaned_data["status"] or None, reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )  # fmt: skip
        except ConcurrentEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã ghi đè đánh giá (có lưu lịch sử)."))
            url = redirect("targets:resolution", pk=target.resolution_id).url
            return redirect(f"{url}?ky={checkpoint.kind}")
    context = {
        "target": target, "checkpoint": checkpoint, "form": form, "can_override": can_override,
        "frozen_message": "" if can_override else permissions.frozen_message(),
    }  # fmt: skip
    return render(request, "targets/override.html", context)


@login_required
def freeze(request: HttpRequest, pk: int) -> HttpResponse:
    """Chốt số liệu with a confirmation page: what will be frozen, and the period's name to
    type (issue 6, item 9)."""
    checkpoint = _checkpoint(request, pk)
    if not permissions.can_freeze(scope_for(request.user), checkpoint):
        raise PermissionDenied
    form = FreezeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkpoint_freeze(actor=request.user, checkpoint_id=checkpoint.pk,
                                       confirmation=form.cleaned_data["confirmation"])  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã chốt số liệu. Số liệu đã chốt không thể sửa."))
            return _to_checkpoint(checkpoint)
    figures = queries.resolution_figures(checkpoint.resolution, checkpoint)
    missing = [r for r in figures.rows if r.status is rules.Status.NO_DATA]
    context = {"checkpoint": checkpoint, "form": form, "figures": figures, "missing": missing}
    return render(request, "targets/freeze.html", context)


def _dashboard_context(request: HttpRequest, org_id: int) -> dict[str, Any]:
    org = _readable_org(request, org_id)
    try:
        year = int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 1930), 2100)
    kind = request.GET.get("ky") or rules.Checkpoint.MIDYEAR
    if kind not in rules.Checkpoint.__members__.values():
        kind = rules.Checkpoint.MIDYEAR
    data = queries.dashboard(request.user, org, year, kind)
    return {"org": org, "year": year, "kind": kind, "kind_label": rules.Checkpoint(kind).label,
            "kinds": list(rules.Checkpoint), "status_rows": status_table(data["totals"]),
            **data}  # fmt: skip


@login_required
def dashboard(request: HttpRequest, org_id: int) -> HttpResponse:
    ctx = _dashboard_context(request, org_id)
    shown = [
        (s, color) for s, color in STATUS_SERIES if ctx["totals"].get(s, 0) or not s.progress_only
    ]
    series = [charts.Series(s.label, color) for s, color in shown]
    lines = ctx["lines"]
    ctx["chart"] = charts.stacked_bars(
        [(ln.organization.name, [ln.counts.get(s, 0) for s, _ in shown]) for ln in lines],
        series, title=gettext("Chỉ tiêu theo kết quả — %(kind)s %(year)s")
        % {"kind": ctx["kind_label"], "year": ctx["year"]},
    )  # fmt: skip
    ctx["trend_chart"] = ctx["trend"] and charts.line_percent(
        [(str(t["year"]), t["percent"]) for t in ctx["trend"]],
        title=gettext("Tỷ lệ chỉ tiêu đạt và vượt qua các năm"),
    )
    ctx["split_rows"] = [r for r in ctx["rows"] if r.cells_assigned][:200]
    ctx["show_progress"] = any(
        ctx["totals"].get(s, 0) for s in (rules.Status.ON_TRACK, rules.Status.BEHIND)
    )
    return render(request, "targets/dashboard.html", ctx)


@login_required
def dashboard_export(request: HttpRequest, org_id: int) -> HttpResponse:
    """The dashboard as xlsx: the summary (same counts and sentences as the page) and one row
    per target (issue 6, defect 2). Every text cell is written as text."""
    from openpyxl import Workbook

    ctx = _dashboard_context(request, org_id)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(gettext("Tổng hợp"))
    ws.append(
        [
            text_cell(
                gettext("Tổng hợp chỉ tiêu — %(kind)s năm %(year)s")
                % {"kind": ctx["kind_label"], "year": ctx["year"]}
            )
        ]
    )
    ws.append([text_cell(ctx["sentence"])])
    ws.append([])
    for label, n, _part in ctx["status_rows"]:
        ws.append([text_cell(label), n])
    ws.append([gettext("Tổng"), ctx["total"]])
    ws.append([])
    columns = [s for s, _ in STATUS_SERIES]
    ws.append(
        [gettext("Tổ chức"), gettext("Nghị quyết"), gettext("Đạt và vượt"),
         *[s.label.capitalize() for s in columns], gettext("Tổng"), gettext("Tóm tắt")]
    )  # fmt: skip
    for ln in ctx["lines"]:
        achieved = ln.counts.get(rules.Status.EXCEEDED, 0) + ln.counts.get(rules.Status.MET, 0)
        ws.append(
            [text_cell(ln.organization.name), text_cell(ln.resolution.number), achieved,
             *[ln.counts.get(s, 0) for s in columns], ln.total, text_cell(ln.sentence)]
        )  # fmt: skip
    detail = wb.create_sheet(gettext("Chỉ tiêu"))
    detail.append(
        [gettext("Tổ chức"), gettext("Nghị quyết"), gettext("Thứ tự"), gettext("Chỉ tiêu"),
         gettext("Đơn vị tính"), gettext("Kế hoạch"), gettext("Kỳ vọng kỳ này"),
         gettext("Thực hiện"), gettext("Như báo cáo ghi"), gettext("So với kế hoạch"),
         gettext("Kết quả"), gettext("Đạt và vượt")]
    )  # fmt: skip
    for row in ctx["rows"]:
        t = row.target
        detail.append(
            [text_cell(t.resolution.organization.name), text_cell(t.resolution.number),
             t.position, text_cell(t.title), text_cell(t.unit), t.planned, row.expected,
             row.value if row.value is not None else row.done, text_cell(row.stated),
             text_cell(row.phrase), text_cell(row.status.label),
             gettext("có") if row.status.achieved else gettext("không")]
        )  # fmt: skip
    buffer = BytesIO()
    wb.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="tong-hop-chi-tieu-{ctx["year"]}.xlsx"'
    return response


@login_required
def task_list(request: HttpRequest, org_id: int) -> HttpResponse:
    """Tasks the organization assigned within its subtree and tasks assigned to a unit of the
    subtree (a cell sees what the hospital gave it); "Cập nhật" only where the user may."""
    org = _readable_org(request, org_id)
    scope = scope_for(request.user)
    page = paginate(request, queries.tasks(request.user, org))
    today = timezone.localdate()
    for t in page:
        t.overdue = queries.is_overdue(t, today)
        t.can_update = permissions.can_update_task(scope, t)
    can_assign = permissions.can_assign_tasks(scope, org)
    return render(
        request, "targets/tasks.html", {"org": org, "page": page, "can_assign": can_assign}
    )


@login_required
def task_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Update a task's status: 404 to whoever cannot see the task, 403 to read-only roles."""
    task = get_object_or_404(
        Task.objects.select_related("organization", "responsible_organization"), pk=pk
    )
    scope = scope_for(request.user)
    if not permissions.can_view_task(scope, task):
        raise Http404
    if not permissions.can_update_task(scope, task):
        raise PermissionDenied
    form = TaskUpdateForm(
        request.POST or None, initial={"status": task.status, "version": task.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.task_update(actor=request.user, task_id=task.pk, **form.cleaned_data)
        except ConcurrentEdit as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, gettext("Đã cập nhật nhiệm vụ."))
            back = (
                task.organization
                if org_permissions.can_view_org(scope, task.organization)
                else task.responsible_organization
            )
            return redirect("targets:tasks", org_id=back.pk)
    return render(request, "targets/task_update.html",
                  {"task": task, "form": form, "notes": task.notes.all()[:20]})  # fmt: skip


def _writable_org(request: HttpRequest, pk: int) -> Organization:
    """An organization whose resolutions and tasks the actor sets up (the office's)."""
    org = _readable_org(request, pk)
    if not permissions.can_assign_tasks(scope_for(request.user), org):
        raise PermissionDenied
    return org


def _managed(request: HttpRequest, pk: int) -> Resolution:
    """A resolution the actor manages (``permissions.can_manage``: the same predicate shows the
    links on its page); 404 outside the scope, 403 read-only."""
    res = _resolution(request, pk)
    if not permissions.can_manage(scope_for(request.user), res):
        raise PermissionDenied
    return res


@login_required
def resolution_create(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _writable_org(request, org_id)
    form = ResolutionForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        res = services.resolution_create(actor=request.user, organization=org, **form.cleaned_data)
        messages.success(request, gettext("Đã tạo nghị quyết. Hãy thêm chỉ tiêu và kỳ báo cáo."))
        return redirect("targets:resolution", pk=res.pk)
    return render(request, "targets/form.html",
                  {"form": form, "title": gettext("Thêm nghị quyết"), "org": org})  # fmt: skip


@login_required
def target_create(request: HttpRequest, pk: int) -> HttpResponse:
    res = _managed(request, pk)
    form = TargetForm(request.POST or None, resolution=res)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cells = data.pop("cells", [])
        try:
            target = services.target_create(actor=request.user, resolution=res, **data)
            services.subtargets_assign(actor=request.user, target=target, cells=list(cells))
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã thêm chỉ tiêu."))
            return redirect("targets:resolution", pk=res.pk)
    return render(request, "targets/form.html",
                  {"form": form, "title": gettext("Thêm chỉ tiêu"), "resolution": res})  # fmt: skip


@login_required
def checkpoint_create(request: HttpRequest, pk: int) -> HttpResponse:
    res = _managed(request, pk)
    form = CheckpointForm(request.POST or None, resolution=res)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkpoint_create(actor=request.user, resolution=res, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã thêm kỳ báo cáo."))
            return redirect("targets:resolution", pk=res.pk)
    title = gettext("Thêm kỳ báo cáo")
    return render(request, "targets/form.html", {"form": form, "title": title, "resolution": res})


@login_required
def task_create(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _writable_org(request, org_id)
    form = TaskForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        services.task_create(actor=request.user, organization=org, **form.cleaned_data)
        messages.success(request, gettext("Đã giao nhiệm vụ."))
        return redirect("targets:tasks", org_id=org.pk)
    return render(request, "targets/form.html",
                  {"form": form, "title": gettext("Giao nhiệm vụ"), "org": org})  # fmt: skip


def status_table(counts: dict[rules.Status, int]) -> list[tuple[str, int, bool]]:
    """The one table of results (issue 6, item 1): "Đạt và vượt" = vượt + đạt, then its parts,
    then the other statuses; progress statuses only when present. (label, count, is_part)."""
    exceeded, met = counts.get(rules.Status.EXCEEDED, 0), counts.get(rules.Status.MET, 0)
    rows = [
        (gettext("Đạt và vượt"), exceeded + met, False),
        (gettext("trong đó vượt"), exceeded, True),
        (gettext("trong đó đạt"), met, True),
    ]
    for status in STATUS_ORDER:
        n = counts.get(status, 0)
        if n or not status.progress_only:
            rows.append((status.label.capitalize(), n, False))
    return rows


STATUS_ORDER = [
    rules.Status.ON_TRACK,
    rules.Status.BEHIND,
    rules.Status.NOT_MET,
    rules.Status.NOT_STARTED,
    rules.Status.NO_DATA,
]


def _current_checkpoint(request: HttpRequest, checkpoints: list[Checkpoint]) -> Checkpoint | None:
    """The checkpoint asked for (?ky=), else the latest whose date has come, else the first."""
    kind = request.GET.get("ky")
    return next((c for c in checkpoints if c.kind == kind), None) or next(
        (c for c in reversed(checkpoints) if c.as_of <= timezone.localdate()),
        checkpoints[0] if checkpoints else None,
    )


def _target(request: HttpRequest, pk: int) -> tuple[Target, list[str]]:
    """A target the actor may read (404 otherwise) with its assigned cells' paths."""
    target = get_object_or_404(
        Target.objects.select_related(
            "resolution__organization", "group", "responsible_department", "responsible_member"
        ),
        pk=pk,
    )
    paths = queries.cell_paths(target)
    if not permissions.can_read_target(scope_for(request.user), target, paths):
        raise Http404
    return target, paths


@login_required
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One target, read-only but for what the actor may record: the office and the person
    responsible record the target's value; a cell's secretary her cell's share (issue 6,
    item 7). The office sees which cells reported and reminds the others."""
    target, _paths = _target(request, pk)
    scope = scope_for(request.user)
    res = target.resolution
    checkpoints = list(res.checkpoints.all())
    for c in checkpoints:
        c.resolution = res
    current = _current_checkpoint(request, checkpoints)
    row = queries.figures_for([target], {res.pk: current} if current else {})[0]
    shares = queries.cell_shares(target, current)
    for share in shares:
        share.can_record = current is not None and permissions.can_record(
            scope, target, share.organization, current
        )
    context = {
        "target": target, "resolution": res, "checkpoints": checkpoints, "current": current,
        "row": row, "shares": shares,
        "reported": sum(1 for s in shares if s.entry is not None),
        "can_record": current is not None and permissions.can_record(scope, target, None, current),
        "can_remind": current is not None and permissions.can_override(scope, target, current),
        "can_read_resolution": permissions.can_read_resolution(scope, res),
    }  # fmt: skip
    return render(request, "targets/target.html", context)


@login_required
@require_POST
def remind(request: HttpRequest, pk: int, checkpoint_id: int) -> HttpResponse:
    target, _paths = _target(request, pk)
    checkpoint = get_object_or_404(Checkpoint, pk=checkpoint_id, resolution=target.resolution)
    checkpoint.resolution = target.resolution
    if not permissions.can_override(scope_for(request.user), target, checkpoint):
        raise PermissionDenied
    n = services.remind_cells(actor=request.user, target=target, checkpoint=checkpoint)
    messages.success(
        request,
        ngettext("Đã nhắc %(n)d chi bộ chưa báo cáo.", "Đã nhắc %(n)d chi bộ chưa báo cáo.", n)
        % {"n": n},
    )
    return _after_record(request, target, checkpoint)


def _checkpoint(request: HttpRequest, pk: int) -> Checkpoint:
    checkpoint = get_object_or_404(Checkpoint.objects.select_related("resolution"), pk=pk)
    checkpoint.resolution = _resolution(request, checkpoint.resolution_id)
    return checkpoint


def _to_checkpoint(checkpoint: Checkpoint) -> HttpResponse:
    url = redirect("targets:resolution", pk=checkpoint.resolution_id).url
    return redirect(f"{url}?ky={checkpoint.kind}")


@login_required
def transcribe(request: HttpRequest, pk: int) -> HttpResponse:
    """Back entry of a past period from its published report (issue 6, item 6)."""
    checkpoint = _checkpoint(request, pk)
    if not permissions.can_transcribe(scope_for(request.user), checkpoint):
        raise PermissionDenied
    res = checkpoint.resolution
    targets = list(res.targets.select_related("resolution"))
    statuses = rules.statuses_at(res.horizon, checkpoint.kind)
    head = TranscribeHeadForm(request.POST or None, prefix="bc")
    forms_ = [
        (t, EntryForm(request.POST or None, kind=t.kind, frozen=False, statuses=statuses,
                      prefix=f"t{t.pk}"))
        for t in targets
    ]  # fmt: skip
    if request.method == "POST" and head.is_valid() and all(f.is_valid() for _, f in forms_):
        reports = {}
        for t, f in forms_:
            data = f.service_kwargs()
            data.pop("cause", None), data.pop("remedy", None), data.pop("attachment", None)
            if data.get("not_started") or any(
                data.get(k) not in (None, "") for k in ("value", "done", "assessed_status")
            ):
                reports[t.pk] = data
        try:
            services.checkpoint_transcribe(
                actor=request.user, checkpoint_id=checkpoint.pk, reports=reports,
                source_number=head.cleaned_data["source_number"],
                source_date=head.cleaned_data["source_date"],
            )  # fmt: skip
        except ValidationError as exc:
            by_target = {f"t{t.pk}": f for t, f in forms_}
            for name, errs in exc.message_dict.items():
                for e in errs:
                    if name in by_target:
                        by_target[name].add_error(None, e)
                    else:
                        head.add_error(name if name in head.fields else None, e)
        else:
            messages.success(
                request, gettext("Đã nhập số liệu từ báo cáo đã ban hành và chốt số liệu kỳ này.")
            )
            return _to_checkpoint(checkpoint)
    context = {"checkpoint": checkpoint, "head": head, "forms": forms_}
    return render(request, "targets/transcribe.html", context)


def text_cell(value: str) -> str:
    """Text that a spreadsheet never reads as a formula: "=…" gets a leading apostrophe."""
    text = str(value or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@login_required
def group_create(request: HttpRequest, pk: int) -> HttpResponse:
    res = _managed(request, pk)
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.group_create(actor=request.user, resolution=res, **form.cleaned_data)
        messages.success(request, gettext("Đã thêm nhóm chỉ tiêu."))
        return redirect("targets:resolution", pk=res.pk)
    return render(request, "targets/form.html",
                  {"form": form, "title": gettext("Thêm nhóm chỉ tiêu"),
                   "resolution": res})  # fmt: skip
