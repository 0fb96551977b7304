from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator

# Past every list's end, yet small enough that ``(page - 1) * per_page`` stays a 64-bit SQL
# OFFSET: ``?page=`` beyond 64 bits made the database refuse the query (issue 7, defect 12).
MAX_PAGE = 10**9


def page_number(value: object) -> int:
    """``?page=`` as a number in 1..``MAX_PAGE``: missing or not a number gives 1, beyond
    ``MAX_PAGE`` gives ``MAX_PAGE`` (which ``paginate`` turns into the last page)."""
    text = str(value or "").strip()
    digits = text.removeprefix("-").removeprefix("+")
    if not (digits.isascii() and digits.isdigit()):
        return 1
    if text.startswith("-"):
        return 1
    # Compared as text first: int() refuses more than 4,300 digits.
    return MAX_PAGE if len(digits) > len(str(MAX_PAGE)) else min(max(int(digits), 1), MAX_PAGE)


def paginate(
    request: Any, qs: Any, per_page: int | None = None, *, values: Sequence[str] = ()
) -> Page:
    """One page of ``qs`` from ``?page=``; pages past the end give the last page, a page that
    is not a number the first: never an error.

    With ``values``, the page holds tuples of those fields (one query, no model instances),
    while the total is counted on ``qs`` itself: a ``values_list`` queryset would keep the
    joins of its related fields in the COUNT.

    The template shows it with ``core/pagination.html``, given the count in the list's own
    noun: ``{% include "core/pagination.html" with total=… %}``.
    """
    paginator = Paginator(qs, per_page or settings.PAGE_SIZE)
    page = paginator.get_page(page_number(request.GET.get("page")))
    if values:
        page.object_list = page.object_list.values_list(*values)
    return page
