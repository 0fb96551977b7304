"""Reading an uploaded workbook with python-calamine (about ten times faster than openpyxl).

The sheet named "Đảng viên" is read, or else the first sheet. Rows keep their Excel numbers:
the header is normally row 1, so the first data row is row 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import python_calamine
from django.utils.translation import gettext as _

from dangbo.members.importing.columns import SHEET_MEMBERS
from dangbo.members.importing.validate import RawRow, RowError, rows_from_table


@dataclass
class Sheet:
    rows: list[RawRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)  # file-level: unreadable, headers
    ignored_columns: list[str] = field(default_factory=list)
    header_row: int = 1


def read_workbook(source: str | Path | IO[bytes]) -> Sheet:
    try:
        with python_calamine.CalamineWorkbook.from_object(source) as workbook:
            names = workbook.sheet_names
            if not names:
                raise ValueError("no sheet")
            name = SHEET_MEMBERS if SHEET_MEMBERS in names else names[0]
            table = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception:  # calamine raises several error types for a broken or foreign file
        message = _("Không đọc được tệp.") + " "
        message += _("Hãy lưu tệp dạng Excel Workbook (.xlsx) rồi tải lên lại.")
        return Sheet(errors=[RowError(0, "", "", message)])
    rows, header = rows_from_table(table)
    return Sheet(rows, list(header.errors), list(header.ignored), header.row)
