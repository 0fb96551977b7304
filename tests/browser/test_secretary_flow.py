"""Key flow in a real browser: a cell secretary logs in, opens her cell, searches a member
without diacritics, and is refused another cell's page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def test_secretary_searches_her_cell_and_is_refused_another(
    transactional_db, live_server, world, page
):
    csp_errors: list[str] = []
    page.on(
        "console",
        lambda msg: csp_errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    login(page, live_server, "secretary1")

    page.get_by_role("link", name="Tổ chức đảng").click()
    page.get_by_role("link", name="Chi bộ Khoa Nội").click()
    rows = page.locator("#member-rows tbody tr")
    expect(rows).to_have_count(3)

    page.get_by_role("searchbox", name="Tìm đảng viên").fill("dao thien tien")
    expect(rows).to_have_count(1)  # htmx swapped the rows in place
    expect(rows.first).to_contain_text("Đào Thiện Tiến")
    assert "q=dao" in page.url and "tien" in page.url  # the search is in the address

    rows.first.get_by_role("link", name="Đào Thiện Tiến").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đào Thiện Tiến")

    response = page.goto(f"{live_server.url}/to-chuc/{world.cell_b.pk}/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Không tìm thấy trang")
    expect(page.locator("body")).not_to_contain_text("Lê Văn Bảo")
    assert csp_errors == []


def test_wrong_password_shows_vietnamese_error(transactional_db, live_server, world, page):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("secretary1")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator(".errorlist")).to_contain_text("không đúng")
