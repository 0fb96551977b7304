"""Issue 10 item 4 on a phone (390 px): the consistency check's page, with each sentence and
its findings beside it, fits the viewport."""

from __future__ import annotations

import pytest

from tests.reports.test_check_views import TEXT, URL


@pytest.mark.browser
def test_the_findings_sit_beside_their_sentences_on_a_phone(
    transactional_db,
    live_server,
    world,
    browser,
):
    """390 px wide: the form and every sentence with its findings fit in the viewport."""
    from tests.browser.conftest import login
    from tests.browser.test_meeting_attendance_phone import PHONE, _fits

    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "office1")
    page.goto(f"{live_server.url}{URL}")
    assert _fits(page) == []
    page.get_by_label("Văn bản cần kiểm tra").fill(TEXT)
    page.get_by_label("Năm").fill("2023")
    page.get_by_role("button", name="Kiểm tra").click()
    page.wait_for_selector("#check-rows")
    assert page.locator(".check-finding").count() == 2
    assert _fits(page) == []
    page.screenshot(path=str(live_server_artifact("check-phone.png")), full_page=True)
    context.close()


def live_server_artifact(name: str):
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "var" / "test-artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
