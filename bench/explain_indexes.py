"""Which index serves which query, on PostgreSQL (issue 7, item 6): EXPLAIN of the real queries.

    DATABASE_URL=postgres://…/scratch .venv/bin/python bench/explain_indexes.py [--json out.json]

Run it on a database filled by bench/generate.py (planner statistics fresh: the generator
analyzes). For every index of the members and organizations apps it reports the queries whose
plan reads it. Each query is a real queryset of the application (the helpers the pages call),
explained as built by the ORM (EXPLAIN ANALYZE, so with real row counts). Then each candidate
for dropping is dropped inside a transaction that is rolled back, and the plans are explained
again: the index that takes over (or the plan that gets worse) shows what the dropped index was
worth. Nothing is changed in the database. See docs/explain-indexes.md for the findings.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402

TABLES = (
    "members_member",
    "members_statuschange",
    "members_sensitivereveal",
    "members_importmapping",
    "organizations_organization",
    "organizations_organization_departments",
    "organizations_department",
    "organizations_term",
    "organizations_committee",
    "organizations_committeemembership",
)
# Dropped one at a time inside a rolled-back transaction, to see what replaces each.
CANDIDATES = (
    "org_path_pattern",
    "%organizations_organization_path_%_like",
    "%members_member_name_folded_%",
    "%organizations_organization_name_folded_%",
    "%organizations_department_name_folded_%",
)


def queries() -> list[tuple[str, Callable[[], Any]]]:
    """(label, a function returning the queryset) for the queries the pages run."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    from bench.generate import HOSPITAL_USER, OFFICE_USER
    from dangbo.accounts.scope import scope_for, subtree_q
    from dangbo.members import queries as mq
    from dangbo.members.models import ACTIVE_STATUSES, Member
    from dangbo.organizations import queries as oq
    from dangbo.organizations.models import Department, Organization

    users = get_user_model().objects
    office = users.get(username=OFFICE_USER)
    hospital_user = users.get(username=HOSPITAL_USER)
    hospital = Organization.objects.filter(kind="grassroots_committee").order_by("path").first()
    cell = Organization.objects.filter(kind="cell").order_by("path").first()
    assert hospital is not None and cell is not None
    member = Member.objects.filter(organization=cell).exclude(card_number=None).first()
    assert member is not None
    card = member.card_number or ""
    folded_cell = cell.name_folded
    return [
        ("organizations in a hospital's subtree (scope.orgs, subtree_q)",
         lambda: Organization.objects.filter(subtree_q(hospital.path)).order_by("path")),
        ("organizations the hospital office reads (Scope.orgs)",
         lambda: scope_for(hospital_user).orgs().order_by("path")[:100]),
        ("members of a hospital's subtree, page 1 (members.queries.cell_members)",
         lambda: mq.cell_members(office, hospital)[:50]),
        ("members of a cell, page 1 (cell page)", lambda: mq.cell_members(office, cell)[:50]),
        ("active members under a hospital, count (subtree_q on organization__path)",
         lambda: Member.objects.filter(
             subtree_q(hospital.path, "organization__path"), status__in=ACTIVE_STATUSES)),
        ("member search by folded name, page 1 (members.queries.search)",
         lambda: mq.search(office, "lan")[:50]),
        ("member search by folded name within a hospital office's scope",
         lambda: mq.search(hospital_user, "nguyen lan")[:50]),
        ("hypothetical (no code runs it): folded name prefix, name_folded LIKE 'p%'",
         lambda: Member.objects.filter(name_folded__startswith="nguyen van")[:50]),
        ("member search by card number (exact, and prefix within the writable subtree)",
         lambda: mq.search(hospital_user, card)[:50]),
        ("subtree member counts (members.queries.add_member_counts GROUP BY)",
         lambda: Member.objects.filter(status__in=ACTIVE_STATUSES)
         .filter(subtree_q(hospital.path, "organization__path"))
         .values_list("organization__path").order_by("organization__path")),
        ("correlated subtree counts (members.queries.with_member_counts)",
         lambda: mq.with_member_counts(
             Organization.objects.filter(subtree_q(hospital.path)).order_by("path")[:100])),
        ("departments of a cell and its ancestors by folded name (organizations.queries)",
         lambda: oq.departments_for(cell)),
        ("import: departments of the importer's organizations (importing.queries)",
         lambda: Department.objects.filter(
             organization__path__in=oq.ancestor_paths(cell.path))
         .order_by("organization__path", "name_folded")),
        ("admin changelist search on Organization (search_fields name_folded)",
         lambda: Organization.objects.filter(
             Q(name_folded__icontains=folded_cell[:12]) | Q(code__icontains=folded_cell[:12]))),
        ("admin changelist search on Member (search_fields name_folded, card_number)",
         lambda: Member.objects.filter(
             Q(name_folded__icontains="lan") | Q(card_number__icontains="lan"))[:100]),
        ("hypothetical (no code runs it): organization by folded name, exact",
         lambda: Organization.objects.filter(name_folded=folded_cell)),
    ]  # fmt: skip


