"""Rating years 2023–2024: Quy định 124-QĐ/TW (04/10/2023) + Hướng dẫn 25-HD/BTCTW (10/11/2023).

From QĐ 124 (domain-rules §1.4): the 20 % cap within each group of similar role (Điều 12), the
collective criteria (no disciplined affiliate or leadership member unless self-detected and
remedied), the forced KHTNV conditions (> 20 % of affiliates disciplined, < 50 % of targets met),
members disciplined in the year ⇒ KHTNV unless self-detected and remedied.

Carried over from HD 21, unconfirmed in HD 25 (decision 1): the member cap's scope (the whole
grassroots organization — domain-rules open question 1), the "cảnh cáo" leader rule, the 80 %
conditions for an excellent cell and đảng bộ, sick leave, recognition only for HTXSNV.

Who is not rated (QĐ 124 Điều 5): exempt, suspended, admitted less than 6 months before 31/12;
organizations founded less than 6 months before 31/12 (HD 21, carried over).
"""

from __future__ import annotations

from dangbo.evaluations.rulesets import common as c
from dangbo.evaluations.rulesets.base import NotRatedReason, RuleSetInfo

SETTINGS = c.RuleSettings(
    not_rated=frozenset(
        {
            NotRatedReason.EXEMPT,
            NotRatedReason.SUSPENDED,
            NotRatedReason.ADMITTED_RECENTLY,
            NotRatedReason.FOUNDED_RECENTLY,
        }
    )
)

CAP = (
    f"{c.QD124}, Điều 12 (hoàn thành xuất sắc nhiệm vụ không quá 20% số hoàn thành tốt nhiệm"
    " vụ trong từng nhóm có vai trò, chức năng, nhiệm vụ tương đồng)"
)
FORCED = f"{c.QD124} (các trường hợp xếp loại không hoàn thành nhiệm vụ)"

RULE_SET = c.RuleSet(
    info=RuleSetInfo(
        name="2023–2024: QĐ 124-QĐ/TW + HD 25-HD/BTCTW",
        first_year=2023,
        last_year=2024,
        documents=(c.QD124, c.HD25),
    ),
    settings=SETTINGS,
    rules=(
        c.Rule(
            c.member_cap,
            f"{CAP}; phạm vi tổ chức cơ sở đảng: "
            + c.carried(f"{c.HD21} (xếp loại đảng viên)", c.HD25),
            carried_over=True,
        ),
        c.Rule(c.cell_cap, CAP),
        c.Rule(
            c.member_discipline,
            f"{c.QD124} (cá nhân bị kỷ luật trong năm, trừ trường hợp tự phát hiện, tự khắc phục)",
        ),
        c.Rule(
            c.collective_discipline,
            f"{c.QD124}, Điều 12 (không có tổ chức trực thuộc, thành viên tập thể lãnh đạo bị kỷ"
            " luật, trừ trường hợp tự phát hiện, tự khắc phục)",
        ),
        c.Rule(
            c.leader_discipline,
            c.carried(f"{c.HD21} (cấp ủy viên bị kỷ luật từ cảnh cáo trở lên)", c.HD25),
            carried_over=True,
        ),
        c.Rule(c.affiliates_disciplined, f"{FORCED}: trên 20% tổ chức trực thuộc bị kỷ luật"),
        c.Rule(c.targets_not_met, f"{FORCED}: đạt dưới 50% chỉ tiêu, nhiệm vụ"),
        c.Rule(
            c.excellent_cell_members,
            c.carried(f"{c.HD21} (chi bộ hoàn thành xuất sắc nhiệm vụ)", c.HD25),
            carried_over=True,
        ),
        c.Rule(
            c.excellent_organization_cells,
            c.carried(f"{c.HD21} (đảng bộ hoàn thành xuất sắc nhiệm vụ)", c.HD25),
            carried_over=True,
        ),
        c.Rule(
            c.sick_leave,
            c.carried(f"{c.HD21} (nghỉ ốm từ 3 tháng trở lên)", c.HD25),
            carried_over=True,
        ),
        c.Rule(
            c.recognition,
            c.carried(
                f"{c.HD21} (chỉ hoàn thành xuất sắc nhiệm vụ mới được xét tiêu biểu)", c.HD25
            ),
            carried_over=True,
        ),
        c.Rule(c.rating_order, f"{c.QD124} (quy trình: tập thể trước, cá nhân sau)"),
    ),
    not_rated_citation=f"{c.QD124}, Điều 5 (đối tượng không kiểm điểm, xếp loại); {c.HD25}",
)

RULESET = RULE_SET.info
check = RULE_SET.check
not_rated_reason = RULE_SET.not_rated_reason
