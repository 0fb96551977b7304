"""Issue 7, item 1: permissions in one place per app, on ``accounts.scope.Scope``.

Every predicate lives in an ``<app>/permissions.py``; ``Scope`` keeps the data, the querysets
and the path helpers; the unused django-rules registry is gone; pages show an action exactly
when the predicate that guards it allows it (the link answers, the hidden one would not)."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.urls import reverse

import dangbo
from dangbo.accounts.scope import Scope, build_scope, scope_for
from dangbo.members import permissions as member_permissions
from dangbo.members.models import Member
from dangbo.members.queries import number_q
from dangbo.organizations import permissions as org_permissions
from tests.responses import close_response

ROOT = Path(dangbo.__file__).parent


# ---- where the predicates live ------------------------------------------------------------------
def test_every_predicate_is_defined_in_a_permissions_module():
    """A ``can_*`` / ``may_*`` function anywhere else (a service, a view, the scope) is a
    predicate out of place: ``may_reveal``, ``may_export_full`` (members.services) and
    ``can_import`` (members.importing.services) were."""
    misplaced = []
    for path in ROOT.rglob("*.py"):
        if path.name == "permissions.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_def = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if is_def and node.name.lstrip("_").startswith(("can_", "may_")):
                misplaced.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert misplaced == []


def test_scope_keeps_data_querysets_and_path_helpers_only():
    predicates = [n for n in vars(Scope) if n.startswith(("can_", "may_"))]
    assert predicates == []
    assert {"orgs", "members", "reads_path", "writes_path"} <= set(vars(Scope))


def test_the_unused_rules_registry_is_gone():
    assert "rules" not in settings.INSTALLED_APPS
    assert not any(b.startswith("rules.") for b in settings.AUTHENTICATION_BACKENDS)
    assert not (ROOT / "accounts" / "permissions.py").exists()
    pyproject = (ROOT.parent.parent / "pyproject.toml").read_text(encoding="utf-8")
    assert '"rules' not in pyproject


# ---- the predicates (no database: already-fetched objects, plain values) ------------------------
CELL = SimpleNamespace(path="000100010001", is_cell=True)
HOSPITAL = SimpleNamespace(path="00010001", is_cell=False)
OTHER_CELL = SimpleNamespace(path="000100020001", is_cell=True)


def _member(pk, org):
    return SimpleNamespace(pk=pk, organization=org)


SCOPES = {
    "office": build_scope([("office", HOSPITAL.path, None)]),
    "secretary": build_scope([("cell_secretary", CELL.path, None)]),
    "reader": build_scope([("superior_reader", "0001", None)]),
    "member": build_scope([("member", None, 7)]),
    "communications": build_scope([("communications", HOSPITAL.path, None)]),
    "admin": build_scope([("admin", None, None)]),
}


@pytest.mark.parametrize(
    ("role", "view", "edit", "reveal", "own_reveal", "add", "add_here", "export_full"),
    [
        ("office", True, True, True, True, True, True, True),
        ("secretary", True, True, True, True, True, True, True),
        ("reader", True, False, False, False, False, False, False),
        ("member", False, False, False, True, False, False, False),
        ("communications", False, False, False, False, False, False, False),
        ("admin", True, True, True, True, True, True, True),
    ],
)
def test_member_predicates_per_role(
    role, view, edit, reveal, own_reveal, add, add_here, export_full
):
    scope = SCOPES[role]
    colleague, herself = _member(1, CELL), _member(7, CELL)
    assert member_permissions.can_view_member(scope, colleague) is view
    assert member_permissions.can_edit_member(scope, colleague) is edit
    assert member_permissions.can_reveal(scope, colleague) is reveal
    assert member_permissions.can_reveal(scope, herself) is own_reveal
    assert member_permissions.can_view_member(scope, herself) is (view or role == "member")
    assert member_permissions.can_add_members(scope) is add
    assert member_permissions.can_import(scope) is add
    assert member_permissions.can_add_member_to(scope, CELL) is add_here
    assert member_permissions.can_add_member_to(scope, HOSPITAL) is False  # not a cell
    assert member_permissions.can_export_full(scope) is export_full


def test_the_secretary_writes_her_cell_only():
    scope = SCOPES["secretary"]
    assert org_permissions.can_edit_org(scope, CELL)
    assert not org_permissions.can_edit_org(scope, OTHER_CELL)
    assert not org_permissions.can_view_org(scope, HOSPITAL)
    assert not member_permissions.can_edit_member(scope, _member(2, OTHER_CELL))
    assert not member_permissions.can_place_in(scope, OTHER_CELL)


# ---- the SQL form agrees with the predicate (defect 8) ------------------------------------------
@pytest.mark.parametrize("role", ["admin", "office", "secretary", "reader", "other_office"])
def test_number_prefix_matches_exactly_where_the_predicate_allows(world, role):
    """``queries.number_q`` is the SQL form of ``permissions.can_match_number_prefix``: a
    prefix of each member's card number finds her iff the predicate says so."""
    scope = scope_for(world.users[role])
    for m in Member.objects.select_related("organization"):
        found = Member.objects.filter(number_q(scope, m.card_number[:3]), pk=m.pk).exists()
        assert found is member_permissions.can_match_number_prefix(scope, m.organization.path)
        exact = Member.objects.filter(number_q(scope, m.card_number), pk=m.pk).exists()
        assert exact  # the full number finds her (still limited by scope.members() on pages)


