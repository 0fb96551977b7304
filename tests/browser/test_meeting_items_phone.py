"""Issue 8, item 4 on a phone (390 px): the edit and delete buttons of a meeting's agenda and
conclusions fit, are big enough, and delete asks first (moved from tests/meetings/test_items.py
so the session's one Playwright browser serves it)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dangbo.meetings.models import AgendaItem
from tests.browser.conftest import login
from tests.browser.test_meeting_attendance_phone import PHONE, _fits
from tests.meetings.factories import cell_meeting
from tests.meetings.test_items import _agenda, _conclusion


# ---- phone (390 px): the buttons fit, are big enough, and delete asks first ---------------------
@pytest.mark.browser
def test_secretary_edits_and_deletes_on_a_phone(transactional_db, live_server, world, browser):
    from playwright.sync_api import expect

    meeting = cell_meeting(world)
    _agenda(world, meeting, "Báo cáo tình hình tháng 6", "Nội dung rất dài " * 12)
    _conclusion(world, meeting)
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "secretary1")
    page.goto(f"{live_server.url}{reverse('meetings:detail', args=[meeting.pk])}")
    first = page.locator("ol.items-list li", has_text="Báo cáo tình hình tháng 6")
    for name in ("Sửa", "Xóa"):
        box = first.locator(".item-actions").get_by_text(name, exact=True).bounding_box()
        assert box is not None and box["height"] >= 44 and box["width"] >= 44
    first.locator("summary").click()  # the confirmation opens; nothing deleted yet
    assert AgendaItem.objects.filter(meeting=meeting).count() == 2
    conclusion = page.locator("ol.items-list li", has_text="Văn phòng hoàn thiện nghị quyết")
    conclusion.locator("summary").click()
    expect(conclusion).to_contain_text("Nhiệm vụ đi kèm không bị xóa")
    assert _fits(page) == []
    first.get_by_role("button", name="Xác nhận xóa").click()
    expect(page.locator(".messages")).to_contain_text("Đã xóa nội dung họp.")
    assert [i.order for i in AgendaItem.objects.filter(meeting=meeting)] == [1]

    page.locator("ol.items-list li", has_text="Nội dung rất dài").get_by_text(
        "Sửa", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sửa nội dung họp")
    assert _fits(page) == []
    page.get_by_label("Nội dung").fill("Triển khai nhiệm vụ tháng 7")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu nội dung họp.")
    assert AgendaItem.objects.get(meeting=meeting).title == "Triển khai nhiệm vụ tháng 7"
    context.close()
