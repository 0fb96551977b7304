"""The form of the discipline register (issue 9, item 8); the service checks the rules."""

from __future__ import annotations

from django import forms

from dangbo.members.models import Discipline

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class DisciplineForm(forms.ModelForm):  # type: ignore[type-arg]
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = Discipline
        fields = ["kind", "decided_on", "decision_number", "issuer", "reason", "self_detected"]
        widgets = {"decided_on": DATE_WIDGET, "reason": forms.Textarea(attrs={"rows": 3})}
