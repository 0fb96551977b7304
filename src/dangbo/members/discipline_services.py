"""Use cases of the discipline register (issue 9, item 8): record and correct a member's
disciplinary measure. Keyword-only arguments and an ``actor``; each asks
``members.permissions.can_record_discipline`` (the office of her organization), runs in one
transaction, leaves history naming the actor and checks ``version`` on a correction (optimistic
lock). The rating rules read the register (``evaluations``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit
from dangbo.members import permissions
from dangbo.members.models import Discipline, DisciplineKind, Member

DISCIPLINE_FIELDS = (
    "kind", "decided_on", "decision_number", "issuer", "reason", "self_detected",
)  # fmt: skip


def _denied() -> PermissionDenied:
    return PermissionDenied(
        gettext("Chỉ Văn phòng Đảng ủy của tổ chức mới ghi và sửa kỷ luật đảng viên.")
    )


def _check(member: Member, values: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    if values.get("kind") not in DisciplineKind.values:
        errors["kind"] = [gettext("Chọn một hình thức kỷ luật.")]
    decided_on: dt.date | None = values.get("decided_on")
    if decided_on is None:
        errors["decided_on"] = [gettext("Nhập ngày quyết định kỷ luật (dd/mm/yyyy).")]
    elif decided_on > timezone.localdate():
        errors["decided_on"] = [gettext("Ngày quyết định kỷ luật không thể ở tương lai.")]
    elif decided_on < member.admitted_on:
        errors["decided_on"] = [
            gettext("Ngày quyết định (%(d)s) trước ngày vào Đảng (%(a)s): kiểm tra lại ngày.")
            % {"d": f"{decided_on:%d/%m/%Y}", "a": f"{member.admitted_on:%d/%m/%Y}"}
        ]
    if not str(values.get("issuer") or "").strip():
        errors["issuer"] = [gettext("Nhập cấp quyết định kỷ luật (ví dụ: Đảng ủy bệnh viện).")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def discipline_create(*, actor: Any, member_id: int, **values: Any) -> Discipline:
    member = Member.objects.select_related("organization").get(pk=member_id)
    if not permissions.can_record_discipline(scope_for(actor), member):
        raise _denied()
    _check(member, values)
    row = Discipline(
        member=member, recorded_by=actor,
        **{k: v for k, v in values.items() if k in DISCIPLINE_FIELDS},
    )  # fmt: skip
    row._history_user = actor  # type: ignore[attr-defined]
    row.save()
    return row


@transaction.atomic
def discipline_update(
    *, actor: Any, discipline_id: int, version: int, **changes: Any
) -> Discipline:
    """Correct a record if nobody saved it since ``version`` was read."""
    row = (
        Discipline.objects.select_for_update(of=("self",))
        .select_related("member", "member__organization")
        .get(pk=discipline_id)
    )
    if not permissions.can_record_discipline(scope_for(actor), row.member):
        raise _denied()
    if row.version != version:
        raise ConcurrentEdit(
            gettext("Bản ghi kỷ luật đã được người khác sửa trong lúc bạn đang sửa. "
                    "Hãy tải lại trang, xem thay đổi mới rồi sửa lại.")
        )  # fmt: skip
    for key, value in changes.items():
        if key not in DISCIPLINE_FIELDS:
            raise ValueError(f"field {key} is not editable")
        setattr(row, key, value)
    _check(row.member, {f: getattr(row, f) for f in DISCIPLINE_FIELDS})
    row.version += 1
    row._history_user = actor  # type: ignore[attr-defined]
    row.save()
    return row
