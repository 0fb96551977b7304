"""Meeting pages (issue 8): thin views — fetch through the scope (404 outside it), ask
``meetings.permissions`` (403 for read-only), call a service or a query, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ConcurrentEdit, add_form_errors
from dangbo.core.pagination import paginate
from dangbo.meetings import cancel_views, documents_views, permissions, queries, rules, services
from dangbo.meetings.fetch import meeting_or_404
from dangbo.meetings.forms import (
    AgendaItemForm,
    ConclusionForm,
    GuestForm,
    MeetingForm,
    SpeechForm,
    VoteForm,
    attendance_rows,
    year_param,
)
from dangbo.meetings.models import Meeting
from dangbo.organizations.models import Organization


def _org(request: HttpRequest, org_id: int) -> Organization:
    org: Organization = get_object_or_404(scope_for(request.user).orgs(), pk=org_id)
    return org


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return meeting_or_404(request, pk, "chair", "secretary")


def _editable(request: HttpRequest, pk: int) -> Meeting:
    meeting = _meeting(request, pk)
    if not permissions.can_edit_meeting(scope_for(request.user), meeting):
        raise PermissionDenied(permissions.locked_message(meeting) if meeting.is_locked else "")
    return meeting


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """ "Cuộc họp": the upcoming meetings she is invited to, her attendance this year, and the
    meeting lists of the organizations she reads."""
    scope = scope_for(request.user)
    if not permissions.can_see_meetings(scope):
        raise Http404
    today = timezone.localdate()
    if scope.is_admin:
        roots = Organization.objects.filter(depth__lte=2)
    else:
        roots = Organization.objects.filter(path__in=scope.read_paths)
    context = {
        "upcoming": documents_views.attach_published(
            list(queries.upcoming_for(request.user, today)[:50])
        ),
        "own_attendance": list(queries.own_attendance(request.user, today.year, today)[:100]),
        "roots": list(roots.order_by("path")[:50]),
        "year": today.year,
        "is_member": bool(scope.own_member_ids),
    }
    return render(request, "meetings/index.html", context)


@login_required
def meeting_list(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _org(request, org_id)
    kind = request.GET.get("loai", "")
    kind = kind if kind in {str(k) for k in rules.MeetingKind} else ""
    year = year_param(request.GET.get("nam"), 0) or None
    page = paginate(request, queries.meetings(request.user, org, kind=kind, year=year))
    context = {
        "org": org, "page": page, "kind": kind, "year": year,
        "kinds": [(str(k), k.label) for k in rules.MeetingKind],
        "can_create": permissions.can_create_meeting(scope_for(request.user), org),
    }  # fmt: skip
    return render(request, "meetings/list.html", context)


@login_required
def meeting_create(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _org(request, org_id)
    if not permissions.can_create_meeting(scope_for(request.user), org):
        raise PermissionDenied
    form = MeetingForm(request.POST or None, organization=org)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(
                actor=request.user, organization=org, **form.service_kwargs()
            )
        except ValidationError as exc:
            add_form_errors(form, exc)
        else:
            messages.success(request, gettext("Đã tạo cuộc họp và danh sách mời."))
            return redirect("meetings:detail", pk=meeting.pk)
    title = gettext("Thêm cuộc họp")
    return render(request, "meetings/form.html", {"form": form, "title": title, "org": org})


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    detail = queries.meeting_detail(meeting)
    scope = scope_for(request.user)
    if not permissions.can_view_meeting(scope, meeting, detail.invited_ids):
        raise Http404  # readable_meetings already limits; the predicate says the same
    can_edit = permissions.can_edit_meeting(scope, meeting)
    context = {
        "meeting": meeting, "d": detail, "org": meeting.organization, "can_edit": can_edit,
        "can_mark_held": permissions.can_mark_held(scope, meeting),
        "can_read_org": permissions.can_list_meetings(scope, meeting.organization),
        "locked_message": permissions.locked_message(meeting) if meeting.is_locked else "",
    }  # fmt: skip
    context.update(documents_views.detail_context(request, meeting, detail.invited_ids))
    context.update(cancel_views.detail_context(request, meeting))
    return render(request, "meetings/detail.html", context)


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _editable(request, pk)
    org = meeting.organization
    form = MeetingForm(
        request.POST or None, instance=meeting, organization=org,
        initial={"version": meeting.version},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs()
        try:
            services.meeting_update(
                actor=request.user, meeting_id=meeting.pk,
                version=form.cleaned_data.get("version") or 0, **data,
            )  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        except ConcurrentEdit as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, gettext("Đã lưu cuộc họp."))
            return redirect("meetings:detail", pk=meeting.pk)
    title = gettext("Sửa cuộc họp")
    return render(request, "meetings/form.html", {"form": form, "title": title, "org": org,
                                                  "meeting": meeting})  # fmt: skip


@login_required
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The phone page: one row per invited member, the quorum after saving."""
    meeting = _editable(request, pk)
    attendances = list(
        meeting.attendances.select_related("member").order_by("member__sort_key", "member_id")
    )
    errors: dict[str, list[str]] = {}
    top: list[str] = []
    if request.method == "POST":
        rows = attendance_rows(request.POST, attendances)
        try:
            services.attendance_record(
                actor=request.user, meeting_id=meeting.pk,
                version=_int(request.POST.get("version")), rows=rows,
            )  # fmt: skip
        except ValidationError as exc:
            errors = exc.message_dict
            top = [m for k, ms in errors.items() if not k.startswith("a") for m in ms]
            for a in attendances:  # show what was typed
                row = rows[a.pk]
                a.status, a.reason, a.reason_text = row["status"], row["reason"], row["reason_text"]
                a.exempt, a.registered_elsewhere = row["exempt"], row["registered_elsewhere"]
        except ConcurrentEdit as exc:
            top = [str(exc)]
        else:
            messages.success(request, gettext("Đã lưu điểm danh."))
            return redirect("meetings:attendance", pk=meeting.pk)
    for a in attendances:
        a.errors = errors.get(f"a{a.pk}", [])  # type: ignore[attr-defined]
    quorum = None
    if meeting.attendance_taken_at is not None and not errors:
        counts = queries.counts_of(attendances, list(meeting.guests.all()))
        quorum = rules.quorum(counts, rules.settings_for(meeting.kind_enum))
    context = {
        "meeting": meeting, "org": meeting.organization, "attendances": attendances,
        "quorum": quorum, "top_errors": top,
        "statuses": [(str(s), s.label) for s in rules.AttendanceStatus],
        "reasons": [(str(r), r.label) for r in rules.AbsenceReason],
    }  # fmt: skip
    return render(request, "meetings/attendance.html", context)


