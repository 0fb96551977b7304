from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.scope import scope_for
from dangbo.members import rules as member_rules
from dangbo.members.models import Member
from dangbo.members.services import EDITABLE_FIELDS
from dangbo.organizations.models import CELL_KINDS
from dangbo.organizations.queries import departments_for

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class MemberForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Member
        fields = EDITABLE_FIELDS
        widgets = {
            "date_of_birth": DATE_WIDGET,
            "admitted_on": DATE_WIDGET,
            "full_on": DATE_WIDGET,
            "exempt_since": DATE_WIDGET,
            "suspended_since": DATE_WIDGET,
        }

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = scope_for(actor)
        cells = scope.orgs(write=True).filter(kind__in=CELL_KINDS).order_by("path")
        self.fields["organization"].queryset = cells
        self.fields["department"].queryset = departments_for(*cells.only("path"))
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean_card_number(self) -> str | None:
        value = (self.cleaned_data.get("card_number") or "").strip()
        if value and not member_rules.valid_card_number(value):
            raise forms.ValidationError(_("Số thẻ đảng viên gồm đúng 8 chữ số."))
        return value or None

    def clean_dossier_number(self) -> str:
        value = (self.cleaned_data.get("dossier_number") or "").strip().upper()
        if value and not member_rules.valid_dossier_number(value):
            raise forms.ValidationError(
                _("Số lý lịch gồm 6 chữ số và mã tỉnh 1–3 chữ cái, ví dụ 012345HN.")
            )
        return value

    def clean_citizen_id(self) -> str:
        value = (self.cleaned_data.get("citizen_id") or "").strip()
        if value and not member_rules.valid_citizen_id(value):
            raise forms.ValidationError(_("Số CCCD gồm đúng 12 chữ số."))
        return value
