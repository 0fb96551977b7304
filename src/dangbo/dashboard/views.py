"""The home page, one per role (issue 7, item 4).

- The office (writes an organization): what is due — checkpoints due or overdue with the cells
  that have not reported, tasks it assigned that are due, members whose probation ends soon.
- A cell's secretary: her cell, her cell's reporting work and its tasks due.
- A member: her own reporting work and her record.
- A superior reader: the counts of the subtree.
Every list comes from the app that owns it, scoped to the actor."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangbo.accounts.scope import scope_for
from dangbo.members import queries as member_queries
from dangbo.organizations import permissions as org_permissions
from dangbo.organizations import queries as org_queries
from dangbo.organizations.models import Organization
from dangbo.targets.queries import office_agenda, report_items


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    items = [i for i in report_items(request.user) if not i.reported]
    sees_tree = org_permissions.can_view_tree(scope)
    if not sees_tree and scope.own_member_ids and not items:
        return redirect("members:detail", pk=scope.own_member_ids[0])
    if not sees_tree and not scope.own_member_ids and scope.news:  # the communications team
        return redirect("news:posts")  # "Tin bài" (issue 10 item 5)
    today = timezone.localdate()
    summary = None
    if sees_tree:  # two queries: the tree's figures and its members'
        summary = org_queries.counts(request.user) | member_queries.member_counts(
            request.user, today
        )
    office = org_permissions.can_edit_some_org(scope)  # what is due: the office, a secretary
    context = {
        "summary": summary,
        "items": items,
        "agenda": office_agenda(request.user, today) if office else None,
        "own_orgs": list(Organization.objects.filter(path__in=scope.write_paths)[:5]),
        "own_member_id": scope.own_member_ids[0] if scope.own_member_ids else None,
    }
    return render(request, "dashboard/home.html", context)
