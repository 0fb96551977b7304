from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.scope import scope_for
from dangbo.members import rules as member_rules
from dangbo.members.models import Member, MemberStatus
from dangbo.members.services import EDITABLE_FIELDS, SENSITIVE_FIELDS
from dangbo.organizations.models import CELL_KINDS
from dangbo.organizations.queries import departments_for

CLEAR_LABELS = {"card_number": _("Xóa số thẻ đã lưu"), "citizen_id": _("Xóa số CCCD đã lưu")}
DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


class MemberForm(forms.ModelForm):  # type: ignore[type-arg]
    """The member record. A stored card number or citizen ID is never sent in the page: its
    input starts empty with the masked number as placeholder; left empty it keeps the stored
    number, a new number replaces it, the box "Xóa … đã lưu" erases it. The logged reveal
    ("Hiện số", views.reveal) replaces the input with one holding the number (``revealed``)."""

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

    def __init__(
        self, *args: Any, actor: Any, revealed: Collection[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.masked: dict[str, str] = {}  # sensitive field → masked stored value
        if self.instance.pk:
            self._mask_sensitive(revealed)
        scope = scope_for(actor)
        cells = scope.orgs(write=True).filter(kind__in=CELL_KINDS).order_by("path")
        self.fields["organization"].queryset = cells
        self.fields["department"].queryset = departments_for(*cells.only("path"))
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _mask_sensitive(self, revealed: Collection[str]) -> None:
        order = []
        for name in list(self.fields):
            order.append(name)
            stored = getattr(self.instance, name) if name in SENSITIVE_FIELDS else None
            if not stored or name in revealed:
                continue
            masked = member_rules.mask(stored)
            self.masked[name] = masked
            self.initial[name] = ""
            field = self.fields[name]
            field.widget.attrs.update(placeholder=masked, autocomplete="off")
            field.help_text = gettext(
                "Đang lưu %(masked)s. Để trống để giữ nguyên; nhập số mới để thay."
            ) % {"masked": masked}
            clear = f"{name}_clear"
            self.fields[clear] = forms.BooleanField(required=False, label=CLEAR_LABELS[name])
            order.append(clear)
        self.order_fields(order)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()
        for name in self.masked:
            if name in data and not data[name] and not data.get(f"{name}_clear"):
                data[name] = getattr(self.instance, name)  # left empty: keep the stored number
        return data

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


class StatusChangeForm(forms.Form):
    """Đổi tình trạng: recognition as a full member (with the decision), transfer out, death,
    removal (issue 7, item 2)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Tình trạng mới"), choices=[])
    changed_on = forms.DateField(label=_("Ngày"), widget=DATE_WIDGET)
    decision_number = forms.CharField(
        label=_("Số quyết định"), required=False, max_length=60,
        help_text=_("Bắt buộc khi công nhận đảng viên chính thức, ví dụ 125-QĐ/ĐU."),
    )  # fmt: skip
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=200)

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(MemberStatus.choices)
        moves = member_rules.STATUS_MOVES.get(member.status, ())
        self.fields["status"].choices = [(s, labels[s]) for s in moves]
        self.fields["version"].initial = member.version


class MemberFilterForm(forms.Form):
    """Filters of the member list (issue 7, item 2); the URL parameters are Vietnamese slugs
    so a filtered list can be bookmarked, exported and printed as it is."""

    trang_thai = forms.ChoiceField(label=_("Tình trạng"), required=False)
    gioi_tinh = forms.ChoiceField(label=_("Giới tính"), required=False)
    khoa = forms.ModelChoiceField(label=_("Khoa/phòng"), required=False, queryset=None)
    nam = forms.IntegerField(label=_("Năm vào Đảng"), required=False, min_value=1930,
                             max_value=2100)  # fmt: skip
    tuoi = forms.ChoiceField(label=_("Độ tuổi"), required=False)
    sap_xep = forms.ChoiceField(label=_("Sắp xếp"), required=False)

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from dangbo.members.models import Gender

        blank = [("", _("Tất cả"))]
        self.fields["trang_thai"].choices = blank + list(MemberStatus.choices)
        self.fields["gioi_tinh"].choices = blank + list(Gender.choices)
        cells = scope_for(actor).orgs().filter(kind__in=CELL_KINDS)
        self.fields["khoa"].queryset = departments_for(*cells.only("path")[:500])
        self.fields["tuoi"].choices = blank + [
            ("duoi-30", _("Dưới 30")), ("30-39", "30–39"), ("40-49", "40–49"),
            ("50-59", "50–59"), ("tu-60", _("Từ 60")),
        ]  # fmt: skip
        self.fields["sap_xep"].choices = [
            ("ten", _("Tên (thứ tự tiếng Việt)")), ("vao-dang", _("Ngày vào Đảng")),
            ("tuoi", _("Tuổi, trẻ trước")),
        ]  # fmt: skip

    def filters(self) -> dict[str, Any]:
        """The cleaned filters as ``queries.filter_members`` takes them ({} when invalid)."""
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {"status": d["trang_thai"], "gender": d["gioi_tinh"], "department": d["khoa"],
                "year": d["nam"], "age": d["tuoi"], "sort": d["sap_xep"]}  # fmt: skip

    @property
    def active(self) -> bool:
        return any(v for k, v in self.filters().items() if k != "sort")
