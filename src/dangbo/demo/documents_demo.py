"""Issue 10 item 7: the issued reports behind the two seed stories and the two stories
themselves, generated from the demo records, approved and published, with view counts.

Everything goes through the services, as the people who do it: the office of each hospital
generates and issues its report (``reports.services``); the communications team writes the story
from the meeting (``news.services.post_from_meeting``), adds the photos with the suggested
captions and submits it; the office approves it, which runs the consistency check. Only the
moments are then moved back to the published dates (19/01/2022 10:17:04 for Hà Đông; the day after
the session for QDY), and the view counts set to what the stories show (224 for seed 000).

The photos are synthetic: plain JPEG pictures drawn with Pillow (the seeds' photos are not ours
to copy); their captions are the draft's suggestions.
"""

from __future__ import annotations

import datetime as dt
import io
import zlib
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dangbo.meetings.models import Meeting
from dangbo.news import services as news_services
from dangbo.news.models import Category, Post
from dangbo.organizations.models import Organization
from dangbo.reports import services as report_services
from dangbo.reports.models import DocumentKind, GeneratedDocument

# "DANH MỤC TIN" of the hospitals' sites (seed 003): the categories a post can be filed under.
CATEGORIES = (
    ("tin-tuc-su-kien", "Tin tức - Sự kiện"),
    ("cong-tac-dang", "Công tác Đảng"),
    ("doan-the", "Hoạt động đoàn thể"),
    ("kham-chua-benh", "Khám, chữa bệnh"),
    ("thong-bao", "Thông báo"),
)
HD_BC_BEFORE = 11  # BC numbers Hà Đông used in the 2020–2025 term before dangbo: the report is 12
HD_ISSUED = (dt.date(2022, 1, 12), dt.time(16, 0))  # the report, issued before the conference
HD_PUBLISHED = dt.datetime(2022, 1, 19, 10, 17, 4)  # seed 003: "19/01/2022 10:17:04"
HD_VIEWS = 318
QDY_PUBLISHED = dt.datetime(2023, 6, 30, 15, 42, 10)
QDY_VIEWS = 224  # seed 000: "224 lượt xem"
PHOTO_SIZE = (960, 540)
PLACEHOLDER = "[Ảnh cần chọn"


def _user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def _aware(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment)


def _photo(seed: str) -> SimpleUploadedFile:
    """A synthetic photo: a soft two-colour gradient with a few blocks (a stage, a banner),
    different for each caption."""
    from PIL import Image, ImageDraw

    hue = zlib.crc32(seed.encode()) % 360
    image = Image.new("RGB", PHOTO_SIZE)
    draw = ImageDraw.Draw(image)
    width, height = PHOTO_SIZE
    for y in range(0, height, 6):
        shade = 70 + y * 120 // height
        draw.rectangle((0, y, width, y + 6), fill=(shade, (shade + hue) % 200 + 30, 120))
    draw.rectangle((80, 60, width - 80, 150), fill=(170, 20, 30))  # the banner
    draw.rectangle((60, height - 170, width - 60, height - 60), fill=(230, 215, 180))  # the table
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=70)
    return SimpleUploadedFile(f"anh-{hue}.jpg", out.getvalue(), content_type="image/jpeg")


def _issue(office: Any, org: Organization, kind: str, year: int, *, meeting: Meeting | None,
           issued: dt.datetime) -> GeneratedDocument:  # fmt: skip
    row = report_services.document_generate(
        actor=office, kind=kind, organization_id=org.pk, year=year,
        meeting_id=meeting.pk if meeting else None,
    )  # fmt: skip
    row = report_services.document_issue(actor=office, document_id=row.pk, version=row.version)
    GeneratedDocument.objects.filter(pk=row.pk).update(issued_at=_aware(issued))
    return row


def _story(comms: Any, office: Any, meeting: Meeting, *, categories: list[Category],
           published: dt.datetime, views: int) -> Post:  # fmt: skip
    """The story from the meeting, its photos with the suggested captions, submitted and
    approved; then dated as published and given its view count."""
    post = news_services.post_from_meeting(actor=comms, meeting_id=meeting.pk)
    body, _, suggested = post.body.partition(PLACEHOLDER)
    captions = [line[2:].strip() for line in suggested.splitlines() if line.startswith("- ")]
    post = news_services.post_update(
        actor=comms, post_id=post.pk, version=post.version, categories=categories,
        body=body.strip(),
    )  # fmt: skip
    paragraphs = len(post.paragraphs())
    for order, caption in enumerate(captions):
        news_services.photo_add(
            actor=comms, post_id=post.pk, version=Post.objects.get(pk=post.pk).version,
            image=_photo(caption), caption=caption, order=order,
            after_paragraph=min(order, max(paragraphs - 1, 0)),
        )  # fmt: skip
    post.refresh_from_db()
    post = news_services.post_submit(actor=comms, post_id=post.pk, version=post.version)
    post = news_services.post_approve(actor=office, post_id=post.pk, version=post.version)
    Post.objects.filter(pk=post.pk).update(published_at=_aware(published), view_count=views)
    return post


def load_documents() -> tuple[list[GeneratedDocument], list[Post]]:
    """The two reports behind the stories issued (Hà Đông's year-end 2021 report, "Số
    12-BC/ĐU"; QDY's mid-year 2023 report), the session's resolution as a draft, and the two
    stories published (after every other part of the demo)."""
    categories = [
        Category.objects.create(slug=slug, name=name, order=i)
        for i, (slug, name) in enumerate(CATEGORIES)
    ]
    news, party = categories[0], categories[1]
    hd = Organization.objects.get(code="HD")
    qdy = Organization.objects.get(code="QDY")
    hd_office, qdy_office = _user("vanphong.hd"), _user("vanphong.qdy")
    yearend = Meeting.objects.get(organization=hd, kind="year_end_review", date__year=2022)
    session = Meeting.objects.get(organization=qdy, kind="mid_year_review", date__year=2023)

    report_services.counter_set_start(
        actor=hd_office, organization_id=hd.pk, type_code="BC", last=HD_BC_BEFORE,
        on=yearend.date,
    )  # fmt: skip
    documents = [
        _issue(hd_office, hd, DocumentKind.YEAREND_REPORT, 2021, meeting=None,
               issued=dt.datetime.combine(*HD_ISSUED)),
        _issue(qdy_office, qdy, DocumentKind.MIDYEAR_REPORT, 2023, meeting=None,
               issued=dt.datetime.combine(session.date, dt.time(8, 0))),
    ]  # fmt: skip
    # The session's resolution is left as a draft for the QDY office to read and issue (demo
    # work; also one PDF fewer to lay out on each reload, ≈ 1 s).
    documents.append(report_services.document_generate(
        actor=qdy_office, kind=DocumentKind.RESOLUTION, organization_id=qdy.pk, year=2023,
        meeting_id=session.pk,
    ))  # fmt: skip
    posts = [
        _story(_user("truyenthong.hd"), hd_office, yearend, categories=[news, party],
               published=HD_PUBLISHED, views=HD_VIEWS),
        _story(_user("truyenthong.qdy"), qdy_office, session, categories=[news, party],
               published=QDY_PUBLISHED, views=QDY_VIEWS),
    ]  # fmt: skip
    return documents, posts
