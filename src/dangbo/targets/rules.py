"""Target (chỉ tiêu) rules. Pure functions over plain values; no ORM, no request.

Implements the targets issues (#3, #6) and domain-rules decision 6: the status of a target at a
checkpoint is computed, never typed (except a qualitative target, whose status is chosen with a
written assessment, and a manual override, which needs a reason).

One vocabulary everywhere (issue 6, item 1) — these enums are also the models' choices:

- Statuses: Vượt (exceeded), Đạt (met), Đạt tiến độ / Chưa đạt tiến độ (on track / behind, for
  multi-year targets at a progress checkpoint of a term resolution), Chưa đạt (not met), Chưa
  thực hiện (not started: the report says so), Không có số liệu (no report at all). "Đạt và
  vượt" is always Vượt + Đạt (``Status.achieved``).
- Kinds: numeric with a unit, percentage, yes/no milestone, "không để xảy ra …" (zero target),
  qualitative (assessed in words).
- Plan basis: a fixed planned number; relative to a baseline ("giảm 10% so với năm 2022": the
  plan is computed from the baseline); improvement with no numeric plan ("tăng so với năm
  trước": better than the baseline is đạt).
- Checkpoints: sơ kết 6 tháng, 9 tháng, tổng kết năm for a yearly resolution; sơ kết giữa nhiệm
  kỳ and tổng kết nhiệm kỳ for a term resolution (congress resolution for 5 years).

Decisions (documented here, tested in tests/targets/test_rules_status.py):

1. No report and no activity → không có số liệu; a report that says the work has not started →
   chưa thực hiện; a recorded 0 is a value and is compared like any other.
2. No value but activity recorded (progress notes, a milestone marked not done) → chưa đạt
   (chưa đạt tiến độ at a progress checkpoint).
3. Tolerance is absolute, in the target's unit, the same at every checkpoint, and symmetric:
   |value − expected| ≤ tolerance → đạt. Vượt only strictly beyond expected + tolerance in the
   good direction; chưa đạt only strictly beyond it in the bad direction.
4. No rounding anywhere (Decimal throughout; ints are accepted, floats and bools are refused as
   numbers). A pro-rata expectation of 13 × 0.5 is 6.5: 6 is chưa đạt, 7 is vượt.
5. A milestone is done (đạt) or not; a zero target is đạt at 0 and chưa đạt above 0. Neither can
   be vượt, and neither takes a tolerance, a pro-rata share or another plan basis. A milestone is
   higher-is-better, a zero target lower-is-better.
6. A checkpoint's share is independent of the others: ``None`` means the full plan applies at
   that checkpoint. Shares lie in (0, 1]; the 9-month share is not below the mid-year share.
7. The "min" roll-up (``Rollup.MIN``) is the *weakest cell*: the minimum for a higher-is-better
   target, the maximum for a lower-is-better one.
8. Progress checkpoints (every checkpoint of a term resolution but the term's end): a
   higher-is-better value that already reaches the full plan is đạt / vượt; one that reaches
   the pro-rata share of the plan (``midterm_share``; ``None`` = the full plan) is đạt tiến độ;
   short of it, chưa đạt tiến độ. A lower-is-better value is never final before the term's end
   ("at most 10 incidents in the term": 6 at mid-term with a share of ½ is chưa đạt tiến độ,
   3 is đạt tiến độ).
   A zero target with a case is chưa đạt (nothing can undo it); an improvement target better
   than its baseline is đạt, else chưa đạt tiến độ.
9. Relative plan: expected = baseline × (1 + change/100) when higher is better, baseline × (1 −
   change/100) when lower is better; ``change_percent`` is the size of the change (> 0).
10. Improvement (no numeric plan): strictly better than the baseline by more than the tolerance
    → đạt; otherwise chưa đạt. Never vượt (there is no plan to exceed).
11. A qualitative target's status is the one chosen in its assessment; at a yearly checkpoint
    the progress statuses cannot be chosen, and at a progress checkpoint they can.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

Number = Decimal | int
Value = Decimal | int | bool | None


class Labelled(StrEnum):
    """A StrEnum whose members have a translated ``label``; ``choices()`` serves model fields
    and forms (Django accepts a callable for ``choices``), so the models carry no second enum.

    Labels are registered per enum class (``register_labels``): members of different enums
    with the same value — ``Horizon.ANNUAL`` and ``Checkpoint.ANNUAL`` are both "annual" and
    equal as strings — keep their own labels."""

    @property
    def label(self) -> str:
        return str(_LABELS[(type(self), self.value)])

    @classmethod
    def choices(cls) -> list[tuple[str, Promise]]:
        return [(m.value, _LABELS[(cls, m.value)]) for m in cls]


_LABELS: dict[tuple[type, str], Promise] = {}


def register_labels(labels: Iterable[tuple[Labelled, Promise]]) -> None:
    """Give members of ``Labelled`` enums their translated labels: (member, label) pairs, not a
    dict, whose keys would merge equal values of different enums."""
    for member, label in labels:
        _LABELS[(type(member), member.value)] = label


class Status(Labelled):
    """Status of a target at a checkpoint (issue 6, item 1)."""

    EXCEEDED = "exceeded"
    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NOT_MET = "not_met"
    NOT_STARTED = "not_started"
    NO_DATA = "no_data"

    @property
    def achieved(self) -> bool:
        """Counted in "đạt và vượt" (vượt + đạt), everywhere."""
        return self in (Status.EXCEEDED, Status.MET)

    @property
    def rank(self) -> int:
        """Worst to best, for comparisons and properties: không có số liệu (0) < chưa thực
        hiện < chưa đạt < chưa đạt tiến độ < đạt tiến độ < đạt < vượt (6)."""
        return _RANKS.index(self)

    @property
    def progress_only(self) -> bool:
        """Only meaningful at a progress checkpoint of a term resolution (decision 8)."""
        return self in (Status.ON_TRACK, Status.BEHIND)


_RANKS = [
    Status.NO_DATA,
    Status.NOT_STARTED,
    Status.NOT_MET,
    Status.BEHIND,
    Status.ON_TRACK,
    Status.MET,
    Status.EXCEEDED,
]


class Kind(Labelled):
    """Kind of target (issues 3 and 6)."""

    NUMERIC = "numeric"  # "khám 180.000 lượt", "kết nạp 10 đảng viên"
    PERCENTAGE = "percentage"  # "100% đảng viên được học tập nghị quyết"
    MILESTONE = "milestone"  # "đưa vào hoạt động hệ thống bệnh án điện tử"
    ZERO = "zero"  # "không để xảy ra sai sót chuyên môn nghiêm trọng"
    QUALITATIVE = "qualitative"  # "nâng cao chất lượng sinh hoạt chi bộ": assessed in words


class Direction(Labelled):
    HIGHER = "higher"
    LOWER = "lower"


class Basis(Labelled):
    """How the plan of a numeric or percentage target is stated (issue 6, item 3)."""

    FIXED = "fixed"  # a planned number: "180.000 lượt"
    RELATIVE = "relative"  # "giảm 10% so với năm 2022": computed from the baseline
    IMPROVE = "improve"  # "tăng so với năm trước": no numeric plan


class Horizon(Labelled):
    """A resolution for a year, or a congress resolution for the whole term (issue 6, item 4)."""

    ANNUAL = "annual"
    TERM = "term"


class Checkpoint(Labelled):
    MIDYEAR = "midyear"
    NINEMONTH = "ninemonth"
    ANNUAL = "annual"
    MIDTERM = "midterm"
    TERM_END = "term_end"


class Rollup(Labelled):
    """How cells' sub-target values roll up (issue 3). ``MIN`` is the weakest cell."""

    SUM = "sum"
    AVERAGE = "average"
    MIN = "min"


