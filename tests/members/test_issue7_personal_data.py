"""Issue 7, personal data: the edit page masks the numbers (defect 3), the reveal log keeps the
client's address behind a proxy and outlives the member (defect 4), and a search by digits does
not recover masked numbers (defect 8)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dangbo.accounts.models import Role
from dangbo.members.models import Member, SensitiveReveal

CARD, CITIZEN = "48151623", "001079042108"


@pytest.fixture
def target(world):
    """A member of hospital A with both numbers stored."""
    member = world.a_members[1]
    member.card_number, member.citizen_id = CARD, CITIZEN
    member.save()
    return member


@pytest.fixture
def stranger(world):
    """A member of hospital B (read-only for the superior reader) with both numbers stored."""
    member = world.other_members[0]
    member.card_number, member.citizen_id = CARD, CITIZEN
    member.save()
    return member


def _form_data(member: Member, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "full_name": member.full_name, "gender": member.gender,
        "date_of_birth": member.date_of_birth.strftime("%d/%m/%Y"),
        "ethnicity": member.ethnicity, "religion": member.religion, "home_town": "",
        "card_number": "", "dossier_number": "", "citizen_id": "",
        "admitted_on": member.admitted_on.strftime("%d/%m/%Y"),
        "full_on": member.full_on.strftime("%d/%m/%Y") if member.full_on else "",
        "status": member.status, "organization": member.organization_id,
        "department": member.department_id or "", "job_title": "", "professional_title": "",
        "military_rank": "", "phone": "", "email": "", "version": member.version,
    }  # fmt: skip
    data.update(changes)
    return data


# ---- defect 3: the edit page ------------------------------------------------------------------
def test_edit_page_shows_the_numbers_masked(client, world, target):
    client.force_login(world.users["office"])
    html = client.get(reverse("members:edit", args=[target.pk])).content.decode()
    assert CARD not in html and CITIZEN not in html
    assert "•••••623" in html and "•••••••••108" in html
    assert reverse("members:reveal", args=[target.pk, "card_number"]) in html
    assert not SensitiveReveal.objects.exists()


def test_edit_with_empty_number_fields_keeps_the_stored_numbers(client, world, target):
    client.force_login(world.users["office"])
    url = reverse("members:edit", args=[target.pk])
    assert client.post(url, _form_data(target, job_title="Trưởng khoa")).status_code == 302
    target.refresh_from_db()
    assert (target.card_number, target.citizen_id, target.job_title) == (
        CARD, CITIZEN, "Trưởng khoa",
    )  # fmt: skip


def test_edit_with_new_numbers_replaces_them_and_the_box_erases_them(client, world, target):
    client.force_login(world.users["office"])
    url = reverse("members:edit", args=[target.pk])
    data = _form_data(target, card_number="48151624", citizen_id="001079042109")
    assert client.post(url, data).status_code == 302
    target.refresh_from_db()
    assert (target.card_number, target.citizen_id) == ("48151624", "001079042109")
    data = _form_data(target, card_number_clear="on", citizen_id_clear="on")
    assert client.post(url, data).status_code == 302
    target.refresh_from_db()
    assert (target.card_number, target.citizen_id) == (None, "")


def test_edit_page_with_errors_still_masks_the_numbers(client, world, target):
    client.force_login(world.users["office"])
    url = reverse("members:edit", args=[target.pk])
    response = client.post(url, _form_data(target, date_of_birth="31/02/1980"))
    assert response.status_code == 200
    html = response.content.decode()
    assert CARD not in html and CITIZEN not in html


def test_edit_page_reveal_gives_the_input_and_is_logged(client, world, target):
    client.force_login(world.users["secretary"])
    url = reverse("members:reveal", args=[target.pk, "citizen_id"]) + "?as=input"
    html = client.post(url).content.decode()
    assert 'name="citizen_id"' in html and f'value="{CITIZEN}"' in html
    log = SensitiveReveal.objects.get()
    assert (log.user, log.member, log.field) == (world.users["secretary"], target, "citizen_id")


def test_edit_page_reveal_is_refused_to_the_member_herself(client, world):
    own = world.a_members[0]
    client.force_login(world.users["member"])
    url = reverse("members:reveal", args=[own.pk, "card_number"])
    assert client.post(url + "?as=input").status_code == 403
    assert client.post(url).status_code == 200  # the record page's reveal still works for her
    assert SensitiveReveal.objects.count() == 1


# ---- defect 4: the reveal log -----------------------------------------------------------------
def test_reveal_logs_the_client_behind_a_trusted_proxy(client, world, target, settings):
    settings.DANGBO_TRUSTED_PROXIES = ["10.0.0.1"]
    client.force_login(world.users["office"])
    url = reverse("members:reveal", args=[target.pk, "card_number"])
    forwarded = "6.6.6.6, 192.168.5.20"  # the first entry is whatever the client claimed
    client.post(url, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert SensitiveReveal.objects.get().ip_address == "192.168.5.20"


def test_reveal_ignores_forwarded_for_from_an_untrusted_peer(client, world, target, settings):
    settings.DANGBO_TRUSTED_PROXIES = []
    client.force_login(world.users["office"])
    url = reverse("members:reveal", args=[target.pk, "card_number"])
    client.post(url, REMOTE_ADDR="192.168.5.21", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert SensitiveReveal.objects.get().ip_address == "192.168.5.21"


def test_reveal_log_outlives_the_member(client, world, target):
    client.force_login(world.users["office"])
    client.post(reverse("members:reveal", args=[target.pk, "card_number"]))
    pk, name = target.pk, target.full_name
    target.delete()
    log = SensitiveReveal.objects.get()
    assert (log.member, log.member_pk, log.member_name) == (None, pk, name)
    assert log.user == world.users["office"] and log.field == "card_number"


# ---- defect 8: searching by digits ------------------------------------------------------------
def _search_page(client, q):
    return client.get(reverse("members:search"), {"q": q}).content.decode()


def _cell_page(client, cell, q):
    return client.get(reverse("organizations:detail", args=[cell.pk]), {"q": q}).content.decode()


def _api_names(client, q, org=None):
    url = f"/api/organizations/{org.pk}/members" if org else "/api/members"
    response = client.get(url, {"q": q})
    assert response.status_code == 200
    return [m["full_name"] for m in response.json()["items"]]


def test_reader_cannot_recover_a_card_number_by_prefix(client, world, stranger):
    client.force_login(world.users["reader"])
    name = stranger.full_name
    for q in [*"0123456789", CARD[:2], CARD[:7], CITIZEN[:1], CITIZEN[:11]]:
        assert name not in _search_page(client, q), q
        assert name not in _cell_page(client, world.other_cell, q), q
        assert name not in _api_names(client, q), q
        assert name not in _api_names(client, q, world.other_cell), q


@pytest.mark.parametrize("number", [CARD, CITIZEN])
def test_reader_finds_a_member_by_the_full_number(client, world, stranger, number):
    client.force_login(world.users["reader"])
    name = stranger.full_name
    assert name in _search_page(client, number)
    assert name in _cell_page(client, world.other_cell, number)
    assert _api_names(client, number) == [name]
    assert _api_names(client, number, world.other_cell) == [name]


def test_prefix_search_works_only_where_the_actor_may_edit(client, world, target):
    """An office of hospital A who also reads the superior's tree: prefixes find her own
    hospital's members, only full numbers find the others."""
    user = world.users["office"]
    Role.objects.create(user=user, kind="superior_reader", organization=world.superior)
    other = world.other_members[0]
    other.card_number = "48159999"
    other.save()
    client.force_login(user)
    html = _search_page(client, "4815")
    assert target.full_name in html and other.full_name not in html
    assert _api_names(client, "4815") == [target.full_name]
    assert target.full_name in _search_page(client, CITIZEN[:6])
    assert other.full_name in _search_page(client, "48159999")


def test_admin_and_secretary_keep_prefix_search(client, world, target):
    client.force_login(world.users["admin"])
    assert target.full_name in _search_page(client, CARD[:4])
    client.force_login(world.users["secretary"])
    assert _api_names(client, CARD[:4]) == [target.full_name]
