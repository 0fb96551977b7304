"""Vietnamese administrative prose of the generated documents (issue 10 item 3). Pure: plain
values in, text in the light markup of ``meetings.minutes.parse_body`` out — no ORM, no request,
no Django import.

No figure is typed here: every count and sentence comes in from the records through
``targets.summary`` (the targets' sentence), ``evaluations.summary`` (the rating counts, their
rows, shares and sentence) and ``awards.summary`` (the commendations' sentence); the values of
targets come in already written the Vietnamese way (``core.numbers.format_number``). The text is
document text (data, Vietnamese whatever the UI language), not gettext msgids.

The reports follow the usual skeleton of a Party review report (domain-rules §3): I. results
per target with status, the summary sentence, causes and remedies of targets not met; year-end:
the ratings, the recognition and the commendations; II. directions and tasks for the next
period. The resolution restates the period's targets and the assignments, then the vote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from dangbo.evaluations.rulesets.base import Level
from dangbo.evaluations.summary import (
    LEVEL_PHRASES,
    LevelCounts,
    StatRow,
    cumulative_rows,
    exclusive_rows,
)

MIDYEAR = "midyear"
YEAREND = "yearend"

# A target's status (a ``targets.rules.Status`` value) as the report's table writes it.
STATUS_TEXT: dict[str, str] = {
    "exceeded": "Vượt",
    "met": "Đạt",
    "on_track": "Đạt tiến độ",
    "behind": "Chưa đạt tiến độ",
    "not_met": "Chưa đạt",
    "not_started": "Chưa thực hiện",
    "no_data": "Chưa có số liệu",
}
# The statuses whose cause and remedy the report states.
SHORT_STATUSES = ("not_met", "not_started", "behind")

NO_TARGETS = "Chưa có chỉ tiêu nào được ghi nhận cho kỳ này."
NO_DIRECTIONS = "Chưa có phương hướng, nhiệm vụ nào được ghi nhận cho kỳ tới."
NO_CAUSE = "chưa ghi nhận"
NO_RATINGS = "Chưa có kết quả đánh giá, xếp loại chất lượng năm {year}."
PROVISIONAL = "_Số liệu tạm tính: kỳ báo cáo chưa chốt số liệu._"


# ---- the data -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class TargetLine:
    """One target at a checkpoint: values already written ("180.000 lượt"), ``status`` a
    ``targets.rules.Status`` value, ``phrase`` its ``targets.summary.result_phrase``."""

    title: str
    status: str
    plan: str = ""
    result: str = ""
    phrase: str = ""
    cause: str = ""
    remedy: str = ""

    @property
    def short(self) -> bool:
        return self.status in SHORT_STATUSES


@dataclass(frozen=True)
class ResultsPart:
    """The targets of one resolution at the period's checkpoint."""

    resolution: str  # "Nghị quyết số 05-NQ/ĐU ngày 10/01/2023 …"
    sentence: str  # targets.summary (via ResolutionFigures.sentence)
    lines: tuple[TargetLine, ...] = ()
    provisional: bool = False  # the checkpoint is not frozen yet


@dataclass(frozen=True)
class Ratings:
    """A rating campaign's statistics (``evaluations.stats_queries.campaign_stats``)."""

    cells: LevelCounts
    members: LevelCounts
    sentence: str  # evaluations.summary.summary_sentence
    collective: str = ""  # a Level value, "" none yet
    organization_level: str = ""  # a Level value, "" none yet
    recognitions: tuple[str, ...] = ()  # names rated "tiêu biểu"
    provisional: bool = False  # the campaign is still open


@dataclass(frozen=True)
class Direction:
    """A task for the next period: a target of the next resolution or a conclusion."""

    text: str
    responsible: str = ""
    deadline: dt.date | None = None


