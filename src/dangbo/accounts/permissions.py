"""Object permissions (django-rules), all derived from ``accounts.scope``."""

from __future__ import annotations

from typing import Any

import rules

from dangbo.accounts.scope import scope_for


@rules.predicate
def can_view_org(user: Any, org: Any) -> bool:
    return org is not None and scope_for(user).can_view_org(org)


@rules.predicate
def can_edit_org(user: Any, org: Any) -> bool:
    return org is not None and scope_for(user).can_edit_org(org)


@rules.predicate
def can_view_member(user: Any, member: Any) -> bool:
    return member is not None and scope_for(user).can_view_member(member)


@rules.predicate
def can_edit_member(user: Any, member: Any) -> bool:
    return member is not None and scope_for(user).can_edit_member(member)


rules.add_perm("organizations.view_organization", can_view_org)
rules.add_perm("organizations.change_organization", can_edit_org)
rules.add_perm("members.view_member", can_view_member)
rules.add_perm("members.change_member", can_edit_member)
rules.add_perm("members.reveal_member", can_edit_member)
