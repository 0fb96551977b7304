"""Synthetic organization tree and members at a given size, fast.

    .venv/bin/python bench/generate.py [--orgs 500] [--members 50000] [--seed 1] [--reset]

Writes to the database of DATABASE_URL, or else to a fresh var/bench/bench.sqlite3 (migrated
first) — never to the development database. As a library: ``generate(orgs, members, seed)`` on
the current Django database, which must hold no organizations yet.

Shape: one provincial superior committee → regional superior committees → hospitals (grassroots
committees) → sub committees and cells (a hospital's cells also sit directly under it); every
member belongs to a cell. Tree paths are built here as django-treebeard would (MP_Node, steplen 4,
base-36 alphabet, siblings in ``name`` order, consistent depth and numchild) and inserted in
bulk; members are streamed in chunks (bulk_create on SQLite, COPY on PostgreSQL), so memory stays
constant whatever the member count. Name folding and sort keys come from dangbo.core.text,
computed once per distinct name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
CHUNK = 2000  # members per bulk_create call (and batch_size)
CARD_STRIDE = 7_654_321  # odd, not a multiple of 5: coprime with 10**8, so cards never repeat

OFFICE_USER = "bench-office"  # office role over the whole generated tree
HOSPITAL_USER = "bench-hospital"  # office role over the first hospital only
SECRETARY_USER = "bench-secretary"  # secretary of the first hospital's first cell (her seat)
MEMBER_USER = "bench-member"  # a plain member of that cell
ADMIN_USER = "bench-admin"  # superuser: Django admin's changelist, the peer of the member list

# ---- Vietnamese vocabulary -------------------------------------------------------------------
FAMILY = (
    ["Nguyễn"] * 38 + ["Trần"] * 11 + ["Lê"] * 9 + ["Phạm"] * 7 + ["Hoàng"] * 5 + ["Huỳnh"] * 5
    + ["Phan"] * 4 + ["Vũ"] * 4 + ["Võ"] * 3 + ["Đặng"] * 2 + ["Bùi"] * 2 + ["Đỗ"] * 2
    + ["Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Lâm", "Mai", "Tô", "Trương", "Cao", "Lương"]
)  # fmt: skip
MIDDLE = {
    "male": ["Văn"] * 6 + ["Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân", "Ngọc",
             "Duy", "Tiến", "Mạnh", "Trọng", "Quốc", "Hoàng", "Văn Minh", "Đình"],
    "female": ["Thị"] * 6 + ["Thị Thu", "Thị Thanh", "Ngọc", "Thu", "Thanh", "Thùy", "Minh",
               "Phương", "Thị Kim", "Hồng", "Diệu", "Bích", "Mai", "Thị Hồng"],
}  # fmt: skip
GIVEN = {
    "male": ["An", "Anh", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải",
             "Hiếu", "Hòa", "Hoàng", "Hùng", "Huy", "Khánh", "Khoa", "Kiên", "Lâm", "Long",
             "Lợi", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quang", "Quân", "Sơn", "Tài",
             "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh",
             "Vũ", "Tiến", "Thiện"],
    "female": ["Anh", "Ánh", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền",
               "Hoa", "Hồng", "Huệ", "Hương", "Hường", "Lan", "Liên", "Linh", "Loan", "Mai",
               "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm",
               "Thảo", "Thơ", "Thu", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Yến"],
}  # fmt: skip
DEPARTMENTS = [
    ("Khoa Nội tổng hợp", "clinical"), ("Khoa Ngoại tổng hợp", "clinical"),
    ("Khoa Nhi", "clinical"), ("Khoa Phụ sản", "clinical"), ("Khoa Hồi sức tích cực", "clinical"),
    ("Khoa Cấp cứu", "clinical"), ("Khoa Xét nghiệm", "clinical"),
    ("Khoa Chẩn đoán hình ảnh", "clinical"), ("Khoa Dược", "clinical"),
    ("Khoa Truyền nhiễm", "clinical"), ("Khoa Tim mạch", "clinical"),
    ("Phòng Kế hoạch tổng hợp", "office"), ("Phòng Tổ chức cán bộ", "office"),
    ("Phòng Tài chính kế toán", "office"), ("Phòng Điều dưỡng", "office"),
    ("Phòng Hành chính quản trị", "office"),
]  # fmt: skip
HOSPITAL_KINDS = ["Đa khoa", "Nhi", "Phụ sản", "Y học cổ truyền", "Phổi", "Mắt", "Ung bướu"]
BLOCKS = ["Khối Nội", "Khối Ngoại", "Khối Cận lâm sàng", "Khối Hành chính"]
PROVINCES = [
    "Hà Nội", "Nam Định", "Thái Bình", "Nghệ An", "Thanh Hóa", "Hải Phòng", "Huế", "Đà Nẵng",
    "Quảng Nam", "Bình Định", "Cần Thơ", "Đồng Tháp", "Hải Dương", "Hưng Yên", "Bắc Ninh",
]  # fmt: skip
PROFESSIONS = ["Bác sĩ", "BS CKI", "BS CKII", "ThS BS", "TS BS", "Điều dưỡng", "Dược sĩ",
               "Kỹ thuật viên", "Cử nhân", "Hộ sinh"]  # fmt: skip
JOBS = [""] * 12 + ["Trưởng khoa", "Phó trưởng khoa", "Điều dưỡng trưởng", "Trưởng phòng",
                    "Phó trưởng phòng"]  # fmt: skip
RANKS = ["Đại úy", "Thiếu tá", "Trung tá", "Thượng tá", "Đại tá"]
DOSSIER_PROVINCES = ["HN", "HCM", "HP", "DN", "CT", "TH", "NA"]


class GenerateError(RuntimeError):
    pass


# ---- tree plan ---------------------------------------------------------------------------------
@dataclass
class OrgSpec:
    name: str
    code: str
    kind: str
    is_military: bool = False
    children: list[OrgSpec] = field(default_factory=list)
    hospital: int = -1  # index of the hospital above (or at) this node
    department: str = ""  # a cell's department (by name, within its hospital)
    path: str = ""
    depth: int = 0


def step(position: int) -> str:
    """Treebeard's path step for the ``position``-th child (1-based): 1 → "0001"."""
    digits = ""
    n = position
    while n:
        n, r = divmod(n, len(ALPHABET))
        digits = ALPHABET[r] + digits
    if not position > 0 or len(digits) > STEPLEN:
        raise GenerateError(f"too many siblings for steplen {STEPLEN}: {position}")
    return digits.rjust(STEPLEN, ALPHABET[0])


