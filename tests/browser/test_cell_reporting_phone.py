"""Issue 6 "done when": on a phone-sized viewport a cell secretary records her cell's share of a
target and the office's dashboard shows "1/3 chi bộ đã báo cáo"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from dangbo.targets.models import Entry, SubTarget
from tests.browser.conftest import login
from tests.factories import org

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_secretary_reports_her_share_on_a_phone(
    transactional_db, live_server, world, plan, browser
):
    cell_c = org("Chi bộ Khoa Sản", "cell", world.hospital, code="BVA-SAN")
    SubTarget.objects.create(target=plan.beds, organization=cell_c)
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "secretary1")
    todo = page.locator("#todo")
    item = todo.locator("tr", has_text="Người bệnh điều trị nội trú").filter(
        has_text="Sơ kết 6 tháng"
    )
    expect(item).to_contain_text("Phần của Chi bộ Khoa Nội")
    assert _fits(page)
    item.get_by_role("link", name="Báo cáo").click()
    value = page.get_by_label("Giá trị đạt được")
    expect(value).to_have_attribute("inputmode", "decimal")
    value.fill("1.5")  # ambiguous: both readings are shown, nothing is saved
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".errorlist").first).to_contain_text("1,5")
    assert not Entry.objects.exists()
    value = page.get_by_label("Giá trị đạt được")
    value.fill("1.250")
    page.get_by_label("Minh chứng, ghi chú").fill("Sổ theo dõi người bệnh nội trú")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi số liệu")
    expect(page.locator("#cells-reported")).to_have_text("1/3 chi bộ đã báo cáo")
    shares = page.locator("#shares tr", has_text="Chi bộ Khoa Nội")
    expect(shares).to_contain_text("1.250")
    assert _fits(page)
    page.get_by_role("button", name="Đăng xuất").click()

    login(page, live_server, "office1")
    page.goto(f"{live_server.url}/nghi-quyet/tong-hop/{world.hospital.pk}/?nam=2023&ky=midyear")
    split = page.locator("#split-targets li", has_text="Người bệnh điều trị nội trú")
    expect(split).to_contain_text("1/3 chi bộ đã báo cáo")
    assert _fits(page)
    split.get_by_role("link").click()
    expect(page.locator("#shares tr", has_text="Chi bộ Khoa Sản")).to_contain_text("chưa báo cáo")
    page.get_by_role("button", name="Nhắc các chi bộ chưa báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã nhắc 2 chi bộ")
    assert _fits(page)
    context.close()
