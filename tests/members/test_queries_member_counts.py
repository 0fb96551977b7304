"""Member figures of organization pages, read by ``members.queries`` (the tree does not know
who is in it, issue 7 item 8): the GROUP BY roll-up agrees with a correlated count per node;
the home page's figures agree with the probation list."""

from __future__ import annotations

from dangbo.members.queries import add_member_counts, with_member_counts
from dangbo.organizations.models import Organization
from tests.factories import MemberFactory


def test_rollup_counts_match_correlated_counts(world):
    MemberFactory.create_batch(4, organization=world.cell_b)
    MemberFactory(organization=world.cell_b, status="transferred_out")  # not active
    orgs = list(Organization.objects.order_by("path"))
    add_member_counts(orgs)
    expected = {o.pk: o.member_count for o in with_member_counts(Organization.objects.all())}
    assert {o.pk: o.member_count for o in orgs} == expected
    by_code = {o.code: o.member_count for o in orgs}
    assert by_code == {"SYT": 9, "BVA": 8, "BVA-NOI": 3, "BVA-NGOAI": 5, "BVB": 1, "BVB-SAN": 1}


def test_rollup_counts_for_a_page_inside_a_subtree(world):
    page = list(Organization.objects.filter(code__in=["BVA-NOI", "BVA-NGOAI"]).order_by("path"))
    add_member_counts(page)
    assert [o.member_count for o in page] == [3, 1]


def test_home_summary_counts_in_scope_and_agrees_with_the_probation_list(world):
    import datetime as dt

    from dangbo.members.queries import member_counts, probation_due
    from dangbo.organizations.queries import counts

    def scope_summary(actor, today):  # what the home page shows (dashboard.views.home)
        return counts(actor) | member_counts(actor, today)

    today = dt.date(2026, 11, 23)
    # ends 10/12/2026 (due), ends 01/06/2026 (overdue, still due), ends 01/06/2027 (not yet)
    for admitted in (dt.date(2025, 12, 10), dt.date(2025, 6, 1), dt.date(2026, 6, 1)):
        MemberFactory(organization=world.cell_b, status="probationary", admitted_on=admitted)
    MemberFactory(organization=world.other_cell, status="probationary", admitted_on=today)
    office = world.users["office"]
    summary = scope_summary(office, today)
    assert summary == {
        "organizations": 3, "cells": 2, "members": 7, "probationary": 3, "probation_due": 2,
    }  # fmt: skip
    assert summary["probation_due"] == probation_due(office, today).count()
    assert scope_summary(world.users["reader"], today)["probationary"] == 4
