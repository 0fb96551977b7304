"""`dangbo remind`: remind the cells that have not reported their share before the deadline.

Run it once a day (cron or a systemd timer); see docs/operations.md."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from dangbo.targets.services import REMIND_DAYS_BEFORE, remind_due


class Command(BaseCommand):
    help = "Nhắc các chi bộ chưa báo cáo chỉ tiêu được giao khi sắp đến hạn báo cáo."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=REMIND_DAYS_BEFORE)

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        n = remind_due(today=timezone.localdate(), days=days)
        self.stdout.write(f"Đã nhắc {n} chỉ tiêu chi bộ chưa báo cáo (hạn trong {days} ngày).")
