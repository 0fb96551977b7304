"""The demo's resolutions and targets (demo loaded once for the module): the seed story, the
2026 resolutions with open work for every demo role, the term resolution with its mid-term
review. Statuses are computed by the rules, never stored: these tests read them through
``targets.queries`` as the pages do."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dangbo.accounts.models import Role
from dangbo.demo import data
from dangbo.members.models import ACTIVE_STATUSES
from dangbo.organizations.models import Organization
from dangbo.targets import queries, services
from dangbo.targets.models import Checkpoint, Entry, FrozenFigure, Resolution, Target, Task
from dangbo.targets.rules import Basis, Kind, Status

pytestmark = pytest.mark.django_db

SEED_SENTENCE = (
    "Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu, "
    "chưa thực hiện 3 chỉ tiêu, có 3 chỉ tiêu chưa đạt."
)
# The 2026 mid-year sentence of each group, per hospital.
MIDYEAR_2026 = {
    "QDY": [
        "Lãnh đạo thực hiện 6 chỉ tiêu, trong đó thực hiện đạt và vượt 5 chỉ tiêu, "
        "có 1 chỉ tiêu chưa đạt.",
        "Lãnh đạo thực hiện 4 nhiệm vụ trọng tâm, trong đó thực hiện đạt 2 nhiệm vụ, "
        "chưa thực hiện 1 nhiệm vụ, có 1 nhiệm vụ chưa đạt.",
    ],
    "HD": [
        "Lãnh đạo thực hiện 7 chỉ tiêu, trong đó thực hiện đạt và vượt 5 chỉ tiêu, "
        "có 2 chỉ tiêu chưa đạt.",
        "Lãnh đạo thực hiện 4 chỉ tiêu, trong đó thực hiện đạt và vượt 2 chỉ tiêu, "
        "chưa thực hiện 1 chỉ tiêu, có 1 chỉ tiêu chưa đạt.",
    ],
}
MIDTERM_SENTENCE = (
    "Lãnh đạo thực hiện 6 chỉ tiêu chủ yếu, trong đó thực hiện đạt 1 chỉ tiêu, đạt tiến độ "
    "3 chỉ tiêu, có 2 chỉ tiêu chưa đạt tiến độ."
)


def user(username: str):
    return get_user_model().objects.get(username=username)


def linked_member(username: str):
    return Role.objects.get(user__username=username, kind="member").member


def resolution(code: str, year: int, horizon: str = "annual") -> Resolution:
    return Resolution.objects.get(organization__code=code, year=year, horizon=horizon)


def rows_by_title(res: Resolution, kind: str) -> dict[str, queries.TargetRow]:
    figures = queries.resolution_figures(res, res.checkpoints.get(kind=kind))
    return {r.target.title: r for r in figures.rows}


def resolution_2026(spec: data.HospitalSpec) -> Resolution:
    return resolution(spec.code, 2026)


# ---- 2023: the seed story -----------------------------------------------------------------
def test_seed_sentence_at_the_frozen_mid_year_checkpoint_is_exact(demo):
    res = resolution("QDY", 2023)
    assert res.number == "05-NQ/ĐU" and res.targets.count() == 13
    midyear = res.checkpoints.get(kind="midyear")
    assert midyear.frozen_at is not None and not midyear.source_number
    assert queries.resolution_figures(res, midyear).sentence == SEED_SENTENCE
    # "chưa thực hiện" is what the reports say, not the absence of a report
    not_started = Entry.objects.filter(checkpoint=midyear, not_started=True)
    assert not_started.count() == 3
    assert {e.note for e in not_started} == {"Chưa triển khai trong 6 tháng đầu năm"}
    assert FrozenFigure.objects.filter(checkpoint=midyear, not_started=True).count() == 3
    assert all(r.status is not Status.NO_DATA for r in rows_by_title(res, "midyear").values())
    assert demo.resolutions and "13 chỉ tiêu" in demo.resolutions[0]


def test_seed_year_end_is_transcribed_from_the_published_report(demo):
    res = resolution("QDY", 2023)
    annual = res.checkpoints.get(kind="annual")
    assert annual.frozen_at is not None
    assert (annual.source_number, annual.source_date) == ("42-BC/ĐU", dt.date(2023, 12, 28))
    entries = Entry.objects.filter(checkpoint=annual)
    assert not entries.filter(transcribed=False).exists()
    assert set(entries.values_list("target_id", flat=True)) == set(
        res.targets.values_list("pk", flat=True)
    )  # every target
    rows = rows_by_title(res, "annual").values()
    assert 1 <= sum(r.status is Status.NOT_MET for r in rows) <= 2
    assert queries.resolution_figures(res, annual).sentence == (
        "Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 11 chỉ tiêu, "
        "có 2 chỉ tiêu chưa đạt."
    )


def test_the_office_member_is_responsible_for_a_seed_target(demo):
    office = linked_member("vanphong.qdy")
    assert resolution("QDY", 2023).targets.filter(responsible_member=office).exists()


# ---- 2026: yearly resolutions, mid-year frozen, year-end open ----------------------------
@pytest.mark.parametrize("spec", data.HOSPITALS, ids=lambda s: s.code)
def test_2026_mid_year_sentences_per_group(demo, spec):
    res = resolution_2026(spec)
    assert res.title == "Nghị quyết lãnh đạo thực hiện nhiệm vụ chính trị năm 2026"
    midyear, annual = res.checkpoints.get(kind="midyear"), res.checkpoints.get(kind="annual")
    assert (midyear.as_of, midyear.deadline) == (dt.date(2026, 6, 30), dt.date(2026, 7, 10))
    assert (annual.as_of, annual.deadline) == (dt.date(2026, 12, 31), dt.date(2027, 1, 10))
    assert midyear.is_frozen and not annual.is_frozen
    figures = queries.resolution_figures(res, midyear)
    assert [g.title for g in figures.groups] == ["Công tác chuyên môn", "Công tác xây dựng Đảng"]
    assert [g.sentence for g in figures.groups] == MIDYEAR_2026[spec.code]


@pytest.mark.parametrize("spec", data.HOSPITALS, ids=lambda s: s.code)
def test_2026_shows_every_kind_of_target_worded_correctly(demo, spec):
    res = resolution_2026(spec)
    targets = list(res.targets.all())
    assert {t.kind for t in targets} == set(Kind)
    assert {t.basis for t in targets} == set(Basis)
    rows = rows_by_title(res, "midyear")
    [relative] = [t for t in targets if t.basis == Basis.RELATIVE]
    assert relative.title == "Giảm 10% tỷ lệ nhiễm khuẩn bệnh viện so với năm 2025"
    assert (relative.direction, relative.baseline_year, relative.change_percent) == (
        "lower",
        2025,
        Decimal(10),
    )
    assert rows[relative.title].expected == relative.baseline * Decimal("0.9")
    [improve] = [t for t in targets if t.basis == Basis.IMPROVE]
    assert improve.title.endswith("cao hơn năm 2025") and improve.planned is None
    assert rows[improve.title].status is Status.MET  # better than the baseline: đạt, never vượt
    [qualitative] = [t for t in targets if t.kind == Kind.QUALITATIVE]
    assert qualitative.title == "Nâng cao chất lượng sinh hoạt chi bộ"
    assert qualitative.group is not None and qualitative.group.title == "Công tác xây dựng Đảng"
    assert rows[qualitative.title].status is Status.MET
    # figures stated approximately keep their wording next to the number
    assert any(r.stated.startswith("trên ") and r.value is not None for r in rows.values())
    assert FrozenFigure.objects.filter(checkpoint__resolution=res, stated__startswith="trên ")


@pytest.mark.parametrize("spec", data.HOSPITALS, ids=lambda s: s.code)
def test_one_of_three_cells_has_reported_then_two_after_the_secretary(demo, spec):
    res = resolution_2026(spec)
    annual = res.checkpoints.get(kind="annual")
    cell = Organization.objects.get(code=spec.account_cell)
    split = list(res.targets.filter(rollup="sum", subtargets__organization=cell))
    assert len(split) >= 2
    for t in split:
        row = queries.figures_for([t], {res.pk: annual})[0]
        assert (row.cells_reported, row.cells_assigned) == (1, 3), t.title
    bithu = user(f"bithu.{spec.code.lower()}")
    services.entry_record(
        actor=bithu, target_id=split[0].pk, checkpoint_id=annual.pk, organization=cell,
        value=Decimal(3400), note="Chi bộ báo cáo",
    )  # fmt: skip
    row = queries.figures_for([split[0]], {res.pk: annual})[0]
    assert (row.cells_reported, row.cells_assigned) == (2, 3)
    reported = [i for i in queries.report_items(bithu) if i.target == split[0]]
    assert [i.reported for i in reported] == [True]


@pytest.mark.parametrize(
    "username", [f"{role}.{h.code.lower()}" for h in data.HOSPITALS
                 for role in ("bithu", "dangvien", "vanphong")],
)  # fmt: skip
def test_every_demo_role_has_something_to_report(demo, username):
    items = queries.report_items(user(username))
    assert items, username
    open_items = [i for i in items if not i.reported and not i.checkpoint.is_frozen]
    assert open_items
    assert all(i.checkpoint.resolution.year == 2026 for i in items)
    spec = next(h for h in data.HOSPITALS if username.endswith(h.code.lower()))
    if username.startswith("bithu"):
        assert {i.organization.code for i in items} == {spec.account_cell}
        assert any(i.reminded_at for i in items)  # the office has reminded the cell
    else:
        member = linked_member(username)
        assert all(i.organization is None for i in items)
        assert all(i.target.responsible_member == member for i in items)


def test_the_my_targets_page_lists_the_secretarys_shares(demo, client):
    client.force_login(user("bithu.qdy"))
    response = client.get(reverse("targets:mine"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Số người bệnh điều trị nội trú tại các khoa khối Nội" in page
    assert "Triển khai kỹ thuật mới tại các khoa lâm sàng" in page


@pytest.mark.parametrize("spec", data.HOSPITALS, ids=lambda s: s.code)
def test_2026_tasks_include_one_for_the_account_cell(demo, spec):
    tasks = Task.objects.filter(resolution=resolution_2026(spec))
    assert tasks.count() >= 2
    cell = Organization.objects.get(code=spec.account_cell)
    [for_cell] = tasks.filter(responsible_organization=cell)
    assert for_cell.status == "open"
    assert for_cell in queries.tasks(user(f"bithu.{spec.code.lower()}"), cell)


# ---- HD: the term resolution --------------------------------------------------------------
def test_term_resolution_mid_term_review(demo):
    res = resolution("HD", 2020, "term")
    assert res.title.startswith("Nghị quyết Đại hội Đảng bộ Bệnh viện Đa khoa Hà Đông lần thứ")
    assert res.title.endswith("nhiệm kỳ 2020–2025")
    assert (res.end_year, res.term.name, res.term.organization.code) == (2025, "2020–2025", "HD")
    assert res.period_label == "nhiệm kỳ 2020–2025"
    midterm = res.checkpoints.get(kind="midterm")
    assert (midterm.as_of, midterm.deadline) == (dt.date(2023, 6, 30), dt.date(2023, 7, 15))
    assert midterm.is_frozen
    assert (midterm.source_number, midterm.source_date) == ("15-BC/ĐU", dt.date(2023, 7, 20))
    assert not Entry.objects.filter(checkpoint__resolution=res, transcribed=False).exists()
    sentence = queries.resolution_figures(res, midterm).sentence
    assert sentence == MIDTERM_SENTENCE
    assert "đạt tiến độ" in sentence and "chưa đạt tiến độ" in sentence
    rows = rows_by_title(res, "midterm")
    assert rows["Kết nạp 60 đảng viên mới trong nhiệm kỳ"].target.midterm_share == Decimal("0.5")
    assert rows["Kết nạp 60 đảng viên mới trong nhiệm kỳ"].status is Status.ON_TRACK
    assert rows["Xây dựng Đảng bộ trong sạch, vững mạnh"].status is Status.ON_TRACK  # qualitative
    relative = rows["Giảm 20% thời gian chờ khám bệnh trung bình so với năm 2019"]
    assert (relative.target.basis, relative.target.baseline_year) == (Basis.RELATIVE, 2019)
    assert relative.expected == Decimal(48) and relative.status is Status.BEHIND
    assert {r.status for r in rows.values()} >= {Status.ON_TRACK, Status.BEHIND, Status.MET}


def test_term_resolution_end_of_term_review(demo):
    res = resolution("HD", 2020, "term")
    term_end = res.checkpoints.get(kind="term_end")
    assert term_end.as_of == dt.date(2025, 3, 31) and term_end.is_frozen
    assert term_end.source_number and term_end.source_date == dt.date(2025, 5, 12)
    assert queries.resolution_figures(res, term_end).sentence == (
        "Lãnh đạo thực hiện 6 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 5 chỉ tiêu, "
        "có 1 chỉ tiêu chưa đạt."
    )


# ---- consistency of everything the demo loads ---------------------------------------------
def test_every_target_is_consistent_and_every_shortfall_explained(demo):
    targets = Target.objects.select_related("resolution__organization", "responsible_member")
    for t in targets:
        assert services.target_problems(t) == [], t.title
        member = t.responsible_member
        if member is not None:
            assert member.status in ACTIVE_STATUSES
            assert member.organization.path.startswith(t.resolution.organization.path)
    for res in Resolution.objects.all():
        for cp in Checkpoint.objects.filter(resolution=res).exclude(frozen_at=None):
            for row in queries.resolution_figures(res, cp).rows:
                entry = row.entry
                short = row.status in (Status.NOT_MET, Status.BEHIND)
                if short and entry is not None and not entry.transcribed:
                    assert entry.cause and entry.remedy, (res.number, row.target.title)
