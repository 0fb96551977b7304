"""Campaigns built through the services (issue 9, items 1–2), as the pages build them, with the
real rule sets (``evaluations.rulesets.for_year``)."""

from __future__ import annotations

from typing import Any

from dangbo.evaluations import services
from dangbo.evaluations.models import Campaign, Rating
from dangbo.evaluations.snapshot import subject_key

YEAR = 2023


def open_campaign(world: Any, **values: Any) -> Campaign:
    data: dict[str, Any] = {"year": YEAR}
    data.update(values)
    return services.campaign_open(actor=world.users["office"], organization=world.hospital, **data)


def ratings(campaign: Campaign) -> dict[str, Rating]:
    """The campaign's ratings by subject key (``member:<id>``, ``cell:<id>`` …)."""
    return {subject_key(r): r for r in Rating.objects.filter(campaign=campaign)}


def propose(actor: Any, campaign: Campaign, levels: dict[str, str], **facts: Any) -> None:
    """Propose ``levels`` (subject key → level) in one batch, as the proposal page does."""
    by_key = ratings(campaign)
    rows = [
        services.Proposal(by_key[k].pk, by_key[k].version, level, **facts)
        for k, level in levels.items()
    ]
    services.ratings_propose(actor=actor, campaign_id=campaign.pk, rows=rows)


def heads_justified(world: Any, campaign: Campaign, level: str = "httnv") -> None:
    """The office proposes the cells, the collective and the organization (with a written
    justification for the warnings about the year-end targets checkpoint)."""
    keys = [k for k in ratings(campaign) if not k.startswith("member:")]
    propose(world.users["office"], campaign, dict.fromkeys(keys, level),
            justification="Số liệu chỉ tiêu chốt ở báo cáo tổng kết.")  # fmt: skip
