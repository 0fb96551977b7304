"""Evidence files attached to recorded values (issue 6, item 10): a size cap and an allow-list
of document and image types, checked by the form and again by the service.

The extension alone proves nothing ("evil.exe" renamed "evil.pdf"), so for the types with an
unambiguous signature the leading bytes must match: PDF, PNG, JPEG, WebP and the zip-based
office formats (docx, xlsx, odt, ods). Legacy .doc/.xls and HEIC are accepted by extension
only: hospital offices routinely save RTF or HTML as ".doc", and HEIC has many brand variants.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext

DEFAULT_MAX_MB = 10

ALLOWED_EXTENSIONS = (
    "pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "jpg", "jpeg", "png", "webp", "heic",
)  # fmt: skip

#: The ``accept`` attribute of the file input: the same list, for the browser's file picker.
ACCEPT = ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)

_ZIP = (b"PK\x03\x04",)
_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": _ZIP,
    "xlsx": _ZIP,
    "odt": _ZIP,
    "ods": _ZIP,
}
_HEAD = 1024  # a PDF header may follow up to 1 KB of junk (PDF 1.7, annex H)


def max_bytes() -> int:
    return int(getattr(settings, "DANGBO_EVIDENCE_MAX_MB", DEFAULT_MAX_MB)) * 1024 * 1024


def _allowed() -> str:
    return ", ".join(ALLOWED_EXTENSIONS)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def _head(file: Any) -> bytes:
    """The first bytes of an uploaded (or stored) file, leaving its position at the start."""
    try:
        file.seek(0)
    except (AttributeError, OSError, ValueError):
        file.open("rb")
    head = file.read(_HEAD) or b""
    file.seek(0)
    return head if isinstance(head, bytes) else head.encode()


def _content_matches(ext: str, head: bytes) -> bool:
    if ext == "pdf":
        return b"%PDF-" in head
    if ext == "webp":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    signatures = _SIGNATURES.get(ext)
    return signatures is None or head.startswith(signatures)


def validate_evidence(file: Any) -> None:
    """Refuse a file over ``DANGBO_EVIDENCE_MAX_MB``, of a type not in the allow-list, or
    whose content is not what its extension claims (``ValidationError``, in Vietnamese)."""
    name = PurePath(getattr(file, "name", "") or "").name
    size = getattr(file, "size", None) or 0
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            gettext("Tệp “%(name)s” quá lớn (%(size)s MB); chỉ nhận tệp tối đa %(max)s MB.")
            % {"name": name, "size": _megabytes(size), "max": limit // (1024 * 1024)},
            code="file_too_large",
        )
    ext = PurePath(name).suffix.lower().lstrip(".")
    if ext not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            gettext(
                "Tệp “%(name)s” không thuộc loại được nhận. Chỉ nhận các loại tệp: %(allowed)s."
            )
            % {"name": name, "allowed": _allowed()},
            code="file_type",
        )
    if not _content_matches(ext, _head(file)):
        raise ValidationError(
            gettext(
                "Nội dung tệp “%(name)s” không phải tệp .%(ext)s như tên tệp ghi. "
                "Chỉ nhận các loại tệp: %(allowed)s."
            )
            % {"name": name, "ext": ext, "allowed": _allowed()},
            code="file_content",
        )
