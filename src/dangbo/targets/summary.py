"""The Vietnamese summary sentences of targets at a checkpoint (issues 3 and 6).

Generated from the counts of statuses (the same counts as the tables, the export and the API),
never typed. The sentence is data that goes into Party documents: it stays Vietnamese whatever
the UI language (no gettext here, except the labels of ``Form`` for the UI picker).

One vocabulary (issue 6, item 1): "đạt và vượt" is always vượt + đạt (``Status.achieved``).
The clauses follow the usual order of a Party report: đạt và vượt, đạt tiến độ, chưa thực hiện,
chưa đạt tiến độ, chưa đạt, chưa có số liệu. Categories with zero targets are left out and the
clauses are joined by commas only (no "và" before the last one).

The sentence follows the data (issue 6, item 2); the resolution page and the document generator
pick a ``Form``:

- ``Form.COMBINED`` (the published form)::

      Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu,
      chưa thực hiện 3 chỉ tiêu, có 3 chỉ tiêu chưa đạt.

  "đạt và vượt" only when some targets exceeded and some were met; otherwise "thực hiện vượt 7
  chỉ tiêu" or "thực hiện đạt 7 chỉ tiêu" (ten exactly met targets are never "đạt và vượt").
- ``Form.SPLIT``: the same, with vượt and đạt counted apart when both occur::

      …, trong đó thực hiện đạt và vượt 7 chỉ tiêu (vượt 5, đạt 2), chưa thực hiện 3 chỉ tiêu, …

- ``Form.RATIO``: "x/y"::

      …, trong đó hoàn thành 7/13 chỉ tiêu (vượt 5, đạt 2), chưa thực hiện 3 chỉ tiêu, …
      Lãnh đạo thực hiện 10 chỉ tiêu chủ yếu, hoàn thành 10/10 chỉ tiêu.

The noun is chosen per target group (``rules.Noun``: "chỉ tiêu chủ yếu" … "chỉ tiêu",
"nhiệm vụ trọng tâm" … "nhiệm vụ", "tiêu chí"). No targets, one target, and all targets in one
category each get a full sentence of their own::

    Chưa có nhiệm vụ trọng tâm nào để đánh giá.
    Lãnh đạo thực hiện 1 chỉ tiêu chủ yếu, chỉ tiêu này đạt.
    Lãnh đạo thực hiện 10 chỉ tiêu chủ yếu, cả 10 chỉ tiêu đều đạt.
    Lãnh đạo thực hiện 5 chỉ tiêu chủ yếu, cả 5 chỉ tiêu đều vượt kế hoạch.
    Lãnh đạo thực hiện 5 chỉ tiêu chủ yếu, cả 5 chỉ tiêu đều đạt và vượt.

A superior's dashboard reports each organization with its own sentence, then counts the
organizations (``organizations_sentence``); it never sums different resolutions into one
sentence::

    3 tổ chức: 1 tổ chức đạt và vượt toàn bộ chỉ tiêu, 1 tổ chức còn chỉ tiêu chưa đạt,
    1 tổ chức chưa có số liệu.

``result_phrase`` shows how one value compares with its plan (issue 6, item 3): "đạt 122,5% kế
hoạch, vượt 1,7 lượt". Pure Python: no ORM, no request.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, localcontext

from django.utils.translation import gettext_lazy

from dangbo.core.numbers import format_number
from dangbo.targets.rules import (
    NOUN_WORDS,
    Achievement,
    Labelled,
    Noun,
    Status,
    register_labels,
)


class Form(Labelled):
    """How the achieved targets are worded (issue 6, item 2); chosen by the page or document."""

    COMBINED = "combined"
    SPLIT = "split"
    RATIO = "ratio"


register_labels(
    [
        (Form.COMBINED, gettext_lazy("Đạt và vượt gộp")),
        (Form.SPLIT, gettext_lazy("Tách vượt / đạt")),
        (Form.RATIO, gettext_lazy("Dạng x/y")),
    ]
)


@dataclass(frozen=True)
class _Category:
    count: int
    clause: str  # inside "trong đó …"
    predicate: str  # after "cả N … đều …" (all in this category) or "… này …" (a single target)


# The categories after the achieved one, in the usual order: (status, clause, predicate);
# {n} = the count, {unit} = the counted unit.
_OTHER_CATEGORIES = (
    (Status.ON_TRACK, "đạt tiến độ {n} {unit}", "đạt tiến độ"),
    (Status.NOT_STARTED, "chưa thực hiện {n} {unit}", "chưa thực hiện"),
    (Status.BEHIND, "có {n} {unit} chưa đạt tiến độ", "chưa đạt tiến độ"),
    (Status.NOT_MET, "có {n} {unit} chưa đạt", "chưa đạt"),
    (Status.NO_DATA, "có {n} {unit} chưa có số liệu", "chưa có số liệu"),
)


def count_statuses(statuses: Iterable[Status | str]) -> dict[Status, int]:
    """Counts per status, every status present (zero when absent): the tables' counts."""
    counter = Counter(Status(s) for s in statuses)
    return {status: counter[status] for status in Status}


