"""The mapping step of the import (issue 7, item 3): which column of an office's own
spreadsheet holds which field. Pure: no ORM, no request, no file I/O.

``propose`` finds the header row (``validate.find_header_row``: the first naming "Họ và tên" or
an alias, else the one naming most known columns), then proposes a column for each field:

1. **by header**: the folded header is a template header or an alias (``columns.HEADER_KEYS``);
   then, for the fields still free, the longest alias contained in a header as whole words
   ("Số điện thoại di động" → Điện thoại). The first column wins a field named twice;
2. **by content**, for the fields and columns still free, from the first ``SAMPLE_ROWS``
   values under the header, of which at least ``CONTENT_SHARE`` must fit: 8 digits → card
   number, 12 digits → CCCD, 10–11 digits from 0 → phone, 6 digits and a province code →
   dossier, an e-mail address, Nam/Nữ → gender, Dự bị/Chính thức → status, the code or name of
   one of the actor's cells → cell, a department's name → department, dates → the free date
   fields in the order of their median (birth, admission, official);
3. a **remembered** mapping (the one this user confirmed for a file with the same headers, by
   ``signature``) replaces both.

A missing status column gets a default chosen once for the file (``validate.STATUS_DERIVE``
proposed: a member with an official date is Chính thức, one without Dự bị); a missing cell
column one cell for the file, among the cells the user may edit. ``choose`` checks the user's
choice and turns it into the ``HeaderMap`` the reader applies (``validate.extract_rows``).
A file whose every header is the template's own (``automatic``) needs no mapping step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from dangbo.core.text import nfc
from dangbo.members.importing.columns import BY_FIELD, COLUMNS, HEADER_KEYS, header_key
from dangbo.members.importing.validate import (
    DEFAULTABLE,
    REQUIRED_FIELDS,
    STATUS_DEFAULTS,
    STATUS_DERIVE,
    HeaderMap,
    RowError,
    cell_key,
    find_header_row,
    is_numbering_row,
    is_total_row,
)
from dangbo.members.importing.values import (
    EMAIL_RE,
    GENDERS,
    STATUSES,
    CellProblem,
    blank,
    display,
    folded,
    parse_day,
)

SAMPLE_ROWS = 100  # rows under the header looked at by the content rules
SHOWN_SAMPLES = 3  # values shown beside each column on the mapping page
CONTENT_SHARE = 0.8  # share of the non-blank values that must fit a kind
DATE_FIELDS = ("date_of_birth", "admitted_on", "full_on")  # in the order of their dates
STATUS_CHOICES = (STATUS_DERIVE, *STATUS_DEFAULTS)

# What a column's values look like → the field they belong to.
KIND_FIELDS: dict[str, str] = {
    "card": "card_number",
    "citizen": "citizen_id",
    "phone": "phone",
    "dossier": "dossier_number",
    "email": "email",
    "gender": "gender",
    "status": "status",
    "cell": "organization_id",
    "department": "department_id",
}
_DOSSIER = re.compile(r"^\d{6}[A-Z]{1,3}$")
_SPACES = re.compile(r"\s+")
_CONTAINED_KEYS = sorted(HEADER_KEYS.items(), key=lambda kv: (-len(kv[0].split()), -len(kv[0])))


@dataclass(frozen=True)
class Known:
    """What the actor's own organization looks like: the codes (upper-cased) and name keys
    (``validate.cell_keys``) of the cells she may import into, and the department keys
    (``validate.department_keys``)."""

    cells: frozenset[str] = frozenset()
    departments: frozenset[str] = frozenset()


@dataclass(frozen=True)
class SourceColumn:
    index: int  # 0-based
    header: str  # as in the file (NFC); "" when the header cell is blank
    samples: tuple[str, ...]  # the first non-blank values, as shown

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass(frozen=True)
class Remembered:
    columns: Mapping[str, int]  # field → 0-based column index
    defaults: Mapping[str, str]


@dataclass(frozen=True)
class Proposal:
    header_row: int  # Excel row number of the header row
    columns: tuple[SourceColumn, ...]
    chosen: Mapping[str, int]  # field → 0-based column index
    how: Mapping[str, str]  # field → "header" · "content" · "remembered"
    defaults: Mapping[str, str] = field(default_factory=dict)
    signature: str = ""
    automatic: bool = False  # every header is the template's own: no mapping step needed
    remembered: bool = False

    @property
    def missing(self) -> tuple[str, ...]:
        """Required fields with no column proposed (those with a default included)."""
        return tuple(name for name in REQUIRED_FIELDS if name not in self.chosen)


def column_letter(index: int) -> str:
    """Excel's letters of a 0-based column index: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ---- headers ----------------------------------------------------------------------------------
