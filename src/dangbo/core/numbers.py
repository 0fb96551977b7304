"""Numbers the Vietnamese way: one parser for every form, import and API text field.

Rules (how Vietnamese offices write numbers):

- "," separates the decimal part: "97,5", "0,5", "1.250,5" (",5" is read as 0,5).
- "." or a space separates thousands: "185.300", "185 300", "1.250.000". The spaces accepted
  are the ASCII space, NBSP (U+00A0), narrow NBSP (U+202F) and thin space (U+2009); they count
  as one kind of separator. When a number is grouped, the first group has 1–3 digits and does
  not start with 0, every later group has exactly 3 digits, and one kind of separator is used
  throughout ("1.250 000" is refused). Ungrouped digits are fine: "185300".
- An optional leading "-", "−" (U+2212) or "+"; whitespace around the number; one optional
  trailing "%", which is dropped ("97,5 %" is 97,5).
- Decision: a "." that is NOT followed by 3-digit groups ("1.5", "97.25", "0.5", "1.2345",
  "0.500", "1234.567") is refused, never guessed. Such a dot is as often an English decimal
  point as a mistyped thousands separator, and a wrong guess silently turns 1,5 into 15. The
  message shows both readings: "1.5" → 1,5 (số thập phân) or 15 (số nguyên); "97.25" → 97,25
  or 9.725.
- English writing ("1,250.5", "1,250,000") is refused with the Vietnamese spelling suggested.
- Also refused: empty text, letters, scientific notation ("1e30"), "NaN", "Infinity", more than
  one ",". Every refusal is a ``NumberError`` (a ``ValueError``) whose Vietnamese message names
  the text.
- Values are ``Decimal`` end to end, built from the digits as written: never a float.

``format_number()`` writes the same convention ("185.300", "1.250,5", "-3,5"), so
``parse_number(format_number(d)) == d`` for every finite ``Decimal``.

``parse_stated()`` reads approximate values as reports state them ("trên 150", "khoảng 97,5%").
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal

from django.utils.translation import gettext

__all__ = ["NumberError", "format_number", "parse_number", "parse_stated"]

# Every space kind a thousands separator may be written with → the ASCII space.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_SIGNS = {"-": "-", "\u2212": "-", "+": ""}
_ALLOWED = re.compile(r"[0-9., ]+")
_DIGITS = re.compile(r"[0-9]+")
# Digits with single separators between them (not necessarily well grouped).
_SEPARATED = re.compile(r"[0-9]+(?:[. ][0-9]+)*")
_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:[. ][0-9]{3})+")
_ENGLISH = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
# Qualifiers of a stated value; longer spellings first so that ">=" wins over ">".
_QUALIFIER = re.compile(
    r"(xấp\s+xỉ|ít\s+nhất|tối\s+thiểu|tối\s+đa|khoảng|trên|dưới|hơn|gần|>=|<=|≥|≤|≈|~|>|<)\s*",
    re.IGNORECASE,
)


class NumberError(ValueError):
    """A number that cannot be read; ``message`` is Vietnamese and names the text.

    ``code`` follows Django's codes: "invalid" when the text is not a number, otherwise the
    limit broken: "max_digits", "max_whole_digits", "max_decimal_places" or "min_value".
    """

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def _not_a_number(shown: str) -> NumberError:
    return NumberError(
        gettext("“%(text)s” không phải là một số. Hãy viết số theo cách Việt Nam, ví dụ 1.250,5.")
        % {"text": shown}
    )


def parse_number(
    text: str,
    *,
    max_digits: int | None = None,
    decimal_places: int | None = None,
    min_value: Decimal | None = None,
) -> Decimal:
    """The exact ``Decimal`` written as ``text`` (see the module docstring for the rules).

    Limits (all optional, like Django's ``DecimalField``): at most ``max_digits`` digits in all
    and ``max_digits - decimal_places`` before the comma, at most ``decimal_places`` after it
    (trailing zeros beyond that are dropped: "97,50" with one place gives 97,5), and no less
    than ``min_value``. Raises ``NumberError`` for anything else.
    """
    return _parse(text, text.strip(), max_digits, decimal_places, min_value)


def _parse(
    text: str,
    shown: str,
    max_digits: int | None,
    decimal_places: int | None,
    min_value: Decimal | None,
) -> Decimal:
    body = text.translate(_SPACES).strip()
    if not body:
        raise NumberError(gettext("Chưa nhập số."))
    percent = body.endswith("%")
    if percent:
        body = body[:-1].rstrip()
    sign = ""
    if body[:1] in _SIGNS:
        sign = _SIGNS[body[0]]
        body = body[1:]
    if not _ALLOWED.fullmatch(body):
        raise _not_a_number(shown)

    if _ENGLISH.fullmatch(body) and ("." in body or body.count(",") > 1):
        suggestion = format_number(Decimal(sign + body.replace(",", "")))
        raise NumberError(
            gettext(
                "“%(text)s” viết theo kiểu tiếng Anh. Trong tiếng Việt, dấu chấm ngăn cách hàng "
                "nghìn, dấu phẩy đứng trước phần thập phân: hãy viết %(suggestion)s."
            )
            % {"text": shown, "suggestion": suggestion}
        )
    if body.count(",") > 1:
        raise NumberError(
            gettext(
                "“%(text)s” có nhiều hơn một dấu phẩy. Dấu phẩy chỉ dùng một lần, trước phần "
                "thập phân, ví dụ 1.250,5."
            )
            % {"text": shown}
        )
    int_part, comma, frac = body.partition(",")
    if comma and not _DIGITS.fullmatch(frac):
        raise _not_a_number(shown)
    if int_part and not _SEPARATED.fullmatch(int_part):
        raise _not_a_number(shown)

    digits = int_part.replace(".", "").replace(" ", "") or "0"
    separators = set(int_part) - set("0123456789")
    if separators and not _GROUPED.fullmatch(int_part):
        if separators == {"."} and int_part.count(".") == 1 and not comma:
            suffix = "%" if percent else ""
            decimal_reading = sign + int_part.replace(".", ",") + suffix
            integer_reading = format_number(Decimal(sign + digits)) + suffix
            raise NumberError(
                gettext(
                    "“%(text)s” có thể hiểu là %(a)s hoặc %(b)s. Viết %(a)s nếu là số thập "
                    "phân, %(b)s nếu là số nguyên."
                )
                % {"text": shown, "a": decimal_reading, "b": integer_reading}
            )
        raise NumberError(
            gettext(
                "“%(text)s” có nhóm chữ số không đúng. Khi ngăn cách hàng nghìn, nhóm đầu có 1 "
                "đến 3 chữ số (không bắt đầu bằng 0), mỗi nhóm sau có đúng 3 chữ số, ví dụ "
                "1.250.000."
            )
            % {"text": shown}
        )
    if len(separators) > 1:
        suggestion = format_number(Decimal(f"{sign}{digits}.{frac or 0}"))
        raise NumberError(
            gettext(
                "“%(text)s” dùng lẫn dấu chấm và dấu cách để ngăn cách hàng nghìn. Chỉ dùng một "
                "loại, ví dụ %(suggestion)s."
            )
            % {"text": shown, "suggestion": suggestion}
        )

    whole = len(digits.lstrip("0"))
    significant = frac.rstrip("0")
    if decimal_places is not None:
        if len(significant) > decimal_places:
            if decimal_places == 0:
                raise NumberError(
                    gettext("“%(text)s” phải là số nguyên (không có phần thập phân).")
                    % {"text": shown},
                    "max_decimal_places",
                )
            raise NumberError(
                gettext(
                    "“%(text)s” có quá nhiều chữ số thập phân: chỉ được tối đa %(places)s chữ "
                    "số sau dấu phẩy."
                )
                % {"text": shown, "places": decimal_places},
                "max_decimal_places",
            )
        frac = frac[:decimal_places]  # only zeros are dropped
        if max_digits is not None and whole > max_digits - decimal_places:
            raise NumberError(
                gettext("“%(text)s” quá lớn: phần nguyên chỉ được tối đa %(digits)s chữ số.")
                % {"text": shown, "digits": max_digits - decimal_places},
                "max_whole_digits",
            )
    elif max_digits is not None:
        if whole + len(significant) > max_digits:
            raise NumberError(
                gettext("“%(text)s” có quá nhiều chữ số: chỉ được tối đa %(digits)s chữ số.")
                % {"text": shown, "digits": max_digits},
                "max_digits",
            )
        frac = frac[: max(len(significant), max_digits - whole)]  # only zeros are dropped

    number = Decimal(f"{sign}{digits}.{frac}" if frac else f"{sign}{digits}")
    if number.is_zero():
        number = number.copy_abs()  # no "-0"
    if min_value is not None and number < min_value:
        raise NumberError(
            gettext("“%(text)s” nhỏ hơn giá trị nhỏ nhất cho phép là %(min)s.")
            % {"text": shown, "min": format_number(min_value)},
            "min_value",
        )
    return number


def format_number(value: Decimal | int, *, decimal_places: int | None = None) -> str:
    """``value`` written the Vietnamese way: "185.300", "97,2", "1.250,5", "0,5", "-3,5".

    Trailing zeros of the fraction are dropped, unless ``decimal_places`` is given: then the
    value is rounded half up to exactly that many places (``format_number(2, decimal_places=2)``
    is "2,00"). Raises ``ValueError`` for NaN and infinities.
    """
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"format_number() needs a finite number, not {value!r}")
    if decimal_places is not None:
        context = Context(prec=max(number.adjusted(), 0) + decimal_places + 2)
        places = Decimal((0, (1,), -decimal_places))
        number = number.quantize(places, rounding=ROUND_HALF_UP, context=context)
    sign = "-" if number.is_signed() and not number.is_zero() else ""
    whole, _, frac = format(number.copy_abs(), "f").partition(".")
    if decimal_places is None:
        frac = frac.rstrip("0")
    head = len(whole) % 3 or 3
    grouped = ".".join([whole[:head], *(whole[i : i + 3] for i in range(head, len(whole), 3))])
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"


def parse_stated(
    text: str,
    *,
    max_digits: int | None = None,
    decimal_places: int | None = None,
    min_value: Decimal | None = None,
) -> tuple[Decimal, str]:
    """A value as a report states it: a qualifier, then a number (and an optional "%").

    Qualifiers: "hơn", "gần", "khoảng", "xấp xỉ", "dưới", "trên", "ít nhất", "tối thiểu",
    "tối đa", "~", "≈", ">", "<", ">=", "<=", "≥", "≤" (any case; Vietnamese diacritics must be
    there). Returns the number to compute with and the stated text (NFC, stripped), e.g.
    "trên 150" → (Decimal(150), "trên 150"). A plain number gives "" as the stated text, so
    callers keep a stated text only when it says more than the number. Limits as in
    ``parse_number()``; raises ``NumberError``.
    """
    stated = unicodedata.normalize("NFC", text).strip()
    match = _QUALIFIER.match(stated)
    if match is None:
        return _parse(stated, stated, max_digits, decimal_places, min_value), ""
    rest = stated[match.end() :]
    if not rest:
        raise NumberError(
            gettext("“%(text)s” thiếu con số sau “%(qualifier)s”.")
            % {"text": stated, "qualifier": match.group(1)}
        )
    return _parse(rest, stated, max_digits, decimal_places, min_value), stated
