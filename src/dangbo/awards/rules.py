"""Award and Party-badge rules (issue 9, items 6 and 7). Pure functions over plain values:
standard library only — no ORM, no request, no Django import. Messages are Vietnamese string
constants (record text, shown as they are).

Sources (domain-rules §1.5 and §5):

- **Hướng dẫn 01-HD/TW (28/9/2021)**, implementing the Charter (QĐ 24-QĐ/TW 2021), on the Party
  badge (Huy hiệu Đảng):
  - milestones of Party age counted from the admission date: 30, 40, 45, 50, 55, 60, 65, 70, 75,
    80, 85 and 90 years (``BADGE_MILESTONES``);
  - a gravely ill member may receive the badge early: up to 12 months before the milestone for
    30–65 years, up to 24 months for 70–90 years; a member who died may receive it posthumously
    up to 12 months before the milestone (``early_months``);
  - badges are presented on the anniversaries 3/2, 19/5, 2/9 and 7/11 (``PRESENTATION_DAYS``):
    dangbo schedules a badge on the first of these dates on or after the day the member becomes
    eligible (``presentation_date``).
  HD 06-HD/TW (09/6/2025) replaced HD 01; its badge points were not retrieved and are assumed
  unchanged ("carried over, unconfirmed", domain-rules §5).
- **HD 21-HD/BTCTW (18/10/2019)**, domain-rules §1.5: only organizations rated "Hoàn thành xuất
  sắc nhiệm vụ" may be recognised "Trong sạch, vững mạnh tiêu biểu", and only members rated
  HTXSNV may be commended for it; HTTNV never suffices. HD 01-HD/TW 2021 §19 names the cell award
  "Hoàn thành xuất sắc nhiệm vụ tiêu biểu". ``proposal_problem`` applies it to the decided rating.

Decisions:

1. A member admitted on 29/02 reaches a milestone in a common year on 01/03 (the full number of
   years has elapsed only at the end of 28/02).
2. Early windows are whole calendar months before the milestone; a day that does not exist in
   the target month is clamped to the month's last day (31/5 − 3 months = 28/2 or 29/2).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

CITATION_BADGE = "Hướng dẫn 01-HD/TW ngày 28/9/2021 (Huy hiệu Đảng)"
CITATION_TIEU_BIEU = "Hướng dẫn 21-HD/BTCTW ngày 18/10/2019; Hướng dẫn 01-HD/TW 2021, mục 19"

BADGE_MILESTONES: tuple[int, ...] = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
# (month, day): 3/2 founding of the Party, 19/5, 2/9, 7/11
PRESENTATION_DAYS: tuple[tuple[int, int], ...] = ((2, 3), (5, 19), (9, 2), (11, 7))


class Circumstance(enum.StrEnum):
    """Why a badge may come before the milestone (HD 01-HD/TW 2021)."""

    NORMAL = "normal"
    GRAVELY_ILL = "gravely_ill"  # ốm nặng
    POSTHUMOUS = "posthumous"  # đã từ trần (truy tặng)


CIRCUMSTANCE_LABELS = {
    Circumstance.NORMAL: "Đúng niên hạn",
    Circumstance.GRAVELY_ILL: "Ốm nặng (xét tặng sớm)",
    Circumstance.POSTHUMOUS: "Đã từ trần (truy tặng)",
}


def anniversary(admitted_on: dt.date, years: int) -> dt.date:
    """The day ``years`` of Party age are complete (decision 1 for 29/02)."""
    try:
        return admitted_on.replace(year=admitted_on.year + years)
    except ValueError:  # 29/02 in a common year
        return dt.date(admitted_on.year + years, 3, 1)


def months_before(day: dt.date, months: int) -> dt.date:
    """``day`` moved back ``months`` calendar months, clamped to the month's end (decision 2)."""
    index = day.year * 12 + day.month - 1 - months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))


def early_months(years: int, circumstance: Circumstance | str) -> int:
    """How many months before the milestone the badge may be given (HD 01-HD/TW 2021): gravely
    ill — 12 for 30–65 years, 24 for 70–90 years; posthumous — 12; otherwise none."""
    circumstance = Circumstance(circumstance)
    if circumstance is Circumstance.GRAVELY_ILL:
        return 12 if years <= 65 else 24
    if circumstance is Circumstance.POSTHUMOUS:
        return 12
    return 0


def eligible_on(admitted_on: dt.date, years: int, circumstance: Circumstance | str) -> dt.date:
    """The first day the ``years`` badge may be given (HD 01-HD/TW 2021)."""
    if years not in BADGE_MILESTONES:
        raise ValueError(f"{years} is not a badge milestone")
    return months_before(anniversary(admitted_on, years), early_months(years, circumstance))