@dataclass(frozen=True)
class ReportData:
    period: str  # MIDYEAR or YEAREND
    year: int
    organization: str  # "Đảng bộ Bệnh viện Đa khoa Hà Đông"
    committee: str = ""  # the leading committee: "Đảng ủy Bệnh viện Đa khoa Hà Đông"
    results: tuple[ResultsPart, ...] = ()
    ratings: Ratings | None = None
    awards_sentence: str = ""  # awards.summary.summary_sentence ("" none asked: mid-year)
    directions: tuple[Direction, ...] = ()
    directions_source: str = ""  # "Nghị quyết số … năm 2022" / "Kết luận hội nghị …"


# ---- small helpers ------------------------------------------------------------------------------
def one_line(text: str) -> str:
    return " ".join(text.split())


def lower_first(text: str) -> str:
    """ "Lãnh đạo thực hiện …" → "lãnh đạo thực hiện …" (a sentence continued after a comma)."""
    return text[:1].lower() + text[1:]


def sentence(text: str) -> str:
    """``text`` on one line with a capital first letter and a final full stop."""
    text = one_line(text).rstrip(" .;,")
    return text[:1].upper() + text[1:] + "." if text else ""


def cell(text: str) -> str:
    """A table cell: one line, no bar (the table separator)."""
    return one_line(text).replace("|", "/") or "—"


def level_text(level: str) -> str:
    """ "hoàn thành xuất sắc nhiệm vụ" for a ``Level`` value; "" for none."""
    return LEVEL_PHRASES[Level(level)] if level else ""


def period_words(period: str, year: int) -> tuple[str, str]:
    """(the period reviewed, the next period): ("6 tháng đầu năm 2023", "6 tháng cuối năm
    2023") or ("năm 2021", "năm 2022")."""
    if period == MIDYEAR:
        return f"6 tháng đầu năm {year}", f"6 tháng cuối năm {year}"
    return f"năm {year}", f"năm {year + 1}"


def report_title(period: str, year: int) -> str:
    """The summary line (trích yếu) of a review report."""
    done, nxt = period_words(period, year)
    word = "Sơ kết" if period == MIDYEAR else "Tổng kết"
    return f"{word} công tác {done}, phương hướng, nhiệm vụ {nxt}"


def direction_text(d: Direction) -> str:
    extra = []
    if d.responsible:
        extra.append(f"đơn vị thực hiện: {one_line(d.responsible)}")
    if d.deadline:
        extra.append(f"thời hạn: {d.deadline:%d/%m/%Y}")
    tail = f" ({'; '.join(extra)})" if extra else ""
    return f"- {one_line(d.text).rstrip(' .;')}{tail}."


# ---- the targets --------------------------------------------------------------------------------
def target_table(lines: Sequence[TargetLine]) -> list[str]:
    """| TT | Chỉ tiêu | Kế hoạch | Kết quả | Đánh giá | rows, one per target."""
    out = ["| TT | Chỉ tiêu | Kế hoạch | Kết quả thực hiện | Đánh giá |"]
    for i, line in enumerate(lines, 1):
        result = ", ".join(p for p in (one_line(line.result), one_line(line.phrase)) if p)
        out.append(
            f"| {i} | {cell(line.title)} | {cell(line.plan)} | {cell(result)} | "
            f"{STATUS_TEXT[line.status]} |"
        )
    return out


def shortfall_lines(lines: Sequence[TargetLine]) -> list[str]:
    """Each target not met (or not started, or behind) with its cause and remedy."""
    out = []
    for line in lines:
        if not line.short:
            continue
        status = STATUS_TEXT[line.status].lower()
        cause = one_line(line.cause).rstrip(" .;") or NO_CAUSE
        remedy = one_line(line.remedy).rstrip(" .;") or NO_CAUSE
        out.append(
            f"- {one_line(line.title).rstrip(' .;')} ({status}): nguyên nhân: {cause}; "
            f"giải pháp khắc phục: {remedy}."
        )
    return out


