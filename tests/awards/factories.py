"""Helpers of the awards tests: a decided campaign of the ``world`` hospital."""

from __future__ import annotations

from typing import Any

from dangbo.evaluations.models import Campaign, Rating


def decided_campaign(world: Any, year: int = 2021) -> Campaign:
    """The hospital's campaign of ``year``: cell A's three members rated excellent, good and
    excellent (decided), cell A excellent, cell B good, the hospital excellent; cell B's member
    proposed excellent but not decided yet."""
    campaign = Campaign.objects.create(organization=world.hospital, year=year)
    a0, a1, a2 = world.a_members
    levels = [(a0, "htxsnv"), (a1, "httnv"), (a2, "htxsnv")]
    for member, level in levels:
        Rating.objects.create(campaign=campaign, subject_kind="member", member=member,
                              organization=member.organization, decided_level=level)  # fmt: skip
    Rating.objects.create(campaign=campaign, subject_kind="member", member=world.b_members[0],
                          organization=world.cell_b, proposed_level="htxsnv")  # fmt: skip
    Rating.objects.create(campaign=campaign, subject_kind="cell", organization=world.cell_a,
                          decided_level="htxsnv")  # fmt: skip
    Rating.objects.create(campaign=campaign, subject_kind="cell", organization=world.cell_b,
                          decided_level="httnv")  # fmt: skip
    Rating.objects.create(campaign=campaign, subject_kind="organization",
                          organization=world.hospital, decided_level="htxsnv")  # fmt: skip
    return campaign
