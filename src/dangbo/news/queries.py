"""Reads of the news app: the staff lists (scoped to the actor), the public lists (published
posts only), the meetings a draft can be made from, and the consistency check of a post
(issue 10 items 4 and 5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from dangbo.accounts.scope import Scope, scope_for, subtree_q
from dangbo.news.models import Category, Photo, Post, PostStatus
from dangbo.reports.consistency import Report, check
from dangbo.reports.facts import facts_for

_ATTR = "_dangbo_newsroom"
HELD = ("held", "minutes_approved")  # meetings a story can be written from


def newsroom_paths(user: Any) -> tuple[str, ...]:
    """Paths of the organizations of the user's communications roles (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return ()
    cached = getattr(user, _ATTR, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    scope = scope_for(user)
    if not scope.news or scope.is_admin:  # no query: only the communications team has them
        setattr(user, _ATTR, ())
        return ()
    from dangbo.accounts.models import Role, RoleKind

    paths = tuple(
        sorted(
            Role.objects.filter(user=user, kind=RoleKind.COMMUNICATIONS)
            .exclude(organization=None)
            .values_list("organization__path", flat=True)
        )
    )
    setattr(user, _ATTR, paths)
    return paths


def _writable_paths(scope: Scope, newsroom: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(scope.write_paths) + (newsroom if scope.news else ())


def staff_posts(user: Any) -> QuerySet[Post]:
    """The posts whose organization the user writes news for (the office, the communications
    team of it or above; the administrator: all)."""
    scope = scope_for(user)
    qs = Post.objects.select_related("organization")
    if scope.is_admin:
        return qs
    paths = _writable_paths(scope, newsroom_paths(user))
    if not paths:
        return qs.none()
    return qs.filter(reduce(or_, (subtree_q(p, "organization__path") for p in paths)))


def newsroom_organizations(user: Any) -> QuerySet[Any]:
    """Organizations the user may write posts for (the hospitals, not their cells)."""
    from dangbo.organizations.models import Organization

    scope = scope_for(user)
    qs: QuerySet[Any] = Organization.objects.exclude(
        kind__in=("cell", "grassroots_cell", "group")
    ).order_by("path")
    if scope.is_admin:
        return qs
    paths = _writable_paths(scope, newsroom_paths(user))
    if not paths:
        return qs.none()
    return qs.filter(reduce(or_, (subtree_q(p) for p in paths)))


def draftable_meetings(user: Any, limit: int = 30) -> list[Any]:
    """Held meetings of the organizations the user writes news for, newest first: the ones a
    news draft can be made from."""
    from dangbo.meetings.models import Meeting

    orgs = newsroom_organizations(user)
    return list(
        Meeting.objects.filter(organization__in=orgs, status__in=HELD)
        .select_related("organization")
        .order_by("-date", "-pk")[:limit]
    )


def meeting_for_draft(user: Any, meeting_id: int) -> Any:
    """The meeting, if the user may make a news draft from it (``Meeting.DoesNotExist``)."""
    from dangbo.meetings.models import Meeting

    return (
        Meeting.objects.select_related("organization")
        .filter(organization__in=newsroom_organizations(user), status__in=HELD)
        .get(pk=meeting_id)
    )


# ---- the public site ---------------------------------------------------------------------
def published() -> QuerySet[Post]:
    return Post.objects.filter(status=PostStatus.PUBLISHED, published_at__isnull=False)


def public_list(category: Category | None = None) -> QuerySet[Post]:
    """Published posts, newest first, with their first photo (for the list's thumbnail)."""
    qs = published()
    if category is not None:
        qs = qs.filter(categories=category)
    return qs.order_by("-published_at", "-pk").only(
        "pk", "slug", "title", "summary", "published_at", "view_count", "authors", "version",
        "body",
    )  # fmt: skip


def categories() -> list[Category]:
    return list(Category.objects.all())


def public_post(slug: str) -> Post:
    """A published post with its organization and categories (``Post.DoesNotExist``
    for a draft or an unknown address)."""
    return published().select_related("organization").prefetch_related("categories").get(slug=slug)


def related_posts(post: Post, limit: int = 5) -> list[Post]:
    """Other published posts sharing a category (else the latest), newest first."""
    qs = published().exclude(pk=post.pk).only("pk", "slug", "title", "published_at")
    cats = [c.pk for c in post.categories.all()]
    if cats:
        rows = list(qs.filter(categories__in=cats).distinct().order_by("-published_at")[:limit])
        if rows:
            return rows
    return list(qs.order_by("-published_at")[:limit])


@dataclass(frozen=True)
class Block:
    """A paragraph of a post's body and the photos shown after it."""

    text: str
    photos: tuple[Photo, ...]


def blocks(post: Post, photos: list[Photo]) -> tuple[tuple[Photo, ...], list[Block]]:
    """The photos before the first paragraph, and each paragraph with its photos (a photo
    placed past the last paragraph goes after it)."""
    paragraphs = post.paragraphs()
    last = len(paragraphs)
    lead = tuple(p for p in photos if p.after_paragraph == 0)
    out = []
    for i, text in enumerate(paragraphs, start=1):
        after = tuple(
            p for p in photos if p.after_paragraph == i or (i == last and p.after_paragraph > last)
        )
        out.append(Block(text, after))
    if not paragraphs:
        lead = tuple(photos)
    return lead, out


# ---- the consistency check before publishing (issue 10 item 4) -------------------------
def report_year(post: Post, today: dt.date | None = None) -> int:
    """The year the post reports on: a year-end review held early in the next year reports
    on the year before; otherwise the meeting's year, or this year."""
    meeting = post.source_meeting
    if meeting is not None:
        if meeting.kind == "year_end_review" and meeting.date.month <= 6:
            return int(meeting.date.year) - 1
        return int(meeting.date.year)
    return (today or timezone.localdate()).year


def post_text(post: Post) -> str:
    """What is checked: the title, the summary and the body, and the photo captions."""
    parts = [post.title, post.summary, post.body]
    parts += [p.caption for p in post.photos.all()]
    return "\n\n".join(p for p in parts if p)


def post_check(post: Post) -> Report:
    """``reports.consistency.check`` of the post's text against ``reports.facts.facts_for``
    of its organization and year."""
    year = report_year(post)
    facts = facts_for(post.organization, year, meeting=post.source_meeting)
    return check(post_text(post), facts, year=year)


def findings_by_sentence(text: str, report: Any) -> list[dict[str, Any]]:
    """The findings grouped by sentence, in the order of the text."""
    groups: dict[tuple[int, int], dict[str, Any]] = {}
    for f in getattr(report, "findings", ()) or ():
        key = (f.start, f.end)
        group = groups.setdefault(
            key, {"sentence": f.sentence or text[f.start : f.end], "findings": []}
        )
        group["findings"].append(f)
    return [groups[k] for k in sorted(groups)]
