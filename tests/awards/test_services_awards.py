"""Services of the awards app (issue 9, items 6 and 7): permission, one transaction, history
naming the actor, optimistic lock; proposals only for subjects decided HTXSNV (domain-rules
§1.5, HD 21-HD/BTCTW); badges not before the early window (HD 01-HD/TW 2021)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangbo.awards import queries, services
from dangbo.awards.models import Award, AwardProposal, BadgeAward
from dangbo.core.errors import ConcurrentEdit
from tests.awards.factories import decided_campaign
from tests.factories import MemberFactory

D = dt.date
AWARD = {"kind": "bang_khen", "issuer_level": "provincial_people", "year": 2021,
         "decision_number": "123/QĐ-UBND", "decided_on": D(2021, 12, 20)}  # fmt: skip


def test_issue9_item6_the_office_records_an_individual_award_with_history(world):
    office, member = world.users["office"], world.a_members[1]
    award = services.award_create(actor=office, organization=world.hospital,
                                  recipient_kind="member", member=member, **AWARD)  # fmt: skip
    assert award.organization == world.cell_a  # scoped by her cell
    assert award.recorded_by == office
    record = award.history.get()
    assert record.history_user == office and record.history_type == "+"


def test_issue9_item6_collective_awards_for_a_cell_a_department_the_organization(world):
    office = world.users["office"]
    cell = services.award_create(
        actor=office,
        organization=world.hospital,
        recipient_kind="cell",
        recipient_org=world.cell_a,
        **AWARD,
    )
    dept = services.award_create(
        actor=office,
        organization=world.hospital,
        recipient_kind="department",
        department=world.dept_a,
        **AWARD,
    )
    org = services.award_create(actor=office, organization=world.hospital,
                                recipient_kind="organization", recipient_org=world.hospital,
                                **AWARD)  # fmt: skip
    assert (cell.organization, dept.organization, org.organization) == (
        world.cell_a,
        world.hospital,
        world.hospital,
    )
    assert dept.recipient_name == "Khoa Nội tổng hợp" and all(
        a.is_collective for a in (cell, dept, org)
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"recipient_kind": "member"}, "member"),
        ({"recipient_kind": "department"}, "department"),
        ({"recipient_kind": "organization"}, "recipient_org"),
        ({"recipient_kind": "cell", "recipient_org": "hospital"}, "recipient_org"),
        ({"recipient_kind": "cell", "recipient_org": "other_cell"}, "recipient_kind"),
    ],
)
def test_issue9_item6_the_recipient_is_checked(world, kwargs, field):
    kwargs = {k: getattr(world, v) if k == "recipient_org" else v for k, v in kwargs.items()}
    with pytest.raises(ValidationError) as exc:
        services.award_create(actor=world.users["office"], organization=world.hospital,
                              **kwargs, **AWARD)  # fmt: skip
    assert field in exc.value.message_dict


def test_issue9_item6_a_year_out_of_range_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.award_create(actor=world.users["office"], organization=world.hospital,
                              recipient_kind="member", member=world.a_members[0],
                              **{**AWARD, "year": 21})  # fmt: skip
    assert "year" in exc.value.message_dict


@pytest.mark.parametrize("role", ["secretary", "reader", "other_office", "member"])
def test_issue9_item6_only_the_office_records_awards(world, role):
    with pytest.raises(PermissionDenied):
        services.award_create(
            actor=world.users[role],
            organization=world.cell_a,
            recipient_kind="member",
            member=world.a_members[0],
            **AWARD,
        )


def test_issue9_item6_a_stale_version_is_refused_and_changes_are_audited(world):
    office = world.users["office"]
    award = services.award_create(
        actor=office,
        organization=world.hospital,
        recipient_kind="member",
        member=world.a_members[0],
        **AWARD,
    )
    services.award_update(actor=office, award_id=award.pk, version=1, reason="Phòng chống dịch")
    with pytest.raises(ConcurrentEdit):
        services.award_update(actor=office, award_id=award.pk, version=1, reason="Ghi đè")
    award.refresh_from_db()
    assert award.reason == "Phòng chống dịch" and award.version == 2
    assert [h.history_type for h in award.history.order_by("history_date")] == ["+", "~"]
    with pytest.raises(ValueError):
        services.award_update(actor=office, award_id=award.pk, version=2, member=None)
    with pytest.raises(PermissionDenied):
        services.award_update(actor=world.users["secretary"], award_id=award.pk, version=2)


# ---- proposals (domain-rules §1.5) -------------------------------------------------------------
def test_hd21_the_eligible_subjects_are_those_decided_excellent(world):
    decided_campaign(world)
    names = [s.name for s in queries.eligible_subjects(world.hospital, 2021)]
    # a1 decided good, cell B good, b0 only proposed excellent: none of them; members in
    # Vietnamese name order (given name first: An before Tiến)
    assert names == ["Trần Văn An", "Đào Thiện Tiến", "Chi bộ Khoa Nội",
                     "Đảng bộ Bệnh viện Đa khoa A"]  # fmt: skip


def test_hd21_an_excellent_member_is_proposed_then_awarded(world):
    decided_campaign(world)
    office, a0 = world.users["office"], world.a_members[0]
    proposal = services.proposal_create(actor=office, organization=world.hospital, year=2021,
                                        subject=f"m{a0.pk}", kind="giay_khen",
                                        issuer_level="grassroots_committee")  # fmt: skip
    assert (proposal.member, proposal.rating_level, proposal.basis) == (
        a0,
        "htxsnv",
        "member_excellent",
    )
    assert f"m{a0.pk}" not in {s.key for s in queries.eligible_subjects(world.hospital, 2021)}
    with pytest.raises(ValidationError, match="đã được đề nghị"):
        services.proposal_create(actor=office, organization=world.hospital, year=2021,
                                 subject=f"m{a0.pk}", kind="giay_khen",
                                 issuer_level="grassroots_committee")  # fmt: skip
    award = services.proposal_award(
        actor=office, proposal_id=proposal.pk, version=1, issuer_level="grassroots_committee",
        issuer_name="Đảng ủy Bệnh viện Đa khoa A", decision_number="15-QĐ/ĐU",
        decided_on=D(2022, 1, 10),
    )  # fmt: skip
    proposal.refresh_from_db()
    assert proposal.status == "awarded" and proposal.award == award
    assert (award.member, award.recipient_kind, award.year) == (a0, "member", 2021)
    assert award.history.get().history_user == office
    with pytest.raises(ValidationError, match="đã có quyết định"):
        services.proposal_award(actor=office, proposal_id=proposal.pk, version=2,
                                issuer_level="grassroots_committee", issuer_name="",
                                decision_number="x", decided_on=None)  # fmt: skip


def test_hd01_19_an_exemplary_cell_and_organization_become_collective_awards(world):
    decided_campaign(world)
    office = world.users["office"]
    for org, kind in ((world.cell_a, "cell"), (world.hospital, "organization")):
        p = services.proposal_create(actor=office, organization=world.hospital, year=2021,
                                     subject=f"o{org.pk}", kind="giay_khen",
                                     issuer_level="district_committee")  # fmt: skip
        award = services.proposal_award(actor=office, proposal_id=p.pk, version=1,
                                        issuer_level="district_committee", issuer_name="",
                                        decision_number="1", decided_on=None)  # fmt: skip
        assert (award.organization, award.recipient_kind) == (org, kind)


@pytest.mark.parametrize("who", ["a1_good", "b0_undecided", "cell_b_good", "stranger"])
def test_hd21_a_subject_not_decided_excellent_is_refused(world, who):
    decided_campaign(world)
    subject = {
        "a1_good": f"m{world.a_members[1].pk}",
        "b0_undecided": f"m{world.b_members[0].pk}",
        "cell_b_good": f"o{world.cell_b.pk}",
        "stranger": f"m{world.other_members[0].pk}",
    }[who]
    with pytest.raises(ValidationError) as exc:
        services.proposal_create(actor=world.users["office"], organization=world.hospital,
                                 year=2021, subject=subject, kind="giay_khen",
                                 issuer_level="grassroots_committee")  # fmt: skip
    assert "subject" in exc.value.message_dict
    assert not AwardProposal.objects.exists()


def test_a_proposal_with_a_stale_version_or_by_a_reader_is_refused(world):
    decided_campaign(world)
    office = world.users["office"]
    p = services.proposal_create(actor=office, organization=world.hospital, year=2021,
                                 subject=f"m{world.a_members[0].pk}", kind="giay_khen",
                                 issuer_level="grassroots_committee")  # fmt: skip
    args = {"issuer_level": "grassroots_committee", "issuer_name": "", "decision_number": "1",
            "decided_on": None}  # fmt: skip
    with pytest.raises(ConcurrentEdit):
        services.proposal_award(actor=office, proposal_id=p.pk, version=7, **args)
    with pytest.raises(PermissionDenied):
        services.proposal_award(actor=world.users["reader"], proposal_id=p.pk, version=1, **args)
    with pytest.raises(PermissionDenied):
        services.proposal_create(actor=world.users["secretary"], organization=world.cell_a,
                                 year=2021, subject="x", kind="giay_khen",
                                 issuer_level="grassroots_committee")  # fmt: skip
    assert not Award.objects.exists()


# ---- badges (HD 01-HD/TW 2021) -------------------------------------------------------------------
def test_hd01_2021_a_badge_is_recorded_once_and_not_before_the_window(world):
    office = world.users["office"]
    m = MemberFactory(full_name="Ngô Văn Lâm", organization=world.cell_a,
                      admitted_on=D(1996, 5, 19))  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.badge_record(actor=office, member_id=m.pk, milestone=30, circumstance="normal",
                              presented_on=D(2026, 2, 3))  # fmt: skip
    assert "19/05/2026" in str(exc.value.message_dict["presented_on"])
    badge = services.badge_record(actor=office, member_id=m.pk, milestone=30,
                                  circumstance="gravely_ill", presented_on=D(2026, 2, 3),
                                  decision_number="88-QĐ/TU")  # fmt: skip
    assert badge.history.get().history_user == office
    with pytest.raises(ValidationError, match="đã được ghi"):
        services.badge_record(actor=office, member_id=m.pk, milestone=30,
                              circumstance="normal", presented_on=D(2026, 5, 19))  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.badge_record(actor=world.users["secretary"], member_id=m.pk, milestone=40,
                              circumstance="normal", presented_on=D(2036, 5, 19))  # fmt: skip
    assert BadgeAward.objects.count() == 1


def test_hd01_2021_upcoming_badges_sorted_by_date_then_name_and_awarded_drop_out(world):
    office = world.users["office"]
    lam = MemberFactory(full_name="Ngô Văn Lâm", organization=world.cell_a,
                        admitted_on=D(1996, 5, 19))  # 30 years: 19/5/2026  # fmt: skip
    anh = MemberFactory(full_name="Vũ Thị Ánh", organization=world.cell_b,
                        admitted_on=D(1986, 1, 20))  # 40 years: 3/2/2026 # fmt: skip
    binh = MemberFactory(full_name="Lê Thị Bình", organization=world.cell_a,
                         admitted_on=D(1981, 3, 1))  # 45 years: 19/5/2026 # fmt: skip
    MemberFactory(full_name="Hà Văn Cường", organization=world.cell_a, status="deceased",
                  admitted_on=D(1996, 5, 19))  # fmt: skip
    MemberFactory(full_name="Đỗ Văn Dũng", organization=world.other_cell,
                  admitted_on=D(1996, 5, 19))  # another hospital  # fmt: skip
    MemberFactory(full_name="Lý Văn Em", organization=world.cell_a,
                  admitted_on=D(1997, 1, 1))  # 30 years in 2027  # fmt: skip
    rows = list(queries.upcoming_badges(world.hospital, 2026))
    assert [(m.full_name, m.badge_years, m.badge_on) for m in rows] == [
        ("Vũ Thị Ánh", 40, D(2026, 2, 3)),
        ("Lê Thị Bình", 45, D(2026, 5, 19)),  # Bình before Lâm (given names)
        ("Ngô Văn Lâm", 30, D(2026, 5, 19)),
    ]
    services.badge_record(actor=office, member_id=lam.pk, milestone=30, circumstance="normal",
                          presented_on=D(2026, 5, 19))  # fmt: skip
    services.badge_record(actor=office, member_id=anh.pk, milestone=30, circumstance="normal",
                          presented_on=D(2016, 2, 3))  # another milestone  # fmt: skip
    names = [m.full_name for m in queries.upcoming_badges(world.hospital, 2026)]
    assert names == ["Vũ Thị Ánh", "Lê Thị Bình"]
    assert [m.full_name for m in queries.upcoming_badges(world.cell_b, 2026)] == ["Vũ Thị Ánh"]
    assert binh.pk and queries.next_milestone(binh, D(2026, 1, 1)) == 45
