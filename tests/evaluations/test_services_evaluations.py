"""The rating workflow's services (issue 9, items 1, 2 and 4; domain-rules §1.2, §1.3 and
decisions 2–4): opening a campaign, the three steps, finalizing at the 20 % cap boundary, the
superior's re-rating and exception, optimistic locking, history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dangbo.evaluations import services, snapshot
from dangbo.evaluations.models import Campaign, Rating
from dangbo.evaluations.rulesets.base import Level, SubjectKind
from dangbo.members.models import Discipline
from dangbo.organizations.models import Committee, CommitteeMembership, Term
from dangbo.targets import services as target_services
from dangbo.targets.models import Checkpoint, Resolution, Target
from dangbo.targets.queries import year_end_share
from tests.evaluations.factories import (
    YEAR,
    heads_justified,
    open_campaign,
    propose,
    ratings,
)
from tests.factories import MemberFactory, user_with_role

EXC, GOOD, DONE = Level.EXCELLENT.value, Level.GOOD.value, Level.COMPLETED.value


@pytest.fixture
def superior_office(world):
    """The superior committee's office: writes the hospital's parent (``world.superior``)."""
    return user_with_role("captren1", "office", world.superior)


@pytest.fixture
def six(world):
    """Six rated members in the hospital: cell A's three, cell B's one and two more in B."""
    extra = [
        MemberFactory(full_name="Hồ Thị Cúc", organization=world.cell_b),
        MemberFactory(full_name="Vũ Văn Dũng", organization=world.cell_b),
    ]
    return [*world.a_members, *world.b_members, *extra]


def _keys(members):
    return [f"member:{m.pk}" for m in members]


# ---- item 1: the campaign lists who is rated and who is not -----------------------------------
def test_campaign_open_lists_members_cells_collective_and_organization(world):
    """Issue 9 item 1; domain-rules §1.2 / decision 4: exempt, suspended and recently admitted
    members are listed with the reason, not rated; the other hospital is not included."""
    exempt = MemberFactory(organization=world.cell_b, exempt_since=dt.date(2022, 1, 1))
    suspended = MemberFactory(organization=world.cell_b, suspended_since=dt.date(2023, 3, 1))
    recent = MemberFactory(organization=world.cell_a, admitted_on=dt.date(2023, 9, 2))
    campaign = open_campaign(world)
    by_key = ratings(campaign)
    members = [*world.a_members, *world.b_members, exempt, suspended, recent]
    assert sorted(by_key) == sorted(
        [*_keys(members), f"cell:{world.cell_a.pk}", f"cell:{world.cell_b.pk}",
         f"collective:{world.hospital.pk}", f"organization:{world.hospital.pk}"]
    )  # fmt: skip
    assert by_key[f"member:{exempt.pk}"].not_rated_reason == "exempt"
    assert by_key[f"member:{suspended.pk}"].not_rated_reason == "suspended"
    assert by_key[f"member:{recent.pk}"].not_rated_reason == "admitted_recently"
    assert by_key[f"member:{world.a_members[0].pk}"].not_rated_reason == ""
    assert f"member:{world.other_members[0].pk}" not in by_key
    assert by_key[f"member:{world.a_members[0].pk}"].organization == world.cell_a
    first = Rating.history.filter(id=by_key[f"member:{exempt.pk}"].pk).get()
    assert first.history_user == world.users["office"]  # who opened it, in the history


def test_campaign_open_only_by_the_office_and_once_a_year(world):
    """Issue 9 item 1: the office opens; a cell's secretary or another office cannot; one
    campaign per organization and year."""
    for role in ("secretary", "reader", "other_office"):
        with pytest.raises(PermissionDenied):
            services.campaign_open(actor=world.users[role], organization=world.hospital, year=YEAR)
    open_campaign(world)
    with pytest.raises(ValidationError) as exc:
        open_campaign(world)
    assert "đã có đợt đánh giá năm 2023" in exc.value.message_dict["year"][0]


def test_campaign_open_refuses_deadlines_out_of_order(world):
    with pytest.raises(ValidationError) as exc:
        open_campaign(world, self_assessment_due=dt.date(2023, 12, 20),
                      proposal_due=dt.date(2023, 12, 10))  # fmt: skip
    assert "proposal_due" in exc.value.message_dict
    assert not Campaign.objects.exists()


# ---- item 2: step 1, the member's own self-assessment ------------------------------------------
def test_self_assessment_by_the_member_herself(world):
    """Issue 9 item 2 step 1: the member fills her own form; nobody else fills it."""
    campaign = open_campaign(world)
    own = ratings(campaign)[f"member:{world.a_members[0].pk}"]
    services.rating_self_assess(
        actor=world.users["member"], rating_id=own.pk, version=own.version, level=GOOD,
        strengths="Hoàn thành tốt nhiệm vụ chuyên môn.", shortcomings="Còn chậm báo cáo.",
    )  # fmt: skip
    own.refresh_from_db()
    assert (own.self_level, own.self_by, own.version) == (GOOD, world.users["member"], 2)
    assert own.self_at is not None
    colleague = ratings(campaign)[f"member:{world.a_members[1].pk}"]
    for role in ("member", "secretary", "office"):
        with pytest.raises(PermissionDenied):
            services.rating_self_assess(
                actor=world.users[role], rating_id=colleague.pk, version=1, level=GOOD,
                strengths="x", shortcomings="",
            )  # fmt: skip


def test_self_assessment_with_a_stale_version_is_refused_naming_who_and_when(world):
    """Issue 9 item 2: optimistic locking — the second save is refused with a clear message."""
    campaign = open_campaign(world)
    own = ratings(campaign)[f"member:{world.a_members[0].pk}"]
    propose(world.users["secretary"], campaign, {f"member:{world.a_members[0].pk}": GOOD})
    with pytest.raises(ValidationError) as exc:
        services.rating_self_assess(
            actor=world.users["member"], rating_id=own.pk, version=own.version, level=EXC,
            strengths="x", shortcomings="",
        )  # fmt: skip
    message = exc.value.message_dict["version"][0]
    assert "vừa được secretary1 sửa lúc" in message
    assert "tải lại trang" in message
    own.refresh_from_db()
    assert own.self_level == ""


def test_self_assessment_needs_a_level_and_strengths(world):
    campaign = open_campaign(world)
    own = ratings(campaign)[f"member:{world.a_members[0].pk}"]
    with pytest.raises(ValidationError) as exc:
        services.rating_self_assess(
            actor=world.users["member"], rating_id=own.pk, version=1, level="", strengths=" ",
            shortcomings="",
        )  # fmt: skip
    assert set(exc.value.message_dict) == {"level", "strengths"}


# ---- item 2: step 2, proposals -----------------------------------------------------------------
def test_secretary_proposes_her_cells_members_only(world):
    """Issue 9 item 2 step 2: the cell proposes its members; the office proposes the cells,
    the collective and the organization."""
    campaign = open_campaign(world)
    keys = _keys(world.a_members)
    propose(world.users["secretary"], campaign, dict.fromkeys(keys, GOOD))
    by_key = ratings(campaign)
    assert {by_key[k].proposed_level for k in keys} == {GOOD}
    assert by_key[keys[0]].proposed_by == world.users["secretary"]
    for key in (f"member:{world.b_members[0].pk}", f"cell:{world.cell_a.pk}",
                f"organization:{world.hospital.pk}"):  # fmt: skip
        with pytest.raises(ValidationError) as exc:
            propose(world.users["secretary"], campaign, {key: GOOD})
        assert f"level_{by_key[key].pk}" in exc.value.message_dict
    heads_justified(world, campaign)
    assert ratings(campaign)[f"cell:{world.cell_a.pk}"].proposed_level == GOOD


def test_batch_proposal_refuses_a_stale_row_and_writes_nothing(world):
    """Issue 9 item 2: two officers editing the same rating never silently overwrite each
    other; unchanged rows are neither checked nor written."""
    campaign = open_campaign(world)
    a0, a1 = _keys(world.a_members[:2])
    before = ratings(campaign)
    propose(world.users["office"], campaign, {a0: EXC})  # the office saved first
    rows = [
        services.Proposal(before[a0].pk, before[a0].version, GOOD),  # stale
        services.Proposal(before[a1].pk, before[a1].version, GOOD),
    ]
    with pytest.raises(ValidationError) as exc:
        services.ratings_propose(actor=world.users["secretary"], campaign_id=campaign.pk,
                                 rows=rows)  # fmt: skip
    assert "vừa được office1 sửa lúc" in exc.value.message_dict[f"level_{before[a0].pk}"][0]
    after = ratings(campaign)
    assert (after[a0].proposed_level, after[a1].proposed_level) == (EXC, "")
    # the same stale version with the value already stored is not a change: accepted
    rows[0] = services.Proposal(before[a0].pk, before[a0].version, EXC)
    services.ratings_propose(actor=world.users["secretary"], campaign_id=campaign.pk, rows=rows)
    after = ratings(campaign)
    assert (after[a0].version, after[a1].proposed_level) == (2, GOOD)


def test_single_proposal_and_its_stale_version(world):
    campaign = open_campaign(world)
    r = ratings(campaign)[f"member:{world.a_members[0].pk}"]
    services.rating_propose(
        actor=world.users["secretary"],
        rating_id=r.pk,
        version=1,
        level=GOOD,
        sick_leave_days=100,
        justification="Nghỉ ốm điều trị",
    )
    r.refresh_from_db()
    assert (r.proposed_level, r.sick_leave_days, r.version) == (GOOD, 100, 2)
    with pytest.raises(ValidationError) as exc:
        services.rating_propose(actor=world.users["office"], rating_id=r.pk, version=1, level=EXC)
    assert "vừa được secretary1" in exc.value.message_dict["level"][0]
    with pytest.raises(PermissionDenied):
        services.rating_propose(actor=world.users["reader"], rating_id=r.pk, version=2, level=EXC)


# ---- item 2 step 3 + item 4: finalizing at the cap boundary -------------------------------------
def _at_boundary(world, six, campaign, excellent):
    levels = dict.fromkeys(_keys(six), GOOD)
    levels.update(dict.fromkeys(_keys(six[:excellent]), EXC))
    if excellent == 1:
        levels[_keys(six)[-1]] = DONE  # 1 excellent, 4 good, 1 completed: 5 × 1 ≤ 1 + 4
    propose(world.users["office"], campaign, levels)
    heads_justified(world, campaign)


def test_finalize_allowed_at_the_cap_boundary_under_good_or_above(world, six):
    """Domain-rules decision 2: 5 × excellent ≤ excellent + good — 1 of 5 passes."""
    campaign = open_campaign(world)
    _at_boundary(world, six, campaign, 1)
    campaign = services.campaign_finalize(actor=world.users["office"], campaign_id=campaign.pk,
                                          version=campaign.version)  # fmt: skip
    assert campaign.status == "finalized" and campaign.finalized_by == world.users["office"]
    by_key = ratings(campaign)
    assert by_key[f"member:{six[0].pk}"].decided_level == EXC
    assert all(r.decided_level == r.proposed_level for r in by_key.values())
    history = Rating.history.filter(id=by_key[f"member:{six[0].pk}"].pk).first()
    assert history.history_user == world.users["office"] and history.decided_level == EXC


def test_finalize_refused_at_the_cap_boundary_under_good_only(world, six):
    """Decision 2, the strict reading a superior may impose: 5 × 1 ≤ 4 fails — refused, and
    the message lists the violation; nothing is decided."""
    campaign = open_campaign(world, cap_base="good_only")
    _at_boundary(world, six, campaign, 1)
    with pytest.raises(ValidationError) as exc:
        services.campaign_finalize(actor=world.users["office"], campaign_id=campaign.pk,
                                   version=campaign.version)  # fmt: skip
    lines = exc.value.message_dict["__all__"]
    assert lines[0].startswith("Chưa quyết định được")
    assert any(six[0].full_name in line for line in lines)
    assert not Rating.objects.filter(campaign=campaign).exclude(decided_level="").exists()


def test_cap_error_refused_without_exception_and_allowed_with_it(world, six, superior_office):
    """Issue 9 item 4, "an error cannot be finalized without a recorded exception (tested at
    the boundary)": 2 of 6 excellent breaks the cap; the superior records an exception and the
    office then finalizes."""
    campaign = open_campaign(world)
    _at_boundary(world, six, campaign, 2)
    with pytest.raises(ValidationError):
        services.campaign_finalize(actor=world.users["office"], campaign_id=campaign.pk,
                                   version=campaign.version)  # fmt: skip
    with pytest.raises(PermissionDenied):  # the hospital's own office is not the superior
        services.campaign_record_exception(
            actor=world.users["office"],
            campaign_id=campaign.pk,
            version=campaign.version,
            kind="member",
            text="1/QĐ",
        )
    campaign = services.campaign_record_exception(
        actor=superior_office, campaign_id=campaign.pk, version=campaign.version,
        kind="member", text="125-QĐ/ĐU  ngày 15/01/2024",
    )  # fmt: skip
    assert campaign.member_cap_exception == "125-QĐ/ĐU ngày 15/01/2024"
    assert campaign.history.first().history_user == superior_office
    campaign = services.campaign_finalize(actor=world.users["office"], campaign_id=campaign.pk,
                                          version=campaign.version)  # fmt: skip
    assert campaign.status == "finalized"


def test_finalize_refused_while_a_rated_subject_has_no_proposal(world):
    campaign = open_campaign(world)
    heads_justified(world, campaign)
    with pytest.raises(ValidationError) as exc:
        services.campaign_finalize(actor=world.users["office"], campaign_id=campaign.pk,
                                   version=campaign.version)  # fmt: skip
    assert any(world.a_members[0].full_name in m for m in exc.value.message_dict["__all__"])


def test_finalize_only_by_the_office_with_the_current_version(world, six):
    campaign = open_campaign(world)
    _at_boundary(world, six, campaign, 1)
    for role in ("secretary", "reader", "other_office"):
        with pytest.raises(PermissionDenied):
            services.campaign_finalize(actor=world.users[role], campaign_id=campaign.pk,
                                       version=campaign.version)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.campaign_finalize(actor=world.users["office"], campaign_id=campaign.pk,
                                   version=campaign.version + 1)  # fmt: skip
    assert "tải lại trang" in exc.value.message_dict["version"][0]


def test_decided_ratings_are_locked(world, six):
    """Issue 9 item 2: a decided rating is locked for the member, the cell and the office."""
    campaign = open_campaign(world)
    _at_boundary(world, six, campaign, 1)
    services.campaign_finalize(actor=world.users["office"], campaign_id=campaign.pk, version=1)
    r = ratings(campaign)[f"member:{world.a_members[0].pk}"]
    with pytest.raises(PermissionDenied) as exc:
        services.rating_self_assess(actor=world.users["member"], rating_id=r.pk,
                                    version=r.version, level=DONE, strengths="x",
                                    shortcomings="")  # fmt: skip
    assert "đã được cấp ủy quyết định" in str(exc.value)
    with pytest.raises(ValidationError):
        propose(world.users["office"], campaign, {f"member:{world.a_members[0].pk}": DONE})


# ---- the superior's cancel and re-rate -----------------------------------------------------
def test_rerate_by_the_superior_keeps_the_old_level(world, six, superior_office):
    """Domain-rules §1.3 "Authority": the superior cancels and re-rates with a reason; the old
    level stays visible (previous_level and the history)."""
    campaign = open_campaign(world)
    _at_boundary(world, six, campaign, 1)
    services.campaign_finalize(actor=world.users["office"], campaign_id=campaign.pk, version=1)
    r = ratings(campaign)[f"member:{six[0].pk}"]
    with pytest.raises(PermissionDenied):
        services.rating_rerate(actor=world.users["office"], rating_id=r.pk, version=r.version,
                               level=GOOD, reason="x")  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.rating_rerate(actor=superior_office, rating_id=r.pk, version=r.version,
                               level=GOOD, reason=" ")  # fmt: skip
    assert "reason" in exc.value.message_dict
    services.rating_rerate(actor=superior_office, rating_id=r.pk, version=r.version,
                           level=GOOD, reason="Kết luận kiểm tra số 12-KL/UBKT")  # fmt: skip
    r.refresh_from_db()
    assert (r.previous_level, r.decided_level, r.decided_by) == (EXC, GOOD, superior_office)
    latest, before = list(Rating.history.filter(id=r.pk).order_by("-history_date")[:2])
    assert (before.decided_level, latest.decided_level) == (EXC, GOOD)
    assert latest.history_change_reason == "Kết luận kiểm tra số 12-KL/UBKT"
    with pytest.raises(ValidationError) as exc:  # stale
        services.rating_rerate(actor=superior_office, rating_id=r.pk, version=r.version - 1,
                               level=DONE, reason="x")  # fmt: skip
    assert "vừa được captren1" in exc.value.message_dict["version"][0]


def test_record_exception_needs_a_decision_number_and_the_current_version(world, superior_office):
    campaign = open_campaign(world)
    with pytest.raises(ValidationError) as exc:
        services.campaign_record_exception(actor=superior_office, campaign_id=campaign.pk,
                                           version=1, kind="cell", text="có đồng ý")  # fmt: skip
    assert "text" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.campaign_record_exception(actor=superior_office, campaign_id=campaign.pk,
                                           version=9, kind="cell", text="5/QĐ")  # fmt: skip
    assert "version" in exc.value.message_dict


# ---- the snapshot -------------------------------------------------------------------------------
def test_snapshot_reads_levels_overrides_disciplines_leaders(world, django_assert_max_num_queries):
    """Issue 9 item 4: the snapshot the rules check — proposals or unsaved overrides (the
    what-if preview), disciplines decided in the year, the leadership collective — in a
    bounded number of queries."""
    campaign = open_campaign(world)
    a0, a1, a2 = world.a_members
    propose(world.users["secretary"], campaign, {f"member:{a0.pk}": GOOD})
    Discipline.objects.create(member=a1, kind="khien_trach", decided_on=dt.date(YEAR, 5, 2),
                              issuer="Đảng ủy")  # fmt: skip
    Discipline.objects.create(member=a1, kind="canh_cao", decided_on=dt.date(YEAR - 1, 5, 2),
                              issuer="Đảng ủy")  # fmt: skip
    term = Term.objects.create(organization=world.hospital, name="2020–2025",
                               starts_on=dt.date(2020, 8, 1))  # fmt: skip
    committee = Committee.objects.create(term=term)
    CommitteeMembership.objects.create(committee=committee, member=a2, role="secretary")
    overrides = {ratings(campaign)[f"member:{a1.pk}"].pk: EXC}
    with django_assert_max_num_queries(12):
        built = snapshot.build(campaign, overrides)
    subjects = {s.key: s for s in built.snapshot.subjects}
    assert subjects[f"member:{a0.pk}"].level == Level.GOOD
    assert subjects[f"member:{a1.pk}"].level == Level.EXCELLENT  # the unsaved override
    assert ratings(campaign)[f"member:{a1.pk}"].proposed_level == ""  # nothing saved
    assert [d.kind for d in subjects[f"member:{a1.pk}"].disciplines] == ["khien_trach"]
    assert subjects[f"member:{a2.pk}"].leader and not subjects[f"member:{a0.pk}"].leader
    assert subjects[f"member:{a0.pk}"].parent == f"cell:{world.cell_a.pk}"
    assert subjects[f"collective:{world.hospital.pk}"].kind == SubjectKind.COLLECTIVE
    assert built.snapshot.targets_met_share is None  # no frozen year-end checkpoint


def test_year_end_share_reads_the_frozen_annual_checkpoint(world):
    """Issue 9 item 3: "fewer than 50% of targets met" reads the targets module's frozen
    year-end checkpoint (targets.queries.year_end_share); none while it is open."""
    office = world.users["office"]
    res = Resolution.objects.create(organization=world.hospital, year=YEAR, number="1-NQ/ĐU",
                                    issued_on=dt.date(YEAR, 1, 5), title="NQ")  # fmt: skip
    annual = Checkpoint.objects.create(resolution=res, kind="annual", as_of=dt.date(YEAR, 12, 31),
                                       deadline=dt.date(YEAR + 1, 1, 10))  # fmt: skip
    met = Target.objects.create(resolution=res, position=1, title="Kết nạp", kind="numeric",
                                planned=Decimal(10))  # fmt: skip
    Target.objects.create(resolution=res, position=2, title="Khám", kind="numeric",
                          planned=Decimal(100), is_key=True)  # fmt: skip
    target_services.entry_record(actor=office, target_id=met.pk, checkpoint_id=annual.pk,
                                 value=Decimal(12))  # fmt: skip
    assert year_end_share(world.hospital, YEAR) is None
    target_services.checkpoint_freeze(actor=office, checkpoint_id=annual.pk,
                                      confirmation=annual.period_name)  # fmt: skip
    share = year_end_share(world.hospital, YEAR)
    assert share is not None
    assert (share.met, share.total, share.share, share.key_missed) == (1, 2, Fraction(1, 2), True)
    assert year_end_share(world.hospital, YEAR + 1) is None
    campaign = open_campaign(world)
    assert snapshot.build(campaign).snapshot.targets_met_share == Fraction(1, 2)
