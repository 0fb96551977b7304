"""Issue #7, defects 1 and 2: the member page's breadcrumb links a cell only for those who may
read it; committee pages list each person once, in protocol order, with the term's dates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dangbo.organizations.models import Committee, CommitteeMembership, Term
from dangbo.organizations.rules import protocol_order, seat_role
from tests.factories import MemberFactory

_SEAT = re.compile(r"<dt>([^<]+)</dt><dd><a href=\"/[^\"]*\">([^<]+)</a></dd>")


def _seats(html: str) -> list[tuple[str, str]]:
    """(title, name) pairs of the organization card, in page order."""
    card = html[html.index('<dl class="fields">') : html.index("</dl>")]
    return _SEAT.findall(card)


def _term(org, name, starts_on, ends_on=None, **seats_by_kind):
    term = Term.objects.create(organization=org, name=name, starts_on=starts_on, ends_on=ends_on)
    for kind, seats in seats_by_kind.items():
        committee = Committee.objects.create(term=term, kind=kind)
        for role, member, *left_on in seats:
            CommitteeMembership.objects.create(
                committee=committee, member=member, role=role, starts_on=starts_on,
                ends_on=left_on[0] if left_on else ends_on,
            )  # fmt: skip
    return term


# ---- defect 1: breadcrumb -------------------------------------------------------------------
def test_defect1_plain_member_breadcrumb_does_not_link_her_cell(client, world):
    """A plain member's breadcrumb linked ``/to-chuc/<cell>/``, which answers 404 to her."""
    me = world.a_members[0]
    client.force_login(world.users["member"])
    cell_url = reverse("organizations:detail", args=[world.cell_a.pk])
    html = client.get(reverse("members:detail", args=[me.pk])).content.decode()
    assert world.cell_a.name in html
    assert f'href="{cell_url}"' not in html
    assert client.get(cell_url).status_code == 404  # why the link must not be there
    for href in set(re.findall(r'href="(/to-chuc/[^"]*)"', html)):
        assert client.get(href).status_code == 200, href


@pytest.mark.parametrize("role", ["office", "secretary", "reader", "admin"])
def test_defect1_readers_of_the_cell_keep_the_breadcrumb_link(client, world, role):
    client.force_login(world.users[role])
    cell_url = reverse("organizations:detail", args=[world.cell_a.pk])
    html = client.get(reverse("members:detail", args=[world.a_members[0].pk])).content.decode()
    assert f'href="{cell_url}"' in html
    assert client.get(cell_url).status_code == 200


# ---- defect 2: committee pages --------------------------------------------------------------
@pytest.fixture
def hospital_committee(world):
    """2025–2030 term of the hospital: a standing committee of three, all also in the
    executive committee, which adds two more members; an older term that has ended."""
    people = {
        key: MemberFactory(full_name=name, organization=world.cell_b)
        for key, name in [
            ("secretary", "Võ Minh Quân"),
            ("deputy", "Hà Thị Lan"),
            ("standing", "Bùi Văn Khải"),
            ("member_1", "Đỗ Thị Mai"),
            ("member_2", "Lý Văn Nam"),
            ("old", "Trịnh Văn Cũ"),
        ]
    }
    _term(
        world.hospital, "2020–2025", dt.date(2020, 6, 5), dt.date(2025, 5, 29),
        executive=[("secretary", people["old"])],
    )  # fmt: skip
    core = [
        ("secretary", people["secretary"]),
        ("deputy_secretary", people["deputy"]),
        ("standing_member", people["standing"]),
    ]
    _term(
        world.hospital, "2025–2030", dt.date(2025, 5, 30),
        executive=[*core, ("member", people["member_2"]), ("member", people["member_1"])],
        standing=core,
    )  # fmt: skip
    return people


def test_defect2_party_committee_page_lists_each_person_once_in_protocol_order(
    client, world, hospital_committee
):
    """The Đảng bộ page listed each standing member twice, ordered by role code (Phó Bí thư →
    Ủy viên BCH → Bí thư → Ủy viên BTV), and showed no term."""
    client.force_login(world.users["office"])
    html = client.get(reverse("organizations:detail", args=[world.hospital.pk])).content.decode()
    # the ended term's secretary, Trịnh Văn Cũ, is not among them
    assert _seats(html) == [
        ("Bí thư Đảng ủy", "Võ Minh Quân"),
        ("Phó Bí thư Đảng ủy", "Hà Thị Lan"),
        ("Ủy viên Ban Thường vụ Đảng ủy", "Bùi Văn Khải"),
        ("Ủy viên Ban Chấp hành Đảng ủy", "Đỗ Thị Mai"),
        ("Ủy viên Ban Chấp hành Đảng ủy", "Lý Văn Nam"),
    ]
    assert "<dt>Nhiệm kỳ</dt><dd>2025–2030 (từ 30/05/2025 đến nay)</dd>" in html


