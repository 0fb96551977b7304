from __future__ import annotations

from typing import Any

from dangbo.accounts.scope import scope_for
from dangbo.awards import permissions as award_permissions
from dangbo.evaluations import permissions as evaluation_permissions
from dangbo.meetings import permissions as meeting_permissions
from dangbo.members import permissions as member_permissions
from dangbo.news import permissions as news_permissions
from dangbo.news.queries import newsroom_paths
from dangbo.organizations import permissions as org_permissions
from dangbo.reports import permissions as report_permissions


def navigation(request: Any) -> dict[str, Any]:
    """The scope, and the menu's flags computed with the apps' predicates (``nav.tree``: the
    organization and member pages; ``nav.own``: her own targets; ``nav.import``: the import
    page; ``nav.meetings``: the meetings page; ``nav.awards``: awards and Party badges;
    ``nav.evaluations``: the rating campaigns), so
    the menu shows a page exactly when its view lets the user in."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    scope = scope_for(user)
    nav = {
        "tree": org_permissions.can_view_tree(scope),
        "own": bool(scope.own_member_ids),
        "import": member_permissions.can_import(scope),
        "meetings": meeting_permissions.can_see_meetings(scope),
        "evaluations": evaluation_permissions.can_see_evaluations(scope),
        "awards": award_permissions.can_see_awards(scope),
        "news": news_permissions.can_see_newsroom(scope, newsroom_paths(user)),
        "documents": report_permissions.can_see_documents(scope),  # issue 10: văn bản
    }
    return {"scope": scope, "nav": nav}
