"""A demo loaded once per test module (rolled back at the end of the module)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from django.utils import timezone

from dangbo.demo.loader import Summary, load


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[Summary]:
    with django_db_blocker.unblock(), transaction.atomic():
        summary = load(today=timezone.localdate())
        yield summary
        transaction.set_rollback(True)
