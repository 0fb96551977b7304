"""Role × page matrix: every role against every page and API call, allowed and forbidden."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dangbo.members.models import SensitiveReveal

ROLES = ["admin", "office", "secretary", "member", "reader", "communications", "other_office"]


def _urls(w):
    a0, a1 = w.a_members[0], w.a_members[1]
    return {
        "tree": ("get", reverse("organizations:tree")),
        "cell_a": ("get", reverse("organizations:detail", args=[w.cell_a.pk])),
        "cell_b": ("get", reverse("organizations:detail", args=[w.cell_b.pk])),
        "hospital": ("get", reverse("organizations:detail", args=[w.hospital.pk])),
        "other_cell": ("get", reverse("organizations:detail", args=[w.other_cell.pk])),
        "self": ("get", reverse("members:detail", args=[a0.pk])),
        "colleague": ("get", reverse("members:detail", args=[a1.pk])),
        "colleague_edit": ("get", reverse("members:edit", args=[a1.pk])),
        "self_edit": ("get", reverse("members:edit", args=[a0.pk])),
        "reveal_colleague": ("post", reverse("members:reveal", args=[a1.pk, "card_number"])),
        "reveal_self": ("post", reverse("members:reveal", args=[a0.pk, "card_number"])),
        "search": ("get", reverse("members:search") + "?q=an"),
        "probation": ("get", reverse("members:probation")),
        "api_orgs": ("get", "/api/organizations"),
        "api_cell_a": ("get", f"/api/organizations/{w.cell_a.pk}/members"),
        "api_colleague": ("get", f"/api/members/{a1.pk}"),
        "api_other": ("get", f"/api/members/{w.other_members[0].pk}"),
    }


# Expected status per page for each role (order as in ROLES).
MATRIX = {
    #                   admin office secr member reader comms other_office
    "tree":             (200, 200, 200, 404, 200, 404, 200),
    "cell_a":           (200, 200, 200, 404, 200, 404, 404),
    "cell_b":           (200, 200, 404, 404, 200, 404, 404),
    "hospital":         (200, 200, 404, 404, 200, 404, 404),
    "other_cell":       (200, 404, 404, 404, 200, 404, 200),
    "self":             (200, 200, 200, 200, 200, 404, 404),
    "colleague":        (200, 200, 200, 404, 200, 404, 404),
    "colleague_edit":   (200, 200, 200, 404, 403, 404, 404),
    "self_edit":        (200, 200, 200, 403, 403, 404, 404),
    "reveal_colleague": (200, 200, 200, 404, 403, 404, 404),
    "reveal_self":      (200, 200, 200, 200, 403, 404, 404),
    "search":           (200, 200, 200, 404, 200, 404, 200),
    "probation":        (200, 200, 200, 404, 200, 404, 200),
    "api_orgs":         (200, 200, 200, 200, 200, 200, 200),
    "api_cell_a":       (200, 200, 200, 404, 200, 404, 404),
    "api_colleague":    (200, 200, 200, 404, 200, 404, 404),
    "api_other":        (200, 404, 404, 404, 200, 404, 200),
}  # fmt: skip


@pytest.mark.parametrize("page", sorted(MATRIX))
@pytest.mark.parametrize("role", ROLES)
def test_role_page_matrix(client, world, role, page):
    client.force_login(world.users[role])
    method, url = _urls(world)[page]
    response = getattr(client, method)(url)
    assert response.status_code == MATRIX[page][ROLES.index(role)], (role, page)


@pytest.mark.parametrize("page", sorted(MATRIX))
def test_anonymous_is_sent_to_login_or_refused(client, world, page):
    method, url = _urls(world)[page]
    response = getattr(client, method)(url)
    if url.startswith("/api/"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_api_organization_list_is_scoped(client, world):
    client.force_login(world.users["secretary"])
    items = client.get("/api/organizations").json()["items"]
    assert [i["code"] for i in items] == ["BVA-NOI"]
    client.force_login(world.users["member"])
    assert client.get("/api/organizations").json()["items"] == []


def test_tree_lists_only_the_subtree(client, world):
    client.force_login(world.users["office"])
    html = client.get(reverse("organizations:tree")).content.decode()
    assert "Chi bộ Khoa Nội" in html and "Chi bộ Khoa Ngoại" in html
    assert "Chi bộ Khoa Sản" not in html and "Đảng bộ Sở Y tế" not in html


def test_search_never_leaks_other_cells(client, world):
    client.force_login(world.users["secretary"])
    html = client.get(reverse("members:search") + "?q=le van bao").content.decode()
    assert "Lê Văn Bảo" not in html
    client.force_login(world.users["office"])
    html = client.get(reverse("members:search") + "?q=le van bao").content.decode()
    assert "Lê Văn Bảo" in html


def test_reveal_is_logged(client, world):
    client.force_login(world.users["secretary"])
    target = world.a_members[1]
    response = client.post(reverse("members:reveal", args=[target.pk, "citizen_id"]))
    assert response.status_code == 200
    client.post(reverse("members:reveal", args=[target.pk, "card_number"]))
    assert response.status_code == 200
    logs = SensitiveReveal.objects.filter(member=target, user=world.users["secretary"])
    assert sorted(logs.values_list("field", flat=True)) == ["card_number", "citizen_id"]


def test_card_number_is_masked_in_lists(client, world):
    client.force_login(world.users["office"])
    m = world.a_members[0]
    html = client.get(reverse("organizations:detail", args=[world.cell_a.pk])).content.decode()
    assert m.card_number not in html
    assert m.card_number[-3:] in html
    response = client.post(reverse("members:reveal", args=[m.pk, "card_number"]))
    assert response.content.decode() == m.card_number
