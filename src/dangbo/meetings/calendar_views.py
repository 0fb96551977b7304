"""The calendar of meetings (issue 8, item 6): an organization's month page, the iCalendar
feeds (one per user, one per organization) read by calendar apps through a secret token, the
page that makes or revokes that token, and one meeting's .ics file.

A feed cannot log in: its URL carries the user's token (``CalendarToken``, only its SHA-256
stored) and answers exactly what that user may see today — 404 for an unknown token, an
inactive user, or an organization outside her scope."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from dangbo.accounts.scope import scope_for, subtree_q
from dangbo.meetings import calendar, permissions, queries
from dangbo.meetings.fetch import meeting_or_404
from dangbo.meetings.models import Attendance, CalendarToken, Meeting
from dangbo.meetings.notify import meeting_url, site_url
from dangbo.organizations.models import Organization

FEED_LIMIT = 500  # a feed lists the latest meetings (future ones first), at most this many


# ---- tokens -----------------------------------------------------------------------------------
def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: Any) -> str:
    """A new secret for ``user``'s feeds; the previous one (if any) stops working."""
    token = secrets.token_urlsafe(32)
    CalendarToken.objects.update_or_create(user=user, defaults={"token_hash": token_hash(token)})
    return token


def revoke_token(user: Any) -> None:
    CalendarToken.objects.filter(user=user).delete()


def token_user(token: str) -> Any:
    """The active user whose token this is: 404 otherwise."""
    if not token or len(token) > 100:
        raise Http404
    row = (
        CalendarToken.objects.select_related("user")
        .filter(token_hash=token_hash(token), user__is_active=True)
        .first()
    )
    if row is None:
        raise Http404
    return row.user


# ---- feed contents ----------------------------------------------------------------------------
def user_feed_meetings(user: Any) -> QuerySet[Meeting]:
    """The meetings she is invited to, and those of the organizations she manages (office,
    cell secretary; everything for an administrator) — ``permissions.in_user_feed``."""
    scope = scope_for(user)
    qs = Meeting.objects.select_related("organization", "chair")
    if not scope.is_admin:
        cond = Q(pk__in=[])
        if scope.write_paths:
            cond |= Q(organization__in=scope.orgs(write=True))
        if scope.own_member_ids:
            invited = Attendance.objects.filter(
                meeting_id=OuterRef("pk"), member_id__in=scope.own_member_ids
            )
            cond |= Q(Exists(invited))
        qs = qs.filter(cond)
    return qs.order_by("-date", "-start_time", "-id")


def org_feed_meetings(org: Organization) -> QuerySet[Meeting]:
    """The meetings of the organization's subtree."""
    return (
        Meeting.objects.filter(subtree_q(org.path, "organization__path"))
        .select_related("organization", "chair")
        .order_by("-date", "-start_time", "-id")
    )


