from __future__ import annotations

from typing import Any

from dangbo.accounts.scope import scope_for


def navigation(request: Any) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"scope": scope_for(user)}
