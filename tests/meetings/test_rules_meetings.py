"""meetings/rules.py — issue 8, item 3 and the "Done when" rule tests: quorum and validity,
votes, cell-meeting duration, documents ahead, agenda, the compliance board. No database.

Clauses (see the module docstring): Điều lệ Đảng 2011 — Điều 5 khoản 2 (probationary members do
not vote), Điều 9 khoản 5 (a resolution needs more than half of the members of the body), Điều 24
khoản 1 (a cell has at least 3 full members) and khoản 2 (cells meet monthly); Quy định
24-QĐ/TW (30/7/2021) point 9.3.2 / 9.3.3 (who counts as a member), assumed carried over into
Quy định 294-QĐ/TW (26/5/2025); Hướng dẫn 42-HD/BTCTW (28/10/2025): ≥ 90 / ≥ 120 minutes,
documents ≥ 01 day ahead, content agreed and notified beforehand."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.meetings.rules import (
    COMMITTEE_QUORUM,
    CONGRESS_QUORUM,
    DEFAULT_QUORUM,
    AbsenceReason,
    AttendanceCounts,
    AttendanceStatus,
    Attendee,
    ComplianceStatus,
    DocumentSettings,
    DurationSettings,
    HeldMeeting,
    MeetingKind,
    PassBase,
    QuorumSettings,
    agenda_problem,
    attendance_counts,
    compliance,
    compliance_totals,
    denominator,
    documents_deadline,
    documents_late,
    duration_problem,
    quorum,
    required_count,
    required_minutes,
    settings_for,
    share_text,
    vote_result,
)

S = AttendanceStatus
PRESENT = Attendee()
LATE = Attendee(status=S.LATE)
LEFT_EARLY = Attendee(status=S.LEFT_EARLY)
EXCUSED = Attendee(status=S.ABSENT_WITH_REASON, reason=AbsenceReason.AFTER_NIGHT_SHIFT)
UNEXCUSED = Attendee(status=S.ABSENT_WITHOUT_REASON)
EXEMPT_ABSENT = Attendee(status=S.ABSENT_WITH_REASON, reason="Tuổi cao", exempt=True)
EXEMPT_PRESENT = Attendee(exempt=True)
ELSEWHERE_ABSENT = Attendee(status=S.ABSENT_WITHOUT_REASON, registered_elsewhere=True)
ELSEWHERE_PRESENT = Attendee(registered_elsewhere=True)
SUSPENDED_PRESENT = Attendee(suspended=True)
PROBATIONARY = Attendee(probationary=True)
GUEST = Attendee(is_guest=True)
TWO_THIRDS = QuorumSettings(attendance_share=Fraction(2, 3), attendance_strict=False)


def cell(present: int, absent: int = 0, *extra: Attendee) -> AttendanceCounts:
    """A cell with ``present`` full members present, ``absent`` absent with a reason."""
    return attendance_counts([PRESENT] * present + [EXCUSED] * absent + list(extra))


# --- Counting (item 2: categories for the minutes; decisions 1, 2, 7) --------------------------


def test_counts_by_category_for_the_minutes():
    """Biên bản totals (domain-rules §3): full/probationary, exempt, elsewhere, present,
    absentees with/without reason; guests apart (issue 8, item 2)."""
    counts = attendance_counts(
        [PRESENT, LATE, LEFT_EARLY, EXCUSED, UNEXCUSED, EXEMPT_ABSENT, EXEMPT_PRESENT]
        + [ELSEWHERE_ABSENT, ELSEWHERE_PRESENT, SUSPENDED_PRESENT, PROBATIONARY, GUEST, GUEST]
    )
    assert counts == AttendanceCounts(
        listed=11,
        full=10,
        probationary=1,
        present=7,  # present, late, left early, exempt, elsewhere, suspended, probationary
        late=1,
        left_early=1,
        absent_with_reason=2,
        absent_without_reason=2,
        exempt=2,
        exempt_present=1,
        registered_elsewhere=2,
        elsewhere_present=1,
        suspended=1,
        guests=2,
        guests_present=2,
        full_present=5,  # present, late, left early, exempt present, elsewhere present
        full_suspended=1,
        full_absent_exempt=1,
        full_absent_elsewhere=1,
        full_absent_excused=1,
        full_absent_unexcused=1,
    )


def test_absent_with_reason_needs_a_reason():
    """Issue 8, item 2: absences with a reason carry the reason (standard or free text)."""
    with pytest.raises(ValueError, match="phải ghi lý do"):
        Attendee(status=S.ABSENT_WITH_REASON, reason="  ")
    assert Attendee(status=S.ABSENT_WITH_REASON, reason="Đi học").reason == "Đi học"


def test_labels_are_vietnamese():
    assert MeetingKind.CELL_REGULAR.label == "Sinh hoạt chi bộ thường kỳ"
    assert S.ABSENT_WITHOUT_REASON.label == "Vắng không lý do"
    assert AbsenceReason.AFTER_NIGHT_SHIFT.label == "Nghỉ sau trực đêm"
    assert ComplianceStatus.MISSED.label == "Không sinh hoạt"


# --- Quorum (Điều 9 khoản 5; QĐ 24 point 9.3.2; decisions 2, 3, 5, 6) --------------------------


def test_cell_of_three():
    """Điều 24 khoản 1: a cell has at least 3 full members. More than half of 3 is 2."""
    assert quorum(cell(3)).valid
    two = quorum(cell(2, 1))
    assert (two.valid, two.required, two.present, two.denominator) == (True, 2, 2, 3)
    one = quorum(cell(1, 2))
    assert not one.valid
    assert one.message == (
        "Chưa đủ số lượng: có mặt 1/3 đảng viên chính thức, cần ít nhất 2. "
        "Chưa biểu quyết được; mời thêm hoặc dời buổi họp."
    )
    assert "Điều 9 khoản 5" in one.citation and "9.3.2" in one.citation


def test_exactly_at_the_threshold():
    """Decision 5: "quá 1/2" of 10 is 6 (5 is not enough); "ít nhất 2/3" of 9 is 6, of 10 is 7."""
    assert not quorum(cell(5, 5)).valid
    assert quorum(cell(6, 4)).valid
    assert quorum(cell(6, 4)).message == (
        "Hội nghị hợp lệ: có mặt 6/10 đảng viên chính thức (cần ít nhất 6)."
    )
    assert quorum(cell(6, 3), TWO_THIRDS).valid
    assert not quorum(cell(5, 4), TWO_THIRDS).valid
    assert quorum(cell(6, 4), TWO_THIRDS).required == 7
    assert quorum(cell(7, 3), TWO_THIRDS).valid


def test_exempt_members_absent_are_not_counted():
    """QĐ 24 point 9.3.2: exempt members (miễn công tác và sinh hoạt đảng) who do not attend
    leave the denominator; when they attend, they count (issue 8, item 3)."""
    counts = cell(4, 4, EXEMPT_ABSENT, EXEMPT_ABSENT)  # 10 full, 2 exempt absent → 8
    assert (quorum(counts).denominator, quorum(counts).required) == (8, 5)
    assert not quorum(counts).valid
    counts = cell(4, 3, EXEMPT_ABSENT, EXEMPT_PRESENT)  # exempt present counts both ways
    assert (quorum(counts).present, quorum(counts).denominator, quorum(counts).valid) == (
        5,
        8,
        True,
    )
    kept = replace(DEFAULT_QUORUM, exclude_exempt_absent=False)
    assert quorum(cell(4, 4, EXEMPT_ABSENT, EXEMPT_ABSENT), kept).denominator == 10


def test_members_registered_elsewhere_absent_are_not_counted():
    """QĐ 24 point 9.3.2: sinh hoạt tạm thời ở đảng bộ khác — like exempt members."""
    counts = cell(3, 1, ELSEWHERE_ABSENT, ELSEWHERE_ABSENT)
    assert (quorum(counts).denominator, quorum(counts).valid) == (4, True)
    counts = cell(2, 1, ELSEWHERE_PRESENT)
    assert (quorum(counts).present, quorum(counts).denominator) == (3, 4)
    kept = replace(DEFAULT_QUORUM, exclude_elsewhere_absent=False)
    assert quorum(cell(3, 1, ELSEWHERE_ABSENT, ELSEWHERE_ABSENT), kept).denominator == 6


def test_suspended_members_never_count():
    """QĐ 24 point 9.3.2: members suspended, prosecuted or detained are not members of the
    conference, even if they come."""
    counts = cell(2, 2, SUSPENDED_PRESENT)
    assert (quorum(counts).present, quorum(counts).denominator, quorum(counts).valid) == (
        2,
        4,
        False,
    )
    kept = replace(DEFAULT_QUORUM, exclude_suspended=False)
    assert quorum(counts, kept).denominator == 5


def test_probationary_members_and_guests_do_not_count():
    """Điều lệ Đảng, Điều 5 khoản 2: probationary members do not vote; guests are not members."""
    counts = cell(2, 1, PROBATIONARY, PROBATIONARY, GUEST, GUEST, GUEST)
    result = quorum(counts)
    assert (result.present, result.denominator, result.valid) == (2, 3, True)
    assert (counts.probationary, counts.guests, counts.listed) == (2, 3, 5)


def test_congress_excludes_excused_absentees():
    """QĐ 24 point 9.3.2, congress only: full members absent for the whole congress with an
    accepted reason leave the denominator."""
    counts = cell(4, 3, UNEXCUSED)  # 8 full, 3 absent with a reason
    assert not quorum(counts).valid  # 4 of 8
    assert (quorum(counts, CONGRESS_QUORUM).denominator, quorum(counts, CONGRESS_QUORUM).valid) == (
        5,
        True,
    )
    assert settings_for(MeetingKind.CONGRESS) is CONGRESS_QUORUM


def test_committee_sessions_count_committee_members():
    """QĐ 24 point 9.3.3: a committee session counts its incumbent members (ủy viên)."""
    settings = settings_for(MeetingKind.STANDING_COMMITTEE)
    assert settings is COMMITTEE_QUORUM is settings_for(MeetingKind.COMMITTEE_REGULAR)
    result = quorum(cell(4, 1), settings)
    assert result.message == "Hội nghị hợp lệ: có mặt 4/5 ủy viên (cần ít nhất 3)."
    assert "9.3.3" in result.citation
    assert settings_for(MeetingKind.CELL_REGULAR) is DEFAULT_QUORUM
    assert settings_for(MeetingKind.STUDY) is DEFAULT_QUORUM


@pytest.mark.parametrize(
    "attendees",
    [[], [GUEST, GUEST], [PROBATIONARY], [EXEMPT_ABSENT, ELSEWHERE_ABSENT], [SUSPENDED_PRESENT]],
    ids=["empty", "guests only", "probationary only", "all excluded", "suspended only"],
)
def test_zero_members_is_never_valid(attendees):
    """Decision 6: with nobody to count, the session is not valid and nothing passes."""
    counts = attendance_counts(attendees)
    result = quorum(counts)
    assert (result.valid, result.denominator, result.required) == (False, 0, 0)
    assert "Không có đảng viên chính thức nào" in result.message
    assert not vote_result(0, 0, 0, counts).passed


def test_settings_refuse_impossible_shares():
    for share in (Fraction(0), Fraction(3, 2), Fraction(-1, 2), 0.5):
        with pytest.raises(ValueError, match="phân số"):
            QuorumSettings(attendance_share=share)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        QuorumSettings(pass_share=Fraction(0))
    with pytest.raises(ValueError, match="toàn bộ"):
        QuorumSettings(pass_share=Fraction(1))  # "more than all" can never be met
    assert (
        QuorumSettings(attendance_share=Fraction(1), attendance_strict=False).attendance_share == 1
    )


def test_required_count_and_share_text():
    """Decision 5: exact fractions, the smallest whole number that satisfies the rule."""
    half, two_thirds = Fraction(1, 2), Fraction(2, 3)
    assert [required_count(half, True, n) for n in (1, 2, 3, 4, 10, 11)] == [1, 2, 2, 3, 6, 6]
    assert [required_count(two_thirds, False, n) for n in (3, 9, 10, 12)] == [2, 6, 7, 8]
    assert required_count(Fraction(1), False, 7) == 7
    assert share_text(half, True) == "quá 1/2"
    assert share_text(two_thirds, False) == "ít nhất 2/3"


# --- Votes (Điều 9 khoản 5: "hơn một nửa số thành viên … tán thành"; decisions 4, 6, 7) ---------


def test_resolution_needs_more_than_half_of_the_members_not_of_those_present():
    """Điều 9 khoản 5: of 10 members with 7 present, 5 votes for is not enough even though it
    is most of those present; 6 is."""
    counts = cell(7, 3)
    five = vote_result(5, 2, 0, counts)
    assert not five.passed
    assert (five.base, five.required) == (10, 6)
    assert five.message == (
        "Không thông qua: 5 tán thành, 2 không tán thành, 0 không biểu quyết; "
        "số tán thành chưa đạt quá 1/2 số đảng viên chính thức của tổ chức."
    )
    six = vote_result(6, 1, 0, counts)
    assert six.passed
    assert six.message == (
        "Thông qua: 6 tán thành, 1 không tán thành, 0 không biểu quyết (6/10, cần 6)."
    )
    assert six.rule == (
        "Được quá 1/2 số đảng viên chính thức của tổ chức (10) tán thành: "
        "cần ít nhất 6 phiếu tán thành."
    )
    assert "Điều 9 khoản 5" in six.citation


def test_cell_of_three_votes():
    """Điều 24 khoản 1 + Điều 9 khoản 5: a cell of 3 needs 2 votes for."""
    assert vote_result(2, 1, 0, cell(3)).passed
    assert not vote_result(1, 1, 1, cell(3)).passed
    assert vote_result(2, 0, 0, cell(2, 1)).passed


@pytest.mark.parametrize(
    ("for_", "against", "abstain", "present", "absent"),
    [(4, 4, 0, 8, 0), (3, 3, 2, 8, 0), (5, 5, 0, 10, 2)],
)
def test_ties_never_pass(for_, against, abstain, present, absent):
    """Decision 4: half is not "more than half"."""
    assert not vote_result(for_, against, abstain, cell(present, absent)).passed
    by_present = replace(DEFAULT_QUORUM, pass_base=PassBase.PRESENT)
    assert not vote_result(for_, against, abstain, cell(present, absent), by_present).passed


def test_pass_base_present_is_a_setting():
    """Decision 4: for a body whose own rules count those present."""
    by_present = replace(DEFAULT_QUORUM, pass_base=PassBase.PRESENT)
    result = vote_result(5, 2, 0, cell(7, 3), by_present)
    assert result.passed and (result.base, result.required) == (7, 4)
    assert "số đảng viên chính thức có mặt (7)" in result.rule


def test_nothing_passes_without_quorum():
    """Decision 4: with half or fewer present, even a unanimous vote of those present fails."""
    by_present = replace(DEFAULT_QUORUM, pass_base=PassBase.PRESENT)
    result = vote_result(5, 0, 0, cell(5, 5), by_present)
    assert not result.passed
    assert result.message.startswith("Không thông qua: hội nghị chưa đủ số lượng. Chưa đủ")


def test_exempt_member_who_attends_votes():
    """QĐ 24 point 9.3.2: an exempt member present and voting is counted."""
    counts = cell(2, 1, EXEMPT_PRESENT, EXEMPT_ABSENT)  # members 4, present 3
    assert vote_result(3, 0, 0, counts).passed
    assert not vote_result(2, 1, 0, counts).passed


def test_votes_are_checked():
    """Decision 7: more votes than voting members present, or nonsense numbers, are refused."""
    with pytest.raises(ValueError, match=r"Tổng số phiếu \(4\) lớn hơn .* có mặt \(3\)"):
        vote_result(2, 1, 1, cell(3, 1, PROBATIONARY))  # the probationary member cannot vote
    for bad in (-1, True, 1.0):
        with pytest.raises(ValueError, match="số nguyên không âm"):
            vote_result(bad, 0, 0, cell(3))  # type: ignore[arg-type]


# --- Properties --------------------------------------------------------------------------------

attendees = st.builds(
    Attendee,
    status=st.sampled_from(list(S)),
    reason=st.just("Ốm"),
    probationary=st.booleans(),
    exempt=st.booleans(),
    registered_elsewhere=st.booleans(),
    suspended=st.booleans(),
    is_guest=st.booleans(),
)
settings = st.builds(
    QuorumSettings,
    attendance_share=st.sampled_from(
        [Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(3, 4)]
    ),
    attendance_strict=st.booleans(),
    pass_base=st.sampled_from(list(PassBase)),
    exclude_excused_absent=st.booleans(),
)


@given(st.lists(attendees, max_size=30))
def test_every_person_is_counted_once(people):
    """Decision 1–2: the buckets partition the full members; totals add up."""
    c = attendance_counts(people)
    buckets = (
        c.full_present
        + c.full_suspended
        + c.full_absent_exempt
        + c.full_absent_elsewhere
        + c.full_absent_excused
        + c.full_absent_unexcused
    )
    assert buckets == c.full
    assert c.full + c.probationary == c.listed == len(people) - c.guests
    assert c.present + c.absent_with_reason + c.absent_without_reason == c.listed


@given(st.lists(attendees, max_size=30), settings)
def test_adding_a_present_member_never_breaks_quorum(people, rule):
    """Decision 3: one more full member present never turns a valid session invalid."""
    before = quorum(attendance_counts(people), rule)
    after = quorum(attendance_counts([*people, PRESENT]), rule)
    assert after.valid or not before.valid
    assert after.present == before.present + 1
    assert after.denominator == before.denominator + 1


@given(
    st.lists(attendees, max_size=30), settings, st.sampled_from([EXEMPT_ABSENT, ELSEWHERE_ABSENT])
)
def test_absent_exempt_members_never_change_the_result(people, rule, extra):
    """QĐ 24 point 9.3.2: exempt or elsewhere-registered members who stay away change neither
    who is required nor whether the session is valid."""
    before = quorum(attendance_counts(people), rule)
    after = quorum(attendance_counts([*people, extra]), rule)
    assert (after.valid, after.required, after.denominator) == (
        before.valid,
        before.required,
        before.denominator,
    )


@given(st.lists(attendees, max_size=30), settings)
def test_guests_never_change_anything(people, rule):
    """Guests are not members of the body (issue 8, item 2)."""
    assert quorum(attendance_counts(people), rule) == quorum(
        attendance_counts([*people, GUEST, GUEST]), rule
    )


@given(st.integers(1, 60), st.data())
def test_required_is_the_least_that_suffices(total, data):
    """Decision 5: ``required`` present is valid, one fewer is not."""
    rule = data.draw(settings)

    def session(present: int) -> AttendanceCounts:
        return attendance_counts([PRESENT] * present + [UNEXCUSED] * (total - present))

    needed = quorum(session(0), rule).required
    assert 1 <= needed <= total
    assert quorum(session(needed), rule).valid
    assert not quorum(session(needed - 1), rule).valid


@given(st.integers(1, 40), st.data())
def test_a_passed_vote_has_more_for_than_against(total, data):
    """Điều 9 khoản 5: more than half approving means more for than against; more votes for
    never undo a pass."""
    present = data.draw(st.integers(0, total))
    for_ = data.draw(st.integers(0, present))
    against = data.draw(st.integers(0, present - for_))
    counts = cell(present, total - present)
    result = vote_result(for_, against, 0, counts)
    if result.passed:
        assert for_ > against and for_ * 2 > total
        if for_ + against < present:
            assert vote_result(for_ + 1, against, 0, counts).passed
    if for_ == against:
        assert not result.passed


# --- Duration (HD 42-HD/BTCTW, 28/10/2025; decision 8) -----------------------------------------

START = dt.datetime(2025, 11, 14, 14, 0)


def minutes(n: float) -> dt.datetime:
    return START + dt.timedelta(minutes=n)


def test_regular_cell_meeting_lasts_at_least_90_minutes():
    """HD 42: thời lượng sinh hoạt chi bộ tối thiểu 90 phút."""
    assert duration_problem(MeetingKind.CELL_REGULAR, START, minutes(90)) is None
    problem = duration_problem(MeetingKind.CELL_REGULAR, START, minutes(89 + 59 / 60))
    assert problem is not None and problem.code == "too_short" and problem.field == "end"
    assert problem.message == (
        "Buổi sinh hoạt chi bộ kéo dài 89 phút, ít hơn thời lượng tối thiểu 90 phút. "
        "Ghi đúng giờ kết thúc hoặc giải trình trong biên bản."
    )
    assert "42-HD/BTCTW" in problem.citation
    assert duration_problem(MeetingKind.CELL_THEMATIC, START, minutes(90)) is None
    assert duration_problem(MeetingKind.CELL_THEMATIC, START, minutes(80)) is not None


def test_combined_with_thematic_lasts_at_least_120_minutes():
    """HD 42: sinh hoạt chuyên đề và thường kỳ trong cùng một buổi — tối thiểu 120 phút."""
    assert duration_problem(MeetingKind.CELL_REGULAR, START, minutes(120), True) is None
    problem = duration_problem(MeetingKind.CELL_REGULAR, START, minutes(119), True)
    assert problem is not None
    assert "tối thiểu 120 phút (buổi sinh hoạt thường kỳ kết hợp chuyên đề)." in problem.message
    assert required_minutes(MeetingKind.CELL_THEMATIC, True) == 120


def test_other_kinds_have_no_minimum():
    """Decision 8: HD 42 is about cell meetings only."""
    for kind in MeetingKind:
        if not kind.is_cell:
            assert required_minutes(kind) is None
            assert duration_problem(kind, START, minutes(30)) is None


def test_end_must_follow_start_for_every_kind():
    for kind in (MeetingKind.CELL_REGULAR, MeetingKind.STUDY):
        problem = duration_problem(kind, START, START)
        assert problem is not None and problem.code == "end_before_start"
        assert problem.message == (
            "Giờ kết thúc (14:00 ngày 14/11/2025) phải sau giờ bắt đầu (14:00 ngày 14/11/2025); "
            "sửa lại giờ kết thúc."
        )


def test_small_cells_can_get_other_minutes():
    """HD 42: for cells with few members the competent committee sets the figures."""
    small = DurationSettings(regular_minutes=60, combined_minutes=90)
    assert duration_problem(MeetingKind.CELL_REGULAR, START, minutes(60), settings=small) is None
    with pytest.raises(ValueError, match="Thời lượng tối thiểu"):
        DurationSettings(regular_minutes=0)
    with pytest.raises(ValueError):
        DurationSettings(regular_minutes=120, combined_minutes=90)


# --- Documents ahead (HD 42: ít nhất 01 ngày trước; decision 9) --------------------------------


def test_documents_published_at_least_one_day_ahead():
    assert documents_deadline(START) == dt.datetime(2025, 11, 13, 14, 0)
    assert documents_late(START, dt.datetime(2025, 11, 13, 14, 0)) is None  # exactly 24 h
    assert documents_late(START, dt.datetime(2025, 11, 10, 8, 0)) is None
    late = documents_late(START, dt.datetime(2025, 11, 13, 14, 1))
    assert late is not None and late.code == "documents_late" and late.field == "documents"
    assert late.message == (
        "Tài liệu được đăng lúc 14:01 ngày 13/11/2025, muộn hơn hạn 14:00 ngày 13/11/2025 "
        "(ít nhất 01 ngày trước buổi họp)."
    )
    after = documents_late(START, minutes(10))
    assert after is not None and after.code == "documents_late"
    missing = documents_late(START, None)
    assert missing is not None and missing.code == "documents_not_published"
    assert "cần đăng trước 14:00 ngày 13/11/2025" in missing.message
    assert "42-HD/BTCTW" in missing.citation


def test_documents_lead_is_a_setting():
    three_days = DocumentSettings(lead=dt.timedelta(days=3))
    assert documents_late(START, dt.datetime(2025, 11, 12, 9, 0), three_days) is not None
    assert documents_late(START, dt.datetime(2025, 11, 11, 14, 0), three_days) is None


# --- A meeting with no agenda (Done when; HD 42; decision 10) ---------------------------------


def test_meeting_without_agenda():
    """It cannot be announced, but its attendance, quorum and length are judged as usual."""
    problem = agenda_problem(0)
    assert problem is not None and (problem.code, problem.field) == ("no_agenda", "agenda")
    assert "thêm ít nhất một nội dung" in problem.message
    assert agenda_problem(1) is None
    assert quorum(cell(2, 1)).valid
    assert duration_problem(MeetingKind.CELL_REGULAR, START, minutes(60)) is not None


# --- Compliance board (Điều 24 khoản 2: chi bộ họp thường lệ mỗi tháng một lần; decision 11) --

YEAR = 2023
REG, THEM, STUDY = MeetingKind.CELL_REGULAR, MeetingKind.CELL_THEMATIC, MeetingKind.STUDY


def statuses(rows):
    return {row.month: row.status for row in rows}


def test_a_year_with_one_missed_month_and_one_too_short():
    """The demo's cell that missed a month (issue 8, item 8), seen on the board."""
    meetings = [(m, 95, "cell_regular") for m in range(1, 13) if m not in (5, 8)]
    meetings.append((8, 75, "cell_regular"))
    rows = compliance(meetings, YEAR, today=dt.date(2024, 1, 15))
    assert statuses(rows) == {
        **dict.fromkeys(range(1, 13), ComplianceStatus.HELD),
        5: ComplianceStatus.MISSED,
        8: ComplianceStatus.TOO_SHORT,
    }
    may, august = rows[4], rows[7]
    assert may.message == (
        "Tháng 05/2023: chi bộ không sinh hoạt thường kỳ (chi bộ họp mỗi tháng một lần)."
    )
    assert (may.meetings, may.longest_minutes, may.citation) == (
        0,
        None,
        "Điều lệ Đảng, Điều 24 khoản 2",
    )
    assert august.message == (
        "Tháng 08/2023: có sinh hoạt nhưng chỉ 75 phút, dưới thời lượng tối thiểu 90 phút."
    )
    assert rows[0].message == "Tháng 01/2023: đã sinh hoạt (95 phút)."
    assert compliance_totals(rows) == {
        ComplianceStatus.HELD: 10,
        ComplianceStatus.TOO_SHORT: 1,
        ComplianceStatus.MISSED: 1,
        ComplianceStatus.FUTURE: 0,
    }


