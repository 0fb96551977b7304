from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from dangbo.accounts.scope import scope_for
from dangbo.core.pagination import paginate
from dangbo.members.listing import ROW_FIELDS
from dangbo.members.queries import cell_members, search
from dangbo.organizations import queries
from dangbo.organizations.models import Organization
from dangbo.organizations.rules import position_title


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
    q = request.GET.get("q", "").strip()
    members = cell_members(request.user, org)
    if q:
        members = search(request.user, q, base=members)
    roles = [(m, position_title(m.role, org.kind)) for m in queries.current_committee_roles(org)]
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
        "roles": roles,
        "can_edit": scope.can_edit_org(org),
    }
    template = "organizations/detail.html"
    if request.htmx:
        template += "#member-rows"
    return render(request, template, context)
