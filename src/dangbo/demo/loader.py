"""Load the demo data into an empty database, in one transaction.

``reload()`` (the ``dangbo demo`` command, run by ``make run`` and ``make demo``) empties the
whole database with Django's ``flush`` — every table, users and sessions included; sequences
restart, so the demo rows and accounts get the same ids every run — then ``load()`` creates
the demo again. A database holding organizations that are not the demo's is refused unless
forced: the command is for a development or demonstration database only.

Rows are written with ``history_user = None`` (the system). Members are bulk-created, so the
columns ``Member.save()`` would compute are computed by ``member_row()``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Model
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from dangbo.accounts.models import Role, RoleKind
from dangbo.core.text import fold, name_sort_key, nfc, normalize_name
from dangbo.demo import data
from dangbo.demo.documents_demo import load_documents
from dangbo.demo.evaluations_demo import load_evaluations
from dangbo.demo.meetings_demo import load_meetings
from dangbo.demo.people import (
    TRANSFERRED_OUT,
    Person,
    cell_committee,
    generate,
    hospital_committee,
)
from dangbo.demo.targets_demo import load_targets
from dangbo.members.models import Member, StatusChange
from dangbo.members.rules import probation_ends_on
from dangbo.organizations.models import (
    Committee,
    CommitteeMembership,
    Department,
    Organization,
    OrgKind,
    Term,
)
from dangbo.targets.models import Target


class DemoConflict(Exception):
    """Existing data that is not the demo's occupies a demo code."""


@dataclass
class Account:
    username: str
    role: str
    scope: str
    full_name: str
    password: str = data.DEMO_PASSWORD


@dataclass
class HospitalSummary:
    code: str
    name: str
    cells: int
    active: int
    probationary: int
    due_soon: int


@dataclass
class Summary:
    hospitals: list[HospitalSummary] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    resolutions: list[str] = field(default_factory=list)


# ---- empty the database ---------------------------------------------------------------
def check_demo_only() -> None:
    """Refuse a database that holds organizations other than the demo's: reloading the demo
    empties the whole database, and a real registry must never meet ``make run`` by mistake."""
    codes = data.all_codes()
    roots = Organization.objects.filter(depth=1).order_by("path")
    foreign = next((r for r in roots if codes.get(r.code) != r.name), None)
    if foreign is not None:
        raise DemoConflict(
            _(
                "Cơ sở dữ liệu có tổ chức không thuộc demo: «%(name)s» (mã %(code)s). Nạp lại demo "
                "sẽ xóa toàn bộ cơ sở dữ liệu, nên chưa làm gì. Hãy dùng một cơ sở dữ liệu khác "
                "(DATABASE_URL) hoặc chạy lại với --force nếu muốn xóa hết."
            )
            % {"name": foreign.name, "code": foreign.code}
        )


def empty_database(using: str = DEFAULT_DB_ALIAS) -> None:
    """Delete every row of every table (Django's ``flush``: DELETE on SQLite, one TRUNCATE …
    RESTART IDENTITY on PostgreSQL, sequences reset so the demo gets the same ids every time;
    content types and permissions are recreated). The schema and the migration records stay."""
    connection = connections[using]
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # TRUNCATE refuses a table with deferred foreign-key checks still pending in this
        # transaction (a demo loaded earlier in the same transaction, as in the tests).
        connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0, database=using)


# ---- helpers ------------------------------------------------------------------------------
def member_row(**values: Any) -> Member:
    """An unsaved Member with the columns ``Member.save()`` computes already filled in, for
    ``bulk_create`` (which does not call ``save()``)."""
    member = Member(**values)
    member.full_name = normalize_name(member.full_name)
    member.name_folded = fold(member.full_name)
    member.sort_key = name_sort_key(member.full_name)
    member.home_town = nfc(member.home_town)
    member.card_number = member.card_number or None
    return member


def _add_node(parent: Organization | None, **values: Any) -> Organization:
    node = Organization(**values)
    setattr(node, "_history_user", None)  # noqa: B010 — simple-history's "written by" hook
    if parent is None:
        return Organization.objects.add_root(instance=node)  # type: ignore[no-any-return]
    return Organization.objects.add_child(parent, instance=node)  # type: ignore[no-any-return]


def _bulk(objs: list[Any], model: type[Model]) -> list[Any]:
    return bulk_create_with_history(objs, model, batch_size=500, default_user=None)  # type: ignore[no-any-return]


def _check_empty() -> None:
    if Organization.objects.exists() or get_user_model().objects.exists():
        raise DemoConflict(
            _("Cơ sở dữ liệu chưa trống: demo chỉ nạp vào một cơ sở dữ liệu trống (lệnh demo).")
        )


# ---- load ---------------------------------------------------------------------------------
@dataclass
class _Built:
    spec: data.HospitalSpec
    superior: Organization
    hospital: Organization
    cells: dict[str, Organization]
    people: list[Person]
    members: dict[int, Member]  # Person.index → Member
    cell_committees: dict[str, list[tuple[str, Person]]] = field(default_factory=dict)


