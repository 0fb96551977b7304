"""Running `dangbo demo`: identical data every run, one copy, quiet mode, other data kept."""

from __future__ import annotations

import datetime as dt
import time
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from dangbo.accounts.models import Role
from dangbo.demo import data
from dangbo.demo.loader import member_row
from dangbo.demo.targets_demo import RESOLUTIONS
from dangbo.members.models import Member, StatusChange
from dangbo.organizations.models import (
    Committee,
    CommitteeMembership,
    Department,
    Organization,
    Term,
)
from dangbo.targets.models import (
    Checkpoint,
    Entry,
    FrozenFigure,
    Reminder,
    Resolution,
    SubTarget,
    Target,
    TargetGroup,
    Task,
)
from tests.factories import org

pytestmark = pytest.mark.django_db

COUNTED = (
    Organization, Department, Term, Committee, CommitteeMembership, Member, StatusChange,
    Resolution, TargetGroup, Target, SubTarget, Checkpoint, Entry, FrozenFigure, Reminder, Task,
)  # fmt: skip


def snapshot() -> dict[str, object]:
    counts: dict[str, object] = {m.__name__: m.objects.count() for m in COUNTED}
    for model in (Organization, Department, Term, Committee, CommitteeMembership, Member,
                  Resolution, TargetGroup, Target, SubTarget, Checkpoint, Task):  # fmt: skip
        counts["history " + model.__name__] = model.history.count()  # type: ignore[attr-defined]
    counts["users"] = sorted(
        get_user_model()
        .objects.filter(username__in=data.demo_usernames())
        .values_list("id", "username", "first_name", "last_name")
    )
    counts["roles"] = Role.objects.count()
    counts["org codes"] = sorted(Organization.objects.values_list("code", "name", "kind"))
    return counts


def people() -> list[tuple[str, str | None]]:
    return sorted(Member.objects.values_list("full_name", "card_number"), key=str)


def test_running_twice_gives_the_same_people_and_one_copy():
    call_command("demo", quiet=True)
    first, first_counts = people(), snapshot()
    call_command("demo", quiet=True)
    second, second_counts = people(), snapshot()
    assert first == second
    assert first_counts == second_counts
    assert len(second) == len(set(second)) == Member.objects.count()
    assert Organization.objects.filter(code="HD").count() == 1
    assert Resolution.objects.count() == len(RESOLUTIONS) == 4
    # the history of the wiped rows is purged too (one creation row per row, plus the freeze
    # of each frozen checkpoint)
    assert TargetGroup.history.count() == TargetGroup.objects.count() > 0
    assert Target.history.count() == Target.objects.count()
    frozen = Checkpoint.objects.exclude(frozen_at=None).count()
    assert Checkpoint.history.count() == Checkpoint.objects.count() + frozen
    assert Member.history.count() == Member.objects.count()  # history of old rows purged
    assert Organization.objects.find_problems() == ([], [], [], [], [])


def test_the_same_dates_and_numbers_every_run():
    fields = ("full_name", "date_of_birth", "card_number", "dossier_number", "citizen_id",
              "phone", "full_on", "status", "military_rank", "home_town")  # fmt: skip
    call_command("demo", quiet=True)
    first = sorted(Member.objects.values_list(*fields), key=str)
    call_command("demo", quiet=True)
    assert sorted(Member.objects.values_list(*fields), key=str) == first


def test_reload_keeps_data_that_is_not_the_demos(world):
    before = sorted(Member.objects.values_list("id", "full_name"))
    other_orgs = sorted(Organization.objects.values_list("id", "code"))
    call_command("demo", quiet=True)
    call_command("demo", quiet=True)
    assert set(before) <= set(Member.objects.values_list("id", "full_name"))
    assert set(other_orgs) <= set(Organization.objects.values_list("id", "code"))
    assert Role.objects.filter(user__username="office1", organization=world.hospital).exists()
    assert Organization.objects.find_problems() == ([], [], [], [], [])


def test_demo_accounts_keep_their_ids_and_lose_stray_roles():
    call_command("demo", quiet=True)
    user = get_user_model().objects.get(username="dangvien.hd")
    Role.objects.create(user=user, kind="office", organization=Organization.objects.get(code="HD"))
    user.set_password("changed-by-someone")
    user.save()
    call_command("demo", quiet=True)
    again = get_user_model().objects.get(username="dangvien.hd")
    assert again.pk == user.pk
    assert again.check_password(data.DEMO_PASSWORD)
    assert list(again.roles.values_list("kind", flat=True)) == ["member"]


def test_output_lists_every_account_and_quiet_prints_nothing():
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "Tài khoản demo" in text
    for username in data.demo_usernames():
        assert username in text
    assert data.DEMO_PASSWORD in text
    assert "33 chi bộ, 261 đảng viên" in text
    quiet = StringIO()
    call_command("demo", "--quiet", stdout=quiet)
    assert quiet.getvalue() == ""


def test_a_foreign_organization_using_a_demo_code_is_not_deleted():
    org("Đảng bộ Khối Doanh nghiệp", "superior", code="HN")
    with pytest.raises(CommandError, match="HN"):
        call_command("demo", quiet=True)
    assert Organization.objects.get(code="HN").name == "Đảng bộ Khối Doanh nghiệp"
    assert not Organization.objects.filter(code="HD").exists()


def test_loading_is_fast():
    started = time.perf_counter()
    call_command("demo", quiet=True)
    call_command("demo", quiet=True)
    assert (time.perf_counter() - started) / 2 < 10


def test_member_row_computes_what_save_computes(world):
    values = dict(
        full_name="  đào   THIỆN tiến ", home_town="Hà  Đông ", gender="male",
        admitted_on=dt.date(2010, 1, 1), status="full", organization=world.cell_a,
        card_number="",
    )  # fmt: skip
    saved = Member(**values)
    saved.save()
    row = member_row(**values)
    for name in ("full_name", "name_folded", "sort_key", "home_town"):
        assert getattr(row, name) == getattr(saved, name), name
    assert row.full_name == "Đào Thiện Tiến"
    assert row.card_number is None  # "" would break the unique index, as in members.services
