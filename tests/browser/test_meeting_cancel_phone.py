"""Issue 8 finishing work: on a phone-sized viewport (390×844) a cell secretary cancels a
planned meeting of her cell from the meeting page — the reason is required — and the page then
says the meeting is cancelled and why; no element lies beyond the viewport."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dangbo.meetings.models import Meeting
from tests.browser.conftest import login
from tests.browser.test_meeting_attendance_phone import PHONE, _fits
from tests.meetings.factories import cell_meeting

pytestmark = pytest.mark.browser


def test_secretary_cancels_a_meeting_on_a_phone(transactional_db, live_server, world, browser):
    meeting = cell_meeting(world)
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "secretary1")
    page.goto(f"{live_server.url}/hop/{meeting.pk}/")
    page.locator("#actions").get_by_role("link", name="Hủy cuộc họp").click()
    assert _fits(page) == []
    button = page.get_by_role("button", name="Hủy cuộc họp")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44  # a finger-sized target
    button.click()  # no reason: refused, the field says what to do
    expect(page.locator("#cancel-form")).to_contain_text("Ghi lý do hủy cuộc họp")
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"
    page.get_by_label("Lý do hủy").fill("Hoãn vì trùng lịch giao ban")
    page.get_by_role("button", name="Hủy cuộc họp").click()
    expect(page.locator("#cancelled")).to_have_text(
        "Cuộc họp đã hủy. Lý do: Hoãn vì trùng lịch giao ban"
    )
    expect(page.locator("#actions").get_by_role("link", name="Hủy cuộc họp")).to_have_count(0)
    assert _fits(page) == []
    assert Meeting.objects.get(pk=meeting.pk).status == "cancelled"
    context.close()
