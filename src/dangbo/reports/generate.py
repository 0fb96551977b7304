"""Drafts of Party-format documents generated from the records (issue 10 item 3).

``draft_for`` reads the records of an organization's year (targets, evaluations, awards, a
meeting) and returns a ``Draft``: the header, the signers and the body as text in the light markup
of ``meetings.minutes.parse_body``; the prose comes from ``reports.prose`` (pure). The office
edits the body and issues it (``reports.services``); ``document_of`` turns a draft (or a stored
``GeneratedDocument``, which has the same attributes) into the renderer's ``spec.Document``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from dangbo.awards.queries import awards as awards_of
from dangbo.awards.queries import summary_items
from dangbo.awards.summary import summary_sentence as awards_sentence
from dangbo.core.numbers import format_number
from dangbo.documents.rules import Authority
from dangbo.documents.spec import Document, Signature
from dangbo.evaluations.models import Campaign
from dangbo.evaluations.stats_queries import campaign_stats
from dangbo.evaluations.summary import summary_sentence as evaluation_sentence
from dangbo.meetings import minutes_queries
from dangbo.meetings.minutes import build_text, issuer_of, parse_body
from dangbo.meetings.models import Conclusion, Meeting, MeetingStatus
from dangbo.meetings.rules import MeetingKind
from dangbo.organizations import queries as org_queries
from dangbo.organizations.models import CommitteeKind, CommitteeMembership, CommitteeRole
from dangbo.reports import prose
from dangbo.targets import rules
from dangbo.targets.models import Checkpoint, Resolution, Target, Task, TaskStatus
from dangbo.targets.queries import TargetRow, resolution_figures


@dataclass(frozen=True)
class Draft:
    kind: str  # a documents.models.DocumentKind value
    title: str  # the summary (trích yếu)
    body: str  # light markup (meetings.minutes.parse_body)
    date: dt.date
    type_code: str  # "BC", "NQ", "BB", "TB"
    type_name: str  # "Báo cáo", "Nghị quyết", "Biên bản", "Thông báo"
    superior: str
    issuer: str
    issuer_code: str  # "ĐU" / "CB"
    place: str
    signatures: tuple[Signature, ...] = ()
    recipients: tuple[str, ...] = ()


def document_of(draft: Any, number: int | None = None) -> Document:
    """The renderer's document for a draft (or any object with the ``Draft`` attributes)."""
    return Document(
        superior=draft.superior, issuer=draft.issuer, type_name=draft.type_name,
        title=draft.title, place=draft.place, date=draft.date, type_code=draft.type_code,
        issuer_code=draft.issuer_code, number=number, body=parse_body(draft.body),
        signatures=tuple(draft.signatures), recipients=tuple(draft.recipients),
    )  # fmt: skip


# ---- the kinds ----------------------------------------------------------------------------------
MIDYEAR_REPORT = "midyear_report"
YEAREND_REPORT = "yearend_report"
RESOLUTION = "resolution"
MINUTES = "minutes"
EVALUATION_NOTICE = "evaluation_notice"
KINDS: dict[str, tuple[str, str]] = {  # kind → (type code, type name)
    MIDYEAR_REPORT: ("BC", "Báo cáo"),
    YEAREND_REPORT: ("BC", "Báo cáo"),
    RESOLUTION: ("NQ", "Nghị quyết"),
    MINUTES: ("BB", "Biên bản"),
    EVALUATION_NOTICE: ("TB", "Thông báo"),
}
REVIEW_KINDS = {
    MIDYEAR_REPORT: MeetingKind.MID_YEAR_REVIEW,
    YEAREND_REPORT: MeetingKind.YEAR_END_REVIEW,
}
SUBORDINATES = "Các chi bộ trực thuộc"
# A session reviews the checkpoint whose figures are as of a date up to this many days after it
# (the mid-year session of 29/6 reviews the figures as of 30/6).
CHECKPOINT_WINDOW = 31
SUPERIOR_FALLBACK = "Đảng ủy cấp trên"


@dataclass(frozen=True)
class _Header:
    superior: str
    issuer: str
    issuer_code: str
    place: str
    superior_issuer: str  # the superior's committee, for "Nơi nhận"


def _header(organization: Any) -> _Header:
    """As the minutes' header (``minutes_queries.header_of``): the parent above the issuer, the
    nearest ``place`` from the organization up (``organizations.queries.superior_and_place``)."""
    parent, place = org_queries.superior_and_place(organization)
    issuer, code = issuer_of(organization.name, organization.is_cell)
    superior_issuer = issuer_of(parent.name, parent.is_cell)[0] if parent else SUPERIOR_FALLBACK
    return _Header(
        superior=" ".join(parent.name.split()) if parent else "", issuer=issuer,
        issuer_code=code, place=place, superior_issuer=superior_issuer,
    )  # fmt: skip


