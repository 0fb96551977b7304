"""Meeting rules (issue 8, item 3). Pure functions over plain values: standard library only — no
ORM, no request, no Django import. Messages are Vietnamese string constants built here; the view
layer shows them as they are (they are not gettext msgids).

Sources (domain-rules §0 and §3; every result carries its citation):

- Điều lệ Đảng (Đại hội XI, 19/01/2011) — the Charter:
  - Điều 5 khoản 2: a probationary member (đảng viên dự bị) has a full member's duties and
    rights *except voting, standing and electing*.
  - Điều 9 khoản 5: "Nghị quyết của các cơ quan lãnh đạo của Đảng chỉ có giá trị thi hành khi
    có hơn một nửa số thành viên trong cơ quan đó tán thành."
  - Điều 12 khoản 3 (elections, same base): "quá một nửa so với tổng số đại biểu được triệu tập
    hoặc so với tổng số đảng viên chính thức của đảng bộ, chi bộ".
  - Điều 24 khoản 1: a cell has at least 3 full members; khoản 2: "Chi bộ, chi ủy họp thường lệ
    mỗi tháng một lần."
- Quy định thi hành Điều lệ Đảng: 24-QĐ/TW (30/7/2021), replaced by 232-QĐ/TW (20/01/2025),
  replaced by **294-QĐ/TW (26/5/2025, in force 01/7/2025)** — current (domain-rules §0). Point
  9.3 of QĐ 24 makes Điều 9 khoản 5 concrete:
  - 9.3.2: the members of a party-member congress or conference (đại hội / hội nghị đảng viên,
    which includes a cell meeting) are the full members of the đảng bộ or chi bộ summoned, minus
    those temporarily registered with another đảng bộ (sinh hoạt tạm thời) and those exempt
    from work and activities (miễn công tác và sinh hoạt đảng) *who are absent* — present and
    voting, they count —, minus members suspended from activities, prosecuted or detained, and
    minus full members absent for the whole congress with a reason the convening committee
    accepted.
  - 9.3.3: the members of an executive committee, standing committee or inspection committee
    session are its incumbent members (the exclusions were not retrieved).
  The text of QĐ 294 was not available: its point on Điều 9 khoản 5 is assumed unchanged
  ("carried over, unconfirmed") and the citations say so.
- Hướng dẫn 42-HD/BTCTW (28/10/2025), implementing Chỉ thị 50-CT/TW (23/7/2025), replaces HD
  12-HD/BTCTW (2018) on cell meetings: a cell meeting lasts at least 90 minutes, at least 120
  when the monthly regular meeting and a thematic one are held in the same session; for cells
  with few members the competent committee may set other figures; the chi ủy agrees the content
  beforehand and notifies members of the time, place and content; materials are posted on the
  "Sổ tay đảng viên điện tử" at least 01 day before the meeting.

Not found: the Charter and the implementing-regulation excerpts retrieved set **no attendance
quorum** for a cell meeting or conference; "at least 2/3 of those summoned present" was found only
for confidence-vote conferences (Quy định 96-QĐ/TW, 02/02/2023), and HD 12 (2018) used "more
than 85% attending" as a *quality* criterion, not a validity rule.

Decisions (tested in tests/meetings/test_rules_meetings.py):

1. Only full members count for quorum and votes (Điều 5 khoản 2). Probationary members, guests
   and members suspended from activities are listed and counted separately.
2. The denominator ("số thành viên") follows QĐ 24 point 9.3.2; each exclusion is a named
   setting of ``QuorumSettings``. An exempt or temporarily-registered-elsewhere member who
   attends counts in both the denominator and those present. The congress-only exclusion (full
   members absent with an accepted reason) is on only for congresses (``CONGRESS_QUORUM``).
3. Attendance quorum: by default a session is valid when **more than half** of the denominator
   is present. This is derived from Điều 9 khoản 5 (with half or fewer present, no resolution can
   reach "more than half of the members"); a body whose working rules demand more sets
   ``attendance_share`` (e.g. ``Fraction(2, 3)`` with ``attendance_strict=False`` for "ít nhất
   2/3").
4. A resolution or vote passes when the votes *for* reach more than half of the **members of the
   body** (the denominator of decision 2), not of those present or of the votes cast (Điều 9
   khoản 5; Điều 12 khoản 3). ``PassBase.PRESENT`` exists for bodies whose own rules say
   otherwise. A tie never passes. Nothing passes in a session without quorum.
5. No rounding: shares are ``Fraction``s and the number required is the smallest whole number
   that satisfies the rule ("quá 1/2" of 10 is 6; "ít nhất 2/3" of 10 is 7, of 9 is 6).
6. Zero members (an empty list, or only guests / probationary / excluded members): the session is
   not valid and nothing can pass.
7. Late arrivals and early leavers count as present (they attended); the vote itself is entered
   as counted, and more votes than voting members present is refused.
8. Duration (HD 42): cell meetings only (regular and thematic), ≥ 90 minutes, ≥ 120 when regular
   and thematic are combined; other kinds have no minimum. Compared exactly (89 min 59 s is too
   short). The minutes are ``DurationSettings`` (a cell with few members may get lower figures
   from its committee). HD 42 dates from 28/10/2025; earlier months are measured against the
   same benchmark unless the caller passes other settings.
9. Documents are on time when published at least 24 hours (``DocumentSettings.lead``) before the
   meeting starts; exactly 24 hours is on time; never published is a problem of its own.
10. A meeting with no agenda item can still be recorded, and its quorum and duration are computed
    as usual, but it cannot be announced: ``agenda_problem`` reports it (HD 42: the chi ủy agrees
    the content and notifies it to members before the meeting).
11. Compliance board (Điều 24 khoản 2): per month, a cell has *held* its meeting when a regular
    cell meeting (or a regular one combined with a thematic session) lasted long enough; *too
    short* when it met but never long enough; *missed* when the month is over with no regular
    meeting; *future* while the month is not over and nothing is recorded yet. A standalone
    thematic meeting does not replace the regular one; meetings of other kinds are ignored.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from django.utils.translation import gettext, gettext_noop

# --- Citations: shown to the user with each result -------------------------------------------

CIT_PROBATIONARY = "Điều lệ Đảng, Điều 5 khoản 2"
CIT_RESOLUTION = "Điều lệ Đảng, Điều 9 khoản 5"
CIT_MEMBERS = (
    "Quy định 24-QĐ/TW ngày 30/7/2021, điểm 9.3.2 (kế thừa trong Quy định 294-QĐ/TW ngày "
    "26/5/2025, chưa đối chiếu văn bản)"
)
CIT_COMMITTEE = (
    "Quy định 24-QĐ/TW ngày 30/7/2021, điểm 9.3.3 (kế thừa trong Quy định 294-QĐ/TW ngày "
    "26/5/2025, chưa đối chiếu văn bản)"
)
CIT_ATTENDANCE = f"Suy ra từ {CIT_RESOLUTION}; số thành viên theo {CIT_MEMBERS}"
CIT_PASS = f"{CIT_RESOLUTION}; {CIT_MEMBERS}"
CIT_MONTHLY = "Điều lệ Đảng, Điều 24 khoản 2"
CIT_GUIDE = "Hướng dẫn 42-HD/BTCTW ngày 28/10/2025"
CIT_DURATION = f"{CIT_GUIDE} (thời lượng sinh hoạt chi bộ)"
CIT_DOCUMENTS = f"{CIT_GUIDE} (tài liệu đăng trên Sổ tay đảng viên điện tử)"
CIT_AGENDA = f"{CIT_GUIDE} (chuẩn bị và thông báo nội dung sinh hoạt)"


# --- Vocabulary --------------------------------------------------------------------------------


class MeetingKind(StrEnum):
    """Kinds of meeting (issue 8, item 1)."""

    COMMITTEE_REGULAR = "committee_regular"
    STANDING_COMMITTEE = "standing_committee"
    MID_YEAR_REVIEW = "mid_year_review"
    YEAR_END_REVIEW = "year_end_review"
    THEMATIC = "thematic"
    CONGRESS = "congress"
    CELL_REGULAR = "cell_regular"
    CELL_THEMATIC = "cell_thematic"
    STUDY = "study"

    @property
    def label(self) -> str:
        return gettext(KIND_LABELS[self])

    @property
    def is_cell(self) -> bool:
        """A cell meeting (sinh hoạt chi bộ): the duration rule of HD 42 applies."""
        return self in (MeetingKind.CELL_REGULAR, MeetingKind.CELL_THEMATIC)


KIND_LABELS: dict[MeetingKind, str] = {
    MeetingKind.COMMITTEE_REGULAR: gettext_noop("Hội nghị Ban Chấp hành thường kỳ"),
    MeetingKind.STANDING_COMMITTEE: gettext_noop("Họp Ban Thường vụ"),
    MeetingKind.MID_YEAR_REVIEW: gettext_noop("Hội nghị sơ kết 6 tháng"),
    MeetingKind.YEAR_END_REVIEW: gettext_noop("Hội nghị tổng kết năm"),
    MeetingKind.THEMATIC: gettext_noop("Hội nghị chuyên đề"),
    MeetingKind.CONGRESS: gettext_noop("Đại hội"),
    MeetingKind.CELL_REGULAR: gettext_noop("Sinh hoạt chi bộ thường kỳ"),
    MeetingKind.CELL_THEMATIC: gettext_noop("Sinh hoạt chi bộ chuyên đề"),
    MeetingKind.STUDY: gettext_noop("Học tập, quán triệt nghị quyết"),
}


class AttendanceStatus(StrEnum):
    """Attendance of one invitee (issue 8, item 2)."""

    PRESENT = "present"
    LATE = "late"
    LEFT_EARLY = "left_early"
    ABSENT_WITH_REASON = "absent_with_reason"
    ABSENT_WITHOUT_REASON = "absent_without_reason"

    @property
    def label(self) -> str:
        return gettext(ATTENDANCE_LABELS[self])

    @property
    def attended(self) -> bool:
        """Present, late or left early: counted as present (decision 7)."""
        return self in (
            AttendanceStatus.PRESENT,
            AttendanceStatus.LATE,
            AttendanceStatus.LEFT_EARLY,
        )


ATTENDANCE_LABELS: dict[AttendanceStatus, str] = {
    AttendanceStatus.PRESENT: gettext_noop("Có mặt"),
    AttendanceStatus.LATE: gettext_noop("Đến muộn"),
    AttendanceStatus.LEFT_EARLY: gettext_noop("Về sớm"),
    AttendanceStatus.ABSENT_WITH_REASON: gettext_noop("Vắng có lý do"),
    AttendanceStatus.ABSENT_WITHOUT_REASON: gettext_noop("Vắng không lý do"),
}


class AbsenceReason(StrEnum):
    """Standard reasons for an absence (issue 8, item 2); free text is accepted as well."""

    ON_DUTY = "on_duty"
    AFTER_NIGHT_SHIFT = "after_night_shift"
    SICK = "sick"
    ON_LEAVE = "on_leave"
    BUSINESS_TRIP = "business_trip"

    @property
    def label(self) -> str:
        return gettext(REASON_LABELS[self])


REASON_LABELS: dict[AbsenceReason, str] = {
    AbsenceReason.ON_DUTY: gettext_noop("Trực"),
    AbsenceReason.AFTER_NIGHT_SHIFT: gettext_noop("Nghỉ sau trực đêm"),
    AbsenceReason.SICK: gettext_noop("Ốm"),
    AbsenceReason.ON_LEAVE: gettext_noop("Nghỉ phép"),
    AbsenceReason.BUSINESS_TRIP: gettext_noop("Đi công tác"),
}


class PassBase(StrEnum):
    """What "more than half" is measured against (decision 4)."""

    MEMBERS = "members"  # số thành viên của tổ chức (Điều 9 khoản 5) — the Charter's rule
    PRESENT = "present"  # số thành viên có mặt — only where a body's own rules say so


@dataclass(frozen=True)
class Problem:
    """A rule not met: a machine code, the field concerned, a Vietnamese message that says what
    to do, and the clause it comes from."""

    code: str
    field: str
    message: str
    citation: str


# --- Attendance and quorum ---------------------------------------------------------------------


@dataclass(frozen=True)
class Attendee:
    """One person on the invitation list of a meeting.

    ``exempt``: miễn công tác và sinh hoạt đảng; ``registered_elsewhere``: sinh hoạt tạm thời ở
    đảng bộ khác; ``suspended``: đình chỉ sinh hoạt đảng, bị khởi tố, truy tố, tạm giam;
    ``probationary``: đảng viên dự bị; ``is_guest``: a guest (not a member of the body)."""

    status: AttendanceStatus = AttendanceStatus.PRESENT
    reason: str = ""
    probationary: bool = False
    exempt: bool = False
    registered_elsewhere: bool = False
    suspended: bool = False
    is_guest: bool = False

    def __post_init__(self) -> None:
        if self.status is AttendanceStatus.ABSENT_WITH_REASON and not self.reason.strip():
            raise ValueError(MSG_REASON_MISSING)


MSG_REASON_MISSING = "Vắng có lý do thì phải ghi lý do (trực, ốm, nghỉ phép, đi công tác…)."


@dataclass(frozen=True)
class AttendanceCounts:
    """Totals by category for the minutes (domain-rules §3: full / probationary, exempt, absent
    elsewhere, present; absentees with and without reason) and, for quorum, the full members in
    exactly one bucket each (``full == full_present + full_suspended + full_absent_exempt +
    full_absent_elsewhere + full_absent_excused + full_absent_unexcused``). Guests are kept out of
    every total but their own."""

    listed: int = 0
    full: int = 0
    probationary: int = 0
    present: int = 0
    late: int = 0
    left_early: int = 0
    absent_with_reason: int = 0
    absent_without_reason: int = 0
    exempt: int = 0
    exempt_present: int = 0
    registered_elsewhere: int = 0
    elsewhere_present: int = 0
    suspended: int = 0
    guests: int = 0
    guests_present: int = 0
    full_present: int = 0
    full_suspended: int = 0
    full_absent_exempt: int = 0
    full_absent_elsewhere: int = 0
    full_absent_excused: int = 0
    full_absent_unexcused: int = 0


def attendance_counts(attendees: Iterable[Attendee]) -> AttendanceCounts:
    """Count the invitation list by category (decisions 1, 2 and 7)."""
    c: dict[str, int] = dict.fromkeys(AttendanceCounts.__dataclass_fields__, 0)
    for a in attendees:
        attended = a.status.attended
        if a.is_guest:
            c["guests"] += 1
            c["guests_present"] += attended
            continue
        c["listed"] += 1
        c["present"] += attended
        c["late"] += a.status is AttendanceStatus.LATE
        c["left_early"] += a.status is AttendanceStatus.LEFT_EARLY
        c["absent_with_reason"] += a.status is AttendanceStatus.ABSENT_WITH_REASON
        c["absent_without_reason"] += a.status is AttendanceStatus.ABSENT_WITHOUT_REASON
        c["exempt"] += a.exempt
        c["exempt_present"] += a.exempt and attended
        c["registered_elsewhere"] += a.registered_elsewhere
        c["elsewhere_present"] += a.registered_elsewhere and attended
        c["suspended"] += a.suspended
        if a.probationary:
            c["probationary"] += 1
            continue
        c["full"] += 1
        c[_full_bucket(a)] += 1
    return AttendanceCounts(**c)


def _full_bucket(a: Attendee) -> str:
    """The one quorum bucket of a full member; suspension wins, then exemption, then temporary
    registration elsewhere."""
    if a.suspended:
        return "full_suspended"
    if a.status.attended:
        return "full_present"
    if a.exempt:
        return "full_absent_exempt"
    if a.registered_elsewhere:
        return "full_absent_elsewhere"
    if a.status is AttendanceStatus.ABSENT_WITH_REASON:
        return "full_absent_excused"
    return "full_absent_unexcused"


@dataclass(frozen=True)
class QuorumSettings:
    """The thresholds of decisions 2–4, each a named setting. Shares are fractions in (0, 1];
    ``*_strict`` means "more than" (quá), otherwise "at least" (ít nhất)."""

    attendance_share: Fraction = Fraction(1, 2)
    attendance_strict: bool = True
    pass_share: Fraction = Fraction(1, 2)
    pass_strict: bool = True
    pass_base: PassBase = PassBase.MEMBERS
    exclude_suspended: bool = True
    exclude_exempt_absent: bool = True
    exclude_elsewhere_absent: bool = True
    exclude_excused_absent: bool = False
    member_word: str = "đảng viên chính thức"
    attendance_citation: str = CIT_ATTENDANCE
    pass_citation: str = CIT_PASS

    def __post_init__(self) -> None:
        for share, strict in (
            (self.attendance_share, self.attendance_strict),
            (self.pass_share, self.pass_strict),
        ):
            if not isinstance(share, Fraction) or not 0 < share <= 1:
                raise ValueError(MSG_BAD_SHARE)
            if strict and share == 1:
                raise ValueError(MSG_MORE_THAN_ALL)


MSG_BAD_SHARE = "Tỷ lệ phải là một phân số lớn hơn 0 và không quá 1 (ví dụ 1/2, 2/3)."
MSG_MORE_THAN_ALL = "Không thể yêu cầu “quá” toàn bộ số thành viên; dùng “ít nhất 1/1”."

DEFAULT_QUORUM = QuorumSettings()
CONGRESS_QUORUM = QuorumSettings(exclude_excused_absent=True)
COMMITTEE_QUORUM = QuorumSettings(
    member_word="ủy viên",
    attendance_citation=f"Suy ra từ {CIT_RESOLUTION}; số thành viên theo {CIT_COMMITTEE}",
    pass_citation=f"{CIT_RESOLUTION}; {CIT_COMMITTEE}",
)


def settings_for(kind: MeetingKind) -> QuorumSettings:
    """The default quorum settings of a kind of meeting (decision 2)."""
    if kind is MeetingKind.CONGRESS:
        return CONGRESS_QUORUM
    if kind in (MeetingKind.COMMITTEE_REGULAR, MeetingKind.STANDING_COMMITTEE):
        return COMMITTEE_QUORUM
    return DEFAULT_QUORUM


def required_count(share: Fraction, strict: bool, base: int) -> int:
    """The smallest whole number n with n > share × base (strict) or n ≥ share × base."""
    if strict:
        return share.numerator * base // share.denominator + 1
    return -(-share.numerator * base // share.denominator)


def share_text(share: Fraction, strict: bool) -> str:
    """ "quá 1/2", "ít nhất 2/3"."""
    return f"{'quá' if strict else 'ít nhất'} {share}"


def denominator(counts: AttendanceCounts, settings: QuorumSettings = DEFAULT_QUORUM) -> int:
    """Số thành viên (QĐ 24 point 9.3.2): full members minus the excluded ones."""
    n = counts.full
    n -= counts.full_suspended if settings.exclude_suspended else 0
    n -= counts.full_absent_exempt if settings.exclude_exempt_absent else 0
    n -= counts.full_absent_elsewhere if settings.exclude_elsewhere_absent else 0
    n -= counts.full_absent_excused if settings.exclude_excused_absent else 0
    return n


@dataclass(frozen=True)
class QuorumResult:
    valid: bool
    required: int
    present: int
    denominator: int
    rule: str
    message: str
    citation: str


def quorum(counts: AttendanceCounts, settings: QuorumSettings = DEFAULT_QUORUM) -> QuorumResult:
    """Is the session valid? (decisions 3 and 6)"""
    total = denominator(counts, settings)
    present = counts.full_present
    word = settings.member_word
    share = share_text(settings.attendance_share, settings.attendance_strict)
    rule = f"Có mặt {share} số {word} được triệu tập (sau khi trừ các trường hợp không tính)"
    if total <= 0:
        return QuorumResult(
            valid=False,
            required=0,
            present=present,
            denominator=0,
            rule=rule,
            message=(
                f"Không có {word} nào có quyền biểu quyết trong danh sách triệu tập; "
                "kiểm tra lại danh sách mời."
            ),
            citation=settings.attendance_citation,
        )
    required = required_count(settings.attendance_share, settings.attendance_strict, total)
    valid = present >= required
    if valid:
        message = f"Hội nghị hợp lệ: có mặt {present}/{total} {word} (cần ít nhất {required})."
    else:
        message = (
            f"Chưa đủ số lượng: có mặt {present}/{total} {word}, cần ít nhất {required}. "
            "Chưa biểu quyết được; mời thêm hoặc dời buổi họp."
        )
    return QuorumResult(
        valid=valid,
        required=required,
        present=present,
        denominator=total,
        rule=rule,
        message=message,
        citation=settings.attendance_citation,
    )


@dataclass(frozen=True)
class VoteResult:
    passed: bool
    votes_for: int
    against: int
    abstain: int
    base: int
    required: int
    rule: str
    message: str
    citation: str
    quorum: QuorumResult


def vote_result(
    for_: int,
    against: int,
    abstain: int,
    counts: AttendanceCounts,
    settings: QuorumSettings = DEFAULT_QUORUM,
) -> VoteResult:
    """Does a resolution or vote pass? (decisions 4–7)"""
    for n in (for_, against, abstain):
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise ValueError(MSG_BAD_VOTES)
    q = quorum(counts, settings)
    word = settings.member_word
    cast = for_ + against + abstain
    if cast > q.present:
        raise ValueError(
            f"Tổng số phiếu ({cast}) lớn hơn số {word} có quyền biểu quyết có mặt ({q.present})."
        )
    if settings.pass_base is PassBase.MEMBERS:
        base, of_what = q.denominator, f"số {word} của tổ chức"
    else:
        base, of_what = q.present, f"số {word} có mặt"
    required = required_count(settings.pass_share, settings.pass_strict, base)
    share = share_text(settings.pass_share, settings.pass_strict)
    rule = f"Được {share} {of_what} ({base}) tán thành: cần ít nhất {required} phiếu tán thành."
    passed = q.valid and for_ >= required
    tally = f"{for_} tán thành, {against} không tán thành, {abstain} không biểu quyết"
    if passed:
        message = f"Thông qua: {tally} ({for_}/{base}, cần {required})."
    elif not q.valid:
        message = f"Không thông qua: hội nghị chưa đủ số lượng. {q.message}"
    else:
        message = f"Không thông qua: {tally}; số tán thành chưa đạt {share} {of_what}."
    return VoteResult(
        passed=passed,
        votes_for=for_,
        against=against,
        abstain=abstain,
        base=base,
        required=required,
        rule=rule,
        message=message,
        citation=settings.pass_citation,
        quorum=q,
    )


MSG_BAD_VOTES = "Số phiếu phải là số nguyên không âm."


# --- Duration, documents, agenda --------------------------------------------------------------


@dataclass(frozen=True)
class DurationSettings:
    """Minimum length of a cell meeting (decision 8)."""

    regular_minutes: int = 90
    combined_minutes: int = 120
    citation: str = CIT_DURATION

    def __post_init__(self) -> None:
        if not 0 < self.regular_minutes <= self.combined_minutes:
            raise ValueError(MSG_BAD_MINUTES)


MSG_BAD_MINUTES = (
    "Thời lượng tối thiểu phải lớn hơn 0, và buổi kết hợp chuyên đề không ngắn hơn buổi thường kỳ."
)
DEFAULT_DURATION = DurationSettings()


def required_minutes(
    kind: MeetingKind,
    combined_thematic: bool = False,
    settings: DurationSettings = DEFAULT_DURATION,
) -> int | None:
    """Minimum minutes of a meeting, or None when the kind has no minimum (decision 8)."""
    if not kind.is_cell:
        return None
    return settings.combined_minutes if combined_thematic else settings.regular_minutes


def _when(moment: dt.datetime) -> str:
    return f"{moment:%H:%M} ngày {moment:%d/%m/%Y}"


def duration_problem(
    kind: MeetingKind,
    start: dt.datetime,
    end: dt.datetime,
    combined_thematic: bool = False,
    settings: DurationSettings = DEFAULT_DURATION,
) -> Problem | None:
    """The end must follow the start (every kind); a cell meeting must last long enough."""
    if end <= start:
        return Problem(
            code="end_before_start",
            field="end",
            message=(
                f"Giờ kết thúc ({_when(end)}) phải sau giờ bắt đầu ({_when(start)}); "
                "sửa lại giờ kết thúc."
            ),
            citation="",
        )
    minimum = required_minutes(kind, combined_thematic, settings)
    if minimum is None or end - start >= dt.timedelta(minutes=minimum):
        return None
    lasted = int((end - start).total_seconds() // 60)
    which = " (buổi sinh hoạt thường kỳ kết hợp chuyên đề)" if combined_thematic else ""
    return Problem(
        code="too_short",
        field="end",
        message=(
            f"Buổi sinh hoạt chi bộ kéo dài {lasted} phút, ít hơn thời lượng tối thiểu "
            f"{minimum} phút{which}. Ghi đúng giờ kết thúc hoặc giải trình trong biên bản."
        ),
        citation=settings.citation,
    )


@dataclass(frozen=True)
class DocumentSettings:
    """How long before the meeting its documents must be published (decision 9)."""

    lead: dt.timedelta = dt.timedelta(days=1)
    citation: str = CIT_DOCUMENTS


DEFAULT_DOCUMENTS = DocumentSettings()


def documents_deadline(
    meeting_start: dt.datetime, settings: DocumentSettings = DEFAULT_DOCUMENTS
) -> dt.datetime:
    """The latest moment documents may be published."""
    return meeting_start - settings.lead


def documents_late(
    meeting_start: dt.datetime,
    published_at: dt.datetime | None,
    settings: DocumentSettings = DEFAULT_DOCUMENTS,
) -> Problem | None:
    """None when the documents were published in time, else the problem (decision 9)."""
    deadline = documents_deadline(meeting_start, settings)
    if published_at is None:
        return Problem(
            code="documents_not_published",
            field="documents",
            message=(
                f"Tài liệu chưa được đăng cho đảng viên; cần đăng trước {_when(deadline)} "
                "(ít nhất 01 ngày trước buổi họp)."
            ),
            citation=settings.citation,
        )
    if published_at <= deadline:
        return None
    return Problem(
        code="documents_late",
        field="documents",
        message=(
            f"Tài liệu được đăng lúc {_when(published_at)}, muộn hơn hạn {_when(deadline)} "
            "(ít nhất 01 ngày trước buổi họp)."
        ),
        citation=settings.citation,
    )


def agenda_problem(item_count: int) -> Problem | None:
    """A meeting cannot be announced without content (decision 10)."""
    if item_count > 0:
        return None
    return Problem(
        code="no_agenda",
        field="agenda",
        message=(
            "Cuộc họp chưa có nội dung nào trong chương trình; thêm ít nhất một nội dung "
            "trước khi thông báo cho đảng viên."
        ),
        citation=CIT_AGENDA,
    )


# --- Compliance board --------------------------------------------------------------------------


class ComplianceStatus(StrEnum):
    """A cell's monthly meeting, as the compliance board shows it (decision 11)."""

    HELD = "held"
    TOO_SHORT = "too_short"
    MISSED = "missed"
    FUTURE = "future"

    @property
    def label(self) -> str:
        return gettext(COMPLIANCE_LABELS[self])


