"""Rules about organizations and their committees. Pure functions, no ORM.

Sources: Party Charter Art. 24 and glossary (chi bộ with ≥ 9 full members elects a chi ủy;
smaller cells elect only a secretary) [M4].
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

from django.utils.translation import gettext

P = TypeVar("P", bound=Hashable)

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


# Protocol order of committee seats: Bí thư, Phó Bí thư, Ủy viên Ban Thường vụ, Ủy viên BCH.
PROTOCOL_ORDER = ("secretary", "deputy_secretary", "standing_member", "member")
_RANK = {role: i for i, role in enumerate(PROTOCOL_ORDER)}


def seat_role(role: str, committee_kind: str) -> str:
    """The title a seat confers: an ordinary member of the standing committee is an "Ủy viên
    Ban Thường vụ"; every other seat keeps its role."""
    if role == "member" and committee_kind == "standing":
        return "standing_member"
    return role


def protocol_order(seats: Iterable[tuple[P, str, str, str]]) -> list[tuple[P, str]]:
    """(person, role, committee kind, name sort key) seats of one term → ``(person, role)``,
    each person once with her highest title (a standing member also seated in the executive
    committee is listed once, as "Ủy viên Ban Thường vụ"), in protocol order: Bí thư, Phó Bí
    thư, Ủy viên Ban Thường vụ, Ủy viên Ban Chấp hành; by name within a rank. Issue #7
    defect 2: the page listed standing members twice, ordered by role code."""
    best: dict[P, tuple[int, str, str]] = {}
    for person, role, committee_kind, sort_key in seats:
        title = seat_role(role, committee_kind)
        rank = _RANK.get(title, len(PROTOCOL_ORDER))
        if person not in best or rank < best[person][0]:
            best[person] = (rank, sort_key, title)
    ordered = sorted(best.items(), key=lambda item: item[1][:2])
    return [(person, title) for person, (_, _, title) in ordered]
