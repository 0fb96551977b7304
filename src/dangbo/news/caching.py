"""The cache generation of the public news lists: publishing bumps it, so every cached list
page (keyed by the generation) is rebuilt on its next visit (issue 10 item 5)."""

from __future__ import annotations

from django.core.cache import cache

GENERATION_KEY = "news:generation"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.set(GENERATION_KEY, value, None)
    return int(value)


def bump_generation() -> None:
    """Publishing makes the cached lists, header and menu stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
