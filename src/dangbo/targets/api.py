"""Targets API: resolutions and targets with computed statuses; record a checkpoint value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from dangbo.accounts.scope import scope_for
from dangbo.core.errors import ValidationFailed
from dangbo.targets import queries, services
from dangbo.targets.models import Checkpoint, Resolution, Target

router = Router(tags=["targets"])


class CheckpointOut(Schema):
    id: int
    kind: str
    as_of: dt.date
    deadline: dt.date
    frozen: bool


class ResolutionOut(Schema):
    id: int
    organization_id: int
    year: int
    number: str
    title: str
    checkpoints: list[CheckpointOut]


class TargetStatusOut(Schema):
    id: int
    title: str
    kind: str
    direction: str
    unit: str
    planned: Decimal | None
    expected: Decimal | None
    value: Decimal | None
    done: bool | None
    status: str
    status_label: str
    overridden: bool


class FiguresOut(Schema):
    resolution_id: int
    checkpoint: CheckpointOut | None
    summary: str
    targets: list[TargetStatusOut]


class EntryIn(Schema):
    checkpoint_id: int
    value: Decimal | None = None
    done: bool | None = None
    note: str = ""
    cause: str = ""
    remedy: str = ""
    correction_reason: str = ""


class EntryOut(Schema):
    id: int
    target_id: int
    checkpoint_id: int
    value: Decimal | None
    done: bool | None
    is_correction: bool
    status: str


def _cp(c: Checkpoint) -> CheckpointOut:
    return CheckpointOut(
        id=c.pk, kind=c.kind, as_of=c.as_of, deadline=c.deadline, frozen=c.is_frozen
    )


def _resolution(request: HttpRequest, pk: int) -> Resolution:
    res = get_object_or_404(Resolution.objects.select_related("organization"), pk=pk)
    if not scope_for(request.user).can_view_org(res.organization):
        raise Http404
    return res


@router.get("/resolutions", response=list[ResolutionOut])
def list_resolutions(request: HttpRequest, year: int | None = None) -> list[ResolutionOut]:
    qs = queries.resolutions(request.user).prefetch_related("checkpoints")
    if year:
        qs = qs.filter(year=year)
    return [
        ResolutionOut(
            id=r.pk,
            organization_id=r.organization_id,
            year=r.year,
            number=r.number,
            title=r.title,
            checkpoints=[_cp(c) for c in r.checkpoints.all()],
        )
        for r in qs[:200]
    ]


@router.get("/resolutions/{resolution_id}/targets", response=FiguresOut)
def resolution_targets(request: HttpRequest, resolution_id: int, checkpoint: str = "midyear"):  # type: ignore[no-untyped-def]
    res = _resolution(request, resolution_id)
    cp = res.checkpoints.filter(kind=checkpoint).first()
    figures = queries.resolution_figures(res, cp)
    return FiguresOut(
        resolution_id=res.pk,
        checkpoint=_cp(cp) if cp else None,
        summary=figures.sentence,
        targets=[
            TargetStatusOut(
                id=r.target.pk,
                title=r.target.title,
                kind=r.target.kind,
                direction=r.target.direction,
                unit=r.target.unit,
                planned=r.target.planned,
                expected=r.expected,
                value=r.value,
                done=r.done,
                status=r.status.value,
                status_label=r.status.label,
                overridden=r.override is not None,
            )
            for r in figures.rows
        ],
    )


@router.post("/targets/{target_id}/entries", response={201: EntryOut})
def record_entry(request: HttpRequest, target_id: int, payload: EntryIn):  # type: ignore[no-untyped-def]
    target = get_object_or_404(
        Target.objects.select_related("resolution__organization"), pk=target_id
    )
    if not services.can_read_target(request.user, target):
        raise Http404
    try:
        entry = services.entry_record(actor=request.user, target_id=target.pk, **payload.dict())
    except PermissionDenied as exc:
        raise HttpError(
            403, str(exc) or gettext("Bạn không có quyền ghi số liệu chỉ tiêu này.")
        ) from exc
    except ValidationFailed as exc:
        raise HttpError(
            422, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.errors.items())
        ) from exc
    cp = entry.checkpoint
    row = queries.resolution_figures(target.resolution, cp).rows
    status = next(r.status.value for r in row if r.target.pk == target.pk)
    return Status(
        201,
        EntryOut(
            id=entry.pk,
            target_id=target.pk,
            checkpoint_id=cp.pk,
            value=entry.value,
            done=entry.done,
            is_correction=entry.is_correction,
            status=status,
        ),
    )