def header_field(text: str) -> tuple[str | None, bool]:
    """The field a header names and whether exactly (a template header or an alias), else the
    field of the longest alias it contains as whole words."""
    key = header_key(text)
    column = HEADER_KEYS.get(key)
    if column is not None:
        return column.field, True
    padded = f" {key} "
    for alias, column in _CONTAINED_KEYS:
        if f" {alias} " in padded:
            return column.field, False
    return None, False


def signature(header_cells: Sequence[object]) -> str:
    """The same for two files whose header rows fold alike (trailing blank cells ignored)."""
    keys = [header_key(str(c)) if not blank(c) else "" for c in header_cells]
    while keys and not keys[-1]:
        keys.pop()
    return hashlib.sha256("\x1f".join(keys).encode()).hexdigest()


def header_signature(table: Sequence[Sequence[object]]) -> str | None:
    index = find_header_row(table)
    return None if index is None else signature(table[index])


# ---- content ----------------------------------------------------------------------------------
def value_kinds(value: object, known: Known) -> set[str]:
    """What a value looks like: a few kinds may fit one value (a date, digits, a cell …)."""
    if isinstance(value, dt.date):
        return {"date"}
    if isinstance(value, bool) or blank(value):
        return set()
    if isinstance(value, int | float):
        if not float(value).is_integer() or value < 0:
            return set()
        digits = str(int(value))  # Excel drops leading zeros: 01234567 → 1234567
        kinds = set()
        if len(digits) in (7, 8):
            kinds.add("card")
        if len(digits) in (11, 12):
            kinds.add("citizen")
        if len(digits) in (9, 10):
            kinds.add("phone")
        return kinds
    text = nfc(str(value))
    compact = _SPACES.sub("", text)
    kinds = set()
    if compact.isdigit():
        if len(compact) == 8:
            kinds.add("card")
        elif len(compact) == 12:
            kinds.add("citizen")
        elif len(compact) in (10, 11) and compact.startswith("0"):
            kinds.add("phone")
        return kinds
    if _DOSSIER.match(compact.upper()):
        kinds.add("dossier")
    if EMAIL_RE.match(text):
        kinds.add("email")
    key = folded(text)
    if key in GENDERS:
        kinds.add("gender")
    if key in STATUSES:
        kinds.add("status")
    if text.upper() in known.cells or cell_key(text) in known.cells:
        kinds.add("cell")
    if key in known.departments:
        kinds.add("department")
    if not kinds and _as_date(text) is not None:
        kinds.add("date")
    return kinds


def _as_date(value: object) -> dt.date | None:
    try:
        return parse_day(value, BY_FIELD["date_of_birth"])
    except CellProblem:
        return None


def column_kind(values: Sequence[object], known: Known) -> str | None:
    """The kind at least ``CONTENT_SHARE`` of the column's non-blank values fit (the most
    frequent, then the first in ``KIND_FIELDS`` order; dates last)."""
    filled = [v for v in values if not blank(v)]
    if not filled:
        return None
    counts: dict[str, int] = {}
    for value in filled:
        for kind in value_kinds(value, known):
            counts[kind] = counts.get(kind, 0) + 1
    order = [*KIND_FIELDS, "date"]
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    if ranked and ranked[0][1] >= CONTENT_SHARE * len(filled):
        return ranked[0][0]
    return None


