"""The discipline register (issue 9, item 8): the office of the organization records and
corrects a member's disciplinary measure (optimistic lock, history naming the actor); a cell's
secretary reads her cell's register, a superior reads hers — read-only; outsiders get 404."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from dangbo.accounts.scope import build_scope
from dangbo.core.errors import ConcurrentEdit
from dangbo.members import discipline_services as services
from dangbo.members import permissions
from dangbo.members.models import Discipline
from tests.responses import close_response

D = dt.date
VALUES = {
    "kind": "khien_trach", "decided_on": D(2021, 8, 10), "decision_number": "12-QĐ/ĐU",
    "issuer": "Đảng ủy Bệnh viện", "reason": "Vi phạm quy chế", "self_detected": False,
}  # fmt: skip


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    close_response(response)
    return response


def _post(client, user, url, data):
    client.force_login(user)
    response = client.post(url, data)
    close_response(response)
    return response


# ---- the predicate (no database) -----------------------------------------------------------------
HOSPITAL = SimpleNamespace(path="00010001", kind="grassroots_committee", steplen=4)
CELL = SimpleNamespace(path="000100010001", kind="cell", steplen=4)
GRASSROOTS_CELL = SimpleNamespace(path="00010002", kind="grassroots_cell", steplen=4)


@pytest.mark.parametrize(
    ("roles", "cell", "grassroots_cell", "reads_cell"),
    [
        ([("office", HOSPITAL.path, None)], True, False, True),
        ([("cell_secretary", CELL.path, None)], False, False, True),  # not the secretary
        ([("cell_secretary", GRASSROOTS_CELL.path, None)], False, True, False),  # its office
        ([("superior_reader", "0001", None)], False, False, True),
        ([("admin", None, None)], True, True, True),
    ],
)
def test_issue9_item8_who_records_discipline(roles, cell, grassroots_cell, reads_cell):
    scope = build_scope(roles)
    in_cell = SimpleNamespace(pk=1, organization=CELL)
    in_grassroots_cell = SimpleNamespace(pk=2, organization=GRASSROOTS_CELL)
    assert permissions.can_record_discipline(scope, in_cell) is cell
    assert permissions.can_record_discipline(scope, in_grassroots_cell) is grassroots_cell
    assert permissions.can_list_discipline(scope, CELL) is reads_cell


# ---- services ------------------------------------------------------------------------------------
def test_issue9_item8_the_office_records_with_history_and_optimistic_lock(world):
    office, member = world.users["office"], world.a_members[1]
    row = services.discipline_create(actor=office, member_id=member.pk, **VALUES)
    assert row.history.get().history_user == office and row.recorded_by == office
    services.discipline_update(actor=office, discipline_id=row.pk, version=1, self_detected=True)
    with pytest.raises(ConcurrentEdit):
        services.discipline_update(actor=office, discipline_id=row.pk, version=1, kind="canh_cao")
    row.refresh_from_db()
    assert (row.self_detected, row.kind, row.version) == (True, "khien_trach", 2)
    with pytest.raises(ValueError):
        services.discipline_update(actor=office, discipline_id=row.pk, version=2, member=None)


@pytest.mark.parametrize("role", ["secretary", "reader", "member", "other_office"])
def test_issue9_item8_nobody_else_records(world, role):
    with pytest.raises(PermissionDenied):
        services.discipline_create(actor=world.users[role], member_id=world.a_members[1].pk,
                                   **VALUES)  # fmt: skip
    assert not Discipline.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "phat_tien"}, "kind"),
        ({"decided_on": None}, "decided_on"),
        ({"decided_on": D(2999, 1, 1)}, "decided_on"),
        ({"decided_on": D(2000, 1, 1)}, "decided_on"),  # before her admission (2010)
        ({"issuer": "  "}, "issuer"),
    ],
)
def test_issue9_item8_wrong_values_are_named(world, change, field):
    with pytest.raises(ValidationError) as exc:
        services.discipline_create(
            actor=world.users["office"], member_id=world.a_members[1].pk, **{**VALUES, **change}
        )
    assert field in exc.value.message_dict


# ---- pages ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "org", "status", "edit_link"),
    [
        ("office", "hospital", 200, True),
        ("secretary", "cell_a", 200, False),  # her cell, read-only
        ("secretary", "hospital", 404, False),
        ("reader", "hospital", 200, False),
        ("other_office", "hospital", 404, False),
        ("member", "cell_a", 404, False),
    ],
)
def test_issue9_item8_the_register_page_is_scoped(client, world, role, org, status, edit_link):
    row = services.discipline_create(actor=world.users["office"],
                                     member_id=world.a_members[1].pk, **VALUES)  # fmt: skip
    url = reverse("members:discipline_list", args=[getattr(world, org).pk])
    response = _get(client, world.users[role], url)
    assert response.status_code == status
    html = response.content.decode()
    assert (reverse("members:discipline_edit", args=[row.pk]) in html) is edit_link
    if status == 200:
        assert "Nguyễn Thị Ánh" in html and "10/08/2021" in html


def test_issue9_item8_register_list_has_bounded_queries(
    client, world, django_assert_max_num_queries
):
    office = world.users["office"]
    for i in range(60):
        member = (world.a_members + world.b_members)[i % 4]
        services.discipline_create(
            actor=office,
            member_id=member.pk,
            **{**VALUES, "decided_on": D(2021, 1, 1) + dt.timedelta(days=i)},
        )
    client.force_login(office)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("members:discipline_list", args=[world.hospital.pk]))
    close_response(response)
    assert response.content.decode().count("/ky-luat/") >= 50


def test_issue9_item8_add_and_edit_pages(client, world):
    office, member = world.users["office"], world.a_members[1]
    add = reverse("members:discipline_add", args=[member.pk])
    assert _get(client, world.users["secretary"], add).status_code == 403
    assert _get(client, world.users["reader"], add).status_code == 403
    assert _get(client, world.users["other_office"], add).status_code == 404
    form = {"kind": "canh_cao", "decided_on": "05/03/2021", "issuer": "Đảng ủy Bệnh viện",
            "decision_number": "3-QĐ/ĐU"}  # fmt: skip
    assert _post(client, office, add, form).status_code == 302
    row = Discipline.objects.get()
    assert (row.kind, row.decided_on) == ("canh_cao", D(2021, 3, 5))
    edit = reverse("members:discipline_edit", args=[row.pk])
    assert (
        _post(client, office, edit, {**form, "version": 1, "self_detected": "on"}).status_code
        == 302
    )
    stale = _post(client, office, edit, {**form, "version": 1})
    assert stale.status_code == 200 and "người khác sửa" in stale.content.decode()
    bad = _post(client, office, add, {**form, "issuer": ""})
    assert bad.status_code == 200
    assert _get(client, world.users["secretary"], edit).status_code == 403


def test_issue9_item8_the_member_page_shows_her_discipline(client, world):
    member = world.a_members[1]
    row = services.discipline_create(actor=world.users["office"], member_id=member.pk, **VALUES)
    detail = reverse("members:detail", args=[member.pk])
    office_html = _get(client, world.users["office"], detail).content.decode()
    assert "Khiển trách" in office_html and "12-QĐ/ĐU" in office_html
    assert reverse("members:discipline_add", args=[member.pk]) in office_html
    assert reverse("members:discipline_edit", args=[row.pk]) in office_html
    secretary_html = _get(client, world.users["secretary"], detail).content.decode()
    assert "Khiển trách" in secretary_html
    assert reverse("members:discipline_add", args=[member.pk]) not in secretary_html
