"""Issue 8, item 9: the meetings API — meetings and attendance, scoped like the pages (404
outside the scope, 403 for read-only, 409 on a stale version, 422 naming the row), a bounded
number of queries for the list and the detail, and the operations in the OpenAPI schema."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangbo.meetings import services
from dangbo.meetings.models import Attendance, Meeting, MeetingStatus
from tests.factories import MemberFactory
from tests.meetings.factories import cell_meeting, hospital_meeting
from tests.responses import close_response


def _get(client, user, url, **params):
    client.force_login(user)
    response = client.get(url, params)
    close_response(response)
    return response


def _put(client, user, url, data):
    client.force_login(user)
    response = client.put(url, data, content_type="application/json")
    close_response(response)
    return response


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    close_response(response)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


def _fresh(meeting):
    return Meeting.objects.get(pk=meeting.pk)


def _do(service, world, meeting, **values):
    """Call a meetings service as cell A's secretary with the meeting's current version."""
    return service(actor=world.users["secretary"], meeting_id=meeting.pk,
                   version=_fresh(meeting).version, **values)  # fmt: skip


def _rows(world, **overrides):
    """Every member of cell A present, with per-member overrides (index → fields)."""
    rows = []
    for i, member in enumerate(world.a_members):
        row = {"member_id": member.pk, "status": "present"}
        row.update(overrides.get(f"m{i}", {}))
        rows.append(row)
    return rows


# ---- scoping ----------------------------------------------------------------------------------
def test_list_is_scoped_per_role(client, world):
    cell = cell_meeting(world)
    hosp = hospital_meeting(world)
    other = services.meeting_create(
        actor=world.users["other_office"], organization=world.other_cell, kind="cell_regular",
        title="Chi bộ Khoa Sản tháng 6", date=dt.date(2023, 6, 20),
        start_time=dt.time(14, 0), end_time=dt.time(16, 0),
    )  # fmt: skip

    def ids(role, **params):
        response = _get(client, world.users[role], "/api/meetings", **params)
        assert response.status_code == 200
        return {m["id"] for m in response.json()["items"]}

    assert ids("office") == {cell.pk, hosp.pk}  # the hospital's subtree
    assert ids("reader") == {cell.pk, hosp.pk, other.pk}  # the superior's subtree
    assert ids("secretary") == {cell.pk}  # her cell only
    assert ids("other_office") == {other.pk}
    assert ids("communications") == set()
    # a member: only the meetings she is invited to (the hospital review invites the subtree)
    assert ids("member") == {cell.pk, hosp.pk}
    cell_b = services.meeting_create(
        actor=world.users["office"], organization=world.cell_b, kind="cell_regular",
        title="Chi bộ Khoa Ngoại tháng 6", date=dt.date(2023, 6, 21),
        start_time=dt.time(14, 0), end_time=dt.time(16, 0),
    )  # fmt: skip
    assert cell_b.pk in ids("office") and cell_b.pk not in ids("member")


def test_list_filters(client, world):
    june = cell_meeting(world)
    may22 = cell_meeting(world, date=dt.date(2022, 5, 10), title="Tháng 5/2022")
    hosp = hospital_meeting(world)
    future = cell_meeting(world, date=dt.date.today() + dt.timedelta(days=3), title="Sắp tới")
    office = world.users["office"]

    def ids(**params):
        response = _get(client, office, "/api/meetings", **params)
        assert response.status_code == 200, response.content
        return [m["id"] for m in response.json()["items"]]

    assert set(ids(organization_id=world.cell_a.pk)) == {june.pk, may22.pk, future.pk}
    assert set(ids(kind="mid_year_review")) == {hosp.pk}
    assert set(ids(year=2022)) == {may22.pk}
    assert ids(upcoming="true") == [future.pk]
    item = _get(client, office, "/api/meetings", year=2022).json()["items"][0]
    assert item["invited"] == 3 and item["present"] == 3
    assert item["ics_url"] == reverse("meetings:meeting_ics", args=[may22.pk])
    page = _get(client, office, "/api/meetings").json()
    assert page["calendar_feeds_url"] == reverse("meetings:calendar_feeds")
    assert item["kind"] == "cell_regular" and item["url"] == reverse(
        "meetings:detail", args=[may22.pk]
    )
    # an organization outside the scope: 404, as on the pages
    r = _get(client, office, "/api/meetings", organization_id=world.other_cell.pk)
    assert r.status_code == 404
    r = _get(client, world.users["secretary"], "/api/meetings", organization_id=world.cell_b.pk)
    assert r.status_code == 404
    # an unknown kind is refused
    assert _get(client, office, "/api/meetings", kind="picnic").status_code == 422


def test_detail_scoping(client, world):
    meeting = cell_meeting(world)
    url = f"/api/meetings/{meeting.pk}"
    expected = {
        "admin": 200, "office": 200, "secretary": 200, "member": 200, "reader": 200,
        "communications": 404, "other_office": 404,
    }  # fmt: skip
    got = {role: _get(client, world.users[role], url).status_code for role in expected}
    assert got == expected
    # a secretary of another cell does not see cell A's meeting
    sec_b = _other_cell_secretary(world)
    assert _get(client, sec_b, url).status_code == 404
    assert _get(client, sec_b, url + "/attendance").status_code == 404
    assert _put(client, sec_b, url + "/attendance", {"version": 1, "rows": []}).status_code == 404


def _other_cell_secretary(world):
    from tests.factories import user_with_role

    return user_with_role("secretary_b", "cell_secretary", world.cell_b)


def test_member_not_invited_gets_404(client, world):
    """A member of cell B is not invited to cell A's meeting."""
    from tests.factories import user_with_role

    meeting = cell_meeting(world)
    member_b = user_with_role("member_b", "member", member=world.b_members[0])
    assert _get(client, member_b, f"/api/meetings/{meeting.pk}").status_code == 404
    assert _get(client, member_b, "/api/meetings").json()["items"] == []


