"""Validation and planning of a member spreadsheet. Pure: no ORM, no request, no file I/O.

Input: ``RawRow`` (the Excel row number and the raw cell values by field) and ``Lookups`` (plain
mappings the service builds in a few bulk queries). Output: a ``Plan`` listing every error, or
else every row as new / updated / unchanged with the exact values to write.

Rules applied to every row (any error rejects the whole file, see services.members_import):
required name, gender, admission date, status and cell; dates as real Excel dates or text
dd/mm/yyyy; card number 8 digits, citizen ID 12 digits, dossier number 6 digits + province code
(members.rules, domain-rules §6); a card number at most once in the file and never one that
belongs to a member the actor cannot edit (refused in words that do not say whose it is); the
cell must exist, be a cell and be in the actor's write scope (the service looks up only the
organizations the actor can see, so another hospital's code reads as unknown); the dates
consistent (members.rules.date_problems, Charter Art. 1) and the official date not in the future.
Every error of a row is reported in one pass, the dates' included.

An office's own file (issue 7, item 3; the mapping step is ``mapping.py``): a cell is named by
its code or by its folded name ("Chi bộ " and "Khoa "/"Phòng " optional; a name matching
several cells the actor may import into is an error listing them); a department may be named
without "Khoa "/"Phòng "; blank rows, totals lines ("Tổng cộng: 300 đảng viên") and a row of
column numbers under the header are skipped and listed (``extract_rows``); a default chosen for
a missing column (the status, derived from the official date or one for all; one cell) fills
new members only — a stored member keeps its status and cell.

Matching (re-importing the same file updates, never duplicates): by card number; without a card
number (or a card number not yet known) by (folded name, date of birth, cell).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import cast

from django.utils.translation import gettext as _

from dangbo.core.dates import format_date
from dangbo.core.text import nfc
from dangbo.members import rules as member_rules
from dangbo.members.importing.columns import BY_FIELD, COLUMNS, HEADER_KEYS, header_key
from dangbo.members.importing.values import (
    KEEP_STORED,
    CellProblem,
    blank,
    display,
    folded,
    parse_card,
    parser_for,
)

REQUIRED_FIELDS: tuple[str, ...] = tuple(c.field for c in COLUMNS if c.required)
HEADER_SEARCH_ROWS = 10  # the header row may sit under a title, within the first rows
MIN_HEADER_MATCHES = 3  # a header row without a recognised name column needs this many

# Defaults chosen once for a file that lacks the column (issue 7, item 3). For the status:
# "derive" reads it from the official date (a date → Chính thức, none → Dự bị; a future
# official date stays an error, defect 7), or one status for every row.
STATUS_DERIVE = "derive"
STATUS_DEFAULTS: dict[str, str] = {"full": "Chính thức", "probationary": "Dự bị"}
DEFAULTABLE: tuple[str, ...] = ("status", "organization_id")

NaturalKey = tuple[str, dt.date | None, int]


# ---- data -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RawRow:
    """One data row: its Excel row number (header = row 1 → first data row = 2) and the raw
    values of the columns present in the file, by field name."""

    row: int
    values: Mapping[str, object]
    # Fields whose value is the file's default (no column): they fill a new member only; a
    # stored member keeps what it has.
    defaulted: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SkippedRow:
    """A row below the header that is not a member: blank, a totals line, column numbers."""

    row: int
    reason: str  # "blank" · "total" · "numbering"


@dataclass(frozen=True)
class RowError:
    row: int  # Excel row number; 0 for the whole file
    column: str  # header as in the template; "" for the whole row or file
    value: str  # the bad value as shown to the user
    message: str  # what is wrong and what to do

    def __str__(self) -> str:
        if self.row <= 0:
            return self.message
        if not self.column:
            return _("Dòng %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Dòng %(row)d, cột '%(column)s': %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True)
class MemberData:
    """The importable values of a member, foreign keys as ids."""

    full_name: str = ""
    gender: str = ""
    date_of_birth: dt.date | None = None
    ethnicity: str = ""
    religion: str = ""
    home_town: str = ""
    card_number: str | None = None
    dossier_number: str = ""
    citizen_id: str = ""
    admitted_on: dt.date | None = None
    full_on: dt.date | None = None
    status: str = ""
    organization_id: int = 0
    department_id: int | None = None
    job_title: str = ""
    professional_title: str = ""
    military_rank: str = ""
    phone: str = ""
    email: str = ""


DATA_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(MemberData))


@dataclass(frozen=True)
class CellRef:
    id: int
    code: str
    name: str
    path: str
    is_cell: bool
    writable: bool
    dissolved: bool = False


@dataclass(frozen=True)
class DepartmentRef:
    id: int
    name: str
    owner_path: str  # path of the organization owning it (the hospital's committee)


@dataclass(frozen=True)
class ExistingMember:
    id: int
    writable: bool  # the actor may edit this member (write scope over its current cell)
    data: MemberData


@dataclass(frozen=True)
class Lookups:
    cells: Mapping[str, CellRef]  # by code, exact and upper-cased
    departments: Mapping[str, Sequence[DepartmentRef]]  # by folded name
    members: Sequence[ExistingMember]  # every member the file could match
    today: dt.date
    cell_names: Mapping[str, Sequence[CellRef]] = field(default_factory=dict)  # by cell_key


@dataclass(frozen=True)
class PlannedRow:
    row: int
    action: str  # "new" · "update" · "same"
    data: MemberData
    member_id: int | None = None
    changed: tuple[str, ...] = ()  # fields that differ from the stored member
    cell_code: str = ""
    department_name: str = ""


@dataclass
class Plan:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)


# ---- headers --------------------------------------------------------------------------------
@dataclass(frozen=True)
class HeaderMap:
    row: int  # Excel row number of the header row
    columns: Mapping[int, str]  # 0-based column index → field
    ignored: tuple[str, ...]
    errors: tuple[RowError, ...]
    defaults: Mapping[str, str] = field(default_factory=dict)  # field → default (no column)


def find_header_row(top_rows: Sequence[Sequence[object]]) -> int | None:
    """The 0-based index of the header row among the first rows: the first naming "Họ và tên"
    (or an alias), else the one naming most known columns (at least ``MIN_HEADER_MATCHES``)."""
    best, best_count = None, MIN_HEADER_MATCHES - 1
    for index, cells in enumerate(top_rows[:HEADER_SEARCH_ROWS]):
        found = [HEADER_KEYS.get(header_key(str(c))) for c in cells if not blank(c)]
        if BY_FIELD["full_name"] in found:
            return index
        count = sum(1 for c in found if c is not None)
        if count > best_count:
            best, best_count = index, count
    return best


def no_header_error() -> RowError:
    message = _("Không tìm thấy dòng tiêu đề có cột 'Họ và tên'.") + " "
    message += _("Hãy dùng tệp mẫu và giữ nguyên dòng tiêu đề.")
    return RowError(0, "", "", message)


def map_headers(top_rows: Sequence[Sequence[object]]) -> HeaderMap:
    """Find the header row among the first rows (see ``find_header_row``) and map it by the
    template's headers and their aliases."""
    index = find_header_row(top_rows)
    if index is not None:
        return _map_header_row(index + 1, top_rows[index])
    return HeaderMap(1, {}, (), (no_header_error(),))


