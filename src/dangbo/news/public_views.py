"""The public news site (issue 10 item 5): no login, its own light layout, server rendered.

Fast: the rendered list of a page (per category and page number) and the rendered article
body (per post id and version) are kept in the cache; publishing bumps a generation number
so the lists are rebuilt. The view counter is never cached: it is read with the post and
raised (once per visitor per day, ``news.services.view_count``) on each detail page."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from dangbo.accounts.scope import scope_for
from dangbo.core.clientip import client_ip
from dangbo.core.pagination import page_number, paginate, printing
from dangbo.news import permissions, queries, services
from dangbo.news.caching import generation
from dangbo.news.models import Category, Photo, Post

PER_PAGE = 12
TIMEOUT = 60 * 60


def site_name() -> str:
    """The name in the header of the list pages: ``DANGBO_NEWS_SITE_NAME``, else the
    organization that publishes here when there is only one (a server shared by several
    hospitals shows "Tin tức"; an article shows its own organization's name)."""
    configured = str(getattr(settings, "DANGBO_NEWS_SITE_NAME", "") or "")
    if configured:
        return configured
    key = f"news:site:{generation()}"
    name = cache.get(key)
    if name is None:
        names = list(
            queries.published()
            .order_by()
            .values_list("organization__name", flat=True)
            .distinct()[:2]
        )
        name = names[0] if len(names) == 1 else ""
        cache.set(key, name, TIMEOUT)
    return str(name)


def _chrome() -> dict[str, Any]:
    """What every public page shows: the header name and the categories menu (cached)."""
    key = f"news:chrome:{generation()}"
    chrome = cache.get(key)
    if chrome is None:
        chrome = {"site_name": site_name(), "menu": queries.categories()}
        cache.set(key, chrome, TIMEOUT)
    return dict(chrome)


def _list_page(request: HttpRequest, category: Category | None) -> HttpResponse:
    number = page_number(request.GET.get("page"))
    lang = get_language()
    which = f"{category.pk if category else 0}:{number}:{int(printing(request))}"
    key = f"news:list:{generation()}:{lang}:{which}"
    html = cache.get(key)
    if html is None:
        page = paginate(request, queries.public_list(category), PER_PAGE)
        html = render_to_string("news/public/_list.html", {"page": page, "category": category})
        cache.set(key, html, TIMEOUT)
    context = {
        "list_html": mark_safe(html),  # noqa: S308 — rendered by our template
        "category": category,
        **_chrome(),
    }
    return render(request, "news/public/index.html", context)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return _list_page(request, None)


@require_safe
def category(request: HttpRequest, slug: str) -> HttpResponse:
    return _list_page(request, get_object_or_404(Category, slug=slug))


def _body_html(post: Post) -> str:
    key = f"news:body:{post.pk}:{post.version}:{get_language()}"
    html = cache.get(key)
    if html is None:
        lead, blocks = queries.blocks(post, list(post.photos.all()))
        html = render_to_string("news/public/_body.html", {"lead": lead, "blocks": blocks})
        cache.set(key, html, TIMEOUT)
    return str(mark_safe(html))  # noqa: S308 — rendered by our template (autoescaped)


@require_safe
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An article: title, author team, date and time, "N lượt xem", the body with photos and
    captions, its categories and related posts. A draft is not found."""
    try:
        post = queries.public_post(slug)
    except Post.DoesNotExist:
        raise Http404 from None
    counted = services.view_count(
        post_id=post.pk,
        ip=client_ip(request) or "",
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    if counted:
        post.view_count += 1
    context = {
        "post": post,
        "body_html": _body_html(post),
        "categories": list(post.categories.all()),
        "related": queries.related_posts(post),
        **_chrome(),
    }
    if not getattr(settings, "DANGBO_NEWS_SITE_NAME", ""):
        context["site_name"] = post.organization.name
    return render(request, "news/public/detail.html", context)


@require_safe
def photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A photo of a post: public once the post is published, else only to whoever writes
    the post (media files are not served by themselves)."""
    row = get_object_or_404(Photo.objects.select_related("post__organization"), pk=pk)
    published = row.post.is_published
    if not published:
        newsroom = queries.newsroom_paths(request.user)
        if not permissions.can_view_post(scope_for(request.user), newsroom, row.post):
            raise Http404
    try:
        handle = row.image.open("rb")
    except OSError:
        raise Http404 from None
    kind = mimetypes.guess_type(row.image.name)[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=kind)
    response["Cache-Control"] = "public, max-age=86400" if published else "private, no-store"
    return response
