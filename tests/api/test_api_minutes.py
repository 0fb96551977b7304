"""Issue 8, items 5 and 9: the minutes API, scoped like the pages (404 outside the scope, 403
for read-only callers and for a draft an invited member may not read), and the Done-when
"Approved minutes cannot be changed except by a new version with a reason (tested via page and
API)" — PUT on an approved version answers 403 with the reason, a new version without a reason
422, with a reason 201 while the approved version stays readable; 409 on a stale version."""

from __future__ import annotations

import pytest
from django.urls import reverse

from dangbo.meetings import minutes_services, permissions, services
from dangbo.meetings.models import Meeting, MeetingStatus, Minutes
from tests.meetings.factories import cell_meeting
from tests.responses import close_response


def _call(client, user, method, url, data=None):
    client.force_login(user)
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, data or {}, content_type="application/json")
    close_response(response)
    return response


@pytest.fixture
def draft(world):
    """Cell A's meeting, held, with version 1 of its minutes as a draft."""
    actor = world.users["secretary"]
    meeting = cell_meeting(world)
    services.attendance_record(actor=actor, meeting_id=meeting.pk, version=meeting.version,
                               rows={})  # fmt: skip
    meeting.refresh_from_db()
    services.meeting_mark_held(actor=actor, meeting_id=meeting.pk, version=meeting.version)
    return minutes_services.minutes_create(actor=actor, meeting_id=meeting.pk)


def _approve(world, row):
    return minutes_services.minutes_approve(
        actor=world.users["secretary"], minutes_id=row.pk, version=row.version
    )


def _base(row):
    return f"/api/meetings/{row.meeting_id}/minutes"


# ---- scoping ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "listed", "detail", "put"),
    [
        ("office", [1], 200, 200),
        ("secretary", [1], 200, 200),
        ("reader", [1], 200, 403),  # reads the organization, changes nothing
        ("member", [], 403, 403),  # invited: the approved versions only
        ("other_office", None, 404, 404),  # another hospital: not even the meeting
        ("communications", None, 404, 404),
    ],
)
def test_draft_is_scoped_per_role(client, world, draft, role, listed, detail, put):
    user = world.users[role]
    response = _call(client, user, "get", _base(draft))
    if listed is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert [m["number"] for m in response.json()["items"]] == listed
    assert _call(client, user, "get", f"{_base(draft)}/1").status_code == detail
    response = _call(client, user, "put", f"{_base(draft)}/1",
                     {"version": draft.version, "text": "Sửa."})  # fmt: skip
    assert response.status_code == put
    assert Minutes.objects.get(pk=draft.pk).text == draft.text or role in {"office", "secretary"}


def test_invited_member_reads_the_approved_version(client, world, draft):
    _approve(world, draft)
    response = _call(client, world.users["member"], "get", _base(draft))
    assert [m["number"] for m in response.json()["items"]] == [1]
    response = _call(client, world.users["member"], "get", f"{_base(draft)}/1")
    assert response.status_code == 200
    body = response.json()
    assert body["is_draft"] is False and body["can_edit"] is False
    assert body["approved_by"] and body["approved_at"]
    for key, name in (("print_url", "minutes_print"), ("docx_url", "minutes_docx"),
                      ("pdf_url", "minutes_pdf")):  # fmt: skip
        assert body[key] == reverse(f"meetings:{name}", args=[draft.meeting_id, 1])
    pdf = _call(client, world.users["member"], "get", body["pdf_url"])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    # the member cannot start a version
    response = _call(client, world.users["member"], "post", _base(draft), {"reason": "Sửa"})
    assert response.status_code == 403


def test_unknown_version_is_404(client, world, draft):
    assert _call(client, world.users["office"], "get", f"{_base(draft)}/9").status_code == 404