def _median_date(values: Sequence[object]) -> dt.date:
    days = sorted(day for day in map(_as_date, values) if day is not None)
    return days[len(days) // 2]


# ---- the proposal -----------------------------------------------------------------------------
def _source_columns(
    header: Sequence[object], body: Sequence[Sequence[object]]
) -> tuple[tuple[SourceColumn, ...], dict[int, list[object]]]:
    width = max([len(header), *(len(r) for r in body)])
    values: dict[int, list[object]] = {}
    columns = []
    for index in range(width):
        column_values = [r[index] if index < len(r) else None for r in body]
        title = header[index] if index < len(header) else None
        shown = tuple(display(v) for v in column_values if not blank(v))[:SHOWN_SAMPLES]
        if blank(title) and not shown:
            continue  # a spacer column: nothing to map
        values[index] = column_values
        columns.append(SourceColumn(index, "" if blank(title) else nfc(str(title)), shown))
    return tuple(columns), values


def propose(
    table: Sequence[Sequence[object]],
    known: Known,
    remembered: Remembered | None = None,
    default_cell: str = "",
) -> Proposal | None:
    """The mapping proposed for a file; None when no header row is found."""
    index = find_header_row(table)
    if index is None:
        return None
    header = table[index]
    body = [
        row
        for row in table[index + 1 : index + 1 + SAMPLE_ROWS]
        if not is_numbering_row(row) and not is_total_row(row)
    ]
    columns, values = _source_columns(header, body)
    chosen: dict[str, int] = {}
    how: dict[str, str] = {}
    guesses = {c.index: header_field(c.header) for c in columns if c.header}
    for exact in (True, False):
        for column_index, (name, is_exact) in guesses.items():
            if name is not None and is_exact is exact and name not in chosen:
                chosen[name], how[name] = column_index, "header"
    _by_content(columns, values, known, chosen, how)
    defaults = {"status": STATUS_DERIVE, "organization_id": default_cell}
    named = [name for name, _exact in guesses.values()]
    automatic = (
        all(exact for _name, exact in guesses.values())
        and len(set(named)) == len(named)
        and all(name in named for name in REQUIRED_FIELDS)
    )
    is_remembered = False
    if remembered is not None and not automatic:
        indices = {c.index for c in columns}
        chosen = {n: i for n, i in remembered.columns.items() if n in BY_FIELD and i in indices}
        how = dict.fromkeys(chosen, "remembered")
        defaults.update({n: v for n, v in remembered.defaults.items() if n in DEFAULTABLE})
        is_remembered = True
    return Proposal(
        header_row=index + 1,
        columns=columns,
        chosen=chosen,
        how=how,
        defaults=defaults,
        signature=signature(header),
        automatic=automatic,
        remembered=is_remembered,
    )


def _by_content(
    columns: Sequence[SourceColumn],
    values: Mapping[int, Sequence[object]],
    known: Known,
    chosen: dict[str, int],
    how: dict[str, str],
) -> None:
    taken = set(chosen.values())
    dates: list[tuple[dt.date, int]] = []
    for column in columns:
        if column.index in taken:
            continue
        kind = column_kind(values[column.index], known)
        if kind == "date":
            dates.append((_median_date(values[column.index]), column.index))
        elif kind is not None and KIND_FIELDS[kind] not in chosen:
            chosen[KIND_FIELDS[kind]], how[KIND_FIELDS[kind]] = column.index, "content"
    free = [name for name in DATE_FIELDS if name not in chosen]
    for name, (_median, column_index) in zip(free, sorted(dates), strict=False):
        chosen[name], how[name] = column_index, "content"


# ---- the user's choice ------------------------------------------------------------------------
def choose(
    proposal: Proposal,
    columns: Mapping[str, str],
    defaults: Mapping[str, str],
    cell_codes: Collection[str],
) -> HeaderMap:
    """The mapping the user chose (field → column index as text, "" for none; defaults by
    field) as a HeaderMap; its ``errors`` say what to change on the mapping page."""
    by_index = {c.index: c for c in proposal.columns}
    chosen: dict[int, str] = {}
    errors: list[str] = []
    for column in COLUMNS:
        text = columns.get(column.field, "").strip()
        if not text:
            continue
        index = int(text) if text.isdigit() else -1
        if index not in by_index:
            message = _("Cột chọn cho '%(field)s' không có trong tệp. Chọn lại từ danh sách.")
            errors.append(message % {"field": column.header})
        elif index in chosen:
            message = _(
                "Cột %(column)s được chọn cho cả '%(first)s' và '%(second)s'. "
                "Mỗi cột chỉ dùng cho một mục; chọn lại một trong hai."
            )
            first = BY_FIELD[chosen[index]].header
            args = {"column": column_letter(index), "first": first, "second": column.header}
            errors.append(message % args)
        else:
            chosen[index] = column.field
    kept = _defaults(set(chosen.values()), defaults, cell_codes, errors)
    for name in REQUIRED_FIELDS:
        if name in chosen.values() or name in kept:
            continue
        header = BY_FIELD[name].header
        if name == "status":
            message = _(
                "Tệp không có cột '%(field)s'. Chọn cột chứa tình trạng, hoặc chọn bên dưới "
                "một cách ghi tình trạng cho cả tệp."
            )
        elif name == "organization_id":
            message = _(
                "Tệp không có cột chi bộ. Chọn cột chứa mã hoặc tên chi bộ, hoặc chọn bên "
                "dưới một chi bộ cho cả tệp."
            )
        else:
            message = _(
                "Chưa chọn cột cho '%(field)s' (bắt buộc). Chọn cột chứa mục này; nếu tệp "
                "không có, thêm cột đó vào tệp rồi tải lên lại."
            )
        errors.append(message % {"field": header})
    ignored = tuple(c.header for c in proposal.columns if c.index not in chosen and c.header)
    problems = tuple(RowError(0, "", "", m) for m in errors)
    return HeaderMap(proposal.header_row, chosen, ignored, problems, kept)


def _defaults(
    mapped: set[str], defaults: Mapping[str, str], cell_codes: Collection[str], errors: list[str]
) -> dict[str, str]:
    """The defaults that apply (their column is missing) and are valid."""
    kept: dict[str, str] = {}
    status = defaults.get("status", "")
    if "status" not in mapped and status in STATUS_CHOICES:
        kept["status"] = status
    cell = defaults.get("organization_id", "")
    if "organization_id" not in mapped and cell:
        if cell in cell_codes:
            kept["organization_id"] = cell
        else:
            message = _("Không có chi bộ '%(value)s' trong các chi bộ bạn được cập nhật.") + " "
            message += _("Chọn lại chi bộ trong danh sách.")
            errors.append(message % {"value": cell})
    return kept


# ---- carried in the session, remembered in the database ----------------------------------------
def header_to_json(header: HeaderMap) -> dict[str, Any]:
    return {
        "row": header.row,
        "columns": {str(i): name for i, name in header.columns.items()},
        "ignored": list(header.ignored),
        "defaults": dict(header.defaults),
    }


def header_from_json(data: Mapping[str, Any]) -> HeaderMap:
    columns = {int(i): str(name) for i, name in data["columns"].items() if str(name) in BY_FIELD}
    defaults = {str(k): str(v) for k, v in data.get("defaults", {}).items() if k in DEFAULTABLE}
    return HeaderMap(int(data["row"]), columns, tuple(data.get("ignored", ())), (), defaults)


def remembered_from_json(data: Mapping[str, Any]) -> Remembered:
    """What ``ImportMapping`` stores (``header_to_json`` of the confirmed mapping)."""
    header = header_from_json(data)
    return Remembered({name: i for i, name in header.columns.items()}, header.defaults)
