"""Issue 7, item 5: under 600 px the menu collapses behind a button; a skip link leads to the
content; the current section is marked with aria-current."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def test_menu_collapses_on_a_phone_and_opens_with_its_button(
    transactional_db, live_server, world, browser
):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "office1")
    menu = page.locator("#menu")
    toggle = page.get_by_role("button", name="Menu")
    expect(menu).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(menu).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    menu.get_by_role("link", name="Tổ chức đảng").click()
    expect(page.locator("#menu a[aria-current=page]")).to_have_text("Tổ chức đảng")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_desktop_menu_is_open_and_skip_link_reaches_the_content(
    transactional_db, live_server, world, page
):
    login(page, live_server, "office1")
    expect(page.locator("#menu")).to_be_visible()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua menu, đến nội dung")
    expect(skip).to_be_focused()
    skip.press("Enter")
    expect(page.locator("#content")).to_be_focused()


CELLS_BEYOND = """() => [...document.querySelectorAll('td, th')]
  .filter(el => el.getBoundingClientRect().width > 0
          && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .length"""


def test_member_tables_are_cards_on_a_phone(transactional_db, live_server, world, browser):
    """Issue 7, item 5: no table cell lies beyond a 390 px screen; each row is a card with
    its labels."""
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "office1")
    for path in (f"/to-chuc/{world.cell_a.pk}/", "/dang-vien/tim-kiem/?q=nguyen"):
        page.goto(live_server.url + path)
        assert page.evaluate(CELLS_BEYOND) == 0, path
    page.goto(f"{live_server.url}/to-chuc/{world.cell_a.pk}/")
    row = page.locator("#member-rows tbody tr", has_text="Đào Thiện Tiến")
    expect(row.locator("td[data-label='Tình trạng']")).to_be_visible()
    context.close()
