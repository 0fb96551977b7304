"""Pages: upload → preview → confirm, template, export, and who may use them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from dangbo.members.importing.columns import HEADERS, SHEET_GUIDE, SHEET_LISTS, SHEET_MEMBERS
from dangbo.members.importing.reader import read_workbook
from dangbo.members.importing.views import SESSION_KEY
from dangbo.members.models import Member

from .conftest import bulk_rows, db_fingerprint, member_row, xlsx


@pytest.fixture(autouse=True)
def import_dir(tmp_path, settings):
    settings.IMPORT_DIR = tmp_path / "imports"
    return settings.IMPORT_DIR


def _upload(client, content: bytes, name: str = "dang-vien.xlsx"):
    return client.post(reverse("members:import"), {"file": SimpleUploadedFile(name, content)})


def _content(response) -> bytes:
    return b"".join(response.streaming_content)


def test_upload_preview_confirm(client, site, import_dir):
    office = site.users["office"]
    client.force_login(office)
    rows = bulk_rows(30)
    rows.append(
        member_row(
            full_name=site.members["a1"].full_name,
            gender="Nam",
            date_of_birth="02/04/1975",
            card_number="11110001",
            admitted_on="19/05/2000",
            full_on="19/05/2001",
            phone="0912345678",
            department_id="Khoa Nội tổng hợp",
            job_title="Trưởng khoa",
        )
    )
    before = Member.objects.count()
    page = _upload(client, xlsx(rows))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="count-new">30<' in html and 'id="count-update">1<' in html
    assert Member.objects.count() == before  # the preview writes nothing
    token = client.session[SESSION_KEY][-1]
    stored = Path(settings.IMPORT_DIR) / f"{token}.xlsx"
    assert stored.exists() and f'value="{token}"' in html
    assert html.count("<tr>") == 1 + 20  # header + the first 20 rows

    done = client.post(reverse("members:import_confirm"), {"token": token})
    assert done.status_code == 302
    assert Member.objects.count() == before + 30
    assert Member.objects.get(card_number="11110001").job_title == "Trưởng khoa"
    assert not stored.exists() and token not in client.session[SESSION_KEY]
    follow = client.get(done["Location"])
    assert "30 đảng viên mới, 1 cập nhật, 0 không đổi" in follow.content.decode()
    # The same token cannot import twice.
    again = client.post(reverse("members:import_confirm"), {"token": token})
    assert again.status_code == 302 and Member.objects.count() == before + 30


def test_upload_with_errors_shows_them_and_stores_nothing(client, site, import_dir):
    client.force_login(site.users["office"])
    rows = bulk_rows(3)
    rows[1][2] = "31/02/1980"
    before = db_fingerprint()
    page = _upload(client, xlsx(rows))
    html = page.content.decode()
    assert (
        "Dòng 3, cột &#x27;Ngày sinh&#x27;: &#x27;31/02/1980&#x27; không phải ngày hợp lệ" in html
    )
    assert "Xác nhận nhập" not in html
    assert db_fingerprint() == before
    assert SESSION_KEY not in client.session
    assert not list(Path(import_dir).glob("*.xlsx"))


def test_not_an_xlsx_and_unreadable_files(client, site):
    client.force_login(site.users["office"])
    page = _upload(client, b"a,b\n", name="dang-vien.csv")
    assert "Chỉ nhận tệp Excel .xlsx" in page.content.decode()
    page = _upload(client, b"not a zip", name="dang-vien.xlsx")
    assert "Không đọc được tệp." in page.content.decode()


def test_confirm_refuses_a_token_this_session_did_not_upload(client, site, import_dir):
    client.force_login(site.users["office"])
    _upload(client, xlsx(bulk_rows(2)))
    token = client.session[SESSION_KEY][-1]
    before = Member.objects.count()
    other = client.__class__()
    other.force_login(site.users["admin"])
    for bad in (token, "../../etc/passwd", ""):
        response = other.post(reverse("members:import_confirm"), {"token": bad})
        assert response.status_code == 302
    assert Member.objects.count() == before


def test_confirm_revalidates_the_file(client, site, import_dir):
    client.force_login(site.users["office"])
    _upload(client, xlsx([member_row(card_number="46000001")]))
    token = client.session[SESSION_KEY][-1]
    # Meanwhile the card is given to a member of another hospital: the confirm must refuse.
    Member.objects.create(
        full_name="Người Khác",
        gender="male",
        card_number="46000001",
        admitted_on="2001-01-01",
        status="full",
        organization=site.other_cell,
    )
    before = db_fingerprint()
    page = client.post(reverse("members:import_confirm"), {"token": token})
    assert page.status_code == 200
    assert "Không nhận số thẻ &#x27;46000001&#x27;." in page.content.decode()
    assert db_fingerprint() == before


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("office", 200), ("secretary", 200), ("reader", 403), ("member", 404),
     ("communications", 404)],
)  # fmt: skip
def test_who_may_open_the_import_pages(client, site, role, expected):
    client.force_login(site.users[role])
    assert client.get(reverse("members:import")).status_code == expected
    assert client.get(reverse("members:import_template")).status_code == expected
    upload = _upload(client, xlsx([member_row()]))
    assert upload.status_code == expected
    confirm = client.post(reverse("members:import_confirm"), {"token": "x"})
    assert confirm.status_code == (302 if expected == 200 else expected)


def test_anonymous_is_sent_to_login(client, site):
    for name in ("members:import", "members:import_template", "members:export"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_template_has_headers_guide_and_the_cells_of_the_user(client, site):
    client.force_login(site.users["secretary"])
    response = client.get(reverse("members:import_template"))
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(_content(response)))
    assert wb.sheetnames == [SHEET_MEMBERS, SHEET_GUIDE, SHEET_LISTS]
    assert [c.value for c in wb[SHEET_MEMBERS][1]] == list(HEADERS)
    guide = [r[0] for r in wb[SHEET_GUIDE].iter_rows(values_only=True)]
    assert all(h in guide for h in HEADERS)
    codes = [r[0] for r in wb[SHEET_LISTS].iter_rows(min_row=2, values_only=True) if r[0]]
    assert codes == ["BVA-NOI"]  # the secretary's own cell only
    departments = [r[4] for r in wb[SHEET_LISTS].iter_rows(min_row=2, values_only=True) if r[4]]
    assert departments == ["Khoa Nội tổng hợp"]


def test_template_round_trips(client, site):
    client.force_login(site.users["office"])
    wb = load_workbook(io.BytesIO(_content(client.get(reverse("members:import_template")))))
    empty = read_workbook(io.BytesIO(_content(client.get(reverse("members:import_template")))))
    assert empty.errors == [] and empty.rows == [] and empty.ignored_columns == []
    wb[SHEET_MEMBERS].append(member_row(card_number="47000001", department_id="Khoa Nội tổng hợp"))
    out = io.BytesIO()
    wb.save(out)
    page = _upload(client, out.getvalue())
    assert 'id="count-new">1<' in page.content.decode()
    client.post(reverse("members:import_confirm"), {"token": client.session[SESSION_KEY][-1]})
    member = Member.objects.get(card_number="47000001")
    assert (member.full_name, member.department, member.status) == (
        "Nguyễn Thị Ánh",
        site.dept_a,
        "full",
    )


def test_export_reimports_unchanged(client, site):
    client.force_login(site.users["office"])
    response = client.get(reverse("members:export"), {"full": "1"})  # full numbers, logged
    assert response.status_code == 200
    content = _content(response)
    sheet = read_workbook(io.BytesIO(content))
    assert sheet.errors == [] and len(sheet.rows) == 2  # a1 and b1 of hospital A
    before = db_fingerprint()
    page = _upload(client, content)
    assert 'id="count-same">2<' in page.content.decode()
    client.post(reverse("members:import_confirm"), {"token": client.session[SESSION_KEY][-1]})
    assert db_fingerprint() == before


def test_export_of_a_cell_secretary_contains_only_her_cell(client, site):
    Member.objects.create(
        full_name="Võ Thị Mai",
        gender="female",
        card_number="11110003",
        admitted_on="2015-01-01",
        status="full",
        organization=site.cell_a,
    )
    client.force_login(site.users["secretary"])
    response = client.get(reverse("members:export"), {"full": "1"})
    wb = load_workbook(io.BytesIO(_content(response)))
    rows = list(wb[SHEET_MEMBERS].iter_rows(min_row=2, values_only=True))
    code = HEADERS.index("Mã chi bộ")
    assert {r[code] for r in rows} == {"BVA-NOI"}
    names = [r[0] for r in rows]
    assert names == ["Võ Thị Mai", "Đào Thiện Tiến"]  # Vietnamese order: by given name
    assert rows[1][HEADERS.index("Số thẻ đảng viên")] == "11110001"  # she may edit: in full


def test_export_masks_card_numbers_for_readers_and_filters_by_org(client, site):
    client.force_login(site.users["reader"])
    url = reverse("members:export") + f"?org={site.other_hospital.pk}"
    wb = load_workbook(io.BytesIO(_content(client.get(url))))
    rows = list(wb[SHEET_MEMBERS].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["Phạm Thị Đào"]
    assert rows[0][HEADERS.index("Số thẻ đảng viên")] == "•••••001"
    assert rows[0][HEADERS.index("Số CCCD")] == "•••••••••345"


def test_export_of_an_org_outside_scope_is_404(client, site):
    client.force_login(site.users["secretary"])
    url = reverse("members:export") + f"?org={site.other_cell.pk}"
    assert client.get(url).status_code == 404
    assert client.get(reverse("members:export") + "?org=abc").status_code == 404
    client.force_login(site.users["member"])
    assert client.get(reverse("members:export")).status_code == 404
