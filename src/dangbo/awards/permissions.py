"""Who may see or change awards, proposals and Party badges — every predicate of the awards app,
on ``accounts.scope.Scope`` (issue 9, items 6 and 7). Views fetch through the scope (404 outside
it), then ask here (403 for read-only); templates show an action only through a flag the view
computes with the same function; services ask again. The predicates never query.

- Whoever reads an organization reads its awards, proposals and badge lists (a cell's secretary
  her cell's, a superior reader her subtree's, read-only).
- The office of the organization records them (``members.permissions.writes_as_office``): a
  cell's secretary proposes through the meeting of her cell, she does not keep the register.
"""

from __future__ import annotations

from typing import Any

from dangbo.accounts.scope import Scope
from dangbo.members.permissions import writes_as_office
from dangbo.organizations.permissions import can_view_org, can_view_tree


def can_see_awards(scope: Scope) -> bool:
    """The "Khen thưởng" menu entry and index: whoever reads some subtree."""
    return can_view_tree(scope)


def can_list_awards(scope: Scope, organization: Any) -> bool:
    return can_view_org(scope, organization)


def can_record_awards(scope: Scope, organization: Any) -> bool:
    """Add awards and proposals for ``organization`` and below: its office."""
    return writes_as_office(scope, organization)


def can_edit_award(scope: Scope, award: Any) -> bool:
    return writes_as_office(scope, award.organization)


def can_award_proposal(scope: Scope, proposal: Any) -> bool:
    """Turn a proposal into an award (the decision came): the office, once only."""
    return writes_as_office(scope, proposal.organization) and proposal.award_id is None


def can_list_badges(scope: Scope, organization: Any) -> bool:
    """The upcoming badges and the badge register of an organization."""
    return can_view_org(scope, organization)


def can_record_badge(scope: Scope, member: Any) -> bool:
    """Record a badge given to ``member``: the office of her organization."""
    return writes_as_office(scope, member.organization)
