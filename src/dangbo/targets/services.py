"""Use cases that change resolutions, targets, checkpoint values and tasks.

Each checks permission through ``accounts.scope``, runs in one transaction and leaves history
(django-simple-history for resolutions, targets, checkpoints, overrides and tasks; entries are
append-only rows that carry who and when themselves)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ValidationFailed
from dangbo.targets import rules
from dangbo.targets.models import (
    Checkpoint,
    Entry,
    FrozenFigure,
    Resolution,
    StatusOverride,
    SubTarget,
    Target,
    Task,
    TaskNote,
)


def frozen_message() -> str:
    return gettext(
        "Kỳ báo cáo này đã chốt số liệu; số liệu đã chốt không sửa được. "
        "Nếu cần điều chỉnh, Văn phòng Đảng ủy ghi một số liệu điều chỉnh kèm lý do."
    )


def spec_of(target: Target) -> rules.TargetSpec:
    return rules.TargetSpec(
        kind=rules.Kind(target.kind),
        direction=rules.Direction(target.direction),
        planned=target.planned,
        tolerance=target.tolerance or Decimal(0),
        midyear_share=target.midyear_share,
        ninemonth_share=target.ninemonth_share,
    )


def _require_office(actor: Any, resolution: Resolution) -> None:
    if not scope_for(actor).can_edit_org(resolution.organization):
        raise PermissionDenied(
            gettext("Chỉ Văn phòng Đảng ủy của tổ chức này được thực hiện thao tác này.")
        )


def can_read_target(actor: Any, target: Target) -> bool:
    """Who may see a target, its values and evidence: readers of the resolution's organization,
    and whoever may record it (the responsible person sees her target without reading the
    whole organization)."""
    return scope_for(actor).can_view_org(target.resolution.organization) or can_record(
        actor, target, None
    )


def can_record(
    actor: Any, target: Target, organization: Any | None, checkpoint: Checkpoint | None = None
) -> bool:
    """Who records a value: the committee office of the resolution's organization, the person
    responsible for the target, or — for a cell's sub-target — that cell's secretary. At a
    frozen checkpoint only the office, and only as a correction with a reason."""
    scope = scope_for(actor)
    if scope.can_edit_org(target.resolution.organization):
        return True
    if checkpoint is not None and checkpoint.is_frozen:
        return False
    if organization is None:
        return bool(target.responsible_member_id) and (
            target.responsible_member_id in scope.own_member_ids
        )
    return scope.can_edit_org(organization)


@transaction.atomic
def resolution_create(*, actor: Any, organization: Any, **values: Any) -> Resolution:
    resolution = Resolution(organization=organization, **values)
    _require_office(actor, resolution)
    resolution._history_user = actor  # type: ignore[attr-defined]
    resolution.save()
    return resolution


@transaction.atomic
def target_create(*, actor: Any, resolution: Resolution, **values: Any) -> Target:
    _require_office(actor, resolution)
    target = Target(resolution=resolution, **values)
    problems = rules.spec_problems(
        kind=target.kind, direction=target.direction, planned=target.planned,
        tolerance=target.tolerance, midyear_share=target.midyear_share,
        ninemonth_share=target.ninemonth_share,
    )  # fmt: skip
    if problems:
        raise ValidationFailed({name: [message] for name, message in problems})
    target._history_user = actor  # type: ignore[attr-defined]
    target.save()
    return target


@transaction.atomic
def subtargets_assign(*, actor: Any, target: Target, cells: list[Any]) -> list[SubTarget]:
    """Assign the target to cells of the resolution's subtree (their values roll up)."""
    _require_office(actor, target.resolution)
    root = target.resolution.organization.path
    outside = [c.name for c in cells if not c.path.startswith(root) or not c.is_cell]
    if outside:
        raise ValidationFailed(
            {
                "cells": [
                    gettext("Không phải chi bộ trực thuộc: %(cells)s.")
                    % {"cells": ", ".join(outside)}
                ]
            }
        )
    made = []
    for cell in cells:
        sub, _ = SubTarget.objects.get_or_create(target=target, organization=cell)
        made.append(sub)
    return made


@transaction.atomic
def checkpoint_create(*, actor: Any, resolution: Resolution, **values: Any) -> Checkpoint:
    _require_office(actor, resolution)
    checkpoint = Checkpoint(resolution=resolution, **values)
    checkpoint._history_user = actor  # type: ignore[attr-defined]
    checkpoint.save()
    return checkpoint


