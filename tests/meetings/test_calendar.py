"""Issue 8, item 6: the calendar — the organization's month page, the iCalendar feeds per user
and per organization (secret token, scoping, the events' times in Asia/Ho_Chi_Minh, links back
to each meeting) and the invitation emails, sent once per change of the schedule."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from dangbo.accounts.scope import scope_for
from dangbo.meetings import calendar, permissions, services
from dangbo.meetings.calendar_views import issue_token, token_hash, user_feed_meetings
from dangbo.meetings.models import Attendance, CalendarToken, InvitationSent
from dangbo.meetings.queries import readable_meetings
from tests.meetings.factories import DAY, cell_meeting, hospital_meeting
from tests.responses import close_response

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def _get(client, url, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    close_response(response)
    return response


def _events(response) -> dict[str, object]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    return {str(e["summary"]): e for e in cal.walk("VEVENT")}


def _feed(client, user, org=None):
    token = issue_token(user)
    if org is None:
        return _get(client, reverse("meetings:feed_user", args=[token]))
    return _get(client, reverse("meetings:feed_org", args=[token, org.pk]))


def _update(world, meeting, **values):
    meeting.refresh_from_db()
    return services.meeting_update(
        actor=world.users["secretary"], meeting_id=meeting.pk, version=meeting.version, **values
    )


# ---- pure rules -------------------------------------------------------------------------------
def test_schedule_key_changes_with_date_time_place_only():
    base = calendar.schedule_key(DAY, dt.time(14), dt.time(16), "Hội trường")
    assert base == calendar.schedule_key(DAY, dt.time(14), dt.time(16), " Hội trường ")
    assert base != calendar.schedule_key(DAY + dt.timedelta(days=1), dt.time(14), dt.time(16),
                                         "Hội trường")  # fmt: skip
    assert base != calendar.schedule_key(DAY, dt.time(14, 30), dt.time(16), "Hội trường")
    assert base != calendar.schedule_key(DAY, dt.time(14), None, "Hội trường")
    assert base != calendar.schedule_key(DAY, dt.time(14), dt.time(16), "Phòng giao ban")


def test_needs_invitation_once_per_schedule_and_only_for_planned_future_meetings():
    today = dt.date(2023, 6, 1)
    key = "k1"
    assert calendar.needs_invitation(None, key, planned=True, date=DAY, today=today)
    assert not calendar.needs_invitation("k1", key, planned=True, date=DAY, today=today)
    assert calendar.needs_invitation("k0", key, planned=True, date=DAY, today=today)
    assert not calendar.needs_invitation(None, key, planned=False, date=DAY, today=today)
    assert not calendar.needs_invitation(
        None, key, planned=True, date=DAY, today=dt.date(2023, 7, 1)
    )
    assert calendar.needs_invitation(None, key, planned=True, date=DAY, today=DAY)


def test_month_helpers():
    today = dt.date(2023, 6, 29)
    assert calendar.parse_month("2023-02", today) == (2023, 2)
    for bad in (None, "", "2023-13", "23-02", "2023-0x", "abcd-01", "2023"):
        assert calendar.parse_month(bad, today) == (2023, 6)
    assert calendar.shift_month(2023, 1, -1) == (2022, 12)
    assert calendar.shift_month(2023, 12, 1) == (2024, 1)
    weeks = calendar.month_weeks(2023, 6)  # 1/6/2023 is a Thursday, 30/6 a Friday
    assert weeks[0][0] == dt.date(2023, 5, 29) and weeks[-1][-1] == dt.date(2023, 7, 2)
    assert all(len(w) == 7 and w[0].weekday() == 0 for w in weeks)


# ---- feeds ------------------------------------------------------------------------------------
def test_user_feed_events_have_times_in_hcm_uid_url_sequence(client, world, settings):
    settings.SITE_URL = "https://dangbo.example.vn"
    meeting = cell_meeting(world)
    events = _events(_feed(client, world.users["member"]))
    event = events["Sinh hoạt chi bộ tháng 6/2023"]
    start, end = event["dtstart"].dt, event["dtend"].dt
    assert start == dt.datetime(2023, 6, 29, 14, 0, tzinfo=HCM)
    assert end == dt.datetime(2023, 6, 29, 16, 0, tzinfo=HCM)
    assert str(start.tzinfo) == "Asia/Ho_Chi_Minh"
    assert event["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert str(event["uid"]) == f"meeting-{meeting.pk}@dangbo"
    assert str(event["location"]) == "Hội trường khoa"
    url = f"https://dangbo.example.vn{reverse('meetings:detail', args=[meeting.pk])}"
    assert str(event["url"]) == url
    assert url in str(event["description"])
    assert int(event["sequence"]) == meeting.version
    assert str(event["status"]) == "CONFIRMED"


def test_feed_has_a_vtimezone_and_a_url_from_the_request_without_site_url(client, world, settings):
    settings.SITE_URL = ""
    meeting = cell_meeting(world)
    response = _feed(client, world.users["member"])
    cal = Calendar.from_ical(response.content)
    assert [str(tz["tzid"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    event = cal.walk("VEVENT")[0]
    assert str(event["url"]) == f"http://testserver/hop/{meeting.pk}/"


def test_uid_stable_and_sequence_follows_the_version(client, world):
    meeting = cell_meeting(world)
    first = _events(_feed(client, world.users["member"]))["Sinh hoạt chi bộ tháng 6/2023"]
    _update(world, meeting, place="Phòng giao ban")
    second = _events(_feed(client, world.users["member"]))["Sinh hoạt chi bộ tháng 6/2023"]
    assert str(second["uid"]) == str(first["uid"])
    assert int(second["sequence"]) == int(first["sequence"]) + 1
    assert str(second["location"]) == "Phòng giao ban"


def test_meeting_without_end_time_lasts_the_default_length(client, world):
    cell_meeting(world, end_time=None)
    event = _events(_feed(client, world.users["member"]))["Sinh hoạt chi bộ tháng 6/2023"]
    assert event["dtend"].dt - event["dtstart"].dt == calendar.DEFAULT_LENGTH


def test_user_feed_is_scoped_to_invited_or_managed_meetings(client, world):
    own = cell_meeting(world)
    other_cell = services.meeting_create(
        actor=world.users["office"], organization=world.cell_b, kind="cell_regular",
        title="Sinh hoạt chi bộ Khoa Ngoại", date=DAY, start_time=dt.time(8), place="P1",
    )  # fmt: skip
    hospital = hospital_meeting(world)  # every active member of the hospital is invited
    services.meeting_create(
        actor=world.users["other_office"], organization=world.other_cell, kind="cell_regular",
        title="Sinh hoạt chi bộ Khoa Sản", date=DAY, start_time=dt.time(8), place="P2",
    )  # fmt: skip
    # the member of cell A: invited to her cell's meeting and the hospital's
    assert set(_events(_feed(client, world.users["member"]))) == {own.title, hospital.title}
    # the secretary of cell A manages her cell's meetings only (she is no member here)
    assert set(_events(_feed(client, world.users["secretary"]))) == {own.title}
    # the office manages the hospital's subtree, not the other hospital
    assert set(_events(_feed(client, world.users["office"]))) == {
        own.title,
        other_cell.title,
        hospital.title,
    }
    # a superior reader reads everything but manages nothing and is invited to nothing
    assert _events(_feed(client, world.users["reader"])) == {}
    # the query says what the predicate says, meeting by meeting
    for name in ("member", "secretary", "office", "reader", "admin"):
        user = world.users[name]
        scope = scope_for(user)
        listed = set(user_feed_meetings(user).values_list("pk", flat=True))
        for m in readable_meetings(world.users["admin"]).select_related("organization"):
            invited = Attendance.objects.filter(meeting=m).values_list("member_id", flat=True)
            assert (m.pk in listed) == permissions.in_user_feed(scope, m, list(invited)), (name, m)


def test_org_feed_lists_the_subtree_and_404_outside_the_scope(client, world):
    own = cell_meeting(world)
    hospital = hospital_meeting(world)
    events = _events(_feed(client, world.users["office"], world.hospital))
    assert set(events) == {own.title, hospital.title}
    assert set(_events(_feed(client, world.users["reader"], world.cell_a))) == {own.title}
    assert _feed(client, world.users["secretary"], world.cell_a).status_code == 200
    assert _feed(client, world.users["secretary"], world.hospital).status_code == 404
    assert _feed(client, world.users["office"], world.other_hospital).status_code == 404
    assert _feed(client, world.users["member"], world.cell_a).status_code == 404


def test_wrong_token_404_and_regenerating_invalidates_the_old_one(client, world):
    cell_meeting(world)
    user = world.users["member"]
    old = issue_token(user)
    old_url = reverse("meetings:feed_user", args=[old])
    assert _get(client, old_url).status_code == 200
    wrong = ("y" if old[0] == "x" else "x") + old[1:]  # one character changed, never the same
    assert _get(client, reverse("meetings:feed_user", args=[wrong])).status_code == 404
    assert _get(client, reverse("meetings:feed_user", args=["nope"])).status_code == 404
    # only the hash is stored
    row = CalendarToken.objects.get(user=user)
    assert row.token_hash == token_hash(old) and old not in row.token_hash
    new = issue_token(user)
    assert _get(client, old_url).status_code == 404
    assert _get(client, reverse("meetings:feed_user", args=[new])).status_code == 200
    assert (
        _get(client, reverse("meetings:feed_org", args=[old, world.cell_a.pk])).status_code == 404
    )
    user.is_active = False
    user.save()
    assert _get(client, reverse("meetings:feed_user", args=[new])).status_code == 404


def test_token_page_regenerates_shows_once_and_revokes(client, world):
    cell_meeting(world)
    user = world.users["secretary"]
    client.force_login(user)
    url = reverse("meetings:calendar_feeds")
    page = _get(client, url + f"?to-chuc={world.cell_a.pk}")
    assert "Bạn chưa có địa chỉ lịch." in page.content.decode()
    response = client.post(url, {"action": "regenerate", "to-chuc": world.cell_a.pk})
    close_response(response)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="feed-urls"' in html
    first_token = html.split("/hop/lich/")[1].split(".ics")[0]
    assert _get(client, reverse("meetings:feed_user", args=[first_token])).status_code == 200
    org_feed = reverse("meetings:feed_org", args=[first_token, world.cell_a.pk])
    assert org_feed in html
    assert _get(client, org_feed).status_code == 200
    # the address is not shown again
    again = _get(client, url).content.decode()
    assert first_token not in again and 'id="feed-urls"' not in again
    response = client.post(url, {"action": "regenerate"})
    close_response(response)
    assert _get(client, reverse("meetings:feed_user", args=[first_token])).status_code == 404
    response = client.post(url, {"action": "revoke"})
    close_response(response)
    assert response.status_code == 302 and not CalendarToken.objects.filter(user=user).exists()


def test_single_meeting_ics_for_readers_only(client, world):
    meeting = cell_meeting(world)
    url = reverse("meetings:meeting_ics", args=[meeting.pk])
    response = _get(client, url, world.users["member"])
    assert set(_events(response)) == {meeting.title}
    assert "attachment" in response["Content-Disposition"]
    assert _get(client, url, world.users["other_office"]).status_code == 404


# ---- the month page ---------------------------------------------------------------------------
def _calendar_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    close_response(response)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_month_page_lists_the_months_meetings_with_links_and_navigation(client, world):
    june = cell_meeting(world)
    cell_meeting(world, date=dt.date(2023, 7, 12), title="Sinh hoạt chi bộ tháng 7/2023")
    client.force_login(world.users["office"])
    url = reverse("meetings:calendar", args=[world.hospital.pk])
    html = _get(client, url + "?thang=2023-06&loai=x").content.decode()
    assert reverse("meetings:detail", args=[june.pk]) in html
    assert "Sinh hoạt chi bộ tháng 6/2023" in html and "tháng 7/2023" not in html
    assert "29/06/2023" in html  # the day list (phones), dd/mm/yyyy
    assert "?thang=2023-05&amp;loai=x" in html and "?thang=2023-07&amp;loai=x" in html
    assert "Tháng 6/2023" in html
    july = _get(client, url + "?thang=2023-07").content.decode()
    assert "Sinh hoạt chi bộ tháng 7/2023" in july
    empty = _get(client, url + "?thang=2023-09").content.decode()
    assert "Không có cuộc họp nào trong tháng này." in empty


def test_month_page_query_count_does_not_grow_and_scope(client, world):
    client.force_login(world.users["office"])
    url = reverse("meetings:calendar", args=[world.hospital.pk]) + "?thang=2023-06"
    cell_meeting(world)
    few = _calendar_queries(client, url)
    for day in (5, 12, 19):
        cell_meeting(world, date=dt.date(2023, 6, day), title=f"Họp ngày {day}")
        hospital_meeting(world, date=dt.date(2023, 6, day + 1))
    assert _calendar_queries(client, url) == few
    assert _get(client, url, world.users["secretary"]).status_code == 404  # not her hospital
    cal_a = reverse("meetings:calendar", args=[world.cell_a.pk])
    assert _get(client, cal_a, world.users["secretary"]).status_code == 200
    assert _get(client, cal_a, world.users["member"]).status_code == 404


# ---- invitation emails ------------------------------------------------------------------------
@pytest.fixture
def soon():
    return timezone.localdate() + dt.timedelta(days=10)


def _with_emails(world):
    first, second, third = world.a_members
    first.email, second.email = "tien@example.vn", "anh@example.vn"
    first.save()
    second.save()
    third.email = ""  # the third has no address
    third.save()
    return first, second, third


def test_invitations_sent_once_per_change_none_without_email(
    world, soon, django_capture_on_commit_callbacks
):
    _with_emails(world)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = cell_meeting(world, date=soon)
    assert sorted(m.to[0] for m in mail.outbox) == ["anh@example.vn", "tien@example.vn"]
    message = mail.outbox[0]
    assert message.subject.startswith("Giấy mời họp: Sinh hoạt chi bộ tháng 6/2023")
    assert "Hội trường khoa" in message.body
    assert reverse("meetings:detail", args=[meeting.pk]) in message.body
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event["dtstart"].dt == dt.datetime.combine(soon, dt.time(14), tzinfo=HCM)
    assert InvitationSent.objects.count() == 2

    # saving without changing the schedule (or changing only the title) sends nothing
    mail.outbox.clear()
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        _update(world, meeting, title="Sinh hoạt chi bộ (đổi tên)")
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        _update(world, meeting, place="Hội trường khoa")
    assert mail.outbox == []

    # the place changes: one message each, saying it changed; saving again sends nothing
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        _update(world, meeting, place="Phòng giao ban")
    assert len(mail.outbox) == 2
    assert all(m.subject.startswith("Thay đổi lịch họp:") for m in mail.outbox)
    assert "Phòng giao ban" in mail.outbox[0].body
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        _update(world, meeting, place="Phòng giao ban")
    assert len(mail.outbox) == 2
    assert InvitationSent.objects.filter(sequence=meeting.version).count() == 2


def test_no_invitation_for_past_meetings_or_exempt_members(
    world, soon, django_capture_on_commit_callbacks
):
    first, _second, _third = _with_emails(world)
    with django_capture_on_commit_callbacks(execute=True):
        cell_meeting(world)  # 29/06/2023: already past
    assert mail.outbox == []
    first.exempt_since = dt.date(2020, 1, 1)
    first.save()
    with django_capture_on_commit_callbacks(execute=True):
        cell_meeting(world, date=soon)
    assert [m.to for m in mail.outbox] == [["anh@example.vn"]]


def test_a_refused_message_is_not_recorded_and_goes_out_with_the_next_change(
    world, soon, django_capture_on_commit_callbacks, monkeypatch
):
    _with_emails(world)
    from django.core.mail import EmailMessage

    real_send = EmailMessage.send

    def refuse(self, fail_silently=False):
        if self.to == ["anh@example.vn"]:
            raise OSError("mail server down")
        return real_send(self, fail_silently)

    monkeypatch.setattr(EmailMessage, "send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = cell_meeting(world, date=soon)  # the page's save is not broken by it
    assert [m.to for m in mail.outbox] == [["tien@example.vn"]]
    assert InvitationSent.objects.count() == 1
    monkeypatch.setattr(EmailMessage, "send", real_send)
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        _update(world, meeting, start_time=dt.time(15))
    assert sorted(m.to[0] for m in mail.outbox[1:]) == ["anh@example.vn", "tien@example.vn"]
    anh = next(m for m in mail.outbox[1:] if m.to == ["anh@example.vn"])
    assert anh.subject.startswith("Giấy mời họp:")  # she never got the first one
