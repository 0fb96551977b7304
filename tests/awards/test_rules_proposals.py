"""Eligibility of a proposal (issue 9, item 6; domain-rules §1.5): only subjects whose decided
rating is "Hoàn thành xuất sắc nhiệm vụ" may be proposed (HD 21-HD/BTCTW 2019; HD 01-HD/TW
2021 §19 — "HTTNV never suffices"). No database."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dangbo.awards import rules
from dangbo.evaluations.rulesets.base import Level

# a shared, loaded machine: no deadline, no input-generation speed check
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_hd21_only_excellent_subjects_are_eligible():
    assert rules.is_eligible(Level.EXCELLENT.value)
    assert rules.proposal_problem(Level.EXCELLENT.value) is None


@pytest.mark.parametrize("level", ["httnv", "htnv", "khtnv"])
def test_hd21_good_never_suffices(level):
    message = rules.proposal_problem(level)
    assert message is not None and "21-HD/BTCTW" in message
    assert rules.LEVEL_WORDS[level] in message


@pytest.mark.parametrize("level", ["", None])
def test_hd21_no_decided_rating_is_not_eligible(level):
    message = rules.proposal_problem(level)
    assert message is not None and "Chưa có kết quả xếp loại" in message


def test_the_excellent_constant_matches_the_evaluations_level():
    assert Level.EXCELLENT.value == rules.EXCELLENT
    assert set(rules.LEVEL_WORDS) == {lv.value for lv in Level}


@PROPERTY
@given(st.sampled_from([None, "", *[lv.value for lv in Level]]))
def test_hd21_eligible_iff_excellent(level):
    assert rules.is_eligible(level) is (level == "htxsnv")


def test_every_basis_names_a_subject_kind():
    assert set(rules.BASIS_SUBJECT) == set(rules.ProposalBasis)
    assert not rules.RecipientKind.MEMBER.collective and rules.RecipientKind.CELL.collective
