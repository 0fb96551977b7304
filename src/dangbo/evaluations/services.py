"""Use cases of the rating workflow (issue 9, items 1, 2 and 4), named ``<entity>_<action>``.

Each takes keyword arguments and an ``actor``, asks ``evaluations.permissions``, runs in one
transaction and leaves history (django-simple-history: who and when; the bulk helpers for many
ratings). Every change checks the ``version`` the form read: a stale one is refused with who
saved in between and when (two officers never silently overwrite each other). A decided rating
is locked; only the superior committee cancels and re-rates it, keeping the old level.

No rule is computed here: the year's rule set says who is not rated and which violations there
are (``snapshot.ruleset_for``); ``snapshot.blocks`` says which of them refuse finalizing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from simple_history.utils import (  # type: ignore[import-untyped]
    bulk_create_with_history,
    bulk_update_with_history,
)

from dangbo.accounts.scope import scope_for, subtree_q
from dangbo.evaluations import permissions, snapshot
from dangbo.evaluations.models import Campaign, CampaignStatus, LevelChoice, Rating
from dangbo.evaluations.rulesets.base import CapBase, MemberFacts, SubjectKind
from dangbo.members.models import ACTIVE_STATUSES, Member
from dangbo.organizations.models import CELL_KINDS, Organization

LEVELS = frozenset(LevelChoice.values)


# ---- messages ---------------------------------------------------------------------------------
def locked_message() -> str:
    return gettext(
        "Xếp loại này đã được cấp ủy quyết định nên không sửa được nữa; chỉ cấp ủy cấp trên "
        "mới hủy và xếp loại lại (kèm lý do)."
    )


def _who_when(obj: Any) -> tuple[str, str]:
    last = obj.history.select_related("history_user").order_by("-history_date").first()
    user = getattr(last, "history_user", None)
    who = (user.get_full_name() or user.username) if user is not None else gettext("người khác")
    at = timezone.localtime(last.history_date) if last is not None else timezone.localtime()
    return who, f"{date_format(at, 'SHORT_DATE_FORMAT')} {at:%H:%M}"


def stale_message(obj: Any, what: str) -> str:
    who, when = _who_when(obj)
    return gettext(
        "%(what)s vừa được %(who)s sửa lúc %(when)s; tải lại trang để xem bản mới rồi "
        "làm lại thay đổi của bạn."
    ) % {"what": what, "who": who, "when": when}


def _rating_label(rating: Rating) -> str:
    return gettext("Xếp loại của %(name)s") % {"name": snapshot.subject_name(rating)}


def _level_error(level: str) -> str | None:
    if level and level not in LEVELS:
        return gettext("Mức xếp loại “%(level)s” không có; chọn một trong bốn mức.") % {
            "level": level
        }
    return None


# ---- opening a campaign -----------------------------------------------------------------------
def _member_reason(rs: Any, member: Member, year: int) -> str:
    year_end = dt.date(year, 12, 31)
    facts = MemberFacts(
        admitted_on=member.admitted_on,
        exempt=member.exempt_since is not None and member.exempt_since <= year_end,
        suspended=member.suspended_since is not None and member.suspended_since <= year_end,
    )
    reason = rs.not_rated_reason(facts, year)
    return str(reason.value) if reason is not None else ""


def _cell_reason(rs: Any, cell: Organization, year: int) -> str:
    """An organization founded less than 6 months before the end of the year is not rated
    (HD 21), when the year's rule set says so."""
    if cell.founded_on is None:
        return ""
    reason = rs.organization_not_rated_reason(cell.founded_on, year)
    return str(reason.value) if reason is not None else ""


def _subjects(rs: Any, campaign: Campaign) -> list[Rating]:
    org, year = campaign.organization, campaign.year
    members = Member.objects.filter(  # members of the year: not those admitted after it
        subtree_q(org.path, "organization__path"),
        status__in=ACTIVE_STATUSES,
        admitted_on__lte=dt.date(year, 12, 31),
    ).only("id", "organization_id", "admitted_on", "exempt_since", "suspended_since")
    cells = Organization.objects.filter(subtree_q(org.path), kind__in=CELL_KINDS).exclude(
        Q(pk=org.pk) | Q(dissolved_on__lt=dt.date(year, 1, 1))
    )
    rows = [
        Rating(campaign=campaign, subject_kind=SubjectKind.ORGANIZATION, organization=org),
        Rating(campaign=campaign, subject_kind=SubjectKind.COLLECTIVE, organization=org),
    ]
    rows += [
        Rating(campaign=campaign, subject_kind=SubjectKind.CELL, organization=c,
               not_rated_reason=_cell_reason(rs, c, year))
        for c in cells
    ]  # fmt: skip
    rows += [
        Rating(campaign=campaign, subject_kind=SubjectKind.MEMBER, member=m,
               organization_id=m.organization_id, not_rated_reason=_member_reason(rs, m, year))
        for m in members
    ]  # fmt: skip
    return rows


