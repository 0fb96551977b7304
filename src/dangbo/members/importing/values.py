"""Reading one spreadsheet cell into a stored value. Pure: no ORM, no request.

Each ``parse_*`` takes the raw value calamine gives (str, float, bool, date, datetime or None)
and returns the value to store, or raises ``CellProblem`` whose message says what is wrong and
what to type instead. Numbers lose their leading zeros in Excel; card numbers and citizen IDs
typed as numbers get them back (the formats are fixed-width).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from django.utils.translation import gettext as _

from dangbo.core.dates import format_date, parse_date
from dangbo.core.text import fold, nfc, normalize_name
from dangbo.members import rules as member_rules
from dangbo.members.importing.columns import Column

# Stored values of the choices by folded Vietnamese label (mirrors members.models.Gender and
# MemberStatus; a test keeps them in step). The stored codes are accepted too.
GENDERS: dict[str, str] = {"nam": "male", "nu": "female"}
GENDER_LABELS: dict[str, str] = {"male": "Nam", "female": "Nữ"}
STATUSES: dict[str, str] = {
    "du bi": "probationary",
    "chinh thuc": "full",
    "da chuyen sinh hoat": "transferred_out",
    "da tu tran": "deceased",
    "da ra khoi dang": "removed",
}
STATUS_LABELS: dict[str, str] = {
    "probationary": "Dự bị",
    "full": "Chính thức",
    "transferred_out": "Đã chuyển sinh hoạt",
    "deceased": "Đã từ trần",
    "removed": "Đã ra khỏi Đảng",
}
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_YEAR = 1900
_SPACES = re.compile(r"\s+")
_DMY = re.compile(r"^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\s*$")  # 5/3/1980, 05-03-1980

# Folding is the costly part of matching choices, names and departments; values repeat a lot.
folded = functools.lru_cache(maxsize=65536)(fold)
normal = functools.lru_cache(maxsize=65536)(nfc)
_PHONE_NOISE = re.compile(r"[\s.\-()]+")


class CellProblem(Exception):
    """A cell value that cannot be used; the message says what to do."""


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _numeric(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def display(value: object) -> str:
    """A raw cell value as the user sees it: 1234567.0 → "1234567", dates dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return format_date(value.date())
    if isinstance(value, dt.date):
        return format_date(value)
    text = normal(str(value))
    return text if len(text) <= 80 else text[:79] + "…"


def _quoted(value: object) -> dict[str, str]:
    return {"value": display(value)}


def parse_text(value: object, column: Column) -> str:
    if value is None:
        text = ""
    elif _numeric(value) or isinstance(value, dt.date):
        text = display(value)
    else:
        text = normal(str(value))
    if column.max_length and len(text) > column.max_length:
        raise CellProblem(_("Dài quá %(n)d ký tự. Rút gọn nội dung.") % {"n": column.max_length})
    return text


def parse_name(value: object, column: Column) -> str:
    name = normalize_name(parse_text(value, column))
    if not name:
        raise CellProblem(_("Thiếu họ và tên. Nhập đầy đủ họ và tên của đảng viên."))
    if not name.replace(" ", "").isalpha() and any(ch.isdigit() for ch in name):
        raise CellProblem(_("Họ và tên không được có chữ số. Kiểm tra lại ô này."))
    return name


def parse_day(value: object, column: Column) -> dt.date | None:
    """A real Excel date, or text dd/mm/yyyy (also dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd)."""
    if blank(value):
        if column.required:
            raise CellProblem(_("Thiếu ngày. Nhập ngày theo dạng dd/mm/yyyy."))
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    # A bare number is a date serial in a cell not formatted as a date: ambiguous, refused.
    day: dt.date | None = None
    if isinstance(value, str):
        match = _DMY.match(value)
        try:
            if match:  # the usual dd/mm/yyyy (or with - or .), without strptime's cost
                day = dt.date(int(match[4]), int(match[3]), int(match[1]))
            else:
                day = parse_date(value)
        except ValueError:
            day = None
    if day is None or day.year < MIN_YEAR:  # a two-digit year ("1/2/80") reads as year 80
        raise CellProblem(
            _("'%(value)s' không phải ngày hợp lệ. Nhập ngày theo dạng dd/mm/yyyy.")
            % _quoted(value)
        )
    return day