def test_defect2_cell_page_lists_the_secretary_first_with_the_term(client, world):
    """Cell pages listed the Bí thư last (after "deputy_secretary" and "member")."""
    secretary, deputy, member = world.a_members
    _term(
        world.cell_a, "2025–2027", dt.date(2025, 3, 10),
        executive=[("member", member), ("deputy_secretary", deputy), ("secretary", secretary)],
    )  # fmt: skip
    client.force_login(world.users["secretary"])
    html = client.get(reverse("organizations:detail", args=[world.cell_a.pk])).content.decode()
    assert _seats(html) == [
        ("Bí thư Chi bộ", secretary.full_name),
        ("Phó Bí thư Chi bộ", deputy.full_name),
        ("Chi ủy viên", member.full_name),
    ]
    assert "<dt>Nhiệm kỳ</dt><dd>2025–2027 (từ 10/03/2025 đến nay)</dd>" in html


def test_defect2_an_ended_term_shows_its_end_date_and_its_committee(client, world):
    secretary, deputy, _ = world.a_members
    _term(
        world.cell_a, "2022–2025", dt.date(2022, 9, 20), dt.date(2025, 3, 9),
        executive=[("deputy_secretary", deputy), ("secretary", secretary)],
    )  # fmt: skip
    client.force_login(world.users["secretary"])
    html = client.get(reverse("organizations:detail", args=[world.cell_a.pk])).content.decode()
    assert "<dt>Nhiệm kỳ</dt><dd>2022–2025 (từ 20/09/2022 đến 09/03/2025)</dd>" in html
    assert _seats(html) == [
        ("Bí thư Chi bộ", secretary.full_name),
        ("Phó Bí thư Chi bộ", deputy.full_name),
    ]


def test_defect2_a_seat_left_during_the_term_is_not_listed(client, world):
    secretary, deputy, _ = world.a_members
    _term(
        world.cell_a, "2025–2027", dt.date(2025, 3, 10),
        executive=[("secretary", secretary), ("deputy_secretary", deputy, dt.date(2025, 4, 1))],
    )  # fmt: skip
    client.force_login(world.users["secretary"])
    html = client.get(reverse("organizations:detail", args=[world.cell_a.pk])).content.decode()
    assert _seats(html) == [("Bí thư Chi bộ", secretary.full_name)]


def test_defect2_committee_page_queries_do_not_grow_with_the_committee(client, world):
    client.force_login(world.users["office"])
    url = reverse("organizations:detail", args=[world.hospital.pk])
    few = [MemberFactory(organization=world.cell_b) for _ in range(2)]
    term = _term(
        world.hospital, "2025–2030", dt.date(2025, 5, 30),
        executive=[("secretary", few[0]), ("member", few[1])], standing=[("secretary", few[0])],
    )  # fmt: skip
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    executive = term.committees.get(kind="executive")
    standing = term.committees.get(kind="standing")
    for role in ["standing_member"] * 4 + ["member"] * 8:
        person = MemberFactory(organization=world.cell_b)
        CommitteeMembership.objects.create(committee=executive, member=person, role=role)
        if role == "standing_member":
            CommitteeMembership.objects.create(committee=standing, member=person, role=role)
    with CaptureQueriesContext(connection) as large:
        html = client.get(url).content.decode()
    assert len(_seats(html)) == 14
    assert len(large.captured_queries) == len(small.captured_queries)


# ---- the order rule, pure -------------------------------------------------------------------
def test_protocol_order_puts_the_highest_title_of_each_person_first():
    """Defect 2 as a rule: seats arrive in role-code order and standing members twice."""
    seats = [
        ("Hà", "deputy_secretary", "executive", "ha"),
        ("Đỗ", "member", "executive", "do"),
        ("Bùi", "member", "executive", "bui"),
        ("Võ", "secretary", "executive", "vo"),
        ("Khải", "standing_member", "executive", "khai"),
        ("Khải", "standing_member", "standing", "khai"),
        ("Võ", "secretary", "standing", "vo"),
        ("Hà", "deputy_secretary", "standing", "ha"),
    ]
    assert protocol_order(seats) == [
        ("Võ", "secretary"),
        ("Hà", "deputy_secretary"),
        ("Khải", "standing_member"),
        ("Bùi", "member"),
        ("Đỗ", "member"),
    ]


def test_protocol_order_keeps_the_higher_seat_whichever_comes_first():
    # an executive "member" seated in the standing committee as "member" is a standing member
    assert seat_role("member", "standing") == "standing_member"
    assert seat_role("member", "executive") == "member"
    seats = [
        ("An", "member", "executive", "an"),
        ("An", "member", "standing", "an"),
        ("Bình", "secretary", "executive", "binh"),
        ("Bình", "member", "executive", "binh"),
    ]
    assert protocol_order(seats) == [("Bình", "secretary"), ("An", "standing_member")]
    assert protocol_order([]) == []
