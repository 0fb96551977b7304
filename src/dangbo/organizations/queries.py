"""Reads for organization pages, scoped to the actor; counts are SQL aggregates."""

from __future__ import annotations

import datetime as dt
import os
from bisect import bisect_left
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat

from dangbo.accounts.scope import scope_for, subtree_q
from dangbo.members.models import ACTIVE_STATUSES, Member
from dangbo.members.queries import probation_due_q
from dangbo.organizations.models import CELL_KINDS, CommitteeMembership, Organization, Term


def _subtree_of_outer(field_name: str) -> Q:
    """``field_name`` lies in the subtree of the outer query's organization (index-friendly)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field_name}__startswith": OuterRef("path")})
    return Q(
        **{
            f"{field_name}__gte": OuterRef("path"),
            f"{field_name}__lt": Concat(OuterRef("path"), Value("\uffff")),
        }
    )


def with_member_counts(qs: QuerySet[Organization]) -> QuerySet[Organization]:
    """Annotate each organization with the active members of its whole subtree."""
    counts = (
        Member.objects.filter(_subtree_of_outer("organization__path"), status__in=ACTIVE_STATUSES)
        .order_by()
        .annotate(_g=Value(1))
        .values("_g")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(member_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))


def tree(actor: Any) -> QuerySet[Organization]:
    """Organizations the actor may read, tree order (paginate, then ``add_member_counts``)."""
    return scope_for(actor).orgs().order_by("path")


def add_member_counts(orgs: Sequence[Organization]) -> None:
    """Set ``member_count`` (active members of the whole subtree) on each organization: one
    GROUP BY over the smallest subtree that holds them all, rolled up by path prefix. (Faster
    than one correlated count per organization: bench/rollup_bench.py.)"""
    if not orgs:
        return
    prefix = os.path.commonprefix([o.path for o in orgs])
    prefix = prefix[: len(prefix) - len(prefix) % Organization.steplen]
    rows = (
        Member.objects.filter(status__in=ACTIVE_STATUSES)
        .filter(subtree_q(prefix, "organization__path") if prefix else Q())
        .values_list("organization__path")
        .annotate(n=Count("pk"))
        .order_by("organization__path")
    )
    paths, counts = [], []
    for path, n in rows:
        paths.append(path)
        counts.append(n)
    running = [0, *accumulate(counts)]
    for org in orgs:
        lo = bisect_left(paths, org.path)
        hi = bisect_left(paths, org.path + "\uffff")
        org.member_count = running[hi] - running[lo]


def scope_summary(actor: Any, today: dt.date) -> dict[str, int]:
    """Counts of the home page, two queries: organizations and cells; active and probationary
    members, and those whose probation ends within 60 days (same rule as
    ``members.queries.probation_due``) — one pass over the members of the subtree."""
    scope = scope_for(actor)
    orgs = scope.orgs().aggregate(
        organizations=Count("pk"), cells=Count("pk", filter=Q(kind__in=CELL_KINDS))
    )
    members = scope.members().aggregate(
        members=Count("pk", filter=Q(status__in=ACTIVE_STATUSES)),
        probationary=Count("pk", filter=Q(status="probationary")),
        probation_due=Count("pk", filter=probation_due_q(today)),
    )
    return {**orgs, **members}


def ancestors(org: Organization) -> list[Organization]:
    """The chain above ``org`` (one query), root first."""
    steps = [org.path[: i * org.steplen] for i in range(1, org.depth)]
    return list(Organization.objects.filter(path__in=steps).order_by("path")) if steps else []


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
