"""Use cases that change members. Each checks permission (``members.permissions``), runs in one
transaction and leaves an audit entry (django-simple-history) naming the actor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit
from dangbo.members import permissions
from dangbo.members import rules as member_rules
from dangbo.members.models import (
    Member,
    MemberStatus,
    RevealChannel,
    SensitiveReveal,
    StatusChange,
)

EDITABLE_FIELDS = (
    "full_name", "gender", "date_of_birth", "ethnicity", "religion", "home_town",
    "card_number", "dossier_number", "citizen_id", "admitted_on", "full_on", "status",
    "exempt_since", "suspended_since", "organization", "department", "job_title",
    "professional_title", "military_rank", "phone", "email",
)  # fmt: skip


def _check_dates(values: dict[str, Any]) -> None:
    problems = member_rules.date_problems(
        date_of_birth=values.get("date_of_birth"),
        admitted_on=values.get("admitted_on"),
        full_on=values.get("full_on"),
        today=timezone.localdate(),
    )
    if problems:
        errors: dict[str, list[str]] = {}
        for field_name, message in problems:
            errors.setdefault(field_name, []).append(message)
        raise ValidationError(errors)


def _check_target_org(actor: Any, organization: Any) -> None:
    if not organization.is_cell:
        raise ValidationError(
            {"organization": [gettext("Đảng viên phải sinh hoạt tại một chi bộ.")]}
        )
    if not permissions.can_place_in(scope_for(actor), organization):
        raise PermissionDenied(gettext("Bạn không có quyền với chi bộ này."))


@transaction.atomic
def member_create(*, actor: Any, **values: Any) -> Member:
    _check_target_org(actor, values["organization"])
    _check_dates(values)
    member = Member(**{k: v for k, v in values.items() if k in EDITABLE_FIELDS})
    member.card_number = member.card_number or None
    member._history_user = actor  # type: ignore[attr-defined]
    member.save()
    StatusChange.objects.create(
        member=member, status=member.status, changed_on=member.admitted_on,
        note="Khởi tạo hồ sơ", recorded_by=actor,
    )  # fmt: skip
    return member


@transaction.atomic
def member_update(*, actor: Any, member_id: int, version: int, **changes: Any) -> Member:
    """Apply ``changes`` if nobody saved the member since ``version`` was read."""
    member = Member.objects.select_for_update().select_related("organization").get(pk=member_id)
    if not permissions.can_edit_member(scope_for(actor), member):
        raise PermissionDenied(gettext("Bạn không có quyền sửa hồ sơ đảng viên này."))
    if member.version != version:
        raise ConcurrentEdit()
    if "organization" in changes and changes["organization"].pk != member.organization_id:
        _check_target_org(actor, changes["organization"])
    old_status = member.status
    for key, value in changes.items():
        if key not in EDITABLE_FIELDS:
            raise ValueError(f"field {key} is not editable")
        setattr(member, key, value)
    member.card_number = member.card_number or None
    _check_dates(
        {"date_of_birth": member.date_of_birth, "admitted_on": member.admitted_on,
         "full_on": member.full_on}
    )  # fmt: skip
    member.version += 1
    member._history_user = actor  # type: ignore[attr-defined]
    member.save()
    if member.status != old_status:
        StatusChange.objects.create(
            member=member, status=member.status, recorded_by=actor,
            changed_on=(member.full_on if member.status == MemberStatus.FULL and member.full_on
                        else timezone.localdate()),
        )  # fmt: skip
    return member


@transaction.atomic
def member_set_status(
    *,
    actor: Any,
    member_id: int,
    version: int,
    status: str,
    changed_on: dt.date,
    decision_number: str = "",
    note: str = "",
) -> Member:
    """Record a status change (issue 7, item 2): recognition as a full member with its decision,
    transfer out, death, removal — checked by ``rules.status_change_problems``, with the status
    history row and the audit history; refused if somebody saved the member meanwhile."""
    member = Member.objects.select_for_update().select_related("organization").get(pk=member_id)
    if not permissions.can_edit_member(scope_for(actor), member):
        raise PermissionDenied(gettext("Bạn không có quyền sửa hồ sơ đảng viên này."))
    if member.version != version:
        raise ConcurrentEdit()
    problems = member_rules.status_change_problems(
        current=member.status, new=status, changed_on=changed_on,
        admitted_on=member.admitted_on, decision_number=decision_number,
        today=timezone.localdate(),
    )  # fmt: skip
    if problems:
        errors: dict[str, list[str]] = {}
        for name, message in problems:
            errors.setdefault(name, []).append(message)
        raise ValidationError(errors)
    member.status = status
    if status == MemberStatus.FULL:
        member.full_on = changed_on
    member.version += 1
    member._history_user = actor  # type: ignore[attr-defined]
    member.save()
    decision = f"Quyết định số {decision_number.strip()}" if decision_number.strip() else ""
    StatusChange.objects.create(
        member=member, status=status, changed_on=changed_on, recorded_by=actor,
        note="; ".join(p for p in (decision, note.strip()) if p)[:255],
    )  # fmt: skip
    return member


SENSITIVE_FIELDS = ("card_number", "citizen_id")


def member_reveal(*, actor: Any, member: Member, field: str, ip_address: str | None) -> str:
    """Return the unmasked value of a sensitive field and log who saw it."""
    if field not in SENSITIVE_FIELDS:
        raise ValueError(field)
    if not permissions.can_reveal(scope_for(actor), member):
        raise PermissionDenied(gettext("Bạn không có quyền xem thông tin này."))
    SensitiveReveal.objects.create(member=member, field=field, user=actor, ip_address=ip_address)
    return getattr(member, field) or ""


def log_export_reveals(
    *, actor: Any, revealed: Iterable[tuple[int, str, Sequence[str]]], ip_address: str | None
) -> int:
    """Log an export with full numbers: one reveal row (channel "export") per member and field
    written in full; ``revealed`` holds (member id, name, fields). Returns the rows written."""
    rows = [
        SensitiveReveal(
            member_id=pk,
            member_pk=pk,
            member_name=name,
            field=field,
            channel=RevealChannel.EXPORT,
            user=actor,
            ip_address=ip_address,
        )
        for pk, name, fields in revealed
        for field in fields
    ]
    SensitiveReveal.objects.bulk_create(rows, batch_size=500)
    return len(rows)
