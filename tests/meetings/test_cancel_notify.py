"""Issue 8 finishing work: a meeting is cancelled with a reason (service, page, API), shows as
cancelled in the .ics (STATUS:CANCELLED, next SEQUENCE), the lists and the calendar, never
counts as the cell's monthly meeting on the compliance board (Điều lệ Đảng, Điều 24 khoản 2 —
issue 8 item 3), and the invitees are emailed once when it is cancelled and once per document
published to them (issue 8 items 1 and 6; the HD 42-HD/BTCTW late warning stays on the page)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from dangbo.core.errors import ConcurrentEdit
from dangbo.meetings import cancel_services, notify, queries, rules, services
from dangbo.meetings import documents_services as ds
from dangbo.meetings.models import InvitationSent, Meeting, MeetingDocument, NoticeKind
from tests.meetings.factories import cell_meeting
from tests.responses import close_response

REASON = "Hoãn vì trùng lịch giao ban của Đảng ủy cấp trên"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def soon():
    return timezone.localdate() + dt.timedelta(days=10)


def _cancel(world, meeting, reason=REASON, role="secretary", version=None):
    meeting.refresh_from_db()
    return cancel_services.meeting_cancel(
        actor=world.users[role], meeting_id=meeting.pk,
        version=meeting.version if version is None else version, reason=reason,
    )  # fmt: skip


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    close_response(response)
    return response


def _post(client, user, url, data=None, json=False):
    client.force_login(user)
    if json:
        response = client.post(url, data or {}, content_type="application/json")
    else:
        response = client.post(url, data or {})
    close_response(response)
    return response


def _with_emails(world):
    first, second, third = world.a_members
    first.email, second.email, third.email = "tien@example.vn", "anh@example.vn", ""
    for m in (first, second, third):
        m.save()
    return first, second, third


def _hold(world, meeting):
    actor = world.users["secretary"]
    meeting.refresh_from_db()
    services.attendance_record(actor=actor, meeting_id=meeting.pk, version=meeting.version,
                               rows={})  # fmt: skip
    meeting.refresh_from_db()
    return services.meeting_mark_held(actor=actor, meeting_id=meeting.pk, version=meeting.version)


def _publish(world, meeting, title="Nghị quyết số 57-NQ/TW"):
    meeting.refresh_from_db()
    doc = ds.document_add(
        actor=world.users["secretary"], meeting_id=meeting.pk, version=meeting.version,
        title=title, file=SimpleUploadedFile("nq.pdf", b"%PDF-1.4 nq", "application/pdf"),
    )  # fmt: skip
    meeting.refresh_from_db()
    return ds.document_publish(
        actor=world.users["secretary"], document_id=doc.pk, version=meeting.version
    )


# ---- the service ------------------------------------------------------------------------------
def test_cancel_records_status_reason_version_and_history(world):
    meeting = cell_meeting(world)
    before = meeting.version
    cancelled = _cancel(world, meeting, reason=f"  {REASON}  ")
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.is_cancelled
    assert meeting.cancel_reason == REASON and meeting.version == before + 1 == cancelled.version
    last = meeting.history.first()
    assert last.history_user == world.users["secretary"]
    assert last.history_change_reason == REASON and last.status == "cancelled"


def test_cancel_needs_a_reason_a_manager_the_current_version_and_a_planned_meeting(world):
    meeting = cell_meeting(world)
    with pytest.raises(ValidationError) as exc:
        _cancel(world, meeting, reason="   ")
    assert "Ghi lý do hủy" in exc.value.message_dict["reason"][0]
    for role in ("member", "reader"):  # the invited member and a superior reader only read
        with pytest.raises(PermissionDenied):
            _cancel(world, meeting, role=role)
    with pytest.raises(ConcurrentEdit):
        _cancel(world, meeting, version=meeting.version - 1)
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"

    held = _hold(world, cell_meeting(world, title="Đã họp"))
    with pytest.raises(ValidationError) as exc:
        _cancel(world, held)
    assert "đã họp nên không hủy được" in exc.value.message_dict["__all__"][0]

    _cancel(world, meeting)
    with pytest.raises(PermissionDenied, match="đã hủy nên không ghi"):  # a cancelled meeting
        _cancel(world, meeting)  # is closed: not cancelled again, nothing recorded on it
    meeting.refresh_from_db()
    with pytest.raises(PermissionDenied):  # cannot be recorded as held afterwards either
        services.meeting_mark_held(actor=world.users["secretary"], meeting_id=meeting.pk,
                                   version=meeting.version)  # fmt: skip


# ---- the pages --------------------------------------------------------------------------------
def test_cancel_page_from_the_meeting_page_reason_required(client, world):
    meeting = cell_meeting(world)
    detail = reverse("meetings:detail", args=[meeting.pk])
    url = reverse("meetings:cancel", args=[meeting.pk])
    secretary, member = world.users["secretary"], world.users["member"]
    assert url in _get(client, secretary, detail).content.decode()
    assert url not in _get(client, member, detail).content.decode()  # invited: reads only
    assert _get(client, member, url).status_code == 403
    assert _get(client, world.users["other_office"], url).status_code == 404

    page = _get(client, secretary, url)
    assert page.status_code == 200 and 'name="reason"' in page.content.decode()
    response = _post(client, secretary, url, {"version": meeting.version, "reason": " "})
    assert response.status_code == 200 and "Ghi lý do hủy cuộc họp" in response.content.decode()
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"
    stale = _post(client, secretary, url, {"version": meeting.version - 1, "reason": REASON})
    assert "đã được người khác cập nhật" in stale.content.decode()

    response = _post(client, secretary, url, {"version": meeting.version, "reason": REASON})
    assert response.status_code == 302 and response["Location"] == detail
    html = _get(client, secretary, detail).content.decode()
    assert f"Cuộc họp đã hủy. Lý do: {REASON}" in html and url not in html
    assert _get(client, secretary, url).status_code == 403  # no second cancellation


def test_held_meeting_page_offers_no_cancel(client, world):
    meeting = _hold(world, cell_meeting(world))
    url = reverse("meetings:cancel", args=[meeting.pk])
    html = _get(client, world.users["secretary"], reverse("meetings:detail", args=[meeting.pk]))
    assert url not in html.content.decode()
    assert _get(client, world.users["secretary"], url).status_code == 403


def test_lists_and_calendar_strike_and_label_the_cancelled_meeting(client, world, soon):
    office = world.users["office"]
    list_url = reverse("meetings:list", args=[world.hospital.pk])
    kept = cell_meeting(world, date=soon, title="Họp vẫn giữ")
    cancelled = cell_meeting(world, date=soon, title="Họp bị hoãn")
    _cancel(world, cancelled)
    html = _get(client, office, list_url).content.decode()
    assert "<s>Họp bị hoãn</s>" in html and "<strong>Đã hủy</strong>" in html
    assert "<s>Họp vẫn giữ</s>" not in html and kept.title in html

    cal = reverse("meetings:calendar", args=[world.cell_a.pk]) + f"?thang={soon:%Y-%m}"
    html = _get(client, office, cal).content.decode()
    assert "cal-event done cancelled" in html and "Họp bị hoãn</s> (Đã hủy)" in html

    html = _get(client, world.users["member"], reverse("meetings:index")).content.decode()
    upcoming = html.split('id="upcoming"')[1].split("</table>")[0]
    assert "<s>Họp bị hoãn</s>" in upcoming and "Đã hủy" in upcoming


def test_list_page_query_count_does_not_grow_with_cancelled_meetings(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.users["office"])
    url = reverse("meetings:list", args=[world.hospital.pk])
    cell_meeting(world)
    with CaptureQueriesContext(connection) as few:
        close_response(client.get(url))
    for month in range(1, 6):
        _cancel(world, cell_meeting(world, date=dt.date(2023, month, 20), title=f"T{month}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        close_response(client.get(url))


# ---- the .ics ---------------------------------------------------------------------------------
def test_ics_says_cancelled_with_the_next_sequence_and_the_reason(client, world):
    meeting = cell_meeting(world)
    url = reverse("meetings:meeting_ics", args=[meeting.pk])

    def event():
        response = _get(client, world.users["member"], url)
        assert response.status_code == 200
        return Calendar.from_ical(response.content).walk("VEVENT")[0]

    before = event()
    assert str(before["status"]) == "CONFIRMED"
    _cancel(world, meeting)
    after = event()
    assert str(after["status"]) == "CANCELLED"
    assert int(after["sequence"]) > int(before["sequence"])
    assert str(after["uid"]) == str(before["uid"])  # the same event, updated
    assert f"Đã hủy. Lý do: {REASON}" in str(after["description"])


# ---- emails -----------------------------------------------------------------------------------
def test_cancellation_emailed_once_to_invitees_with_an_address(
    world, soon, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://dangbo.example.vn"
    _with_emails(world)
    with django_capture_on_commit_callbacks(execute=True):
        meeting = cell_meeting(world, date=soon)
    assert len(mail.outbox) == 2  # the invitations
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _cancel(world, meeting)
    assert sorted(m.to[0] for m in mail.outbox) == ["anh@example.vn", "tien@example.vn"]
    message = mail.outbox[0]
    assert message.subject.startswith("Hủy cuộc họp: Sinh hoạt chi bộ tháng 6/2023")
    assert REASON in message.body
    assert (
        "https://dangbo.example.vn" + reverse("meetings:detail", args=[meeting.pk]) in message.body
    )
    ((name, content, mimetype),) = message.attachments
    assert name.endswith(".ics") and mimetype == "text/calendar"
    assert str(Calendar.from_ical(content).walk("VEVENT")[0]["status"]) == "CANCELLED"
    kinds = InvitationSent.objects.filter(attendance__meeting=meeting)
    assert kinds.filter(kind=NoticeKind.CANCELLATION).count() == 2

    # once: sending again emails nobody, and a cancelled meeting no longer changes
    assert notify.send_cancellations(meeting.pk) == 0
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        services.meeting_update(actor=world.users["secretary"], meeting_id=meeting.pk,
                                version=meeting.version, place="Phòng khác")  # fmt: skip
    assert len(mail.outbox) == 2


def test_past_meeting_cancelled_emails_nobody(world, django_capture_on_commit_callbacks):
    _with_emails(world)
    meeting = cell_meeting(world)  # 29/06/2023
    with django_capture_on_commit_callbacks(execute=True):
        _cancel(world, meeting)
    assert mail.outbox == []


def test_each_published_document_emailed_once_with_the_link_not_the_late_warning(
    world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://dangbo.example.vn"
    _with_emails(world)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):  # the invitations go out first
        meeting = cell_meeting(world, date=tomorrow, start_time=dt.time(0, 0), end_time=None)
    assert len(mail.outbox) == 2
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        doc, problem = _publish(world, meeting)
    assert problem is not None and problem.code == "documents_late"  # for the office's page
    assert sorted(m.to[0] for m in mail.outbox) == ["anh@example.vn", "tien@example.vn"]
    body = mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Tài liệu cuộc họp: Nghị quyết số 57-NQ/TW")
    assert "https://dangbo.example.vn" + reverse("meetings:detail", args=[meeting.pk]) in body
    assert reverse("meetings:document_download", args=[meeting.pk, doc.pk]) in body
    assert "42-HD" not in body and "01 ngày" not in body and "muộn" not in body

    assert notify.send_document_notices(doc.pk) == 0  # once per document
    with django_capture_on_commit_callbacks(execute=True):
        second, _problem = _publish(world, meeting, title="Báo cáo sơ kết 6 tháng")
    assert len(mail.outbox) == 4
    assert all("Báo cáo sơ kết" in m.subject for m in mail.outbox[2:])
    sent = InvitationSent.objects.filter(kind=NoticeKind.DOCUMENT)
    assert sent.filter(document=doc).count() == 2 and sent.filter(document=second).count() == 2
    # the notices do not disturb the invitations' "once per schedule" bookkeeping
    assert notify.send_invitations(meeting.pk) == 0


def test_unpublished_or_cancelled_meeting_documents_email_nobody(
    world, soon, django_capture_on_commit_callbacks
):
    _with_emails(world)
    meeting = cell_meeting(world, date=soon)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        doc = ds.document_add(
            actor=world.users["secretary"], meeting_id=meeting.pk, version=meeting.version,
            title="Dự thảo", file=SimpleUploadedFile("d.pdf", b"%PDF-1.4 d", "application/pdf"),
        )  # fmt: skip
    assert mail.outbox == []  # attached, not yet published
    assert notify.send_document_notices(doc.pk) == 0
    _cancel(world, meeting)
    MeetingDocument.objects.filter(pk=doc.pk).update(published_at=timezone.now())
    assert notify.send_document_notices(doc.pk) == 0 and mail.outbox == []


# ---- compliance -------------------------------------------------------------------------------
def test_a_cell_whose_only_meeting_of_the_month_was_cancelled_missed_that_month(client, world):
    """Issue 8 item 3 (Điều lệ Đảng, Điều 24 khoản 2: the cell meets monthly): a cancelled
    meeting is not a meeting held."""
    may = cell_meeting(world, date=dt.date(2023, 5, 20))
    Meeting.objects.filter(pk=may.pk).update(status="held")
    june = cell_meeting(world, date=dt.date(2023, 6, 20))  # 14:00–16:00, long enough
    _cancel(world, june)
    board = queries.compliance_board(world.users["office"], world.hospital, 2023,
                                     dt.date(2024, 1, 15))  # fmt: skip
    cell = next(c for c in board if c.organization == world.cell_a)
    months = {m.month: m.status for m in cell.months}
    assert months[5] is rules.ComplianceStatus.HELD
    assert months[6] is rules.ComplianceStatus.MISSED
    url = reverse("meetings:compliance", args=[world.hospital.pk]) + "?nam=2023"
    html = _get(client, world.users["office"], url).content.decode()
    row = html.split("Chi bộ Khoa Nội")[1].split("</tr>")[0]
    cells = row.split("<td ")
    june_cell = next(c for c in cells if 'data-label="Tháng 06/2023"' in c)
    may_cell = next(c for c in cells if 'data-label="Tháng 05/2023"' in c)
    assert june_cell.startswith('class="missed"') and may_cell.startswith('class="held"')


# ---- the API ----------------------------------------------------------------------------------
def test_api_lists_published_documents_to_invitees_only(client, world, soon):
    meeting = cell_meeting(world, date=soon)
    doc, _problem = _publish(world, meeting)
    meeting.refresh_from_db()
    ds.document_add(
        actor=world.users["secretary"], meeting_id=meeting.pk, version=meeting.version,
        title="Dự thảo chưa đăng",
        file=SimpleUploadedFile("d.pdf", b"%PDF-1.4 d", "application/pdf"),
    )  # fmt: skip
    url = f"/api/meetings/{meeting.pk}/documents"
    response = _get(client, world.users["member"], url)
    assert response.status_code == 200
    (row,) = response.json()
    assert row["title"] == "Nghị quyết số 57-NQ/TW" and row["id"] == doc.pk
    download = reverse("meetings:document_download", args=[meeting.pk, doc.pk])
    assert row["download_url"] == download
    assert _get(client, world.users["member"], download).status_code == 200
    assert _get(client, world.users["other_office"], url).status_code == 404  # outsider
    assert _get(client, world.users["communications"], url).status_code == 404


def test_api_cancel_scoped_validated_and_versioned(client, world):
    meeting = cell_meeting(world)
    url = f"/api/meetings/{meeting.pk}/cancel"
    body = {"version": meeting.version, "reason": REASON}
    assert _post(client, world.users["other_office"], url, body, json=True).status_code == 404
    assert _post(client, world.users["member"], url, body, json=True).status_code == 403
    assert _post(client, world.users["reader"], url, body, json=True).status_code == 403
    response = _post(client, world.users["secretary"], url, {**body, "reason": ""}, json=True)
    assert response.status_code == 422 and "reason" in response.json()["errors"]
    stale = {**body, "version": meeting.version - 1}
    assert _post(client, world.users["secretary"], url, stale, json=True).status_code == 409
    assert Meeting.objects.get(pk=meeting.pk).status == "planned"

    response = _post(client, world.users["secretary"], url, body, json=True)
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "cancelled" and data["status_label"] == "Đã hủy"
    assert data["cancel_reason"] == REASON and data["version"] == meeting.version + 1
    again = _post(client, world.users["secretary"], url, {**body, "version": data["version"]},
                  json=True)  # fmt: skip
    assert again.status_code == 403  # a cancelled meeting is closed (locked)
    assert "đã hủy" in again.json()["detail"]
    detail = _get(client, world.users["member"], f"/api/meetings/{meeting.pk}").json()
    assert detail["status"] == "cancelled" and detail["cancel_reason"] == REASON
    assert detail["can_cancel"] is False
