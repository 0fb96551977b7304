"""Issue 10 item 5 in a browser on a phone (390×844): a logged-out visitor reads the list and
a story with a wide photo, nothing off-screen and no CSP violation; the communications team's
pages fit too."""

from __future__ import annotations

import pytest
from django.utils import timezone

from dangbo.news.models import Photo
from tests.browser.conftest import login
from tests.browser.test_meeting_attendance_phone import PHONE, _fits
from tests.news.conftest import png_upload
from tests.news.factories import category, post

pytestmark = pytest.mark.browser


def test_a_visitor_reads_a_story_on_a_phone(transactional_db, live_server, world, browser):
    news = category()
    story = post(world.hospital, "published",
                 title="Đảng bộ Bệnh viện Đa khoa A tổng kết công tác năm 2021 và triển khai "
                       "phương hướng, nhiệm vụ năm 2022")  # fmt: skip
    story.categories.add(news)
    photo = Photo(post=story, caption="Quang cảnh hội nghị.", after_paragraph=1)
    photo.image.save("rong.png", png_upload(size=(1600, 900)), save=False)
    photo.save()
    draft = post(world.hospital, "draft", title="Bản nháp")
    context = browser.new_context(
        locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    page.goto(f"{live_server.url}/tin-tuc/")
    assert _fits(page) == []
    page.get_by_role("link", name=story.title).click()
    assert page.locator("#authors").inner_text() == "Người viết: Tổ truyền thông"
    assert page.locator("#views").inner_text() == "1 lượt xem"
    assert timezone.localtime(story.published_at).strftime("%d/%m/%Y %H:%M:%S") in (
        page.locator("#published").inner_text()
    )
    assert page.locator("figcaption").inner_text() == "Quang cảnh hội nghị."
    assert _fits(page) == []
    page.reload()
    assert page.locator("#views").inner_text() == "1 lượt xem"  # same visitor, same day
    page.get_by_role("link", name="Hoạt động Đảng").first.click()
    assert _fits(page) == []
    assert violations == []
    login(page, live_server, "comms1")
    assert page.url.endswith("/tin-tuc/bien-tap/")
    assert _fits(page) == []
    for path in (f"/tin-tuc/bien-tap/{draft.pk}/", f"/tin-tuc/bien-tap/{draft.pk}/sua/",
                 f"/tin-tuc/bien-tap/{draft.pk}/anh/", "/tin-tuc/bien-tap/viet-moi/"):  # fmt: skip
        page.goto(f"{live_server.url}{path}")
        assert _fits(page) == [], path
    context.close()
