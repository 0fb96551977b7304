"""Rating pages (issue 9, items 1, 2 and 4): thin views — fetch through the scope (404 outside
it), ask ``evaluations.permissions`` (403 for read-only), call a service or a read, render.
The proposal pages post their edited levels to ``preview`` (htmx) which runs the year's rule
set on the snapshot with those unsaved levels and answers the violations panel only."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dangbo.accounts.scope import Scope, scope_for
from dangbo.core.errors import add_form_errors
from dangbo.evaluations import forms, permissions, queries, services, snapshot
from dangbo.evaluations.models import Campaign, LevelChoice, Rating
from dangbo.organizations.models import CELL_KINDS, Organization


def _scope(request: HttpRequest) -> Scope:
    scope = scope_for(request.user)
    if not permissions.can_see_evaluations(scope):
        raise Http404
    return scope


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    _scope(request)
    campaign: Campaign = get_object_or_404(queries.campaigns(request.user), pk=pk)
    return campaign


def _cell(request: HttpRequest, campaign: Campaign, org_id: int) -> Organization:
    cell: Organization = get_object_or_404(scope_for(request.user).orgs(), pk=org_id)
    if not permissions.can_view_cell(scope_for(request.user), campaign, cell):
        raise Http404
    return cell


def _int(value: Any) -> int:
    text = str(value or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else -1


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """ "Đánh giá, xếp loại": the campaigns she reads (a secretary: her cells' pages), her own
    self-assessments, and the button to open a campaign."""
    scope = _scope(request)
    rows = list(queries.campaigns(request.user)[:50])
    for c in rows:
        c.can_view = permissions.can_view_campaign(scope, c)
    cells = []  # a cell's secretary (who does not read the whole campaign): her cells' pages
    if any(not c.can_view for c in rows):
        cells = list(scope.orgs(write=True).filter(kind__in=CELL_KINDS).order_by("path")[:50])
    for c in rows:
        c.my_cells = [] if c.can_view else [
            x for x in cells if x.path.startswith(c.organization.path)
        ]  # fmt: skip
    # the roll-up of a year over each subtree she reads (a superior committee, the office)
    roots = list(Organization.objects.filter(path__in=scope.read_paths).order_by("path")[:10])
    context = {
        "campaigns": rows,
        "rollups": [o for o in roots if permissions.can_view_subtree_statistics(scope, o)],
        "own": queries.own_ratings(request.user),
        "can_open": permissions.can_open_some_campaign(
            scope, queries.openable_organizations(request.user)[:20]
        ),
    }
    return render(request, "evaluations/index.html", context)


@login_required
def campaign_open(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    organizations = queries.openable_organizations(request.user)
    if not permissions.can_open_some_campaign(scope, organizations[:20]):
        raise PermissionDenied
    form = forms.CampaignOpenForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_open(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã mở đợt đánh giá, xếp loại."))
            return redirect("evaluations:campaign", pk=campaign.pk)
    title = gettext("Mở đợt đánh giá, xếp loại")
    return render(request, "evaluations/form.html", {"form": form, "title": title})


def _checked(campaign: Campaign, overrides: dict[int, str] | None = None,
             visible: set[str] | None = None) -> dict[str, Any]:  # fmt: skip
    """The snapshot, the rule set and the violations as a page shows them."""
    ratings = snapshot.campaign_ratings(campaign)
    built = snapshot.build(campaign, overrides, ratings=ratings)
    rs = snapshot.ruleset_for(campaign.year)
    found = snapshot.shown(rs.check(built.snapshot), built, campaign, visible)
    return {
        "ratings": ratings, "built": built, "ruleset": rs, "violations": found,
        "blocking": sum(1 for v in found if v.blocking),
    }  # fmt: skip


@login_required
def campaign_detail(request: HttpRequest, pk: int, errors: list[str] | None = None) -> HttpResponse:
    campaign = _campaign(request, pk)
    scope = scope_for(request.user)
    if not permissions.can_view_campaign(scope, campaign):
        cells = queries.writable_cells(request.user, campaign)
        if cells:  # a cell's secretary: her cell's page
            return redirect("evaluations:cell", pk=campaign.pk, org_id=cells[0].pk)
        raise PermissionDenied
    context = _checked(campaign)
    total, cells = queries.progress(context["ratings"])
    context.update(
        campaign=campaign, org=campaign.organization, total=total, cells=cells,
        not_rated=queries.not_rated(context["ratings"]), finalize_errors=errors or [],
        can_finalize=permissions.can_finalize(scope, campaign),
        can_stats=permissions.can_view_campaign_statistics(scope, campaign),
        can_exception=permissions.can_record_exception(scope, campaign),
        can_collectives=permissions.can_propose_collectives(scope, campaign),
    )  # fmt: skip
    return render(request, "evaluations/campaign.html", context, status=200)


def _proposal_page(
    request: HttpRequest, campaign: Campaign, rows: list[Rating], cell: Organization | None,
    can_edit: bool, checked: dict[str, Any],
) -> HttpResponse:  # fmt: skip
    scope = scope_for(request.user)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        proposals, errors = forms.proposal_rows(request.POST, rows, facts=True)
        if not errors:
            try:
                services.ratings_propose(actor=request.user, campaign_id=campaign.pk,
                                         rows=proposals)  # fmt: skip
            except ValidationError as exc:
                errors = exc.message_dict
            else:
                messages.success(request, gettext("Đã lưu mức đề xuất."))
                return redirect(request.path)
    for r in rows:
        r.name = checked["built"].names[snapshot.subject_key(r)]
        r.errors = errors.get(f"level_{r.pk}", [])
        r.posted = request.POST.get(f"level_{r.pk}", r.proposed_level) if errors else None
        r.editable = can_edit and permissions.can_propose(scope, r, campaign)
        r.can_rerate = permissions.can_rerate(scope, campaign, r)
    context = {
        **checked, "campaign": campaign, "org": cell or campaign.organization, "cell": cell,
        "rows": rows, "can_edit": can_edit, "levels": LevelChoice.choices,
        "top_errors": errors.get("__all__", []),
        "editable": any(r.editable for r in rows),
        "can_view_campaign": permissions.can_view_campaign(scope, campaign),
    }  # fmt: skip
    return render(request, "evaluations/proposal.html", context)


@login_required
def cell_proposal(request: HttpRequest, pk: int, org_id: int) -> HttpResponse:
    """A cell's members, one row each with a level select; the live what-if preview."""
    campaign = _campaign(request, pk)
    cell = _cell(request, campaign, org_id)
    scope = scope_for(request.user)
    can_edit = permissions.can_propose_cell(scope, campaign, cell)
    all_ratings = snapshot.campaign_ratings(campaign)
    rows = [r for r in all_ratings if r.organization_id == cell.pk and r.subject_kind == "member"]
    # a cell's secretary sees the violations that involve her cell; whoever reads the whole
    # campaign (the office) sees them all (a cap broken by another cell concerns this one too)
    visible = None
    if not permissions.can_view_campaign(scope, campaign):
        visible = {snapshot.subject_key(r) for r in rows} | {f"cell:{cell.pk}"}
    built = snapshot.build(campaign, ratings=all_ratings)
    rs = snapshot.ruleset_for(campaign.year)
    found = snapshot.shown(rs.check(built.snapshot), built, campaign, visible)
    checked = {"ratings": all_ratings, "built": built, "ruleset": rs, "violations": found,
               "blocking": sum(1 for v in found if v.blocking)}  # fmt: skip
    return _proposal_page(request, campaign, rows, cell, can_edit, checked)


@login_required
def office_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    """The office's proposals: the cells, the leadership collective, the organization."""
    campaign = _campaign(request, pk)
    scope = scope_for(request.user)
    if not permissions.can_view_campaign(scope, campaign):
        raise PermissionDenied
    checked = _checked(campaign)
    rows = [r for r in checked["ratings"] if r.subject_kind != "member"]
    can_edit = permissions.can_propose_collectives(scope, campaign)
    return _proposal_page(request, campaign, rows, None, can_edit, checked)


@login_required
@require_POST
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The what-if preview (item 4): the violations panel for the levels being edited, before
    anything is saved."""
    campaign = _campaign(request, pk)
    scope = scope_for(request.user)
    if not permissions.can_preview(scope, campaign):
        raise PermissionDenied
    visible = None  # as on the cell's page: limited for a secretary, all for the office
    if request.POST.get("chi_bo") and not permissions.can_view_campaign(scope, campaign):
        cell = _cell(request, campaign, _int(request.POST["chi_bo"]))
        visible = {f"cell:{cell.pk}"} | {
            f"member:{m}"
            for m in Rating.objects.filter(campaign=campaign, organization=cell)
            .exclude(member=None)
            .values_list("member_id", flat=True)
        }
    elif not permissions.can_view_campaign(scope, campaign):
        raise PermissionDenied
    context = {**_checked(campaign, forms.overrides(request.POST), visible),
               "campaign": campaign, "preview": True}  # fmt: skip
    return render(request, "evaluations/proposal.html#violations", context)


@login_required
@require_POST
def finalize(request: HttpRequest, pk: int) -> HttpResponse:
    """Decide (item 2 step 3); refused with the list while errors remain (item 4)."""
    campaign = _campaign(request, pk)
    if not permissions.can_finalize(scope_for(request.user), campaign):
        raise PermissionDenied
    try:
        services.campaign_finalize(actor=request.user, campaign_id=campaign.pk,
                                   version=_int(request.POST.get("version")))  # fmt: skip
    except ValidationError as exc:
        lines = [m for messages_ in exc.message_dict.values() for m in messages_]
        return campaign_detail(request, pk, errors=lines)
    messages.success(request, gettext("Đã quyết định xếp loại; các xếp loại đã được khóa."))
    return redirect("evaluations:campaign", pk=campaign.pk)


@login_required
def record_exception(request: HttpRequest, pk: int) -> HttpResponse:
    """The superior's documented exception to the 20 % cap (decision 2)."""
    campaign = _campaign(request, pk)
    if not permissions.can_record_exception(scope_for(request.user), campaign):
        raise PermissionDenied
    form = forms.ExceptionForm(request.POST or None, initial={"version": campaign.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_record_exception(actor=request.user, campaign_id=campaign.pk,
                                               **form.cleaned_data)  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã ghi ngoại lệ tỷ lệ của cấp trên."))
            return redirect("evaluations:campaign", pk=campaign.pk)
    title = gettext("Ghi ngoại lệ tỷ lệ 20%")
    context = {"form": form, "title": title, "campaign": campaign, "org": campaign.organization}
    return render(request, "evaluations/form.html", context)


def _rating(request: HttpRequest, pk: int) -> Rating:
    scope = _scope(request)
    qs = Rating.objects.select_related("campaign__organization", "organization", "member")
    rating: Rating = get_object_or_404(qs.filter(member__in=scope.members()), pk=pk)
    if not permissions.can_view_rating(scope, rating):
        raise Http404
    return rating


@login_required
def self_assess(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1: the member's own form (strengths, shortcomings, proposed level)."""
    rating = _rating(request, pk)
    scope = scope_for(request.user)
    can_edit = permissions.can_self_assess(scope, rating, rating.campaign)
    own = rating.member_id in scope.own_member_ids
    if not can_edit and (request.method == "POST" or not own):
        raise PermissionDenied(services.locked_message() if own else "")
    initial = {"version": rating.version, "level": rating.self_level,
               "strengths": rating.strengths, "shortcomings": rating.shortcomings}  # fmt: skip
    form = forms.SelfAssessmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_self_assess(
                actor=request.user, rating_id=rating.pk, **form.cleaned_data
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã gửi bản tự đánh giá."))
            return redirect("evaluations:self_assess", pk=rating.pk)
    rules = snapshot.ruleset_for(rating.campaign.year)
    context = {"form": form, "rating": rating, "can_edit": can_edit, "ruleset": rules,
               "org": rating.organization}  # fmt: skip
    return render(request, "evaluations/self_assess.html", context)


@login_required
def rerate(request: HttpRequest, pk: int) -> HttpResponse:
    """The superior cancels a decided rating and re-rates it with a reason."""
    scope = _scope(request)
    qs = Rating.objects.select_related("campaign__organization", "organization", "member")
    rating: Rating = get_object_or_404(qs.filter(campaign__in=queries.campaigns(request.user)),
                                       pk=pk)  # fmt: skip
    if not permissions.can_rerate(scope, rating.campaign, rating):
        raise PermissionDenied
    form = forms.RerateForm(request.POST or None, initial={"version": rating.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_rerate(actor=request.user, rating_id=rating.pk, **form.cleaned_data)
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã hủy và xếp loại lại."))
            return redirect("evaluations:campaign", pk=rating.campaign_id)
    title = gettext("Hủy và xếp loại lại: %(name)s") % {"name": snapshot.subject_name(rating)}
    context = {"form": form, "title": title, "campaign": rating.campaign, "rating": rating,
               "org": rating.campaign.organization}  # fmt: skip
    return render(request, "evaluations/form.html", context)
