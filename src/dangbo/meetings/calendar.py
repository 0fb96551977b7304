"""iCalendar for meetings (issue 8, item 6): the events of the .ics feeds and of the file
attached to invitation emails, and the rule that decides when an invitation is (re)sent.

No ORM and no HTTP here: the functions take meetings already fetched (with ``organization``
and ``chair`` selected) and the absolute URL of each meeting's page.

- One VEVENT per meeting; its UID depends on the meeting's id only (``uid``), so a calendar app
  updates the event when the meeting changes; SEQUENCE is the meeting's ``version`` (every
  change, a cancellation included, increments it). A cancelled meeting stays in the feeds with
  STATUS:CANCELLED and the reason in its description, so calendar apps drop or strike it.
- Times are the hospital's wall-clock times, written with TZID=Asia/Ho_Chi_Minh (the project's
  TIME_ZONE) and a VTIMEZONE; a meeting without an end time lasts ``DEFAULT_LENGTH``.
- An invitation goes to an invitee when the schedule announced to her (date, times, place —
  ``schedule_key``) differs from the one last sent, while the meeting is still planned and not
  yet past (``needs_invitation``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event

PRODID = "-//dangbo//Cuoc hop//VI"
DEFAULT_LENGTH = dt.timedelta(hours=2)
UID_DOMAIN = "dangbo"
# A meeting status of the meetings app → the iCalendar STATUS (anything else: CONFIRMED).
ICAL_STATUS = {"cancelled": "CANCELLED", "canceled": "CANCELLED"}


def meeting_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def uid(meeting_pk: int) -> str:
    """Stable per meeting, whatever the host name the feed was read through."""
    return f"meeting-{meeting_pk}@{UID_DOMAIN}"


def schedule_key(date: dt.date, start: dt.time, end: dt.time | None, place: str) -> str:
    """What an invitation announces, as a short fingerprint: the date, the times and the
    place (spaces around the place do not count)."""
    text = "|".join(
        [date.isoformat(), start.isoformat(), end.isoformat() if end else "", place.strip()]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def meeting_schedule_key(meeting: Any) -> str:
    return schedule_key(meeting.date, meeting.start_time, meeting.end_time, meeting.place)


def needs_invitation(
    last_sent: str | None, current: str, *, planned: bool, date: dt.date, today: dt.date
) -> bool:
    """Send an invitation when the schedule differs from the one last sent to this invitee
    (none sent yet counts as different), for a planned meeting from ``today`` on: recording a
    meeting already held, or saving without changing the schedule, sends nothing."""
    return planned and date >= today and last_sent != current


def starts_at(meeting: Any) -> dt.datetime:
    return dt.datetime.combine(meeting.date, meeting.start_time, tzinfo=meeting_tz())


def ends_at(meeting: Any) -> dt.datetime:
    start = starts_at(meeting)
    if meeting.end_time is None:
        return start + DEFAULT_LENGTH
    end = dt.datetime.combine(meeting.date, meeting.end_time, tzinfo=meeting_tz())
    return end if end > start else start + DEFAULT_LENGTH


def description(meeting: Any, url: str) -> str:
    lines = [f"{meeting.kind_label} — {meeting.organization.name}"]
    if ICAL_STATUS.get(str(meeting.status)) == "CANCELLED":
        reason = str(getattr(meeting, "cancel_reason", "") or "").strip()
        lines.insert(0, gettext("Đã hủy. Lý do: %(reason)s") % {"reason": reason or "—"})
    if meeting.chair is not None:
        lines.append(gettext("Chủ trì: %(name)s") % {"name": meeting.chair.full_name})
    lines.append(gettext("Xem chi tiết: %(url)s") % {"url": url})
    return "\n".join(lines)


def event_for(meeting: Any, url: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid(meeting.pk))
    event.add("dtstamp", stamp)
    event.add("dtstart", starts_at(meeting))
    event.add("dtend", ends_at(meeting))
    event.add("summary", meeting.title)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("description", description(meeting, url))
    event.add("url", url)
    event.add("sequence", int(meeting.version))
    event.add("status", ICAL_STATUS.get(str(meeting.status), "CONFIRMED"))
    return event


def build_calendar(
    meetings: Iterable[Any], url_for: Callable[[Any], str], name: str, *, method: str = ""
) -> bytes:
    """The .ics bytes of ``meetings``; ``url_for(meeting)`` gives the absolute page URL."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for meeting in meetings:
        cal.add_component(event_for(meeting, url_for(meeting), stamp))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


# ---- the month page ---------------------------------------------------------------------------
def parse_month(text: str | None, today: dt.date) -> tuple[int, int]:
    """``?thang=2023-06`` → (2023, 6); anything else (missing, malformed, out of range) → the
    month of ``today``."""
    value = (text or "").strip()
    year_text, _sep, month_text = value.partition("-")
    if year_text.isdigit() and month_text.isdigit() and len(year_text) == 4:
        year, month = int(year_text), int(month_text)
        if 1900 <= year <= 2999 and 1 <= month <= 12:
            return year, month
    return today.year, today.month


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_param(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def month_weeks(year: int, month: int) -> list[list[dt.date]]:
    """The weeks (Monday first) covering the month, with the neighbouring months' days."""
    first = dt.date(year, month, 1)
    start = first - dt.timedelta(days=first.weekday())
    next_year, next_month = shift_month(year, month, 1)
    last = dt.date(next_year, next_month, 1) - dt.timedelta(days=1)
    end = last + dt.timedelta(days=6 - last.weekday())
    days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    return [days[i : i + 7] for i in range(0, len(days), 7)]
