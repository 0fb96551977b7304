"""Who may write, submit, approve and see news posts — every predicate of the news app, on
``accounts.scope.Scope`` (issue 10 item 5).

- The public reads published posts without logging in (no predicate: the public queries
  filter on the status).
- The communications team (``Scope.news``) writes drafts for the organizations of its roles
  (``newsroom``: their paths, ``news.queries.newsroom_paths``), adds photos and submits.
- The office of the post's organization (or of one above it) writes drafts too, and approves
  (publishes) or sends back a submitted post; the communications team never approves.
- Outside those organizations a post does not exist (404).

The predicates take already-fetched objects and plain values and never query."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from dangbo.accounts.scope import Scope

OFFICE = "office"


def _in_newsroom(scope: Scope, newsroom: tuple[str, ...], path: str) -> bool:
    return scope.news and any(path.startswith(p) for p in newsroom)


def can_see_newsroom(scope: Scope, newsroom: tuple[str, ...]) -> bool:
    """The "Tin bài" menu entry and the staff list: the communications team, the office, the
    administrator."""
    return scope.is_admin or (scope.news and bool(newsroom)) or OFFICE in scope.kinds


def can_write_news_for(scope: Scope, newsroom: tuple[str, ...], organization: Any) -> bool:
    """Write posts of ``organization``: its communications team, its office (or above)."""
    path = organization.path
    return scope.writes_path(path) or _in_newsroom(scope, newsroom, path)


def can_view_post(scope: Scope, newsroom: tuple[str, ...], post: Any) -> bool:
    """The staff pages of a post (any status): whoever writes posts of its organization."""
    return can_write_news_for(scope, newsroom, post.organization)


def can_edit_post(scope: Scope, newsroom: tuple[str, ...], post: Any) -> bool:
    """Edit text and photos: while it is a draft (submitted: the office decides first;
    published: locked)."""
    return can_view_post(scope, newsroom, post) and post.status == "draft"


def can_submit_post(scope: Scope, newsroom: tuple[str, ...], post: Any) -> bool:
    return can_edit_post(scope, newsroom, post)


def can_review_post(scope: Scope, post: Any) -> bool:
    """Approve (publish) or send back: the office of the post's organization, once
    submitted — never the communications team alone."""
    return scope.writes_path(post.organization.path) and post.status == "submitted"


def review_refused_message() -> str:
    return gettext(
        "Chỉ Văn phòng Đảng ủy của tổ chức đăng tin mới được duyệt và đăng tin bài; "
        "tổ truyền thông gửi duyệt rồi chờ Văn phòng duyệt."
    )


def locked_message(post: Any) -> str:
    if post.status == "published":
        return gettext("Tin bài đã đăng nên không sửa được nữa.")
    return gettext(
        "Tin bài đang chờ duyệt nên không sửa được; chờ Văn phòng duyệt hoặc trả lại để sửa."
    )
