"""Checking what a text states (issue 10 item 4): against the database (``Facts``), against the
text itself, and against the rules of its year. Pure.

Three kinds of mismatch, plus the ambiguous statements:

- ``database``: a figure or claim that the records contradict ("100% đảng viên … hoàn thành
  tốt nhiệm vụ" while 5 were rated "hoàn thành nhiệm vụ": 256/261 = 98,1%);
- ``self``: figures of the text that contradict each other (parts that do not add up to the
  stated total; the same level stated twice with different counts; a share that is not the
  count over the total; "có mặt 52/50");
- ``rule``: stated figures that break the 20 % cap of the year's rule set
  (``evaluations.rulesets.for_year(year)``: the rule set's own ``member_cap`` / ``cell_cap``
  rules run on the stated counts, so the message shows both readings as the evaluations
  module does; a superior's exception recorded in the facts lifts it);
- ``ambiguous``: a list that reads two ways ("08/42 chi bộ … xuất sắc; 42/42 chi bộ … tốt": each
  level apart, the parts add up to more than the total; cumulative, the second includes the
  first) — each reading is checked and its outcome listed.

How a statement is read:

- A count of a level is the number at that level; a level "tốt" or "hoàn thành" without "trở
  lên" that does not match may still be meant cumulatively ("42/42 chi bộ hoàn thành tốt nhiệm
  vụ" when 8 of them are excellent): it is accepted when the cumulative count matches, and the
  reading says so.
- A percentage is of those rated, or of the group a "trong đó" list belongs to; the figure must
  be equal once rounded to the decimals written (0% and 100% exactly); an approximate word
  ("gần", "trên", "hơn", "khoảng" …) turns it into a range (``numbers.matches``).
- With ``facts=None`` (a pasted text from another organization) there is no database: the text
  is compared with itself and with the rules of its year only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction

from dangbo.awards.rules import ISSUER_WORDS, KIND_WORDS, AwardKind, IssuerLevel
from dangbo.evaluations.rulesets import for_year
from dangbo.evaluations.rulesets.base import (
    CampaignSnapshot,
    CapBase,
    Level,
    Subject,
    SubjectKind,
    Violation,
)
from dangbo.evaluations.summary import LEVEL_PHRASES, LevelCounts
from dangbo.reports.consistency import Claim, Facts, Finding, Report
from dangbo.reports.consistency.claims import (
    ACHIEVED,
    ATTENDANCE,
    AWARDS,
    BEHIND,
    CELLS,
    COLLECTIVE,
    EXCEEDED,
    MEMBERS,
    MET,
    MET_WORD,
    NO_DATA,
    NOT_MET,
    NOT_STARTED,
    ON_TRACK,
    ORGANIZATION,
    PRESENT,
    TARGETS,
    TOTAL,
    Figure,
    read,
)
from dangbo.reports.consistency.numbers import (
    Quantity,
    format_int,
    matches,
    percent_of,
    ratio_text,
)
from dangbo.reports.consistency.sentences import Sentence, split

DATABASE, SELF, RULE, AMBIGUOUS = "database", "self", "rule", "ambiguous"
NOUNS = {MEMBERS: "đảng viên", CELLS: "chi bộ"}
CAP_CODES = {MEMBERS: "member_cap", CELLS: "cell_cap"}
CAP_KINDS = {MEMBERS: SubjectKind.MEMBER, CELLS: SubjectKind.CELL}
LEVELS_BEST_FIRST = (Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED)
TARGET_WORDS = {
    TOTAL: "tổng số",
    ACHIEVED: "đạt và vượt",
    EXCEEDED: "vượt",
    MET: "đạt",
    MET_WORD: "đạt",
    ON_TRACK: "đạt tiến độ",
    BEHIND: "chưa đạt tiến độ",
    NOT_MET: "chưa đạt",
    NOT_STARTED: "chưa thực hiện",
    NO_DATA: "chưa có số liệu",
}
NO_LEVEL = "chưa có kết quả xếp loại"


def q(text: str) -> str:
    """A phrase of the text, quoted."""
    return f"“{text}”"


def level_phrase(level: str, cumulative: bool = False) -> str:
    """ "hoàn thành tốt nhiệm vụ (trở lên)"; the best level has nothing above it."""
    above = cumulative and level != Level.EXCELLENT.value
    return LEVEL_PHRASES[Level(level)] + (" trở lên" if above else "")


def at_least(counts: LevelCounts, level: str) -> int:
    """How many are rated ``level`` or better."""
    rank = Level(level).rank
    return sum(counts.count(lv) for lv in LEVELS_BEST_FIRST if lv.rank >= rank)


def stated(qty: Quantity) -> str:
    """The figure as the text writes it, with its approximate word."""
    return qty.text.strip()


def bases(*candidates: int) -> list[int]:
    """The positive bases a share may be of, the first one first, each once."""
    return list(dict.fromkeys(n for n in candidates if n > 0)) or [0]


def numerator(qty: Quantity) -> str:
    """The count of "08/42" as written ("08"); the whole figure otherwise."""
    return qty.text.split("/")[0].strip()


@dataclass
class Checker:
    """One run of ``check``: the findings and the notes on readings, per sentence."""

    facts: Facts | None
    year: int
    findings: list[Finding] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)  # id(figure) → how it was read

    def flag(self, s: Sentence, claim: str, message: str, kind: str) -> None:
        self.findings.append(Finding(s.start, s.end, s.text, claim, message, kind))

    # ---- ratings of members and cells --------------------------------------------------------
    def ratings(self, s: Sentence, figures: Sequence[Figure]) -> None:
        for subject in (MEMBERS, CELLS):
            items = [f for f in figures if f.subject == subject and f.key != TOTAL]
            totals = [f for f in figures if f.subject == subject and f.key == TOTAL]
            if items or totals:
                self.subject_ratings(s, subject, items, totals)

    def counts(self, subject: str) -> LevelCounts | None:
        if self.facts is None:
            return None
        return self.facts.members if subject == MEMBERS else self.facts.cells

    def subject_ratings(
        self, s: Sentence, subject: str, items: list[Figure], totals: list[Figure]
    ) -> None:
        noun = NOUNS[subject]
        db = self.counts(subject)
        head = next((t.qty.count for t in totals if t.qty and not t.qty.approx), None)
        whole = [f for f in items if not f.amount.percent]
        handled: set[int] = set()
        # the same level twice with different counts
        by_level: dict[str, list[Figure]] = {}
        for f in whole:
            if not f.cumulative:
                by_level.setdefault(f.key, []).append(f)
        for level, group in by_level.items():
            if len({f.amount.value for f in group}) > 1:
                handled |= {id(f) for f in group}
                self.duplicate(s, subject, level, group, db)
        exclusive = [f for f in whole if not f.cumulative and id(f) not in handled]
        denominators = {f.amount.total for f in whole if f.amount.total}
        total = head or (denominators.pop() if len(denominators) == 1 else None)
        if total is None and db is not None:
            total = db.rated
        if self.ambiguous(s, subject, exclusive, total, db):
            handled |= {id(f) for f in exclusive}
            exclusive = []
        text_counts = self.text_counts(exclusive, [f for f in whole if f.cumulative])
        # a percentage may be of a group the sentence counts ("256 … trở lên, trong đó 51
        # (19,9%) …")
        groups = [f.amount.count for f in whole if f.cumulative and f.amount.count]
        for f in items:
            if id(f) not in handled:
                self.rating(s, subject, f, db, head, text_counts, groups)
        if head is not None and len(exclusive) >= 2:
            parts = sum(f.amount.value for f in exclusive)
            others = db is not None and db.rated == parts and db.listed == head
            if parts != head and not others:
                written = " + ".join(stated(f.amount) for f in exclusive)
                self.flag(
                    s, "; ".join(f.phrase for f in exclusive),
                    f"Các số {written} = {format_int(int(parts))} {noun}, khác tổng số {head}"
                    f" {noun} nêu trong câu.",
                    SELF,
                )  # fmt: skip
        if text_counts is not None:
            excellent = text_counts[0].get(Level.EXCELLENT.value)
            good = text_counts[0].get(Level.GOOD.value)
            if excellent is not None and good is not None:
                claim = "; ".join(f.phrase for f in exclusive if f.key in ("htxsnv", "httnv"))
                self.cap(s, subject, excellent, good, claim)

    def text_counts(
        self, exclusive: list[Figure], cumulative: list[Figure]
    ) -> tuple[dict[str, int], int] | None:
        """The levels the sentence counts (each level once) and their sum; a cumulative
        "tốt trở lên" with the excellent count gives the good ones."""
        levels: dict[str, int] = {}
        for f in exclusive:
            if f.amount.count is not None and not f.amount.approx:
                levels[f.key] = f.amount.count
        for f in cumulative:
            count = f.amount.count
            excellent = levels.get(Level.EXCELLENT.value)
            if f.key == Level.GOOD.value and count is not None and excellent is not None:
                levels.setdefault(Level.GOOD.value, count - excellent)
        if not levels:
            return None
        return levels, sum(levels.values())

    def duplicate(
        self, s: Sentence, subject: str, level: str, group: list[Figure], db: LevelCounts | None
    ) -> None:
        noun = NOUNS[subject]
        written = " và ".join(stated(f.amount) for f in group)
        twice = (
            f"mức {q(level_phrase(level))} của {noun} được nêu {len(group)} lần với số khác nhau"
            f" ({written})"
        )
        wrong = [] if db is None else [
            f for f in group if not matches(f.amount, Fraction(db.count(Level(level))))
        ]  # fmt: skip
        if db is None or not wrong:
            self.flag(
                s, "; ".join(f.phrase for f in group),
                f"Trong câu, {twice}: ít nhất một số sai hoặc nhầm mức xếp loại.", SELF,
            )  # fmt: skip
            return
        for f in wrong:
            self.flag(
                s, f.phrase,
                f"Văn bản nêu {q(f.phrase)}, nhưng {twice}. Cơ sở dữ liệu:"
                f" {db.count(Level(level))} {noun} {level_phrase(level)}"
                f"{self.hint(f, db, noun)}.", DATABASE,
            )  # fmt: skip

    @staticmethod
    def hint(f: Figure, db: LevelCounts, noun: str) -> str:
        """ "; 22 chi bộ là số hoàn thành tốt nhiệm vụ — có lẽ là “22 chi bộ hoàn thành tốt
        nhiệm vụ”"."""
        count = f.amount.count
        for level in LEVELS_BEST_FIRST:
            if level.value != f.key and db.count(level) == count:
                right = f"{stated(f.amount)} {noun} {level_phrase(level.value)}"
                return f"; {count} là số {noun} {level_phrase(level.value)} — có lẽ là {q(right)}"
        return ""

    def ambiguous(
        self,
        s: Sentence,
        subject: str,
        exclusive: list[Figure],
        total: int | None,
        db: LevelCounts | None,
    ) -> bool:
        """A list whose parts, each level apart, exceed the total while its counts grow from the
        best level down: it is also read cumulatively ("08/42 … xuất sắc; 42/42 … tốt")."""
        if total is None or len(exclusive) < 2 or len({f.key for f in exclusive}) < len(exclusive):
            return False
        ordered = sorted(exclusive, key=lambda f: -Level(f.key).rank)
        values = [f.amount.value for f in ordered]
        parts = sum(values)
        if parts <= total or any(b < a for a, b in zip(values, values[1:], strict=False)):
            return False
        noun = NOUNS[subject]
        written = " + ".join(numerator(f.amount) for f in ordered)
        first = (
            f"Đọc từng mức riêng: {written} = {format_int(int(parts))} {noun}, nhiều hơn tổng số"
            f" {total} — không khớp."
        )
        cumulative = "; ".join(
            f"{numerator(f.amount)} {level_phrase(f.key, True)}" for f in ordered
        )
        problems = []
        if db is not None:
            for f in ordered:
                actual = at_least(db, f.key)
                if not matches(f.amount, Fraction(actual)):
                    problems.append(f"cơ sở dữ liệu có {actual} {noun} {level_phrase(f.key, True)}")
        cumulative_counts = {f.key: f.amount.count for f in ordered}
        excellent = cumulative_counts.get(Level.EXCELLENT.value)
        good_up = cumulative_counts.get(Level.GOOD.value)
        if excellent is not None and good_up is not None:
            violation = self.cap_violation(subject, excellent, good_up - excellent)
            if violation is not None:
                problems.append(f"vi phạm tỷ lệ — {violation.message} ({violation.citation})")
        outcome = "; ".join(problems) if problems else (
            "khớp cơ sở dữ liệu" if db is not None else "không mâu thuẫn trong văn bản"
        )  # fmt: skip
        second = f"Đọc cộng dồn (mức sau gồm cả mức trước: {cumulative}): {outcome}."
        for f in ordered:
            self.notes[id(f)] = "đọc được hai cách: từng mức riêng, hoặc cộng dồn"
        self.flag(
            s, "; ".join(f.phrase for f in ordered),
            f"Câu này đọc được hai cách. {first} {second}", AMBIGUOUS,
        )  # fmt: skip
        return True

    def rating(
        self,
        s: Sentence,
        subject: str,
        f: Figure,
        db: LevelCounts | None,
        head: int | None,
        text_counts: tuple[dict[str, int], int] | None,
        groups: list[int],
    ) -> None:
        noun = NOUNS[subject]
        qty: Quantity = f.amount
        if qty.total is not None and qty.value > qty.total:
            self.flag(s, f.phrase, f"{q(stated(qty))}: số bộ phận lớn hơn tổng số.", SELF)
            return
        if db is not None:
            self.rating_db(s, noun, f, qty, db, bases(head or db.rated, db.rated, *groups))
            return
        if text_counts is None:
            return
        levels, parts = text_counts
        among = bases(qty.total or head or parts, *groups)
        if qty.percent:
            exact = levels.get(f.key, 0)
            up = sum(n for lv, n in levels.items() if Level(lv).rank >= Level(f.key).rank)
            self.percent_check(s, noun, f, qty, exact, up, among, SELF, "theo chính văn bản")
        elif f.share is not None and qty.count is not None:
            self.share_check(s, noun, f, qty.count, among, SELF, "theo chính văn bản")

    def rating_db(
        self,
        s: Sentence,
        noun: str,
        f: Figure,
        qty: Quantity,
        db: LevelCounts,
        among: list[int],
    ) -> None:
        exact = db.count(Level(f.key))
        up = at_least(db, f.key)
        if qty.percent:
            self.percent_check(s, noun, f, qty, exact, up, among, DATABASE, "cơ sở dữ liệu")
            return
        if qty.total is not None and qty.total not in (db.rated, db.listed, among[0]):
            self.flag(
                s, f.phrase,
                f"Văn bản nêu {q(f.phrase)}: tổng số {qty.total} {noun}; cơ sở dữ liệu:"
                f" {db.rated} {noun} được xếp loại.", DATABASE,
            )  # fmt: skip
            return
        if f.cumulative:
            ok = matches(qty, Fraction(up))
        else:
            ok = matches(qty, Fraction(exact))
            if not ok and f.key in (Level.GOOD.value, Level.COMPLETED.value) and not qty.approx:
                ok = matches(qty, Fraction(up))
                if ok:
                    self.notes[id(f)] = f"đọc là cộng dồn: {level_phrase(f.key, True)}"
        if not ok:
            actual = up if f.cumulative else exact
            hint = self.hint(f, db, noun) if qty.count is not None and not f.cumulative else ""
            self.flag(
                s, f.phrase,
                f"Văn bản nêu {q(f.phrase)}: {stated(qty)} {noun}; cơ sở dữ liệu: {actual} {noun}"
                f" {level_phrase(f.key, f.cumulative)}{hint}.", DATABASE,
            )  # fmt: skip
            return
        if f.share is not None:
            self.share_check(s, noun, f, up if f.cumulative else exact, among, DATABASE,
                             "cơ sở dữ liệu")  # fmt: skip

    def percent_check(
        self,
        s: Sentence,
        noun: str,
        f: Figure,
        qty: Quantity,
        exact: int,
        up: int,
        among: list[int],
        kind: str,
        source: str,
    ) -> None:
        """ "100% đảng viên … hoàn thành tốt nhiệm vụ": the share of the level, or (a level
        "tốt"/"hoàn thành" without "trở lên") of the level or better, among those rated or a
        group the sentence counts."""
        base = among[0]
        if base <= 0:
            return
        candidates = [up] if f.cumulative else [exact]
        if not f.cumulative and f.key in (Level.GOOD.value, Level.COMPLETED.value):
            candidates.append(up)
        if any(matches(qty, percent_of(n, b)) for n in candidates for b in among):
            if not f.cumulative and not any(matches(qty, percent_of(exact, b)) for b in among):
                self.notes[id(f)] = f"đọc là cộng dồn: {level_phrase(f.key, True)}"
            return
        figures = f"{ratio_text(up, base)} {noun} {level_phrase(f.key, True)}"
        if not f.cumulative and exact != up:
            figures += f" ({ratio_text(exact, base)} chỉ tính mức {level_phrase(f.key)})"
        elif not f.cumulative:
            figures = f"{ratio_text(exact, base)} {noun} {level_phrase(f.key)}"
        self.flag(s, f.phrase, f"Văn bản nêu {q(f.phrase)}; {source}: {figures}.", kind)

    def share_check(
        self,
        s: Sentence,
        noun: str,
        f: Figure,
        count: int,
        among: list[int],
        kind: str,
        source: str,
    ) -> None:
        """A count with its share in brackets: "51 đảng viên (19,5%) …"."""
        assert f.share is not None
        share = f.share
        if among[0] <= 0 or any(matches(share, percent_of(count, b)) for b in among):
            return
        self.flag(
            s, f.phrase,
            f"Văn bản nêu tỷ lệ {share.text} trong {q(f.phrase)}; {source}:"
            f" {ratio_text(count, among[0])} ({noun}).", kind,
        )  # fmt: skip

    # ---- the 20 % cap --------------------------------------------------------------------------
    def cap_violation(self, subject: str, excellent: int, good: int) -> Violation | None:
        """The year's own cap rule (``member_cap`` / ``cell_cap``) run on the stated counts."""
        try:
            rule_set = for_year(self.year)
        except LookupError:
            return None
        facts = self.facts
        base = CapBase(facts.cap_base) if facts and facts.cap_base else (
            rule_set.settings.default_cap_base
        )  # fmt: skip
        kind = CAP_KINDS[subject]
        subjects = tuple(
            Subject(key=f"{kind.value}:{i}", kind=kind, name="", level=level)
            for i, level in enumerate(
                [Level.EXCELLENT] * max(excellent, 0) + [Level.GOOD] * max(good, 0)
            )
        )
        snapshot = CampaignSnapshot(
            year=self.year, subjects=subjects, cap_base=base,
            member_cap_exception=facts.member_cap_exception if facts else "",
            cell_cap_exception=facts.cell_cap_exception if facts else "",
        )  # fmt: skip
        for rule in rule_set.rules:
            if rule.code != CAP_CODES[subject]:
                continue
            for violation in rule.check(snapshot, rule_set.settings):
                if not violation.justified:
                    return replace(violation, citation=rule.citation)
        return None

    def cap(self, s: Sentence, subject: str, excellent: int, good: int, claim: str) -> None:
        violation = self.cap_violation(subject, excellent, good)
        if violation is None:
            return
        noun = NOUNS[subject]
        self.flag(
            s, claim,
            f"Theo số liệu nêu trong câu ({excellent} {noun} hoàn thành xuất sắc nhiệm vụ,"
            f" {good} {noun} hoàn thành tốt nhiệm vụ): {violation.message}"
            f" Căn cứ: {violation.citation}.", RULE,
        )  # fmt: skip

    # ---- the collective and the organization ------------------------------------------------
    def heads(self, s: Sentence, figures: Sequence[Figure]) -> None:
        if self.facts is None:
            return
        for f in figures:
            if f.subject not in (COLLECTIVE, ORGANIZATION):
                continue
            actual = self.facts.collective if f.subject == COLLECTIVE else self.facts.organization
            if actual is None or actual == f.key:
                continue
            who = "tập thể lãnh đạo" if f.subject == COLLECTIVE else "tổ chức cơ sở đảng"
            self.flag(
                s, f.phrase,
                f"Văn bản nêu {q(f.phrase)}; cơ sở dữ liệu: {who}"
                f" {level_phrase(actual) if actual else NO_LEVEL}.", DATABASE,
            )  # fmt: skip

    # ---- targets -------------------------------------------------------------------------------
    def targets(self, s: Sentence, figures: Sequence[Figure]) -> None:
        items = [f for f in figures if f.subject == TARGETS]
        if not items:
            return
        totals = [f.amount.count for f in items if f.key == TOTAL]
        total = totals[0] if totals else None
        split = next((f for f in items if f.key == "split"), None)
        found: dict[str, Figure] = {}
        for f in items:
            if f.key not in ("split", TOTAL):
                found.setdefault(f.key, f)
            qty = f.qty
            if qty is not None and qty.total is not None:
                if qty.value > qty.total:
                    self.flag(s, f.phrase, f"{q(stated(qty))}: số bộ phận lớn hơn tổng số.", SELF)
                elif total is not None and qty.total != total:
                    self.flag(
                        s, f.phrase,
                        f"{q(f.phrase)}: tổng số {qty.total} khác tổng số {total} nêu trong câu.",
                        SELF,
                    )  # fmt: skip
                total = total if total is not None else qty.total
        achieved = found.get(ACHIEVED)
        if split is not None and achieved is not None:
            a, b = split.parts
            if a + b != achieved.amount.value:
                self.flag(
                    s, f"{achieved.phrase} {split.phrase}",
                    f"{a} + {b} = {a + b}, khác {stated(achieved.amount)} chỉ tiêu đạt và vượt.",
                    SELF,
                )  # fmt: skip
        self.targets_sum(s, found, total)
        if self.facts is not None and self.facts.targets is not None:
            self.targets_db(s, items, self.facts.targets)

    def targets_sum(self, s: Sentence, found: dict[str, Figure], total: int | None) -> None:
        if total is None:
            return
        groups = [ACHIEVED] if ACHIEVED in found else [EXCEEDED, MET_WORD]
        keys = [k for k in (*groups, ON_TRACK, BEHIND, NOT_MET, NOT_STARTED, NO_DATA) if k in found]
        if len(keys) < 2:
            return
        parts = [found[k].qty for k in keys]
        if any(p is None or p.approx for p in parts):
            return
        value = sum(p.value for p in parts if p is not None)
        if value != total:
            written = " + ".join(stated(p) for p in parts if p is not None)
            self.flag(
                s, "; ".join(found[k].phrase for k in keys),
                f"Các số {written} = {format_int(int(value))} chỉ tiêu, khác tổng số {total}"
                " nêu trong câu.", SELF,
            )  # fmt: skip

    def targets_db(self, s: Sentence, items: Iterable[Figure], db: Mapping[str, int]) -> None:
        counts: dict[str, int] = dict(db)
        exceeded, met = counts.get(EXCEEDED, 0), counts.get(MET, 0)
        actual = {
            TOTAL: [sum(counts.values())],
            ACHIEVED: [exceeded + met],
            EXCEEDED: [exceeded],
            MET_WORD: [met, exceeded + met],
            ON_TRACK: [counts.get(ON_TRACK, 0)],
            BEHIND: [counts.get(BEHIND, 0)],
            NOT_MET: [counts.get(NOT_MET, 0), counts.get(NOT_MET, 0) + counts.get(BEHIND, 0)],
            NOT_STARTED: [counts.get(NOT_STARTED, 0)],
            NO_DATA: [counts.get(NO_DATA, 0)],
        }
        for f in items:
            if f.key == "split":
                a, b = f.parts
                if (a, b) != (exceeded, met):
                    self.flag(
                        s, f.phrase,
                        f"Văn bản nêu {q(f.phrase)}; cơ sở dữ liệu: vượt {exceeded}, đạt {met}.",
                        DATABASE,
                    )  # fmt: skip
                continue
            qty: Quantity = f.amount
            if qty.total is not None and qty.total != actual[TOTAL][0]:
                self.flag(
                    s, f.phrase,
                    f"Văn bản nêu {q(f.phrase)}: tổng số {qty.total}; cơ sở dữ liệu:"
                    f" {actual[TOTAL][0]} chỉ tiêu.", DATABASE,
                )  # fmt: skip
                continue
            if not any(matches(qty, Fraction(n)) for n in actual[f.key]):
                self.flag(
                    s, f.phrase,
                    f"Văn bản nêu {q(f.phrase)}: {stated(qty)}; cơ sở dữ liệu:"
                    f" {actual[f.key][-1]} chỉ tiêu {TARGET_WORDS[f.key]}"
                    f" ({self.targets_summary(counts)}).", DATABASE,
                )  # fmt: skip

    @staticmethod
    def targets_summary(counts: dict[str, int]) -> str:
        order = (EXCEEDED, MET, ON_TRACK, BEHIND, NOT_MET, NOT_STARTED, NO_DATA)
        parts = [f"{TARGET_WORDS[k]} {counts[k]}" for k in order if counts.get(k)]
        return f"tổng số {sum(counts.values())}: " + ", ".join(parts)

    # ---- attendance ----------------------------------------------------------------------------
    def attendance(self, s: Sentence, figures: Sequence[Figure]) -> None:
        for f in figures:
            if f.subject != ATTENDANCE:
                continue
            qty: Quantity = f.amount
            if qty.total is not None and qty.value > qty.total:
                self.flag(s, f.phrase, f"{q(f.phrase)}: số có mặt lớn hơn số được triệu tập.",
                          SELF)  # fmt: skip
                continue
            if self.facts is None or self.facts.attendance is None:
                continue
            present, invited = self.facts.attendance
            if f.key == PRESENT:
                ok = matches(qty, Fraction(present)) and qty.total in (None, invited)
            else:
                ok = matches(qty, Fraction(invited - present))
            if not ok:
                self.flag(
                    s, f.phrase,
                    f"Văn bản nêu {q(f.phrase)}; cơ sở dữ liệu: có mặt {present}/{invited},"
                    f" vắng {invited - present}.", DATABASE,
                )  # fmt: skip

    # ---- awards --------------------------------------------------------------------------------
    def awards(self, s: Sentence, figures: Sequence[Figure]) -> None:
        if self.facts is None or self.facts.awards is None:
            return
        for f in figures:
            if f.subject != AWARDS or (f.qty is None and f.issuer is None):
                continue
            same = [
                a for a in self.facts.awards
                if a.kind == f.key
                and (f.issuer is None or a.issuer_level == f.issuer)
                and (f.collective is None or a.collective == f.collective)
            ]  # fmt: skip
            n = len(same)
            ok = matches(f.qty, Fraction(n)) if f.qty is not None else n > 0
            if ok:
                continue
            what = KIND_WORDS[AwardKind(f.key)]
            if f.collective is not None:
                what += " tập thể" if f.collective else " cá nhân"
            issuer = f" của {ISSUER_WORDS[IssuerLevel(f.issuer)]}" if f.issuer else ""
            self.flag(
                s, f.phrase,
                f"Văn bản nêu {q(f.phrase)}{issuer}; cơ sở dữ liệu: {n} {what}{issuer} năm"
                f" {self.year}.", DATABASE,
            )  # fmt: skip


