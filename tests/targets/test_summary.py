"""targets/summary.py — the Vietnamese summary sentences (issue 3; issue 6, items 1–3).

Generated from the counts, usual category order, zero categories left out, full sentences for 0,
1 and all-in-one-category cases; "đạt và vượt" is always vượt + đạt; the forms COMBINED, SPLIT
and RATIO; the noun per target group; the superior's count of organizations; the percent of plan
and the excess of one value. The property tests parse the sentences back and compare every
number with the counts of the tables (``count_statuses``). No database."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangbo.targets.rules import (
    NOUN_WORDS,
    Achievement,
    Checkpoint,
    Direction,
    Kind,
    Noun,
    Status,
    TargetSpec,
    achievement,
)
from dangbo.targets.summary import (
    Form,
    count_statuses,
    organizations_sentence,
    result_phrase,
    summary_sentence,
)

EXCEEDED, MET, ON_TRACK, BEHIND, NOT_MET, NOT_STARTED, NO_DATA = (
    Status.EXCEEDED,
    Status.MET,
    Status.ON_TRACK,
    Status.BEHIND,
    Status.NOT_MET,
    Status.NOT_STARTED,
    Status.NO_DATA,
)
OPENING = "Lãnh đạo thực hiện"

ISSUE_EXAMPLE = (
    "Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu, "
    "chưa thực hiện 3 chỉ tiêu, có 3 chỉ tiêu chưa đạt."
)


# --- the published seed sentence (issue 3) ---------------------------------------------------


def test_issue3_example_sentence_reads_exactly():
    counts = {EXCEEDED: 4, MET: 3, NOT_STARTED: 3, NOT_MET: 3}
    assert summary_sentence(counts) == ISSUE_EXAMPLE
    assert summary_sentence(counts, form=Form.COMBINED) == ISSUE_EXAMPLE


def test_issue3_example_from_statuses_of_thirteen_targets():
    statuses = [EXCEEDED] * 2 + [MET] * 5 + [NOT_MET] * 3 + [NOT_STARTED] * 3
    assert summary_sentence(count_statuses(statuses)) == ISSUE_EXAMPLE


@pytest.mark.parametrize("exceeded", range(1, 7))
def test_issue6_item1_dat_va_vuot_is_the_sum_of_vuot_and_dat(exceeded):
    counts = {EXCEEDED: exceeded, MET: 7 - exceeded, NOT_STARTED: 3, NOT_MET: 3}
    assert summary_sentence(counts) == ISSUE_EXAMPLE


def test_issue3_category_order_does_not_depend_on_the_mapping_order():
    counts = {NOT_MET: 3, NOT_STARTED: 3, MET: 2, EXCEEDED: 5}
    assert summary_sentence(counts) == ISSUE_EXAMPLE


def test_issue3_counts_accept_stored_status_strings():
    counts = {"exceeded": 1, "met": 6, "not_started": 3, "not_met": 3}
    assert summary_sentence(counts) == ISSUE_EXAMPLE


# --- issue 6, item 2: the sentence follows the data (COMBINED) -------------------------------


def test_issue6_item2_defect_ten_exactly_met_targets_are_dat_not_dat_va_vuot():
    """Regression: "cả 10 chỉ tiêu đều đạt và vượt" for ten exactly met targets."""
    sentence = summary_sentence({MET: 10})
    assert sentence == "Lãnh đạo thực hiện 10 chỉ tiêu chủ yếu, cả 10 chỉ tiêu đều đạt."
    assert "vượt" not in sentence
    assert "vượt" not in summary_sentence(count_statuses([MET] * 10), form=Form.SPLIT)


@pytest.mark.parametrize(
    ("counts", "clause"),
    [
        ({EXCEEDED: 4, MET: 3}, "thực hiện đạt và vượt 7 chỉ tiêu"),
        ({EXCEEDED: 7}, "thực hiện vượt 7 chỉ tiêu"),
        ({MET: 7}, "thực hiện đạt 7 chỉ tiêu"),
    ],
)
def test_issue6_item2_combined_achieved_clause_follows_the_data(counts, clause):
    sentence = summary_sentence({**counts, NOT_STARTED: 3, NOT_MET: 3})
    assert sentence == (
        f"{OPENING} 13 chỉ tiêu chủ yếu, trong đó {clause}, chưa thực hiện 3 chỉ tiêu, "
        "có 3 chỉ tiêu chưa đạt."
    )


# --- issue 6, item 2: SPLIT ("đạt và vượt 7 (vượt 5, đạt 2)") ----------------------------------


@pytest.mark.parametrize(
    ("counts", "clause"),
    [
        ({EXCEEDED: 5, MET: 2}, "thực hiện đạt và vượt 7 chỉ tiêu (vượt 5, đạt 2)"),
        ({EXCEEDED: 7}, "thực hiện vượt 7 chỉ tiêu"),
        ({MET: 7}, "thực hiện đạt 7 chỉ tiêu"),
    ],
)
def test_issue6_item2_split_form_parenthesis_only_when_both(counts, clause):
    sentence = summary_sentence({**counts, NOT_STARTED: 3, NOT_MET: 3}, form=Form.SPLIT)
    assert sentence == (
        f"{OPENING} 13 chỉ tiêu chủ yếu, trong đó {clause}, chưa thực hiện 3 chỉ tiêu, "
        "có 3 chỉ tiêu chưa đạt."
    )


def test_issue6_item2_split_form_single_category_and_single_target():
    assert summary_sentence({EXCEEDED: 5, MET: 5}, form="split") == (
        f"{OPENING} 10 chỉ tiêu chủ yếu, cả 10 chỉ tiêu đều đạt và vượt (vượt 5, đạt 5)."
    )
    assert summary_sentence({MET: 10}, form=Form.SPLIT) == (
        f"{OPENING} 10 chỉ tiêu chủ yếu, cả 10 chỉ tiêu đều đạt."
    )
    assert summary_sentence({EXCEEDED: 1}, form=Form.SPLIT) == (
        f"{OPENING} 1 chỉ tiêu chủ yếu, chỉ tiêu này vượt kế hoạch."
    )


# --- issue 6, item 2: RATIO ("hoàn thành 10/10 chỉ tiêu") --------------------------------------


def test_issue6_item2_ratio_form_with_other_categories():
    counts = {EXCEEDED: 5, MET: 2, NOT_STARTED: 3, NOT_MET: 3}
    assert summary_sentence(counts, form=Form.RATIO) == (
        f"{OPENING} 13 chỉ tiêu chủ yếu, trong đó hoàn thành 7/13 chỉ tiêu (vượt 5, đạt 2), "
        "chưa thực hiện 3 chỉ tiêu, có 3 chỉ tiêu chưa đạt."
    )
    assert summary_sentence({MET: 7, NOT_MET: 6}, form="ratio") == (
        f"{OPENING} 13 chỉ tiêu chủ yếu, trong đó hoàn thành 7/13 chỉ tiêu, có 6 chỉ tiêu chưa đạt."
    )


@pytest.mark.parametrize(
    ("counts", "ending"),
    [
        ({MET: 10}, "hoàn thành 10/10 chỉ tiêu."),
        ({EXCEEDED: 10}, "hoàn thành 10/10 chỉ tiêu."),
        ({EXCEEDED: 4, MET: 6}, "hoàn thành 10/10 chỉ tiêu (vượt 4, đạt 6)."),
    ],
)
def test_issue6_item2_ratio_form_all_achieved(counts, ending):
    assert summary_sentence(counts, form=Form.RATIO) == f"{OPENING} 10 chỉ tiêu chủ yếu, {ending}"


def test_issue6_item2_ratio_form_one_target_and_nothing_achieved():
    assert summary_sentence({MET: 1}, form=Form.RATIO) == (
        f"{OPENING} 1 chỉ tiêu chủ yếu, hoàn thành 1/1 chỉ tiêu."
    )
    assert summary_sentence({NOT_MET: 2, NO_DATA: 1}, form=Form.RATIO) == (
        f"{OPENING} 3 chỉ tiêu chủ yếu, trong đó có 2 chỉ tiêu chưa đạt, "
        "có 1 chỉ tiêu chưa có số liệu."
    )
    assert summary_sentence({NOT_STARTED: 4}, form=Form.RATIO) == (
        f"{OPENING} 4 chỉ tiêu chủ yếu, cả 4 chỉ tiêu đều chưa thực hiện."
    )


# --- issue 6, items 1–2: every status, the order, the single-category sentences ---------------


def test_issue6_item1_every_status_has_its_clause_in_the_usual_order():
    counts = {NO_DATA: 7, NOT_MET: 6, BEHIND: 5, NOT_STARTED: 4, ON_TRACK: 3, MET: 2, EXCEEDED: 1}
    assert summary_sentence(counts) == (
        f"{OPENING} 28 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 3 chỉ tiêu, "
        "đạt tiến độ 3 chỉ tiêu, chưa thực hiện 4 chỉ tiêu, có 5 chỉ tiêu chưa đạt tiến độ, "
        "có 6 chỉ tiêu chưa đạt, có 7 chỉ tiêu chưa có số liệu."
    )


@pytest.mark.parametrize(
    ("counts", "rest"),
    [
        ({MET: 10, NOT_MET: 3}, "thực hiện đạt 10 chỉ tiêu, có 3 chỉ tiêu chưa đạt."),
        ({EXCEEDED: 10, NOT_STARTED: 3}, "thực hiện vượt 10 chỉ tiêu, chưa thực hiện 3 chỉ tiêu."),
        ({NOT_MET: 1, NOT_STARTED: 12}, "chưa thực hiện 12 chỉ tiêu, có 1 chỉ tiêu chưa đạt."),
        ({ON_TRACK: 8, BEHIND: 5}, "đạt tiến độ 8 chỉ tiêu, có 5 chỉ tiêu chưa đạt tiến độ."),
    ],
)
def test_issue6_item2_zero_categories_left_out(counts, rest):
    assert summary_sentence(counts) == f"{OPENING} 13 chỉ tiêu chủ yếu, trong đó {rest}"


@pytest.mark.parametrize(
    ("counts", "ending"),
    [
        ({MET: 5}, "cả 5 chỉ tiêu đều đạt."),
        ({EXCEEDED: 5}, "cả 5 chỉ tiêu đều vượt kế hoạch."),
        ({EXCEEDED: 2, MET: 3}, "cả 5 chỉ tiêu đều đạt và vượt."),
        ({ON_TRACK: 5}, "cả 5 chỉ tiêu đều đạt tiến độ."),
        ({NOT_STARTED: 5}, "cả 5 chỉ tiêu đều chưa thực hiện."),
        ({BEHIND: 5}, "cả 5 chỉ tiêu đều chưa đạt tiến độ."),
        ({NOT_MET: 5, MET: 0}, "cả 5 chỉ tiêu đều chưa đạt."),
        ({NO_DATA: 5}, "cả 5 chỉ tiêu đều chưa có số liệu."),
    ],
)
def test_issue6_item2_all_in_one_category(counts, ending):
    assert summary_sentence(counts) == f"{OPENING} 5 chỉ tiêu chủ yếu, {ending}"


@pytest.mark.parametrize(
    ("status", "ending"),
    [
        (EXCEEDED, "chỉ tiêu này vượt kế hoạch."),
        (MET, "chỉ tiêu này đạt."),
        (ON_TRACK, "chỉ tiêu này đạt tiến độ."),
        (NOT_STARTED, "chỉ tiêu này chưa thực hiện."),
        (BEHIND, "chỉ tiêu này chưa đạt tiến độ."),
        (NOT_MET, "chỉ tiêu này chưa đạt."),
        (NO_DATA, "chỉ tiêu này chưa có số liệu."),
    ],
)
def test_issue6_item2_one_target_gives_a_singular_sentence(status, ending):
    assert summary_sentence({status: 1}) == f"{OPENING} 1 chỉ tiêu chủ yếu, {ending}"


def test_issue3_no_targets_gives_a_full_sentence_with_the_noun():
    assert summary_sentence({}) == "Chưa có chỉ tiêu chủ yếu nào để đánh giá."
    assert summary_sentence({s: 0 for s in Status}) == "Chưa có chỉ tiêu chủ yếu nào để đánh giá."
    assert summary_sentence({}, noun=Noun.KEY_TASKS) == (
        "Chưa có nhiệm vụ trọng tâm nào để đánh giá."
    )


# --- issue 6, item 2: the noun per target group ----------------------------------------------


def test_issue6_item2_noun_chosen_per_target_group():
    counts = {MET: 2, NOT_MET: 1}
    assert summary_sentence(counts, noun=Noun.KEY_TASKS) == (
        f"{OPENING} 3 nhiệm vụ trọng tâm, trong đó thực hiện đạt 2 nhiệm vụ, "
        "có 1 nhiệm vụ chưa đạt."
    )
    assert summary_sentence({MET: 4}, noun="criteria") == (
        f"{OPENING} 4 tiêu chí, cả 4 tiêu chí đều đạt."
    )
    assert summary_sentence({EXCEEDED: 1}, noun=Noun.KEY_TASKS) == (
        f"{OPENING} 1 nhiệm vụ trọng tâm, nhiệm vụ này vượt kế hoạch."
    )
    assert summary_sentence(counts, subject="Chi bộ thực hiện", noun=Noun.TARGETS) == (
        "Chi bộ thực hiện 3 chỉ tiêu, trong đó thực hiện đạt 2 chỉ tiêu, có 1 chỉ tiêu chưa đạt."
    )


def test_summary_sentence_refuses_bad_input():
    with pytest.raises(ValueError):
        summary_sentence({MET: 3, NOT_MET: -1})
    with pytest.raises(ValueError):
        summary_sentence({"done": 1})
    with pytest.raises(TypeError):
        summary_sentence({MET: True})
    with pytest.raises(TypeError):
        summary_sentence({MET: 1.5})
    with pytest.raises(ValueError):
        summary_sentence({MET: 1}, noun="chỉ tiêu chủ yếu")
    with pytest.raises(ValueError):
        summary_sentence({MET: 1}, form="gộp")


def test_count_statuses_lists_every_status():
    assert count_statuses([]) == {s: 0 for s in Status}
    assert count_statuses(["met", MET, NOT_MET, "no_data"]) == {
        **{s: 0 for s in Status},
        MET: 2,
        NOT_MET: 1,
        NO_DATA: 1,
    }
    assert list(count_statuses([NO_DATA, MET])) == list(Status)
    with pytest.raises(ValueError):
        count_statuses(["done"])


def test_form_labels_and_choices_for_the_ui_picker():
    assert [value for value, _ in Form.choices()] == ["combined", "split", "ratio"]
    assert Form.COMBINED.label == "Đạt và vượt gộp"
    assert Form.SPLIT.label == "Tách vượt / đạt"
    assert Form.RATIO.label == "Dạng x/y"
    assert all(str(label) for _, label in Form.choices())


def test_sentences_are_nfc_vietnamese():
    counts = {EXCEEDED: 1, MET: 1, NOT_STARTED: 1, NOT_MET: 1, BEHIND: 1, NO_DATA: 1}
    for form in Form:
        assert unicodedata.is_normalized("NFC", summary_sentence(counts, form=form))
    assert unicodedata.is_normalized("NFC", organizations_sentence([counts, {MET: 1}]))


# --- issue 6, item 2: a superior's dashboard counts organizations -------------------------------


def test_issue6_item2_organizations_example():
    lines = [{EXCEEDED: 3, MET: 4}, {MET: 5, NOT_MET: 2}, {NO_DATA: 6}]
    assert organizations_sentence(lines) == (
        "3 tổ chức: 1 tổ chức đạt và vượt toàn bộ chỉ tiêu, 1 tổ chức còn chỉ tiêu chưa đạt, "
        "1 tổ chức chưa có số liệu."
    )


@pytest.mark.parametrize(
    ("line", "group"),
    [
        ({MET: 5}, "đạt và vượt toàn bộ chỉ tiêu"),
        ({EXCEEDED: 2, MET: 3}, "đạt và vượt toàn bộ chỉ tiêu"),
        ({MET: 5, NOT_MET: 1}, "còn chỉ tiêu chưa đạt"),
        ({ON_TRACK: 5, BEHIND: 1}, "còn chỉ tiêu chưa đạt"),
        ({NOT_MET: 1, NO_DATA: 4}, "còn chỉ tiêu chưa đạt"),
        ({NO_DATA: 4}, "chưa có số liệu"),
        ({}, "chưa có số liệu"),
        ({MET: 3, NOT_STARTED: 1}, "đang thực hiện"),
        ({ON_TRACK: 3}, "đang thực hiện"),
        ({MET: 3, NO_DATA: 1}, "đang thực hiện"),
    ],
)
def test_issue6_item2_organization_classified_by_its_own_targets(line, group):
    assert organizations_sentence([line]) == f"1 tổ chức: {group}."


def test_issue6_item2_organizations_groups_in_order_and_all_in_one_group():
    lines = [{NO_DATA: 1}, {NOT_MET: 1}, {NOT_STARTED: 2}, {MET: 1}, {ON_TRACK: 1}, {MET: 2}]
    assert organizations_sentence(lines) == (
        "6 tổ chức: 2 tổ chức đạt và vượt toàn bộ chỉ tiêu, 2 tổ chức đang thực hiện, "
        "1 tổ chức còn chỉ tiêu chưa đạt, 1 tổ chức chưa có số liệu."
    )
    assert organizations_sentence([{MET: 10}, {EXCEEDED: 1}, {MET: 2, EXCEEDED: 2}]) == (
        "3 tổ chức: cả 3 tổ chức đều đạt và vượt toàn bộ chỉ tiêu."
    )
    assert organizations_sentence([{NOT_MET: 1}] * 2, noun=Noun.KEY_TASKS) == (
        "2 tổ chức: cả 2 tổ chức đều còn nhiệm vụ chưa đạt."
    )


def test_issue6_item2_organizations_never_summed_into_one_sentence():
    lines = [{EXCEEDED: 4, MET: 3}, {EXCEEDED: 6}]
    sentence = organizations_sentence(lines)
    assert sentence == "2 tổ chức: cả 2 tổ chức đều đạt và vượt toàn bộ chỉ tiêu."
    assert not re.search(r"\b(7|6|13)\b", sentence)


def test_issue6_item2_organizations_empty_and_bad_input():
    assert organizations_sentence([]) == "Chưa có tổ chức nào có nghị quyết trong phạm vi này."
    with pytest.raises(ValueError):
        organizations_sentence([{MET: -1}])


# --- issue 6, item 3: percent of plan and absolute excess ------------------------------------


def ach(percent, excess, expected="10"):
    return Achievement(
        expected=Decimal(expected),
        percent=None if percent is None else Decimal(percent),
        excess=Decimal(excess),
    )


@pytest.mark.parametrize(
    ("achieved", "unit", "phrase"),
    [
        (ach("122.5", "1.7"), "lượt", "đạt 122,5% kế hoạch, vượt 1,7 lượt"),
        (ach("100", "0"), "lượt", "đạt 100% kế hoạch"),
        (ach("100.00", "0.000"), "lượt", "đạt 100% kế hoạch"),
        (ach("122.45", "1.7"), "lượt", "đạt 122,5% kế hoạch, vượt 1,7 lượt"),  # half up
        (ach("99.94", "-0.006"), "lượt", "đạt 99,9% kế hoạch, thấp hơn kế hoạch 0,01 lượt"),
        (ach("85", "-15"), "đảng viên", "đạt 85% kế hoạch, thấp hơn kế hoạch 15 đảng viên"),
        (ach(None, "1.7"), "%", "vượt 1,7%"),
        (ach(None, "-2.5"), "%", "thấp hơn kế hoạch 2,5%"),
        (ach(None, "1.125"), "", "vượt 1,13"),
        (ach(None, "2"), " lượt ", "vượt 2 lượt"),
        (ach(None, "0.004"), "lượt", ""),  # rounds to 0: no "vượt 0"
        (ach(None, "0"), "lượt", ""),
        (ach("-0.04", "-10"), "lượt", "đạt 0% kế hoạch, thấp hơn kế hoạch 10 lượt"),
        (ach("122.5", "40500"), "lượt", "đạt 122,5% kế hoạch, vượt 40.500 lượt"),
        (
            ach("1E+30", "1E+28"),
            "lượt",
            f"đạt {'1' + '.000' * 10}% kế hoạch, vượt 10.{'000.' * 8}000 lượt",
        ),
    ],
)
def test_issue6_item3_result_phrase(achieved, unit, phrase):
    assert result_phrase(achieved, unit) == phrase


def test_issue6_item3_result_phrase_none_is_empty():
    assert result_phrase(None, "lượt") == ""


def test_issue6_item3_result_phrase_from_the_rules_achievement():
    spec = TargetSpec(kind=Kind.NUMERIC, direction=Direction.HIGHER, planned=Decimal(180000))
    got = achievement(spec, 220500, Checkpoint.ANNUAL)
    assert result_phrase(got, "lượt") == "đạt 122,5% kế hoạch, vượt 40.500 lượt"
    lower = TargetSpec(kind=Kind.PERCENTAGE, direction=Direction.LOWER, planned=Decimal(5))
    assert result_phrase(achievement(lower, Decimal("3.3"), "annual"), "%") == "vượt 1,7%"
    # Lower is better and the value is worse: it is higher than the plan, and says so.
    assert result_phrase(achievement(lower, Decimal("6"), "annual"), "%") == ("cao hơn kế hoạch 1%")
    assert result_phrase(achievement(spec, None, "annual"), "lượt") == ""


def test_issue6_item3_improvement_target_is_compared_with_its_baseline():
    """An improvement target ("tăng so với năm trước") has no plan: no percent of plan, and the
    difference is stated against the baseline year in plain direction words."""
    up = TargetSpec(
        kind=Kind.PERCENTAGE, direction=Direction.HIGHER, basis="improve", baseline=Decimal(90)
    )
    assert result_phrase(achievement(up, Decimal("91.8"), "annual"), "%") == (
        "cao hơn năm gốc 1,8%"
    )
    assert result_phrase(achievement(up, Decimal("89"), "annual"), "%") == "thấp hơn năm gốc 1%"
    down = TargetSpec(
        kind=Kind.NUMERIC, direction=Direction.LOWER, basis="improve", baseline=Decimal(60)
    )
    assert result_phrase(achievement(down, 52, "annual"), "phút") == "thấp hơn năm gốc 8 phút"
    assert result_phrase(achievement(down, 61, "annual"), "phút") == "cao hơn năm gốc 1 phút"


# --- property tests: the sentence and the tables agree (issue 6, items 1–2) --------------------


@dataclass
class Parsed:
    """A summary sentence read back: the opening total and (key, number) per clause, in order.
    Keys: a Status, "achieved" (đạt và vượt), or EXCEEDED / MET alone."""

    total: int
    clauses: list[tuple[object, int]] = field(default_factory=list)
    split: tuple[int, int] | None = None  # "(vượt x, đạt y)"
    ratio: tuple[int, int] | None = None  # "hoàn thành x/y"


_SPLIT = r"(?: \(vượt (?P<x>\d+), đạt (?P<y>\d+)\))?"


def _clause_patterns(unit):
    u = re.escape(unit)
    return [
        ("achieved", rf"thực hiện đạt và vượt (?P<n>\d+) {u}{_SPLIT}"),
        (EXCEEDED, rf"thực hiện vượt (?P<n>\d+) {u}"),
        (MET, rf"thực hiện đạt (?P<n>\d+) {u}"),
        ("ratio", rf"hoàn thành (?P<n>\d+)/(?P<t>\d+) {u}{_SPLIT}"),
        (ON_TRACK, rf"đạt tiến độ (?P<n>\d+) {u}"),
        (NOT_STARTED, rf"chưa thực hiện (?P<n>\d+) {u}"),
        (BEHIND, rf"có (?P<n>\d+) {u} chưa đạt tiến độ"),
        (NOT_MET, rf"có (?P<n>\d+) {u} chưa đạt"),
        (NO_DATA, rf"có (?P<n>\d+) {u} chưa có số liệu"),
    ]


_PREDICATES = [
    ("achieved", rf"đạt và vượt{_SPLIT}"),
    (EXCEEDED, "vượt kế hoạch"),
    (MET, "đạt"),
    (ON_TRACK, "đạt tiến độ"),
    (NOT_STARTED, "chưa thực hiện"),
    (BEHIND, "chưa đạt tiến độ"),
    (NOT_MET, "chưa đạt"),
    (NO_DATA, "chưa có số liệu"),
]


def _record(parsed, key, match, n):
    if key == "ratio":
        parsed.ratio = (n, int(match["t"]))
        key = "achieved"
    if "x" in match.re.groupindex and match["x"] is not None:
        parsed.split = (int(match["x"]), int(match["y"]))
    parsed.clauses.append((key, n))


def parse(sentence, noun):
    opening_noun, unit = NOUN_WORDS[noun]
    if sentence == f"Chưa có {opening_noun} nào để đánh giá.":
        return Parsed(total=0)
    head = re.fullmatch(rf"{OPENING} (\d+) {re.escape(opening_noun)}, (.*)\.", sentence)
    assert head, sentence
    parsed, rest = Parsed(total=int(head[1])), head[2]
    u = re.escape(unit)
    single = re.fullmatch(rf"(?:cả (?P<n>\d+) {u} đều|(?P<one>{u}) này) (?P<p>.*)", rest)
    if single:
        n = 1 if single["one"] else int(single["n"])
        for key, pattern in _PREDICATES:
            if match := re.fullmatch(pattern, single["p"]):
                _record(parsed, key, match, n)
                return parsed
        raise AssertionError(sentence)
    if match := re.fullmatch(rf"hoàn thành (?P<n>\d+)/(?P<t>\d+) {u}{_SPLIT}", rest):
        _record(parsed, "ratio", match, int(match["n"]))
        return parsed
    assert rest.startswith("trong đó "), sentence
    for clause in re.split(r", (?![^()]*\))", rest.removeprefix("trong đó ")):
        for key, pattern in _clause_patterns(unit):
            if match := re.fullmatch(pattern, clause):
                _record(parsed, key, match, int(match["n"]))
                break
        else:
            raise AssertionError(f"unknown clause {clause!r} in {sentence!r}")
    return parsed


ORDER = ["achieved", ON_TRACK, NOT_STARTED, BEHIND, NOT_MET, NO_DATA]


@st.composite
def status_lists(draw):
    """Random statuses, often drawn from a few statuses only (single-category sentences)."""
    allowed = draw(st.lists(st.sampled_from(list(Status)), min_size=1, max_size=7, unique=True))
    return draw(st.lists(st.sampled_from(allowed), max_size=40))


@given(statuses=status_lists(), form=st.sampled_from(list(Form)), noun=st.sampled_from(list(Noun)))
def test_issue6_property_sentence_counts_equal_the_table_counts(statuses, form, noun):
    table = count_statuses(statuses)
    sentence = summary_sentence(table, noun=noun, form=form)
    parsed = parse(sentence, noun)
    exceeded, met = table[EXCEEDED], table[MET]
    achieved = exceeded + met
    total = len(statuses)

    assert parsed.total == total
    assert sentence.endswith(".") and sentence[0].isupper() and " ," not in sentence
    if total == 0:
        return
    numbers = dict(parsed.clauses)
    assert len(numbers) == len(parsed.clauses)  # no category twice
    assert sum(numbers.values()) == total  # the clauses sum to the total
    assert 0 not in numbers.values()  # zero categories are left out
    # The achieved targets: "đạt và vượt N" / "hoàn thành N/T" = vượt + đạt, worded by the data.
    assert numbers.get("achieved", 0) + numbers.get(EXCEEDED, 0) + numbers.get(MET, 0) == achieved
    if EXCEEDED in numbers:
        assert met == 0 and form is not Form.RATIO
    if MET in numbers:
        assert exceeded == 0 and form is not Form.RATIO
    if "achieved" in numbers and form is not Form.RATIO:
        assert exceeded and met  # "đạt và vượt" only for a mix of vượt and đạt
    if form is Form.COMBINED:
        assert parsed.split is None and parsed.ratio is None
    else:
        assert parsed.split == ((exceeded, met) if exceeded and met and total > 1 else None)
    if form is Form.RATIO:
        assert parsed.ratio == ((achieved, total) if achieved else None)
    for status in (ON_TRACK, NOT_STARTED, BEHIND, NOT_MET, NO_DATA):
        assert numbers.get(status, 0) == table[status]
    keys = ["achieved" if k in (EXCEEDED, MET) else k for k, _ in parsed.clauses]
    assert keys == sorted(keys, key=ORDER.index)  # the usual order


@given(statuses=status_lists())
def test_issue6_property_forms_agree_on_every_number_but_the_wording(statuses):
    table = count_statuses(statuses)
    combined = parse(summary_sentence(table), Noun.MAIN_TARGETS)
    for form in (Form.SPLIT, Form.RATIO):
        other = parse(summary_sentence(table, form=form), Noun.MAIN_TARGETS)
        assert other.total == combined.total
        assert [n for _, n in other.clauses] == [n for _, n in combined.clauses]


@given(statuses=status_lists())
def test_issue6_property_never_dat_va_vuot_without_both(statuses):
    table = count_statuses(statuses)
    for form in Form:
        sentence = summary_sentence(table, form=form)
        if not (table[EXCEEDED] and table[MET]):
            assert "đạt và vượt" not in sentence
        if not table[EXCEEDED]:
            assert "vượt" not in sentence


ORGANIZATION_GROUPS = {
    "đạt và vượt toàn bộ chỉ tiêu": "all",
    "đang thực hiện": "doing",
    "còn chỉ tiêu chưa đạt": "short",
    "chưa có số liệu": "nodata",
}


def expected_group(table):
    total = sum(table.values())
    if table[NO_DATA] == total:
        return "nodata"
    if table[EXCEEDED] + table[MET] == total:
        return "all"
    if table[NOT_MET] or table[BEHIND]:
        return "short"
    return "doing"


@given(lines=st.lists(status_lists().map(count_statuses), max_size=12))
def test_issue6_property_organization_counts_sum_to_the_number_of_lines(lines):
    sentence = organizations_sentence(lines)
    if not lines:
        assert sentence == "Chưa có tổ chức nào có nghị quyết trong phạm vi này."
        return
    head = re.fullmatch(r"(\d+) tổ chức: (.*)\.", sentence)
    assert head, sentence
    assert int(head[1]) == len(lines)
    groups = "|".join(ORGANIZATION_GROUPS)
    if len(lines) == 1:
        found = {ORGANIZATION_GROUPS[head[2]]: 1}
    elif match := re.fullmatch(rf"cả (\d+) tổ chức đều ({groups})", head[2]):
        found = {ORGANIZATION_GROUPS[match[2]]: int(match[1])}
    else:
        found = {}
        for item in head[2].split(", "):
            match = re.fullmatch(rf"(\d+) tổ chức ({groups})", item)
            assert match, sentence
            found[ORGANIZATION_GROUPS[match[2]]] = int(match[1])
        assert len(found) > 1
    assert sum(found.values()) == len(lines)
    expected: dict[str, int] = {}
    for line in lines:
        expected[expected_group(line)] = expected.get(expected_group(line), 0) + 1
    assert found == expected
    assert list(found) == [g for g in ORGANIZATION_GROUPS.values() if g in found]  # order