def _spread(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def plan_tree(orgs: int) -> tuple[OrgSpec, list[list[tuple[str, str]]]]:
    """The tree (root spec) and each hospital's departments [(name, kind)]."""
    if orgs < 4:
        raise GenerateError("--orgs must be at least 4 (root, region, hospital, cell)")
    n_regions = min(30, max(1, orgs // 200))
    n_hospitals = max(1, min((orgs - 1 - n_regions) // 4, orgs // 40))
    root = OrgSpec("Đảng bộ Khối Y tế tỉnh", "BENCH", "superior")
    regions = [
        OrgSpec(f"Đảng bộ Y tế khu vực {r:02d}", f"KV{r:02d}", "superior")
        for r in range(1, n_regions + 1)
    ]
    root.children = regions
    departments: list[list[tuple[str, str]]] = []
    shares = _spread(orgs - 1 - n_regions - n_hospitals, n_hospitals)
    for h, share in enumerate(shares):
        military = h % 10 == 7
        kind_name = "Quân y" if military else HOSPITAL_KINDS[h % len(HOSPITAL_KINDS)]
        code = f"BV{h + 1:04d}"
        hospital = OrgSpec(
            f"Đảng bộ Bệnh viện {h + 1:04d} {kind_name}", code, "grassroots_committee",
            is_military=military, hospital=h,
        )  # fmt: skip
        regions[h % n_regions].children.append(hospital)
        n_subs = share // 12
        n_cells = share - n_subs
        deps = DEPARTMENTS[: max(1, min(len(DEPARTMENTS), n_cells))]
        departments.append(deps)
        subs = [
            OrgSpec(
                f"Đảng bộ bộ phận {s + 1:02d} {BLOCKS[s % len(BLOCKS)]}",
                f"{code}-DB{s + 1:02d}",
                "sub_committee",
                is_military=military,
                hospital=h,
            )  # fmt: skip
            for s in range(n_subs)
        ]
        hospital.children.extend(subs)
        for c in range(n_cells):
            dep_name = deps[c % len(deps)][0]
            cell = OrgSpec(
                f"Chi bộ {c + 1:03d} {dep_name}", f"{code}-CB{c + 1:03d}", "cell",
                is_military=military, hospital=h, department=dep_name,
            )  # fmt: skip
            # five cells under each sub committee, the rest directly under the hospital
            parent = subs[c // 5] if c < 5 * n_subs else hospital
            parent.children.append(cell)
    _assign_paths(root, "", 1)
    return root, departments


def _assign_paths(node: OrgSpec, parent_path: str, position: int) -> None:
    node.path = parent_path + step(position)
    node.depth = len(node.path) // STEPLEN
    node.children.sort(key=lambda c: c.name)  # node_order_by = ["name"]
    for i, child in enumerate(node.children, start=1):
        _assign_paths(child, node.path, i)


def walk(node: OrgSpec) -> Iterator[OrgSpec]:
    yield node
    for child in node.children:
        yield from walk(child)


def member_counts(cells: int, members: int, rng: random.Random) -> list[int]:
    """Uneven (±65 %) but exact split of ``members`` over ``cells``."""
    weights = [rng.uniform(0.35, 1.65) for _ in range(cells)]
    total = sum(weights)
    exact = [members * w / total for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(cells), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in order[: members - sum(counts)]:
        counts[i] += 1
    return counts


# ---- member rows -------------------------------------------------------------------------------
MEMBER_FIELDS = (
    "full_name", "name_folded", "sort_key", "gender", "date_of_birth", "ethnicity", "religion",
    "home_town", "card_number", "dossier_number", "citizen_id", "admitted_on", "full_on",
    "status", "exempt_since", "suspended_since", "organization_id", "department_id",
    "job_title", "professional_title", "military_rank", "phone", "email", "version",
)  # fmt: skip


def member_columns() -> tuple[list[str], list[Any]]:
    """Columns to fill: ours, then any other concrete field with its default (or an error)."""
    from django.db.models import NOT_PROVIDED

    from dangbo.members.models import Member

    concrete = [f for f in Member._meta.concrete_fields if not f.primary_key]
    by_attname = {f.attname: f for f in concrete}
    unknown = set(MEMBER_FIELDS) - set(by_attname)
    if unknown:
        raise GenerateError(f"Member has no fields {sorted(unknown)}: update bench/generate.py")
    extra_fields = [f for f in concrete if f.attname not in MEMBER_FIELDS]
    for f in extra_fields:
        if f.default is NOT_PROVIDED and not f.null:
            raise GenerateError(f"Member.{f.name} is required: teach bench/generate.py to fill it")
    columns = [by_attname[a].column for a in MEMBER_FIELDS] + [f.column for f in extra_fields]
    return columns, [f.get_default() for f in extra_fields]


class NameCache:
    """(stored name, folded, sort key) per distinct name, computed with dangbo.core.text."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, str, str], tuple[str, str, str]] = {}

    def get(self, family: str, middle: str, given: str) -> tuple[str, str, str]:
        key = (family, middle, given)
        hit = self._cache.get(key)
        if hit is None:
            from dangbo.core.text import fold, name_sort_key, normalize_name

            full = normalize_name(f"{family} {middle} {given}")
            hit = (full, fold(full), name_sort_key(full))
            self._cache[key] = hit
        return hit

    def __len__(self) -> int:
        return len(self._cache)


def member_rows(
    cells: list[tuple[int, int | None, bool, int]], rng: random.Random, names: NameCache,
    today: dt.date, card_offset: int, extra: list[Any],
) -> Iterator[tuple[Any, ...]]:  # fmt: skip
    """Rows in MEMBER_FIELDS order (+ ``extra`` defaults) for [(org id, dept id, military, n)]."""
    from dangbo.core.dates import add_months

    choice, randrange, random_ = rng.choice, rng.randrange, rng.random
    today_ord = today.toordinal()
    born_from = dt.date(1960, 1, 1).toordinal()
    born_span = dt.date(2001, 12, 31).toordinal() - born_from
    tail = tuple(extra)
    index = 0
    for org_id, dept_id, military, count in cells:
        for _ in range(count):
            gender = "female" if random_() < 0.62 else "male"
            full, folded, sort_key = names.get(
                choice(FAMILY), choice(MIDDLE[gender]), choice(GIVEN[gender])
            )
            dob_ord = born_from + randrange(born_span)
            earliest = max(dob_ord + 18 * 366, dt.date(1985, 1, 1).toordinal())
            r = random_()
            full_on = None
            card = None
            if r < 0.06 and earliest < today_ord - 400:  # probationary: admitted < ~13 months
                status = "probationary"
                admitted = dt.date.fromordinal(today_ord - 5 - randrange(395))
            else:
                status = "full" if r < 0.97 else ("transferred_out" if r < 0.99 else "deceased")
                latest = today_ord - 400
                admitted = dt.date.fromordinal(
                    earliest + randrange(max(1, latest - earliest)) if latest > earliest else latest
                )
                full_on = add_months(admitted, 12)
                card = f"{(card_offset + index * CARD_STRIDE) % 100_000_000:08d}"
            index += 1
            yield (
                full, folded, sort_key, gender, dt.date.fromordinal(dob_ord), "Kinh", "Không",
                choice(PROVINCES), card, f"{randrange(1_000_000):06d}{choice(DOSSIER_PROVINCES)}",
                f"{randrange(10**12):012d}", admitted, full_on, status, None, None, org_id,
                dept_id, choice(JOBS), choice(PROFESSIONS), choice(RANKS) if military else "",
                f"09{randrange(10**8):08d}", "", 1,
            ) + tail  # fmt: skip


# ---- the generator -----------------------------------------------------------------------------
@dataclass
class Generated:
    orgs: int
    members: int
    cells: int
    hospitals: int
    distinct_names: int
    seconds: dict[str, float]
    root_id: int
    office_user: str = OFFICE_USER
    hospital_user: str = HOSPITAL_USER
    targets: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _say(verbose: bool, text: str) -> None:
    if verbose:
        print(text, flush=True)


def generate(
    orgs: int = 500, members: int = 50_000, seed: int = 1, *, verbose: bool = False
) -> Generated:
    """Fill the current (empty) database with a synthetic tree, members and the bench users."""
    from django.db import connection, transaction

    from dangbo.organizations.models import Organization

    if Organization.objects.exists():
        raise GenerateError(
            "the database already holds organizations: use a fresh database or --reset"
        )
    rng = random.Random(seed)
    seconds: dict[str, float] = {}
    t_all = time.perf_counter()
    with transaction.atomic():
        t0 = time.perf_counter()
        root_spec, departments = plan_tree(orgs)
        specs = list(walk(root_spec))
        org_ids = _insert_orgs(specs)
        dept_ids = _insert_departments(specs, departments, org_ids)
        seconds["orgs"] = time.perf_counter() - t0
        _say(verbose, f"  organizations: {len(specs):,} in {seconds['orgs']:.2f} s")

        cells = [s for s in specs if s.kind == "cell"]
        counts = member_counts(len(cells), members, rng)
        cell_rows = [
            (org_ids[c.path], dept_ids.get((c.hospital, c.department)), c.is_military, n)
            for c, n in zip(cells, counts, strict=True)
        ]
        t0 = time.perf_counter()
        names = NameCache()
        columns, extra = member_columns()
        rows = member_rows(
            cell_rows, rng, names, dt.date.today(), rng.randrange(100_000_000), extra
        )
        if connection.vendor == "postgresql":
            _copy_members(columns, rows)
        else:
            _bulk_create_members(rows, extra_count=len(extra))
        seconds["members"] = time.perf_counter() - t0
        rate = members / seconds["members"] if seconds["members"] else 0.0
        _say(
            verbose,
            f"  members: {members:,} in {seconds['members']:.2f} s ({rate:,.0f} rows/s, "
            f"{len(names):,} distinct names)",
        )

        t0 = time.perf_counter()
        _insert_committees(specs, org_ids)
        hospital_id = org_ids[_first_hospital(specs).path]
        _create_users(org_ids[root_spec.path], hospital_id)
        n_targets = _insert_targets(hospital_id)
        seconds["committees_users"] = time.perf_counter() - t0
    if connection.vendor == "postgresql":
        t0 = time.perf_counter()
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
        seconds["analyze"] = time.perf_counter() - t0
    seconds["total"] = time.perf_counter() - t_all
    _say(verbose, f"  generated in {seconds['total']:.2f} s")
    return Generated(
        orgs=len(specs), members=members, cells=len(cells),
        hospitals=len(departments), distinct_names=len(names), seconds=seconds,
        root_id=org_ids[root_spec.path], targets=n_targets,
    )  # fmt: skip


def _first_hospital(specs: list[OrgSpec]) -> OrgSpec:
    return next(s for s in specs if s.kind == "grassroots_committee")


def _insert_orgs(specs: list[OrgSpec]) -> dict[str, int]:
    from dangbo.core.text import fold
    from dangbo.organizations.models import Organization

    founded = dt.date(1975, 4, 30)
    objs = [
        Organization(
            path=s.path,
            depth=s.depth,
            numchild=len(s.children),
            name=s.name,
            name_folded=fold(s.name),
            code=s.code,
            kind=s.kind,
            is_military=s.is_military,
            founded_on=founded,
        )  # fmt: skip
        for s in specs
    ]
    Organization.objects.bulk_create(objs, batch_size=CHUNK)
    return dict(Organization.objects.values_list("path", "id"))


def _insert_departments(
    specs: list[OrgSpec], departments: list[list[tuple[str, str]]], org_ids: dict[str, int]
) -> dict[tuple[int, str], int]:
    from dangbo.core.text import fold
    from dangbo.organizations.models import Department, Organization

    hospitals = [s for s in specs if s.kind == "grassroots_committee"]
    hospitals.sort(key=lambda s: s.hospital)
    objs = [
        Department(organization_id=org_ids[h.path], name=name, name_folded=fold(name), kind=kind)
        for h in hospitals
        for name, kind in departments[h.hospital]
    ]
    Department.objects.bulk_create(objs, batch_size=CHUNK)
    hospital_of = {org_ids[h.path]: h.hospital for h in hospitals}
    dept_ids = {
        (hospital_of[org_id], name): pk
        for pk, org_id, name in Department.objects.values_list("id", "organization_id", "name")
    }
    through = Organization.departments.through
    links = [
        through(organization_id=org_ids[s.path], department_id=dept_ids[(s.hospital, s.department)])
        for s in specs
        if s.kind == "cell"
    ]
    through.objects.bulk_create(links, batch_size=CHUNK)
    return dept_ids


def _bulk_create_members(rows: Iterator[tuple[Any, ...]], extra_count: int) -> None:
    from dangbo.members.models import Member

    names = list(MEMBER_FIELDS)
    if extra_count:
        concrete = [f for f in Member._meta.concrete_fields if not f.primary_key]
        names += [f.attname for f in concrete if f.attname not in MEMBER_FIELDS]
    while True:
        chunk = [
            Member(**dict(zip(names, row, strict=True))) for row in itertools.islice(rows, CHUNK)
        ]
        if not chunk:
            return
        Member.objects.bulk_create(chunk, batch_size=CHUNK)


def _copy_members(columns: list[str], rows: Iterator[tuple[Any, ...]]) -> None:
    from django.db import connection

    from dangbo.members.models import Member

    sql = f"COPY {Member._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cur, cur.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def _insert_committees(specs: list[OrgSpec], org_ids: dict[str, int]) -> None:
    """A current term and executive committee for every cell and hospital (shown on pages)."""
    from django.db.models import Count, Max, Min

    from dangbo.members.models import Member
    from dangbo.organizations.models import Committee, CommitteeMembership, Term

    stats = {
        row["organization_id"]: row
        for row in Member.objects.order_by()
        .values("organization_id")
        .annotate(first=Min("id"), last=Max("id"), n=Count("id"))
    }
    # (org id, [(role, member id)]): a cell's secretary (and a deputy when it elects a chi ủy);
    # a hospital's secretary and deputy come from its first cells.
    plans: list[tuple[int, list[tuple[str, int]]]] = []
    first_cells: dict[int, list[dict[str, int]]] = {}
    for s in specs:
        if s.kind == "cell" and org_ids[s.path] in stats:
            st = stats[org_ids[s.path]]
            roles = [("secretary", st["first"])]
            if st["n"] >= 9:
                roles.append(("deputy_secretary", st["last"]))
            plans.append((org_ids[s.path], roles))
            first_cells.setdefault(s.hospital, []).append(st)
    for s in specs:
        if s.kind == "grassroots_committee" and first_cells.get(s.hospital):
            cells = first_cells[s.hospital]
            roles = [("secretary", cells[0]["last"])]
            if len(cells) > 1:
                roles.append(("deputy_secretary", cells[1]["last"]))
            plans.append((org_ids[s.path], roles))
    start = dt.date(2025, 7, 1)
    terms = Term.objects.bulk_create(
        [Term(organization_id=org_id, name="2025–2030", starts_on=start) for org_id, _ in plans],
        batch_size=CHUNK,
    )
    committees = Committee.objects.bulk_create(
        [Committee(term_id=t.pk, kind="executive") for t in terms], batch_size=CHUNK
    )
    CommitteeMembership.objects.bulk_create(
        [
            CommitteeMembership(committee_id=c.pk, member_id=member_id, role=role, starts_on=start)
            for c, (_, roles) in zip(committees, plans, strict=True)
            for role, member_id in roles
        ],
        batch_size=CHUNK,
    )


def _create_users(root_id: int, hospital_id: int) -> None:
    """The bench accounts (unusable passwords: the HTTP benchmark logs in by a session)."""
    from django.contrib.auth import get_user_model

    from dangbo.accounts.models import Role
    from dangbo.organizations.models import CommitteeMembership, Organization

    user_model = get_user_model()

    def user(username: str, *, admin: bool = False) -> Any:
        obj = user_model(username=username, first_name="Bench", is_staff=admin, is_superuser=admin)
        obj.set_unusable_password()
        obj.save()
        return obj

    for username, org_id in ((OFFICE_USER, root_id), (HOSPITAL_USER, hospital_id)):
        Role.objects.create(user=user(username), kind="office", organization_id=org_id)
    hospital = Organization.objects.get(pk=hospital_id)
    cell = Organization.objects.filter(kind="cell", path__startswith=hospital.path).order_by(
        "path"
    )[0]
    seated = CommitteeMembership.objects.filter(
        committee__term__organization=cell, role="secretary"
    ).values_list("member_id", flat=True)[0]
    secretary = user(SECRETARY_USER)
    Role.objects.create(user=secretary, kind="cell_secretary", organization=cell, member_id=seated)
    Role.objects.create(user=secretary, kind="member", member_id=seated)
    plain = cell.members.exclude(pk=seated).filter(status="full").order_by("id")[0]
    Role.objects.create(user=user(MEMBER_USER), kind="member", member=plain)
    Role.objects.create(user=user(ADMIN_USER, admin=True), kind="admin")


def _insert_targets(hospital_id: int) -> int:
    """One annual resolution of the first hospital, for the target pages: a numeric target
    shared by all its cells (half of them have reported at mid-year), a percentage and a
    milestone; the secretary's cell is among the sharers. Returns the number of targets."""
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from dangbo.organizations.models import Organization
    from dangbo.targets.models import Checkpoint, Entry, Resolution, SubTarget, Target
    from dangbo.targets.services import target_problems

    year = dt.date.today().year
    hospital = Organization.objects.get(pk=hospital_id)
    cells = list(
        Organization.objects.filter(kind="cell", path__startswith=hospital.path).order_by("path")
    )
    office = get_user_model().objects.get(username=HOSPITAL_USER)
    resolution = Resolution.objects.create(
        organization=hospital, horizon="annual", year=year, number=f"01-NQ/ĐU-{year}",
        issued_on=dt.date(year, 1, 15), title=f"Nghị quyết lãnh đạo nhiệm vụ năm {year}",
    )  # fmt: skip
    checkpoint = Checkpoint.objects.create(
        resolution=resolution, kind="midyear", as_of=dt.date(year, 6, 30),
        deadline=dt.date(year, 7, 10),
    )  # fmt: skip
    specs: list[dict[str, Any]] = [
        dict(title="Kết nạp đảng viên mới", kind="numeric", direction="higher", basis="fixed",
             unit="đảng viên", planned=Decimal(len(cells) * 2), rollup="sum"),
        dict(title="Tỷ lệ đảng viên được học tập nghị quyết", kind="percentage",
             direction="higher", basis="fixed", unit="%", planned=Decimal(100),
             rollup="average"),
        dict(title="Đưa vào hoạt động hệ thống bệnh án điện tử", kind="milestone"),
    ]  # fmt: skip
    targets = []
    for position, spec in enumerate(specs, start=1):
        target = Target(resolution=resolution, position=position, **spec)
        problems = target_problems(target)
        if problems:
            raise GenerateError(f"bench target {spec['title']!r}: {problems}")
        target.save()
        targets.append(target)
    shared = targets[:2]
    SubTarget.objects.bulk_create(
        [SubTarget(target=t, organization=c) for t in shared for c in cells], batch_size=CHUNK
    )
    Entry.objects.bulk_create(
        [
            Entry(target=t, checkpoint=checkpoint, organization=c, recorded_by=office,
                  value=Decimal(1) if t.kind == "numeric" else Decimal(90))
            for t in shared
            for c in cells[1::2]  # the secretary's cell (the first) has not reported
        ],
        batch_size=CHUNK,
    )  # fmt: skip
    return len(targets)


def reset_database() -> None:
    """Empty every table of the bench database (Django's flush)."""
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orgs", type=int, default=500)
    parser.add_argument("--members", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reset", action="store_true", help="flush the DATABASE_URL database first (destroys it)"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from bench import common

    url = common.configure(fresh_sqlite=True)
    print(f"bench database: {url.split('@')[-1]}", flush=True)
    print(f"  migrate: {common.migrate():.2f} s", flush=True)
    if args.reset:
        reset_database()
    try:
        generate(args.orgs, args.members, args.seed, verbose=True)
    except GenerateError as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