def _digits(value: object, width: int) -> str:
    """Digits of a numeric or text cell; a whole number gets its lost leading zeros back."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and number >= 0:
            return str(int(number)).zfill(width)
        return display(value)
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return value  # the usual case, without normalising
    return _SPACES.sub("", nfc(str(value)))


MASK_CHAR = "•"  # members.rules.mask: "•••••678"
KEEP_STORED = MASK_CHAR  # a masked number in a file keeps the stored one (validate._merge)


def _masked(value: object) -> bool:
    """A number as the masked export writes it: the office re-imports its own export."""
    return isinstance(value, str) and MASK_CHAR in value


def parse_card(value: object, column: Column) -> str | None:
    if blank(value) or _masked(value):
        return None  # blank or masked: never erases the stored card number
    card = _digits(value, 8)
    if not member_rules.valid_card_number(card):
        raise CellProblem(
            _("'%(value)s' không phải số thẻ đảng viên hợp lệ. Số thẻ gồm đúng 8 chữ số.")
            % _quoted(value)
        )
    return card


def parse_citizen_id(value: object, column: Column) -> str:
    if blank(value):
        return ""
    if _masked(value):
        return KEEP_STORED
    number = _digits(value, 12)
    if not member_rules.valid_citizen_id(number):
        raise CellProblem(
            _("'%(value)s' không phải số CCCD hợp lệ. Số CCCD gồm đúng 12 chữ số.") % _quoted(value)
        )
    return number


def parse_dossier(value: object, column: Column) -> str:
    if blank(value):
        return ""
    number = _SPACES.sub("", display(value)).upper()
    if not member_rules.valid_dossier_number(number):
        raise CellProblem(
            _("'%(value)s' không phải số lý lịch hợp lệ. Nhập 6 chữ số và mã tỉnh, ví dụ 012345HN.")
            % _quoted(value)
        )
    return number


def parse_phone(value: object, column: Column) -> str:
    if blank(value):
        return ""
    if _numeric(value):
        phone = display(value)
        phone = "0" + phone if len(phone) == 9 else phone  # Excel dropped the leading 0
    else:
        phone = _PHONE_NOISE.sub("", nfc(str(value)))
    if not member_rules.PHONE_RE.match(phone):
        raise CellProblem(
            _("'%(value)s' không phải số điện thoại hợp lệ. Nhập 9–12 chữ số.") % _quoted(value)
        )
    return phone


def parse_email(value: object, column: Column) -> str:
    email = parse_text(value, column)
    if email and not EMAIL_RE.match(email):
        raise CellProblem(
            _("'%(value)s' không phải địa chỉ email hợp lệ. Sửa lại hoặc để trống.")
            % _quoted(value)
        )
    return email


def parse_gender(value: object, column: Column) -> str:
    key = folded(display(value))
    found = GENDERS.get(key) or (key if key in GENDER_LABELS else None)
    if found is not None:
        return found
    if blank(value):
        raise CellProblem(_("Thiếu giới tính. Nhập Nam hoặc Nữ."))
    raise CellProblem(_("'%(value)s' không hợp lệ. Nhập Nam hoặc Nữ.") % _quoted(value))


def parse_status(value: object, column: Column) -> str:
    key = folded(display(value))
    found = STATUSES.get(key) or (key if key in STATUS_LABELS else None)
    if found is not None:
        return found
    if blank(value):
        raise CellProblem(_("Thiếu tình trạng. Nhập Dự bị hoặc Chính thức."))
    raise CellProblem(_("'%(value)s' không hợp lệ. Nhập Dự bị hoặc Chính thức.") % _quoted(value))


Parser = Callable[[object, Column], object]

PARSERS: dict[str, Parser] = {
    "full_name": parse_name,
    "gender": parse_gender,
    "date_of_birth": parse_day,
    "card_number": parse_card,
    "dossier_number": parse_dossier,
    "citizen_id": parse_citizen_id,
    "admitted_on": parse_day,
    "full_on": parse_day,
    "status": parse_status,
    "phone": parse_phone,
    "email": parse_email,
}


def parser_for(field_name: str) -> Parser:
    return PARSERS.get(field_name, parse_text)
