"""Forms of the awards pages (issue 9, items 6 and 7): they parse input; the services check the
rules and permissions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.scope import subtree_q
from dangbo.awards.models import (
    Award,
    AwardKindChoice,
    BadgeAward,
    BasisChoice,
    IssuerLevelChoice,
)
from dangbo.awards.queries import Subject
from dangbo.members.models import ACTIVE_STATUSES, Member
from dangbo.organizations.models import Department, Organization

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


def year_param(value: object, default: int) -> int:
    """``?nam=`` as a year in 1930..2100, else ``default``."""
    text = str(value or "").strip()
    if text.isascii() and text.isdigit() and len(text) == 4 and 1930 <= int(text) <= 2100:
        return int(text)
    return default


class AwardForm(forms.ModelForm):  # type: ignore[type-arg]
    recipient_org = forms.ModelChoiceField(
        Organization.objects.none(), required=False, label=_("Chi bộ, đảng bộ được khen thưởng")
    )

    class Meta:
        model = Award
        fields = [
            "year", "kind", "title", "issuer_level", "issuer_name", "recipient_kind", "member",
            "recipient_org", "department", "reason", "decision_number", "decided_on",
        ]  # fmt: skip
        widgets = {"decided_on": DATE_WIDGET, "reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Member.objects.filter(  # type: ignore[attr-defined]
            subtree_q(organization.path, "organization__path"), status__in=ACTIVE_STATUSES
        ).order_by("sort_key", "id")
        self.fields["recipient_org"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            subtree_q(organization.path)
        ).order_by("path")
        self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
            subtree_q(organization.path, "organization__path")
        ).order_by("name")

    REQUIRED_FOR = {
        "member": ("member", _("Chọn đảng viên được khen thưởng.")),
        "department": ("department", _("Chọn khoa, phòng được khen thưởng.")),
        "cell": ("recipient_org", _("Chọn chi bộ hoặc đảng bộ được khen thưởng.")),
        "organization": ("recipient_org", _("Chọn chi bộ hoặc đảng bộ được khen thưởng.")),
    }

    def clean(self) -> dict[str, Any]:
        """Keep only the recipient field of the chosen kind; name it when it is empty (the
        service checks that it lies in the organization)."""
        data: dict[str, Any] = super().clean() or {}
        kind = data.get("recipient_kind")
        if kind in self.REQUIRED_FOR:
            needed, message = self.REQUIRED_FOR[kind]
            for name in ("member", "department", "recipient_org"):
                if name != needed:
                    data[name] = None
            if data.get(needed) is None:
                self.add_error(needed, str(message))
        return data


class AwardEditForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    class Meta:
        model = Award
        fields = [
            "year", "kind", "title", "issuer_level", "issuer_name", "reason",
            "decision_number", "decided_on",
        ]  # fmt: skip
        widgets = {"decided_on": DATE_WIDGET, "reason": forms.Textarea(attrs={"rows": 3})}


class ProposalForm(forms.Form):
    """Only the eligible subjects are offered (``queries.eligible_subjects``)."""

    subject = forms.ChoiceField(label=_("Đối tượng đề nghị"))
    kind = forms.ChoiceField(
        label=_("Hình thức"), choices=AwardKindChoice.choices, initial=AwardKindChoice.GIAY_KHEN
    )
    issuer_level = forms.ChoiceField(
        label=_("Cấp khen thưởng đề nghị"), choices=IssuerLevelChoice.choices,
        initial=IssuerLevelChoice.GRASSROOTS_COMMITTEE,
    )  # fmt: skip
    reason = forms.CharField(
        label=_("Thành tích, lý do"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, subjects: list[Subject], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = [  # type: ignore[attr-defined]
            (s.key, f"{s.name} — {BasisChoice(s.basis.value).label}") for s in subjects
        ]


class ProposalAwardForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    issuer_level = forms.ChoiceField(label=_("Cấp khen thưởng"), choices=IssuerLevelChoice.choices)
    issuer_name = forms.CharField(label=_("Tên cơ quan khen thưởng"), required=False,
                                  max_length=200)  # fmt: skip
    title = forms.CharField(label=_("Tên danh hiệu, hình thức"), required=False, max_length=200)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=DATE_WIDGET)


class BadgeForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = BadgeAward
        fields = ["milestone", "circumstance", "presented_on", "decision_number"]
        widgets = {"presented_on": DATE_WIDGET}
