"""Rating years 2019–2022: Quy định 132-QĐ/TW (08/3/2018) + Hướng dẫn 21-HD/BTCTW (18/10/2019).

HD 21 replaced HD 16 and added (domain-rules §1.2, §1.4, §1.5): the member cap counted within
each grassroots Party organization; the 80 % conditions for an excellent cell and đảng bộ; a
leadership member disciplined at cảnh cáo or heavier ⇒ the collective KHTNV; sick leave of 3
months or more ⇒ not HTTNV or above; only HTXSNV subjects are eligible for "tiêu biểu".

Who is not rated: members exempt from work and activities, members suspended from activities
(HD 21 applies the rating to every member "trừ đảng viên được miễn công tác và sinh hoạt đảng,
đảng viên bị đình chỉ sinh hoạt đảng"), members admitted less than 6 months before 31/12 (they
still review), organizations founded less than 6 months before 31/12.
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

RULE_SET = c.RuleSet(
    info=RuleSetInfo(
        name="2019–2022: QĐ 132-QĐ/TW + HD 21-HD/BTCTW",
        first_year=2019,
        last_year=2022,
        documents=(c.QD132, c.HD21),
    ),
    settings=SETTINGS,
    rules=(
        c.Rule(
            c.member_cap,
            f"{c.HD21} (xếp loại đảng viên: hoàn thành xuất sắc nhiệm vụ không quá 20% số đảng"
            f" viên hoàn thành tốt nhiệm vụ trong mỗi tổ chức cơ sở đảng); {c.QD132}",
        ),
        c.Rule(
            c.cell_cap,
            f"{c.QD132}; {c.HD21} (tổ chức đảng hoàn thành xuất sắc nhiệm vụ không quá 20% số"
            " hoàn thành tốt nhiệm vụ)",
        ),
        c.Rule(
            c.member_discipline,
            f"{c.HD21} (đảng viên bị thi hành kỷ luật trong năm; một vi phạm chỉ tính một lần)",
        ),
        c.Rule(
            c.collective_discipline,
            f"{c.QD132}; {c.HD21} (tổ chức đảng trực thuộc, cấp ủy viên bị kỷ luật)",
        ),
        c.Rule(
            c.leader_discipline,
            f"{c.HD21} (cấp ủy viên bị kỷ luật từ cảnh cáo trở lên: tập thể lãnh đạo không hoàn"
            " thành nhiệm vụ)",
        ),
        c.Rule(
            c.affiliates_disciplined,
            f"{c.QD132}; {c.HD21} (trên 20% tổ chức đảng trực thuộc bị kỷ luật)",
        ),
        c.Rule(c.targets_not_met, f"{c.QD132}; {c.HD21} (đạt dưới 50% chỉ tiêu, nhiệm vụ)"),
        c.Rule(
            c.excellent_cell_members,
            f"{c.HD21} (chi bộ hoàn thành xuất sắc nhiệm vụ: 100% đảng viên hoàn thành nhiệm vụ"
            " trở lên, ít nhất 80% hoàn thành tốt nhiệm vụ trở lên)",
        ),
        c.Rule(
            c.excellent_organization_cells,
            f"{c.HD21} (đảng bộ hoàn thành xuất sắc nhiệm vụ: 100% tổ chức trực thuộc hoàn thành"
            " nhiệm vụ trở lên, ít nhất 80% hoàn thành tốt nhiệm vụ trở lên)",
        ),
        c.Rule(
            c.sick_leave,
            f"{c.HD21} (nghỉ ốm từ 3 tháng trở lên: không xếp loại hoàn thành tốt nhiệm vụ trở"
            " lên)",
        ),
        c.Rule(
            c.recognition,
            f"{c.HD21} (chỉ tổ chức đảng, đảng viên hoàn thành xuất sắc nhiệm vụ mới được xét"
            " tiêu biểu)",
        ),
    ),
    not_rated_citation=f"{c.HD21} (đối tượng đánh giá, xếp loại chất lượng)",
)

RULESET = RULE_SET.info
check = RULE_SET.check
not_rated_reason = RULE_SET.not_rated_reason