def secretary_of(organization: Any, on: dt.date) -> str:
    """The name of the organization's secretary (bí thư) in the executive committee of the term
    running on ``on`` (the latest term begun by then); "" when none is recorded."""
    seats = (
        CommitteeMembership.objects.filter(
            committee__term__organization=organization, committee__term__starts_on__lte=on,
            committee__kind=CommitteeKind.EXECUTIVE, role=CommitteeRole.SECRETARY,
        )
        .filter(Q(starts_on__isnull=True) | Q(starts_on__lte=on))
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .select_related("member")
        .order_by("-committee__term__starts_on", "-id")
    )  # fmt: skip
    seat = seats.first()
    return seat.member.full_name if seat else ""


def _signature(organization: Any, on: dt.date) -> Signature:
    of = "chi bộ" if organization.is_cell else "đảng ủy"
    return Signature.of("bí thư", secretary_of(organization, on), Authority.ON_BEHALF, of=of)


def _recipients(header: _Header, organization: Any) -> tuple[str, ...]:
    out = [f"{header.superior_issuer} (để báo cáo)"]
    if not organization.is_cell:
        out.append(SUBORDINATES)
    return tuple(out)


# ---- targets ------------------------------------------------------------------------------------
def _amount(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    unit = unit.strip()
    return format_number(value) + ("" if unit in ("", "%") else " ") + unit


def _plan_text(t: Target) -> str:
    if t.kind == rules.Kind.MILESTONE:
        return "Hoàn thành"
    if t.kind == rules.Kind.ZERO:
        return "Không để xảy ra"
    if t.kind == rules.Kind.QUALITATIVE:
        return ""
    return _amount(t.planned, t.unit)


def _result_text(row: TargetRow) -> str:
    t = row.target
    if t.kind == rules.Kind.MILESTONE and row.done is not None:
        return "Hoàn thành" if row.done else "Chưa hoàn thành"
    if row.value is not None:
        return _amount(row.value, t.unit)
    return " ".join(row.stated.split())


def target_line(row: TargetRow) -> prose.TargetLine:
    entry = row.entry
    return prose.TargetLine(
        title=row.target.title, status=rules.Status(row.status).value,
        plan=_plan_text(row.target), result=_result_text(row), phrase=row.phrase,
        cause=entry.cause if entry is not None else "",
        remedy=entry.remedy if entry is not None else "",
    )  # fmt: skip


def period_checkpoints(organization: Any, year: int, period: str) -> list[Checkpoint]:
    """The checkpoints of the period: the annual resolution's of ``year`` (midyear, or annual
    for the year-end report), and a term resolution's checkpoint (midterm, term end) whose
    figures are as of a day in the period (the first half of ``year``, or the whole year).
    One query."""
    if period == prose.MIDYEAR:
        kind, start, end = rules.Checkpoint.MIDYEAR, dt.date(year, 1, 1), dt.date(year, 6, 30)
    else:
        kind, start, end = rules.Checkpoint.ANNUAL, dt.date(year, 1, 1), dt.date(year, 12, 31)
    term_kinds = (rules.Checkpoint.MIDTERM.value, rules.Checkpoint.TERM_END.value)
    qs = Checkpoint.objects.filter(resolution__organization=organization).filter(
        Q(resolution__horizon=rules.Horizon.ANNUAL, resolution__year=year, kind=kind.value)
        | Q(resolution__horizon=rules.Horizon.TERM, kind__in=term_kinds, as_of__gte=start,
            as_of__lte=end)
    )  # fmt: skip
    return list(qs.select_related("resolution").order_by("resolution__horizon", "as_of", "id"))


def _resolution_name(res: Resolution) -> str:
    return f"Nghị quyết số {res.number} ngày {res.issued_on:%d/%m/%Y} ({res.period_label})"


def results_of(checkpoints: list[Checkpoint]) -> list[prose.ResultsPart]:
    parts = []
    for cp in checkpoints:
        fig = resolution_figures(cp.resolution, cp)
        parts.append(
            prose.ResultsPart(
                resolution=_resolution_name(cp.resolution), sentence=fig.sentence,
                lines=tuple(target_line(r) for r in fig.rows), provisional=not cp.is_frozen,
            )
        )  # fmt: skip
    return parts


# ---- meetings -----------------------------------------------------------------------------------
def review_meeting(organization: Any, year: int, kind: str) -> Meeting | None:
    """The review conference of the period: the mid-year review held in ``year``; the year-end
    review held from November of ``year`` to March of the next year. Not a cancelled one."""
    qs = Meeting.objects.filter(organization=organization, kind=REVIEW_KINDS[kind]).exclude(
        status=MeetingStatus.CANCELLED
    )
    if kind == MIDYEAR_REPORT:
        qs = qs.filter(date__year=year)
    else:
        qs = qs.filter(date__gte=dt.date(year, 11, 1), date__lte=dt.date(year + 1, 3, 31))
    return qs.order_by("-date", "-id").first()


def _conclusion_directions(meeting: Meeting) -> list[prose.Direction]:
    rows = (
        Conclusion.objects.filter(meeting=meeting)
        .exclude(task__status=TaskStatus.CANCELLED)
        .select_related("responsible_organization")
        .order_by("order", "id")
    )
    return [
        prose.Direction(
            c.text, c.responsible_organization.name if c.responsible_organization else "",
            c.deadline,
        )
        for c in rows
    ]  # fmt: skip


def _target_directions(res: Resolution) -> list[prose.Direction]:
    rows = Target.objects.filter(resolution=res).select_related(
        "responsible_organization", "responsible_department"
    )
    out = []
    for t in rows.order_by("group__position", "position", "id"):
        plan = _plan_text(t)
        text = f"{t.title}: {plan}" if plan and plan not in t.title else t.title
        unit = t.responsible_department or t.responsible_organization
        out.append(prose.Direction(text, unit.name if unit else ""))
    return out


def directions_for(
    organization: Any, year: int, kind: str, meeting: Meeting | None
) -> tuple[list[prose.Direction], str]:
    """II.: the next period's resolution targets when recorded (year-end: the annual
    resolution of the next year), else the review meeting's conclusions, else the
    organization's open tasks due in the next period."""
    if kind == YEAREND_REPORT:
        nxt = (
            Resolution.objects.filter(
                organization=organization, horizon=rules.Horizon.ANNUAL, year=year + 1
            )
            .order_by("-issued_on", "-id")
            .first()
        )
        if nxt is not None:
            found = _target_directions(nxt)
            if found:
                return found, _resolution_name(nxt)
    if meeting is not None:
        found = _conclusion_directions(meeting)
        if found:
            return found, f"kết luận của {meeting.title} ngày {meeting.date:%d/%m/%Y}"
    if kind == MIDYEAR_REPORT:
        start, end = dt.date(year, 7, 1), dt.date(year, 12, 31)
    else:
        start, end = dt.date(year + 1, 1, 1), dt.date(year + 1, 12, 31)
    tasks = (
        Task.objects.filter(organization=organization, deadline__gte=start, deadline__lte=end)
        .exclude(status__in=(TaskStatus.DONE, TaskStatus.CANCELLED))
        .select_related("responsible_organization", "responsible_department")
        .order_by("deadline", "id")
    )
    out = []
    for t in tasks:
        unit = t.responsible_department or t.responsible_organization
        out.append(prose.Direction(t.title, unit.name if unit else "", t.deadline))
    return out, ""


# ---- ratings and awards -------------------------------------------------------------------------
def campaign_of(organization: Any, year: int) -> Campaign | None:
    return Campaign.objects.filter(organization=organization, year=year).first()


def ratings_of(campaign: Campaign | None, *, with_collective: bool) -> prose.Ratings | None:
    if campaign is None:
        return None
    stats = campaign_stats(campaign)
    names = []
    for r in stats.recognitions:
        names.append(r.member.full_name if r.member is not None else r.organization.name)
    collective = stats.collective_level or None
    return prose.Ratings(
        cells=stats.cell_counts, members=stats.member_counts,
        sentence=evaluation_sentence(
            stats.cell_counts, stats.member_counts,
            collective=collective if with_collective else None,
        ),
        collective=stats.collective_level, organization_level=stats.organization_level,
        recognitions=tuple(names), provisional=stats.provisional,
    )  # fmt: skip


def awards_sentence_of(organization: Any, year: int) -> str:
    return awards_sentence(summary_items(awards_of(organization, year)))


# ---- the drafts ---------------------------------------------------------------------------------
def _report(kind: str, organization: Any, year: int) -> Draft:
    period = prose.MIDYEAR if kind == MIDYEAR_REPORT else prose.YEAREND
    checkpoints = period_checkpoints(organization, year, period)
    meeting = review_meeting(organization, year, kind)
    directions, source = directions_for(organization, year, kind, meeting)
    data = prose.ReportData(
        period=period, year=year, organization=organization.name,
        committee=issuer_of(organization.name, organization.is_cell)[0],
        results=tuple(results_of(checkpoints)),
        ratings=(ratings_of(campaign_of(organization, year), with_collective=True)
                 if period == prose.YEAREND else None),
        awards_sentence=awards_sentence_of(organization, year) if period == prose.YEAREND else "",
        directions=tuple(directions), directions_source=source,
    )  # fmt: skip
    date = meeting.date if meeting is not None else _checkpoint_date(checkpoints, year, period)
    return _draft(kind, organization, prose.report_title(period, year), prose.report_body(data),
                  date)  # fmt: skip


def _checkpoint_date(checkpoints: list[Checkpoint], year: int, period: str) -> dt.date:
    frozen = [timezone.localdate(c.frozen_at) for c in checkpoints if c.frozen_at]
    if frozen:
        return max(frozen)
    if checkpoints:
        latest: dt.date = max(c.as_of for c in checkpoints)
        return latest
    return dt.date(year, 6, 30) if period == prose.MIDYEAR else dt.date(year, 12, 31)


def _draft(
    kind: str, organization: Any, title: str, body: str, date: dt.date,
    signatures: tuple[Signature, ...] | None = None, recipients: tuple[str, ...] | None = None,
) -> Draft:  # fmt: skip
    header = _header(organization)
    code, name = KINDS[kind]
    return Draft(
        kind=kind, title=title, body=body, date=date, type_code=code, type_name=name,
        superior=header.superior, issuer=header.issuer, issuer_code=header.issuer_code,
        place=header.place,
        signatures=signatures if signatures is not None else (_signature(organization, date),),
        recipients=recipients if recipients is not None else _recipients(header, organization),
    )  # fmt: skip


def _minutes(meeting: Meeting) -> Draft:
    data = minutes_queries.data_of(meeting)
    header = minutes_queries.header_of(meeting, data)
    return Draft(
        kind=MINUTES, title=header.title, body=build_text(data), date=header.date,
        type_code=KINDS[MINUTES][0], type_name=KINDS[MINUTES][1], superior=header.superior,
        issuer=header.issuer, issuer_code=header.issuer_code, place=header.place,
        signatures=(
            Signature.of("thư ký", header.secretary), Signature.of("chủ trì", header.chair)
        ),
    )  # fmt: skip


def _resolution(meeting: Meeting, organization: Any, year: int) -> Draft:
    data = minutes_queries.data_of(meeting)
    res = (
        Resolution.objects.filter(
            organization=organization, horizon=rules.Horizon.ANNUAL, year=meeting.date.year
        )  # fmt: skip
        .order_by("-issued_on", "-id")
        .first()
    )
    lines: tuple[prose.TargetLine, ...] = ()
    if res is not None:
        cp = (
            Checkpoint.objects.filter(
                resolution=res, as_of__lte=meeting.date + dt.timedelta(days=CHECKPOINT_WINDOW)
            )
            .order_by("-as_of", "-id")
            .first()
        )
        lines = tuple(target_line(r) for r in resolution_figures(res, cp).rows)
    body = prose.resolution_body(
        prose.ResolutionData(
            meeting=meeting.title, date=meeting.date,
            organization=issuer_of(organization.name, organization.is_cell)[0],
            targets_source=_resolution_name(res) if res is not None else "", targets=lines,
            assignments=tuple(prose.Direction(c.text, c.responsible, c.deadline)
                              for c in data.conclusions),
            votes=tuple(f"{v.matter}: {v.result.message}" if v.result is not None else
                        f"{v.matter}: {v.votes_for} tán thành, {v.against} không tán thành, "
                        f"{v.abstain} không biểu quyết." for v in data.votes),
        )
    )  # fmt: skip
    return _draft(RESOLUTION, organization, prose.resolution_title(meeting.title), body,
                  meeting.date)  # fmt: skip


def _notice(organization: Any, year: int) -> Draft:
    campaign = campaign_of(organization, year)
    ratings = ratings_of(campaign, with_collective=False)
    if campaign is not None and campaign.finalized_at is not None:
        date = timezone.localdate(campaign.finalized_at)
    else:
        date = (campaign.decision_due if campaign is not None else None) or dt.date(year, 12, 31)
    body = prose.notice_body(ratings, organization.name, year)
    return _draft(EVALUATION_NOTICE, organization, prose.notice_title(year), body, date)


def draft_for(kind: str, *, organization: Any, year: int, meeting: Any = None) -> Draft:
    """The generated draft of ``kind`` for ``organization``'s ``year`` (or ``meeting``)."""
    if kind in (MIDYEAR_REPORT, YEAREND_REPORT):
        return _report(kind, organization, year)
    if kind == EVALUATION_NOTICE:
        return _notice(organization, year)
    if kind in (RESOLUTION, MINUTES):
        if meeting is None:
            raise ValueError(f"{kind} needs a meeting")
        return _minutes(meeting) if kind == MINUTES else _resolution(meeting, organization, year)
    raise ValueError(f"unknown document kind: {kind}")
