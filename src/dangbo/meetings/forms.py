"""Forms of the meeting pages (issue 8). Each carries the meeting's ``version`` for the
service's optimistic locking; the rules themselves are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.scope import subtree_q
from dangbo.meetings import rules
from dangbo.meetings.models import AgendaItem, Conclusion, Guest, Meeting, SpeechKind, Vote
from dangbo.members.models import ACTIVE_STATUSES, Member
from dangbo.organizations.models import Organization

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm", "type": "time"})


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MeetingForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = [
            "kind", "combined_thematic", "title", "date", "start_time", "end_time", "place",
            "chair", "secretary",
        ]  # fmt: skip
        widgets = {"date": DATE_WIDGET, "start_time": TIME_WIDGET, "end_time": TIME_WIDGET}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [k for k in rules.MeetingKind if organization.is_cell or not k.is_cell]
        self.fields["kind"].choices = [(str(k), k.label) for k in kinds]
        people = Member.objects.filter(
            subtree_q(organization.path, "organization__path"), status__in=ACTIVE_STATUSES
        ).order_by("sort_key", "id")
        for name in ("chair", "secretary"):
            self.fields[name].queryset = people  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class AgendaItemForm(VersionMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "minutes"]


class GuestForm(VersionMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Guest
        fields = ["full_name", "rank", "title", "position", "organization", "status"]


class VoteForm(VersionMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Vote
        fields = ["matter", "votes_for", "against", "abstain"]


class ConclusionForm(VersionMixin, forms.ModelForm):  # type: ignore[type-arg]
    create_task = forms.BooleanField(
        label=_("Tạo nhiệm vụ để theo dõi thực hiện"), required=False, initial=True
    )

    class Meta:
        model = Conclusion
        fields = ["text", "responsible_organization", "deadline"]
        widgets = {"deadline": DATE_WIDGET, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_organization"].queryset = (  # type: ignore[attr-defined]
            Organization.objects.filter(subtree_q(organization.path)).order_by("path")
        )


class SpeechForm(VersionMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại phát biểu"), choices=SpeechKind.choices)
    attendance = forms.TypedChoiceField(
        label=_("Đảng viên phát biểu"), required=False, coerce=int, empty_value=None
    )
    guest = forms.TypedChoiceField(
        label=_("Khách mời phát biểu"), required=False, coerce=int, empty_value=None
    )
    speaker_text = forms.CharField(label=_("Người phát biểu khác"), required=False, max_length=200)
    summary = forms.CharField(
        label=_("Tóm tắt nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, attendances: list[Any], guests: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", "—")]
        self.fields["attendance"].choices = blank + [  # type: ignore[attr-defined]
            (a.pk, a.member.full_name) for a in attendances
        ]
        self.fields["guest"].choices = blank + [  # type: ignore[attr-defined]
            (g.pk, g.display) for g in guests
        ]

    def service_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "kind": d["kind"], "attendance_id": d["attendance"], "guest_id": d["guest"],
            "speaker_text": d["speaker_text"], "summary": d["summary"],
        }  # fmt: skip


STATUSES = {str(s) for s in rules.AttendanceStatus}
REASONS = {str(r) for r in rules.AbsenceReason}


def attendance_rows(data: Any, attendances: list[Any]) -> dict[int, dict[str, Any]]:
    """The attendance page's POST, one row per invited member: ``s-<id>`` status, ``r-<id>``
    standard reason, ``t-<id>`` other reason, ``e-<id>`` exempt, ``o-<id>`` registered
    elsewhere. Unknown values are dropped (the service keeps the stored ones)."""
    rows: dict[int, dict[str, Any]] = {}
    for a in attendances:
        status = data.get(f"s-{a.pk}", "")
        reason = data.get(f"r-{a.pk}", "")
        rows[a.pk] = {
            "status": status if status in STATUSES else a.status,
            "reason": reason if reason in REASONS else "",
            "reason_text": str(data.get(f"t-{a.pk}", ""))[:200],
            "exempt": data.get(f"e-{a.pk}") == "1",
            "registered_elsewhere": data.get(f"o-{a.pk}") == "1",
        }
    return rows


YEAR_MIN, YEAR_MAX = 2000, 2100


def year_param(value: Any, default: int) -> int:
    """``?nam=``: a year in 2000..2100, else ``default``."""
    text = str(value or "").strip()
    if text.isascii() and text.isdigit() and YEAR_MIN <= int(text[:5]) <= YEAR_MAX:
        return int(text)
    return default
