from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from dangbo.accounts.scope import scope_for
from dangbo.organizations.queries import scope_summary


@login_required
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not scope.sees_organizations and scope.own_member_ids:
        return redirect("members:detail", pk=scope.own_member_ids[0])
    today = timezone.localdate()
    context = {"summary": scope_summary(request.user, today) if scope.sees_organizations else None}
    return render(request, "core/home.html", context)