@transaction.atomic
def campaign_open(
    *,
    actor: Any,
    organization: Organization,
    year: int,
    self_assessment_due: dt.date | None = None,
    proposal_due: dt.date | None = None,
    decision_due: dt.date | None = None,
    cap_base: str = CapBase.GOOD_OR_ABOVE.value,
) -> Campaign:
    """Open the campaign of ``organization`` for ``year``: a rating for every active member of
    the subtree (with the rule set's reason when she is not rated), every cell, the leadership
    collective and the organization itself (item 1)."""
    if not permissions.can_open_campaign(scope_for(actor), organization):
        raise PermissionDenied(gettext("Chỉ Văn phòng Đảng ủy cơ sở mới mở đợt đánh giá."))
    errors: dict[str, list[str]] = {}
    if Campaign.objects.filter(organization=organization, year=year).exists():
        errors["year"] = [
            gettext("%(org)s đã có đợt đánh giá năm %(year)s; mở đợt đó thay vì tạo mới.")
            % {"org": organization.name, "year": year}
        ]
    dues = [d for d in (self_assessment_due, proposal_due, decision_due) if d is not None]
    if dues != sorted(dues):
        errors["proposal_due"] = [
            gettext("Các hạn phải theo thứ tự: tự đánh giá, rồi chi bộ đề xuất, rồi cấp ủy "
                    "quyết định; sửa lại ngày.")
        ]  # fmt: skip
    try:
        rs = snapshot.ruleset_for(year)
    except LookupError:
        errors["year"] = [
            gettext("Chưa có bộ quy tắc đánh giá, xếp loại cho năm %(year)s (áp dụng từ năm "
                    "2018); chọn năm khác.") % {"year": year}
        ]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    campaign = Campaign(
        organization=organization, year=year, self_assessment_due=self_assessment_due,
        proposal_due=proposal_due, decision_due=decision_due, cap_base=cap_base, opened_by=actor,
    )  # fmt: skip
    campaign._history_user = actor  # type: ignore[attr-defined]
    campaign.save()
    bulk_create_with_history(_subjects(rs, campaign), Rating, default_user=actor)
    return campaign


# ---- the three steps --------------------------------------------------------------------------
def _rating_locked(rating_id: int) -> Rating:
    rating: Rating = (
        Rating.objects.select_for_update(of=("self",))
        .select_related("campaign__organization", "organization", "member")
        .get(pk=rating_id)
    )
    return rating


def _check_version(rating: Rating, version: int) -> None:
    if rating.version != version:
        raise ValidationError({"version": [stale_message(rating, _rating_label(rating))]})


def _save(obj: Any, actor: Any, fields: list[str], reason: str = "") -> None:
    obj.version += 1
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.save(update_fields=[*fields, "version"])


@transaction.atomic
def rating_self_assess(
    *, actor: Any, rating_id: int, version: int, level: str, strengths: str, shortcomings: str
) -> Rating:
    """Step 1: the member's own form (strengths, shortcomings, proposed level)."""
    rating = _rating_locked(rating_id)
    if not permissions.can_self_assess(scope_for(actor), rating, rating.campaign):
        if permissions.is_decided(rating):
            raise PermissionDenied(locked_message())
        raise PermissionDenied(gettext("Chỉ chính đảng viên mới tự đánh giá được."))
    _check_version(rating, version)
    errors = {}
    if not level:
        errors["level"] = [gettext("Chọn mức tự xếp loại.")]
    elif (problem := _level_error(level)) is not None:
        errors["level"] = [problem]
    if not strengths.strip():
        errors["strengths"] = [gettext("Ghi ưu điểm của bạn trong năm.")]
    if errors:
        raise ValidationError(errors)
    rating.self_level, rating.strengths, rating.shortcomings = level, strengths, shortcomings
    rating.self_by, rating.self_at = actor, timezone.now()
    _save(rating, actor, ["self_level", "strengths", "shortcomings", "self_by", "self_at"])
    return rating


@dataclass(frozen=True)
class Proposal:
    """One row of the proposal page: the level the cell (or the office) proposes, with the
    facts the rules read; ``None`` leaves a fact as it is."""

    rating_id: int
    version: int
    level: str
    note: str | None = None
    sick_leave_days: int | None = None
    justification: str | None = None
    recognition: bool | None = None


PROPOSAL_FIELDS = ("note", "sick_leave_days", "justification", "recognition")
STORED = {"note": "proposal_note"}


