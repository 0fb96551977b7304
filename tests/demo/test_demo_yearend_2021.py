"""The demo records behind seed 003 (issue 10, item 7) and their news draft (item 6): Hà Đông's
2021 year-end review conference of January 2022, the 2021 resolution with its year-end
checkpoint frozen in January 2022, and the story ``news.draft_queries.story_for_meeting``
writes from them — every fact of the seed, its two slips corrected, no personal data."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from dangbo.demo.meetings_demo import (
    YEAREND_DAY,
    YEAREND_DIRECTIONS,
    YEAREND_TITLE,
)
from dangbo.demo.targets_demo import HD_2021
from dangbo.evaluations.models import Rating
from dangbo.evaluations.rulesets.base import Level, SubjectKind
from dangbo.meetings.models import Attendance, Meeting, MeetingStatus, SpeechKind
from dangbo.meetings.rules import MeetingKind
from dangbo.members.models import Member
from dangbo.news.draft_queries import story_for_meeting
from dangbo.news.drafts import clause
from dangbo.organizations.models import CommitteeMembership
from dangbo.targets.models import Checkpoint, Resolution
from dangbo.targets.queries import resolution_figures, year_end_share

pytestmark = pytest.mark.django_db

LEVEL_WORDS = ("hoàn thành xuất sắc", "hoàn thành tốt", "hoàn thành nhiệm vụ", "không hoàn thành")


def review() -> Meeting:
    return Meeting.objects.get(organization__code="HD", kind=MeetingKind.YEAR_END_REVIEW)


def secretary_on(day: dt.date) -> Member:
    return CommitteeMembership.objects.get(
        committee__term__organization__code="HD", committee__kind="executive", role="secretary",
        committee__term__starts_on__lte=day, committee__term__ends_on__gte=day,
    ).member  # fmt: skip


# ---- the records ----------------------------------------------------------------------------
def test_year_end_review_conference_of_january_2022(demo):
    """Item 7: a year-end review of the Đảng bộ, held before the story's date (19/01/2022),
    presided by the secretary — the director, a BS CKII as in the seed."""
    m = review()
    assert m.title == YEAREND_TITLE
    assert m.date == YEAREND_DAY < dt.date(2022, 1, 19)
    assert m.status == MeetingStatus.HELD
    chair = secretary_on(m.date)
    assert m.chair == chair
    assert chair.job_title == "Giám đốc" and chair.professional_title == "BS CKII"
    kinds = list(m.speeches.values_list("kind", flat=True))
    assert kinds[0] == SpeechKind.REPORT and kinds[-1] == SpeechKind.CONCLUSION
    assert m.speeches.get(kind=SpeechKind.CONCLUSION).attendance.member == chair
    assert list(m.conclusions.values_list("text", flat=True)) == list(YEAREND_DIRECTIONS)
    assert not m.conclusions.filter(task__isnull=False).exists()  # directions, not tasks


def test_invited_are_the_leaders_and_the_outstanding_members_not_everyone(demo):
    """Item 7: heads of the board and departments and the members rated excellent in 2021 —
    not the 261 members (the demo stays fast)."""
    m = review()
    invited = Member.objects.filter(meeting_attendances__meeting=m)
    excellent = set(
        Rating.objects.filter(
            campaign__organization__code="HD", campaign__year=2021,
            subject_kind=SubjectKind.MEMBER, decided_level=Level.EXCELLENT.value,
            member__exempt_since__isnull=True, member__suspended_since__isnull=True,
        ).values_list("member_id", flat=True)
    )  # fmt: skip
    ids = set(invited.values_list("id", flat=True))
    assert excellent <= ids
    others = invited.exclude(id__in=excellent)
    assert others.exists()
    assert set(others.values_list("job_title", flat=True)) <= {
        "Giám đốc", "Phó Giám đốc", "Trưởng khoa", "Trưởng phòng",
    }  # fmt: skip
    assert 60 < len(ids) < 150
    assert not Attendance.objects.filter(meeting=m).exclude(status="present").exists()


def test_hd_2021_resolution_all_met_or_exceeded_at_the_checkpoint_frozen_in_january_2022(demo):
    """Item 7: the resolution behind the story: six targets, every one met or exceeded at the
    year-end checkpoint frozen in January 2022 (before the conference)."""
    res = Resolution.objects.get(organization__code="HD", year=2021, number=HD_2021.number)
    cp = Checkpoint.objects.get(resolution=res, kind="annual")
    assert cp.frozen_at is not None
    assert cp.frozen_at.date() < YEAREND_DAY and (cp.frozen_at.year, cp.frozen_at.month) == (
        2022, 1,
    )  # fmt: skip
    figures = resolution_figures(res, cp)
    assert len(figures.rows) == 6
    assert all(r.status.achieved for r in figures.rows)
    assert figures.sentence == (
        "Lãnh đạo thực hiện 6 chỉ tiêu chủ yếu, cả 6 chỉ tiêu đều đạt và vượt."
    )
    share = year_end_share(res.organization, 2021)
    assert share is not None and (share.met, share.total, share.key_missed) == (6, 6, False)


# ---- the story ------------------------------------------------------------------------------
def test_story_carries_every_fact_of_seed_003_with_the_correct_wording(demo):
    """Items 6–7, seed 003: time, organization, the secretary presiding (BS CKII, Giám đốc),
    who attended, the targets, the ratings 7/22/4 cells and 51/205/5 members worded correctly
    (22 cells "tốt", not the seed's "hoàn thành"; no "100%"), the collective excellent, the
    recognition, the commendations, the directions for 2022."""
    m = review()
    story = story_for_meeting(m)
    text = story.text
    chair = m.chair
    assert story.title == (
        "Đảng bộ Bệnh viện Đa khoa Hà Đông tổng kết công tác năm 2021 và triển khai phương "
        "hướng, nhiệm vụ năm 2022"
    )
    assert text.count("Sáng ngày 14/1/2022, Đảng bộ Bệnh viện Đa khoa Hà Đông tổ chức") == 1
    assert (
        f"Chủ trì Hội nghị có BS CKII {chair.full_name}, Bí thư Đảng ủy, Giám đốc Bệnh viện."
        in text
    )
    assert "lãnh đạo khoa, phòng cùng các đảng viên tiêu biểu của Đảng bộ" in text
    assert "6 chỉ tiêu chủ yếu, cả 6 chỉ tiêu đều đạt và vượt" in text
    assert "7 chi bộ hoàn thành xuất sắc nhiệm vụ, 22 chi bộ hoàn thành tốt nhiệm vụ, 4 chi bộ " \
        "hoàn thành nhiệm vụ" in text  # fmt: skip
    assert "51 đảng viên hoàn thành xuất sắc nhiệm vụ, 205 đảng viên hoàn thành tốt nhiệm vụ, " \
        "5 đảng viên hoàn thành nhiệm vụ" in text  # fmt: skip
    assert "22 chi bộ hoàn thành nhiệm vụ" not in text and "100%" not in text
    assert "98,1% (256/261 đảng viên được xếp loại)" in text
    assert "Tập thể lãnh đạo, quản lý hoàn thành xuất sắc nhiệm vụ" in text
    assert "Đảng bộ Bệnh viện Đa khoa Hà Đông được xếp loại hoàn thành xuất sắc nhiệm vụ" in text
    assert "“trong sạch, vững mạnh tiêu biểu năm 2021”" in text
    assert (
        "01 bằng khen cá nhân của Thủ tướng Chính phủ; 03 bằng khen tập thể và 03 bằng khen cá "
        "nhân của UBND Thành phố Hà Nội; 01 giấy khen tập thể của Quận ủy Hà Đông" in text
    )
    assert "SARS-CoV-2 bằng kỹ thuật Realtime RT-PCR" in text
    directions = next(p for p in story.paragraphs if p.startswith("Về phương hướng"))
    assert directions.startswith("Về phương hướng, nhiệm vụ năm 2022: ")
    for direction in YEAREND_DIRECTIONS:
        assert clause(direction) in directions
    assert story.captions[0] == "Quang cảnh hội nghị."
    assert (
        f"BS CKII {chair.full_name}, Bí thư Đảng ủy, Giám đốc Bệnh viện phát biểu kết luận tại "
        "hội nghị." in story.captions
    )
    assert (
        "Quận ủy Hà Đông tặng giấy khen Đảng bộ Bệnh viện Đa khoa Hà Đông: Trong sạch, vững "
        "mạnh tiêu biểu năm 2021." in story.captions
    )


def no_personal_data(text: str, meeting: Meeting) -> None:
    """Item 6: no member's birth date (dd/mm/yyyy or d/m/yyyy), no level word right after a
    member's name, no absence reason of the meeting."""
    births = Member.objects.exclude(date_of_birth=None).values_list("date_of_birth", flat=True)
    for born in births:
        for shown in (f"{born:%d/%m/%Y}", f"{born.day}/{born.month}/{born.year}"):
            assert shown not in text, shown
    for name in Member.objects.values_list("full_name", flat=True):
        for match in re.finditer(re.escape(name), text):
            after = text[match.end() : match.end() + 120].lower()
            cut = re.split(r"[.;]", after, maxsplit=1)[0]  # the rest of the clause
            assert not any(word in cut for word in LEVEL_WORDS), (name, cut)
    for a in Attendance.objects.filter(meeting=meeting).exclude(status="present"):
        assert a.member.full_name not in text
        if a.reason_label:
            assert a.reason_label not in text


def test_story_has_no_personal_data(demo):
    """Item 6: only names and public titles of the chair and speakers; no named rating, no
    birth date, no absence; the members named are the chair only."""
    m = review()
    text = "\n".join((story_for_meeting(m).text, *story_for_meeting(m).captions))
    no_personal_data(text, m)
    named = [n for n in Member.objects.values_list("full_name", flat=True) if n in text]
    assert named == [m.chair.full_name]


def test_story_reads_a_bounded_number_of_queries(demo, django_assert_max_num_queries):
    m = review()
    with django_assert_max_num_queries(25):
        story_for_meeting(m)