def _checked_counts(counts: Mapping[Status, int]) -> dict[Status, int]:
    """Every status with its count; stored status strings are accepted as keys. Unknown
    statuses and negative counts raise ValueError, non-integer counts TypeError."""
    checked = dict.fromkeys(Status, 0)
    for key, count in counts.items():
        status = Status(key)
        if isinstance(count, bool) or not isinstance(count, int):
            raise TypeError(f"count for {status} is not an int: {count!r}")
        if count < 0:
            raise ValueError(f"negative count for {status}: {count}")
        checked[status] += count
    return checked


def summary_sentence(
    counts: Mapping[Status, int],
    *,
    subject: str = "Lãnh đạo thực hiện",
    noun: Noun | str = Noun.MAIN_TARGETS,
    form: Form | str = Form.COMBINED,
) -> str:
    """The summary sentence of a target group ("Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong
    đó …"; issue 3, issue 6 items 1–2).

    ``counts`` maps statuses to numbers of targets (missing statuses count 0; negative counts
    raise ValueError). ``noun`` gives the opening noun and the counted unit (``NOUN_WORDS``);
    ``form`` the wording of the achieved targets (see the module docstring).
    """
    form = Form(form)
    opening_noun, unit = NOUN_WORDS[Noun(noun)]
    checked = _checked_counts(counts)
    total = sum(checked.values())
    if total == 0:
        return f"Chưa có {opening_noun} nào để đánh giá."
    opening = f"{subject} {total} {opening_noun}"
    exceeded, met = checked[Status.EXCEEDED], checked[Status.MET]
    achieved = exceeded + met
    split = f" (vượt {exceeded}, đạt {met})" if exceeded and met else ""
    if form is Form.RATIO and achieved == total:
        return f"{opening}, hoàn thành {total}/{total} {unit}{split}."
    if exceeded and met:
        word, predicate = "đạt và vượt", "đạt và vượt"
    elif exceeded:
        word, predicate = "vượt", "vượt kế hoạch"
    else:
        word, predicate = "đạt", "đạt"
    if form is Form.COMBINED:
        clause = f"thực hiện {word} {achieved} {unit}"
    elif form is Form.SPLIT:
        clause, predicate = f"thực hiện {word} {achieved} {unit}{split}", predicate + split
    else:
        clause = f"hoàn thành {achieved}/{total} {unit}{split}"
    categories = [
        _Category(achieved, clause, predicate),
        *(
            _Category(checked[status], text.format(n=checked[status], unit=unit), pred)
            for status, text, pred in _OTHER_CATEGORIES
        ),
    ]
    present = [c for c in categories if c.count]
    if total == 1:
        return f"{opening}, {unit} này {present[0].predicate}."
    if len(present) == 1:
        return f"{opening}, cả {total} {unit} đều {present[0].predicate}."
    return f"{opening}, trong đó {', '.join(c.clause for c in present)}."


