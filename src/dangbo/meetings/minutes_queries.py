"""Reads for the minutes (issue 8 item 5): the meeting's records as ``minutes.MinutesData`` and
the header of the document, and the versions of a meeting's minutes. A fixed number of queries
whatever the meeting's size (``queries.meeting_detail`` plus the signers and the organization's
ancestors)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from dangbo.meetings import minutes, queries, rules
from dangbo.meetings.models import Meeting, Minutes
from dangbo.organizations.queries import superior_and_place


def _person(member: Any) -> minutes.Person | None:
    if member is None:
        return None
    return minutes.Person(member.full_name, member.position_text)


def data_of(meeting: Meeting) -> minutes.MinutesData:
    """The meeting's records as plain values (``meeting`` with ``organization`` fetched)."""
    detail = queries.meeting_detail(meeting)
    signers = (
        Meeting.objects.filter(pk=meeting.pk)
        .select_related("chair__organization", "secretary__organization")
        .get()
    )
    absentees = tuple(
        minutes.Absentee(
            name=a.member.full_name, status=rules.AttendanceStatus(a.status),
            reason="; ".join(
                p for p in (minutes.REASON_TEXT.get(rules.AbsenceReason(a.reason))
                            if a.reason else "", a.reason_text) if p
            ),
            probationary=a.probationary, exempt=a.exempt,
            registered_elsewhere=a.registered_elsewhere, suspended=a.suspended,
        )
        for a in detail.absentees
    )  # fmt: skip
    speeches = []
    for s in detail.speeches:
        att = getattr(s, "speaker_attendance", None)
        guest = getattr(s, "speaker_guest", None)
        if att is not None:
            speaker = f"Đồng chí {att.member.full_name}"
        elif guest is not None:
            speaker = minutes.guest_text(guest.rank, guest.full_name, "", "", "")
        else:
            speaker = s.speaker_text
        speeches.append(minutes.SpeechLine(s.kind, speaker, s.summary))
    return minutes.MinutesData(
        kind=meeting.kind_enum, title=meeting.title, date=meeting.date,
        start=meeting.start_time, end=meeting.end_time, place=meeting.place,
        chair=_person(signers.chair), secretary=_person(signers.secretary),
        counts=detail.counts, quorum=detail.quorum,
        guests=tuple(
            minutes.guest_text(g.rank, g.full_name, g.title, g.position, g.organization)
            for g in detail.guests if rules.AttendanceStatus(g.status).attended
        ),
        absentees=absentees,
        agenda=tuple(minutes.AgendaLine(i.title, i.presenter, i.minutes) for i in detail.agenda),
        speeches=tuple(speeches),
        conclusions=tuple(
            minutes.ConclusionLine(
                c.text, c.responsible_organization.name if c.responsible_organization else "",
                c.deadline,
            )
            for c in detail.conclusions
        ),
        votes=tuple(
            minutes.VoteLine(v.matter, v.votes_for, v.against, v.abstain, r)
            for v, r in detail.votes
        ),
    )  # fmt: skip


def header_of(meeting: Meeting, data: minutes.MinutesData) -> minutes.Header:
    """The header: the parent organization above the issuer, and the place — the nearest
    ``place`` setting from the meeting's organization up (a cell uses its đảng bộ's)."""
    org = meeting.organization
    parent, place = superior_and_place(org)
    return minutes.header_for(
        organization=org.name, is_cell=org.is_cell, superior=parent.name if parent else "",
        place=place, data=data,
    )  # fmt: skip


def versions(meeting: Meeting) -> QuerySet[Minutes]:
    """The versions of the meeting's minutes, newest first, with who made and approved them."""
    return (
        Minutes.objects.filter(meeting=meeting)
        .select_related("created_by", "approved_by")
        .order_by("-number")
    )
