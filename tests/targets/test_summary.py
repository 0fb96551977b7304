"""targets/summary.py — the Vietnamese summary sentence of a checkpoint (issue 3): generated from
the counts, usual category order, zero categories left out, full sentences for 0, 1 and
all-in-one-category cases. No database."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.targets.rules import Status
from dangbo.targets.summary import count_statuses, summary_sentence

EXCEEDED, MET, NOT_MET, NOT_STARTED = (
    Status.EXCEEDED,
    Status.MET,
    Status.NOT_MET,
    Status.NOT_STARTED,
)

ISSUE_EXAMPLE = (
    "Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu, "
    "chưa thực hiện 3 chỉ tiêu, có 3 chỉ tiêu chưa đạt."
)


def test_issue3_example_sentence_reads_exactly():
    counts = {EXCEEDED: 4, MET: 3, NOT_STARTED: 3, NOT_MET: 3}
    assert summary_sentence(counts) == ISSUE_EXAMPLE


def test_issue3_example_from_statuses_of_thirteen_targets():
    statuses = [EXCEEDED] * 2 + [MET] * 5 + [NOT_MET] * 3 + [NOT_STARTED] * 3
    assert summary_sentence(count_statuses(statuses)) == ISSUE_EXAMPLE


def test_issue3_met_and_exceeded_are_counted_together():
    for exceeded in range(8):
        counts = {EXCEEDED: exceeded, MET: 7 - exceeded, NOT_STARTED: 3, NOT_MET: 3}
        assert summary_sentence(counts) == ISSUE_EXAMPLE


def test_issue3_category_order_does_not_depend_on_the_mapping_order():
    counts = {NOT_MET: 3, NOT_STARTED: 3, MET: 7}
    assert summary_sentence(counts) == ISSUE_EXAMPLE


def test_issue3_no_targets_gives_a_full_sentence():
    assert summary_sentence({}) == "Chưa có chỉ tiêu chủ yếu nào để đánh giá."
    assert summary_sentence({s: 0 for s in Status}) == "Chưa có chỉ tiêu chủ yếu nào để đánh giá."


@pytest.mark.parametrize(
    ("status", "ending"),
    [
        (EXCEEDED, "chỉ tiêu này đạt và vượt."),
        (MET, "chỉ tiêu này đạt và vượt."),
        (NOT_STARTED, "chỉ tiêu này chưa thực hiện."),
        (NOT_MET, "chỉ tiêu này chưa đạt."),
    ],
)
def test_issue3_one_target_gives_a_singular_sentence(status, ending):
    assert summary_sentence({status: 1}) == f"Lãnh đạo thực hiện 1 chỉ tiêu chủ yếu, {ending}"


@pytest.mark.parametrize(
    ("counts", "ending"),
    [
        ({EXCEEDED: 5}, "cả 5 chỉ tiêu đều đạt và vượt."),
        ({EXCEEDED: 2, MET: 3}, "cả 5 chỉ tiêu đều đạt và vượt."),
        ({NOT_STARTED: 5}, "cả 5 chỉ tiêu đều chưa thực hiện."),
        ({NOT_MET: 5, MET: 0}, "cả 5 chỉ tiêu đều chưa đạt."),
    ],
)
def test_issue3_all_in_one_category(counts, ending):
    assert summary_sentence(counts) == f"Lãnh đạo thực hiện 5 chỉ tiêu chủ yếu, {ending}"


@pytest.mark.parametrize(
    ("counts", "rest"),
    [
        ({MET: 10, NOT_MET: 3}, "thực hiện đạt và vượt 10 chỉ tiêu, có 3 chỉ tiêu chưa đạt."),
        (
            {MET: 10, NOT_STARTED: 3},
            "thực hiện đạt và vượt 10 chỉ tiêu, chưa thực hiện 3 chỉ tiêu.",
        ),
        ({NOT_MET: 1, NOT_STARTED: 12}, "chưa thực hiện 12 chỉ tiêu, có 1 chỉ tiêu chưa đạt."),
    ],
)
def test_issue3_two_categories_zero_one_left_out(counts, rest):
    assert summary_sentence(counts) == f"Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó {rest}"


def test_issue3_split_exceeded_counts_vuot_and_dat_apart():
    counts = {EXCEEDED: 4, MET: 3, NOT_STARTED: 3, NOT_MET: 3}
    assert summary_sentence(counts, split_exceeded=True) == (
        "Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện vượt 4 chỉ tiêu, "
        "đạt 3 chỉ tiêu, chưa thực hiện 3 chỉ tiêu, có 3 chỉ tiêu chưa đạt."
    )


def test_issue3_split_exceeded_without_exceeded_opens_with_thuc_hien_dat():
    counts = {MET: 3, NOT_MET: 2}
    assert summary_sentence(counts, split_exceeded=True) == (
        "Lãnh đạo thực hiện 5 chỉ tiêu chủ yếu, trong đó thực hiện đạt 3 chỉ tiêu, "
        "có 2 chỉ tiêu chưa đạt."
    )


def test_issue3_split_exceeded_single_and_all_in_one():
    opening = "Lãnh đạo thực hiện"
    assert summary_sentence({EXCEEDED: 1}, split_exceeded=True) == (
        f"{opening} 1 chỉ tiêu chủ yếu, chỉ tiêu này vượt kế hoạch."
    )
    assert summary_sentence({MET: 4}, split_exceeded=True) == (
        f"{opening} 4 chỉ tiêu chủ yếu, cả 4 chỉ tiêu đều đạt kế hoạch."
    )
    assert summary_sentence({EXCEEDED: 2, MET: 2}, split_exceeded=True) == (
        f"{opening} 4 chỉ tiêu chủ yếu, trong đó thực hiện vượt 2 chỉ tiêu, đạt 2 chỉ tiêu."
    )


def test_issue3_subject_and_noun_can_be_changed_for_a_cell():
    counts = {MET: 2, NOT_MET: 1}
    assert summary_sentence(counts, subject="Chi bộ thực hiện", noun="chỉ tiêu") == (
        "Chi bộ thực hiện 3 chỉ tiêu, trong đó thực hiện đạt và vượt 2 chỉ tiêu, "
        "có 1 chỉ tiêu chưa đạt."
    )
    assert summary_sentence({}, noun="chỉ tiêu") == "Chưa có chỉ tiêu nào để đánh giá."


def test_issue3_counts_accept_stored_status_strings_and_refuse_negatives():
    assert summary_sentence({"met": 7, "not_started": 3, "not_met": 3}) == ISSUE_EXAMPLE  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        summary_sentence({MET: 3, NOT_MET: -1})


def test_count_statuses_lists_every_status():
    assert count_statuses([]) == {s: 0 for s in Status}
    assert count_statuses(["met", MET, NOT_MET]) == {
        EXCEEDED: 0,
        MET: 2,
        NOT_MET: 1,
        NOT_STARTED: 0,
    }
    with pytest.raises(ValueError):
        count_statuses(["done"])


def test_sentence_is_nfc_vietnamese():
    sentence = summary_sentence({EXCEEDED: 1, NOT_STARTED: 1, NOT_MET: 1}, split_exceeded=True)
    assert unicodedata.is_normalized("NFC", sentence)


PHRASES = {"achieved": "đạt và vượt", "not_started": "chưa thực hiện", "not_met": "chưa đạt"}


@given(
    exceeded=st.integers(0, 60),
    met=st.integers(0, 60),
    not_met=st.integers(0, 60),
    not_started=st.integers(0, 60),
)
def test_issue3_property_numbers_sum_to_total_and_zero_categories_never_appear(
    exceeded, met, not_met, not_started
):
    counts = {EXCEEDED: exceeded, MET: met, NOT_MET: not_met, NOT_STARTED: not_started}
    sentence = summary_sentence(counts)
    total = exceeded + met + not_met + not_started
    numbers = [int(n) for n in re.findall(r"\d+", sentence)]
    assert sentence.endswith(".") and sentence[0].isupper()
    if total == 0:
        assert numbers == []
        return
    assert numbers[0] == total
    if total == 1:
        assert numbers == [1]
    else:
        assert sum(numbers[1:]) == total
    assert 0 not in numbers
    present = {
        "achieved": exceeded + met,
        "not_started": not_started,
        "not_met": not_met,
    }
    for key, count in present.items():
        assert (PHRASES[key] in sentence) == (count > 0)
    if total > 1 and sum(1 for c in present.values() if c) > 1:
        positions = [sentence.index(PHRASES[k]) for k, c in present.items() if c]
        assert positions == sorted(positions)  # usual order: đạt và vượt, chưa thực hiện, chưa đạt


@given(
    exceeded=st.integers(0, 60),
    met=st.integers(0, 60),
    not_met=st.integers(0, 60),
    not_started=st.integers(0, 60),
)
def test_issue3_property_split_numbers_sum_to_total(exceeded, met, not_met, not_started):
    counts = {EXCEEDED: exceeded, MET: met, NOT_MET: not_met, NOT_STARTED: not_started}
    numbers = [int(n) for n in re.findall(r"\d+", summary_sentence(counts, split_exceeded=True))]
    total = exceeded + met + not_met + not_started
    if total > 1:
        assert numbers[0] == total and sum(numbers[1:]) == total
        assert 0 not in numbers
