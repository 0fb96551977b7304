"""Posts in each status for the news tests (issue 10 item 5)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from dangbo.news.models import Category, Post
from tests.news.conftest import BODY


def category(name: str = "Hoạt động Đảng", slug: str = "hoat-dong-dang") -> Category:
    return Category.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def post(organization: Any, status: str = "draft", title: str = "Hội nghị Đảng ủy bệnh viện",
         **values: Any) -> Post:  # fmt: skip
    from dangbo.news.services import unique_slug

    values.setdefault("body", BODY)
    row = Post.objects.create(
        organization=organization, title=title, slug=unique_slug(title), status=status,
        published_at=timezone.now() if status == "published" else None, **values,
    )  # fmt: skip
    return row
