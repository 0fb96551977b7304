"""Versioned rule sets for the annual quality rating (issue 9, item 3; domain-rules decision 1).

``for_year(year)`` selects the rule set of the rating year: 2018 → ``y2018`` (QĐ 132 + HD 16),
2019–2022 → ``y2019`` (QĐ 132 + HD 21), 2023–2024 → ``y2023`` (QĐ 124 + HD 25), 2025 onward →
``y2025`` (QĐ 366 + HD 43). Pure: standard library only, no Django import.

Usage by the services::

    rule_set = for_year(campaign.year)
    violations = rule_set.check(snapshot)          # list[Violation]
    reason = rule_set.not_rated_reason(facts, year)  # NotRatedReason | None
"""

from __future__ import annotations

from dangbo.evaluations.rulesets import y2018, y2019, y2023, y2025
from dangbo.evaluations.rulesets.base import CampaignSnapshot, Violation
from dangbo.evaluations.rulesets.common import Rule, RuleSet, RuleSettings

__all__ = ["RULE_SETS", "Rule", "RuleSet", "RuleSettings", "check", "for_year"]

# Oldest first; the last one is open-ended.
RULE_SETS: tuple[RuleSet, ...] = (
    y2018.RULE_SET,
    y2019.RULE_SET,
    y2023.RULE_SET,
    y2025.RULE_SET,
)


def for_year(year: int) -> RuleSet:
    """The rule set of a rating year; before 2018 there is none (LookupError, Vietnamese)."""
    for rule_set in RULE_SETS:
        if rule_set.covers(year):
            return rule_set
    raise LookupError(
        f"Chưa có bộ quy tắc đánh giá, xếp loại chất lượng cho năm {year}: dangbo áp dụng từ năm"
        f" {RULE_SETS[0].info.first_year} (Quy định 132-QĐ/TW ngày 08/3/2018)."
    )


def check(snapshot: CampaignSnapshot) -> list[Violation]:
    """``for_year(snapshot.year).check(snapshot)``."""
    return for_year(snapshot.year).check(snapshot)
