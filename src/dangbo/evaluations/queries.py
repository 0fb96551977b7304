"""Reads of the rating pages (issue 9, items 1, 2 and 4), scoped to the actor; a fixed number
of queries per page (the campaign's ratings once, then counted in Python)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from dangbo.accounts.scope import scope_for, subtree_q
from dangbo.evaluations import permissions
from dangbo.evaluations.models import Campaign, Rating
from dangbo.organizations.models import CELL_KINDS, Organization


def campaigns(actor: Any) -> QuerySet[Campaign]:
    """Campaigns of the organizations the actor reads, and those holding a cell she reads (a
    cell's secretary)."""
    scope = scope_for(actor)
    readable = scope.orgs()
    cells = Rating.objects.filter(subject_kind="cell", organization__in=readable).values(
        "campaign_id"
    )
    return (
        Campaign.objects.filter(Q(organization__in=readable) | Q(pk__in=cells))
        .select_related("organization")
        .order_by("-year", "organization__path")
    )


def own_ratings(actor: Any) -> list[Rating]:
    """Her own ratings (self-assessment), newest year first."""
    own = scope_for(actor).own_member_ids
    if not own:
        return []
    return list(
        Rating.objects.filter(member_id__in=own)
        .select_related("campaign__organization")
        .order_by("-campaign__year")[:20]
    )


def openable_organizations(actor: Any) -> QuerySet[Organization]:
    """The grassroots organizations the actor may open a campaign for."""
    scope = scope_for(actor)
    return scope.orgs(write=True).filter(kind__in=permissions.GRASSROOTS_KINDS).order_by("path")


def writable_cells(actor: Any, campaign: Campaign) -> list[Organization]:
    """The cells of the campaign whose members the actor may propose (one query)."""
    scope = scope_for(actor)
    qs = scope.orgs(write=True).filter(subtree_q(campaign.organization.path), kind__in=CELL_KINDS)
    return list(qs.order_by("path"))


@dataclass
class Progress:
    """A group's steps: how many of the rated subjects self-assessed, were proposed, decided."""

    organization: Any = None
    rated: int = 0
    not_rated: int = 0
    self_done: int = 0
    proposed: int = 0
    decided: int = 0
    levels: Counter[str] = field(default_factory=Counter)
    cell_rating: Rating | None = None


def _count(p: Progress, r: Rating) -> None:
    if r.not_rated_reason:
        p.not_rated += 1
        return
    p.rated += 1
    p.self_done += bool(r.self_level)
    p.proposed += bool(r.proposed_level)
    p.decided += bool(r.decided_level)
    if r.level:
        p.levels[r.level] += 1


def progress(ratings: list[Rating]) -> tuple[Progress, list[Progress]]:
    """The members' steps overall and per cell (the cell's own rating beside its members)."""
    total = Progress()
    cells: dict[int, Progress] = {}
    for r in ratings:
        if r.subject_kind == "cell":
            cells.setdefault(r.organization_id, Progress(r.organization)).cell_rating = r
        elif r.subject_kind == "member":
            _count(total, r)
            _count(cells.setdefault(r.organization_id, Progress(r.organization)), r)
    return total, sorted(cells.values(), key=lambda p: p.organization.path)


def not_rated(ratings: list[Rating]) -> list[Rating]:
    return [r for r in ratings if r.not_rated_reason]
