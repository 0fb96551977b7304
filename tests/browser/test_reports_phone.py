"""Issue 10 items 2 and 3 on a phone (390×844): the office generates a year-end report, edits a
sentence while the live preview of the Party page follows (htmx), issues it, and sees its
number and SHA-256; the list, the generate form, the draft and the issued document, and the
register keep every element inside the viewport."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangbo.organizations.models import Term
from dangbo.reports.models import GeneratedDocument
from tests.browser.conftest import login
from tests.browser.test_meeting_attendance_phone import PHONE, _fits
from tests.reports.test_services_documents import install_fake_draft, no_check

pytestmark = pytest.mark.browser


def test_office_generates_edits_and_issues_on_a_phone(
    transactional_db,
    live_server,
    world,
    browser,
    monkeypatch,
    settings,
    tmp_path,
):
    settings.MEDIA_ROOT = tmp_path
    install_fake_draft(monkeypatch)
    no_check(monkeypatch)
    Term.objects.create(organization=world.hospital, name="2020–2025",
                        starts_on=dt.date(2020, 7, 10), ends_on=dt.date(2025, 6, 19))  # fmt: skip
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "office1")
    page.goto(f"{live_server.url}/van-ban/")
    assert _fits(page) == []
    page.locator("#document-generate").click()
    assert _fits(page) == []
    page.get_by_label("Loại văn bản").select_option("yearend_report")
    page.get_by_label("Tổ chức ban hành").select_option(str(world.hospital.pk))
    page.get_by_label("Năm", exact=True).fill("2022")
    button = page.get_by_role("button", name="Tạo dự thảo")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44  # a finger-sized target
    button.click()
    expect(page.locator("#preview")).to_contain_text("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert _fits(page) == []

    body = page.get_by_label("Nội dung")
    body.fill(body.input_value().replace("Kết nạp 05 đảng viên mới.", "Kết nạp 06 đảng viên mới."))
    expect(page.locator("#preview")).to_contain_text("Kết nạp 06 đảng viên mới.")  # live, unsaved
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu dự thảo.")
    page.get_by_role("button", name="Ban hành (cấp số, khóa văn bản)").click()
    expect(page.locator("#document-number")).to_contain_text("Số 01-BC/ĐU")
    row = GeneratedDocument.objects.get()
    expect(page.locator("#document-sha256")).to_have_text(row.sha256)
    assert "Kết nạp 06 đảng viên mới." in row.body and row.number == 1
    assert page.locator("#document-edit").count() == 0
    assert _fits(page) == []
    page.goto(f"{live_server.url}/van-ban/so-dang-ky/{world.hospital.pk}/")
    expect(page.locator("#counters")).to_contain_text("2020–2025")
    assert _fits(page) == []
    context.close()
