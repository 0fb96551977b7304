"""Reading an uploaded workbook with python-calamine (about ten times faster than openpyxl).

The sheet named "Đảng viên" is read, or else the first sheet. Rows keep their Excel numbers:
the header is normally row 1, so the first data row is row 2.

Size limits come first (issue 7, defect 9). calamine builds a sheet as a dense grid from A1 to
its farthest non-empty cell, so a 1.5 KB file with one cell at XFD1048576 asks for 17 billion
cells (about 512 GB) and the process aborts — no ``except`` can catch that. So before calamine
opens the file, ``package_problem`` reads the zip itself:

- only an xlsx package (``xl/workbook.xml``; entries stored or deflated, not encrypted, no
  name twice) is accepted;
- every entry is inflated in 1 MB steps from its raw data to the end of its deflate stream
  (not trusting the declared sizes) and the package may not exceed ``MAX_XML_BYTES``;
- every sheet part (``xl/worksheets/``, ``xl/chartsheets/``, ``xl/dialogsheets/``: the only
  places calamine reads a sheet from) is scanned for the farthest non-empty cell. A cell
  written the usual way (Excel, LibreOffice, openpyxl), ``<c r="B12" …>`` with a small
  reference, passes one regular expression untouched: the whole check costs 0.7 s beside
  calamine's 1.8 s for 100,000 rows × 19 columns (measured). Any other cell start (a large
  reference, no ``r``, a second ``r``, a namespace prefix, odd spacing) is looked at precisely,
  and a part with a cell whose position only a parser can tell (no ``r``, a prefix) is parsed
  with expat, keeping calamine's rules for implicit positions (row after row, column after
  column; where they differ, the larger).

A sheet reaching past ``MAX_SHEET_ROWS`` rows or ``MAX_COLUMNS`` columns is refused with a
Vietnamese message before calamine reads it; so is a file with more than ``MAX_ROWS`` data rows.
A file given as a file object is copied to a temporary ``.xlsx`` first, so that calamine picks
its reader by the extension (xlsx) rather than by sniffing the content (xls, ods …).
"""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.parsers import expat

import python_calamine
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from dangbo.members.importing.columns import SHEET_MEMBERS
from dangbo.members.importing.validate import (
    HEADER_SEARCH_ROWS,
    HeaderMap,
    RawRow,
    RowError,
    SkippedRow,
    extract_rows,
    map_headers,
)

MAX_ROWS = 100_000  # data rows (members) in one file
MAX_COLUMNS = 60  # the template has 19; an office's own file may have a few more
MAX_SHEET_ROWS = MAX_ROWS + HEADER_SEARCH_ROWS  # the header may sit under a title
MAX_XML_BYTES = 512 * 1024 * 1024  # the whole package, uncompressed
_STEP = 1 << 20  # bytes inflated at a time
_MAX_CARRY = 64 * 1024  # an unfinished tag kept for the next step
_SHEET_DIRS = ("xl/worksheets/", "xl/chartsheets/", "xl/dialogsheets/")


def _columns_pattern(limit: int) -> str:
    """A regular expression for the column letters A … up to ``limit`` (at most 702, ZZ)."""
    alternatives = []
    if limit >= 26:
        alternatives.append("[A-Z]")
    else:
        alternatives.append(f"[A-{chr(64 + limit)}]")
    full, rest = divmod(limit - 26, 26) if limit > 26 else (0, 0)
    if full:
        alternatives.append(f"[A-{chr(64 + full)}][A-Z]")
    if rest:
        alternatives.append(f"{chr(65 + full)}[A-{chr(64 + rest)}]")
    return "(?:" + "|".join(alternatives) + ")"


