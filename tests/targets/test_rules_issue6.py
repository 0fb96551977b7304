"""targets/rules.py — the issue-6 rules (rules.py docstring, decisions 1–11): one status
vocabulary with its order and choices, "chưa thực hiện" vs "không có số liệu", term resolutions
and their progress checkpoints, plans relative to a baseline or improvement-only, qualitative
targets, the achievement of a value ("đạt 122,5% kế hoạch"), and the spec of a stored target.
Pure functions; no database. The issue-3 rules are in test_rules_status.py."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

import pytest
from django.utils.functional import Promise
from hypothesis import example, given
from hypothesis import strategies as st

from dangbo.targets.rules import (
    NOUN_WORDS,
    Achievement,
    Basis,
    Checkpoint,
    Direction,
    Horizon,
    Kind,
    Noun,
    Rollup,
    Status,
    TargetSpec,
    achievement,
    checkpoint_allowed,
    compute_status,
    effective_status,
    expected_at,
    is_progress,
    plan_of,
    share_at,
    spec_from,
    spec_problems,
    statuses_at,
)

D = Decimal
MID, NINE, ANNUAL = Checkpoint.MIDYEAR, Checkpoint.NINEMONTH, Checkpoint.ANNUAL
MIDTERM, TERM_END = Checkpoint.MIDTERM, Checkpoint.TERM_END
YEARLY = (MID, NINE, ANNUAL)
TERM = (MIDTERM, TERM_END)
EXCEEDED, MET, ON_TRACK, BEHIND = Status.EXCEEDED, Status.MET, Status.ON_TRACK, Status.BEHIND
NOT_MET, NOT_STARTED, NO_DATA = Status.NOT_MET, Status.NOT_STARTED, Status.NO_DATA
HIGHER, LOWER = Direction.HIGHER, Direction.LOWER
# (horizon, checkpoint) pairs a report can be made at (issue 6, item 4).
ALLOWED = [(Horizon.ANNUAL, c) for c in YEARLY] + [(Horizon.TERM, c) for c in TERM]


def numeric(planned, direction=HIGHER, **kw):
    return TargetSpec(kind=Kind.NUMERIC, direction=direction, planned=D(planned), **kw)


def term(planned, direction=HIGHER, **kw):
    return numeric(planned, direction, horizon=Horizon.TERM, **kw)


def relative(baseline, change, direction=HIGHER, **kw):
    return TargetSpec(
        kind=Kind.NUMERIC,
        direction=direction,
        basis=Basis.RELATIVE,
        baseline=D(baseline),
        change_percent=D(change),
        **kw,
    )


def improve(baseline, direction=HIGHER, **kw):
    return TargetSpec(
        kind=Kind.NUMERIC, direction=direction, basis=Basis.IMPROVE, baseline=D(baseline), **kw
    )


def milestone(horizon=Horizon.ANNUAL):
    return TargetSpec(kind=Kind.MILESTONE, direction=HIGHER, horizon=horizon)


def zero_target(horizon=Horizon.ANNUAL):
    return TargetSpec(kind=Kind.ZERO, direction=LOWER, horizon=horizon)


def qualitative(horizon=Horizon.ANNUAL):
    return TargetSpec(kind=Kind.QUALITATIVE, direction=HIGHER, horizon=horizon)


def every_kind(horizon):
    return [
        numeric(10, horizon=horizon),
        numeric(10, LOWER, horizon=horizon),
        TargetSpec(kind=Kind.PERCENTAGE, direction=HIGHER, planned=D(95), horizon=horizon),
        relative(200, 10, LOWER, horizon=horizon),
        improve(50, horizon=horizon),
        milestone(horizon),
        zero_target(horizon),
        qualitative(horizon),
    ]


def fields(**kw):
    base = {"kind": Kind.NUMERIC, "direction": HIGHER, "planned": None}
    return [name for name, _ in spec_problems(**(base | kw))]


# --- Strategies -------------------------------------------------------------------------------

decimals = st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False)
positives = st.decimals(min_value=D("0.01"), max_value=10**6, places=2)
non_negative = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False)
shares = st.decimals(min_value=D("0.01"), max_value=1, places=2)
percents = st.decimals(min_value=D("0.01"), max_value=200, places=2)
allowed = st.sampled_from(ALLOWED)
yearly_allowed = st.sampled_from([(h, c) for h, c in ALLOWED if not is_progress(h, c)])


@st.composite
def numeric_specs(draw, direction, horizon, bases=tuple(Basis)):
    """Any valid numeric or percentage spec (issue 6, items 3-4; decisions 3, 6, 8, 9, 10)."""
    kind = draw(st.sampled_from([Kind.NUMERIC, Kind.PERCENTAGE]))
    basis = draw(st.sampled_from(bases))
    kw = {"kind": kind, "direction": direction, "horizon": horizon, "basis": basis}
    kw["tolerance"] = draw(st.just(D(0)) | non_negative)
    if basis is Basis.FIXED:
        kw["planned"] = draw(decimals)
    else:
        kw["baseline"] = draw(decimals)
    if basis is Basis.RELATIVE:
        kw["change_percent"] = draw(percents)
    if basis is not Basis.IMPROVE:  # decision 10: an improvement target has no pro-rata share
        mid, nine = draw(st.none() | shares), draw(st.none() | shares)
        if mid is not None and nine is not None and nine < mid:  # decision 6
            mid, nine = nine, mid
        kw |= {"midyear_share": mid, "ninemonth_share": nine}
        kw["midterm_share"] = draw(st.none() | shares)
    return TargetSpec(**kw)


# --- One vocabulary (issue 6, item 1) ---------------------------------------------------------


@given(status=st.sampled_from(Status))
def test_issue6_item1_property_achieved_is_exactly_exceeded_and_met(status):
    """Issue 6, item 1: "đạt và vượt" is always Vượt + Đạt (``Status.achieved``)."""
    assert status.achieved == (status in {EXCEEDED, MET})


def test_issue6_item1_achieved_and_progress_only_sets():
    assert {s for s in Status if s.achieved} == {EXCEEDED, MET}
    assert {s for s in Status if s.progress_only} == {ON_TRACK, BEHIND}  # decision 8


@given(a=st.sampled_from(Status), b=st.sampled_from(Status))
def test_issue6_item1_property_rank_is_a_total_order_matching_the_list(a, b):
    """Issue 6, item 1: ``Status.rank`` orders the seven statuses, worst to best; every achieved
    status outranks every other."""
    assert (a.rank == b.rank) == (a is b)
    if a.achieved and not b.achieved:
        assert a.rank > b.rank
    assert 0 <= a.rank <= 6


@pytest.mark.parametrize(
    "enum", [Status, Kind, Direction, Basis, Horizon, Checkpoint, Rollup, Noun]
)
def test_issue6_item1_choices_are_the_enums_values_and_lazy_labels(enum):
    """Issue 6, item 1: the models' choices come from these enums (``Labelled.choices()``)."""
    choices = enum.choices()
    assert [value for value, _ in choices] == [m.value for m in enum]
    assert [str(label) for _, label in choices] == [m.label for m in enum]
    assert all(isinstance(label, Promise) for _, label in choices)  # translated lazily
    assert all(str(label) for _, label in choices)


