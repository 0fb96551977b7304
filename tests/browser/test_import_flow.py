"""Key flow in a real browser: the committee office downloads nothing by hand, uploads a
spreadsheet with a bad row (sees the row-level Vietnamese error, nothing stored), fixes it,
previews and confirms the import."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dangbo.members.models import Member
from tests.browser.conftest import login
from tests.members_import import conftest as importing
from tests.members_import.conftest import bulk_rows, member_row, xlsx

pytestmark = pytest.mark.browser

site = importing.site  # the import tests' two hospitals and their users


@pytest.fixture(autouse=True)
def import_dir(tmp_path, settings):
    settings.IMPORT_DIR = tmp_path / "imports"


def test_office_fixes_a_bad_file_then_imports(transactional_db, live_server, site, page, tmp_path):
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    rows = bulk_rows(12)
    bad = list(rows)
    bad[4] = member_row(full_name="Hoàng Văn Sai", date_of_birth="31/02/1980", card_number="")
    bad_file = tmp_path / "sai.xlsx"
    bad_file.write_bytes(xlsx(bad))
    good_file = tmp_path / "dung.xlsx"
    good_file.write_bytes(xlsx(rows))
    before = Member.objects.count()

    login(page, live_server, "office1")
    page.get_by_role("link", name="Nhập từ Excel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập đảng viên từ Excel")

    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(bad_file))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Chưa nhập gì vào hệ thống")
    expect(errors.locator("li").first).to_contain_text("Dòng 6")  # header is Excel row 1
    expect(errors.locator("li").first).to_contain_text("31/02/1980")
    assert Member.objects.count() == before

    page.get_by_role("link", name="Tải tệp khác lên").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(good_file))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.locator("#count-new")).to_have_text("12")
    expect(page.locator("table tbody tr")).to_have_count(12)
    assert Member.objects.count() == before  # the preview writes nothing

    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator("body")).to_contain_text("12 đảng viên mới, 0 cập nhật, 0 không đổi")
    assert Member.objects.count() == before + 12
    assert csp_errors == []
