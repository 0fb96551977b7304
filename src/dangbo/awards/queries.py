"""Reads of the awards app (issue 9, items 6 and 7): always on an organization the view fetched
through the scope (its subtree is readable), filtered by the organization's path; lists are
annotated querysets, never a loop of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import (
    Case,
    DateField,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)

from dangbo.accounts.scope import subtree_q
from dangbo.awards import rules
from dangbo.awards.models import Award, AwardProposal, BadgeAward
from dangbo.awards.summary import AwardItem
from dangbo.evaluations.models import Campaign, Rating
from dangbo.members.models import ACTIVE_STATUSES, Member


# ---- awards -------------------------------------------------------------------------------------
def awards(organization: Any, year: int | None = None) -> QuerySet[Award]:
    qs = Award.objects.filter(subtree_q(organization.path, "organization__path"))
    if year:
        qs = qs.filter(year=year)
    return qs.select_related("organization", "member", "department").order_by("-year", "kind", "id")


def award_years(organization: Any) -> list[int]:
    qs = Award.objects.filter(subtree_q(organization.path, "organization__path"))
    return sorted(set(qs.values_list("year", flat=True)), reverse=True)


def summary_items(qs: QuerySet[Award]) -> list[AwardItem]:
    """The rows of the summary sentence, one query (no model instances)."""
    rows = qs.order_by().values_list("kind", "issuer_level", "recipient_kind", "issuer_name")
    return [
        AwardItem(
            kind=k,
            issuer_level=lvl,
            collective=r != rules.RecipientKind.MEMBER.value,
            issuer_name=name,
        )  # fmt: skip
        for k, lvl, r, name in rows
    ]


# ---- proposals ----------------------------------------------------------------------------------
def proposals(organization: Any, year: int | None = None) -> QuerySet[AwardProposal]:
    qs = AwardProposal.objects.filter(subtree_q(organization.path, "organization__path"))
    if year:
        qs = qs.filter(year=year)
    return qs.select_related("organization", "member", "award").order_by(
        "-year", "status", "basis", "member__sort_key", "organization__path", "id"
    )


def latest_campaign_year(organization: Any) -> int | None:
    year: int | None = (
        Campaign.objects.filter(organization=organization)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return year


SUBJECT_BASIS = {
    "member": rules.ProposalBasis.MEMBER_EXCELLENT,
    "cell": rules.ProposalBasis.CELL_EXEMPLARY,
    "organization": rules.ProposalBasis.ORGANIZATION_EXEMPLARY,
}


@dataclass(frozen=True)
class Subject:
    """A rated subject of the organization's campaign and its decided level."""

    key: str  # "m<member id>" or "o<organization id>": the form's value
    basis: rules.ProposalBasis
    name: str
    decided_level: str
    member_id: int | None
    organization_id: int


def rated_subjects(organization: Any, year: int) -> list[Subject]:
    """The members, cells and the organization rated in ``organization``'s campaign of ``year``
    (one query), members in Vietnamese name order, then cells, then the organization."""
    rows = (
        Rating.objects.filter(
            campaign__organization=organization,
            campaign__year=year,
            subject_kind__in=list(SUBJECT_BASIS),
        )  # fmt: skip
        .select_related("member", "organization")
        .order_by("subject_kind", "member__sort_key", "organization__path", "id")
    )
    out = []
    for r in rows:
        member_id: int | None = r.member.pk if r.member else None
        key = f"m{member_id}" if member_id else f"o{r.organization.pk}"
        name = r.member.full_name if r.member else r.organization.name
        basis = SUBJECT_BASIS[r.subject_kind]
        out.append(Subject(key, basis, name, r.decided_level, member_id, r.organization.pk))
    order = list(SUBJECT_BASIS.values())
    return sorted(out, key=lambda s: order.index(s.basis))


def eligible_subjects(organization: Any, year: int) -> list[Subject]:
    """The subjects a proposal may name (``rules.is_eligible`` on the decided level), less those
    already proposed for the same basis and year."""
    rows = AwardProposal.objects.filter(
        subtree_q(organization.path, "organization__path"), year=year
    ).values_list("basis", "member_id", "organization_id")
    taken = {(b, f"m{m}" if m else f"o{o}") for b, m, o in rows}
    return [
        s
        for s in rated_subjects(organization, year)
        if rules.is_eligible(s.decided_level) and (s.basis.value, s.key) not in taken
    ]


def decided_level(organization: Any, year: int, subject_key: str) -> str | None:
    """The decided level of one subject of the campaign (the service's authoritative read)."""
    qs = Rating.objects.filter(campaign__organization=organization, campaign__year=year)
    if subject_key.startswith("m"):
        qs = qs.filter(subject_kind="member", member_id=int(subject_key[1:]))
    else:
        qs = qs.filter(member__isnull=True, organization_id=int(subject_key[1:]),
                       subject_kind__in=["cell", "organization"])  # fmt: skip
    level: str | None = qs.values_list("decided_level", flat=True).first()
    return level


# ---- badges -------------------------------------------------------------------------------------
def upcoming_badges(organization: Any, year: int) -> QuerySet[Member]:
    """Active members of ``organization``'s subtree whose Party age reaches a milestone in time
    for a presentation date of ``year`` and who have not received that badge: filtered in SQL by
    the admission-date ranges of ``rules.upcoming_slots`` (12 milestones × 4 dates), annotated
    with the milestone and the presentation date, sorted by date then Vietnamese name."""
    slots = rules.upcoming_slots(year)
    in_range = [Q(admitted_on__range=(s.low, s.high)) for s in slots]
    milestone = Case(
        *(When(admitted_on__range=(s.low, s.high), then=Value(s.years)) for s in slots),
        output_field=IntegerField(),
    )
    presented = Case(
        *(When(admitted_on__range=(s.low, s.high), then=Value(s.presented_on)) for s in slots),
        output_field=DateField(),
    )
    given = BadgeAward.objects.filter(member=OuterRef("pk"), milestone=OuterRef("badge_years"))
    return (
        Member.objects.filter(subtree_q(organization.path, "organization__path"))
        .filter(status__in=ACTIVE_STATUSES)
        .filter(reduce(or_, in_range))
        .annotate(badge_years=milestone, badge_on=presented)
        .exclude(Exists(given))
        .select_related("organization")
        .order_by("badge_on", "sort_key", "id")
    )


def badge_register(organization: Any) -> QuerySet[BadgeAward]:
    return (
        BadgeAward.objects.filter(subtree_q(organization.path, "member__organization__path"))
        .select_related("member", "member__organization")
        .order_by("-presented_on", "member__sort_key", "id")
    )


def next_milestone(member: Any, today: dt.date) -> int | None:
    """The first milestone not yet given to ``member`` reached within the last year or later
    (the badge form's default)."""
    given = set(BadgeAward.objects.filter(member=member).values_list("milestone", flat=True))
    since = today - dt.timedelta(days=366)
    for years in rules.BADGE_MILESTONES:
        if years not in given and rules.anniversary(member.admitted_on, years) >= since:
            return years
    return None
