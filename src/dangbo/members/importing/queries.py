"""Reads for the import/export pages, scoped through accounts.scope."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from dangbo.accounts.scope import scope_for, subtree_q
from dangbo.members.importing.columns import COLUMNS
from dangbo.members.importing.values import GENDER_LABELS, STATUS_LABELS
from dangbo.members.importing.workbooks import CellChoice, DepartmentChoice
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
_STATUS = EXPORT_FIELDS.index("status")


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


def visible_org(actor: Any, org_id: int) -> Organization | None:
    org: Organization | None = scope_for(actor).orgs().filter(pk=org_id).first()
    return org


def export_rows(actor: Any, org: Organization | None = None) -> Iterator[list[object]]:
    """Rows of the members the actor can see (the org's subtree if given), in Vietnamese name
    order; card numbers and citizen IDs in full only where the actor may edit the member."""
    scope = scope_for(actor)
    qs = scope.members()
    if org is not None:
        qs = qs.filter(subtree_q(org.path, "organization__path"))
    values = qs.order_by("sort_key", "id").values_list(*EXPORT_FIELDS, "organization__path")
    for row in values.iterator(chunk_size=2000):
        out = list(row[:-1])
        if not scope.writes_path(row[-1]):
            out[_CARD], out[_CITIZEN] = mask(out[_CARD]), mask(out[_CITIZEN])
        out[_GENDER] = GENDER_LABELS.get(str(out[_GENDER]), out[_GENDER])
        out[_STATUS] = STATUS_LABELS.get(str(out[_STATUS]), out[_STATUS])
        yield out
