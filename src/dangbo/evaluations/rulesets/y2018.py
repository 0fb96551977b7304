"""Rating years 2018: Quy định 132-QĐ/TW (08/3/2018) + Hướng dẫn 16-HD/BTCTW (24/9/2018).

Rules applied (domain-rules §1, decision 1). The clauses of QĐ 132 were not retrieved article by
article: each citation names the document and the topic, marked "chưa đối chiếu điều khoản".
Rules that domain-rules only knows from HD 21 (2019) — sick leave, the 80 % conditions for an
excellent cell or đảng bộ, the "cảnh cáo" leader rule, recognition — are not applied to 2018.
Who is not rated: only members exempt from work and activities (QĐ 132).
"""

from __future__ import annotations

from dangbo.evaluations.rulesets import common as c
from dangbo.evaluations.rulesets.base import NotRatedReason, RuleSetInfo

UNCHECKED = "chưa đối chiếu điều khoản"

SETTINGS = c.RuleSettings(not_rated=frozenset({NotRatedReason.EXEMPT}))

RULE_SET = c.RuleSet(
    info=RuleSetInfo(
        name="2018: QĐ 132-QĐ/TW + HD 16-HD/BTCTW",
        first_year=2018,
        last_year=2018,
        documents=(c.QD132, c.HD16),
    ),
    settings=SETTINGS,
    rules=(
        c.Rule(
            c.member_cap,
            f"{c.QD132} (hoàn thành xuất sắc nhiệm vụ không quá 20% số hoàn thành tốt nhiệm"
            f" vụ; {UNCHECKED}); {c.HD16}",
        ),
        c.Rule(
            c.cell_cap,
            f"{c.QD132} (hoàn thành xuất sắc nhiệm vụ không quá 20% số hoàn thành tốt nhiệm"
            f" vụ; {UNCHECKED}); {c.HD16}",
        ),
        c.Rule(
            c.member_discipline,
            f"{c.QD132} (cá nhân bị thi hành kỷ luật trong năm; {UNCHECKED}); {c.HD16}",
        ),
        c.Rule(
            c.collective_discipline,
            f"{c.QD132} (tổ chức đảng trực thuộc, cá nhân trong tập thể lãnh đạo bị kỷ luật;"
            f" {UNCHECKED})",
        ),
        c.Rule(
            c.affiliates_disciplined,
            f"{c.QD132} (trên 20% tổ chức đảng trực thuộc bị kỷ luật; {UNCHECKED})",
        ),
        c.Rule(
            c.targets_not_met,
            f"{c.QD132} (đạt dưới 50% chỉ tiêu, nhiệm vụ; {UNCHECKED})",
        ),
    ),
    not_rated_citation=f"{c.QD132}; {c.HD16} (đảng viên được miễn công tác và sinh hoạt đảng)",
)

RULESET = RULE_SET.info
check = RULE_SET.check
not_rated_reason = RULE_SET.not_rated_reason
