from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangbo.accounts.scope import scope_for
from dangbo.organizations.queries import scope_summary


@login_required
def home(request: HttpRequest) -> HttpResponse:
    # The reporting work of the actor (issue 6, item 7). The home page combines apps; issue 7
    # moves it out of ``core`` into a top app of its own.
    from dangbo.targets.queries import report_items

    scope = scope_for(request.user)
    items = [i for i in report_items(request.user) if not i.reported]
    if not scope.sees_organizations and scope.own_member_ids and not items:
        return redirect("members:detail", pk=scope.own_member_ids[0])
    today = timezone.localdate()
    context = {
        "summary": scope_summary(request.user, today) if scope.sees_organizations else None,
        "items": items,
        "own_member_id": scope.own_member_ids[0] if scope.own_member_ids else None,
    }
    return render(request, "core/home.html", context)
