"""Reads for target pages, dashboards and the API, scoped to the actor.

Everything comes out of a bounded number of queries whatever the size of the subtree: values
are fetched per checkpoint in bulk, cells' values are rolled up by SQL aggregates (SUM, AVG,
MIN, MAX grouped by target over the newest entry of each cell), and the status of each target
is then computed by the pure rule ``targets.rules.compute_status`` — the single definition of a
status — over those rows (no query per row)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Avg, Count, Exists, Max, Min, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from dangbo.accounts.scope import scope_for, subtree_q
from dangbo.targets import rules
from dangbo.targets.models import (
    Checkpoint,
    Entry,
    FrozenFigure,
    Reminder,
    Resolution,
    StatusOverride,
    SubTarget,
    Target,
    TargetGroup,
    Task,
    TaskStatus,
)
from dangbo.targets.summary import (
    Form,
    count_statuses,
    organizations_sentence,
    result_phrase,
    summary_sentence,
)


@dataclass
class TargetRow:
    target: Target
    value: Decimal | None = None
    stated: str = ""
    done: bool | None = None
    not_started: bool = False
    assessed: str = ""
    activity: bool = False
    expected: Decimal | None = None
    computed: rules.Status = rules.Status.NO_DATA
    status: rules.Status = rules.Status.NO_DATA
    override: StatusOverride | None = None
    entry: Entry | None = None
    cells_reported: int = 0
    cells_assigned: int = 0
    phrase: str = ""
    partial: bool = False  # rolled up from some of the cells at an open checkpoint

    @property
    def status_label(self) -> str:
        return self.status.label


@dataclass
class GroupFigures:
    """One group of a resolution's targets with its own summary (issue 6, item 5)."""

    group: TargetGroup | None
    rows: list[TargetRow]
    form: str = Form.COMBINED

    @property
    def title(self) -> str:
        return self.group.title if self.group else ""

    @property
    def noun(self) -> str:
        return self.group.noun if self.group else rules.Noun.MAIN_TARGETS

    @property
    def counts(self) -> dict[rules.Status, int]:
        return count_statuses(r.status for r in self.rows)

    @property
    def sentence(self) -> str:
        return summary_sentence(self.counts, noun=self.noun, form=self.form)


@dataclass
class ResolutionFigures:
    resolution: Resolution
    checkpoint: Checkpoint | None
    rows: list[TargetRow] = field(default_factory=list)
    form: str = Form.COMBINED
    groups: list[GroupFigures] = field(default_factory=list)

    @property
    def counts(self) -> dict[rules.Status, int]:
        return count_statuses(r.status for r in self.rows)

    @property
    def sentence(self) -> str:
        return resolution_sentence(self.groups, self.form)


def resolution_sentence(groups: list[GroupFigures], form: str = Form.COMBINED) -> str:
    """The whole resolution's sentence; groups counted by different nouns ("chỉ tiêu",
    "nhiệm vụ trọng tâm") are not added up: their own sentences follow one another."""
    named = [g for g in groups if g.group is not None]
    nouns = {g.noun for g in groups}
    if len(named) > 1 and len(nouns) > 1:
        return " ".join(f"{g.title}: {g.sentence}" for g in groups if g.rows)
    noun = nouns.pop() if len(nouns) == 1 and named else rules.Noun.MAIN_TARGETS
    counts = count_statuses(r.status for g in groups for r in g.rows)
    return summary_sentence(counts, noun=noun, form=form)


def group_rows(
    rows: list[TargetRow], groups: list[TargetGroup], form: str = Form.COMBINED
) -> list[GroupFigures]:
    """Rows by group, in the groups' order; ungrouped targets first."""
    by_group: dict[int | None, list[TargetRow]] = defaultdict(list)
    for row in rows:
        by_group[row.target.group_id].append(row)
    grouped = [GroupFigures(g, by_group[g.pk], form) for g in groups if by_group.get(g.pk)]
    if by_group.get(None) or not grouped:
        grouped.insert(0, GroupFigures(None, by_group.get(None, []), form))
    return grouped


