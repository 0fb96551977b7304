from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def number(value: object) -> str:
    """A number in the active language's format (``dangbo/formats/<lang>``): 180.000 and 97,2
    in Vietnamese, 180,000 and 97.2 in English — grouped, and without trailing zeros (a stored
    ``Decimal("97.50")`` is shown as 97,5, as offices write it). Django's ``floatformat`` keeps
    the zeros ("97,50") and ``localize`` groups only under ``USE_THOUSAND_SEPARATOR``, which
    would also group years and ids everywhere, hence this filter over ``number_format``."""
    if value is None or value == "" or isinstance(value, bool):
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not amount.is_finite():
        return str(value)
    amount = amount.normalize()
    if amount == amount.to_integral_value():
        amount = amount.quantize(Decimal(1))
    return number_format(amount, use_l10n=True, force_grouping=True)


@register.filter
def startswith(value: object, prefix: object) -> bool:
    """``{% if request.path|startswith:url %}``: the menu marks the section being shown."""
    return str(value).startswith(str(prefix))
