"""Dates as Vietnamese offices write them (dd/mm/yyyy) and month arithmetic."""

from __future__ import annotations

import calendar
import datetime as dt

DATE_FORMAT = "%d/%m/%Y"


def parse_date(value: object) -> dt.date | None:
    """A date from a cell or a form: date/datetime objects, "dd/mm/yyyy", "dd-mm-yyyy" or ISO.

    Returns None for an empty value; raises ValueError for anything else it cannot read.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def format_date(value: dt.date | None) -> str:
    return value.strftime(DATE_FORMAT) if value else ""


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later; the last day of the month when that day does not exist."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))
