"""The statistics pages of the ratings (issue 9, item 5): a campaign's (its cells and members,
exclusive and cumulative, per cell and for the whole organization, the sentence, the "tiêu
biểu" recognitions) and a superior's roll-up of a year over its subtree; each with its xlsx.

Thin: the counts come from ``stats_queries`` (SQL GROUP BY, a fixed number of queries), the
rows and the sentence from ``summary``, who may see them from ``permissions``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from dangbo.accounts.scope import scope_for, subtree_q
from dangbo.evaluations import permissions, stats_queries, xlsx
from dangbo.evaluations.models import Campaign
from dangbo.evaluations.summary import LevelCounts, cumulative_rows, exclusive_rows
from dangbo.organizations.models import Organization

MIN_YEAR, MAX_YEAR = 1930, 2100


def level_table(cells: LevelCounts, members: LevelCounts) -> list[dict[str, Any]]:
    """Rows of the page's level table: each level once, then "… trở lên"; cells and members
    side by side."""
    pairs = [
        *zip(exclusive_rows(cells), exclusive_rows(members), strict=True),
        *zip(cumulative_rows(cells), cumulative_rows(members), strict=True),
    ]
    return [
        {"key": c.key, "label": xlsx.row_label(c), "cumulative": c.cumulative, "cells": c,
         "members": m}
        for c, m in pairs
    ]  # fmt: skip


def _campaign(request: HttpRequest, pk: int) -> Campaign:
    campaign: Campaign = get_object_or_404(Campaign.objects.select_related("organization"), pk=pk)
    if not permissions.can_view_campaign_statistics(scope_for(request.user), campaign):
        raise Http404
    return campaign


@login_required
def campaign_stats(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    stats = stats_queries.campaign_stats(campaign)
    return render(
        request,
        "evaluations/stats.html",
        {
            "campaign": campaign,
            "stats": stats,
            "table": level_table(stats.cell_counts, stats.member_counts),
        },
    )


def _attachment(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=xlsx.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def campaign_stats_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk)
    content = xlsx.campaign_workbook(stats_queries.campaign_stats(campaign))
    return _attachment(content, f"xep-loai-{campaign.year}-{campaign.organization.pk}.xlsx")


def _subtree(request: HttpRequest, org_id: int) -> tuple[Organization, int]:
    scope = scope_for(request.user)
    org: Organization = get_object_or_404(scope.orgs(), pk=org_id)  # 404 outside the scope
    if not permissions.can_view_subtree_statistics(scope, org):
        raise Http404
    raw = request.GET.get("nam", "")
    if raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
        return org, int(raw)
    # the latest year of a campaign in the subtree or above it (a cell's hospital), else last
    # year
    steps = range(org.steplen, len(org.path) + 1, org.steplen)
    around = subtree_q(org.path, "organization__path") | Q(
        organization__path__in=[org.path[:i] for i in steps]
    )
    year = Campaign.objects.filter(around).aggregate(y=Max("year"))["y"]
    return org, int(year or dt.date.today().year - 1)


@login_required
def subtree_stats(request: HttpRequest, org_id: int) -> HttpResponse:
    org, year = _subtree(request, org_id)
    stats = stats_queries.subtree_stats(org, year)
    return render(
        request,
        "evaluations/stats_subtree.html",
        {
            "org": org,
            "year": year,
            "stats": stats,
            "table": level_table(stats.cell_counts, stats.member_counts),
        },
    )


@login_required
def subtree_stats_xlsx(request: HttpRequest, org_id: int) -> HttpResponse:
    org, year = _subtree(request, org_id)
    content = xlsx.subtree_workbook(stats_queries.subtree_stats(org, year))
    return _attachment(content, f"xep-loai-{year}-{org.pk}.xlsx")
