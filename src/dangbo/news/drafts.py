"""News drafts from the records (issue 10, item 6): a meeting — its guests, speeches, targets,
ratings and commendations — written as a story in the style of the hospital news (the seed
stories in ``../shared/seeds/``: the mid-year session of 29/6/2023, the 2021 year-end review).

Pure: standard library and the pure summary modules only, no Django, no ORM. The facts come in
a ``Record`` that ``news.draft_queries`` reads from the database; the text is Vietnamese record
text (it goes into a news post, whatever the UI language: no gettext). Every figure is built
here from counts, through the same sentence builders as the documents (``targets.summary`` via
the record's sentence, ``evaluations.summary``, ``awards.summary``); typed figures of a speech
summary that restate the target counts are left out in favour of the computed sentence.

Personal data (issue 10, item 6): only names and public titles of speakers, guests and the
chair appear; ratings are counts, never a named person's level; no birth dates, no absences.

The story, paragraph by paragraph:

1. when, who held it, what: "Chiều ngày 29/6/2023, Đảng ủy Bệnh viện … tổ chức Hội nghị …";
   the chair ("Chủ trì Hội nghị có …") when not a guest's meeting; the guests with rank, titles
   and position ("Tham dự hội nghị có Đại tá A, …; Đại tá B, … và Đại tá C, …"); the attendees;
2. what was reviewed: "Trong 6 tháng đầu năm 2023, Đảng ủy … đã lãnh đạo thực hiện 13 chỉ tiêu
   chủ yếu, trong đó …" and the report speech;
3. year-end reviews: the ratings (exclusive counts per level, the share "hoàn thành tốt nhiệm
   vụ trở lên"), the organization's level and its recognition "trong sạch, vững mạnh tiêu
   biểu", the commendations;
4. the discussion; the directive speech (guest: rank, name, titles); the conclusion;
5. year-end reviews: the directions for the next year.

Captions: "Quang cảnh hội nghị.", then "<rank> <name>, <titles> phát biểu chỉ đạo tại hội
nghị." for each directive speech, the conclusion's speaker, and each commendation of the
organization that has a title.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from dangbo.awards.summary import AwardItem
from dangbo.awards.summary import summary_sentence as awards_sentence
from dangbo.evaluations.summary import (
    LEVEL_PHRASES,
    LevelCounts,
    percent_text,
)
from dangbo.evaluations.summary import summary_sentence as ratings_sentence

OVERVIEW_CAPTION = "Quang cảnh hội nghị."
COMRADE = "đồng chí"
# A clause that states a count of targets ("13 chỉ tiêu", "3 nhiệm vụ"): the computed sentence
# replaces it (the figures come from the checkpoint, not from the typed summary).
_COUNTED = re.compile(r"\b\d+\s+(?:chỉ tiêu|nhiệm vụ trọng tâm|tiêu chí)\b")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
LEVEL_PHRASES_BY_VALUE: dict[str, str] = {level.value: p for level, p in LEVEL_PHRASES.items()}


@dataclass(frozen=True)
class Speaker:
    """A speaker, guest or chair: public data only."""

    name: str
    rank: str = ""  # "Đại tá", "BS CKII"; empty: "đồng chí"
    titles: tuple[str, ...] = ()  # "Ủy viên Thường vụ Đảng ủy", "Phó Chủ nhiệm Hậu cần …"

    @property
    def display(self) -> str:
        """ "Đại tá Phạm Quốc Thành, Ủy viên Thường vụ Đảng ủy, Phó Chủ nhiệm Hậu cần Quân
        khu"; "đồng chí Nguyễn Văn A, Bí thư Chi bộ" without a rank."""
        head = f"{self.rank or COMRADE} {self.name}"
        return ", ".join((head, *(t for t in self.titles if t)))


@dataclass(frozen=True)
class Said:
    """A speech: who (None: not named) and the summary recorded."""

    speaker: Speaker | None
    summary: str


@dataclass(frozen=True)
class Honour:
    """A commendation of the organization itself, shown as a photo caption."""

    issuer: str  # "Quận ủy Hà Đông"
    kind: str  # "giấy khen"
    recipient: str  # "Đảng bộ Bệnh viện Đa khoa Hà Đông"
    title: str  # "Trong sạch, vững mạnh tiêu biểu năm 2021"