def cell_paths(target: Target) -> list[str]:
    """Paths of the cells a target is assigned to (for ``permissions.can_read_target``)."""
    return list(
        SubTarget.objects.filter(target=target).values_list("organization__path", flat=True)
    )


def latest_entries(checkpoint: Checkpoint, target_ids: list[int] | None = None) -> list[Entry]:
    """The newest non-correction entry per (target, organization) at a checkpoint: 2 queries."""
    qs = Entry.objects.filter(checkpoint=checkpoint, is_correction=False)
    if target_ids is not None:
        qs = qs.filter(target_id__in=target_ids)
    last_ids = qs.values("target_id", "organization_id").annotate(last=Max("id")).values("last")
    return list(Entry.objects.filter(id__in=last_ids))


def resolutions(actor: Any, organization: Any | None = None) -> QuerySet[Resolution]:
    qs = Resolution.objects.filter(organization__in=scope_for(actor).orgs()).select_related(
        "organization"
    )
    if organization is not None:
        qs = qs.filter(organization=organization)
    return qs.order_by("-year", "-issued_on")


def _rollups(checkpoint_ids: list[int], frozen: bool) -> dict[tuple[int, int], dict[str, Any]]:
    """(checkpoint, target) → SQL aggregates over the newest report of each cell."""
    base: QuerySet[Any]
    if frozen:
        base = FrozenFigure.objects.filter(
            checkpoint_id__in=checkpoint_ids, organization__isnull=False
        )
    else:
        newer = Entry.objects.filter(
            checkpoint_id=OuterRef("checkpoint_id"), target_id=OuterRef("target_id"),
            organization_id=OuterRef("organization_id"), is_correction=False, id__gt=OuterRef("id"),
        )  # fmt: skip
        base = Entry.objects.filter(
            checkpoint_id__in=checkpoint_ids, organization__isnull=False, is_correction=False
        ).filter(~Exists(newer))
    rows = (
        base.values("checkpoint_id", "target_id")
        .annotate(
            reports=Count("id"),
            n=Count("id", filter=Q(value__isnull=False)),
            sum=Sum("value"),
            avg=Avg("value"),
            min=Min("value"),
            max=Max("value"),
        )  # fmt: skip
        .order_by()
    )
    return {(r["checkpoint_id"], r["target_id"]): r for r in rows}


def _pick_rollup(target: Target, agg: dict[str, Any]) -> Decimal | None:
    if not agg["n"]:
        return None
    method = rules.Rollup(target.rollup)
    if method is rules.Rollup.SUM:
        return Decimal(agg["sum"])
    if method is rules.Rollup.AVERAGE:
        return Decimal(str(agg["avg"]))
    weakest = agg["min"] if target.direction == rules.Direction.HIGHER else agg["max"]
    return Decimal(weakest)


def _apply_report(row: TargetRow, fig: Any) -> None:
    row.value, row.stated, row.done = fig.value, fig.stated, fig.done
    row.not_started, row.assessed, row.activity = fig.not_started, fig.assessed_status, True
    row.entry = fig if isinstance(fig, Entry) else fig.entry


