from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dangbo.accounts.scope import scope_for
from dangbo.core.clientip import client_ip
from dangbo.core.errors import ConcurrentEdit, add_form_errors
from dangbo.core.pagination import paginate
from dangbo.core.text import clip_query
from dangbo.members import permissions, queries, services
from dangbo.members.forms import MemberFilterForm, MemberForm, StatusChangeForm
from dangbo.members.listing import ROW_FIELDS
from dangbo.members.models import Member
from dangbo.members.rules import probation_ends_on
from dangbo.organizations import permissions as org_permissions


def _member_for(request: HttpRequest, pk: int) -> Member:
    """A member the actor may read, through the scope: 404 outside it (do not confirm that the
    record exists)."""
    members = scope_for(request.user).members(
        Member.objects.select_related("organization", "department")
    )
    return get_object_or_404(members, pk=pk)


def _editable_member(request: HttpRequest, pk: int) -> Member:
    """A member the actor may edit: 404 outside the scope, 403 for read-only."""
    member = _member_for(request, pk)
    if not permissions.can_edit_member(scope_for(request.user), member):
        raise PermissionDenied
    return member


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    member = _member_for(request, pk)
    scope = scope_for(request.user)
    history = member.history.select_related("history_user").order_by("-history_date")[:50]
    context = {
        "member": member,
        "can_edit": permissions.can_edit_member(scope, member),
        "can_view_org": org_permissions.can_view_org(scope, member.organization),
        "can_reveal": permissions.can_reveal(scope, member),
        # the discipline register (issue 9, item 8): the office records, readers read
        "disciplines": list(member.disciplines.all()),
        "can_record_discipline": permissions.can_record_discipline(scope, member),
        "history": history,
        "status_changes": member.status_changes.all(),
        "probation_ends_on": probation_ends_on(member.admitted_on)
        if member.status == "probationary"
        else None,
    }
    return render(request, "members/detail.html", context)


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = _editable_member(request, pk)
    form = MemberForm(request.POST or None, instance=member, actor=request.user)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            services.member_update(
                actor=request.user, member_id=member.pk,
                version=form.cleaned_data["version"], **changes,
            )  # fmt: skip
        except ConcurrentEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu hồ sơ đảng viên."))
            return redirect("members:detail", pk=member.pk)
    return render(request, "members/edit.html", {"member": member, "form": form})


@login_required
@require_POST
def reveal(request: HttpRequest, pk: int, field: str) -> HttpResponse:
    """The number in full, logged. ``?as=input``: the edit page's input holding it instead."""
    member = _member_for(request, pk)
    if field not in services.SENSITIVE_FIELDS:
        raise Http404
    as_input = request.GET.get("as") == "input"
    if as_input and not permissions.can_edit_member(scope_for(request.user), member):
        raise PermissionDenied
    value = services.member_reveal(
        actor=request.user, member=member, field=field, ip_address=client_ip(request)
    )
    if as_input:
        form = MemberForm(instance=member, actor=request.user, revealed={field})
        return HttpResponse(str(form[field]))
    return HttpResponse(value or "—", content_type="text/plain; charset=utf-8")


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    if not permissions.can_list_members(scope_for(request.user)):
        raise Http404
    q = clip_query(request.GET.get("q", ""))  # ~1,000 words once answered 500
    filters = MemberFilterForm(request.GET, actor=request.user)
    found = queries.search(request.user, q) if q else scope_for(request.user).members()
    found = queries.filter_members(found, filters.filters(), timezone.localdate())
    listed = bool(q) or filters.active
    page = paginate(request, found, values=ROW_FIELDS) if listed else None  # tuples: listing
    template = "members/search.html#results" if request.htmx else "members/search.html"
    return render(request, template, {"q": q, "page": page, "filters": filters})


@login_required
def probation_page(request: HttpRequest) -> HttpResponse:
    if not permissions.can_list_members(scope_for(request.user)):
        raise Http404
    today = timezone.localdate()
    page = paginate(request, queries.probation_due(request.user, today))
    for m in page:
        m.probation_ends_on = probation_ends_on(m.admitted_on)
        m.overdue = m.probation_ends_on < today
    return render(request, "members/probation.html", {"page": page, "today": today})


@login_required
def add(request: HttpRequest) -> HttpResponse:
    """Thêm đảng viên by form (issue 7, item 2): the same checks as the import (dates, formats,
    the cell in the actor's writable scope), one history row."""
    scope = scope_for(request.user)
    if not permissions.can_add_members(scope):
        raise PermissionDenied if permissions.can_list_members(scope) else Http404
    form = MemberForm(request.POST or None, actor=request.user, initial=_cell_initial(request))
    form.fields["version"].required = False
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            member = services.member_create(actor=request.user, **values)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã thêm đảng viên."))
            return redirect("members:detail", pk=member.pk)
    return render(request, "members/add.html", {"form": form})


def _cell_initial(request: HttpRequest) -> dict[str, object]:
    cell = request.GET.get("chi-bo", "")
    return {"organization": int(cell)} if cell.isdigit() else {}


@login_required
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    member = _editable_member(request, pk)
    form = StatusChangeForm(request.POST or None, member=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_set_status(actor=request.user, member_id=member.pk,
                                       **form.cleaned_data)  # fmt: skip
        except ConcurrentEdit as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã ghi thay đổi tình trạng đảng viên."))
            return redirect("members:detail", pk=member.pk)
    return render(request, "members/status.html", {"member": member, "form": form})
