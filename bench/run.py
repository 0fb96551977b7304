"""`make bench`: every benchmark in sequence on one generated data set.

    .venv/bin/python bench/run.py [--orgs 500] [--members 50000] [--seed 1] [--analyze]
                                  [--duration 5] [--warmup 1] [--concurrency 8] [--strict]

1. a separate database (DATABASE_URL, or a fresh var/bench/bench.sqlite3), migrated and filled
   by bench/generate.py;
2. bench/rollup_bench.py — subtree counts against the raw SQL floor, EXPLAIN of the path filter;
3. bench/http_bench.py — gunicorn, req/s and latency of every page against /healthz (the floor)
   and against Django admin's changelist of the cell page's 50 members (the peer);
4. bench/import_bench.py --rows 10000, when that file exists (own process, same database).
5. bench/documents_bench.py: the minutes as PDF and DOCX against a one-paragraph floor.
Everything lands in bench/results/http-<timestamp>.json. The exit status is non-zero when a
stage fails (and, with --strict, when the cell page misses its goal).

SQLite keeps no planner statistics until someone runs ANALYZE, and the application does not;
so by default neither does the benchmark — it measures what a deployment gets. --analyze runs
ANALYZE after generating, to compare. (PostgreSQL: the generator always analyzes, as
autovacuum would shortly after a bulk load.)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common, http_bench, rollup_bench  # noqa: E402

IMPORT_BENCH = common.ROOT / "bench" / "import_bench.py"
DOCUMENTS_BENCH = common.ROOT / "bench" / "documents_bench.py"


def run_import_bench(rows: int) -> dict[str, Any]:
    cmd = [sys.executable, str(IMPORT_BENCH), "--rows", str(rows)]
    print(f"$ {' '.join(cmd[1:])}", flush=True)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=common.ROOT, env=os.environ.copy(), timeout=900, check=False)
    return {
        "command": cmd[1:],
        "returncode": proc.returncode,
        "seconds": round(time.perf_counter() - t0, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_common_arguments(parser)
    http_bench.add_load_arguments(parser)
    parser.add_argument("--analyze", action="store_true", help="run ANALYZE after generating")
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument(
        "--skip", action="append", default=[], choices=["rollup", "http", "import", "documents"]
    )
    parser.add_argument(
        "--strict", action="store_true", help="fail when the cell page goal is missed"
    )
    args = parser.parse_args(argv)

    started = time.perf_counter()
    stamp = common.timestamp()
    url = common.configure(fresh_sqlite=not args.reuse)
    print(f"== bench database: {url.split('@')[-1]}", flush=True)
    data: dict[str, Any] = {"timestamp": stamp, "machine": common.machine_info()}
    data["prepare"] = common.prepare_database(
        orgs=args.orgs, members=args.members, seed=args.seed, reuse=args.reuse, reset=args.reset
    )
    if args.analyze:
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute("ANALYZE")
        data["prepare"]["analyze"] = True
    data["db"] = common.db_info()
    data["sizes"] = common.data_sizes()
    print(f"   {data['sizes']}", flush=True)

    failures: list[str] = []
    stages = [("rollup", rollup_bench.run), ("http", lambda: http_bench.run(
        duration=args.duration, warmup=args.warmup, concurrency=args.concurrency,
        tool=args.tool))]  # fmt: skip
    for name, fn in stages:
        if name in args.skip:
            continue
        print(f"== {name}", flush=True)
        try:
            data[name] = fn()
        except Exception as exc:  # report, then go on with the other stages
            traceback.print_exc()
            data[name] = {"error": f"{type(exc).__name__}: {exc}"}
            failures.append(name)

    if "import" not in args.skip and IMPORT_BENCH.exists():
        print("== import", flush=True)
        data["import"] = run_import_bench(args.import_rows)
        if data["import"]["returncode"] != 0:
            failures.append("import")
    if "documents" not in args.skip:
        print("== documents", flush=True)
        cmd = [sys.executable, str(DOCUMENTS_BENCH)]
        proc = subprocess.run(cmd, cwd=common.ROOT, env=os.environ.copy(), timeout=300, check=False)
        data["documents"] = {"returncode": proc.returncode}
        if proc.returncode != 0:
            failures.append("documents")

    data["seconds"] = round(time.perf_counter() - started, 1)
    path = http_bench.write_json(data, stamp)
    summary(data)
    print(f"results: {path}")
    if failures:
        print(f"FAILED: {', '.join(failures)}")
        return 1
    if args.strict and not data.get("http", {}).get("goal", {}).get("met", False):
        return 1
    return 0


def summary(data: dict[str, Any]) -> None:
    print(f"== summary ({data['db']['vendor']}, {data['sizes']['organizations']:,} organizations, "
          f"{data['sizes']['members']:,} members, {data['seconds']:.0f} s)")  # fmt: skip
    http = data.get("http", {})
    for t in http.get("urls", []):
        print(f"   {t['name']:<14} {t['rps']:>8.1f} req/s  {t['ratio_vs_bare']:>6.1%} of bare  "
              f"{t['ratio_vs_admin']:>7.1%} of admin  p50 {t['p50_ms']:.1f} ms  "
              f"p95 {t['p95_ms']:.1f} ms")  # fmt: skip
    if "goal" in http:
        g = http["goal"]
        print(
            f"   goal cell ≥ {g['cell_ratio_min']:.0%} of bare: {'met' if g['met'] else 'NOT met'}"
            f"; cell page {g['cell_vs_admin']:.0%} of Django admin's changelist (same 50 members)"
        )
    rollup = data.get("rollup", {})
    for r in rollup.get("subtree_counts", []):
        print(f"   subtree count {r['subtree']:<14} subtree_q/raw SQL {r['ratio']:>6.1f}x "
              f"({r['subtree_q_ms']:.2f} / {r['floor_ms']:.2f} ms)")  # fmt: skip
    if "tree" in rollup:
        t = rollup["tree"]
        print(
            f"   tree() / GROUP BY roll-up {t['ratio']:.1f}x "
            f"({t['tree_ms']:.1f} / {t['floor_ms']:.1f} ms)"
        )
    if "explain" in rollup:
        e = rollup["explain"]
        used = all(
            e[k]["path_index_used"]
            for k in ("organizations_in_subtree", "active_members_in_subtree")
        )
        print(f"   path index used by the subtree filters: {'yes' if used else 'NO'}")
    if "import" in data:
        print(
            f"   import bench: exit {data['import']['returncode']} in {data['import']['seconds']} s"
        )


if __name__ == "__main__":
    sys.exit(main())
