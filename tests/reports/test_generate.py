"""``reports.generate.draft_for`` on small factory data (issue 10 item 3): every figure in the
generated text is the one the records give (targets at the period's checkpoint through
``targets.summary``, ratings through ``evaluations.summary``, commendations through
``awards.summary``) — none typed; the header, date, signer and recipients as the format guide
says (domain-rules §2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from dangbo.awards.models import Award
from dangbo.evaluations.models import Rating
from dangbo.meetings import services as meeting_services
from dangbo.meetings.models import Attendance, Meeting
from dangbo.organizations.models import Committee, CommitteeMembership, Term
from dangbo.reports import prose
from dangbo.reports.generate import document_of, draft_for, secretary_of
from dangbo.targets import services as target_services
from dangbo.targets.models import Resolution, Target, Task
from dangbo.targets.queries import resolution_figures
from tests.awards.factories import decided_campaign
from tests.meetings.factories import hospital_meeting

pytestmark = pytest.mark.django_db


def _record(plan, checkpoint, target, **values):
    return target_services.entry_record(
        actor=plan_office(plan), target_id=target.pk, checkpoint_id=checkpoint.pk, **values
    )


def plan_office(plan):
    return plan.office


@pytest.fixture
def reported(world, plan):
    """Mid-year figures of the hospital's 2023 resolution: admissions short with a cause and
    remedy, infections better than plan, the project not started, beds without a report."""
    plan.office = world.users["office"]
    _record(plan, plan.midyear, plan.admissions, value=Decimal(2),
            cause="Thẩm tra lý lịch chậm", remedy="Đẩy nhanh thẩm tra lý lịch")  # fmt: skip
    _record(plan, plan.midyear, plan.infections, value=Decimal("1.5"))
    _record(plan, plan.midyear, plan.project, not_started=True,
            cause="Chưa có vốn", remedy="Đề nghị cấp vốn")  # fmt: skip
    return plan


def _secretary(world, name_index=0, starts=dt.date(2020, 6, 1)):
    term = Term.objects.create(organization=world.hospital, name="2020–2025", starts_on=starts)
    committee = Committee.objects.create(term=term, kind="executive")
    member = world.a_members[name_index]
    CommitteeMembership.objects.create(committee=committee, member=member, role="secretary")
    return member


def test_midyear_report_figures_equal_the_records(world, reported):
    """Each target with its figure and status, the sentence of ``targets.summary``, the cause
    and remedy of each target short of plan; header, signer and recipients."""
    secretary = _secretary(world)
    target_services.checkpoint_freeze(actor=world.users["office"],
                                      checkpoint_id=reported.midyear.pk,
                                      confirmation=reported.midyear.period_name)  # fmt: skip
    reported.midyear.refresh_from_db()
    draft = draft_for("midyear_report", organization=world.hospital, year=2023)
    fig = resolution_figures(reported.resolution, reported.midyear)
    body = draft.body
    assert prose.lower_first(fig.sentence) in body  # called, never retyped
    assert "Trong 6 tháng đầu năm 2023, Đảng ủy Bệnh viện Đa khoa A lãnh đạo thực hiện" in body
    by_title = {r.target.title: r for r in fig.rows}
    row = by_title["Kết nạp đảng viên mới"]
    assert f"| 1 | Kết nạp đảng viên mới | 10 người | 2 người, {row.phrase} | " \
        f"{prose.STATUS_TEXT[row.status]} |" in body  # fmt: skip
    assert row.status == "not_met"
    assert (
        "- Kết nạp đảng viên mới (chưa đạt): nguyên nhân: Thẩm tra lý lịch chậm; giải pháp khắc "
        "phục: Đẩy nhanh thẩm tra lý lịch."
    ) in body
    assert "- Khởi công khu điều trị 260 giường (chưa thực hiện): nguyên nhân: Chưa có vốn" in body
    infections = by_title["Tỷ lệ nhiễm khuẩn bệnh viện"]
    assert f"| 2 | Tỷ lệ nhiễm khuẩn bệnh viện | 2% | 1,5%, {infections.phrase} |" in body
    assert prose.PROVISIONAL not in body  # frozen
    # the header: parent above, the committee issuing, BC; dated on the freeze (no meeting)
    assert (draft.superior, draft.issuer, draft.issuer_code) == (
        "Đảng bộ Sở Y tế", "Đảng ủy Bệnh viện Đa khoa A", "ĐU",
    )  # fmt: skip
    assert draft.date == reported.midyear.frozen_at.date()
    assert draft.signatures[0].titles == ("T/M ĐẢNG ỦY", "BÍ THƯ")
    assert draft.signatures[0].name == secretary.full_name
    assert draft.recipients == ("Đảng ủy Sở Y tế (để báo cáo)", "Các chi bộ trực thuộc")
    doc = document_of(draft, 1)
    assert doc.number_line == "Số 01-BC/ĐU" and doc.type_line == "BÁO CÁO"
    assert doc.recipient_lines[-1] == "- Lưu VP."


def test_midyear_report_dated_on_the_review_meeting_with_its_conclusions(world, reported):
    meeting = hospital_meeting(world)
    meeting_services.conclusion_add(
        actor=world.users["office"], meeting_id=meeting.pk, version=meeting.version,
        text="Hoàn chỉnh báo cáo sơ kết.", responsible_organization=world.hospital,
        deadline=dt.date(2023, 7, 7),
    )  # fmt: skip
    draft = draft_for("midyear_report", organization=world.hospital, year=2023)
    assert draft.date == meeting.date
    assert prose.PROVISIONAL in draft.body  # the checkpoint is still open
    assert (
        "- Hoàn chỉnh báo cáo sơ kết (đơn vị thực hiện: Đảng bộ Bệnh viện Đa khoa A; thời hạn: "
        "07/07/2023)."
    ) in draft.body
    assert f"Căn cứ kết luận của {meeting.title} ngày 29/06/2023" in draft.body
    assert draft.signatures[0].name == ""  # no secretary recorded: the office fills it in


def test_midyear_directions_fall_back_to_open_tasks(world, reported):
    office = world.users["office"]
    target_services.task_create(
        actor=office,
        organization=world.hospital,
        title="Kiểm tra hồ sơ bệnh án",
        deadline=dt.date(2023, 9, 30),
    )
    target_services.task_create(actor=office, organization=world.hospital,
                                title="Việc năm sau", deadline=dt.date(2024, 3, 1))  # fmt: skip
    body = draft_for("midyear_report", organization=world.hospital, year=2023).body
    assert "- Kiểm tra hồ sơ bệnh án (thời hạn: 30/09/2023)." in body
    assert "Việc năm sau" not in body
    Task.objects.update(status="done")
    body = draft_for("midyear_report", organization=world.hospital, year=2023).body
    assert prose.NO_DIRECTIONS in body


def test_yearend_report_ratings_awards_and_next_year_resolution(
    world, plan, django_assert_max_num_queries
):
    campaign = decided_campaign(world, 2023)
    campaign.status = "finalized"  # decided levels only: cell B's proposed member is pending
    campaign.save()
    Rating.objects.filter(campaign=campaign, subject_kind="organization").update(recognition=True)
    office = world.users["office"]
    Award.objects.create(
        year=2023, recorded_by=office, kind="bang_khen", organization=world.hospital,
        recipient_kind="member", member=world.a_members[0], issuer_level="prime_minister",
        issuer_name="Thủ tướng Chính phủ",
    )  # fmt: skip
    nxt = Resolution.objects.create(
        organization=world.hospital, year=2024, number="01-NQ/ĐU",
        issued_on=dt.date(2024, 1, 15), title="Nghị quyết năm 2024",
    )  # fmt: skip
    Target.objects.create(resolution=nxt, position=1, title="Kết nạp đảng viên mới",
                          kind="numeric", unit="người", planned=Decimal(12),
                          responsible_organization=world.cell_a)  # fmt: skip
    with django_assert_max_num_queries(25):  # bounded: bulk reads, no query per row
        draft = draft_for("yearend_report", organization=world.hospital, year=2023)
    body = draft.body
    # cells: A excellent, B good; members decided: 2 excellent, 1 good (B's member pending)
    assert (
        "Kết quả đánh giá, xếp loại chất lượng năm 2023: 1 chi bộ hoàn thành xuất sắc nhiệm vụ, 1 "
        "chi bộ hoàn thành tốt nhiệm vụ; 2 đảng viên hoàn thành xuất sắc nhiệm vụ, 1 đảng viên "
        "hoàn thành tốt nhiệm vụ."
    ) in body
    assert "| Hoàn thành xuất sắc nhiệm vụ | 1 | 50,0% | 2 | 66,7% |" in body
    assert "| Chưa có kết quả | 0 | | 1 | |" in body
    assert "Đảng bộ Bệnh viện Đa khoa A được xếp loại hoàn thành xuất sắc nhiệm vụ." in body
    assert "Được công nhận tiêu biểu: Đảng bộ Bệnh viện Đa khoa A." in body
    assert "được khen thưởng: 01 bằng khen cá nhân của Thủ tướng Chính phủ." in body
    assert "Căn cứ Nghị quyết số 01-NQ/ĐU ngày 15/01/2024 (năm 2024)" in body
    assert "- Kết nạp đảng viên mới: 12 người (đơn vị thực hiện: Chi bộ Khoa Nội)." in body
    # the annual checkpoint has no figures yet: every target "chưa có số liệu", provisional
    fig = resolution_figures(plan.resolution, plan.annual)
    assert prose.lower_first(fig.sentence) in body and prose.PROVISIONAL in body
    assert draft.date == dt.date(2023, 12, 31)  # no meeting, not frozen: the as-of date


def test_yearend_report_without_anything_recorded(world):
    draft = draft_for("yearend_report", organization=world.hospital, year=2019)
    assert prose.NO_TARGETS in draft.body
    assert prose.NO_RATINGS.format(year=2019) in draft.body
    assert "được khen thưởng: Chưa có khen thưởng nào." in draft.body
    assert prose.NO_DIRECTIONS in draft.body
    assert draft.date == dt.date(2019, 12, 31)


def test_yearend_review_meeting_in_january_dates_the_report(world):
    meeting = hospital_meeting(world, kind="year_end_review", date=dt.date(2024, 1, 19),
                               title="Hội nghị tổng kết năm 2023")  # fmt: skip
    hospital_meeting(world, kind="year_end_review", date=dt.date(2024, 5, 2), title="Khác")
    draft = draft_for("yearend_report", organization=world.hospital, year=2023)
    assert draft.date == meeting.date == dt.date(2024, 1, 19)


def test_cell_report_is_signed_for_the_cell_and_sent_up(world):
    draft = draft_for("midyear_report", organization=world.cell_a, year=2023)
    assert (draft.issuer, draft.issuer_code) == ("Chi bộ Khoa Nội", "CB")
    assert draft.superior == "Đảng bộ Bệnh viện Đa khoa A"
    assert draft.signatures[0].titles == ("T/M CHI BỘ", "BÍ THƯ")
    assert draft.recipients == ("Đảng ủy Bệnh viện Đa khoa A (để báo cáo)",)


def test_secretary_of_the_term_running_on_the_date(world):
    first = _secretary(world, 0, dt.date(2015, 6, 1))
    later = Term.objects.create(organization=world.hospital, name="2020–2025",
                                starts_on=dt.date(2020, 6, 1))  # fmt: skip
    c = Committee.objects.create(term=later, kind="executive")
    CommitteeMembership.objects.create(committee=c, member=world.a_members[1], role="secretary",
                                       ends_on=dt.date(2022, 12, 31))  # fmt: skip
    assert secretary_of(world.hospital, dt.date(2018, 1, 1)) == first.full_name
    assert secretary_of(world.hospital, dt.date(2021, 1, 1)) == world.a_members[1].full_name
    assert secretary_of(world.hospital, dt.date(2014, 1, 1)) == ""


def test_evaluation_notice(world):
    campaign = decided_campaign(world, 2023)
    Rating.objects.create(campaign=campaign, subject_kind="collective",
                          organization=world.hospital, decided_level="httnv")  # fmt: skip
    draft = draft_for("evaluation_notice", organization=world.hospital, year=2023)
    assert (draft.type_code, draft.type_name) == ("TB", "Thông báo")
    assert draft.title == prose.notice_title(2023)
    # an open campaign: provisional figures (cell B's member proposed excellent counts)
    assert "| Hoàn thành xuất sắc nhiệm vụ | 1 | 50,0% | 3 | 75,0% |" in draft.body
    assert "| Hoàn thành tốt nhiệm vụ trở lên | 2 | 100,0% | 4 | 100,0% |" in draft.body
    assert "Tập thể lãnh đạo, quản lý được xếp loại hoàn thành tốt nhiệm vụ." in draft.body
    assert "_Kết quả tạm tính: đợt đánh giá chưa kết thúc._" in draft.body  # still open
    assert draft.date == dt.date(2023, 12, 31)  # neither finalized nor a decision date
    campaign.decision_due = dt.date(2024, 1, 12)
    campaign.save()
    assert draft_for("evaluation_notice", organization=world.hospital, year=2023).date == (
        dt.date(2024, 1, 12)
    )
    empty = draft_for("evaluation_notice", organization=world.hospital, year=2020)
    assert prose.NO_RATINGS.format(year=2020) in empty.body


def _held(world, meeting):
    office = world.users["office"]
    rows = {a.pk: {"status": "present"} for a in Attendance.objects.filter(meeting=meeting)}
    meeting.refresh_from_db()
    meeting_services.attendance_record(actor=office, meeting_id=meeting.pk,
                                       version=meeting.version, rows=rows)  # fmt: skip
    meeting.refresh_from_db()
    meeting_services.vote_add(actor=office, meeting_id=meeting.pk, version=meeting.version,
                              matter="Thông qua nghị quyết", votes_for=len(rows))  # fmt: skip
    meeting.refresh_from_db()
    meeting_services.conclusion_add(
        actor=office, meeting_id=meeting.pk, version=meeting.version,
        text="Hoàn chỉnh nghị quyết", responsible_organization=world.cell_a,
        deadline=dt.date(2023, 7, 5),
    )  # fmt: skip
    return Meeting.objects.select_related("organization").get(pk=meeting.pk)


def test_resolution_restates_targets_assignments_and_vote(world, reported):
    meeting = _held(world, hospital_meeting(world))
    draft = draft_for("resolution", organization=world.hospital, year=2023, meeting=meeting)
    assert (draft.type_code, draft.type_name, draft.title) == ("NQ", "Nghị quyết", meeting.title)
    body = draft.body
    assert "Tiếp tục lãnh đạo thực hiện các chỉ tiêu của Nghị quyết số 05-NQ/ĐU" in body
    assert "| 1 | Kết nạp đảng viên mới | 10 người | Chưa đạt |" in body  # as of the meeting
    assert "- Hoàn chỉnh nghị quyết (đơn vị thực hiện: Chi bộ Khoa Nội; thời hạn: 05/07/2023)." \
        in body  # fmt: skip
    assert "- Thông qua nghị quyết: " in body
    assert draft.date == meeting.date


def test_minutes_use_the_minutes_text_and_header(world):
    meeting = _held(world, hospital_meeting(world))
    draft = draft_for("minutes", organization=world.hospital, year=2023, meeting=meeting)
    assert (draft.type_code, draft.type_name) == ("BB", "Biên bản")
    assert draft.issuer == "Đảng ủy Bệnh viện Đa khoa A" and draft.superior == "Đảng bộ Sở Y tế"
    assert "| Có mặt | 3 |" in draft.body or "| Có mặt |" in draft.body
    assert "- Hoàn chỉnh nghị quyết (đơn vị thực hiện: Chi bộ Khoa Nội" in draft.body
    assert [s.titles for s in draft.signatures] == [("THƯ KÝ",), ("CHỦ TRÌ",)]
    assert draft.recipients == ()


def test_bad_calls(world):
    with pytest.raises(ValueError, match="needs a meeting"):
        draft_for("minutes", organization=world.hospital, year=2023)
    with pytest.raises(ValueError, match="unknown document kind"):
        draft_for("plan", organization=world.hospital, year=2023)


def test_term_resolution_checkpoint_in_the_period_is_reported(world):
    """A congress resolution's midterm checkpoint dated in the year joins the year-end report
    (and not the mid-year one when dated in the second half)."""
    term = Resolution.objects.create(
        organization=world.hospital, horizon="term", year=2020, end_year=2025,
        number="01-NQ/ĐH", issued_on=dt.date(2020, 7, 10), title="Nghị quyết Đại hội",
    )  # fmt: skip
    Target.objects.create(resolution=term, position=1, title="Kết nạp 50 đảng viên",
                          kind="numeric", unit="người", planned=Decimal(50))  # fmt: skip
    term.checkpoints.create(kind="midterm", as_of=dt.date(2023, 9, 30),
                            deadline=dt.date(2023, 10, 15))  # fmt: skip
    yearend = draft_for("yearend_report", organization=world.hospital, year=2023).body
    assert "## Kết quả thực hiện Nghị quyết số 01-NQ/ĐH ngày 10/07/2020 (nhiệm kỳ 2020–2025)" in (
        yearend
    )
    assert "| 1 | Kết nạp 50 đảng viên | 50 người | — | Chưa có số liệu |" in yearend
    midyear = draft_for("midyear_report", organization=world.hospital, year=2023).body
    assert "01-NQ/ĐH" not in midyear and prose.NO_TARGETS in midyear
