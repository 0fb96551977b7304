"""The JSON API (django-ninja, OpenAPI at /api/docs), scoped exactly like the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import django_auth

from dangbo.accounts.scope import scope_for
from dangbo.core.pagination import page_number
from dangbo.core.text import clip_query
from dangbo.members import queries as member_queries
from dangbo.members.models import Member
from dangbo.organizations import queries as org_queries

# The docs page (Swagger UI) and its schema are for logged-in users; the page loads Swagger's
# files from /static/ninja/ ("ninja" in INSTALLED_APPS), never from a CDN, and runs no inline
# script, so it works under the CSP on a LAN without internet (issue 7, defect 14).
api = NinjaAPI(
    title="dangbo API",
    version="1",
    auth=django_auth,
    urls_namespace="api",
    docs_decorator=login_required,
)
api.add_router("/", "dangbo.targets.api.router")
api.add_router("/", "dangbo.meetings.api.router")
api.add_router("/", "dangbo.meetings.minutes_api.router")
api.add_router("/", "dangbo.evaluations.api.router")


class Pages(PageNumberPagination):
    """Ninja's page numbers, with a page past the end (even beyond 64 bits) an empty page."""

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        pagination = pagination.model_copy(update={"page": page_number(pagination.page)})
        return super().paginate_queryset(queryset, pagination, request, **params)


class OrganizationOut(Schema):
    id: int
    name: str
    code: str
    kind: str
    depth: int
    member_count: int


class MemberOut(Schema):
    id: int
    full_name: str
    gender: str
    date_of_birth: dt.date | None
    card_number_masked: str
    admitted_on: dt.date
    full_on: dt.date | None
    status: str
    organization_id: int
    job_title: str
    professional_title: str
    military_rank: str

    @staticmethod
    def resolve_card_number_masked(obj: Member) -> str:
        return obj.card_masked


class OrganizationPage(Schema):
    items: list[OrganizationOut]
    count: int


@api.get("/organizations", response=OrganizationPage, tags=["organizations"])
def list_organizations(request: HttpRequest, page: int = 1) -> dict[str, object]:
    """Organizations in the caller's scope, tree order, 100 a page, with subtree member counts."""
    qs = org_queries.tree(request.user)
    start = (page_number(page) - 1) * 100
    items = list(qs[start : start + 100])
    member_queries.add_member_counts(items)
    return {"items": items, "count": qs.count()}


@api.get("/organizations/{org_id}/members", response=list[MemberOut], tags=["members"])
@paginate(Pages, page_size=50)
def organization_members(request: HttpRequest, org_id: int, q: str = ""):  # type: ignore[no-untyped-def]
    q = clip_query(q)
    org = get_object_or_404(scope_for(request.user).orgs(), pk=org_id)  # 404 outside the scope
    members = member_queries.cell_members(request.user, org)
    return member_queries.search(request.user, q, base=members) if q else members


@api.get("/members", response=list[MemberOut], tags=["members"])
@paginate(Pages, page_size=50)
def search_members(request: HttpRequest, q: str):  # type: ignore[no-untyped-def]
    return member_queries.search(request.user, clip_query(q))


@api.get("/members/{member_id}", response=MemberOut, tags=["members"])
def get_member(request: HttpRequest, member_id: int) -> Member:
    members = scope_for(request.user).members(Member.objects.select_related("organization"))
    member: Member = get_object_or_404(members, pk=member_id)  # 404 outside the scope
    return member
