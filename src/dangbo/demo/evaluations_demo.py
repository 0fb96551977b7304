"""Ratings and commendations of the demo (issue 9, item 9).

1. Hà Đông, 2021 (seed 003): a finalized campaign with the published figures — cells 7 / 22 / 4,
   members 51 / 205 / 5 of the 261 members of that year, the leadership collective excellent, the
   organization excellent and recognized "trong sạch, vững mạnh tiêu biểu" by the superior —, and
   that year's commendations (1 Prime Minister's individual, 3 collective and 3 individual from
   the city People's Committee, the district Party committee's certificate). The cells' figure
   breaks the 20 % cap under both readings (7 × 5 = 35 > 29), so the campaign carries the
   superior's exception, marked as demo data (``Campaign.is_demo_exception``).
2. Quân dân y miền Đông, 2023: a campaign in progress, opened through the service as the office
   would, with self-assessments and proposals under way, so each demo role has work to do: the
   member of the demo accounts has not yet assessed herself, the demo secretary's cell is not yet
   proposed, the office decides.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from dangbo.awards.models import Award
from dangbo.evaluations import services
from dangbo.evaluations.models import Campaign, CampaignStatus, Rating
from dangbo.evaluations.rulesets.base import Level, SubjectKind
from dangbo.members.models import Member
from dangbo.organizations.models import CELL_KINDS, Department, Organization

SEED = "dangbo-demo-evaluations"
HD_YEAR = 2021
HD_CELLS = {Level.EXCELLENT: 7, Level.GOOD: 22, Level.COMPLETED: 4}
HD_MEMBERS = {Level.EXCELLENT: 51, Level.GOOD: 205, Level.COMPLETED: 5}
# The superior's exception to the cells' cap: demo data, not a real decision.
HD_EXCEPTION = "Công văn số 125-CV/QU ngày 28/12/2021 của Ban Thường vụ Quận ủy (dữ liệu minh họa)"
NO_RESOLUTION = (
    "Kết quả thực hiện các chỉ tiêu Nghị quyết năm 2021 của Đảng ủy (số liệu chốt tháng "
    "01/2022) và Báo cáo tổng kết công tác năm 2021 của Đảng ủy."
)
STRENGTHS = (
    "Chấp hành nghiêm chủ trương, đường lối của Đảng; hoàn thành tốt nhiệm vụ chuyên môn, "
    "tích cực tham gia phòng, chống dịch COVID-19."
)


def _user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


# ---- 1. Hà Đông 2021 ----------------------------------------------------------------------------
def _hd_cell_levels(cells: list[Organization], rng: random.Random) -> dict[int, Level]:
    """7 excellent, 22 good, 4 completed cells; the excellent ones among the larger cells."""
    order = sorted(cells, key=lambda c: (c.code,))
    picks = rng.sample(order, len(order))
    levels: dict[int, Level] = {}
    it = iter(picks)
    for level, count in HD_CELLS.items():
        for _ in range(count):
            levels[next(it).pk] = level
    return levels


def _hd_member_levels(
    members: list[Member], cell_level: dict[int, Level], rng: random.Random
) -> dict[int, Level]:
    """51 excellent, 205 good, 5 completed members. The 5 "completed" are in the cells rated
    "completed" (an excellent cell needs every member at least completed and ≥ 80 % good or
    above, HD 21); the excellent members lean to the excellent cells."""
    levels: dict[int, Level] = {}
    weak_cells = [m for m in members if cell_level[m.organization_id] == Level.COMPLETED]
    for m in rng.sample(weak_cells, HD_MEMBERS[Level.COMPLETED]):
        levels[m.pk] = Level.COMPLETED
    rest = [m for m in members if m.pk not in levels]
    weights = [3 if cell_level[m.organization_id] == Level.EXCELLENT else 1 for m in rest]
    chosen: set[int] = set()
    while len(chosen) < HD_MEMBERS[Level.EXCELLENT]:
        chosen.add(rng.choices(rest, weights=weights)[0].pk)
    for m in rest:
        levels[m.pk] = Level.EXCELLENT if m.pk in chosen else Level.GOOD
    return levels


def load_hd_2021() -> Campaign:
    hospital = Organization.objects.get(code="HD")
    office = _user("vanphong.hd")
    rng = random.Random(SEED)
    cells = list(Organization.objects.get_children(hospital).filter(kind__in=CELL_KINDS))
    mid_year = dt.date(HD_YEAR, 6, 30)
    members = list(
        Member.objects.filter(organization__in=cells, admitted_on__lte=mid_year).order_by("id")
    )
    cell_level = _hd_cell_levels(cells, rng)
    member_level = _hd_member_levels(members, cell_level, rng)
    self_on, proposed_on, decided_on = (
        dt.date(2021, 12, 10), dt.date(2021, 12, 20), dt.date(2022, 1, 10),
    )  # fmt: skip
    campaign = Campaign.objects.create(
        organization=hospital, year=HD_YEAR, status=CampaignStatus.FINALIZED,
        self_assessment_due=dt.date(2021, 12, 15), proposal_due=dt.date(2021, 12, 25),
        decision_due=dt.date(2022, 1, 10), cell_cap_exception=HD_EXCEPTION,
        is_demo_exception=True, opened_by=office, finalized_by=office,
        finalized_at=_at(decided_on),
    )  # fmt: skip

    def rating(level: Level, **values: Any) -> Rating:
        return Rating(
            campaign=campaign, self_level=level.value, self_by=office, self_at=_at(self_on),
            proposed_level=level.value, proposed_by=office, proposed_at=_at(proposed_on),
            decided_level=level.value, decided_by=office, decided_at=_at(decided_on), **values,
        )  # fmt: skip

    rows = [
        rating(Level.EXCELLENT, subject_kind=SubjectKind.ORGANIZATION, organization=hospital,
               recognition=True, justification=NO_RESOLUTION),
        rating(Level.EXCELLENT, subject_kind=SubjectKind.COLLECTIVE, organization=hospital,
               justification=NO_RESOLUTION),
    ]  # fmt: skip
    rows += [rating(cell_level[c.pk], subject_kind=SubjectKind.CELL, organization=c) for c in cells]
    rows += [
        rating(member_level[m.pk], subject_kind=SubjectKind.MEMBER, member=m,
               organization_id=m.organization_id, strengths=STRENGTHS)
        for m in members
    ]  # fmt: skip
    bulk_create_with_history(rows, Rating, batch_size=500, default_user=office)
    _hd_awards(hospital, members, member_level, office)
    return campaign


def _hd_awards(
    hospital: Organization,
    members: list[Member],
    member_level: dict[int, Level],
    office: Any,
) -> None:
    """The 2021 commendations of seed 003: 01 Prime Minister's individual bằng khen; 03
    collective and 03 individual bằng khen of the city People's Committee (COVID-19); the
    district Party committee's giấy khen to the đảng bộ ("trong sạch, vững mạnh" tiêu biểu)."""
    excellent = [m for m in members if member_level[m.pk] == Level.EXCELLENT]
    excellent = [m for m in excellent if m.status in ("full", "probationary")][:4]
    covid = "Có thành tích xuất sắc trong công tác phòng, chống dịch COVID-19 năm 2021"
    departments = list(Department.objects.filter(organization=hospital).order_by("id")[10:13])

    def award(**values: Any) -> Award:
        return Award(year=HD_YEAR, recorded_by=office, kind="bang_khen", **values)

    rows = [
        award(organization=excellent[0].organization, recipient_kind="member",
              member=excellent[0], issuer_level="prime_minister",
              issuer_name="Thủ tướng Chính phủ", reason=covid,
              decision_number="1850/QĐ-TTg", decided_on=dt.date(2021, 11, 26)),
    ]  # fmt: skip
    rows += [
        award(organization=m.organization, recipient_kind="member", member=m,
              issuer_level="provincial_people", issuer_name="UBND Thành phố Hà Nội",
              reason=covid, decision_number="4321/QĐ-UBND", decided_on=dt.date(2021, 12, 15))
        for m in excellent[1:4]
    ]  # fmt: skip
    rows += [
        award(organization=hospital, recipient_kind="department", department=d,
              issuer_level="provincial_people", issuer_name="UBND Thành phố Hà Nội",
              reason=covid, decision_number="4321/QĐ-UBND", decided_on=dt.date(2021, 12, 15))
        for d in departments
    ]  # fmt: skip
    rows.append(
        Award(
            year=HD_YEAR,
            recorded_by=office,
            kind="giay_khen",
            organization=hospital,
            recipient_kind="organization",
            issuer_level="district_committee",
            issuer_name="Quận ủy Hà Đông",
            title="Trong sạch, vững mạnh tiêu biểu năm 2021",
            reason="Đảng bộ đạt tiêu chuẩn “Trong sạch, vững mạnh” tiêu biểu năm 2021",
            decision_number="215-QĐ/QU",
            decided_on=dt.date(2022, 1, 14),
        )
    )
    bulk_create_with_history(rows, Award, batch_size=100, default_user=office)