class Noun(Labelled):
    """What a group's items are called in its summary (issue 6, item 2)."""

    MAIN_TARGETS = "main_targets"
    TARGETS = "targets"
    KEY_TASKS = "key_tasks"
    CRITERIA = "criteria"


# The words of a noun: (opening noun, counted unit): "13 chỉ tiêu chủ yếu … 7 chỉ tiêu".
NOUN_WORDS = {
    Noun.MAIN_TARGETS: ("chỉ tiêu chủ yếu", "chỉ tiêu"),
    Noun.TARGETS: ("chỉ tiêu", "chỉ tiêu"),
    Noun.KEY_TASKS: ("nhiệm vụ trọng tâm", "nhiệm vụ"),
    Noun.CRITERIA: ("tiêu chí", "tiêu chí"),
}

register_labels(
    [
        (Status.EXCEEDED, gettext_lazy("vượt")),
        (Status.MET, gettext_lazy("đạt")),
        (Status.ON_TRACK, gettext_lazy("đạt tiến độ")),
        (Status.BEHIND, gettext_lazy("chưa đạt tiến độ")),
        (Status.NOT_MET, gettext_lazy("chưa đạt")),
        (Status.NOT_STARTED, gettext_lazy("chưa thực hiện")),
        (Status.NO_DATA, gettext_lazy("không có số liệu")),
        (Kind.NUMERIC, gettext_lazy("Số lượng")),
        (Kind.PERCENTAGE, gettext_lazy("Tỷ lệ (%)")),
        (Kind.MILESTONE, gettext_lazy("Hoàn thành / chưa hoàn thành")),
        (Kind.ZERO, gettext_lazy("Không để xảy ra")),
        (Kind.QUALITATIVE, gettext_lazy("Định tính (đánh giá bằng lời)")),
        (Direction.HIGHER, gettext_lazy("Càng cao càng tốt")),
        (Direction.LOWER, gettext_lazy("Càng thấp càng tốt")),
        (Basis.FIXED, gettext_lazy("Kế hoạch là một con số")),
        (Basis.RELATIVE, gettext_lazy("Tăng/giảm % so với năm gốc")),
        (Basis.IMPROVE, gettext_lazy("Tốt hơn năm gốc (không có số kế hoạch)")),
        (Horizon.ANNUAL, gettext_lazy("Nghị quyết năm")),
        (Horizon.TERM, gettext_lazy("Nghị quyết nhiệm kỳ")),
        (Checkpoint.MIDYEAR, gettext_lazy("Sơ kết 6 tháng")),
        (Checkpoint.NINEMONTH, gettext_lazy("9 tháng")),
        (Checkpoint.ANNUAL, gettext_lazy("Tổng kết năm")),
        (Checkpoint.MIDTERM, gettext_lazy("Sơ kết giữa nhiệm kỳ")),
        (Checkpoint.TERM_END, gettext_lazy("Tổng kết nhiệm kỳ")),
        (Rollup.SUM, gettext_lazy("Tổng các chi bộ")),
        (Rollup.AVERAGE, gettext_lazy("Trung bình các chi bộ")),
        (Rollup.MIN, gettext_lazy("Chi bộ kém nhất (thấp nhất; cao nhất nếu càng thấp càng tốt)")),
        (Noun.MAIN_TARGETS, gettext_lazy("chỉ tiêu chủ yếu")),
        (Noun.TARGETS, gettext_lazy("chỉ tiêu")),
        (Noun.KEY_TASKS, gettext_lazy("nhiệm vụ trọng tâm")),
        (Noun.CRITERIA, gettext_lazy("tiêu chí")),
    ]
)

