"""Reads of the discipline register (issue 9, item 8), on an organization the view fetched
through the scope (its subtree is readable)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from dangbo.accounts.scope import subtree_q
from dangbo.members.models import Discipline


def register(organization: Any, year: int | None = None) -> QuerySet[Discipline]:
    """The measures decided on members of ``organization``'s subtree, latest first."""
    qs = Discipline.objects.filter(subtree_q(organization.path, "member__organization__path"))
    if year:
        qs = qs.filter(decided_on__year=year)
    return qs.select_related("member", "member__organization").order_by(
        "-decided_on", "member__sort_key", "id"
    )


def of_member(member: Any) -> QuerySet[Discipline]:
    return Discipline.objects.filter(member=member).order_by("-decided_on", "id")
