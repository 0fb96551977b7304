"""Use cases that change resolutions, targets, checkpoint values and tasks.

Each checks permission through ``accounts.scope``, runs in one transaction and leaves history
(django-simple-history for resolutions, targets, checkpoints, overrides and tasks; entries are
append-only rows that carry who and when themselves)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef
from django.utils import timezone
from django.utils.translation import gettext

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit
from dangbo.core.text import fold
from dangbo.targets import permissions, rules, uploads
from dangbo.targets.models import (
    Checkpoint,
    Entry,
    FrozenFigure,
    Reminder,
    Resolution,
    StatusOverride,
    SubTarget,
    Target,
    TargetGroup,
    Task,
    TaskNote,
    TaskStatus,
)


def _require_office(actor: Any, resolution: Resolution) -> None:
    if not permissions.can_manage(scope_for(actor), resolution):
        raise PermissionDenied(
            gettext("Chỉ Văn phòng Đảng ủy của tổ chức này được thực hiện thao tác này.")
        )


@transaction.atomic
def resolution_create(*, actor: Any, organization: Any, **values: Any) -> Resolution:
    resolution = Resolution(organization=organization, **values)
    _require_office(actor, resolution)
    resolution._history_user = actor  # type: ignore[attr-defined]
    resolution.save()
    return resolution


def target_problems(target: Any) -> list[tuple[str, str]]:
    """``rules.spec_problems`` of a target's stored fields (the form and the service)."""
    return rules.spec_problems(
        kind=target.kind, direction=target.direction, planned=target.planned,
        tolerance=target.tolerance or 0, midyear_share=target.midyear_share,
        ninemonth_share=target.ninemonth_share, midterm_share=target.midterm_share,
        basis=target.basis or rules.Basis.FIXED, baseline=target.baseline,
        change_percent=target.change_percent,
    )  # fmt: skip


@transaction.atomic
def target_create(*, actor: Any, resolution: Resolution, **values: Any) -> Target:
    _require_office(actor, resolution)
    target = Target(resolution=resolution, **values)
    problems = target_problems(target)
    if problems:
        raise ValidationError({name: [message] for name, message in problems})
    target._history_user = actor  # type: ignore[attr-defined]
    target.save()
    return target


@transaction.atomic
def group_create(*, actor: Any, resolution: Resolution, **values: Any) -> TargetGroup:
    _require_office(actor, resolution)
    group = TargetGroup(resolution=resolution, **values)
    group._history_user = actor  # type: ignore[attr-defined]
    group.save()
    return group


