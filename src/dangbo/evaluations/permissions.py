"""Who may do what in a rating campaign — every predicate of the evaluations app, on
``accounts.scope.Scope`` (issue 9, items 1, 2 and 4). Views fetch through the scope (404
outside it), then ask here (403 for read-only); templates show an action only through a flag
the view computes with the same function; services ask again.

- The office of the grassroots organization opens the campaign, proposes the levels of the
  cells, the leadership collective and the organization itself, and decides (finalizes).
- A cell's secretary proposes the levels of her cell's members (the office may too).
- A member fills her own self-assessment (her linked member record, ``Scope.own_member_ids``).
- The superior committee cancels and re-rates a decided rating and records a documented
  exception to the 20 % cap (domain-rules §1.3 "Authority", decision 2). The only superior role
  that reads is ``superior_reader`` and it writes nothing, so the superior's write is a user who
  WRITES the parent of the grassroots organization (the office role of the superior
  organization, or an administrator): ``is_superior`` below.

The predicates take already-fetched objects and never query."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from dangbo.accounts.scope import Scope

# Organization kinds that hold a campaign: the grassroots level (đảng bộ cơ sở, chi bộ cơ sở).
GRASSROOTS_KINDS = ("grassroots_committee", "grassroots_cell")
STEPLEN = 4  # organizations.Organization.steplen (the materialized path's step)


def _open(campaign: Any) -> bool:
    return bool(campaign.status == "open")


def parent_path(organization: Any) -> str:
    """The materialized path of the organization's parent ("" for a root)."""
    return str(organization.path)[:-STEPLEN]


def is_superior(scope: Scope, organization: Any) -> bool:
    """Writes the parent of ``organization`` (its superior committee's office) or above."""
    above = parent_path(organization)
    return scope.is_admin or (bool(above) and scope.writes_path(above))


def reads_within(scope: Scope, organization: Any) -> bool:
    """Reads the organization or some part of its subtree (a cell's secretary)."""
    path = str(organization.path)
    return scope.reads_path(path) or any(p.startswith(path) for p in scope.read_paths)


def writes_within(scope: Scope, organization: Any) -> bool:
    path = str(organization.path)
    return scope.writes_path(path) or any(p.startswith(path) for p in scope.write_paths)


def can_see_evaluations(scope: Scope) -> bool:
    """The menu entry "Đánh giá, xếp loại": readers of some subtree and members (their own
    self-assessment)."""
    return scope.sees_organizations or bool(scope.own_member_ids)


def can_open_campaign(scope: Scope, organization: Any) -> bool:
    """Open a campaign: the office of a grassroots organization (or above it)."""
    return organization.kind in GRASSROOTS_KINDS and scope.writes_path(organization.path)


def can_open_some_campaign(scope: Scope, organizations: Iterable[Any]) -> bool:
    """The "Mở đợt đánh giá" page: whoever may open a campaign for one of ``organizations``
    (the grassroots organizations of her writable subtree, fetched by the view)."""
    return scope.writes_some and any(can_open_campaign(scope, o) for o in organizations)


def can_view_campaign(scope: Scope, campaign: Any) -> bool:
    """The campaign page (every subject, the violations): readers of the organization."""
    return scope.reads_path(campaign.organization.path)


def can_view_cell(scope: Scope, campaign: Any, cell: Any) -> bool:
    """A cell's proposal page: readers of the cell inside the campaign's organization."""
    inside = str(cell.path).startswith(campaign.organization.path)
    return inside and scope.reads_path(cell.path)


def can_view_rating(scope: Scope, rating: Any) -> bool:
    """A member's rating: readers of her cell, and the member herself."""
    if rating.member_id and rating.member_id in scope.own_member_ids:
        return True
    return scope.reads_path(rating.organization.path)


def is_decided(rating: Any) -> bool:
    return bool(rating.decided_level)


def can_self_assess(scope: Scope, rating: Any, campaign: Any) -> bool:
    """The member herself, while the campaign is open, she is rated and nothing is decided."""
    return (
        bool(rating.member_id)
        and rating.member_id in scope.own_member_ids
        and _open(campaign)
        and not rating.not_rated_reason
        and not is_decided(rating)
    )


def can_propose(scope: Scope, rating: Any, campaign: Any) -> bool:
    """A member's level: whoever writes her cell (its secretary, the office); a cell's, the
    collective's and the organization's: the office of the grassroots organization."""
    if not _open(campaign) or rating.not_rated_reason or is_decided(rating):
        return False
    if rating.subject_kind == "member":
        return scope.writes_path(rating.organization.path)
    return scope.writes_path(campaign.organization.path)


def can_propose_cell(scope: Scope, campaign: Any, cell: Any) -> bool:
    """The proposal form of a cell's members."""
    return _open(campaign) and can_view_cell(scope, campaign, cell) and scope.writes_path(cell.path)


def can_propose_collectives(scope: Scope, campaign: Any) -> bool:
    """The office's proposal form: the cells, the leadership collective, the organization."""
    return _open(campaign) and scope.writes_path(campaign.organization.path)


def can_preview(scope: Scope, campaign: Any) -> bool:
    """The what-if preview: whoever may propose some rating of the campaign."""
    return _open(campaign) and writes_within(scope, campaign.organization)


def can_finalize(scope: Scope, campaign: Any) -> bool:
    """Decide every rated subject (proposed → decided): the office of the organization."""
    return _open(campaign) and scope.writes_path(campaign.organization.path)


def can_rerate(scope: Scope, campaign: Any, rating: Any) -> bool:
    """Cancel a decided rating and re-rate it with a reason: the superior committee."""
    return is_decided(rating) and is_superior(scope, campaign.organization)


def can_record_exception(scope: Scope, campaign: Any) -> bool:
    """Record the superior's documented exception to the 20 % cap (decision 2)."""
    return is_superior(scope, campaign.organization)


# ---- statistics (issue 9, item 5; evaluations/stats_views.py and api.py) ---------------------
def can_view_campaign_statistics(scope: Scope, campaign: Any) -> bool:
    """A campaign's statistics and its xlsx: readers of the organization (as the campaign)."""
    return can_view_campaign(scope, campaign)


def can_view_subtree_statistics(scope: Scope, organization: Any) -> bool:
    """The roll-up of a year's campaigns below an organization: readers of that organization
    (a superior committee's reader for its subtree, the office for its hospital)."""
    return scope.reads_path(organization.path)


def can_list_ratings(scope: Scope, campaign: Any) -> bool:
    """The API's ratings of a campaign: readers of the organization or of a part of it (a
    cell's secretary: the list then holds her cell's ratings only, ``Scope.read_paths``)."""
    return reads_within(scope, campaign.organization)
