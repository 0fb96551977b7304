"""Set-up shared by the benchmark scripts: a separate database and production-like settings.

Every script points the process at a database of its own before Django starts: the
DATABASE_URL given in the environment, or else a fresh SQLite file var/bench/bench.sqlite3 —
never the development database var/dangbo.sqlite3. DEBUG is off and SECRET_KEY is set, as in
`make serve`; child processes (gunicorn) inherit the same environment.
"""

from __future__ import annotations

import os
import platform
import secrets
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH_VAR = ROOT / "var" / "bench"
RESULTS_DIR = ROOT / "bench" / "results"
SQLITE_FILE = BENCH_VAR / "bench.sqlite3"

if str(ROOT) not in sys.path:  # `python bench/x.py` puts bench/ first, not the project root
    sys.path.insert(0, str(ROOT))


def configure(*, fresh_sqlite: bool = True) -> str:
    """Set the environment for the bench database and start Django; returns DATABASE_URL."""
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        if fresh_sqlite:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{SQLITE_FILE}"
    os.environ["DATABASE_URL"] = url
    os.environ["DANGBO_VAR"] = str(BENCH_VAR)  # static files, media, imports under var/bench
    os.environ["DEBUG"] = "0"
    os.environ.pop("DANGBO_TESTING", None)  # manifest static storage, as in production
    if not os.environ.get("SECRET_KEY"):
        os.environ["SECRET_KEY"] = "bench-" + secrets.token_urlsafe(40)
    os.environ["DJANGO_SETTINGS_MODULE"] = "dangbo.settings"
    import django

    django.setup()
    return url


def migrate() -> float:
    from django.core.management import call_command

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    return time.perf_counter() - t0


def collectstatic() -> float:
    from django.core.management import call_command

    t0 = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    return time.perf_counter() - t0


def db_info() -> dict[str, Any]:
    """Vendor, server version and database name (no credentials)."""
    from django.db import connection

    info: dict[str, Any] = {"vendor": connection.vendor}
    with connection.cursor() as cur:
        if connection.vendor == "sqlite":
            cur.execute("select sqlite_version()")
            info["version"] = cur.fetchone()[0]
            info["name"] = str(connection.settings_dict["NAME"])
        elif connection.vendor == "postgresql":
            cur.execute("show server_version")
            info["version"] = cur.fetchone()[0]
            info["name"] = connection.settings_dict["NAME"]
    return info


def machine_info() -> dict[str, Any]:
    import django

    info: dict[str, Any] = {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "cpus": os.cpu_count(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["mem_total_mb"] = int(line.split()[1]) // 1024
                break
        info["loadavg"] = list(os.getloadavg())
    except OSError:
        pass
    return info


def timed(
    fn: Callable[[], Any], *, min_runs: int = 3, max_runs: int = 50, budget_s: float = 1.0
) -> tuple[float, int, Any]:
    """Median wall time of ``fn()`` in seconds, number of runs, and the last result.

    Runs at least ``min_runs`` times, then until ``budget_s`` is spent or ``max_runs`` reached.
    """
    times: list[float] = []
    result: Any = None
    start = time.perf_counter()
    while len(times) < max_runs:
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        if len(times) >= min_runs and time.perf_counter() - start >= budget_s:
            break
    return statistics.median(times), len(times), result


def timestamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def prepare_database(
    *, orgs: int, members: int, seed: int, reuse: bool = False, reset: bool = False
) -> dict[str, Any]:
    """Migrate, then generate the data set unless ``reuse`` finds one already there.

    Returns what was done: timings, and the generator's report when it ran.
    """
    from django.contrib.auth import get_user_model

    from bench.generate import OFFICE_USER, generate, reset_database
    from dangbo.organizations.models import Organization

    report: dict[str, Any] = {"migrate_s": round(migrate(), 3)}
    print(f"  migrate: {report['migrate_s']:.2f} s", flush=True)
    if reuse and get_user_model().objects.filter(username=OFFICE_USER).exists():
        report["reused"] = True
        print("  reusing the data already in the bench database", flush=True)
        return report
    if Organization.objects.exists():
        if not reset:
            raise SystemExit(
                "The bench database already holds organizations. Use --reuse to benchmark them, "
                "--reset to flush that database (destroys its data), or another DATABASE_URL."
            )
        reset_database()
    report["generate"] = generate(orgs, members, seed, verbose=True).as_dict()
    return report


def start(args: Any) -> dict[str, Any]:
    """What a standalone bench script does first (after ``add_common_arguments``): configure
    the bench database, migrate and fill it, and return the result header (timestamp, machine,
    database, sizes, preparation)."""
    stamp = timestamp()
    url = configure(fresh_sqlite=not args.reuse)
    print(f"bench database: {url.split('@')[-1]}", flush=True)
    prep = prepare_database(
        orgs=args.orgs, members=args.members, seed=args.seed, reuse=args.reuse, reset=args.reset
    )
    return {
        "timestamp": stamp, "machine": machine_info(), "db": db_info(), "sizes": data_sizes(),
        "prepare": prep,
    }  # fmt: skip


def data_sizes() -> dict[str, int]:
    from dangbo.members.models import Member
    from dangbo.organizations.models import Organization

    return {
        "organizations": Organization.objects.count(),
        "cells": Organization.objects.filter(kind="cell").count(),
        "members": Member.objects.count(),
    }


def add_common_arguments(parser: Any) -> None:
    parser.add_argument("--orgs", type=int, default=500)
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse", action="store_true", help="keep the bench database and its data if present"
    )
    parser.add_argument(
        "--reset", action="store_true", help="flush a non-empty DATABASE_URL database first"
    )
