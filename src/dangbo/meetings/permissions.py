"""Who may see or change which meetings — every predicate of the meetings app, on
``accounts.scope.Scope`` (issue 8). Views fetch a meeting through the scope (404 outside it),
then ask here (403 for read-only); templates show an action only through a flag the view
computes with the same function; services ask again.

- The office manages the meetings of its subtree, a cell's secretary her cell's meetings
  (attendance included): whoever writes the meeting's organization.
- A superior reader reads the meetings of her subtree.
- A member reads the meetings she is invited to (read-only).
- Approved minutes lock the meeting: nobody changes it any more.

The predicates take already-fetched objects and plain values and never query: whether the actor
is invited is passed in as the meeting's invited member ids."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext

from dangbo.accounts.scope import Scope
from dangbo.organizations.permissions import can_edit_org, can_view_org


def locked_message(meeting: Any = None) -> str:
    """Why a meeting with approved minutes, or a cancelled one, does not change (the page and
    the service alike)."""
    if meeting is not None and meeting.is_cancelled:
        return gettext("Cuộc họp này đã hủy nên không ghi, không sửa gì thêm được nữa.")
    return gettext(
        "Biên bản cuộc họp này đã được duyệt nên không sửa được nữa; "
        "muốn thay đổi phải lập phiên bản biên bản mới kèm lý do."
    )


def can_see_meetings(scope: Scope) -> bool:
    """The meetings menu entry: readers of some subtree, and members (their invitations)."""
    return scope.sees_organizations or bool(scope.own_member_ids)


def can_list_meetings(scope: Scope, organization: Any) -> bool:
    """An organization's meeting list and its compliance board."""
    return can_view_org(scope, organization)


def can_create_meeting(scope: Scope, organization: Any) -> bool:
    return can_edit_org(scope, organization)


def is_invited(scope: Scope, invited_member_ids: Iterable[int]) -> bool:
    own = set(scope.own_member_ids)
    return bool(own) and any(pk in own for pk in invited_member_ids)


def can_view_meeting(scope: Scope, meeting: Any, invited_member_ids: Iterable[int] = ()) -> bool:
    return can_view_org(scope, meeting.organization) or is_invited(scope, invited_member_ids)


def can_manage_meeting(scope: Scope, meeting: Any) -> bool:
    """The office of the meeting's organization (or above it), or the cell's secretary — even
    once locked (the page then says why nothing changes)."""
    return can_edit_org(scope, meeting.organization)


def can_edit_meeting(scope: Scope, meeting: Any) -> bool:
    """Change the meeting, its agenda, attendance, guests, speeches, votes and conclusions."""
    return can_manage_meeting(scope, meeting) and not meeting.is_locked


def can_mark_held(scope: Scope, meeting: Any) -> bool:
    return can_edit_meeting(scope, meeting) and meeting.status == "planned"


def can_cancel_meeting(scope: Scope, meeting: Any) -> bool:
    """Cancel (hủy, hoãn) with a reason: whoever edits the meeting, while it is still planned
    (a meeting held, or already cancelled, is not cancelled)."""
    return can_edit_meeting(scope, meeting) and meeting.status == "planned"


# ---- minutes (issue 8 item 5) ------------------------------------------------------------------
# ``minutes`` is a ``Minutes`` version (``is_draft``); ``has_draft`` whether the meeting has one.


def minutes_approved_message() -> str:
    """Why an approved version of the minutes does not change (the page and the service)."""
    return gettext(
        "Phiên bản biên bản này đã được duyệt nên không sửa được; "
        "muốn thay đổi hãy lập phiên bản mới và ghi lý do."
    )


def can_read_minutes(
    scope: Scope, meeting: Any, minutes: Any, invited_member_ids: Iterable[int] = ()
) -> bool:
    """An approved version: whoever reads the meeting (invited members too); a draft: whoever
    reads the meeting's organization (the office, the cell's secretary, a superior reader)."""
    if minutes.is_draft:
        return can_view_org(scope, meeting.organization)
    return can_view_meeting(scope, meeting, invited_member_ids)


def can_draft_minutes(scope: Scope, meeting: Any, has_draft: bool) -> bool:
    """Start a version (the first, or a new one after approval — with a reason): whoever
    manages the meeting, once it is held, while no other draft is open."""
    return can_manage_meeting(scope, meeting) and meeting.status != "planned" and not has_draft


def can_edit_minutes(scope: Scope, meeting: Any, minutes: Any) -> bool:
    """Edit, regenerate or approve a version: whoever manages the meeting, while it is a
    draft (an approved version is locked for good)."""
    return can_manage_meeting(scope, meeting) and minutes.is_draft


# ---- calendar (issue 8, item 6) ---------------------------------------------------------------
def can_use_calendar_feeds(scope: Scope) -> bool:
    """The page of her secret calendar address: whoever has the meetings menu."""
    return can_see_meetings(scope)


def can_read_org_calendar(scope: Scope, organization: Any) -> bool:
    """An organization's month page and its .ics feed."""
    return can_list_meetings(scope, organization)


def in_user_feed(scope: Scope, meeting: Any, invited_member_ids: Iterable[int] = ()) -> bool:
    """A meeting of her own .ics feed: one she is invited to, or one she manages."""
    return can_manage_meeting(scope, meeting) or is_invited(scope, invited_member_ids)


# ---- documents (issue 8, items 1 and 7) ---------------------------------------------------------
# ``document`` is a ``MeetingDocument`` (``is_published``).


def can_manage_documents(scope: Scope, meeting: Any) -> bool:
    """Attach, publish or remove (while unpublished) a document: whoever edits the meeting."""
    return can_edit_meeting(scope, meeting)


def can_download_document(
    scope: Scope, meeting: Any, document: Any, invited_member_ids: Iterable[int] = ()
) -> bool:
    """Whoever manages the meeting, always; whoever else reads the meeting (the invitees, a
    superior reader), only once the document is published."""
    if can_manage_meeting(scope, meeting):
        return True
    return bool(document.is_published) and can_view_meeting(scope, meeting, invited_member_ids)
