"""Issue 9 item 4 in a real browser, on a 390 px phone: a cell's secretary edits her members'
levels and the violations panel changes live (htmx) before anything is saved; then she saves.
Nothing lies beyond the screen on the proposal page and the campaign page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dangbo.evaluations.models import Rating
from tests.browser.conftest import login
from tests.evaluations.factories import open_campaign

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
BEYOND = """() => [...document.querySelectorAll('body *')].filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.right > window.innerWidth + 1;
}).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))"""


def _fits(page) -> list[str]:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    return page.evaluate(BEYOND)


def test_live_preview_on_a_phone(transactional_db, live_server, world, browser, monkeypatch):
    campaign = open_campaign(world)
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "secretary1")
    page.goto(f"{live_server.url}/danh-gia/")
    page.get_by_role("link", name="Đề xuất của Chi bộ Khoa Nội").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Chi bộ Khoa Nội")
    assert _fits(page) == []
    panel = page.locator("#violations")
    expect(panel).to_contain_text("Không có vi phạm")
    selects = page.locator("select[name^=level_]")
    assert selects.count() == 3
    box = selects.first.bounding_box()
    assert box is not None and box["height"] >= 44  # a finger's target
    for i in range(3):
        selects.nth(i).select_option(label="Hoàn thành xuất sắc nhiệm vụ")
    expect(page.locator("#violations")).to_contain_text("Lỗi — chặn quyết định")
    expect(page.locator("#violations")).to_contain_text("Xem trước với các mức đang sửa")
    assert not Rating.objects.filter(campaign=campaign).exclude(proposed_level="").exists()
    assert _fits(page) == []
    for i in range(3):
        selects.nth(i).select_option(label="Hoàn thành tốt nhiệm vụ")
    expect(page.locator("#violations")).not_to_contain_text("Lỗi — chặn quyết định")
    page.get_by_role("button", name="Lưu mức đề xuất").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu mức đề xuất")
    levels = set(
        Rating.objects.filter(campaign=campaign, member__organization=world.cell_a).values_list(
            "proposed_level", flat=True
        )
    )
    assert levels == {"httnv"}
    context.close()
    context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True)
    page = context.new_page()
    login(page, live_server, "office1")
    page.goto(f"{live_server.url}/danh-gia/{campaign.pk}/")
    expect(page.locator("#progress")).to_contain_text("Chi bộ Khoa Nội")
    assert _fits(page) == []
    page.goto(f"{live_server.url}/danh-gia/{campaign.pk}/dang-uy/")
    assert _fits(page) == []
    context.close()
