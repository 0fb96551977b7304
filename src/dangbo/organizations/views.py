from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from dangbo.accounts.scope import scope_for
from dangbo.core.pagination import paginate
from dangbo.core.text import clip_query
from dangbo.members.listing import ROW_FIELDS
from dangbo.members.queries import cell_members, search
from dangbo.organizations import queries
from dangbo.organizations.models import Organization
from dangbo.organizations.rules import position_title, protocol_order


@login_required
def tree_page(request: HttpRequest) -> HttpResponse:
    if not scope_for(request.user).sees_organizations:
        raise Http404
    page = paginate(request, queries.tree(request.user), per_page=100)
    queries.add_member_counts(page.object_list)
    return render(request, "organizations/tree.html", {"page": page})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organization, pk=pk)
    scope = scope_for(request.user)
    if not scope.can_view_org(org):
        raise Http404
    q = clip_query(request.GET.get("q", ""))  # ~1,000 words once answered 500
    members = cell_members(request.user, org)
    if q:
        members = search(request.user, q, base=members)
    today = timezone.localdate()
    term = None if request.htmx else queries.current_term(org, today)
    seats = queries.committee_seats(term, today) if term else []
    roles = [(m, position_title(role, org.kind)) for m, role in protocol_order(seats)]
    page = paginate(request, members, values=ROW_FIELDS)  # tuples: see members/listing
    children = list(Organization.objects.get_children(org)) if org.numchild else []
    queries.add_member_counts(children)
    context = {
        "org": org,
        "page": page,
        "offset": page.start_index() - 1 if page else 0,
        "q": q,
        "ancestors": [a for a in queries.ancestors(org) if scope.can_view_org(a)],
        "children": children,
        "term": term,
        "roles": roles,
        "can_edit": scope.can_edit_org(org),
    }
    template = "organizations/detail.html"
    if request.htmx:
        template += "#member-rows"
    return render(request, template, context)
