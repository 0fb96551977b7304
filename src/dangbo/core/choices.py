"""Labels of model choices without ``get_FOO_display()``'s cost: Django resolves every lazy label
of the field's choices on each call (≈ 8 gettext calls per row). Labels are translated once per
choices class and language."""

from __future__ import annotations

from functools import lru_cache

from django.db.models import Choices
from django.utils.translation import get_language


@lru_cache(maxsize=64)
def _labels(choices: type[Choices], language: str | None) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices.choices}


def labels(choices: type[Choices]) -> dict[str, str]:
    """value → label in the active language."""
    return _labels(choices, get_language())


def label(choices: type[Choices], value: str) -> str:
    """The label of ``value`` in the active language (the value itself when unknown)."""
    return labels(choices).get(value, value)
