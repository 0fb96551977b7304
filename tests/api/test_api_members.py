"""JSON API (django-ninja): scoped like the pages, masked card numbers, OpenAPI schema."""

from __future__ import annotations


def test_cell_members_in_vietnamese_order_and_masked(client, world):
    client.force_login(world.users["secretary"])
    data = client.get(f"/api/organizations/{world.cell_a.pk}/members").json()
    assert [m["full_name"] for m in data["items"]] == [
        "Trần Văn An", "Nguyễn Thị Ánh", "Đào Thiện Tiến",
    ]  # fmt: skip
    for item, member in zip(data["items"], reversed(world.a_members), strict=True):
        assert "card_number" not in item
        assert item["card_number_masked"].endswith(member.card_number[-3:])
        assert member.card_number not in str(item)


def test_search_without_diacritics(client, world):
    client.force_login(world.users["office"])
    items = client.get("/api/members", {"q": "dao thien tien"}).json()["items"]
    assert [i["full_name"] for i in items] == ["Đào Thiện Tiến"]
    client.force_login(world.users["other_office"])
    assert client.get("/api/members", {"q": "dao thien tien"}).json()["items"] == []


def test_openapi_schema_is_served(client, world):
    client.force_login(world.users["office"])
    schema = client.get("/api/openapi.json").json()
    assert "/api/organizations/{org_id}/members" in schema["paths"]
