"""Use cases that change awards, proposals and badges (issue 9, items 6 and 7), named
``<entity>_<action>``: keyword-only arguments and an ``actor``; each asks ``awards.permissions``,
runs in one transaction, leaves history naming the actor, and checks ``version`` (optimistic
lock) where a row is changed. Rules broken by input raise ``ValidationError`` dicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from dangbo.accounts.scope import scope_for
from dangbo.awards import permissions, queries, rules
from dangbo.awards.models import Award, AwardProposal, BadgeAward, ProposalStatus
from dangbo.core.errors import ConcurrentEdit
from dangbo.members.models import Member
from dangbo.organizations.models import Department, Organization

AWARD_FIELDS = (
    "kind", "title", "issuer_level", "issuer_name", "year", "reason", "decision_number",
    "decided_on",
)  # fmt: skip


def _denied() -> PermissionDenied:
    return PermissionDenied(gettext("Chỉ Văn phòng Đảng ủy của tổ chức mới ghi khen thưởng."))


def _check_year(year: int) -> None:
    if not 1930 <= year <= 2100:
        raise ValidationError({"year": [gettext("Năm phải trong khoảng 1930–2100.")]})


def _recipient_org(
    organization: Organization, recipient_kind: str, member: Member | None,
    department: Department | None, recipient_org: Organization | None,
) -> Organization:  # fmt: skip
    """The scoping organization of the award, checked to be in ``organization``'s subtree."""
    path = organization.path
    kind = rules.RecipientKind(recipient_kind)
    if kind is rules.RecipientKind.MEMBER:
        if member is None:
            raise ValidationError({"member": [gettext("Chọn đảng viên được khen thưởng.")]})
        target = member.organization
    elif kind is rules.RecipientKind.DEPARTMENT:
        if department is None:
            raise ValidationError({"department": [gettext("Chọn khoa, phòng được khen thưởng.")]})
        target = department.organization
    else:
        if recipient_org is None:
            raise ValidationError(
                {"recipient_org": [gettext("Chọn chi bộ hoặc đảng bộ được khen thưởng.")]}
            )
        if kind is rules.RecipientKind.CELL and not recipient_org.is_cell:
            raise ValidationError(
                {
                    "recipient_org": [
                        gettext("“%(name)s” không phải là chi bộ; chọn một chi bộ.")
                        % {"name": recipient_org.name}
                    ]
                }  # fmt: skip
            )
        target = recipient_org
    if not str(target.path).startswith(path):
        raise ValidationError(
            {
                "recipient_kind": [
                    gettext("Đối tượng được khen thưởng không thuộc %(org)s.")
                    % {"org": organization.name}
                ]
            }  # fmt: skip
        )
    return target  # type: ignore[no-any-return]


@transaction.atomic
def award_create(
    *, actor: Any, organization: Organization, recipient_kind: str, member: Member | None = None,
    department: Department | None = None, recipient_org: Organization | None = None,
    **values: Any,
) -> Award:  # fmt: skip
    """Record an award received by a member, a cell, a department or the organization."""
    if not permissions.can_record_awards(scope_for(actor), organization):
        raise _denied()
    _check_year(values["year"])
    target = _recipient_org(organization, recipient_kind, member, department, recipient_org)
    award = Award(
        organization=target, recipient_kind=recipient_kind,
        member=member if recipient_kind == rules.RecipientKind.MEMBER else None,
        department=department if recipient_kind == rules.RecipientKind.DEPARTMENT else None,
        recorded_by=actor, **{k: v for k, v in values.items() if k in AWARD_FIELDS},
    )  # fmt: skip
    award._history_user = actor  # type: ignore[attr-defined]
    award.save()
    return award


@transaction.atomic
def award_update(*, actor: Any, award_id: int, version: int, **changes: Any) -> Award:
    """Correct an award's kind, issuer, year, reason or decision (the recipient stays)."""
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("organization")
        .get(pk=award_id)
    )
    if not permissions.can_edit_award(scope_for(actor), award):
        raise _denied()
    if award.version != version:
        raise ConcurrentEdit()
    for key, value in changes.items():
        if key not in AWARD_FIELDS:
            raise ValueError(f"field {key} is not editable")
        setattr(award, key, value)
    _check_year(award.year)
    award.version += 1
    award._history_user = actor  # type: ignore[attr-defined]
    award.save()
    return award