def _map_header_row(row: int, cells: Sequence[object]) -> HeaderMap:
    columns: dict[int, str] = {}
    seen: dict[str, int] = {}
    ignored: list[str] = []
    errors: list[RowError] = []
    for index, cell in enumerate(cells):
        if blank(cell):
            continue
        column = HEADER_KEYS.get(header_key(str(cell)))
        if column is None:
            ignored.append(nfc(str(cell)))
        elif column.field in seen:
            errors.append(
                RowError(row, column.header, nfc(str(cell)), _("Cột này có hai lần. Xóa một cột."))
            )
        else:
            seen[column.field] = index
            columns[index] = column.field
    for name in REQUIRED_FIELDS:
        if name not in seen:
            header = BY_FIELD[name].header
            errors.append(
                RowError(
                    row, header, "", _("Thiếu cột bắt buộc này. Dùng tệp mẫu để có đủ các cột.")
                )
            )
    return HeaderMap(row, columns, tuple(ignored), tuple(errors))


# A totals line: "Tổng cộng: 300 đảng viên", "Tổng số 300", "Cộng: 300" (folded). A bare
# "tong"/"cong" must be followed by ":" or a number, or end the cell: "Tống" is a family name.
_TOTAL = re.compile(r"^(?:tong cong|tong so)\b|^(?:tong|cong)\s*(?::|\d|$)")
_TOTAL_INITIALS = "TtCc"
_COLUMN_NUMBER = re.compile(r"^\(?\d{1,2}\)?$")