def results_lines(part: ResultsPart, done: str, committee: str = "") -> list[str]:
    """A resolution's results: the sentence (``targets.summary``, continued after "Trong …,
    <committee>"), the table, the shortfalls with causes and remedies."""
    out = [f"## Kết quả thực hiện {one_line(part.resolution)}"]
    if part.provisional:
        out.append(PROVISIONAL)
    who = f"{one_line(committee)} " if committee.strip() else ""
    out.append(f"Trong {done}, {who}{lower_first(sentence(part.sentence))}")
    if part.lines:
        out += target_table(part.lines)
        short = shortfall_lines(part.lines)
        if short:
            out.append("**Những chỉ tiêu chưa đạt, nguyên nhân và giải pháp:**")
            out += short
    return out


# ---- the ratings --------------------------------------------------------------------------------
def _row_cells(row: StatRow | None) -> tuple[str, str]:
    if row is None:
        return "—", "—"
    return str(row.count), row.percent_text


def ratings_table(cells: LevelCounts, members: LevelCounts) -> list[str]:
    """The statistics table: each level once, then the cumulative rows ("… trở lên"); counts
    and shares of cells and members (``evaluations.summary`` rows)."""
    out = ["| Xếp loại | Chi bộ | Tỷ lệ | Đảng viên | Tỷ lệ |"]
    cell_rows = exclusive_rows(cells) + cumulative_rows(cells)
    member_rows = exclusive_rows(members) + cumulative_rows(members)
    for c, m in zip(cell_rows, member_rows, strict=True):
        cn, cp = _row_cells(c if cells.rated else None)
        mn, mp = _row_cells(m if members.rated else None)
        out.append(f"| {c.label} | {cn} | {cp} | {mn} | {mp} |")
    out.append(f"| Tổng số được xếp loại | {cells.rated} | | {members.rated} | |")
    if cells.not_rated or members.not_rated:
        out.append(f"| Không xếp loại | {cells.not_rated} | | {members.not_rated} | |")
    if cells.pending or members.pending:
        out.append(f"| Chưa có kết quả | {cells.pending} | | {members.pending} | |")
    return out


def ratings_lines(r: Ratings | None, organization: str, year: int) -> list[str]:
    """The ratings: the sentence, the table, the collective, the organization, "tiêu biểu"."""
    if r is None or (not r.cells.rated and not r.members.rated and not r.collective
                     and not r.organization_level):  # fmt: skip
        return [NO_RATINGS.format(year=year)]
    out = []
    if r.provisional:
        out.append("_Kết quả tạm tính: đợt đánh giá chưa kết thúc._")
    out.append(f"Kết quả đánh giá, xếp loại chất lượng năm {year}: {sentence(r.sentence)}")
    out += ratings_table(r.cells, r.members)
    if r.organization_level:
        out.append(f"{one_line(organization)} được xếp loại {level_text(r.organization_level)}.")
    if r.recognitions:
        names = ", ".join(one_line(n) for n in r.recognitions)
        out.append(f"Được công nhận tiêu biểu: {names}.")
    return out


# ---- the report ---------------------------------------------------------------------------------
def directions_lines(directions: Sequence[Direction], source: str) -> list[str]:
    if not directions:
        return [NO_DIRECTIONS]
    out = []
    if source:
        out.append(f"Căn cứ {one_line(source)}, tập trung thực hiện các nhiệm vụ sau:")
    return out + [direction_text(d) for d in directions]


