"""Rules about organizations and their committees. Pure functions, no ORM.

Sources: Party Charter Art. 24 and glossary (chi bộ with ≥ 9 full members elects a chi ủy;
smaller cells elect only a secretary) [M4].
"""

from __future__ import annotations

from django.utils.translation import gettext

# Name of the executive body by organization kind, as it appears in a title ("Bí thư Đảng ủy").
_PARTY_COMMITTEE, _CELL, _GROUP = "committee", "cell", "group"
_BODY = {
    "superior": _PARTY_COMMITTEE,
    "grassroots_committee": _PARTY_COMMITTEE,
    "sub_committee": _PARTY_COMMITTEE,
    "cell": _CELL,
    "grassroots_cell": _CELL,
    "group": _GROUP,
}

CHI_UY_MIN_FULL_MEMBERS = 9


def position_title(role: str, org_kind: str) -> str:
    """The derived title of a committee role, e.g. ("secretary", "grassroots_committee") →
    "Bí thư Đảng ủy"; a cell's ordinary committee member is "Chi ủy viên". Whole titles are
    messages (not glued words), so the English catalogue can order them its own way."""
    body = _BODY.get(org_kind, _PARTY_COMMITTEE)
    titles = {
        _PARTY_COMMITTEE: {
            "secretary": gettext("Bí thư Đảng ủy"),
            "deputy_secretary": gettext("Phó Bí thư Đảng ủy"),
            "standing_member": gettext("Ủy viên Ban Thường vụ Đảng ủy"),
            "member": gettext("Ủy viên Ban Chấp hành Đảng ủy"),
        },
        _CELL: {
            "secretary": gettext("Bí thư Chi bộ"),
            "deputy_secretary": gettext("Phó Bí thư Chi bộ"),
            "standing_member": gettext("Ủy viên Ban Thường vụ Chi bộ"),
            "member": gettext("Chi ủy viên"),
        },
        _GROUP: {
            "secretary": gettext("Bí thư Tổ đảng"),
            "deputy_secretary": gettext("Phó Bí thư Tổ đảng"),
            "standing_member": gettext("Ủy viên Ban Thường vụ Tổ đảng"),
            "member": gettext("Ủy viên Ban Chấp hành Tổ đảng"),
        },
    }
    return titles[body][role]


def cell_elects_committee(full_member_count: int) -> bool:
    """A cell with at least 9 full members elects a chi ủy; smaller ones only a secretary."""
    return full_member_count >= CHI_UY_MIN_FULL_MEMBERS