@transaction.atomic
def subtargets_assign(*, actor: Any, target: Target, cells: list[Any]) -> list[SubTarget]:
    """Assign the target to cells of the resolution's subtree (their values roll up)."""
    _require_office(actor, target.resolution)
    root = target.resolution.organization.path
    outside = [c.name for c in cells if not c.path.startswith(root) or not c.is_cell]
    if outside:
        raise ValidationError(
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
    if not rules.checkpoint_allowed(resolution.horizon, checkpoint.kind):
        raise ValidationError(
            {
                "kind": [
                    gettext("Kỳ “%(kind)s” không dùng cho %(horizon)s.")
                    % {
                        "kind": rules.Checkpoint(checkpoint.kind).label,
                        "horizon": rules.Horizon(resolution.horizon).label.lower(),
                    }
                ]
            }
        )
    if resolution.checkpoints.filter(kind=checkpoint.kind).exists():
        raise ValidationError({"kind": [gettext("Nghị quyết đã có kỳ báo cáo này.")]})
    checkpoint._history_user = actor  # type: ignore[attr-defined]
    checkpoint.save()
    return checkpoint


def _observation_errors(
    target: Target,
    checkpoint: Checkpoint,
    *,
    value: Decimal | None,
    done: bool | None,
    not_started: bool,
    assessed_status: str,
    note: str,
    cell: bool,
) -> dict[str, list[str]]:
    """What a report must hold for the target's kind (issue 6, items 1 and 3)."""
    errors: dict[str, list[str]] = {}
    kind = rules.Kind(target.kind)
    if not_started:
        if value is not None or done is not None or assessed_status:
            errors["not_started"] = [
                gettext("Đã chọn “chưa thực hiện” thì không nhập kết quả; bỏ một trong hai.")
            ]
        return errors
    if value is not None and value < 0:
        errors["value"] = [gettext("Giá trị không được âm.")]
    if cell or kind in rules.NUMERIC_KINDS or kind is rules.Kind.ZERO:
        if value is None:
            errors["value"] = [
                gettext("Nhập giá trị đạt được (một con số), hoặc chọn “chưa thực hiện”.")
            ]
    elif kind is rules.Kind.MILESTONE:
        if done is None:
            errors["done"] = [gettext("Chọn đã hoàn thành hay chưa hoàn thành.")]
    else:
        horizon = target.resolution.horizon
        allowed = [s.value for s in rules.statuses_at(horizon, checkpoint.kind)]
        if assessed_status not in allowed:
            errors["assessed_status"] = [gettext("Chọn kết quả đánh giá của chỉ tiêu định tính.")]
        if not note.strip():
            errors["note"] = [
                gettext("Chỉ tiêu định tính: ghi nhận xét, đánh giá bằng lời làm căn cứ.")
            ]
    return errors


@transaction.atomic
def entry_record(
    *,
    actor: Any,
    target_id: int,
    checkpoint_id: int,
    organization: Any | None = None,
    value: Decimal | None = None,
    stated: str = "",
    done: bool | None = None,
    not_started: bool = False,
    assessed_status: str = "",
    note: str = "",
    cause: str = "",
    remedy: str = "",
    attachment: Any = None,
    correction_reason: str = "",
    transcribed: bool = False,
) -> Entry:
    """Record a report at a checkpoint: a value (or a cell's share of it), a milestone done or
    not, a qualitative assessment, or "chưa thực hiện". A result short of the plan needs a cause
    and a remedy, except when transcribed from a published report (issue 6, item 6). After the
    checkpoint is frozen, only the office may add a correction, with a reason; the frozen
    figures do not change."""
    if attachment:
        try:
            uploads.validate_evidence(attachment)
        except ValidationError as exc:
            raise ValidationError({"attachment": exc.messages}) from exc
    checkpoint = Checkpoint.objects.select_for_update().get(pk=checkpoint_id)
    target = Target.objects.select_related("resolution__organization").get(pk=target_id)
    if target.resolution_id != checkpoint.resolution_id:
        raise ValidationError(
            {"checkpoint": [gettext("Kỳ báo cáo không thuộc nghị quyết của chỉ tiêu.")]}
        )
    checkpoint.resolution = target.resolution
    scope = scope_for(actor)
    if not permissions.can_record(scope, target, organization, checkpoint):
        raise PermissionDenied(
            permissions.frozen_message()
            if checkpoint.is_frozen
            else gettext("Bạn không phụ trách chỉ tiêu này.")
        )
    if transcribed and not permissions.can_manage(scope, target.resolution):
        raise PermissionDenied(
            gettext("Chỉ Văn phòng Đảng ủy được nhập lại số liệu từ báo cáo đã ban hành.")
        )
    if (
        organization is not None
        and not SubTarget.objects.filter(target=target, organization=organization).exists()
    ):
        raise ValidationError({"organization": [gettext("Chỉ tiêu này không giao cho chi bộ đó.")]})
    errors = _observation_errors(
        target, checkpoint, value=value, done=done, not_started=not_started,
        assessed_status=assessed_status, note=note, cell=organization is not None,
    )  # fmt: skip
    is_correction = checkpoint.is_frozen
    if is_correction and not correction_reason.strip():
        errors["correction_reason"] = [permissions.frozen_message()]
    if not errors and organization is None and not transcribed:
        status = _status_of_report(target, checkpoint, value, done, not_started, assessed_status)
        if status in (rules.Status.NOT_MET, rules.Status.BEHIND):
            if not cause.strip():
                errors["cause"] = [gettext("Chỉ tiêu chưa đạt: ghi rõ nguyên nhân.")]
            if not remedy.strip():
                errors["remedy"] = [gettext("Chỉ tiêu chưa đạt: ghi rõ giải pháp khắc phục.")]
    if errors:
        raise ValidationError(errors)
    return Entry.objects.create(
        target=target, checkpoint=checkpoint, organization=organization, value=value,
        stated=stated if value is not None else "", done=done, not_started=not_started,
        assessed_status=assessed_status, note=note, cause=cause, remedy=remedy,
        attachment=attachment or "", is_correction=is_correction,
        correction_reason=correction_reason, transcribed=transcribed, recorded_by=actor,
    )  # fmt: skip


def _status_of_report(
    target: Target,
    checkpoint: Checkpoint,
    value: Decimal | None,
    done: bool | None,
    not_started: bool,
    assessed_status: str,
) -> rules.Status:
    milestone = target.kind == rules.Kind.MILESTONE
    try:
        return rules.compute_status(
            rules.spec_from(target, target.resolution.horizon),
            done if milestone else value,
            checkpoint.kind,
            activity_recorded=True,
            not_started=not_started,
            assessed=assessed_status or None,
        )
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            {
                "value": [
                    gettext("Giá trị không hợp lệ cho loại chỉ tiêu này (%(error)s).")
                    % {"error": exc}
                ]
            }
        ) from exc