def test_months_not_over_are_future():
    """A month is missed only once it is over; the current month may still meet."""
    meetings = [HeldMeeting(1, 100, REG), HeldMeeting(3, 90, REG)]
    rows = compliance(meetings, YEAR, range(1, 5), today=dt.date(2023, 3, 31))
    assert statuses(rows) == {
        1: ComplianceStatus.HELD,
        2: ComplianceStatus.MISSED,
        3: ComplianceStatus.HELD,
        4: ComplianceStatus.FUTURE,
    }
    assert rows[3].message == "Tháng 04/2023: chưa đến hạn."
    today_is_last_day = compliance([], YEAR, [3], today=dt.date(2023, 3, 31))
    assert today_is_last_day[0].status is ComplianceStatus.FUTURE
    next_day = compliance([], YEAR, [3], today=dt.date(2023, 4, 1))
    assert next_day[0].status is ComplianceStatus.MISSED


def test_combined_and_thematic_sessions():
    """HD 42: a combined session is the month's regular meeting and needs 120 minutes; a
    standalone thematic meeting does not replace the regular one; other kinds are ignored."""
    meetings = [
        HeldMeeting(1, 125, THEM, combined_thematic=True),
        HeldMeeting(2, 100, REG, combined_thematic=True),
        HeldMeeting(3, 150, THEM),
        HeldMeeting(4, 200, STUDY),
        HeldMeeting(5, 60, REG),
        HeldMeeting(5, 95, REG),
    ]
    rows = compliance(meetings, YEAR, range(1, 6), today=dt.date(2023, 12, 31))
    assert statuses(rows) == {
        1: ComplianceStatus.HELD,
        2: ComplianceStatus.TOO_SHORT,
        3: ComplianceStatus.MISSED,
        4: ComplianceStatus.MISSED,
        5: ComplianceStatus.HELD,
    }
    assert "dưới thời lượng tối thiểu 120 phút" in rows[1].message
    assert (rows[4].meetings, rows[4].longest_minutes) == (2, 95)


