"""HTTP throughput of the real pages against the bare page, in the same run.

    .venv/bin/python bench/http_bench.py [--duration 5] [--warmup 1] [--concurrency 8] [--reuse]

Serves the app with gunicorn (``-k sync -w 2``, DEBUG off) on 127.0.0.1 and a free port, on the
bench database (see bench/common.py), logged in as the bench office user through a session
created here. Loads each URL with wrk when it is on PATH, else with a bounded Python load
generator (threads, http.client), and reports req/s, p50/p95 latency and two ratios, both
measured in the same run: to /healthz (the bare page, the floor) and to Django admin's
changelist of the cell page's 50 members (the peer a Django shop would use), each page
requested as the user who would open it (office, secretary, member; the admin as superuser).
Also renders each page in-process to count its SQL queries. Writes
bench/results/http-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402

GOAL_CELL_RATIO = 0.5  # cell member page ≥ 50 % of the bare page's req/s
WORKERS = 2


class BenchError(RuntimeError):
    pass


# ---- what to request ---------------------------------------------------------------------------
BARE = "bare"
ADMIN = "admin"  # Django admin's changelist of the cell page's 50 members: the peer


def pick_targets() -> list[dict[str, Any]]:
    """URLs to load: the bare page, Django admin's changelist of the cell's first 50 members,
    then the application's pages (each as the user who would open it, with what it shows).

    The cell page and the admin changelist list the same 50 members of the same cell, in the
    same order (active members, Vietnamese name order); the admin as a superuser."""
    from django.db.models import Count, Q

    from bench.generate import ADMIN_USER, HOSPITAL_USER, MEMBER_USER, OFFICE_USER, SECRETARY_USER
    from dangbo.accounts.models import Role
    from dangbo.core.text import fold, split_name
    from dangbo.members.models import ACTIVE_STATUSES, Member
    from dangbo.organizations.models import Organization
    from dangbo.targets.models import Resolution, Target

    cell = (
        Organization.objects.filter(kind="cell")
        .annotate(n=Count("members", filter=Q(members__status__in=ACTIVE_STATUSES)))
        .filter(n__gte=100)
        .order_by("path")
        .first()
    )
    if cell is None:
        raise BenchError("no cell with at least 100 active members: generate more members")
    shown = list(
        Member.objects.filter(organization=cell, status__in=ACTIVE_STATUSES)
        .order_by("sort_key", "id")
        .values_list("full_name", flat=True)[:50]
    )
    first, last = shown[0], shown[-1]
    given = fold(split_name(first)[2])
    hospital = Organization.objects.filter(kind="grassroots_committee").order_by("path").first()
    assert hospital is not None
    resolution = Resolution.objects.filter(organization=hospital).first()
    target = Target.objects.filter(resolution=resolution).order_by("position").first()
    if resolution is None or target is None:
        raise BenchError("no resolution in the bench database: generate it again")
    own = Role.objects.get(user__username=MEMBER_USER, kind="member").member
    statuses = ",".join(ACTIVE_STATUSES)
    return [
        {"name": BARE, "path": "/healthz", "marker": "ok", "user": OFFICE_USER},
        {
            "name": ADMIN,
            "path": f"/quan-tri/members/member/?organization={cell.pk}&status__in={statuses}",
            "marker": last,
            "markers": shown,  # the same 50 members as the cell page
            "user": ADMIN_USER,
            "note": f"Django admin changelist, {cell.name}: the cell page's 50 members",
        },
        {
            "name": "cell",
            "path": f"/to-chuc/{cell.pk}/",
            "marker": last,
            "markers": shown,
            "user": OFFICE_USER,
            "note": f"{cell.name}: {cell.n} active members, page of 50",
        },
        {
            "name": "search",
            "path": f"/dang-vien/tim-kiem/?q={quote(given)}",
            "marker": "/dang-vien/",
            "user": OFFICE_USER,
            "note": f"q={given!r} over the whole tree as {OFFICE_USER}",
        },
        {
            "name": "list",
            "path": "/dang-vien/tim-kiem/?trang_thai=full&sap_xep=vao-dang",
            "marker": "/dang-vien/",
            "user": HOSPITAL_USER,
            "note": "member list of a hospital, filtered (full members) and sorted",
        },
        {
            "name": "hospital",
            "path": f"/to-chuc/{hospital.pk}/",
            "marker": hospital.name,
            "user": OFFICE_USER,
            "note": f"{hospital.name}: children with subtree counts + members",
        },
        {"name": "tree", "path": "/to-chuc/", "marker": "/to-chuc/", "user": OFFICE_USER,
         "note": "tree page 1"},
        {"name": "res-list", "path": "/nghi-quyet/", "marker": resolution.number,
         "user": HOSPITAL_USER, "note": "resolutions"},
        {"name": "res", "path": f"/nghi-quyet/nghi-quyet/{resolution.pk}/",
         "marker": target.title, "user": HOSPITAL_USER, "note": "one resolution, its targets"},
        {"name": "target", "path": f"/nghi-quyet/chi-tieu/{target.pk}/", "marker": target.title,
         "user": HOSPITAL_USER, "note": "a target shared by every cell of the hospital"},
        {"name": "dashboard", "path": f"/nghi-quyet/tong-hop/{hospital.pk}/",
         "marker": resolution.number, "user": HOSPITAL_USER, "note": "targets summary"},
        {"name": "my-targets", "path": "/nghi-quyet/cua-toi/", "marker": target.title,
         "user": SECRETARY_USER, "note": "the secretary's shares to report"},
        {"name": "home-office", "path": "/", "marker": "<h1", "user": HOSPITAL_USER,
         "note": "home page of the office: what is due"},
        {"name": "home-superior", "path": "/", "marker": "<h1", "user": OFFICE_USER,
         "note": "home page over the whole tree: summary counts"},
        {"name": "home-secretary", "path": "/", "marker": "<h1", "user": SECRETARY_USER,
         "note": "home page of a cell secretary"},
        {"name": "home-member", "path": f"/dang-vien/{own.pk}/", "marker": own.full_name,
         "user": MEMBER_USER, "note": "a member's home: her own record (/ redirects there)"},
    ]  # fmt: skip


def session_cookie(username: str) -> str:
    """A logged-in session for ``username`` stored in the bench database, as a Cookie header."""
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


# ---- the server --------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(port: int, path: str, cookie: str = "", timeout: float = 30) -> tuple[int, bytes, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        resp = conn.getresponse()
        return resp.status, resp.read(), resp.getheader("Location") or ""
    finally:
        conn.close()


def start_server(port: int, log_path: Path) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    cmd = [
        str(gunicorn) if gunicorn.exists() else "gunicorn",
        "dangbo.wsgi:application", "-k", "sync", "-w", str(WORKERS),
        "-b", f"127.0.0.1:{port}", "--log-level", "warning",
    ]  # fmt: skip
    log = log_path.open("wb")
    proc = subprocess.Popen(
        cmd, cwd=common.ROOT, env=os.environ.copy(), stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stop_server ends it and its workers
    )  # fmt: skip
    log.close()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise BenchError(f"gunicorn exited ({proc.returncode}); see {log_path}")
        try:
            if get(port, "/healthz", timeout=2)[0] == 200:
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(proc)
    raise BenchError(f"gunicorn did not answer on 127.0.0.1:{port} within 30 s; see {log_path}")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the group started for this gunicorn only
            proc.wait(timeout=5)


# ---- load generators ---------------------------------------------------------------------------
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRKJSON {\\"requests\\": %d, \\"duration_us\\": %d, \\"bytes\\": %d, " ..
    "\\"connect\\": %d, \\"read\\": %d, \\"write\\": %d, \\"status\\": %d, \\"timeout\\": %d, " ..
    "\\"p50_us\\": %f, \\"p95_us\\": %f, \\"p99_us\\": %f, \\"max_us\\": %f}\\n",
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max))
end
"""


