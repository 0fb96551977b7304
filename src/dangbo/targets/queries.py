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
from typing import Any

from django.db.models import Avg, Count, Exists, Max, Min, OuterRef, Q, QuerySet, Sum

from dangbo.accounts.scope import scope_for, subtree_q
from dangbo.targets import rules
from dangbo.targets.models import (
    Checkpoint,
    Entry,
    FrozenFigure,
    Resolution,
    StatusOverride,
    SubTarget,
    Target,
    Task,
    TaskStatus,
)
from dangbo.targets.services import spec_of
from dangbo.targets.summary import count_statuses, summary_sentence


@dataclass
class TargetRow:
    target: Target
    value: Decimal | None = None
    done: bool | None = None
    activity: bool = False
    expected: Decimal | None = None
    computed: rules.Status = rules.Status.NOT_STARTED
    status: rules.Status = rules.Status.NOT_STARTED
    override: StatusOverride | None = None
    entry: Entry | None = None
    cells_reported: int = 0
    cells_assigned: int = 0

    @property
    def status_label(self) -> str:
        return self.status.label


@dataclass
class ResolutionFigures:
    resolution: Resolution
    checkpoint: Checkpoint | None
    rows: list[TargetRow] = field(default_factory=list)

    @property
    def counts(self) -> dict[rules.Status, int]:
        return count_statuses(r.status for r in self.rows)

    @property
    def sentence(self) -> str:
        return summary_sentence(self.counts)


def resolutions(actor: Any, organization: Any | None = None) -> QuerySet[Resolution]:
    qs = Resolution.objects.filter(organization__in=scope_for(actor).orgs()).select_related(
        "organization"
    )
    if organization is not None:
        qs = qs.filter(organization=organization)
    return qs.order_by("-year", "-issued_on")


def _rollups(checkpoint_ids: list[int], frozen: bool) -> dict[tuple[int, int], dict[str, Any]]:
    """(checkpoint, target) → SQL aggregates over the newest value of each cell."""
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
            n=Count("id", filter=Q(value__isnull=False)),
            sum=Sum("value"),
            avg=Avg("value"),
            min=Min("value"),
            max=Max("value"),
        )  # fmt: skip
        .order_by()
    )
    return {(r["checkpoint_id"], r["target_id"]): r for r in rows}


def _pick_rollup(target: Target, agg: dict[str, Any] | None) -> Decimal | None:
    if not agg or not agg["n"]:
        return None
    method = rules.Rollup(target.rollup)
    if method is rules.Rollup.SUM:
        return Decimal(agg["sum"])
    if method is rules.Rollup.AVERAGE:
        return Decimal(str(agg["avg"]))
    weakest = agg["min"] if target.direction == rules.Direction.HIGHER else agg["max"]
    return Decimal(weakest)


def figures_for(targets: list[Target], checkpoints: dict[int, Checkpoint]) -> list[TargetRow]:
    """Rows for ``targets``; ``checkpoints`` maps resolution id → the checkpoint to read.
    Six queries at most, whatever the number of targets and organizations."""
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
    aggs = {**_rollups(frozen_ids, True), **_rollups(open_ids, False)} if checkpoints else {}
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
            fig = own.get((cp.pk, t.pk))
            agg = aggs.get((cp.pk, t.pk))
            row.cells_reported = agg["n"] if agg else 0
            if fig is not None:
                row.value, row.done, row.activity = fig.value, fig.done, True
                row.entry = fig if isinstance(fig, Entry) else fig.entry
            elif t.rollup and agg:
                row.value, row.activity = _pick_rollup(t, agg), True
            spec = spec_of(t)
            recorded: rules.Value = row.done if t.kind == rules.Kind.MILESTONE else row.value
            row.expected = rules.expected_at(spec, cp.kind)
            row.computed = rules.compute_status(
                spec, recorded, cp.kind, activity_recorded=row.activity
            )
            row.override = overrides.get((cp.pk, t.pk))
            row.status = rules.effective_status(
                row.computed,
                row.override.status if row.override else None,
                row.override.reason if row.override else "",
            )
        rows.append(row)
    return rows


def resolution_figures(resolution: Resolution, checkpoint: Checkpoint | None) -> ResolutionFigures:
    targets = list(
        resolution.targets.select_related(
            "responsible_organization", "responsible_department", "responsible_member"
        )
    )
    cps = {resolution.pk: checkpoint} if checkpoint else {}
    return ResolutionFigures(resolution, checkpoint, figures_for(targets, cps))


@dataclass
class OrgLine:
    organization: Any
    counts: dict[rules.Status, int]
    total: int
    checkpoint: Checkpoint | None
    reported: bool


