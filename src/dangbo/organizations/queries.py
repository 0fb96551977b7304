"""Reads of the organization tree, scoped to the actor; counts are SQL aggregates.

The tree does not know who is in it (issue 7, item 8): member counts per subtree come from
``members.queries``, called by the page that shows them (``dashboard``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from dangbo.accounts.scope import scope_for
from dangbo.organizations.models import CELL_KINDS, CommitteeMembership, Organization, Term


def tree(actor: Any) -> QuerySet[Organization]:
    """Organizations the actor may read, tree order (the page that shows them adds the member
    counts: ``members.queries.add_member_counts``)."""
    return scope_for(actor).orgs().order_by("path")


def counts(actor: Any) -> dict[str, int]:
    """Organizations and cells the actor may read, one query (the home page's figures; the
    members' figures come from ``members.queries.member_counts``)."""
    orgs = scope_for(actor).orgs()
    return orgs.aggregate(
        organizations=Count("pk"), cells=Count("pk", filter=Q(kind__in=CELL_KINDS))
    )


def ancestors(org: Organization) -> list[Organization]:
    """The chain above ``org`` (one query), root first."""
    steps = [org.path[: i * org.steplen] for i in range(1, org.depth)]
    return list(Organization.objects.filter(path__in=steps).order_by("path")) if steps else []


def superior_and_place(org: Organization) -> tuple[Organization | None, str]:
    """What a Party document's header needs from the tree (one query): the parent organization
    (the superior body, top left) and the place of the date line — the nearest ``place``
    setting from ``org`` up (a cell uses its đảng bộ's); "" when none is set."""
    chain = ancestors(org)  # root first
    place = next((o.place for o in [org, *reversed(chain)] if o.place.strip()), "")
    return (chain[-1] if chain else None), " ".join(place.split())


def current_term(org: Organization, today: dt.date) -> Term | None:
    """The organization's latest term that has begun by ``today`` (one query)."""
    terms = Term.objects.filter(organization=org, starts_on__lte=today)
    return terms.order_by("-starts_on").first()


def committee_seats(term: Term, today: dt.date) -> list[tuple[Any, str, str, str]]:
    """(member, role, committee kind, name sort key) of the term's seats still held on
    ``today`` (or on the term's last day, for a term that has ended), one query; order them
    with ``rules.protocol_order``."""
    cutoff = min(today, term.ends_on) if term.ends_on else today
    rows = (
        CommitteeMembership.objects.filter(committee__term=term)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=cutoff))
        .select_related("member", "committee")
    )
    return [(r.member, r.role, r.committee.kind, r.member.sort_key) for r in rows]


def ancestor_paths(path: str, steplen: int = Organization.steplen) -> list[str]:
    """Paths of the node and all its ancestors."""
    return [path[:i] for i in range(steplen, len(path) + 1, steplen)]


def departments_for(*orgs: Organization) -> QuerySet[Any]:
    """Departments owned by the organizations or any of their ancestors (the hospital)."""
    from dangbo.organizations.models import Department

    paths = {p for o in orgs for p in ancestor_paths(o.path)}
    return Department.objects.filter(organization__path__in=paths).order_by("name_folded")