def _changes(rating: Rating, row: Proposal) -> dict[str, Any]:
    changed: dict[str, Any] = {}
    if row.level != rating.proposed_level:
        changed["proposed_level"] = row.level
    for name in PROPOSAL_FIELDS:
        value = getattr(row, name)
        field = STORED.get(name, name)
        if value is not None and value != getattr(rating, field):
            changed[field] = value
    return changed


def _propose_errors(scope: Any, rating: Rating, row: Proposal) -> list[str]:
    if not permissions.can_propose(scope, rating, rating.campaign):
        if permissions.is_decided(rating):
            return [locked_message()]
        if rating.not_rated_reason:
            return [gettext("%(name)s không xếp loại năm nay (%(reason)s).") % {
                "name": snapshot.subject_name(rating),
                "reason": rating.get_not_rated_reason_display()}]  # fmt: skip
        return [gettext("Bạn không được đề xuất mức xếp loại của %(name)s.")
                % {"name": snapshot.subject_name(rating)}]  # fmt: skip
    if rating.version != row.version:
        return [stale_message(rating, _rating_label(rating))]
    problem = _level_error(row.level)
    return [problem] if problem else []


def _proposed(ratings: Iterable[Rating], rows: dict[int, Proposal], actor: Any) -> list[str]:
    """Apply the changed rows; the fields written."""
    now, fields = timezone.now(), {"proposed_by", "proposed_at", "version"}
    for rating in ratings:
        for field, value in _changes(rating, rows[rating.pk]).items():
            setattr(rating, field, value)
            fields.add(field)
        rating.proposed_by, rating.proposed_at = actor, now
        rating.version += 1
    return sorted(fields)


@transaction.atomic
def ratings_propose(*, actor: Any, campaign_id: int, rows: Sequence[Proposal]) -> list[Rating]:
    """Step 2 for many subjects at once (the proposal page): only the rows that change are
    checked and written; any refused row refuses the whole batch, each error under the key
    ``level_<rating id>`` with the subject's name."""
    scope = scope_for(actor)
    by_id = {r.rating_id: r for r in rows}
    ratings = list(
        Rating.objects.select_for_update(of=("self",))
        .filter(campaign_id=campaign_id, pk__in=list(by_id))
        .select_related("campaign__organization", "organization", "member")
    )
    errors: dict[str, list[str]] = {}
    for missing in sorted(set(by_id) - {r.pk for r in ratings}):
        errors[f"level_{missing}"] = [gettext("Dòng này không thuộc đợt đánh giá; tải lại trang.")]
    changed = [r for r in ratings if _changes(r, by_id[r.pk])]
    for rating in changed:
        problems = _propose_errors(scope, rating, by_id[rating.pk])
        if problems:
            errors[f"level_{rating.pk}"] = problems
    if errors:
        raise ValidationError(errors)
    if changed:
        fields = _proposed(changed, by_id, actor)
        bulk_update_with_history(changed, Rating, fields,
                                 default_user=actor)  # fmt: skip
    return changed


@transaction.atomic
def rating_propose(*, actor: Any, rating_id: int, version: int, level: str, **facts: Any) -> Rating:
    """Step 2 for one subject (the API, a single row)."""
    rating = _rating_locked(rating_id)
    row = Proposal(rating_id=rating_id, version=version, level=level, **facts)
    problems = _propose_errors(scope_for(actor), rating, row)
    if problems:
        if not permissions.can_propose(scope_for(actor), rating, rating.campaign):
            raise PermissionDenied(problems[0])
        raise ValidationError({"level": problems})
    changes = _changes(rating, row)
    for field, value in changes.items():
        setattr(rating, field, value)
    rating.proposed_by, rating.proposed_at = actor, timezone.now()
    _save(rating, actor, [*changes, "proposed_by", "proposed_at"])
    return rating


# ---- step 3: the decision ---------------------------------------------------------------------
def _campaign_locked(campaign_id: int, version: int) -> Campaign:
    campaign: Campaign = (
        Campaign.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=campaign_id)
    )
    if campaign.version != version:
        what = gettext("Đợt đánh giá %(year)s") % {"year": campaign.year}
        raise ValidationError({"version": [stale_message(campaign, what)]})
    return campaign


def _violation_line(shown: snapshot.ShownViolation) -> str:
    v = shown.violation
    names = ", ".join(shown.names[:10]) + ("…" if len(shown.names) > 10 else "")
    who = f" — {names}" if names else ""
    return f"{v.message}{who} ({v.citation})"


