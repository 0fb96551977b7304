"""Errors the services raise; views turn them into Vietnamese messages.

A rule broken by input is Django's ``ValidationError`` with a dict of field → messages (services
raise it, forms show it through ``add_form_errors``, the API answers 422 with it).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext


class ConcurrentEdit(Exception):
    """Somebody saved the record after this form was opened; the edit is refused."""

    def __init__(self, message: str = "") -> None:
        super().__init__(
            message
            or gettext(
                "Hồ sơ đã được người khác sửa trong lúc bạn đang sửa. "
                "Hãy tải lại trang, xem thay đổi mới rồi sửa lại."
            )
        )


def add_form_errors(form: Any, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` (a dict of field → messages) on the form: each message
    under its field, or at the top when the form has no such field (Django's
    ``form.add_error(None, exc)`` would raise for a key that is not a form field)."""
    for name, messages in exc.message_dict.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