# Decision 5: the direction of these kinds is fixed.
FIXED_DIRECTION = {
    Kind.MILESTONE: Direction.HIGHER,
    Kind.ZERO: Direction.LOWER,
    Kind.QUALITATIVE: Direction.HIGHER,
}
NUMERIC_KINDS = (Kind.NUMERIC, Kind.PERCENTAGE)
HORIZON_CHECKPOINTS = {
    Horizon.ANNUAL: (Checkpoint.MIDYEAR, Checkpoint.NINEMONTH, Checkpoint.ANNUAL),
    Horizon.TERM: (Checkpoint.MIDTERM, Checkpoint.TERM_END),
}
FINAL_CHECKPOINTS = (Checkpoint.ANNUAL, Checkpoint.TERM_END)


def as_decimal(value: Number) -> Decimal:
    """A finite Decimal from a Decimal or an int (decision 4: floats and bools are refused)."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"expected Decimal or int, got {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value}")
    return number


def _optional_decimal(value: Number | None) -> Decimal | None:
    return None if value is None else as_decimal(value)


def checkpoint_allowed(horizon: Horizon | str, checkpoint: Checkpoint | str) -> bool:
    """Issue 6, item 4: 6 tháng, 9 tháng, cả năm for a yearly resolution; giữa nhiệm kỳ and
    cuối nhiệm kỳ for a term resolution."""
    return Checkpoint(checkpoint) in HORIZON_CHECKPOINTS[Horizon(horizon)]


def is_progress(horizon: Horizon | str, checkpoint: Checkpoint | str) -> bool:
    """Decision 8: every checkpoint of a term resolution but its end measures progress."""
    return Horizon(horizon) is Horizon.TERM and Checkpoint(checkpoint) is not Checkpoint.TERM_END


def statuses_at(horizon: Horizon | str, checkpoint: Checkpoint | str) -> list[Status]:
    """The statuses that can be chosen (qualitative assessment, override) at a checkpoint
    (decision 11); "không có số liệu" is never chosen, it is the absence of a report."""
    progress = is_progress(horizon, checkpoint)
    return [s for s in Status if s is not Status.NO_DATA and (progress or not s.progress_only)]


def spec_problems(
    *,
    kind: Kind | str,
    direction: Direction | str,
    planned: Number | None,
    tolerance: Number = ZERO,
    midyear_share: Number | None = None,
    ninemonth_share: Number | None = None,
    midterm_share: Number | None = None,
    basis: Basis | str = Basis.FIXED,
    baseline: Number | None = None,
    change_percent: Number | None = None,
) -> list[tuple[str, str]]:
    """Consistency of a target's definition (issues 3 and 6, decisions 3, 5, 6, 9, 10):
    (field, Vietnamese message) for each problem; empty when the target can be evaluated."""
    kind, direction, basis = Kind(kind), Direction(direction), Basis(basis)
    planned_d, tolerance_d = _optional_decimal(planned), as_decimal(tolerance)
    baseline_d, change_d = _optional_decimal(baseline), _optional_decimal(change_percent)
    shares = {
        "midyear_share": _optional_decimal(midyear_share),
        "ninemonth_share": _optional_decimal(ninemonth_share),
        "midterm_share": _optional_decimal(midterm_share),
    }
    problems: list[tuple[str, str]] = []
    fixed = FIXED_DIRECTION.get(kind)
    if fixed is not None and direction is not fixed:
        problems.append(
            (
                "direction",
                gettext("Loại chỉ tiêu này luôn “%(direction)s”.")
                % {"direction": fixed.label.lower()},
            )
        )
    if kind not in NUMERIC_KINDS and basis is not Basis.FIXED:
        problems.append(("basis", gettext("Loại chỉ tiêu này không tính so với năm gốc.")))
    if kind in NUMERIC_KINDS and basis is Basis.FIXED and planned_d is None:
        problems.append(("planned", gettext("Chưa nhập giá trị kế hoạch.")))
    if basis is not Basis.FIXED:
        if baseline_d is None:
            problems.append(("baseline", gettext("Chưa nhập giá trị của năm gốc.")))
        if planned_d is not None:
            problems.append(
                ("planned", gettext("Kế hoạch được tính từ năm gốc; để trống ô kế hoạch."))
            )
    if basis is Basis.RELATIVE and (change_d is None or change_d <= 0):
        problems.append(
            ("change_percent", gettext("Nhập mức tăng/giảm so với năm gốc (số % lớn hơn 0)."))
        )
    if basis is not Basis.RELATIVE and change_d is not None:
        problems.append(
            ("change_percent", gettext("Chỉ nhập mức tăng/giảm khi kế hoạch tính theo năm gốc."))
        )
    if kind in (Kind.MILESTONE, Kind.QUALITATIVE) and planned_d is not None:
        problems.append(("planned", gettext("Loại chỉ tiêu này không có giá trị kế hoạch số.")))
    if kind is Kind.ZERO and planned_d not in (None, ZERO):
        problems.append(("planned", gettext("Chỉ tiêu “không để xảy ra” có kế hoạch bằng 0.")))
    if tolerance_d < 0:
        problems.append(("tolerance", gettext("Sai số cho phép không được âm.")))
    elif tolerance_d and kind in FIXED_DIRECTION:
        problems.append(("tolerance", gettext("Loại chỉ tiêu này không có sai số cho phép.")))
    for name, share in shares.items():
        if share is None:
            continue
        if kind in FIXED_DIRECTION or basis is Basis.IMPROVE:
            problems.append((name, gettext("Chỉ tiêu này không tính theo tỷ lệ thời gian.")))
        elif not ZERO < share <= ONE:
            problems.append((name, gettext("Tỷ lệ kế hoạch của kỳ phải lớn hơn 0 và không quá 1.")))
    mid, nine = shares["midyear_share"], shares["ninemonth_share"]
    if mid is not None and nine is not None and nine < mid:
        problems.append(
            ("ninemonth_share", gettext("Tỷ lệ 9 tháng không được thấp hơn tỷ lệ 6 tháng."))
        )
    return problems


@dataclass(frozen=True, kw_only=True)
class TargetSpec:
    """What the status rule needs to know about a target (issues 3 and 6).

    ``planned`` is the plan for the resolution's horizon (the year or the term); ``tolerance``
    an absolute band around the expectation (decision 3); the shares are the pro-rata part of
    the plan expected at those checkpoints, ``None`` for the full plan (decisions 6 and 8);
    ``basis``, ``baseline`` and ``change_percent`` state a plan relative to a baseline
    (decisions 9, 10); ``horizon`` is the resolution's. Strings are accepted for the enums and
    ints for the numbers; an inconsistent spec raises ValueError (see spec_problems)."""

    kind: Kind
    direction: Direction
    planned: Decimal | None = None
    tolerance: Decimal = field(default=ZERO)
    midyear_share: Decimal | None = None
    ninemonth_share: Decimal | None = None
    midterm_share: Decimal | None = None
    basis: Basis = Basis.FIXED
    baseline: Decimal | None = None
    change_percent: Decimal | None = None
    horizon: Horizon = Horizon.ANNUAL

    def __post_init__(self) -> None:
        problems = spec_problems(
            kind=self.kind,
            direction=self.direction,
            planned=self.planned,
            tolerance=self.tolerance,
            midyear_share=self.midyear_share,
            ninemonth_share=self.ninemonth_share,
            midterm_share=self.midterm_share,
            basis=self.basis,
            baseline=self.baseline,
            change_percent=self.change_percent,
        )
        if problems:
            raise ValueError("; ".join(f"{name}: {message}" for name, message in problems))
        for name, enum in (
            ("kind", Kind),
            ("direction", Direction),
            ("basis", Basis),
            ("horizon", Horizon),
        ):
            object.__setattr__(self, name, enum(getattr(self, name)))
        object.__setattr__(self, "tolerance", as_decimal(self.tolerance))
        for name in (
            "planned",
            "midyear_share",
            "ninemonth_share",
            "midterm_share",
            "baseline",
            "change_percent",
        ):
            object.__setattr__(self, name, _optional_decimal(getattr(self, name)))


def plan_of(spec: TargetSpec) -> Decimal | None:
    """The full plan of a target (decisions 5, 9, 10): the planned number, the plan computed
    from the baseline, the baseline itself for an improvement target, 0 for a zero target;
    ``None`` for a milestone or a qualitative target."""
    if spec.kind is Kind.ZERO:
        return ZERO
    if spec.kind not in NUMERIC_KINDS:
        return None
    if spec.basis is Basis.FIXED:
        return spec.planned
    assert spec.baseline is not None  # spec_problems guarantees it
    if spec.basis is Basis.IMPROVE:
        return spec.baseline
    assert spec.change_percent is not None
    sign = ONE if spec.direction is Direction.HIGHER else -ONE
    return spec.baseline * (ONE + sign * spec.change_percent / HUNDRED)


def share_at(spec: TargetSpec, checkpoint: Checkpoint | str) -> Decimal:
    """The part of the plan expected at a checkpoint (decisions 6 and 8; ``None`` = all)."""
    share = {
        Checkpoint.MIDYEAR: spec.midyear_share,
        Checkpoint.NINEMONTH: spec.ninemonth_share,
        Checkpoint.MIDTERM: spec.midterm_share,
    }.get(Checkpoint(checkpoint))
    return ONE if share is None else share


def expected_at(spec: TargetSpec, checkpoint: Checkpoint | str) -> Decimal | None:
    """The value a target must reach at a checkpoint: its plan × the checkpoint's share
    (decisions 4–10). ``None`` for a milestone or a qualitative target."""
    plan = plan_of(spec)
    if plan is None:
        return None
    return plan * share_at(spec, checkpoint)


def _gain(spec: TargetSpec, number: Decimal, reference: Decimal) -> Decimal:
    """How much better than ``reference`` the value is, in the target's direction."""
    return number - reference if spec.direction is Direction.HIGHER else reference - number


