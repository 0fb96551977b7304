from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

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


# ``?print=1`` (the "In danh sách" link of ``core/pagination.html``) lists every row on one
# page, up to this many; past it the page says how many rows of how many it holds (issue 7,
# item 5).
PRINT_MAX_ROWS = 5000


class ListPaginator(Paginator):  # type: ignore[type-arg]
    """A ``Paginator`` that knows whether it lays the whole list out for printing."""

    printing = False
    user: Any = None

    @property
    def capped(self) -> bool:
        """Printing, and the list has more rows than one printout holds."""
        return self.printing and self.count > self.per_page

    @cached_property
    def organization_name(self) -> str:
        """For the print header of a list whose view names no organization: the organization
        of the user's role (the highest one if several), read only when printing. ``core``
        imports no domain app: the roles are reached through the user's related manager."""
        roles = getattr(self.user, "roles", None) if self.printing else None
        if roles is None:
            return ""
        names = roles.filter(organization__isnull=False).order_by("organization__path")
        return str(names.values_list("organization__name", flat=True).first() or "")


def printing(request: Any) -> bool:
    """``?print=1``: the list is asked for on one page, to print."""
    return str(request.GET.get("print", "")) == "1"


def paginate(
    request: Any, qs: Any, per_page: int | None = None, *, values: Sequence[str] = ()
) -> Page:  # type: ignore[type-arg]
    """One page of ``qs`` from ``?page=``; pages past the end give the last page, a page that
    is not a number the first: never an error.

    With ``?print=1`` the page holds every row (at most ``PRINT_MAX_ROWS``) whatever
    ``?page=`` says, ``page.paginator.printing`` is true and ``page.paginator.capped`` tells
    that rows were left out; the partial then prints the page (issue 7, item 5).

    With ``values``, the page holds tuples of those fields (one query, no model instances),
    while the total is counted on ``qs`` itself: a ``values_list`` queryset would keep the
    joins of its related fields in the COUNT.

    The template shows it with ``core/pagination.html``, given the count in the list's own
    noun: ``{% include "core/pagination.html" with total=… %}``.
    """
    if printing(request):
        paginator = ListPaginator(qs, PRINT_MAX_ROWS)
        paginator.printing = True
        paginator.user = getattr(request, "user", None)
        page = paginator.get_page(1)
    else:
        paginator = ListPaginator(qs, per_page or settings.PAGE_SIZE)
        page = paginator.get_page(page_number(request.GET.get("page")))
    if values:
        page.object_list = page.object_list.values_list(*values)  # type: ignore[attr-defined]
    return page
