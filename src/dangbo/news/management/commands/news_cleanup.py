"""Delete the view digests and salts of the days before today (issue 10 item 5); the first
counted view of each day does the same, this command covers days without visitors."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from dangbo.news.services import views_cleanup


class Command(BaseCommand):
    help = "Xóa dấu vết lượt xem (mã băm, muối) của các ngày trước hôm nay."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = views_cleanup()
        self.stdout.write(f"{deleted}")
