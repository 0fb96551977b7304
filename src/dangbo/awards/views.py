"""Awards, proposals and Party-badge pages (issue 9, items 6 and 7): thin views — fetch through
the scope (404 outside it), ask ``awards.permissions`` (403 for read-only), call a service or a
query, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from dangbo.accounts.scope import scope_for
from dangbo.awards import permissions, queries, rules, services
from dangbo.awards.forms import (
    AwardEditForm,
    AwardForm,
    BadgeForm,
    ProposalAwardForm,
    ProposalForm,
    year_param,
)
from dangbo.awards.models import Award, AwardProposal
from dangbo.awards.summary import summary_sentence
from dangbo.core.errors import ConcurrentEdit, add_form_errors
from dangbo.core.pagination import paginate
from dangbo.members.models import Member
from dangbo.organizations.models import Organization


def _org(request: HttpRequest, org_id: int) -> Organization:
    org: Organization = get_object_or_404(scope_for(request.user).orgs(), pk=org_id)
    return org


def _writable_org(request: HttpRequest, org_id: int) -> Organization:
    org = _org(request, org_id)
    if not permissions.can_record_awards(scope_for(request.user), org):
        raise PermissionDenied
    return org


def _save(request: HttpRequest, form: Any, call: Any, done: str) -> bool:
    """Run the service ``call``; on success flash ``done``; errors go onto the form."""
    try:
        call()
    except ConcurrentEdit as exc:
        form.add_error(None, str(exc))
    except ValidationError as exc:
        add_form_errors(form, exc)
    else:
        messages.success(request, done)
        return True
    return False


@login_required
def index(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not permissions.can_see_awards(scope):
        raise Http404
    roots = Organization.objects.filter(depth__lte=2) if scope.is_admin else (
        Organization.objects.filter(path__in=scope.read_paths)
    )  # fmt: skip
    return render(request, "awards/index.html", {"roots": list(roots.order_by("path")[:50])})


@login_required
def award_list(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _org(request, org_id)
    years = queries.award_years(org)
    year = year_param(request.GET.get("nam"), 0) or None
    qs = queries.awards(org, year)
    context = {
        "org": org, "year": year, "years": years, "page": paginate(request, qs),
        "sentence": summary_sentence(queries.summary_items(qs)) if year else "",
        "can_record": permissions.can_record_awards(scope_for(request.user), org),
    }  # fmt: skip
    return render(request, "awards/list.html", context)


@login_required
def award_create(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _writable_org(request, org_id)
    initial = {"year": timezone.localdate().year}
    form = AwardForm(request.POST or None, organization=org, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if _save(request, form, lambda: services.award_create(actor=request.user,
                                                              organization=org, **data),
                 gettext("Đã ghi khen thưởng.")):  # fmt: skip
            return redirect("awards:list", org_id=org.pk)
    title = gettext("Ghi khen thưởng")
    return render(request, "awards/form.html", {"form": form, "org": org, "title": title})


@login_required
def award_edit(request: HttpRequest, pk: int) -> HttpResponse:
    award = get_object_or_404(
        Award.objects.select_related("organization", "member", "department"), pk=pk
    )
    scope = scope_for(request.user)
    if not permissions.can_list_awards(scope, award.organization):
        raise Http404
    if not permissions.can_edit_award(scope, award):
        raise PermissionDenied
    form = AwardEditForm(request.POST or None, instance=award, initial={"version": award.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if _save(request, form, lambda: services.award_update(
                actor=request.user, award_id=award.pk, version=version, **data),
                 gettext("Đã lưu khen thưởng.")):  # fmt: skip
            return redirect("awards:list", org_id=award.organization.pk)
    history = award.history.select_related("history_user").order_by("-history_date")[:20]
    context = {"form": form, "org": award.organization, "award": award, "history": history,
               "title": gettext("Sửa khen thưởng")}  # fmt: skip
    return render(request, "awards/form.html", context)


@login_required
def proposal_list(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _org(request, org_id)
    scope = scope_for(request.user)
    year = year_param(request.GET.get("nam"), 0) or None
    page = paginate(request, queries.proposals(org, year))
    for p in page:
        p.can_award = permissions.can_award_proposal(scope, p)
    context = {"org": org, "year": year, "page": page,
               "can_record": permissions.can_record_awards(scope, org)}  # fmt: skip
    return render(request, "awards/proposals.html", context)


@login_required
def proposal_create(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _writable_org(request, org_id)
    default = queries.latest_campaign_year(org) or timezone.localdate().year
    year = year_param(request.GET.get("nam"), default)
    subjects = queries.eligible_subjects(org, year)
    form = ProposalForm(request.POST or None, subjects=subjects)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if _save(request, form, lambda: services.proposal_create(
                actor=request.user, organization=org, year=year, **data),
                 gettext("Đã ghi đề nghị khen thưởng.")):  # fmt: skip
            return redirect(f"{reverse('awards:proposals', args=[org.pk])}?nam={year}")
    context = {"form": form, "org": org, "year": year, "subjects": subjects,
               "title": gettext("Đề nghị khen thưởng năm %(year)s") % {"year": year}}  # fmt: skip
    return render(request, "awards/proposal_form.html", context)


@login_required
def proposal_award(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(
        AwardProposal.objects.select_related("organization", "member"), pk=pk
    )
    scope = scope_for(request.user)
    if not permissions.can_list_awards(scope, proposal.organization):
        raise Http404
    if not permissions.can_award_proposal(scope, proposal):
        raise PermissionDenied
    initial = {"version": proposal.version, "issuer_level": proposal.issuer_level}
    form = ProposalAwardForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        if _save(request, form, lambda: services.proposal_award(
                actor=request.user, proposal_id=proposal.pk, version=version, **data),
                 gettext("Đã ghi quyết định khen thưởng.")):  # fmt: skip
            return redirect("awards:proposals", org_id=proposal.organization.pk)
    context = {"form": form, "org": proposal.organization, "proposal": proposal,
               "title": gettext("Ghi quyết định khen thưởng")}  # fmt: skip
    return render(request, "awards/form.html", context)


@login_required
def badges_upcoming(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _org(request, org_id)
    year = year_param(request.GET.get("nam"), timezone.localdate().year + 1)
    page = paginate(request, queries.upcoming_badges(org, year))
    context = {
        "org": org, "year": year, "page": page, "citation": rules.CITATION_BADGE,
        "can_record": permissions.can_record_awards(scope_for(request.user), org),
    }  # fmt: skip
    return render(request, "awards/badges_upcoming.html", context)


@login_required
def badge_register(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _org(request, org_id)
    page = paginate(request, queries.badge_register(org))
    return render(request, "awards/badge_register.html", {"org": org, "page": page})


@login_required
def badge_create(request: HttpRequest, member_id: int) -> HttpResponse:
    members = scope_for(request.user).members(Member.objects.select_related("organization"))
    member = get_object_or_404(members, pk=member_id)
    if not permissions.can_record_badge(scope_for(request.user), member):
        raise PermissionDenied
    milestone = request.GET.get("moc", "")
    initial: dict[str, Any] = {"presented_on": timezone.localdate()}
    if milestone.isdigit() and int(milestone) in rules.BADGE_MILESTONES:
        initial["milestone"] = int(milestone)
    else:
        initial["milestone"] = queries.next_milestone(member, timezone.localdate())
    form = BadgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if _save(request, form, lambda: services.badge_record(
                actor=request.user, member_id=member.pk, **data),
                 gettext("Đã ghi Huy hiệu Đảng đã trao.")):  # fmt: skip
            return redirect("awards:badge_register", org_id=member.organization_id)
    context = {
        "form": form,
        "org": member.organization,
        "member": member,
        "title": gettext("Ghi Huy hiệu Đảng — %(name)s") % {"name": member.full_name},
    }
    return render(request, "awards/form.html", context)
