from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.core.forms import VNDecimalField, VNStatedDecimalField
from dangbo.targets import rules, uploads

NUMBER_LIMITS: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}


class EntryForm(forms.Form):
    """A report at a checkpoint; the fields follow the target's kind (issue 6, items 1, 3, 7):
    a value as stated ("trên 150", "185.300", "97,5"), a milestone done or not, a qualitative
    assessment, or "chưa thực hiện"."""

    value = VNStatedDecimalField(
        label=_("Giá trị đạt được"), required=False, min_value=0, **NUMBER_LIMITS,
        help_text=_("Viết như báo cáo: 185.300; 97,5; “trên 150” được giữ nguyên cách ghi."),
    )  # fmt: skip
    not_started = forms.BooleanField(
        label=_("Chưa thực hiện (chưa triển khai trong kỳ này)"), required=False
    )
    assessed_status = forms.ChoiceField(label=_("Đánh giá"), required=False, choices=[])
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
    attachment = forms.FileField(
        label=_("Tệp minh chứng"), required=False, validators=[uploads.validate_evidence],
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT}),
    )  # fmt: skip
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

    def __init__(
        self,
        *args: Any,
        kind: str,
        frozen: bool,
        cell: bool = False,
        statuses: list[rules.Status] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        kind_ = rules.Kind(kind)
        keep = {"not_started", "note", "attachment", "correction_reason"}
        if cell or kind_ in rules.NUMERIC_KINDS or kind_ is rules.Kind.ZERO:
            keep.add("value")
        elif kind_ is rules.Kind.MILESTONE:
            keep.add("done")
        else:
            keep.add("assessed_status")
            self.fields["assessed_status"].choices = [("", "—")] + [
                (s.value, s.label.capitalize()) for s in statuses or []
            ]
            self.fields["note"].label = _("Nhận xét, đánh giá (bắt buộc)")
        if not cell:
            keep |= {"cause", "remedy"}
        if not frozen:
            keep.discard("correction_reason")
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]

    def service_kwargs(self) -> dict[str, Any]:
        """cleaned_data as ``services.entry_record`` takes it."""
        data = dict(self.cleaned_data)
        if "value" in data:
            data["value"], data["stated"] = data["value"]
        return data


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
    # The version of the override the form was opened on; 0 when there was none (optimistic
    # lock, see services.status_override_set).
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self, *args: Any, statuses: list[rules.Status] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if statuses is not None:  # the statuses that can be chosen at this checkpoint
            self.fields["status"].choices = [("", _("— bỏ ghi đè, dùng kết quả tính —"))] + [
                (s.value, s.label.capitalize()) for s in statuses
            ]


class TaskUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=[])
    note = forms.CharField(
        label=_("Tiến độ"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)  # optimistic lock

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from dangbo.targets.models import TaskStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = TaskStatus.choices


DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class ResolutionForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        from dangbo.targets.models import Resolution

        model = Resolution
        fields = ["horizon", "year", "end_year", "term", "number", "issued_on", "title"]
        widgets = {"issued_on": DATE_WIDGET}

    def __init__(self, *args: Any, organization: Any, **kwargs: Any) -> None:
        from dangbo.organizations.models import Term

        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.filter(organization=organization)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        term = data.get("horizon") == rules.Horizon.TERM
        year, end = data.get("year"), data.get("end_year")
        if term and (not end or not year or end <= year):
            self.add_error(
                "end_year", _("Nghị quyết nhiệm kỳ: nhập năm cuối nhiệm kỳ (sau năm đầu).")
            )
        if not term and end:
            self.add_error("end_year", _("Nghị quyết năm không có năm cuối nhiệm kỳ; để trống."))
        return data


class TargetForm(forms.ModelForm):  # type: ignore[type-arg]
    cells = forms.ModelMultipleChoiceField(
        label=_("Giao cho các chi bộ (số liệu cộng dồn)"), required=False, queryset=None
    )

    class Meta:
        from dangbo.targets.models import Target

        model = Target
        fields = [
            "group", "title", "clause", "kind", "direction", "unit", "basis", "baseline",
            "baseline_year", "change_percent", "planned", "tolerance", "midyear_share",
            "ninemonth_share", "midterm_share", "is_key", "responsible_department",
            "responsible_member", "rollup",
        ]  # fmt: skip
        field_classes = {
            name: VNDecimalField
            for name in ("baseline", "change_percent", "planned", "tolerance", "midyear_share",
                         "ninemonth_share", "midterm_share")
        }  # fmt: skip

    def __init__(self, *args: Any, resolution: Any, **kwargs: Any) -> None:
        from dangbo.accounts.scope import subtree_q
        from dangbo.members.models import Member
        from dangbo.organizations.models import CELL_KINDS, Organization
        from dangbo.organizations.queries import departments_for

        organization = resolution.organization
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = resolution.groups.all()
        term = resolution.horizon == rules.Horizon.TERM
        for name in ("midterm_share",) if not term else ("midyear_share", "ninemonth_share"):
            del self.fields[name]
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
            midterm_share=data.get("midterm_share"), basis=data.get("basis") or "fixed",
            baseline=data.get("baseline"), change_percent=data.get("change_percent"),
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

    def __init__(self, *args: Any, resolution: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = rules.HORIZON_CHECKPOINTS[rules.Horizon(resolution.horizon)]
        self.fields["kind"].choices = [(c.value, c.label) for c in allowed]


class GroupForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        from dangbo.targets.models import TargetGroup

        model = TargetGroup
        fields = ["position", "title", "noun"]


class FreezeForm(forms.Form):
    """Chốt số liệu needs the period's name typed (issue 6, item 9)."""

    confirmation = forms.CharField(label=_("Gõ tên kỳ để xác nhận"), max_length=120)


class TranscribeHeadForm(forms.Form):
    """The published report a past period's figures are copied from (issue 6, item 6)."""

    source_number = forms.CharField(label=_("Số, ký hiệu báo cáo"), max_length=60)
    source_date = forms.DateField(label=_("Ngày báo cáo"), widget=DATE_WIDGET)


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