def is_total_row(cells: Sequence[object]) -> bool:
    return any(isinstance(c, str) and _TOTAL.match(folded(c)) for c in cells)


def is_numbering_row(cells: Sequence[object]) -> bool:
    """The row of column numbers ("1", "2", "(3)" …) official forms put under the header."""
    filled = [c for c in cells if not blank(c)]
    return len(filled) >= MIN_HEADER_MATCHES and all(
        (isinstance(c, int | float) and not isinstance(c, bool) and float(c).is_integer())
        or (isinstance(c, str) and _COLUMN_NUMBER.match(c.strip()) is not None)
        for c in filled
    )


def _default_values(header: HeaderMap) -> tuple[dict[str, object], bool]:
    """The fixed values a row gets for the columns the file lacks, and whether the status is
    derived from the official date."""
    fixed: dict[str, object] = {}
    derive = False
    for name, value in header.defaults.items():
        if name in header.columns.values():
            continue  # a column wins over a default
        if name == "status" and value == STATUS_DERIVE:
            derive = True
        else:
            fixed[name] = STATUS_DEFAULTS.get(value, value) if name == "status" else value
    return fixed, derive


def extract_rows(
    table: Sequence[Sequence[object]], header: HeaderMap
) -> tuple[list[RawRow], list[SkippedRow]]:
    """Data rows below the header row (Excel row numbers kept), with the file's defaults; blank
    rows, totals lines and a row of column numbers right under the header are skipped and
    listed."""
    rows: list[RawRow] = []
    skipped: list[SkippedRow] = []
    columns = list(header.columns.items())
    fixed, derive = _default_values(header)
    defaulted = frozenset(fixed) | ({"status"} if derive else set())
    first = True
    for offset, cells in enumerate(table[header.row :]):
        number = header.row + 1 + offset
        width = len(cells)
        values = {name: cells[i] if i < width else None for i, name in columns}
        if first and is_numbering_row(cells):
            skipped.append(SkippedRow(number, "numbering"))
            continue
        name = values.get("full_name")
        if blank(name):  # the totals text may stand in any column, counts under the others
            if is_total_row(cells):
                skipped.append(SkippedRow(number, "total"))
                continue
            if all(blank(v) for v in values.values()):
                skipped.append(SkippedRow(number, "blank"))
                continue
        elif (
            isinstance(name, str)
            and name.lstrip()[:1] in _TOTAL_INITIALS  # only then fold the name: it costs
            and is_total_row((name,))
        ):
            skipped.append(SkippedRow(number, "total"))
            continue
        first = False
        if defaulted:
            values.update(fixed)
            if derive:
                full = not blank(values.get("full_on"))
                values["status"] = STATUS_DEFAULTS["full" if full else "probationary"]
        rows.append(RawRow(number, values, defaulted))
    return rows, skipped


def rows_from_table(
    table: Sequence[Sequence[object]], header: HeaderMap | None = None
) -> tuple[list[RawRow], HeaderMap]:
    """Data rows below the header row (found and mapped by ``map_headers`` unless given);
    skipped rows are not returned (see ``extract_rows``)."""
    header = map_headers(table) if header is None else header
    if header.errors:
        return [], header
    return extract_rows(table, header)[0], header


# ---- lookups ------------------------------------------------------------------------------
_NAME_NOISE = re.compile(r"[\s\-–—_.,:;]+")
_CELL_PREFIX = "chi bo "
_UNIT_PREFIXES = ("khoa ", "phong ")


