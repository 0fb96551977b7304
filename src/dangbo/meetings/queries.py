"""Reads for the meeting pages, always scoped to what the actor may see (issue 8). Each page
fetches in a fixed number of queries; the quorum, vote results and the compliance board are
``meetings.rules`` applied in memory to the fetched rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from dangbo.accounts.scope import scope_for, subtree_q
from dangbo.meetings import rules
from dangbo.meetings.models import (
    AgendaItem,
    Attendance,
    Conclusion,
    Guest,
    Meeting,
    MeetingStatus,
    Speech,
    Vote,
)
from dangbo.members.models import ACTIVE_STATUSES, Member, MemberStatus
from dangbo.organizations.models import CELL_KINDS, CommitteeKind, CommitteeMembership

COMMITTEE_KINDS = {
    rules.MeetingKind.COMMITTEE_REGULAR: CommitteeKind.EXECUTIVE,
    rules.MeetingKind.STANDING_COMMITTEE: CommitteeKind.STANDING,
}


def invitable_members(organization: Any, kind: str, on: dt.date) -> list[Member]:
    """Who a meeting invites: for a committee session, the committee's members serving on
    ``on`` (executive or standing committee of the organization's term); for every other kind
    — and for a committee whose members are not recorded — the active members of the
    organization's subtree. Three queries at most."""
    committee = COMMITTEE_KINDS.get(rules.MeetingKind(kind))
    if committee is not None:
        # The seats are read first (a handful of ids) and the members then by primary key: as
        # one IN (subquery joining members) PostgreSQL without statistics (a demo loaded in
        # the same transaction) chose a nested loop that ran for minutes.
        seats = list(
            CommitteeMembership.objects.filter(
                committee__term__organization=organization, committee__kind=committee,
                committee__term__starts_on__lte=on,
            )
            .filter(Q(committee__term__ends_on__isnull=True) | Q(committee__term__ends_on__gte=on))
            .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=on))
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
            .values_list("member_id", flat=True)
        )  # fmt: skip
        members = list(
            Member.objects.filter(pk__in=seats, status__in=ACTIVE_STATUSES).order_by(
                "sort_key", "id"
            )
        )
        if members:
            return members
    return list(
        Member.objects.filter(
            subtree_q(organization.path, "organization__path"), status__in=ACTIVE_STATUSES
        ).order_by("sort_key", "id")
    )


def attendance_flags(member: Member, on: dt.date) -> dict[str, bool]:
    """The categories copied at invitation (domain-rules §3: full / probationary, exempt)."""
    return {
        "probationary": member.status == MemberStatus.PROBATIONARY,
        "exempt": member.exempt_since is not None and member.exempt_since <= on,
        "suspended": member.suspended_since is not None and member.suspended_since <= on,
    }


def readable_meetings(actor: Any) -> QuerySet[Meeting]:
    """Meetings of the organizations the actor reads, and those she is invited to."""
    scope = scope_for(actor)
    if scope.is_admin:
        return Meeting.objects.all()
    cond = Q(organization__in=scope.orgs()) if scope.read_paths else Q(pk__in=[])
    if scope.own_member_ids:
        invited = Attendance.objects.filter(
            meeting_id=OuterRef("pk"), member_id__in=scope.own_member_ids
        )
        cond |= Q(Exists(invited))
    return Meeting.objects.filter(cond)


def meetings(
    actor: Any, organization: Any, *, kind: str = "", year: int | None = None
) -> QuerySet[Meeting]:
    """The meetings of an organization's subtree the actor reads, newest first, with the
    number invited and present (one query a page, plus the count)."""
    qs = Meeting.objects.filter(organization__in=scope_for(actor).orgs())
    qs = qs.filter(subtree_q(organization.path, "organization__path"))
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(date__year=year)
    attended = [str(s) for s in rules.AttendanceStatus if s.attended]
    return (
        qs.select_related("organization")
        .annotate(
            invited=Count("attendances"),
            present=Count("attendances", filter=Q(attendances__status__in=attended)),
        )
        .order_by("-date", "-start_time", "-id")
    )


@dataclass
class MeetingDetail:
    meeting: Meeting
    agenda: list[AgendaItem]
    attendances: list[Attendance]
    guests: list[Guest]
    speeches: list[Speech]
    votes: list[tuple[Vote, rules.VoteResult | None]]
    conclusions: list[Conclusion]
    counts: rules.AttendanceCounts
    quorum: rules.QuorumResult | None
    problems: list[rules.Problem] = field(default_factory=list)

    @property
    def absentees(self) -> list[Attendance]:
        return [a for a in self.attendances if not rules.AttendanceStatus(a.status).attended]

    @property
    def invited_ids(self) -> list[int]:
        return [a.member_id for a in self.attendances]  # type: ignore[attr-defined]


