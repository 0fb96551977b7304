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
        choices=[("", _("— bỏ ghi đè, dùng kết quả tính —"))]
        + [(s.value, s.label) for s in rules.Status],
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