# ---- detail -----------------------------------------------------------------------------------
def test_detail_content(client, world):
    sec = world.users["secretary"]
    meeting = cell_meeting(world)
    _do(services.agenda_item_add, world, meeting, title="Kiểm điểm công tác tháng",
        presenter="Bí thư", minutes=30)  # fmt: skip
    guest = _do(services.guest_add, world, meeting, full_name="Nguyễn Văn Khách", rank="Đại tá")
    _do(services.speech_add, world, meeting, kind="directive", guest_id=guest.pk,
        summary="Chỉ đạo")  # fmt: skip
    rows = {a.pk: {"status": "present"} for a in Attendance.objects.filter(meeting=meeting)}
    _do(services.attendance_record, world, meeting, rows=rows)
    _do(services.vote_add, world, meeting, matter="Thông qua nghị quyết", votes_for=3)
    conclusion = _do(services.conclusion_add, world, meeting, text="Hoàn thiện nghị quyết",
                     deadline=dt.date(2023, 7, 15))  # fmt: skip
    data = _get(client, world.users["member"], f"/api/meetings/{meeting.pk}").json()
    assert data["version"] == _fresh(meeting).version
    assert data["ics_url"] == reverse("meetings:meeting_ics", args=[meeting.pk])
    ics = _get(client, world.users["member"], data["ics_url"])  # the link works for her
    assert ics.status_code == 200 and b"BEGIN:VCALENDAR" in ics.content
    assert data["can_edit"] is False  # the invited member only reads
    assert [a["title"] for a in data["agenda"]] == ["Kiểm điểm công tác tháng"]
    assert data["counts"]["listed"] == 3 and data["counts"]["present"] == 3
    assert data["quorum"]["valid"] is True and data["quorum"]["citation"]
    assert data["guests"][0]["display"].startswith("Đại tá Nguyễn Văn Khách")
    assert data["speeches"][0]["kind"] == "directive"
    assert data["speeches"][0]["speaker"].startswith("Đại tá Nguyễn Văn Khách")
    assert data["votes"][0]["result"]["passed"] is True and data["votes"][0]["result"]["citation"]
    assert data["conclusions"][0]["task_id"] == conclusion.task_id is not None
    assert data["conclusions"][0]["deadline"] == "2023-07-15"
    secretary_view = _get(client, sec, f"/api/meetings/{meeting.pk}").json()
    assert secretary_view["can_edit"] is True


