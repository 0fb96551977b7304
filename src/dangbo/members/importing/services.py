"""Importing members from a spreadsheet: all or nothing, in one transaction, audited.

``import_plan`` validates without writing (the preview); ``members_import`` re-validates inside
the transaction and writes. Lookups are bulk queries (cells by code, departments of the cells'
committees, stored members of the cells and by card number, in chunks); writes are
``bulk_create_with_history`` / ``bulk_update_with_history`` with the actor as history user, so
every created or changed member has its audit entry. Unchanged rows are not written.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Model, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dangbo.accounts.scope import Scope, scope_for
from dangbo.core.text import fold, name_sort_key
from dangbo.members.importing import validate
from dangbo.members.importing.validate import (
    DATA_FIELDS,
    CellRef,
    DepartmentRef,
    ExistingMember,
    Lookups,
    MemberData,
    Plan,
    PlannedRow,
    RawRow,
    RowError,
)
from dangbo.members.models import Member, MemberStatus, StatusChange
from dangbo.organizations.models import CELL_KINDS, Department, Organization

REASON = "Nhập từ tệp Excel"
CHUNK = 900  # values per IN (…) list: under SQLite's 999 bound parameters
BATCH = 2000  # rows per INSERT/UPDATE (Django lowers it to what SQLite accepts)
MAX_UPDATE_GROUPS = 32  # beyond this many distinct sets of changed fields, update their union
_FK = {"organization_id": "organization", "department_id": "department"}

T = TypeVar("T")
M = TypeVar("M", bound=Model)


def _columns(model: type[Model]) -> list[tuple[str, Any]]:
    """(attname, default) of a model's columns in order, for positional construction."""
    fields = model._meta.concrete_fields
    return [(f.attname, None if f.primary_key else f.get_default()) for f in fields]


def _build(model: type[M], columns: list[tuple[str, Any]], values: dict[str, Any]) -> M:
    """``model(**values)`` at half the cost: Django's positional path skips the kwargs work."""
    return model(*[values.get(name, default) for name, default in columns])


_MEMBER_COLUMNS = _columns(Member)
_CHANGE_COLUMNS = _columns(StatusChange)


class ImportRejected(Exception):
    """The file has errors; nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} lỗi")
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int


def can_import(actor: Any) -> bool:
    scope = scope_for(actor)
    return scope.is_admin or bool(scope.write_paths)


def _check_permission(actor: Any) -> Scope:
    if not can_import(actor):
        raise PermissionDenied(gettext("Bạn không có quyền nhập đảng viên."))
    return scope_for(actor)


def _chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# ---- lookups --------------------------------------------------------------------------------
def _cells(scope: Scope, codes: set[str], today: dt.date) -> dict[str, CellRef]:
    cells: dict[str, CellRef] = {}
    fields = ("id", "code", "name", "path", "kind", "dissolved_on")
    for chunk in _chunks(sorted(codes), CHUNK // 2):
        qs = Organization.objects.annotate(code_upper=Upper("code")).filter(
            Q(code__in=chunk) | Q(code_upper__in=[c.upper() for c in chunk])
        )
        for o in qs.values(*fields):
            ref = CellRef(
                id=o["id"], code=o["code"], name=o["name"], path=o["path"],
                is_cell=o["kind"] in CELL_KINDS, writable=scope.writes_path(o["path"]),
                dissolved=o["dissolved_on"] is not None and o["dissolved_on"] <= today,
            )  # fmt: skip
            cells.setdefault(ref.code.upper(), ref)
            cells[ref.code] = ref
    return cells


def _departments(cells: Iterable[CellRef]) -> dict[str, list[DepartmentRef]]:
    """Departments owned by any organization above (or at) the file's cells."""
    owners = {c.path[:i] for c in cells for i in range(4, len(c.path) + 1, 4)}
    found: dict[str, list[DepartmentRef]] = {}
    for chunk in _chunks(sorted(owners)):
        qs = Department.objects.filter(organization__path__in=chunk)
        for d in qs.values("id", "name", "organization__path"):
            ref = DepartmentRef(d["id"], d["name"], d["organization__path"])
            found.setdefault(fold(d["name"]), []).append(ref)
    return found


def member_data(m: Member) -> MemberData:
    values = {name: getattr(m, name) for name in DATA_FIELDS}
    values["card_number"] = m.card_number or None
    return MemberData(**values)


def _stored_members(
    scope: Scope, cell_ids: list[int], cards: set[str], *, lock: bool
) -> dict[int, Member]:
    """Members of the file's cells, and members elsewhere holding one of the file's cards."""
    base = Member.objects.annotate(org_path=F("organization__path"))
    if lock:
        base = base.select_for_update(of=("self",))
    stored: dict[int, Member] = {}
    for chunk in _chunks(cell_ids):
        stored.update((m.pk, m) for m in base.filter(organization_id__in=chunk))
    missing = cards - {m.card_number for m in stored.values() if m.card_number}
    for card_chunk in _chunks(sorted(missing)):
        stored.update((m.pk, m) for m in base.filter(card_number__in=card_chunk))
    return stored


