"""RSS 2.0 and Atom feeds of the published posts (issue 10 item 5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from dangbo.news import queries
from dangbo.news.models import Post

ITEMS = 30


class LatestPosts(Feed):  # type: ignore[type-arg]
    def title(self) -> str:
        return gettext("Tin tức") + " — " + (_site_name() or "dangbo")

    def link(self) -> str:
        return reverse("news:index")

    def description(self) -> str:
        return gettext("Tin bài mới đăng")

    def items(self) -> list[Post]:
        return list(
            queries.published()
            .order_by("-published_at", "-pk")
            .only("pk", "slug", "title", "summary", "body", "published_at", "authors")[:ITEMS]
        )

    def item_title(self, item: Post) -> str:
        return str(item.title)

    def item_description(self, item: Post) -> str:
        paragraphs = item.paragraphs()
        return item.summary or (paragraphs[0] if paragraphs else "")

    def item_link(self, item: Post) -> str:
        return reverse("news:detail", args=[item.slug])

    def item_pubdate(self, item: Post) -> dt.datetime | None:
        published: dt.datetime | None = item.published_at
        return published

    def item_author_name(self, item: Post) -> str:
        return str(item.authors)


class LatestPostsAtom(LatestPosts):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return self.description()


def _site_name() -> Any:
    from dangbo.news.public_views import site_name

    return site_name()
