"""Party document format rules (issue 8 item 5; issue 10 item 1). Pure functions over plain
values: standard library only — no ORM, no request, no Django import. The strings built here are
document text (Vietnamese data written into the document), not UI msgids.

Sources (domain-rules §2):

- Hướng dẫn 36-HD/VPTW (03/4/2018) of the Party Central Office on the format of Party documents
  ("HD 36"):
  - the mandatory parts: Party title, issuing body, number and symbol, place and date, type and
    summary, body, signer's authority, title and name, seal, recipients;
  - Party title "ĐẢNG CỘNG SẢN VIỆT NAM", upper case, bold, top right, with a solid rule
    beneath as long as the title;
  - superior body (upper case) and issuing body (upper case, bold) top left, an asterisk "*"
    beneath the issuing body;
  - number and symbol under the asterisk, "Số 127-QĐ/TW": "Số", the number, a hyphen, the
    type code, "/", the issuer's code — **no colon** after "Số";
  - place and date on the right, italic: "Hạ Long, ngày 20 tháng 02 năm 2018"; days below 10
    and the months 1 and 2 are written with a leading zero ("ngày 05", "tháng 01", "tháng 02";
    "tháng 6", "tháng 12");
  - the signer's authority with slashes: "T/M" (thay mặt), "K/T" (ký thay), "T/L" (thừa lệnh),
    "T/U" (thừa ủy quyền), e.g. "T/M ĐẢNG ỦY" over "BÍ THƯ", "K/T BÍ THƯ" over "PHÓ BÍ THƯ" —
    not the State forms "TM." / "KT." of Nghị định 30/2020;
  - recipients bottom left: "Nơi nhận:" then "- " items, the last "- Lưu …".
- Numbering starts at 01 for each document type in each committee term (HD 36; the register is
  issue 10 item 2): numbers below 10 are written with a leading zero ("Số 09-KH/ĐU").
- Page: A4; margins from the Party handbook [D7], within the ranges of the brief: top 25 mm,
  bottom 25 mm, left 35 mm, right 15 mm; page numbers from page 2 (``PageSetup``).
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PARTY_TITLE = "ĐẢNG CỘNG SẢN VIỆT NAM"  # HD 36: the Party title, top right
ASTERISK = "*"  # HD 36: beneath the issuing body
RECIPIENTS_LABEL = "Nơi nhận:"  # HD 36: recipients, bottom left


@dataclass(frozen=True)
class PageSetup:
    """A4 and margins in millimetres (Party handbook [D7], within the brief's ranges: top and
    bottom 20–25, left 30–35, right 15–20); the page number sits ``number_from_top`` mm from the
    top edge, from page 2 on."""

    width: float = 210.0
    height: float = 297.0
    top: float = 25.0
    bottom: float = 25.0
    left: float = 35.0
    right: float = 15.0
    number_from_top: float = 10.0


A4 = PageSetup()


def party_upper(text: str) -> str:
    """Upper case as HD 36 writes the Party title, bodies, document types and signer titles:
    Unicode upper case of the NFC text, so "đảng ủy" → "ĐẢNG ỦY" with precomposed letters (a
    decomposed input would otherwise leave combining marks the fonts place badly); surrounding
    and repeated inner spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).upper().split())


def two_digits_below_ten(value: int) -> str:
    """HD 36: days below 10 and the numbers of a register are written with a leading zero."""
    return f"{value:02d}"


def month_text(month: int) -> str:
    """HD 36: the months 1 and 2 take a leading zero ("01", "02"), the others none ("3" …
    "12") — so "tháng 10" is never read as "tháng 1" followed by a stray 0."""
    if not 1 <= month <= 12:
        raise ValueError(month)
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, day: dt.date) -> str:
    """HD 36: "<địa danh>, ngày 29 tháng 6 năm 2023" (italic in the document). ``place`` is the
    organization's setting; an empty place leaves the date alone ("Ngày 05 tháng 01 năm 2024")."""
    when = f"ngày {two_digits_below_ten(day.day)} tháng {month_text(day.month)} năm {day.year}"
    place = " ".join(place.split())
    return f"{place}, {when}" if place else when[0].upper() + when[1:]


def symbol(type_code: str, issuer_code: str) -> str:
    """The document's symbol: type code "/" issuer code, e.g. "BB/ĐU"."""
    type_code, issuer_code = type_code.strip(), issuer_code.strip()
    if not type_code or not issuer_code:
        raise ValueError("type_code and issuer_code are required")
    return f"{type_code}/{issuer_code}"


def number_line(number: int | None, type_code: str, issuer_code: str) -> str:
    """HD 36: "Số 12-BB/ĐU" — no colon; numbers from 01 with a leading zero below 10. A draft
    (``number`` None) has no number yet: "" (the renderers leave the line out)."""
    if number is None:
        return ""
    if number < 1:
        raise ValueError(number)
    return f"Số {two_digits_below_ten(number)}-{symbol(type_code, issuer_code)}"


class Authority(enum.StrEnum):
    """HD 36: the signer's authority, written with a slash (not the State's "TM." / "KT.")."""

    ON_BEHALF = "T/M"  # thay mặt the collective: "T/M ĐẢNG ỦY" / "BÍ THƯ"
    DEPUTY = "K/T"  # ký thay the head: "K/T BÍ THƯ" / "PHÓ BÍ THƯ"
    BY_ORDER = "T/L"  # thừa lệnh
    DELEGATED = "T/U"  # thừa ủy quyền