@transaction.atomic
def entry_record(
    *,
    actor: Any,
    target_id: int,
    checkpoint_id: int,
    organization: Any | None = None,
    value: Decimal | None = None,
    done: bool | None = None,
    note: str = "",
    cause: str = "",
    remedy: str = "",
    attachment: Any = None,
    correction_reason: str = "",
) -> Entry:
    """Record a value at a checkpoint. A value short of the plan needs a cause and a remedy.
    After the checkpoint is frozen, only the office may add a correction, with a reason; the
    frozen figures do not change."""
    checkpoint = Checkpoint.objects.select_for_update().get(pk=checkpoint_id)
    target = Target.objects.select_related("resolution__organization").get(pk=target_id)
    if target.resolution_id != checkpoint.resolution_id:
        raise ValidationFailed(
            {"checkpoint": [gettext("Kỳ báo cáo không thuộc nghị quyết của chỉ tiêu.")]}
        )
    if not can_record(actor, target, organization, checkpoint):
        raise PermissionDenied(
            frozen_message()
            if checkpoint.is_frozen
            else gettext("Bạn không phụ trách chỉ tiêu này.")
        )
    if (
        organization is not None
        and not SubTarget.objects.filter(target=target, organization=organization).exists()
    ):
        raise ValidationFailed(
            {"organization": [gettext("Chỉ tiêu này không giao cho chi bộ đó.")]}
        )
    errors: dict[str, list[str]] = {}
    is_correction = checkpoint.is_frozen
    if is_correction and not correction_reason.strip():
        errors["correction_reason"] = [frozen_message()]
    milestone = target.kind == rules.Kind.MILESTONE
    if milestone and done is None:
        errors["done"] = [gettext("Chọn đã hoàn thành hay chưa hoàn thành.")]
    if not milestone and value is None:
        errors["value"] = [gettext("Nhập giá trị đạt được (một con số).")]
    if not errors and organization is None:
        recorded: rules.Value = done if milestone else value
        try:
            status = rules.compute_status(
                spec_of(target), recorded, checkpoint.kind, activity_recorded=True
            )
        except (TypeError, ValueError) as exc:
            errors["value"] = [
                gettext("Giá trị không hợp lệ cho loại chỉ tiêu này (%(error)s).") % {"error": exc}
            ]
        else:
            if status == rules.Status.NOT_MET:
                if not cause.strip():
                    errors["cause"] = [gettext("Chỉ tiêu chưa đạt: ghi rõ nguyên nhân.")]
                if not remedy.strip():
                    errors["remedy"] = [gettext("Chỉ tiêu chưa đạt: ghi rõ giải pháp khắc phục.")]
    if errors:
        raise ValidationFailed(errors)
    return Entry.objects.create(
        target=target, checkpoint=checkpoint, organization=organization, value=value,
        done=done, note=note, cause=cause, remedy=remedy, attachment=attachment or "",
        is_correction=is_correction, correction_reason=correction_reason, recorded_by=actor,
    )  # fmt: skip


def latest_entries(checkpoint: Checkpoint, target_ids: list[int] | None = None) -> list[Entry]:
    """The newest non-correction entry per (target, organization) at a checkpoint: 2 queries."""
    qs = Entry.objects.filter(checkpoint=checkpoint, is_correction=False)
    if target_ids is not None:
        qs = qs.filter(target_id__in=target_ids)
    last_ids = qs.values("target_id", "organization_id").annotate(last=Max("id")).values("last")
    return list(Entry.objects.filter(id__in=last_ids))


@transaction.atomic
def checkpoint_freeze(*, actor: Any, checkpoint_id: int) -> Checkpoint:
    """Chốt số liệu: copy the current figures into FrozenFigure rows; never again editable."""
    checkpoint = (
        Checkpoint.objects.select_for_update()
        .select_related("resolution__organization")
        .get(pk=checkpoint_id)
    )
    _require_office(actor, checkpoint.resolution)
    if checkpoint.is_frozen:
        raise ValidationFailed(
            {"checkpoint": [gettext("Kỳ báo cáo này đã được chốt số liệu trước đó.")]}
        )
    figures = [
        FrozenFigure(
            checkpoint=checkpoint,
            target_id=e.target_id,
            organization_id=e.organization_id,
            value=e.value,
            done=e.done,
            activity_recorded=True,
            entry=e,
        )  # fmt: skip
        for e in latest_entries(checkpoint)
    ]
    FrozenFigure.objects.bulk_create(figures)
    checkpoint.frozen_at = timezone.now()
    checkpoint.frozen_by = actor
    checkpoint._history_user = actor  # type: ignore[attr-defined]
    checkpoint.save(update_fields=["frozen_at", "frozen_by"])
    return checkpoint


@transaction.atomic
def status_override_set(
    *, actor: Any, target: Target, checkpoint: Checkpoint, status: str | None, reason: str
) -> StatusOverride | None:
    """Set (or, with ``status=None``, remove) a manual status; a written reason is required."""
    _require_office(actor, target.resolution)
    checkpoint = Checkpoint.objects.select_for_update().get(pk=checkpoint.pk)  # fresh state
    if checkpoint.is_frozen or checkpoint.resolution_id != target.resolution_id:
        raise ValidationFailed({"status": [frozen_message()]})
    if not reason.strip():
        raise ValidationFailed(
            {"reason": [gettext("Ghi đè trạng thái phải có lý do bằng văn bản.")]}
        )
    existing = StatusOverride.objects.filter(target=target, checkpoint=checkpoint).first()
    if status is None:
        if existing:
            existing._history_user = actor  # type: ignore[attr-defined]
            existing.delete()
        return None
    override = existing or StatusOverride(target=target, checkpoint=checkpoint)
    override.status = rules.Status(status)
    override.reason = reason
    override._history_user = actor  # type: ignore[attr-defined]
    override.save()
    return override


@transaction.atomic
def task_create(*, actor: Any, organization: Any, **values: Any) -> Task:
    if not scope_for(actor).can_edit_org(organization):
        raise PermissionDenied(gettext("Bạn không có quyền giao nhiệm vụ cho tổ chức này."))
    task = Task(organization=organization, **values)
    task._history_user = actor  # type: ignore[attr-defined]
    task.save()
    return task


@transaction.atomic
def task_update(*, actor: Any, task_id: int, status: str, note: str = "") -> Task:
    task = Task.objects.select_for_update().select_related("organization").get(pk=task_id)
    scope = scope_for(actor)
    allowed = scope.can_edit_org(task.organization) or (
        task.responsible_organization_id is not None
        and scope.writes_path(task.responsible_organization.path)
    )
    if not allowed:
        raise PermissionDenied(gettext("Bạn không phụ trách nhiệm vụ này."))
    task.status = status
    task._history_user = actor  # type: ignore[attr-defined]
    task.save(update_fields=["status"])
    if note.strip():
        TaskNote.objects.create(task=task, text=note, written_by=actor)
    return task
