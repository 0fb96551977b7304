"""Photos of news posts: a size cap and images only (JPEG, PNG, WebP), checked by opening
the file with Pillow — the extension or the declared type alone proves nothing."""

from __future__ import annotations

import contextlib
from typing import Any

from django.conf import settings
from django.utils.translation import gettext
from PIL import Image, UnidentifiedImageError

DEFAULT_MAX_MB = 8
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
ACCEPT = "image/jpeg,image/png,image/webp"


def max_bytes() -> int:
    return int(getattr(settings, "DANGBO_NEWS_PHOTO_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024


def check_image(file: Any) -> str:
    """The problem with an uploaded photo, or "" when it is a JPEG, PNG or WebP image under
    the cap."""
    if file is None:
        return gettext("Chọn một tệp ảnh.")
    size = getattr(file, "size", 0) or 0
    if size > max_bytes():
        return gettext("Ảnh lớn quá %(mb)s MB; hãy thu nhỏ ảnh rồi tải lại.") % {
            "mb": max_bytes() // (1024 * 1024)
        }
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind = image.format or ""
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return gettext("Tệp không phải là ảnh đọc được; chỉ nhận ảnh JPEG, PNG hoặc WebP.")
    finally:
        with contextlib.suppress(AttributeError, OSError, ValueError):
            file.seek(0)
    if kind not in FORMATS:
        return gettext("Chỉ nhận ảnh JPEG, PNG hoặc WebP (tệp này là %(kind)s).") % {
            "kind": kind or "?"
        }
    return ""
