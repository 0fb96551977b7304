"""Rules shared by every rule set (issue 9, item 3). Pure: standard library only.

Each rule is a function ``rule(snapshot, settings) -> list[Violation]``; its docstring names the
clause it implements. A rule set (``y2018`` … ``y2025``) picks the rules that apply in its period
and gives each its citation and its ``carried_over`` flag (domain-rules decision 1); ``RuleSet``
stamps both onto the violations the rule returns. Rules return violations with an empty citation.

Conventions shared by every rule:

- A subject whose ``level`` is None (not proposed yet) is never judged and its level is not
  counted. Its *facts* still count: a disciplined cell or leader that has no rating yet still
  blocks the collective, and every listed cell is an affiliate in the 20 % discipline share.
- Shares are ``Fraction``s compared exactly; nothing is rounded in a decision. Percentages in
  messages are rounded half up to one decimal and written with a decimal comma ("19,9%").
- Disciplines in ``Subject.disciplines`` are those of the rating year (the services filter them).
- Messages are plain Vietnamese constants (no gettext: this package imports no Django); the
  citation travels with each violation and is shown next to it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from fractions import Fraction

from dangbo.evaluations.rulesets.base import (
    DISCIPLINE_RANK,
    CampaignSnapshot,
    CapBase,
    DisciplineFact,
    Level,
    MemberFacts,
    NotRatedReason,
    RuleSetInfo,
    Severity,
    Subject,
    SubjectKind,
    Violation,
)

# --- Documents (domain-rules §0) -------------------------------------------------------------

QD132 = "Quy định 132-QĐ/TW ngày 08/3/2018"
HD16 = "Hướng dẫn 16-HD/BTCTW ngày 24/9/2018"
HD21 = "Hướng dẫn 21-HD/BTCTW ngày 18/10/2019"
QD124 = "Quy định 124-QĐ/TW ngày 04/10/2023"
HD25 = "Hướng dẫn 25-HD/BTCTW ngày 10/11/2023"
QD366 = "Quy định 366-QĐ/TW ngày 30/8/2025"
HD43 = "Hướng dẫn 43-HD/BTCTW ngày 31/10/2025"


def carried(citation: str, *later: str) -> str:
    """The citation of a rule inherited by a later period whose text was not checked."""
    return f"{citation} — kế thừa, chưa đối chiếu với {', '.join(later)}"


# --- Vocabulary --------------------------------------------------------------------------------

LEVEL_LABELS: dict[Level, str] = {
    Level.EXCELLENT: "hoàn thành xuất sắc nhiệm vụ",
    Level.GOOD: "hoàn thành tốt nhiệm vụ",
    Level.COMPLETED: "hoàn thành nhiệm vụ",
    Level.NOT_COMPLETED: "không hoàn thành nhiệm vụ",
}

KIND_LABELS: dict[SubjectKind, str] = {
    SubjectKind.MEMBER: "đảng viên",
    SubjectKind.CELL: "chi bộ",
    SubjectKind.COLLECTIVE: "tập thể lãnh đạo",
    SubjectKind.ORGANIZATION: "tổ chức cơ sở đảng",
}

DISCIPLINE_LABELS: dict[str, str] = {
    "khien_trach": "khiển trách",
    "canh_cao": "cảnh cáo",
    "cach_chuc": "cách chức",
    "khai_tru": "khai trừ",
}

# What each rule checks, shown with its citation in the list of a rule set's rules.
RULE_TITLES: dict[str, str] = {
    "member_cap": "Đảng viên hoàn thành xuất sắc nhiệm vụ không quá 20% số hoàn thành tốt nhiệm vụ"
    " trong tổ chức cơ sở đảng",
    "cell_cap": "Chi bộ hoàn thành xuất sắc nhiệm vụ không quá 20% số chi bộ hoàn thành tốt"
    " nhiệm vụ",
    "member_discipline": "Đảng viên bị kỷ luật trong năm xếp loại không hoàn thành nhiệm vụ, trừ"
    " trường hợp tự phát hiện, tự khắc phục",
    "collective_discipline": "Tập thể có tổ chức đảng trực thuộc hoặc cấp ủy viên bị kỷ luật không"
    " được xếp loại hoàn thành xuất sắc hoặc hoàn thành tốt nhiệm vụ",
    "leader_discipline": "Cấp ủy viên bị kỷ luật từ cảnh cáo trở lên: tập thể lãnh đạo không hoàn"
    " thành nhiệm vụ",
    "affiliates_disciplined": "Trên 20% tổ chức đảng trực thuộc bị kỷ luật: không hoàn thành"
    " nhiệm vụ",
    "targets_not_met": "Đạt dưới 50% chỉ tiêu, nhiệm vụ: không hoàn thành nhiệm vụ",
    "excellent_cell_members": "Chi bộ hoàn thành xuất sắc nhiệm vụ: 100% đảng viên hoàn thành"
    " nhiệm vụ trở lên, ít nhất 80% hoàn thành tốt nhiệm vụ trở lên",
    "excellent_organization_cells": "Đảng bộ hoàn thành xuất sắc nhiệm vụ: 100% chi bộ trực thuộc"
    " hoàn thành nhiệm vụ trở lên, ít nhất 80% hoàn thành tốt nhiệm vụ trở lên",
    "sick_leave": "Nghỉ ốm từ 3 tháng trở lên trong năm: không xếp loại hoàn thành tốt nhiệm vụ"
    " trở lên",
    "recognition": "Chỉ tập thể, cá nhân hoàn thành xuất sắc nhiệm vụ mới được xét tiêu biểu",
    "rating_order": "Thứ tự đánh giá: chi bộ được xếp loại trước đảng viên của chi bộ",
}


# --- Settings ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSettings:
    """The named thresholds of a rule set (domain-rules: "a named setting, not a literal")."""

    cap_share: Fraction = Fraction(1, 5)  # HTXSNV ≤ 20 % of those rated HTTNV
    default_cap_base: CapBase = CapBase.GOOD_OR_ABOVE  # decision 2
    sick_leave_days: int = 90  # "nghỉ ốm từ 3 tháng trở lên"
    affiliates_disciplined_share: Fraction = Fraction(1, 5)  # "trên 20% tổ chức trực thuộc"
    targets_met_share: Fraction = Fraction(1, 2)  # "đạt dưới 50% chỉ tiêu"
    excellent_good_share: Fraction = Fraction(4, 5)  # "ít nhất 80% … tốt trở lên"
    admitted_recently_months: int = 6  # "vào Đảng chưa đủ 6 tháng" (to 31/12 of the year)
    founded_recently_months: int = 6  # "thành lập chưa đủ 6 tháng"
    leader_discipline_kind: str = "canh_cao"  # HD 21: cảnh cáo or heavier ⇒ collective KHTNV
    # who is listed but not rated in this period (decision 4)
    not_rated: frozenset[NotRatedReason] = field(
        default_factory=lambda: frozenset({NotRatedReason.EXEMPT})
    )


# --- Formatting ----------------------------------------------------------------------------------


def percent(share: Fraction) -> str:
    """``Fraction(51, 256)`` → "19,9%": one decimal, rounded half up, decimal comma.

    For display only: decisions compare the ``Fraction`` itself."""
    tenths = math.floor(share * 1000 + Fraction(1, 2))
    return f"{tenths // 10},{tenths % 10}%"


def threshold(share: Fraction) -> str:
    """A threshold as the documents write it: ``Fraction(1, 5)`` → "20%", 1/3 → "33,3%"."""
    whole = share * 100
    if whole.denominator == 1:
        return f"{whole.numerator}%"
    return percent(share)


def ratio(part: int, whole: int) -> str:
    """ "51 / 256 = 19,9%"; with nothing to divide by, "1 / 0"."""
    if whole == 0:
        return f"{part} / 0"
    return f"{part} / {whole} = {percent(Fraction(part, whole))}"


def date_vn(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def names(subjects: Iterable[Subject]) -> str:
    return ", ".join(s.name for s in subjects)


def describe_measures(measures: Iterable[DisciplineFact]) -> str:
    return "; ".join(
        f"{DISCIPLINE_LABELS.get(m.kind, m.kind)} ngày {date_vn(m.decided_on)}"
        + (" (tự phát hiện, tự khắc phục)" if m.self_detected else "")
        for m in measures
    )


# --- Helpers -------------------------------------------------------------------------------------


def rated(snapshot: CampaignSnapshot, kind: SubjectKind) -> list[Subject]:
    """The subjects of a kind that carry a level (level None: ignored)."""
    return [s for s in snapshot.subjects if s.kind == kind and s.level is not None]


def of_kind(snapshot: CampaignSnapshot, kind: SubjectKind) -> list[Subject]:
    return [s for s in snapshot.subjects if s.kind == kind]


def above(subject: Subject, level: Level) -> bool:
    """Rated strictly better than ``level``."""
    return subject.level is not None and subject.level.rank > level.rank


def at_least(subject: Subject, level: Level) -> bool:
    return subject.level is not None and subject.level.rank >= level.rank


def unremedied(subject: Subject) -> tuple[DisciplineFact, ...]:
    """The measures that count: all but those self-detected and remedied."""
    return tuple(m for m in subject.disciplines if not m.self_detected)


def heads(snapshot: CampaignSnapshot) -> list[Subject]:
    """The collective and the organization itself: the subjects the forced conditions hit."""
    return [
        s
        for s in snapshot.subjects
        if s.kind in (SubjectKind.COLLECTIVE, SubjectKind.ORGANIZATION) and s.level is not None
    ]


def all_justified(subjects: Iterable[Subject]) -> bool:
    listed = list(subjects)
    return bool(listed) and all(s.justification.strip() for s in listed)


# --- The 20 % cap ----------------------------------------------------------------------------


def cap_exceeded(excellent: int, good: int, share: Fraction, base: CapBase) -> bool:
    """``excellent ≤ share × base`` broken, exactly (share 1/5: 5·E ≤ E+G, or 5·E ≤ G)."""
    whole = excellent + good if base is CapBase.GOOD_OR_ABOVE else good
    return excellent > share * whole


def cap_allowed(good: int, share: Fraction, base: CapBase) -> int:
    """The largest number of excellent subjects the cap allows, given ``good`` rated HTTNV."""
    if base is CapBase.GOOD_ONLY:
        return math.floor(share * good)
    # E ≤ s·(E + G)  ⇔  E ≤ s·G / (1 − s)
    return math.floor(share * good / (1 - share))


def _cap(
    snapshot: CampaignSnapshot,
    settings: RuleSettings,
    kind: SubjectKind,
    code: str,
    exception: str,
) -> list[Violation]:
    subjects = rated(snapshot, kind)
    excellent = [s for s in subjects if s.level is Level.EXCELLENT]
    good = sum(1 for s in subjects if s.level is Level.GOOD)
    base = snapshot.cap_base
    share = settings.cap_share
    if not cap_exceeded(len(excellent), good, share, base):
        return []
    noun = KIND_LABELS[kind]
    chosen = (
        "trên số hoàn thành tốt nhiệm vụ trở lên"
        if base is CapBase.GOOD_OR_ABOVE
        else "chỉ trên số hoàn thành tốt nhiệm vụ, do cấp trên quy định"
    )
    count = len(excellent)
    message = (
        f"Số {noun} hoàn thành xuất sắc nhiệm vụ vượt {threshold(share)} (cách tính đang áp"
        f" dụng: {chosen}). Theo hai cách tính: {ratio(count, count + good)} trên số hoàn thành"
        f" tốt nhiệm vụ trở lên; {ratio(count, good)} chỉ trên số hoàn thành tốt nhiệm vụ. Với"
        f" {good} {noun} hoàn thành tốt nhiệm vụ, tối đa {cap_allowed(good, share, base)} {noun}"
        " được xếp loại hoàn thành xuất sắc nhiệm vụ."
    )
    keys = tuple(s.key for s in excellent)
    if exception.strip():
        return [
            Violation(
                code=code,
                severity=Severity.WARNING,
                subjects=keys,
                message=f"{message} Cấp trên đã cho phép vượt tỷ lệ: {exception.strip()}.",
                citation="",
                justified=True,
            )
        ]
    return [
        Violation(
            code=code,
            severity=Severity.ERROR,
            subjects=keys,
            message=f"{message} Hãy hạ bớt mức xếp loại hoặc ghi quyết định cho phép của cấp trên.",
            citation="",
        )
    ]


def member_cap(snapshot: CampaignSnapshot, settings: RuleSettings) -> list[Violation]:
    """Members rated HTXSNV ≤ 20 % of those rated HTTNV within the grassroots organization.

    QĐ 132-QĐ/TW (the 20 % ratio); HD 21-HD/BTCTW: counted within each grassroots Party
    organization (the whole đảng bộ, not each cell), i.e. over every MEMBER subject of the
    snapshot. The base follows ``snapshot.cap_base`` (domain-rules decision 2); the message shows
    both readings. ``snapshot.member_cap_exception`` turns the error into an accepted warning.
    """
    return _cap(snapshot, settings, SubjectKind.MEMBER, "member_cap", snapshot.member_cap_exception)


def cell_cap(snapshot: CampaignSnapshot, settings: RuleSettings) -> list[Violation]:
    """Cells rated HTXSNV ≤ 20 % of the cells rated HTTNV, within the group of cells of the
    same grassroots organization (QĐ 132; QĐ 124 Điều 12: "trong từng nhóm đối tượng có vai trò,
    chức năng, nhiệm vụ tương đồng"). Base, both readings and exception as for members.
    """
    return _cap(snapshot, settings, SubjectKind.CELL, "cell_cap", snapshot.cell_cap_exception)


# --- Discipline ----------------------------------------------------------------------------------


def member_discipline(snapshot: CampaignSnapshot, settings: RuleSettings) -> list[Violation]:
    """A member disciplined in the rating year is rated KHTNV (even for khiển trách), unless
    every measure was self-detected and remedied (QĐ 132; HD 21: one violation counts once;
    QĐ 124: "trừ trường hợp tự phát hiện, tự khắc phục").
    """
    found = []
    for s in rated(snapshot, SubjectKind.MEMBER):
        measures = unremedied(s)
        if measures and above(s, Level.NOT_COMPLETED):
            assert s.level is not None
            listed = describe_measures(s.disciplines)
            level = LEVEL_LABELS[s.level]
            found.append(
                Violation(
                    code="member_discipline",
                    severity=Severity.ERROR,
                    subjects=(s.key,),
                    message=f"Đảng viên {s.name} bị kỷ luật trong năm ({listed}) nên phải xếp"
                    f" loại không hoàn thành nhiệm vụ, nhưng đang được xếp loại {level}. Hãy"
                    " sửa mức xếp loại, hoặc ghi nhận kỷ luật là tự phát hiện, tự khắc phục nếu"
                    " đúng như vậy.",
                    citation="",
                )
            )
    return found


def _disciplined_affiliates(snapshot: CampaignSnapshot) -> list[Subject]:
    """Cells and leaders whose measures block the collective (not self-detected)."""
    return [
        s
        for s in snapshot.subjects
        if (s.kind is SubjectKind.CELL or (s.kind is SubjectKind.MEMBER and s.leader))
        and unremedied(s)
    ]


def collective_discipline(snapshot: CampaignSnapshot, settings: RuleSettings) -> list[Violation]:
    """The collective and the organization cannot be HTXSNV or HTTNV when an affiliated
    organization or a member of the leadership collective was disciplined in the year, unless
    self-detected and remedied (QĐ 132; QĐ 124 Điều 12; QĐ 366 for HTXSNV).
    """
    blockers = _disciplined_affiliates(snapshot)
    if not blockers:
        return []
    found = []
    for s in heads(snapshot):
        if at_least(s, Level.GOOD):
            assert s.level is not None
            found.append(
                Violation(
                    code="collective_discipline",
                    severity=Severity.ERROR,
                    subjects=(s.key, *(b.key for b in blockers)),
                    message=f"{KIND_LABELS[s.kind].capitalize()} {s.name} không được xếp loại"
                    f" {LEVEL_LABELS[s.level]} vì có tổ chức đảng trực thuộc hoặc cấp ủy viên bị"
                    f" kỷ luật trong năm: {names(blockers)}. Hãy hạ mức xếp loại xuống hoàn thành"
                    " nhiệm vụ trở xuống.",
                    citation="",
                )
            )
    return found


def leader_discipline(snapshot: CampaignSnapshot, settings: RuleSettings) -> list[Violation]:
    """HD 21: when a member of the leadership collective is disciplined at cảnh cáo or heavier
    (``settings.leader_discipline_kind``), the collective is rated KHTNV. The guide states no
    self-detected exception for this case, so every measure counts.
    """
    floor = DISCIPLINE_RANK[settings.leader_discipline_kind]
    kind = DISCIPLINE_LABELS[settings.leader_discipline_kind]
    heavy = [
        s
        for s in of_kind(snapshot, SubjectKind.MEMBER)
        if s.leader and any(DISCIPLINE_RANK.get(m.kind, 0) >= floor for m in s.disciplines)
    ]
    if not heavy:
        return []
    found = []
    for s in rated(snapshot, SubjectKind.COLLECTIVE):
        if above(s, Level.NOT_COMPLETED):
            assert s.level is not None
            found.append(
                Violation(
                    code="leader_discipline",
                    severity=Severity.ERROR,
                    subjects=(s.key, *(h.key for h in heavy)),
                    message=f"Tập thể lãnh đạo {s.name} phải xếp loại không hoàn thành nhiệm"
                    f" vụ vì có cấp ủy viên bị kỷ luật từ"
                    f" {kind} trở lên: {names(heavy)};"
                    f" đang được xếp loại {LEVEL_LABELS[s.level]}.",
                    citation="",
                )
            )
    return found


# --- Forced "không hoàn thành nhiệm vụ" -----------------------------------------------------------


def affiliates_disciplined(snapshot: CampaignSnapshot, settings: RuleSettings) -> list[Violation]:
    """More than 20 % of the affiliated organizations (the cells) disciplined in the year ⇒ the
    organization and its leadership collective are KHTNV (QĐ 132; QĐ 124 Điều 12). Every
    listed cell counts, rated or not; every measure counts (the text gives no exception).
    """
    cells = of_kind(snapshot, SubjectKind.CELL)
    punished = [c for c in cells if c.disciplines]
    if not cells or Fraction(len(punished), len(cells)) <= settings.affiliates_disciplined_share:
        return []
    found = []
    for s in heads(snapshot):
        if above(s, Level.NOT_COMPLETED):
            found.append(
                Violation(
                    code="affiliates_disciplined",
                    severity=Severity.ERROR,
                    subjects=(s.key, *(c.key for c in punished)),
                    message=f"{KIND_LABELS[s.kind].capitalize()} {s.name} phải xếp loại không hoàn"
                    f" thành nhiệm vụ vì có {ratio(len(punished), len(cells))} chi bộ trực thuộc"
                    f" bị kỷ luật trong năm (trên"
                    f" {threshold(settings.affiliates_disciplined_share)}): {names(punished)}.",
                    citation="",
                )
            )
    return found


def targets_not_met(snapshot: CampaignSnapshot, settings: RuleSettings) -> list[Violation]:
    """Fewer than 50 % of the targets met at the frozen year-end checkpoint ⇒ the organization
    and its leadership collective are KHTNV (QĐ 132; QĐ 124: "đạt dưới 50% chỉ tiêu, nhiệm
    vụ"). Without a frozen checkpoint (``targets_met_share`` None) the rule cannot be checked:
    a warning says the figures are missing.
    """
    judged = [s for s in heads(snapshot) if above(s, Level.NOT_COMPLETED)]
    if not judged:
        return []
    share = snapshot.targets_met_share
    if share is None:
        return [
            Violation(
                code="targets_checkpoint_missing",
                severity=Severity.WARNING,
                subjects=tuple(s.key for s in judged),
                message="Chưa có số liệu chốt cuối năm về kết quả thực hiện chỉ tiêu, nhiệm vụ"
                " nên chưa kiểm tra được điều kiện đạt dưới"
                f" {threshold(settings.targets_met_share)} chỉ tiêu. Hãy chốt số liệu chỉ tiêu"
                " cuối năm trước khi quyết định xếp loại.",
                citation="",
                justified=all_justified(judged),
            )
        ]
    if share >= settings.targets_met_share:
        return []
    key = " Có chỉ tiêu trọng tâm không đạt." if snapshot.key_targets_missed else ""
    return [
        Violation(
            code="targets_not_met",
            severity=Severity.ERROR,
            subjects=(s.key,),
            message=f"{KIND_LABELS[s.kind].capitalize()} {s.name} phải xếp loại không hoàn thành"
            f" nhiệm vụ vì chỉ đạt {percent(share)} chỉ tiêu, nhiệm vụ tại số liệu chốt cuối năm"
            f" (dưới {threshold(settings.targets_met_share)}).{key}",
            citation="",
        )
        for s in judged
    ]


# --- Excellent cell / organization ----------------------------------------------------------------


def _excellent_group(
    head: Subject, group: list[Subject], settings: RuleSettings, code: str, noun: str
) -> list[Violation]:
    weak = [s for s in group if not at_least(s, Level.COMPLETED)]
    good = sum(1 for s in group if at_least(s, Level.GOOD))
    short = bool(group) and Fraction(good, len(group)) < settings.excellent_good_share
    if not weak and not short:
        return []
    problems = []
    if weak:
        problems.append(f"có {noun} không hoàn thành nhiệm vụ: {names(weak)}")
    if short:
        problems.append(
            f"chỉ {ratio(good, len(group))} {noun} hoàn thành tốt nhiệm vụ trở lên (cần ít nhất"
            f" {threshold(settings.excellent_good_share)})"
        )
    return [
        Violation(
            code=code,
            severity=Severity.ERROR,
            subjects=(head.key, *(s.key for s in weak)),
            message=f"{KIND_LABELS[head.kind].capitalize()} {head.name} chưa đủ điều kiện hoàn"
            f" thành xuất sắc nhiệm vụ: {'; '.join(problems)}.",
            citation="",
        )
    ]


def excellent_cell_members(snapshot: CampaignSnapshot, settings: RuleSettings) -> list[Violation]:
    """An HTXSNV cell needs 100 % of its members ≥ HTNV and ≥ 80 % ≥ HTTNV (HD 21). Its
    members are the MEMBER subjects whose ``parent`` is the cell's key; only rated ones count.
    """
    members = rated(snapshot, SubjectKind.MEMBER)
    found: list[Violation] = []
    for cell in rated(snapshot, SubjectKind.CELL):
        if cell.level is Level.EXCELLENT:
            group = [m for m in members if m.parent == cell.key]
            found += _excellent_group(cell, group, settings, "excellent_cell_members", "đảng viên")
    return found


def excellent_organization_cells(
    snapshot: CampaignSnapshot, settings: RuleSettings
) -> list[Violation]:
    """An HTXSNV đảng bộ needs 100 % of its affiliated organizations (the cells) ≥ HTNV and
    ≥ 80 % ≥ HTTNV (HD 21); only rated cells count.
    """
    cells = rated(snapshot, SubjectKind.CELL)
    found: list[Violation] = []
    for org in rated(snapshot, SubjectKind.ORGANIZATION):
        if org.level is Level.EXCELLENT:
            found += _excellent_group(
                org, cells, settings, "excellent_organization_cells", "chi bộ"
            )
    return found


# --- Individuals ----------------------------------------------------------------------------------


def sick_leave(snapshot: CampaignSnapshot, settings: RuleSettings) -> list[Violation]:
    """HD 21: total sick leave of 3 months or more in the year ⇒ not rated HTTNV or above.
    A warning (decision 3), accepted when the subject carries a written justification.
    """
    found = []
    for s in snapshot.subjects:
        if s.sick_leave_days >= settings.sick_leave_days and at_least(s, Level.GOOD):
            assert s.level is not None
            found.append(
                Violation(
                    code="sick_leave",
                    severity=Severity.WARNING,
                    subjects=(s.key,),
                    message=f"{KIND_LABELS[s.kind].capitalize()} {s.name} nghỉ ốm"
                    f" {s.sick_leave_days} ngày trong năm (từ {settings.sick_leave_days} ngày trở"
                    f" lên) nhưng được xếp loại {LEVEL_LABELS[s.level]}. Hãy hạ mức xếp loại hoặc"
                    " ghi rõ lý do.",
                    citation="",
                    justified=bool(s.justification.strip()),
                )
            )
    return found


def recognition(snapshot: CampaignSnapshot, settings: RuleSettings) -> list[Violation]:
    """Only HTXSNV subjects are eligible for "trong sạch, vững mạnh tiêu biểu" / "HTXSNV tiêu
    biểu"; HTTNV never suffices (HD 21; HD 01-HD/TW 2021 §19 names the cell award).
    """
    return [
        Violation(
            code="recognition",
            severity=Severity.ERROR,
            subjects=(s.key,),
            message=f"{KIND_LABELS[s.kind].capitalize()} {s.name} được đề nghị công nhận tiêu biểu"
            f" nhưng xếp loại {LEVEL_LABELS[s.level]}: chỉ tập thể, cá nhân hoàn thành xuất sắc"
            " nhiệm vụ mới được xét.",
            citation="",
        )
        for s in snapshot.subjects
        if s.recognition and s.level is not None and s.level is not Level.EXCELLENT
    ]


# --- Order of rating (decision 5) -----------------------------------------------------------------


def rating_order(snapshot: CampaignSnapshot, settings: RuleSettings) -> list[Violation]:
    """The collective is rated before its members (QĐ 124, quy trình: "tập thể trước, cá nhân
    sau"): a cell's members rated before the cell itself is allowed but warned (domain-rules
    decision 5). Judged only where both ``rated_at`` are known; accepted when every member
    rated early carries a written justification.
    """
    cells = {c.key: c for c in rated(snapshot, SubjectKind.CELL) if c.rated_at is not None}
    early: dict[str, list[Subject]] = {}
    for m in rated(snapshot, SubjectKind.MEMBER):
        cell = cells.get(m.parent)
        if cell and cell.rated_at and m.rated_at and m.rated_at < cell.rated_at:
            early.setdefault(cell.key, []).append(m)
    return [
        Violation(
            code="rating_order",
            severity=Severity.WARNING,
            subjects=(*(m.key for m in group), key),
            message=f"{len(group)} đảng viên của {cells[key].name} được xếp loại trước khi chi bộ"
            f" được xếp loại: {names(group)}. Quy trình là tập thể trước, cá nhân sau; hãy ghi"
            " rõ lý do nếu giữ nguyên.",
            citation="",
            justified=all_justified(group),
        )
        for key, group in early.items()
    ]


# --- Who is rated -----------------------------------------------------------------------------


def months_before_year_end(year: int, months: int) -> dt.date:
    """31/12 of ``year`` minus ``months`` months (the day clamped to the month's length):
    6 months → 30/06. Someone admitted on that day or earlier has served the full period."""
    y, m0 = divmod(year * 12 + 11 - months, 12)
    m = m0 + 1
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def member_not_rated(
    facts: MemberFacts, year: int, settings: RuleSettings
) -> NotRatedReason | None:
    """Decision 4 / domain-rules §1.2: exempt first, then suspended, then admitted recently —
    each only when the period's settings list it."""
    allowed = settings.not_rated
    if facts.exempt and NotRatedReason.EXEMPT in allowed:
        return NotRatedReason.EXEMPT
    if facts.suspended and NotRatedReason.SUSPENDED in allowed:
        return NotRatedReason.SUSPENDED
    cutoff = months_before_year_end(year, settings.admitted_recently_months)
    if NotRatedReason.ADMITTED_RECENTLY in allowed and facts.admitted_on > cutoff:
        return NotRatedReason.ADMITTED_RECENTLY
    return None


def organization_not_rated(
    founded_on: dt.date, year: int, settings: RuleSettings
) -> NotRatedReason | None:
    """HD 21: an organization founded less than 6 months before the end of the year is not
    rated (only when the period's settings list ``FOUNDED_RECENTLY``)."""
    cutoff = months_before_year_end(year, settings.founded_recently_months)
    if NotRatedReason.FOUNDED_RECENTLY in settings.not_rated and founded_on > cutoff:
        return NotRatedReason.FOUNDED_RECENTLY
    return None


# --- Rule sets ----------------------------------------------------------------------------------

RuleFunction = Callable[[CampaignSnapshot, RuleSettings], list[Violation]]


@dataclass(frozen=True)
class Rule:
    """One rule as a rule set applies it: the function, its citation, carried over or not."""

    check: RuleFunction
    citation: str
    carried_over: bool = False

    @property
    def code(self) -> str:
        return self.check.__name__

    @property
    def title(self) -> str:
        return RULE_TITLES[self.code]


@dataclass(frozen=True)
class RuleSet:
    """A regulation period: its documents, settings and rules (domain-rules decision 1)."""

    info: RuleSetInfo
    settings: RuleSettings
    rules: tuple[Rule, ...]
    not_rated_citation: str = ""

    def covers(self, year: int) -> bool:
        last = self.info.last_year
        return self.info.first_year <= year and (last is None or year <= last)

    def check(self, snapshot: CampaignSnapshot) -> list[Violation]:
        """Every violation of every rule, in rule order then subject order (deterministic)."""
        found: list[Violation] = []
        for rule in self.rules:
            found += [
                replace(v, citation=rule.citation, carried_over=rule.carried_over)
                for v in rule.check(snapshot, self.settings)
            ]
        return found

    def not_rated_reason(self, facts: MemberFacts, year: int) -> NotRatedReason | None:
        return member_not_rated(facts, year, self.settings)

    def organization_not_rated_reason(
        self, founded_on: dt.date, year: int
    ) -> NotRatedReason | None:
        return organization_not_rated(founded_on, year, self.settings)
