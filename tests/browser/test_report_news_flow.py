"""Issue 10, "Done when" (the browser test), on the demo records of Hà Đông: the office generates
the year-end report of 2021, edits a sentence and issues it; the communications team generates
the news draft from the year-end conference and submits it; the office approves it (the
consistency check finds nothing); a logged-out visitor reads it, and the view counter goes up
once (a second visit the same day does not count again)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from dangbo.demo.data import DEMO_PASSWORD
from dangbo.demo.loader import load
from dangbo.news.models import Post
from dangbo.organizations.models import Organization
from dangbo.reports.models import GeneratedDocument
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def _as(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, live_server, username, DEMO_PASSWORD)
    return context, page


def test_report_issued_story_approved_and_read(
    transactional_db, live_server, browser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    load(today=timezone.localdate())
    already = set(GeneratedDocument.objects.values_list("pk", flat=True))

    # 1. the office generates the year-end report of 2021, edits a sentence, issues it
    context, page = _as(browser, live_server, "vanphong.hd")
    page.goto(f"{live_server.url}/van-ban/tao/")
    page.get_by_label("Loại văn bản").select_option("yearend_report")
    hd = Organization.objects.get(code="HD")
    page.get_by_label("Tổ chức ban hành").select_option(str(hd.pk))
    page.get_by_label("Năm", exact=True).fill("2021")
    page.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.locator("#preview")).to_contain_text("ĐẢNG CỘNG SẢN VIỆT NAM")
    draft = GeneratedDocument.objects.exclude(pk__in=already).get()
    assert draft.kind == "yearend_report" and draft.organization.code == "HD"
    body = page.get_by_label("Nội dung")
    text = body.input_value()
    extra = "Hội nghị thống nhất đánh giá năm 2021 là năm thành công của Đảng bộ."
    body.fill(text.rstrip() + "\n" + extra + "\n")
    expect(page.locator("#preview")).to_contain_text(extra)
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu dự thảo.")
    page.get_by_role("button", name="Ban hành (cấp số, khóa văn bản)").click()
    # the demo's year-end report took 12; this one is the next of the term's BC register
    expect(page.locator("#document-number")).to_contain_text("Số 13-BC/ĐU")
    draft.refresh_from_db()
    assert draft.status == "issued" and extra in draft.body
    expect(page.locator("#document-sha256")).to_have_text(draft.sha256)
    assert re.fullmatch(r"[0-9a-f]{64}", draft.sha256)
    context.close()

    # 2. the communications team generates the story from the conference and submits it
    before = set(Post.objects.values_list("pk", flat=True))
    context, page = _as(browser, live_server, "truyenthong.hd")
    page.goto(f"{live_server.url}/tin-tuc/bien-tap/")
    option = page.locator("#f-meeting option", has_text="tổng kết công tác năm 2021")
    page.locator("#f-meeting").select_option(option.get_attribute("value"))
    page.locator("#from-meeting").get_by_role("button").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo bản nháp tin bài từ cuộc họp")
    post = Post.objects.exclude(pk__in=before).get()
    assert "51 đảng viên hoàn thành xuất sắc nhiệm vụ" in post.body
    page.goto(f"{live_server.url}/tin-tuc/bien-tap/{post.pk}/")
    page.locator("#post-submit").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi tin bài")
    context.close()

    # 3. the office approves it: the figures match the records, no reason is asked
    context, page = _as(browser, live_server, "vanphong.hd")
    page.goto(f"{live_server.url}/tin-tuc/bien-tap/{post.pk}/")
    expect(page.locator("body")).to_contain_text("Không thấy chênh lệch")
    page.locator("#post-approve").click()
    expect(page.locator(".messages")).to_contain_text("Đã duyệt và đăng tin bài.")
    post.refresh_from_db()
    assert post.status == "published" and post.check_reason == ""
    context.close()

    # 4. a visitor, not logged in, reads it; the counter counts her once today
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/tin-tuc/")
    page.get_by_role("link", name=post.title).first.click()
    expect(page.locator("h1")).to_have_text(post.title)
    expect(page.locator("#views")).to_have_text("1 lượt xem")
    assert Post.objects.get(pk=post.pk).view_count == 1
    page.reload()
    expect(page.locator("#views")).to_have_text("1 lượt xem")
    assert Post.objects.get(pk=post.pk).view_count == 1
    context.close()
