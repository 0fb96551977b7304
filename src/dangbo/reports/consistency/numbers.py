"""Reading and writing numbers the Vietnamese way (issue 10 item 4): leading zeros ("05"), dot
thousands ("1.250"), comma decimals ("16,19%"), and the approximate words that turn an equality
into a range ("gần", "trên", "hơn", "khoảng" …). Pure: standard library only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

# A number as Vietnamese documents write it: "1.250", "1.250,5", "16,19", "05", "261".
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"

# The approximate words (lower case, single spaces) and the range each one allows around the
# stated value v: (lowest, highest, strict below, strict above) as factors of v.
#   "gần 100%"  → 90 % v ≤ x ≤ v        "khoảng 250" / "xấp xỉ" → 90 % v ≤ x ≤ 110 % v
#   "trên 250" / "hơn 250" → x > v       "dưới 20%" / "chưa đến" → x < v
#   "ít nhất" / "tối thiểu" → x ≥ v
APPROX_WORDS = (
    "gần",
    "trên",
    "hơn",
    "khoảng",
    "xấp xỉ",
    "dưới",
    "chưa đến",
    "ít nhất",
    "tối thiểu",
)
APPROX = r"gần|trên|hơn|khoảng|xấp\s+xỉ|dưới|chưa\s+đến|ít\s+nhất|tối\s+thiểu"
NEAR_SHARE = Fraction(1, 10)  # "gần", "khoảng", "xấp xỉ": within 10 % of the stated value


@dataclass(frozen=True)
class Quantity:
    """A figure read in the text: a count ("05"), a fraction ("08/42"), a percentage
    ("16,19%"), with the approximate word before it, if any."""

    value: Fraction  # the count, the numerator, or the percentage (16,19% → 1619/100)
    text: str  # as written
    total: int | None = None  # the denominator of "x/y"
    percent: bool = False
    approx: str = ""  # one of APPROX_WORDS, or ""
    places: int = 0  # decimals written ("16,19" → 2)

    @property
    def count(self) -> int | None:
        """The value as a whole count (None for a percentage or a decimal)."""
        if self.percent or self.value.denominator != 1:
            return None
        return self.value.numerator


def read_number(text: str) -> Fraction:
    """ "05" → 5, "1.250" → 1250, "16,19" → 1619/100, "1.250,5" → 2501/2."""
    text = text.strip()
    if not re.fullmatch(NUMBER, text):
        raise ValueError(f"not a number written the Vietnamese way: {text!r}")
    whole, _, decimals = text.replace(".", "").partition(",")
    value = Fraction(int(whole))
    if decimals:
        value += Fraction(int(decimals), 10 ** len(decimals))
    return value


def places_of(text: str) -> int:
    """How many decimals are written: "16,19" → 2, "1.250" → 0."""
    return len(text.partition(",")[2])


def normalize_approx(word: str) -> str:
    return " ".join(word.lower().split())


def format_int(n: int, *, zero_pad: bool = False) -> str:
    """An integer the Vietnamese way: 1250 → "1.250", 5 → "5" ("05" with ``zero_pad``)."""
    if n < 0:
        return "-" + format_int(-n, zero_pad=zero_pad)
    digits = f"{n:02d}" if zero_pad else str(n)
    groups: list[str] = []
    while len(digits) > 3:
        digits, tail = digits[:-3], digits[-3:]
        groups.insert(0, tail)
    return ".".join([digits, *groups])


def format_decimal(value: Fraction, places: int) -> str:
    """``value`` rounded half up to ``places`` decimals, dot thousands, comma decimals:
    ``Fraction(1619, 100)`` → "16,19"; ``Fraction(25011, 10)`` → "2.501,1"."""
    scale = 10**places
    scaled = value * scale
    rounded = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    whole, frac = divmod(rounded, scale)
    text = format_int(whole)
    return f"{text},{frac:0{places}d}" if places else text


def percent_of(part: int, whole: int) -> Fraction:
    """The exact percentage (``whole`` > 0)."""
    return Fraction(100 * part, whole)


def percent_text(value: Fraction, places: int = 1) -> str:
    """ "98,1%"."""
    return format_decimal(value, places) + "%"


def ratio_text(part: int, whole: int) -> str:
    """ "256/261 = 98,1%"; "0/0" when nobody is counted."""
    if whole <= 0:
        return f"{part}/{whole}"
    return f"{part}/{whole} = {percent_text(percent_of(part, whole))}"


def matches(stated: Quantity, actual: Fraction) -> bool:
    """Does ``actual`` (a count, or an exact percentage for a percentage) agree with what the
    text states? Without an approximate word: equal — for a percentage, equal once rounded to
    the decimals written (half a unit of the last decimal either way), except 0% and 100%,
    which must be exact. With one: the range the word allows (``APPROX_WORDS``)."""
    v = stated.value
    word = stated.approx
    if word in ("trên", "hơn"):
        return actual > v
    if word in ("dưới", "chưa đến"):
        return actual < v
    if word in ("ít nhất", "tối thiểu"):
        return actual >= v
    if word == "gần":
        return v * (1 - NEAR_SHARE) <= actual <= v
    if word:  # "khoảng", "xấp xỉ"
        return v * (1 - NEAR_SHARE) <= actual <= v * (1 + NEAR_SHARE)
    if stated.percent and v not in (0, 100):
        return abs(actual - v) <= Fraction(1, 2 * 10**stated.places)
    return actual == v
