"""The consistency-check page (issue 10 item 4): paste a report or news text, choose the
organization (within one's scope) and the year — or "a text from elsewhere", compared with
itself and the rules of its year only — and see each sentence with its findings beside it, and
what was read.

Thin: the reading and the checks are ``reports.consistency.check``, the records
``reports.facts.facts_for``; who may use the page is ``reports.permissions.can_see_documents``
(whoever reads some organization: the office, a cell's secretary, a superior reader; not a
member, not the communications team). An organization outside the scope is not offered and
not accepted."""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangbo.accounts.scope import scope_for
from dangbo.organizations.models import Organization
from dangbo.reports import permissions
from dangbo.reports.consistency import Claim, Finding, Report, check
from dangbo.reports.consistency.sentences import split
from dangbo.reports.facts import MIDYEAR, YEAREND, facts_for

MAX_TEXT = 100_000  # characters: a long year-end report is about 30 000


class CheckForm(forms.Form):
    text = forms.CharField(
        label=_("Văn bản cần kiểm tra"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Dán nội dung báo cáo hoặc bài viết (có thể dán từ Word)."),
    )
    organization: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=_("Đối chiếu với dữ liệu của"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("Văn bản của nơi khác — chỉ đối chiếu với chính văn bản và quy định"),
    )
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(
        label=_("Kỳ báo cáo chỉ tiêu"),
        choices=[(YEAREND, _("Cả năm")), (MIDYEAR, _("6 tháng đầu năm"))],
        initial=YEAREND,
    )

    def __init__(self, *args: Any, organizations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year - 1


def rows_of(text: str, report: Report) -> list[dict[str, Any]]:
    """Each sentence of the (NFC) text with the findings and the claims that belong to it."""
    findings: dict[int, list[Finding]] = {}
    for f in report.findings:
        findings.setdefault(f.start, []).append(f)
    claims: dict[int, list[Claim]] = {}
    for c in report.claims:
        claims.setdefault(c.start, []).append(c)
    return [
        {"sentence": s, "findings": findings.get(s.start, []), "claims": claims.get(s.start, [])}
        for s in split(unicodedata.normalize("NFC", text))
    ]


@login_required
def check_text(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    if not permissions.can_see_documents(scope):
        raise Http404
    organizations = scope.orgs().order_by("path")
    form = CheckForm(request.POST or None, organizations=organizations)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization = data["organization"]
        year = data["year"]
        facts = facts_for(organization, year, period=data["period"]) if organization else None
        report = check(data["text"], facts, year=year)
        context.update(
            report=report,
            rows=rows_of(data["text"], report),
            organization=organization,
            year=year,
        )
    return render(request, "reports/check.html", context)
