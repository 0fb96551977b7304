from __future__ import annotations

import datetime as dt

from django import template

from dangbo.core.dates import format_date

register = template.Library()


@register.filter
def vndate(value: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy, the way every Vietnamese office writes a date."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value)


@register.filter
def vnnum(value: object) -> str:
    """A number the Vietnamese way: 180.000 and 97,2 (no trailing zeros); ``core.numbers``."""
    if value is None or value == "" or isinstance(value, bool):
        return ""
    from decimal import Decimal, InvalidOperation

    from dangbo.core.numbers import format_number

    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return format_number(number) if number.is_finite() else str(value)


@register.filter
def startswith(value: object, prefix: object) -> bool:
    """``{% if request.path|startswith:url %}``: the menu marks the section being shown."""
    return str(value).startswith(str(prefix))
