"""Build the rule sets' ``CampaignSnapshot`` from a campaign (issue 9, items 3–4). A read
module: never writes, never imports the services.

``build(campaign, overrides)`` reads the campaign's ratings, the disciplines decided in the
rating year, the leadership collective (committee memberships of the organization's term in
force at the end of the year) and the share of targets met at the frozen year-end checkpoint —
a fixed number of queries whatever the number of members. ``overrides`` ({rating id: level})
are the unsaved levels of the what-if preview: the snapshot then shows what the rules would say
if they were saved."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext

from dangbo.evaluations import rulesets
from dangbo.evaluations.models import Campaign, Rating
from dangbo.evaluations.rulesets.base import (
    CampaignSnapshot,
    CapBase,
    DisciplineFact,
    Level,
    Severity,
    Subject,
    SubjectKind,
    Violation,
)
from dangbo.members.models import Discipline
from dangbo.organizations.models import CommitteeMembership, Term
from dangbo.targets.queries import year_end_share

LEVELS = {lv.value for lv in Level}


def subject_key(rating: Rating) -> str:
    """``member:<member id>``, ``cell:<org id>``, ``collective:<org id>``,
    ``organization:<org id>``."""
    if rating.subject_kind == SubjectKind.MEMBER:
        return f"member:{rating.member_id}"
    return f"{rating.subject_kind}:{rating.organization_id}"


def subject_name(rating: Rating) -> str:
    if rating.subject_kind == SubjectKind.MEMBER and rating.member is not None:
        return str(rating.member.full_name)
    if rating.subject_kind == SubjectKind.COLLECTIVE:
        return gettext("Tập thể lãnh đạo %(org)s") % {"org": rating.organization.name}
    return str(rating.organization.name)


@dataclass
class Built:
    """The snapshot and what the pages need to show it: every rating by key (not-rated ones
    too, not in the snapshot) and each key's name."""

    snapshot: CampaignSnapshot
    ratings: dict[str, Rating] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    leaders: frozenset[int] = frozenset()


def campaign_ratings(campaign: Campaign) -> list[Rating]:
    """Every rating of the campaign with its member and organization (one query); members in
    Vietnamese name order after the organization's own subjects."""
    rows = list(
        Rating.objects.filter(campaign=campaign)
        .select_related("member", "organization", "proposed_by", "decided_by")
        .order_by("organization__path", "member__sort_key", "id")
    )
    for r in rows:
        r.campaign = campaign
    return rows


def leader_ids(campaign: Campaign) -> frozenset[int]:
    """Members of the leadership collective in the rating year: the committees of the
    organization's term in force at the end of the year (one query with a subquery)."""
    year_end = dt.date(campaign.year, 12, 31)
    year_start = dt.date(campaign.year, 1, 1)
    term = (
        Term.objects.filter(organization_id=campaign.organization_id, starts_on__lte=year_end)
        .order_by("-starts_on")
        .values("pk")[:1]
    )
    rows = CommitteeMembership.objects.filter(
        Q(starts_on__isnull=True) | Q(starts_on__lte=year_end),
        Q(ends_on__isnull=True) | Q(ends_on__gte=year_start),
        committee__term__in=term,
    ).values_list("member_id", flat=True)
    return frozenset(rows)


def disciplines_by_member(campaign: Campaign) -> dict[int, list[DisciplineFact]]:
    """The disciplines decided in the rating year of the campaign's members (one query)."""
    out: dict[int, list[DisciplineFact]] = defaultdict(list)
    rows = Discipline.objects.filter(
        member__ratings__campaign=campaign, decided_on__year=campaign.year
    ).values_list("member_id", "decided_on", "kind", "self_detected")
    for member_id, decided_on, kind, self_detected in rows:
        out[member_id].append(DisciplineFact(decided_on, kind, self_detected))
    return out


def _level(rating: Rating, overrides: Mapping[int, str]) -> Level | None:
    """The override (a decided rating is locked: never overridden), else decided, else
    proposed; a self-assessed level alone is not under check."""
    raw = rating.decided_level or overrides.get(rating.pk, rating.proposed_level)
    return Level(raw) if raw in LEVELS else None