@functools.lru_cache(maxsize=65536)
def cell_key(name: str) -> str:
    """A cell name as matched: folded, punctuation as spaces, without "Chi bộ ":
    "Chi bộ Khoa Nội" → "khoa noi"."""
    key = _NAME_NOISE.sub(" ", folded(name)).strip()
    return key.removeprefix(_CELL_PREFIX)


def _unit_keys(key: str) -> tuple[str, ...]:
    """A key, and the same without a leading "khoa "/"phòng " when it has one."""
    for prefix in _UNIT_PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix):
            return (key, key.removeprefix(prefix))
    return (key,)


def cell_keys(name: str) -> tuple[str, ...]:
    """The keys a stored cell is found by: "Chi bộ Khoa Nội" by "khoa noi" and "noi" (so
    "Chi bộ Khoa Nội", "Khoa Nội" and "Nội" in a file all name it)."""
    return _unit_keys(cell_key(name))


def department_keys(name: str) -> tuple[str, ...]:
    """The keys a stored department is found by: its folded name, and without "Khoa "/
    "Phòng " ("Nội tổng hợp" names "Khoa Nội tổng hợp")."""
    return _unit_keys(folded(name))


def _cell_by_name(value: str, names: Mapping[str, Sequence[CellRef]]) -> CellRef | None:
    """The cell a name means: the one active cell the actor may write among those so named;
    several → an error listing them; none writable → the first, for find_cell to explain."""
    found = names.get(cell_key(value), ())
    usable = [c for c in found if c.is_cell and c.writable and not c.dissolved]
    if len(usable) > 1:
        listed = ", ".join(f"{c.name} ({c.code})" for c in usable)
        message = _("Có %(n)d chi bộ cùng tên '%(value)s': %(cells)s.") + " "
        message += _("Ghi mã chi bộ thay cho tên.")
        raise CellProblem(message % {"n": len(usable), "value": value, "cells": listed})
    return usable[0] if usable else (found[0] if found else None)


def find_cell(
    value: object,
    cells: Mapping[str, CellRef],
    names: Mapping[str, Sequence[CellRef]] | None = None,
) -> CellRef:
    """The cell a file names, by code (as typed or upper-cased) or else by name."""
    code = display(value).strip()
    if not code:
        raise CellProblem(_("Thiếu mã chi bộ. Xem mã trong trang 'Danh mục' của tệp mẫu."))
    cell = cells.get(code) or cells.get(code.upper()) or _cell_by_name(code, names or {})
    args = {"value": code, "name": cell.name if cell else ""}
    if cell is None and " " in code:  # a name: unknown or outside the actor's scope (defect 13)
        message = (
            _("Không có chi bộ nào tên '%(value)s' trong phạm vi bạn được cập nhật.")
            + " "
            + _(
                "Ghi mã chi bộ (xem trang 'Danh mục' của tệp mẫu) hoặc tên đúng như trong hệ thống."
            )
        )
    elif cell is None:  # unknown, or outside what the actor can see: said the same (defect 13)
        message = (
            _("Không có chi bộ nào mã '%(value)s' trong phạm vi bạn được cập nhật.")
            + " "
            + _("Xem mã trong trang 'Danh mục' của tệp mẫu.")
        )
    elif not cell.is_cell:
        message = _("'%(value)s' là mã của %(name)s, không phải chi bộ. Nhập mã một chi bộ.")
    elif not cell.writable:
        message = (
            _("Bạn không có quyền cập nhật %(name)s (mã '%(value)s').")
            + " "
            + _("Chỉ nhập đảng viên vào chi bộ bạn phụ trách.")
        )
    elif cell.dissolved:
        message = _("%(name)s (mã '%(value)s') đã giải thể. Chọn chi bộ đang hoạt động.")
    else:
        return cell
    raise CellProblem(message % args)


def find_department(
    value: object, cell: CellRef, departments: Mapping[str, Sequence[DepartmentRef]]
) -> DepartmentRef | None:
    """By name, among the departments of the organizations above the cell; diacritics and case
    may differ from the stored name when that leaves only one department."""
    name = display(value).strip()
    if not name:
        return None
    found = departments.get(folded(name), ())
    candidates = [d for d in found if cell.path.startswith(d.owner_path)]
    exact = [d for d in candidates if d.name.casefold() == name.casefold()]
    if len(exact) == 1:
        return exact[0]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        message = _("Có nhiều khoa/phòng tên gần giống '%(value)s'. Gõ đúng tên có dấu.")
    else:
        message = (
            _("Không có khoa/phòng '%(value)s' trong đảng bộ của chi bộ này.")
            + " "
            + _("Xem tên trong trang 'Danh mục' hoặc để trống.")
        )
    raise CellProblem(message % {"value": name})


