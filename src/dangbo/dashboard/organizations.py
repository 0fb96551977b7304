"""The organization pages: the tree and an organization's page with its committee, its units,
its members' table and counts. They combine the tree (``organizations``) with who is in it
(``members.queries``), so they live here, above both (issue 7, item 8); the URL names stay
``organizations:tree`` / ``organizations:detail`` (``dashboard.urls``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from dangbo.accounts.scope import scope_for
from dangbo.core.pagination import paginate
from dangbo.core.text import clip_query
from dangbo.members import permissions as member_permissions
from dangbo.members import queries as member_queries
from dangbo.members.listing import ROW_FIELDS
from dangbo.organizations import permissions as org_permissions
from dangbo.organizations import queries as org_queries
from dangbo.organizations.models import Organization
from dangbo.organizations.rules import position_title, protocol_order


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    if not org_permissions.can_view_tree(scope_for(request.user)):
        raise Http404
    page = paginate(request, org_queries.tree(request.user), per_page=100)
    member_queries.add_member_counts(page.object_list)
    return render(request, "dashboard/organization_tree.html", {"page": page})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    org = get_object_or_404(scope.orgs(), pk=pk)  # 404 outside the scope
    q = clip_query(request.GET.get("q", ""))  # ~1,000 words once answered 500
    members = member_queries.cell_members(request.user, org)
    if q:
        members = member_queries.search(request.user, q, base=members)
    page = paginate(request, members, values=ROW_FIELDS)  # tuples: see members/listing
    context = {"org": org, "page": page, "offset": page.start_index() - 1 if page else 0, "q": q}
    if request.htmx:  # the search box asks for the member rows only
        return render(request, "dashboard/organization.html#member-rows", context)
    today = timezone.localdate()
    term = org_queries.current_term(org, today)
    seats = org_queries.committee_seats(term, today) if term else []
    children = list(Organization.objects.get_children(org)) if org.numchild else []
    member_queries.add_member_counts(children)
    context |= {
        "ancestors": [
            a for a in org_queries.ancestors(org) if org_permissions.can_view_org(scope, a)
        ],
        "children": children,
        "term": term,
        "roles": [(m, position_title(role, org.kind)) for m, role in protocol_order(seats)],
        "can": {
            "export": member_permissions.can_list_members(scope),
            "add_member": member_permissions.can_add_member_to(scope, org),
        },
    }
    return render(request, "dashboard/organization.html", context)
