"""The hospital's news: categories, posts with photos, and the daily view digests (issue 10
item 5).

A post is written by the communications team (or the office) as a draft, submitted, and
published by the office of its organization; a post sent back returns to draft with a note.
The body is plain text, paragraphs separated by blank lines; a photo is shown after the
paragraph numbered ``after_paragraph`` (0: before the first one).

View counting without personal data (``DailyView``, ``ViewSalt``): a visit is identified by
``HMAC-SHA256(salt of the day, ip + user agent + post id)``. The salt is random, drawn on the
first view of the day and kept in ``ViewSalt``; the digests and the salts of earlier days are
deleted (``news.services.views_cleanup``, run on the first counted view of each day and by the
``news_cleanup`` command), so after the day no digest can be recomputed from an address and a
browser, and no address or user agent is ever stored. ``(day, digest)`` is unique: the
counter (``Post.view_count``) is raised with an ``F()`` update only when that insert succeeds,
so a visitor is counted once per post per day.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Category(models.Model):
    """A news category (“Danh mục tin”)."""

    name = models.CharField(_("tên danh mục"), max_length=120)
    slug = models.SlugField(_("đường dẫn"), max_length=140, unique=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("danh mục tin")
        verbose_name_plural = _("danh mục tin")

    def __str__(self) -> str:
        return self.name


class PostStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Chờ duyệt")
    PUBLISHED = "published", _("Đã đăng")


DEFAULT_AUTHORS = "Tổ truyền thông"


class Post(models.Model):
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="news_posts",
        verbose_name=_("tổ chức"),
    )  # fmt: skip
    title = models.CharField(_("tiêu đề"), max_length=300)
    slug = models.SlugField(_("đường dẫn"), max_length=320, unique=True)
    summary = models.TextField(_("tóm tắt"), blank=True)
    body = models.TextField(_("nội dung"), blank=True)
    authors = models.CharField(_("người viết"), max_length=200, default=DEFAULT_AUTHORS)
    categories = models.ManyToManyField(
        Category, blank=True, related_name="posts", verbose_name=_("danh mục tin")
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=PostStatus.choices, default=PostStatus.DRAFT,
        db_index=True,
    )  # fmt: skip
    review_note = models.TextField(_("ý kiến khi trả lại"), blank=True)
    published_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True, db_index=True)
    view_count = models.PositiveIntegerField(_("lượt xem"), default=0)
    source_meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="news_posts", verbose_name=_("từ cuộc họp"),
    )  # fmt: skip
    check_reason = models.TextField(_("lý do đăng khi còn chênh lệch"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True,
    )  # fmt: skip
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True,
        blank=True, verbose_name=_("người duyệt"),
    )  # fmt: skip
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["view_count"])
    photos: Any  # the related manager of Photo.post

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("tin bài")
        verbose_name_plural = _("tin bài")
        indexes = [models.Index(fields=["status", "published_at"], name="news_post_pub")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == PostStatus.PUBLISHED

    def paragraphs(self) -> list[str]:
        """The body's paragraphs (separated by blank lines), lines inside one joined."""
        blocks = [b.strip() for b in self.body.replace("\r\n", "\n").split("\n\n")]
        return [" ".join(line.strip() for line in b.split("\n")) for b in blocks if b]


def photo_path(instance: Photo, filename: str) -> str:
    return f"news/{instance.post_id}/{filename}"


class Photo(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("ảnh"), upload_to=photo_path, width_field="width",
                              height_field="height")  # fmt: skip
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    caption = models.CharField(_("chú thích ảnh"), max_length=500)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    after_paragraph = models.PositiveSmallIntegerField(_("sau đoạn số"), default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["after_paragraph", "order", "pk"]
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")

    def __str__(self) -> str:
        return self.caption


class ViewSalt(models.Model):
    """The random secret of one day's view digests; deleted with that day's digests."""

    day = models.DateField(unique=True)
    salt = models.BinaryField(max_length=32)

    def __str__(self) -> str:
        return str(self.day)


class DailyView(models.Model):
    """One counted view: the day and an HMAC digest (see the module docstring) — never an
    address or a user agent."""

    day = models.DateField()
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "digest"], name="news_dailyview_once")
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.digest[:8]}"
