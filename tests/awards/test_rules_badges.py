"""Party-badge rules (issue 9, item 7), each citing Hướng dẫn 01-HD/TW (28/9/2021) as in
domain-rules §5: milestones, the early windows, the four presentation dates, the admission-date
ranges of the upcoming list. No database."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangbo.awards import rules
from dangbo.awards.rules import Circumstance

D = dt.date
# a shared, loaded machine: no deadline, no input-generation speed check
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
ADMISSION = st.dates(min_value=D(1930, 1, 1), max_value=D(2020, 12, 31))
MILESTONE = st.sampled_from(rules.BADGE_MILESTONES)
CIRCUMSTANCE = st.sampled_from(list(Circumstance))


def test_hd01_2021_milestones_are_30_40_then_every_5_years_to_90():
    """HD 01-HD/TW 2021: 30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90 năm tuổi Đảng."""
    assert rules.BADGE_MILESTONES == (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)


def test_hd01_2021_party_age_counts_from_the_admission_date():
    assert rules.anniversary(D(1995, 9, 2), 30) == D(2025, 9, 2)
    assert rules.eligible_on(D(1995, 9, 2), 30, Circumstance.NORMAL) == D(2025, 9, 2)


def test_anniversary_of_29_february_in_a_common_year_is_1_march():
    """Decision 1 of awards/rules: the 30 years are complete only at the end of 28/02."""
    assert rules.anniversary(D(1996, 2, 29), 30) == D(2026, 3, 1)
    assert rules.anniversary(D(1996, 2, 29), 40) == D(2036, 2, 29)


@pytest.mark.parametrize(
    ("years", "months"),
    [(30, 12), (40, 12), (65, 12), (70, 24), (75, 24), (90, 24)],
)
def test_hd01_2021_gravely_ill_members_up_to_12_months_early_for_30_65_and_24_for_70_90(
    years, months
):
    assert rules.early_months(years, Circumstance.GRAVELY_ILL) == months
    admitted = D(1950, 6, 15)
    assert rules.eligible_on(admitted, years, "gravely_ill") == rules.months_before(
        rules.anniversary(admitted, years), months
    )


@pytest.mark.parametrize("years", rules.BADGE_MILESTONES)
def test_hd01_2021_posthumous_award_up_to_12_months_early(years):
    assert rules.early_months(years, Circumstance.POSTHUMOUS) == 12
    assert rules.early_months(years, Circumstance.NORMAL) == 0


def test_eligible_on_refuses_a_year_that_is_not_a_milestone():
    with pytest.raises(ValueError, match="35"):
        rules.eligible_on(D(1990, 1, 1), 35, Circumstance.NORMAL)


def test_months_before_clamps_to_the_end_of_a_short_month():
    """Decision 2: 31/5 − 3 months is the last day of February."""
    assert rules.months_before(D(2024, 5, 31), 3) == D(2024, 2, 29)
    assert rules.months_before(D(2025, 5, 31), 3) == D(2025, 2, 28)
    assert rules.months_before(D(2025, 1, 15), 24) == D(2023, 1, 15)


@pytest.mark.parametrize(
    ("eligible", "presented"),
    [
        (D(2026, 1, 10), D(2026, 2, 3)),
        (D(2026, 2, 3), D(2026, 2, 3)),  # on the day itself
        (D(2026, 2, 4), D(2026, 5, 19)),
        (D(2026, 5, 20), D(2026, 9, 2)),
        (D(2026, 9, 3), D(2026, 11, 7)),
        (D(2026, 11, 8), D(2027, 2, 3)),  # after 7/11: next year's 3/2
    ],
)
def test_hd01_2021_presented_on_3_2_19_5_2_9_or_7_11(eligible, presented):
    assert rules.presentation_date(eligible) == presented


def test_eligibility_window_of_a_presentation_year():
    assert rules.eligibility_window(2026) == (D(2025, 11, 8), D(2026, 11, 7))


def test_badge_problem_before_the_early_window_names_the_earliest_date_and_the_guide():
    """HD 01-HD/TW 2021: a 70-year badge for a gravely ill member, at most 24 months early."""
    admitted = D(1956, 6, 1)  # 70 years on 01/6/2026
    assert rules.badge_problem(admitted, 70, "gravely_ill", D(2024, 6, 1)) is None
    message = rules.badge_problem(admitted, 70, "gravely_ill", D(2024, 5, 31))
    assert message and "01/06/2024" in message and "01-HD/TW" in message
    assert rules.badge_problem(admitted, 70, "normal", D(2026, 5, 31)) is not None
    assert "35 năm" in rules.badge_problem(admitted, 35, "normal", D(2026, 5, 31))


def test_due_milestones_leaves_out_those_awarded():
    admitted = D(1996, 1, 10)
    start, end = rules.eligibility_window(2026)
    assert rules.due_milestones(admitted, [], start, end) == [30]
    assert rules.due_milestones(admitted, [30], start, end) == []


def test_upcoming_slots_cover_every_milestone_and_presentation_date():
    slots = rules.upcoming_slots(2026)
    assert {s.years for s in slots} == set(rules.BADGE_MILESTONES)
    assert {s.presented_on for s in slots} == {
        D(2026, 2, 3), D(2026, 5, 19), D(2026, 9, 2), D(2026, 11, 7)
    }  # fmt: skip
    thirty = [s for s in slots if s.years == 30]
    assert thirty[0].low == D(1995, 11, 8) and thirty[-1].high == D(1996, 11, 7)


# ---- property tests (HD 01-HD/TW 2021) -----------------------------------------------------------
@PROPERTY
@given(ADMISSION, ADMISSION, MILESTONE, CIRCUMSTANCE)
def test_hd01_2021_eligibility_is_monotone_in_the_admission_date(a, b, years, circumstance):
    """Admitted later ⇒ never eligible earlier."""
    early, late = min(a, b), max(a, b)
    assert rules.eligible_on(early, years, circumstance) <= rules.eligible_on(
        late, years, circumstance
    )


@PROPERTY
@given(ADMISSION, MILESTONE, CIRCUMSTANCE)
def test_hd01_2021_never_earlier_than_the_allowed_early_window(admitted, years, circumstance):
    """Never before the milestone less 12 (30–65, ill or posthumous) or 24 months (70–90, ill);
    never after the milestone; a normal award exactly at the milestone."""
    milestone = rules.anniversary(admitted, years)
    eligible = rules.eligible_on(admitted, years, circumstance)
    allowed = 24 if circumstance == "gravely_ill" and years >= 70 else 12
    if circumstance == "normal":
        assert eligible == milestone
    else:
        assert rules.months_before(milestone, allowed) == eligible
        assert (milestone - eligible).days <= 31 * allowed
    assert eligible <= milestone


@PROPERTY
@given(st.dates(min_value=D(1960, 1, 1), max_value=D(2090, 12, 31)))
def test_hd01_2021_presentation_is_the_first_of_the_four_dates_on_or_after(eligible):
    presented = rules.presentation_date(eligible)
    assert presented >= eligible
    assert (presented.month, presented.day) in rules.PRESENTATION_DAYS
    day = eligible
    while day < presented:  # no presentation date is skipped
        assert (day.month, day.day) not in rules.PRESENTATION_DAYS
        day += dt.timedelta(days=1)


@PROPERTY
@given(ADMISSION, st.integers(min_value=1990, max_value=2100))
def test_the_upcoming_ranges_are_exactly_the_members_presented_that_year(admitted, year):
    """The SQL ranges (``upcoming_slots``) agree with the rule member by member: a member is in
    a slot iff her regular milestone is presented in ``year``, on the slot's date."""
    slots = [s for s in rules.upcoming_slots(year) if s.low <= admitted <= s.high]
    expected = [
        (y, rules.presentation_date(rules.anniversary(admitted, y)))
        for y in rules.BADGE_MILESTONES
        if rules.presentation_date(rules.anniversary(admitted, y)).year == year
    ]
    assert [(s.years, s.presented_on) for s in slots] == expected