@transaction.atomic
def campaign_finalize(*, actor: Any, campaign_id: int, version: int) -> Campaign:
    """The committee decides: proposed → decided for every rated subject (item 2, step 3).
    Refused while a rated subject has no proposed level, or the rule set reports an error (a
    cap error passes only with the superior's recorded exception) or an unjustified warning:
    the message lists them (item 4)."""
    campaign = Campaign.objects.select_related("organization").get(pk=campaign_id)
    if not permissions.can_finalize(scope_for(actor), campaign):
        raise PermissionDenied(gettext("Chỉ cấp ủy cơ sở mới quyết định xếp loại của đợt đang mở."))
    campaign = _campaign_locked(campaign_id, version)
    ratings = snapshot.campaign_ratings(campaign)
    built = snapshot.build(campaign, ratings=ratings)
    rated = [r for r in ratings if not r.not_rated_reason and not r.decided_level]
    lines = [
        gettext("%(name)s chưa có mức đề xuất.") % {"name": built.names[snapshot.subject_key(r)]}
        for r in rated
        if not r.proposed_level
    ]
    violations = snapshot.ruleset_for(campaign.year).check(built.snapshot)
    lines += [_violation_line(s) for s in snapshot.shown(violations, built, campaign) if s.blocking]
    if lines:
        head = gettext("Chưa quyết định được: còn %(n)s vấn đề phải xử lý trước.") % {
            "n": len(lines)
        }
        raise ValidationError({"__all__": [head, *lines]})
    now = timezone.now()
    for r in rated:
        r.decided_level, r.decided_by, r.decided_at = r.proposed_level, actor, now
        r.version += 1
    fields = ["decided_level", "decided_by", "decided_at", "version"]
    bulk_update_with_history(rated, Rating, fields, default_user=actor)
    campaign.status, campaign.finalized_by, campaign.finalized_at = (
        CampaignStatus.FINALIZED, actor, now,
    )  # fmt: skip
    _save(campaign, actor, ["status", "finalized_by", "finalized_at"])
    return campaign


@transaction.atomic
def rating_rerate(*, actor: Any, rating_id: int, version: int, level: str, reason: str) -> Rating:
    """The superior committee cancels a decided rating and re-rates it with a reason; the old
    level stays in ``previous_level`` and in the history (domain-rules §1.3 "Authority")."""
    rating = _rating_locked(rating_id)
    if not permissions.can_rerate(scope_for(actor), rating.campaign, rating):
        raise PermissionDenied(
            gettext("Chỉ cấp ủy cấp trên mới hủy và xếp loại lại một xếp loại đã quyết định.")
        )
    _check_version(rating, version)
    errors = {}
    if not level:
        errors["level"] = [gettext("Chọn mức xếp loại lại.")]
    elif (problem := _level_error(level)) is not None:
        errors["level"] = [problem]
    elif level == rating.decided_level:
        errors["level"] = [gettext("Mức mới giống mức đã quyết định; chọn mức khác.")]
    if not reason.strip():
        errors["reason"] = [gettext("Ghi lý do hủy và xếp loại lại (căn cứ, số văn bản).")]
    if errors:
        raise ValidationError(errors)
    rating.previous_level, rating.decided_level = rating.decided_level, level
    rating.rerate_reason, rating.decided_by, rating.decided_at = reason, actor, timezone.now()
    _save(rating, actor, ["previous_level", "decided_level", "rerate_reason", "decided_by",
                          "decided_at"], reason=reason)  # fmt: skip
    return rating


EXCEPTION_FIELDS = {"member": "member_cap_exception", "cell": "cell_cap_exception"}


@transaction.atomic
def campaign_record_exception(
    *, actor: Any, campaign_id: int, version: int, kind: str, text: str
) -> Campaign:
    """Record the superior's documented exception to the 20 % cap for members or for cells
    (decision 2): the decision's number and date as written on it."""
    campaign = Campaign.objects.select_related("organization").get(pk=campaign_id)
    if not permissions.can_record_exception(scope_for(actor), campaign):
        raise PermissionDenied(gettext("Chỉ cấp ủy cấp trên mới ghi ngoại lệ tỷ lệ 20%."))
    campaign = _campaign_locked(campaign_id, version)
    text = " ".join(text.split())
    errors = {}
    if kind not in EXCEPTION_FIELDS:
        errors["kind"] = [gettext("Chọn ngoại lệ cho đảng viên hay cho chi bộ.")]
    if not text or not any(ch.isdigit() for ch in text):
        errors["text"] = [
            gettext("Ghi số và ngày của quyết định cho phép vượt tỷ lệ, ví dụ "
                    "“125-QĐ/ĐU ngày 15/01/2022”.")
        ]  # fmt: skip
    if errors:
        raise ValidationError(errors)
    field = EXCEPTION_FIELDS[kind]
    setattr(campaign, field, text)
    _save(campaign, actor, [field], reason=text)
    return campaign