COMPLIANCE_LABELS: dict[ComplianceStatus, str] = {
    ComplianceStatus.HELD: gettext_noop("Đã sinh hoạt"),
    ComplianceStatus.TOO_SHORT: gettext_noop("Chưa đủ thời lượng"),
    ComplianceStatus.MISSED: gettext_noop("Không sinh hoạt"),
    ComplianceStatus.FUTURE: gettext_noop("Chưa đến hạn"),
}


@dataclass(frozen=True)
class HeldMeeting:
    """One meeting of a cell in the year: month (1–12), length in minutes, kind, and whether a
    regular meeting was combined with a thematic session."""

    month: int
    minutes: int
    kind: MeetingKind
    combined_thematic: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(MSG_BAD_MONTH)
        if self.minutes < 0:
            raise ValueError(MSG_BAD_DURATION)

    @property
    def counts_as_regular(self) -> bool:
        """Satisfies the monthly regular meeting (Điều 24 khoản 2)."""
        return self.kind is MeetingKind.CELL_REGULAR or (
            self.kind is MeetingKind.CELL_THEMATIC and self.combined_thematic
        )


MSG_BAD_MONTH = "Tháng phải từ 1 đến 12."
MSG_BAD_DURATION = "Thời lượng không được âm."


@dataclass(frozen=True)
class MonthCompliance:
    month: int
    status: ComplianceStatus
    meetings: int
    longest_minutes: int | None
    message: str
    citation: str


