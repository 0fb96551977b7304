"""Subtree member counts: our query helpers against the raw SQL floor, and the path index plan.

    .venv/bin/python bench/rollup_bench.py [--reuse]

On the bench database (see bench/common.py):
- one subtree count (active members under an organization) through ``accounts.scope.subtree_q``
  — the filter every scoped page uses — against raw SQL driven by the path index, for a root,
  a region, a hospital, a sub committee and a cell;
- the whole tree with subtree counts (``organizations.queries.tree``, one correlated subquery
  per organization) against one GROUP BY plus a roll-up in Python;
- EXPLAIN (QUERY PLAN) of the subtree filter, checking that the path index is used.
Both sides must return the same numbers. Writes bench/results/rollup-<timestamp>.json when run
alone; bench/run.py puts the same data in its JSON.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402


def _floor_count_sql(vendor: str) -> str:
    """Active members under one path, driven by the path index (the best plan there is)."""
    if vendor == "postgresql":
        return (
            "SELECT COUNT(*) FROM organizations_organization o "
            "JOIN members_member m ON m.organization_id = o.id "
            "WHERE o.path LIKE %s AND m.status IN ('probationary', 'full')"
        )
    # SQLite: CROSS JOIN fixes the join order (organizations outer, by the path range),
    # whatever the planner's statistics.
    return (
        "SELECT COUNT(*) FROM organizations_organization o "
        "CROSS JOIN members_member m ON m.organization_id = o.id "
        "WHERE o.path >= %s AND o.path < %s AND m.status IN ('probationary', 'full')"
    )


def _floor_params(vendor: str, path: str) -> list[str]:
    return [path + "%"] if vendor == "postgresql" else [path, path + "\uffff"]


def subtree_roots() -> list[tuple[str, Any]]:
    from dangbo.organizations.models import Organization

    roots = []
    for label, kind in (
        ("root", None), ("region", "superior"), ("hospital", "grassroots_committee"),
        ("sub committee", "sub_committee"), ("cell", "cell"),
    ):  # fmt: skip
        qs = Organization.objects.order_by("path")
        qs = qs.filter(depth=1) if kind is None else qs.filter(kind=kind, depth__gt=1)
        org = qs.first()
        if org is not None:
            roots.append((label, org))
    return roots


def bench_subtree_counts() -> list[dict[str, Any]]:
    from django.db import connection

    from dangbo.accounts.scope import subtree_q
    from dangbo.members.models import ACTIVE_STATUSES, Member
    from dangbo.members.queries import with_member_counts
    from dangbo.organizations.models import Organization

    vendor = connection.vendor
    sql = _floor_count_sql(vendor)
    rows = []
    for label, org in subtree_roots():

        def helper(path: str = org.path) -> int:
            return (
                Member.objects.filter(subtree_q(path, "organization__path"))
                .filter(status__in=ACTIVE_STATUSES)
                .count()
            )

        def annotated(pk: int = org.pk) -> int:
            return with_member_counts(Organization.objects.filter(pk=pk)).get().member_count

        def floor(path: str = org.path) -> int:
            with connection.cursor() as cur:
                cur.execute(sql, _floor_params(vendor, path))
                return int(cur.fetchone()[0])

        t_floor, n_floor, want = common.timed(floor, budget_s=0.5)
        t_helper, n_helper, got = common.timed(helper, budget_s=0.5)
        t_annot, n_annot, got_annot = common.timed(annotated, budget_s=0.5)
        if not want == got == got_annot:
            raise AssertionError(f"{label}: helper {got}, annotated {got_annot}, raw SQL {want}")
        rows.append({
            "subtree": label, "path": org.path, "organization_id": org.pk, "members": want,
            "floor_ms": round(t_floor * 1000, 3), "subtree_q_ms": round(t_helper * 1000, 3),
            "with_member_counts_ms": round(t_annot * 1000, 3),
            "ratio": round(t_helper / t_floor, 2) if t_floor else None,
            "ratio_annotated": round(t_annot / t_floor, 2) if t_floor else None,
            "runs": [n_floor, n_helper, n_annot],
        })  # fmt: skip
    return rows


def bench_tree() -> dict[str, Any]:
    """``queries.tree(user)`` in full with ``add_member_counts`` (what the tree page does per
    page, here over every organization) against one GROUP BY and a roll-up in Python."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from bench.generate import OFFICE_USER
    from dangbo.members.queries import add_member_counts
    from dangbo.organizations.queries import tree

    user = get_user_model().objects.get(username=OFFICE_USER)

    def helper() -> dict[str, int]:
        if hasattr(user, "_dangbo_scope"):
            delattr(user, "_dangbo_scope")  # scope_for() caches on the user; count it each time
        orgs = list(tree(user))
        add_member_counts(orgs)
        return {o.path: o.member_count for o in orgs}

    def floor() -> dict[str, int]:
        with connection.cursor() as cur:
            cur.execute("SELECT path FROM organizations_organization ORDER BY path")
            totals = {p: 0 for (p,) in cur.fetchall()}
            cur.execute(
                "SELECT o.path, COUNT(*) FROM members_member m "
                "JOIN organizations_organization o ON o.id = m.organization_id "
                "WHERE m.status IN ('probationary', 'full') GROUP BY o.path"
            )
            for path, n in cur.fetchall():
                for end in range(4, len(path) + 1, 4):  # the org and every ancestor (steplen 4)
                    totals[path[:end]] += n
        return totals

    t_floor, n_floor, want = common.timed(floor, budget_s=1.0, max_runs=10)
    t_helper, n_helper, got = common.timed(helper, budget_s=1.0, min_runs=1, max_runs=5)
    if got != want:
        bad = [p for p in want if got.get(p) != want[p]][:5]
        raise AssertionError(f"tree() counts differ from the GROUP BY roll-up at {bad}")
    return {
        "organizations": len(want),
        "floor_ms": round(t_floor * 1000, 2),
        "tree_ms": round(t_helper * 1000, 2),
        "ratio": round(t_helper / t_floor, 2) if t_floor else None,
        "runs": [n_floor, n_helper],
    }


