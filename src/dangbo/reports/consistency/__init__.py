"""Consistency check of a report or news text against the records and the rules of its year
(issue 10 item 4). Pure: plain text and ``Facts`` in, ``Report`` out; no Django import.

``check(text, facts, *, year)`` (in ``compare``) is the entry point; ``sentences`` splits the
text with offsets, ``numbers`` reads Vietnamese numbers, ``claims`` reads what each sentence
states and ``compare`` checks it against the facts, the text itself and the year's rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dangbo.awards.summary import AwardItem
from dangbo.evaluations.summary import LevelCounts


@dataclass(frozen=True)
class Facts:
    """What the database says about an organization's year (``reports.facts.facts_for``);
    a field left None is not known and statements about it are only checked with the text
    itself and with the rules."""

    year: int
    members: LevelCounts | None = None
    cells: LevelCounts | None = None
    collective: str | None = None  # an evaluations Level value
    organization: str | None = None  # an evaluations Level value
    targets: Mapping[str, int] | None = None  # target status value → count
    attendance: tuple[int, int] | None = None  # (present, invited)
    awards: tuple[AwardItem, ...] | None = None
    # the campaign's 20 % cap settings (domain-rules decision 2): "" = the rule set's default
    # base; a superior's recorded exception (decision number and date) lifts the cap
    cap_base: str = ""
    member_cap_exception: str = ""
    cell_cap_exception: str = ""


@dataclass(frozen=True)
class Claim:
    """A figure or claim read in the text: the sentence's span, the phrase, what it states."""

    start: int
    end: int
    phrase: str
    subject: (
        str  # "members", "cells", "collective", "organization", "targets", "attendance", "awards"
    )
    reading: str  # a short description of the reading ("cumulative: good or above")


@dataclass(frozen=True)
class Finding:
    start: int  # offsets of the sentence in the text
    end: int
    sentence: str
    claim: str
    message: str  # Vietnamese
    kind: str  # "database" | "self" | "rule" | "ambiguous"


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...] = ()
    claims: tuple[Claim, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.findings


from dangbo.reports.consistency.compare import check  # noqa: E402  (needs the classes above)

__all__ = ["Claim", "Facts", "Finding", "Report", "check"]