def test_issue6_item1_status_choices_wording():
    assert [(v, str(label)) for v, label in Status.choices()] == [
        ("exceeded", "vượt"),
        ("met", "đạt"),
        ("on_track", "đạt tiến độ"),
        ("behind", "chưa đạt tiến độ"),
        ("not_met", "chưa đạt"),
        ("not_started", "chưa thực hiện"),
        ("no_data", "không có số liệu"),
    ]


def test_issue6_item1_kinds_bases_horizons_checkpoints():
    """Issue 6, item 1: the kinds (with "qualitative"), plan bases, horizons, checkpoints."""
    assert [k.value for k in Kind] == ["numeric", "percentage", "milestone", "zero", "qualitative"]
    assert Kind.QUALITATIVE.label == "Định tính (đánh giá bằng lời)"
    assert [b.value for b in Basis] == ["fixed", "relative", "improve"]
    assert [h.value for h in Horizon] == ["annual", "term"]
    assert [c.value for c in Checkpoint] == [
        "midyear",
        "ninemonth",
        "annual",
        "midterm",
        "term_end",
    ]
    assert MIDTERM.label == "Sơ kết giữa nhiệm kỳ" and TERM_END.label == "Tổng kết nhiệm kỳ"


def test_issue6_item2_group_nouns_have_their_words():
    """Issue 6, item 2: "13 chỉ tiêu chủ yếu … 7 chỉ tiêu": opening noun = label, and a unit."""
    assert set(NOUN_WORDS) == set(Noun)
    for noun, (opening, unit) in NOUN_WORDS.items():
        assert opening == noun.label and unit
    assert NOUN_WORDS[Noun.KEY_TASKS] == ("nhiệm vụ trọng tâm", "nhiệm vụ")


# --- Decision 1: không có số liệu vs chưa thực hiện -------------------------------------------


@pytest.mark.parametrize(("horizon", "checkpoint"), ALLOWED)
def test_issue6_decision1_no_report_no_activity_is_no_data_for_every_kind(horizon, checkpoint):
    for spec in every_kind(horizon):
        assert compute_status(spec, None, checkpoint) is NO_DATA


@pytest.mark.parametrize(("horizon", "checkpoint"), ALLOWED)
def test_issue6_decision1_report_says_not_started_is_not_started_for_every_kind(
    horizon, checkpoint
):
    for spec in every_kind(horizon):
        for activity in (False, True):
            status = compute_status(
                spec, None, checkpoint, activity_recorded=activity, not_started=True
            )
            assert status is NOT_STARTED


def test_issue6_decision1_not_started_takes_no_value_and_no_assessment():
    with pytest.raises(ValueError):
        compute_status(numeric(10), D(0), ANNUAL, not_started=True)
    with pytest.raises(ValueError):
        compute_status(milestone(), False, ANNUAL, not_started=True)
    with pytest.raises(ValueError):
        compute_status(qualitative(), None, ANNUAL, not_started=True, assessed=MET)


