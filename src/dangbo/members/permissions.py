"""Who may see or change what of the member records — every predicate of the members app, on
``accounts.scope.Scope`` (issue 7, item 1). Views fetch a member through ``scope.members()``
(404 outside the scope) and then ask here (403 for read-only); templates show an action only
through a flag the view computes with the same function; services and the import check here
again. The predicates take already-fetched objects and never query."""

from __future__ import annotations

from typing import Any

from dangbo.accounts.scope import Scope
from dangbo.organizations import permissions as org_permissions


def can_list_members(scope: Scope) -> bool:
    """Search, the probation list and the (masked) export: whoever reads some subtree."""
    return org_permissions.can_view_tree(scope)


def is_own(scope: Scope, member: Any) -> bool:
    return member.pk in scope.own_member_ids


def can_view_member(scope: Scope, member: Any) -> bool:
    """Readers of the member's cell, and the member herself."""
    return is_own(scope, member) or scope.reads_path(member.organization.path)


def can_edit_member(scope: Scope, member: Any) -> bool:
    """Edit the record and change the status: whoever writes the member's cell."""
    return scope.writes_path(member.organization.path)


def can_reveal(scope: Scope, member: Any) -> bool:
    """See the card number and citizen ID in full (logged): whoever may edit the member, and
    the member herself."""
    return can_edit_member(scope, member) or is_own(scope, member)


def can_add_members(scope: Scope) -> bool:
    """The add-member page: whoever writes some cell."""
    return org_permissions.can_edit_some_org(scope)


def can_place_in(scope: Scope, organization: Any) -> bool:
    """Add a member to ``organization`` or move one there (that it is a cell is a validation,
    not a permission)."""
    return org_permissions.can_edit_org(scope, organization)


def can_add_member_to(scope: Scope, organization: Any) -> bool:
    """The "Thêm đảng viên" button of an organization's page: a cell the actor writes."""
    return bool(organization.is_cell) and can_place_in(scope, organization)


def can_import(scope: Scope) -> bool:
    """Import a spreadsheet: whoever writes some cell (each row is checked against the cells
    the actor writes)."""
    return org_permissions.can_edit_some_org(scope)


def can_export_full(scope: Scope) -> bool:
    """Ask for an export with full numbers: whoever may edit some members. The export still
    writes in full only the members the actor may edit, each one logged."""
    return org_permissions.can_edit_some_org(scope)


def can_match_number_prefix(scope: Scope, organization_path: str) -> bool:
    """Find a member by the first digits of her card number or citizen ID: only where the
    actor may edit (a prefix search over masked numbers would reveal them a digit at a time,
    issue 7 defect 8); elsewhere only the full number finds her. ``queries.number_q`` is the
    SQL form of this predicate."""
    return scope.writes_path(organization_path)


# ---- discipline register (issue 9, item 8) ------------------------------------------------------
def writes_as_office(scope: Scope, organization: Any) -> bool:
    """The office of ``organization``'s grassroots level: for a cell (chi bộ trực thuộc) whoever
    writes the organization above it — the Đảng ủy's office, not the cell's own secretary; for
    any other organization (a chi bộ cơ sở included) whoever writes it. The path of the parent
    is the cell's path less one step (treebeard's ``steplen``)."""
    path = organization.path
    if organization.kind == "cell":
        path = path[: -getattr(organization, "steplen", 4)]
    return scope.writes_path(path)


def can_list_discipline(scope: Scope, organization: Any) -> bool:
    """An organization's discipline register: whoever reads it (the cell's secretary her cell,
    a superior read-only)."""
    return org_permissions.can_view_org(scope, organization)


def can_view_discipline(scope: Scope, member: Any) -> bool:
    """A member's discipline records on her page: readers of her cell, and herself."""
    return can_view_member(scope, member)


def can_record_discipline(scope: Scope, member: Any) -> bool:
    """Record or correct a member's discipline: the office of her organization (the measures are
    decided by the committees; a cell secretary does not keep this register)."""
    return writes_as_office(scope, member.organization)


def can_record_discipline_in(scope: Scope, organization: Any) -> bool:
    """The "Ghi kỷ luật" actions of an organization's register."""
    return writes_as_office(scope, organization)
