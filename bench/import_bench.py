"""Member spreadsheet import benchmark: read (calamine) + validate, then import, per file size.

    DANGBO_TESTING=1 .venv/bin/python bench/import_bench.py --rows 10000 100000 [--openpyxl]

For each size: a fresh SQLite database in a temporary directory (DATABASE_URL is set before
Django starts; the development database is never touched), migrated; an organization tree of
one hospital with --cells cells and their departments; a valid xlsx of N members written with
openpyxl write_only. Timed separately: reading the file, validating it (the preview: lookups +
every rule), importing it (members_import: one transaction, re-validates, bulk writes with
history), re-importing it unchanged, re-importing it with 1% of the rows changed, exporting it.
Prints a table and writes bench/results/import-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = ROOT / "bench" / "results"
WORK = Path(tempfile.mkdtemp(prefix="dangbo-import-bench-"))

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đào",
    "Đinh",
    "Lâm",
    "Mai",
    "Trương",
    "Lương",
]
MIDDLE = {
    "Nam": ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân", "Ngọc", "Duy"],
    "Nữ": ["Thị", "Thị Thu", "Thị Thanh", "Ngọc", "Thu", "Thùy", "Phương", "Thị Kim"],
}
GIVEN = {
    "Nam": [
        "An",
        "Bảo",
        "Bình",
        "Cường",
        "Dũng",
        "Đạt",
        "Đức",
        "Hải",
        "Hiếu",
        "Hùng",
        "Huy",
        "Khánh",
        "Long",
        "Minh",
        "Nam",
        "Phong",
        "Quân",
        "Sơn",
        "Tâm",
        "Tuấn",
    ],
    "Nữ": [
        "Anh",
        "Ánh",
        "Chi",
        "Dung",
        "Hà",
        "Hạnh",
        "Hằng",
        "Hoa",
        "Hương",
        "Lan",
        "Linh",
        "Mai",
        "Nga",
        "Ngọc",
        "Nhung",
        "Phương",
        "Thảo",
        "Trang",
        "Vân",
        "Yến",
    ],
}
DEPARTMENTS = [
    "Khoa Nội tổng hợp",
    "Khoa Ngoại",
    "Khoa Sản",
    "Khoa Nhi",
    "Khoa Hồi sức cấp cứu",
    "Khoa Chẩn đoán hình ảnh",
    "Khoa Xét nghiệm",
    "Khoa Dược",
    "Phòng Kế hoạch tổng hợp",
    "Phòng Tổ chức cán bộ",
    "Phòng Điều dưỡng",
    "Phòng Tài chính kế toán",
]
TITLES = ["", "", "", "BS CKI", "BS CKII", "ThS", "Điều dưỡng", "Dược sĩ", "Kỹ thuật viên"]
JOBS = ["", "", "", "", "Trưởng khoa", "Phó trưởng khoa", "Điều dưỡng trưởng"]  # fmt: skip


def setup_django(db_file: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    os.environ["DANGBO_VAR"] = str(WORK / "var")
    os.environ["DEBUG"] = "0"  # no query log growing with every statement
    os.environ.setdefault("DANGBO_TESTING", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "dangbo.settings"
    import django

    django.setup()


def use_fresh_database(db_file: Path) -> float:
    """Point the (already started) Django at a new SQLite file and migrate it."""
    from django.core.management import call_command
    from django.db import connections

    connections.close_all()
    connections["default"].settings_dict["NAME"] = str(db_file)
    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    return time.perf_counter() - t0


def build_site(cells: int) -> tuple[Any, list[str], list[str]]:
    """One hospital, ``cells`` cells, the departments; returns (office user, codes, depts)."""
    from django.contrib.auth import get_user_model

    from dangbo.accounts.models import Role
    from dangbo.organizations.models import Department, Organization

    hospital = Organization.objects.add_root(
        {"name": "Đảng bộ Bệnh viện Đa khoa tỉnh", "kind": "grassroots_committee", "code": "BV"}
    )
    codes = []
    for i in range(cells):
        code = f"BV-CB{i + 1:02d}"
        Organization.objects.add_child(hospital, {"name": f"Chi bộ {i + 1}", "kind": "cell",
                                                  "code": code})  # fmt: skip
        hospital.refresh_from_db()
        codes.append(code)
    for name in DEPARTMENTS:
        Department.objects.create(organization=hospital, name=name)
    user = get_user_model().objects.create_user(username="bench-import-office", password=None)
    Role.objects.create(user=user, kind="office", organization=hospital)
    return user, codes, DEPARTMENTS


def member_values(i: int, rng: random.Random, codes: list[str]) -> list[object]:
    gender = "Nữ" if rng.random() < 0.6 else "Nam"
    name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
    born = dt.date(1955, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 45))
    admitted = born + dt.timedelta(days=365 * 19 + rng.randrange(0, 365 * 20))
    admitted = min(admitted, dt.date(2025, 12, 31))
    full = rng.random() < 0.9 and admitted + dt.timedelta(days=366) < dt.date.today()
    full_on = admitted + dt.timedelta(days=366) if full else None
    as_text = i % 2 == 0  # half the dates typed as text, half real Excel dates
    fmt: Callable[[dt.date | None], object] = (
        (lambda d: d.strftime("%d/%m/%Y") if d else "") if as_text else (lambda d: d)
    )
    cell_index = i % len(codes)
    return [
        name, gender, fmt(born), "Kinh", "Không", "Tỉnh Bắc Ninh", f"{10_000_000 + i * 7:08d}",
        f"{i % 1_000_000:06d}BN", f"{1_000_000_000 + i:012d}", fmt(admitted), fmt(full_on),
        "Chính thức" if full else "Dự bị", codes[cell_index],
        DEPARTMENTS[cell_index % len(DEPARTMENTS)], rng.choice(JOBS), rng.choice(TITLES), "",
        f"09{i % 100_000_000:08d}", "",
    ]  # fmt: skip


def write_xlsx(path: Path, n: int, codes: list[str], *, seed: int = 1, changed: float = 0) -> None:
    from openpyxl import Workbook

    from dangbo.members.importing.columns import HEADERS, SHEET_MEMBERS

    rng = random.Random(seed)
    change = random.Random(seed + 1)
    job = HEADERS.index("Chức vụ")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET_MEMBERS)
    ws.append(list(HEADERS))
    for i in range(n):
        values = member_values(i, rng, codes)
        if changed and change.random() < changed:
            values[job] = "Tổ trưởng công đoàn"
        ws.append(values)
    wb.save(path)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def run_size(n: int, cells: int, with_openpyxl: bool) -> dict[str, Any]:
    from dangbo.members.importing import services
    from dangbo.members.importing.queries import export_rows
    from dangbo.members.importing.reader import read_workbook
    from dangbo.members.importing.workbooks import export_workbook
    from dangbo.members.models import Member, StatusChange

    out: dict[str, Any] = {"rows": n, "cells": cells}
    out["migrate_s"] = use_fresh_database(WORK / f"import-{n}.sqlite3")
    user, codes, _ = build_site(cells)
    file = WORK / f"members-{n}.xlsx"
    out["generate_xlsx_s"], _ = timed(lambda: write_xlsx(file, n, codes))
    out["file_mb"] = round(file.stat().st_size / 1e6, 2)

    out["read_s"], sheet = timed(lambda: read_workbook(file))
    assert not sheet.errors and len(sheet.rows) == n, sheet.errors[:3]
    if with_openpyxl:
        out["read_openpyxl_s"], _ = timed(lambda: read_with_openpyxl(file))
    out["validate_s"], plan = timed(lambda: services.import_plan(actor=user, rows=sheet.rows))
    assert not plan.errors, [str(e) for e in plan.errors[:3]]
    out["import_s"], result = timed(lambda: services.members_import(actor=user, rows=sheet.rows))
    assert result.created == n
    assert Member.objects.count() == n and Member.history.count() == n
    out["status_changes"] = StatusChange.objects.count()

    out["reimport_same_s"], again = timed(
        lambda: services.members_import(actor=user, rows=read_workbook(file).rows)
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, n)
    changed_file = WORK / f"members-{n}-changed.xlsx"
    write_xlsx(changed_file, n, codes, changed=0.01)
    out["reimport_1pct_changed_s"], result = timed(
        lambda: services.members_import(actor=user, rows=read_workbook(changed_file).rows)
    )
    out["reimport_updated"] = result.updated
    assert Member.objects.count() == n and result.created == 0

    export_file = WORK / f"export-{n}.xlsx"
    with export_file.open("wb") as fh:
        out["export_s"], exported = timed(lambda: export_workbook(export_rows(user), fh))
    assert exported == n
    out["read_plus_validate_s"] = out["read_s"] + out["validate_s"]
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in out.items()}


def read_with_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return count


COLUMNS = [
    ("rows", "rows"), ("read_s", "read"), ("read_openpyxl_s", "read openpyxl"),
    ("validate_s", "validate"), ("read_plus_validate_s", "read+validate"), ("import_s", "import"),
    ("reimport_same_s", "re-import same"), ("reimport_1pct_changed_s", "re-import 1% changed"),
    ("export_s", "export"),
]  # fmt: skip


def print_table(results: list[dict[str, Any]]) -> None:
    cols = [(k, h) for k, h in COLUMNS if any(k in r for r in results)]
    widths = [max(len(h), 8) for _, h in cols]
    print("  ".join(h.rjust(w) for (_, h), w in zip(cols, widths, strict=True)))
    for r in results:
        cells = [f"{r[k]:,}" if k == "rows" else f"{r.get(k, float('nan')):.2f} s" for k, _ in cols]
        print("  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--cells", type=int, default=40)
    parser.add_argument("--openpyxl", action="store_true", help="also time reading with openpyxl")
    parser.add_argument("--keep", action="store_true", help=f"keep the work directory {WORK}")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    setup_django(WORK / "start.sqlite3")
    results = []
    try:
        for n in args.rows:
            print(f"{n:,} rows …", flush=True)
            results.append(run_size(n, args.cells, args.openpyxl))
            print(json.dumps(results[-1], ensure_ascii=False), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(WORK, ignore_errors=True)
    print()
    print_table(results)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = RESULTS_DIR / f"import-{stamp}.json"
    report = {
        "benchmark": "members import/export (xlsx)",
        "timestamp": stamp,
        "database": "sqlite (fresh temporary file per size)",
        "machine": {"platform": platform.platform(), "python": platform.python_version(),
                    "cpus": os.cpu_count(), "loadavg": list(os.getloadavg())},
        "results": results,
    }  # fmt: skip
    target.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
