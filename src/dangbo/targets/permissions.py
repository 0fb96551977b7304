"""Who may do what with resolutions, targets, checkpoints and tasks — every predicate of the
targets app, on ``accounts.scope.Scope`` (issue 6, item 10). Views, templates (through flags
the views compute with these same functions), services and the API all ask here.

The predicates take already-fetched objects and never query: a target's assigned cells are
passed in as their paths."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext

from dangbo.accounts.scope import Scope
from dangbo.organizations.permissions import can_edit_org, can_view_org


def frozen_message() -> str:
    """Why nothing changes at a frozen checkpoint (the page and the service say it alike)."""
    return gettext(
        "Kỳ báo cáo này đã chốt số liệu; số liệu đã chốt không sửa được. "
        "Nếu cần điều chỉnh, Văn phòng Đảng ủy ghi một số liệu điều chỉnh kèm lý do."
    )


def can_read_resolution(scope: Scope, resolution: Any) -> bool:
    return can_view_org(scope, resolution.organization)


def can_manage(scope: Scope, resolution: Any) -> bool:
    """The committee office of the resolution's organization: set up targets and checkpoints,
    freeze, override, transcribe past reports, remind cells."""
    return can_edit_org(scope, resolution.organization)


def is_responsible(scope: Scope, target: Any) -> bool:
    return bool(target.responsible_member_id) and target.responsible_member_id in (
        scope.own_member_ids
    )


def can_read_target(scope: Scope, target: Any, cell_paths: Iterable[str] = ()) -> bool:
    """Readers of the resolution's organization, the person responsible for the target, and
    the cells the target is assigned to (their secretaries see it read-only but their share)."""
    return (
        can_read_resolution(scope, target.resolution)
        or is_responsible(scope, target)
        or any(scope.writes_path(p) for p in cell_paths)
    )


def can_record(scope: Scope, target: Any, organization: Any | None, checkpoint: Any) -> bool:
    """Record a value: the office (at a frozen checkpoint only the office, as a correction with
    a reason); the person responsible for the target's own value; a cell's secretary for her
    cell's share (the service checks that the share exists)."""
    if can_manage(scope, target.resolution):
        return True
    if checkpoint.is_frozen:
        return False
    if organization is None:
        return is_responsible(scope, target)
    return can_edit_org(scope, organization)


def can_override(scope: Scope, target: Any, checkpoint: Any) -> bool:
    return can_manage(scope, target.resolution) and not checkpoint.is_frozen


def can_freeze(scope: Scope, checkpoint: Any) -> bool:
    return can_manage(scope, checkpoint.resolution) and not checkpoint.is_frozen


def can_transcribe(scope: Scope, checkpoint: Any) -> bool:
    """Enter a past period's figures from a published report (back entry)."""
    return can_manage(scope, checkpoint.resolution) and not checkpoint.is_frozen


def can_view_task(scope: Scope, task: Any) -> bool:
    responsible = task.responsible_organization
    return can_view_org(scope, task.organization) or (
        responsible is not None and scope.reads_path(responsible.path)
    )


def can_update_task(scope: Scope, task: Any) -> bool:
    """The office that assigned the task, or the unit it is assigned to."""
    responsible = task.responsible_organization
    return can_edit_org(scope, task.organization) or (
        responsible is not None and scope.writes_path(responsible.path)
    )


def can_assign_tasks(scope: Scope, organization: Any) -> bool:
    """Assign tasks and set up resolutions for an organization: its office."""
    return can_edit_org(scope, organization)
