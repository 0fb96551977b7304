"""The one place that limits queries to what a user may see or change.

A user's roles become a ``Scope``: subtree roots (materialized paths) readable and writable,
plus the member records that are the user's own. Every page and API query goes through
``Scope.orgs()`` / ``Scope.members()``; a view fetches an object through them (404 outside
the scope). Who may do what lives in each app's ``permissions.py`` (issue 7, item 1): its
predicates take a ``Scope`` and use the path helpers here (``reads_path``, ``writes_path``).

The scope imports no domain app (issue 7, item 8): the default querysets are looked up by app
label, as ``Role``'s foreign keys name their models.

Subtree filters are written so the path index is used on both databases: on SQLite a range
(``path >= p AND path < p || U+FFFF``; SQLite's LIKE is case-insensitive and never uses the
index), on PostgreSQL ``LIKE 'p%'`` served by the ``varchar_pattern_ops`` index Django creates
for the unique ``path`` (a range would depend on the database collation; see
docs/explain-indexes.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.apps import apps
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

    # ---- path helpers (the predicates built on them: <app>/permissions.py) -------------
    @property
    def sees_organizations(self) -> bool:
        """Reads some subtree (not only her own record)."""
        return self.is_admin or bool(self.read_paths)

    @property
    def writes_some(self) -> bool:
        """Writes some subtree."""
        return self.is_admin or bool(self.write_paths)

    def reads_path(self, path: str) -> bool:
        return self.is_admin or any(path.startswith(p) for p in self.read_paths)

    def writes_path(self, path: str) -> bool:
        return self.is_admin or any(path.startswith(p) for p in self.write_paths)

    # ---- querysets --------------------------------------------------------------------
    def _paths_q(self, paths: tuple[str, ...], field_name: str) -> Q | None:
        if not paths:
            return None
        return reduce(or_, (subtree_q(p, field_name) for p in paths))

    def orgs(self, qs: QuerySet[Any] | None = None, *, write: bool = False) -> QuerySet[Any]:
        qs = apps.get_model("organizations", "Organization").objects.all() if qs is None else qs
        if self.is_admin:
            return qs
        q = self._paths_q(self.write_paths if write else self.read_paths, "path")
        return qs.filter(q) if q is not None else qs.none()

    def members(self, qs: QuerySet[Any] | None = None, *, write: bool = False) -> QuerySet[Any]:
        qs = apps.get_model("members", "Member").objects.all() if qs is None else qs
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
