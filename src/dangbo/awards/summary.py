"""The Vietnamese summary sentence of a year's commendations (issue 9, item 6). Pure: standard
library only; the sentence is record text that goes into Party reports, Vietnamese whatever the
UI language (no gettext).

The form follows the year-end report of seed 003 (Đảng bộ Bệnh viện Đa khoa Hà Đông, 2021:
"Thủ tướng tặng 01 bằng khen cá nhân, UBND TPHN tặng 03 bằng khen tập thể, 03 bằng khen cá
nhân"; "Đảng bộ Quận Hà Đông tặng giấy khen")::

    01 bằng khen cá nhân của Thủ tướng Chính phủ; 03 bằng khen tập thể và 03 bằng khen cá nhân
    của UBND Thành phố; 01 giấy khen tập thể của Quận ủy Hà Đông.

- counts are written with two digits (01, 03, 12), as Party reports write them;
- one clause per issuer, issuers in ``IssuerLevel`` order (highest first), then by name; the
  issuer is named by the award's issuer name, or by its level when the name is empty;
- inside a clause, kinds in ``AwardKind`` order, each collective before individual; the parts
  are joined by commas, the last one by "và";
- clauses are joined by semicolons; the sentence ends with a full stop. No awards:
  "Chưa có khen thưởng nào."
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from dangbo.awards.rules import ISSUER_WORDS, KIND_WORDS, AwardKind, IssuerLevel

NONE_SENTENCE = "Chưa có khen thưởng nào."


@dataclass(frozen=True)
class AwardItem:
    kind: str  # AwardKind value
    issuer_level: str  # IssuerLevel value
    collective: bool
    issuer_name: str = ""


def count_text(n: int) -> str:
    """Two digits at least: 1 → "01", 12 → "12", 105 → "105"."""
    return f"{n:02d}"


def join_parts(parts: list[str]) -> str:
    """["a"] → "a"; ["a", "b"] → "a và b"; ["a", "b", "c"] → "a, b và c"."""
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def _issuer_order(key: tuple[str, str]) -> tuple[int, str]:
    level, name = key
    return list(IssuerLevel).index(IssuerLevel(level)), name


def summary_sentence(items: Iterable[AwardItem]) -> str:
    counts = Counter(
        (
            (
                item.issuer_level,
                item.issuer_name.strip() or ISSUER_WORDS[IssuerLevel(item.issuer_level)],
            ),
            item.kind,
            item.collective,
        )
        for item in items
    )
    if not counts:
        return NONE_SENTENCE
    clauses = []
    for issuer in sorted({key[0] for key in counts}, key=_issuer_order):
        parts = []
        for kind in AwardKind:
            for collective in (True, False):
                n = counts.get((issuer, kind.value, collective), 0)
                if n:
                    who = "tập thể" if collective else "cá nhân"
                    parts.append(f"{count_text(n)} {KIND_WORDS[kind]} {who}")
        clauses.append(f"{join_parts(parts)} của {issuer[1]}")
    return "; ".join(clauses) + "."
