"""Issue 7, item 3, done-when: "A foreign spreadsheet of 300 members with the traits in item 3
imports through the mapping step in a browser test, without editing the file; re-import shows
'không đổi' for all rows."

The file (tests/members_import/foreign.py, written with openpyxl): merged title rows above the
header, the office's own column names, cell names instead of codes, departments without
"Khoa", a row of column numbers, NFD text, dates typed as text, no status column, a blank row
and a totals row. The office user leaves one proposed column out ("Quê quán") and chooses the
status rule for the file; the second upload is mapped from memory."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dangbo.members.models import Member
from tests.browser.conftest import login
from tests.members_import import conftest as importing
from tests.members_import import foreign

pytestmark = pytest.mark.browser

site = importing.site  # the import tests' two hospitals and their users
N = 300


@pytest.fixture(autouse=True)
def import_dir(tmp_path, settings):
    settings.IMPORT_DIR = tmp_path / "imports"


def test_office_imports_its_own_spreadsheet_and_reimports_it_unchanged(
    transactional_db, live_server, site, page, tmp_path
):
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    people = foreign.members(N)
    path = tmp_path / "Danh sach dang vien 2024.xlsx"
    path.write_bytes(foreign.workbook(people))
    before = Member.objects.count()

    login(page, live_server, "office1")
    page.get_by_role("link", name="Nhập từ Excel").click()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()

    # The mapping step: proposals by header and by content, the missing status column said.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ghép cột của tệp")
    expect(page.locator("#map-full_name")).to_have_value("1")  # B: Họ và tên đảng viên
    expect(page.locator("#map-date_of_birth")).to_have_value("2")  # C: Ngày tháng năm sinh
    expect(page.locator("#map-organization_id")).to_have_value("7")  # H: Chi bộ (names)
    expect(page.locator("#map-citizen_id")).to_have_value("10")  # K: 12 digits, by content
    expect(page.locator("#map-home_town")).to_have_value("4")  # E: Quê quán
    expect(page.locator("#map-status")).to_have_value("")
    status_row = page.locator("#mapping-fields tr", has=page.locator("#map-status"))
    expect(status_row).to_contain_text("Tệp không có cột này")
    expect(page.locator("#mapping-columns")).to_contain_text("Giấy tờ tùy thân")
    expect(page.locator("#mapping-columns")).to_contain_text("001000000000")  # a sample

    page.locator("#map-home_town").select_option("")  # leave "Quê quán" out
    page.locator("#default-status").select_option(
        label="Suy ra từ ngày chính thức: có ngày thì Chính thức, trống thì Dự bị"
    )
    page.get_by_role("button", name="Tiếp tục").click()

    # The preview: every member new, the rows that are no members listed.
    expect(page.locator("#count-new")).to_have_text(str(N))
    skipped = page.locator("#import-skipped")
    for row, reason in foreign.skipped_rows(N).items():
        expect(skipped).to_contain_text(f"Bỏ qua dòng {row}: {reason}.")
    assert Member.objects.count() == before  # the preview writes nothing

    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator("body")).to_contain_text(f"{N} đảng viên mới, 0 cập nhật, 0 không đổi")
    created = Member.objects.filter(card_number__in=[p.card for p in people])
    assert created.count() == N == Member.objects.count() - before
    assert set(created.values_list("home_town", flat=True)) == {""}
    full = sum(1 for p in people if p.full_on)
    assert created.filter(status="full").count() == full
    assert created.filter(status="probationary").count() == N - full
    first = created.get(card_number=people[0].card)
    assert (first.full_name, first.date_of_birth, first.organization.code) == (
        people[0].name, people[0].born, "BVA-NOI",
    )  # fmt: skip

    # The same file again: mapped from memory, every row unchanged.
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.locator("#mapping-remembered")).to_be_visible()
    expect(page.locator("#map-home_town")).to_have_value("")
    page.get_by_role("button", name="Tiếp tục").click()
    expect(page.locator("#count-same")).to_have_text(str(N))
    expect(page.locator("#count-new")).to_have_text("0")
    expect(page.locator("#count-update")).to_have_text("0")
    badges = page.locator("table tbody tr td:nth-child(2)")
    expect(badges).to_have_count(20)
    expect(badges).to_have_text(["Không đổi"] * 20)
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator("body")).to_contain_text(f"0 đảng viên mới, 0 cập nhật, {N} không đổi")
    assert Member.objects.count() == before + N
    assert csp_errors == []


def test_the_mapping_step_fits_a_phone(transactional_db, live_server, site, page, tmp_path):
    """Issue 7 item 5 on the mapping page: at 390×844 nothing lies beyond the screen (a
    fieldset grew to its longest option, a cell's full name, and pushed the defaults off)."""
    path = tmp_path / "Danh sach.xlsx"
    path.write_bytes(foreign.workbook(foreign.members(20)))
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server, "office1")
    page.goto(f"{live_server.url}/dang-vien/nhap/")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra tệp").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ghép cột của tệp")
    beyond = page.evaluate(
        """() => [...document.querySelectorAll('main *')].filter(
            el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1
        ).map(el => el.tagName + '#' + el.id)"""
    )
    assert beyond == []
