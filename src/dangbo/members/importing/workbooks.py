"""Writing the template and the export (openpyxl). The export uses write_only mode, so memory
stays flat whatever the number of members; its columns are the template's, so it re-imports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from dangbo.members.importing.columns import (
    COLUMNS,
    HEADERS,
    SHEET_GUIDE,
    SHEET_LISTS,
    SHEET_MEMBERS,
)

DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
TEMPLATE_ROWS = 5000  # rows covered by the drop-down lists of the template
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="FDE9D9")
_WIDTHS = {"name": 26, "date": 13, "digits": 15, "dossier": 12, "cell": 14, "department": 24}


@dataclass(frozen=True)
class CellChoice:
    code: str
    name: str
    parent: str


@dataclass(frozen=True)
class DepartmentChoice:
    name: str
    owner: str


def _width(kind: str, header: str) -> int:
    return max(_WIDTHS.get(kind, 16), len(header) + 3)


# Every text is written as a text cell: openpyxl otherwise stores a value starting with "=" as
# a live formula (formula injection; a re-import would then read its result, not the text).
def _append(ws: Any, values: Sequence[object]) -> None:
    """``ws.append`` for a normal (not write-only) sheet, strings as text cells."""
    ws.append(list(values))
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _cell(ws: Any, value: object) -> object:
    """A write-only sheet's cell: text as text, dates in DD/MM/YYYY, the rest as is."""
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    if isinstance(value, dt.date):
        return _date_cell(ws, value)
    return value


def template_workbook(
    cells: Sequence[CellChoice], departments: Sequence[DepartmentChoice], out: IO[bytes]
) -> None:
    """The empty member sheet, the guide and the lists of codes the user may use."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_MEMBERS
    _append(ws, HEADERS)
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        header = ws.cell(row=1, column=index)
        header.font, header.fill = _BOLD, _HEADER_FILL
        dimension = ws.column_dimensions[letter]
        dimension.width = _width(column.kind, column.header)
        # Text, not Excel dates: what is typed is what is read, whatever the PC's locale.
        if column.kind in ("date", "digits", "dossier", "phone", "cell"):
            dimension.number_format = TEXT_FORMAT
    ws.freeze_panes = "B2"
    _validations(ws, len(cells))
    _guide(wb.create_sheet(SHEET_GUIDE))
    _lists(wb.create_sheet(SHEET_LISTS), cells, departments)
    wb.save(out)


def _validations(ws: Any, cell_count: int) -> None:
    by_field = {c.field: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
    lists = {"gender": '"Nam,Nữ"', "status": '"Dự bị,Chính thức"'}
    for name, formula in lists.items():
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        dv.error, dv.errorTitle = "Chọn một giá trị trong danh sách.", "Giá trị không hợp lệ"
        dv.add(f"{by_field[name]}2:{by_field[name]}{TEMPLATE_ROWS}")
        ws.add_data_validation(dv)
    if cell_count:
        formula = f"'{SHEET_LISTS}'!$A$2:$A${cell_count + 1}"
        dv = DataValidation(type="list", formula1=formula, allow_blank=True)
        letter = by_field["organization_id"]
        dv.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
        ws.add_data_validation(dv)


GUIDE_INTRO = (
    "Cách dùng tệp mẫu nhập đảng viên",
    "• Mỗi đảng viên một dòng trên trang “Đảng viên”, bắt đầu từ dòng 2; giữ nguyên dòng tiêu "
    "đề. Thứ tự cột có thể đổi; cột không nhận ra sẽ được bỏ qua.",
    "• Ngày nhập dạng dd/mm/yyyy (ví dụ 17/05/1980); ô kiểu ngày của Excel cũng được.",
    "• Tệp được kiểm tra toàn bộ trước khi nhập. Chỉ cần một dòng sai là không nhập gì; "
    "danh sách lỗi ghi rõ dòng, cột và cách sửa.",
    "• Nhập lại cùng một tệp không tạo bản trùng: đảng viên được nhận ra theo số thẻ, hoặc "
    "(khi không có số thẻ) theo họ tên, ngày sinh và chi bộ; dòng không đổi thì không ghi.",
    "• Tệp xuất danh sách đảng viên có cùng các cột, sửa xong có thể nhập lại.",
)


def _guide(ws: Any) -> None:
    _append(ws, [GUIDE_INTRO[0]])
    ws["A1"].font = Font(bold=True, size=13)
    for line in GUIDE_INTRO[1:]:
        _append(ws, [line])
    ws.append([])
    _append(ws, ["Cột", "Bắt buộc", "Cách nhập", "Ví dụ"])
    for cell in ws[ws.max_row]:
        cell.font, cell.fill = _BOLD, _HEADER_FILL
    for column in COLUMNS:
        _append(ws, [column.header, "Có" if column.required else "", column.guide, column.example])
        ws.cell(row=ws.max_row, column=3).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCD", (22, 10, 80, 24), strict=True):
        ws.column_dimensions[letter].width = width


def _lists(ws: Any, cells: Sequence[CellChoice], departments: Sequence[DepartmentChoice]) -> None:
    _append(ws, ["Mã chi bộ", "Tên chi bộ", "Thuộc", "", "Khoa/Phòng", "Thuộc đảng bộ"])
    for cell in ws[1]:
        if cell.value:
            cell.font, cell.fill = _BOLD, _HEADER_FILL
    for i in range(max(len(cells), len(departments))):
        c = cells[i] if i < len(cells) else None
        d = departments[i] if i < len(departments) else None
        _append(ws, [
            c.code if c else None, c.name if c else None, c.parent if c else None, None,
            d.name if d else None, d.owner if d else None,
        ])  # fmt: skip
    for letter, width in zip("ABCDEF", (16, 36, 36, 3, 32, 36), strict=True):
        ws.column_dimensions[letter].width = width


def export_workbook(rows: Iterable[Sequence[object]], out: IO[bytes]) -> int:
    """Write the member rows (values in COLUMNS order) to ``out``; returns the row count."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_MEMBERS)
    for index, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = _width(column.kind, column.header)
    ws.freeze_panes = "B2"
    header = []
    for text in HEADERS:
        cell = WriteOnlyCell(ws, value=text)
        cell.font, cell.fill, cell.data_type = _BOLD, _HEADER_FILL, "s"
        header.append(cell)
    ws.append(header)
    count = 0
    for values in rows:
        ws.append([_cell(ws, v) for v in values])
        count += 1
    wb.save(out)
    return count


def _date_cell(ws: Any, value: dt.date) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = DATE_FORMAT
    return cell
