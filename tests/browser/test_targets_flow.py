"""Key flow in a real browser: a department head records a mid-year value with cause and
remedy; the office freezes the checkpoint; the dashboard shows the new status."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def test_head_records_office_freezes_dashboard_shows(
    transactional_db, live_server, world, plan, page
):
    login(page, live_server, "truongkhoa")
    page.get_by_role("link", name="Chỉ tiêu tôi phụ trách").click()
    row = page.locator("#my-targets tr", has_text="Kết nạp đảng viên mới").filter(
        has_text="Sơ kết 6 tháng"
    )
    row.get_by_role("link", name="Báo cáo").click()

    page.get_by_label("Giá trị đạt được").fill("2")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".errorlist").first).to_contain_text("nguyên nhân")  # cause required
    page.get_by_label("Nguyên nhân (bắt buộc khi chưa đạt)").fill("Hồ sơ thẩm tra lý lịch chậm")
    page.get_by_label("Giải pháp khắc phục (bắt buộc khi chưa đạt)").fill("Đôn đốc địa phương")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi số liệu")
    page.get_by_role("button", name="Đăng xuất").click()

    login(page, live_server, "office1")
    page.get_by_role("link", name="Nghị quyết, chỉ tiêu").click()
    page.get_by_role("link", name="Nghị quyết năm 2023").click()
    page.get_by_role("link", name="Sơ kết 6 tháng").click()
    target_row = page.locator("#targets tr", has_text="Kết nạp đảng viên mới")
    expect(target_row.locator(".status .badge")).to_have_text("Chưa đạt")
    expect(target_row).to_contain_text("Hồ sơ thẩm tra lý lịch chậm")
    page.get_by_role("link", name="Chốt số liệu kỳ này…").click()
    page.get_by_label("Gõ “Sơ kết 6 tháng 2023” để xác nhận").fill("Sơ kết 6 tháng 2022")
    page.get_by_role("button", name="Chốt số liệu").click()
    expect(page.locator("#id_confirmation_error")).to_contain_text("Gõ đúng tên kỳ")
    page.get_by_label("Gõ “Sơ kết 6 tháng 2023” để xác nhận").fill("Sơ kết 6 tháng 2023")
    page.get_by_role("button", name="Chốt số liệu").click()
    expect(page.locator("#frozen-badge")).to_contain_text("Đã chốt số liệu")
    expect(page.get_by_role("link", name="Ghi số liệu")).to_have_count(0)

    page.get_by_role("link", name="Tổng hợp").first.click()
    expect(page.locator("#dashboard-sentence")).to_contain_text("có 1 chỉ tiêu chưa đạt")
    not_met = page.locator("#status-table tr", has_text="Chưa đạt")
    expect(not_met.locator("td").nth(1)).to_have_text("1")
    expect(page.locator("svg.chart").first).to_be_visible()
