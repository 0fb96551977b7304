"""The statistics of a rating campaign and its Vietnamese summary sentence (issue 9, item 5).

Pure Python (standard library and the pure ``rulesets.base`` only): the counts per level come
from ``stats_queries`` (SQL GROUP BY), everything shown — the tables, the xlsx export, the API
and the sentence — is computed here from those counts, never typed.

- **Exclusive** rows: each level once, its count and its share of those rated.
- **Cumulative** rows: "Hoàn thành tốt nhiệm vụ trở lên" (excellent + good) and "Hoàn thành
  nhiệm vụ trở lên" (excellent + good + completed), with their shares.
- Shares are exact fractions, written with a decimal comma and one decimal, rounded half up
  only for display: 51 / 261 → "19,5%" (``percent_text``).
- The sentence, in the form of the year-end report (seed 003, the 2021 review of Đảng bộ Bệnh
  viện Đa khoa Hà Đông)::

      7 chi bộ hoàn thành xuất sắc nhiệm vụ, 22 chi bộ hoàn thành tốt nhiệm vụ, 4 chi bộ hoàn
      thành nhiệm vụ; 51 đảng viên hoàn thành xuất sắc nhiệm vụ, 205 đảng viên hoàn thành tốt
      nhiệm vụ, 5 đảng viên hoàn thành nhiệm vụ

  Levels with no one are left out; "không hoàn thành nhiệm vụ" is there when someone is at that
  level. Cells' clauses are joined by commas, then "; " before the members' clauses, and the
  leadership collective's level (when given) closes it, as the seed does ("Tập thể lãnh đạo
  quản lý hoàn thành xuất sắc nhiệm vụ"). The seed's slips are not reproduced: it wrote "22 chi
  bộ hoàn thành nhiệm vụ" where the cells were rated good, and claimed "100% đảng viên được đánh
  giá Hoàn thành Tốt nhiệm vụ" while 5 were only "hoàn thành nhiệm vụ"; the sentence here only
  ever says what the counts say. Numbers under 10 may be written "04" as Party documents do
  (``zero_pad=True``; the seed writes "04 chi bộ", "05 đảng viên").

The sentence is data that goes into Party documents: it stays Vietnamese whatever the UI
language, so there is no gettext here (the UI labels of the rows are chosen by the view).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from dangbo.evaluations.rulesets.base import Level

# The level phrases, as the reports write them (lower case inside a sentence).
LEVEL_PHRASES: dict[Level, str] = {
    Level.EXCELLENT: "hoàn thành xuất sắc nhiệm vụ",
    Level.GOOD: "hoàn thành tốt nhiệm vụ",
    Level.COMPLETED: "hoàn thành nhiệm vụ",
    Level.NOT_COMPLETED: "không hoàn thành nhiệm vụ",
}
LEVELS: tuple[Level, ...] = (Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED)

GOOD_OR_ABOVE = "good_or_above"
COMPLETED_OR_ABOVE = "completed_or_above"
CUMULATIVE_PHRASES: dict[str, str] = {
    GOOD_OR_ABOVE: "hoàn thành tốt nhiệm vụ trở lên",
    COMPLETED_OR_ABOVE: "hoàn thành nhiệm vụ trở lên",
}

CELL_NOUN = "chi bộ"
MEMBER_NOUN = "đảng viên"
COLLECTIVE_NOUN = "Tập thể lãnh đạo, quản lý"
NO_RESULT = "Chưa có kết quả xếp loại"


@dataclass(frozen=True)
class LevelCounts:
    """How many subjects are at each level; ``not_rated`` are listed but not rated (exempt,
    suspended, admitted less than 6 months before year-end), ``pending`` have no level yet."""

    excellent: int = 0
    good: int = 0
    completed: int = 0
    not_completed: int = 0
    not_rated: int = 0
    pending: int = 0

    @classmethod
    def from_levels(
        cls, levels: Mapping[str, int], *, not_rated: int = 0, pending: int = 0
    ) -> LevelCounts:
        """From ``{"htxsnv": 7, …}`` (a ``Level`` or its value as key; missing levels are 0)."""
        return cls(
            excellent=levels.get(Level.EXCELLENT.value, 0),
            good=levels.get(Level.GOOD.value, 0),
            completed=levels.get(Level.COMPLETED.value, 0),
            not_completed=levels.get(Level.NOT_COMPLETED.value, 0),
            not_rated=not_rated,
            pending=pending,
        )

    def __add__(self, other: LevelCounts) -> LevelCounts:
        return LevelCounts(
            self.excellent + other.excellent,
            self.good + other.good,
            self.completed + other.completed,
            self.not_completed + other.not_completed,
            self.not_rated + other.not_rated,
            self.pending + other.pending,
        )

    def count(self, level: Level) -> int:
        return {
            Level.EXCELLENT: self.excellent,
            Level.GOOD: self.good,
            Level.COMPLETED: self.completed,
            Level.NOT_COMPLETED: self.not_completed,
        }[level]

    @property
    def rated(self) -> int:
        """Those with a level: the base of every share."""
        return self.excellent + self.good + self.completed + self.not_completed

    @property
    def listed(self) -> int:
        """Everyone in the campaign: rated, not yet rated, and not rated with a reason."""
        return self.rated + self.pending + self.not_rated

    @property
    def good_or_above(self) -> int:
        return self.excellent + self.good

    @property
    def completed_or_above(self) -> int:
        return self.excellent + self.good + self.completed


def total(counts: Iterable[LevelCounts]) -> LevelCounts:
    """The sum of several organizations' counts."""
    out = LevelCounts()
    for c in counts:
        out = out + c
    return out