def frozen_figures(checkpoint: Checkpoint) -> list[FrozenFigure]:
    """The figures a freeze keeps: the newest report of each target and cell (unsaved)."""
    from dangbo.targets.queries import latest_entries

    return [
        FrozenFigure(
            checkpoint=checkpoint,
            target_id=e.target_id,
            organization_id=e.organization_id,
            value=e.value,
            stated=e.stated,
            done=e.done,
            not_started=e.not_started,
            assessed_status=e.assessed_status,
            activity_recorded=True,
            entry=e,
        )  # fmt: skip
        for e in latest_entries(checkpoint)
    ]


def _freeze(actor: Any, checkpoint: Checkpoint) -> None:
    FrozenFigure.objects.bulk_create(frozen_figures(checkpoint))
    checkpoint.frozen_at = timezone.now()
    checkpoint.frozen_by = actor
    checkpoint._history_user = actor  # type: ignore[attr-defined]
    checkpoint.save()


def _locked_checkpoint(actor: Any, checkpoint_id: int) -> Checkpoint:
    checkpoint = (
        Checkpoint.objects.select_for_update()
        .select_related("resolution__organization")
        .get(pk=checkpoint_id)
    )
    _require_office(actor, checkpoint.resolution)
    if checkpoint.is_frozen:
        raise ValidationError(
            {"checkpoint": [gettext("Kỳ báo cáo này đã được chốt số liệu trước đó.")]}
        )
    return checkpoint


@transaction.atomic
def checkpoint_freeze(*, actor: Any, checkpoint_id: int, confirmation: str) -> Checkpoint:
    """Chốt số liệu (issue 6, item 9): the office types the period's name to confirm; the
    newest figures are copied into FrozenFigure rows and become read-only."""
    checkpoint = _locked_checkpoint(actor, checkpoint_id)
    if fold(confirmation).split() != fold(checkpoint.period_name).split():
        raise ValidationError(
            {
                "confirmation": [
                    gettext("Gõ đúng tên kỳ “%(name)s” để xác nhận chốt số liệu.")
                    % {"name": checkpoint.period_name}
                ]
            }
        )
    _freeze(actor, checkpoint)
    return checkpoint