def _int(value: Any) -> int:
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else -1


def _child_form(
    request: HttpRequest, pk: int, form_class: Callable[..., Any], service: Callable[..., Any],
    title: str, done: str, anchor: str, **form_kwargs: Any,
) -> HttpResponse:  # fmt: skip
    """An "add" page of the meeting (agenda item, guest, speech, vote, conclusion)."""
    meeting = _editable(request, pk)
    extra = {k: v(meeting) if callable(v) else v for k, v in form_kwargs.items()}
    form = form_class(request.POST or None, initial={"version": meeting.version}, **extra)
    if request.method == "POST" and form.is_valid():
        data = form.service_kwargs() if hasattr(form, "service_kwargs") else dict(form.cleaned_data)
        data.pop("version", None)
        try:
            service(actor=request.user, meeting_id=meeting.pk,
                    version=form.cleaned_data["version"], **data)  # fmt: skip
        except ValidationError as exc:
            add_form_errors(form, exc)
        except ConcurrentEdit as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done)
            return redirect(redirect("meetings:detail", pk=meeting.pk).url + anchor)
    context = {"form": form, "title": title, "org": meeting.organization, "meeting": meeting}
    return render(request, "meetings/form.html", context)


@login_required
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _child_form(request, pk, AgendaItemForm, services.agenda_item_add,
                       gettext("Thêm nội dung họp"), gettext("Đã thêm nội dung họp."),
                       "#agenda")  # fmt: skip


@login_required
def guest_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _child_form(request, pk, GuestForm, services.guest_add,
                       gettext("Thêm khách mời"), gettext("Đã thêm khách mời."),
                       "#guests")  # fmt: skip


@login_required
def speech_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _child_form(
        request, pk, SpeechForm, services.speech_add, gettext("Thêm phát biểu"),
        gettext("Đã thêm phát biểu."), "#speeches",
        attendances=lambda m: list(
            m.attendances.select_related("member").order_by("member__sort_key")
        ),
        guests=lambda m: list(m.guests.all()),
    )  # fmt: skip


@login_required
def vote_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _child_form(request, pk, VoteForm, services.vote_add,
                       gettext("Ghi kết quả biểu quyết"), gettext("Đã ghi kết quả biểu quyết."),
                       "#votes")  # fmt: skip


@login_required
def conclusion_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _child_form(request, pk, ConclusionForm, services.conclusion_add,
                       gettext("Thêm kết luận"), gettext("Đã thêm kết luận."), "#conclusions",
                       organization=lambda m: m.organization)  # fmt: skip


@login_required
@require_POST
def mark_held(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _editable(request, pk)
    try:
        services.meeting_mark_held(
            actor=request.user, meeting_id=meeting.pk, version=_int(request.POST.get("version"))
        )
    except ValidationError as exc:
        for ms in exc.message_dict.values():
            for m in ms:
                messages.error(request, m)
    except ConcurrentEdit as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, gettext("Đã ghi cuộc họp là đã họp."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
def compliance(request: HttpRequest, org_id: int) -> HttpResponse:
    """The compliance board: per cell, per month of a year (``?nam=``)."""
    org = _org(request, org_id)
    today = timezone.localdate()
    year = year_param(request.GET.get("nam"), today.year)
    board = queries.compliance_board(request.user, org, year, today)
    context = {
        "org": org, "year": year, "board": board, "months": range(1, 13),
        "years": range(today.year - 3, today.year + 2),
        "citation_monthly": rules.CIT_MONTHLY, "citation_duration": rules.CIT_DURATION,
        "statuses": [(str(s), s.label) for s in rules.ComplianceStatus],
    }  # fmt: skip
    return render(request, "meetings/compliance.html", context)
