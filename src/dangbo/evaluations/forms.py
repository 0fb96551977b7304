"""Forms of the rating pages (issue 9, items 1, 2 and 4). Each carries the ``version`` its row
had when the page was read (the services' optimistic locking); the rules are the rule set's."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from dangbo.evaluations.models import CapBaseChoice, LevelChoice, Rating
from dangbo.evaluations.services import Proposal
from dangbo.organizations.models import Organization

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
LEVEL_CHOICES = [("", _("— Chọn mức —")), *LevelChoice.choices]


class CampaignOpenForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Tổ chức cơ sở đảng"), queryset=Organization.objects.none()
    )
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=2018, max_value=2100)
    self_assessment_due = forms.DateField(
        label=_("Hạn tự đánh giá"), required=False, widget=DATE_WIDGET
    )
    proposal_due = forms.DateField(
        label=_("Hạn chi bộ đề xuất"), required=False, widget=DATE_WIDGET
    )
    decision_due = forms.DateField(
        label=_("Hạn cấp ủy quyết định"), required=False, widget=DATE_WIDGET
    )
    cap_base = forms.ChoiceField(
        label=_("Cách tính tỷ lệ 20%"), choices=CapBaseChoice.choices,
        initial=CapBaseChoice.GOOD_OR_ABOVE,
    )  # fmt: skip

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year - 1
        if organizations.count() == 1:
            self.fields["organization"].initial = organizations.first()


class SelfAssessmentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    strengths = forms.CharField(
        label=_("Ưu điểm"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    shortcomings = forms.CharField(
        label=_("Khuyết điểm, hạn chế và hướng khắc phục"),
        widget=forms.Textarea(attrs={"rows": 5}), required=False,
    )  # fmt: skip
    level = forms.ChoiceField(label=_("Tự xếp loại"), choices=LEVEL_CHOICES, required=False)


class RerateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    level = forms.ChoiceField(label=_("Mức xếp loại lại"), choices=LEVEL_CHOICES, required=False)
    reason = forms.CharField(
        label=_("Lý do hủy và xếp loại lại (căn cứ, số văn bản)"),
        widget=forms.Textarea(attrs={"rows": 4}), required=False,
    )  # fmt: skip


class ExceptionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    kind = forms.ChoiceField(
        label=_("Ngoại lệ cho"),
        choices=[("member", _("Tỷ lệ đảng viên hoàn thành xuất sắc nhiệm vụ")),
                 ("cell", _("Tỷ lệ chi bộ hoàn thành xuất sắc nhiệm vụ"))],
    )  # fmt: skip
    text = forms.CharField(
        label=_("Số, ngày quyết định của cấp trên"), max_length=200, required=False,
        help_text=_("Ví dụ: 125-QĐ/ĐU ngày 15/01/2022"),
    )  # fmt: skip


def _int(value: Any, default: int | None = None) -> int | None:
    text = str(value if value is not None else "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else default


def proposal_rows(
    data: Any, ratings: list[Rating], *, facts: bool
) -> tuple[list[Proposal], dict[str, list[str]]]:
    """The rows of a proposal page (``level_<id>``, ``version_<id>``; with ``facts`` the
    sick-leave days ``sick_<id>``, the justification ``just_<id>`` and the "tiêu biểu" box
    ``rec_<id>``), for the ratings shown; errors under ``level_<id>``."""
    rows, errors = [], {}
    for r in ratings:
        if f"version_{r.pk}" not in data:
            continue
        version = _int(data.get(f"version_{r.pk}"), -1)
        sick: int | None = None
        if facts:
            sick = _int(data.get(f"sick_{r.pk}") or "0")
            if sick is None or sick > 366:
                errors[f"level_{r.pk}"] = [gettext("Số ngày nghỉ ốm phải là số từ 0 đến 366.")]
                continue
        rows.append(
            Proposal(
                rating_id=r.pk, version=version or 0, level=str(data.get(f"level_{r.pk}", "")),
                sick_leave_days=sick,
                justification=str(data.get(f"just_{r.pk}", "")).strip() if facts else None,
                recognition=bool(data.get(f"rec_{r.pk}")) if facts else None,
            )
        )  # fmt: skip
    return rows, errors


def overrides(data: Any) -> dict[int, str]:
    """The unsaved levels of the what-if preview: ``level_<rating id>`` → level."""
    out = {}
    for key, value in data.items():
        if key.startswith("level_") and (pk := _int(key[6:])) is not None:
            out[pk] = str(value)
    return out
