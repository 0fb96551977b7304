"""Fixtures of the import/export tests: two hospitals, their cells, users of every role, and
helpers that write xlsx files the way a user's Excel would (openpyxl)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from openpyxl import Workbook

from dangbo.accounts.models import Role
from dangbo.members.importing.columns import COLUMNS, HEADERS
from dangbo.members.models import Member, StatusChange
from dangbo.organizations.models import Department, Organization

FIELD_INDEX = {c.field: i for i, c in enumerate(COLUMNS)}


@dataclass
class Site:
    hospital: Organization
    cell_a: Organization
    cell_b: Organization
    other_hospital: Organization
    other_cell: Organization
    dept_a: Department
    users: dict[str, Any] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)


def _user(username: str, kind: str, organization: Organization | None = None, member=None):
    user = get_user_model().objects.create_user(username=username, password="x-Pass-12345")
    Role.objects.create(user=user, kind=kind, organization=organization, member=member)
    return user


def _child(parent: Organization, **values: Any) -> Organization:
    node = Organization.objects.add_child(parent, values)
    parent.refresh_from_db()
    return node


@pytest.fixture
def site(db) -> Site:
    superior = Organization.objects.add_root(
        {"name": "Đảng bộ Sở Y tế", "kind": "superior", "code": "SYT"}
    )
    hospital = _child(superior, name="Đảng bộ Bệnh viện A", kind="grassroots_committee", code="BVA")
    cell_a = _child(hospital, name="Chi bộ Khoa Nội", kind="cell", code="BVA-NOI")
    cell_b = _child(hospital, name="Chi bộ Khoa Ngoại", kind="cell", code="BVA-NGOAI")
    superior.refresh_from_db()
    other = _child(superior, name="Đảng bộ Bệnh viện B", kind="grassroots_committee", code="BVB")
    other_cell = _child(other, name="Chi bộ Khoa Sản", kind="cell", code="BVB-SAN")
    dept_a = Department.objects.create(organization=hospital, name="Khoa Nội tổng hợp")
    Department.objects.create(organization=other, name="Khoa Sản")
    s = Site(hospital, cell_a, cell_b, other, other_cell, dept_a)
    s.members = {
        "a1": Member.objects.create(
            full_name="Đào Thiện Tiến", gender="male", date_of_birth=dt.date(1975, 4, 2),
            card_number="11110001", admitted_on=dt.date(2000, 5, 19), full_on=dt.date(2001, 5, 19),
            status="full", organization=cell_a, department=dept_a, phone="0912345678",
        ),
        "b1": Member.objects.create(
            full_name="Lê Văn Bảo", gender="male", date_of_birth=dt.date(1982, 1, 9),
            card_number="11110002", admitted_on=dt.date(2008, 3, 3), status="probationary",
            organization=cell_b,
        ),
        "other1": Member.objects.create(
            full_name="Phạm Thị Đào", gender="female", date_of_birth=dt.date(1979, 8, 30),
            card_number="22220001", admitted_on=dt.date(2003, 2, 3), full_on=dt.date(2004, 2, 3),
            status="full", organization=other_cell, citizen_id="001079012345",
        ),
    }  # fmt: skip
    s.users = {
        "admin": _user("admin1", "admin"),
        "office": _user("office1", "office", hospital),
        "secretary": _user("secretary1", "cell_secretary", cell_a),
        "reader": _user("reader1", "superior_reader", superior),
        "member": _user("member1", "member", member=s.members["a1"]),
        "communications": _user("comms1", "communications", hospital),
        "other_office": _user("office2", "office", other),
    }
    return s


def member_row(**values: Any) -> list[Any]:
    """One data row in template column order; defaults make a valid new member of BVA-NOI."""
    defaults: dict[str, Any] = {
        "full_name": "Nguyễn Thị Ánh", "gender": "Nữ", "date_of_birth": "17/05/1980",
        "ethnicity": "Kinh", "religion": "Không", "home_town": "Bắc Ninh",
        "card_number": "", "dossier_number": "", "citizen_id": "",
        "admitted_on": "03/02/2010", "full_on": "03/02/2011", "status": "Chính thức",
        "organization_id": "BVA-NOI", "department_id": "", "job_title": "",
        "professional_title": "", "military_rank": "", "phone": "", "email": "",
    }  # fmt: skip
    defaults.update(values)
    return [defaults[c.field] for c in COLUMNS]


def xlsx(
    rows: list[list[Any]], headers: list[str] | None = None, title: str = "Đảng viên"
) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    ws.append(list(HEADERS) if headers is None else headers)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def bulk_rows(n: int, *, start_card: int = 30000000, cell: str = "BVA-NOI") -> list[list[Any]]:
    """``n`` distinct valid members (cards start_card, start_card + 1, …)."""
    given = ["An", "Bình", "Cường", "Dung", "Hà", "Hùng", "Lan", "Minh", "Nga", "Sơn"]
    rows = []
    for i in range(n):
        rows.append(member_row(
            full_name=f"Trần Văn {given[i % 10]} {chr(65 + (i // 10) % 26)}",
            gender="Nam", date_of_birth=dt.date(1950 + i % 30, 1 + i % 12, 1 + i % 28),
            card_number=f"{start_card + i:08d}", organization_id=cell,
            admitted_on=dt.date(2005, 1 + i % 12, 1 + i % 28), full_on="",
            status="Dự bị" if i % 3 else "Chính thức",
        ))  # fmt: skip
    return rows


def db_fingerprint() -> tuple[int, int, int, str]:
    """Counts of members, history rows and status changes, and a hash of every member row."""
    fields = [f.attname for f in Member._meta.concrete_fields]
    digest = hashlib.sha256()
    for values in Member.objects.order_by("pk").values_list(*fields):
        digest.update(repr(values).encode())
    return (
        Member.objects.count(),
        Member.history.count(),
        StatusChange.objects.count(),
        digest.hexdigest(),
    )
