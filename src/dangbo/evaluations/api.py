"""Evaluations API (issue 9, item 10): campaigns, ratings (read; propose and decide with
permissions), violations and statistics, scoped like the pages.

A campaign is fetched by id and shown only to readers of its organization
(``permissions.can_view_campaign``; 404 otherwise); its ratings to readers of the organization
or of a part of it (a cell's secretary gets her cell's ratings). Writes go through the services
of the pages: ``services.rating_propose`` (step 2, one subject) and ``services.campaign_finalize``
(step 3, the committee decides): 403 when the caller may not, 409 when the ``version`` read is
stale (somebody saved in between), 422 with field → messages otherwise (for finalizing: the
violations that still block it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from dangbo.accounts.scope import Scope, scope_for, subtree_q
from dangbo.core.pagination import page_number
from dangbo.evaluations import permissions, services, snapshot, stats_queries
from dangbo.evaluations.models import (
    Campaign,
    CampaignStatus,
    NotRatedChoice,
    Rating,
    SubjectKindChoice,
)
from dangbo.evaluations.summary import LevelCounts, StatRow, cumulative_rows, exclusive_rows
from dangbo.evaluations.xlsx import row_label
from dangbo.organizations.models import Organization

router = Router(tags=["evaluations"])

PAGE_SIZE = 100


# ---- schemas ----------------------------------------------------------------------------------
class CampaignOut(Schema):
    id: int
    version: int
    organization_id: int
    organization_name: str
    year: int
    status: str
    status_label: str
    self_assessment_due: dt.date | None
    proposal_due: dt.date | None
    decision_due: dt.date | None
    cap_base: str
    member_cap_exception: str
    cell_cap_exception: str
    finalized_at: dt.datetime | None
    can_finalize: bool
    statistics_url: str


class CampaignPage(Schema):
    items: list[CampaignOut]
    count: int


class RatingOut(Schema):
    """``level``: the level in force (decided, else proposed, else self-assessed)."""

    id: int
    version: int
    campaign_id: int
    subject_kind: str
    subject_kind_label: str
    member_id: int | None
    organization_id: int
    name: str
    not_rated_reason: str
    not_rated_label: str
    self_level: str
    proposed_level: str
    proposed_at: dt.datetime | None
    decided_level: str
    decided_at: dt.datetime | None
    previous_level: str
    rerate_reason: str
    level: str
    recognition: bool
    sick_leave_days: int
    can_propose: bool


class RatingPage(Schema):
    items: list[RatingOut]
    count: int


class ViolationOut(Schema):
    """A broken rule of the year's rule set; ``subjects`` are subject keys ("member:12",
    "cell:5" …) and ``names`` their names; ``blocking``: refuses finalizing."""

    code: str
    severity: str
    message: str
    citation: str
    subjects: list[str]
    names: list[str]
    blocking: bool
    excepted: bool
    justified: bool
    carried_over: bool


class ViolationsOut(Schema):
    campaign_id: int
    ruleset: str
    items: list[ViolationOut]


class StatRowOut(Schema):
    """``percent``: the exact share of those rated, in percent (``null``: nobody rated);
    ``percent_text``: as the page writes it ("19,5%")."""

    key: str
    label: str
    count: int
    percent: float | None
    percent_text: str


class CountsOut(Schema):
    excellent: int
    good: int
    completed: int
    not_completed: int
    rated: int
    not_rated: int
    pending: int
    good_or_above: int
    completed_or_above: int
    exclusive: list[StatRowOut]
    cumulative: list[StatRowOut]


class CellStatsOut(Schema):
    organization_id: int
    name: str
    level: str
    members: CountsOut


class RecognitionOut(Schema):
    rating_id: int
    subject_kind: str
    name: str
    organization_name: str


class StatisticsOut(Schema):
    """``provisional``: an open campaign, counted from the decided else the proposed levels."""

    campaign_id: int
    year: int
    provisional: bool
    sentence: str
    cells: CountsOut
    members: CountsOut
    collective_level: str
    organization_level: str
    by_cell: list[CellStatsOut]
    recognitions: list[RecognitionOut]


class CampaignLineOut(Schema):
    campaign_id: int
    organization_name: str
    status: str
    collective_level: str
    cells: CountsOut
    members: CountsOut


class SubtreeStatisticsOut(Schema):
    """Decided levels only, every campaign of ``year`` below the organization."""

    organization_id: int
    year: int
    sentence: str
    cells: CountsOut
    members: CountsOut
    campaigns: list[CampaignLineOut]
    recognitions: list[RecognitionOut]
    recognitions_total: int


class ProposalIn(Schema):
    """The level proposed (htxsnv, httnv, htnv, khtnv) and the rating's ``version`` as read;
    the facts left out keep their value."""

    version: int
    level: str
    note: str | None = None
    sick_leave_days: int | None = None
    justification: str | None = None
    recognition: bool | None = None


class FinalizeIn(Schema):
    version: int


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]


# ---- helpers ----------------------------------------------------------------------------------
def _campaign(request: HttpRequest, pk: int) -> Campaign:
    campaign: Campaign = get_object_or_404(Campaign.objects.select_related("organization"), pk=pk)
    if not permissions.can_view_campaign(scope_for(request.user), campaign):
        raise Http404
    return campaign


def _campaign_out(scope: Scope, c: Campaign) -> CampaignOut:
    return CampaignOut(
        id=c.pk, version=c.version, organization_id=c.organization.pk,
        organization_name=c.organization.name, year=c.year, status=c.status,
        status_label=str(CampaignStatus(c.status).label),
        self_assessment_due=c.self_assessment_due, proposal_due=c.proposal_due,
        decision_due=c.decision_due, cap_base=c.cap_base,
        member_cap_exception=c.member_cap_exception, cell_cap_exception=c.cell_cap_exception,
        finalized_at=c.finalized_at, can_finalize=permissions.can_finalize(scope, c),
        statistics_url=reverse("evaluations:stats", args=[c.pk]),
    )  # fmt: skip


def _rating_out(scope: Scope, r: Rating, campaign: Campaign) -> RatingOut:
    name = r.member.full_name if r.member is not None else r.organization.name
    return RatingOut(
        id=r.pk, version=r.version, campaign_id=campaign.pk, subject_kind=r.subject_kind,
        subject_kind_label=str(SubjectKindChoice(r.subject_kind).label),
        member_id=r.member.pk if r.member is not None else None,
        organization_id=r.organization.pk, name=name, not_rated_reason=r.not_rated_reason,
        not_rated_label=(
            str(NotRatedChoice(r.not_rated_reason).label) if r.not_rated_reason else ""
        ),
        self_level=r.self_level, proposed_level=r.proposed_level, proposed_at=r.proposed_at,
        decided_level=r.decided_level, decided_at=r.decided_at,
        previous_level=r.previous_level, rerate_reason=r.rerate_reason, level=r.level,
        recognition=r.recognition, sick_leave_days=r.sick_leave_days,
        can_propose=permissions.can_propose(scope, r, campaign),
    )  # fmt: skip


def _row(row: StatRow) -> StatRowOut:
    pct = row.percent
    return StatRowOut(
        key=row.key, label=row_label(row), count=row.count,
        percent=None if pct is None else float(pct), percent_text=row.percent_text,
    )  # fmt: skip


def _counts(c: LevelCounts) -> CountsOut:
    return CountsOut(
        excellent=c.excellent, good=c.good, completed=c.completed,
        not_completed=c.not_completed, rated=c.rated, not_rated=c.not_rated, pending=c.pending,
        good_or_above=c.good_or_above, completed_or_above=c.completed_or_above,
        exclusive=[_row(r) for r in exclusive_rows(c)],
        cumulative=[_row(r) for r in cumulative_rows(c)],
    )  # fmt: skip


def _recognition(r: Rating) -> RecognitionOut:
    return RecognitionOut(
        rating_id=r.pk, subject_kind=r.subject_kind,
        name=r.member.full_name if r.member is not None else r.organization.name,
        organization_name=r.organization.name,
    )  # fmt: skip


def _unprocessable(exc: ValidationError) -> Status[ValidationErrorOut]:
    errors = {k: [str(m) for m in ms] for k, ms in exc.message_dict.items()}
    detail = "; ".join(m for ms in errors.values() for m in ms)
    return Status(422, ValidationErrorOut(detail=detail, errors=errors))


def _write_error(exc: ValidationError) -> Status[Any]:
    """A stale ``version`` is a conflict (409); anything else 422."""
    errors = exc.message_dict
    if set(errors) == {"version"}:
        return Status(409, ErrorOut(detail=" ".join(errors["version"])))
    return _unprocessable(exc)


# ---- campaigns --------------------------------------------------------------------------------
@router.get("/campaigns", response=CampaignPage)
def list_campaigns(
    request: HttpRequest, organization_id: int | None = None, year: int | None = None,
    page: int = 1,
) -> CampaignPage:  # fmt: skip
    """Campaigns of the organizations the caller reads, newest year first, 100 a page;
    ``organization_id`` limits them to that organization's subtree (404 if she does not read
    it)."""
    scope = scope_for(request.user)
    qs = Campaign.objects.filter(organization__in=scope.orgs()).select_related("organization")
    if organization_id is not None:
        org = get_object_or_404(scope.orgs(), pk=organization_id)
        qs = qs.filter(subtree_q(org.path, "organization__path"))
    if year:
        qs = qs.filter(year=year)
    qs = qs.order_by("-year", "organization__path", "id")
    start = (page_number(page) - 1) * PAGE_SIZE
    items = [_campaign_out(scope, c) for c in qs[start : start + PAGE_SIZE]]
    return CampaignPage(items=items, count=qs.count())


@router.get("/campaigns/{campaign_id}", response=CampaignOut)
def get_campaign(request: HttpRequest, campaign_id: int) -> CampaignOut:
    """One campaign (404 for whoever does not read its organization)."""
    return _campaign_out(scope_for(request.user), _campaign(request, campaign_id))


@router.get("/campaigns/{campaign_id}/ratings", response=RatingPage)
def list_ratings(
    request: HttpRequest, campaign_id: int, subject_kind: str = "",
    organization_id: int | None = None, page: int = 1,
) -> RatingPage:  # fmt: skip
    """The ratings of a campaign the caller may read (a cell's secretary: her cell's), in tree
    order then Vietnamese name order, 100 a page; ``subject_kind`` (member, cell, collective,
    organization) and ``organization_id`` (a cell: its members) filter them."""
    scope = scope_for(request.user)
    campaign: Campaign = get_object_or_404(
        Campaign.objects.select_related("organization"), pk=campaign_id
    )
    if not permissions.can_list_ratings(scope, campaign):
        raise Http404
    qs: QuerySet[Rating] = Rating.objects.filter(campaign=campaign)
    if not scope.is_admin:
        visible = Q(pk__in=[])
        for path in scope.read_paths:
            visible |= subtree_q(path, "organization__path")
        qs = qs.filter(visible)
    if subject_kind:
        if subject_kind not in SubjectKindChoice.values:
            raise HttpError(422, gettext("Loại đối tượng “%(kind)s” không có.") % {
                "kind": subject_kind})  # fmt: skip
        qs = qs.filter(subject_kind=subject_kind)
    if organization_id is not None:
        qs = qs.filter(organization_id=organization_id)
    qs = qs.select_related("member", "organization").order_by(
        "organization__path", "subject_kind", "member__sort_key", "id"
    )
    start = (page_number(page) - 1) * PAGE_SIZE
    items = [_rating_out(scope, r, campaign) for r in qs[start : start + PAGE_SIZE]]
    return RatingPage(items=items, count=qs.count())


@router.get("/campaigns/{campaign_id}/violations", response=ViolationsOut)
def list_violations(request: HttpRequest, campaign_id: int) -> ViolationsOut:
    """What the year's rule set says of the campaign's current levels (decided, else proposed),
    errors first, with whether each blocks finalizing."""
    campaign = _campaign(request, campaign_id)
    built = snapshot.build(campaign)
    rule_set = snapshot.ruleset_for(campaign.year)
    shown = snapshot.shown(rule_set.check(built.snapshot), built, campaign)
    return ViolationsOut(
        campaign_id=campaign.pk,
        ruleset=str(rule_set.info.name),
        items=[
            ViolationOut(
                code=s.violation.code,
                severity=str(s.violation.severity),
                message=s.violation.message,
                citation=s.violation.citation,
                subjects=list(s.violation.subjects),
                names=s.names,
                blocking=s.blocking,
                excepted=s.excepted,
                justified=s.violation.justified,
                carried_over=s.violation.carried_over,
            )  # fmt: skip
            for s in shown
        ],
    )


@router.get("/campaigns/{campaign_id}/statistics", response=StatisticsOut)
def campaign_statistics(request: HttpRequest, campaign_id: int) -> StatisticsOut:
    """The figures of the statistics page: counts and shares by level (exclusive and
    cumulative) of the cells and the members, per cell, the sentence and the recognitions."""
    campaign = _campaign(request, campaign_id)
    stats = stats_queries.campaign_stats(campaign)
    return StatisticsOut(
        campaign_id=campaign.pk, year=campaign.year, provisional=stats.provisional,
        sentence=stats.sentence, cells=_counts(stats.cell_counts),
        members=_counts(stats.member_counts), collective_level=stats.collective_level,
        organization_level=stats.organization_level,
        by_cell=[
            CellStatsOut(organization_id=c.organization_id, name=c.name, level=c.level,
                         members=_counts(c.members))
            for c in stats.cells
        ],
        recognitions=[_recognition(r) for r in stats.recognitions],
    )  # fmt: skip


@router.get("/organizations/{org_id}/rating-statistics", response=SubtreeStatisticsOut)
def subtree_statistics(request: HttpRequest, org_id: int, year: int) -> SubtreeStatisticsOut:
    """A superior's roll-up: every campaign of ``year`` below the organization (decided levels
    only), per grassroots organization and in total (404 if the caller does not read it)."""
    scope = scope_for(request.user)
    org: Organization = get_object_or_404(scope.orgs(), pk=org_id)
    if not permissions.can_view_subtree_statistics(scope, org):
        raise Http404
    stats = stats_queries.subtree_stats(org, year)
    return SubtreeStatisticsOut(
        organization_id=org.pk, year=year, sentence=stats.sentence,
        cells=_counts(stats.cell_counts), members=_counts(stats.member_counts),
        campaigns=[
            CampaignLineOut(campaign_id=ln.campaign_id, organization_name=ln.name,
                            status=ln.status, collective_level=ln.collective_level,
                            cells=_counts(ln.cells), members=_counts(ln.members))
            for ln in stats.lines
        ],
        recognitions=[_recognition(r) for r in stats.recognitions],
        recognitions_total=stats.recognitions_total,
    )  # fmt: skip


# ---- writes -----------------------------------------------------------------------------------
@router.post(
    "/ratings/{rating_id}/proposal",
    response={200: RatingOut, 403: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut},
)
def propose(request: HttpRequest, rating_id: int, payload: ProposalIn):  # type: ignore[no-untyped-def]
    """Step 2: propose one subject's level (a cell's secretary for her members, the office for
    any subject of its campaign). 404 outside the caller's reading, 403 when she may not
    propose (read-only, decided and locked, not rated), 409 stale ``version``, 422 a wrong
    level."""
    scope = scope_for(request.user)
    rating: Rating = get_object_or_404(
        Rating.objects.select_related("organization", "member", "campaign__organization"),
        pk=rating_id,
    )
    if not permissions.can_view_rating(scope, rating):
        raise Http404
    if permissions.can_propose(scope, rating, rating.campaign) and (
        rating.version != payload.version
    ):
        what = gettext("Xếp loại của %(name)s") % {"name": snapshot.subject_name(rating)}
        return Status(409, ErrorOut(detail=services.stale_message(rating, what)))
    facts = {
        k: v for k, v in payload.dict().items() if k not in ("version", "level") and v is not None
    }
    try:
        rating = services.rating_propose(
            actor=request.user, rating_id=rating.pk, version=payload.version,
            level=payload.level, **facts,
        )  # fmt: skip
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or gettext("Bạn chỉ được xem xếp loại này.")) from exc
    except ValidationError as exc:
        return _write_error(exc)
    rating = Rating.objects.select_related("organization", "member", "campaign__organization").get(
        pk=rating.pk
    )
    return _rating_out(scope, rating, rating.campaign)


@router.post(
    "/campaigns/{campaign_id}/finalize",
    response={200: CampaignOut, 403: ErrorOut, 409: ErrorOut, 422: ValidationErrorOut},
)
def finalize(request: HttpRequest, campaign_id: int, payload: FinalizeIn):  # type: ignore[no-untyped-def]
    """Step 3: the committee decides every rated subject (proposed → decided). 403 for whoever
    may not (only the office of the organization, while the campaign is open), 409 stale
    ``version``, 422 with what still blocks it (subjects without a proposal, errors of the rule
    set without a recorded exception, unjustified warnings)."""
    campaign = _campaign(request, campaign_id)
    try:
        campaign = services.campaign_finalize(
            actor=request.user, campaign_id=campaign.pk, version=payload.version
        )
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or gettext("Bạn chỉ được xem đợt đánh giá này.")) from exc
    except ValidationError as exc:
        return _write_error(exc)
    return _campaign_out(scope_for(request.user), _campaign(request, campaign.pk))
