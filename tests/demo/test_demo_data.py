"""What `dangbo demo` loads: organizations, members, committees, accounts (demo loaded once)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from faker.providers.person.vi_VN import Provider as VietnameseNames

from dangbo.accounts.models import Role
from dangbo.accounts.scope import scope_for
from dangbo.core.dates import add_months
from dangbo.core.text import TONE_MARKS, fold, name_sort_key, normalize_name, split_name
from dangbo.demo import data
from dangbo.members import rules as member_rules
from dangbo.members.models import ACTIVE_STATUSES, Member
from dangbo.members.queries import probation_due
from dangbo.organizations.models import CommitteeMembership, Organization, Term
from dangbo.organizations.permissions import can_edit_org, can_view_org
from dangbo.organizations.rules import cell_elects_committee

pytestmark = pytest.mark.django_db


def org(code: str) -> Organization:
    return Organization.objects.get(code=code)


def members_under(code: str):
    return Member.objects.filter(organization__path__startswith=org(code).path)


def current_term(organization: Organization) -> Term:
    return Term.objects.get(organization=organization, ends_on=None)


# ---- organizations ------------------------------------------------------------------------
def test_ha_dong_has_exactly_33_cells_and_261_active_members(demo):
    hd = org("HD")
    assert hd.name == "Đảng bộ Bệnh viện Đa khoa Hà Đông"
    assert hd.kind == "grassroots_committee" and not hd.is_military
    cells = list(Organization.objects.get_children(hd))
    assert len(cells) == 33
    assert {c.kind for c in cells} == {"cell"}
    active = Member.objects.filter(organization__in=cells, status__in=ACTIVE_STATUSES)
    assert active.count() == 261
    # the only inactive records below Hà Đông: members rated in 2021 who moved out since (the
    # 2021 roster of 261 of issue 9, item 9)
    former = members_under("HD").exclude(status__in=ACTIVE_STATUSES)
    assert set(former.values_list("status", flat=True)) == {"transferred_out"}
    assert not former.filter(admitted_on__gt=dt.date(2021, 6, 30)).exists()
    roster_2021 = members_under("HD").filter(admitted_on__lte=dt.date(2021, 6, 30))
    assert roster_2021.count() == 261
    assert not members_under("HD").exclude(military_rank="").exists()


def test_hospitals_sit_under_plausible_superiors(demo):
    hd, qdy = org("HD"), org("QDY")
    assert [(a.code, a.name, a.kind) for a in Organization.objects.get_ancestors(hd)] == [
        ("HN", "Đảng bộ Thành phố Hà Nội", "superior"),
        ("HN-SYT", "Đảng bộ Sở Y tế Hà Nội", "superior"),
    ]
    assert [(a.code, a.name, a.kind) for a in Organization.objects.get_ancestors(qdy)] == [
        ("QK7", "Đảng bộ Quân khu 7", "superior"),
        ("QK7-HCKT", "Đảng bộ Cục Hậu cần - Kỹ thuật Quân khu 7", "superior"),
    ]
    assert qdy.name == "Đảng bộ Bệnh viện Quân dân y miền Đông"
    assert qdy.kind == "grassroots_committee"
    assert Organization.objects.find_problems() == ([], [], [], [], [])  # treebeard paths are valid


@pytest.mark.parametrize("code", ["HD", "QDY"])
def test_cells_are_named_coded_and_linked_to_departments(demo, code):
    hospital = org(code)
    departments = set(hospital.owned_departments.values_list("name", flat=True))
    for required in (
        "Khoa Nội tổng hợp", "Khoa Ngoại tổng hợp", "Khoa Hồi sức tích cực - Chống độc",
        "Khoa Sản", "Khoa Nhi", "Khoa Cấp cứu", "Khoa Chẩn đoán hình ảnh", "Khoa Xét nghiệm",
        "Khoa Dược", "Phòng Kế hoạch tổng hợp", "Phòng Điều dưỡng",
    ):  # fmt: skip
        assert required in departments
    covered: set[str] = set()
    for cell in Organization.objects.get_children(hospital).prefetch_related("departments"):
        assert re.fullmatch(rf"{code}-CB\d\d", cell.code)
        assert cell.name.startswith(("Chi bộ Khoa ", "Chi bộ Phòng ", "Chi bộ Ban ",
                                     "Chi bộ Liên khoa "))  # fmt: skip
        names = {d.name for d in cell.departments.all()}
        assert names, cell.name
        assert {d.organization_id for d in cell.departments.all()} == {hospital.pk}
        covered |= names
        # every member works in one of the departments the cell covers
        member_depts = set(cell.members.values_list("department__name", flat=True))
        assert member_depts <= names, cell.name
    assert covered == departments


def test_ha_dong_has_its_administrative_offices(demo):
    names = set(org("HD").owned_departments.values_list("name", flat=True))
    assert {"Phòng Tổ chức cán bộ", "Phòng Tài chính kế toán", "Phòng Hành chính quản trị"} <= names


def test_military_hospital_has_ranks(demo):
    qdy = org("QDY")
    cells = list(Organization.objects.get_children(qdy))
    assert 15 <= len(cells) <= 20
    assert qdy.is_military and all(c.is_military for c in cells)
    assert org("QK7").is_military and org("QK7-HCKT").is_military
    members = members_under("QDY")
    assert 150 <= members.filter(status__in=ACTIVE_STATUSES).count() <= 200
    ranks = Counter(members.values_list("military_rank", flat=True))
    allowed = set(data.OFFICER_RANKS) | set(data.QNCN_RANKS) | {""}
    assert set(ranks) <= allowed
    assert len(set(ranks) & set(data.OFFICER_RANKS)) >= 5
    assert sum(n for r, n in ranks.items() if r in data.QNCN_RANKS) >= 20
    assert 5 <= ranks[""] < members.count() // 2  # some civilian employees (CNV), no rank
    doctors = members.filter(professional_title__in=data.DOCTOR_TITLES)
    assert doctors.exists()
    assert set(doctors.values_list("military_rank", flat=True)) <= set(data.OFFICER_RANKS)


# ---- members ------------------------------------------------------------------------------
def test_names_are_vietnamese_order_from_fakers_lists(demo):
    family_names = set(VietnameseNames.last_names)
    middle_words = {w for m in VietnameseNames.middle_names for w in m.split()}
    rows = list(Member.objects.values_list("full_name", "gender"))
    for full_name, gender in rows:
        family, middle, given = split_name(full_name)
        assert family in family_names, full_name
        assert middle and set(middle.split()) <= middle_words, full_name
        given_names = (
            VietnameseNames.first_names_female if gender == "female"
            else VietnameseNames.first_names_male
        )  # fmt: skip
        assert given in given_names, full_name
        assert full_name == normalize_name(full_name)
        if gender == "male":
            assert "Thị" not in middle.split(), full_name
    names = [n for n, _ in rows]
    assert len(names) == len(set(names))
    users = get_user_model().objects.filter(username__in=data.demo_usernames())
    account_names = {u.get_full_name() for u in users}
    assert not (set(names) | account_names) & data.PUBLIC_FIGURES
    assert any("Đ" in n for n in names)  # Đặng, Đức … for diacritic-blind search
    tones = {
        TONE_MARKS[c] for n in names for c in unicodedata.normalize("NFD", n) if c in TONE_MARKS
    }
    assert tones == {1, 2, 3, 4, 5}


def test_member_records_are_realistic_and_consistent(demo):
    today = timezone.localdate()
    members = list(Member.objects.all())
    for m in members:
        assert dt.date(1965, 1, 1) <= m.date_of_birth <= dt.date(2000, 12, 31)
        assert add_months(m.date_of_birth, 18 * 12) <= m.admitted_on <= today
        assert not member_rules.date_problems(
            date_of_birth=m.date_of_birth, admitted_on=m.admitted_on, full_on=m.full_on,
            today=today,
        )  # fmt: skip
        assert member_rules.valid_dossier_number(m.dossier_number), m.dossier_number
        assert member_rules.valid_citizen_id(m.citizen_id)
        assert re.fullmatch(r"09\d{8}", m.phone)
        assert m.professional_title and m.home_town and m.ethnicity and m.religion
        if m.status == "probationary":
            assert m.full_on is None and m.card_number is None
            assert m.admitted_on > add_months(today, -12)
        else:
            assert m.full_on == add_months(m.admitted_on, 12)
            assert member_rules.valid_card_number(m.card_number)
        # bulk_create skipped save(): the computed columns must match what save() computes
        assert m.name_folded == fold(m.full_name)
        assert m.sort_key == name_sort_key(m.full_name)
    cards = [m.card_number for m in members if m.card_number]
    assert len(cards) == len(set(cards))
    assert len({m.citizen_id for m in members}) == len(members)
    job_titles = {m.job_title for m in members}
    assert {"Trưởng khoa", "Phó trưởng khoa", "Điều dưỡng trưởng", "Trưởng phòng"} <= job_titles
    titles = {m.professional_title for m in members}
    assert {"BS CKII", "BS CKI", "ThS.BS", "TS.BS", "Điều dưỡng", "Dược sĩ", "KTV",
            "Cử nhân"} <= titles  # fmt: skip


@pytest.mark.parametrize("code", ["HD", "QDY"])
def test_about_eight_percent_probationary(demo, code):
    active = members_under(code).filter(status__in=ACTIVE_STATUSES)
    share = active.filter(status="probationary").count() / active.count()
    assert 0.06 <= share <= 0.10


def test_some_exempt_and_one_suspended(demo):
    exempt = Member.objects.exclude(exempt_since=None)
    assert 2 <= exempt.count() <= 5
    assert all(m.date_of_birth.year <= 1967 for m in exempt)  # old age
    assert Member.objects.exclude(suspended_since=None).count() == 1


def test_probation_due_page_has_people_from_each_hospital(demo):
    admin = get_user_model().objects.get(username="admin")
    today = timezone.localdate()
    due = list(probation_due(admin, today, within_days=60))
    assert due
    for m in due:
        assert member_rules.probation_due(m.admitted_on, m.status, today, 60)
        assert member_rules.probation_ends_on(m.admitted_on) >= today  # due, not overdue
    roots = Counter(Organization.objects.get_parent(m.organization).code for m in due)
    assert roots["HD"] >= 1 and roots["QDY"] >= 1


# ---- committees ---------------------------------------------------------------------------
@pytest.mark.parametrize(("code", "secretary_title"), [("HD", "Giám đốc"), ("QDY", "Chính ủy")])
def test_dang_uy_terms_and_committees(demo, code, secretary_title):
    hospital = org(code)
    terms = Term.objects.filter(organization=hospital).order_by("starts_on")
    assert [t.name for t in terms] == ["2020–2025", "2025–2030"]
    term = current_term(hospital)
    executive = term.committees.get(kind="executive")
    secretary = executive.memberships.get(role="secretary").member
    assert secretary.job_title == secretary_title
    assert Organization.objects.get_parent(secretary.organization) == hospital
    assert executive.memberships.filter(role="deputy_secretary").count() >= 1
    assert executive.memberships.filter(role="standing_member").count() >= 2
    assert executive.memberships.filter(role="member").count() >= 4
    standing = term.committees.get(kind="standing")
    standing_ids = set(standing.memberships.values_list("member_id", flat=True))
    assert standing.memberships.filter(role="secretary").get().member == secretary
    assert standing_ids < set(executive.memberships.values_list("member_id", flat=True))
    for ms in CommitteeMembership.objects.filter(committee__term__organization=hospital):
        assert ms.member.status == "full"
        assert ms.member.full_on <= ms.committee.term.starts_on
        assert ms.starts_on == ms.committee.term.starts_on


@pytest.mark.parametrize("code", ["HD", "QDY"])
def test_each_cell_has_a_secretary_and_a_chi_uy_when_large_enough(demo, code):
    chi_uy_seen = secretary_only_seen = False
    for cell in Organization.objects.get_children(org(code)):
        executive = current_term(cell).committees.get(kind="executive")
        roles = Counter(executive.memberships.values_list("role", flat=True))
        secretary = executive.memberships.get(role="secretary").member
        assert secretary.organization_id == cell.pk
        assert secretary.status == "full" and not secretary.suspended_since
        full = cell.members.filter(status="full").count()
        if cell_elects_committee(full):
            assert roles["deputy_secretary"] == 1 and roles["member"] >= 1, cell.name
            chi_uy_seen = True
        else:
            assert roles == Counter({"secretary": 1}), cell.name
            secretary_only_seen = True
        assert Term.objects.filter(organization=cell).count() == 2
    assert chi_uy_seen and secretary_only_seen


# ---- accounts -----------------------------------------------------------------------------
def test_every_demo_account_can_log_in(demo, client):
    users = get_user_model().objects.filter(username__in=data.demo_usernames())
    assert users.count() == len(data.demo_usernames()) == 11
    for user in users:
        assert user.check_password(data.DEMO_PASSWORD), user.username
        assert user.first_name and user.last_name and user.is_active
        response = client.post(
            reverse("login"), {"username": user.username, "password": data.DEMO_PASSWORD}
        )
        assert response.status_code == 302, user.username
        client.logout()
    assert {a.username for a in demo.accounts} == set(data.demo_usernames())


def test_admin_is_superuser_and_nobody_else_is_staff(demo):
    users = get_user_model().objects.filter(username__in=data.demo_usernames())
    assert {u.username for u in users if u.is_superuser} == {"admin"}
    assert {u.username for u in users if u.is_staff} == {"admin"}


@pytest.mark.parametrize("spec", data.HOSPITALS, ids=lambda s: s.code)
def test_roles_point_at_the_right_organizations(demo, spec):
    user_model = get_user_model()
    suffix = spec.code.lower()
    hospital, cell = org(spec.code), org(spec.account_cell)

    def role(username: str, kind: str) -> Role:
        return Role.objects.get(user__username=f"{username}.{suffix}", kind=kind)

    assert role("vanphong", "office").organization == hospital
    assert role("truyenthong", "communications").organization == hospital
    reader = role("captren", "superior_reader").organization
    assert reader.code == spec.superior_code and reader.kind == "superior"
    assert hospital.path.startswith(reader.path)

    secretary_role = role("bithu", "cell_secretary")
    assert secretary_role.organization == cell
    cell_secretary = (
        current_term(cell).committees.get(kind="executive").memberships.get(role="secretary")
    )
    assert secretary_role.member == cell_secretary.member
    assert role("bithu", "member").member == cell_secretary.member
    bithu = user_model.objects.get(username=f"bithu.{suffix}")
    assert bithu.get_full_name() == cell_secretary.member.full_name

    own = role("dangvien", "member").member
    assert own.organization == cell and own.status == "full"
    assert not own.committee_memberships.exists()

    # the scopes that follow from those roles
    other_cell = Organization.objects.get_children(hospital).exclude(pk=cell.pk).first()
    scope = scope_for(bithu)
    assert can_edit_org(scope, cell) and not can_edit_org(scope, other_cell)
    reader_scope = scope_for(user_model.objects.get(username=f"captren.{suffix}"))
    assert can_view_org(reader_scope, hospital) and not can_edit_org(reader_scope, hospital)
    member_scope = scope_for(user_model.objects.get(username=f"dangvien.{suffix}"))
    assert member_scope.own_member_ids == (own.pk,) and not member_scope.sees_organizations
    office_scope = scope_for(user_model.objects.get(username=f"vanphong.{suffix}"))
    assert can_edit_org(office_scope, hospital) and not can_edit_org(office_scope, reader)


def test_demo_rows_are_recorded_as_written_by_the_system(demo):
    assert Member.history.count() == Member.objects.count()
    assert not Member.history.exclude(history_user=None).exists()
    assert not Organization.history.exclude(history_user=None).exists()
    assert not CommitteeMembership.history.exclude(history_user=None).exists()