def _as_meeting(
    item: HeldMeeting | tuple[int, int, str] | tuple[int, int, str, bool],
) -> HeldMeeting:
    if isinstance(item, HeldMeeting):
        return item
    month, minutes, kind, *rest = item
    return HeldMeeting(month, minutes, MeetingKind(kind), *rest)


def _minimum(meeting: HeldMeeting, settings: DurationSettings) -> int:
    return settings.combined_minutes if meeting.combined_thematic else settings.regular_minutes


def compliance(
    meetings: Iterable[HeldMeeting | tuple[int, int, str] | tuple[int, int, str, bool]],
    year: int,
    months: Iterable[int] = range(1, 13),
    *,
    today: dt.date,
    settings: DurationSettings = DEFAULT_DURATION,
) -> list[MonthCompliance]:
    """One row per month of ``year`` for one cell (decision 11). ``meetings`` are that cell's
    meetings of the year, as ``HeldMeeting``s or plain (month, minutes, kind[, combined])
    tuples."""
    regular = [m for m in map(_as_meeting, meetings) if m.counts_as_regular]
    rows = []
    for month in months:
        if not 1 <= month <= 12:
            raise ValueError(MSG_BAD_MONTH)
        held = [m for m in regular if m.month == month]
        label = f"Tháng {month:02d}/{year}"
        if held:
            longest = max(held, key=lambda m: m.minutes)
            if any(m.minutes >= _minimum(m, settings) for m in held):
                status = ComplianceStatus.HELD
                message = f"{label}: đã sinh hoạt ({longest.minutes} phút)."
            else:
                need = _minimum(longest, settings)
                status = ComplianceStatus.TOO_SHORT
                message = (
                    f"{label}: có sinh hoạt nhưng chỉ {longest.minutes} phút, "
                    f"dưới thời lượng tối thiểu {need} phút."
                )
            rows.append(
                MonthCompliance(
                    month, status, len(held), longest.minutes, message, settings.citation
                )
            )
            continue
        month_over = dt.date(year, month, calendar.monthrange(year, month)[1]) < today
        if month_over:
            status = ComplianceStatus.MISSED
            message = f"{label}: chi bộ không sinh hoạt thường kỳ (chi bộ họp mỗi tháng một lần)."
        else:
            status = ComplianceStatus.FUTURE
            message = f"{label}: chưa đến hạn."
        rows.append(MonthCompliance(month, status, 0, None, message, CIT_MONTHLY))
    return rows


def compliance_totals(rows: Iterable[MonthCompliance]) -> dict[ComplianceStatus, int]:
    """How many months in each status, every status present (for the board's summary row)."""
    totals = dict.fromkeys(ComplianceStatus, 0)
    for row in rows:
        totals[row.status] += 1
    return totals
