"""Issue 7, item 5 in a real browser: "In danh sách" prints a member list with all its rows, no
navigation, the organization and the date at the top; chart text stays readable on a 390 px
phone (it shrank to ~6 px when the labels were SVG text scaled with the chart).

Set DANGBO_SCREENSHOTS=<dir> to keep screenshots of the pages at 390×844 and 1280×800."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dangbo.targets.models import Resolution, Target
from tests.browser.conftest import login
from tests.factories import MemberFactory

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# window.print() opens a dialog that headless chromium skips: count the calls instead. An init
# script runs before the page's own, outside its CSP.
COUNT_PRINTS = "window.__prints = 0; window.print = () => { window.__prints += 1; };"


def _shot(page, name: str, parts: str = "") -> None:
    """A full-page screenshot, and one of each element matched by ``parts``."""
    folder = os.environ.get("DANGBO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
        for i, part in enumerate(page.locator(parts).all() if parts else []):
            part.screenshot(path=str(Path(folder) / f"{name}-{i}.png"))


def _page(browser, viewport):
    context = browser.new_context(locale="vi-VN", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_print_view_of_a_member_list_prints_every_row(
    transactional_db, live_server, world, browser, settings, viewport
):
    settings.PAGE_SIZE = 50
    MemberFactory.create_batch(57, organization=world.cell_a, full_name="Ngô Văn Tâm")
    total = 60  # 3 in cell A already
    context, page = _page(browser, viewport)
    page.add_init_script(COUNT_PRINTS)
    login(page, live_server, "office1")
    page.goto(f"{live_server.url}/to-chuc/{world.cell_a.pk}/")
    rows = page.locator("#member-rows tbody tr")
    expect(rows).to_have_count(50)  # one page on screen
    expect(page.locator(".pagination")).to_contain_text("Trang 1/2")
    _shot(page, f"list-{viewport['width']}", ".list-foot")

    page.get_by_role("link", name="In danh sách").click()
    page.wait_for_url(lambda url: "print=1" in url)
    page.wait_for_function("window.__prints === 1")  # the page printed itself, under the CSP
    expect(rows).to_have_count(total)
    page.emulate_media(media="print")
    _shot(page, f"print-{viewport['width']}")
    for hidden in ("header.top", "#menu", ".print-link", ".toolbar", ".screen-only"):
        expect(page.locator(hidden)).to_be_hidden()
    head = page.locator("#print-head")
    expect(head).to_be_visible()
    expect(head).to_contain_text("Chi bộ Khoa Nội")
    expect(head).to_contain_text(timezone.localdate().strftime("%d/%m/%Y"))
    assert page.evaluate(
        "() => document.getElementById('print-head').getBoundingClientRect().top"
        " < document.querySelector('h1').getBoundingClientRect().top"
    ), "the organization and date come first"
    shown = page.evaluate(
        "() => [...document.querySelectorAll('#member-rows tbody tr')]"
        ".filter(tr => tr.getBoundingClientRect().height > 0).length"
    )
    assert shown == total
    expect(page.locator("#print-note")).to_have_text(f"{total} đảng viên")
    # The printed table is a table again (not the phone's cards): each header stands over
    # its column.
    expect(page.locator("#member-rows thead")).to_be_visible()
    offsets = page.evaluate(
        "() => { const left = sel => [...document.querySelectorAll(sel)]"
        ".map(c => Math.round(c.getBoundingClientRect().left));"
        " return [left('#member-rows thead th'), left('#member-rows tbody tr:first-child td')]; }"
    )
    assert offsets[0] == offsets[1], offsets
    context.close()


# Every drawn text of the charts: its size on screen in CSS px (for SVG text, the font size
# times the scale of the SVG), and where it ends.
CHART_TEXT = """() => {
  const out = [];
  for (const box of document.querySelectorAll('.chart-box')) {
    const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const node = walk.currentNode, el = node.parentElement;
      if (!node.textContent.trim() || el.closest('title')) continue;  // tooltips are not drawn
      const range = document.createRange();
      range.selectNodeContents(node);
      const rect = range.getBoundingClientRect();
      if (!rect.width) continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGGraphicsElement) size *= el.getScreenCTM().a;
      out.push({text: node.textContent.trim(), size, height: rect.height, right: rect.right});
    }
  }
  return out;
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1280"])
def test_chart_text_is_readable_at_any_width(
    transactional_db, live_server, world, plan, browser, viewport
):
    cell_plan = Resolution.objects.create(
        organization=world.cell_a, year=2023, number="02-NQ/CB", issued_on=dt.date(2023, 2, 1),
        title="Nghị quyết chi bộ năm 2023",
    )  # fmt: skip
    Target.objects.create(resolution=cell_plan, position=1, title="Sinh hoạt chuyên đề",
                          kind="milestone")  # fmt: skip
    context, page = _page(browser, viewport)
    login(page, live_server, "office1")
    page.goto(f"{live_server.url}/nghi-quyet/tong-hop/{world.hospital.pk}/?nam=2023&ky=midyear")
    expect(page.locator(".chart-box svg.chart").first).to_be_visible()
    _shot(page, f"dashboard-{viewport['width']}", ".chart-box")
    texts = page.evaluate(CHART_TEXT)
    drawn = {t["text"] for t in texts}
    assert {"Đảng bộ Bệnh viện Đa khoa A", "Chi bộ Khoa Nội", "2023", "100%"} <= drawn, drawn
    width = page.evaluate("document.documentElement.clientWidth")
    for t in texts:
        assert t["size"] >= 11, t
        assert t["height"] >= 11, t
        assert t["right"] <= width + 1, t  # nothing off-screen
    bars = page.evaluate(
        "() => [...document.querySelectorAll('.chart-box svg.bar')]"
        ".map(svg => svg.getBoundingClientRect().width)"
    )
    assert len(bars) == 2 and min(bars) > 100, bars  # each bar has room to be read
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