def figures_for(targets: list[Target], checkpoints: dict[int, Checkpoint]) -> list[TargetRow]:
    """Rows for ``targets`` (with their resolution loaded); ``checkpoints`` maps resolution id →
    the checkpoint to read. Six queries at most, whatever the number of targets."""
    frozen_ids = [c.pk for c in checkpoints.values() if c.is_frozen]
    open_ids = [c.pk for c in checkpoints.values() if not c.is_frozen]
    own: dict[tuple[int, int], Any] = {}
    if frozen_ids:
        for f in FrozenFigure.objects.filter(
            checkpoint_id__in=frozen_ids, organization__isnull=True
        ).select_related("entry"):
            own[(f.checkpoint_id, f.target_id)] = f
    if open_ids:
        last = (
            Entry.objects.filter(
                checkpoint_id__in=open_ids, organization__isnull=True, is_correction=False
            )
            .values("checkpoint_id", "target_id")
            .annotate(last=Max("id"))
            .values("last")
        )
        for e in Entry.objects.filter(id__in=last):
            own[(e.checkpoint_id, e.target_id)] = e
    aggs = {
        **(_rollups(frozen_ids, True) if frozen_ids else {}),
        **(_rollups(open_ids, False) if open_ids else {}),
    }
    overrides = {
        (o.checkpoint_id, o.target_id): o
        for o in StatusOverride.objects.filter(
            checkpoint_id__in=[c.pk for c in checkpoints.values()]
        )
    }
    assigned = Counter(
        SubTarget.objects.filter(target__in=targets).values_list("target_id", flat=True)
    )
    rows = []
    for t in targets:
        cp = checkpoints.get(t.resolution_id)
        row = TargetRow(target=t, cells_assigned=assigned.get(t.pk, 0))
        if cp is not None:
            _fill(row, t, cp, own.get((cp.pk, t.pk)), aggs.get((cp.pk, t.pk)))
            row.override = overrides.get((cp.pk, t.pk))
            row.status = rules.effective_status(
                row.computed,
                row.override.status if row.override else None,
                row.override.reason if row.override else "",
            )
        rows.append(row)
    return rows


def _fill(row: TargetRow, t: Target, cp: Checkpoint, fig: Any, agg: dict[str, Any] | None) -> None:
    row.cells_reported = agg["reports"] if agg else 0
    if fig is not None:
        _apply_report(row, fig)
    elif t.rollup and agg:
        row.value, row.activity = _pick_rollup(t, agg), True
        row.not_started = agg["n"] == 0 and agg["reports"] > 0
        row.partial = not cp.is_frozen and row.cells_reported < row.cells_assigned
    spec = rules.spec_from(t, t.resolution.horizon)
    recorded: rules.Value = row.done if t.kind == rules.Kind.MILESTONE else row.value
    row.expected = rules.expected_at(spec, cp.kind)
    row.computed = rules.compute_status(
        spec, recorded, cp.kind, activity_recorded=row.activity,
        not_started=row.not_started and recorded is None, assessed=row.assessed or None,
    )  # fmt: skip
    row.phrase = result_phrase(rules.achievement(spec, recorded, cp.kind), t.unit)


def resolution_figures(
    resolution: Resolution, checkpoint: Checkpoint | None, form: str = Form.COMBINED
) -> ResolutionFigures:
    """The resolution page: every target with its figure, grouped (issue 6, item 5)."""
    targets = list(
        resolution.targets.select_related(
            "group", "responsible_organization", "responsible_department", "responsible_member"
        )
    )
    for t in targets:
        t.resolution = resolution  # with its organization: the predicates read it per row
    cps = {resolution.pk: checkpoint} if checkpoint else {}
    rows = figures_for(targets, cps)
    grouped = group_rows(rows, list(resolution.groups.all()), form)
    return ResolutionFigures(resolution, checkpoint, rows, form, grouped)


@dataclass
class CellShare:
    """A cell's share of a target at a checkpoint (the target page, issue 6 item 7)."""

    organization: Any
    planned: Decimal | None
    entry: Entry | None
    reminded_at: dt.datetime | None
    can_record: bool = False


