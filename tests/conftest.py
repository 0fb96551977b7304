"""Shared fixtures: a small world with two hospitals and a user for every role."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import pytest

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
