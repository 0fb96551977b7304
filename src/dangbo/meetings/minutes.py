"""Minutes (biên bản) of a meeting (issue 8 item 5; domain-rules §2 and §3). Pure: plain values
in, text and a ``documents.spec.Document`` out — no ORM, no request (the records are read by
``minutes_queries``).

The body is kept as **text in a light markup**, generated from the meeting's data and edited as
a draft in a plain textarea; ``parse_body`` turns it into the renderer's blocks, one line each:

- ``# text`` a section heading, ``## text`` a sub-heading;
- ``- text`` an item of a dash list (consecutive lines make one list);
- ``| a | b |`` a table row, the first row of a run being the header;
- ``**Lead:** text`` a paragraph with a bold lead; ``_text_`` an italic paragraph;
- any other non-blank line a paragraph.

Structure (domain-rules §3, "Biên bản fields"): time and place; chair and secretary; guests
(rank, title, position, organization); totals by category (full / probationary, present, late,
left early, absent with and without reason, exempt and temporarily registered elsewhere counted
separately, suspended, guests) and the quorum with its clause; absentees by name with their
reasons; agenda; speakers with summaries; conclusions (responsible unit, deadline); votes with
their result and passing rule; closing time; the signatures of the chair (CHỦ TRÌ) and the
secretary (THƯ KÝ). Every number comes from the data (``rules.attendance_counts``,
``rules.quorum``, ``rules.vote_result``); the prose is document text in Vietnamese (data written
into the document whatever the page's language), not UI msgids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from dangbo.documents import rules as doc_rules
from dangbo.documents.spec import (
    Block,
    BulletList,
    Document,
    Heading,
    Paragraph,
    Signature,
    Table,
)
from dangbo.meetings import rules

TYPE_NAME = "Biên bản"
TYPE_CODE = "BB"
CELL_CODE = "CB"
COMMITTEE_CODE = "ĐU"
# Document text for a kind of meeting: the raw Vietnamese labels, not their translation.
STATUS_TEXT = {s: rules.ATTENDANCE_LABELS[s] for s in rules.AttendanceStatus}
REASON_TEXT = {r: rules.REASON_LABELS[r] for r in rules.AbsenceReason}
SPEECH_TEXT = {
    "report": "Báo cáo",
    "contribution": "Tham luận",
    "discussion": "Thảo luận",
    "directive": "Phát biểu chỉ đạo",
    "conclusion": "Kết luận",
}


# ---- the data -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    """A member as the minutes name her: "Đồng chí <name>, <position>"."""

    name: str
    position: str = ""

    @property
    def text(self) -> str:
        return ", ".join(p for p in (f"Đồng chí {self.name}", self.position) if p)


@dataclass(frozen=True)
class Absentee:
    name: str
    status: rules.AttendanceStatus
    reason: str = ""  # the standard reason's text and/or the free text
    probationary: bool = False
    exempt: bool = False
    registered_elsewhere: bool = False
    suspended: bool = False


@dataclass(frozen=True)
class AgendaLine:
    title: str
    presenter: str = ""
    minutes: int | None = None


@dataclass(frozen=True)
class SpeechLine:
    kind: str  # SpeechKind value
    speaker: str  # "Đồng chí …, …" or the guest's display
    summary: str = ""


@dataclass(frozen=True)
class ConclusionLine:
    text: str
    responsible: str = ""
    deadline: dt.date | None = None


@dataclass(frozen=True)
class VoteLine:
    matter: str
    votes_for: int
    against: int
    abstain: int
    result: rules.VoteResult | None = None


@dataclass(frozen=True)
class MinutesData:
    """Everything the minutes say, as plain values."""

    kind: rules.MeetingKind
    title: str
    date: dt.date
    start: dt.time
    end: dt.time | None
    place: str
    chair: Person | None
    secretary: Person | None
    counts: rules.AttendanceCounts
    quorum: rules.QuorumResult | None
    guests: tuple[str, ...] = ()
    absentees: tuple[Absentee, ...] = ()
    agenda: tuple[AgendaLine, ...] = ()
    speeches: tuple[SpeechLine, ...] = ()
    conclusions: tuple[ConclusionLine, ...] = ()
    votes: tuple[VoteLine, ...] = ()


@dataclass(frozen=True)
class Header:
    """The document's header and signers, stored with each version (``Minutes.header``) and
    frozen when it is approved."""

    superior: str
    issuer: str
    issuer_code: str
    place: str
    date: dt.date
    title: str
    chair: str
    secretary: str

    def as_json(self) -> dict[str, str]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Header:
        values = {k: str(data.get(k) or "") for k in cls.__dataclass_fields__}
        return cls(**{**values, "date": dt.date.fromisoformat(values["date"])})  # type: ignore[arg-type]


def issuer_of(name: str, is_cell: bool) -> tuple[str, str]:
    """The issuing body and its code: a cell issues in its own name ("Chi bộ Khoa Nội", CB); a
    đảng bộ through its committee ("Đảng bộ Bệnh viện A" → "Đảng ủy Bệnh viện A", ĐU)."""
    name = " ".join(name.split())
    if is_cell:
        return name, CELL_CODE
    for prefix in ("Đảng bộ ", "đảng bộ ", "ĐẢNG BỘ "):
        if name.startswith(prefix):
            return "Đảng ủy " + name[len(prefix) :], COMMITTEE_CODE
    return name, COMMITTEE_CODE


def header_for(
    *, organization: str, is_cell: bool, superior: str, place: str, data: MinutesData
) -> Header:
    issuer, code = issuer_of(organization, is_cell)
    return Header(
        superior=" ".join(superior.split()), issuer=issuer, issuer_code=code,
        place=" ".join(place.split()), date=data.date, title=data.title,
        chair=data.chair.name if data.chair else "",
        secretary=data.secretary.name if data.secretary else "",
    )  # fmt: skip


# ---- the generated text -------------------------------------------------------------------------
def time_text(t: dt.time) -> str:
    """ "07 giờ 30 phút"."""
    return f"{t.hour:02d} giờ {t.minute:02d} phút"


def day_text(d: dt.date) -> str:
    """ "ngày 29 tháng 6 năm 2023" (HD 36 leading zeros)."""
    day = doc_rules.two_digits_below_ten(d.day)
    return f"ngày {day} tháng {doc_rules.month_text(d.month)} năm {d.year}"


def _word(kind: rules.MeetingKind) -> str:
    return "Buổi sinh hoạt" if kind.is_cell else "Hội nghị"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def absentee_text(a: Absentee) -> str:
    """ "Đồng chí Nguyễn Thị Hằng (dự bị): Vắng có lý do — Nghỉ sau trực đêm"."""
    notes = [n for n, on in (("dự bị", a.probationary),
                             ("miễn công tác và sinh hoạt đảng", a.exempt),
                             ("sinh hoạt tạm thời nơi khác", a.registered_elsewhere),
                             ("đình chỉ sinh hoạt", a.suspended)) if on]  # fmt: skip
    who = f"Đồng chí {a.name}" + (f" ({', '.join(notes)})" if notes else "")
    what = STATUS_TEXT[a.status]
    said = {n.casefold() for n in notes}
    if (
        a.status is not rules.AttendanceStatus.ABSENT_WITHOUT_REASON
        and a.reason
        and (
            a.reason.casefold() not in said  # the exemption is already named
        )
    ):
        what = f"{what} — {a.reason}"
    return f"{who}: {what}."


def totals_rows(c: rules.AttendanceCounts) -> list[tuple[str, str]]:
    """The totals by category (domain-rules §3), each a (label, figure) row."""
    return [
        ("Tổng số đảng viên được triệu tập", str(c.listed)),
        ("Đảng viên chính thức", str(c.full)),
        ("Đảng viên dự bị", str(c.probationary)),
        ("Có mặt", str(c.present)),
        ("Trong đó: đến muộn", str(c.late)),
        ("Trong đó: về sớm", str(c.left_early)),
        ("Vắng có lý do", str(c.absent_with_reason)),
        ("Vắng không lý do", str(c.absent_without_reason)),
        ("Miễn công tác và sinh hoạt đảng (tính riêng)", f"{c.exempt} (có mặt {c.exempt_present})"),
        ("Sinh hoạt tạm thời nơi khác", f"{c.registered_elsewhere} (có mặt {c.elsewhere_present})"),
        ("Đình chỉ sinh hoạt", str(c.suspended)),
        ("Khách mời có mặt", f"{c.guests_present}/{c.guests}"),
    ]


def build_text(d: MinutesData) -> str:
    """The body of the minutes in the markup of this module (the draft's first text)."""
    word = _word(d.kind)
    out: list[str] = ["# I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN"]
    out.append(f"**Thời gian:** Bắt đầu lúc {time_text(d.start)}, {day_text(d.date)}.")
    out.append(f"**Địa điểm:** {_one_line(d.place) or '…'}.")
    out.append(f"**Chủ trì:** {d.chair.text if d.chair else '…'}.")
    out.append(f"**Thư ký:** {d.secretary.text if d.secretary else '…'}.")
    out.append("## Đại biểu, khách mời")
    if d.guests:
        out += [f"- {_one_line(g)};" for g in d.guests[:-1]]
        out.append(f"- {_one_line(d.guests[-1])}.")
    else:
        out.append("Không có đại biểu, khách mời.")
    out.append("## Số lượng đảng viên")
    out.append("| Thành phần | Số lượng |")
    out += [f"| {label} | {value} |" for label, value in totals_rows(d.counts)]
    if d.quorum is not None:
        out.append(f"**Tính hợp lệ:** {d.quorum.message} Căn cứ: {d.quorum.citation}.")
    out.append("## Vắng mặt")
    if d.absentees:
        out += [f"- {absentee_text(a)}" for a in d.absentees]
    else:
        out.append("Không có đảng viên vắng mặt.")
    out.append("# II. NỘI DUNG")
    out.append("## Chương trình")
    if d.agenda:
        for i, item in enumerate(d.agenda, 1):
            extra = []
            if item.presenter:
                extra.append(f"trình bày: {_one_line(item.presenter)}")
            if item.minutes:
                extra.append(f"{item.minutes} phút")
            tail = f" ({'; '.join(extra)})" if extra else ""
            out.append(f"{i}. {_one_line(item.title)}{tail}.")  # numbered, no dash
    else:
        out.append("Không có nội dung ghi trong chương trình.")
    out.append("## Diễn biến")
    if d.speeches:
        for s in d.speeches:
            lead = f"**{_one_line(s.speaker)} ({SPEECH_TEXT.get(s.kind, s.kind).lower()}):**"
            summary = _lines(s.summary)
            out.append(f"{lead} {summary[0] if summary else '…'}")
            out += summary[1:]
    else:
        out.append("…")
    out.append("## Kết luận")
    if d.conclusions:
        for c in d.conclusions:
            extra = []
            if c.responsible:
                extra.append(f"đơn vị thực hiện: {_one_line(c.responsible)}")
            if c.deadline:
                extra.append(f"thời hạn: {c.deadline:%d/%m/%Y}")
            tail = f" ({'; '.join(extra)})" if extra else ""
            out.append(f"- {_one_line(c.text).rstrip('.')}{tail}.")
    else:
        out.append("…")
    out.append("## Biểu quyết")
    if d.votes:
        for v in d.votes:
            if v.result is not None:
                out.append(
                    f"- {_one_line(v.matter)}: {v.result.message} Quy định: {v.result.rule} "
                    f"Căn cứ: {v.result.citation}."
                )
            else:
                out.append(
                    f"- {_one_line(v.matter)}: {v.votes_for} tán thành, {v.against} không tán "
                    f"thành, {v.abstain} không biểu quyết."
                )
    else:
        out.append(f"{word} không biểu quyết vấn đề nào.")
    out.append("# III. KẾT THÚC")
    if d.end is not None:
        out.append(f"_{word} kết thúc lúc {time_text(d.end)} cùng ngày._")
    else:
        out.append(f"_{word} kết thúc lúc … giờ … phút cùng ngày._")
    out.append(
        f"_Biên bản đã được đọc lại trước {word.lower()} và được các đồng chí dự họp "
        "nhất trí thông qua._"
    )
    return "\n".join(out) + "\n"


# ---- text → blocks → document -------------------------------------------------------------------
def _table_cells(line: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in line.strip().strip("|").split("|"))


def _table(rows: list[tuple[str, ...]]) -> Table:
    width = max(len(r) for r in rows)
    padded = [r + ("",) * (width - len(r)) for r in rows]
    return Table(padded[0], tuple(padded[1:]))


def _paragraph(line: str) -> Paragraph:
    if line.startswith("**"):
        end = line.find("**", 2)
        if end > 2:
            return Paragraph(line[end + 2 :].strip(), lead=line[2:end].strip() + " ")
    if len(line) > 2 and line.startswith("_") and line.endswith("_"):
        return Paragraph(line[1:-1].strip(), italic=True)
    return Paragraph(line)


def parse_body(text: str) -> tuple[Block, ...]:
    """The blocks of a body written in this module's markup (see the module docstring)."""
    blocks: list[Block] = []
    items: list[str] = []
    rows: list[tuple[str, ...]] = []

    def flush() -> None:
        if items:
            blocks.append(BulletList(tuple(items)))
            items.clear()
        if rows:
            blocks.append(_table(list(rows)))
            rows.clear()

    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            flush()
            continue
        if line.startswith("|"):
            if items:
                flush()
            cells = _table_cells(line)
            if not all(set(c) <= set("-: ") for c in cells):  # skip "|---|---|"
                rows.append(cells)
            continue
        if line.startswith("- "):
            if rows:
                flush()
            items.append(line[2:])
            continue
        flush()
        if line.startswith("## "):
            blocks.append(Heading(line[3:], level=2))
        elif line.startswith("# "):
            blocks.append(Heading(line[2:], level=1))
        else:
            blocks.append(_paragraph(line))
    flush()
    return tuple(blocks)


def document(header: Header, text: str) -> Document:
    """The Party-format minutes: the header and signers of ``header``, the body of ``text``;
    the secretary signs on the left, the chair on the right (``documents.rules``)."""
    return Document(
        superior=header.superior, issuer=header.issuer, type_name=TYPE_NAME,
        title=header.title, place=header.place, date=header.date, type_code=TYPE_CODE,
        issuer_code=header.issuer_code or COMMITTEE_CODE, number=None, body=parse_body(text),
        signatures=(
            Signature.of("thư ký", header.secretary),
            Signature.of("chủ trì", header.chair),
        ),
    )  # fmt: skip


def guest_text(rank: str, name: str, title: str, position: str, organization: str) -> str:
    """ "Đại tá Hoàng Minh Tuấn, Ủy viên Thường vụ Đảng ủy, Phó Chủ nhiệm Hậu cần Quân khu"."""
    who = " ".join(f"{rank} {name}".split())
    return ", ".join(p for p in (who, *map(_one_line, (title, position, organization))) if p)