def load_wrk(
    port: int, path: str, cookie: str, duration: float, concurrency: int, script: Path
) -> dict[str, Any]:
    wrk = shutil.which("wrk")
    assert wrk is not None
    cmd = [
        wrk, f"-t{min(2, concurrency)}", f"-c{concurrency}", f"-d{max(1, round(duration))}s",
        "--timeout", "10s", "-s", str(script), "-H", f"Cookie: {cookie}",
        f"http://127.0.0.1:{port}{path}",
    ]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 60, check=False)
    match = re.search(r"^WRKJSON (.*)$", out.stdout, re.MULTILINE)
    if out.returncode != 0 or match is None:
        raise BenchError(f"wrk failed ({out.returncode}): {out.stderr.strip() or out.stdout}")
    raw = json.loads(match.group(1))
    if not raw["requests"]:  # wrk reports percentiles of nothing as 0
        raw.update(p50_us=math.nan, p95_us=math.nan, p99_us=math.nan, max_us=math.nan)
    seconds = raw["duration_us"] / 1e6
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["timeout"]
    return {
        "requests": raw["requests"],
        "seconds": round(seconds, 3),
        "rps": round(raw["requests"] / seconds, 1) if seconds else 0.0,
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p95_ms": round(raw["p95_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
        "errors": errors,
        "bad_status": raw["status"],
    }


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, round(q * (len(sorted_values) - 1)))]