def cell_shares(target: Target, checkpoint: Checkpoint | None) -> list[CellShare]:
    """Every assigned cell with its newest report at the checkpoint: 3 queries."""
    subs = list(SubTarget.objects.filter(target=target).select_related("organization"))
    newest: dict[int | None, Entry] = {}
    reminded: dict[int, dt.datetime] = {}
    if checkpoint is not None:
        if checkpoint.is_frozen:
            figures = FrozenFigure.objects.filter(
                checkpoint=checkpoint, target=target, organization__isnull=False
            ).select_related("entry__recorded_by")
            newest = {f.organization_id: f.entry for f in figures if f.entry}
        else:
            entries = Entry.objects.filter(
                checkpoint=checkpoint, target=target, organization__isnull=False,
                is_correction=False,
            ).select_related("recorded_by")  # fmt: skip
            for e in entries.order_by("id"):
                newest[e.organization_id] = e
        for r in Reminder.objects.filter(target=target, checkpoint=checkpoint).order_by("sent_at"):
            reminded[r.organization_id] = r.sent_at
    subs.sort(key=lambda s: s.organization.path)
    return [
        CellShare(
            organization=s.organization,
            planned=s.planned,
            entry=newest.get(s.organization_id),
            reminded_at=reminded.get(s.organization_id),
        )
        for s in subs
    ]


@dataclass
class OrgLine:
    organization: Any
    counts: dict[rules.Status, int]
    total: int
    checkpoint: Checkpoint | None
    reported: bool
    resolution: Resolution | None = None
    sentence: str = ""


def _resolutions_at(qs: QuerySet[Resolution], year: int, kind: str) -> QuerySet[Resolution]:
    """Yearly resolutions of ``year`` at a yearly checkpoint; term resolutions whose term
    covers ``year`` at a term checkpoint."""
    if rules.checkpoint_allowed(rules.Horizon.TERM, kind):
        return qs.filter(horizon=rules.Horizon.TERM, year__lte=year, end_year__gte=year)
    return qs.filter(horizon=rules.Horizon.ANNUAL, year=year)


def dashboard(actor: Any, root: Any, year: int, kind: str) -> dict[str, Any]:
    """Targets by status over ``root``'s subtree for ``year`` at checkpoint ``kind``: one line
    (with its own sentence) per resolution, never one sentence over different resolutions
    (issue 6, item 5); units that have not reported by the deadline; the trend over the
    previous years. A bounded number of queries (asserted in the tests)."""
    scope = scope_for(actor)
    term_kind = rules.checkpoint_allowed(rules.Horizon.TERM, kind)
    in_tree = subtree_q(root.path, "organization__path")
    res_qs = _resolutions_at(
        Resolution.objects.filter(in_tree).filter(organization__in=scope.orgs()), year, kind
    ).select_related("organization")
    resolutions_ = list(res_qs.order_by("organization__path", "-issued_on"))
    cps = {
        c.resolution_id: c
        for c in Checkpoint.objects.filter(resolution__in=[r.pk for r in resolutions_], kind=kind)
    }
    by_pk = {r.pk: r for r in resolutions_}
    targets = list(Target.objects.filter(resolution__in=list(by_pk)).order_by("position", "id"))
    for t in targets:
        t.resolution = by_pk[t.resolution_id]
    rows = figures_for(targets, cps)
    by_res: dict[int, list[TargetRow]] = defaultdict(list)
    for row in rows:
        by_res[row.target.resolution_id].append(row)
    groups: dict[int, list[TargetGroup]] = defaultdict(list)
    for g in TargetGroup.objects.filter(resolution__in=list(by_pk)):
        groups[g.resolution_id].append(g)
    lines = []
    for r in resolutions_:
        r_rows = by_res.get(r.pk, [])
        counts = count_statuses(x.status for x in r_rows)
        lines.append(
            OrgLine(
                organization=r.organization, counts=counts, total=len(r_rows),
                checkpoint=cps.get(r.pk), reported=any(x.activity for x in r_rows),
                resolution=r, sentence=resolution_sentence(group_rows(r_rows, groups[r.pk])),
            )
        )  # fmt: skip
    totals = count_statuses(x.status for x in rows)
    today = timezone.localdate()
    late = [
        ln for ln in lines if ln.checkpoint and ln.checkpoint.deadline < today and not ln.reported
    ]
    late += unreported_cells(root, scope, year, kind, today)
    sentence = lines[0].sentence if len(lines) == 1 else organizations_sentence(
        [ln.counts for ln in lines]
    )  # fmt: skip
    return {
        "cells": cell_rollups(root, scope, year, kind),
        "lines": lines,
        "rows": rows,
        "totals": totals,
        "total": len(rows),
        "sentence": sentence,
        "late": late,
        "trend": [] if term_kind else trend(actor, root, year, kind),
    }