def _lookups(
    actor: Any, rows: Sequence[RawRow], *, lock: bool
) -> tuple[Lookups, dict[int, Member]]:
    scope = _check_permission(actor)
    today = timezone.localdate()
    codes, cards = validate.referenced(rows)
    cells = _cells(scope, codes, today)
    usable = {c.id: c for c in cells.values() if c.is_cell}
    stored = _stored_members(scope, sorted(usable), cards, lock=lock)
    existing = [
        ExistingMember(m.pk, scope.writes_path(m.org_path), member_data(m))  # type: ignore[attr-defined]
        for m in stored.values()
    ]
    lookups = Lookups(cells, _departments(usable.values()), existing, today)
    return lookups, stored


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of model instances are
    built: its full passes over them cost a third of the import time (measured, bench/)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# ---- use cases ------------------------------------------------------------------------------
def import_plan(*, actor: Any, rows: Sequence[RawRow]) -> Plan:
    """Validate the rows and say what importing them would do; writes nothing."""
    with _gc_paused():
        lookups, _stored = _lookups(actor, rows, lock=False)
        return validate.plan_import(rows, lookups)


def members_import(*, actor: Any, rows: Sequence[RawRow]) -> ImportResult:
    """Import every row or none: any error raises ImportRejected and the database is unchanged."""
    with _gc_paused(), transaction.atomic():
        return _import(actor, rows)


def _import(actor: Any, rows: Sequence[RawRow]) -> ImportResult:
    lookups, stored = _lookups(actor, rows, lock=True)
    plan = validate.plan_import(rows, lookups)
    if plan.errors:
        raise ImportRejected(plan.errors)
    now, today = timezone.now(), lookups.today
    new = [r for r in plan.rows if r.action == "new"]
    updates = [r for r in plan.rows if r.action == "update"]
    _create(actor, new, now, today)
    _update(actor, updates, stored, now, today)
    return ImportResult(len(new), len(updates), plan.count("same"))


def _create(actor: Any, rows: list[PlannedRow], now: dt.datetime, today: dt.date) -> None:
    keys: dict[str, tuple[str, str]] = {}  # names repeat; fold and sort key cost the most
    members: list[Member] = []
    for r in rows:
        name = r.data.full_name
        if name not in keys:
            keys[name] = (fold(name), name_sort_key(name))
        values = {**r.data.__dict__, "name_folded": keys[name][0], "sort_key": keys[name][1]}
        members.append(_build(Member, _MEMBER_COLUMNS, values))
    created = bulk_create_with_history(
        members, Member, batch_size=BATCH, default_user=actor,
        default_change_reason=REASON, default_date=now,
    )  # fmt: skip
    changes = []
    for member, r in zip(created, rows, strict=True):
        status, day = validate.initial_status(r.data, today)
        values = {"member_id": member.pk, "status": status, "changed_on": day, "note": REASON}
        changes.append(_build(StatusChange, _CHANGE_COLUMNS, values | {"recorded_by_id": actor.pk}))
    StatusChange.objects.bulk_create(changes, batch_size=BATCH)


def _update(
    actor: Any, rows: list[PlannedRow], stored: dict[int, Member], now: dt.datetime, today: dt.date
) -> None:
    groups: dict[tuple[str, ...], list[Member]] = {}
    changes: list[StatusChange] = []
    for r in rows:
        assert r.member_id is not None
        member = stored[r.member_id]
        for name in r.changed:
            setattr(member, name, getattr(r.data, name))
        if "full_name" in r.changed:
            member.name_folded = fold(member.full_name)
            member.sort_key = name_sort_key(member.full_name)
        member.version += 1
        groups.setdefault(r.changed, []).append(member)
        if "status" in r.changed:
            full = member.status == MemberStatus.FULL and member.full_on
            day = member.full_on if full else today
            changes.append(
                StatusChange(member=member, status=member.status, changed_on=day,
                             note=REASON, recorded_by=actor)
            )  # fmt: skip
    if len(groups) > MAX_UPDATE_GROUPS:
        union = tuple(sorted({n for names in groups for n in names}))
        groups = {union: [m for ms in groups.values() for m in ms]}
    for names, members in groups.items():
        fields = [_FK.get(n, n) for n in names] + ["version"]
        if "full_name" in names:
            fields += ["name_folded", "sort_key"]
        bulk_update_with_history(
            members, Member, fields, batch_size=BATCH, default_user=actor,
            default_change_reason=REASON, default_date=now,
        )  # fmt: skip
    StatusChange.objects.bulk_create(changes, batch_size=BATCH)