def test_issue6_decision1_a_recorded_zero_is_compared_like_any_value():
    assert compute_status(numeric(5), 0, ANNUAL) is NOT_MET
    assert compute_status(term(5), 0, MIDTERM) is BEHIND
    assert compute_status(numeric(5, LOWER), 0, ANNUAL) is EXCEEDED
    assert compute_status(zero_target(), 0, ANNUAL) is MET


# --- Decision 2: activity without a value; milestone not done ---------------------------------


@pytest.mark.parametrize(("horizon", "checkpoint"), ALLOWED)
def test_issue6_decision2_activity_without_value_is_not_met_or_behind(horizon, checkpoint):
    """Decision 2: chưa đạt, or chưa đạt tiến độ at a progress checkpoint (decision 8)."""
    short = BEHIND if is_progress(horizon, checkpoint) else NOT_MET
    for spec in every_kind(horizon):
        assert compute_status(spec, None, checkpoint, activity_recorded=True) is short


@pytest.mark.parametrize(("horizon", "checkpoint"), ALLOWED)
def test_issue6_decision2_milestone_not_done_regardless_of_activity(horizon, checkpoint):
    short = BEHIND if is_progress(horizon, checkpoint) else NOT_MET
    for activity in (False, True):
        assert compute_status(
            milestone(horizon), False, checkpoint, activity_recorded=activity
        ) is (short)
        assert compute_status(milestone(horizon), True, checkpoint, activity_recorded=activity) is (
            MET
        )


# --- Horizons and checkpoints (issue 6, item 4) ------------------------------------------------


def test_issue6_item4_checkpoints_allowed_per_horizon():
    for horizon in Horizon:
        for checkpoint in Checkpoint:
            expected = (horizon, checkpoint) in ALLOWED
            assert checkpoint_allowed(horizon, checkpoint) is expected
            assert checkpoint_allowed(horizon.value, checkpoint.value) is expected
    with pytest.raises(ValueError):
        checkpoint_allowed("decade", "annual")
    with pytest.raises(ValueError):
        checkpoint_allowed("term", "quarter")


def test_issue6_item4_decision8_only_the_midterm_of_a_term_measures_progress():
    progress = [(h, c) for h, c in ALLOWED if is_progress(h, c)]
    assert progress == [(Horizon.TERM, MIDTERM)]
    assert is_progress("term", "midterm") and not is_progress("term", "term_end")
    assert not any(is_progress(Horizon.ANNUAL, c) for c in Checkpoint)


def test_issue6_decision11_statuses_that_can_be_chosen_at_each_checkpoint():
    """Decision 11: progress statuses only at a progress checkpoint; không có số liệu never."""
    yearly = [EXCEEDED, MET, NOT_MET, NOT_STARTED]
    for horizon, checkpoint in ALLOWED:
        chosen = statuses_at(horizon, checkpoint)
        assert NO_DATA not in chosen
        if is_progress(horizon, checkpoint):
            assert chosen == [EXCEEDED, MET, ON_TRACK, BEHIND, NOT_MET, NOT_STARTED]
        else:
            assert chosen == yearly
    assert statuses_at("term", "term_end") == yearly


# --- Decision 8: the progress rule at a term's progress checkpoint ----------------------------


def test_issue6_item4_decision8_progress_rule_higher_is_better():
    spec = term(100, midterm_share=D("0.5"))  # "kết nạp 100 đảng viên trong nhiệm kỳ"
    assert [compute_status(spec, v, MIDTERM) for v in (120, 100, 60, 50, D("49.99"), 0)] == [
        EXCEEDED,  # already beyond the full plan
        MET,  # already the full plan
        ON_TRACK,  # beyond the pro-rata share, short of the plan: still đạt tiến độ
        ON_TRACK,  # exactly the pro-rata share
        BEHIND,
        BEHIND,
    ]
    assert [compute_status(spec, v, TERM_END) for v in (120, 100, 60)] == [EXCEEDED, MET, NOT_MET]
    assert expected_at(spec, MIDTERM) == 50 and expected_at(spec, TERM_END) == 100


def test_issue6_decision8_without_midterm_share_the_full_plan_applies():
    spec = term(100)
    assert share_at(spec, MIDTERM) == 1
    assert compute_status(spec, 100, MIDTERM) is MET
    assert compute_status(spec, 99, MIDTERM) is BEHIND  # never đạt tiến độ without a share


def test_issue6_decision8_decision3_tolerance_applies_to_the_plan_and_the_share():
    spec = term(100, tolerance=D(2), midterm_share=D("0.5"))
    assert compute_status(spec, 98, MIDTERM) is MET  # within the tolerance of the full plan
    assert compute_status(spec, 103, MIDTERM) is EXCEEDED
    assert compute_status(spec, D("97.99"), MIDTERM) is ON_TRACK
    assert compute_status(spec, 48, MIDTERM) is ON_TRACK  # within the tolerance of the share
    assert compute_status(spec, D("47.99"), MIDTERM) is BEHIND


