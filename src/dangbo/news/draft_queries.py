"""The facts of a meeting for its news draft (issue 10, item 6): reads the meeting, its guests,
speeches and conclusions, the organization's targets at the checkpoint the meeting reviews,
and — for a year-end review — the year's ratings and commendations; ``news.drafts`` writes the
story. Only public data leaves this module: names and public titles (rank or professional
title, committee seat, position) of the chair, guests and named speakers; counts, never a named
person's rating; no birth date, no absence.

A bounded number of queries whatever the size of the organization (about fifteen)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from dangbo.awards import queries as award_queries
from dangbo.awards.models import Award
from dangbo.awards.rules import KIND_WORDS, AwardKind, RecipientKind
from dangbo.evaluations.models import Campaign, Rating, SubjectKindChoice
from dangbo.evaluations.rulesets.base import Level
from dangbo.evaluations.stats_queries import campaign_stats
from dangbo.meetings.models import Attendance, Conclusion, Guest, Meeting, Speech, SpeechKind
from dangbo.meetings.rules import AttendanceStatus, MeetingKind
from dangbo.members.models import Member
from dangbo.news import drafts
from dangbo.organizations.models import CommitteeMembership, CommitteeRole
from dangbo.targets import rules as target_rules
from dangbo.targets.models import Checkpoint, Resolution, Target
from dangbo.targets.queries import resolution_figures

# Professional titles written before a name in the news ("BS CKII Nguyễn Văn A").
_TITLE_PREFIXES = ("BS", "TS", "ThS.", "DS", "PGS", "GS")
BOARD = "Ban Giám đốc"
HOSPITAL = "Bệnh viện"
_PRESENT = (AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value)


def _committee_name(organization: Any) -> str:
    """ "Đảng ủy Bệnh viện …" for "Đảng bộ Bệnh viện …"; a cell's own name otherwise."""
    name: str = organization.name
    if name.startswith("Đảng bộ "):
        return "Đảng ủy " + name.removeprefix("Đảng bộ ")
    return name


def _seat_title(role: str, organization: Any) -> str:
    body = "Chi bộ" if organization.is_cell else "Đảng ủy"
    return {
        CommitteeRole.SECRETARY.value: f"Bí thư {body}",
        CommitteeRole.DEPUTY_SECRETARY.value: f"Phó Bí thư {body}",
        CommitteeRole.STANDING_MEMBER.value: f"Ủy viên Ban Thường vụ {body}",
        CommitteeRole.MEMBER.value: "Chi ủy viên" if organization.is_cell else "Đảng ủy viên",
    }[role]


def position(member: Member) -> str:
    """ "Giám đốc Bệnh viện", "Trưởng khoa Cấp cứu", "" for a member without a job title."""
    job = (member.job_title or "").strip()
    if not job:
        return ""
    department = member.department.name if getattr(member, "department_id", None) else ""
    if not department or department == BOARD:
        return f"{job} {HOSPITAL}" if department == BOARD else job
    first, _, rest = department.partition(" ")
    if job.split()[-1].lower() == first.lower() and rest:
        return f"{job} {rest}"
    return f"{job} {department}"


def rank_of(member: Member) -> str:
    """The military rank, else a doctor's or pharmacist's title ("BS CKII"); "" otherwise."""
    if member.military_rank:
        return str(member.military_rank)
    title = (member.professional_title or "").strip()
    return title if title.startswith(_TITLE_PREFIXES) else ""


def _seats(meeting: Meeting) -> dict[int, str]:
    """Member id → role on the meeting organization's executive committee on the day."""
    rows = CommitteeMembership.objects.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=meeting.date),
        committee__term__organization=meeting.organization,
        committee__kind="executive",
        starts_on__lte=meeting.date,
    ).values_list("member_id", "role")
    return dict(rows)


