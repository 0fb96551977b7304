"""Fixtures of the news tests (issue 10 item 5): a clean cache, photos in a temporary media
directory, and posts of the hospital of ``office``."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture(autouse=True)
def _clean_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield
    cache.clear()


def png_upload(name: str = "hoi-nghi.png", size: tuple[int, int] = (40, 30)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 20, 30)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


BODY = (
    "Chiều ngày 29/6/2023, Đảng ủy Bệnh viện tổ chức hội nghị phiên 6 tháng đầu năm 2023.\n\n"
    "Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó đạt và vượt 7 chỉ tiêu.\n\n"
    "Đồng chí Bí thư phát biểu kết luận hội nghị."
)
