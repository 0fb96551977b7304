"""Use cases that change news posts (issue 10 item 5): write a draft (by hand or from a
meeting), add photos, submit, approve (publish) or send back; and count a public view.

Each service takes keyword-only arguments and the ``actor``, checks ``news.permissions``,
runs in one transaction, records who in the post's history, and checks the ``version`` the
form read (a stale version is refused with a message saying what to do)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import unicodedata
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from dangbo.accounts.scope import scope_for
from dangbo.core.text import fold, nfc
from dangbo.news import permissions, queries
from dangbo.news.caching import bump_generation
from dangbo.news.models import DEFAULT_AUTHORS, DailyView, Photo, Post, PostStatus, ViewSalt
from dangbo.news.uploads import check_image

POST_FIELDS = ("title", "summary", "body", "authors")


def _deny(message: str = "") -> PermissionDenied:
    return PermissionDenied(message or gettext("Bạn không viết tin bài của tổ chức này."))


def unique_slug(title: str, exclude_pk: int | None = None) -> str:
    """The address of a post: its title folded (no diacritics, đ→d), with ``-2``, ``-3``…
    when already taken."""
    base = slugify(fold(title))[:280].strip("-") or "tin-bai"
    slug, n = base, 1
    taken = Post.objects.exclude(pk=exclude_pk) if exclude_pk else Post.objects.all()
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _text(value: str | None) -> str:
    """A multi-line text as stored: NFC, Unix line ends, trimmed (paragraphs kept)."""
    return unicodedata.normalize("NFC", value or "").replace("\r\n", "\n").strip()


def _text_errors(values: dict[str, Any]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not nfc(values.get("title", "")).strip():
        errors["title"] = [gettext("Nhập tiêu đề tin bài.")]
    return errors


def _locked(actor: Any, post_id: int, version: int) -> Post:
    """The post locked for update, after the permission and version checks."""
    post: Post = (
        Post.objects.select_for_update(of=("self",)).select_related("organization").get(pk=post_id)
    )
    if post.version != version:
        raise ValidationError(
            {
                "version": [
                    gettext(
                        "Tin bài đã được người khác sửa trong lúc bạn đang làm. "
                        "Hãy tải lại trang, xem thay đổi mới rồi làm lại."
                    )
                ]
            }
        )
    return post


def _editable(actor: Any, post_id: int, version: int) -> Post:
    """The draft locked for a change of its text or photos: 404 outside what the actor writes
    news for, the locked message once submitted or published."""
    post = _locked(actor, post_id, version)
    scope = scope_for(actor)
    newsroom = queries.newsroom_paths(actor)
    if not permissions.can_view_post(scope, newsroom, post):
        raise _deny()
    if not permissions.can_edit_post(scope, newsroom, post):
        raise PermissionDenied(permissions.locked_message(post))
    return post


def _save(post: Post, actor: Any, fields: list[str], reason: str) -> Post:
    post.version += 1
    post._history_user = actor  # type: ignore[attr-defined]
    post._change_reason = reason  # type: ignore[attr-defined]
    post.save(update_fields=[*fields, "version"])
    return post


@transaction.atomic
def post_create(
    *, actor: Any, organization: Any, title: str, summary: str = "", body: str = "",
    authors: str = "", categories: list[Any] | None = None, source_meeting: Any = None,
) -> Post:  # fmt: skip
    """A draft post of ``organization`` (its communications team or its office)."""
    scope = scope_for(actor)
    if not permissions.can_write_news_for(scope, queries.newsroom_paths(actor), organization):
        raise _deny()
    values = {"title": title, "summary": summary, "body": body}
    errors = _text_errors(values)
    if errors:
        raise ValidationError(errors)
    post = Post(
        organization=organization,
        title=nfc(title).strip(),
        slug=unique_slug(title),
        summary=_text(summary),
        body=_text(body),
        authors=nfc(authors).strip() or DEFAULT_AUTHORS,
        source_meeting=source_meeting,
        created_by=actor,
    )
    post._history_user = actor  # type: ignore[attr-defined]
    post._change_reason = gettext("Viết bản nháp")  # type: ignore[attr-defined]
    post.save()
    if categories:
        post.categories.set(categories)
    return post


@transaction.atomic
def post_update(
    *, actor: Any, post_id: int, version: int, categories: list[Any] | None = None,
    **values: Any,
) -> Post:  # fmt: skip
    """Change the text of a draft (title, summary, body, authors) and its categories."""
    unknown = set(values) - set(POST_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    post = _editable(actor, post_id, version)
    errors = _text_errors({"title": values.get("title", post.title)})
    if errors:
        raise ValidationError(errors)
    for name, value in values.items():
        text = _text(value) if name in ("summary", "body") else nfc(value)
        setattr(post, name, text or (post.authors if name == "authors" else text))
    if "title" in values:
        post.slug = unique_slug(post.title, exclude_pk=post.pk)
    _save(post, actor, [*values, "slug"], gettext("Sửa tin bài"))
    if categories is not None:
        post.categories.set(categories)
    return post


@transaction.atomic
def post_from_meeting(*, actor: Any, meeting_id: int) -> Post:
    """A draft from a held meeting: the story ``news.draft_queries.story_for_meeting``
    writes from the meeting's records (who attended, what was reviewed, the figures, the
    directive speech, the conclusion); the captions become placeholders for photos."""
    try:
        meeting = queries.meeting_for_draft(actor, meeting_id)
    except Exception as exc:  # Meeting.DoesNotExist: outside what she writes news for
        raise _deny() from exc
    from dangbo.news.draft_queries import story_for_meeting

    story = story_for_meeting(meeting)
    # The opening paragraph becomes the summary (the bold "sapo" above the body), the rest the
    # body, so the article does not say it twice.
    paragraphs = [p.strip() for p in story.paragraphs if p.strip()]
    summary = paragraphs[0] if paragraphs else ""
    body = "\n\n".join(paragraphs[1:])
    if story.captions:
        captions = "\n".join(f"- {c}" for c in story.captions)
        body = f"{body}\n\n" + gettext("[Ảnh cần chọn, chú thích gợi ý:]") + f"\n{captions}"
    return post_create(
        actor=actor, organization=meeting.organization, title=story.title, summary=summary,
        body=body, source_meeting=meeting,
    )  # fmt: skip


@transaction.atomic
def photo_add(
    *, actor: Any, post_id: int, version: int, image: Any, caption: str,
    after_paragraph: int = 1, order: int = 0,
) -> Photo:  # fmt: skip
    """A photo with its caption, shown after paragraph ``after_paragraph`` (0: first)."""
    post = _editable(actor, post_id, version)
    errors: dict[str, list[str]] = {}
    problem = check_image(image)
    if problem:
        errors["image"] = [problem]
    if not nfc(caption).strip():
        errors["caption"] = [gettext("Nhập chú thích cho ảnh (ảnh đăng báo phải có chú thích).")]
    if errors:
        raise ValidationError(errors)
    photo = Photo(post=post, caption=nfc(caption).strip(), order=order,
                  after_paragraph=max(after_paragraph, 0))  # fmt: skip
    photo.image.save(image.name, image, save=False)
    photo._history_user = actor  # type: ignore[attr-defined]
    photo.save()
    _save(post, actor, [], gettext("Thêm ảnh"))
    return photo


@transaction.atomic
def photo_remove(*, actor: Any, post_id: int, version: int, photo_id: int) -> Post:
    post = _editable(actor, post_id, version)
    photo = post.photos.get(pk=photo_id)
    photo._history_user = actor
    photo.image.delete(save=False)
    photo.delete()
    return _save(post, actor, [], gettext("Bỏ ảnh"))


@transaction.atomic
def post_submit(*, actor: Any, post_id: int, version: int) -> Post:
    """Send the draft to the office for approval."""
    post = _locked(actor, post_id, version)
    scope = scope_for(actor)
    newsroom = queries.newsroom_paths(actor)
    if not permissions.can_view_post(scope, newsroom, post):
        raise _deny()
    if not permissions.can_submit_post(scope, newsroom, post):
        raise PermissionDenied(permissions.locked_message(post))
    if not post.body.strip():
        raise ValidationError({"body": [gettext("Tin bài chưa có nội dung; viết nội dung rồi "
                                                "gửi duyệt.")]})  # fmt: skip
    post.status = PostStatus.SUBMITTED
    post.review_note = ""
    return _save(post, actor, ["status", "review_note"], gettext("Gửi duyệt"))


def _review(actor: Any, post_id: int, version: int) -> Post:
    post = _locked(actor, post_id, version)
    scope = scope_for(actor)
    if not permissions.can_view_post(scope, queries.newsroom_paths(actor), post):
        raise _deny()
    if not permissions.can_review_post(scope, post):
        if post.status != PostStatus.SUBMITTED and scope.writes_path(post.organization.path):
            raise PermissionDenied(gettext("Tin bài không ở trạng thái chờ duyệt."))
        raise PermissionDenied(permissions.review_refused_message())
    return post


@transaction.atomic
def post_approve(*, actor: Any, post_id: int, version: int, reason: str = "") -> Post:
    """Publish a submitted post (``published_at`` = now), after the consistency check of its
    text against the records: with findings, ``reason`` is required and kept."""
    post = _review(actor, post_id, version)
    report = queries.post_check(post)
    reason = nfc(reason).strip()
    if not report.ok and not reason:
        raise ValidationError(
            {
                "reason": [
                    gettext(
                        "Tin bài còn %(n)s chỗ chênh lệch với dữ liệu (xem bên cạnh từng câu). "
                        "Sửa lại, hoặc ghi lý do vẫn đăng."
                    )
                    % {"n": len(report.findings)}
                ]
            }
        )
    post.status = PostStatus.PUBLISHED
    post.published_at = timezone.now()
    post.approved_by = actor
    post.check_reason = reason if not report.ok else ""
    transaction.on_commit(bump_generation)
    return _save(post, actor, ["status", "published_at", "approved_by", "check_reason"],
                 gettext("Duyệt, đăng tin"))  # fmt: skip


@transaction.atomic
def post_send_back(*, actor: Any, post_id: int, version: int, note: str) -> Post:
    """Return a submitted post to draft with what to change."""
    post = _review(actor, post_id, version)
    note = nfc(note).strip()
    if not note:
        raise ValidationError({"note": [gettext("Ghi ý kiến để tổ truyền thông biết cần sửa gì.")]})
    post.status = PostStatus.DRAFT
    post.review_note = note
    return _save(post, actor, ["status", "review_note"], gettext("Trả lại để sửa"))


# ---- the view counter (see news.models' docstring) ---------------------------------------
def _salt(day: dt.date) -> bytes:
    """Today's random salt, made on the first view of the day (previous days' salts and
    digests are deleted then: nothing links a digest to a visitor afterwards)."""
    row = ViewSalt.objects.filter(day=day).first()
    if row is not None:
        return bytes(row.salt)
    views_cleanup(day)
    try:
        with transaction.atomic():
            row = ViewSalt.objects.create(day=day, salt=secrets.token_bytes(32))
    except IntegrityError:  # another request made it first
        row = ViewSalt.objects.get(day=day)
    return bytes(row.salt)


def view_digest(salt: bytes, ip: str, user_agent: str, post_id: int) -> str:
    message = f"{ip}\n{user_agent}\n{post_id}".encode()
    return hmac.new(salt, message, hashlib.sha256).hexdigest()


def views_cleanup(today: dt.date | None = None) -> int:
    """Delete the digests and salts of the days before ``today``."""
    today = today or timezone.localdate()
    deleted, _ = DailyView.objects.filter(day__lt=today).delete()
    ViewSalt.objects.filter(day__lt=today).delete()
    return int(deleted)


def view_count(*, post_id: int, ip: str, user_agent: str, day: dt.date | None = None) -> bool:
    """Count a view of a published post: once per visitor (address and browser) per day.
    Only the day's HMAC digest is stored; True when this view was counted."""
    day = day or timezone.localdate()
    digest = view_digest(_salt(day), ip, user_agent[:500], post_id)
    try:
        with transaction.atomic():
            DailyView.objects.create(day=day, digest=digest)
            Post.objects.filter(pk=post_id, status=PostStatus.PUBLISHED).update(
                view_count=F("view_count") + 1
            )
    except IntegrityError:
        return False
    return True