def share(part: int, whole: int) -> Fraction | None:
    """``part / whole`` exactly, as a percentage (``None`` when nobody is rated)."""
    if whole <= 0:
        return None
    return Fraction(100 * part, whole)


def format_percent(value: Fraction, places: int = 1) -> str:
    """A percentage written the Vietnamese way with ``places`` decimals, rounded half up:
    ``Fraction(5100, 261)`` → "19,5%", ``Fraction(100)`` → "100,0%"."""
    scale = 10**places
    scaled = value * scale
    rounded = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    whole, frac = divmod(rounded, scale)
    return f"{whole},{frac:0{places}d}%" if places else f"{whole}%"


def percent_text(part: int, whole: int) -> str:
    """The share of ``part`` in ``whole`` for a table cell; "—" when nobody is rated."""
    value = share(part, whole)
    return "—" if value is None else format_percent(value)


@dataclass(frozen=True)
class StatRow:
    """One row of a statistics table: a level (exclusive) or "… trở lên" (cumulative)."""

    key: str  # a Level value, or GOOD_OR_ABOVE / COMPLETED_OR_ABOVE
    phrase: str  # Vietnamese, lower case ("hoàn thành tốt nhiệm vụ trở lên")
    count: int
    base: int  # those rated
    cumulative: bool = False

    @property
    def percent(self) -> Fraction | None:
        return share(self.count, self.base)

    @property
    def percent_text(self) -> str:
        return percent_text(self.count, self.base)

    @property
    def label(self) -> str:
        """The phrase with a capital letter, as a table heading."""
        return self.phrase[:1].upper() + self.phrase[1:]


def exclusive_rows(counts: LevelCounts) -> list[StatRow]:
    """Each level once, best first, with its share of those rated (zeros included)."""
    return [
        StatRow(level.value, LEVEL_PHRASES[level], counts.count(level), counts.rated)
        for level in LEVELS
    ]


def cumulative_rows(counts: LevelCounts) -> list[StatRow]:
    """ "Hoàn thành tốt nhiệm vụ trở lên" and "Hoàn thành nhiệm vụ trở lên"."""
    return [
        StatRow(GOOD_OR_ABOVE, CUMULATIVE_PHRASES[GOOD_OR_ABOVE], counts.good_or_above,
                counts.rated, cumulative=True),
        StatRow(COMPLETED_OR_ABOVE, CUMULATIVE_PHRASES[COMPLETED_OR_ABOVE],
                counts.completed_or_above, counts.rated, cumulative=True),
    ]  # fmt: skip


def _number(n: int, zero_pad: bool) -> str:
    return f"{n:02d}" if zero_pad else str(n)


def level_clauses(counts: LevelCounts, noun: str, *, zero_pad: bool = False) -> list[str]:
    """ "7 chi bộ hoàn thành xuất sắc nhiệm vụ", … for each level someone is at."""
    return [
        f"{_number(counts.count(level), zero_pad)} {noun} {LEVEL_PHRASES[level]}"
        for level in LEVELS
        if counts.count(level)
    ]


def summary_sentence(
    cells: LevelCounts | None,
    members: LevelCounts | None,
    *,
    collective: Level | str | None = None,
    zero_pad: bool = False,
) -> str:
    """The report's sentence (no final full stop: it is often embedded, "… trong đó có …").

    ``cells`` and ``members`` are the counts of the campaign (``None`` or all zero: left out);
    ``collective`` the leadership collective's level. With nothing rated at all: "Chưa có kết
    quả xếp loại"."""
    parts = []
    for counts, noun in ((cells, CELL_NOUN), (members, MEMBER_NOUN)):
        clauses = level_clauses(counts, noun, zero_pad=zero_pad) if counts else []
        if clauses:
            parts.append(", ".join(clauses))
    if collective:
        parts.append(f"{COLLECTIVE_NOUN} {LEVEL_PHRASES[Level(collective)]}")
    return "; ".join(parts) if parts else NO_RESULT
