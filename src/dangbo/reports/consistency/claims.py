"""Reading the figures and claims of one sentence (issue 10 item 4). Pure.

What is read (case and spacing do not matter; the text is NFC-normalized by ``check``):

- **ratings** of members ("đảng viên", "đồng chí") and cells ("chi bộ", "đảng bộ bộ phận",
  "tổ chức đảng trực thuộc"): a quantity, the noun, optional words ("được đánh giá, xếp loại",
  "đạt", "là"), a level ("hoàn thành xuất sắc / tốt / ∅ nhiệm vụ", "không/chưa hoàn thành
  nhiệm vụ"), optionally "trở lên" (cumulative) and a share in brackets ("(19,5%)", "(chiếm
  19,5%)"). The quantity is a count ("05"), a fraction ("08/42") or a percentage ("100%"), with
  an approximate word before it ("gần", "trên" …). In a list the noun may be left out after a
  comma or "và" ("51 đảng viên …, 205 hoàn thành tốt nhiệm vụ"): it is the previous item's.
  A level followed by "được giao", "đặt ra", "đề ra" is a task, not a rating.
- **totals**: "261 đảng viên, trong đó …", "tổng số 33 chi bộ": the count a "trong đó" list is
  part of.
- the **collective** ("Tập thể lãnh đạo, quản lý …", "Tập thể Đảng ủy …") and the
  **organization** ("Đảng bộ … được xếp loại …"; a name between "Đảng bộ" and the level needs
  "được", "xếp loại", "đánh giá", "đạt" or "là" before the level, so "toàn Đảng bộ … quyết tâm
  hoàn thành nhiệm vụ" is not a rating).
- **targets** (units "chỉ tiêu (chủ yếu)", "nhiệm vụ (trọng tâm)", "tiêu chí"): "thực hiện 13
  chỉ tiêu" (total), "đạt và vượt 7", "vượt 5", "đạt 2", "đạt tiến độ", "chưa thực hiện 3",
  "chưa đạt tiến độ", "có 3 chỉ tiêu chưa đạt", "chưa có số liệu", "hoàn thành 7/13 chỉ tiêu",
  "(vượt 5, đạt 2)", "cả 10 chỉ tiêu đều đạt", "1 chỉ tiêu, chỉ tiêu này đạt" — the forms of
  ``targets.summary`` and those of hand-written reports.
- **attendance**: "có mặt 45/50", "có mặt 45 đồng chí", "vắng 5 đồng chí".
- **awards**: "(01) bằng khen / giấy khen / cờ thi đua (tập thể / cá nhân)" with the issuer
  before it ("Thủ tướng tặng …", "UBND TPHN tặng …") or after it ("… của Quận ủy Hà Đông").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dangbo.awards.rules import AwardKind, IssuerLevel
from dangbo.evaluations.rulesets.base import Level
from dangbo.reports.consistency.numbers import (
    APPROX,
    NUMBER,
    Quantity,
    normalize_approx,
    places_of,
    read_number,
)

MEMBERS, CELLS, COLLECTIVE, ORGANIZATION = "members", "cells", "collective", "organization"
TARGETS, ATTENDANCE, AWARDS = "targets", "attendance", "awards"

# target categories (status values of targets.rules.Status, and the sums reports use)
EXCEEDED, MET, ON_TRACK, BEHIND = "exceeded", "met", "on_track", "behind"
NOT_MET, NOT_STARTED, NO_DATA = "not_met", "not_started", "no_data"
ACHIEVED = "achieved"  # "đạt và vượt" = vượt + đạt
MET_WORD = "met_word"  # "đạt N": đạt, or đạt và vượt (hand-written reports use both)
TOTAL = "total"
PRESENT, INVITED, ABSENT = "present", "invited", "absent"

_FLAGS = re.IGNORECASE

_QTY = (
    rf"(?:(?P<approx>{APPROX})\s+)?(?P<num>{NUMBER})"
    rf"(?:\s*/\s*(?P<den>{NUMBER}))?(?:\s*(?P<pct>%))?"
)
_START = r"(?<![\w/.,%])"  # a quantity starts a word (not "2.021" inside another number)
_NOUN = (
    r"(?P<noun>đảng\s+viên|đồng\s+chí|chi\s+bộ(?:\s+trực\s+thuộc)?|đảng\s+bộ\s+bộ\s+phận"
    r"|tổ\s+chức\s+đảng(?:\s+trực\s+thuộc)?|chi,\s+đảng\s+bộ(?:\s+trực\s+thuộc)?)"
)
_SHARE = (
    rf"\(\s*(?:chiếm\s+|đạt\s+|bằng\s+|=\s*)?(?:tỷ\s+lệ\s+|tỉ\s+lệ\s+)?(?P<s1>{NUMBER})\s*%\s*\)"
)
_FILLER = (
    r"(?:\s*[,:]?\s*(?:đã\s+được|được|đều|đạt|là|đánh\s+giá|xếp\s+loại|chất\s+lượng|mức|ở\s+mức))*"
)
_LEVEL = (
    r"(?P<neg>không\s+|chưa\s+)?hoàn\s+thành\s+(?:(?P<x>xuất\s+sắc)\s+|(?P<g>tốt)\s+)?nhiệm\s+vụ"
    r"(?P<cum>\s+trở\s+lên)?(?!\s+(?:được\s+giao|đặt\s+ra|đề\s+ra|chính\s+trị))"
)
_TAIL_SHARE = (
    rf"(?:\s*\(\s*(?:chiếm\s+|đạt\s+|bằng\s+|=\s*)?(?:tỷ\s+lệ\s+|tỉ\s+lệ\s+)?(?P<s2>{NUMBER})\s*%\s*\)"
    rf"|\s*,\s*(?:chiếm|đạt)\s+(?:tỷ\s+lệ\s+|tỉ\s+lệ\s+)?(?P<s3>{NUMBER})\s*%)?"
)
RATING = re.compile(
    rf"{_START}{_QTY}(?:\s+{_NOUN})?(?:\s*{_SHARE})?{_FILLER}\s+{_LEVEL}{_TAIL_SHARE}",
    _FLAGS,
)
TOTAL_RE = re.compile(
    rf"(?:(?P<lead>tổng\s+số|gồm|có\s+tổng\s+số)\s+)?{_START}{_QTY}\s+{_NOUN}"
    r"(?P<rest>(?:\s+(?:được\s+)?(?:đánh\s+giá|xếp\s+loại|kiểm\s+điểm)(?:,?\s+(?:đánh\s+giá|xếp\s+loại))*)?"
    r"\s*[,:]?\s*trong\s+đó)?",
    _FLAGS,
)
COLLECTIVE_RE = re.compile(
    r"tập\s+thể\s+(?:lãnh\s+đạo(?:,?\s+quản\s+lý)?|đảng\s+ủy|cấp\s+ủy"
    r"|ban\s+(?:chấp\s+hành|thường\s+vụ)(?:\s+đảng\s+(?:ủy|bộ))?)"
    r"(?:\s+(?:đảng\s+ủy|bệnh\s+viện|của\s+đảng\s+bộ))*"
    rf"{_FILLER}\s+{_LEVEL}",
    _FLAGS,
)
_ORG = (
    r"(?<!\w)(?:đảng\s+bộ|tổ\s+chức\s+cơ\s+sở\s+đảng)"
    r"(?!\s+(?:bộ\s+phận|quận|huyện|thị|tỉnh|thành\s+phố|cấp\s+trên|khối))"
)
_CUE = r"(?:\s*,?\s*(?:đã\s+được|được|đạt|là|đánh\s+giá|xếp\s+loại|chất\s+lượng|mức))+"
_STOP = r"(?:được|đã|đều|đạt|là|xếp|đánh|hoàn|không|chưa|có|quyết|phấn|tiếp|sẽ|cần)"
ORGANIZATION_RE = re.compile(
    rf"{_ORG}(?:(?:\s+(?!{_STOP}\b)[\w.\-]+){{0,8}}?{_CUE})?\s+{_LEVEL}",
    _FLAGS,
)

_UNIT = r"(?P<unit>chỉ\s+tiêu(?:\s+chủ\s+yếu)?|nhiệm\s+vụ(?:\s+trọng\s+tâm)?|tiêu\s+chí)"
_CATEGORY = (
    r"(?P<cat>đạt\s+và\s+vượt|vượt\s+và\s+đạt|vượt(?:\s+kế\s+hoạch)?|đạt\s+tiến\s+độ"
    r"|chưa\s+đạt\s+tiến\s+độ|chưa\s+đạt|chưa\s+thực\s+hiện|chưa\s+có\s+số\s+liệu"
    r"|không\s+có\s+số\s+liệu|hoàn\s+thành|đạt)"
)
# (category, pattern) in the order they are tried; a span once read is not read again.
TARGET_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cat, re.compile(pattern, _FLAGS))
    for cat, pattern in (
        ("split", rf"\(\s*vượt\s+(?P<a>{NUMBER})\s*,\s*đạt\s+(?P<b>{NUMBER})\s*\)"),
        ("all", rf"cả\s+{_START}{_QTY}\s+{_UNIT}\s+đều\s+{_CATEGORY}"),
        ("one", rf"{_START}{_QTY}\s+{_UNIT}\s*,\s*(?:chỉ\s+tiêu|nhiệm\s+vụ|tiêu\s+chí)\s+này"
                rf"\s+{_CATEGORY}"),
        (ACHIEVED, rf"(?:thực\s+hiện\s+)?(?:đạt\s+và\s+vượt|vượt\s+và\s+đạt)\s+(?:được\s+)?"
                   rf"{_START}{_QTY}\s+{_UNIT}"),
        ("ratio", rf"hoàn\s+thành\s+(?:được\s+)?{_START}{_QTY}\s+{_UNIT}"),
        (BEHIND, rf"chưa\s+đạt\s+tiến\s+độ\s+{_START}{_QTY}\s+{_UNIT}"),
        (ON_TRACK, rf"đạt\s+tiến\s+độ\s+{_START}{_QTY}\s+{_UNIT}"),
        (NOT_STARTED, rf"chưa\s+thực\s+hiện\s+{_START}{_QTY}\s+{_UNIT}"),
        (NOT_MET, rf"chưa\s+đạt\s+{_START}{_QTY}\s+{_UNIT}"),
        (EXCEEDED, rf"(?:thực\s+hiện\s+)?vượt\s+(?:kế\s+hoạch\s+)?{_START}{_QTY}\s+{_UNIT}"),
        (MET_WORD, rf"(?:thực\s+hiện\s+)?đạt\s+{_START}{_QTY}\s+{_UNIT}"),
        ("postfix", rf"(?:có\s+)?{_START}{_QTY}\s+{_UNIT}\s+(?:(?:đã|được)\s+)?"
                    rf"(?:thực\s+hiện\s+)?{_CATEGORY}"),
        (TOTAL, rf"(?:thực\s+hiện|tổng\s+số|gồm|có)\s+{_START}{_QTY}\s+{_UNIT}"),
    )
)  # fmt: skip

ATTENDANCE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (PRESENT, re.compile(
        rf"có\s+mặt\s*:?\s*{_START}{_QTY}(?:\s+(?:đảng\s+viên|đồng\s+chí|đại\s+biểu|cấp\s+ủy\s+viên|ủy\s+viên))?",
        _FLAGS)),
    (ABSENT, re.compile(
        rf"vắng(?:\s+mặt)?\s*:?\s*{_START}{_QTY}(?:\s+(?:đảng\s+viên|đồng\s+chí|đại\s+biểu|cấp\s+ủy\s+viên|ủy\s+viên))",
        _FLAGS)),
)  # fmt: skip

AWARD_ITEM = re.compile(
    rf"(?:{_START}(?P<n>{NUMBER})\s+)?(?P<kind>bằng\s+khen|giấy\s+khen|cờ\s+thi\s+đua)"
    r"(?:\s+(?P<who>tập\s+thể|cá\s+nhân))?",
    _FLAGS,
)
AWARD_KINDS = {"bằng khen": AwardKind.BANG_KHEN, "giấy khen": AwardKind.GIAY_KHEN,
               "cờ thi đua": AwardKind.CO_THI_DUA}  # fmt: skip
ISSUERS: tuple[tuple[IssuerLevel, str], ...] = (
    (IssuerLevel.PRIME_MINISTER, r"thủ\s+tướng(?:\s+chính\s+phủ)?"),
    (IssuerLevel.PROVINCIAL_PEOPLE,
     r"(?:ubnd|ủy\s+ban\s+nhân\s+dân)\s*(?:tp\.?\s*hn|tphn|tp\.?\s*hcm|thành\s+phố|tp\b|tỉnh)"
     r"(?:\s+(?:hà\s+nội|hồ\s+chí\s+minh|[A-ZĐ][\w]*(?:\s+[A-ZĐ][\w]*)*))?"),
    (IssuerLevel.PROVINCIAL_COMMITTEE,
     r"(?:ban\s+thường\s+vụ\s+)?(?:thành\s+ủy|tỉnh\s+ủy)(?:/thành\s+ủy)?"),
    (IssuerLevel.DISTRICT_COMMITTEE,
     r"(?:ban\s+thường\s+vụ\s+)?(?:quận\s+ủy|huyện\s+ủy|thị\s+ủy)(?:/huyện\s+ủy)?"
     r"|đảng\s+bộ\s+(?:quận|huyện|thị\s+xã)"),
    (IssuerLevel.MINISTRY,
     r"bộ,\s+ngành(?:\s+trung\s+ương)?|bộ\s+trưởng|bộ\s+(?:y\s+tế|quốc\s+phòng|công\s+an)"),
    (IssuerLevel.GRASSROOTS_COMMITTEE, r"đảng\s+ủy\s+(?:bệnh\s+viện|bv)"),
    (IssuerLevel.HOSPITAL, r"giám\s+đốc\s+(?:bệnh\s+viện|bv)"),
)  # fmt: skip
ISSUER_RE = re.compile("|".join(f"(?P<i{n}>{p})" for n, (_level, p) in enumerate(ISSUERS)), _FLAGS)
_AFTER = re.compile(r"(?:của|do)\s*$", _FLAGS)


@dataclass(frozen=True)
class Figure:
    """One thing the sentence states. ``start``/``end`` are offsets in the whole text."""

    subject: str
    key: str  # a Level value, TOTAL, a target category, PRESENT/ABSENT, an AwardKind value
    phrase: str
    start: int
    end: int
    qty: Quantity | None = None
    cumulative: bool = False  # "… trở lên"
    share: Quantity | None = None  # "(19,5%)" written with a count
    issuer: str | None = None  # awards: IssuerLevel value (None: not named)
    collective: bool | None = None  # awards: tập thể / cá nhân (None: not said)
    noun_written: bool = True  # ratings: the noun is in the phrase (not carried from before)
    split: tuple[int, int] | None = None  # targets: "(vượt a, đạt b)"

    @property
    def amount(self) -> Quantity:
        """The quantity of a figure that has one (all but awards without a count and the
        "(vượt a, đạt b)" of targets)."""
        assert self.qty is not None
        return self.qty

    @property
    def parts(self) -> tuple[int, int]:
        """ "(vượt a, đạt b)" → (a, b)."""
        assert self.split is not None
        return self.split


def quantity(m: re.Match[str], num: str = "num") -> Quantity:
    text = m.group(num)
    den = m.groupdict().get("den")
    pct = bool(m.groupdict().get("pct"))
    approx = m.groupdict().get("approx") or ""
    groups = [g for g in ("approx", num, "den", "pct") if m.groupdict().get(g)]
    written = m.string[m.start(groups[0]) : max(m.end(g) for g in groups)]
    return Quantity(
        value=read_number(text),
        text=written,
        total=int(read_number(den)) if den else None,
        percent=pct,
        approx=normalize_approx(approx),
        places=places_of(text),
    )


def level_of(m: re.Match[str]) -> Level:
    if m.group("neg"):
        return Level.NOT_COMPLETED
    if m.group("x"):
        return Level.EXCELLENT
    if m.group("g"):
        return Level.GOOD
    return Level.COMPLETED


def noun_subject(noun: str) -> str:
    return (
        MEMBERS
        if noun.lower().split()[0] in ("đảng", "đồng") and "bộ" not in noun.lower()
        else CELLS
    )


def _share(m: re.Match[str]) -> Quantity | None:
    for name in ("s1", "s2", "s3"):
        text = m.group(name)
        if text:
            return Quantity(read_number(text), text + "%", percent=True, places=places_of(text))
    return None


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def read_ratings(sentence: str, offset: int) -> list[Figure]:
    """Ratings of members and cells, and the totals of "trong đó" lists, in text order."""
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []
    last_subject = ""
    for m in RATING.finditer(sentence):
        noun = m.group("noun")
        if noun:
            subject = noun_subject(noun)
        else:
            before = sentence[: m.start()].rstrip()
            if not last_subject or not (
                before.endswith((",", ";")) or before.lower().endswith(" và")
            ):
                continue
            subject = last_subject
        last_subject = subject
        taken.append(m.span())
        figures.append(Figure(
            subject=subject, key=level_of(m).value, phrase=m.group(0),
            start=offset + m.start(), end=offset + m.end(), qty=quantity(m),
            cumulative=bool(m.group("cum")), share=_share(m), noun_written=bool(noun),
        ))  # fmt: skip
    for m in TOTAL_RE.finditer(sentence):
        if _overlaps(m.span(), taken) or not (m.group("lead") or m.group("rest")):
            continue
        figures.append(Figure(
            subject=noun_subject(m.group("noun")), key=TOTAL, phrase=m.group(0),
            start=offset + m.start(), end=offset + m.end(), qty=quantity(m),
        ))  # fmt: skip
    return sorted(figures, key=lambda f: f.start)


def read_heads(sentence: str, offset: int) -> list[Figure]:
    """The collective's and the organization's levels."""
    out = []
    for subject, pattern in ((COLLECTIVE, COLLECTIVE_RE), (ORGANIZATION, ORGANIZATION_RE)):
        for m in pattern.finditer(sentence):
            out.append(Figure(subject=subject, key=level_of(m).value, phrase=m.group(0),
                              start=offset + m.start(), end=offset + m.end()))  # fmt: skip
    return out


# the words of ``_CATEGORY`` → the category they state
_CATEGORY_KEYS = {
    "đạt và vượt": ACHIEVED, "vượt và đạt": ACHIEVED, "vượt": EXCEEDED, "vượt kế hoạch": EXCEEDED,
    "đạt tiến độ": ON_TRACK, "chưa đạt tiến độ": BEHIND, "chưa đạt": NOT_MET,
    "chưa thực hiện": NOT_STARTED, "chưa có số liệu": NO_DATA, "không có số liệu": NO_DATA,
    "hoàn thành": MET_WORD, "đạt": MET_WORD,
}  # fmt: skip


def category_key(word: str) -> str:
    return _CATEGORY_KEYS[" ".join(word.lower().split())]


def read_targets(sentence: str, offset: int) -> list[Figure]:
    figures: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in TARGET_PATTERNS:
        for m in pattern.finditer(sentence):
            if _overlaps(m.span(), taken):
                continue
            taken.append(m.span())
            base = {"subject": TARGETS, "phrase": m.group(0), "start": offset + m.start(),
                    "end": offset + m.end()}  # fmt: skip
            if kind == "split":
                split = (int(read_number(m.group("a"))), int(read_number(m.group("b"))))
                figures.append(Figure(key="split", split=split, **base))  # type: ignore[arg-type]
                continue
            qty = quantity(m)
            if kind in ("all", "one"):
                n = qty if kind == "all" else Quantity(qty.value, qty.text)
                figures.append(Figure(key=TOTAL, qty=n, **base))  # type: ignore[arg-type]
                figures.append(Figure(key=category_key(m.group("cat")), qty=n, **base))  # type: ignore[arg-type]
            elif kind == "ratio":
                figures.append(Figure(key=ACHIEVED if qty.total else MET_WORD, qty=qty, **base))  # type: ignore[arg-type]
            elif kind == "postfix":
                figures.append(Figure(key=category_key(m.group("cat")), qty=qty, **base))  # type: ignore[arg-type]
            else:
                figures.append(Figure(key=kind, qty=qty, **base))  # type: ignore[arg-type]
    return sorted(figures, key=lambda f: f.start)


def read_attendance(sentence: str, offset: int) -> list[Figure]:
    out = []
    for key, pattern in ATTENDANCE_PATTERNS:
        for m in pattern.finditer(sentence):
            out.append(Figure(subject=ATTENDANCE, key=key, phrase=m.group(0), qty=quantity(m),
                              start=offset + m.start(), end=offset + m.end()))  # fmt: skip
    return out


def issuer_level(m: re.Match[str]) -> str:
    index = next(int(name[1:]) for name, value in m.groupdict().items() if value)
    return ISSUERS[index][0].value


def read_awards(sentence: str, offset: int) -> list[Figure]:
    """Award items with their issuer: within a clause (split at ";"), an issuer before the
    items ("UBND TPHN tặng 03 …") applies to the items after it; "… của/do <issuer>" applies to
    the items before it that have none."""
    out: list[Figure] = []
    position = 0
    for clause in sentence.split(";"):
        events = sorted(
            [(m.start(), "item", m) for m in AWARD_ITEM.finditer(clause)]
            + [(m.start(), "issuer", m) for m in ISSUER_RE.finditer(clause)],
            key=lambda e: e[0],
        )
        current: str | None = None
        pending: list[dict[str, object]] = []
        items: list[dict[str, object]] = []
        for _start, what, m in events:
            if what == "issuer":
                level = issuer_level(m)
                if _AFTER.search(clause[: m.start()]):
                    for waiting in pending:
                        waiting["issuer"] = level
                    pending = []
                else:
                    current = level
                continue
            who = (m.group("who") or "").lower()
            item: dict[str, object] = {
                "subject": AWARDS,
                "key": AWARD_KINDS[" ".join(m.group("kind").lower().split())].value,
                "phrase": m.group(0),
                "start": offset + position + m.start(),
                "end": offset + position + m.end(),
                "qty": Quantity(read_number(m.group("n")), m.group("n")) if m.group("n") else None,
                "collective": None if not who else who.startswith("tập"),
                "issuer": current,
            }
            items.append(item)
            if current is None:
                pending.append(item)
        out += [Figure(**item) for item in items]  # type: ignore[arg-type]
        position += len(clause) + 1
    return out


def read(sentence: str, offset: int) -> list[Figure]:
    """Everything the sentence states, in text order. Runs of spaces are read as one (so the
    patterns never backtrack over a long run); the figures' offsets are then those of the
    compacted sentence, used for ordering only, and their phrases have single spaces. The
    emphasis marks of the documents' light markup ("**Có mặt:** 45/50") are read as spaces."""
    sentence = re.sub(r"[\s*_]+", " ", sentence)
    figures = (
        read_ratings(sentence, offset)
        + read_heads(sentence, offset)
        + read_targets(sentence, offset)
        + read_attendance(sentence, offset)
        + read_awards(sentence, offset)
    )
    return sorted(figures, key=lambda f: (f.start, f.subject))
