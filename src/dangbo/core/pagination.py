from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator


def paginate(
    request: Any, qs: Any, per_page: int | None = None, *, values: Sequence[str] = ()
) -> Page:
    """One page of ``qs`` from ``?page=``; out-of-range pages give the last page.

    With ``values``, the page holds tuples of those fields (one query, no model instances),
    while the total is counted on ``qs`` itself: a ``values_list`` queryset would keep the
    joins of its related fields in the COUNT.
    """
    paginator = Paginator(qs, per_page or settings.PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    if values:
        page.object_list = page.object_list.values_list(*values)
    return page
