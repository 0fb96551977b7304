"""`dangbo demo`: (re)load the two demo hospitals, their members, committees and accounts.

It empties the whole database first (Django's flush), then loads the demo (see demo/loader.py):
every run gives an identical copy. A database holding organizations that are not the demo's
is refused unless --force.
Every demo account shares the password ``dangbo2026`` (data.DEMO_PASSWORD): demo only.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from dangbo.core.apps import analyze
from dangbo.demo import data
from dangbo.demo.loader import DemoConflict, Summary, reload


class Command(BaseCommand):
    help = (
        "Nạp (lại) dữ liệu demo: Đảng bộ Bệnh viện Quân dân y miền Đông và Đảng bộ Bệnh viện "
        "Đa khoa Hà Đông, đảng viên giả lập, cấp ủy và tài khoản demo (mật khẩu chung "
        "dangbo2026). Lệnh xóa toàn bộ cơ sở dữ liệu rồi nạp demo vào, nên mỗi lần chạy cho "
        "một bản giống hệt."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Không in gì ra màn hình.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Xóa cả khi cơ sở dữ liệu có tổ chức không thuộc demo.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            summary = reload(today=timezone.localdate(), force=options["force"])
        except DemoConflict as exc:
            raise CommandError(str(exc)) from exc
        analyze()  # fresh planner statistics after a bulk load (SQLite)
        if options["quiet"] or options["verbosity"] == 0:
            return
        self._report(summary, time.perf_counter() - started)

    def _report(self, summary: Summary, seconds: float) -> None:
        out = self.stdout
        out.write(self.style.SUCCESS(_("Đã nạp dữ liệu demo trong %.1f giây.") % seconds))
        for h in summary.hospitals:
            out.write(
                _("  %(name)s (%(code)s): %(cells)d chi bộ, %(active)d đảng viên "
                  "(%(prob)d dự bị, %(due)d đến hạn chuyển chính thức trong 60 ngày)")
                % {"name": h.name, "code": h.code, "cells": h.cells, "active": h.active,
                   "prob": h.probationary, "due": h.due_soon}
            )  # fmt: skip
        for line_ in summary.resolutions:
            out.write(_("  Nghị quyết %s") % line_)
        out.write(
            _("  Ngày vào Đảng của đảng viên dự bị tính lùi từ hôm nay; mọi dữ liệu khác cố định.")
        )
        out.write("")
        out.write(self.style.MIGRATE_HEADING(_("Tài khoản demo")))
        headers = (_("Tên đăng nhập"), _("Mật khẩu"), _("Vai trò"), _("Họ tên"), _("Phạm vi"))
        rows = [(a.username, a.password, a.role, a.full_name, a.scope) for a in summary.accounts]
        widths = [max(len(r[i]) for r in [headers, *rows]) for i in range(len(headers) - 1)]

        def line(cells: tuple[str, ...]) -> str:
            return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)) + (
                "  " + cells[-1]
            )

        out.write(line(headers))
        out.write("  ".join("-" * w for w in widths) + "  " + "-" * len(headers[-1]))
        for row in rows:
            out.write(line(row))
        out.write(_("Mật khẩu chung của mọi tài khoản demo: %s — chỉ dùng để thử.")
                  % data.DEMO_PASSWORD)  # fmt: skip
