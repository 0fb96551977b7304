"""Importing members from a spreadsheet: all or nothing, in one transaction, audited.

``import_plan`` validates without writing (the preview); ``members_import`` validates again and
writes. Lookups are bulk queries (cells by code among the organizations the actor can see,
departments of the cells' committees, stored members of the actor's cells and by card number,
in chunks). Every created or changed member gets the history row simple_history's bulk helpers
would write, with the actor as history user; unchanged rows are not written.

The write lock is held only to write (issue 7, defect 11: confirming 60,000 rows held SQLite's
write lock for 27 s, and another user's save failed after its 20 s wait). ``members_import``
works in two phases. First, outside any transaction: the lookups, the validation, the building
of every row to write and its SQL parameters — the slow part, taking no lock. Then one
transaction (on SQLite ``BEGIN IMMEDIATE``, the write lock) reads again what the plan rests on —
the cells, the departments and every column of each stored member it looked at (locked on
PostgreSQL), and on SQLite that the new members' ids are still free — and, if nothing changed,
only runs the prepared statements. If something changed in between, the file is validated again
inside that transaction (the lock is then held longer, only in that race). Chunked commits were
rejected: a failure half-way would leave half a file behind, and the import must stay all or
nothing. One transaction either way.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import F, Model, Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext

from dangbo.accounts.scope import Scope, scope_for
from dangbo.core.text import fold, name_sort_key
from dangbo.members import permissions
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
from dangbo.members.models import ImportMapping, Member, MemberStatus, StatusChange
from dangbo.organizations.models import CELL_KINDS, Department, Organization

REASON = "Nhập từ tệp Excel"
CHUNK = 900  # values per IN (…) list: under SQLite's 999 bound parameters

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
_MEMBER_FIELDS = [name for name, _default in _MEMBER_COLUMNS]
_MEMBER_BY_ATTNAME = {f.attname: f for f in Member._meta.concrete_fields}


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


def remember_mapping(*, actor: Any, signature: str, mapping: dict[str, Any]) -> None:
    """Keep the mapping the user confirmed for the next file with the same header row."""
    _check_permission(actor)
    ImportMapping.objects.update_or_create(
        user=actor, signature=signature, defaults={"mapping": mapping}
    )


def _check_permission(actor: Any) -> Scope:
    scope = scope_for(actor)
    if not permissions.can_import(scope):
        raise PermissionDenied(gettext("Bạn không có quyền nhập đảng viên."))
    return scope


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
        for o in qs.order_by("id").values(*fields):
            if not scope.reads_path(o["path"]):
                continue  # another hospital's code is answered as an unknown one
            ref = CellRef(
                id=o["id"], code=o["code"], name=o["name"], path=o["path"],
                is_cell=o["kind"] in CELL_KINDS, writable=scope.writes_path(o["path"]),
                dissolved=o["dissolved_on"] is not None and o["dissolved_on"] <= today,
            )  # fmt: skip
            cells.setdefault(ref.code.upper(), ref)
            cells[ref.code] = ref
    return cells


def _cell_names(
    scope: Scope, values: set[str], cells: dict[str, CellRef], today: dt.date
) -> dict[str, list[CellRef]]:
    """Cells the actor can see, by the name keys (``validate.cell_keys``) of the file's values
    that are no code: "Chi bộ Khoa Nội", "Khoa Nội", "khoa noi" all name one cell."""
    wanted = {validate.cell_key(v) for v in values if v not in cells and v.upper() not in cells}
    wanted.discard("")
    if not wanted:
        return {}
    found: dict[str, list[CellRef]] = {}
    qs = scope.orgs().filter(kind__in=CELL_KINDS).order_by("path")
    for o in qs.values("id", "code", "name", "path", "dissolved_on"):
        keys = [k for k in validate.cell_keys(o["name"]) if k in wanted]
        if not keys:
            continue
        ref = CellRef(
            id=o["id"], code=o["code"], name=o["name"], path=o["path"], is_cell=True,
            writable=scope.writes_path(o["path"]),
            dissolved=o["dissolved_on"] is not None and o["dissolved_on"] <= today,
        )  # fmt: skip
        for key in keys:
            found.setdefault(key, []).append(ref)
    return found


def _departments(cells: Iterable[CellRef]) -> dict[str, list[DepartmentRef]]:
    """Departments owned by any organization above (or at) the file's cells, by their folded
    name and by it without "Khoa "/"Phòng " (``validate.department_keys``)."""
    owners = {c.path[:i] for c in cells for i in range(4, len(c.path) + 1, 4)}
    found: dict[str, list[DepartmentRef]] = {}
    for chunk in _chunks(sorted(owners)):
        qs = Department.objects.filter(organization__path__in=chunk).order_by("id")
        for d in qs.values("id", "name", "organization__path"):
            ref = DepartmentRef(d["id"], d["name"], d["organization__path"])
            for key in validate.department_keys(d["name"]):
                found.setdefault(key, []).append(ref)
    return found


def member_data(m: Member) -> MemberData:
    values = {name: getattr(m, name) for name in DATA_FIELDS}
    values["card_number"] = m.card_number or None
    return MemberData(**values)


def _stored_members(cell_ids: list[int], cards: set[str], *, lock: bool) -> dict[int, Member]:
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


def _stored_columns(cell_ids: list[int], cards: set[str]) -> dict[int, tuple[Any, ...]]:
    """Every column of the members ``_stored_members`` finds, read again under the write lock
    (and locked on PostgreSQL): (cell path, columns…) by member id."""
    qs = Member.objects.select_for_update(of=("self",)).values_list(
        "pk", "organization__path", *_MEMBER_FIELDS
    )
    found: dict[int, tuple[Any, ...]] = {}
    for chunk in _chunks(cell_ids):
        found.update((row[0], row[1:]) for row in qs.filter(organization_id__in=chunk))
    for card_chunk in _chunks(sorted(cards)):
        found.update((row[0], row[1:]) for row in qs.filter(card_number__in=card_chunk))
    return found


def _columns_of(stored: dict[int, Member]) -> dict[int, tuple[Any, ...]]:
    """The same as ``_stored_columns``, from the members read before."""
    return {
        pk: (m.org_path, *[getattr(m, name) for name in _MEMBER_FIELDS])  # type: ignore[attr-defined]
        for pk, m in stored.items()
    }


def _lookups(
    actor: Any, rows: Sequence[RawRow], *, lock: bool, snapshot: bool = False
) -> tuple[Lookups, dict[int, Member], Callable[[], bool]]:
    """The lookups of the rows, the stored members they may touch, and (with ``snapshot``) a
    check to call under the write lock before writing a plan made from them: is all that they
    hold unchanged?"""
    scope = _check_permission(actor)
    today = timezone.localdate()
    codes, cards = validate.referenced(rows)
    cells = _cells(scope, codes, today)
    names = _cell_names(scope, codes, cells, today)
    named = [c for refs in names.values() for c in refs]
    usable = {c.id: c for c in (*cells.values(), *named) if c.is_cell and c.writable}
    stored = _stored_members(sorted(usable), cards, lock=lock)
    existing = [
        ExistingMember(m.pk, scope.writes_path(m.org_path), member_data(m))  # type: ignore[attr-defined]
        for m in stored.values()
    ]
    departments = _departments(usable.values())
    lookups = Lookups(cells, departments, existing, today, names)
    columns = _columns_of(stored) if snapshot else {}  # before the plan changes them

    def unchanged() -> bool:
        return (
            _cells(scope, codes, today) == cells
            and _cell_names(scope, codes, cells, today) == names
            and _departments(usable.values()) == departments
            and _stored_columns(sorted(usable), cards) == columns
        )

    return lookups, stored, unchanged


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
        lookups, _stored, _unchanged = _lookups(actor, rows, lock=False)
        return validate.plan_import(rows, lookups)


def members_import(*, actor: Any, rows: Sequence[RawRow]) -> ImportResult:
    """Import every row or none: any error raises ImportRejected and the database is unchanged.

    Validated, built and turned into SQL outside the transaction; inside it, checked that what
    the plan rests on is unchanged and then written (see the module's docstring)."""
    with _gc_paused():
        lookups, stored, unchanged = _lookups(actor, rows, lock=False, snapshot=True)
        plan = validate.plan_import(rows, lookups)
        if plan.errors:
            raise ImportRejected(plan.errors)
        write = _prepare(actor, plan, stored, lookups.today)
        with transaction.atomic():
            if not (unchanged() and write.ids_free()):  # someone saved meanwhile
                return _import(actor, rows)
            return write()


def _import(actor: Any, rows: Sequence[RawRow]) -> ImportResult:
    """Validate and write, all inside the caller's transaction."""
    lookups, stored, _unchanged = _lookups(actor, rows, lock=True)
    plan = validate.plan_import(rows, lookups)
    if plan.errors:
        raise ImportRejected(plan.errors)
    return _prepare(actor, plan, stored, lookups.today)()


# ---- writing: SQL built before the transaction, run inside it --------------------------------
# Django's bulk_create spends nine tenths of its time turning values into SQL parameters, and
# simple_history's bulk helpers build a model instance per history row: done under the lock,
# 60,000 new members held it for most of the import. So the statements and their parameters are
# made beforehand with the fields' own conversions (``get_db_prep_save``), and only
# ``executemany`` runs in the transaction. New members need their ids before: reserved from
# the sequence on PostgreSQL; on SQLite (no reservations) the next free ids, checked again
# under the lock (``ids_free``). The history rows are those ``bulk_create_with_history`` /
# ``bulk_update_with_history`` write: every tracked column, the date, the actor, the reason.
@dataclass(frozen=True)
class _Statement:
    sql: str
    params: list[tuple[Any, ...]]


@dataclass(frozen=True)
class _Writer:
    statements: list[_Statement]
    first_new_id: int | None
    result: ImportResult

    def ids_free(self) -> bool:
        """Under the lock: are the ids given to the new members still free? (PostgreSQL
        reserved them; on SQLite another save may have taken them since.)"""
        if self.first_new_id is None or connection.vendor == "postgresql":
            return True
        return _last_member_id() < self.first_new_id

    def __call__(self) -> ImportResult:
        with connection.cursor() as cursor:
            for statement in self.statements:
                if statement.params:
                    cursor.executemany(statement.sql, statement.params)
        return self.result


def _quoted(name: str) -> str:
    return str(connection.ops.quote_name(name))


def _insert(model: type[Model], rows: list[dict[str, Any]]) -> _Statement:
    """INSERT of ``rows`` (values by attname; the primary key only if given)."""
    meta = model._meta
    given_pk = bool(rows) and rows[0].get(meta.pk.attname) is not None
    fields = [f for f in meta.concrete_fields if f is not meta.pk or given_pk]
    columns = ", ".join(_quoted(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {_quoted(meta.db_table)} ({columns}) VALUES ({marks})"
    prep = [(f.attname, f.get_db_prep_save) for f in fields]
    params = [tuple(to_db(row.get(name), connection) for name, to_db in prep) for row in rows]
    return _Statement(sql, params)


def _values(obj: Model) -> dict[str, Any]:
    """Every column of a new model instance by attname, as an insert would write it."""
    return {f.attname: f.pre_save(obj, True) for f in obj._meta.concrete_fields}


def _history(members: list[Member], kind: str, actor: Any, now: dt.datetime) -> _Statement:
    history = Member.history.model
    extra = {"history_date": now, "history_change_reason": REASON, "history_type": kind,
             "history_user_id": actor.pk}  # fmt: skip
    tracked = [f.attname for f in history.tracked_fields]
    rows = [{**{name: getattr(m, name) for name in tracked}, **extra} for m in members]
    if hasattr(history, "history_relation"):
        for row, m in zip(rows, members, strict=True):
            row["history_relation_id"] = m.pk
    return _insert(history, rows)


def _last_member_id() -> int:
    """The highest id SQLite has given a member (AUTOINCREMENT never gives one twice)."""
    table = Member._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"COALESCE((SELECT MAX({_quoted('id')}) FROM {_quoted(table)}), 0))",
            [table],
        )
        return int(cursor.fetchone()[0])


def _new_ids(count: int) -> list[int]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [Member._meta.db_table, Member._meta.pk.column, count],
            )
            return sorted(int(row[0]) for row in cursor.fetchall())
    first = _last_member_id() + 1
    return list(range(first, first + count))


def _prepare(actor: Any, plan: Plan, stored: dict[int, Member], today: dt.date) -> _Writer:
    """Every row the plan writes, as SQL (``stored`` is changed in memory); the writer."""
    now = timezone.now()
    new = [r for r in plan.rows if r.action == "new"]
    updates = [r for r in plan.rows if r.action == "update"]
    created, created_changes = _created(actor, new, today)
    updated, updating, updated_changes = _updated(actor, updates, stored, today)
    statements = [
        _insert(Member, [_values(m) for m in created]),
        *updating,
        _history(created, "+", actor, now),
        _history(updated, "~", actor, now),
        _insert(StatusChange, [_values(c) for c in created_changes + updated_changes]),
    ]
    first_new_id = created[0].pk if created else None
    result = ImportResult(len(new), len(updates), plan.count("same"))
    return _Writer(statements, first_new_id, result)


def _created(
    actor: Any, rows: list[PlannedRow], today: dt.date
) -> tuple[list[Member], list[StatusChange]]:
    keys: dict[str, tuple[str, str]] = {}  # names repeat; fold and sort key cost the most
    members: list[Member] = []
    changes: list[StatusChange] = []
    for r, pk in zip(rows, _new_ids(len(rows)) if rows else [], strict=True):
        name = r.data.full_name
        if name not in keys:
            keys[name] = (fold(name), name_sort_key(name))
        values = {**r.data.__dict__, "id": pk, "name_folded": keys[name][0],
                  "sort_key": keys[name][1]}  # fmt: skip
        members.append(_build(Member, _MEMBER_COLUMNS, values))
        status, day = validate.initial_status(r.data, today)
        values = {"member_id": pk, "status": status, "changed_on": day, "note": REASON,
                  "recorded_by_id": actor.pk}  # fmt: skip
        changes.append(_build(StatusChange, _CHANGE_COLUMNS, values))
    return members, changes


def _updated(
    actor: Any, rows: list[PlannedRow], stored: dict[int, Member], today: dt.date
) -> tuple[list[Member], list[_Statement], list[StatusChange]]:
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
            values = {"member_id": member.pk, "status": member.status, "changed_on": day,
                      "note": REASON, "recorded_by_id": actor.pk}  # fmt: skip
            changes.append(_build(StatusChange, _CHANGE_COLUMNS, values))
    statements = []
    for names, members in groups.items():
        extra = ("name_folded", "sort_key") if "full_name" in names else ()
        fields = [_MEMBER_BY_ATTNAME[n] for n in (*names, "version", *extra)]
        assignments = ", ".join(f"{_quoted(f.column)} = %s" for f in fields)
        sql = (
            f"UPDATE {_quoted(Member._meta.db_table)} SET {assignments} WHERE {_quoted('id')} = %s"
        )
        params = [
            (*[f.get_db_prep_save(getattr(m, f.attname), connection) for f in fields], m.pk)
            for m in members
        ]
        statements.append(_Statement(sql, params))
    return [m for ms in groups.values() for m in ms], statements, changes
