"""bench/rollup_bench.py runs against the query helpers it measures: run it on a small world so
a change to a helper cannot silently break `make bench` (its own answers are cross-checked
against raw SQL inside, and raise on any difference)."""

from __future__ import annotations

import pytest

from bench import rollup_bench
from bench.generate import generate
from dangbo.members.models import ACTIVE_STATUSES, Member

pytestmark = pytest.mark.django_db


def test_rollup_bench_agrees_with_raw_sql_on_a_small_world(capsys):
    generate(20, 500, seed=3)
    result = rollup_bench.run()
    assert result["tree"]["organizations"] == 20
    counts = {r["subtree"]: r["members"] for r in result["subtree_counts"]}
    active = Member.objects.filter(status__in=ACTIVE_STATUSES).count()
    assert counts["root"] == active > counts["cell"] > 0
    plans = [e for e in result["explain"].values() if isinstance(e, dict)]
    # a tiny PostgreSQL table may be read sequentially; then the forced plan must use the index
    assert plans and all(e.get("path_index_usable", e["path_index_used"]) for e in plans)
    assert "tree():" in capsys.readouterr().out
