"""The JSON API (django-ninja, OpenAPI at /api/docs), scoped exactly like the pages."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema
from ninja.pagination import PageNumberPagination, paginate
from ninja.security import django_auth

from dangbo.accounts.scope import scope_for
from dangbo.members import queries as member_queries
from dangbo.members.models import Member
from dangbo.organizations import queries as org_queries
from dangbo.organizations.models import Organization

api = NinjaAPI(title="dangbo API", version="1", auth=django_auth, urls_namespace="api")
api.add_router("/", "dangbo.targets.api.router")


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
    start = (max(page, 1) - 1) * 100
    items = list(qs[start : start + 100])
    org_queries.add_member_counts(items)
    return {"items": items, "count": qs.count()}


@api.get("/organizations/{org_id}/members", response=list[MemberOut], tags=["members"])
@paginate(PageNumberPagination, page_size=50)
def organization_members(request: HttpRequest, org_id: int, q: str = ""):  # type: ignore[no-untyped-def]
    org = get_object_or_404(Organization, pk=org_id)
    if not scope_for(request.user).can_view_org(org):
        raise Http404
    members = member_queries.cell_members(request.user, org)
    return member_queries.search(request.user, q, base=members) if q else members


@api.get("/members", response=list[MemberOut], tags=["members"])
@paginate(PageNumberPagination, page_size=50)
def search_members(request: HttpRequest, q: str):  # type: ignore[no-untyped-def]
    return member_queries.search(request.user, q)


@api.get("/members/{member_id}", response=MemberOut, tags=["members"])
def get_member(request: HttpRequest, member_id: int) -> Member:
    member = get_object_or_404(Member.objects.select_related("organization"), pk=member_id)
    if not scope_for(request.user).can_view_member(member):
        raise Http404
    return member