INDEX_RE = re.compile(
    r"(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\S+)"
)


def explain(qs: Any) -> str:
    return str(qs.explain(analyze=True, costs=False, timing=False, summary=False))


def used_indexes(plan: str) -> list[str]:
    return sorted(set(INDEX_RE.findall(plan)))


def all_indexes() -> list[dict[str, Any]]:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
            "ORDER BY tablename, indexname",
            [list(TABLES)],
        )
        return [{"table": t, "index": i, "definition": d} for t, i, d in cur.fetchall()]


def run_all() -> dict[str, dict[str, Any]]:
    out = {}
    for label, make in queries():
        plan = explain(make())
        out[label] = {"plan": plan, "indexes": used_indexes(plan)}
    return out


def without(pattern: str) -> dict[str, Any]:
    """Drop the indexes named like ``pattern`` in a transaction, explain again, roll back."""
    from django.db import connection, transaction

    with transaction.atomic():
        with connection.cursor() as cur:
            cur.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s) AND indexname LIKE %s",
                [list(TABLES), pattern],
            )
            names = [r[0] for r in cur.fetchall()]
            for name in names:
                cur.execute(f'DROP INDEX "{name}"')
        plans = run_all()
        transaction.set_rollback(True)
    return {"dropped": names, "plans": plans}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the plans and findings there")
    parser.add_argument("--plans", action="store_true", help="print every plan")
    args = parser.parse_args(argv)
    common.configure(fresh_sqlite=False)
    from django.db import connection

    if connection.vendor != "postgresql":
        print("EXPLAIN of the PostgreSQL indexes: set DATABASE_URL to a PostgreSQL database")
        return 2
    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0]
        cur.execute("SELECT datcollate FROM pg_database WHERE datname = current_database()")
        collation = cur.fetchone()[0]
    print(f"PostgreSQL {version}, collation {collation}, sizes {common.data_sizes()}")
    base = run_all()
    indexes = all_indexes()
    print("\n== queries and the indexes their plans read")
    for label, r in base.items():
        print(f"- {label}: {', '.join(r['indexes']) or 'no index (sequential scan)'}")
        if args.plans:
            print("    " + r["plan"].replace("\n", "\n    "))
    print("\n== indexes of members and organizations: read by")
    for ix in indexes:
        users = [label for label, r in base.items() if ix["index"] in r["indexes"]]
        ix["used_by"] = users
        print(f"- {ix['index']} ({ix['definition'].split(' USING ', 1)[1]}): "
              f"{'; '.join(users) if users else 'NO query above'}")  # fmt: skip
    print("\n== dropped one at a time (rolled back): what takes over")
    drops = {}
    for pattern in CANDIDATES:
        res = without(pattern)
        drops[pattern] = res
        print(f"- without {', '.join(res['dropped']) or pattern}:")
        for label, r in res["plans"].items():
            if r["indexes"] != base[label]["indexes"]:
                print(f"    {label}: {', '.join(base[label]['indexes']) or 'seq scan'} → "
                      f"{', '.join(r['indexes']) or 'seq scan'}")  # fmt: skip
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "version": version,
                    "collation": collation,
                    "sizes": common.data_sizes(),
                    "plans": base,
                    "indexes": indexes,
                    "drops": drops,
                },
                indent=2,
                ensure_ascii=False,
            )  # fmt: skip
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
