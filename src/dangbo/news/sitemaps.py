"""The sitemap of the public news site: the list, the categories and every published post."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dangbo.news import queries
from dangbo.news.models import Category, Post


class PostSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "monthly"
    limit = 5000

    def items(self) -> list[Post]:
        return list(queries.published().order_by("-published_at").only("slug", "published_at"))

    def location(self, item: Post) -> str:
        return reverse("news:detail", args=[item.slug])

    def lastmod(self, item: Post) -> dt.datetime | None:
        published: dt.datetime | None = item.published_at
        return published


class IndexSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "daily"

    def items(self) -> list[tuple[str, str]]:
        rows: list[tuple[str, str]] = [("news:index", "")]
        rows += [("news:category", c.slug) for c in Category.objects.all()]
        return rows

    def location(self, item: tuple[str, str]) -> str:
        name, slug = item
        return reverse(name, args=[slug] if slug else [])


SITEMAPS = {"news": IndexSitemap, "posts": PostSitemap}
