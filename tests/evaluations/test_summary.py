"""evaluations.summary: the statistics rows and the summary sentence (issue 9, item 5).

The figures are those of seed 003 (the 2021 review of Đảng bộ Bệnh viện Đa khoa Hà Đông, 33
cells and 261 members): cells 7 / 22 / 4, members 51 / 205 / 5, the leadership collective rated
excellent."""

from __future__ import annotations

from fractions import Fraction

import pytest

from dangbo.evaluations.rulesets.base import Level
from dangbo.evaluations.summary import (
    COMPLETED_OR_ABOVE,
    GOOD_OR_ABOVE,
    NO_RESULT,
    LevelCounts,
    cumulative_rows,
    exclusive_rows,
    format_percent,
    level_clauses,
    percent_text,
    share,
    summary_sentence,
    total,
)

CELLS_2021 = LevelCounts(excellent=7, good=22, completed=4)
MEMBERS_2021 = LevelCounts(excellent=51, good=205, completed=5)


def test_seed_003_sentence_in_the_issue_form():
    # issue 9, item 5 and seed 003: the sentence of the 2021 year-end report, generated from
    # the counts (the seed's "22 chi bộ hoàn thành nhiệm vụ" slip is not reproduced)
    assert summary_sentence(CELLS_2021, MEMBERS_2021) == (
        "7 chi bộ hoàn thành xuất sắc nhiệm vụ, 22 chi bộ hoàn thành tốt nhiệm vụ, "
        "4 chi bộ hoàn thành nhiệm vụ; 51 đảng viên hoàn thành xuất sắc nhiệm vụ, "
        "205 đảng viên hoàn thành tốt nhiệm vụ, 5 đảng viên hoàn thành nhiệm vụ"
    )


def test_seed_003_zero_padded_and_with_the_collective():
    # seed 003 writes "04 chi bộ", "05 đảng viên" and closes with the leadership collective
    sentence = summary_sentence(CELLS_2021, MEMBERS_2021, collective=Level.EXCELLENT, zero_pad=True)
    assert sentence == (
        "07 chi bộ hoàn thành xuất sắc nhiệm vụ, 22 chi bộ hoàn thành tốt nhiệm vụ, "
        "04 chi bộ hoàn thành nhiệm vụ; 51 đảng viên hoàn thành xuất sắc nhiệm vụ, "
        "205 đảng viên hoàn thành tốt nhiệm vụ, 05 đảng viên hoàn thành nhiệm vụ; "
        "Tập thể lãnh đạo, quản lý hoàn thành xuất sắc nhiệm vụ"
    )
    # the seed's false claim "100% đảng viên … Hoàn thành Tốt nhiệm vụ" cannot come out
    assert "100%" not in sentence


def test_zero_levels_left_out_and_not_completed_included():
    members = LevelCounts(excellent=0, good=10, completed=0, not_completed=2, not_rated=3)
    assert summary_sentence(None, members) == (
        "10 đảng viên hoàn thành tốt nhiệm vụ, 2 đảng viên không hoàn thành nhiệm vụ"
    )
    # cells only; a collective given by its stored value
    assert summary_sentence(LevelCounts(good=3), LevelCounts(), collective="httnv") == (
        "3 chi bộ hoàn thành tốt nhiệm vụ; Tập thể lãnh đạo, quản lý hoàn thành tốt nhiệm vụ"
    )


def test_nothing_rated():
    assert summary_sentence(None, None) == NO_RESULT
    assert summary_sentence(LevelCounts(not_rated=2, pending=5), LevelCounts()) == NO_RESULT


def test_level_clauses():
    assert level_clauses(LevelCounts(not_completed=1), "chi bộ", zero_pad=True) == [
        "01 chi bộ không hoàn thành nhiệm vụ"
    ]
    assert level_clauses(LevelCounts(), "chi bộ") == []


def test_exclusive_rows_of_the_2021_members():
    # issue 9, item 5: exclusive — each level once, count and share of those rated
    rows = exclusive_rows(MEMBERS_2021)
    assert [(r.key, r.count, r.percent_text) for r in rows] == [
        ("htxsnv", 51, "19,5%"),  # 51 / 261 = 19,54…
        ("httnv", 205, "78,5%"),  # 78,54…
        ("htnv", 5, "1,9%"),  # 1,91…
        ("khtnv", 0, "0,0%"),
    ]
    assert all(r.base == 261 and not r.cumulative for r in rows)
    assert rows[0].percent == Fraction(5100, 261)  # exact, rounded only when written
    assert rows[0].label == "Hoàn thành xuất sắc nhiệm vụ"


def test_cumulative_rows_of_the_2021_cells():
    # issue 9, item 5: cumulative — "hoàn thành tốt nhiệm vụ trở lên" = excellent + good
    rows = cumulative_rows(CELLS_2021)
    assert [(r.key, r.count, r.percent_text, r.cumulative) for r in rows] == [
        (GOOD_OR_ABOVE, 29, "87,9%", True),  # 29 / 33 = 87,87…
        (COMPLETED_OR_ABOVE, 33, "100,0%", True),
    ]
    assert rows[0].label == "Hoàn thành tốt nhiệm vụ trở lên"


def test_rows_with_nobody_rated_show_a_dash():
    rows = exclusive_rows(LevelCounts(not_rated=4))
    assert {r.percent_text for r in rows} == {"—"}
    assert all(r.percent is None for r in rows)


def test_counts_arithmetic():
    counts = LevelCounts.from_levels(
        {"htxsnv": 1, Level.GOOD.value: 2, "htnv": 3, "khtnv": 4}, not_rated=5, pending=6
    )
    assert (counts.rated, counts.listed) == (10, 21)
    assert (counts.good_or_above, counts.completed_or_above) == (3, 6)
    assert LevelCounts.from_levels({}) == LevelCounts()
    assert total([counts, counts]) == LevelCounts(2, 4, 6, 8, 10, 12)
    assert total([]) == LevelCounts()
    assert counts.count(Level.NOT_COMPLETED) == 4


@pytest.mark.parametrize(
    "value,places,text",
    [
        (Fraction(5100, 256), 1, "19,9%"),  # domain-rules decision 2: 51 / 256 = 19,9%
        (Fraction(5100, 205), 1, "24,9%"),  # 51 / 205 = 24,87…
        (Fraction(1, 20), 1, "0,1%"),  # 0,05 rounds half up
        (Fraction(0), 1, "0,0%"),
        (Fraction(100), 1, "100,0%"),
        (Fraction(200, 3), 2, "66,67%"),
        (Fraction(1, 2), 0, "1%"),
    ],
)
def test_format_percent(value, places, text):
    assert format_percent(value, places) == text


def test_share_and_percent_text():
    assert share(1, 0) is None
    assert share(1, 4) == 25
    assert percent_text(1, 3) == "33,3%"
    assert percent_text(0, 0) == "—"