def member_speaker(member: Member, meeting: Meeting, seats: dict[int, str]) -> drafts.Speaker:
    titles = []
    if member.pk in seats:
        titles.append(_seat_title(seats[member.pk], meeting.organization))
    if pos := position(member):
        titles.append(pos)
    return drafts.Speaker(member.full_name, rank_of(member), tuple(titles))


def _is_leader(member: Member) -> bool:
    job = (member.job_title or "").lower()
    return bool(job) and ("trưởng" in job or "giám đốc" in job or "chính ủy" in job)


def _review_year(meeting: Meeting) -> int | None:
    kind = meeting.kind_enum
    if kind is MeetingKind.MID_YEAR_REVIEW:
        return int(meeting.date.year)
    if kind is MeetingKind.YEAR_END_REVIEW:
        return int(meeting.date.year if meeting.date.month >= 7 else meeting.date.year - 1)
    return None


def _period(meeting: Meeting, year: int | None) -> str:
    if year is None:
        return ""
    if meeting.kind_enum is MeetingKind.MID_YEAR_REVIEW:
        return f"Trong 6 tháng đầu năm {year}"
    return f"Năm {year}"


def targets_sentence(organization: Any, year: int, kind: str) -> str:
    """The summary sentence of the organization's annual resolution of ``year`` at its
    ``kind`` checkpoint ("midyear", "annual"); "" when there is none."""
    resolution = (
        Resolution.objects.filter(
            organization=organization, year=year, horizon=target_rules.Horizon.ANNUAL
        )
        .order_by("issued_on", "id")
        .first()
    )
    if resolution is None:
        return ""
    checkpoint = Checkpoint.objects.filter(resolution=resolution, kind=kind).first()
    if checkpoint is None:
        return ""
    return resolution_figures(resolution, checkpoint).sentence


def _attendees(meeting: Meeting, seats: dict[int, str], year: int | None) -> tuple[bool, str]:
    """(only the executive committee invited, a phrase naming who attended — no names)."""
    rows = list(
        Attendance.objects.filter(meeting=meeting).select_related("member", "member__department")
    )
    invited = {a.member.pk for a in rows}
    committee_only = bool(invited) and invited <= set(seats)
    present = [a.member for a in rows if a.status in _PRESENT]
    if committee_only or not present:
        return committee_only, ""
    body = "Chi bộ" if meeting.organization.is_cell else "Đảng bộ"
    leaders = [m for m in present if _is_leader(m)]
    others = [m for m in present if not _is_leader(m)]
    parts = []
    if leaders:
        board = any(m.department_id and m.department.name == BOARD for m in leaders)
        parts.append(
            "các đồng chí lãnh đạo Bệnh viện, lãnh đạo khoa, phòng"
            if board
            else "các đồng chí lãnh đạo khoa, phòng"
        )
    if others:
        excellent = 0
        if year is not None:
            excellent = Rating.objects.filter(
                campaign__organization=meeting.organization, campaign__year=year,
                subject_kind=SubjectKindChoice.MEMBER, member__in=others,
                decided_level=Level.EXCELLENT.value,
            ).count()  # fmt: skip
        noun = "các đảng viên tiêu biểu" if excellent == len(others) else "các đảng viên"
        parts.append(f"{noun} của {body}")
    return False, " cùng ".join(parts)


