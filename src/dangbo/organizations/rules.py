"""Rules about organizations and their committees. Pure functions, no ORM.

Sources: Party Charter Art. 24 and glossary (chi bộ with ≥ 9 full members elects a chi ủy;
smaller cells elect only a secretary) [M4].
"""

from __future__ import annotations

# Name of the executive body by organization kind, as it appears in a title ("Bí thư Đảng ủy").
_BODY = {
    "superior": "Đảng ủy",
    "grassroots_committee": "Đảng ủy",
    "sub_committee": "Đảng ủy",
    "cell": "Chi bộ",
    "grassroots_cell": "Chi bộ",
    "group": "Tổ đảng",
}

_ROLE = {
    "secretary": "Bí thư",
    "deputy_secretary": "Phó Bí thư",
    "standing_member": "Ủy viên Ban Thường vụ",
    "member": "Ủy viên Ban Chấp hành",
}

CHI_UY_MIN_FULL_MEMBERS = 9


def position_title(role: str, org_kind: str) -> str:
    """The derived title of a committee role, e.g. ("secretary", "grassroots_committee") →
    "Bí thư Đảng ủy"; a cell's ordinary committee member is "Chi ủy viên"."""
    body = _BODY.get(org_kind, "Đảng ủy")
    if role == "member" and body == "Chi bộ":
        return "Chi ủy viên"
    if role == "standing_member":
        return f"Ủy viên Ban Thường vụ {body}"
    if role == "member":
        return f"Ủy viên Ban Chấp hành {body}"
    return f"{_ROLE[role]} {body}"


def cell_elects_committee(full_member_count: int) -> bool:
    """A cell with at least 9 full members elects a chi ủy; smaller ones only a secretary."""
    return full_member_count >= CHI_UY_MIN_FULL_MEMBERS
