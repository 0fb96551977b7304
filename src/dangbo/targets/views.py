from __future__ import annotations

from io import BytesIO
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dangbo.accounts.scope import scope_for
from dangbo.core import charts
from dangbo.core.errors import ValidationFailed
from dangbo.core.pagination import paginate
from dangbo.organizations.models import Organization
from dangbo.targets import queries, rules, services
from dangbo.targets.forms import (
    CheckpointForm,
    EntryForm,
    OverrideForm,
    ResolutionForm,
    TargetForm,
    TaskForm,
    TaskUpdateForm,
)
from dangbo.targets.models import Checkpoint, Entry, Resolution, StatusOverride, Target, Task

STATUS_SERIES = [
    (rules.Status.EXCEEDED, "#1a7f37"),
    (rules.Status.MET, "#4ac26b"),
    (rules.Status.NOT_MET, "#cf222e"),
    (rules.Status.NOT_STARTED, "#8c959f"),
]


def _readable_org(request: HttpRequest, pk: int) -> Organization:
    org = get_object_or_404(Organization, pk=pk)
    if not scope_for(request.user).can_view_org(org):
        raise Http404
    return org


def _resolution(request: HttpRequest, pk: int) -> Resolution:
    res = get_object_or_404(Resolution.objects.select_related("organization"), pk=pk)
    if not scope_for(request.user).can_view_org(res.organization):
        raise Http404
    return res


def _form_errors(form: object, exc: ValidationFailed) -> None:
    for name, errs in exc.errors.items():
        for e in errs:
            form.add_error(name if name in form.fields else None, e)  # type: ignore[attr-defined]


@login_required
def resolution_list(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).sees_organizations:
        raise Http404
    page = paginate(request, queries.resolutions(request.user))
    scope = scope_for(request.user)
    writable = Organization.objects.filter(path__in=scope.write_paths).order_by("path")
    return render(request, "targets/list.html", {"page": page, "writable_orgs": writable})


@login_required
def my_targets(request: HttpRequest) -> HttpResponse:
    return render(request, "targets/mine.html", {"items": queries.my_targets(request.user)})


def _after_record(request: HttpRequest, target: Target, checkpoint: Checkpoint) -> HttpResponse:
    if not scope_for(request.user).can_view_org(target.resolution.organization):
        return redirect("targets:mine")
    url = redirect("targets:resolution", pk=target.resolution_id).url
    return redirect(f"{url}?ky={checkpoint.kind}")


@login_required
def resolution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    res = _resolution(request, pk)
    checkpoints = list(res.checkpoints.all())
    kind = request.GET.get("ky")
    current = next((c for c in checkpoints if c.kind == kind), None) or next(
        (c for c in reversed(checkpoints) if c.as_of <= timezone.localdate()),
        checkpoints[0] if checkpoints else None,
    )
    figures = queries.resolution_figures(res, current)
    for row in figures.rows:
        row.can_record = services.can_record(request.user, row.target, None, current)
    audit = list(
        StatusOverride.history.filter(target__resolution=res)
        .select_related("history_user", "target")
        .order_by("-history_date")[:50]
    )
    for h in audit:
        h.status_label = rules.Status(h.status).label
    context = {
        "audit": audit,
        "resolution": res, "checkpoints": checkpoints, "current": current,
        "figures": figures, "is_office": scope_for(request.user).can_edit_org(res.organization),
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
    if not entry.attachment or not services.can_read_target(request.user, target):
        raise Http404
    try:
        handle = entry.attachment.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = Path(entry.attachment.name).name
    return FileResponse(handle, as_attachment=True, filename=name)


@login_required
def entry_record(request: HttpRequest, pk: int, checkpoint_id: int) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("resolution__organization"), pk=pk)
    checkpoint = get_object_or_404(Checkpoint, pk=checkpoint_id, resolution=target.resolution)
    if not services.can_read_target(request.user, target):
        raise Http404
    if not services.can_record(request.user, target, None, checkpoint):
        raise PermissionDenied
    milestone = target.kind == rules.Kind.MILESTONE
    form = EntryForm(request.POST or None, request.FILES or None, milestone=milestone,
                     frozen=checkpoint.is_frozen)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_record(actor=request.user, target_id=target.pk,
                                  checkpoint_id=checkpoint.pk, **form.cleaned_data)  # fmt: skip
        except ValidationFailed as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã ghi số liệu."))
            return _after_record(request, target, checkpoint)
    return render(request, "targets/record.html",
                  {"target": target, "checkpoint": checkpoint, "form": form})  # fmt: skip


