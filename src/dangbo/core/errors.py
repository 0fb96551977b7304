"""Errors the services raise; views turn them into Vietnamese messages."""

from __future__ import annotations

from typing import Any

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


class ValidationFailed(Exception):
    """Input breaks a rule; ``errors`` maps a field name to Vietnamese messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


def add_form_errors(form: Any, exc: ValidationFailed) -> None:
    """Show a service's ``ValidationFailed`` on the form: each message under its field, or at
    the top when the form has no such field."""
    for name, messages in exc.errors.items():
        for message in messages:
            form.add_error(name if name in form.fields else None, message)
