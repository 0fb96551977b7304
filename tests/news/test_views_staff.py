"""Issue 10 item 5: the staff pages — the communications team lands on "Tin bài", writes and
submits; only the office of the post's organization sees and uses the approve form (the
consistency check's findings next to their sentences, item 4); another hospital gets 404."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.urls import reverse

from dangbo.accounts.scope import build_scope
from dangbo.news import permissions, queries
from tests.news.conftest import png_upload
from tests.news.factories import post
from tests.responses import close_response

HOSPITAL = SimpleNamespace(path="00010001")
OTHER = SimpleNamespace(path="00010002")


@pytest.mark.parametrize(
    ("role", "newsroom", "write", "review"),
    [
        ("communications", (HOSPITAL.path,), True, False),
        ("office", (), True, True),
        ("superior_reader", (), False, False),
        ("admin", (), True, True),
    ],
)
def test_predicates_per_role(role, newsroom, write, review):
    scope = build_scope([(role, "0001" if role == "superior_reader" else HOSPITAL.path, None)])
    submitted = SimpleNamespace(organization=HOSPITAL, status="submitted")
    draft = SimpleNamespace(organization=HOSPITAL, status="draft")
    assert permissions.can_write_news_for(scope, newsroom, HOSPITAL) is write
    assert permissions.can_edit_post(scope, newsroom, draft) is write
    assert permissions.can_edit_post(scope, newsroom, submitted) is False  # locked
    assert permissions.can_review_post(scope, submitted) is review
    assert permissions.can_review_post(scope, draft) is False
    if role != "admin":
        assert permissions.can_write_news_for(scope, newsroom, OTHER) is False


def _get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    close_response(response)
    return response


def test_the_communications_team_lands_on_its_posts(client, world):
    response = _get(client, world.users["communications"], reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("news:posts")
    html = _get(client, world.users["communications"], reverse("news:posts")).content.decode()
    assert "Viết tin mới" in html and reverse("news:posts") in html  # the menu entry


def test_the_list_by_status_with_few_queries(client, world, django_assert_max_num_queries):
    for i in range(5):
        post(world.hospital, "draft", title=f"Bản nháp {i}")
    post(world.hospital, "submitted", title="Tin chờ duyệt")
    post(world.other_hospital, "draft", title="Tin của bệnh viện B")
    client.force_login(world.users["office"])
    with django_assert_max_num_queries(14):
        response = client.get(reverse("news:posts") + "?trang-thai=submitted")
    html = response.content.decode()
    close_response(response)
    assert "Tin chờ duyệt" in html and "Bản nháp 1" not in html
    html = _get(client, world.users["office"], reverse("news:posts")).content.decode()
    assert "Bản nháp 4" in html and "Tin của bệnh viện B" not in html


def test_only_the_office_sees_and_uses_the_approve_form(client, world, monkeypatch):
    finding = SimpleNamespace(start=0, end=20, sentence="100% đảng viên hoàn thành tốt",
                              claim="100%", message="5 đảng viên chỉ hoàn thành nhiệm vụ",
                              kind="database")  # fmt: skip
    monkeypatch.setattr(queries, "post_check",
                        lambda p: SimpleNamespace(findings=(finding,), ok=False))  # fmt: skip
    p = post(world.hospital, "submitted")
    url = reverse("news:post_preview", args=[p.pk])
    comms = _get(client, world.users["communications"], url).content.decode()
    assert "5 đảng viên chỉ hoàn thành nhiệm vụ" in comms  # findings next to the sentence
    assert reverse("news:post_approve", args=[p.pk]) not in comms
    client.force_login(world.users["communications"])
    refused = client.post(reverse("news:post_approve", args=[p.pk]), {"version": p.version})
    close_response(refused)
    assert refused.status_code == 403
    office = _get(client, world.users["office"], url).content.decode()
    assert reverse("news:post_approve", args=[p.pk]) in office
    assert "100% đảng viên hoàn thành tốt" in office
    client.force_login(world.users["office"])
    no_reason = client.post(reverse("news:post_approve", args=[p.pk]), {"version": p.version})
    assert "ghi lý do vẫn đăng" in no_reason.content.decode()
    close_response(no_reason)
    done = client.post(reverse("news:post_approve", args=[p.pk]),
                       {"version": p.version, "reason": "Theo báo cáo đã ban hành"})  # fmt: skip
    close_response(done)
    assert done.status_code == 302
    p.refresh_from_db()
    assert p.status == "published" and p.check_reason == "Theo báo cáo đã ban hành"


def test_another_hospital_gets_404(client, world):
    p = post(world.hospital, "submitted")
    for name in ("news:post_preview", "news:post_edit", "news:post_photos"):
        assert (
            _get(client, world.users["other_office"], reverse(name, args=[p.pk])).status_code == 404
        )


def test_write_submit_with_a_photo_through_the_pages(client, world):
    client.force_login(world.users["communications"])
    response = client.post(reverse("news:post_new"), {
        "organization": world.hospital.pk, "title": "Hội nghị Đảng ủy bệnh viện",
        "body": "Đoạn một.\n\nĐoạn hai.", "authors": "",
    })  # fmt: skip
    close_response(response)
    assert response.status_code == 302
    p = world.hospital.news_posts.get()
    response = client.post(reverse("news:post_photos", args=[p.pk]), {
        "image": png_upload(), "caption": "Quang cảnh hội nghị.", "after_paragraph": 1,
        "order": 0, "version": p.version,
    })  # fmt: skip
    close_response(response)
    assert response.status_code == 302 and p.photos.count() == 1
    p.refresh_from_db()
    response = client.post(reverse("news:post_submit", args=[p.pk]), {"version": p.version})
    close_response(response)
    p.refresh_from_db()
    assert p.status == "submitted"
    # locked while the office decides
    assert _get(client, world.users["communications"],
                reverse("news:post_edit", args=[p.pk])).status_code == 403  # fmt: skip


SEED_SENTENCE = (
    "Kết quả năm 2021, 100% đảng viên được đánh giá Hoàn thành Tốt nhiệm vụ, trong đó "
    "51 đảng viên hoàn thành xuất sắc nhiệm vụ, 205 đảng viên hoàn thành tốt nhiệm vụ; "
    "05 đảng viên hoàn thành nhiệm vụ."
)


def test_the_real_checker_flags_the_seed_claim_before_publishing(client, world):
    """Issue 10 items 4 and 5 with ``reports.consistency.check``: the seed's "100% … Hoàn
    thành Tốt nhiệm vụ" while 5 members were only "hoàn thành" is shown next to its sentence
    and publishing needs a reason."""
    p = post(world.hospital, "submitted", body=f"Đoạn mở đầu.\n\n{SEED_SENTENCE}")
    client.force_login(world.users["office"])
    response = client.get(reverse("news:post_preview", args=[p.pk]))
    html = response.content.decode()
    close_response(response)
    assert 'id="findings"' in html and "100% đảng viên" in html
    refused = client.post(reverse("news:post_approve", args=[p.pk]), {"version": p.version})
    close_response(refused)
    p.refresh_from_db()
    assert refused.status_code == 200 and p.status == "submitted"
    done = client.post(reverse("news:post_approve", args=[p.pk]),
                       {"version": p.version, "reason": "Giữ nguyên văn bản gốc"})  # fmt: skip
    close_response(done)
    p.refresh_from_db()
    assert p.status == "published" and p.check_reason == "Giữ nguyên văn bản gốc"


def test_the_button_makes_a_draft_from_a_held_meeting(client, world):
    """Issue 10 items 5 and 6: "Tạo bản tin từ hội nghị" with ``story_for_meeting``."""
    from tests.meetings.factories import hospital_meeting

    meeting = hospital_meeting(world)
    type(meeting).objects.filter(pk=meeting.pk).update(status="held")
    html = _get(client, world.users["communications"], reverse("news:posts")).content.decode()
    assert f'<option value="{meeting.pk}"' in html
    response = client.post(reverse("news:from_meeting"), {"meeting": meeting.pk})
    close_response(response)
    p = world.hospital.news_posts.get()
    assert response["Location"] == reverse("news:post_preview", args=[p.pk])
    assert p.source_meeting_id == meeting.pk and p.status == "draft" and p.body
    other = _get(client, world.users["other_office"], reverse("news:posts")).content.decode()
    assert f'<option value="{meeting.pk}"' not in other
