"""Issue 10 item 5: the editorial workflow — the communications team writes, photos with
captions, submits; the office of the post's organization approves (publishes) or sends back;
the consistency check (item 4) before publishing; drafts from a meeting (item 6)."""

from __future__ import annotations

import sys
import types
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dangbo.news import queries, services
from dangbo.news.models import Post
from tests.news.conftest import BODY, png_upload


def _draft(world, **values):
    return services.post_create(
        actor=world.users["communications"], organization=world.hospital,
        title="Hội nghị Đảng ủy bệnh viện phiên 6 tháng đầu năm 2023", body=BODY, **values,
    )  # fmt: skip


def test_communications_writes_a_draft_with_a_folded_slug_and_the_default_author(world):
    post = _draft(world)
    assert post.status == "draft"
    assert post.slug == "hoi-nghi-dang-uy-benh-vien-phien-6-thang-dau-nam-2023"
    assert post.authors == "Tổ truyền thông"
    assert post.history.first().history_user == world.users["communications"]
    again = _draft(world)
    assert again.slug == post.slug + "-2"  # unique


def test_the_office_of_another_hospital_and_a_reader_may_not_write(world):
    for role in ("other_office", "reader", "member", "secretary"):
        with pytest.raises(PermissionDenied):
            services.post_create(actor=world.users[role], organization=world.hospital,
                                 title="Tin", body=BODY)  # fmt: skip


def test_submit_then_the_office_approves_and_it_is_published(world):
    post = _draft(world)
    post = services.post_submit(actor=world.users["communications"], post_id=post.pk,
                                version=post.version)  # fmt: skip
    assert post.status == "submitted"
    with pytest.raises(PermissionDenied):  # the communications team never approves
        services.post_approve(actor=world.users["communications"], post_id=post.pk,
                              version=post.version)  # fmt: skip
    with pytest.raises(PermissionDenied):  # a submitted post is locked for editing
        services.post_update(actor=world.users["communications"], post_id=post.pk,
                             version=post.version, title="Khác")  # fmt: skip
    post = services.post_approve(actor=world.users["office"], post_id=post.pk,
                                 version=post.version)  # fmt: skip
    post.refresh_from_db()
    assert post.status == "published" and post.published_at is not None
    assert post.approved_by == world.users["office"]
    latest = post.history.first()
    assert latest.history_user == world.users["office"]
    assert latest.status == "published"


def test_the_office_sends_back_with_a_note_and_the_draft_is_editable_again(world):
    post = _draft(world)
    post = services.post_submit(actor=world.users["communications"], post_id=post.pk,
                                version=post.version)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.post_send_back(actor=world.users["office"], post_id=post.pk,
                                version=post.version, note="  ")  # fmt: skip
    assert "note" in exc.value.message_dict
    post = services.post_send_back(actor=world.users["office"], post_id=post.pk,
                                   version=post.version, note="Bổ sung ảnh hội nghị")  # fmt: skip
    assert post.status == "draft" and post.review_note == "Bổ sung ảnh hội nghị"
    post = services.post_update(actor=world.users["communications"], post_id=post.pk,
                                version=post.version, title="Tiêu đề mới")  # fmt: skip
    assert post.slug == "tieu-de-moi"


def test_a_stale_version_is_refused(world):
    post = _draft(world)
    services.post_update(actor=world.users["communications"], post_id=post.pk,
                         version=post.version, summary="Tóm tắt")  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.post_update(actor=world.users["office"], post_id=post.pk,
                             version=post.version, summary="Khác")  # fmt: skip
    assert "tải lại trang" in exc.value.message_dict["version"][0]