def test_issue6_decision8_progress_rule_lower_is_better():
    """Decision 8: a lower-is-better value is never final before the term's end: within the
    pro-rata share it is đạt tiến độ, beyond it chưa đạt tiến độ."""
    spec = term(10, LOWER, midterm_share=D("0.5"))  # at most 10 incidents in the term
    assert [compute_status(spec, v, MIDTERM) for v in (3, 5, 6, 11)] == [
        ON_TRACK,
        ON_TRACK,
        BEHIND,
        BEHIND,
    ]
    assert compute_status(spec, 11, TERM_END) is NOT_MET
    assert compute_status(spec, 3, TERM_END) is EXCEEDED
    rate = term(2, LOWER)  # a rate bound for the whole term: no share, the full plan applies
    assert [compute_status(rate, v, MIDTERM) for v in (D("1.5"), 2, D("2.1"))] == [
        ON_TRACK,
        ON_TRACK,
        BEHIND,
    ]


def test_issue6_decision8_percentage_and_relative_plans_at_midterm():
    pct = TargetSpec(
        kind=Kind.PERCENTAGE,
        direction=HIGHER,
        planned=D(90),
        midterm_share=D("0.8"),
        horizon=Horizon.TERM,
    )
    assert [compute_status(pct, v, MIDTERM) for v in (95, 90, 72, 71)] == [
        EXCEEDED,
        MET,
        ON_TRACK,
        BEHIND,
    ]
    rel = relative(100, 20, midterm_share=D("0.5"), horizon="term")  # plan 120, midterm 60
    assert expected_at(rel, MIDTERM) == 60 and expected_at(rel, TERM_END) == 120
    assert [compute_status(rel, v, MIDTERM) for v in (121, 120, 60, 59)] == [
        EXCEEDED,
        MET,
        ON_TRACK,
        BEHIND,
    ]


def test_issue6_decision8_zero_target_with_a_case_is_not_met_even_at_midterm():
    """Decision 8: a zero target with a case is chưa đạt (nothing can undo it)."""
    spec = zero_target(Horizon.TERM)
    assert compute_status(spec, 0, MIDTERM) is MET
    assert compute_status(spec, 1, MIDTERM) is NOT_MET
    assert compute_status(spec, 1, TERM_END) is NOT_MET


def test_issue6_decision8_decision10_improvement_at_midterm():
    """Decision 8: an improvement target better than its baseline is đạt, else chưa đạt tiến
    độ; at the term's end, chưa đạt (decision 10)."""
    spec = improve(50, horizon=Horizon.TERM)
    assert compute_status(spec, 51, MIDTERM) is MET
    assert compute_status(spec, 50, MIDTERM) is BEHIND
    assert compute_status(spec, 50, TERM_END) is NOT_MET
    assert compute_status(spec, 500, TERM_END) is MET


def test_issue6_decision8_milestone_at_midterm():
    assert compute_status(milestone(Horizon.TERM), True, MIDTERM) is MET
    assert compute_status(milestone(Horizon.TERM), False, MIDTERM) is BEHIND
    assert compute_status(milestone(Horizon.TERM), False, TERM_END) is NOT_MET


# --- Decision 9: plan relative to a baseline --------------------------------------------------


def test_issue6_item3_decision9_relative_plan_in_the_targets_direction():
    """Decision 9: "tăng 10% so với năm 2022" = baseline × 1.1; "giảm 10%" = baseline × 0.9."""
    assert plan_of(relative(200, 10)) == 220
    assert plan_of(relative(200, 10, LOWER)) == 180
    assert plan_of(relative(D("3"), D("33.33"))) == D("3.9999")  # no rounding (decision 4)
    down = relative(200, 10, LOWER)  # "giảm 10% so với năm 2022"
    assert [compute_status(down, v, ANNUAL) for v in (170, 180, 181)] == [EXCEEDED, MET, NOT_MET]
    up = relative(200, 10, midyear_share=D("0.5"))
    assert expected_at(up, MID) == 110 and expected_at(up, ANNUAL) == 220
    assert compute_status(up, 110, MID) is MET and compute_status(up, 110, ANNUAL) is NOT_MET


def test_issue6_item3_decision9_spec_problems_for_a_relative_plan():
    base = {"basis": Basis.RELATIVE, "baseline": D(200), "change_percent": D(10)}
    assert fields(**base) == []
    assert fields(**(base | {"baseline": None})) == ["baseline"]
    assert fields(**(base | {"planned": D(220)})) == ["planned"]  # computed, left blank
    assert fields(**(base | {"change_percent": None})) == ["change_percent"]
    assert fields(**(base | {"change_percent": D(0)})) == ["change_percent"]
    assert fields(**(base | {"change_percent": D(-10)})) == ["change_percent"]
    assert fields(**(base | {"midterm_share": D("0.5"), "tolerance": D(1)})) == []
    # change_percent only with a relative plan
    assert fields(planned=D(10), change_percent=D(10)) == ["change_percent"]
    assert fields(basis=Basis.IMPROVE, baseline=D(5), change_percent=D(10)) == ["change_percent"]