# ---- one row --------------------------------------------------------------------------------
@dataclass
class ParsedRow:
    row: int
    values: dict[str, object]  # parsed values of the columns present and valid
    errors: list[RowError]
    cell: CellRef | None = None
    department: DepartmentRef | None = None


# Each field's column and parser, looked up once rather than for each of 100,000 × 19 cells.
_FIELD_PARSERS = {c.field: (c, parser_for(c.field)) for c in COLUMNS}


# A parsed value, or the problem it raised, per (field, type, raw value): a file repeats most of
# its values (gender, status, cell, department, titles, dates), and a dictionary look-up costs a
# tenth of parsing again (100,000 rows × 19 columns validated in 8.2 s before, measured in
# bench/import_bench.py on the 2-core CI machine; see the README for the figure after).
Memo = dict[str, dict[object, object]]  # field → raw value (or (type, value)) → result
_MISSING = object()


@dataclass(frozen=True)
class _Refused:
    message: str  # the CellProblem a value raised


def _parse_value(name: str, value: object, lookups: Lookups, cell: CellRef | None) -> object:
    """The parsed value of one cell, or ``_Refused`` with the problem's message."""
    try:
        if name == "organization_id":
            return find_cell(value, lookups.cells, lookups.cell_names)
        if name == "department_id":
            assert cell is not None  # parse_row asks for a department only under a known cell
            return find_department(value, cell, lookups.departments)
        column, parse = _FIELD_PARSERS[name]
        return parse(value, column)
    except CellProblem as problem:
        return _Refused(str(problem))


def parse_row(raw: RawRow, lookups: Lookups, memo: Memo | None = None) -> ParsedRow:
    """The row's values parsed, and every problem of its cells. ``memo`` (one per file) keeps
    what each distinct value of a column gave: parsing is then one dictionary look-up for most
    cells (inlined here: a function call per cell is a third of the cost at 1.9 million cells)."""
    memo = {} if memo is None else memo
    parsed = ParsedRow(raw.row, {}, [])
    values = parsed.values
    department_value = _MISSING
    for name, value in raw.values.items():
        if name == "department_id":
            department_value = value  # looked up under the row's cell, after the loop
            continue
        seen = memo.get(name)
        if seen is None:
            seen = memo[name] = {}
        key = value if value.__class__ is str else (value.__class__, value)
        found = seen.get(key, _MISSING)
        if found is _MISSING:
            found = seen[key] = _parse_value(name, value, lookups, None)
        if found.__class__ is _Refused:
            header = _FIELD_PARSERS[name][0].header
            message = found.message
            parsed.errors.append(RowError(raw.row, header, display(value), message))
        elif name == "organization_id":
            parsed.cell = cast(CellRef, found)
            values[name] = parsed.cell.id
        else:
            values[name] = found
    if department_value is not _MISSING and parsed.cell is not None:
        cell = parsed.cell
        seen = memo.setdefault(f"department_id:{cell.id}", {})
        value = department_value
        key = value if value.__class__ is str else (value.__class__, value)
        found = seen.get(key, _MISSING)
        if found is _MISSING:
            found = seen[key] = _parse_value("department_id", value, lookups, cell)
        if found.__class__ is _Refused:
            header = BY_FIELD["department_id"].header
            message = found.message
            parsed.errors.append(RowError(raw.row, header, display(value), message))
        else:
            parsed.department = cast(DepartmentRef | None, found)
            values["department_id"] = parsed.department.id if parsed.department else None
    return parsed


def natural_key(full_name: str, date_of_birth: dt.date | None, organization_id: int) -> NaturalKey:
    return (folded(full_name), date_of_birth, organization_id)


@dataclass
class _Index:
    by_card: dict[str, ExistingMember]
    by_key: dict[NaturalKey, list[ExistingMember]]


