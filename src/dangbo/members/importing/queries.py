"""Reads for the import/export pages, scoped through accounts.scope."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import timezone

from dangbo.accounts.scope import scope_for, subtree_q
from dangbo.members import queries as member_queries
from dangbo.members.importing.columns import COLUMNS
from dangbo.members.importing.mapping import Known, Remembered, remembered_from_json
from dangbo.members.importing.validate import cell_keys, department_keys
from dangbo.members.importing.values import GENDER_LABELS, STATUS_LABELS
from dangbo.members.importing.workbooks import CellChoice, DepartmentChoice
from dangbo.members.models import ImportMapping
from dangbo.members.rules import mask
from dangbo.organizations.models import CELL_KINDS, Department, Organization

# Member values for each column, in COLUMNS order (foreign keys by code and name).
EXPORT_VALUES = {
    "organization_id": "organization__code",
    "department_id": "department__name",
}
EXPORT_FIELDS = [EXPORT_VALUES.get(c.field, c.field) for c in COLUMNS]
_CARD = EXPORT_FIELDS.index("card_number")
_CITIZEN = EXPORT_FIELDS.index("citizen_id")
_GENDER = EXPORT_FIELDS.index("gender")
_NAME = EXPORT_FIELDS.index("full_name")
_STATUS = EXPORT_FIELDS.index("status")
_SENSITIVE = (("card_number", _CARD), ("citizen_id", _CITIZEN))


def template_choices(actor: Any) -> tuple[list[CellChoice], list[DepartmentChoice]]:
    """The cells the actor may import into, and the departments of the committees above them."""
    scope = scope_for(actor)
    cells = list(
        scope.orgs(write=True)
        .filter(kind__in=CELL_KINDS, dissolved_on__isnull=True)
        .order_by("path")
        .values("code", "name", "path")
    )
    ancestors = {c["path"][:i] for c in cells for i in range(4, len(c["path"]), 4)}
    names = dict(Organization.objects.filter(path__in=ancestors).values_list("path", "name"))
    cell_choices = [CellChoice(c["code"], c["name"], names.get(c["path"][:-4], "")) for c in cells]
    owners = ancestors | {c["path"] for c in cells}
    departments = (
        Department.objects.filter(organization__path__in=owners)
        .order_by("organization__path", "name_folded")
        .values_list("name", "organization__name")
    )
    return cell_choices, [DepartmentChoice(n, o) for n, o in departments]


def mapping_knowledge(cells: list[CellChoice], departments: list[DepartmentChoice]) -> Known:
    """What the content rules of the mapping step compare a column's values with: the codes
    and names of the cells the actor may import into, the names of their departments."""
    cell_values = {c.code.upper() for c in cells} | {k for c in cells for k in cell_keys(c.name)}
    names = {k for d in departments for k in department_keys(d.name)}
    return Known(frozenset(cell_values), frozenset(names))


def remembered_mapping(actor: Any, signature: str | None) -> Remembered | None:
    """The mapping this user confirmed last for a file with the same header row."""
    if not signature:
        return None
    stored = ImportMapping.objects.filter(user=actor, signature=signature).first()
    return remembered_from_json(stored.mapping) if stored is not None else None


def visible_org(actor: Any, org_id: int) -> Organization | None:
    org: Organization | None = scope_for(actor).orgs().filter(pk=org_id).first()
    return org


def export_rows(
    actor: Any,
    org: Organization | None = None,
    *,
    full: bool = False,
    revealed: list[tuple[int, str, tuple[str, ...]]] | None = None,
    q: str = "",
    filters: dict[str, Any] | None = None,
) -> Iterator[list[object]]:
    """Rows of the members the actor can see (the org's subtree if given), in Vietnamese name
    order. Card numbers and citizen IDs are masked, unless ``full`` is asked for: then they are
    written in full where the actor may edit the member, and each such member is appended to
    ``revealed`` as (id, name, fields written in full) for the reveal log."""
    if full and revealed is None:
        raise ValueError("an export with full numbers needs its reveal log")
    scope = scope_for(actor)
    qs = member_queries.search(actor, q) if q else scope.members()
    if org is not None:
        qs = qs.filter(subtree_q(org.path, "organization__path"))
    # The list as filtered and sorted on the search page (issue 7, item 2).
    qs = member_queries.filter_members(qs, filters or {}, timezone.localdate())
    fields = (*EXPORT_FIELDS, "organization__path", "pk")
    values = qs.values_list(*fields)
    for row in values.iterator(chunk_size=2000):
        out = list(row[:-2])
        if full and scope.writes_path(row[-2]):
            shown = tuple(name for name, i in _SENSITIVE if out[i])
            if shown and revealed is not None:
                revealed.append((row[-1], str(out[_NAME]), shown))
        else:
            out[_CARD], out[_CITIZEN] = mask(out[_CARD]), mask(out[_CITIZEN])
        out[_GENDER] = GENDER_LABELS.get(str(out[_GENDER]), out[_GENDER])
        out[_STATUS] = STATUS_LABELS.get(str(out[_STATUS]), out[_STATUS])
        yield out