# ---- pages show an action when the predicate allows it ------------------------------------------
def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    close_response(response)
    return response


@pytest.mark.parametrize(
    ("role", "org_name", "export", "add"),
    [
        ("office", "cell_a", True, True),
        ("office", "hospital", True, False),  # not a cell: no member is added there
        ("secretary", "cell_a", True, True),
        ("reader", "cell_a", True, False),  # may export masked, may not add
        ("admin", "other_cell", True, True),
    ],
)
def test_organization_page_links_follow_the_predicates(client, world, role, org_name, export, add):
    user, org = world.users[role], getattr(world, org_name)
    html = _get(client, user, reverse("organizations:detail", args=[org.pk])).content.decode()
    export_url = f"{reverse('members:export')}?org={org.pk}"
    add_url = f"{reverse('members:add')}?chi-bo={org.pk}"
    assert (export_url in html) is export
    assert (add_url in html) is add
    # the links shown answer; the add page refuses the read-only role
    if export:
        assert _get(client, user, export_url).status_code == 200
    assert _get(client, user, add_url).status_code == (403 if role == "reader" else 200)


@pytest.mark.parametrize(
    ("role", "member_index", "edit", "reveal"),
    [
        ("secretary", 1, True, True),
        ("reader", 1, False, False),
        ("member", 0, False, True),  # her own record: reveal, not edit
    ],
)
def test_member_page_buttons_follow_the_predicates(client, world, role, member_index, edit, reveal):
    user, member = world.users[role], world.a_members[member_index]
    html = _get(client, user, reverse("members:detail", args=[member.pk])).content.decode()
    assert (reverse("members:edit", args=[member.pk]) in html) is edit
    assert (reverse("members:status", args=[member.pk]) in html) is edit
    assert (reverse("members:reveal", args=[member.pk, "card_number"]) in html) is reveal
    edit_status = _get(client, user, reverse("members:edit", args=[member.pk])).status_code
    assert edit_status == (200 if edit else 403)


def test_menu_flags_come_from_the_predicates(rf, world):
    from dangbo.dashboard.context_processors import navigation

    expected = {  # tree pages, own targets, import
        "office": (True, False, True),
        "reader": (True, False, False),
        "member": (False, True, False),
        "communications": (False, False, False),
    }
    for role, (tree, own, imports) in expected.items():
        request = rf.get("/")
        request.user = world.users[role]
        nav = navigation(request)["nav"]
        assert (nav["tree"], nav["own"], nav["import"]) == (tree, own, imports), role


@pytest.mark.parametrize("role", ["admin", "office", "secretary", "member", "reader", "comms"])
def test_scope_querysets_are_the_sql_form_of_the_predicates(world, role):
    """Views fetch through ``scope.members()`` / ``scope.orgs()`` (404 outside) and check the
    write predicate (403): both must agree with the read and write predicates, row by row."""
    from dangbo.organizations.models import Organization

    scope = scope_for(world.users["communications" if role == "comms" else role])
    members = Member.objects.select_related("organization")
    readable = set(scope.members().values_list("pk", flat=True))
    writable = set(scope.members(write=True).values_list("pk", flat=True))
    assert readable == {m.pk for m in members if member_permissions.can_view_member(scope, m)}
    assert writable == {m.pk for m in members if member_permissions.can_edit_member(scope, m)}
    orgs = list(Organization.objects.all())
    assert set(scope.orgs().values_list("pk", flat=True)) == {
        o.pk for o in orgs if org_permissions.can_view_org(scope, o)
    }
    assert set(scope.orgs(write=True).values_list("pk", flat=True)) == {
        o.pk for o in orgs if org_permissions.can_edit_org(scope, o)
    }
