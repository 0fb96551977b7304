"""members/rules.py — probation (Party Charter Art. 5: 12 months), card and dossier formats
(domain-rules §6 [G3,G4]), date consistency (Charter Art. 1: admission from age 18)."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from dangbo.members import rules

D = dt.date


def test_charter_art5_probation_is_twelve_months():
    assert rules.probation_ends_on(D(2025, 3, 15)) == D(2026, 3, 15)
    assert rules.probation_ends_on(D(2024, 2, 29)) == D(2025, 2, 28)


def test_charter_art5_due_within_window_and_overdue_included():
    today = D(2026, 11, 23)
    assert rules.probation_due(D(2025, 12, 20), "probationary", today, 60)  # ends 20/12/2026
    assert rules.probation_due(D(2025, 6, 1), "probationary", today, 60)  # overdue
    assert not rules.probation_due(D(2026, 3, 1), "probationary", today, 60)  # ends 03/2027
    assert not rules.probation_due(D(2025, 12, 20), "full", today, 60)


@given(
    st.dates(min_value=D(1950, 1, 1), max_value=D(2030, 1, 1)),
    st.dates(min_value=D(1951, 1, 1), max_value=D(2031, 1, 1)),
    st.integers(0, 400),
)
@example(D(2024, 2, 29), D(2024, 12, 30), 60)  # issue 7 defect 5: due, and in the SQL window
def test_sql_window_agrees_with_rule(admitted, today, within):
    in_window = admitted <= rules.admitted_window_for_due(today, within)
    assert in_window == rules.probation_due(admitted, "probationary", today, within)


def test_issue7_defect5_leap_day_admission_is_in_the_due_list_window():
    today = D(2024, 12, 30)
    assert rules.probation_due(D(2024, 2, 29), "probationary", today, 60)
    assert rules.admitted_window_for_due(today, 60) == D(2024, 2, 29)


def test_G3_card_number_is_eight_digits():
    assert rules.valid_card_number("01234567")
    assert not rules.valid_card_number("1234567")
    assert not rules.valid_card_number("12345678a")


def test_G3_dossier_number_six_digits_and_province_code():
    assert rules.valid_dossier_number("012345HN")
    assert rules.valid_dossier_number("123456ĐN")
    assert not rules.valid_dossier_number("12345HN")
    assert not rules.valid_dossier_number("123456")


def test_charter_art1_admission_from_age_18_and_date_order():
    problems = rules.date_problems(
        date_of_birth=D(2000, 6, 1), admitted_on=D(2017, 6, 1), full_on=D(2016, 1, 1),
        today=D(2026, 1, 1),
    )  # fmt: skip
    fields = [f for f, _ in problems]
    assert fields == ["admitted_on", "full_on"]
    assert rules.date_problems(
        date_of_birth=D(1980, 1, 1), admitted_on=D(2005, 1, 1), full_on=D(2006, 1, 1),
        today=D(2026, 1, 1),
    ) == []  # fmt: skip


def test_position_text_rank_only_in_military_units():
    # Issue #2 item 5: military rank where the hospital is military ("Đại tá").
    assert rules.position_text("Đại tá", "BS CKII", "Trưởng khoa", True) == (
        "Đại tá, BS CKII — Trưởng khoa"
    )
    assert rules.position_text("Đại tá", "BS CKII", "Trưởng khoa", False) == "BS CKII — Trưởng khoa"
    assert rules.position_text("", "", "Điều dưỡng trưởng", False) == "Điều dưỡng trưởng"
    assert rules.position_text("", "Dược sĩ", "", False) == "Dược sĩ"
    assert rules.position_text("", "", "", True) == ""


@given(st.text(min_size=0, max_size=14))
def test_masking_shows_only_the_last_three_characters(value):
    # Issue #2 item 5: card and citizen-ID numbers are masked in lists.
    masked = rules.mask(value)
    assert len(masked) == len(value)
    assert masked[-3:] == value[-3:]
    assert set(masked[:-3]) <= {"•"}
