"""Targets API: resolutions and targets with computed statuses; record a checkpoint value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import StrictFloat, StrictInt, StrictStr

from dangbo.accounts.scope import scope_for
from dangbo.core.numbers import NumberError, format_number, parse_number
from dangbo.organizations import permissions as org_permissions
from dangbo.organizations.models import Organization
from dangbo.targets import permissions, queries, rules, services
from dangbo.targets.models import Checkpoint, Resolution, SubTarget, Target
from dangbo.targets.summary import Form

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
    stated: str
    result: str
    achieved: bool
    overridden: bool


class CountsOut(Schema):
    """Counts per status; ``achieved`` ("đạt và vượt") is always exceeded + met (issue 6)."""

    achieved: int
    exceeded: int
    met: int
    on_track: int
    behind: int
    not_met: int
    not_started: int
    no_data: int
    total: int


class GroupOut(Schema):
    title: str
    summary: str
    counts: CountsOut


class FiguresOut(Schema):
    resolution_id: int
    horizon: str
    checkpoint: CheckpointOut | None
    summary: str
    counts: CountsOut
    groups: list[GroupOut]
    targets: list[TargetStatusOut]


def _counts(counts: dict[rules.Status, int]) -> CountsOut:
    by_value = {s.value: n for s, n in counts.items()}
    achieved = by_value["exceeded"] + by_value["met"]
    return CountsOut(achieved=achieved, total=sum(by_value.values()), **by_value)


class EntryIn(Schema):
    """A report at a checkpoint. ``value`` is a JSON number or a text written the Vietnamese
    way ("185.300", "97,5"); ``organization_id`` records a cell's share of the target."""

    checkpoint_id: int
    organization_id: int | None = None
    value: StrictInt | StrictFloat | StrictStr | None = None  # not true/false
    stated: str = Field("", max_length=60)
    done: bool | None = None
    not_started: bool = False
    assessed_status: str = ""
    note: str = ""
    cause: str = ""
    remedy: str = ""
    correction_reason: str = ""


class EntryOut(Schema):
    id: int
    target_id: int
    checkpoint_id: int
    organization_id: int | None
    value: Decimal | None
    done: bool | None
    is_correction: bool
    status: str


def _cp(c: Checkpoint) -> CheckpointOut:
    return CheckpointOut(
        id=c.pk, kind=c.kind, as_of=c.as_of, deadline=c.deadline, frozen=c.is_frozen
    )


def _resolution(request: HttpRequest, pk: int) -> Resolution:
    """A resolution of an organization in the scope: 404 outside it."""
    readable = Resolution.objects.filter(organization__in=scope_for(request.user).orgs())
    res: Resolution = get_object_or_404(readable.select_related("organization"), pk=pk)
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
def resolution_targets(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    resolution_id: int,
    checkpoint: str = "midyear",
    form: Form = Form.COMBINED,
):
    """Figures of a resolution at a checkpoint; ``form`` picks how the summary sentence counts
    (combined "đạt và vượt 7", split "(vượt 5, đạt 2)", ratio "hoàn thành 7/13")."""
    res = _resolution(request, resolution_id)
    cp = res.checkpoints.filter(kind=checkpoint).first()
    figures = queries.resolution_figures(res, cp, form)
    return FiguresOut(
        resolution_id=res.pk,
        horizon=res.horizon,
        checkpoint=_cp(cp) if cp else None,
        summary=figures.sentence,
        counts=_counts(figures.counts),
        groups=[
            GroupOut(title=g.title, summary=g.sentence, counts=_counts(g.counts))
            for g in figures.groups
        ],
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
                stated=r.stated,
                result=r.phrase,
                achieved=r.status.achieved,
                overridden=r.override is not None,
            )
            for r in figures.rows
        ],
    )


def _unprocessable(field: str, message: str) -> HttpError:
    return HttpError(422, f"{field}: {message}")


def _entry_value(raw: int | float | str | None) -> Decimal | None:
    """The value of a report: text is read by ``parse_number``; a JSON number is written out
    the Vietnamese way and read back, so both meet the same limits as ``Entry.value`` (finite,
    at most 12 digits before and 2 after the comma, not negative) with the same messages."""
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw
    else:
        number = Decimal(str(raw))  # a float's shortest repr, not its binary expansion
        text = format_number(number) if number.is_finite() else str(raw)
    try:
        return parse_number(text, max_digits=14, decimal_places=2, min_value=Decimal(0))
    except NumberError as exc:
        raise _unprocessable("value", exc.message) from exc


@router.post("/targets/{target_id}/entries", response={201: EntryOut})
def record_entry(request: HttpRequest, target_id: int, payload: EntryIn):  # type: ignore[no-untyped-def]
    target = get_object_or_404(
        Target.objects.select_related("resolution__organization"), pk=target_id
    )
    scope = scope_for(request.user)
    cells = dict(
        SubTarget.objects.filter(target=target).values_list("organization_id", "organization__path")
    )
    if not permissions.can_read_target(scope, target, cells.values()):
        raise Http404
    checkpoint = Checkpoint.objects.filter(
        pk=payload.checkpoint_id, resolution_id=target.resolution_id
    ).first()
    if checkpoint is None:  # unknown, or of another resolution: the same answer
        raise _unprocessable(
            "checkpoint_id", gettext("Kỳ báo cáo không thuộc nghị quyết của chỉ tiêu.")
        )
    organization = None
    if payload.organization_id is not None:
        organization = Organization.objects.filter(pk=payload.organization_id).first()
        if organization is None or not org_permissions.can_view_org(scope, organization):
            raise Http404
        if organization.pk not in cells:
            raise _unprocessable(
                "organization_id", gettext("Chỉ tiêu này không giao cho chi bộ đó.")
            )
    if payload.assessed_status and payload.assessed_status not in {s.value for s in rules.Status}:
        raise _unprocessable(
            "assessed_status", gettext("Chọn kết quả đánh giá của chỉ tiêu định tính.")
        )
    value = _entry_value(payload.value)
    try:
        entry = services.entry_record(
            actor=request.user, target_id=target.pk, checkpoint_id=checkpoint.pk,
            organization=organization, value=value, stated=payload.stated, done=payload.done,
            not_started=payload.not_started, assessed_status=payload.assessed_status,
            note=payload.note, cause=payload.cause, remedy=payload.remedy,
            correction_reason=payload.correction_reason,
        )  # fmt: skip
    except PermissionDenied as exc:
        raise HttpError(
            403, str(exc) or gettext("Bạn không có quyền ghi số liệu chỉ tiêu này.")
        ) from exc
    except ValidationError as exc:
        raise HttpError(
            422, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
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
            organization_id=entry.organization_id,
            value=entry.value,
            done=entry.done,
            is_correction=entry.is_correction,
            status=status,
        ),
    )