@transaction.atomic
def reload(*, today: dt.date, force: bool = False) -> Summary:
    """Empty the database and load the demo into it (what ``dangbo demo`` and ``make run`` do).
    Without ``force``, a database holding organizations that are not the demo's is refused."""
    if not force:
        check_demo_only()
    empty_database()
    return load(today=today)


@transaction.atomic
def load(*, today: dt.date) -> Summary:
    """Load the whole demo into an empty database; ``today`` only places probationary
    admissions."""
    _check_empty()
    people, extras = generate(today)
    built = [_build_hospital(spec, people[spec.code]) for spec in data.HOSPITALS]
    summary = Summary()
    for b in built:
        active = [p for p in b.people if p.status != TRANSFERRED_OUT]
        due_limit = today + dt.timedelta(days=60)
        summary.hospitals.append(
            HospitalSummary(
                code=b.spec.code,
                name=b.spec.name,
                cells=len(b.cells),
                active=len(active),
                probationary=sum(p.status == "probationary" for p in active),
                due_soon=sum(
                    p.status == "probationary" and probation_ends_on(p.admitted_on) <= due_limit
                    for p in active
                ),
            )
        )
    summary.accounts = _load_accounts(built, extras)
    # Resolutions, targets and reports (targets app): see targets_demo.py.
    for resolution in load_targets():
        summary.resolutions.append(
            f"{resolution.number} ({resolution.organization.code}, {resolution.period_label}): "
            f"{Target.objects.filter(resolution=resolution).count()} chỉ tiêu"
        )
    # Meetings (issue 8): the 2023 mid-year session, cell meetings, upcoming meetings.
    load_meetings(today)
    # Ratings and commendations (issue 9): Hà Đông 2021 as published, QDY 2023 in progress.
    load_evaluations()
    # Issued reports and the two published stories (issue 10): see documents_demo.py.
    load_documents()
    return summary


def _build_hospital(spec: data.HospitalSpec, people: list[Person]) -> _Built:
    parent: Organization | None = None
    for code, name in spec.superiors:
        parent = _add_node(
            parent, code=code, name=name, kind=OrgKind.SUPERIOR, is_military=spec.is_military
        )
    assert parent is not None
    superior = parent
    hospital = _add_node(
        superior, code=spec.code, name=spec.name, kind=OrgKind.GRASSROOTS_COMMITTEE,
        is_military=spec.is_military,
    )  # fmt: skip
    cells = {
        c.code: _add_node(
            hospital, code=c.code, name=c.name, kind=OrgKind.CELL, is_military=spec.is_military
        )
        for c in spec.cells
    }
    departments = _bulk(
        [
            Department(
                organization=hospital,
                name=nfc(name),
                name_folded=fold(name),
                kind=data.PROFILE_KIND[profile],
            )  # fmt: skip
            for name, profile in spec.departments
        ],
        Department,
    )
    dept_by_name = {d.name: d for d in departments}
    through = Organization.departments.through
    through.objects.bulk_create(
        [
            through(organization_id=cells[c.code].pk, department_id=dept_by_name[d].pk)
            for c in spec.cells
            for d in c.departments
        ]
    )
    members = _bulk(
        [
            member_row(
                full_name=p.full_name,
                gender=p.gender,
                date_of_birth=p.date_of_birth,
                ethnicity=p.ethnicity,
                religion=p.religion,
                home_town=p.home_town,
                card_number=p.card_number,
                dossier_number=p.dossier_number,
                citizen_id=p.citizen_id,
                admitted_on=p.admitted_on,
                full_on=p.full_on,
                status=p.status,
                exempt_since=p.exempt_since,
                suspended_since=p.suspended_since,
                organization=cells[p.cell_code],
                department=dept_by_name[p.department],
                job_title=p.job_title,
                professional_title=p.professional_title,
                military_rank=p.military_rank,
                phone=p.phone,
            )  # fmt: skip
            for p in people
        ],
        Member,
    )
    by_index = {p.index: m for p, m in zip(people, members, strict=True)}
    _status_changes(people, by_index)
    b = _Built(spec, superior, hospital, cells, people, by_index)
    _committees(b)
    return b


def _status_changes(people: list[Person], members: dict[int, Member]) -> None:
    rows = []
    for p in people:
        m = members[p.index]
        rows.append(StatusChange(member=m, status="probationary", changed_on=p.admitted_on,
                                 note="Kết nạp vào Đảng"))  # fmt: skip
        if p.full_on:
            rows.append(StatusChange(member=m, status="full", changed_on=p.full_on,
                                     note="Công nhận đảng viên chính thức"))  # fmt: skip
        if p.status == TRANSFERRED_OUT and p.transferred_on:
            rows.append(StatusChange(member=m, status=TRANSFERRED_OUT, changed_on=p.transferred_on,
                                     note="Chuyển sinh hoạt đảng chính thức"))  # fmt: skip
    StatusChange.objects.bulk_create(rows, batch_size=500)


