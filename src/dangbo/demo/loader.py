"""Load the demo data: wipe what an earlier run left, then create it again, in one transaction.

What is wiped: the two demo trees (the roots with codes ``data.ROOT_CODES`` and everything
below them), the members of their cells with their status history, committee terms and
departments, the hospitals' resolutions with everything attached to them (target groups,
targets, cells' shares, checkpoints, reports, frozen figures, overrides, reminders) and their
tasks, and the history rows (django-simple-history) of all those rows. The demo user
accounts are kept (same ids, so a browser session survives ``make run``) but their password,
names, flags and roles are reset and their django-axes lock-outs are cleared.

Rows are written with ``history_user = None`` (the system). Members are bulk-created, so the
columns ``Member.save()`` would compute are computed by ``member_row()``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Model, ProtectedError, QuerySet, RestrictedError
from django.db.models.deletion import Collector
from django.test.utils import override_settings
from simple_history.utils import bulk_create_with_history

from dangbo.accounts.models import Role, RoleKind
from dangbo.accounts.scope import subtree_q
from dangbo.core.text import fold, name_sort_key, nfc, normalize_name
from dangbo.demo import data
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


# ---- wipe ---------------------------------------------------------------------------------
def wipe() -> None:
    """Delete the demo trees with everything attached to them, and the history of those rows."""
    codes = data.all_codes()
    roots = list(Organization.objects.filter(code__in=data.ROOT_CODES, depth=1))
    for root in roots:
        if root.name != codes[root.code]:
            raise DemoConflict(
                f"Mã {root.code} đang dùng cho «{root.name}», không phải tổ chức demo; không xóa."
            )
    if not roots:
        return
    in_trees = reduce(or_, (subtree_q(r.path) for r in roots))
    doomed: dict[type[Model], set[Any]] = defaultdict(set)
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        _delete(Organization.objects.filter(in_trees), doomed)
    for model, pks in doomed.items():
        attr = getattr(model._meta, "simple_history_manager_attribute", None)
        if attr:
            history = getattr(model, attr).model
            history.objects.filter(**{f"{model._meta.pk.attname}__in": pks}).delete()


def _delete(qs: QuerySet[Any], doomed: dict[type[Model], set[Any]], depth: int = 0) -> None:
    """Delete ``qs`` with its cascade. Rows that protect it (members of a demo cell, committee
    seats of a demo member, a demo hospital's resolutions …) belong to the demo too: they are
    deleted first. The primary keys of every deleted row are added to ``doomed``.

    The demo trees are deleted whole, from their roots, so treebeard's own ``delete()`` (which
    fixes the parents' ``numchild``) is not needed."""
    for _attempt in range(20):
        collector = Collector(using=qs.db, origin=qs)
        try:
            collector.collect(qs)  # type: ignore[arg-type]
        except (ProtectedError, RestrictedError) as exc:
            if depth >= 10:
                raise DemoConflict(f"Không xóa được dữ liệu demo cũ: {exc}") from exc
            blocking = (
                exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
            )
            by_model: dict[type[Model], list[Any]] = defaultdict(list)
            for obj in blocking:
                by_model[type(obj)].append(obj.pk)
            for model, pks in by_model.items():
                _delete(model._base_manager.filter(pk__in=pks), doomed, depth + 1)
            continue
        for model, instances in collector.data.items():
            doomed[model].update(obj.pk for obj in instances)
        collector.delete()
        return
    raise DemoConflict("Không xóa được dữ liệu demo cũ.")  # pragma: no cover


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


def _check_free_codes() -> None:
    taken = list(
        Organization.objects.filter(code__in=list(data.all_codes())).values_list("code", "name")
    )
    if taken:
        code, name = taken[0]
        raise DemoConflict(f"Mã {code} đang dùng cho «{name}», không phải tổ chức demo.")


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
def load(*, today: dt.date) -> Summary:
    """Wipe and reload the whole demo; ``today`` only places probationary admissions."""
    wipe()
    _check_free_codes()
    taken_cards = Member.objects.exclude(card_number=None).values_list("card_number", flat=True)
    people, extras = generate(today, taken_cards=taken_cards)
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
         for org, t, _, _ in plans],
        Term,
    )  # fmt: skip
    committees: list[Committee] = []
    owners: list[tuple[int, list[tuple[str, Person]], data.TermSpec]] = []
    for (_, spec_term, seats, is_hospital), term in zip(plans, terms, strict=True):
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
        obj, _ = user_model.objects.update_or_create(
            username=username,
            defaults={
                "password": password, "first_name": first, "last_name": last, "email": "",
                "is_active": True, "is_staff": admin, "is_superuser": admin,
            },
        )  # fmt: skip
        axes_reset(username=username)
        return obj

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
    Role.objects.filter(user__username__in=data.demo_usernames()).delete()
    Role.objects.bulk_create(roles)
    return accounts