def presentation_date(eligible: dt.date) -> dt.date:
    """The first of 3/2, 19/5, 2/9, 7/11 on or after ``eligible`` (HD 01-HD/TW 2021)."""
    for month, day in PRESENTATION_DAYS:
        candidate = dt.date(eligible.year, month, day)
        if candidate >= eligible:
            return candidate
    month, day = PRESENTATION_DAYS[0]
    return dt.date(eligible.year + 1, month, day)


def eligibility_window(year: int) -> tuple[dt.date, dt.date]:
    """The eligibility dates whose badge is presented in ``year``: after 7/11 of the year before,
    up to 7/11 of ``year`` (the last presentation date)."""
    last_month, last_day = PRESENTATION_DAYS[-1]
    return dt.date(year - 1, last_month, last_day) + dt.timedelta(days=1), dt.date(
        year, last_month, last_day
    )


def admitted_between(years: int, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The admission dates whose ``years`` anniversary falls in ``[start, end]``: the range the
    upcoming-badges query filters ``admitted_on`` by (``anniversary`` is non-decreasing in the
    admission date, so the set is an interval)."""

    def back(day: dt.date) -> dt.date:
        try:
            return day.replace(year=day.year - years)
        except ValueError:  # 29/02 back into a common year
            return dt.date(day.year - years, 2, 28)

    low = back(start)
    if anniversary(low, years) < start:  # start 29/02, ``years`` earlier a common year: 01/03
        low += dt.timedelta(days=1)
    elif anniversary(low - dt.timedelta(days=1), years) >= start:  # start 01/03: 29/02 too
        low -= dt.timedelta(days=1)
    return low, back(end)  # back() of the end is exact (a clamped 28/02 reaches 28/02)


@dataclass(frozen=True)
class BadgeSlot:
    """One admission-date range of the upcoming list: members admitted in ``[low, high]`` reach
    ``years`` in time for the badge presented on ``presented_on``."""

    years: int
    low: dt.date
    high: dt.date
    presented_on: dt.date


def upcoming_slots(year: int) -> list[BadgeSlot]:
    """For every milestone and every presentation date of ``year``, the admission dates whose
    badge (at the milestone, no early award) is presented that day: 12 × 4 ranges, disjoint."""
    start, end = eligibility_window(year)
    slots: list[BadgeSlot] = []
    previous = start
    for month, day in PRESENTATION_DAYS:
        presented = dt.date(year, month, day)
        for years in BADGE_MILESTONES:
            low, high = admitted_between(years, previous, presented)  # never empty: the
            slots.append(BadgeSlot(years, low, high, presented))  # windows last months
        previous = presented + dt.timedelta(days=1)
    assert previous == end + dt.timedelta(days=1)
    return slots


def badge_problem(
    admitted_on: dt.date, years: int, circumstance: Circumstance | str, presented_on: dt.date
) -> str | None:
    """Why a badge may not be recorded as given on ``presented_on`` (None when it may)."""
    if years not in BADGE_MILESTONES:
        return f"{years} năm không phải là mốc xét tặng Huy hiệu Đảng."
    earliest = eligible_on(admitted_on, years, circumstance)
    if presented_on < earliest:
        return (
            f"Chưa đủ {years} năm tuổi Đảng: sớm nhất được trao ngày "
            f"{earliest:%d/%m/%Y} ({CIRCUMSTANCE_LABELS[Circumstance(circumstance)].lower()}, "
            f"{CITATION_BADGE})."
        )
    return None


def due_milestones(
    admitted_on: dt.date, awarded: Iterable[int], start: dt.date, end: dt.date
) -> list[int]:
    """The milestones reached in ``[start, end]`` that were not awarded yet (the Python form of
    the upcoming-badges query, for tests and single members)."""
    done = set(awarded)
    return [
        y for y in BADGE_MILESTONES if y not in done and start <= anniversary(admitted_on, y) <= end
    ]


# ---- awards -------------------------------------------------------------------------------------
class AwardKind(enum.StrEnum):
    """Hình thức khen thưởng, in the order a summary lists them."""

    BANG_KHEN = "bang_khen"
    GIAY_KHEN = "giay_khen"
    CHIEN_SI_THI_DUA = "chien_si_thi_dua"
    DANH_HIEU = "danh_hieu"
    CO_THI_DUA = "co_thi_dua"
    HUY_HIEU = "huy_hieu"
    OTHER = "khac"


# Record text (documents are Vietnamese whatever the UI language).
KIND_WORDS = {
    AwardKind.BANG_KHEN: "bằng khen",
    AwardKind.GIAY_KHEN: "giấy khen",
    AwardKind.CHIEN_SI_THI_DUA: "danh hiệu chiến sĩ thi đua",
    AwardKind.DANH_HIEU: "danh hiệu",
    AwardKind.CO_THI_DUA: "cờ thi đua",
    AwardKind.HUY_HIEU: "huy hiệu",
    AwardKind.OTHER: "hình thức khen thưởng khác",
}


class IssuerLevel(enum.StrEnum):
    """Cấp khen thưởng, highest first (the order of the summary sentence)."""

    PRIME_MINISTER = "prime_minister"
    MINISTRY = "ministry"
    PROVINCIAL_COMMITTEE = "provincial_committee"
    PROVINCIAL_PEOPLE = "provincial_people"
    DISTRICT_COMMITTEE = "district_committee"
    GRASSROOTS_COMMITTEE = "grassroots_committee"
    HOSPITAL = "hospital"
    OTHER = "other"


ISSUER_WORDS = {
    IssuerLevel.PRIME_MINISTER: "Thủ tướng Chính phủ",
    IssuerLevel.MINISTRY: "Bộ, ngành Trung ương",
    IssuerLevel.PROVINCIAL_COMMITTEE: "Tỉnh ủy/Thành ủy",
    IssuerLevel.PROVINCIAL_PEOPLE: "UBND Thành phố",
    IssuerLevel.DISTRICT_COMMITTEE: "Quận ủy/Huyện ủy",
    IssuerLevel.GRASSROOTS_COMMITTEE: "Đảng ủy bệnh viện",
    IssuerLevel.HOSPITAL: "Giám đốc bệnh viện",
    IssuerLevel.OTHER: "cấp khác",
}


class RecipientKind(enum.StrEnum):
    MEMBER = "member"  # cá nhân
    CELL = "cell"  # tập thể: chi bộ
    DEPARTMENT = "department"  # tập thể: khoa, phòng
    ORGANIZATION = "organization"  # tập thể: đảng bộ

    @property
    def collective(self) -> bool:
        return self is not RecipientKind.MEMBER


# ---- proposals that flow from ratings (domain-rules §1.5) ---------------------------------------
class ProposalBasis(enum.StrEnum):
    """What a proposal asks for, and which rated subject it needs."""

    MEMBER_EXCELLENT = "member_excellent"  # đảng viên HTXSNV được khen thưởng
    CELL_EXEMPLARY = "cell_exemplary"  # chi bộ "HTXSNV tiêu biểu" (HD 01 §19)
    ORGANIZATION_EXEMPLARY = "organization_exemplary"  # "Trong sạch, vững mạnh tiêu biểu"


BASIS_SUBJECT = {
    ProposalBasis.MEMBER_EXCELLENT: RecipientKind.MEMBER,
    ProposalBasis.CELL_EXEMPLARY: RecipientKind.CELL,
    ProposalBasis.ORGANIZATION_EXEMPLARY: RecipientKind.ORGANIZATION,
}

EXCELLENT = "htxsnv"  # evaluations' Level.EXCELLENT value: the only level that may be proposed
LEVEL_WORDS = {
    "htxsnv": "Hoàn thành xuất sắc nhiệm vụ",
    "httnv": "Hoàn thành tốt nhiệm vụ",
    "htnv": "Hoàn thành nhiệm vụ",
    "khtnv": "Không hoàn thành nhiệm vụ",
}


def proposal_problem(decided_level: str | None) -> str | None:
    """Why a subject may not be proposed (None when she may): every basis needs a decided
    rating of "Hoàn thành xuất sắc nhiệm vụ" for the year (HD 21-HD/BTCTW 2019; HD 01-HD/TW
    2021 §19 — "HTTNV never suffices", domain-rules §1.5)."""
    if not decided_level:
        return (
            "Chưa có kết quả xếp loại được cấp ủy quyết định cho năm này; "
            f"chỉ đối tượng hoàn thành xuất sắc nhiệm vụ mới được đề nghị ({CITATION_TIEU_BIEU})."
        )
    if decided_level != EXCELLENT:
        return (
            f"Được xếp loại “{LEVEL_WORDS.get(decided_level, decided_level)}”; chỉ đối tượng "
            f"hoàn thành xuất sắc nhiệm vụ mới được đề nghị ({CITATION_TIEU_BIEU})."
        )
    return None


def is_eligible(decided_level: str | None) -> bool:
    return proposal_problem(decided_level) is None