def test_issue6_item3_decision5_basis_only_for_numeric_and_percentage():
    assert fields(kind=Kind.PERCENTAGE, basis="relative", baseline=D(5), change_percent=D(1)) == []
    assert fields(kind=Kind.MILESTONE, basis=Basis.IMPROVE, baseline=D(1)) == ["basis"]
    assert fields(kind=Kind.ZERO, direction=LOWER, basis=Basis.IMPROVE, baseline=D(1)) == ["basis"]
    assert fields(
        kind=Kind.QUALITATIVE, basis=Basis.RELATIVE, baseline=None, change_percent=None
    ) == ["basis", "baseline", "change_percent"]
    with pytest.raises(ValueError, match="basis"):
        TargetSpec(kind=Kind.MILESTONE, direction=HIGHER, basis=Basis.IMPROVE, baseline=D(1))


@given(baseline=decimals, change=percents, direction=st.sampled_from(Direction))
def test_issue6_decision9_property_relative_plan_is_exact(baseline, change, direction):
    """Decision 9 and 4: plan == baseline × (1 ± change/100), exactly (checked in fractions)."""
    spec = relative(baseline, change, direction)
    sign = 1 if direction is HIGHER else -1
    exact = Fraction(baseline) * (1 + sign * Fraction(change) / 100)
    assert Fraction(plan_of(spec)) == exact
    assert expected_at(spec, ANNUAL) == plan_of(spec)


# --- Decision 10: improvement, no numeric plan ------------------------------------------------


def test_issue6_item3_decision10_improvement_better_than_baseline_is_met():
    """Decision 10: "tăng so với năm trước": better than the baseline is đạt, never vượt."""
    spec = improve(50)
    assert plan_of(spec) == 50 and expected_at(spec, MID) == 50
    assert [compute_status(spec, v, ANNUAL) for v in (10**6, 51, D("50.01"), 50, 49)] == [
        MET,
        MET,
        MET,
        NOT_MET,
        NOT_MET,
    ]
    down = improve(50, LOWER)  # "giảm so với năm trước"
    assert [compute_status(down, v, ANNUAL) for v in (0, 49, 50, 51)] == [
        MET,
        MET,
        NOT_MET,
        NOT_MET,
    ]


def test_issue6_decision10_decision3_improvement_must_beat_the_tolerance():
    spec = improve(50, tolerance=D(2))
    assert compute_status(spec, 52, ANNUAL) is NOT_MET
    assert compute_status(spec, D("52.01"), ANNUAL) is MET


def test_issue6_decision10_spec_problems_for_an_improvement():
    assert fields(basis=Basis.IMPROVE, baseline=D(5)) == []
    assert fields(basis=Basis.IMPROVE) == ["baseline"]
    assert fields(basis=Basis.IMPROVE, baseline=D(5), planned=D(6)) == ["planned"]
    for share in ("midyear_share", "ninemonth_share", "midterm_share"):
        assert fields(basis=Basis.IMPROVE, baseline=D(5), **{share: D("0.5")}) == [share]


# --- Decision 11: qualitative targets ---------------------------------------------------------


@pytest.mark.parametrize(("horizon", "checkpoint"), ALLOWED)
def test_issue6_decision11_qualitative_status_is_the_assessed_one(horizon, checkpoint):
    spec = qualitative(horizon)
    for status in statuses_at(horizon, checkpoint):
        assert compute_status(spec, None, checkpoint, assessed=status) is status
        assert compute_status(spec, None, checkpoint, assessed=status.value) is status


def test_issue6_decision11_progress_statuses_refused_at_a_yearly_checkpoint():
    for checkpoint in YEARLY:
        for status in (ON_TRACK, BEHIND):
            with pytest.raises(ValueError):
                compute_status(qualitative(), None, checkpoint, assessed=status)
    with pytest.raises(ValueError):
        compute_status(qualitative(Horizon.TERM), None, TERM_END, assessed="on_track")
    assert compute_status(qualitative(Horizon.TERM), None, MIDTERM, assessed="behind") is BEHIND


def test_issue6_decision11_no_data_is_never_assessed_and_unknown_statuses_refused():
    for horizon, checkpoint in ALLOWED:
        with pytest.raises(ValueError):
            compute_status(qualitative(horizon), None, checkpoint, assessed=NO_DATA)
    with pytest.raises(ValueError):
        compute_status(qualitative(), None, ANNUAL, assessed="great")


def test_issue6_decision11_qualitative_takes_no_value_and_others_no_assessment():
    for value in (True, False, 0, D(1)):
        with pytest.raises(TypeError):
            compute_status(qualitative(), value, ANNUAL, assessed=MET)
    for spec in (numeric(10), milestone(), zero_target(), improve(5)):
        with pytest.raises(ValueError):
            compute_status(spec, None, ANNUAL, assessed=MET)
    spec = qualitative()
    assert plan_of(spec) is None and expected_at(spec, ANNUAL) is None
    assert achievement(spec, None, ANNUAL) is None


def test_issue6_decision11_decision5_qualitative_spec_has_no_plan_tolerance_or_share():
    q = {"kind": Kind.QUALITATIVE}
    assert fields(**q) == []
    assert fields(**q, direction=LOWER) == ["direction"]
    assert fields(**q, planned=D(1)) == ["planned"]
    assert fields(**q, tolerance=D(1)) == ["tolerance"]
    assert fields(**q, midterm_share=D("0.5")) == ["midterm_share"]
    messages = [m for _, m in spec_problems(kind="qualitative", direction="lower", planned=None)]
    assert messages == ["Loại chỉ tiêu này luôn “càng cao càng tốt”."]