def test_publishing_with_findings_needs_a_reason(world, monkeypatch):
    """Issue 10 item 4: mismatches are listed; publishing with them requires a reason."""
    finding = SimpleNamespace(
        start=0,
        end=10,
        sentence="100% đảng viên…",
        claim="100%",
        message="5 đảng viên chỉ hoàn thành nhiệm vụ",
        kind="database",
    )
    report = SimpleNamespace(findings=(finding,), ok=False)
    monkeypatch.setattr(queries, "post_check", lambda post: report)
    post = _draft(world)
    post = services.post_submit(actor=world.users["communications"], post_id=post.pk,
                                version=post.version)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.post_approve(actor=world.users["office"], post_id=post.pk, version=post.version)
    assert "reason" in exc.value.message_dict
    assert Post.objects.get(pk=post.pk).status == "submitted"
    post = services.post_approve(
        actor=world.users["office"],
        post_id=post.pk,
        version=post.version,
        reason="Số liệu theo báo cáo cấp trên",
    )
    assert post.status == "published" and post.check_reason == "Số liệu theo báo cáo cấp trên"


def test_photos_need_a_real_image_and_a_caption(world, settings):
    post = _draft(world)
    actor = world.users["communications"]
    fake = SimpleUploadedFile("anh.png", b"not an image at all", content_type="image/png")
    with pytest.raises(ValidationError) as exc:
        services.photo_add(actor=actor, post_id=post.pk, version=post.version, image=fake,
                           caption="Quang cảnh hội nghị")  # fmt: skip
    assert "image" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.photo_add(actor=actor, post_id=post.pk, version=post.version,
                           image=png_upload(), caption=" ")  # fmt: skip
    assert "caption" in exc.value.message_dict
    settings.DANGBO_NEWS_PHOTO_MAX_MB = 0  # the size cap
    with pytest.raises(ValidationError):
        services.photo_add(actor=actor, post_id=post.pk, version=post.version,
                           image=png_upload(), caption="Quang cảnh")  # fmt: skip
    settings.DANGBO_NEWS_PHOTO_MAX_MB = 8
    photo = services.photo_add(actor=actor, post_id=post.pk, version=post.version,
                               image=png_upload(), caption="Quang cảnh hội nghị",
                               after_paragraph=1)  # fmt: skip
    assert (photo.width, photo.height) == (40, 30)
    post.refresh_from_db()
    lead, blocks = queries.blocks(post, list(post.photos.all()))
    assert lead == () and [p.caption for p in blocks[0].photos] == ["Quang cảnh hội nghị"]


def test_a_draft_from_a_meeting_keeps_the_story_and_the_source(world, monkeypatch):
    """Issue 10 item 6 through item 5's button: ``story_for_meeting`` writes the text."""
    from tests.meetings.factories import hospital_meeting

    meeting = hospital_meeting(world)
    type(meeting).objects.filter(pk=meeting.pk).update(status="held")
    story = SimpleNamespace(title="Hội nghị Đảng ủy bệnh viện",
                            paragraphs=("Chiều ngày 29/6/2023…", "Phát biểu kết luận…"),
                            captions=("Quang cảnh hội nghị.",))  # fmt: skip
    fake = types.ModuleType("dangbo.news.draft_queries")
    fake.story_for_meeting = lambda m: story  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "dangbo.news.draft_queries", fake)
    post = services.post_from_meeting(actor=world.users["communications"], meeting_id=meeting.pk)
    assert post.source_meeting_id == meeting.pk and post.status == "draft"
    assert post.summary == "Chiều ngày 29/6/2023…"  # the opening is the summary, said once
    assert post.paragraphs()[0] == "Phát biểu kết luận…"
    assert "Quang cảnh hội nghị." in post.body
    with pytest.raises(PermissionDenied):  # another hospital's office
        services.post_from_meeting(actor=world.users["other_office"], meeting_id=meeting.pk)
    type(meeting).objects.filter(pk=meeting.pk).update(status="planned")
    with pytest.raises(PermissionDenied):  # not held yet: nothing to write about
        services.post_from_meeting(actor=world.users["communications"], meeting_id=meeting.pk)
