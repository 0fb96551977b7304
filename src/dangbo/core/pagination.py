from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(request: Any, qs: Any, per_page: int | None = None) -> Page:
    """One page of ``qs`` from ``?page=``; out-of-range pages give the last page."""
    paginator = Paginator(qs, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))
