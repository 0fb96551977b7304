"""``{% cell_rows page offset %}`` and ``{% search_rows page %}``: see members/listing.py."""

from __future__ import annotations

from django import template
from django.core.paginator import Page
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from dangbo.members import listing

register = template.Library()


def _member_base() -> str:
    return reverse("members:detail", args=[0])[:-2]  # ".../0/" → ".../"


@register.simple_tag
def cell_rows(page: Page, offset: int) -> SafeString:
    return mark_safe(listing.cell_rows(page.object_list, offset, _member_base()))  # noqa: S308 — every value is escaped in listing


@register.simple_tag
def search_rows(page: Page) -> SafeString:
    return mark_safe(listing.search_rows(page.object_list, _member_base()))  # noqa: S308
