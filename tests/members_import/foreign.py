"""An office's own member list, as a real Party office keeps it (issue 7, item 3): merged title
rows above the header, its own column names, no status column, cell names instead of codes
("Chi bộ Khoa Nội", "Khoa Ngoại"), departments without "Khoa" ("Nội tổng hợp"), a row of
column numbers under the header, NFD-decomposed Vietnamese text (as some Mac and web tools
write it), dates typed as text in several ways ("05/3/1980", "5-3-1980"), a blank row and a
totals row ("Tổng cộng: 300 đảng viên") at the end. Written with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from dataclasses import dataclass

from openpyxl import Workbook

HEADERS = [
    "STT", "Họ và tên đảng viên", "Ngày tháng năm sinh", "Nam/Nữ", "Quê quán", "Ngày vào Đảng",
    "Ngày chính thức", "Chi bộ", "Khoa/phòng", "Số thẻ", "Giấy tờ tùy thân", "Ghi chú",
]  # fmt: skip
HEADER_ROW = 5  # under three merged title rows and a blank one
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Hữu", "Ngọc", "Thu", "Đức"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hùng", "Lan", "Minh", "Nga", "Sơn", "Ánh", "Yến"]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def text_date(day: dt.date, i: int) -> str:
    """Dates as offices type them: "05/3/1980", "5-3-1980", "05/03/1980"."""
    styles = (
        f"{day.day:02d}/{day.month}/{day.year}",
        f"{day.day}-{day.month}-{day.year}",
        f"{day.day:02d}/{day.month:02d}/{day.year}",
    )
    return styles[i % 3]


@dataclass(frozen=True)
class ForeignMember:
    name: str  # NFC, as it must be stored
    born: dt.date
    gender: str  # "male" / "female"
    admitted: dt.date
    full_on: dt.date | None
    cell: str  # cell code it must land in
    card: str
    citizen_id: str
    home_town: str
    department: bool  # "Nội tổng hợp" (Khoa Nội tổng hợp) given


def members(n: int, today: dt.date | None = None) -> list[ForeignMember]:
    """``n`` distinct members: even rows in cell BVA-NOI with a department, odd rows in
    BVA-NGOAI; two thirds full members (an official date), the others admitted this year."""
    today = today or dt.date.today()
    out = []
    for i in range(n):
        name = f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 6]} {GIVEN[(i // 60) % 12]} {GIVEN[i % 12]}"
        born = dt.date(1960 + i % 35, 1 + i % 12, 1 + i % 28)
        full = i % 3 != 2
        admitted = dt.date(born.year + 25, 3, 5) if full else today - dt.timedelta(days=100)
        full_on = dt.date(admitted.year + 1, 3, 5) if full else None
        out.append(ForeignMember(
            name=name, born=born, gender="female" if i % 2 else "male", admitted=admitted,
            full_on=full_on, cell="BVA-NOI" if i % 2 == 0 else "BVA-NGOAI",
            card=f"{40000000 + i:08d}", citizen_id=f"{1_000_000_000 + i:012d}",
            home_town="Xã Yên Phụ, tỉnh Bắc Ninh", department=i % 2 == 0,
        ))  # fmt: skip
    return out


def workbook(people: list[ForeignMember]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = nfd("Danh sách")
    last = len(HEADERS)
    ws.cell(1, 1, nfd("ĐẢNG BỘ BỆNH VIỆN A"))
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    ws.cell(1, 7, nfd("ĐẢNG CỘNG SẢN VIỆT NAM"))
    ws.merge_cells(start_row=1, start_column=7, end_row=1, end_column=last)
    ws.cell(2, 1, nfd("DANH SÁCH ĐẢNG VIÊN"))
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    ws.cell(3, 1, nfd("(Tính đến ngày 31/12/2024)"))
    ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=last)
    for col, header in enumerate(HEADERS, start=1):
        ws.cell(HEADER_ROW, col, nfd(header))
    for col in range(1, last + 1):
        ws.cell(HEADER_ROW + 1, col, f"({col})")  # the row of column numbers
    row = HEADER_ROW + 2
    for i, m in enumerate(people):
        cell_name = "Chi bộ Khoa Nội" if m.cell == "BVA-NOI" else "Khoa Ngoại"
        values = [
            i + 1, nfd(m.name), text_date(m.born, i), nfd("Nữ" if m.gender == "female" else "Nam"),
            nfd(m.home_town), text_date(m.admitted, i + 1),
            text_date(m.full_on, i + 2) if m.full_on else None, nfd(cell_name),
            nfd("Nội tổng hợp") if m.department else None, m.card, m.citizen_id,
            nfd("Chuyển đến năm 2019") if i % 7 == 0 else None,
        ]  # fmt: skip
        for col, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row, col, value)
        row += 1
    blank_row = row  # left empty
    total_row = row + 1
    ws.cell(total_row, 1, nfd(f"Tổng cộng: {len(people)} đảng viên"))
    ws.merge_cells(start_row=total_row, start_column=1, end_row=total_row, end_column=3)
    out = io.BytesIO()
    wb.save(out)
    assert blank_row == HEADER_ROW + 2 + len(people)
    return out.getvalue()


def skipped_rows(n: int) -> dict[int, str]:
    """The rows the import must skip, and why."""
    first_data = HEADER_ROW + 2
    return {
        HEADER_ROW + 1: "dòng đánh số cột",
        first_data + n: "dòng trống",
        first_data + n + 1: "dòng tổng cộng",
    }