def build(
    campaign: Campaign,
    overrides: Mapping[int, str] | None = None,
    ratings: list[Rating] | None = None,
) -> Built:
    """The snapshot of ``campaign`` (``ratings``: already fetched by ``campaign_ratings``)."""
    overrides = overrides or {}
    rows = campaign_ratings(campaign) if ratings is None else ratings
    disciplines = disciplines_by_member(campaign)
    leaders = leader_ids(campaign)
    share = year_end_share(campaign.organization, campaign.year)
    built = Built(snapshot=CampaignSnapshot(year=campaign.year, subjects=()), leaders=leaders)
    subjects: list[Subject] = []
    for r in rows:
        key = subject_key(r)
        built.ratings[key] = r
        built.names[key] = subject_name(r)
        if r.not_rated_reason:
            continue
        parent = ""
        if r.subject_kind == SubjectKind.MEMBER and r.organization_id != campaign.organization_id:
            parent = f"cell:{r.organization_id}"
        subjects.append(
            Subject(
                key=key,
                kind=SubjectKind(r.subject_kind),
                name=built.names[key],
                level=_level(r, overrides),
                parent=parent,
                disciplines=tuple(disciplines.get(r.member_id or 0, ())),
                sick_leave_days=r.sick_leave_days,
                leader=bool(r.member_id) and r.member_id in leaders,
                justification=r.justification,
                recognition=r.recognition,
            )
        )
    built.snapshot = CampaignSnapshot(
        year=campaign.year,
        subjects=tuple(subjects),
        cap_base=CapBase(campaign.cap_base),
        member_cap_exception=campaign.member_cap_exception,
        cell_cap_exception=campaign.cell_cap_exception,
        targets_met_share=share.share if share else None,
        key_targets_missed=share.key_missed if share else False,
    )
    return built


# ---- the rule set and what blocks finalizing ------------------------------------------------
# Cap violations a superior's recorded exception lifts (domain-rules decision 2), by the
# ``Violation.code`` of the rule sets; a rule set may also drop them itself once the snapshot
# carries the exception.
MEMBER_CAP_CODES = frozenset({"member_cap"})
CELL_CAP_CODES = frozenset({"cell_cap"})


def ruleset_for(year: int) -> Any:
    """The rule set of the rating year (``evaluations.rulesets.for_year``)."""
    return rulesets.for_year(year)


def excepted(violation: Violation, campaign: Campaign) -> bool:
    """A cap error lifted by the superior's recorded exception."""
    if violation.code in MEMBER_CAP_CODES:
        return bool(campaign.member_cap_exception)
    if violation.code in CELL_CAP_CODES:
        return bool(campaign.cell_cap_exception)
    return False


def blocks(violation: Violation, campaign: Campaign) -> bool:
    """Refuses finalizing: an error (unless an excepted cap error) or an unjustified warning
    (decision 3)."""
    if violation.severity == Severity.ERROR:
        return not excepted(violation, campaign)
    return not violation.justified


@dataclass
class ShownViolation:
    """A violation as the pages show it: the names of its subjects (those the reader may see)
    and whether it blocks finalizing."""

    violation: Violation
    names: list[str]
    blocking: bool
    excepted: bool

    @property
    def is_error(self) -> bool:
        return self.violation.severity == Severity.ERROR


def shown(
    violations: list[Violation], built: Built, campaign: Campaign, visible: set[str] | None = None
) -> list[ShownViolation]:
    """Violations for a page; ``visible`` limits them to those involving these subject keys
    (a cell's page) and their names to those keys. Errors first."""
    out = []
    for v in violations:
        keys = [k for k in v.subjects if visible is None or k in visible]
        if visible is not None and not keys and v.subjects:
            continue
        names = [built.names.get(k, k) for k in keys]
        out.append(ShownViolation(v, names, blocks(v, campaign), excepted(v, campaign)))
    out.sort(key=lambda s: (not s.is_error, not s.blocking))
    return out