def describe(f: Figure) -> str:
    """How a figure was read, in Vietnamese (the page lists it under "Đã đọc")."""
    if f.subject in (MEMBERS, CELLS):
        noun = NOUNS[f.subject]
        if f.key == TOTAL:
            return f"tổng số {noun}: {stated(f.amount)}"
        share = f" ({f.share.text})" if f.share else ""
        return f"{noun} {level_phrase(f.key, f.cumulative)}: {stated(f.amount)}{share}"
    if f.subject == COLLECTIVE:
        return f"tập thể lãnh đạo: {level_phrase(f.key)}"
    if f.subject == ORGANIZATION:
        return f"tổ chức cơ sở đảng: {level_phrase(f.key)}"
    if f.subject == TARGETS:
        if f.key == "split":
            a, b = f.parts
            return f"chỉ tiêu: vượt {a}, đạt {b}"
        return f"chỉ tiêu {TARGET_WORDS[f.key]}: {stated(f.amount)}"
    if f.subject == ATTENDANCE:
        word = "có mặt" if f.key == PRESENT else "vắng"
        return f"{word}: {stated(f.amount)}"
    what = KIND_WORDS[AwardKind(f.key)]
    if f.collective is not None:
        what += " tập thể" if f.collective else " cá nhân"
    issuer = f", của {ISSUER_WORDS[IssuerLevel(f.issuer)]}" if f.issuer else ""
    count = stated(f.qty) if f.qty else "không nêu số"
    return f"{what}{issuer}: {count}"


def check(text: str, facts: Facts | None, *, year: int) -> Report:
    """Every figure and claim of ``text`` checked against ``facts`` (None: a text from
    elsewhere, compared with itself only) and the rules of ``year``. The text is read in its
    NFC form; the offsets refer to it."""
    text = unicodedata.normalize("NFC", text)
    checker = Checker(facts, year)
    read_figures: list[tuple[Sentence, Figure]] = []
    for sentence in split(text):
        figures = read(sentence.text, sentence.start)
        checker.ratings(sentence, figures)
        checker.heads(sentence, figures)
        checker.targets(sentence, figures)
        checker.attendance(sentence, figures)
        checker.awards(sentence, figures)
        read_figures += [(sentence, f) for f in figures]
    claims = []
    for sentence, f in read_figures:
        reading = describe(f)
        note = checker.notes.get(id(f))
        claims.append(
            Claim(sentence.start, sentence.end, f.phrase, f.subject,
                  f"{reading} — {note}" if note else reading)
        )  # fmt: skip
    return Report(findings=tuple(checker.findings), claims=tuple(claims))
