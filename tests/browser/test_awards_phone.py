"""Issue 9, items 6–8 on a phone (390×844): the office records a Party badge from the upcoming
list, and the awards register, the proposals, the badge pages, the discipline register and the
forms keep every element inside the viewport."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from dangbo.awards import services
from dangbo.awards.models import BadgeAward
from dangbo.members import discipline_services
from tests.browser.conftest import login
from tests.browser.test_meeting_attendance_phone import PHONE, _fits
from tests.factories import MemberFactory

pytestmark = pytest.mark.browser


def test_office_records_a_badge_on_a_phone(transactional_db, live_server, world, browser):
    office = world.users["office"]
    lam = MemberFactory(full_name="Ngô Văn Lâm", organization=world.cell_a,
                        admitted_on=dt.date(1996, 5, 19))  # fmt: skip
    services.award_create(
        actor=office,
        organization=world.hospital,
        recipient_kind="cell",
        recipient_org=world.cell_a,
        kind="bang_khen",
        issuer_level="provincial_people",
        issuer_name="Ủy ban nhân dân Thành phố Hà Nội",
        year=2021,
        decision_number="5678/QĐ-UBND",
        reason="Phòng chống dịch Covid-19",
    )
    discipline_services.discipline_create(
        actor=office, member_id=world.a_members[1].pk, kind="khien_trach",
        decided_on=dt.date(2021, 8, 10), issuer="Đảng ủy Bệnh viện Đa khoa A",
        decision_number="12-QĐ/ĐU",
    )  # fmt: skip
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "office1")
    h = world.hospital.pk
    for path in (
        f"/khen-thuong/to-chuc/{h}/?nam=2021",
        f"/khen-thuong/to-chuc/{h}/them/",
        f"/khen-thuong/to-chuc/{h}/de-nghi/",
        f"/khen-thuong/to-chuc/{h}/de-nghi/them/",
        f"/dang-vien/ky-luat/to-chuc/{h}/",
        f"/dang-vien/{world.a_members[1].pk}/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert _fits(page) == [], path
    page.goto(f"{live_server.url}/khen-thuong/to-chuc/{h}/huy-hieu/?nam=2026")
    assert _fits(page) == []
    row = page.locator("#badges tbody tr", has_text="Ngô Văn Lâm")
    expect(row).to_contain_text("19/05/2026")
    row.get_by_role("link", name="Ghi đã trao").click()
    assert _fits(page) == []
    page.get_by_label("Ngày trao").fill("19/05/2026")
    page.get_by_label("Số quyết định").fill("88-QĐ/TU")
    button = page.get_by_role("button", name="Lưu")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44  # a finger-sized target
    button.click()
    expect(page.locator("#badge-register")).to_contain_text("Ngô Văn Lâm")
    assert _fits(page) == []
    assert BadgeAward.objects.get().member == lam
    context.close()