# --- plan_of, shares (decisions 5, 6, 8) -------------------------------------------------------


def test_issue6_decisions_5_9_10_plan_of_each_kind_and_basis():
    assert plan_of(numeric(180_000)) == 180_000
    assert plan_of(zero_target()) == 0  # decision 5: planned may be left out
    assert plan_of(TargetSpec(kind=Kind.ZERO, direction=LOWER, planned=D(0))) == 0
    assert plan_of(milestone()) is None
    assert plan_of(relative(100, 5)) == 105
    assert plan_of(improve(7)) == 7


def test_issue6_decision6_midterm_share_in_zero_one():
    assert fields(planned=D(1), midterm_share=D(1)) == []
    assert fields(planned=D(1), midterm_share=D(0)) == ["midterm_share"]
    assert fields(planned=D(1), midterm_share=D("1.01")) == ["midterm_share"]
    assert fields(kind=Kind.ZERO, direction=LOWER, midterm_share=D("0.5")) == ["midterm_share"]
    # the midterm share is independent of the yearly shares
    assert fields(planned=D(1), midyear_share=D("0.9"), midterm_share=D("0.1")) == []


def test_issue6_decisions_6_8_share_at_each_checkpoint():
    spec = numeric(100, midyear_share=D("0.4"), ninemonth_share=D("0.7"), midterm_share=D("0.5"))
    assert [share_at(spec, c) for c in Checkpoint] == [D("0.4"), D("0.7"), 1, D("0.5"), 1]
    assert share_at(spec, "midterm") == D("0.5")


# --- Achievement: "đạt 122,5% kế hoạch", "vượt 1,7" (issue 6, item 3) ------------------------


def test_issue6_item3_achievement_percent_and_excess_higher_is_better():
    result = achievement(numeric(80), 98, ANNUAL)
    assert result == Achievement(expected=D(80), percent=D("122.5"), excess=D(18))
    short = achievement(numeric(80, midyear_share=D("0.5")), D(30), MID)
    assert short == Achievement(expected=D(40), percent=D(75), excess=D(-10))
    assert achievement(term(100, midterm_share=D("0.5")), 60, MIDTERM).percent == 120


def test_issue6_item3_achievement_lower_is_better_has_excess_only():
    result = achievement(numeric(5, LOWER), D("3.3"), ANNUAL)
    assert result == Achievement(
        expected=D(5), percent=None, excess=D("1.7"), higher_is_better=False
    )  # "vượt 1,7"
    assert achievement(numeric(5, LOWER), 6, ANNUAL).excess == -1


def test_issue6_item3_achievement_without_a_positive_expectation_has_no_percent():
    assert achievement(numeric(0), 3, ANNUAL) == Achievement(D(0), None, D(3))
    assert achievement(numeric(-4), -2, ANNUAL) == Achievement(D(-4), None, D(2))
    assert achievement(zero_target(), 2, ANNUAL) == Achievement(D(0), None, D(-2), False)


def test_issue6_item3_achievement_none_when_nothing_to_compare():
    assert achievement(numeric(10), None, ANNUAL) is None
    assert achievement(milestone(), True, ANNUAL) is None
    assert achievement(numeric(10), True, ANNUAL) is None  # a yes/no is not a number
    with pytest.raises(TypeError):
        achievement(numeric(10), 1.5, ANNUAL)  # decision 4


def test_issue6_item3_achievement_of_relative_and_improvement_plans():
    assert achievement(relative(200, 10), 242, ANNUAL) == Achievement(D(220), D(110), D(22))
    # An improvement target has no plan: no percent, compared with its baseline.
    assert achievement(improve(40), 50, ANNUAL) == Achievement(
        D(40), None, D(10), against_baseline=True
    )


# Expectations whose inverse is a finite decimal (2^a × 5^b × 10^k), so value × 100 / expected
# is exactly representable.
finite_divisors = st.builds(
    lambda a, b, k: D(2**a * 5**b).scaleb(k),
    st.integers(0, 10),
    st.integers(0, 10),
    st.integers(-4, 2),
)


@given(planned=finite_divisors, value=decimals)
def test_issue6_item3_property_achievement_percent_is_exact(planned, value):
    """Issue 6, item 3 and decision 4: percent × expected == value × 100, exactly."""
    result = achievement(numeric(planned), value, ANNUAL)
    assert result.percent * result.expected == value * 100
    assert result.excess == value - planned


@example(planned=D(3), value=D(1))  # 33,33…% : a quotient at the Decimal context's precision
@given(planned=positives, value=decimals)
def test_issue6_item3_property_achievement_percent_is_the_decimal_quotient(planned, value):
    """Issue 6, item 3: percent is value × 100 / expected at 28 significant digits (shown
    rounded to 0,1; never used for a status)."""
    result = achievement(numeric(planned), value, ANNUAL)
    error = abs(result.percent * result.expected - value * 100)
    assert error <= abs(value * 100) * D("1e-26") + D("1e-26")


# --- spec_from: the spec of a stored target ----------------------------------------------------


