"""``news.draft_queries.story_for_meeting`` on the demo (issue 10, items 6–7): the mid-year
session of 29/6/2023 (seed 000) carries every fact of the seed — the four guests' ranks and
titles (synthetic names: the demo's ``GuestSpec`` values), 13 / 7 / 3 / 3 from the frozen
checkpoint, the directive speech's points, the conclusion asking the staff office to complete
the resolution and the reports — and no personal data. Also the public titles of a member."""

from __future__ import annotations

import pytest

from dangbo.demo.meetings_demo import GUESTS, SESSION_DAY
from dangbo.meetings.models import Meeting
from dangbo.members.models import Member
from dangbo.news.draft_queries import position, rank_of, story_for_meeting
from dangbo.organizations.models import Department
from tests.demo.conftest import demo  # noqa: F401 — the demo, loaded once for this module
from tests.demo.test_demo_yearend_2021 import no_personal_data

pytestmark = pytest.mark.django_db


def session() -> Meeting:
    return Meeting.objects.get(organization__code="QDY", date=SESSION_DAY)


def test_session_story_carries_every_fact_of_seed_000(demo):  # noqa: F811
    m = session()
    story = story_for_meeting(m)
    text = story.text
    assert story.title == "Hội nghị Đảng ủy Bệnh viện phiên 6 tháng đầu năm 2023"
    assert story.paragraphs[0].startswith(
        "Chiều ngày 29/6/2023, Đảng ủy Bệnh viện Quân dân y miền Đông tổ chức"
    )
    # The four guests with rank, titles and position, in order, joined as the seed does.
    shown = [
        ", ".join(p for p in (f"{g.rank} {g.full_name}", g.title, g.position) if p) for g in GUESTS
    ]
    assert f"Tham dự hội nghị có {shown[0]}; {shown[1]}; {shown[2]} và {shown[3]}." in text
    assert [g.rank for g in GUESTS] == ["Đại tá"] * 4
    assert "Ủy viên Thường vụ Đảng ủy, Phó Chủ nhiệm Hậu cần Quân khu" in shown[0]
    # The targets from the frozen mid-year checkpoint.
    assert (
        "Trong 6 tháng đầu năm 2023, Đảng ủy Bệnh viện Quân dân y miền Đông đã lãnh đạo thực "
        "hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu, chưa thực hiện 3 "
        "chỉ tiêu, có 3 chỉ tiêu chưa đạt." in story.paragraphs
    )
    assert text.count("13 chỉ tiêu") == 1  # the typed figures of the report are not repeated
    assert "Tham gia thảo luận tại hội nghị, các đại biểu tập trung" in text
    # The directive speech: the guest's rank, name, titles and the points of the seed.
    directive = next(p for p in story.paragraphs if p.startswith("Phát biểu chỉ đạo"))
    assert directive.startswith(f"Phát biểu chỉ đạo tại Hội nghị, {shown[0]} ghi nhận, đánh giá")
    for point in (
        "quán triệt, triển khai thực hiện sâu sắc các nghị quyết, chỉ thị",
        "đổi mới nâng cao chất lượng phục vụ người bệnh",
        "nghiên cứu khoa học, sáng kiến, cải tiến kỹ thuật",
        "công tác chính sách, dân vận",
        "mở rộng khu điều trị 260 giường",
        "tổ chức quần chúng hoạt động hiệu quả",
    ):
        assert point in directive, point
    # The conclusion of the secretary: the staff office completes the resolution and reports.
    conclusion = next(p for p in story.paragraphs if p.startswith("Phát biểu kết luận"))
    chair = m.chair
    assert conclusion.startswith(
        f"Phát biểu kết luận hội nghị, {chair.military_rank} {chair.full_name}, Bí thư Đảng ủy"
    )
    assert "cơ quan tham mưu ghi nhận, bổ sung, hoàn chỉnh nghị quyết và các báo cáo" in conclusion
    assert story.captions == (
        "Quang cảnh hội nghị.",
        f"{shown[0]} phát biểu chỉ đạo tại hội nghị.",
        f"{chair.military_rank} {chair.full_name}, Bí thư Đảng ủy, Chính ủy Bệnh viện phát "
        "biểu kết luận tại hội nghị.",
    )


def test_session_story_has_no_personal_data(demo):  # noqa: F811
    """Item 6: the two absent committee members and their reasons are not in the story; no
    birth date; no level next to a name; only the secretary is named among the members."""
    m = session()
    story = story_for_meeting(m)
    text = "\n".join((story.text, *story.captions))
    no_personal_data(text, m)
    named = [n for n in Member.objects.values_list("full_name", flat=True) if n in text]
    assert named == [m.chair.full_name]


def test_public_titles_of_a_member(demo):  # noqa: F811
    """A speaker's public title: the military rank, else a doctor's or pharmacist's title;
    the position with its department ("Trưởng khoa Cấp cứu", "Giám đốc Bệnh viện")."""
    qdy = Department.objects.get(organization__code="QDY", name="Khoa Cấp cứu")
    board = Department.objects.get(organization__code="QDY", name="Ban Giám đốc")
    m = Member(full_name="Nguyễn Văn An", job_title="Trưởng khoa", department=qdy)
    assert position(m) == "Trưởng khoa Cấp cứu"
    m.job_title = "Điều dưỡng trưởng"
    assert position(m) == "Điều dưỡng trưởng Khoa Cấp cứu"
    m.department = board
    m.job_title = "Giám đốc"
    assert position(m) == "Giám đốc Bệnh viện"
    assert position(Member(full_name="A", job_title="Chuyên viên")) == "Chuyên viên"
    assert position(Member(full_name="A", job_title="")) == ""
    assert rank_of(Member(military_rank="Đại tá", professional_title="BS CKII")) == "Đại tá"
    assert rank_of(Member(professional_title="BS CKII")) == "BS CKII"
    assert rank_of(Member(professional_title="Cử nhân")) == ""