def cell_rollups(root: Any, scope: Any, year: int, kind: str) -> list[dict[str, Any]]:
    """Per cell of the subtree: sub-targets assigned in the resolutions of ``year`` and how
    many the cell has reported at the checkpoint ``kind`` (one SQL aggregate grouped by cell)."""
    has_report = Entry.objects.filter(
        target_id=OuterRef("target_id"), organization_id=OuterRef("organization_id"),
        checkpoint__kind=kind,
    )  # fmt: skip
    subs = SubTarget.objects.filter(
        subtree_q(root.path, "organization__path"), organization__in=scope.orgs()
    )
    if rules.checkpoint_allowed(rules.Horizon.TERM, kind):
        subs = subs.filter(
            target__resolution__horizon=rules.Horizon.TERM,
            target__resolution__year__lte=year,
            target__resolution__end_year__gte=year,
        )
    else:
        subs = subs.filter(
            target__resolution__horizon=rules.Horizon.ANNUAL, target__resolution__year=year
        )
    return list(
        subs.annotate(has=Exists(has_report))
        .values("organization_id", "organization__name", "organization__path")
        .annotate(assigned=Count("id"), reported=Count("id", filter=Q(has=True)))
        .order_by("organization__path")
    )


def unreported_cells(root: Any, scope: Any, year: int, kind: str, today: dt.date) -> list[OrgLine]:
    """Cells with a sub-target and no report at a checkpoint whose deadline has passed (SQL)."""
    reported = Entry.objects.filter(
        target_id=OuterRef("target_id"), organization_id=OuterRef("organization_id"),
        checkpoint__kind=kind,
    )  # fmt: skip
    subs = (
        SubTarget.objects.filter(
            subtree_q(root.path, "organization__path"),
            organization__in=scope.orgs(),
            target__resolution__in=_resolutions_at(Resolution.objects.all(), year, kind),
            target__resolution__checkpoints__kind=kind,
            target__resolution__checkpoints__deadline__lt=today,
            target__resolution__checkpoints__frozen_at__isnull=True,
        )
        .filter(~Exists(reported))
        .select_related("organization")
        .order_by("organization__path")
    )
    seen: dict[int, OrgLine] = {}
    for s in subs:
        seen.setdefault(
            s.organization_id,
            OrgLine(
                organization=s.organization, counts={}, total=0, checkpoint=None, reported=False
            ),
        ).total += 1
    return list(seen.values())


def trend(actor: Any, root: Any, year: int, kind: str, years: int = 4) -> list[dict[str, Any]]:
    """Share of targets met or exceeded (vượt + đạt) per year (frozen figures where frozen)."""
    scope = scope_for(actor)
    res = {
        r.pk: r
        for r in Resolution.objects.filter(
            subtree_q(root.path, "organization__path"),
            horizon=rules.Horizon.ANNUAL,
            year__gt=year - years,
            year__lte=year,
            organization__in=scope.orgs(),
        )  # fmt: skip
    }
    cps = {
        c.resolution_id: c for c in Checkpoint.objects.filter(resolution__in=list(res), kind=kind)
    }
    targets = list(Target.objects.filter(resolution__in=list(res)))
    for t in targets:
        t.resolution = res[t.resolution_id]
    rows = figures_for(targets, cps)
    out = []
    for y in range(year - years + 1, year + 1):
        ys = [x for x in rows if x.target.resolution.year == y]
        achieved = sum(1 for x in ys if x.status.achieved)
        out.append({"year": y, "total": len(ys), "achieved": achieved,
                    "percent": round(100 * achieved / len(ys)) if ys else None})  # fmt: skip
    return out


