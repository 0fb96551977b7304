"""Shared factories: members through factory-boy, organizations through treebeard."""

from __future__ import annotations

import datetime as dt
import itertools

import factory
from django.contrib.auth import get_user_model

from dangbo.accounts.models import Role
from dangbo.members.models import Member
from dangbo.organizations.models import Department, Organization

_codes = itertools.count(1)


def org(name: str, kind: str, parent: Organization | None = None, **extra: object) -> Organization:
    code = extra.pop("code", None) or f"T{next(_codes):05d}"
    if parent is None:
        return Organization.objects.add_root(dict(name=name, kind=kind, code=code, **extra))
    node = Organization.objects.add_child(parent, dict(name=name, kind=kind, code=code, **extra))
    parent.refresh_from_db()
    return node


def department(hospital: Organization, name: str) -> Department:
    return Department.objects.create(organization=hospital, name=name)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    full_name = factory.Iterator(
        ["Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường", "Phạm Thu Dung", "Hoàng Minh Đức"]
    )
    gender = "male"
    date_of_birth = dt.date(1980, 5, 17)
    card_number = factory.Sequence(lambda n: f"{10000000 + n:08d}")
    admitted_on = dt.date(2010, 3, 2)
    full_on = dt.date(2011, 3, 2)
    status = "full"


def user_with_role(username: str, kind: str, organization=None, member=None):
    user = get_user_model().objects.create_user(username=username, password="x-Pass-12345")
    if kind == "admin":
        Role.objects.create(user=user, kind=kind)
    else:
        Role.objects.create(user=user, kind=kind, organization=organization, member=member)
    return user