def _committees(b: _Built) -> None:
    """Terms, committees and their members: the Đảng ủy and every cell."""
    plans: list[tuple[Organization, data.TermSpec, list[tuple[str, Person]], bool]] = []
    for term in b.spec.hospital_terms:
        plans.append((b.hospital, term, hospital_committee(b.people, term), True))
    for cell in b.spec.cells:
        cell_people = [p for p in b.people if p.cell_code == cell.code]
        for term in b.spec.cell_terms:
            seats = cell_committee(cell_people, term.starts_on)
            plans.append((b.cells[cell.code], term, seats, False))
            if term.ends_on is None:
                b.cell_committees[cell.code] = seats
    terms = _bulk(
        [Term(organization=org, name=t.name, starts_on=t.starts_on, ends_on=t.ends_on)
         for org, t, _seats, _hosp in plans],
        Term,
    )  # fmt: skip
    committees: list[Committee] = []
    owners: list[tuple[int, list[tuple[str, Person]], data.TermSpec]] = []
    for (_org, spec_term, seats, is_hospital), term in zip(plans, terms, strict=True):
        committees.append(Committee(term=term, kind="executive"))
        owners.append((len(committees) - 1, seats, spec_term))
        if is_hospital:
            committees.append(Committee(term=term, kind="standing"))
            standing = [s for s in seats if s[0] in spec_term.standing]
            owners.append((len(committees) - 1, standing, spec_term))
    committees = _bulk(committees, Committee)
    rows = [
        CommitteeMembership(
            committee=committees[i],
            member=b.members[person.index],
            role=role,
            starts_on=t.starts_on,
            ends_on=t.ends_on,
        )  # fmt: skip
        for i, seats, t in owners
        for role, person in seats
    ]
    _bulk(rows, CommitteeMembership)


# ---- accounts -----------------------------------------------------------------------------
def _name_parts(full_name: str) -> tuple[str, str]:
    """(first_name, last_name) for django.contrib.auth: User.get_full_name() joins them as
    "first last", so "họ và tên đệm" goes first and "tên" last to read in Vietnamese order."""
    head, _, given = full_name.rpartition(" ")
    return head, given


def _pick_accounts(b: _Built) -> dict[str, Person]:
    cell_people = [p for p in b.people if p.cell_code == b.spec.account_cell]
    committee = b.cell_committees[b.spec.account_cell]
    secretary = next(p for role, p in committee if role == "secretary")
    in_committee = {p for _, p in committee}
    plain = next(
        p for p in cell_people
        if p.is_available and p.position == "staff" and p not in in_committee
    )  # fmt: skip
    office = next(
        p for p in sorted(b.people, key=lambda p: (p.position != "staff", p.index))
        if p.department == b.spec.office_department and p.is_available
    )  # fmt: skip
    return {"secretary": secretary, "member": plain, "office": office}


def _load_accounts(built: list[_Built], extras: dict[str, list[tuple[str, str]]]) -> list[Account]:
    user_model = get_user_model()
    password = make_password(data.DEMO_PASSWORD)  # hashed once, shared by every demo account
    roles: list[Role] = []
    accounts: list[Account] = []

    def user(username: str, full_name: str, *, admin: bool = False) -> Any:
        first, last = _name_parts(full_name)
        return user_model.objects.create(
            username=username, password=password, first_name=first, last_name=last,
            is_staff=admin, is_superuser=admin,
        )  # fmt: skip

    for b in built:
        picked = _pick_accounts(b)
        names = iter(extras[b.spec.code])
        for acc in b.spec.accounts:
            person = picked.get(acc.linked_member)
            full_name = person.full_name if person else next(names)[0]
            u = user(acc.username, full_name)
            member = b.members[person.index] if person else None
            if acc.target == "hospital":
                org: Organization = b.hospital
            elif acc.target == "superior":
                org = b.superior
            else:
                org = b.cells[b.spec.account_cell]
            if acc.kind != RoleKind.MEMBER:
                roles.append(Role(user=u, kind=acc.kind, organization=org, member=member))
            if member is not None:
                roles.append(Role(user=u, kind=RoleKind.MEMBER, member=member))
            accounts.append(
                Account(acc.username, str(RoleKind(acc.kind).label), org.name, full_name)
            )
    admin_name = extras["admin"][0][0]
    u = user(data.ADMIN_USERNAME, admin_name, admin=True)
    roles.append(Role(user=u, kind=RoleKind.ADMIN))
    accounts.append(
        Account(data.ADMIN_USERNAME, str(RoleKind.ADMIN.label), "Toàn hệ thống", admin_name)
    )
    Role.objects.bulk_create(roles)
    return accounts