def compute_status(
    spec: TargetSpec,
    value: Value,
    checkpoint: Checkpoint | str,
    *,
    activity_recorded: bool = False,
    not_started: bool = False,
    assessed: Status | str | None = None,
) -> Status:
    """Status of a target at a checkpoint (issues 3 and 6; domain-rules decision 6).

    - ``not_started``: the report says the work has not started → chưa thực hiện (decision 1);
    - no value: không có số liệu if nothing is recorded, else chưa đạt (decisions 1–2);
    - qualitative: the ``assessed`` status (decision 11);
    - milestone: done = đạt; not done = chưa đạt;
    - zero target: 0 cases = đạt, any case = chưa đạt (decision 5);
    - numeric and percentage: compared with the expectation in the target's direction
      (decisions 3, 9, 10), or by the progress rule at a progress checkpoint (decision 8).
    ``activity_recorded`` is only consulted when there is no value (a value is activity).
    """
    checkpoint = Checkpoint(checkpoint)
    progress = is_progress(spec.horizon, checkpoint)
    short = Status.BEHIND if progress else Status.NOT_MET
    if not_started:
        if value is not None or assessed is not None:
            raise ValueError("a target reported as not started has no value")
        return Status.NOT_STARTED
    if spec.kind is Kind.QUALITATIVE:
        if value is not None:
            raise TypeError("a qualitative target is assessed, it takes no value")
        if assessed is None:
            return short if activity_recorded else Status.NO_DATA
        status = Status(assessed)
        if status not in statuses_at(spec.horizon, checkpoint):
            raise ValueError(f"{status} cannot be chosen at {checkpoint}")
        return status
    if assessed is not None:
        raise ValueError("only a qualitative target takes an assessed status")
    if value is None:
        return short if activity_recorded else Status.NO_DATA
    if spec.kind is Kind.MILESTONE:
        if not isinstance(value, bool):
            raise TypeError("a milestone takes True (done), False (not done) or None")
        return Status.MET if value else short
    if isinstance(value, bool):
        raise TypeError(f"a {spec.kind} target takes a number, not a yes/no value")
    number = as_decimal(value)
    if spec.kind is Kind.ZERO:
        if number < 0 or number != number.to_integral_value():
            raise ValueError(f"a zero target counts cases: {value} is not a count")
        return Status.MET if number == 0 else Status.NOT_MET
    plan = plan_of(spec)
    assert plan is not None
    if spec.basis is Basis.IMPROVE:
        return Status.MET if _gain(spec, number, plan) > spec.tolerance else short
    if (
        progress
        and spec.direction is Direction.HIGHER
        and _gain(spec, number, plan) >= -spec.tolerance
    ):
        # Decision 8: the full plan is already reached at a progress checkpoint.
        return _against(spec, number, plan, short)
    expected = plan * share_at(spec, checkpoint)
    status = _against(spec, number, expected, short)
    if progress and status.achieved:
        return Status.ON_TRACK
    return status


