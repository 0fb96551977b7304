from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.targets import rules


class EntryForm(forms.Form):
    value = forms.DecimalField(
        label=_("Giá trị đạt được"), required=False, max_digits=14, decimal_places=2, localize=True
    )
    done = forms.TypedChoiceField(
        label=_("Kết quả"),
        required=False,
        coerce=lambda v: v == "1",
        empty_value=None,
        choices=[("", "—"), ("1", _("Đã hoàn thành")), ("0", _("Chưa hoàn thành"))],
    )
    note = forms.CharField(
        label=_("Minh chứng, ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    attachment = forms.FileField(label=_("Tệp minh chứng"), required=False)
    cause = forms.CharField(
        label=_("Nguyên nhân (bắt buộc khi chưa đạt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    remedy = forms.CharField(
        label=_("Giải pháp khắc phục (bắt buộc khi chưa đạt)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    correction_reason = forms.CharField(
        label=_("Lý do điều chỉnh (sau khi đã chốt số liệu)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, milestone: bool, frozen: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["value" if milestone else "done"]
        if not frozen:
            del self.fields["correction_reason"]


class OverrideForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Đánh giá thay cho kết quả tính tự động"),
        choices=lambda: (
            [("", _("— bỏ ghi đè, dùng kết quả tính —"))]
            + [(s.value, s.label) for s in rules.Status]
        ),  # labels in the request's language
        required=False,
    )
    reason = forms.CharField(label=_("Lý do (bắt buộc)"), widget=forms.Textarea(attrs={"rows": 3}))


class TaskUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=[])
    note = forms.CharField(
        label=_("Tiến độ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from dangbo.targets.models import TaskStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = TaskStatus.choices


DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class ResolutionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        from dangbo.targets.models import Resolution

        model = Resolution
        fields = ["year", "term", "number", "issued_on", "title"]
        widgets = {"issued_on": DATE_WIDGET}

    def __init__(self, *args: Any, organization: Any, **kwargs: Any) -> None:
        from dangbo.organizations.models import Term

        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.filter(organization=organization)


class TargetForm(forms.ModelForm):  # type: ignore[type-arg]
    cells = forms.ModelMultipleChoiceField(
        label=_("Giao cho các chi bộ (số liệu cộng dồn)"), required=False, queryset=None
    )

    class Meta:
        from dangbo.targets.models import Target

        model = Target
        fields = [
            "title", "clause", "kind", "direction", "unit", "baseline", "planned", "tolerance",
            "midyear_share", "ninemonth_share", "is_key", "responsible_department",
            "responsible_member", "rollup",
        ]  # fmt: skip
        localized_fields = "__all__"  # 0,5 and 97,2 as Vietnamese write them

    def __init__(self, *args: Any, organization: Any, **kwargs: Any) -> None:
        from dangbo.accounts.scope import subtree_q
        from dangbo.members.models import Member
        from dangbo.organizations.models import CELL_KINDS, Organization
        from dangbo.organizations.queries import departments_for

        super().__init__(*args, **kwargs)
        self.fields["cells"].queryset = Organization.objects.filter(
            subtree_q(organization.path), kind__in=CELL_KINDS
        ).order_by("path")
        self.fields["responsible_department"].queryset = departments_for(organization)
        self.fields["responsible_member"].queryset = Member.objects.filter(
            subtree_q(organization.path, "organization__path"),
            status__in=["full", "probationary"],
        ).order_by("sort_key")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        problems = rules.spec_problems(
            kind=data.get("kind") or "numeric", direction=data.get("direction") or "higher",
            planned=data.get("planned"), tolerance=data.get("tolerance") or 0,
            midyear_share=data.get("midyear_share"), ninemonth_share=data.get("ninemonth_share"),
        )  # fmt: skip
        for name, message in problems:
            self.add_error(name if name in self.fields else None, message)
        if data.get("cells") and not data.get("rollup"):
            self.add_error("rollup", _("Chọn cách cộng dồn số liệu của các chi bộ."))
        return data


class CheckpointForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        from dangbo.targets.models import Checkpoint

        model = Checkpoint
        fields = ["kind", "as_of", "deadline"]
        widgets = {"as_of": DATE_WIDGET, "deadline": DATE_WIDGET}


class TaskForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        from dangbo.targets.models import Task

        model = Task
        fields = ["title", "responsible_organization", "responsible_department", "deadline"]
        widgets = {"deadline": DATE_WIDGET}

    def __init__(self, *args: Any, organization: Any, **kwargs: Any) -> None:
        from dangbo.accounts.scope import subtree_q
        from dangbo.organizations.models import Organization
        from dangbo.organizations.queries import departments_for

        super().__init__(*args, **kwargs)
        self.fields["responsible_organization"].queryset = Organization.objects.filter(
            subtree_q(organization.path)
        ).order_by("path")
        self.fields["responsible_department"].queryset = departments_for(organization)
