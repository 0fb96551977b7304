"""Staff pages of the news (issue 10 item 5): the communications team writes drafts, adds
photos and submits; the office reviews (the consistency check's findings next to their
sentences) and publishes or sends back. Thin views: fetch through the scope (404 outside),
ask ``news.permissions`` (403), call a service, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import add_form_errors
from dangbo.core.pagination import paginate
from dangbo.news import permissions, queries, services
from dangbo.news.forms import ApproveForm, PhotoForm, PostForm, SendBackForm, VersionForm
from dangbo.news.models import Post, PostStatus


def _newsroom(request: HttpRequest) -> tuple[Any, tuple[str, ...]]:
    return scope_for(request.user), queries.newsroom_paths(request.user)


def _post(request: HttpRequest, pk: int) -> Post:
    post: Post = get_object_or_404(queries.staff_posts(request.user), pk=pk)
    return post


def _editable(request: HttpRequest, pk: int) -> Post:
    post = _post(request, pk)
    scope, newsroom = _newsroom(request)
    if not permissions.can_edit_post(scope, newsroom, post):
        raise PermissionDenied(permissions.locked_message(post))
    return post


def _flags(request: HttpRequest, post: Post) -> dict[str, bool]:
    scope, newsroom = _newsroom(request)
    return {
        "edit": permissions.can_edit_post(scope, newsroom, post),
        "submit": permissions.can_submit_post(scope, newsroom, post),
        "review": permissions.can_review_post(scope, post),
    }


@login_required
def post_list(request: HttpRequest) -> HttpResponse:
    """ "Tin bài": the posts by status, the new-post and from-a-meeting actions."""
    scope, newsroom = _newsroom(request)
    if not permissions.can_see_newsroom(scope, newsroom):
        raise Http404
    status = request.GET.get("trang-thai", "")
    qs = queries.staff_posts(request.user).order_by("-pk")
    if status in PostStatus.values:
        qs = qs.filter(status=status)
    writable = queries.newsroom_organizations(request.user)
    context = {
        "page": paginate(request, qs),
        "status": status,
        "statuses": PostStatus.choices,
        "can_write": writable.exists(),
        "meetings": queries.draftable_meetings(request.user),
    }
    return render(request, "news/staff_list.html", context)


@login_required
def post_new(request: HttpRequest) -> HttpResponse:
    scope, newsroom = _newsroom(request)
    organizations = queries.newsroom_organizations(request.user)
    if not permissions.can_see_newsroom(scope, newsroom) or not organizations.exists():
        raise Http404
    form = PostForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            post = services.post_create(
                actor=request.user, organization=data["organization"], title=data["title"],
                summary=data["summary"], body=data["body"], authors=data["authors"],
                categories=list(data["categories"]),
            )  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu bản nháp."))
            return redirect("news:post_preview", pk=post.pk)
    return render(request, "news/post_form.html", {"form": form, "post": None})


@login_required
@require_POST
def from_meeting(request: HttpRequest) -> HttpResponse:
    """ "Tạo bản tin từ hội nghị": a draft written from the meeting's records."""
    scope, newsroom = _newsroom(request)
    if not permissions.can_see_newsroom(scope, newsroom):
        raise Http404
    try:
        meeting_id = int(request.POST.get("meeting", ""))
    except ValueError:
        messages.error(request, gettext("Chọn cuộc họp để tạo bản tin."))
        return redirect("news:posts")
    try:
        post = services.post_from_meeting(actor=request.user, meeting_id=meeting_id)
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, gettext("Đã tạo bản nháp tin bài từ cuộc họp; hãy đọc lại, "
                                      "thêm ảnh rồi gửi duyệt."))  # fmt: skip
    return redirect("news:post_preview", pk=post.pk)


@login_required
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = _editable(request, pk)
    initial = {
        "title": post.title, "summary": post.summary, "body": post.body,
        "authors": post.authors, "categories": list(post.categories.all()),
        "version": post.version,
    }  # fmt: skip
    form = PostForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.post_update(
                actor=request.user, post_id=post.pk, version=data["version"] or 0,
                title=data["title"], summary=data["summary"], body=data["body"],
                authors=data["authors"], categories=list(data["categories"]),
            )  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu tin bài."))
            return redirect("news:post_preview", pk=post.pk)
    return render(request, "news/post_form.html", {"form": form, "post": post})