def _year_end(meeting: Meeting, year: int) -> drafts.YearEnd:
    organization = meeting.organization
    campaign = Campaign.objects.filter(organization=organization, year=year).first()
    cells = members = None
    collective = org_level = None
    recognized = False
    if campaign is not None:
        stats = campaign_stats(campaign)
        cells, members = stats.cell_counts, stats.member_counts
        collective = stats.collective_level or None
        org_level = stats.organization_level or None
        recognized = any(
            r.subject_kind == SubjectKindChoice.ORGANIZATION for r in stats.recognitions
        )
    awards = award_queries.awards(organization, year)
    honours = tuple(
        drafts.Honour(
            issuer=a.issuer_name,
            kind=KIND_WORDS[AwardKind(a.kind)],
            recipient=organization.name,
            title=a.title,
        )  # fmt: skip
        for a in Award.objects.filter(
            organization=organization,
            year=year,
            recipient_kind=RecipientKind.ORGANIZATION.value,
        )
        .exclude(title="")
        .order_by("id")  # fmt: skip
    )
    directions = tuple(
        Conclusion.objects.filter(meeting=meeting)
        .order_by("order", "id")
        .values_list("text", flat=True)
    )
    if not directions:
        nxt = Resolution.objects.filter(
            organization=organization, year=year + 1, horizon=target_rules.Horizon.ANNUAL
        ).first()
        if nxt is not None:
            directions = tuple(
                Target.objects.filter(resolution=nxt)
                .order_by("position")
                .values_list("title", flat=True)
            )
    return drafts.YearEnd(
        year=year, cells=cells, members=members, collective=collective,
        organization_level=org_level, recognized=recognized,
        awards=tuple(award_queries.summary_items(awards)), honours=honours,
        directions=directions,
    )  # fmt: skip


def record_for(meeting: Meeting) -> drafts.Record:
    """The public facts of ``meeting`` (see the module docstring)."""
    meeting = Meeting.objects.select_related("organization", "chair", "chair__department").get(
        pk=meeting.pk
    )
    organization = meeting.organization
    seats = _seats(meeting)
    year = _review_year(meeting)
    committee_only, attendees = _attendees(meeting, seats, year)
    committee = _committee_name(organization)
    guests = list(Guest.objects.filter(meeting=meeting).order_by("order", "id"))
    speeches = list(
        Speech.objects.filter(meeting=meeting)
        .select_related("guest", "attendance__member", "attendance__member__department")
        .order_by("order", "id")
    )

    def said(kind: str) -> tuple[drafts.Said, ...]:
        out = []
        for s in speeches:
            if s.kind != kind:
                continue
            speaker = None
            if s.guest is not None:
                speaker = guest_speaker(s.guest)
            elif s.attendance is not None:
                speaker = member_speaker(s.attendance.member, meeting, seats)
            elif s.speaker_text:
                speaker = drafts.Speaker(s.speaker_text)
            out.append(drafts.Said(speaker, s.summary))
        return tuple(out)

    targets = ""
    if year is not None:
        checkpoint = (
            target_rules.Checkpoint.MIDYEAR.value
            if meeting.kind_enum is MeetingKind.MID_YEAR_REVIEW
            else target_rules.Checkpoint.ANNUAL.value
        )
        targets = targets_sentence(organization, year, checkpoint)
    chair = None
    if meeting.chair is not None and not guests:
        chair = member_speaker(meeting.chair, meeting, seats)
    return drafts.Record(
        title=meeting.title,
        date=meeting.date,
        start=meeting.start_time,
        organization=organization.name,
        host=committee if committee_only else organization.name,
        committee=committee,
        period=_period(meeting, year),
        chair=chair,
        guests=tuple(guest_speaker(g) for g in guests),
        attendees=attendees,
        targets=targets,
        reports=tuple(s.summary for s in speeches if s.kind == SpeechKind.REPORT and s.summary),
        discussion=tuple(
            s.summary
            for s in speeches
            if s.kind in (SpeechKind.CONTRIBUTION, SpeechKind.DISCUSSION) and s.summary
        ),
        directives=said(SpeechKind.DIRECTIVE.value),
        conclusions=said(SpeechKind.CONCLUSION.value),
        year_end=(
            _year_end(meeting, year)
            if year is not None and meeting.kind_enum is MeetingKind.YEAR_END_REVIEW
            else None
        ),
    )


def guest_speaker(guest: Any) -> drafts.Speaker:
    return drafts.Speaker(
        guest.full_name, guest.rank, tuple(t for t in (guest.title, guest.position) if t)
    )


def story_for_meeting(meeting: Meeting) -> drafts.Story:
    """The news draft of ``meeting`` (issue 10, item 6)."""
    return drafts.build(record_for(meeting))