# ---- draft → approved → new version with a reason ---------------------------------------------
def test_put_updates_a_draft_and_a_stale_version_is_409(client, world, draft):
    user = world.users["secretary"]
    url = f"{_base(draft)}/1"
    response = _call(client, user, "put", url, {"version": draft.version, "text": "Nội dung mới"})
    assert response.status_code == 200, response.content
    assert response.json()["text"] == "Nội dung mới\n"
    assert response.json()["version"] == draft.version + 1
    response = _call(client, user, "put", url, {"version": draft.version, "text": "Ghi đè"})
    assert response.status_code == 409
    assert "người khác cập nhật" in response.json()["detail"]
    assert Minutes.objects.get(pk=draft.pk).text == "Nội dung mới\n"


def test_empty_text_is_422_naming_the_field(client, world, draft):
    response = _call(client, world.users["secretary"], "put", f"{_base(draft)}/1",
                     {"version": draft.version, "text": "  "})  # fmt: skip
    assert response.status_code == 422
    assert "text" in response.json()["errors"]


def test_approve_locks_the_version_and_the_meeting(client, world, draft):
    user = world.users["secretary"]
    url = f"{_base(draft)}/1/approve"
    assert _call(client, user, "post", url, {"version": draft.version - 1}).status_code == 409
    response = _call(client, user, "post", url, {"version": draft.version})
    assert response.status_code == 200, response.content
    assert response.json()["is_draft"] is False
    assert Meeting.objects.get(pk=draft.meeting_id).status == MeetingStatus.MINUTES_APPROVED
    # approving again: the version is approved
    response = _call(client, user, "post", url, {"version": draft.version + 1})
    assert response.status_code == 403
    assert response.json()["detail"] == permissions.minutes_approved_message()


def test_approved_minutes_change_only_by_a_new_version_with_a_reason(client, world, draft):
    """Done-when (via the API): PUT on the approved version → 403 with the Vietnamese reason;
    POST a new version without a reason → 422 on ``reason``; with one → 201, version 2 a
    draft with the reason, and version 1 still readable and unchanged."""
    approved = _approve(world, draft)
    user = world.users["office"]
    response = _call(client, user, "put", f"{_base(draft)}/1",
                     {"version": approved.version, "text": "Sửa sau khi duyệt"})  # fmt: skip
    assert response.status_code == 403
    assert response.json()["detail"] == permissions.minutes_approved_message()
    assert "đã được duyệt" in response.json()["detail"]
    assert Minutes.objects.get(pk=draft.pk).text == approved.text

    response = _call(client, user, "post", _base(draft), {"reason": "   "})
    assert response.status_code == 422
    assert "lý do" in response.json()["errors"]["reason"][0]
    assert Minutes.objects.filter(meeting_id=draft.meeting_id).count() == 1

    response = _call(client, user, "post", _base(draft),
                     {"reason": "Bổ sung ý kiến của đồng chí Bí thư"})  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == 2 and body["is_draft"] is True
    assert body["reason"] == "Bổ sung ý kiến của đồng chí Bí thư"
    assert body["text"] == approved.text

    old = _call(client, user, "get", f"{_base(draft)}/1")
    assert old.status_code == 200
    assert old.json()["is_draft"] is False and old.json()["text"] == approved.text
    listed = _call(client, user, "get", _base(draft)).json()
    assert [m["number"] for m in listed["items"]] == [2, 1]
    assert listed["needs_reason"] is True and listed["can_draft"] is False


def test_second_draft_while_one_is_open_is_422(client, world, draft):
    response = _call(client, world.users["secretary"], "post", _base(draft), {})
    assert response.status_code == 422
    assert "nháp số 1" in response.json()["detail"]


def test_operations_are_in_the_schema(client, world):
    response = _call(client, world.users["office"], "get", "/api/openapi.json")
    paths = response.json()["paths"]
    assert set(paths["/api/meetings/{meeting_id}/minutes"]) == {"get", "post"}
    assert set(paths["/api/meetings/{meeting_id}/minutes/{number}"]) == {"get", "put"}
    assert set(paths["/api/meetings/{meeting_id}/minutes/{number}/approve"]) == {"post"}
