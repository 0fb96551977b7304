"""evaluations/rulesets — issue 9, item 3 and its "Done when": every rule, for every rule set
where it applies, at its boundary. No database.

Clauses (see the rule sets' docstrings and domain-rules §1 / decisions 1–4):
- the 20 % cap — QĐ 132-QĐ/TW; HD 21-HD/BTCTW (members: within the grassroots organization);
  QĐ 124-QĐ/TW Điều 12 (collectives); both readings of the base (decision 2); a superior's
  exception;
- discipline in the year ⇒ KHTNV unless self-detected (QĐ 132; HD 21; QĐ 124);
- a disciplined affiliate or leader blocks an HTXSNV / HTTNV collective (QĐ 124 Điều 12; QĐ 366);
- HD 21: a leader disciplined at cảnh cáo or heavier ⇒ the collective KHTNV;
- forced KHTNV: > 20 % of affiliates disciplined; < 50 % of targets met (QĐ 132; QĐ 124);
- HD 21: an HTXSNV cell / đảng bộ needs 100 % ≥ HTNV and ≥ 80 % ≥ HTTNV;
- HD 21: sick leave ≥ 3 months ⇒ not HTTNV or above (warning, decision 3);
- HD 21: only HTXSNV subjects can be "tiêu biểu";
- who is not rated (QĐ 132; HD 21; QĐ 124 Điều 5; decision 4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from fractions import Fraction

import pytest

from dangbo.evaluations import rulesets
from dangbo.evaluations.rulesets import common, for_year, y2018, y2019, y2023, y2025
from dangbo.evaluations.rulesets.base import (
    CampaignSnapshot,
    CapBase,
    DisciplineFact,
    Level,
    MemberFacts,
    NotRatedReason,
    Severity,
    Subject,
    SubjectKind,
    Violation,
)

E, G, C, N = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED
# One representative year per rule set.
YEARS = (2018, 2021, 2023, 2025)
DAY = dt.date(2021, 5, 12)
REPRIMAND = DisciplineFact(DAY, "khien_trach")
WARNING_MEASURE = DisciplineFact(DAY, "canh_cao")
SELF_DETECTED = DisciplineFact(DAY, "khien_trach", self_detected=True)


def years_with(code: str) -> list[int]:
    return [y for y in YEARS if code in {r.code for r in for_year(y).rules}]


def years_without(code: str) -> list[int]:
    return [y for y in YEARS if y not in years_with(code)]


def member(i: int, level: Level | None, **kw: object) -> Subject:
    return Subject(f"member:{i}", SubjectKind.MEMBER, f"Đảng viên {i}", level, **kw)  # type: ignore[arg-type]


def cell(i: int, level: Level | None, **kw: object) -> Subject:
    return Subject(f"cell:{i}", SubjectKind.CELL, f"Chi bộ {i}", level, **kw)  # type: ignore[arg-type]


def collective(level: Level | None, **kw: object) -> Subject:
    return Subject("collective:1", SubjectKind.COLLECTIVE, "Đảng ủy Bệnh viện", level, **kw)  # type: ignore[arg-type]


def organization(level: Level | None, **kw: object) -> Subject:
    return Subject(
        "organization:1", SubjectKind.ORGANIZATION, "Đảng bộ Bệnh viện Đa khoa Hà Đông", level, **kw
    )  # type: ignore[arg-type]


def members(excellent: int, good: int, completed: int = 0, start: int = 0) -> list[Subject]:
    levels = [E] * excellent + [G] * good + [C] * completed
    return [member(start + i, level) for i, level in enumerate(levels)]


def snap(year: int, subjects: list[Subject], **kw: object) -> CampaignSnapshot:
    kw.setdefault("targets_met_share", Fraction(3, 4))
    return CampaignSnapshot(year, tuple(subjects), **kw)  # type: ignore[arg-type]


def run(year: int, subjects: list[Subject], **kw: object) -> list[Violation]:
    return for_year(year).check(snap(year, subjects, **kw))


def only(violations: list[Violation], code: str) -> list[Violation]:
    return [v for v in violations if v.code == code]


# --- Selection by year (decision 1) --------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "module"),
    [
        (2018, y2018),
        (2019, y2019),
        (2021, y2019),
        (2022, y2019),
        (2023, y2023),
        (2024, y2023),
        (2025, y2025),
        (2026, y2025),
        (2040, y2025),
    ],
)
def test_for_year_selects_the_period_of_decision_1(year, module):
    assert for_year(year) is module.RULE_SET
    assert module.RULESET is module.RULE_SET.info
    assert module.check == module.RULE_SET.check
    assert module.not_rated_reason == module.RULE_SET.not_rated_reason


@pytest.mark.parametrize("year", [2017, 1990])
def test_no_rule_set_before_2018_decision_1(year):
    with pytest.raises(LookupError) as caught:
        for_year(year)
    assert f"Chưa có bộ quy tắc đánh giá, xếp loại chất lượng cho năm {year}" in str(caught.value)


def test_module_check_uses_the_snapshot_year():
    snapshot = snap(2021, members(52, 205))
    assert rulesets.check(snapshot) == y2019.check(snapshot)
    assert [v.code for v in rulesets.check(snapshot)] == ["member_cap"]


def test_rule_sets_name_their_documents_and_cover_every_year_once():
    assert [rs.info.first_year for rs in rulesets.RULE_SETS] == [2018, 2019, 2023, 2025]
    assert y2025.RULESET.last_year is None
    assert "QĐ 366-QĐ/TW" in y2025.RULESET.name and "HD 43-HD/BTCTW" in y2025.RULESET.name
    assert y2023.RULESET.documents == (common.QD124, common.HD25)
    for year in range(2018, 2031):
        assert sum(rs.covers(year) for rs in rulesets.RULE_SETS) == 1


@pytest.mark.parametrize("year", YEARS)
def test_every_rule_has_a_title_and_a_citation_decision_1(year):
    rule_set = for_year(year)
    for rule in rule_set.rules:
        assert rule.title == common.RULE_TITLES[rule.code]
        assert rule.citation
        # a rule inherited without confirmation says so in its citation (decision 1)
        if rule.carried_over:
            assert "kế thừa, chưa đối chiếu" in rule.citation
    if year < 2023:
        assert not any(rule.carried_over for rule in rule_set.rules)
    assert rule_set.not_rated_citation


def test_carried_over_rules_are_marked_on_their_violations_decision_1():
    subjects = [member(1, G, sick_leave_days=120)]
    assert only(run(2021, subjects), "sick_leave")[0].carried_over is False
    for year in (2023, 2025):
        found = only(run(year, subjects), "sick_leave")[0]
        assert found.carried_over is True
        assert "kế thừa, chưa đối chiếu" in found.citation


def test_periods_apply_the_hd21_rules_from_2019_only():
    hd21 = {
        "leader_discipline",
        "excellent_cell_members",
        "excellent_organization_cells",
        "sick_leave",
        "recognition",
    }
    assert hd21.isdisjoint(r.code for r in y2018.RULE_SET.rules)
    for module in (y2019, y2023, y2025):
        assert hd21 <= {r.code for r in module.RULE_SET.rules}


# --- The 20 % cap (decision 2; QĐ 132; HD 21; QĐ 124 Điều 12) --------------------------------


@pytest.mark.parametrize("year", years_with("member_cap"))
def test_member_cap_51_of_256_passes_good_or_above_hd21(year):
    """Done when: 51 excellent + 205 good pass under good_or_above (51 / 256 = 19,9%)."""
    assert run(year, members(51, 205, 5)) == []


@pytest.mark.parametrize("year", years_with("member_cap"))
def test_member_cap_51_of_205_is_an_error_under_good_only_hd21(year):
    found = run(year, members(51, 205, 5), cap_base=CapBase.GOOD_ONLY)
    assert [v.code for v in found] == ["member_cap"]
    (violation,) = found
    assert violation.severity is Severity.ERROR
    assert violation.subjects == tuple(f"member:{i}" for i in range(51))
    # both readings' figures, the reading applied and the largest number allowed
    assert "51 / 256 = 19,9%" in violation.message
    assert "51 / 205 = 24,9%" in violation.message
    assert "chỉ trên số hoàn thành tốt nhiệm vụ, do cấp trên quy định" in violation.message
    assert "tối đa 41 đảng viên" in violation.message


@pytest.mark.parametrize("year", years_with("member_cap"))
@pytest.mark.parametrize("base", list(CapBase))
def test_member_cap_52_and_205_fail_under_both_readings_hd21(year, base):
    found = run(year, members(52, 205), cap_base=base)
    (violation,) = only(found, "member_cap")
    assert violation.severity is Severity.ERROR
    assert not violation.justified
    assert "52 / 257 = 20,2%" in violation.message
    assert "52 / 205 = 25,4%" in violation.message
    allowed = 51 if base is CapBase.GOOD_OR_ABOVE else 41
    assert f"tối đa {allowed} đảng viên" in violation.message


@pytest.mark.parametrize("year", years_with("member_cap"))
def test_member_cap_exception_turns_the_error_into_a_warning_decision_2(year):
    exception = "Quyết định số 15-QĐ/QU ngày 10/01/2022"
    found = run(year, members(52, 205), member_cap_exception=exception)
    (violation,) = found
    assert violation.code == "member_cap"
    assert violation.severity is Severity.WARNING
    assert violation.justified is True
    assert f"Cấp trên đã cho phép vượt tỷ lệ: {exception}." in violation.message
    # the members' exception does not lift the cells' cap
    found = run(year, [cell(i, E) for i in range(2)] + [cell(9, G)], member_cap_exception=exception)
    assert [(v.code, v.severity) for v in found] == [("cell_cap", Severity.ERROR)]


@pytest.mark.parametrize("year", years_with("member_cap"))
def test_member_cap_counts_the_whole_grassroots_organization_not_each_cell_hd21(year):
    """HD 21: within each grassroots Party organization — one cell may be all excellent."""
    subjects = [replace(m, parent="cell:1") for m in members(3, 0)]
    subjects += [replace(m, parent="cell:2") for m in members(0, 12, start=3)]
    assert run(year, subjects) == []  # 3 / 15 = 20 %
    subjects.append(member(99, E, parent="cell:2"))
    assert [v.code for v in run(year, subjects)] == ["member_cap"]  # 4 / 16 = 25 %


@pytest.mark.parametrize("year", years_with("member_cap"))
def test_member_cap_ignores_subjects_without_a_level(year):
    subjects = members(1, 4) + [member(10 + i, None) for i in range(10)]
    assert run(year, subjects) == []  # 1 / 5 = 20 %
    assert [v.code for v in run(year, members(2, 4))] == ["member_cap"]


@pytest.mark.parametrize("year", years_with("member_cap"))
def test_member_cap_with_nobody_good_shows_the_bare_figures(year):
    (violation,) = run(year, members(1, 0), cap_base=CapBase.GOOD_ONLY)
    assert "1 / 1 = 100,0%" in violation.message
    assert "1 / 0 chỉ trên" in violation.message
    assert "tối đa 0 đảng viên" in violation.message


@pytest.mark.parametrize("year", years_with("cell_cap"))
def test_cell_cap_hadong_2021_breaks_both_readings_and_takes_the_exception_decision_2(year):
    """Seed 003: cells 7 / 22 / 4 — 7 / 29 = 24,1 %, 7 / 22 = 31,8 %: an error under both
    readings unless the superior's exception is recorded (the demo's case)."""
    cells = [cell(i, E) for i in range(7)] + [cell(7 + i, G) for i in range(22)]
    cells += [cell(29 + i, C) for i in range(4)]
    for base in CapBase:
        (violation,) = run(year, cells, cap_base=base)
        assert (violation.code, violation.severity) == ("cell_cap", Severity.ERROR)
        assert "Số chi bộ hoàn thành xuất sắc nhiệm vụ vượt 20%" in violation.message
        assert "7 / 29 = 24,1%" in violation.message and "7 / 22 = 31,8%" in violation.message
    (violation,) = run(year, cells, cell_cap_exception="Công văn 123-CV/QU ngày 05/01/2022")
    assert violation.severity is Severity.WARNING and violation.justified
    assert "Công văn 123-CV/QU ngày 05/01/2022" in violation.message
    # 5 excellent of 27 good or above is 18,5 %: allowed; 6 of 28 is not
    assert run(year, cells[2:]) == []


def test_cap_arithmetic_is_exact():
    share = Fraction(1, 5)
    assert not common.cap_exceeded(51, 205, share, CapBase.GOOD_OR_ABOVE)
    assert common.cap_exceeded(52, 205, share, CapBase.GOOD_OR_ABOVE)
    assert common.cap_exceeded(42, 205, share, CapBase.GOOD_ONLY)
    assert not common.cap_exceeded(41, 205, share, CapBase.GOOD_ONLY)
    assert common.cap_allowed(205, share, CapBase.GOOD_OR_ABOVE) == 51
    assert common.cap_allowed(205, share, CapBase.GOOD_ONLY) == 41
    assert common.cap_allowed(4, share, CapBase.GOOD_OR_ABOVE) == 1
    assert common.cap_allowed(3, share, CapBase.GOOD_OR_ABOVE) == 0


def test_percentages_use_a_decimal_comma_and_round_half_up_for_display_only():
    assert common.percent(Fraction(51, 256)) == "19,9%"
    assert common.percent(Fraction(51, 205)) == "24,9%"
    assert common.percent(Fraction(1, 8)) == "12,5%"
    assert common.percent(Fraction(1, 2000)) == "0,1%"  # 0,05 → 0,1
    assert common.threshold(Fraction(1, 5)) == "20%"
    assert common.threshold(Fraction(1, 3)) == "33,3%"
    assert common.ratio(51, 256) == "51 / 256 = 19,9%"
    assert common.ratio(3, 0) == "3 / 0"


# --- Discipline of members (QĐ 132; HD 21; QĐ 124) -------------------------------------------


@pytest.mark.parametrize("year", years_with("member_discipline"))
@pytest.mark.parametrize("level", [E, G, C])
def test_disciplined_member_must_be_not_completed_qd124(year, level):
    found = only(run(year, [member(1, level, disciplines=(REPRIMAND,))]), "member_discipline")
    (violation,) = found
    assert violation.severity is Severity.ERROR
    assert violation.subjects == ("member:1",)
    assert "khiển trách ngày 12/05/2021" in violation.message
    assert common.LEVEL_LABELS[level] in violation.message


@pytest.mark.parametrize("year", years_with("member_discipline"))
def test_disciplined_member_rated_not_completed_passes(year):
    assert run(year, [member(1, N, disciplines=(REPRIMAND, WARNING_MEASURE))]) == []


@pytest.mark.parametrize("year", years_with("member_discipline"))
def test_self_detected_discipline_does_not_force_not_completed_qd124(year):
    assert run(year, [member(1, G, disciplines=(SELF_DETECTED,))]) == []
    # one measure not self-detected is enough; the message lists every measure
    (violation,) = run(year, [member(1, C, disciplines=(SELF_DETECTED, WARNING_MEASURE))])
    assert violation.code == "member_discipline"
    assert "(tự phát hiện, tự khắc phục)" in violation.message
    assert "cảnh cáo ngày 12/05/2021" in violation.message


@pytest.mark.parametrize("year", years_with("member_discipline"))
def test_member_discipline_ignores_a_member_without_a_level(year):
    assert run(year, [member(1, None, disciplines=(REPRIMAND,))]) == []


def test_unknown_discipline_kind_is_shown_as_recorded():
    assert common.describe_measures([DisciplineFact(DAY, "khac")]) == "khac ngày 12/05/2021"


# --- The collective blocked by disciplined affiliates or leaders (QĐ 124 Điều 12) ------------


@pytest.mark.parametrize("year", years_with("collective_discipline"))
@pytest.mark.parametrize("level", [E, G])
def test_disciplined_cell_blocks_excellent_or_good_collective_qd124(year, level):
    subjects = [collective(level), organization(level), cell(1, C, disciplines=(REPRIMAND,))]
    subjects += [cell(2 + i, G) for i in range(9)]  # 1 of 10 cells: not the 20 % rule
    found = only(run(year, subjects), "collective_discipline")
    assert [v.subjects for v in found] == [
        ("collective:1", "cell:1"),
        ("organization:1", "cell:1"),
    ]
    assert all(v.severity is Severity.ERROR for v in found)
    assert "Chi bộ 1" in found[0].message
    assert found[0].message.startswith("Tập thể lãnh đạo Đảng ủy Bệnh viện không được xếp loại")


@pytest.mark.parametrize("year", years_with("collective_discipline"))
def test_disciplined_leader_blocks_the_collective_even_without_a_level_qd124(year):
    subjects = [collective(G), member(1, None, leader=True, disciplines=(REPRIMAND,))]
    (violation,) = only(run(year, subjects), "collective_discipline")
    assert violation.subjects == ("collective:1", "member:1")


@pytest.mark.parametrize("year", years_with("collective_discipline"))
def test_collective_discipline_allows_completed_self_detected_and_ordinary_members(year):
    def blocked(subjects: list[Subject]) -> list[Violation]:
        return only(run(year, subjects), "collective_discipline")

    assert blocked([collective(C), cell(1, C, disciplines=(REPRIMAND,))]) == []
    assert blocked([collective(E), cell(1, G, disciplines=(SELF_DETECTED,))]) == []
    assert run(year, [collective(E), member(1, N, disciplines=(REPRIMAND,))]) == []
    assert run(year, [collective(E), member(1, G, leader=True, disciplines=(SELF_DETECTED,))]) == []


# --- HD 21: a leader disciplined at cảnh cáo or heavier ⇒ collective KHTNV -------------------


@pytest.mark.parametrize("year", years_with("leader_discipline"))
@pytest.mark.parametrize("kind", ["canh_cao", "cach_chuc", "khai_tru"])
def test_leader_warned_or_heavier_forces_the_collective_not_completed_hd21(year, kind):
    measure = DisciplineFact(DAY, kind, self_detected=True)  # no exception in HD 21's text
    subjects = [collective(C), member(1, N, leader=True, disciplines=(measure,))]
    (violation,) = only(run(year, subjects), "leader_discipline")
    assert violation.severity is Severity.ERROR
    assert violation.subjects == ("collective:1", "member:1")
    assert "từ cảnh cáo trở lên: Đảng viên 1" in violation.message


@pytest.mark.parametrize("year", years_with("leader_discipline"))
def test_leader_reprimand_or_collective_not_completed_is_not_the_hd21_case(year):
    reprimanded = [collective(C), member(1, N, leader=True, disciplines=(REPRIMAND,))]
    assert only(run(year, reprimanded), "leader_discipline") == []
    warned = [collective(N), member(1, N, leader=True, disciplines=(WARNING_MEASURE,))]
    assert run(year, warned) == []
    not_leader = [collective(C), member(1, N, disciplines=(WARNING_MEASURE,))]
    assert run(year, not_leader) == []
    # only the collective: the organization's own rating is another subject
    assert only(run(year, [organization(C), *warned[1:]]), "leader_discipline") == []


@pytest.mark.parametrize("year", years_without("leader_discipline"))
def test_leader_discipline_not_applied_before_hd21(year):
    warned = [collective(C), member(1, N, leader=True, disciplines=(WARNING_MEASURE,))]
    assert run(year, warned) == []


# --- Forced KHTNV: > 20 % of the affiliates disciplined (QĐ 132; QĐ 124) -----------------------


def _cells(total: int, disciplined: int) -> list[Subject]:
    return [
        cell(i, C, disciplines=(SELF_DETECTED,) if i < disciplined else ()) for i in range(total)
    ]


@pytest.mark.parametrize("year", years_with("affiliates_disciplined"))
def test_more_than_20_percent_of_cells_disciplined_forces_not_completed_qd124(year):
    heads = [collective(C), organization(C)]
    assert run(year, heads + _cells(25, 5)) == []  # exactly 20 %: not "trên 20%"
    found = run(year, heads + _cells(33, 7))  # 7 / 33 = 21,2 %
    assert [v.code for v in found] == ["affiliates_disciplined"] * 2
    assert found[0].subjects == ("collective:1", *(f"cell:{i}" for i in range(7)))
    assert "7 / 33 = 21,2% chi bộ trực thuộc bị kỷ luật" in found[0].message
    assert found[1].message.startswith("Tổ chức cơ sở đảng Đảng bộ Bệnh viện Đa khoa Hà Đông")


@pytest.mark.parametrize("year", years_with("affiliates_disciplined"))
def test_affiliates_rule_passes_when_heads_are_not_completed_or_there_are_no_cells(year):
    assert run(year, [collective(N), organization(N)] + _cells(5, 5)) == []
    assert run(year, [collective(E), organization(E)]) == []


# --- Forced KHTNV: fewer than 50 % of targets met (QĐ 132; QĐ 124) ---------------------------


@pytest.mark.parametrize("year", years_with("targets_not_met"))
def test_fewer_than_half_the_targets_met_forces_not_completed_qd124(year):
    heads = [collective(C), organization(G)]
    assert run(year, heads, targets_met_share=Fraction(1, 2)) == []
    found = run(year, heads, targets_met_share=Fraction(6, 13))
    assert [(v.code, v.subjects) for v in found] == [
        ("targets_not_met", ("collective:1",)),
        ("targets_not_met", ("organization:1",)),
    ]
    assert "chỉ đạt 46,2% chỉ tiêu" in found[0].message
    assert "trọng tâm" not in found[0].message
    found = run(year, heads, targets_met_share=Fraction(6, 13), key_targets_missed=True)
    assert "Có chỉ tiêu trọng tâm không đạt." in found[0].message


@pytest.mark.parametrize("year", years_with("targets_not_met"))
def test_missing_year_end_checkpoint_is_a_warning_qd124(year):
    (violation,) = run(year, [collective(E), organization(N)], targets_met_share=None)
    assert violation.code == "targets_checkpoint_missing"
    assert violation.severity is Severity.WARNING
    assert violation.subjects == ("collective:1",)
    assert not violation.justified
    assert "Chưa có số liệu chốt cuối năm" in violation.message
    justified = [collective(E, justification="Chỉ tiêu chốt ngày 31/12 đang trình")]
    (violation,) = run(year, justified, targets_met_share=None)
    assert violation.justified


@pytest.mark.parametrize("year", years_with("targets_not_met"))
def test_targets_rule_needs_a_head_rated_above_not_completed(year):
    assert run(year, [collective(N), organization(None)], targets_met_share=Fraction(0)) == []
    assert run(year, members(1, 4), targets_met_share=None) == []


# --- HD 21: an excellent cell / đảng bộ needs 100 % ≥ HTNV and ≥ 80 % ≥ HTTNV -----------------


def _cell_members(
    levels: list[Level | None], parent: str = "cell:1", start: int = 0
) -> list[Subject]:
    return [member(start + i, level, parent=parent) for i, level in enumerate(levels)]


@pytest.mark.parametrize("year", years_with("excellent_cell_members"))
def test_excellent_cell_with_80_percent_good_passes_hd21(year):
    subjects = [cell(1, E), cell(2, G), cell(3, G), cell(4, G), cell(5, G)]
    subjects += _cell_members([G] * 8 + [C] * 2 + [None])
    subjects += _cell_members([N, N], parent="cell:2", start=50)  # another cell's members
    assert run(year, subjects) == []


@pytest.mark.parametrize("year", years_with("excellent_cell_members"))
def test_excellent_cell_below_80_percent_good_hd21(year):
    subjects = [cell(1, E), *[cell(i, G) for i in range(2, 6)]] + _cell_members([G] * 7 + [C] * 3)
    (violation,) = only(run(year, subjects), "excellent_cell_members")
    assert violation.severity is Severity.ERROR
    assert violation.subjects == ("cell:1",)
    assert "chỉ 7 / 10 = 70,0% đảng viên hoàn thành tốt nhiệm vụ trở lên" in violation.message
    assert "ít nhất 80%" in violation.message


@pytest.mark.parametrize("year", years_with("excellent_cell_members"))
def test_excellent_cell_with_a_member_not_completed_hd21(year):
    subjects = [cell(1, E), *[cell(i, G) for i in range(2, 6)]]
    subjects += _cell_members([E] * 9 + [N])
    (violation,) = only(run(year, subjects), "excellent_cell_members")
    assert violation.subjects == ("cell:1", "member:9")
    assert "có đảng viên không hoàn thành nhiệm vụ: Đảng viên 9" in violation.message
    assert "chỉ " not in violation.message  # 9 / 10 ≥ 80 %
    # both problems at once
    subjects = [cell(1, E), *[cell(i, G) for i in range(2, 6)]] + _cell_members([N, G])
    (violation,) = only(run(year, subjects), "excellent_cell_members")
    assert "; chỉ 1 / 2 = 50,0%" in violation.message


@pytest.mark.parametrize("year", years_with("excellent_cell_members"))
def test_excellent_cell_rule_skips_cells_not_excellent_or_without_rated_members(year):
    subjects = [cell(1, E), cell(2, G), cell(3, G), cell(4, G), cell(5, G)]
    subjects += _cell_members([None, None]) + _cell_members([N], parent="cell:2", start=9)
    assert run(year, subjects) == []


@pytest.mark.parametrize("year", years_without("excellent_cell_members"))
def test_excellent_cell_rule_not_applied_before_hd21(year):
    subjects = [cell(1, E), *[cell(i, G) for i in range(2, 6)]] + _cell_members([N])
    assert run(year, subjects) == []


@pytest.mark.parametrize("year", years_with("excellent_organization_cells"))
def test_excellent_organization_needs_its_cells_hd21(year):
    cells = [cell(0, E)] + [cell(1 + i, G) for i in range(7)]
    cells += [cell(8, C), cell(9, C)]  # 8 / 10 good or above
    assert run(year, [organization(E), *cells]) == []
    assert run(year, [organization(G), *cells[:-1], cell(9, N)]) == []  # only for HTXSNV
    found = run(year, [organization(E), *cells[:-1], cell(9, N), cell(10, None)])
    (violation,) = only(found, "excellent_organization_cells")
    assert violation.subjects == ("organization:1", "cell:9")
    assert "có chi bộ không hoàn thành nhiệm vụ: Chi bộ 9" in violation.message
    found = run(year, [organization(E), *cells, cell(10, C)])  # 8 / 11
    (violation,) = only(found, "excellent_organization_cells")
    assert "chỉ 8 / 11 = 72,7% chi bộ" in violation.message


# --- HD 21: sick leave ≥ 3 months ⇒ no HTTNV or above (warning) --------------------------------


@pytest.mark.parametrize("year", years_with("sick_leave"))
@pytest.mark.parametrize("level", [E, G])
def test_sick_leave_of_90_days_with_good_or_excellent_is_a_warning_hd21(year, level):
    subjects = [member(1, level, sick_leave_days=90), *members(0, 4, start=2)]
    (violation,) = only(run(year, subjects), "sick_leave")
    assert violation.severity is Severity.WARNING
    assert violation.subjects == ("member:1",)
    assert not violation.justified
    assert "nghỉ ốm 90 ngày trong năm" in violation.message
    justified = [member(1, level, sick_leave_days=120, justification="Điều trị do nhiễm COVID-19")]
    (violation,) = only(run(year, justified + subjects[1:]), "sick_leave")
    assert violation.justified


@pytest.mark.parametrize("year", years_with("sick_leave"))
def test_sick_leave_below_90_days_or_rated_completed_passes_hd21(year):
    assert run(year, [member(1, G, sick_leave_days=89)]) == []
    assert (
        run(year, [member(1, C, sick_leave_days=200), member(2, None, sick_leave_days=200)]) == []
    )


@pytest.mark.parametrize("year", years_without("sick_leave"))
def test_sick_leave_not_applied_before_hd21(year):
    assert run(year, [member(1, G, sick_leave_days=200)]) == []


# --- HD 21: only HTXSNV subjects are "tiêu biểu" -----------------------------------------------


@pytest.mark.parametrize("year", years_with("recognition"))
def test_recognition_only_for_excellent_hd21(year):
    assert run(year, [organization(E, recognition=True), cell(1, None, recognition=True)]) == []
    found = run(year, [organization(G, recognition=True), member(1, C, recognition=True)])
    assert [(v.code, v.subjects) for v in found] == [
        ("recognition", ("organization:1",)),
        ("recognition", ("member:1",)),
    ]
    assert all(v.severity is Severity.ERROR for v in found)
    assert "xếp loại hoàn thành tốt nhiệm vụ" in found[0].message


@pytest.mark.parametrize("year", years_without("recognition"))
def test_recognition_rule_not_applied_before_hd21(year):
    assert run(year, [organization(G, recognition=True)]) == []


# --- Who is rated (decision 4; QĐ 132; HD 21; QĐ 124 Điều 5) ----------------------------------


@pytest.mark.parametrize("year", YEARS)
def test_exempt_members_are_never_rated(year):
    facts = MemberFacts(admitted_on=dt.date(1990, 1, 1), exempt=True, suspended=True)
    assert for_year(year).not_rated_reason(facts, year) is NotRatedReason.EXEMPT


@pytest.mark.parametrize("year", YEARS)
def test_suspended_members_are_not_rated_from_hd21(year):
    facts = MemberFacts(admitted_on=dt.date(1990, 1, 1), suspended=True)
    expected = None if year == 2018 else NotRatedReason.SUSPENDED
    assert for_year(year).not_rated_reason(facts, year) is expected


@pytest.mark.parametrize("year", YEARS)
def test_members_admitted_less_than_6_months_before_year_end_hd21_qd124(year):
    rule_set = for_year(year)
    recent = MemberFacts(admitted_on=dt.date(year, 7, 1))
    full = MemberFacts(admitted_on=dt.date(year, 6, 30))
    expected = None if year == 2018 else NotRatedReason.ADMITTED_RECENTLY
    assert rule_set.not_rated_reason(recent, year) is expected
    assert rule_set.not_rated_reason(full, year) is None
    # the year under evaluation decides, not the admission year
    assert rule_set.not_rated_reason(recent, year + 1) is None


@pytest.mark.parametrize("year", YEARS)
def test_organizations_founded_less_than_6_months_before_year_end_hd21(year):
    rule_set = for_year(year)
    expected = None if year == 2018 else NotRatedReason.FOUNDED_RECENTLY
    assert rule_set.organization_not_rated_reason(dt.date(year, 7, 1), year) is expected
    assert rule_set.organization_not_rated_reason(dt.date(year, 6, 30), year) is None


def test_months_before_year_end_clamps_the_day():
    assert common.months_before_year_end(2021, 6) == dt.date(2021, 6, 30)
    assert common.months_before_year_end(2021, 10) == dt.date(2021, 2, 28)
    assert common.months_before_year_end(2024, 10) == dt.date(2024, 2, 29)
    assert common.months_before_year_end(2021, 12) == dt.date(2020, 12, 31)
    assert common.months_before_year_end(2021, 0) == dt.date(2021, 12, 31)


def test_rules_pure_no_django_import():
    """Issue 9, item 3: the rule sets are pure — standard library and this package only."""
    import ast
    import pathlib
    import sys

    package = pathlib.Path(common.__file__).parent
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                top = module.split(".")[0]
                assert top in sys.stdlib_module_names or module.startswith(
                    "dangbo.evaluations.rulesets"
                ), f"{path.name} imports {module}"


# --- Decision 5: a cell before its members (soft check, QĐ 124 quy trình) -----------------------

T0 = dt.datetime(2023, 12, 20, 9, 0)
LATER = dt.datetime(2023, 12, 22, 9, 0)


@pytest.mark.parametrize("year", years_with("rating_order"))
def test_members_rated_before_their_cell_is_a_warning_decision_5(year):
    subjects = [cell(1, G, rated_at=LATER), cell(2, G, rated_at=T0)]
    subjects += _cell_members([G, G], parent="cell:1")
    subjects = [replace(s, rated_at=T0) if s.kind is SubjectKind.MEMBER else s for s in subjects]
    subjects += [member(5, G, parent="cell:2", rated_at=LATER)]  # after its cell: fine
    (violation,) = run(year, subjects)
    assert violation.code == "rating_order"
    assert violation.severity is Severity.WARNING
    assert violation.subjects == ("member:0", "member:1", "cell:1")
    assert "2 đảng viên của Chi bộ 1 được xếp loại trước khi chi bộ được xếp loại" in (
        violation.message
    )
    assert not violation.justified
    justified = [replace(s, justification="Chi bộ họp muộn do dịch") for s in subjects[2:4]]
    (violation,) = run(year, subjects[:2] + justified + subjects[4:])
    assert violation.justified


@pytest.mark.parametrize("year", years_with("rating_order"))
def test_rating_order_needs_both_times(year):
    subjects = [cell(1, G), member(1, G, parent="cell:1", rated_at=T0)]
    subjects += [cell(2, G, rated_at=LATER), member(2, G, parent="cell:2")]
    subjects += [cell(3, None, rated_at=LATER), member(3, G, parent="cell:3", rated_at=T0)]
    subjects += [member(4, G, rated_at=T0)]  # directly under the organization
    assert run(year, subjects) == []


@pytest.mark.parametrize("year", years_without("rating_order"))
def test_rating_order_checked_from_qd124(year):
    subjects = [cell(1, G, rated_at=LATER), member(1, G, parent="cell:1", rated_at=T0)]
    assert run(year, subjects) == []
