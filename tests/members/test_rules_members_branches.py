"""members/rules.py — date consistency: no date in the future (a member's dates are facts that
have happened), admission from age 18 (Charter Art. 1)."""

from __future__ import annotations

import datetime as dt

from dangbo.members import rules

D = dt.date
TODAY = D(2026, 1, 1)


def test_birth_and_admission_dates_cannot_be_in_the_future():
    problems = rules.date_problems(
        date_of_birth=D(2026, 1, 2), admitted_on=D(2026, 6, 1), full_on=None, today=TODAY
    )
    assert ("date_of_birth", "Ngày sinh ở tương lai.") in problems
    assert ("admitted_on", "Ngày vào Đảng ở tương lai.") in problems


def test_today_is_not_the_future():
    assert rules.date_problems(
        date_of_birth=D(1980, 1, 1), admitted_on=TODAY, full_on=None, today=TODAY
    ) == []  # fmt: skip


def test_future_admission_alone_is_reported_once():
    assert rules.date_problems(
        date_of_birth=D(1980, 1, 1), admitted_on=D(2026, 1, 2), full_on=None, today=TODAY
    ) == [("admitted_on", "Ngày vào Đảng ở tương lai.")]  # fmt: skip