@dataclass
class ReportItem:
    """Something the actor has to report (issue 6, item 7): her own target, or her cell's
    share of a target, at an open checkpoint."""

    target: Target
    checkpoint: Checkpoint
    organization: Any | None
    entry: Entry | None
    reminded_at: dt.datetime | None
    today: dt.date

    @property
    def reported(self) -> bool:
        return self.entry is not None

    @property
    def overdue(self) -> bool:
        return not self.reported and self.checkpoint.deadline < self.today

    @property
    def due_soon(self) -> bool:
        days = (self.checkpoint.deadline - self.today).days
        return not self.reported and 0 <= days <= DUE_SOON_DAYS


DUE_SOON_DAYS = 7


def report_items(actor: Any, limit: int = 200) -> list[ReportItem]:
    """The actor's reporting work at open checkpoints: targets she is responsible for and the
    shares assigned to the cells she is secretary of (a write root that is the cell itself).
    Four queries."""
    scope = scope_for(actor)
    today = timezone.localdate()
    own = Q(responsible_member_id__in=scope.own_member_ids) if scope.own_member_ids else Q(pk=None)
    cells = {
        s.target_id: s.organization
        for s in SubTarget.objects.filter(organization__path__in=scope.write_paths)
        .select_related("organization")
        .order_by("-id")[:limit]
    }
    targets = list(
        Target.objects.filter(own | Q(pk__in=list(cells)))
        .select_related("resolution__organization")
        .prefetch_related("resolution__checkpoints")
        .order_by("-resolution__year", "resolution_id", "position")[:limit]
    )
    wanted: list[tuple[Target, Checkpoint, Any | None]] = []
    for t in targets:
        for cp in t.resolution.checkpoints.all():
            if cp.is_frozen:
                continue
            if t.responsible_member_id in scope.own_member_ids:
                wanted.append((t, cp, None))
            if t.pk in cells:
                wanted.append((t, cp, cells[t.pk]))
    cp_ids = {cp.pk for _, cp, _ in wanted}
    newest: dict[tuple[int, int, int | None], Entry] = {}
    for e in Entry.objects.filter(
        checkpoint_id__in=cp_ids, target_id__in=[t.pk for t in targets], is_correction=False
    ).order_by("id"):
        newest[(e.target_id, e.checkpoint_id, e.organization_id)] = e
    reminded = {
        (r.target_id, r.checkpoint_id, r.organization_id): r.sent_at
        for r in Reminder.objects.filter(
            checkpoint_id__in=cp_ids, organization__path__in=scope.write_paths
        ).order_by("sent_at")
    }
    items = [
        ReportItem(
            target=t,
            checkpoint=cp,
            organization=org,
            entry=newest.get((t.pk, cp.pk, org.pk if org else None)),
            reminded_at=reminded.get((t.pk, cp.pk, org.pk)) if org else None,
            today=today,
        )  # fmt: skip
        for t, cp, org in wanted
    ]
    items.sort(key=lambda i: (i.reported, i.checkpoint.deadline, i.target.position))
    return items


def tasks(actor: Any, organization: Any) -> QuerySet[Task]:
    """Tasks assigned by an organization of ``organization``'s subtree, or assigned to a unit of
    it (a cell's list shows what the hospital gave the cell), among the tasks the actor may see
    (``permissions.can_view_task``): one query, ready to paginate."""
    scope = scope_for(actor)
    in_tree = subtree_q(organization.path, "organization__path") | subtree_q(
        organization.path, "responsible_organization__path"
    )
    qs = Task.objects.filter(in_tree)
    if not scope.is_admin:
        readable = scope.orgs()
        qs = qs.filter(Q(organization__in=readable) | Q(responsible_organization__in=readable))
    return qs.select_related(
        "organization", "responsible_organization", "responsible_department"
    ).order_by("status", "deadline", "id")


