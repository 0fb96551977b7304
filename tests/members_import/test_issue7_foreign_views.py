"""Issue 7, item 3: an office's own spreadsheet through the pages — upload → mapping step →
preview → confirm — with the mapping remembered for the next upload, and cells matched by
name in the actor's scope only."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangbo.members.importing import services
from dangbo.members.importing.validate import RawRow, SkippedRow
from dangbo.members.importing.views import MAPS_KEY, SESSION_KEY, skipped_lines
from dangbo.members.models import ImportMapping, Member
from dangbo.organizations.models import Organization
from tests.members_import import foreign
from tests.members_import.conftest import bulk_rows, db_fingerprint, xlsx

N = 30


@pytest.fixture(autouse=True)
def import_dir(tmp_path, settings):
    settings.IMPORT_DIR = tmp_path / "imports"
    return settings.IMPORT_DIR


def _upload(client, content: bytes, name: str = "danh-sach.xlsx"):
    return client.post(reverse("members:import"), {"file": SimpleUploadedFile(name, content)})


def _selected(html: str, field: str) -> str:
    select = re.search(rf'<select name="col_{field}".*?</select>', html, re.S)
    assert select, field
    chosen = re.search(r'<option value="(\d*)" selected>', select.group(0))
    return chosen.group(1) if chosen else ""


def _choices(html: str) -> dict[str, str]:
    """The form as the browser would post it: every select with its selected option."""
    data = {
        name: _selected(html, name.removeprefix("col_"))
        for name in re.findall(r'<select name="(col_\w+)"', html)
    }
    for name in ("default_status", "default_organization_id"):
        select = re.search(rf'<select name="{name}".*?</select>', html, re.S)
        chosen = re.search(r'<option value="([^"]*)" selected>', select.group(0))
        data[name] = chosen.group(1) if chosen else ""
    return data


def _apply(client, html: str, **changes: str):
    token = client.session[SESSION_KEY][-1]
    data = {**_choices(html), **changes, "token": token, "file_name": "danh-sach.xlsx",
            "step": "apply"}  # fmt: skip
    return client.post(reverse("members:import_mapping"), data)


def test_foreign_file_goes_through_the_mapping_step_and_reimports_unchanged(client, site):
    """Done-when of item 3 at the page level: the office's own file (merged titles, own headers,
    cell names, NFD text, text dates, a totals row, no status column) is mapped — proposals by
    header and by content, the status derived from the official date — previewed with its
    skipped rows listed, imported, and the same file again maps itself from memory and shows
    every row unchanged."""
    client.force_login(site.users["office"])
    people = foreign.members(N)
    content = foreign.workbook(people)
    page = _upload(client, content)
    html = page.content.decode()
    assert page.status_code == 200 and "Ghép cột của tệp" in html
    assert _selected(html, "full_name") == "1" and _selected(html, "citizen_id") == "10"
    assert _selected(html, "organization_id") == "7" and _selected(html, "status") == ""
    assert "Tệp không có cột này: chọn cột, hoặc chọn giá trị chung bên dưới." in html
    assert "theo nội dung" in html and "Chi bộ Khoa Nội; Khoa Ngoại" in html  # samples
    assert Member.objects.count() == 3  # nothing written yet

    preview = _apply(client, html, col_home_town="")  # the office leaves "Quê quán" out
    text = preview.content.decode()
    assert f'id="count-new">{N}<' in text, text[:3000]
    skipped = foreign.skipped_rows(N)
    for row, reason in skipped.items():
        assert f"Bỏ qua dòng {row}: {reason}." in text
    mapping = ImportMapping.objects.get(user=site.users["office"])
    assert mapping.mapping["defaults"] == {"status": "derive"}
    assert "4" not in mapping.mapping["columns"]  # Quê quán (column E) left out

    token = client.session[SESSION_KEY][-1]
    assert token in client.session[MAPS_KEY]
    done = client.post(reverse("members:import_confirm"), {"token": token})
    assert done.status_code == 302 and MAPS_KEY in client.session
    assert token not in client.session[MAPS_KEY]
    created = {m.card_number: m for m in Member.objects.filter(card_number__startswith="4000")}
    assert len(created) == N
    for p in people:
        m = created[p.card]
        assert (m.full_name, m.date_of_birth, m.admitted_on, m.full_on) == (
            p.name, p.born, p.admitted, p.full_on)  # fmt: skip
        assert m.status == ("full" if p.full_on else "probationary")
        assert m.organization.code == p.cell and m.home_town == ""
        assert (m.department_id == site.dept_a.pk) is p.department
        assert m.citizen_id == p.citizen_id

    before = db_fingerprint()
    again = _upload(client, content).content.decode()
    assert "Đã dùng cách ghép cột bạn xác nhận lần trước" in again
    assert _selected(again, "home_town") == ""
    preview = _apply(client, again).content.decode()
    assert f'id="count-same">{N}<' in preview and 'id="count-new">0<' in preview
    assert 'id="count-update">0<' in preview
    client.post(reverse("members:import_confirm"), {"token": client.session[SESSION_KEY][-1]})
    assert db_fingerprint() == before


def test_mapping_errors_are_shown_on_the_mapping_step_and_nothing_is_kept(client, site):
    """A required field left without a column, or a column chosen twice, keeps the user on the
    mapping step with a Vietnamese message; nothing is remembered."""
    client.force_login(site.users["office"])
    html = _upload(client, foreign.workbook(foreign.members(3))).content.decode()
    page = _apply(client, html, col_gender="", col_full_on="5").content.decode()
    assert "Ghép cột của tệp" in page and 'id="mapping-errors"' in page
    assert "Chưa chọn cột cho &#x27;Giới tính&#x27; (bắt buộc)." in page
    assert "Cột F được chọn cho cả &#x27;Ngày vào Đảng&#x27; và &#x27;Ngày chính thức&#x27;" in page
    assert _selected(page, "gender") == ""  # the user's choice is shown back
    assert not ImportMapping.objects.exists()


def test_default_cell_for_a_file_without_a_cell_column(client, site):
    """No cell column: one cell chosen for the whole file, among the cells the user may edit
    (another hospital's code is refused)."""
    client.force_login(site.users["office"])
    people = foreign.members(4)
    html = _upload(client, foreign.workbook(people)).content.decode()
    page = _apply(client, html, col_organization_id="", default_organization_id="BVB-SAN")
    assert "Không có chi bộ &#x27;BVB-SAN&#x27; trong các chi bộ bạn được cập nhật." in (
        page.content.decode()
    )
    preview = _apply(client, html, col_organization_id="", default_organization_id="BVA-NGOAI")
    assert 'id="count-new">4<' in preview.content.decode()
    client.post(reverse("members:import_confirm"), {"token": client.session[SESSION_KEY][-1]})
    cells = set(Member.objects.filter(card_number__startswith="4000").values_list(
        "organization__code", flat=True))  # fmt: skip
    assert cells == {"BVA-NGOAI"}


def test_data_errors_after_mapping_offer_the_mapping_step_again(client, site):
    """A wrong mapping shows up as row errors; the file stays uploaded and "Ghép cột lại" opens
    the mapping step with the last choice."""
    client.force_login(site.users["office"])
    html = _upload(client, foreign.workbook(foreign.members(3))).content.decode()
    # The card numbers taken for birth dates:
    page = _apply(client, html, col_date_of_birth="9", col_card_number="").content.decode()
    assert "Chưa nhập gì vào hệ thống" in page and "Ghép cột lại" in page
    token = client.session[SESSION_KEY][-1]
    back = client.post(reverse("members:import_mapping"), {"token": token}).content.decode()
    assert "Ghép cột của tệp" in back and _selected(back, "date_of_birth") == "9"
    again = _apply(client, back, col_date_of_birth="2", col_card_number="9").content.decode()
    assert 'id="count-new">3<' in again


def test_the_template_file_skips_the_mapping_step(client, site):
    client.force_login(site.users["office"])
    page = _upload(client, xlsx(bulk_rows(2))).content.decode()
    assert "Ghép cột của tệp" not in page and 'id="count-new">2<' in page
    assert client.session[MAPS_KEY] == {}


def test_a_file_without_a_header_row_is_refused(client, site):
    client.force_login(site.users["office"])
    page = _upload(client, xlsx([["x", "y"]], headers=["a", "b"])).content.decode()
    assert "Không tìm thấy dòng tiêu đề có cột &#x27;Họ và tên&#x27;." in page


def test_expired_token_on_the_mapping_step(client, site):
    client.force_login(site.users["office"])
    response = client.post(reverse("members:import_mapping"), {"token": "x", "step": "apply"})
    assert response.status_code == 302 and response["Location"] == reverse("members:import")


def test_mapping_is_remembered_per_user(client, site):
    """Another user uploading a file with the same headers gets the fresh proposal."""
    client.force_login(site.users["office"])
    content = foreign.workbook(foreign.members(2))
    html = _upload(client, content).content.decode()
    _apply(client, html, col_home_town="")
    client.force_login(site.users["admin"])
    other = _upload(client, content).content.decode()
    assert "Đã dùng cách ghép cột" not in other and _selected(other, "home_town") == "4"


def test_skipped_lines_group_consecutive_rows():
    skipped = [
        SkippedRow(6, "numbering"), SkippedRow(8, "blank"), SkippedRow(9, "blank"),
        SkippedRow(10, "blank"), SkippedRow(11, "total"), SkippedRow(13, "blank"),
    ]  # fmt: skip
    assert skipped_lines(skipped) == [
        "Bỏ qua dòng 6: dòng đánh số cột.", "Bỏ qua dòng 8–10: dòng trống.",
        "Bỏ qua dòng 11: dòng tổng cộng.", "Bỏ qua dòng 13: dòng trống.",
    ]  # fmt: skip


# ---- cells by name in the service -------------------------------------------------------------
def _row(row: int, cell: str, **values: object) -> RawRow:
    base = {"full_name": f"Nguyễn Văn {'ABCDEFGH'[row]}", "gender": "Nam",
            "admitted_on": "03/02/2010", "status": "Dự bị", "organization_id": cell}  # fmt: skip
    return RawRow(row, {**base, **values})


def test_cells_by_name_in_the_actors_scope_only(site):
    """Item 3 + defect 13: a cell name is looked up among the cells the actor can see: another
    hospital's cell name reads as unknown; a namesake of one of her cells makes it ambiguous
    and the error lists both."""
    office = site.users["office"]
    rows = [_row(2, "Chi bộ Khoa Nội"), _row(3, "khoa ngoai"), _row(4, "Chi bộ Khoa Sản")]
    plan = services.import_plan(actor=office, rows=rows)
    assert [(e.row, e.column) for e in plan.errors] == [(4, "Mã chi bộ")]
    assert "Bệnh viện B" not in plan.errors[0].message and "BVB" not in plan.errors[0].message
    assert "Không có chi bộ nào tên &#x27;" not in plan.errors[0].message
    hospital = Organization.objects.get(pk=site.hospital.pk)
    Organization.objects.add_child(hospital, {"name": "Chi bộ Khoa Nội", "kind": "cell",
                                              "code": "BVA-NOI-2"})  # fmt: skip
    plan = services.import_plan(actor=office, rows=rows[:1])
    assert len(plan.errors) == 1 and "BVA-NOI-2" in plan.errors[0].message
    assert "BVA-NOI)" in plan.errors[0].message


def test_import_by_cell_name_then_reimport_is_unchanged(site):
    office = site.users["office"]
    rows = [_row(2, "Chi bộ Khoa Nội", department_id="Nội tổng hợp"),
            _row(3, "KHOA NGOẠI", date_of_birth=dt.date(1980, 1, 1))]  # fmt: skip
    result = services.members_import(actor=office, rows=rows)
    assert result.created == 2
    member = Member.objects.get(full_name="Nguyễn Văn C")
    assert member.organization == site.cell_a and member.department == site.dept_a
    again = services.members_import(actor=office, rows=rows)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
