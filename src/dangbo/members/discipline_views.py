"""Pages of the discipline register (issue 9, item 8): thin views — fetch through the scope
(404 outside it), ask ``members.permissions`` (403 for read-only: a cell's secretary and a
superior read, the office records), call ``discipline_services``, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit, add_form_errors
from dangbo.core.pagination import paginate
from dangbo.members import discipline_queries, discipline_services, permissions
from dangbo.members.discipline_forms import DisciplineForm
from dangbo.members.models import Discipline, Member


@login_required
def discipline_list(request: HttpRequest, org_id: int) -> HttpResponse:
    scope = scope_for(request.user)
    org = get_object_or_404(scope.orgs(), pk=org_id)
    if not permissions.can_list_discipline(scope, org):
        raise Http404
    page = paginate(request, discipline_queries.register(org))
    for row in page:
        row.can_edit = permissions.can_record_discipline(scope, row.member)
    context = {"org": org, "page": page}
    return render(request, "members/discipline_list.html", context)


def _recordable_member(request: HttpRequest, pk: int) -> Member:
    members = scope_for(request.user).members(Member.objects.select_related("organization"))
    member: Member = get_object_or_404(members, pk=pk)
    if not permissions.can_record_discipline(scope_for(request.user), member):
        raise PermissionDenied
    return member


def _form_page(
    request: HttpRequest, form: DisciplineForm, member: Member, title: str
) -> HttpResponse:
    context = {"form": form, "member": member, "title": title}
    return render(request, "members/discipline_form.html", context)


def _save(request: HttpRequest, form: DisciplineForm, call: object) -> bool:
    try:
        call()  # type: ignore[operator]
    except ConcurrentEdit as exc:
        form.add_error(None, str(exc))
    except ValidationError as exc:
        add_form_errors(form, exc)
    else:
        messages.success(request, gettext("Đã ghi sổ kỷ luật."))
        return True
    return False


@login_required
def discipline_add(request: HttpRequest, pk: int) -> HttpResponse:
    member = _recordable_member(request, pk)
    form = DisciplineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        if _save(request, form, lambda: discipline_services.discipline_create(
                actor=request.user, member_id=member.pk, **data)):  # fmt: skip
            return redirect("members:detail", pk=member.pk)
    return _form_page(request, form, member, gettext("Ghi kỷ luật"))


@login_required
def discipline_edit(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(Discipline.objects.select_related("member"), pk=pk)
    member = _recordable_member(request, row.member.pk)
    form = DisciplineForm(request.POST or None, instance=row, initial={"version": row.version})
    form.fields["version"].required = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if _save(request, form, lambda: discipline_services.discipline_update(
                actor=request.user, discipline_id=row.pk, version=version, **data)):  # fmt: skip
            return redirect("members:detail", pk=member.pk)
    return _form_page(request, form, member, gettext("Sửa kỷ luật"))
