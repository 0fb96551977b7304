"""Forms of the generated documents' pages (issue 10 items 2 and 3)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.scope import Scope
from dangbo.meetings.models import Meeting, MeetingStatus
from dangbo.organizations.models import Organization
from dangbo.reports.models import DocumentKind


class MeetingChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.date:%d/%m/%Y} — {obj.title} — {obj.organization.name}"


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    organization = forms.ModelChoiceField(
        label=_("Tổ chức ban hành"), queryset=Organization.objects.none()
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    meeting = MeetingChoice(
        label=_("Cuộc họp"), queryset=Meeting.objects.none(), required=False,
        help_text=_("Bắt buộc với nghị quyết và biên bản: văn bản được tạo từ cuộc họp này."),
    )  # fmt: skip

    def __init__(self, *args: Any, scope: Scope, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        orgs = scope.orgs(write=True).order_by("path")
        self.fields["organization"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["meeting"].queryset = (  # type: ignore[attr-defined]
            Meeting.objects.filter(organization__in=orgs)
            .exclude(status__in=[MeetingStatus.PLANNED, MeetingStatus.CANCELLED])
            .select_related("organization")
            .order_by("-date", "-id")
        )


class EditForm(forms.Form):
    title = forms.CharField(label=_("Trích yếu"), max_length=500)
    body = forms.CharField(
        label=_("Nội dung"), strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "class": "minutes-text", "spellcheck": "true"}),
        help_text=_(
            "Mỗi dòng một đoạn. “# ” đầu dòng: đề mục; “## ”: đề mục nhỏ; “- ”: gạch đầu dòng; "
            "“| … | … |”: dòng của bảng; “**Nhãn:** nội dung”: nhãn in đậm; “_…_”: in nghiêng."
        ),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)


class IssueForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do vẫn ban hành"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bắt buộc khi văn bản còn chỗ chưa khớp với dữ liệu."),
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput)


class CounterForm(forms.Form):
    type_code = forms.ChoiceField(label=_("Loại văn bản (mã)"))
    last = forms.IntegerField(
        label=_("Số cuối đã dùng trước khi dùng dangbo"), min_value=0, max_value=9999
    )
    on = forms.DateField(
        label=_("Thuộc nhiệm kỳ chứa ngày"), required=False,
        help_text=_("Để trống: nhiệm kỳ hiện tại. Ghi ngày dạng dd/mm/yyyy."),
    )  # fmt: skip

    def __init__(self, *args: Any, codes: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type_code"].choices = [(c, c) for c in codes]  # type: ignore[attr-defined]