def index_members(members: Iterable[ExistingMember]) -> _Index:
    index = _Index({}, {})
    for m in members:
        if m.data.card_number:
            index.by_card[m.data.card_number] = m
        key = natural_key(m.data.full_name, m.data.date_of_birth, m.data.organization_id)
        index.by_key.setdefault(key, []).append(m)
    return index


def _date_errors(row: int, data: MemberData, today: dt.date) -> list[RowError]:
    problems = member_rules.date_problems(
        date_of_birth=data.date_of_birth,
        admitted_on=data.admitted_on,
        full_on=data.full_on,
        today=today,
    )
    errors: list[RowError] = []
    for name, message in problems:
        value = getattr(data, name)
        fix = _("Sửa lại các ngày cho khớp nhau.")
        errors.append(RowError(row, BY_FIELD[name].header, format_date(value), f"{message} {fix}"))
    if data.full_on and data.full_on > today:  # recognition as full member is never ahead
        shown = format_date(data.full_on)
        message = _("Ngày chính thức %(value)s ở tương lai.") % {"value": shown} + " "
        message += _("Đảng viên chưa được công nhận chính thức thì ghi 'Dự bị' và để trống ô này.")
        errors.append(RowError(row, BY_FIELD["full_on"].header, shown, message))
    return errors


def _changed(old: MemberData, new: MemberData) -> tuple[str, ...]:
    return tuple(n for n in DATA_FIELDS if getattr(old, n) != getattr(new, n))


# ---- the whole file -------------------------------------------------------------------------
@dataclass
class _State:
    index: _Index
    cards: dict[str, int] = field(default_factory=dict)  # card → first row using it
    keys: dict[NaturalKey, int] = field(default_factory=dict)  # natural key → first row
    claimed: dict[int, int] = field(default_factory=dict)  # member id → row updating it
    memo: Memo = field(default_factory=dict)  # parse_row's values already parsed in this file


def _match(parsed: ParsedRow, state: _State) -> tuple[ExistingMember | None, list[RowError]]:
    """The stored member this row updates (or None: a new member), checking duplicates."""
    row, values = parsed.row, parsed.values
    card = values.get("card_number")
    card_header = BY_FIELD["card_number"].header
    errors: list[RowError] = []
    if isinstance(card, str):
        first = state.cards.setdefault(card, row)
        if first != row:
            message = _(
                "Số thẻ này trùng với dòng %(first)d trong tệp. Mỗi số thẻ chỉ ghi một lần."
            )
            errors.append(RowError(row, card_header, card, message % {"first": first}))
        existing = state.index.by_card.get(card)
        if existing is not None and not existing.writable:
            # The same words whoever holds the card: neither who nor where. (That the number
            # is taken cannot be hidden while card numbers are unique.)
            message = _("Không nhận số thẻ '%(value)s'.") + " "
            message += _("Kiểm tra lại số thẻ; nếu số đúng, liên hệ Văn phòng Đảng ủy.")
            errors.append(RowError(row, card_header, card, message % {"value": card}))
            return None, errors
        if existing is not None:
            return _claim(existing, row, state, errors)
    name, cell_id = values.get("full_name"), values.get("organization_id")
    if not isinstance(name, str) or not isinstance(cell_id, int):
        return None, errors
    if card is not None and not state.index.by_key:
        return None, errors  # nothing stored could match: skip the key (a fresh import)
    dob = values.get("date_of_birth")
    key = natural_key(name, dob if isinstance(dob, dt.date) else None, cell_id)
    # A card number the database does not know yet may complete a member stored without one.
    found = state.index.by_key.get(key, [])
    candidates = [m for m in found if card is None or not m.data.card_number]
    if card is None and state.keys.setdefault(key, row) != row:
        message = _("Trùng họ tên, ngày sinh và chi bộ với dòng %(first)d trong tệp.") + " "
        message += _("Nhập số thẻ đảng viên để phân biệt, hoặc xóa dòng trùng.")
        header = BY_FIELD["full_name"].header
        errors.append(RowError(row, header, name, message % {"first": state.keys[key]}))
    if len(candidates) > 1:
        message = _("Có %(n)d đảng viên cùng họ tên, ngày sinh ở chi bộ này.") + " "
        message += _("Nhập số thẻ đảng viên để xác định đúng người.")
        errors.append(RowError(row, card_header, "", message % {"n": len(candidates)}))
        return None, errors
    return _claim(candidates[0], row, state, errors) if candidates else (None, errors)


