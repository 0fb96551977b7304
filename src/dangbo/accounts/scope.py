"""The one place that limits queries to what a user may see or change.

A user's roles become a ``Scope``: subtree roots (materialized paths) readable and writable,
plus the member records that are the user's own. Every page and API query goes through
``Scope.orgs()`` / ``Scope.members()``; object checks go through ``Scope.can_*``.

Subtree filters are written so the path index is used on both databases: on SQLite a range
(``path >= p AND path < p || U+FFFF``; SQLite's LIKE is case-insensitive and never uses the
index), on PostgreSQL ``LIKE 'p%'`` served by a ``text_pattern_ops`` index (a range would depend
on the database collation).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from dangbo.accounts.models import Role, RoleKind

_ATTR = "_dangbo_scope"


def subtree_q(path: str, field_name: str = "path") -> Q:
    """Rows whose ``field_name`` is ``path`` or below it, using the index on both databases."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field_name}__startswith": path})
    return Q(**{f"{field_name}__gte": path, f"{field_name}__lt": path + "\uffff"})


def _minimal(paths: set[str]) -> tuple[str, ...]:
    """Drop paths already covered by an ancestor path in the set."""
    out: list[str] = []
    for p in sorted(paths):
        if not any(p.startswith(q) for q in out):
            out.append(p)
    return tuple(out)


@dataclass(frozen=True)
class Scope:
    is_admin: bool = False
    read_paths: tuple[str, ...] = ()
    write_paths: tuple[str, ...] = ()
    own_member_ids: tuple[int, ...] = ()
    news: bool = False
    kinds: frozenset[str] = field(default_factory=frozenset)

    # ---- predicates -------------------------------------------------------------------
    @property
    def sees_organizations(self) -> bool:
        return self.is_admin or bool(self.read_paths)

    def reads_path(self, path: str) -> bool:
        return self.is_admin or any(path.startswith(p) for p in self.read_paths)

    def writes_path(self, path: str) -> bool:
        return self.is_admin or any(path.startswith(p) for p in self.write_paths)

    def can_view_org(self, org: Any) -> bool:
        return self.reads_path(org.path)

    def can_edit_org(self, org: Any) -> bool:
        return self.writes_path(org.path)

    def can_view_member(self, member: Any) -> bool:
        return member.pk in self.own_member_ids or self.reads_path(member.organization.path)

    def can_edit_member(self, member: Any) -> bool:
        return self.writes_path(member.organization.path)

    # ---- querysets --------------------------------------------------------------------
    def _paths_q(self, paths: tuple[str, ...], field_name: str) -> Q | None:
        if not paths:
            return None
        return reduce(or_, (subtree_q(p, field_name) for p in paths))

    def orgs(self, qs: QuerySet[Any] | None = None, *, write: bool = False) -> QuerySet[Any]:
        from dangbo.organizations.models import Organization

        qs = Organization.objects.all() if qs is None else qs
        if self.is_admin:
            return qs
        q = self._paths_q(self.write_paths if write else self.read_paths, "path")
        return qs.filter(q) if q is not None else qs.none()

    def members(self, qs: QuerySet[Any] | None = None, *, write: bool = False) -> QuerySet[Any]:
        from dangbo.members.models import Member

        qs = Member.objects.all() if qs is None else qs
        if self.is_admin:
            return qs
        q = self._paths_q(self.write_paths if write else self.read_paths, "organization__path")
        if not write and self.own_member_ids:
            own = Q(pk__in=self.own_member_ids)
            q = own if q is None else q | own
        return qs.filter(q) if q is not None else qs.none()


def build_scope(
    roles: list[tuple[str, str | None, int | None]], *, superuser: bool = False
) -> Scope:
    """Scope from (kind, organization path, member id) triples."""
    read: set[str] = set()
    write: set[str] = set()
    own: set[int] = set()
    kinds = frozenset(k for k, _, _ in roles)
    for kind, path, member_id in roles:
        if kind in (RoleKind.OFFICE, RoleKind.CELL_SECRETARY) and path:
            read.add(path)
            write.add(path)
        elif kind == RoleKind.SUPERIOR_READER and path:
            read.add(path)
        elif kind == RoleKind.MEMBER and member_id:
            own.add(member_id)
    return Scope(
        is_admin=superuser or RoleKind.ADMIN in kinds,
        read_paths=_minimal(read),
        write_paths=_minimal(write),
        own_member_ids=tuple(sorted(own)),
        news=RoleKind.COMMUNICATIONS in kinds or superuser or RoleKind.ADMIN in kinds,
        kinds=kinds,
    )


def scope_for(user: Any) -> Scope:
    """The user's scope, computed once per request (cached on the user object)."""
    if not getattr(user, "is_authenticated", False):
        return Scope()
    cached = getattr(user, _ATTR, None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    rows = list(
        Role.objects.filter(user=user).values_list("kind", "organization__path", "member_id")
    )
    scope = build_scope(rows, superuser=user.is_superuser)
    setattr(user, _ATTR, scope)
    return scope
