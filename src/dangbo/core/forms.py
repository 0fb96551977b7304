"""Form fields that read and show numbers the Vietnamese way (see ``dangbo.core.numbers``).

- ``VNDecimalField``: a ``DecimalField`` whose text is read by ``parse_number()`` ("185.300",
  "185 300", "97,5", "1.250,5"; "1.5" is refused with both readings) and whose initial value is
  shown by ``format_number()`` (Decimal("180000.00") → "180.000", which parses back to the same
  value). The widget is a text input with ``inputmode="decimal"`` and ``autocomplete="off"``.
- ``VNStatedDecimalField``: the same for values as reports state them ("trên 150"); its
  ``cleaned_data`` value is a tuple ``(Decimal | None, stated text)`` from ``parse_stated()``,
  the stated text being "" for a plain number.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from dangbo.core.numbers import NumberError, format_number, parse_number, parse_stated

__all__ = ["VNDecimalField", "VNStatedDecimalField"]

_WIDGET_ATTRS = {"inputmode": "decimal", "autocomplete": "off"}


def _as_decimal(value: Any) -> Decimal | None:
    """A finite Decimal for a number object (not bool, not text), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float) and math.isfinite(value):
        return Decimal(str(value))
    return None


class VNDecimalField(forms.DecimalField):
    """A decimal typed the Vietnamese way; errors name the text in Vietnamese.

    ``max_digits``, ``decimal_places`` and ``min_value`` are checked by ``parse_number()``
    (Vietnamese messages; codes "max_digits", "max_whole_digits", "max_decimal_places",
    "min_value") and again by DecimalField's own validators. A text that is not a number gives a
    ``ValidationError`` with code "invalid".
    """

    widget = forms.TextInput

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs: dict[str, Any] = super().widget_attrs(widget)
        for name, value in _WIDGET_ATTRS.items():
            if name not in widget.attrs:
                attrs.setdefault(name, value)
        return attrs

    def _limits(self) -> dict[str, Any]:
        min_value = _as_decimal(self.min_value)
        return {
            "max_digits": self.max_digits,
            "decimal_places": self.decimal_places,
            "min_value": min_value,
        }

    # django-stubs type IntegerField.to_python as int; DecimalField's is Decimal.
    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        number = _as_decimal(value)
        if number is not None:
            return number
        try:
            return parse_number(str(value), **self._limits())
        except NumberError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc

    def prepare_value(self, value: Any) -> Any:
        number = _as_decimal(value)
        return format_number(number) if number is not None else super().prepare_value(value)


class VNStatedDecimalField(VNDecimalField):
    """A value as reports state it: "trên 150", "khoảng 97,5%", or a plain number.

    ``clean()`` returns ``(Decimal | None, stated text)``: ``(Decimal(150), "trên 150")``,
    ``(Decimal(150), "")`` for "150", ``(None, "")`` when empty. Validators (required,
    max_digits, min_value…) apply to the number. The initial value may be such a tuple or a
    plain number; a tuple shows its stated text when it has one.
    """

    def to_python(self, value: Any) -> tuple[Decimal | None, str]:  # type: ignore[override]
        if isinstance(value, tuple):
            return value  # already cleaned
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None, ""
        number = _as_decimal(value)
        if number is not None:
            return number, ""
        try:
            return parse_stated(str(value), **self._limits())
        except NumberError as exc:
            raise ValidationError(exc.message, code=exc.code) from exc

    def validate(self, value: Any) -> None:
        super().validate(value[0])

    def run_validators(self, value: Any) -> None:
        super().run_validators(value[0])

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        try:
            return self.to_python(data) != self.to_python(initial)
        except ValidationError:
            return True

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, tuple):
            number, stated = value
            return stated or super().prepare_value(number)
        return super().prepare_value(value)