# The groups of organizations, in the order of the clauses (issue 6, item 2): {unit} = the unit.
_ORGANIZATION_GROUPS = (
    "đạt và vượt toàn bộ {unit}",
    "đang thực hiện",
    "còn {unit} chưa đạt",
    "chưa có số liệu",
)
_ALL_ACHIEVED, _IN_PROGRESS, _SHORT, _NO_DATA = range(len(_ORGANIZATION_GROUPS))


def _organization_group(counts: Mapping[Status, int]) -> int:
    checked = _checked_counts(counts)
    total = sum(checked.values())
    if checked[Status.NO_DATA] == total:  # no targets, or no report for any of them
        return _NO_DATA
    if checked[Status.EXCEEDED] + checked[Status.MET] == total:
        return _ALL_ACHIEVED
    if checked[Status.NOT_MET] or checked[Status.BEHIND]:
        return _SHORT
    return _IN_PROGRESS  # some not started, on track or without data, none short


def organizations_sentence(
    lines: Sequence[Mapping[Status, int]], *, noun: Noun | str = Noun.TARGETS
) -> str:
    """A superior's count of organizations ("3 tổ chức: 1 tổ chức đạt và vượt toàn bộ chỉ tiêu,
    …"; issue 6, item 2). ``lines`` holds the status counts of one organization's resolution
    (or target set) each; they are classified, never summed together. ``noun`` names the
    targets by its counted unit ("chỉ tiêu", "nhiệm vụ", "tiêu chí")."""
    unit = NOUN_WORDS[Noun(noun)][1]
    if not lines:
        return "Chưa có tổ chức nào có nghị quyết trong phạm vi này."
    groups = Counter(_organization_group(line) for line in lines)
    present = [
        (groups[index], text.format(unit=unit))
        for index, text in enumerate(_ORGANIZATION_GROUPS)
        if groups[index]
    ]
    total = len(lines)
    if total == 1:
        return f"1 tổ chức: {present[0][1]}."
    if len(present) == 1:
        return f"{total} tổ chức: cả {total} tổ chức đều {present[0][1]}."
    items = ", ".join(f"{count} tổ chức {text}" for count, text in present)
    return f"{total} tổ chức: {items}."


def _round_half_up(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half-up to ``places`` decimal places, without a negative zero."""
    with localcontext() as context:
        context.prec = max(context.prec, value.adjusted() + places + 2)
        rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def result_phrase(ach: Achievement | None, unit: str) -> str:
    """How a value compares with its plan (issue 6, item 3): "đạt 122,5% kế hoạch, vượt 1,7
    lượt". The percent of plan (when there is one) is rounded half-up to one decimal place; the
    excess, in the target's ``unit``, to at most two: "vượt 1,7 lượt" when better than the plan;
    when worse, "thấp hơn kế hoạch 2 lượt" (higher is better) or "cao hơn kế hoạch 0,3%" (lower
    is better); nothing when it rounds to 0. An improvement target has no plan: it is compared
    with its baseline ("cao hơn năm gốc 1,8%", "thấp hơn năm gốc 0,2%"). The unit "%" attaches
    without a space ("vượt 1,7%"). "" for ``None`` (nothing to compare)."""
    if ach is None:
        return ""
    parts = []
    if ach.percent is not None:
        percent = format_number(_round_half_up(ach.percent, 1))
        parts.append(f"đạt {percent}% kế hoạch")
    excess = _round_half_up(ach.excess.copy_abs(), 2)
    if not excess.is_zero():
        unit = unit.strip()
        amount = format_number(excess) + ("" if unit in ("", "%") else " ") + unit
        went_up = (ach.excess > 0) == ach.higher_is_better
        direction = "cao hơn" if went_up else "thấp hơn"
        if ach.against_baseline:
            parts.append(f"{direction} năm gốc {amount}")
        elif ach.excess > 0:
            parts.append(f"vượt {amount}")
        else:
            parts.append(f"{direction} kế hoạch {amount}")
    return ", ".join(parts)