def report_body(d: ReportData) -> str:
    """The body of a mid-year or year-end review report."""
    done, nxt = period_words(d.period, d.year)
    out = [f"# I. KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ {done.upper()}"]
    if d.results:
        for part in d.results:
            out += results_lines(part, done, d.committee)
    else:
        out.append(NO_TARGETS)
    if d.period == YEAREND:
        out.append("## Kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên")
        out += ratings_lines(d.ratings, d.organization, d.year)
        out.append("## Công tác thi đua, khen thưởng")
        out.append(f"Năm {d.year}, tập thể và cá nhân trong {one_line(d.organization)} được "
                   f"khen thưởng: {sentence(d.awards_sentence)}")  # fmt: skip
    out.append(f"# II. PHƯƠNG HƯỚNG, NHIỆM VỤ {nxt.upper()}")
    out += directions_lines(d.directions, d.directions_source)
    return "\n".join(out) + "\n"


# ---- the resolution -----------------------------------------------------------------------------
@dataclass(frozen=True)
class ResolutionData:
    meeting: str  # "Hội nghị Đảng ủy phiên 6 tháng đầu năm 2023"
    date: dt.date
    organization: str  # the issuing committee: "Đảng ủy Bệnh viện …"
    targets_source: str = ""  # "Nghị quyết số … năm 2023"
    targets: tuple[TargetLine, ...] = ()
    assignments: tuple[Direction, ...] = ()
    votes: tuple[str, ...] = ()  # each vote's result (meetings.rules.vote_result's message)


def resolution_title(meeting: str) -> str:
    return f"{one_line(meeting)}"


def resolution_body(d: ResolutionData) -> str:
    """The resolution of a session: the targets restated, the assignments, the vote."""
    out = [
        f"Ngày {d.date:%d/%m/%Y}, {one_line(d.organization)} họp {one_line(d.meeting)}. "
        "Sau khi thảo luận, hội nghị thống nhất",
        "# QUYẾT NGHỊ",
        "# I. CÁC CHỈ TIÊU, NHIỆM VỤ",
    ]
    if d.targets:
        if d.targets_source:
            out.append(
                f"Tiếp tục lãnh đạo thực hiện các chỉ tiêu của {one_line(d.targets_source)}:"
            )
        out.append("| TT | Chỉ tiêu | Kế hoạch | Đánh giá đến nay |")
        for i, t in enumerate(d.targets, 1):
            out.append(f"| {i} | {cell(t.title)} | {cell(t.plan)} | {STATUS_TEXT[t.status]} |")
    else:
        out.append(NO_TARGETS)
    out.append("# II. PHÂN CÔNG THỰC HIỆN")
    out += [direction_text(a) for a in d.assignments] or [NO_DIRECTIONS]
    out.append("# III. BIỂU QUYẾT")
    if d.votes:
        out += [f"- {one_line(v)}" for v in d.votes]
    else:
        out.append("Hội nghị không biểu quyết vấn đề nào.")
    out.append("_Nghị quyết có hiệu lực kể từ ngày ký. Các chi bộ, cơ quan, đơn vị căn cứ nghị "
               "quyết tổ chức thực hiện._")  # fmt: skip
    return "\n".join(out) + "\n"


# ---- the evaluation notice ----------------------------------------------------------------------
def notice_title(year: int) -> str:
    return f"Kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm {year}"


def notice_body(r: Ratings | None, organization: str, year: int) -> str:
    """The notice of a year's ratings: the sentence, the table, the collective, the
    organization's level, the recognition."""
    out = [f"Căn cứ kết quả kiểm điểm, đánh giá, xếp loại chất lượng năm {year}, "
           f"{one_line(organization)} thông báo kết quả như sau:"]  # fmt: skip
    out.append("# I. KẾT QUẢ XẾP LOẠI")
    out += ratings_lines(r, organization, year)
    if r is not None and r.collective:
        out.append(f"Tập thể lãnh đạo, quản lý được xếp loại {level_text(r.collective)}.")
    out.append("# II. TỔ CHỨC THỰC HIỆN")
    out.append("Các chi bộ thông báo kết quả đến đảng viên; đảng viên có ý kiến khác gửi về văn "
               "phòng cấp ủy trong thời hạn quy định.")  # fmt: skip
    return "\n".join(out) + "\n"