@PROPERTY
@given(ADMISSION, MILESTONE, st.dates(min_value=D(1960, 1, 1), max_value=D(2110, 12, 31)),
       st.integers(min_value=0, max_value=800))  # fmt: skip
def test_admitted_between_is_the_exact_preimage_of_a_window(admitted, years, start, length):
    end = start + dt.timedelta(days=length)
    low, high = rules.admitted_between(years, start, end)
    inside = start <= rules.anniversary(admitted, years) <= end
    assert inside is (low <= admitted <= high)


@pytest.mark.parametrize(
    ("years", "start", "end", "low", "high"),
    [
        (30, D(2026, 3, 1), D(2026, 3, 1), D(1996, 2, 29), D(1996, 3, 1)),  # 29/02 → 01/03
        (30, D(2028, 2, 29), D(2028, 2, 29), D(1998, 3, 1), D(1998, 2, 28)),  # nobody: empty
        (32, D(2028, 2, 29), D(2028, 2, 29), D(1996, 2, 29), D(1996, 2, 29)),
        (30, D(2026, 2, 28), D(2026, 2, 28), D(1996, 2, 28), D(1996, 2, 28)),
    ],
)
def test_admission_ranges_around_29_february(years, start, end, low, high):
    """Decision 1 of awards/rules: the ranges of the SQL query at the leap-day edges."""
    assert rules.admitted_between(years, start, end) == (low, high)