@dataclass(frozen=True)
class YearEnd:
    """What a year-end review adds: the ratings of ``year``, the commendations, directions."""

    year: int
    cells: LevelCounts | None = None
    members: LevelCounts | None = None
    collective: str | None = None  # a Level value
    organization_level: str | None = None  # a Level value
    recognized: bool = False  # "tiêu biểu" (trong sạch, vững mạnh tiêu biểu)
    awards: tuple[AwardItem, ...] = ()
    honours: tuple[Honour, ...] = ()
    directions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Record:
    """The facts of one meeting, as read from the database."""

    title: str
    date: dt.date
    start: dt.time
    organization: str  # "Đảng bộ Bệnh viện Đa khoa Hà Đông"
    host: str  # who held it: the organization, or its committee ("Đảng ủy Bệnh viện …")
    committee: str = ""  # who leads the targets ("Đảng ủy Bệnh viện …"); host when empty
    period: str = ""  # "Trong 6 tháng đầu năm 2023", "Năm 2021"
    chair: Speaker | None = None
    guests: tuple[Speaker, ...] = ()
    attendees: str = ""  # "các đồng chí lãnh đạo khoa, phòng cùng các đảng viên tiêu biểu"
    targets: str = ""  # the summary sentence of the checkpoint ("Lãnh đạo thực hiện 13 …")
    reports: tuple[str, ...] = ()
    discussion: tuple[str, ...] = ()
    directives: tuple[Said, ...] = ()
    conclusions: tuple[Said, ...] = ()
    year_end: YearEnd | None = None