def _ics_response(request: HttpRequest, meetings: Any, name: str, filename: str) -> HttpResponse:
    body = calendar.build_calendar(meetings, lambda m: meeting_url(m.pk, request), name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def user_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = token_user(token)
    meetings = list(user_feed_meetings(user)[:FEED_LIMIT])
    return _ics_response(request, meetings, gettext("Lịch họp của tôi"), "lich-hop.ics")


@require_GET
def org_feed(request: HttpRequest, token: str, org_id: int) -> HttpResponse:
    user = token_user(token)
    scope = scope_for(user)
    org = scope.orgs().filter(pk=org_id).first()
    if org is None or not permissions.can_read_org_calendar(scope, org):
        raise Http404
    meetings = list(org_feed_meetings(org)[:FEED_LIMIT])
    name = gettext("Lịch họp — %(org)s") % {"org": org.name}
    return _ics_response(request, meetings, name, f"lich-hop-{org.pk}.ics")


@login_required
@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting's .ics (the same file the invitation email attaches)."""
    meeting = meeting_or_404(request, pk, "chair")
    response = _ics_response(request, [meeting], meeting.title, f"cuoc-hop-{meeting.pk}.ics")
    response["Content-Disposition"] = f'attachment; filename="cuoc-hop-{meeting.pk}.ics"'
    return response


# ---- the token page ---------------------------------------------------------------------------
def _feed_orgs(request: HttpRequest) -> list[Organization]:
    """The organizations whose feed the page offers: the roots she reads, and the one the
    calendar page sent her from (``?to-chuc=``)."""
    scope = scope_for(request.user)
    if not scope.sees_organizations:
        return []
    if scope.is_admin:
        roots = Organization.objects.filter(depth__lte=2)
    else:
        roots = Organization.objects.filter(path__in=scope.read_paths)
    orgs = list(roots.order_by("path")[:20])
    wanted = str(request.POST.get("to-chuc") or request.GET.get("to-chuc") or "")
    if wanted.isdigit() and len(wanted) < 10 and all(o.pk != int(wanted) for o in orgs):
        extra = scope.orgs().filter(pk=int(wanted)).first()
        if extra is not None:
            orgs.insert(0, extra)
    return orgs


@login_required
def calendar_feeds(request: HttpRequest) -> HttpResponse:
    """Make (again) or revoke the secret address of her feeds; a new address is shown once."""
    scope = scope_for(request.user)
    if not permissions.can_use_calendar_feeds(scope):
        raise Http404
    orgs = _feed_orgs(request)
    new_urls: list[tuple[str, str]] = []
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "regenerate":
        token = issue_token(request.user)
        new_urls.append((gettext("Lịch họp của tôi"), _abs(request, "meetings:feed_user", token)))
        for org in orgs:
            new_urls.append(
                (gettext("Lịch họp — %(org)s") % {"org": org.name},
                 _abs(request, "meetings:feed_org", token, org.pk))
            )  # fmt: skip
        messages.success(
            request, gettext("Đã tạo địa chỉ lịch mới; địa chỉ cũ không còn dùng được.")
        )
    elif action == "revoke":
        revoke_token(request.user)
        messages.success(request, gettext("Đã thu hồi địa chỉ lịch."))
        return redirect("meetings:calendar_feeds")
    context = {
        "token": CalendarToken.objects.filter(user=request.user).first(),
        "new_urls": new_urls, "orgs": orgs,
        "wanted": request.GET.get("to-chuc", "") or request.POST.get("to-chuc", ""),
    }  # fmt: skip
    return render(request, "meetings/calendar_feeds.html", context)


def _abs(request: HttpRequest, name: str, *args: Any) -> str:
    return site_url(reverse(name, args=args), request)


# ---- the month page ---------------------------------------------------------------------------
@dataclass
class Day:
    date: dt.date
    in_month: bool
    today: bool
    meetings: list[Meeting] = field(default_factory=list)


@login_required
def org_calendar(request: HttpRequest, org_id: int) -> HttpResponse:
    """The meetings of an organization's subtree in one month (``?thang=2023-06``): a grid of
    weeks on a wide screen, a list by day on a phone. Four queries whatever the month holds."""
    scope = scope_for(request.user)
    org: Organization = get_object_or_404(scope.orgs(), pk=org_id)
    if not permissions.can_read_org_calendar(scope, org):
        raise Http404
    today = timezone.localdate()
    year, month = calendar.parse_month(request.GET.get("thang"), today)
    weeks = calendar.month_weeks(year, month)
    by_date = {d: Day(d, d.month == month, d == today) for week in weeks for d in week}
    rows = (
        queries.meetings(request.user, org)
        .filter(date__gte=weeks[0][0], date__lte=weeks[-1][-1])
        .order_by("date", "start_time", "id")
    )
    for meeting in rows:
        by_date[meeting.date].meetings.append(meeting)
    prev_month = calendar.shift_month(year, month, -1)
    next_month = calendar.shift_month(year, month, 1)
    context = {
        "org": org,
        "weeks": [[by_date[d] for d in week] for week in weeks],
        "days": [by_date[d] for week in weeks for d in week if d.month == month
                 and by_date[d].meetings],
        "weekdays": [WEEKDAYS_ABBR[i] for i in range(7)],
        "month_label": _month_label(year, month),
        "prev": calendar.month_param(*prev_month), "prev_label": _month_label(*prev_month),
        "next": calendar.month_param(*next_month), "next_label": _month_label(*next_month),
        "this_month": calendar.month_param(today.year, today.month),
        "can_create": permissions.can_create_meeting(scope, org),
    }  # fmt: skip
    return render(request, "meetings/calendar.html", context)


def _month_label(year: int, month: int) -> str:
    return gettext("Tháng %(month)s/%(year)s") % {"month": month, "year": year}