def is_overdue(task: Task, today: dt.date) -> bool:
    return bool(task.deadline and task.deadline < today and task.status in (
        TaskStatus.OPEN, TaskStatus.IN_PROGRESS))  # fmt: skip


AGENDA_DAYS = 30


@dataclass
class DueCheckpoint:
    checkpoint: Checkpoint
    unreported_cells: int
    today: dt.date

    @property
    def overdue(self) -> bool:
        return self.checkpoint.deadline < self.today


def office_agenda(actor: Any, today: dt.date, days: int = AGENDA_DAYS) -> dict[str, Any]:
    """What the office has to see to (issue 7, item 4): open checkpoints of the resolutions it
    manages that are due within ``days`` days or overdue, with the number of cells' shares not
    reported yet; open tasks it assigned that are due or overdue. Four queries."""
    managed = scope_for(actor).orgs(write=True)
    horizon = today + dt.timedelta(days=days)
    checkpoints = list(
        Checkpoint.objects.filter(
            frozen_at__isnull=True, resolution__organization__in=managed, deadline__lte=horizon
        )
        .select_related("resolution__organization")
        .order_by("deadline", "id")[:20]
    )
    assigned = dict(
        SubTarget.objects.filter(target__resolution__in={c.resolution_id for c in checkpoints})
        .values("target__resolution_id")
        .annotate(n=Count("pk"))
        .values_list("target__resolution_id", "n")
    )
    reported = Counter(
        cp
        for cp, _target, _org in Entry.objects.filter(
            checkpoint__in=checkpoints, organization__isnull=False, is_correction=False
        )
        .values_list("checkpoint_id", "target_id", "organization_id")
        .distinct()
    )
    tasks_due = list(
        Task.objects.filter(
            organization__in=managed,
            status__in=(TaskStatus.OPEN, TaskStatus.IN_PROGRESS),
            deadline__lte=horizon,
        )
        .select_related("organization", "responsible_organization", "responsible_department")
        .order_by("deadline", "id")[:20]
    )
    due = [
        DueCheckpoint(c, assigned.get(c.resolution_id, 0) - reported.get(c.pk, 0), today)
        for c in checkpoints
    ]
    return {"checkpoints": due, "tasks": tasks_due}


@dataclass(frozen=True)
class YearEndShare:
    """Targets met (vượt + đạt) at the frozen year-end checkpoint of an organization's annual
    resolutions (issue 9, item 3: "fewer than 50% of targets met" forces "không hoàn thành")."""

    met: int
    total: int
    key_missed: bool  # a key target (chỉ tiêu chủ yếu then chốt) not met

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.met, self.total) if self.total else None


def year_end_share(organization: Any, year: int) -> YearEndShare | None:
    """The share of the organization's own targets met at the FROZEN year-end ("annual")
    checkpoints of its annual resolutions of ``year``; None while none is frozen (the rule is
    then not checked). A bounded number of queries (``figures_for``: six at most)."""
    cps = {
        c.resolution_id: c
        for c in Checkpoint.objects.filter(
            resolution__organization=organization,
            resolution__horizon=rules.Horizon.ANNUAL,
            resolution__year=year,
            kind=rules.Checkpoint.ANNUAL,
            frozen_at__isnull=False,
        ).select_related("resolution")
    }
    if not cps:
        return None
    targets = list(Target.objects.filter(resolution_id__in=list(cps)))
    for t in targets:
        t.resolution = cps[t.resolution_id].resolution
    rows = figures_for(targets, cps)
    met = sum(1 for r in rows if r.status.achieved)
    key_missed = any(r.target.is_key and not r.status.achieved for r in rows)
    return YearEndShare(met=met, total=len(rows), key_missed=key_missed)