def test_compliance_uses_the_duration_settings():
    small = DurationSettings(regular_minutes=60, combined_minutes=90)
    rows = compliance(
        [(1, 60, "cell_regular"), (2, 90, "cell_regular", True)],
        YEAR,
        [1, 2],
        today=dt.date(2024, 1, 1),
        settings=small,
    )
    assert statuses(rows) == {1: ComplianceStatus.HELD, 2: ComplianceStatus.HELD}


def test_compliance_refuses_bad_months_and_durations():
    with pytest.raises(ValueError, match="Tháng phải từ 1 đến 12"):
        compliance([], YEAR, [13], today=dt.date(2024, 1, 1))
    with pytest.raises(ValueError, match="Tháng phải từ 1 đến 12"):
        compliance([(0, 90, "cell_regular")], YEAR, today=dt.date(2024, 1, 1))
    with pytest.raises(ValueError, match="không được âm"):
        HeldMeeting(1, -5, REG)
    with pytest.raises(ValueError):
        compliance([(1, 90, "not_a_kind")], YEAR, today=dt.date(2024, 1, 1))


def test_denominator_helper_matches_quorum():
    counts = cell(3, 2, EXEMPT_ABSENT, SUSPENDED_PRESENT)
    assert denominator(counts) == quorum(counts).denominator == 5