# ---- 2. Quân dân y miền Đông, 2023: in progress ------------------------------------------------
def load_qdy_2023() -> Campaign:
    hospital = Organization.objects.get(code="QDY")
    office = _user("vanphong.qdy")
    campaign = services.campaign_open(
        actor=office, organization=hospital, year=2023,
        self_assessment_due=dt.date(2023, 12, 10), proposal_due=dt.date(2023, 12, 20),
        decision_due=dt.date(2024, 1, 15),
    )  # fmt: skip
    demo_member = _user("dangvien.qdy").roles.filter(member__isnull=False).first()
    secretary_cell = _user("bithu.qdy").roles.filter(kind="cell_secretary").first()
    skip_member = demo_member.member_id if demo_member else None
    skip_cell = secretary_cell.organization_id if secretary_cell else None
    rng = random.Random(f"{SEED}-qdy")
    now = timezone.now()
    rated = Rating.objects.filter(
        campaign=campaign, subject_kind=SubjectKind.MEMBER, not_rated_reason=""
    ).values_list("pk", "member_id", "organization_id")
    groups: dict[tuple[str, bool], list[int]] = {}  # (self level, proposed too) → rating ids
    for pk, member_id, cell_id in rated:
        if member_id == skip_member or rng.random() < 0.25:
            continue  # not yet self-assessed
        level = Level.EXCELLENT if rng.random() < 0.2 else Level.GOOD
        proposed = cell_id != skip_cell and rng.random() < 0.6
        groups.setdefault((level.value, proposed), []).append(pk)
    for (level, proposed), ids in groups.items():  # one UPDATE per group
        values: dict[str, Any] = {
            "self_level": level, "strengths": STRENGTHS, "self_by": office, "self_at": now,
        }  # fmt: skip
        if proposed:
            values.update(proposed_level=level, proposed_by=office, proposed_at=now)
        Rating.objects.filter(pk__in=ids).update(**values)
    return campaign


def load_evaluations() -> tuple[Campaign, Campaign]:
    """Hà Đông 2021; then its year-end review conference of January 2022 (``meetings_demo``),
    which invites the members rated excellent that year (seed 003, issue 10 item 7); then QDY
    2023."""
    from dangbo.demo.meetings_demo import load_yearend_review

    hd = load_hd_2021()
    load_yearend_review()
    return hd, load_qdy_2023()