def load_python(
    port: int, path: str, cookie: str, duration: float, concurrency: int
) -> dict[str, Any]:
    """``concurrency`` threads, each a keep-alive http.client connection, for ``duration`` s."""
    latencies: list[list[float]] = [[] for _ in range(concurrency)]
    errors = [0] * concurrency
    bad = [0] * concurrency
    headers = {"Cookie": cookie}
    start = time.perf_counter()
    deadline = start + duration

    def worker(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        lat = latencies[i]
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                resp = conn.getresponse()
                resp.read()
            except (OSError, http.client.HTTPException):
                errors[i] += 1
                conn.close()
                continue
            lat.append(time.perf_counter() - t0)
            if resp.status != 200:
                bad[i] += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 30)
    seconds = time.perf_counter() - start
    values = sorted(v for lat in latencies for v in lat)
    return {
        "requests": len(values),
        "seconds": round(seconds, 3),
        "rps": round(len(values) / seconds, 1),
        "p50_ms": round(percentile(values, 0.50) * 1000, 2),
        "p95_ms": round(percentile(values, 0.95) * 1000, 2),
        "p99_ms": round(percentile(values, 0.99) * 1000, 2),
        "max_ms": round(values[-1] * 1000, 2) if values else float("nan"),
        "errors": sum(errors),
        "bad_status": sum(bad),
    }


