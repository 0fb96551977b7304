from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from dangbo.targets.models import Checkpoint, Resolution, SubTarget, Target
from tests.factories import MemberFactory, user_with_role


@dataclass
class Plan:
    resolution: Any
    midyear: Any
    annual: Any
    admissions: Any  # numeric, higher, planned 10, mid-year share 0.5
    infections: Any  # percentage, lower, planned 2
    project: Any  # milestone
    beds: Any  # numeric, rolled up (sum) from two cells
    head: Any  # department head: responsible for ``admissions``
    head_member: Any


@pytest.fixture
def plan(world) -> Plan:
    office = world.users["office"]
    res = Resolution.objects.create(
        organization=world.hospital,
        year=2023,
        number="05-NQ/ĐU",
        issued_on=dt.date(2023, 1, 10),
        title="Nghị quyết năm 2023",
    )
    midyear = Checkpoint.objects.create(
        resolution=res, kind="midyear", as_of=dt.date(2023, 6, 30), deadline=dt.date(2023, 7, 10)
    )
    annual = Checkpoint.objects.create(
        resolution=res, kind="annual", as_of=dt.date(2023, 12, 31), deadline=dt.date(2024, 1, 10)
    )
    head_member = MemberFactory(full_name="Võ Thị Hằng", organization=world.cell_a)
    head = user_with_role("truongkhoa", "member", member=head_member)
    admissions = Target.objects.create(
        resolution=res,
        position=1,
        title="Kết nạp đảng viên mới",
        kind="numeric",
        unit="người",
        planned=Decimal(10),
        midyear_share=Decimal("0.5"),
        responsible_member=head_member,
    )
    infections = Target.objects.create(
        resolution=res,
        position=2,
        title="Tỷ lệ nhiễm khuẩn bệnh viện",
        kind="percentage",
        direction="lower",
        unit="%",
        planned=Decimal(2),
    )
    project = Target.objects.create(
        resolution=res, position=3, title="Khởi công khu điều trị 260 giường", kind="milestone"
    )
    beds = Target.objects.create(
        resolution=res,
        position=4,
        title="Người bệnh điều trị nội trú",
        kind="numeric",
        planned=Decimal(1000),
        midyear_share=Decimal("0.5"),
        rollup="sum",
    )
    SubTarget.objects.create(target=beds, organization=world.cell_a, planned=Decimal(500))
    SubTarget.objects.create(target=beds, organization=world.cell_b, planned=Decimal(500))
    assert office
    return Plan(res, midyear, annual, admissions, infections, project, beds, head, head_member)
