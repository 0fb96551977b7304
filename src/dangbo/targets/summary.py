"""The Vietnamese summary sentence of a resolution's targets at a checkpoint (issue 3).

Generated from the counts of statuses, never typed. The usual order of a Party report is kept:
đạt và vượt (met and exceeded counted together), then chưa thực hiện, then chưa đạt, e.g.

    Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu,
    chưa thực hiện 3 chỉ tiêu, có 3 chỉ tiêu chưa đạt.

Categories with zero targets are left out; the clauses are joined by commas only (no "và"
before the last one, as in the example). No targets, one target, and all targets in one category
each get a full sentence of their own:

    Chưa có chỉ tiêu chủ yếu nào để đánh giá.
    Lãnh đạo thực hiện 1 chỉ tiêu chủ yếu, chỉ tiêu này đạt và vượt.
    Lãnh đạo thực hiện 5 chỉ tiêu chủ yếu, cả 5 chỉ tiêu đều chưa thực hiện.

With ``split_exceeded=True`` "vượt" and "đạt" are counted apart ("thực hiện vượt 4 chỉ tiêu,
đạt 3 chỉ tiêu, …"). Pure Python: no Django, no ORM.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from dangbo.targets.rules import Status


@dataclass(frozen=True)
class _Category:
    count: int
    clause: str  # inside "trong đó …"; {n} = count, {unit} = the unit noun
    predicate: str  # after "đều …" (all in this category) or "… này …" (a single target)


def count_statuses(statuses: Iterable[Status | str]) -> dict[Status, int]:
    """Counts per status for ``summary_sentence`` (every status present, zero when absent)."""
    counter = Counter(Status(s) for s in statuses)
    return {status: counter[status] for status in Status}


def summary_sentence(
    counts: Mapping[Status, int],
    *,
    subject: str = "Lãnh đạo thực hiện",
    noun: str = "chỉ tiêu chủ yếu",
    unit: str = "chỉ tiêu",
    split_exceeded: bool = False,
) -> str:
    """The summary sentence of issue 3 ("Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó …").

    ``counts`` maps statuses to numbers of targets (missing statuses count 0; negative counts
    raise ValueError). ``noun`` names the targets in the opening, ``unit`` in the clauses.
    """
    categories = [c for c in _categories(counts, split_exceeded) if c.count]
    total = sum(c.count for c in categories)
    if total == 0:
        return f"Chưa có {noun} nào để đánh giá."
    opening = f"{subject} {total} {noun}"
    if total == 1:
        return f"{opening}, {unit} này {categories[0].predicate}."
    if len(categories) == 1:
        return f"{opening}, cả {total} {unit} đều {categories[0].predicate}."
    clauses = ", ".join(c.clause.format(n=c.count, unit=unit) for c in categories)
    return f"{opening}, trong đó {clauses}."


def _categories(counts: Mapping[Status, int], split_exceeded: bool) -> list[_Category]:
    """The report's categories in the usual order (issue 3), with their Vietnamese wording."""
    for status in Status:
        if counts.get(status, 0) < 0:
            raise ValueError(f"negative count for {status}: {counts[status]}")
    exceeded, met = counts.get(Status.EXCEEDED, 0), counts.get(Status.MET, 0)
    if split_exceeded:
        # "thực hiện" opens the first achieved clause only: "thực hiện vượt 4 …, đạt 3 …".
        met_clause = "đạt {n} {unit}" if exceeded else "thực hiện đạt {n} {unit}"
        achieved = [
            _Category(exceeded, "thực hiện vượt {n} {unit}", "vượt kế hoạch"),
            _Category(met, met_clause, "đạt kế hoạch"),
        ]
    else:
        achieved = [_Category(exceeded + met, "thực hiện đạt và vượt {n} {unit}", "đạt và vượt")]
    return [
        *achieved,
        _Category(counts.get(Status.NOT_STARTED, 0), "chưa thực hiện {n} {unit}", "chưa thực hiện"),
        _Category(counts.get(Status.NOT_MET, 0), "có {n} {unit} chưa đạt", "chưa đạt"),
    ]
