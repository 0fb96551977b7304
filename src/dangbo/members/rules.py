"""Member rules. Pure functions over plain values; no ORM, no request.

- Probation lasts 12 months from admission (Party Charter Art. 5; HD 38-HD/BTCTW 2025) [C1].
- Card number (số thẻ đảng viên): 8 digits; dossier number (số lý lịch): 6 digits followed by a
  1–3 letter province code (domain-rules §6 [G3,G4]).
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext

from dangbo.core.dates import add_months

PROBATION_MONTHS = 12
PROBATION_DUE_DAYS = 60  # issue #2: probation deadlines due in the next 60 days
CARD_NUMBER_RE = re.compile(r"^\d{8}$")
DOSSIER_NUMBER_RE = re.compile(r"^\d{6}[A-ZĐ]{1,3}$")
CITIZEN_ID_RE = re.compile(r"^\d{12}$")
PHONE_RE = re.compile(r"^\+?\d{9,12}$")


def probation_ends_on(admitted_on: dt.date) -> dt.date:
    """The day a probationary member completes 12 months (Charter Art. 5)."""
    return add_months(admitted_on, PROBATION_MONTHS)


def probation_due(admitted_on: dt.date, status: str, today: dt.date, within_days: int) -> bool:
    """A probationary member whose 12 months end between today and today + within_days
    (or already ended without recognition: overdue, still shown)."""
    if status != "probationary":
        return False
    return probation_ends_on(admitted_on) <= today + dt.timedelta(days=within_days)


def admitted_window_for_due(today: dt.date, within_days: int) -> dt.date:
    """Latest admission date whose probation ends by today + within_days (for SQL filters).

    ``add_months`` clamps to the month's end (29/02/2024 + 12 months = 28/02/2025), so it has
    no exact inverse: start from 12 months before the limit and step forward while the next
    day still ends in time (at most 3 days, around the end of February) — issue 7, defect 5."""
    limit = today + dt.timedelta(days=within_days)
    latest = add_months(limit, -PROBATION_MONTHS)
    while probation_ends_on(latest + dt.timedelta(days=1)) <= limit:
        latest += dt.timedelta(days=1)
    return latest


def valid_card_number(value: str) -> bool:
    return bool(CARD_NUMBER_RE.match(value))


def valid_dossier_number(value: str) -> bool:
    return bool(DOSSIER_NUMBER_RE.match(value))


def valid_citizen_id(value: str) -> bool:
    return bool(CITIZEN_ID_RE.match(value))


def date_problems(
    *,
    date_of_birth: dt.date | None,
    admitted_on: dt.date | None,
    full_on: dt.date | None,
    today: dt.date,
) -> list[tuple[str, str]]:
    """Consistency of a member's dates: (field, Vietnamese message) for each problem."""
    problems: list[tuple[str, str]] = []
    if date_of_birth and date_of_birth > today:
        problems.append(("date_of_birth", gettext("Ngày sinh ở tương lai.")))
    if admitted_on and admitted_on > today:
        problems.append(("admitted_on", gettext("Ngày vào Đảng ở tương lai.")))
    if date_of_birth and admitted_on and add_months(date_of_birth, 18 * 12) > admitted_on:
        problems.append(
            ("admitted_on", gettext("Ngày vào Đảng khi chưa đủ 18 tuổi (Điều lệ Đảng, Điều 1)."))
        )
    if full_on and admitted_on and full_on < admitted_on:
        problems.append(("full_on", gettext("Ngày chính thức trước ngày vào Đảng.")))
    return problems


def position_text(rank: str, title: str, job: str, military: bool) -> str:
    """ "Đại tá, BS CKII — Trưởng khoa": military rank (military units only), professional
    title, then position — how a hospital's Party papers name a member's post."""
    head = ", ".join(p for p in (rank if military else "", title) if p)
    return f"{head} — {job}" if head and job else head or job


def mask(value: str | None) -> str:
    """Show only the last three characters: "12345678" → "•••••678" (domain-rules: card and
    citizen-ID numbers are masked in lists)."""
    if not value:
        return ""
    return "•" * max(len(value) - 3, 0) + value[-3:]


# Which status changes the office records by hand (issue 7, item 2), from → allowed targets.
STATUS_MOVES = {
    "probationary": ("full", "transferred_out", "deceased", "removed"),
    "full": ("transferred_out", "deceased", "removed"),
    "transferred_out": ("probationary", "full"),
}


def status_change_problems(
    *,
    current: str,
    new: str,
    changed_on: dt.date,
    admitted_on: dt.date | None,
    decision_number: str,
    today: dt.date,
) -> list[tuple[str, str]]:
    """A status change the office records (issue 7, item 2): (field, Vietnamese message) for
    each problem. Recognition as a full member (Charter Art. 5) comes after the 12 months of
    probation and needs the decision's number; nothing is dated in the future."""
    problems: list[tuple[str, str]] = []
    if new not in STATUS_MOVES.get(current, ()):
        problems.append(
            ("status", gettext("Không chuyển được từ tình trạng hiện tại sang tình trạng này."))
        )
    if changed_on > today:
        problems.append(("changed_on", gettext("Ngày thay đổi ở tương lai.")))
    if new == "full" and current == "probationary":
        if admitted_on and changed_on < probation_ends_on(admitted_on):
            problems.append(
                (
                    "changed_on",
                    gettext(
                        "Chưa đủ 12 tháng dự bị: sớm nhất ngày %(date)s (Điều lệ Đảng, Điều 5)."
                    )
                    % {"date": probation_ends_on(admitted_on).strftime("%d/%m/%Y")},
                )
            )
        if not decision_number.strip():
            problems.append(
                ("decision_number", gettext("Ghi số quyết định công nhận đảng viên chính thức."))
            )
    return problems


# Age bands of the member list filters (issue 7, item 2): key → (from age, below age).
AGE_BANDS: dict[str, tuple[int | None, int | None]] = {
    "duoi-30": (None, 30),
    "30-39": (30, 40),
    "40-49": (40, 50),
    "50-59": (50, 60),
    "tu-60": (60, None),
}


def birth_range(band: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """Dates of birth of an age band on ``today``: (born after, born on or before), for a SQL
    filter; ``None`` is open. Age ≥ a ⇔ born on or before today − a years; age < b ⇔ born
    after today − b years (a 29/02 birthday counts from 28/02 in a common year)."""
    low, high = AGE_BANDS[band]
    born_after = _latest_born(today, high) if high is not None else None
    born_by = _latest_born(today, low) if low is not None else None
    return born_after, born_by


def _latest_born(today: dt.date, years: int) -> dt.date:
    """The last date of birth that is ``years`` old on ``today``: ``add_months`` clamps to the
    month's end, so step forward from its inverse (as ``admitted_window_for_due`` does)."""
    latest = add_months(today, -12 * years)
    while add_months(latest + dt.timedelta(days=1), 12 * years) <= today:
        latest += dt.timedelta(days=1)
    return latest


def age_on(date_of_birth: dt.date, today: dt.date) -> int:
    """Whole years of age on ``today`` (the same count as ``birth_range``)."""
    years = today.year - date_of_birth.year
    return years - (add_months(date_of_birth, 12 * years) > today)
