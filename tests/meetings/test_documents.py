"""Issue 8, item 1 ("documents attached and published to invitees ahead of the meeting", rule
3: published ≥ 1 day ahead, ``rules.documents_deadline``; study sessions on named documents)
and item 7 ("a member sees upcoming meetings, their documents"): upload checks, publication
with the late warning, download only through the view and only as the predicate allows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dangbo.meetings import documents_services as ds
from dangbo.meetings.models import Meeting, MeetingDocument
from tests.meetings.factories import cell_meeting
from tests.responses import close_response

PDF = b"%PDF-1.4 nghi quyet 57"
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.DANGBO_EVIDENCE_MAX_MB = 1


def _pdf(name="nq-57.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _add(world, meeting, title="Nghị quyết số 57-NQ/TW", file=None):
    meeting.refresh_from_db()
    return ds.document_add(
        actor=world.users["secretary"], meeting_id=meeting.pk, version=meeting.version,
        title=title, file=file or _pdf(),
    )  # fmt: skip


def _publish(world, doc):
    version = Meeting.objects.get(pk=doc.meeting_id).version
    return ds.document_publish(actor=world.users["secretary"], document_id=doc.pk, version=version)


def _future(days=10, **values):
    return {"date": timezone.localdate() + dt.timedelta(days=days), **values}


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    close_response(response)
    return response


# ---- upload checks (item 1; the evidence files' checks reused) ---------------------------------
@pytest.mark.parametrize(
    "name,content,code",
    [
        ("virus.exe", b"MZ...", "không thuộc loại được nhận"),
        ("gia.pdf", b"MZ not a pdf", "Nội dung tệp"),
        ("lon.pdf", b"%PDF-" + b"x" * (1024 * 1024 + 10), "quá lớn"),
    ],
)
def test_upload_refuses_wrong_type_forged_content_and_oversize(world, name, content, code):
    meeting = cell_meeting(world, kind="study", **_future(title="Học tập Nghị quyết 57"))
    with pytest.raises(ValidationError) as exc:
        _add(world, meeting, file=_pdf(name, content))
    assert any(code in m for m in exc.value.message_dict["file"])
    assert not MeetingDocument.objects.exists()


def test_upload_needs_a_title_and_a_manager(world):
    meeting = cell_meeting(world, **_future())
    with pytest.raises(ValidationError) as exc:
        _add(world, meeting, title="  ")
    assert "title" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        ds.document_add(actor=world.users["member"], meeting_id=meeting.pk,
                        version=meeting.version, title="X", file=_pdf())  # fmt: skip


def test_study_session_document_is_stored_unpublished_with_history(world):
    meeting = cell_meeting(world, kind="study", **_future(title="Học tập Nghị quyết 57"))
    doc = _add(world, meeting, title="Nghị quyết số 57-NQ/TW về đột phá phát triển KHCN")
    assert doc.published_at is None and doc.uploaded_by == world.users["secretary"]
    assert doc.file.read() == PDF
    assert doc.history.count() == 1
    meeting.refresh_from_db()
    assert meeting.version == 2  # optimistic locking: the meeting's version moved


# ---- publication and the 01-day rule (item 3, decision 9) -------------------------------------
def test_publish_in_time_sets_the_time_without_warning(world):
    meeting = cell_meeting(world, **_future(days=10))
    doc, problem = _publish(world, _add(world, meeting))
    assert doc.published_at is not None and problem is None
    assert MeetingDocument.objects.get(pk=doc.pk).published_at == doc.published_at


def test_publish_late_is_done_with_a_warning_and_its_citation(world):
    meeting = cell_meeting(world, **_future(days=1, start_time=dt.time(0, 0), end_time=None))
    doc, problem = _publish(world, _add(world, meeting))
    # tomorrow 00:00: the deadline was today 00:00, already past
    assert doc.published_at is not None  # a warning, not an error
    assert problem is not None and problem.code == "documents_late"
    assert "42-HD/BTCTW" in problem.citation and "01 ngày" in problem.message


def test_exactly_one_day_ahead_is_on_time(world):
    meeting = cell_meeting(world, date=dt.date(2023, 6, 29), start_time=dt.time(14, 0))
    doc = MeetingDocument(meeting=meeting, title="T")
    doc.published_at = dt.datetime(2023, 6, 28, 14, 0, tzinfo=VN)
    assert ds.publication_problem(meeting, doc) is None
    doc.published_at = dt.datetime(2023, 6, 28, 14, 1, tzinfo=VN)
    assert ds.publication_problem(meeting, doc).code == "documents_late"


def test_published_document_cannot_be_removed_unpublished_one_can(world, tmp_path):
    meeting = cell_meeting(world, **_future())
    kept, _p = _publish(world, _add(world, meeting))
    gone = _add(world, meeting, title="Dự thảo")
    stored = tmp_path / gone.file.name
    assert stored.exists()
    with pytest.raises(PermissionDenied):
        ds.document_remove(actor=world.users["secretary"], document_id=kept.pk,
                           version=Meeting.objects.get(pk=meeting.pk).version)  # fmt: skip
    with pytest.raises(ValidationError):
        _publish(world, kept)  # already published
    ds.document_remove(actor=world.users["secretary"], document_id=gone.pk,
                       version=Meeting.objects.get(pk=meeting.pk).version)  # fmt: skip
    assert list(MeetingDocument.objects.values_list("pk", flat=True)) == [kept.pk]


# ---- download through the view (item 7) ------------------------------------------------------
def test_invitee_gets_404_before_publication_and_the_file_after(client, world):
    meeting = cell_meeting(world, **_future())
    doc = _add(world, meeting)
    url = reverse("meetings:document_download", args=[meeting.pk, doc.pk])
    assert _get(client, world.users["member"], url).status_code == 404
    assert _get(client, world.users["secretary"], url).status_code == 200  # managers always
    _publish(world, doc)
    client.force_login(world.users["member"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "attachment" in response["Content-Disposition"]
    close_response(response)


@pytest.mark.parametrize("role", ["communications", "other_office"])
def test_reader_outside_scope_gets_404_even_when_published(client, world, role):
    meeting = cell_meeting(world, **_future())
    doc, _p = _publish(world, _add(world, meeting))
    url = reverse("meetings:document_download", args=[meeting.pk, doc.pk])
    assert _get(client, world.users[role], url).status_code == 404


def test_file_is_not_under_a_public_media_url(client, world, settings):
    meeting = cell_meeting(world, **_future())
    doc, _p = _publish(world, _add(world, meeting))
    html = _get(client, world.users["member"], reverse("meetings:detail", args=[meeting.pk]))
    text = html.content.decode()
    assert reverse("meetings:document_download", args=[meeting.pk, doc.pk]) in text
    assert doc.file.name not in text


# ---- pages ------------------------------------------------------------------------------------
def test_detail_page_shows_late_badge_and_manager_forms(client, world):
    meeting = cell_meeting(world, **_future(days=1, start_time=dt.time(0, 0), end_time=None))
    _publish(world, _add(world, meeting, title="Nghị quyết số 57-NQ/TW"))
    _add(world, meeting, title="Dự thảo báo cáo")
    url = reverse("meetings:detail", args=[meeting.pk])
    html = _get(client, world.users["secretary"], url).content.decode()
    assert "document-late" in html and "Đăng muộn" in html
    assert 'id="document-upload"' in html and "Đăng cho đảng viên" in html
    member = _get(client, world.users["member"], url).content.decode()
    assert "Nghị quyết số 57-NQ/TW" in member and "Dự thảo báo cáo" not in member
    assert 'id="document-upload"' not in member


def test_upload_and_publish_through_the_pages(client, world):
    meeting = cell_meeting(world, **_future())
    client.force_login(world.users["secretary"])
    response = client.post(
        reverse("meetings:document_add", args=[meeting.pk]),
        {"title": "Kết luận số 123-KL/TW", "file": _pdf(), "version": meeting.version},
    )
    close_response(response)
    assert response.status_code == 302
    doc = MeetingDocument.objects.get()
    meeting.refresh_from_db()
    response = client.post(
        reverse("meetings:document_publish", args=[meeting.pk, doc.pk]),
        {"version": meeting.version},
    )
    close_response(response)
    assert response.status_code == 302
    assert MeetingDocument.objects.get().published_at is not None
    bad = client.post(
        reverse("meetings:document_add", args=[meeting.pk]),
        {"title": "X", "file": _pdf("a.exe", b"MZ"), "version": meeting.version + 1},
    )
    close_response(bad)
    assert bad.status_code == 200 and "không thuộc loại được nhận" in bad.content.decode()


def test_member_sees_published_documents_of_upcoming_meetings(client, world):
    first = cell_meeting(world, **_future(days=5, title="Sinh hoạt chi bộ sắp tới"))
    _publish(world, _add(world, first, title="Nghị quyết số 57-NQ/TW"))
    _add(world, first, title="Dự thảo chưa đăng")
    url = reverse("meetings:index")
    client.force_login(world.users["member"])
    with CaptureQueriesContext(connection) as few:
        close_response(client.get(url))
    for i in range(3):
        other = cell_meeting(world, **_future(days=6 + i, title=f"Họp {i}"))
        _publish(world, _add(world, other, title=f"Tài liệu {i}"))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    html = response.content.decode()
    close_response(response)
    assert len(many.captured_queries) == len(few.captured_queries)  # one query for documents
    assert "Nghị quyết số 57-NQ/TW" in html and "Tài liệu 2" in html
    assert "Dự thảo chưa đăng" not in html
