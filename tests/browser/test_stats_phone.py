"""The statistics pages on a phone (issue 9 item 5; ground rule: every page works at 390 px):
the wide tables scroll inside their wrapper or become cards; nothing lies beyond the viewport."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.evaluations.test_stats_queries import hadong_2021

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
BEYOND = """() => [...document.querySelectorAll('body *')].filter(e => {
  if (e.closest('.table-wrap') && !e.classList.contains('table-wrap')) return false;
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.right > window.innerWidth + 1;
}).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))"""


@pytest.fixture
def phone(browser):
    """A 390 px phone page of the session's one browser (tests/browser/conftest.py)."""
    context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True,
                                  has_touch=True, device_scale_factor=2)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _fits(page) -> list[str]:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    return page.evaluate(BEYOND)


def test_statistics_pages_fit_a_phone(transactional_db, live_server, world, phone):
    _hospital, _cells, campaign = hadong_2021(world.superior)
    login(phone, live_server, "reader1")
    phone.goto(f"{live_server.url}/danh-gia/{campaign.pk}/thong-ke/")
    expect(phone.locator("#stats-sentence")).to_contain_text("7 chi bộ hoàn thành xuất sắc")
    assert _fits(phone) == []
    # the per-cell table became cards: a cell's row shows its labelled figures
    expect(phone.locator("#cell-table td[data-label='HTXSNV']").first).to_be_visible()
    phone.goto(f"{live_server.url}/danh-gia/to-chuc/{world.superior.pk}/thong-ke/?nam=2021")
    expect(phone.locator("#stats-sentence")).to_contain_text("51 đảng viên")
    assert _fits(phone) == []
