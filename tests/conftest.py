"""Shared fixtures: a small world with two hospitals and a user for every role."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from dangbo.targets.models import Checkpoint, Resolution, SubTarget, Target
from tests.factories import MemberFactory, department, org, user_with_role

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API in tests


def pytest_configure(config):
    from django.conf import settings

    # Hashing with PBKDF2 costs ~0.3 s a user; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    superior: Any
    hospital: Any
    cell_a: Any
    cell_b: Any
    other_hospital: Any
    other_cell: Any
    dept_a: Any
    a_members: list[Any]
    b_members: list[Any]
    other_members: list[Any]
    users: dict[str, Any]


@pytest.fixture
def world(db) -> World:
    superior = org("Đảng bộ Sở Y tế", "superior", code="SYT")
    hospital = org("Đảng bộ Bệnh viện Đa khoa A", "grassroots_committee", superior, code="BVA")
    cell_a = org("Chi bộ Khoa Nội", "cell", hospital, code="BVA-NOI")
    cell_b = org("Chi bộ Khoa Ngoại", "cell", hospital, code="BVA-NGOAI")
    other_hospital = org("Đảng bộ Bệnh viện B", "grassroots_committee", superior, code="BVB")
    other_cell = org("Chi bộ Khoa Sản", "cell", other_hospital, code="BVB-SAN")
    dept_a = department(hospital, "Khoa Nội tổng hợp")
    a_members = [
        MemberFactory(full_name="Đào Thiện Tiến", organization=cell_a, department=dept_a),
        MemberFactory(full_name="Nguyễn Thị Ánh", organization=cell_a, gender="female"),
        MemberFactory(full_name="Trần Văn An", organization=cell_a),
    ]
    b_members = [MemberFactory(full_name="Lê Văn Bảo", organization=cell_b)]
    other_members = [MemberFactory(full_name="Phạm Thị Đào", organization=other_cell)]
    users = {
        "admin": user_with_role("admin1", "admin"),
        "office": user_with_role("office1", "office", hospital),
        "secretary": user_with_role("secretary1", "cell_secretary", cell_a),
        "member": user_with_role("member1", "member", member=a_members[0]),
        "reader": user_with_role("reader1", "superior_reader", superior),
        "communications": user_with_role("comms1", "communications", hospital),
        "other_office": user_with_role("office2", "office", other_hospital),
    }
    return World(
        superior, hospital, cell_a, cell_b, other_hospital, other_cell, dept_a,
        a_members, b_members, other_members, users,
    )  # fmt: skip


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