# The usual cell start: a reference within the limits, then attributes none of which is "r".
_ROW_DIGITS = len(str(MAX_SHEET_ROWS)) - 1  # every row number of this many digits is allowed
_SMALL_REF = _columns_pattern(MAX_COLUMNS) + rf"\d{{1,{_ROW_DIGITS}}}"
_ODD_CELL = re.compile(
    rb'<c(?! r="' + _SMALL_REF.encode() + rb'"[^<>=]*(?:(?<![r\s])=[^<>=]*)*>)[\s/>]'
)
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
_ATTRIBUTE = re.compile(rb"""([^\s=/<>"']+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")
_REF = re.compile(r"([A-Za-z]+)(\d+)")


class _Unreadable(Exception):
    """Not an xlsx package calamine could read safely."""


class _TooLarge(Exception):
    def __init__(self, error: RowError) -> None:
        super().__init__(error.message)
        self.error = error


@dataclass
class Sheet:
    rows: list[RawRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # file-level: unreadable, headers
    ignored_columns: list[str] = field(default_factory=list)
    header_row: int = 1
    skipped: list[SkippedRow] = field(default_factory=list)  # blank and totals rows


@dataclass
class Table:
    """The cells of the members' sheet as calamine reads them, or why it could not be read."""

    rows: Sequence[Sequence[object]] = field(default_factory=list)
    error: RowError | None = None


# ---- limits ---------------------------------------------------------------------------------
def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def rows_error(rows: int) -> RowError:
    message = _("Tệp có %(rows)s dòng, vượt giới hạn %(limit)s dòng mỗi lần nhập.") + " "
    message += _("Hãy tách thành nhiều tệp nhỏ hơn rồi nhập lần lượt.")
    return RowError(0, "", "", message % {"rows": _number(rows), "limit": _number(MAX_ROWS)})


def columns_error(columns: int) -> RowError:
    message = _("Tệp có %(columns)s cột, vượt giới hạn %(limit)s cột.") + " "
    message += _("Hãy xóa các cột không dùng (cả những ô ở xa bên phải) rồi tải lên lại.")
    values = {"columns": _number(columns), "limit": _number(MAX_COLUMNS)}
    return RowError(0, "", "", message % values)


def _bytes_error() -> RowError:
    message = _("Tệp sau khi giải nén lớn hơn %(limit)s MB, vượt giới hạn.") + " "
    message += _("Hãy tách thành nhiều tệp nhỏ hơn rồi nhập lần lượt.")
    return RowError(0, "", "", message % {"limit": _number(MAX_XML_BYTES // (1024 * 1024))})


def _unreadable_error() -> RowError:
    message = _("Không đọc được tệp.") + " "
    message += _("Hãy lưu tệp dạng Excel Workbook (.xlsx) rồi tải lên lại.")
    return RowError(0, "", "", message)


def _cell_position(ref: str) -> tuple[int, int]:
    """(row, column), both from 1, of a reference such as "B12" (calamine accepts lower case)."""
    match = _REF.fullmatch(ref)
    if match is None:
        raise _Unreadable(ref)
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


@dataclass
class _Extent:
    """The farthest non-empty cell seen: row and column numbers from 1."""

    rows: int = 0
    columns: int = 0

    def add(self, row: int, column: int) -> None:
        self.rows = max(self.rows, row)
        self.columns = max(self.columns, column)

    def check(self) -> None:
        if self.rows > MAX_SHEET_ROWS:
            raise _TooLarge(rows_error(self.rows))
        if self.columns > MAX_COLUMNS:
            raise _TooLarge(columns_error(self.columns))


class _CellScan:
    """The farthest cells of a sheet part from its raw XML, fed in steps; ``parse`` is set
    when a cell's position depends on its neighbours and only a parser can tell it."""

    def __init__(self, extent: _Extent) -> None:
        self.extent = extent
        self.parse = False
        self._carry = b""

    def feed(self, data: bytes) -> None:
        if self.parse:
            return
        buffer = self._carry + data
        cut = buffer.rfind(b"<")  # tags never span the cut: each ends before the next "<"
        if cut < 0 or len(buffer) - cut > _MAX_CARRY:
            cut = len(buffer)
        self._scan(buffer, cut)
        self._carry = buffer[cut:]

    def close(self) -> None:
        if not self.parse:
            self._scan(self._carry, len(self._carry))

    def _scan(self, buffer: bytes, end: int) -> None:
        if _PREFIXED_CELL.search(buffer, 0, end):
            self.parse = True
            return
        for match in _ODD_CELL.finditer(buffer, 0, end):
            close = buffer.find(b">", match.start())
            if close < 0:
                self.parse = True
                return
            tag = buffer[match.start() + 2 : close]
            if tag.endswith(b"/"):
                continue  # <c …/>: calamine skips empty elements
            attributes = _ATTRIBUTE.findall(tag)
            refs = [double or single for name, double, single in attributes if name == b"r"]
            if not refs or _ATTRIBUTE.sub(b"", tag).strip():
                self.parse = True  # no reference, or attributes only a parser can read
                return
            if buffer.startswith(b"</c>", close + 1):
                continue  # <c …></c> holds no value
            try:
                ref = refs[-1].decode("ascii")  # calamine keeps the last "r"
            except UnicodeDecodeError:
                raise _Unreadable(refs[-1]) from None
            self.extent.add(*_cell_position(ref))


def _parse_cells(chunks: Iterator[bytes], extent: _Extent) -> None:
    """Cell positions as calamine assigns them: a cell without "r" follows the previous cell of
    its row; a row without "r" follows the previous row. Conservative where they differ."""
    state = {"row": 0, "column": 0, "depth": -1, "filled": 0}  # depth -1: outside a cell
    cell = [0, 0]

    def start(name: str, attributes: dict[str, str]) -> None:
        if state["depth"] >= 0:
            state["depth"] += 1
            state["filled"] = 1
            return
        local = name.rpartition(":")[2]
        if local == "row" and "r" in attributes:
            digits = attributes["r"].strip()
            if not digits.isdigit():
                raise _Unreadable(digits)
            state["row"] = int(digits) - 1
        elif local == "c":
            if "r" in attributes:
                row, column = _cell_position(attributes["r"])
                cell[:] = [row - 1, column - 1]
                state["column"] = column - 1
            else:
                cell[:] = [state["row"], state["column"]]
            state["depth"], state["filled"] = 0, 0

    def end(name: str) -> None:
        if state["depth"] > 0:
            state["depth"] -= 1
        elif state["depth"] == 0:
            if state["filled"]:
                extent.add(cell[0] + 1, cell[1] + 1)
            state["depth"] = -1
            state["column"] += 1
        elif name.rpartition(":")[2] == "row":
            state["row"] += 1
            state["column"] = 0

    def no_doctype(*_args: object) -> None:
        raise _Unreadable("DOCTYPE")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = no_doctype
    parser.EntityDeclHandler = no_doctype
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
            extent.check()
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise _Unreadable("xml") from None


def _inflated(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """An entry's content to the end of its compressed data, whatever size it declares."""
    raw = copy.copy(info)
    raw.compress_type = zipfile.ZIP_STORED
    raw.file_size = info.compress_size
    del raw.CRC  # the raw bytes have no CRC to check; zipfile then skips the check
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    with package.open(raw) as stream:
        while block := stream.read(_STEP):
            if info.compress_type == zipfile.ZIP_STORED:
                yield block
                continue
            while block and not inflater.eof:
                yield inflater.decompress(block, _STEP)
                block = inflater.unconsumed_tail
            if inflater.eof:
                return
        if info.compress_type != zipfile.ZIP_STORED:
            yield inflater.flush()


def _check_package(package: zipfile.ZipFile) -> None:
    infos = [i for i in package.infolist() if not i.is_dir()]
    names = [i.filename.replace("\\", "/") for i in infos]
    if "xl/workbook.xml" not in names or len(set(names)) != len(names):
        raise _Unreadable("not an xlsx package")
    total = 0
    for info, name in zip(infos, names, strict=True):
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise _Unreadable(name)
        extent = _Extent()
        scan = _CellScan(extent) if name.startswith(_SHEET_DIRS) else None
        for chunk in _inflated(package, info):
            total += len(chunk)
            if total > MAX_XML_BYTES:
                raise _TooLarge(_bytes_error())
            if scan is not None:
                scan.feed(chunk)
                extent.check()
        if scan is not None:
            scan.close()
            if scan.parse:
                _parse_cells(_inflated(package, info), extent)
            extent.check()


def package_problem(path: str | Path) -> RowError | None:
    """Why the file may not be given to calamine (too large, not an xlsx), or None."""
    try:
        with zipfile.ZipFile(path) as package:
            _check_package(package)
    except _TooLarge as exc:
        return exc.error
    except Exception:  # a broken or hostile zip, whatever zipfile, zlib or expat raise
        return _unreadable_error()
    return None


# ---- reading --------------------------------------------------------------------------------
def read_table(source: str | Path | IO[bytes]) -> Table:
    """The cells of the sheet "Đảng viên" (else the first sheet), after the size checks."""
    if isinstance(source, str | Path):
        return _read_table_path(Path(source))
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as copied:
        shutil.copyfileobj(source, copied)
        copied.flush()
        return _read_table_path(Path(copied.name))


def _read_table_path(path: Path) -> Table:
    problem = package_problem(path)
    if problem is not None:
        return Table(error=problem)
    try:
        with python_calamine.CalamineWorkbook.from_path(path) as workbook:
            names = workbook.sheet_names
            if not names:
                raise ValueError("no sheet")
            name = SHEET_MEMBERS if SHEET_MEMBERS in names else names[0]
            table = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception:  # calamine raises several error types for a broken or foreign file
        return Table(error=_unreadable_error())
    return Table(table)


def sheet_from_table(table: Sequence[Sequence[object]], header: HeaderMap | None = None) -> Sheet:
    """The member rows of a table read by ``read_table``, by the mapping chosen on the mapping
    step, or else by the template's headers (``validate.map_headers``)."""
    header = map_headers(table) if header is None else header
    if header.errors:
        return Sheet(errors=list(header.errors), header_row=header.row)
    rows, skipped = extract_rows(table, header)
    if len(rows) > MAX_ROWS:
        return Sheet(errors=[rows_error(len(rows))], header_row=header.row)
    return Sheet(rows, [], list(header.ignored), header.row, skipped)


def read_workbook(source: str | Path | IO[bytes], header: HeaderMap | None = None) -> Sheet:
    table = read_table(source)
    if table.error is not None:
        return Sheet(errors=[table.error])
    return sheet_from_table(table.rows, header)