@transaction.atomic
def checkpoint_transcribe(
    *,
    actor: Any,
    checkpoint_id: int,
    source_number: str,
    source_date: Any,
    reports: dict[int, dict[str, Any]],
) -> Checkpoint:
    """Back entry (issue 6, item 6): the figures of a past period as a published report states
    them (its number and date), entered at once and frozen. ``reports`` maps target ids to the
    keyword arguments of ``entry_record`` (value, stated, done, not_started, assessed_status,
    note). All or nothing: an invalid row rejects the whole entry, naming the target."""
    checkpoint = _locked_checkpoint(actor, checkpoint_id)
    errors: dict[str, list[str]] = {}
    if not source_number.strip():
        errors["source_number"] = [gettext("Nhập số, ký hiệu của báo cáo đã ban hành.")]
    if source_date is None:
        errors["source_date"] = [gettext("Nhập ngày của báo cáo đã ban hành.")]
    titles = dict(
        Target.objects.filter(resolution=checkpoint.resolution).values_list("pk", "title")
    )
    for target_id, report in reports.items():
        if target_id not in titles:
            raise ValidationError({"__all__": [gettext("Chỉ tiêu không thuộc nghị quyết.")]})
        try:
            with transaction.atomic():
                entry_record(
                    actor=actor, target_id=target_id, checkpoint_id=checkpoint.pk,
                    transcribed=True, **report,
                )  # fmt: skip
        except ValidationError as exc:
            errors[f"t{target_id}"] = [
                message for messages in exc.message_dict.values() for message in messages
            ]
    if errors:
        raise ValidationError(errors)
    checkpoint.source_number = source_number.strip()
    checkpoint.source_date = source_date
    _freeze(actor, checkpoint)
    return checkpoint


@transaction.atomic
def remind_cells(*, actor: Any, target: Target, checkpoint: Checkpoint) -> int:
    """The office reminds the cells that have not reported their share at an open checkpoint
    (issue 6, item 7); returns how many cells were reminded."""
    _require_office(actor, target.resolution)
    if checkpoint.is_frozen or checkpoint.resolution_id != target.resolution_id:
        raise ValidationError({"checkpoint": [permissions.frozen_message()]})
    reported = Entry.objects.filter(
        target=target, checkpoint=checkpoint, organization__isnull=False
    ).values("organization_id")
    cells = SubTarget.objects.filter(target=target).exclude(organization_id__in=reported)
    made = Reminder.objects.bulk_create(
        Reminder(target=target, checkpoint=checkpoint, organization_id=s.organization_id,
                 sent_by=actor)
        for s in cells
    )  # fmt: skip
    return len(made)


@transaction.atomic
def status_override_set(
    *,
    actor: Any,
    target: Target,
    checkpoint: Checkpoint,
    status: str | None,
    reason: str,
    version: int,
) -> StatusOverride | None:
    """Set (or, with ``status=None``, remove) a manual status; a written reason is required.

    ``version`` is the version of the override the form was opened on, 0 when there was none;
    if somebody set, changed or removed the override since, ``ConcurrentEdit`` is raised. A new
    override continues the numbering of any removed one (from its history), so a form opened on
    a removed override cannot overwrite a newer one that happens to restart at 1."""
    scope = scope_for(actor)
    _require_office(actor, target.resolution)
    checkpoint = Checkpoint.objects.select_for_update().get(pk=checkpoint.pk)  # fresh state
    if checkpoint.resolution_id != target.resolution_id:
        raise ValidationError(
            {"checkpoint": [gettext("Kỳ báo cáo không thuộc nghị quyết của chỉ tiêu.")]}
        )
    if not permissions.can_override(scope, target, checkpoint):  # the office, once frozen
        raise ValidationError({"status": [permissions.frozen_message()]})
    existing = (
        StatusOverride.objects.select_for_update()
        .filter(target=target, checkpoint=checkpoint)
        .first()
    )
    if (existing.version if existing else 0) != version:
        raise ConcurrentEdit()
    if not reason.strip():
        raise ValidationError(
            {"reason": [gettext("Ghi đè trạng thái phải có lý do bằng văn bản.")]}
        )
    if status is None:
        if existing:
            existing._history_user = actor  # type: ignore[attr-defined]
            existing.delete()
        return None
    allowed = rules.statuses_at(target.resolution.horizon, checkpoint.kind)
    if status not in allowed:
        raise ValidationError(
            {"status": [gettext("Kết quả này không dùng được ở kỳ báo cáo này.")]}
        )
    if existing is None:
        override = StatusOverride(target=target, checkpoint=checkpoint)
        last = StatusOverride.history.filter(
            target_id=target.pk, checkpoint_id=checkpoint.pk
        ).aggregate(last=Max("version"))["last"]
        override.version = (last or 0) + 1
    else:
        override = existing
        override.version += 1
    override.status = rules.Status(status)
    override.reason = reason
    override._history_user = actor  # type: ignore[attr-defined]
    override.save()
    return override


