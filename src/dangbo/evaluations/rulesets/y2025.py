"""Rating years 2025 onward: Quy định 366-QĐ/TW (30/8/2025) + Hướng dẫn 43-HD/BTCTW (31/10/2025).

Confirmed in QĐ 366 (domain-rules §1.4, "366 (2025 round)"): an HTXSNV collective has no
disciplined affiliate and no disciplined leadership member. Everything else is carried over from
QĐ 124 / HD 21 and marked unconfirmed (decision 1): "20% cap under 366: not confirmed". The
100-point scale of QĐ 366 (HTXSNV ≥ 90, HTTNV 70–< 90, HTNV 50–< 70) is not checked here: the
ratings carry levels, not scores.

Who is not rated: as under QĐ 124 Điều 5 (carried over).
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

LATER = (c.QD366, c.HD43)
CAP = f"{c.QD124}, Điều 12 (hoàn thành xuất sắc nhiệm vụ không quá 20% số hoàn thành tốt nhiệm vụ)"
FORCED = f"{c.QD124} (các trường hợp xếp loại không hoàn thành nhiệm vụ)"

RULE_SET = c.RuleSet(
    info=RuleSetInfo(
        name="Từ 2025: QĐ 366-QĐ/TW + HD 43-HD/BTCTW",
        first_year=2025,
        last_year=None,
        documents=LATER,
    ),
    settings=SETTINGS,
    rules=(
        c.Rule(
            c.member_cap,
            c.carried(f"{CAP}; {c.HD21} (trong mỗi tổ chức cơ sở đảng)", *LATER),
            carried_over=True,
        ),
        c.Rule(c.cell_cap, c.carried(CAP, *LATER), carried_over=True),
        c.Rule(
            c.member_discipline,
            c.carried(f"{c.QD124} (cá nhân bị kỷ luật trong năm)", *LATER),
            carried_over=True,
        ),
        c.Rule(
            c.collective_discipline,
            f"{c.QD366} (hoàn thành xuất sắc nhiệm vụ: không có tổ chức trực thuộc, thành viên"
            " tập thể lãnh đạo bị kỷ luật); mức hoàn thành tốt nhiệm vụ: "
            + c.carried(f"{c.QD124}, Điều 12", *LATER),
        ),
        c.Rule(
            c.leader_discipline,
            c.carried(f"{c.HD21} (cấp ủy viên bị kỷ luật từ cảnh cáo trở lên)", *LATER),
            carried_over=True,
        ),
        c.Rule(
            c.affiliates_disciplined,
            c.carried(f"{FORCED}: trên 20% tổ chức trực thuộc bị kỷ luật", *LATER),
            carried_over=True,
        ),
        c.Rule(
            c.targets_not_met,
            c.carried(f"{FORCED}: đạt dưới 50% chỉ tiêu, nhiệm vụ", *LATER),
            carried_over=True,
        ),
        c.Rule(
            c.excellent_cell_members,
            c.carried(f"{c.HD21} (chi bộ hoàn thành xuất sắc nhiệm vụ)", *LATER),
            carried_over=True,
        ),
        c.Rule(
            c.excellent_organization_cells,
            c.carried(f"{c.HD21} (đảng bộ hoàn thành xuất sắc nhiệm vụ)", *LATER),
            carried_over=True,
        ),
        c.Rule(
            c.sick_leave,
            c.carried(f"{c.HD21} (nghỉ ốm từ 3 tháng trở lên)", *LATER),
            carried_over=True,
        ),
        c.Rule(
            c.recognition,
            c.carried(
                f"{c.HD21} (chỉ hoàn thành xuất sắc nhiệm vụ mới được xét tiêu biểu)", *LATER
            ),
            carried_over=True,
        ),
        c.Rule(
            c.rating_order,
            c.carried(f"{c.QD124} (quy trình: tập thể trước, cá nhân sau)", *LATER),
            carried_over=True,
        ),
    ),
    not_rated_citation=c.carried(
        f"{c.QD124}, Điều 5 (đối tượng không kiểm điểm, xếp loại)", *LATER
    ),
)

RULESET = RULE_SET.info
check = RULE_SET.check
not_rated_reason = RULE_SET.not_rated_reason