def stored(**kw):
    base = {
        "kind": "numeric",
        "direction": "higher",
        "planned": D(10),
        "tolerance": None,
        "midyear_share": None,
        "ninemonth_share": None,
        "midterm_share": None,
        "basis": "",
        "baseline": None,
        "change_percent": None,
    }
    return SimpleNamespace(**(base | kw))


def test_issue6_item4_spec_from_a_stored_target_under_its_horizon():
    spec = spec_from(stored())
    assert spec == TargetSpec(kind=Kind.NUMERIC, direction=HIGHER, planned=D(10))
    assert spec.tolerance == 0 and spec.basis is Basis.FIXED and spec.horizon is Horizon.ANNUAL
    term_spec = spec_from(
        stored(
            basis="relative",
            planned=None,
            baseline=D(200),
            change_percent=D(10),
            midterm_share=D("0.5"),
            tolerance=D(1),
        ),
        "term",
    )
    assert term_spec.horizon is Horizon.TERM and term_spec.basis is Basis.RELATIVE
    assert term_spec.tolerance == 1 and expected_at(term_spec, MIDTERM) == 110
    assert compute_status(term_spec, 110, MIDTERM) is ON_TRACK


def test_issue6_spec_from_refuses_an_inconsistent_target():
    with pytest.raises(ValueError, match="planned"):
        spec_from(stored(planned=None))
    with pytest.raises(ValueError):
        spec_from(stored(), horizon="decade")


def test_issue6_target_spec_converts_new_fields():
    spec = TargetSpec(
        kind="numeric",
        direction="lower",
        basis="relative",
        baseline=200,
        change_percent=10,
        midterm_share=D("0.5"),
        horizon="term",
    )  # type: ignore[arg-type]
    assert spec.basis is Basis.RELATIVE and spec.horizon is Horizon.TERM
    assert isinstance(spec.baseline, Decimal) and isinstance(spec.change_percent, Decimal)
    assert plan_of(spec) == 180
    with pytest.raises(TypeError):
        TargetSpec(kind="numeric", direction="higher", basis="improve", baseline=1.5)  # type: ignore[arg-type]


# --- Manual override with the seven statuses (issue 3, issue 6 item 1) ------------------------


def test_issue6_item1_override_accepts_the_new_statuses_with_a_reason():
    assert effective_status(BEHIND, ON_TRACK, "Đã đối chiếu số liệu giữa nhiệm kỳ") is ON_TRACK
    assert effective_status(NO_DATA, "not_started", "Chi bộ báo chưa triển khai") is NOT_STARTED
    with pytest.raises(ValueError):
        effective_status(NO_DATA, MET, " ")


# --- Properties -------------------------------------------------------------------------------


@given(data=st.data(), a=decimals, b=decimals, activity=st.booleans())
@pytest.mark.parametrize("direction", list(Direction))
@pytest.mark.parametrize(("horizon", "checkpoint"), ALLOWED)
def test_issue6_decisions_3_8_9_10_property_monotone_by_rank(
    direction, horizon, checkpoint, data, a, b, activity
):
    """Decisions 3, 8, 9, 10: a better value never gets a lower-ranked status, in yearly and in
    progress mode, higher- and lower-is-better, for every plan basis; no value ranks lowest."""
    spec = data.draw(numeric_specs(direction, horizon))
    worse, better = sorted((a, b)) if direction is HIGHER else sorted((a, b), reverse=True)
    s_worse = compute_status(spec, worse, checkpoint, activity_recorded=activity)
    s_better = compute_status(spec, better, checkpoint, activity_recorded=activity)
    assert s_worse.rank <= s_better.rank
    nothing = compute_status(spec, None, checkpoint, activity_recorded=activity)
    assert nothing.rank <= s_worse.rank


@given(a=st.integers(0, 1000), b=st.integers(0, 1000), pair=allowed)
def test_issue6_decision5_property_zero_target_monotone_by_rank(a, b, pair):
    horizon, checkpoint = pair
    few, many = sorted((a, b))
    spec = zero_target(horizon)
    assert compute_status(spec, many, checkpoint).rank <= compute_status(spec, few, checkpoint).rank


@given(
    data=st.data(),
    direction=st.sampled_from(Direction),
    value=st.none() | decimals,
    activity=st.booleans(),
)
def test_issue6_decision8_property_never_not_met_at_a_progress_checkpoint(
    data, direction, value, activity
):
    """Decision 8: at a progress checkpoint a numeric / percentage target is never chưa đạt —
    chưa đạt tiến độ instead."""
    spec = data.draw(numeric_specs(direction, Horizon.TERM))
    status = compute_status(spec, value, MIDTERM, activity_recorded=activity)
    assert status is not NOT_MET
    if value is not None and not status.achieved:
        assert status in (ON_TRACK, BEHIND)


