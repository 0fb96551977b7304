"""Closing test-client responses without closing the test's database connection."""

from __future__ import annotations

from typing import Any

from django.core.signals import request_finished
from django.db import close_old_connections


def close_response(response: Any) -> None:
    """``response.close()`` fires ``request_finished``, whose ``close_old_connections`` closes
    the PostgreSQL connection of a running test (the test client disconnects it around its own
    call). Close files of streaming responses (xlsx, evidence) the same way."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
