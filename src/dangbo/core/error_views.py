"""Error pages in Vietnamese, whatever DEBUG says (issue 7, defects 11 and 12).

- 500 (``handler500``) and 400 render ``500.html``/``400.html`` standalone: no database, no
  context processors, since the database may be what failed.
- A locked SQLite database (a long import holds the write lock) answers 503 "Hệ thống đang
  bận" instead of a 500: from a view through ``ErrorPagesMiddleware``, from anywhere else
  (a middleware saving the session) through ``server_error``.
- CSRF failures (``CSRF_FAILURE_VIEW``) and Django's bare 405 render full pages with the menu.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from django.db.utils import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)

# Seconds a client is told to wait on 503: about what a large import takes to commit.
BUSY_RETRY_AFTER = 60
_LOCKED = ("database is locked", "database table is locked")


def is_locked_database(exc: BaseException | None) -> bool:
    """SQLite gave up waiting for another connection's write lock (``OPTIONS["timeout"]``)."""
    return isinstance(exc, OperationalError) and any(m in str(exc).lower() for m in _LOCKED)


def busy(request: HttpRequest | None = None) -> HttpResponse:
    """503 "Hệ thống đang bận": rendered without the database, which is the busy part."""
    logger.warning("Database locked: %s", request.path if request else "?")
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(BUSY_RETRY_AFTER)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: Django's, except that a locked database is the busy page."""
    if is_locked_database(sys.exc_info()[1]):
        return busy(request)
    return HttpResponse(loader.render_to_string("500.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "", **kwargs: Any) -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: mostly a form left open past the session or a logout elsewhere."""
    return render(request, "403_csrf.html", status=403)


def method_not_allowed(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """A page for Django's empty 405 (``require_POST``, a class-based view), same ``Allow``."""
    page = render(request, "405.html", status=405)
    page["Allow"] = response["Allow"]
    return page