@given(
    data=st.data(),
    pair=yearly_allowed,
    direction=st.sampled_from(Direction),
    value=st.none() | decimals,
    activity=st.booleans(),
    done=st.none() | st.booleans(),
    cases=st.none() | st.integers(0, 5),
)
def test_issue6_decision8_property_never_progress_statuses_at_a_yearly_checkpoint(
    data, pair, direction, value, activity, done, cases
):
    """Decision 8 (and item 4): đạt tiến độ / chưa đạt tiến độ only at a progress checkpoint;
    every kind, including a term resolution's end."""
    horizon, checkpoint = pair
    spec = data.draw(numeric_specs(direction, horizon))
    statuses = [
        compute_status(spec, value, checkpoint, activity_recorded=activity),
        compute_status(milestone(horizon), done, checkpoint, activity_recorded=activity),
        compute_status(zero_target(horizon), cases, checkpoint, activity_recorded=activity),
        compute_status(qualitative(horizon), None, checkpoint, activity_recorded=activity),
    ]
    assert not any(s.progress_only for s in statuses)


@given(data=st.data(), direction=st.sampled_from(Direction), value=decimals)
def test_issue6_decision8_property_progress_rule_against_the_term_end_and_the_share(
    data, direction, value
):
    """Decision 8: at the midterm, a value that is đạt / vượt against the full plan keeps that
    status; otherwise it is đạt tiến độ iff it reaches the pro-rata share of the plan."""
    spec = data.draw(numeric_specs(direction, Horizon.TERM, bases=(Basis.FIXED, Basis.RELATIVE)))
    at_end = compute_status(spec, value, TERM_END)
    at_mid = compute_status(spec, value, MIDTERM)
    if at_end.achieved and direction is HIGHER:
        assert at_mid is at_end
    else:
        pro_rata = TargetSpec(
            kind=spec.kind,
            direction=direction,
            planned=expected_at(spec, MIDTERM),
            tolerance=spec.tolerance,
        )
        reaches_share = compute_status(pro_rata, value, ANNUAL).achieved
        assert at_mid is (ON_TRACK if reaches_share else BEHIND)


@given(
    baseline=decimals,
    tol=non_negative,
    value=decimals,
    direction=st.sampled_from(Direction),
    pair=allowed,
)
def test_issue6_decision10_property_improvement_never_exceeded(
    baseline, tol, value, direction, pair
):
    """Decision 10: đạt iff strictly better than the baseline by more than the tolerance; never
    vượt, never đạt tiến độ."""
    horizon, checkpoint = pair
    spec = improve(baseline, direction, tolerance=tol, horizon=horizon)
    status = compute_status(spec, value, checkpoint)
    gain = value - baseline if direction is HIGHER else baseline - value
    assert status is not EXCEEDED and status is not ON_TRACK
    assert (status is MET) == (gain > tol)


@given(pair=allowed, status=st.sampled_from(Status), activity=st.booleans())
def test_issue6_decision11_property_qualitative_returns_the_assessed_status(pair, status, activity):
    """Decision 11: exactly the assessed status when it can be chosen there; ValueError for a
    progress status at a yearly checkpoint (and for không có số liệu anywhere)."""
    horizon, checkpoint = pair
    spec = qualitative(horizon)
    can_choose = status is not NO_DATA and (
        is_progress(horizon, checkpoint) or not status.progress_only
    )
    assert can_choose == (status in statuses_at(horizon, checkpoint))
    if can_choose:
        assert compute_status(
            spec, None, checkpoint, assessed=status, activity_recorded=activity
        ) is (status)
    else:
        with pytest.raises(ValueError):
            compute_status(spec, None, checkpoint, assessed=status, activity_recorded=activity)


@given(data=st.data(), direction=st.sampled_from(Direction), value=decimals, pair=allowed)
def test_issue6_item3_property_achievement_agrees_with_the_status(data, direction, value, pair):
    """Issue 6, item 3 and decision 3: in yearly mode, excess > tolerance iff vượt, and
    excess < −tolerance iff chưa đạt; the excess is exact."""
    horizon, checkpoint = pair
    spec = data.draw(numeric_specs(direction, horizon, bases=(Basis.FIXED, Basis.RELATIVE)))
    result = achievement(spec, value, checkpoint)
    expected = expected_at(spec, checkpoint)
    assert result.expected == expected
    assert result.excess == (value - expected if direction is HIGHER else expected - value)
    if not is_progress(horizon, checkpoint):
        status = compute_status(spec, value, checkpoint)
        assert (status is EXCEEDED) == (result.excess > spec.tolerance)
        assert (status is NOT_MET) == (result.excess < -spec.tolerance)


def test_issue6_item1_enums_with_equal_values_keep_their_own_labels():
    """``Horizon.ANNUAL`` and ``Checkpoint.ANNUAL`` are both "annual" (equal as strings): each
    keeps its own label (the resolution form once offered "Tổng kết năm" as a kind of
    resolution)."""
    from dangbo.targets.rules import Basis, Labelled, Noun, Rollup
    from dangbo.targets.summary import Form

    assert Horizon.ANNUAL == Checkpoint.ANNUAL
    assert Horizon.ANNUAL.label == "Nghị quyết năm"
    assert Checkpoint.ANNUAL.label == "Tổng kết năm"
    assert dict(Horizon.choices())["annual"] == "Nghị quyết năm"
    enums: list[type[Labelled]] = [
        Status, Kind, Direction, Basis, Horizon, Checkpoint, Rollup, Noun, Form,
    ]  # fmt: skip
    for enum in enums:
        labels = [m.label for m in enum]
        assert all(labels) and len(set(labels)) == len(labels), enum