# ---- in-process view profile -------------------------------------------------------------------
def profile_in_process(path: str, cookie: str, runs: int = 15) -> dict[str, Any]:
    """Median in-process time of one request; its SQL queries and their execute() time.

    (On SQLite execute() runs a statement up to its first row: counts and sorts are inside,
    the fetching of further rows is not.)
    """
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie.split("=", 1)[1]
    client.get(path)  # warm caches (templates, URL resolver)
    median, _, resp = common.timed(lambda: client.get(path), max_runs=runs, budget_s=1.5)
    captured: list[tuple[float, str]] = []

    def timing(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            captured.append((time.perf_counter() - t0, sql))

    with connection.execute_wrapper(timing):
        client.get(path)
    slowest = max(captured, default=(0.0, ""))
    return {
        "status": resp.status_code,
        "in_process_ms": round(median * 1000, 2),
        "queries": len(captured),
        "sql_ms": round(sum(t for t, _ in captured) * 1000, 2),
        "slowest_sql_ms": round(slowest[0] * 1000, 2),
        "slowest_sql": slowest[1][:400],
    }


# ---- the benchmark -----------------------------------------------------------------------------
def drain(port: int, limit_s: float = 120.0) -> float:
    """Wait until the server has worked off requests still queued by a load run.

    Sync workers finish every request they accepted, even when the client has gone (wrk and
    the Python generator stop at their deadline with requests in flight); on a slow page that
    backlog would eat into the next measurement. Returns the seconds waited.
    """
    start = time.perf_counter()
    while time.perf_counter() - start < limit_s:
        t0 = time.perf_counter()
        get(port, "/healthz", timeout=limit_s)
        if time.perf_counter() - t0 < 0.05:
            break
    return round(time.perf_counter() - start, 2)


def run(
    *, duration: float = 5.0, warmup: float = 1.0, concurrency: int = 8, tool: str = "auto"
) -> dict[str, Any]:
    """Serve, verify and load every target URL; return the results (also printed)."""
    targets = pick_targets()
    cookies = {u: session_cookie(u) for u in dict.fromkeys(t["user"] for t in targets)}
    common.collectstatic()  # before rendering: the manifest storage needs it
    for t in targets:
        if t["name"] != BARE:
            t.update(profile_in_process(t["path"], cookies[t["user"]]))
    if tool == "auto":
        tool = "wrk" if shutil.which("wrk") else "python"
    elif tool == "wrk" and not shutil.which("wrk"):
        raise BenchError("wrk is not on PATH (apt-get install wrk), use --tool python")
    script = common.BENCH_VAR / "wrk-report.lua"
    script.write_text(WRK_SCRIPT)
    port = free_port()
    log_path = common.BENCH_VAR / "gunicorn.log"
    print(
        f"  gunicorn -k sync -w {WORKERS} on 127.0.0.1:{port}; load: {tool}, {concurrency} "
        f"connections, {warmup:g} s warm-up + {duration:g} s per URL",
        flush=True,
    )
    proc = start_server(port, log_path)
    try:
        for t in targets:
            cookie = cookies[t["user"]]
            status, body, location = get(port, t["path"], cookie)
            check_page(t, status, body, location, log_path)
            t["bytes"] = len(body)
            for seconds, keep in ((warmup, False), (duration, True)):
                if tool == "wrk":
                    res = load_wrk(port, t["path"], cookie, seconds, concurrency, script)
                else:
                    res = load_python(port, t["path"], cookie, seconds, concurrency)
                waited = drain(port)
                if keep:
                    t.update(res, drain_s=waited)
            print(f"    {t['name']:<14} {t['rps']:>8.1f} req/s", flush=True)
    finally:
        stop_server(proc)
    result = summarize(
        targets,
        load={"tool": tool, "duration_s": duration, "warmup_s": warmup,
              "concurrency": concurrency},
    )  # fmt: skip
    print_table(result)
    return result


def check_page(t: dict[str, Any], status: int, body: bytes, location: str, log: Path) -> None:
    """The page answers 200 and shows what it should (every name of ``markers``)."""
    missing = [m for m in [t["marker"], *t.get("markers", [])] if m.encode() not in body]
    if status != 200 or missing:
        raise BenchError(
            f"{t['path']} as {t['user']}: status {status} {location} — expected 200 with "
            f"{missing[:3]!r}; see {log}"
        )


def summarize(targets: list[dict[str, Any]], load: dict[str, Any]) -> dict[str, Any]:
    """Ratios of every page to the bare page (the floor) and to Django admin's changelist of
    the same 50 members (the peer), all measured in the same run; the goal verdict."""
    by_name = {t["name"]: t for t in targets}
    bare = by_name[BARE]["rps"] or float("nan")
    admin = by_name[ADMIN]["rps"] or float("nan")
    for t in targets:
        t["ratio_vs_bare"] = round(t["rps"] / bare, 4)
        t["ratio_vs_admin"] = round(t["rps"] / admin, 4)
    cell = by_name["cell"]
    return {
        "server": {"gunicorn_worker_class": "sync", "workers": WORKERS, "debug": False},
        "load": load,
        "urls": targets,
        "peer": {"name": ADMIN, "path": by_name[ADMIN]["path"], "rps": by_name[ADMIN]["rps"]},
        "goal": {
            "cell_ratio_min": GOAL_CELL_RATIO,
            "cell_ratio": cell["ratio_vs_bare"],
            "cell_vs_admin": cell["ratio_vs_admin"],
            "met": cell["ratio_vs_bare"] >= GOAL_CELL_RATIO,
        },
    }


def print_table(result: dict[str, Any]) -> None:
    print()
    print(f"{'page':<14} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'vs bare':>8} "
          f"{'vs admin':>8} {'in-proc ms':>10} {'queries':>7} {'sql ms':>7}  path")  # fmt: skip
    for t in result["urls"]:
        errors = t["errors"] + t["bad_status"]
        print(
            f"{t['name']:<14} {t['rps']:>8.1f} {t['p50_ms']:>8.2f} {t['p95_ms']:>8.2f} "
            f"{t['ratio_vs_bare']:>7.0%} {t['ratio_vs_admin']:>8.0%} "
            f"{t.get('in_process_ms', 0):>10.2f} "
            f"{t.get('queries', 0):>7} {t.get('sql_ms', 0):>7.2f}  {t['path']}"
            + (f"  ({errors} errors)" if errors else "")
        )
    goal = result["goal"]
    verdict = "met" if goal["met"] else "NOT met"
    print(f"goal: cell page ≥ {goal['cell_ratio_min']:.0%} of bare req/s — "
          f"{goal['cell_ratio']:.0%}: {verdict}; cell page / Django admin's changelist of the "
          f"same 50 members: {goal['cell_vs_admin']:.0%}")  # fmt: skip
    print()


def _no_nan(value: Any) -> Any:
    """NaN (no measurement) as null, so that the file is strict JSON."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _no_nan(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_no_nan(v) for v in value]
    return value


def write_json(data: dict[str, Any], stamp: str, prefix: str = "http") -> Path:
    common.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = common.RESULTS_DIR / f"{prefix}-{stamp}.json"
    text = json.dumps(_no_nan(data), indent=2, ensure_ascii=False, default=str, allow_nan=False)
    path.write_text(text + "\n")
    return path


def add_load_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--duration", type=float, default=5.0, help="seconds measured per URL")
    parser.add_argument("--warmup", type=float, default=1.0, help="seconds of warm-up per URL")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--tool", choices=["auto", "wrk", "python"], default="auto", help="load generator"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    common.add_common_arguments(parser)
    add_load_arguments(parser)
    args = parser.parse_args(argv)
    data = common.start(args)
    data["http"] = run(
        duration=args.duration,
        warmup=args.warmup,
        concurrency=args.concurrency,
        tool=args.tool,
    )
    print(f"results: {write_json(data, data['timestamp'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