@transaction.atomic
def task_create(*, actor: Any, organization: Any, **values: Any) -> Task:
    if not permissions.can_assign_tasks(scope_for(actor), organization):
        raise PermissionDenied(gettext("Bạn không có quyền giao nhiệm vụ cho tổ chức này."))
    task = Task(organization=organization, **values)
    task._history_user = actor  # type: ignore[attr-defined]
    task.save()
    return task


@transaction.atomic
def task_update(*, actor: Any, task_id: int, status: str, version: int, note: str = "") -> Task:
    """Change a task's status (and add a progress note) if nobody saved the task since
    ``version`` was read; the office that assigned it or the unit it is assigned to."""
    task = (
        Task.objects.select_for_update(of=("self",))
        .select_related("organization", "responsible_organization")
        .get(pk=task_id)
    )
    if not permissions.can_update_task(scope_for(actor), task):
        raise PermissionDenied(gettext("Bạn không phụ trách nhiệm vụ này."))
    if task.version != version:
        raise ConcurrentEdit()
    task.status = TaskStatus(status)
    task.version += 1
    task._history_user = actor  # type: ignore[attr-defined]
    task.save(update_fields=["status", "version"])
    if note.strip():
        TaskNote.objects.create(task=task, text=note, written_by=actor)
    return task


@transaction.atomic
def task_details_update(
    *, actor: Any, task_id: int, version: int, title: str, responsible_organization: Any | None,
    deadline: Any | None,
) -> Task:  # fmt: skip
    """Change what a task asks, of whom and by when (e.g. after the meeting conclusion it came
    from was corrected): the office that assigned it, if nobody saved it since ``version``."""
    task = (
        Task.objects.select_for_update(of=("self",)).select_related("organization").get(pk=task_id)
    )
    if not permissions.can_assign_tasks(scope_for(actor), task.organization):
        raise PermissionDenied(gettext("Bạn không có quyền giao nhiệm vụ cho tổ chức này."))
    if task.version != version:
        raise ConcurrentEdit()
    task.title = title
    task.responsible_organization = responsible_organization
    task.deadline = deadline
    task.version += 1
    task._history_user = actor  # type: ignore[attr-defined]
    task.save(update_fields=["title", "responsible_organization", "deadline", "version"])
    return task


REMIND_DAYS_BEFORE = 7


@transaction.atomic
def remind_due(*, today: Any, days: int = REMIND_DAYS_BEFORE) -> int:
    """Reminders before the deadline (issue 6, item 7), sent by the system (``sent_by`` empty):
    every cell with an unreported share at an open checkpoint due within ``days`` days, at most
    once per cell, target and checkpoint. Run daily (``dangbo remind``); returns how many."""
    import datetime as dt

    due = Checkpoint.objects.filter(
        frozen_at__isnull=True, deadline__gte=today, deadline__lte=today + dt.timedelta(days)
    )
    reported = Entry.objects.filter(
        checkpoint_id=OuterRef("checkpoint_id"), target_id=OuterRef("target_id"),
        organization_id=OuterRef("organization_id"),
    )  # fmt: skip
    reminded = Reminder.objects.filter(
        checkpoint_id=OuterRef("checkpoint_id"), target_id=OuterRef("target_id"),
        organization_id=OuterRef("organization_id"), sent_by__isnull=True,
    )  # fmt: skip
    pending = (
        SubTarget.objects.filter(target__resolution__checkpoints__in=due)
        .annotate(checkpoint_id=F("target__resolution__checkpoints__id"))
        .annotate(done=Exists(reported), sent=Exists(reminded))
        .filter(done=False, sent=False)
        .values_list("target_id", "checkpoint_id", "organization_id")
    )
    made = Reminder.objects.bulk_create(
        Reminder(target_id=t, checkpoint_id=c, organization_id=o) for t, c, o in pending
    )
    return len(made)
