"""Forms of the news staff pages: they parse input; the services check rules and
permissions (issue 10 item 5)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangbo.news.models import Category
from dangbo.news.uploads import ACCEPT, check_image


class PostForm(forms.Form):
    organization: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        queryset=None, label=_("Tổ chức đăng tin")
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=300)
    summary = forms.CharField(label=_("Tóm tắt"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    body = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_("Mỗi đoạn cách nhau một dòng trống; ảnh được chèn sau đoạn đã chọn."),
    )  # fmt: skip
    authors = forms.CharField(label=_("Người viết"), max_length=200, required=False)
    categories = forms.ModelMultipleChoiceField(
        queryset=Category.objects.all(), required=False, label=_("Danh mục tin"),
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, organizations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organizations is None:
            del self.fields["organization"]
        else:
            self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
            if organizations.count() == 1:
                self.fields["organization"].initial = organizations.first()


class PhotoForm(forms.Form):
    image = forms.ImageField(
        label=_("Ảnh"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )
    caption = forms.CharField(label=_("Chú thích ảnh"), max_length=500)
    after_paragraph = forms.IntegerField(
        label=_("Đặt sau đoạn số"), min_value=0, initial=1,
        help_text=_("0: trước đoạn đầu tiên."),
    )  # fmt: skip
    order = forms.IntegerField(label=_("Thứ tự"), min_value=0, initial=0, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_image(self) -> Any:
        image = self.cleaned_data["image"]
        problem = check_image(image)
        if problem:
            raise forms.ValidationError(problem)
        return image


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ApproveForm(VersionForm):
    reason = forms.CharField(
        label=_("Lý do vẫn đăng khi còn chênh lệch"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )  # fmt: skip


class SendBackForm(VersionForm):
    note = forms.CharField(label=_("Ý kiến trả lại"), widget=forms.Textarea(attrs={"rows": 3}))


class FromMeetingForm(forms.Form):
    meeting = forms.IntegerField(label=_("Cuộc họp"))