def counts_of(attendances: list[Attendance], guests: list[Guest]) -> rules.AttendanceCounts:
    people = [a.as_attendee() for a in attendances]
    people += [
        rules.Attendee(status=rules.AttendanceStatus(g.status), reason="-", is_guest=True)
        for g in guests
    ]
    return rules.attendance_counts(people)


def meeting_detail(meeting: Meeting) -> MeetingDetail:
    """Everything the meeting page shows, in six queries whatever the meeting's size."""
    agenda = list(AgendaItem.objects.filter(meeting=meeting))
    attendances = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("member")
        .order_by("member__sort_key", "member_id")
    )
    guests = list(Guest.objects.filter(meeting=meeting))
    by_attendance = {a.pk: a for a in attendances}
    by_guest = {g.pk: g for g in guests}
    speeches = list(Speech.objects.filter(meeting=meeting))
    for s in speeches:  # no join: the speakers are already fetched
        s.speaker_attendance = by_attendance.get(s.attendance_id)  # type: ignore[attr-defined]
        s.speaker_guest = by_guest.get(s.guest_id)  # type: ignore[attr-defined]
    conclusions = list(
        Conclusion.objects.filter(meeting=meeting).select_related(
            "responsible_organization", "task"
        )
    )
    counts = counts_of(attendances, guests)
    settings = rules.settings_for(meeting.kind_enum)
    taken = meeting.attendance_taken_at is not None
    quorum = rules.quorum(counts, settings) if taken else None
    votes: list[tuple[Vote, rules.VoteResult | None]] = []
    for v in Vote.objects.filter(meeting=meeting):
        try:
            result = rules.vote_result(v.votes_for, v.against, v.abstain, counts, settings)
        except ValueError:  # attendance corrected after the vote: shown without a result
            result = None
        votes.append((v, result))
    problems = []
    agenda_problem = rules.agenda_problem(len(agenda))
    if agenda_problem:
        problems.append(agenda_problem)
    if meeting.ends_at is not None:
        duration = rules.duration_problem(
            meeting.kind_enum, meeting.starts_at, meeting.ends_at, meeting.combined_thematic
        )
        if duration:
            problems.append(duration)
    return MeetingDetail(
        meeting, agenda, attendances, guests, speeches, votes, conclusions, counts, quorum,
        problems,
    )  # fmt: skip


def upcoming_for(actor: Any, today: dt.date) -> QuerySet[Meeting]:
    """Meetings from ``today`` on that the actor (as a member) is invited to."""
    own = scope_for(actor).own_member_ids
    return (
        Meeting.objects.filter(attendances__member_id__in=own, date__gte=today)
        .select_related("organization")
        .distinct()
        .order_by("date", "start_time", "id")
    )


def own_attendance(actor: Any, year: int, today: dt.date) -> QuerySet[Attendance]:
    """Her own attendance at the year's meetings held so far (issue 8, item 7)."""
    own = scope_for(actor).own_member_ids
    return (
        Attendance.objects.filter(
            member_id__in=own, meeting__date__year=year, meeting__date__lte=today,
            meeting__attendance_taken_at__isnull=False,
        )
        .select_related("meeting__organization")
        .order_by("-meeting__date", "-meeting_id")
    )  # fmt: skip


@dataclass
class CellCompliance:
    organization: Any
    months: list[rules.MonthCompliance]
    totals: dict[rules.ComplianceStatus, int]


# A planned or cancelled meeting is not a meeting held: a month whose only meeting was
# cancelled shows as missed (tests/meetings/test_cancel_notify.py).
HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)


def compliance_board(actor: Any, root: Any, year: int, today: dt.date) -> list[CellCompliance]:
    """Per cell of ``root``'s subtree the actor reads, per month of ``year``: the monthly cell
    meeting held, too short, missed or not yet due (``rules.compliance``). Two queries."""
    cells = list(
        scope_for(actor).orgs().filter(subtree_q(root.path), kind__in=CELL_KINDS).order_by("path")
    )
    rows = (
        Meeting.objects.filter(
            organization__in=[c.pk for c in cells], date__year=year, status__in=HELD_STATUSES,
            kind__in=[str(k) for k in rules.MeetingKind if k.is_cell], end_time__isnull=False,
        )
        .values_list("organization_id", "date", "start_time", "end_time", "kind",
                     "combined_thematic")
    )  # fmt: skip
    held: dict[int, list[rules.HeldMeeting]] = {}
    for org_id, date, start, end, kind, combined in rows:
        begin, finish = dt.datetime.combine(date, start), dt.datetime.combine(date, end)
        minutes = max(int((finish - begin).total_seconds() // 60), 0)
        held.setdefault(org_id, []).append(
            rules.HeldMeeting(date.month, minutes, rules.MeetingKind(kind), combined)
        )
    out = []
    for cell in cells:
        months = rules.compliance(held.get(cell.pk, []), year, today=today)
        out.append(CellCompliance(cell, months, rules.compliance_totals(months)))
    return out
