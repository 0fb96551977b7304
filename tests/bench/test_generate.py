"""bench/generate.py builds a consistent treebeard tree and spreads members over cells."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Count

from bench.generate import HOSPITAL_USER, OFFICE_USER, GenerateError, generate, step
from dangbo.accounts.models import Role
from dangbo.accounts.scope import scope_for
from dangbo.core.text import fold, name_sort_key
from dangbo.members.models import Member
from dangbo.organizations.models import CommitteeMembership, Organization
from dangbo.targets.models import Resolution

pytestmark = pytest.mark.django_db


def test_step_matches_treebeard():
    assert step(1) == "0001"
    assert step(35) == "000Z"
    assert step(36) == "0010"
    assert step(36**4 - 1) == "ZZZZ"
    assert Organization._get_path("", 1, 37) == step(37)  # treebeard's own path builder


def test_generate_small_world():
    report = generate(20, 500, seed=3)

    assert Organization.objects.count() == 20 == report.orgs
    assert Member.objects.count() == 500 == report.members
    assert Organization.objects.find_problems() == ([], [], [], [], [])
    kinds = dict(Organization.objects.order_by().values_list("kind").annotate(n=Count("id")))
    assert kinds["superior"] >= 2 and kinds["grassroots_committee"] >= 1
    assert kinds["sub_committee"] >= 1 and kinds["cell"] == report.cells

    # every cell has members, and only cells do
    per_org = dict(
        Member.objects.order_by().values_list("organization__kind").annotate(n=Count("id"))
    )
    assert per_org == {"cell": 500}
    assert not Organization.objects.filter(kind="cell", members__isnull=True).exists()

    # siblings are in node_order_by (name) order, as treebeard would insert them
    for parent in Organization.objects.filter(numchild__gt=0):
        children = list(Organization.objects.get_tree(parent).filter(depth=parent.depth + 1))
        assert [c.name for c in children] == sorted(c.name for c in children)

    # stored search keys are those Member.save() would compute; card numbers are valid
    for m in Member.objects.all()[:50]:
        assert m.name_folded == fold(m.full_name)
        assert m.sort_key == name_sort_key(m.full_name)
        assert m.version == 1
    cards = list(Member.objects.exclude(card_number=None).values_list("card_number", flat=True))
    assert cards and all(len(c) == 8 and c.isdigit() for c in cards)
    assert len(set(cards)) == len(cards)


def test_generate_creates_scoped_bench_users():
    generate(20, 500, seed=3)
    users = get_user_model().objects
    office = users.get(username=OFFICE_USER)
    hospital = users.get(username=HOSPITAL_USER)
    root = Organization.objects.get_root_nodes().get()

    assert Role.objects.get(user=office).organization == root
    assert scope_for(office).members().count() == 500
    hospital_role = Role.objects.get(user=hospital)
    assert hospital_role.kind == "office"
    assert hospital_role.organization.kind == "grassroots_committee"


def test_generate_is_deterministic_and_refuses_a_filled_database():
    generate(20, 500, seed=7)
    first = list(Member.objects.order_by("id").values_list("full_name", "card_number")[:20])
    with pytest.raises(GenerateError):
        generate(20, 500, seed=7)
    Resolution.objects.all().delete()  # the bench resolution (its entries name a bench user)
    CommitteeMembership.objects.all().delete()
    Member.objects.all().delete()
    get_user_model().objects.all().delete()
    Organization.objects.all().delete()
    generate(20, 500, seed=7)
    again = list(Member.objects.order_by("id").values_list("full_name", "card_number")[:20])
    assert again == first
