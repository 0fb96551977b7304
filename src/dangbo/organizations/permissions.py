"""Who may see or change what in the organization tree — every predicate of the organizations
app, on ``accounts.scope.Scope`` (issue 7, item 1). Views (404 outside the scope, 403 for
read-only), templates (through flags the views compute with these same functions), services
and the API all ask here. The predicates take already-fetched objects and never query."""

from __future__ import annotations

from typing import Any

from dangbo.accounts.scope import Scope


def can_view_tree(scope: Scope) -> bool:
    """The organization pages at all: whoever reads some subtree (a plain member reads only
    her own record, and a communications officer no member data)."""
    return scope.sees_organizations


def can_view_org(scope: Scope, org: Any) -> bool:
    return scope.reads_path(org.path)


def can_edit_org(scope: Scope, org: Any) -> bool:
    """The office of the organization or of one above it, or the cell's secretary."""
    return scope.writes_path(org.path)


def can_edit_some_org(scope: Scope) -> bool:
    """Writes some subtree: the office's and the secretary's pages (what is due, add, import)."""
    return scope.writes_some
