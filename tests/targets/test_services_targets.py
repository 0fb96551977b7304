"""Recording values, freezing checkpoints ("chốt số liệu"), overrides with reasons."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangbo.targets import services
from dangbo.targets.models import Entry, FrozenFigure, StatusOverride
from dangbo.targets.queries import resolution_figures
from dangbo.targets.rules import Status


def _statuses(plan, checkpoint=None):
    rows = resolution_figures(plan.resolution, checkpoint or plan.midyear).rows
    return {r.target.pk: r.status for r in rows}


def test_not_met_value_requires_cause_and_remedy(world, plan):
    with pytest.raises(ValidationError) as exc:
        services.entry_record(
            actor=plan.head,
            target_id=plan.admissions.pk,
            checkpoint_id=plan.midyear.pk,
            value=Decimal(2),
        )
    assert set(exc.value.message_dict) == {"cause", "remedy"}
    assert not Entry.objects.exists()
    services.entry_record(
        actor=plan.head,
        target_id=plan.admissions.pk,
        checkpoint_id=plan.midyear.pk,
        value=Decimal(2),
        cause="Hồ sơ chậm",
        remedy="Đẩy nhanh thẩm tra",
    )
    assert _statuses(plan)[plan.admissions.pk] == Status.NOT_MET


def test_met_value_needs_no_cause(world, plan):
    services.entry_record(
        actor=world.users["office"],
        target_id=plan.infections.pk,
        checkpoint_id=plan.midyear.pk,
        value=Decimal("1.5"),
    )
    statuses = _statuses(plan)
    assert statuses[plan.infections.pk] == Status.EXCEEDED  # lower is better
    # Issue 6 item 1: no report at all is "không có số liệu", not "chưa thực hiện".
    assert statuses[plan.project.pk] == Status.NO_DATA


def test_cells_values_roll_up_by_sum(world, plan):
    secretary = world.users["secretary"]
    services.entry_record(
        actor=secretary,
        target_id=plan.beds.pk,
        checkpoint_id=plan.midyear.pk,
        organization=world.cell_a,
        value=Decimal(300),
    )
    row = next(
        r
        for r in resolution_figures(plan.resolution, plan.midyear).rows
        if r.target.pk == plan.beds.pk
    )
    assert (row.value, row.status, row.cells_reported) == (Decimal(300), Status.NOT_MET, 1)
    services.entry_record(
        actor=world.users["office"],
        target_id=plan.beds.pk,
        checkpoint_id=plan.midyear.pk,
        organization=world.cell_b,
        value=Decimal(250),
    )
    row = next(
        r
        for r in resolution_figures(plan.resolution, plan.midyear).rows
        if r.target.pk == plan.beds.pk
    )
    assert (row.value, row.status) == (Decimal(550), Status.EXCEEDED)


def test_a_cell_secretary_reports_only_for_her_cell(world, plan):
    with pytest.raises(PermissionDenied):
        services.entry_record(
            actor=world.users["secretary"],
            target_id=plan.beds.pk,
            checkpoint_id=plan.midyear.pk,
            organization=world.cell_b,
            value=Decimal(1),
        )
    with pytest.raises(PermissionDenied):
        services.entry_record(
            actor=world.users["secretary"],
            target_id=plan.infections.pk,
            checkpoint_id=plan.midyear.pk,
            value=Decimal(1),
        )
    with pytest.raises(PermissionDenied):
        services.entry_record(
            actor=world.users["reader"],
            target_id=plan.infections.pk,
            checkpoint_id=plan.midyear.pk,
            value=Decimal(1),
        )


def test_frozen_figures_never_change(world, plan):
    office = world.users["office"]
    services.entry_record(
        actor=plan.head,
        target_id=plan.admissions.pk,
        checkpoint_id=plan.midyear.pk,
        value=Decimal(2),
        cause="c",
        remedy="r",
    )
    services.checkpoint_freeze(
        actor=office, checkpoint_id=plan.midyear.pk, confirmation="Sơ kết 6 tháng 2023"
    )
    before = _statuses(plan)
    frozen = list(FrozenFigure.objects.values_list("target_id", "value"))
    # The responsible person can no longer record.
    with pytest.raises(PermissionDenied):
        services.entry_record(
            actor=plan.head,
            target_id=plan.admissions.pk,
            checkpoint_id=plan.midyear.pk,
            value=Decimal(9),
        )
    # The office may add a correction only with a reason, and it does not touch the figures.
    with pytest.raises(ValidationError) as exc:
        services.entry_record(
            actor=office,
            target_id=plan.admissions.pk,
            checkpoint_id=plan.midyear.pk,
            value=Decimal(9),
        )
    assert "correction_reason" in exc.value.message_dict
    correction = services.entry_record(
        actor=office,
        target_id=plan.admissions.pk,
        checkpoint_id=plan.midyear.pk,
        value=Decimal(9),
        correction_reason="Sai sót khi tổng hợp",
    )
    assert correction.is_correction
    assert _statuses(plan) == before
    assert list(FrozenFigure.objects.values_list("target_id", "value")) == frozen
    with pytest.raises(ValidationError):
        services.checkpoint_freeze(
            actor=office, checkpoint_id=plan.midyear.pk, confirmation="Sơ kết 6 tháng 2023"
        )
    with pytest.raises(ValidationError):
        services.status_override_set(
            actor=office,
            target=plan.admissions,
            checkpoint=plan.midyear,
            status="met",
            reason="x",
            version=0,
        )


def test_only_the_office_freezes(world, plan):
    for role in ("secretary", "reader", "member", "other_office"):
        with pytest.raises(PermissionDenied):
            services.checkpoint_freeze(
                actor=world.users[role],
                checkpoint_id=plan.midyear.pk,
                confirmation="Sơ kết 6 tháng 2023",
            )
    plan.midyear.refresh_from_db()
    assert not plan.midyear.is_frozen


def test_issue6_item9_freeze_needs_the_period_name_typed(world, plan):
    office = world.users["office"]
    for typed in ("", "chốt", "Sơ kết 6 tháng 2024", "Tổng kết năm 2023"):
        with pytest.raises(ValidationError) as exc:
            services.checkpoint_freeze(
                actor=office, checkpoint_id=plan.midyear.pk, confirmation=typed
            )
        assert "Sơ kết 6 tháng 2023" in exc.value.message_dict["confirmation"][0]
    plan.midyear.refresh_from_db()
    assert not plan.midyear.is_frozen
    # Typed without diacritics or in another case on a phone: accepted.
    services.checkpoint_freeze(
        actor=office, checkpoint_id=plan.midyear.pk, confirmation="  so ket 6 THANG 2023 "
    )
    plan.midyear.refresh_from_db()
    assert plan.midyear.is_frozen


def test_override_needs_reason_and_is_audited(world, plan):
    office = world.users["office"]
    with pytest.raises(ValidationError):
        services.status_override_set(
            actor=office,
            target=plan.project,
            checkpoint=plan.midyear,
            status="met",
            reason="  ",
            version=0,
        )
    services.status_override_set(
        actor=office,
        target=plan.project,
        checkpoint=plan.midyear,
        status="met",
        reason="Đã có quyết định phê duyệt dự án",
        version=0,
    )
    assert _statuses(plan)[plan.project.pk] == Status.MET
    record = StatusOverride.history.latest()
    assert record.history_user == office and record.reason.startswith("Đã có")