def signature_titles(title: str, authority: Authority | None = None, of: str = "") -> list[str]:
    """The lines above the signature (HD 36), upper case:

    - ``signature_titles("chủ trì")`` → ["CHỦ TRÌ"] (minutes: the chair; "THƯ KÝ" the secretary);
    - ``signature_titles("bí thư", Authority.ON_BEHALF, "đảng ủy")`` → ["T/M ĐẢNG ỦY", "BÍ THƯ"];
    - ``signature_titles("phó bí thư", Authority.DEPUTY, "bí thư")`` → ["K/T BÍ THƯ", "PHÓ BÍ THƯ"].

    With an authority, ``of`` (the collective or the head signed for) is required."""
    title = party_upper(title)
    if not title:
        raise ValueError("title is required")
    if authority is None:
        return [title]
    of = party_upper(of)
    if not of:
        raise ValueError(f"{authority.value} needs the body or head it signs for")
    return [f"{authority.value} {of}", title]


def recipient_lines(recipients: Iterable[str], archive: str = "VP") -> list[str]:
    """HD 36: "- " items, each but the last closed by a comma, the last "- Lưu <archive>."
    (e.g. "- Lưu VP."). Blank items are dropped; a trailing comma or full stop typed by the user
    is not doubled."""
    items = [" ".join(r.split()).rstrip(",.;") for r in recipients]
    lines = [f"- {item}," for item in items if item]
    archive = " ".join(archive.split()).rstrip(",.;")
    lines.append(f"- Lưu {archive}." if archive else "- Lưu.")
    return lines


def signature_columns(count: int) -> Sequence[str]:
    """Where the signature blocks sit: one block on the right (recipients on its left); two side
    by side, left and right (minutes: the secretary left, the chair right, by convention)."""
    if count == 1:
        return ("right",)
    if count == 2:
        return ("left", "right")
    raise ValueError(f"1 or 2 signature blocks, not {count}")


# ---- the header's long names: balanced lines ---------------------------------------------------
# Advance widths (1/1000 em) of the Times capitals, digits and punctuation (Adobe's Times AFM;
# Liberation Serif, the PDF's font where Times New Roman is missing, is metric-compatible). An
# accented capital ("Ả", "Ệ", "Đ") is as wide as its base letter. Header names are upper case
# (``party_upper``); any other character counts as an "N".
_TIMES = {
    False: dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
        722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889,
        722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611), strict=True)),
    True: dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
        722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944,
        722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667), strict=True)),
}  # fmt: skip
_TIMES_COMMON = {" ": 250, "-": 333, "–": 500, ",": 250, ".": 250, "(": 333, ")": 333, "/": 278}
_TIMES_DIGIT = 500
HEADER_LEFT_SHARE = 0.5  # the left header column (superior, issuing body, asterisk, number)
HEADER_SIZE_PT = 14.0  # HD 36: superior and issuing body, 14 pt
_FIT = 0.99  # a little room for the renderers' rounding


def text_width_em(text: str, *, bold: bool = False) -> float:
    """The width of an upper-case header text in Times, in em (``party_upper`` text)."""
    widths = _TIMES[bold]
    total = 0
    for char in text:
        base = "D" if char == "Đ" else unicodedata.normalize("NFD", char)[:1]
        if base in widths:
            total += widths[base]
        elif base in _TIMES_COMMON:
            total += _TIMES_COMMON[base]
        elif base.isdigit():
            total += _TIMES_DIGIT
        else:
            total += widths["N"]
    return total / 1000


def header_width_em(page: PageSetup = A4, size_pt: float = HEADER_SIZE_PT) -> float:
    """The width of the left header column in em of the header's 14 pt type: its share of the
    text width between the margins."""
    column_mm = (page.width - page.left - page.right) * HEADER_LEFT_SHARE
    return column_mm / (size_pt * 25.4 / 72)


def _words(text: str) -> list[str]:
    """The words of a name; a lone dash joins the word before it ("HẬU CẦN - KỸ THUẬT" breaks
    after "CẦN -"), so no line starts with a dash that reads as a list item."""
    words: list[str] = []
    for word in text.split():
        if word in ("-", "–") and words:
            words[-1] += f" {word}"
        else:
            words.append(word)
    return words


def balanced_lines(text: str, width_em: float, *, bold: bool = False) -> tuple[str, ...]:
    """A header name in as few lines as fit the column (``width_em``), the lines as even as
    possible (the longest line as short as it can be): "ĐẢNG ỦY BỆNH VIỆN QUÂN DÂN Y MIỀN ĐÔNG"
    → ("ĐẢNG ỦY BỆNH VIỆN", "QUÂN DÂN Y MIỀN ĐÔNG") rather than the greedy "… QUÂN" / "DÂN Y
    MIỀN ĐÔNG". The renderers centre each line, so the column never widens and the asterisk
    stays centred beneath. A word wider than the column gets a line of its own. "" → ()."""
    words = _words(text)
    if not words:
        return ()
    limit = width_em * _FIT

    def width(group: Sequence[str]) -> float:
        return text_width_em(" ".join(group), bold=bold)

    count = len(words)
    for lines in range(1, count + 1):
        best: tuple[float, tuple[str, ...]] | None = None
        for cuts in itertools.combinations(range(1, count), lines - 1):
            bounds = (0, *cuts, count)
            groups = [words[a:b] for a, b in itertools.pairwise(bounds)]
            widest = max(width(g) for g in groups)
            if any(width(g) > limit and len(g) > 1 for g in groups):
                continue
            if best is None or widest < best[0]:
                best = (widest, tuple(" ".join(g) for g in groups))
        if best is not None:
            return best[1]
    raise AssertionError("unreachable: one word a line always fits")  # pragma: no cover