def _against(spec: TargetSpec, number: Decimal, expected: Decimal, short: Status) -> Status:
    """Decision 3: beyond the tolerance on the good side = vượt, within it = đạt."""
    gain = _gain(spec, number, expected)
    if gain > spec.tolerance:
        return Status.EXCEEDED
    if gain >= -spec.tolerance:
        return Status.MET
    return short


@dataclass(frozen=True)
class Achievement:
    """How a value compares with the expectation (issue 6, item 3): ``percent`` of the plan
    ("đạt 122,5% kế hoạch", higher-is-better targets with a positive expectation only) and the
    ``excess`` in the target's unit, positive when better ("vượt 1,7"). ``excess`` is exact;
    ``percent`` is a Decimal quotient (28 significant digits, the Decimal context), rounded
    only for display — it is shown, never compared (statuses never use it)."""

    expected: Decimal
    percent: Decimal | None
    excess: Decimal
    higher_is_better: bool = True
    against_baseline: bool = False  # an improvement target is compared with its baseline


def achievement(spec: TargetSpec, value: Value, checkpoint: Checkpoint | str) -> Achievement | None:
    """``None`` when there is nothing to compare (no number, no numeric expectation)."""
    expected = expected_at(spec, checkpoint)
    if expected is None or value is None or isinstance(value, bool):
        return None
    number = as_decimal(value)
    improve = spec.basis is Basis.IMPROVE
    percent = None
    if spec.direction is Direction.HIGHER and expected > 0 and spec.kind is not Kind.ZERO:
        percent = None if improve else number * HUNDRED / expected
    return Achievement(
        expected=expected,
        percent=percent,
        excess=_gain(spec, number, expected),
        higher_is_better=spec.direction is Direction.HIGHER,
        against_baseline=improve,
    )