def test_detail_without_attendance_has_no_quorum(client, world):
    meeting = cell_meeting(world)
    data = _get(client, world.users["office"], f"/api/meetings/{meeting.pk}").json()
    assert data["quorum"] is None
    assert data["agenda"] == []
    assert "no_agenda" in {p["code"] for p in data["problems"]}  # rules.agenda_problem


# ---- query counts -----------------------------------------------------------------------------
def test_list_query_count_does_not_grow(client, world):
    client.force_login(world.users["office"])
    cell_meeting(world)
    few = _queries(client, "/api/meetings")
    for month in range(1, 8):
        cell_meeting(world, date=dt.date(2023, month, 20), title=f"Tháng {month}")
        hospital_meeting(world, date=dt.date(2023, month, 25))
    assert _queries(client, "/api/meetings") == few
    assert few <= 5  # session, user, roles; the page; the count


def test_detail_query_count_does_not_grow(client, world):
    sec = world.users["secretary"]
    client.force_login(sec)
    small = cell_meeting(world)
    few = _queries(client, f"/api/meetings/{small.pk}")
    for i in range(5):
        MemberFactory(full_name=f"Đảng Viên {i}", organization=world.cell_a)
    big = cell_meeting(world, title="Lớn hơn")
    for i in range(3):
        _do(services.agenda_item_add, world, big, title=f"Nội dung {i}")
        g = _do(services.guest_add, world, big, full_name=f"Khách {i}")
        _do(services.speech_add, world, big, kind="directive", guest_id=g.pk)
        _do(services.conclusion_add, world, big, text=f"Kết luận {i}")
    rows = {a.pk: {"status": "present"} for a in Attendance.objects.filter(meeting=big)}
    _do(services.attendance_record, world, big, rows=rows)
    _do(services.vote_add, world, big, matter="Biểu quyết", votes_for=5)
    assert _queries(client, f"/api/meetings/{big.pk}") == few
    assert few <= 10  # session, user, roles; the meeting; queries.meeting_detail (6)


# ---- recording attendance ---------------------------------------------------------------------
def test_put_attendance_records_through_the_service(client, world):
    meeting = cell_meeting(world)
    url = f"/api/meetings/{meeting.pk}/attendance"
    before = _get(client, world.users["secretary"], url).json()
    assert before["version"] == 1 and before["quorum"] is None and before["can_edit"] is True
    rows = _rows(world, m1={"status": "absent_with_reason", "reason": "after_night_shift"},
                 m2={"status": "absent_without_reason", "reason_text": "bỏ qua"})  # fmt: skip
    r = _put(client, world.users["secretary"], url, {"version": 1, "rows": rows})
    assert r.status_code == 200, r.content
    data = r.json()
    assert data["version"] == 2 and data["attendance_taken_at"]
    by_member = {row["member_id"]: row for row in data["rows"]}
    ab = by_member[world.a_members[1].pk]
    assert ab["status"] == "absent_with_reason" and ab["reason"] == "after_night_shift"
    assert by_member[world.a_members[2].pk]["reason_text"] == ""  # no reason kept
    assert data["counts"]["present"] == 1
    assert data["quorum"]["valid"] is False and data["quorum"]["citation"]
    a = Attendance.objects.get(meeting=meeting, member=world.a_members[1])
    assert a.status == "absent_with_reason" and a.history.count() == 2  # history kept
    assert _fresh(meeting).version == 2


def test_put_attendance_stale_version_409(client, world):
    meeting = cell_meeting(world)
    url = f"/api/meetings/{meeting.pk}/attendance"
    assert _put(client, world.users["office"], url,
                {"version": 1, "rows": _rows(world)}).status_code == 200  # fmt: skip
    r = _put(client, world.users["secretary"], url, {"version": 1, "rows": _rows(world)})
    assert r.status_code == 409
    assert "đã được người khác cập nhật" in r.json()["detail"]
    assert _fresh(meeting).version == 2


def test_put_attendance_read_only_403(client, world):
    meeting = cell_meeting(world)
    url = f"/api/meetings/{meeting.pk}/attendance"
    for role in ("reader", "member"):
        r = _put(client, world.users[role], url, {"version": 1, "rows": _rows(world)})
        assert r.status_code == 403, role
    assert _get(client, world.users["reader"], url).json()["can_edit"] is False
    for role in ("communications", "other_office"):
        r = _put(client, world.users[role], url, {"version": 1, "rows": _rows(world)})
        assert r.status_code == 404, role
    assert _fresh(meeting).attendance_taken_at is None


