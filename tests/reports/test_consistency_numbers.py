"""Vietnamese numbers and sentence splitting of the consistency check (issue 10 item 4: leading
zeros "05", dot thousands "1.250", comma decimals "16,19%", approximate words), with property
tests: any integer or share written the Vietnamese way reads back."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.reports.consistency.numbers import (
    Quantity,
    format_decimal,
    format_int,
    matches,
    ratio_text,
    read_number,
)
from dangbo.reports.consistency.sentences import split


@pytest.mark.parametrize(
    ("text", "value"),
    [("05", 5), ("261", 261), ("1.250", 1250), ("16,19", Fraction(1619, 100)),
     ("1.250,5", Fraction(2501, 2)), ("0", 0)],
)  # fmt: skip
def test_read_number(text, value):
    assert read_number(text) == value


@pytest.mark.parametrize("text", ["", "1,2,3", "abc", "1 250"])
def test_read_number_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError, match="Vietnamese"):
        read_number(text)


def test_format_int_and_ratio():
    assert format_int(1250) == "1.250" and format_int(5, zero_pad=True) == "05"
    assert format_int(-1234567) == "-1.234.567"
    assert ratio_text(256, 261) == "256/261 = 98,1%" and ratio_text(0, 0) == "0/0"


@given(st.integers(min_value=0, max_value=10**12), st.booleans())
def test_any_integer_written_the_vietnamese_way_reads_back(n, zero_pad):
    assert read_number(format_int(n, zero_pad=zero_pad)) == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**4),
       st.integers(min_value=0, max_value=3))  # fmt: skip
def test_any_share_written_with_a_decimal_comma_reads_back_within_rounding(part, whole, places):
    exact = Fraction(100 * part, whole)
    text = format_decimal(exact, places)
    assert abs(read_number(text) - exact) <= Fraction(1, 2 * 10**places)
    stated = Quantity(read_number(text), text + "%", percent=True, places=places)
    assert matches(stated, exact) or exact in (0, 100) or read_number(text) in (0, 100)


def test_quantity_count():
    assert Quantity(Fraction(5), "05").count == 5
    assert Quantity(Fraction(5), "5%", percent=True).count is None
    assert Quantity(Fraction(11, 2), "5,5").count is None


def test_sentences_keep_their_offsets():
    text = "  Tổng số 1.250 đảng viên. Trong đó 16,19% mới… hết!\n\nTP. Hà Đông. ok. x  \n"
    parts = split(text)
    assert [p.text for p in parts] == [
        "Tổng số 1.250 đảng viên.",
        "Trong đó 16,19% mới… hết!",
        "TP.",
        "Hà Đông. ok. x",
    ]
    assert all(text[p.start : p.end] == p.text for p in parts)
    assert split("") == [] and split("   \n \t\n") == []