@login_required
def post_photos(request: HttpRequest, pk: int) -> HttpResponse:
    post = _editable(request, pk)
    form = PhotoForm(request.POST or None, request.FILES or None,
                     initial={"version": post.version})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.photo_add(
                actor=request.user, post_id=post.pk, version=data["version"],
                image=data["image"], caption=data["caption"],
                after_paragraph=data["after_paragraph"], order=data["order"] or 0,
            )  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã thêm ảnh."))
            return redirect("news:post_photos", pk=post.pk)
    context = {"post": post, "form": form, "photos": list(post.photos.all()),
               "paragraphs": post.paragraphs()}  # fmt: skip
    return render(request, "news/photos.html", context)


@login_required
@require_POST
def photo_remove(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    post = _editable(request, pk)
    photo = get_object_or_404(post.photos, pk=photo_pk)
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else -1
    try:
        services.photo_remove(actor=request.user, post_id=post.pk, version=version,
                              photo_id=photo.pk)  # fmt: skip
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("news:post_photos", pk=post.pk)


@login_required
@require_POST
def post_submit(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    scope, newsroom = _newsroom(request)
    if not permissions.can_submit_post(scope, newsroom, post):
        raise PermissionDenied(permissions.locked_message(post))
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else -1
    try:
        services.post_submit(actor=request.user, post_id=post.pk, version=version)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, gettext("Đã gửi tin bài cho Văn phòng Đảng ủy duyệt."))
    return redirect("news:post_preview", pk=post.pk)


def _preview_context(request: HttpRequest, post: Post) -> dict[str, Any]:
    photos = list(post.photos.all())
    lead, blocks = queries.blocks(post, photos)
    flags = _flags(request, post)
    context: dict[str, Any] = {
        "post": post, "lead": lead, "blocks": blocks, "can": flags,
        "categories": list(post.categories.all()), "report": None, "groups": [],
        "year": queries.report_year(post),
        "history": list(post.history.select_related("history_user").order_by("-history_date")[:20]),
    }  # fmt: skip
    if post.status != PostStatus.PUBLISHED:
        report = queries.post_check(post)
        context["report"] = report
        context["groups"] = queries.findings_by_sentence(queries.post_text(post), report)
    return context


@login_required
def post_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The post as it will read, its status and history; for the office, the consistency
    check's findings next to their sentences and the approve / send-back forms."""
    post = _post(request, pk)
    context = _preview_context(request, post)
    context["approve_form"] = ApproveForm(initial={"version": post.version})
    context["back_form"] = SendBackForm(initial={"version": post.version})
    return render(request, "news/preview.html", context)


@login_required
@require_POST
def post_approve(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    if not permissions.can_review_post(scope_for(request.user), post):
        raise PermissionDenied(permissions.review_refused_message())
    form = ApproveForm(request.POST)
    if form.is_valid():
        try:
            services.post_approve(actor=request.user, post_id=post.pk,
                                  version=form.cleaned_data["version"],
                                  reason=form.cleaned_data["reason"])  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã duyệt và đăng tin bài."))
            return redirect("news:post_preview", pk=post.pk)
    context = _preview_context(request, post)
    context["approve_form"] = form
    context["back_form"] = SendBackForm(initial={"version": post.version})
    return render(request, "news/preview.html", context)


@login_required
@require_POST
def post_send_back(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    if not permissions.can_review_post(scope_for(request.user), post):
        raise PermissionDenied(permissions.review_refused_message())
    form = SendBackForm(request.POST)
    if form.is_valid():
        try:
            services.post_send_back(actor=request.user, post_id=post.pk,
                                    version=form.cleaned_data["version"],
                                    note=form.cleaned_data["note"])  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã trả lại tin bài cho tổ truyền thông."))
            return redirect("news:post_preview", pk=post.pk)
    context = _preview_context(request, post)
    context["approve_form"] = ApproveForm(initial={"version": post.version})
    context["back_form"] = form
    return render(request, "news/preview.html", context)
