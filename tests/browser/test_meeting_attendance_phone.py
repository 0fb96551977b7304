"""Issue 8 "done when": on a phone-sized viewport (390×844) a cell secretary opens a meeting of
her cell, records attendance — some present, one absent on duty ("Trực"), one exempt — saves,
and sees the quorum result; no element lies beyond the viewport."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dangbo.meetings.models import Attendance
from tests.browser.conftest import login
from tests.factories import MemberFactory
from tests.meetings.factories import cell_meeting

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

BEYOND = """() => [...document.querySelectorAll('body *')].filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.right > window.innerWidth + 1;
}).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))"""


def _fits(page) -> list[str]:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    return page.evaluate(BEYOND)


def test_secretary_records_attendance_on_a_phone(transactional_db, live_server, world, browser):
    MemberFactory(full_name="Lý Thị Hoa", organization=world.cell_a, gender="female")
    MemberFactory(full_name="Cao Văn Minh", organization=world.cell_a)
    meeting = cell_meeting(world)
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "secretary1")
    page.goto(f"{live_server.url}/hop/")
    page.locator("#org-meetings").get_by_role("link", name="Chi bộ Khoa Nội").click()
    page.get_by_role("link", name=meeting.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(meeting.title)
    assert _fits(page) == []
    page.locator("#actions").get_by_role("link", name="Điểm danh").click()
    assert _fits(page) == []

    on_duty = page.locator(".att-row", has_text="Nguyễn Thị Ánh")
    on_duty.get_by_text("Vắng có lý do").click()
    on_duty.get_by_label("Lý do vắng của Nguyễn Thị Ánh").select_option(label="Trực")
    exempt = page.locator(".att-row", has_text="Cao Văn Minh")
    exempt.get_by_text("Miễn sinh hoạt").click()
    exempt.get_by_text("Vắng có lý do").click()
    # a touch target is large enough for a finger
    box = exempt.get_by_text("Vắng có lý do").bounding_box()
    assert box is not None and box["height"] >= 44
    page.get_by_role("button", name="Lưu điểm danh").click()

    expect(page.locator(".messages")).to_contain_text("Đã lưu điểm danh")
    # 5 full members, the exempt absentee is not counted: 3 present of 4, more than half
    expect(page.locator("#quorum")).to_contain_text(
        "Hội nghị hợp lệ: có mặt 3/4 đảng viên chính thức (cần ít nhất 3)."
    )
    expect(page.locator("#quorum")).to_contain_text("Điều lệ Đảng, Điều 9 khoản 5")
    assert _fits(page) == []
    rows = {a.member.full_name: a for a in Attendance.objects.select_related("member")}
    assert (rows["Nguyễn Thị Ánh"].status, rows["Nguyễn Thị Ánh"].reason) == (
        "absent_with_reason",
        "on_duty",
    )
    assert rows["Cao Văn Minh"].exempt
    assert rows["Lý Thị Hoa"].status == "present"

    page.get_by_role("link", name=meeting.title).click()
    expect(page.locator("#absentees")).to_contain_text("Nguyễn Thị Ánh — Vắng có lý do: Trực")
    assert _fits(page) == []
    context.close()
