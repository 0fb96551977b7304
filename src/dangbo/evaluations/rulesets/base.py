"""The shapes every rule set works on (issue 9, item 3). Pure: standard library only.

A rule set is a module in ``evaluations/rulesets/`` selected by the rating year
(domain-rules decision 1). It exposes ``RULESET`` (a :class:`RuleSetInfo`), ``check(snapshot)``
returning a list of :class:`Violation` and ``not_rated_reason(facts, year)``. The services build a
:class:`CampaignSnapshot` from the database (or from the proposals being edited, for the what-if
preview) and never compute a rule themselves.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from fractions import Fraction


class Level(enum.StrEnum):
    """The four levels (domain-rules §1.1), best first."""

    EXCELLENT = "htxsnv"  # Hoàn thành xuất sắc nhiệm vụ
    GOOD = "httnv"  # Hoàn thành tốt nhiệm vụ
    COMPLETED = "htnv"  # Hoàn thành nhiệm vụ
    NOT_COMPLETED = "khtnv"  # Không hoàn thành nhiệm vụ

    @property
    def rank(self) -> int:
        """3 for excellent … 0 for not completed: ``a.rank >= b.rank`` means "a is at least b"."""
        return {"htxsnv": 3, "httnv": 2, "htnv": 1, "khtnv": 0}[self.value]


class SubjectKind(enum.StrEnum):
    MEMBER = "member"  # đảng viên
    CELL = "cell"  # chi bộ trực thuộc
    COLLECTIVE = "collective"  # tập thể lãnh đạo (the committee of the grassroots organization)
    ORGANIZATION = "organization"  # the grassroots organization itself (đảng bộ cơ sở)


class CapBase(enum.StrEnum):
    """Domain-rules decision 2: what "those rated HTTNV" means in the 20 % cap."""

    GOOD_OR_ABOVE = "good_or_above"  # 5 × excellent ≤ excellent + good (default)
    GOOD_ONLY = "good_only"  # 5 × excellent ≤ good (a superior may impose it)


class Severity(enum.StrEnum):
    ERROR = "error"  # blocks finalizing
    WARNING = "warning"  # needs a written justification


class NotRatedReason(enum.StrEnum):
    """Domain-rules §1.2 / decision 4: listed in the campaign but not rated."""

    EXEMPT = "exempt"  # miễn công tác và sinh hoạt đảng
    SUSPENDED = "suspended"  # đình chỉ sinh hoạt đảng
    ADMITTED_RECENTLY = "admitted_recently"  # vào Đảng chưa đủ 6 tháng tính đến cuối năm
    FOUNDED_RECENTLY = "founded_recently"  # tổ chức thành lập chưa đủ 6 tháng


@dataclass(frozen=True)
class DisciplineFact:
    """One disciplinary measure (members' discipline register, issue 9 item 8)."""

    decided_on: dt.date
    kind: str  # khien_trach < canh_cao < cach_chuc < khai_tru (see ``DISCIPLINE_RANK``)
    self_detected: bool = False  # tự phát hiện, tự khắc phục


# The order of the Charter's measures (Điều 35): a higher rank is a heavier measure.
DISCIPLINE_RANK = {"khien_trach": 1, "canh_cao": 2, "cach_chuc": 3, "khai_tru": 4}


@dataclass(frozen=True)
class MemberFacts:
    """What ``not_rated_reason`` needs about a member (all dates, no ORM)."""

    admitted_on: dt.date
    exempt: bool = False
    suspended: bool = False


@dataclass(frozen=True)
class Subject:
    """A rated subject with the level under check (proposed or decided)."""

    key: str  # "member:12", "cell:5", "collective:3", "organization:3"
    kind: SubjectKind
    name: str
    level: Level | None  # None: not yet proposed (ignored by the checks)
    parent: str = ""  # a member → its cell's key; a cell → "" (the organization is the group)
    disciplines: tuple[DisciplineFact, ...] = ()  # in the rating year
    sick_leave_days: int = 0  # total in the rating year
    leader: bool = False  # member of the leadership collective (cấp ủy)
    justification: str = ""  # the written justification that accepts a warning
    recognition: bool = False  # proposed for "tiêu biểu" ("trong sạch, vững mạnh tiêu biểu" …)
    # when the level under check was set (decided, else proposed); None: unknown. Only the soft
    # order check (domain-rules decision 5) reads it.
    rated_at: dt.datetime | None = None


@dataclass(frozen=True)
class CampaignSnapshot:
    """One grassroots organization's campaign for one year, as the rules see it."""

    year: int
    subjects: tuple[Subject, ...]
    cap_base: CapBase = CapBase.GOOD_OR_ABOVE
    # a superior's recorded exception lifting the cap ("" = none): decision number and date
    member_cap_exception: str = ""
    cell_cap_exception: str = ""
    # share of the organization's targets met at the frozen year-end checkpoint (None: no
    # frozen checkpoint — the rule is then not checked and a warning says so)
    targets_met_share: Fraction | None = None
    # key targets missed at that checkpoint (with < 50 % met: forced not completed)
    key_targets_missed: bool = False


@dataclass(frozen=True)
class Violation:
    code: str  # stable id, e.g. "member_cap"
    severity: Severity
    subjects: tuple[str, ...]  # keys of the subjects involved
    message: str  # Vietnamese, with the figures
    citation: str  # "HD 21-HD/BTCTW, mục 3.4.2" …
    carried_over: bool = False  # inherited from an earlier rule set, unconfirmed (decision 1)
    # a warning whose subjects all carry a written justification (decision 3): shown, accepted
    justified: bool = False


@dataclass(frozen=True)
class RuleSetInfo:
    name: str  # "2023–2024: QĐ 124-QĐ/TW + HD 25-HD/BTCTW"
    first_year: int
    last_year: int | None  # None: open-ended
    documents: tuple[str, ...] = field(default_factory=tuple)