@dataclass(frozen=True)
class Story:
    title: str
    paragraphs: tuple[str, ...]
    captions: tuple[str, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        """The whole story as plain text (paragraphs separated by a blank line)."""
        return "\n\n".join((self.title, *self.paragraphs))


# ---- words ---------------------------------------------------------------------------------
def time_of_day(at: dt.time) -> str:
    """ "Sáng" before 11:00, "Trưa" until 13:00, "Chiều" until 18:00, then "Tối"."""
    if at < dt.time(11):
        return "Sáng"
    if at < dt.time(13):
        return "Trưa"
    if at < dt.time(18):
        return "Chiều"
    return "Tối"


def when(day: dt.date, at: dt.time) -> str:
    """ "Chiều ngày 29/6/2023": the news style, day and month without leading zeros."""
    return f"{time_of_day(at)} ngày {day.day}/{day.month}/{day.year}"


def lower_first(text: str) -> str:
    """The first letter in lower case, unless the first word is an abbreviation ("UBND")."""
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def clause(text: str) -> str:
    """A summary used inside a sentence: no final full stop, first letter lowered."""
    return lower_first(text.strip().rstrip(".;").rstrip())


def sentence(text: str) -> str:
    """Capitalised, ending with a full stop."""
    text = text.strip()
    return upper_first(text if text.endswith((".", "!", "?", "…")) else text + ".")


def join_and(parts: Iterable[str], sep: str = ", ") -> str:
    """["a"] → "a"; ["a", "b"] → "a và b"; ["a", "b", "c"] → "a, b và c" (``sep`` between)."""
    items = list(parts)
    if len(items) <= 1:
        return "".join(items)
    return sep.join(items[:-1]) + " và " + items[-1]


def without_counts(summary: str) -> str:
    """The summary without the clauses (between ";" or sentences) that state a count of
    targets: those figures are stated by the sentence computed from the checkpoint."""
    kept_sentences = []
    for part in _SENTENCE_END.split(summary.strip()):
        clauses = [c.strip() for c in part.split(";")]
        kept = [c for c in clauses if c and not _COUNTED.search(c)]
        if kept:
            kept_sentences.append(sentence("; ".join(kept).rstrip(".")))
    return " ".join(kept_sentences)


def story_title(record: Record) -> str:
    """The meeting's title; "Hội nghị tổng kết …" becomes "<organization> tổng kết …" as the
    news writes it (a title going on with a verb, not with a body's name)."""
    rest = record.title.removeprefix("Hội nghị ").strip()
    if rest != record.title and rest[:1].islower():
        return f"{record.organization} {rest}"
    return record.title


# ---- paragraphs ----------------------------------------------------------------------------
def opening(record: Record) -> str:
    parts = [f"{when(record.date, record.start)}, {record.host} tổ chức {record.title}."]
    if record.chair is not None:
        parts.append(f"Chủ trì Hội nghị có {record.chair.display}.")
    if record.guests:
        guests = join_and((g.display for g in record.guests), sep="; ")
        parts.append(f"Tham dự hội nghị có {guests}.")
    if record.attendees:
        parts.append(f"Tham dự Hội nghị có {record.attendees}.")
    return " ".join(parts)


def review(record: Record) -> list[str]:
    out = []
    if record.targets:
        lead = record.committee or record.host
        text = f"{record.period}, {lead} đã" if record.period else f"{lead} đã"
        out.append(f"{text} {clause(record.targets)}.")
    reports = (
        [without_counts(r) for r in record.reports] if record.targets else list(record.reports)
    )
    out += [sentence(r) for r in reports if r.strip()]
    return out


def ratings(record: Record, year_end: YearEnd) -> list[str]:
    out = []
    y = year_end.year
    counted = any(c is not None and c.rated for c in (year_end.cells, year_end.members))
    if counted or year_end.collective:
        text = ratings_sentence(year_end.cells, year_end.members, collective=year_end.collective)
        out.append(
            f"Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên năm {y}: "
            f"{text}."
        )
    members = year_end.members
    if members is not None and members.rated:
        share = percent_text(members.good_or_above, members.rated)
        out[-1] += (
            f" Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên đạt {share} "
            f"({members.good_or_above}/{members.rated} đảng viên được xếp loại)."
        )
    if year_end.organization_level:
        level = LEVEL_PHRASES_BY_VALUE[year_end.organization_level]
        text = f"{record.organization} được xếp loại {level}"
        if year_end.recognized:
            text += (
                f"; đặc biệt, năm {y} {record.organization} vinh dự được tổ chức đảng cấp trên "
                f"công nhận là “trong sạch, vững mạnh tiêu biểu năm {y}”"
            )
        out.append(text + ".")
    if year_end.awards:
        out.append(
            f"Trong công tác thi đua, khen thưởng năm {y}, các tập thể và cá nhân của "
            f"{record.organization} được tặng: {awards_sentence(year_end.awards)}"
        )
    return out


def speeches(record: Record) -> list[str]:
    out = []
    if record.discussion:
        points = "; ".join(clause(d) for d in record.discussion if d.strip())
        out.append(f"Tham gia thảo luận tại hội nghị, các đại biểu tập trung {points}.")
    for said in record.directives:
        who = f", {said.speaker.display}" if said.speaker else ", đại biểu cấp trên"
        out.append(f"Phát biểu chỉ đạo tại Hội nghị{who} {clause(said.summary)}.")
    for said in record.conclusions:
        who = f", {said.speaker.display}" if said.speaker else ""
        out.append(f"Phát biểu kết luận hội nghị{who} {clause(said.summary)}.")
    return out


def directions(year_end: YearEnd) -> list[str]:
    if not year_end.directions:
        return []
    points = "; ".join(clause(d) for d in year_end.directions)
    return [f"Về phương hướng, nhiệm vụ năm {year_end.year + 1}: {points}."]


def captions(record: Record) -> tuple[str, ...]:
    out = [OVERVIEW_CAPTION]
    out += [
        f"{s.speaker.display} phát biểu chỉ đạo tại hội nghị."
        for s in record.directives
        if s.speaker
    ]
    out += [
        f"{s.speaker.display} phát biểu kết luận tại hội nghị."
        for s in record.conclusions
        if s.speaker
    ]
    if record.year_end is not None:
        out += [
            f"{h.issuer} tặng {h.kind} {h.recipient}: {h.title}." for h in record.year_end.honours
        ]
    return tuple(out)


def build(record: Record) -> Story:
    """The story of one meeting (issue 10, item 6)."""
    paragraphs = [opening(record), *review(record)]
    if record.year_end is not None:
        paragraphs += ratings(record, record.year_end)
    paragraphs += speeches(record)
    if record.year_end is not None:
        paragraphs += directions(record.year_end)
    return Story(story_title(record), tuple(paragraphs), captions(record))
