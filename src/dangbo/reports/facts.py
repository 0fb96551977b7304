"""What the database says about an organization's year, for the consistency check (issue 10
item 4): ``facts_for(organization, year, *, meeting=None) -> consistency.Facts``.

- ratings: the organization's rating campaign of ``year`` (``evaluations.stats_queries``: the
  decided levels of a finalized campaign, the provisional ones of an open campaign) — members,
  cells, the leadership collective, the organization itself, and the campaign's cap settings;
- targets: the statuses of the organization's annual resolutions of ``year`` at the checkpoint
  of the period — a mid-year text (``period=MIDYEAR``, or a mid-year review meeting) the
  mid-year checkpoint; otherwise the frozen year-end checkpoint when there is one, else the
  mid-year one (``targets.queries.figures_for``, the single definition of a status);
- attendance: the meeting's (present, invited), when a meeting is given;
- awards: the awards of ``year`` in the organization's subtree (``awards.queries``).

A part with no records is None (the check then compares the text with itself only)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from dangbo.awards import queries as award_queries
from dangbo.evaluations import stats_queries
from dangbo.evaluations.models import Campaign
from dangbo.meetings import queries as meeting_queries
from dangbo.meetings.rules import MeetingKind
from dangbo.reports.consistency import Facts
from dangbo.targets import rules as target_rules
from dangbo.targets.models import Checkpoint, Target
from dangbo.targets.queries import figures_for

MIDYEAR, YEAREND = "midyear", "yearend"  # the period a text reports on


def period_of(meeting: Any) -> str:
    """A mid-year review session reports on the mid-year checkpoint; any other on the year."""
    return MIDYEAR if meeting is not None and meeting.kind == MeetingKind.MID_YEAR_REVIEW else ""


def target_counts(organization: Any, year: int, period: str = "") -> dict[str, int] | None:
    """Status → count of the organization's annual targets of ``year`` at the checkpoint of
    the period: ``MIDYEAR`` → the mid-year checkpoint; otherwise the frozen year-end checkpoint,
    else the mid-year one. None without any."""
    base = Checkpoint.objects.filter(
        resolution__organization=organization,
        resolution__horizon=target_rules.Horizon.ANNUAL,
        resolution__year=year,
    ).select_related("resolution")
    checkpoints = []
    if period != MIDYEAR:
        checkpoints = list(
            base.filter(kind=target_rules.Checkpoint.ANNUAL, frozen_at__isnull=False)
        )
    if not checkpoints:
        checkpoints = list(base.filter(kind=target_rules.Checkpoint.MIDYEAR))
    if not checkpoints:
        return None
    by_resolution = {c.resolution.pk: c for c in checkpoints}
    targets = list(Target.objects.filter(resolution_id__in=list(by_resolution)))
    for t in targets:
        t.resolution = by_resolution[t.resolution_id].resolution  # type: ignore[attr-defined]
    rows = figures_for(targets, by_resolution)
    return dict(Counter(str(r.status.value) for r in rows))


def attendance_of(meeting: Any) -> tuple[int, int]:
    """(present, invited) of the meeting's members (guests apart)."""
    counts = meeting_queries.counts_of(list(meeting.attendances.all()), [])
    return counts.present, counts.listed


def facts_for(organization: Any, year: int, *, meeting: Any = None, period: str = "") -> Facts:
    """The facts of ``organization``'s ``year``; ``period`` (``MIDYEAR`` / ``YEAREND``, default:
    from the meeting's kind, else the year) picks the targets' checkpoint."""
    campaign = Campaign.objects.filter(organization=organization, year=year).first()
    rating: dict[str, Any] = {}
    if campaign is not None:
        stats = stats_queries.campaign_stats(campaign)
        rating = {
            "members": stats.member_counts if stats.member_counts.listed else None,
            "cells": stats.cell_counts if stats.cell_counts.listed else None,
            "collective": stats.collective_level or None,
            "organization": stats.organization_level or None,
            "cap_base": campaign.cap_base,
            "member_cap_exception": campaign.member_cap_exception,
            "cell_cap_exception": campaign.cell_cap_exception,
        }
    awards = award_queries.summary_items(award_queries.awards(organization, year))
    return Facts(
        year=year,
        targets=target_counts(organization, year, period or period_of(meeting)),
        attendance=attendance_of(meeting) if meeting is not None else None,
        awards=tuple(awards),
        **rating,
    )
