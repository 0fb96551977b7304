"""targets/rules.py — status of a target at a checkpoint (issue 3; domain-rules decision 6),
pro-rata expectations, roll-up of cells' sub-targets, manual override. No database.

Updated for issue 6 (rules.py docstring, decisions 1–11): seven statuses, "không có số liệu"
when nothing is reported, "chưa thực hiện" only when the report says so, a milestone not done is
"chưa đạt". The new issue-6 rules (term resolutions, plan basis, qualitative targets,
achievement) are tested in test_rules_issue6.py. These specs are yearly (the default horizon),
so they are evaluated at the yearly checkpoints only (issue 6, item 4)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dangbo.targets.rules import (
    Checkpoint,
    Direction,
    Kind,
    Rollup,
    Status,
    TargetSpec,
    as_decimal,
    compute_status,
    effective_status,
    expected_at,
    rollup,
    spec_problems,
)

D = Decimal
MID, NINE, ANNUAL = Checkpoint.MIDYEAR, Checkpoint.NINEMONTH, Checkpoint.ANNUAL
YEARLY = (MID, NINE, ANNUAL)  # the checkpoints of a yearly resolution (issue 6, item 4)
EXCEEDED, MET, ON_TRACK, BEHIND = Status.EXCEEDED, Status.MET, Status.ON_TRACK, Status.BEHIND
NOT_MET, NOT_STARTED, NO_DATA = Status.NOT_MET, Status.NOT_STARTED, Status.NO_DATA


def numeric(planned, direction=Direction.HIGHER, **kw):
    return TargetSpec(kind=Kind.NUMERIC, direction=direction, planned=D(planned), **kw)


MILESTONE = TargetSpec(kind=Kind.MILESTONE, direction=Direction.HIGHER)
ZERO_TARGET = TargetSpec(kind=Kind.ZERO, direction=Direction.LOWER, planned=D(0))

decimals = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)
non_negative = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False)
shares = st.decimals(min_value=D("0.01"), max_value=1, places=2)
directions = st.sampled_from(Direction)
checkpoints = st.sampled_from(YEARLY)


# --- Statuses: labels and order ---------------------------------------------------------------


def test_issue6_item1_status_labels_are_the_report_wording():
    """Issue 6, item 1: one vocabulary; "đạt và vượt" is Vượt + Đạt, not a status of its own."""
    assert [s.label for s in Status] == [
        "vượt",
        "đạt",
        "đạt tiến độ",
        "chưa đạt tiến độ",
        "chưa đạt",
        "chưa thực hiện",
        "không có số liệu",
    ]


def test_issue6_item1_status_rank_orders_worst_to_best():
    """Issue 6, item 1 (``Status.rank``): không có số liệu < chưa thực hiện < chưa đạt < chưa đạt
    tiến độ < đạt tiến độ < đạt < vượt; "đạt và vượt" counts Vượt + Đạt."""
    ranked = sorted(Status, key=lambda s: s.rank)
    assert ranked == [NO_DATA, NOT_STARTED, NOT_MET, BEHIND, ON_TRACK, MET, EXCEEDED]
    assert [s.rank for s in ranked] == list(range(7))
    assert [s for s in Status if s.achieved] == [EXCEEDED, MET]


def test_enum_values_are_those_stored_by_the_models():
    assert Kind("zero") is Kind.ZERO and Direction("lower") is Direction.LOWER
    assert Checkpoint("ninemonth") is NINE and Checkpoint("annual") is ANNUAL
    assert Rollup("min") is Rollup.MIN and Status("not_started") is NOT_STARTED
    assert Status("no_data") is NO_DATA and Status("on_track") is ON_TRACK  # issue 6, item 1
    assert Status("behind") is BEHIND


# --- Numeric and percentage targets, higher is better ------------------------------------------


def test_issue3_exceeded_when_value_passes_plan_higher_is_better():
    assert compute_status(numeric(100), D(101), ANNUAL) is EXCEEDED


def test_issue3_met_when_value_equals_plan_higher_is_better():
    assert compute_status(numeric(100), D(100), ANNUAL) is MET
    assert compute_status(numeric("99.5"), D("99.50"), ANNUAL) is MET


def test_issue3_not_met_when_value_falls_short_higher_is_better():
    assert compute_status(numeric(100), D("99.99"), ANNUAL) is NOT_MET


def test_issue3_percentage_compares_like_a_number():
    spec = TargetSpec(kind=Kind.PERCENTAGE, direction=Direction.HIGHER, planned=D(100))
    assert compute_status(spec, D(100), ANNUAL) is MET
    assert compute_status(spec, D("97.5"), ANNUAL) is NOT_MET
    assert compute_status(spec, D(105), ANNUAL) is EXCEEDED  # "đạt 105% kế hoạch"


# --- Lower is better ---------------------------------------------------------------------------


def test_issue3_exceeded_when_value_below_plan_lower_is_better():
    spec = TargetSpec(kind=Kind.PERCENTAGE, direction=Direction.LOWER, planned=D(5))
    assert compute_status(spec, D("4.2"), ANNUAL) is EXCEEDED  # infection rate under 5%


def test_issue3_met_when_value_equals_plan_lower_is_better():
    spec = TargetSpec(kind=Kind.PERCENTAGE, direction=Direction.LOWER, planned=D(5))
    assert compute_status(spec, D(5), ANNUAL) is MET


def test_issue3_not_met_when_value_above_plan_lower_is_better():
    spec = TargetSpec(kind=Kind.PERCENTAGE, direction=Direction.LOWER, planned=D(5))
    assert compute_status(spec, D("5.1"), ANNUAL) is NOT_MET


# --- No data / not started / activity (decisions 1-2) -------------------------------------------


@pytest.mark.parametrize(
    "spec", [numeric(10), numeric(10, Direction.LOWER), MILESTONE, ZERO_TARGET]
)
def test_issue6_decision1_no_data_when_no_value_and_no_activity(spec):
    """Decision 1 (issue 6; was "chưa thực hiện" in issue 3): no report, no activity → không có
    số liệu."""
    for checkpoint in YEARLY:
        assert compute_status(spec, None, checkpoint) is NO_DATA
        assert compute_status(spec, None, checkpoint, activity_recorded=False) is NO_DATA


@pytest.mark.parametrize(
    "spec", [numeric(10), numeric(10, Direction.LOWER), MILESTONE, ZERO_TARGET]
)
def test_issue6_decision1_not_started_only_when_the_report_says_so(spec):
    """Decision 1: a report that says the work has not started → chưa thực hiện."""
    for checkpoint in YEARLY:
        for activity in (False, True):
            status = compute_status(
                spec, None, checkpoint, activity_recorded=activity, not_started=True
            )
            assert status is NOT_STARTED


@pytest.mark.parametrize(
    "spec", [numeric(10), numeric(10, Direction.LOWER), MILESTONE, ZERO_TARGET]
)
def test_decision2_not_met_when_no_value_but_activity_recorded(spec):
    assert compute_status(spec, None, MID, activity_recorded=True) is NOT_MET


def test_decision1_a_recorded_zero_is_a_value_not_a_missing_one():
    assert compute_status(numeric(5), D(0), MID) is NOT_MET
    assert compute_status(numeric(0), 0, ANNUAL) is MET


def test_decision1_activity_flag_does_not_change_a_recorded_value():
    spec = numeric(10)
    for value in (D(3), D(10), D(12)):
        assert compute_status(spec, value, ANNUAL, activity_recorded=True) is compute_status(
            spec, value, ANNUAL, activity_recorded=False
        )


# --- Tolerance (decision 3) --------------------------------------------------------------------


def test_issue3_met_within_declared_tolerance_on_both_sides():
    spec = numeric(100, tolerance=D(2))
    assert compute_status(spec, D(98), ANNUAL) is MET
    assert compute_status(spec, D(102), ANNUAL) is MET
    assert compute_status(spec, D("97.99"), ANNUAL) is NOT_MET
    assert compute_status(spec, D("102.01"), ANNUAL) is EXCEEDED


def test_decision3_tolerance_applies_in_the_targets_direction_lower_is_better():
    spec = numeric(10, Direction.LOWER, tolerance=D(1))
    assert compute_status(spec, D(11), ANNUAL) is MET
    assert compute_status(spec, D(9), ANNUAL) is MET
    assert compute_status(spec, D("11.5"), ANNUAL) is NOT_MET
    assert compute_status(spec, D("8.5"), ANNUAL) is EXCEEDED


def test_decision3_tolerance_is_absolute_at_the_pro_rata_checkpoint():
    spec = numeric(100, tolerance=D(3), midyear_share=D("0.5"))
    assert compute_status(spec, D(47), MID) is MET
    assert compute_status(spec, D(46), MID) is NOT_MET
    assert compute_status(spec, D(54), MID) is EXCEEDED


# --- Pro-rata checkpoints (decisions 4 and 6) --------------------------------------------------


def test_issue3_midyear_pro_rata_expects_half_the_yearly_plan():
    spec = numeric(120_000, midyear_share=D("0.5"))
    assert expected_at(spec, MID) == D(60_000)
    assert expected_at(spec, ANNUAL) == D(120_000)
    assert compute_status(spec, D(60_000), MID) is MET
    assert compute_status(spec, D(61_000), MID) is EXCEEDED
    assert compute_status(spec, D(61_000), ANNUAL) is NOT_MET


def test_decision6_without_share_the_full_plan_applies_at_every_checkpoint():
    spec = numeric(10)
    assert {expected_at(spec, c) for c in Checkpoint} == {D(10)}
    assert compute_status(spec, D(5), MID) is NOT_MET


def test_decision6_ninemonth_share_is_independent_of_midyear():
    spec = numeric(100, midyear_share=D("0.5"), ninemonth_share=D("0.75"))
    assert [expected_at(spec, c) for c in (MID, NINE, ANNUAL)] == [D(50), D(75), D(100)]
    only_mid = numeric(100, midyear_share=D("0.5"))
    assert expected_at(only_mid, NINE) == D(100)
    assert expected_at(only_mid, "ninemonth") == D(100)  # a stored checkpoint kind works too


def test_decision4_no_rounding_of_the_pro_rata_expectation():
    spec = numeric(13, midyear_share=D("0.5"))
    assert expected_at(spec, MID) == D("6.5")
    assert compute_status(spec, 6, MID) is NOT_MET
    assert compute_status(spec, 7, MID) is EXCEEDED


def test_decision6_pro_rata_for_lower_is_better_caps_the_half_year():
    spec = numeric(10, Direction.LOWER, midyear_share=D("0.5"))  # at most 10 incidents a year
    assert compute_status(spec, 5, MID) is MET
    assert compute_status(spec, 6, MID) is NOT_MET
    assert compute_status(spec, 6, ANNUAL) is EXCEEDED


# --- Milestones --------------------------------------------------------------------------------


def test_issue3_milestone_done_is_met_at_every_checkpoint():
    for checkpoint in YEARLY:
        assert compute_status(MILESTONE, True, checkpoint) is MET
        assert compute_status(MILESTONE, True, checkpoint, activity_recorded=True) is MET


def test_issue6_decision2_milestone_not_done_is_not_met_with_or_without_activity():
    """Decision 2 (issue 6; issue 3 made it "chưa thực hiện" without activity): a milestone
    marked not done is chưa đạt — marking it is activity."""
    for checkpoint in YEARLY:
        assert compute_status(MILESTONE, False, checkpoint, activity_recorded=True) is NOT_MET
        assert compute_status(MILESTONE, False, checkpoint) is NOT_MET
    assert expected_at(MILESTONE, ANNUAL) is None


def test_decision5_milestone_is_never_exceeded_and_refuses_numbers():
    """Decision 5, with decisions 1-2 of issue 6 (no mark and no activity → không có số liệu)."""
    statuses = {
        compute_status(MILESTONE, v, c, activity_recorded=a)
        for v in (True, False, None)
        for c in YEARLY
        for a in (True, False)
    }
    assert statuses == {MET, NOT_MET, NO_DATA}
    with pytest.raises(TypeError):
        compute_status(MILESTONE, D(1), ANNUAL)
    with pytest.raises(TypeError):
        compute_status(MILESTONE, 1, ANNUAL)


# --- Zero targets ("không để xảy ra …") --------------------------------------------------------


def test_issue3_zero_target_met_when_no_case_recorded():
    for checkpoint in YEARLY:
        assert compute_status(ZERO_TARGET, 0, checkpoint) is MET
        assert compute_status(ZERO_TARGET, D("0.00"), checkpoint) is MET


def test_issue3_zero_target_not_met_when_any_case_recorded():
    assert compute_status(ZERO_TARGET, 1, ANNUAL) is NOT_MET
    assert compute_status(ZERO_TARGET, D(7), MID) is NOT_MET


def test_decision5_zero_target_counts_cases_only():
    assert expected_at(ZERO_TARGET, MID) == 0
    assert TargetSpec(kind="zero", direction="lower").planned is None  # planned may be left out
    for bad in (D(-1), D("0.5")):
        with pytest.raises(ValueError):
            compute_status(ZERO_TARGET, bad, ANNUAL)


# --- Values are Decimal or int (decision 4) ----------------------------------------------------


def test_decision4_ints_accepted_floats_and_bools_refused():
    assert compute_status(numeric(10), 10, ANNUAL) is MET
    assert as_decimal(7) == D(7)
    with pytest.raises(TypeError):
        compute_status(numeric(10), 10.0, ANNUAL)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        compute_status(numeric(10), True, ANNUAL)
    with pytest.raises(ValueError):
        compute_status(numeric(10), D("NaN"), ANNUAL)


def test_target_spec_converts_stored_strings_and_ints():
    spec = TargetSpec(kind="numeric", direction="lower", planned=5, tolerance=1)  # type: ignore[arg-type]
    assert spec.kind is Kind.NUMERIC and spec.direction is Direction.LOWER
    assert spec.planned == D(5) and isinstance(spec.planned, Decimal)
    assert isinstance(spec.tolerance, Decimal)


# --- Target definition (spec_problems) ---------------------------------------------------------


def fields(**kw):
    base = {"kind": Kind.NUMERIC, "direction": Direction.HIGHER, "planned": D(10)}
    return [name for name, _ in spec_problems(**(base | kw))]


def test_issue3_spec_numeric_needs_a_plan():
    assert fields() == []
    assert fields(planned=None) == ["planned"]
    assert fields(kind=Kind.PERCENTAGE, planned=None) == ["planned"]


def test_decision5_spec_direction_fixed_for_milestone_and_zero():
    assert fields(kind=Kind.ZERO, planned=D(0)) == ["direction"]
    assert fields(kind=Kind.ZERO, direction=Direction.LOWER, planned=D(0)) == []
    assert fields(kind=Kind.ZERO, direction=Direction.LOWER, planned=D(2)) == ["planned"]
    assert fields(kind=Kind.MILESTONE, planned=None) == []
    assert fields(kind=Kind.MILESTONE, direction=Direction.LOWER, planned=None) == ["direction"]
    assert fields(kind=Kind.MILESTONE) == ["planned"]


def test_decision5_spec_no_tolerance_or_share_for_milestone_and_zero():
    zero = {"kind": Kind.ZERO, "direction": Direction.LOWER, "planned": None}
    assert fields(**zero, tolerance=D(1)) == ["tolerance"]
    assert fields(**zero, midyear_share=D("0.5")) == ["midyear_share"]
    assert fields(kind=Kind.MILESTONE, planned=None, ninemonth_share=D("0.5")) == [
        "ninemonth_share"
    ]


def test_decision3_spec_tolerance_not_negative():
    assert fields(tolerance=D(-1)) == ["tolerance"]


def test_decision6_spec_shares_in_zero_one_and_ninemonth_not_below_midyear():
    assert fields(midyear_share=D(0)) == ["midyear_share"]
    assert fields(midyear_share=D("1.5")) == ["midyear_share"]
    assert fields(midyear_share=D(1), ninemonth_share=D(1)) == []
    assert fields(midyear_share=D("0.6"), ninemonth_share=D("0.5")) == ["ninemonth_share"]


def test_spec_problems_are_vietnamese_and_spec_refuses_them():
    messages = [m for _, m in spec_problems(kind="numeric", direction="higher", planned=None)]
    assert messages == ["Chưa nhập giá trị kế hoạch."]
    with pytest.raises(ValueError, match="planned"):
        TargetSpec(kind=Kind.NUMERIC, direction=Direction.HIGHER)
    with pytest.raises(ValueError):
        TargetSpec(kind="bogus", direction="higher", planned=D(1))  # type: ignore[arg-type]


# --- Manual override ---------------------------------------------------------------------------


def test_issue3_override_replaces_computed_status_with_a_written_reason():
    assert effective_status(NOT_MET, MET, "Số liệu quý II được Sở Y tế xác nhận bổ sung") is MET
    assert effective_status(NOT_MET, "exceeded", "Đã đối chiếu với báo cáo") is EXCEEDED


def test_issue3_override_without_a_reason_is_refused():
    for reason in ("", "   ", "\n\t"):
        with pytest.raises(ValueError):
            effective_status(NOT_MET, MET, reason)


def test_issue3_no_override_keeps_the_computed_status():
    for status in Status:
        assert effective_status(status, None, "") is status


# --- Roll-up of cells' sub-targets -------------------------------------------------------------


def test_issue3_rollup_sum_average_ignore_missing_cells():
    values = [D(3), None, D(4), 5]
    assert rollup(values, Rollup.SUM, direction=Direction.HIGHER) == D(12)
    assert rollup(values, Rollup.AVERAGE, direction=Direction.HIGHER) == D(4)
    assert rollup(values, "average", direction="lower") == D(4)


def test_decision7_rollup_min_is_the_weakest_cell_in_either_direction():
    values = [D("2.5"), D("0.8"), None, D("1.1")]
    assert rollup(values, Rollup.MIN, direction=Direction.HIGHER) == D("0.8")
    assert rollup(values, Rollup.MIN, direction=Direction.LOWER) == D("2.5")


def test_issue3_rollup_none_when_no_cell_reported():
    for method in Rollup:
        for direction in Direction:
            assert rollup([], method, direction=direction) is None
            assert rollup([None, None], method, direction=direction) is None


def test_decision4_rollup_average_is_exact():
    assert rollup([1, 1, 2], Rollup.AVERAGE, direction=Direction.HIGHER) == D(4) / D(3)
    with pytest.raises(TypeError):
        rollup([1.5], Rollup.SUM, direction=Direction.HIGHER)  # type: ignore[list-item]


# --- Properties --------------------------------------------------------------------------------


@given(
    planned=decimals,
    tol=non_negative,
    a=decimals,
    b=decimals,
    checkpoint=checkpoints,
    share=st.none() | shares,
    activity=st.booleans(),
)
def test_issue3_property_raising_a_value_never_lowers_status_higher_is_better(
    planned, tol, a, b, checkpoint, share, activity
):
    spec = numeric(planned, tolerance=tol, midyear_share=share)
    low, high = sorted((a, b))
    s_low = compute_status(spec, low, checkpoint, activity_recorded=activity)
    s_high = compute_status(spec, high, checkpoint, activity_recorded=activity)
    assert s_low.rank <= s_high.rank
    assert compute_status(spec, None, checkpoint, activity_recorded=activity).rank <= s_low.rank


@given(
    planned=decimals,
    tol=non_negative,
    a=decimals,
    b=decimals,
    checkpoint=checkpoints,
    share=st.none() | shares,
)
def test_issue3_property_lowering_a_value_never_lowers_status_lower_is_better(
    planned, tol, a, b, checkpoint, share
):
    spec = numeric(planned, Direction.LOWER, tolerance=tol, ninemonth_share=share)
    low, high = sorted((a, b))
    assert compute_status(spec, high, checkpoint).rank <= compute_status(spec, low, checkpoint).rank


@given(planned=decimals, tol=non_negative, delta=decimals, direction=directions)
def test_decision3_property_tolerance_band_is_symmetric(planned, tol, delta, direction):
    spec = numeric(planned, direction, tolerance=tol)
    above = compute_status(spec, planned + delta, ANNUAL)
    below = compute_status(spec, planned - delta, ANNUAL)
    if abs(delta) <= tol:
        assert above is MET and below is MET
    else:
        assert {above, below} == {EXCEEDED, NOT_MET}


@given(planned=decimals, tol=non_negative, value=decimals)
def test_issue3_property_lower_is_better_mirrors_higher_is_better(planned, tol, value):
    higher = numeric(planned, Direction.HIGHER, tolerance=tol)
    lower = numeric(-planned, Direction.LOWER, tolerance=tol)
    assert compute_status(higher, value, ANNUAL) is compute_status(lower, -value, ANNUAL)


@given(planned=decimals, tol=non_negative, value=decimals, direction=directions)
def test_issue3_property_exceeded_only_strictly_beyond_the_band(planned, tol, value, direction):
    status = compute_status(numeric(planned, direction, tolerance=tol), value, ANNUAL)
    gain = value - planned if direction is Direction.HIGHER else planned - value
    assert (status is EXCEEDED) == (gain > tol)
    assert (status is NOT_MET) == (gain < -tol)
    assert status not in (NOT_STARTED, NO_DATA)  # a value is a report (decision 1)


@given(planned=decimals, share=shares, value=decimals, direction=directions, tol=non_negative)
def test_issue3_property_midyear_pro_rata_equals_a_plan_of_planned_times_share(
    planned, share, value, direction, tol
):
    pro_rata = numeric(planned, direction, tolerance=tol, midyear_share=share)
    scaled = numeric(planned * share, direction, tolerance=tol)
    assert compute_status(pro_rata, value, MID) is compute_status(scaled, value, ANNUAL)
    assert compute_status(pro_rata, planned * share, MID) is MET


@given(cases=st.integers(0, 10_000), checkpoint=checkpoints, activity=st.booleans())
def test_issue3_property_zero_target_met_iff_no_case(cases, checkpoint, activity):
    status = compute_status(ZERO_TARGET, cases, checkpoint, activity_recorded=activity)
    assert status is (MET if cases == 0 else NOT_MET)


@given(checkpoint=checkpoints, activity=st.booleans(), done=st.none() | st.booleans())
def test_issue3_property_milestone_done_beats_not_done(checkpoint, activity, done):
    status = compute_status(MILESTONE, done, checkpoint, activity_recorded=activity)
    assert status is not EXCEEDED
    assert status.rank <= compute_status(MILESTONE, True, checkpoint).rank
    assert (status is MET) == (done is True)


@given(values=st.lists(st.none() | decimals, max_size=12), direction=directions)
def test_issue3_property_rollup_bounds_and_order_independence(values, direction):
    reported = [v for v in values if v is not None]
    assume(reported)
    total = rollup(values, Rollup.SUM, direction=direction)
    mean = rollup(values, Rollup.AVERAGE, direction=direction)
    weakest = rollup(values, Rollup.MIN, direction=direction)
    assert total == sum(reported)
    assert min(reported) <= mean <= max(reported)
    assert weakest == (min(reported) if direction is Direction.HIGHER else max(reported))
    assert rollup(list(reversed(values)), Rollup.SUM, direction=direction) == total
