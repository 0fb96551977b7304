"""The statistics of a campaign or of a superior's subtree as an xlsx workbook (issue 9, item 5).

Written with openpyxl in write-only mode from the same ``stats_queries`` objects as the pages:
counts are numbers, shares are numbers with a percent format (the exact fraction, Excel rounds
only for display), texts are text cells that a spreadsheet never reads as a formula. Headers
follow the UI language (Vietnamese by default); the sentence is always Vietnamese."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils.translation import gettext
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]

from dangbo.evaluations.models import CampaignStatus, LevelChoice
from dangbo.evaluations.stats_queries import CampaignStats, SubtreeStats, level_label
from dangbo.evaluations.summary import (
    LEVELS,
    LevelCounts,
    StatRow,
    cumulative_rows,
    exclusive_rows,
    share,
)

PERCENT_FORMAT = "0.0%"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text(ws: Any, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    """A text cell ("=…", "+…", "-…", "@…" get a leading apostrophe: never a formula)."""
    s = str(value or "")
    cell = WriteOnlyCell(ws, value="'" + s if s[:1] in ("=", "+", "-", "@") else s)
    if bold:
        cell.font = Font(bold=True)
    return cell


def percent(ws: Any, part: int, whole: int) -> WriteOnlyCell | None:
    """The share as a number in percent format (empty when nobody is rated)."""
    value = share(part, whole)
    if value is None:
        return None
    cell = WriteOnlyCell(ws, value=float(value / 100))
    cell.number_format = PERCENT_FORMAT
    return cell


def row_label(row: StatRow) -> str:
    """The row's heading in the UI language."""
    if row.cumulative:
        if row.key == "good_or_above":
            return gettext("Hoàn thành tốt nhiệm vụ trở lên")
        return gettext("Hoàn thành nhiệm vụ trở lên")
    return str(LevelChoice(row.key).label)


def _level_table(ws: Any, cells: LevelCounts, members: LevelCounts) -> None:
    ws.append(
        [text(ws, h, bold=True) for h in (
            gettext("Mức xếp loại"), gettext("Số chi bộ"), gettext("Tỷ lệ chi bộ"),
            gettext("Số đảng viên"), gettext("Tỷ lệ đảng viên"),
        )]
    )  # fmt: skip
    pairs = [
        *zip(exclusive_rows(cells), exclusive_rows(members), strict=True),
        *zip(cumulative_rows(cells), cumulative_rows(members), strict=True),
    ]
    for c, m in pairs:
        ws.append(
            [text(ws, row_label(c)), c.count, percent(ws, c.count, c.base),
             m.count, percent(ws, m.count, m.base)]
        )  # fmt: skip
    ws.append([text(ws, gettext("Tổng số được xếp loại")), cells.rated, None, members.rated])
    ws.append([text(ws, gettext("Không xếp loại")), cells.not_rated, None, members.not_rated])
    ws.append([text(ws, gettext("Chưa có kết quả")), cells.pending, None, members.pending])


def _counts_header() -> list[str]:
    return [
        *(str(lv.label) for lv in LevelChoice),
        gettext("Tổng số được xếp loại"),
        gettext("Hoàn thành tốt nhiệm vụ trở lên"),
        gettext("Tỷ lệ hoàn thành tốt nhiệm vụ trở lên"),
        gettext("Không xếp loại"),
        gettext("Chưa có kết quả"),
    ]


def _counts_cells(ws: Any, c: LevelCounts) -> list[Any]:
    return [
        *(c.count(level) for level in LEVELS),
        c.rated,
        c.good_or_above,
        percent(ws, c.good_or_above, c.rated),
        c.not_rated,
        c.pending,
    ]


def _save(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def campaign_workbook(stats: CampaignStats) -> bytes:
    """Sheet "Tổng hợp": title, sentence, the level table (exclusive and cumulative); sheet
    "Theo chi bộ": one row per cell and the total; sheet "Tiêu biểu": the recognitions."""
    campaign = stats.campaign
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(gettext("Tổng hợp"))
    ws.append(
        [text(ws, gettext("Kết quả đánh giá, xếp loại năm %(year)s — %(org)s")
              % {"year": campaign.year, "org": campaign.organization.name}, bold=True)]
    )  # fmt: skip
    if stats.provisional:
        ws.append(
            [text(ws, gettext("Số liệu tạm tính theo đề xuất (đợt đánh giá chưa kết thúc)."))]
        )
    ws.append([text(ws, stats.sentence)])
    ws.append([])
    _level_table(ws, stats.cell_counts, stats.member_counts)
    ws.append([])
    ws.append([text(ws, gettext("Tập thể lãnh đạo, quản lý")),
               text(ws, level_label(stats.collective_level))])  # fmt: skip
    ws.append([text(ws, gettext("Tổ chức cơ sở đảng")),
               text(ws, level_label(stats.organization_level))])  # fmt: skip

    by_cell = wb.create_sheet(gettext("Theo chi bộ"))
    by_cell.append(
        [text(by_cell, h, bold=True)
         for h in (gettext("Chi bộ"), gettext("Xếp loại chi bộ"), *_counts_header())]
    )  # fmt: skip
    for cell in stats.cells:
        by_cell.append(
            [text(by_cell, cell.name), text(by_cell, level_label(cell.level)),
             *_counts_cells(by_cell, cell.members)]
        )  # fmt: skip
    by_cell.append(
        [text(by_cell, gettext("Toàn đảng bộ"), bold=True), None,
         *_counts_cells(by_cell, stats.member_counts)]
    )  # fmt: skip
    _recognitions(wb, stats.recognitions)
    return _save(wb)


def subtree_workbook(stats: SubtreeStats) -> bytes:
    """Sheet "Tổng hợp" for the whole subtree, "Theo tổ chức cơ sở" one row per campaign
    (members' counts), "Tiêu biểu" the recognitions."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(gettext("Tổng hợp"))
    ws.append(
        [text(ws, gettext("Kết quả đánh giá, xếp loại năm %(year)s — %(org)s")
              % {"year": stats.year, "org": stats.organization.name}, bold=True)]
    )  # fmt: skip
    ws.append([text(ws, stats.sentence)])
    ws.append([])
    _level_table(ws, stats.cell_counts, stats.member_counts)

    lines = wb.create_sheet(gettext("Theo tổ chức cơ sở"))
    lines.append(
        [text(lines, h, bold=True)
         for h in (gettext("Tổ chức cơ sở đảng"), gettext("Tình trạng"), *_counts_header())]
    )  # fmt: skip
    for line in stats.lines:
        status = CampaignStatus(line.status).label
        lines.append(
            [text(lines, line.name), text(lines, status), *_counts_cells(lines, line.members)]
        )
    lines.append(
        [text(lines, gettext("Tổng"), bold=True), None,
         *_counts_cells(lines, stats.member_counts)]
    )  # fmt: skip
    _recognitions(wb, stats.recognitions)
    return _save(wb)


def _recognitions(wb: Workbook, recognitions: list[Any]) -> None:
    ws = wb.create_sheet(gettext("Tiêu biểu"))
    ws.append(
        [text(ws, h, bold=True) for h in (gettext("Đối tượng"), gettext("Tên"),
                                          gettext("Thuộc"), gettext("Xếp loại"))]
    )  # fmt: skip
    for r in recognitions:
        name = r.member.full_name if r.member_id else r.organization.name
        where = r.organization.name if r.member_id else r.campaign.organization.name
        ws.append(
            [text(ws, r.get_subject_kind_display()), text(ws, name), text(ws, where),
             text(ws, level_label(r.decided_level))]
        )  # fmt: skip