def dashboard(actor: Any, root: Any, year: int, kind: str) -> dict[str, Any]:
    """Targets by status over ``root``'s subtree for ``year`` at checkpoint ``kind``; one line
    per organization that has a resolution; units that have not reported by the deadline; the
    trend over the previous years. A bounded number of queries (asserted in the tests)."""
    scope = scope_for(actor)
    in_tree = subtree_q(root.path, "organization__path")
    res_qs = (
        Resolution.objects.filter(in_tree, year=year)
        .filter(organization__in=scope.orgs())
        .select_related("organization")
    )
    resolutions_ = list(res_qs.order_by("organization__path"))
    cps = {
        c.resolution_id: c
        for c in Checkpoint.objects.filter(resolution__in=[r.pk for r in resolutions_], kind=kind)
    }
    targets = list(Target.objects.filter(resolution__in=[r.pk for r in resolutions_]))
    rows = figures_for(targets, cps)
    by_res: dict[int, list[TargetRow]] = defaultdict(list)
    for row in rows:
        by_res[row.target.resolution_id].append(row)
    lines = []
    for r in resolutions_:
        r_rows = by_res.get(r.pk, [])
        cp = cps.get(r.pk)
        lines.append(
            OrgLine(
                organization=r.organization,
                counts=count_statuses(x.status for x in r_rows),
                total=len(r_rows),
                checkpoint=cp,
                reported=any(x.activity for x in r_rows),
            )
        )
    totals = count_statuses(x.status for x in rows)
    today = dt.date.today()
    late = [
        ln for ln in lines if ln.checkpoint and ln.checkpoint.deadline < today and not ln.reported
    ]
    late += unreported_cells(root, scope, year, kind, today)
    return {
        "cells": cell_rollups(root, scope, year, kind),
        "lines": lines,
        "totals": totals,
        "total": len(rows),
        "sentence": summary_sentence(totals),
        "late": late,
        "trend": trend(actor, root, year, kind),
    }


def cell_rollups(root: Any, scope: Any, year: int, kind: str) -> list[dict[str, Any]]:
    """Per cell of the subtree: sub-targets assigned for ``year`` and how many have a value at
    the checkpoint ``kind`` (one SQL aggregate grouped by cell)."""
    has_value = Entry.objects.filter(
        target_id=OuterRef("target_id"), organization_id=OuterRef("organization_id"),
        checkpoint__kind=kind, value__isnull=False,
    )  # fmt: skip
    return list(
        SubTarget.objects.filter(
            subtree_q(root.path, "organization__path"),
            organization__in=scope.orgs(),
            target__resolution__year=year,
        )
        .annotate(has=Exists(has_value))
        .values("organization_id", "organization__name", "organization__path")
        .annotate(assigned=Count("id"), reported=Count("id", filter=Q(has=True)))
        .order_by("organization__path")
    )


def unreported_cells(root: Any, scope: Any, year: int, kind: str, today: dt.date) -> list[OrgLine]:
    """Cells with a sub-target and no value at a checkpoint whose deadline has passed (SQL)."""
    reported = Entry.objects.filter(
        target_id=OuterRef("target_id"), organization_id=OuterRef("organization_id"),
        checkpoint__kind=kind,
    )  # fmt: skip
    subs = (
        SubTarget.objects.filter(
            subtree_q(root.path, "organization__path"),
            organization__in=scope.orgs(),
            target__resolution__year=year,
            target__resolution__checkpoints__kind=kind,
            target__resolution__checkpoints__deadline__lt=today,
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
    """Share of targets met or exceeded per year (frozen figures where frozen)."""
    scope = scope_for(actor)
    res = list(
        Resolution.objects.filter(
            subtree_q(root.path, "organization__path"),
            year__gt=year - years,
            year__lte=year,
            organization__in=scope.orgs(),
        )  # fmt: skip
    )
    cps = {
        c.resolution_id: c
        for c in Checkpoint.objects.filter(resolution__in=[r.pk for r in res], kind=kind)
    }
    rows = figures_for(list(Target.objects.filter(resolution__in=[r.pk for r in res])), cps)
    year_of = {r.pk: r.year for r in res}
    out = []
    for y in range(year - years + 1, year + 1):
        ys = [x for x in rows if year_of[x.target.resolution_id] == y]
        achieved = sum(1 for x in ys if x.status.achieved)
        out.append({"year": y, "total": len(ys), "achieved": achieved,
                    "percent": round(100 * achieved / len(ys)) if ys else None})  # fmt: skip
    return out


def my_targets(actor: Any) -> list[tuple[Target, list[Checkpoint]]]:
    """Targets the actor is personally responsible for, with their open checkpoints."""
    own = scope_for(actor).own_member_ids
    targets = list(
        Target.objects.filter(responsible_member_id__in=own)
        .select_related("resolution__organization")
        .prefetch_related("resolution__checkpoints")
        .order_by("-resolution__year", "resolution_id", "position")[:200]
    )
    return [(t, [c for c in t.resolution.checkpoints.all() if not c.is_frozen]) for t in targets]


def tasks(actor: Any, organization: Any) -> QuerySet[Task]:
    scope = scope_for(actor)
    return (
        Task.objects.filter(subtree_q(organization.path, "organization__path"))
        .filter(organization__in=scope.orgs())
        .select_related("responsible_organization", "responsible_department")
        .order_by("status", "deadline", "id")
    )


def is_overdue(task: Task, today: dt.date) -> bool:
    return bool(task.deadline and task.deadline < today and task.status in (
        TaskStatus.OPEN, TaskStatus.IN_PROGRESS))  # fmt: skip