@transaction.atomic
def proposal_create(
    *, actor: Any, organization: Organization, year: int, subject: str, kind: str,
    issuer_level: str, reason: str = "",
) -> AwardProposal:  # fmt: skip
    """Propose a rated subject of ``organization``'s campaign of ``year`` (``subject``: "m<id>"
    for a member, "o<id>" for a cell or the organization). Refused unless the decided rating is
    "Hoàn thành xuất sắc nhiệm vụ" (``rules.proposal_problem``, domain-rules §1.5)."""
    if not permissions.can_record_awards(scope_for(actor), organization):
        raise _denied()
    rated = {s.key: s for s in queries.rated_subjects(organization, year)}
    found = rated.get(subject)
    if found is None:
        raise ValidationError(
            {"subject": [gettext("Đối tượng này không có trong đợt đánh giá năm %(year)s của "
                                 "%(org)s.") % {"year": year, "org": organization.name}]}
        )  # fmt: skip
    level = queries.decided_level(organization, year, subject)
    problem = rules.proposal_problem(level)
    if problem:
        raise ValidationError({"subject": [f"{found.name}: {problem}"]})
    duplicate = AwardProposal.objects.filter(year=year, basis=found.basis.value)
    duplicate = (
        duplicate.filter(member_id=found.member_id)
        if found.member_id
        else duplicate.filter(member__isnull=True, organization_id=found.organization_id)
    )
    if duplicate.exists():
        raise ValidationError(
            {
                "subject": [
                    gettext("%(name)s đã được đề nghị khen thưởng năm %(year)s.")
                    % {"name": found.name, "year": year}
                ]
            }  # fmt: skip
        )
    member = Member.objects.get(pk=found.member_id) if found.member_id else None
    proposal = AwardProposal(
        organization_id=member.organization.pk if member else found.organization_id,
        member=member, year=year, basis=found.basis.value, kind=kind, issuer_level=issuer_level,
        rating_level=level, reason=reason, proposed_by=actor,
    )  # fmt: skip
    proposal._history_user = actor  # type: ignore[attr-defined]
    proposal.save()
    return proposal


@transaction.atomic
def proposal_award(
    *, actor: Any, proposal_id: int, version: int, issuer_level: str, issuer_name: str,
    decision_number: str, decided_on: dt.date | None, title: str = "",
) -> Award:  # fmt: skip
    """The decision came: record the award from the proposal, which becomes "awarded"."""
    proposal = (
        AwardProposal.objects.select_for_update(of=("self",))
        .select_related("organization", "member")
        .get(pk=proposal_id)
    )
    if proposal.award is not None:
        raise ValidationError({"__all__": [gettext("Đề nghị này đã có quyết định khen thưởng.")]})
    if not permissions.can_award_proposal(scope_for(actor), proposal):
        raise _denied()
    if proposal.version != version:
        raise ConcurrentEdit()
    is_member = proposal.member is not None
    org_kind = (
        rules.RecipientKind.CELL if proposal.organization.is_cell
        else rules.RecipientKind.ORGANIZATION
    )  # fmt: skip
    award = Award(
        organization=proposal.organization,
        recipient_kind=(rules.RecipientKind.MEMBER if is_member else org_kind).value,
        member=proposal.member, kind=proposal.kind, title=title, issuer_level=issuer_level,
        issuer_name=issuer_name, year=proposal.year, reason=proposal.reason,
        decision_number=decision_number, decided_on=decided_on, recorded_by=actor,
    )  # fmt: skip
    award._history_user = actor  # type: ignore[attr-defined]
    award.save()
    proposal.award = award
    proposal.status = ProposalStatus.AWARDED
    proposal.version += 1
    proposal._history_user = actor  # type: ignore[attr-defined]
    proposal.save()
    return award


@transaction.atomic
def badge_record(
    *, actor: Any, member_id: int, milestone: int, circumstance: str, presented_on: dt.date,
    decision_number: str = "",
) -> BadgeAward:  # fmt: skip
    """Record a Party badge given (HD 01-HD/TW 2021): not before the milestone less the early
    window allowed for the circumstance; once per milestone."""
    member = Member.objects.select_related("organization").get(pk=member_id)
    if not permissions.can_record_badge(scope_for(actor), member):
        raise PermissionDenied(gettext("Chỉ Văn phòng Đảng ủy mới ghi Huy hiệu Đảng đã trao."))
    problem = rules.badge_problem(member.admitted_on, milestone, circumstance, presented_on)
    if problem:
        raise ValidationError({"presented_on": [problem]})
    if BadgeAward.objects.filter(member=member, milestone=milestone).exists():
        raise ValidationError(
            {
                "milestone": [
                    gettext("%(name)s đã được ghi Huy hiệu %(n)s năm tuổi Đảng.")
                    % {"name": member.full_name, "n": milestone}
                ]
            }  # fmt: skip
        )
    badge = BadgeAward(
        member=member, milestone=milestone, circumstance=circumstance,
        presented_on=presented_on, decision_number=decision_number, recorded_by=actor,
    )  # fmt: skip
    badge._history_user = actor  # type: ignore[attr-defined]
    badge.save()
    return badge