def rollup(
    values: Iterable[Number | None], method: Rollup | str, *, direction: Direction | str
) -> Decimal | None:
    """Roll the cells' sub-target values up into the target's value (issue 3: sum, average or
    min, chosen per target). Cells that reported nothing (``None``) are left out; ``None`` when
    no cell reported. ``MIN`` is the weakest cell (decision 7). No rounding."""
    method, direction = Rollup(method), Direction(direction)
    numbers = [as_decimal(v) for v in values if v is not None]
    if not numbers:
        return None
    if method is Rollup.SUM:
        return sum(numbers, ZERO)
    if method is Rollup.AVERAGE:
        return sum(numbers, ZERO) / len(numbers)
    return min(numbers) if direction is Direction.HIGHER else max(numbers)


def effective_status(computed: Status, override: Status | str | None, reason: str) -> Status:
    """The status shown: the computed one, unless a manual override is given (issue 3: a manual
    override exists only with a written reason and shows in the audit history — the service
    that stores it writes the history). Raises ValueError for an override without a reason."""
    if override is None:
        return computed
    if not reason.strip():
        raise ValueError(gettext("Ghi đè trạng thái phải có lý do bằng văn bản."))
    return Status(override)


def spec_from(target: Any, horizon: Horizon | str = Horizon.ANNUAL) -> TargetSpec:
    """The spec of a stored target (any object with the target's attributes) under its
    resolution's horizon."""
    return TargetSpec(
        kind=target.kind,
        direction=target.direction,
        planned=target.planned,
        tolerance=target.tolerance or ZERO,
        midyear_share=target.midyear_share,
        ninemonth_share=target.ninemonth_share,
        midterm_share=target.midterm_share,
        basis=target.basis or Basis.FIXED,
        baseline=target.baseline,
        change_percent=target.change_percent,
        horizon=Horizon(horizon),
    )
