"""The page that cancels a meeting (issue 8 finishing work): fetched through the scope (404
outside it), refused with 403 unless ``permissions.can_cancel_meeting`` allows (whoever edits
the meeting, while it is still planned); the reason is required. The meeting page shows the
link only through ``detail_context`` (the same predicate)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit, add_form_errors
from dangbo.meetings import cancel_services, permissions
from dangbo.meetings.fetch import meeting_or_404
from dangbo.meetings.models import Meeting


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do hủy"), max_length=cancel_services.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: hoãn vì trùng lịch giao ban của Đảng ủy cấp trên; sẽ báo lịch mới."),
        error_messages={"required": _("Ghi lý do hủy cuộc họp.")},
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


def detail_context(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    """What the meeting page needs for the cancel link."""
    return {"can_cancel": permissions.can_cancel_meeting(scope_for(request.user), meeting)}


@login_required
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    if not permissions.can_cancel_meeting(scope_for(request.user), meeting):
        raise PermissionDenied(permissions.locked_message(meeting) if meeting.is_locked else "")
    form = CancelForm(request.POST or None, initial={"version": meeting.version})
    if request.method == "POST" and form.is_valid():
        try:
            cancel_services.meeting_cancel(
                actor=request.user, meeting_id=meeting.pk,
                version=form.cleaned_data["version"], reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        except ConcurrentEdit as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                gettext("Đã hủy cuộc họp; người được mời có địa chỉ email sẽ nhận thư báo."),
            )
            return redirect("meetings:detail", pk=meeting.pk)
    context = {"form": form, "meeting": meeting, "org": meeting.organization}
    return render(request, "meetings/cancel.html", context)