def _claim(
    existing: ExistingMember, row: int, state: _State, errors: list[RowError]
) -> tuple[ExistingMember | None, list[RowError]]:
    first = state.claimed.setdefault(existing.id, row)
    if first != row:
        message = _("Dòng này và dòng %(first)d cùng là một đảng viên. Xóa một trong hai dòng.")
        errors.append(RowError(row, "", "", message % {"first": first}))
    return existing, errors


def _merge(
    parsed: ParsedRow, existing: ExistingMember | None, defaulted: frozenset[str] = frozenset()
) -> MemberData:
    values = dict(parsed.values)
    masked_id = values.get("citizen_id") == KEEP_STORED
    if existing is None:
        if masked_id:
            values["citizen_id"] = ""  # a masked number tells nothing about a new member
        return MemberData(**values)  # type: ignore[arg-type]
    if masked_id:
        values.pop("citizen_id")  # the masked export's number keeps the stored one
    for name in defaulted:
        values.pop(name, None)  # a default for the file fills new members only
    if values.get("card_number") is None:
        values.pop("card_number", None)  # a blank card number never erases the stored one
    return replace(existing.data, **values)  # type: ignore[arg-type]


def plan_row(
    raw: RawRow, lookups: Lookups, state: _State
) -> tuple[PlannedRow | None, list[RowError]]:
    parsed = parse_row(raw, lookups, state.memo)
    existing, match_errors = _match(parsed, state)
    errors = parsed.errors + match_errors
    # Every error of the row at once: the dates are checked even when another cell is wrong
    # (then on the row's own values only, not merged with a member it may not be).
    data = _merge(parsed, None if errors else existing, raw.defaulted)
    errors += _date_errors(raw.row, data, lookups.today)
    if errors:
        return None, errors
    cell_code = parsed.cell.code if parsed.cell else ""
    dept_name = parsed.department.name if parsed.department else ""
    if existing is None:
        return PlannedRow(raw.row, "new", data, None, DATA_FIELDS, cell_code, dept_name), []
    changed = _changed(existing.data, data)
    action = "update" if changed else "same"
    return PlannedRow(raw.row, action, data, existing.id, changed, cell_code, dept_name), []


def plan_import(rows: Sequence[RawRow], lookups: Lookups) -> Plan:
    """Validate every row (collecting all errors) and decide what each row does."""
    plan = Plan()
    state = _State(index_members(lookups.members))
    for raw in rows:
        planned, errors = plan_row(raw, lookups, state)
        if errors:
            plan.errors.extend(errors)
        else:
            assert planned is not None  # plan_row returns a row whenever it finds no error
            plan.rows.append(planned)
    if not rows and not plan.errors:
        message = _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề. Nhập mỗi đảng viên một dòng.")
        plan.errors.append(RowError(0, "", "", message))
    return plan


def referenced(rows: Iterable[RawRow]) -> tuple[set[str], set[str]]:
    """Cell codes and valid card numbers the file mentions, for the service's bulk lookups."""
    codes: set[str] = set()
    cards: set[str] = set()
    card_column = BY_FIELD["card_number"]
    for raw in rows:
        code = display(raw.values.get("organization_id")).strip()
        if code:
            codes.update((code, code.upper()))
        try:
            card = parse_card(raw.values.get("card_number"), card_column)
        except CellProblem:
            continue
        if card:
            cards.add(card)
    return codes, cards


def initial_status(data: MemberData, today: dt.date) -> tuple[str, dt.date]:
    """The status-history row of a new member, one like services.member_create writes: the
    status and the day it began (recognition as full member, else admission; today for a
    member imported as transferred, deceased or removed)."""
    if data.status == "full" and data.full_on:
        return ("full", data.full_on)
    if data.status in ("full", "probationary"):
        return (data.status, data.admitted_on or today)
    return (data.status, today)