@login_required
def override(request: HttpRequest, pk: int, checkpoint_id: int) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("resolution__organization"), pk=pk)
    checkpoint = get_object_or_404(Checkpoint, pk=checkpoint_id, resolution=target.resolution)
    _resolution(request, target.resolution_id)
    form = OverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.status_override_set(
                actor=request.user, target=target, checkpoint=checkpoint,
                status=form.cleaned_data["status"] or None, reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except ValidationFailed as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã ghi đè đánh giá (có lưu lịch sử)."))
            url = redirect("targets:resolution", pk=target.resolution_id).url
            return redirect(f"{url}?ky={checkpoint.kind}")
    return render(request, "targets/override.html",
                  {"target": target, "checkpoint": checkpoint, "form": form})  # fmt: skip


@login_required
@require_POST
def freeze(request: HttpRequest, pk: int) -> HttpResponse:
    checkpoint = get_object_or_404(Checkpoint.objects.select_related("resolution"), pk=pk)
    _resolution(request, checkpoint.resolution_id)
    try:
        services.checkpoint_freeze(actor=request.user, checkpoint_id=checkpoint.pk)
    except ValidationFailed as exc:
        messages.error(request, " ".join(sum(exc.errors.values(), [])))
    else:
        messages.success(request, gettext("Đã chốt số liệu. Số liệu đã chốt không thể sửa."))
    url = redirect("targets:resolution", pk=checkpoint.resolution_id).url
    return redirect(f"{url}?ky={checkpoint.kind}")


def _dashboard_context(request: HttpRequest, org_id: int) -> dict[str, object]:
    org = _readable_org(request, org_id)
    try:
        year = int(request.GET.get("nam") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    kind = request.GET.get("ky") or "midyear"
    if kind not in rules.Checkpoint.__members__.values():
        kind = "midyear"
    data = queries.dashboard(request.user, org, year, kind)
    return {"org": org, "year": year, "kind": kind, "kind_label": rules.Checkpoint(kind).label,
            "kinds": list(rules.Checkpoint), **data}  # fmt: skip


@login_required
def dashboard(request: HttpRequest, org_id: int) -> HttpResponse:
    ctx = _dashboard_context(request, org_id)
    series = [charts.Series(s.label, color) for s, color in STATUS_SERIES]
    lines = ctx["lines"]
    ctx["status_rows"] = [(s.label, ctx["totals"].get(s, 0)) for s, _ in STATUS_SERIES]
    ctx["chart"] = charts.stacked_bars(
        [(ln.organization.name, [ln.counts.get(s, 0) for s, _ in STATUS_SERIES]) for ln in lines],
        series, title=gettext("Chỉ tiêu theo kết quả — %(kind)s %(year)s")
        % {"kind": ctx["kind_label"], "year": ctx["year"]},
    )  # fmt: skip
    ctx["trend_chart"] = charts.line_percent(
        [(str(t["year"]), t["percent"]) for t in ctx["trend"]],
        title=gettext("Tỷ lệ chỉ tiêu đạt và vượt qua các năm"),
    )
    return render(request, "targets/dashboard.html", ctx)


@login_required
def dashboard_export(request: HttpRequest, org_id: int) -> HttpResponse:
    from openpyxl import Workbook

    ctx = _dashboard_context(request, org_id)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(gettext("Tổng hợp"))
    ws.append(
        [
            gettext("Tổng hợp chỉ tiêu — %(kind)s năm %(year)s")
            % {"kind": ctx["kind_label"], "year": ctx["year"]}
        ]
    )
    ws.append([ctx["sentence"]])
    ws.append([gettext("Tổ chức"), *[s.label for s, _ in STATUS_SERIES], gettext("Tổng")])
    for ln in ctx["lines"]:
        ws.append(
            [ln.organization.name, *[ln.counts.get(s, 0) for s, _ in STATUS_SERIES], ln.total]
        )
    ws.append([gettext("Cộng"), *[ctx["totals"].get(s, 0) for s, _ in STATUS_SERIES], ctx["total"]])
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
    org = _readable_org(request, org_id)
    page = paginate(request, queries.tasks(request.user, org))
    today = timezone.localdate()
    for t in page:
        t.overdue = queries.is_overdue(t, today)
    can_edit = scope_for(request.user).can_edit_org(org)
    return render(request, "targets/tasks.html", {"org": org, "page": page, "can_edit": can_edit})


@login_required
def task_update(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(Task.objects.select_related("organization"), pk=pk)
    _readable_org(request, task.organization_id)
    form = TaskUpdateForm(request.POST or None, initial={"status": task.status})
    if request.method == "POST" and form.is_valid():
        services.task_update(actor=request.user, task_id=task.pk, **form.cleaned_data)
        messages.success(request, gettext("Đã cập nhật nhiệm vụ."))
        return redirect("targets:tasks", org_id=task.organization_id)
    return render(request, "targets/task_update.html",
                  {"task": task, "form": form, "notes": task.notes.all()[:20]})  # fmt: skip


def _writable_org(request: HttpRequest, pk: int) -> Organization:
    org = _readable_org(request, pk)
    if not scope_for(request.user).can_edit_org(org):
        raise PermissionDenied
    return org


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
    res = _resolution(request, pk)
    _writable_org(request, res.organization_id)
    form = TargetForm(request.POST or None, organization=res.organization)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        cells = data.pop("cells", [])
        try:
            target = services.target_create(actor=request.user, resolution=res, **data)
            services.subtargets_assign(actor=request.user, target=target, cells=list(cells))
        except ValidationFailed as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã thêm chỉ tiêu."))
            return redirect("targets:resolution", pk=res.pk)
    return render(request, "targets/form.html",
                  {"form": form, "title": gettext("Thêm chỉ tiêu"), "resolution": res})  # fmt: skip


@login_required
def checkpoint_create(request: HttpRequest, pk: int) -> HttpResponse:
    res = _resolution(request, pk)
    _writable_org(request, res.organization_id)
    form = CheckpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if res.checkpoints.filter(kind=form.cleaned_data["kind"]).exists():
            form.add_error("kind", gettext("Nghị quyết đã có kỳ báo cáo này."))
        else:
            services.checkpoint_create(actor=request.user, resolution=res, **form.cleaned_data)
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
