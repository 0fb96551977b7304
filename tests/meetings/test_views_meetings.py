"""Issue 8, items 1, 3, 4 and 7: the meeting pages — list (paginated, filtered, a constant
number of queries), detail (quorum with its citation, absentees with reasons, conclusions with
their tasks), the attendance page, the compliance board and the member's upcoming meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangbo.meetings import services
from dangbo.meetings.models import Attendance, Meeting
from tests.factories import MemberFactory
from tests.meetings.factories import DAY, cell_meeting, hospital_meeting
from tests.responses import close_response


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    close_response(response)
    return response


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    close_response(response)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_page_query_count_does_not_grow_with_meetings(client, world):
    client.force_login(world.users["office"])
    url = reverse("meetings:list", args=[world.hospital.pk])
    cell_meeting(world)
    few = _queries(client, url)
    for month in range(1, 8):
        cell_meeting(world, date=dt.date(2023, month, 20), title=f"Tháng {month}")
        hospital_meeting(world, date=dt.date(2023, month, 25))
    assert _queries(client, url) == few
    html = client.get(url).content.decode()
    assert "20/07/2023" in html  # dd/mm/yyyy


def test_list_filters_by_kind_and_year(client, world):
    cell_meeting(world)
    cell_meeting(world, date=dt.date(2022, 5, 10), title="Sinh hoạt tháng 5/2022")
    hospital_meeting(world)
    url = reverse("meetings:list", args=[world.hospital.pk])
    html = _get(client, world.users["office"], url + "?loai=cell_regular&nam=2023").content
    html = html.decode()
    assert "Sinh hoạt chi bộ tháng 6/2023" in html
    assert "tháng 5/2022" not in html and "sơ kết 6 tháng đầu năm" not in html


def test_detail_page_query_count_does_not_grow_with_its_size(client, world):
    client.force_login(world.users["secretary"])
    meeting = cell_meeting(world)
    url = reverse("meetings:detail", args=[meeting.pk])
    few = _queries(client, url)
    for i in range(6):
        MemberFactory(full_name=f"Đảng Viên {i}", organization=world.cell_a)
    meeting = cell_meeting(world, title="Lớn hơn")
    for i in range(3):
        meeting = _refresh(meeting)
        services.guest_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                           version=meeting.version, full_name=f"Khách {i}")  # fmt: skip
        meeting = _refresh(meeting)
        services.agenda_item_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                                 version=meeting.version, title=f"Nội dung {i}")  # fmt: skip
        meeting = _refresh(meeting)
        services.conclusion_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                                version=meeting.version, text=f"Kết luận {i}")  # fmt: skip
        meeting = _refresh(meeting)
        services.speech_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                            version=meeting.version, kind="discussion",
                            guest_id=meeting.guests.first().pk)  # fmt: skip
    assert _queries(client, reverse("meetings:detail", args=[meeting.pk])) == few


def _refresh(meeting):
    return Meeting.objects.get(pk=meeting.pk)


def _record(world, meeting, absent_on_duty=(), exempt=()):
    rows = {}
    for a in meeting.attendances.select_related("member"):
        if a.member in absent_on_duty:
            row = {"status": "absent_with_reason", "reason": "on_duty"}
        elif a.member in exempt:
            row = {"status": "absent_with_reason", "exempt": True}
        else:
            row = {"status": "present"}
        rows[a.pk] = row
    return services.attendance_record(actor=world.users["secretary"], meeting_id=meeting.pk,
                                      version=meeting.version, rows=rows)  # fmt: skip


def test_detail_shows_quorum_with_citation_absentees_and_task_links(client, world):
    meeting = cell_meeting(world)
    meeting = _record(world, meeting, absent_on_duty=[world.a_members[2]])
    meeting = _refresh(meeting)
    services.conclusion_add(actor=world.users["secretary"], meeting_id=meeting.pk,
                            version=meeting.version, text="Chi bộ rà soát hồ sơ",
                            deadline=dt.date(2023, 7, 31))  # fmt: skip
    html = _get(client, world.users["secretary"],
                reverse("meetings:detail", args=[meeting.pk])).content.decode()  # fmt: skip
    assert "Hội nghị hợp lệ: có mặt 2/3 đảng viên chính thức (cần ít nhất 2)." in html
    assert "Điều lệ Đảng, Điều 9 khoản 5" in html
    assert "Trần Văn An — Vắng có lý do: Trực" in html
    assert "31/07/2023" in html
    assert reverse("targets:tasks", args=[world.cell_a.pk]) in html
    assert reverse("meetings:attendance", args=[meeting.pk]) in html


def test_the_invited_member_reads_the_meeting_without_any_action(client, world):
    meeting = cell_meeting(world)
    member = world.users["member"]  # a_members[0], invited
    html = _get(client, member, reverse("meetings:detail", args=[meeting.pk])).content.decode()
    assert meeting.title in html
    assert reverse("meetings:attendance", args=[meeting.pk]) not in html
    assert reverse("meetings:edit", args=[meeting.pk]) not in html
    assert (
        _get(client, member, reverse("meetings:attendance", args=[meeting.pk])).status_code == 403
    )
    # a meeting of cell B: she is neither invited nor a reader there
    other = Meeting.objects.create(organization=world.cell_b, kind="cell_regular", title="B",
                                   date=DAY, start_time=dt.time(8, 0))  # fmt: skip
    assert _get(client, member, reverse("meetings:detail", args=[other.pk])).status_code == 404


def test_the_reader_sees_no_action_links(client, world):
    meeting = cell_meeting(world)
    html = _get(client, world.users["reader"],
                reverse("meetings:detail", args=[meeting.pk])).content.decode()  # fmt: skip
    assert meeting.title in html
    assert reverse("meetings:attendance", args=[meeting.pk]) not in html
    assert reverse("meetings:guest_add", args=[meeting.pk]) not in html


def test_attendance_page_saves_all_rows_and_shows_the_quorum(client, world):
    meeting = cell_meeting(world)
    a = {x.member_id: x for x in meeting.attendances.all()}
    m0, m1, m2 = world.a_members
    data = {
        "version": meeting.version,
        f"s-{a[m0.pk].pk}": "present", f"s-{a[m1.pk].pk}": "absent_with_reason",
        f"r-{a[m1.pk].pk}": "on_duty", f"s-{a[m2.pk].pk}": "absent_with_reason",
        f"e-{a[m2.pk].pk}": "1",
    }  # fmt: skip
    client.force_login(world.users["secretary"])
    url = reverse("meetings:attendance", args=[meeting.pk])
    response = client.post(url, data)
    close_response(response)
    assert response.status_code == 302
    html = client.get(url).content.decode()
    # denominator 3 − 1 exempt absent = 2; present 1 of 2 is not more than half
    assert "Chưa đủ số lượng: có mặt 1/2 đảng viên chính thức, cần ít nhất 2." in html
    exempt = Attendance.objects.get(pk=a[m2.pk].pk)
    assert exempt.exempt and exempt.reason_text == "Miễn công tác và sinh hoạt đảng"


def test_attendance_page_names_the_member_whose_reason_is_missing(client, world):
    meeting = cell_meeting(world)
    row = meeting.attendances.get(member=world.a_members[1])
    client.force_login(world.users["secretary"])
    response = client.post(
        reverse("meetings:attendance", args=[meeting.pk]),
        {"version": meeting.version, f"s-{row.pk}": "absent_with_reason"},
    )
    html = response.content.decode()
    close_response(response)
    assert response.status_code == 200
    assert "Nguyễn Thị Ánh: vắng có lý do thì chọn hoặc ghi lý do" in html
    assert _refresh(meeting).attendance_taken_at is None


def test_stale_attendance_form_is_refused(client, world):
    meeting = cell_meeting(world)
    client.force_login(world.users["secretary"])
    response = client.post(reverse("meetings:attendance", args=[meeting.pk]),
                           {"version": meeting.version - 1})  # fmt: skip
    html = response.content.decode()
    close_response(response)
    assert "đã được người khác cập nhật" in html


def test_compliance_board_shows_missed_too_short_held_and_future(client, world):
    for month, end in ((1, dt.time(15, 30)), (2, dt.time(15, 0))):
        m = cell_meeting(world, date=dt.date(2023, month, 20), end_time=end)
        Meeting.objects.filter(pk=m.pk).update(status="held")
    url = reverse("meetings:compliance", args=[world.hospital.pk]) + "?nam=2023"
    html = _get(client, world.users["office"], url).content.decode()
    row = html.split("Chi bộ Khoa Nội")[1].split("</tr>")[0]
    assert row.count('class="held"') == 1 and row.count('class="too_short"') == 1
    assert 'class="missed"' in row  # 2023 is over: the other months were missed
    assert "Chi bộ Khoa Ngoại" in html
    # On a phone each cell becomes a card and each month says which it is (meetings.css).
    assert 'data-label="Tháng 01/2023"' in row and 'data-label="Tháng 12/2023"' in row


def test_member_sees_her_upcoming_meetings(client, world, settings):
    future = dt.date.today() + dt.timedelta(days=10)
    meeting = cell_meeting(world, date=future, title="Sinh hoạt chi bộ sắp tới")
    html = _get(client, world.users["member"], reverse("meetings:index")).content.decode()
    assert "Cuộc họp sắp tới" in html and meeting.title in html
    assert future.strftime("%d/%m/%Y") in html
    assert _get(client, world.users["communications"], reverse("meetings:index")).status_code == 404


@pytest.mark.parametrize(
    "role,shown", [("member", True), ("office", True), ("communications", False)]
)
def test_menu_entry_follows_the_predicate(client, world, role, shown):
    html = _get(client, world.users[role], reverse("targets:mine")).content.decode()
    assert (f'href="{reverse("meetings:index")}"' in html) is shown
