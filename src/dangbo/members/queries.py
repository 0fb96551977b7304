"""Reads for member pages and the API, always scoped to what the actor may see — including
the member figures of organization pages (subtree counts, probation due), which the tree
itself does not know (issue 7, item 8)."""

from __future__ import annotations

import datetime as dt
import os
from bisect import bisect_left
from collections.abc import Sequence
from functools import reduce
from itertools import accumulate
from operator import or_
from typing import Any

from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Concat

from dangbo.accounts.scope import Scope, scope_for, subtree_q
from dangbo.core.text import fold
from dangbo.members import rules as member_rules
from dangbo.members.models import ACTIVE_STATUSES, Member
from dangbo.organizations.models import Organization

LIST_FIELDS = (
    "id", "full_name", "gender", "date_of_birth", "card_number", "admitted_on", "full_on",
    "status", "job_title", "professional_title", "military_rank", "organization_id",
    "organization__name", "organization__is_military", "department__name",
)  # fmt: skip


def _list_qs(qs: QuerySet[Member]) -> QuerySet[Member]:
    return qs.select_related("organization", "department").only(*LIST_FIELDS)


def cell_members(
    actor: Any, organization: Any, *, include_inactive: bool = False
) -> QuerySet[Member]:
    """Members of an organization's subtree, Vietnamese name order (given name first)."""
    qs = scope_for(actor).members().filter(subtree_q(organization.path, "organization__path"))
    if not include_inactive:
        qs = qs.filter(status__in=ACTIVE_STATUSES)
    return _list_qs(qs).order_by("sort_key", "id")


def search(actor: Any, text: str, base: QuerySet[Member] | None = None) -> QuerySet[Member]:
    """Diacritic- and case-blind search over names, card numbers and departments."""
    needle = fold(text).strip()
    qs = scope_for(actor).members(base)
    if not needle:
        return qs.none()
    words = needle.split()
    cond = Q()
    for word in words:
        cond &= (
            Q(name_folded__contains=word)
            | Q(department__name_folded__contains=word)
            | Q(organization__name_folded__contains=word)
        )
    digits = needle.replace(" ", "")
    if digits.isdigit():
        cond |= number_q(scope_for(actor), digits)
    return _list_qs(qs.filter(cond)).order_by("sort_key", "id")


def number_q(scope: Scope, digits: str) -> Q:
    """Members found by a card number or citizen ID typed in a search box: by the full number,
    and by its first digits only among the members the actor may edit — the SQL form of
    ``permissions.can_match_number_prefix``. A prefix search over masked numbers would reveal
    them a digit at a time (issue 7: 32 searches, nothing logged)."""
    exact = Q(card_number=digits) | Q(citizen_id=digits)
    prefix = Q(card_number__startswith=digits) | Q(citizen_id__startswith=digits)
    if scope.is_admin:
        return exact | prefix
    if not scope.write_paths:
        return exact
    writable = reduce(or_, (subtree_q(p, "organization__path") for p in scope.write_paths))
    return exact | (prefix & writable)


def probation_due(
    actor: Any, today: dt.date, within_days: int = member_rules.PROBATION_DUE_DAYS
) -> QuerySet[Member]:
    """Probationary members whose 12 months end within ``within_days`` (or are overdue)."""
    qs = scope_for(actor).members().filter(probation_due_q(today, within_days))
    return _list_qs(qs).order_by("admitted_on", "sort_key")


def probation_due_q(today: dt.date, within_days: int = member_rules.PROBATION_DUE_DAYS) -> Q:
    """The SQL form of ``rules.probation_due`` (its window: ``rules.admitted_window_for_due``)."""
    latest_admission = member_rules.admitted_window_for_due(today, within_days)
    return Q(status="probationary", admitted_on__lte=latest_admission)


# Member list filters and sorts (issue 7, item 2): the search page and the export share them.
SORTS = {
    "ten": ("sort_key", "id"),
    "vao-dang": ("admitted_on", "sort_key", "id"),
    "tuoi": ("-date_of_birth", "sort_key", "id"),
}


def filter_members(
    qs: QuerySet[Member], filters: dict[str, Any], today: dt.date
) -> QuerySet[Member]:
    """``filters`` as ``forms.MemberFilterForm`` cleans them: status, gender, department,
    admission year, age band (``rules.AGE_BANDS``), sort (``SORTS``)."""
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("gender"):
        qs = qs.filter(gender=filters["gender"])
    if filters.get("department"):
        qs = qs.filter(department=filters["department"])
    if filters.get("year"):
        qs = qs.filter(admitted_on__year=filters["year"])
    if filters.get("age"):
        born_after, born_by = member_rules.birth_range(filters["age"], today)
        if born_after is not None:
            qs = qs.filter(date_of_birth__gt=born_after)
        if born_by is not None:
            qs = qs.filter(date_of_birth__lte=born_by)
    return qs.order_by(*SORTS.get(filters.get("sort") or "ten", SORTS["ten"]))


# ---- member figures of organization pages ------------------------------------------------
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


def member_counts(actor: Any, today: dt.date) -> dict[str, int]:
    """The home page's member figures, one query over the members of the actor's scope: active
    and probationary members, and those whose probation ends within 60 days (the rule of
    ``probation_due``). The organizations' figures: ``organizations.queries.counts``."""
    members = scope_for(actor).members()
    return members.aggregate(
        members=Count("pk", filter=Q(status__in=ACTIVE_STATUSES)),
        probationary=Count("pk", filter=Q(status="probationary")),
        probation_due=Count("pk", filter=probation_due_q(today)),
    )
