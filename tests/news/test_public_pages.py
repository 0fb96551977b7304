"""Issue 10 item 5: the public news site — no login, categories, list and detail pages, the
author team, date and time, the view counter, photos with captions, RSS/Atom, the sitemap;
fast (cached, few queries), readable on phones, strict CSP (no inline script or style)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from dangbo.news import services
from dangbo.news.models import Photo
from tests.news.conftest import png_upload
from tests.news.factories import category, post
from tests.responses import close_response


@pytest.fixture
def site(world):
    news = category()
    published = post(world.hospital, "published", title="Đảng bộ Bệnh viện tổng kết năm 2021")
    published.published_at = timezone.make_aware(timezone.datetime(2022, 1, 19, 10, 17, 4))
    published.save()
    published.categories.add(news)
    photo = Photo(post=published, caption="Quang cảnh hội nghị.", after_paragraph=1)
    photo.image.save("quang-canh.png", png_upload(), save=False)
    photo.save()
    other = post(world.hospital, "published", title="Hội nghị phiên 6 tháng đầu năm 2023")
    other.categories.add(news)
    draft = post(world.hospital, "draft", title="Bản nháp chưa đăng")
    submitted = post(world.hospital, "submitted", title="Tin chờ duyệt")
    return {"category": news, "published": published, "other": other, "draft": draft,
            "submitted": submitted}  # fmt: skip


def _get(client, url, **extra):
    response = client.get(url, **extra)
    close_response(response)
    return response


def test_the_list_is_public_newest_first_and_cached(client, site, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = _get(client, reverse("news:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Hội nghị phiên 6 tháng") < html.index("Đảng bộ Bệnh viện tổng kết")
    assert "Bản nháp chưa đăng" not in html and "Tin chờ duyệt" not in html
    assert "Danh mục tin" in html and "Hoạt động Đảng" in html
    assert "Đảng bộ Bệnh viện Đa khoa A" in html  # the hospital's name in the header
    assert 'name="viewport"' in html
    with django_assert_max_num_queries(0):  # the rendered list, menu and name are cached
        _get(client, reverse("news:index"))


def test_a_published_post_reads_like_the_hospital_site(client, site, django_assert_max_num_queries):
    p = site["published"]
    # the day's first view also draws the day's salt and deletes the previous days' digests
    with django_assert_max_num_queries(16):
        response = _get(client, reverse("news:detail", args=[p.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Người viết: Tổ truyền thông" in html
    assert "19/01/2022 10:17:04" in html
    assert "1 lượt xem" in html
    assert "<figcaption>Quang cảnh hội nghị.</figcaption>" in html
    # the photo follows the first paragraph, before the second
    first, second = p.paragraphs()[0], p.paragraphs()[1]
    img = reverse("news:photo", args=[p.photos.get().pk])
    assert html.index(first) < html.index(img) < html.index(second)
    assert "Hội nghị phiên 6 tháng đầu năm 2023" in html  # related (same category)
    with django_assert_max_num_queries(8):  # the body is cached; the counter is not
        again = _get(client, reverse("news:detail", args=[p.slug]), REMOTE_ADDR="10.0.0.9")
    assert "2 lượt xem" in again.content.decode()


def test_no_inline_script_or_style_on_public_pages(client, site):
    for url in (reverse("news:index"), reverse("news:detail", args=[site["published"].slug]),
                reverse("news:category", args=[site["category"].slug])):  # fmt: skip
        html = _get(client, url).content.decode()
        assert "<script" not in html and "<style" not in html and " style=" not in html, url


def test_drafts_and_submitted_posts_are_not_public(client, site):
    for key in ("draft", "submitted"):
        assert _get(client, reverse("news:detail", args=[site[key].slug])).status_code == 404


def test_the_category_page_lists_its_posts(client, site, world):
    outside = post(world.hospital, "published", title="Tin ngoài danh mục")
    html = _get(client, reverse("news:category", args=["hoat-dong-dang"])).content.decode()
    assert "Đảng bộ Bệnh viện tổng kết" in html and outside.title not in html
    assert _get(client, reverse("news:category", args=["khong-co"])).status_code == 404


def test_publishing_refreshes_the_cached_list(
    client, site, world, django_capture_on_commit_callbacks
):
    assert "Tin chờ duyệt" not in _get(client, reverse("news:index")).content.decode()
    p = site["submitted"]
    with django_capture_on_commit_callbacks(execute=True):
        services.post_approve(actor=world.users["office"], post_id=p.pk, version=p.version)
    assert "Tin chờ duyệt" in _get(client, reverse("news:index")).content.decode()


def _titles(xml: bytes, tag: str) -> set[str]:
    root = ET.fromstring(xml)  # noqa: S314 — our own feed
    return {el.text or "" for el in root.iter(tag)}


def test_rss_and_atom_feeds_list_only_published_posts(client, site):
    rss = _get(client, reverse("news:rss"))
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    titles = _titles(rss.content, "title")
    assert {"Đảng bộ Bệnh viện tổng kết năm 2021", "Hội nghị phiên 6 tháng đầu năm 2023"} <= titles
    assert "Bản nháp chưa đăng" not in titles and "Tin chờ duyệt" not in titles
    atom = _get(client, reverse("news:atom"))
    atom_titles = _titles(atom.content, "{http://www.w3.org/2005/Atom}title")
    assert "Đảng bộ Bệnh viện tổng kết năm 2021" in atom_titles
    assert "Bản nháp chưa đăng" not in atom_titles


def test_the_sitemap_lists_only_published_posts(client, site):
    response = _get(client, reverse("sitemap"))
    assert response.status_code == 200
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {el.text for el in ET.fromstring(response.content).iter(f"{ns}loc")}  # noqa: S314
    paths = {re.sub(r"^https?://[^/]+", "", loc or "") for loc in locs}
    assert reverse("news:detail", args=[site["published"].slug]) in paths
    assert reverse("news:index") in paths
    assert reverse("news:category", args=["hoat-dong-dang"]) in paths
    assert reverse("news:detail", args=[site["draft"].slug]) not in paths
    assert reverse("news:detail", args=[site["submitted"].slug]) not in paths


def test_photos_are_public_once_published_and_private_before(client, site, world):
    published = site["published"].photos.get()
    response = client.get(reverse("news:photo", args=[published.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    close_response(response)
    hidden = Photo(post=site["draft"], caption="Ảnh chưa đăng")
    hidden.image.save("chua-dang.png", png_upload(), save=False)
    hidden.save()
    assert _get(client, reverse("news:photo", args=[hidden.pk])).status_code == 404
    client.force_login(world.users["communications"])
    assert _get(client, reverse("news:photo", args=[hidden.pk])).status_code == 200
    html = _get(client, reverse("news:detail", args=[site["published"].slug])).content.decode()
    assert reverse("news:photo", args=[published.pk]) in html
