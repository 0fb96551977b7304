"""Target (chỉ tiêu) rules. Pure functions over plain values; no ORM, no request.

Implements the targets issue (issue 3) and domain-rules decision 6: the status of a target at a
checkpoint is computed, never typed.

- Statuses: đạt và vượt (exceeded), đạt (met), chưa đạt (not met), chưa thực hiện (not started).
- Kinds: numeric with a unit, percentage, yes/no milestone, and "không để xảy ra …" (zero
  target: no case of something may happen).
- Checkpoints: sơ kết 6 tháng (mid-year), optional 9 tháng, tổng kết năm (year-end). A target
  may declare a pro-rata share of its yearly plan for the mid-year and 9-month checkpoints.
- Sub-targets assigned to cells roll up by sum, average or the weakest cell.
- A manual override of the computed status needs a written reason (the audit history is kept by
  the service that stores it).

Decisions (documented here, tested in tests/targets/test_rules_status.py):

1. A recorded value is activity. "Chưa thực hiện" only when no value is recorded *and* no
   activity is recorded by the checkpoint; a recorded 0 is a value and is compared like any other.
2. No value but activity recorded (progress notes, a milestone marked not done) → chưa đạt: work
   has started and the plan is not (demonstrably) reached.
3. Tolerance is absolute, in the target's unit, the same at every checkpoint, and symmetric:
   |value − expected| ≤ tolerance → đạt. Đạt và vượt only strictly beyond expected + tolerance
   in the good direction; chưa đạt only strictly beyond it in the bad direction.
4. No rounding anywhere (Decimal throughout; ints are accepted, floats and bools are refused as
   numbers). A pro-rata expectation of 13 × 0.5 is 6.5: 6 is chưa đạt, 7 is đạt và vượt.
5. A milestone is done (đạt) or not; a zero target is đạt at 0 and chưa đạt above 0. Neither can
   be đạt và vượt, and neither takes a tolerance or a pro-rata share. The direction is fixed by
   the kind: a milestone is higher-is-better (done beats not done), a zero target is
   lower-is-better.
6. A checkpoint's share is independent of the others: ``None`` means the full yearly plan
   applies at that checkpoint. Shares lie in (0, 1] and the 9-month share is not below the
   mid-year share.
7. The issue's "min" roll-up (``Rollup.MIN``, stored as "min") is the *weakest cell*: the
   minimum for a higher-is-better target, the maximum for a lower-is-better one, so that it means
   "the whole is as good as its weakest cell" in both directions (the literal minimum of, say,
   infection rates would report the best cell).

The enum values are the ones stored by ``targets.models`` (kind, direction, checkpoint kind,
roll-up method), so ``Kind(target.kind)``, ``Checkpoint(checkpoint.kind)`` etc. work directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext, gettext_lazy

ZERO = Decimal(0)
ONE = Decimal(1)

Number = Decimal | int
Value = Decimal | int | bool | None


class Status(StrEnum):
    """Status of a target at a checkpoint (issue 3; glossary: Đạt và vượt / Đạt / Chưa đạt /
    Chưa thực hiện). ``rank`` orders them worst to best for comparisons and properties."""

    EXCEEDED = "exceeded"
    MET = "met"
    NOT_MET = "not_met"
    NOT_STARTED = "not_started"

    @property
    def label(self) -> str:
        """The wording used in reports ("đạt và vượt"), in the active language."""
        return str(_STATUS_LABELS[self])

    @property
    def rank(self) -> int:
        """not_started (0) < not_met (1) < met (2) < exceeded (3)."""
        return _STATUS_RANKS[self]

    @property
    def achieved(self) -> bool:
        """Counted as "đạt và vượt" in summaries (met or exceeded)."""
        return self in (Status.MET, Status.EXCEEDED)


_STATUS_LABELS = {
    Status.EXCEEDED: gettext_lazy("đạt và vượt"),
    Status.MET: gettext_lazy("đạt"),
    Status.NOT_MET: gettext_lazy("chưa đạt"),
    Status.NOT_STARTED: gettext_lazy("chưa thực hiện"),
}
_STATUS_RANKS = {Status.NOT_STARTED: 0, Status.NOT_MET: 1, Status.MET: 2, Status.EXCEEDED: 3}


class Kind(StrEnum):
    """Kind of target (issue 3)."""

    NUMERIC = "numeric"  # a number with a unit: "khám 120.000 lượt", "kết nạp 5 đảng viên"
    PERCENTAGE = "percentage"  # "100% đảng viên được học tập nghị quyết"
    MILESTONE = "milestone"  # yes/no: "đưa vào hoạt động hệ thống bệnh án điện tử"
    ZERO = "zero"  # "không để xảy ra sai sót chuyên môn nghiêm trọng"

    @property
    def label(self) -> str:
        return str(_KIND_LABELS[self])


_KIND_LABELS = {
    Kind.NUMERIC: gettext_lazy("Số lượng"),
    Kind.PERCENTAGE: gettext_lazy("Tỷ lệ (%)"),
    Kind.MILESTONE: gettext_lazy("Hoàn thành / chưa hoàn thành"),
    Kind.ZERO: gettext_lazy("Không để xảy ra"),
}


class Direction(StrEnum):
    """Which way is better (issue 3)."""

    HIGHER = "higher"
    LOWER = "lower"

    @property
    def label(self) -> str:
        if self is Direction.HIGHER:
            return gettext("Càng cao càng tốt")
        return gettext("Càng thấp càng tốt")


class Checkpoint(StrEnum):
    """Checkpoints of a yearly resolution: sơ kết 6 tháng, 9 tháng (optional), tổng kết năm."""

    MIDYEAR = "midyear"
    NINEMONTH = "ninemonth"
    ANNUAL = "annual"

    @property
    def label(self) -> str:
        return str(_CHECKPOINT_LABELS[self])


_CHECKPOINT_LABELS = {
    Checkpoint.MIDYEAR: gettext_lazy("Sơ kết 6 tháng"),
    Checkpoint.NINEMONTH: gettext_lazy("9 tháng"),
    Checkpoint.ANNUAL: gettext_lazy("Tổng kết năm"),
}


class Rollup(StrEnum):
    """How cells' sub-target values roll up into the target (issue 3: sum, average or min,
    chosen per target). ``MIN`` is the weakest cell, whatever the direction (decision 7)."""

    SUM = "sum"
    AVERAGE = "average"
    MIN = "min"

    @property
    def label(self) -> str:
        return str(_ROLLUP_LABELS[self])


_ROLLUP_LABELS = {
    Rollup.SUM: gettext_lazy("Tổng các chi bộ"),
    Rollup.AVERAGE: gettext_lazy("Trung bình các chi bộ"),
    Rollup.MIN: gettext_lazy("Chi bộ kém nhất (thấp nhất; cao nhất nếu càng thấp càng tốt)"),
}

# Decision 5: the direction of these kinds is fixed.
FIXED_DIRECTION = {Kind.MILESTONE: Direction.HIGHER, Kind.ZERO: Direction.LOWER}


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


def spec_problems(
    *,
    kind: Kind | str,
    direction: Direction | str,
    planned: Number | None,
    tolerance: Number = ZERO,
    midyear_share: Number | None = None,
    ninemonth_share: Number | None = None,
) -> list[tuple[str, str]]:
    """Consistency of a target's definition (issue 3, decisions 3, 5 and 6):
    (field, Vietnamese message) for each problem; empty when the target can be evaluated."""
    kind, direction = Kind(kind), Direction(direction)
    planned_d, tolerance_d = _optional_decimal(planned), as_decimal(tolerance)
    mid, nine = _optional_decimal(midyear_share), _optional_decimal(ninemonth_share)
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
    if kind in (Kind.NUMERIC, Kind.PERCENTAGE) and planned_d is None:
        problems.append(("planned", gettext("Chưa nhập giá trị kế hoạch.")))
    if kind is Kind.MILESTONE and planned_d is not None:
        problems.append(
            ("planned", gettext("Chỉ tiêu hoàn thành/chưa hoàn thành không có giá trị số."))
        )
    if kind is Kind.ZERO and planned_d not in (None, ZERO):
        problems.append(("planned", gettext("Chỉ tiêu “không để xảy ra” có kế hoạch bằng 0.")))
    if tolerance_d < 0:
        problems.append(("tolerance", gettext("Sai số cho phép không được âm.")))
    elif tolerance_d and kind in FIXED_DIRECTION:
        problems.append(("tolerance", gettext("Loại chỉ tiêu này không có sai số cho phép.")))
    for name, share in (("midyear_share", mid), ("ninemonth_share", nine)):
        if share is None:
            continue
        if kind in FIXED_DIRECTION:
            problems.append((name, gettext("Loại chỉ tiêu này không tính theo tỷ lệ thời gian.")))
        elif not ZERO < share <= ONE:
            problems.append((name, gettext("Tỷ lệ kế hoạch của kỳ phải lớn hơn 0 và không quá 1.")))
    if mid is not None and nine is not None and nine < mid:
        problems.append(
            ("ninemonth_share", gettext("Tỷ lệ 9 tháng không được thấp hơn tỷ lệ 6 tháng."))
        )
    return problems


@dataclass(frozen=True, kw_only=True)
class TargetSpec:
    """What the status rule needs to know about a target (issue 3).

    ``planned`` is the yearly plan; ``tolerance`` an absolute band around the expectation
    (decision 3); ``midyear_share``/``ninemonth_share`` the pro-rata part of the plan expected at
    those checkpoints, ``None`` for the full plan (decision 6). Strings are accepted for the
    enums and ints for the numbers; an inconsistent spec raises ValueError (see spec_problems).
    """

    kind: Kind
    direction: Direction
    planned: Decimal | None = None
    tolerance: Decimal = field(default=ZERO)
    midyear_share: Decimal | None = None
    ninemonth_share: Decimal | None = None

    def __post_init__(self) -> None:
        problems = spec_problems(
            kind=self.kind,
            direction=self.direction,
            planned=self.planned,
            tolerance=self.tolerance,
            midyear_share=self.midyear_share,
            ninemonth_share=self.ninemonth_share,
        )
        if problems:
            raise ValueError("; ".join(f"{name}: {message}" for name, message in problems))
        object.__setattr__(self, "kind", Kind(self.kind))
        object.__setattr__(self, "direction", Direction(self.direction))
        object.__setattr__(self, "tolerance", as_decimal(self.tolerance))
        for name in ("planned", "midyear_share", "ninemonth_share"):
            object.__setattr__(self, name, _optional_decimal(getattr(self, name)))


def share_at(spec: TargetSpec, checkpoint: Checkpoint | str) -> Decimal:
    """The part of the yearly plan expected at a checkpoint (issue 3: pro-rata mid-year
    expectation; decision 6: ``None`` = the full plan)."""
    checkpoint = Checkpoint(checkpoint)
    if checkpoint is Checkpoint.MIDYEAR and spec.midyear_share is not None:
        return spec.midyear_share
    if checkpoint is Checkpoint.NINEMONTH and spec.ninemonth_share is not None:
        return spec.ninemonth_share
    return ONE


def expected_at(spec: TargetSpec, checkpoint: Checkpoint | str) -> Decimal | None:
    """The value a target must reach at a checkpoint: planned × the checkpoint's share (issue 3,
    decisions 4–6). 0 for a zero target; ``None`` for a milestone (done or not)."""
    if spec.kind is Kind.MILESTONE:
        return None
    if spec.kind is Kind.ZERO:
        return ZERO
    assert spec.planned is not None  # spec_problems guarantees it for numeric kinds
    return spec.planned * share_at(spec, checkpoint)


def compute_status(
    spec: TargetSpec,
    value: Value,
    checkpoint: Checkpoint | str,
    *,
    activity_recorded: bool = False,
) -> Status:
    """Status of a target at a checkpoint (issue 3; domain-rules decision 6).

    - no value: chưa thực hiện if no activity is recorded by the checkpoint, else chưa đạt
      (decisions 1–2);
    - milestone: done (True) = đạt; not done (False or no value) = chưa đạt if activity is
      recorded, else chưa thực hiện (a milestone has no partial value: progress shows only as
      activity);
    - zero target: 0 cases = đạt, any case = chưa đạt (decision 5);
    - numeric and percentage: compared with ``expected_at`` in the target's direction: within
      the tolerance = đạt, beyond it on the good side = đạt và vượt, on the bad side = chưa đạt
      (decision 3).
    ``activity_recorded`` is only consulted when there is no value (a value is activity).
    """
    if spec.kind is Kind.MILESTONE:
        return _milestone_status(value, activity_recorded)
    if value is None:
        return Status.NOT_MET if activity_recorded else Status.NOT_STARTED
    if isinstance(value, bool):
        raise TypeError(f"a {spec.kind} target takes a number, not a yes/no value")
    number = as_decimal(value)
    if spec.kind is Kind.ZERO:
        if number < 0 or number != number.to_integral_value():
            raise ValueError(f"a zero target counts cases: {value} is not a count")
        return Status.MET if number == 0 else Status.NOT_MET
    expected = expected_at(spec, checkpoint)
    assert expected is not None
    gain = number - expected if spec.direction is Direction.HIGHER else expected - number
    if gain > spec.tolerance:
        return Status.EXCEEDED
    if gain >= -spec.tolerance:
        return Status.MET
    return Status.NOT_MET


def _milestone_status(value: Value, activity_recorded: bool) -> Status:
    """Issue 3: for a milestone, done = đạt, not done = chưa đạt or chưa thực hiện."""
    if value is not None and not isinstance(value, bool):
        raise TypeError("a milestone takes True (done), False (not done) or None")
    if value:
        return Status.MET
    return Status.NOT_MET if activity_recorded else Status.NOT_STARTED


def rollup(
    values: Iterable[Number | None], method: Rollup | str, *, direction: Direction | str
) -> Decimal | None:
    """Roll the cells' sub-target values up into the target's value (issue 3: sum, average or
    min, chosen per target). Cells that reported nothing (``None``) are left out; ``None`` when
    no cell reported. ``MIN`` is the weakest cell: min when higher is better, max when lower is
    better (decision 7). No rounding: the average is the exact Decimal quotient."""
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
