"""organizations/rules.py — titles derived from committee roles; Charter Art. 24 / glossary:
a cell with ≥ 9 full members elects a chi ủy."""

from dangbo.organizations.rules import cell_elects_committee, position_title


def test_titles_are_derived_from_role_and_kind():
    assert position_title("secretary", "grassroots_committee") == "Bí thư Đảng ủy"
    assert position_title("deputy_secretary", "cell") == "Phó Bí thư Chi bộ"
    assert position_title("member", "cell") == "Chi ủy viên"
    assert position_title("standing_member", "grassroots_committee") == (
        "Ủy viên Ban Thường vụ Đảng ủy"
    )


def test_charter_art24_chi_uy_from_nine_full_members():
    assert not cell_elects_committee(8)
    assert cell_elects_committee(9)