def test_put_attendance_locked_meeting_403_with_reason(client, world):
    meeting = cell_meeting(world)
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.MINUTES_APPROVED)
    url = f"/api/meetings/{meeting.pk}/attendance"
    r = _put(client, world.users["secretary"], url, {"version": 1, "rows": _rows(world)})
    assert r.status_code == 403
    assert "đã được duyệt" in r.json()["detail"]


@pytest.mark.parametrize(
    "rows,key,text",
    [
        ([{"member_id": 0, "status": "present"}], "rows.0", "không có trong danh sách mời"),
        ("dup", "rows.1", "đã có ở dòng 1"),
        ([{"status": "absent"}], "rows.0", "tình trạng điểm danh “absent” không hợp lệ"),
        ([{"status": "absent_with_reason", "reason": "tired"}], "rows.0", "lý do vắng “tired”"),
        ([{"status": "absent_with_reason", "reason_text": "x" * 201}], "rows.0", "quá 200 ký tự"),
        ([{"status": "absent_with_reason"}], "rows.0", "vắng có lý do thì chọn hoặc ghi lý do"),
        ([], "rows", "ít nhất một dòng"),
    ],
)
def test_put_attendance_validation_422(client, world, rows, key, text):
    meeting = cell_meeting(world)
    member = world.a_members[0]
    if rows == "dup":
        rows = [{"member_id": member.pk, "status": "present"}] * 2
    else:
        rows = [{"member_id": member.pk, **r} for r in rows]
    url = f"/api/meetings/{meeting.pk}/attendance"
    r = _put(client, world.users["secretary"], url, {"version": 1, "rows": rows})
    assert r.status_code == 422, r.content
    errors = r.json()["errors"]
    assert key in errors and any(text in m for m in errors[key]), errors
    assert text in r.json()["detail"]
    assert _fresh(meeting).version == 1  # nothing saved


def test_put_attendance_exempt_member_needs_no_reason(client, world):
    meeting = cell_meeting(world)
    url = f"/api/meetings/{meeting.pk}/attendance"
    rows = _rows(world, m0={"status": "absent_with_reason", "exempt": True},
                 m1={"registered_elsewhere": True})  # fmt: skip
    r = _put(client, world.users["secretary"], url, {"version": 1, "rows": rows})
    assert r.status_code == 200, r.content
    data = r.json()
    assert data["counts"]["exempt"] == 1 and data["counts"]["registered_elsewhere"] == 1
    row = next(x for x in data["rows"] if x["member_id"] == world.a_members[0].pk)
    assert row["reason_text"] == services.exempt_reason()


def test_put_attendance_bad_body_is_422(client, world):
    meeting = cell_meeting(world)
    url = f"/api/meetings/{meeting.pk}/attendance"
    r = _put(client, world.users["secretary"], url, {"rows": []})  # no version
    assert r.status_code == 422


# ---- schema -----------------------------------------------------------------------------------
def test_openapi_schema_has_the_meeting_operations(client, world):
    client.force_login(world.users["office"])
    response = client.get("/api/openapi.json")
    close_response(response)
    paths = response.json()["paths"]
    assert set(paths["/api/meetings"]) == {"get"}
    assert set(paths["/api/meetings/{meeting_id}"]) == {"get"}
    assert set(paths["/api/meetings/{meeting_id}/attendance"]) == {"get", "put"}
    put = paths["/api/meetings/{meeting_id}/attendance"]["put"]
    assert {"200", "403", "409", "422"} <= set(put["responses"])


def test_attendance_query_count_does_not_grow(client, world):
    client.force_login(world.users["secretary"])
    small = cell_meeting(world)
    few = _queries(client, f"/api/meetings/{small.pk}/attendance")
    for i in range(5):
        MemberFactory(full_name=f"Đảng Viên {i}", organization=world.cell_a)
    big = cell_meeting(world, title="Lớn hơn")
    for i in range(3):
        _do(services.guest_add, world, big, full_name=f"Khách {i}")
    assert _queries(client, f"/api/meetings/{big.pk}/attendance") == few