def _plan_lines(qs: Any) -> list[str]:
    return [line for line in qs.explain().splitlines() if line.strip()]


def _path_index_verdict(vendor: str, lines: list[str]) -> bool:
    text = "\n".join(lines)
    if vendor == "sqlite":
        org_lines = [ln for ln in lines if "organizations_organization" in ln]
        return any(
            "SEARCH" in ln and "INDEX" in ln and "path" in ln for ln in org_lines
        ) and not any(
            "SCAN organizations_organization" in ln and "INDEX" not in ln for ln in org_lines
        )
    if vendor == "postgresql":
        return "Seq Scan on organizations_organization" not in text and any(
            kind in text for kind in ("Index Scan", "Index Only Scan", "Bitmap Index Scan")
        )
    return False


def explain_plans() -> dict[str, Any]:
    from django.db import connection, transaction

    from dangbo.accounts.scope import subtree_q
    from dangbo.members.models import ACTIVE_STATUSES, Member
    from dangbo.organizations.models import Organization

    vendor = connection.vendor
    hospital = Organization.objects.filter(kind="grassroots_committee").order_by("path").first()
    assert hospital is not None
    queries = {
        "organizations_in_subtree": Organization.objects.filter(subtree_q(hospital.path)),
        "active_members_in_subtree": Member.objects.filter(
            subtree_q(hospital.path, "organization__path"), status__in=ACTIVE_STATUSES
        ).only("id"),
    }
    out: dict[str, Any] = {"vendor": vendor, "subtree_path": hospital.path}
    if vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'"
            )
            out["sqlite_stat1"] = bool(cur.fetchone()[0])  # ANALYZE statistics present?
    for name, qs in queries.items():
        lines = _plan_lines(qs)
        entry: dict[str, Any] = {
            "plan": lines,
            "path_index_used": _path_index_verdict(vendor, lines),
        }
        if vendor == "postgresql" and not entry["path_index_used"]:
            # A small table may be read sequentially on purpose; show the index is usable.
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SET LOCAL enable_seqscan = off")
                forced = _plan_lines(qs)
            entry["plan_with_enable_seqscan_off"] = forced
            entry["path_index_usable"] = _path_index_verdict(vendor, forced)
        out[name] = entry
    return out


def run() -> dict[str, Any]:
    counts = bench_subtree_counts()
    whole = bench_tree()
    plans = explain_plans()
    result = {"subtree_counts": counts, "tree": whole, "explain": plans}
    print_report(result)
    return result


def print_report(result: dict[str, Any]) -> None:
    print()
    print(f"{'subtree':<14} {'members':>8} {'raw SQL ms':>10} {'subtree_q ms':>12} {'ratio':>7} "
          f"{'annotated ms':>12} {'ratio':>7}")  # fmt: skip
    for r in result["subtree_counts"]:
        print(
            f"{r['subtree']:<14} {r['members']:>8} {r['floor_ms']:>10.3f} "
            f"{r['subtree_q_ms']:>12.3f} {r['ratio']:>6.1f}x "
            f"{r['with_member_counts_ms']:>12.3f} {r['ratio_annotated']:>6.1f}x"
        )
    t = result["tree"]
    print(f"tree(): {t['organizations']} organizations with subtree counts in {t['tree_ms']:.1f} ms"
          f" vs GROUP BY + roll-up {t['floor_ms']:.1f} ms: {t['ratio']:.1f}x")  # fmt: skip
    plans = result["explain"]
    stats = plans.get("sqlite_stat1")
    analyzed = "" if stats is None else f", ANALYZE statistics: {'yes' if stats else 'no'}"
    print(f"EXPLAIN ({plans['vendor']}, subtree {plans['subtree_path']}{analyzed}):")
    for name in ("organizations_in_subtree", "active_members_in_subtree"):
        entry = plans[name]
        print(f"  {name}: path index used: {'yes' if entry['path_index_used'] else 'NO'}")
        for line in entry["plan"]:
            print(f"    {line}")
        if "plan_with_enable_seqscan_off" in entry:
            print(f"    with enable_seqscan=off, index usable: {entry['path_index_usable']}")
            for line in entry["plan_with_enable_seqscan_off"]:
                print(f"      {line}")
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_common_arguments(parser)
    args = parser.parse_args(argv)
    data = common.start(args)
    from bench.http_bench import write_json

    data["rollup"] = run()
    print(f"results: {write_json(data, data['timestamp'], prefix='rollup')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
