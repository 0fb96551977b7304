"""The pure news-draft builder (issue 10, item 6): every branch of ``news.drafts`` — the news
style of the seed stories (``../shared/seeds/000_*.txt``, ``003_*.txt``), figures only from
counts through the summary builders, the seed's slips not reproduced, and only names and public
titles of people."""

from __future__ import annotations

import datetime as dt

import pytest

from dangbo.awards.summary import AwardItem
from dangbo.evaluations.summary import LevelCounts
from dangbo.news import drafts
from dangbo.news.drafts import Honour, Record, Said, Speaker, Story, YearEnd

GUEST = Speaker(
    "Phạm Quốc Thành", "Đại tá", ("Ủy viên Thường vụ Đảng ủy", "Phó Chủ nhiệm Hậu cần Quân khu")
)
CHAIR = Speaker("Bùi Thị Vi", "BS CKII", ("Bí thư Đảng ủy", "Giám đốc Bệnh viện"))
ORG = "Đảng bộ Bệnh viện Đa khoa Hà Đông"
TARGETS = (
    "Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu, chưa "
    "thực hiện 3 chỉ tiêu, có 3 chỉ tiêu chưa đạt."
)


def record(**values) -> Record:
    base = dict(
        title="Hội nghị Đảng ủy Bệnh viện phiên 6 tháng đầu năm 2023",
        date=dt.date(2023, 6, 29),
        start=dt.time(13, 30),
        organization="Đảng bộ Bệnh viện Quân dân y miền Đông",
        host="Đảng ủy Bệnh viện Quân dân y miền Đông",
    )
    base.update(values)
    return Record(**base)


# ---- words ---------------------------------------------------------------------------------
def test_speaker_display_with_rank_titles_and_without_rank():
    """Seed 000: "Đại tá Lê Chí Dũng, Ủy viên thường vụ Đảng ủy, Phó Chủ nhiệm Hậu cần Quân
    khu"; without a rank the news writes "đồng chí"; empty titles are skipped."""
    assert GUEST.display == (
        "Đại tá Phạm Quốc Thành, Ủy viên Thường vụ Đảng ủy, Phó Chủ nhiệm Hậu cần Quân khu"
    )
    assert Speaker("Nguyễn Văn An", "", ("", "Bí thư Chi bộ")).display == (
        "đồng chí Nguyễn Văn An, Bí thư Chi bộ"
    )
    assert Speaker("Nguyễn Văn An").display == "đồng chí Nguyễn Văn An"


@pytest.mark.parametrize(
    ("at", "word"),
    [
        (dt.time(7, 30), "Sáng"),
        (dt.time(10, 59), "Sáng"),
        (dt.time(11, 0), "Trưa"),
        (dt.time(13, 0), "Chiều"),
        (dt.time(17, 59), "Chiều"),
        (dt.time(18, 0), "Tối"),
    ],
)
def test_time_of_day(at, word):
    assert drafts.time_of_day(at) == word


def test_when_writes_the_news_date_without_leading_zeros():
    """Seed 000: "Chiều ngày 29/6/2023"."""
    assert drafts.when(dt.date(2023, 6, 29), dt.time(13, 30)) == "Chiều ngày 29/6/2023"
    assert drafts.when(dt.date(2022, 1, 14), dt.time(8, 0)) == "Sáng ngày 14/1/2022"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ghi nhận kết quả", "ghi nhận kết quả"),
        ("UBND Thành phố", "UBND Thành phố"),  # an abbreviation keeps its capitals
        ("đã lowered", "đã lowered"),
        ("A", "A"),
        ("", ""),
    ],
)
def test_lower_first(text, expected):
    assert drafts.lower_first(text) == expected


def test_clause_and_sentence():
    assert drafts.clause(" Góp ý về cơ chế tự chủ. ") == "góp ý về cơ chế tự chủ"
    assert drafts.clause("Đề xuất giải pháp;") == "đề xuất giải pháp"
    assert drafts.sentence("tổ chức tốt công tác") == "Tổ chức tốt công tác."
    assert drafts.sentence("Đã xong!") == "Đã xong!"
    assert drafts.upper_first("") == ""


@pytest.mark.parametrize(
    ("parts", "expected"),
    [([], ""), (["a"], "a"), (["a", "b"], "a và b"), (["a", "b", "c"], "a, b và c")],
)
def test_join_and(parts, expected):
    assert drafts.join_and(parts) == expected


def test_join_and_with_semicolons_for_guests():
    assert drafts.join_and(["a, x", "b", "c"], sep="; ") == "a, x; b và c"


def test_without_counts_drops_the_typed_target_counts_only():
    """Issue 10: the figures come from the records — the clause of a report summary that
    restates the target counts is left to the computed sentence; the rest is kept."""
    summary = (
        "Trong 6 tháng đầu năm 2023, Đảng ủy đã quán triệt nghị quyết; lãnh đạo thực hiện 13 "
        "chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu. Có 3 tiêu chí chưa đạt. "
        "Tổ chức tốt công tác thu dung điều trị;; kết nạp 12 điều y đức."
    )
    assert drafts.without_counts(summary) == (
        "Trong 6 tháng đầu năm 2023, Đảng ủy đã quán triệt nghị quyết. "
        "Tổ chức tốt công tác thu dung điều trị; kết nạp 12 điều y đức."
    )


def test_story_title_of_a_year_end_review_names_the_organization():
    """Seed 003's title: "Đảng bộ Bệnh viện … tổng kết công tác năm 2021 và triển khai …"."""
    yearend = record(
        title="Hội nghị tổng kết công tác năm 2021 và triển khai phương hướng, nhiệm vụ năm 2022",
        organization=ORG,
    )
    assert drafts.story_title(yearend) == (
        "Đảng bộ Bệnh viện Đa khoa Hà Đông tổng kết công tác năm 2021 và triển khai phương "
        "hướng, nhiệm vụ năm 2022"
    )
    # Seed 000's title is the meeting's own: it goes on with the body's name.
    assert drafts.story_title(record()) == "Hội nghị Đảng ủy Bệnh viện phiên 6 tháng đầu năm 2023"
    assert drafts.story_title(record(title="Sinh hoạt chuyên đề")) == "Sinh hoạt chuyên đề"


# ---- the mid-year session (seed 000) --------------------------------------------------------
def mid_year() -> Record:
    return record(
        committee="Đảng ủy Bệnh viện Quân dân y miền Đông",
        period="Trong 6 tháng đầu năm 2023",
        guests=(
            GUEST,
            Speaker("Đỗ Văn Khải", "Đại tá", ("Trưởng phòng Tham mưu",)),
            Speaker("Vũ Đình Lộc", "Đại tá", ("Trưởng phòng Quân y",)),
            Speaker("Hồ Sỹ Nghĩa", "Đại tá", ("Phó Chủ nhiệm Chính trị Cục Hậu cần",)),
        ),
        targets=TARGETS,
        reports=(
            "Trong 6 tháng đầu năm 2023, Đảng ủy Bệnh viện đã lãnh đạo quán triệt nghị quyết; "
            "lãnh đạo thực hiện 13 chỉ tiêu chủ yếu. Tổ chức tốt công tác thu dung điều trị.",
            "  ",
        ),
        discussion=("Đánh giá tiến độ 6 tháng đầu năm.", "", "Góp ý về cơ chế tự chủ."),
        directives=(Said(GUEST, "Ghi nhận, đánh giá cao những kết quả Bệnh viện đạt được."),),
        conclusions=(
            Said(
                Speaker("Trần Đức Nhiên", "Đại tá", ("Bí thư Đảng ủy", "Chính ủy Bệnh viện")),
                "Thay mặt Đảng ủy Bệnh viện tiếp thu ý kiến; đề nghị cơ quan tham mưu hoàn "
                "chỉnh nghị quyết và các báo cáo để ban hành.",
            ),
        ),
    )


def test_mid_year_story_in_the_style_of_seed_000():
    story = drafts.build(mid_year())
    assert isinstance(story, Story)
    assert story.title == "Hội nghị Đảng ủy Bệnh viện phiên 6 tháng đầu năm 2023"
    opening, targets, report, discussion, directive, conclusion = story.paragraphs
    assert opening == (
        "Chiều ngày 29/6/2023, Đảng ủy Bệnh viện Quân dân y miền Đông tổ chức Hội nghị Đảng ủy "
        "Bệnh viện phiên 6 tháng đầu năm 2023. Tham dự hội nghị có Đại tá Phạm Quốc Thành, Ủy "
        "viên Thường vụ Đảng ủy, Phó Chủ nhiệm Hậu cần Quân khu; Đại tá Đỗ Văn Khải, Trưởng "
        "phòng Tham mưu; Đại tá Vũ Đình Lộc, Trưởng phòng Quân y và Đại tá Hồ Sỹ Nghĩa, Phó Chủ "
        "nhiệm Chính trị Cục Hậu cần."
    )
    assert targets == (
        "Trong 6 tháng đầu năm 2023, Đảng ủy Bệnh viện Quân dân y miền Đông đã lãnh đạo thực "
        "hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu, chưa thực hiện 3 "
        "chỉ tiêu, có 3 chỉ tiêu chưa đạt."
    )
    assert report == (
        "Trong 6 tháng đầu năm 2023, Đảng ủy Bệnh viện đã lãnh đạo quán triệt nghị quyết. "
        "Tổ chức tốt công tác thu dung điều trị."
    )
    assert discussion == (
        "Tham gia thảo luận tại hội nghị, các đại biểu tập trung đánh giá tiến độ 6 tháng đầu "
        "năm; góp ý về cơ chế tự chủ."
    )
    assert directive == (
        "Phát biểu chỉ đạo tại Hội nghị, Đại tá Phạm Quốc Thành, Ủy viên Thường vụ Đảng ủy, Phó "
        "Chủ nhiệm Hậu cần Quân khu ghi nhận, đánh giá cao những kết quả Bệnh viện đạt được."
    )
    assert conclusion.startswith(
        "Phát biểu kết luận hội nghị, Đại tá Trần Đức Nhiên, Bí thư Đảng ủy, Chính ủy Bệnh viện "
        "thay mặt Đảng ủy Bệnh viện tiếp thu ý kiến; đề nghị cơ quan tham mưu"
    )
    assert story.captions == (
        "Quang cảnh hội nghị.",
        "Đại tá Phạm Quốc Thành, Ủy viên Thường vụ Đảng ủy, Phó Chủ nhiệm Hậu cần Quân khu "
        "phát biểu chỉ đạo tại hội nghị.",
        "Đại tá Trần Đức Nhiên, Bí thư Đảng ủy, Chính ủy Bệnh viện phát biểu kết luận tại hội "
        "nghị.",
    )
    assert story.text.startswith(story.title + "\n\n" + opening + "\n\n")


def test_minimal_record_without_targets_speakers_or_period():
    """Nothing recorded but the meeting: the opening only; a report is kept as typed when no
    computed sentence replaces its figures; unnamed speakers are not invented."""
    story = drafts.build(
        record(
            reports=("lãnh đạo thực hiện 5 chỉ tiêu",),
            directives=(Said(None, "Yêu cầu tiếp tục."),),
            conclusions=(Said(None, "Kết luận."),),
        )
    )
    assert story.paragraphs == (
        "Chiều ngày 29/6/2023, Đảng ủy Bệnh viện Quân dân y miền Đông tổ chức Hội nghị Đảng ủy "
        "Bệnh viện phiên 6 tháng đầu năm 2023.",
        "Lãnh đạo thực hiện 5 chỉ tiêu.",
        "Phát biểu chỉ đạo tại Hội nghị, đại biểu cấp trên yêu cầu tiếp tục.",
        "Phát biểu kết luận hội nghị kết luận.",
    )
    assert story.captions == ("Quang cảnh hội nghị.",)


def test_targets_without_period_are_led_by_the_host():
    story = drafts.build(record(targets=TARGETS))
    assert story.paragraphs[1].startswith(
        "Đảng ủy Bệnh viện Quân dân y miền Đông đã lãnh đạo thực hiện 13 chỉ tiêu chủ yếu"
    )


# ---- the year-end review (seed 003) ---------------------------------------------------------
CELLS = LevelCounts(excellent=7, good=22, completed=4)
MEMBERS = LevelCounts(excellent=51, good=205, completed=5)
AWARDS = (
    AwardItem("bang_khen", "prime_minister", False, "Thủ tướng Chính phủ"),
    *[AwardItem("bang_khen", "provincial_people", True, "UBND Thành phố Hà Nội")] * 3,
    *[AwardItem("bang_khen", "provincial_people", False, "UBND Thành phố Hà Nội")] * 3,
    AwardItem("giay_khen", "district_committee", True, "Quận ủy Hà Đông"),
)
HONOUR = Honour("Quận ủy Hà Đông", "giấy khen", ORG, "Trong sạch, vững mạnh tiêu biểu năm 2021")


def year_end(**values) -> Record:
    ye = dict(
        year=2021, cells=CELLS, members=MEMBERS, collective="htxsnv",
        organization_level="htxsnv", recognized=True, awards=AWARDS, honours=(HONOUR,),
        directions=("Tiếp tục thực hiện tốt công tác phòng, chống dịch bệnh COVID-19.",
                    "Đẩy mạnh triển khai kỹ thuật mới"),
    )  # fmt: skip
    ye.update(values)
    return record(
        title="Hội nghị tổng kết công tác năm 2021 và triển khai phương hướng, nhiệm vụ năm 2022",
        date=dt.date(2022, 1, 14),
        start=dt.time(8, 0),
        organization=ORG,
        host=ORG,
        committee="Đảng ủy Bệnh viện Đa khoa Hà Đông",
        period="Năm 2021",
        chair=CHAIR,
        attendees="các đồng chí lãnh đạo khoa, phòng cùng các đảng viên tiêu biểu của Đảng bộ",
        conclusions=(Said(CHAIR, "Ghi nhận, biểu dương những kết quả đạt được."),),
        year_end=YearEnd(**ye),
    )


def test_year_end_story_carries_the_figures_of_seed_003_with_the_correct_wording():
    """Seed 003 with its slips corrected: 22 cells rated "tốt" (not "hoàn thành"), and the
    members' share "hoàn thành tốt nhiệm vụ trở lên" is 256/261, not 100%."""
    story = drafts.build(year_end())
    text = story.text
    assert story.paragraphs[0] == (
        "Sáng ngày 14/1/2022, Đảng bộ Bệnh viện Đa khoa Hà Đông tổ chức Hội nghị tổng kết công "
        "tác năm 2021 và triển khai phương hướng, nhiệm vụ năm 2022. Chủ trì Hội nghị có BS CKII "
        "Bùi Thị Vi, Bí thư Đảng ủy, Giám đốc Bệnh viện. Tham dự Hội nghị có các đồng chí lãnh "
        "đạo khoa, phòng cùng các đảng viên tiêu biểu của Đảng bộ."
    )
    assert (
        "Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên năm 2021: 7 chi bộ "
        "hoàn thành xuất sắc nhiệm vụ, 22 chi bộ hoàn thành tốt nhiệm vụ, 4 chi bộ hoàn thành "
        "nhiệm vụ; 51 đảng viên hoàn thành xuất sắc nhiệm vụ, 205 đảng viên hoàn thành tốt nhiệm "
        "vụ, 5 đảng viên hoàn thành nhiệm vụ; Tập thể lãnh đạo, quản lý hoàn thành xuất sắc "
        "nhiệm vụ. Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên đạt 98,1% (256/261 đảng viên "
        "được xếp loại)."
    ) in story.paragraphs
    assert "100%" not in text
    assert (
        "Đảng bộ Bệnh viện Đa khoa Hà Đông được xếp loại hoàn thành xuất sắc nhiệm vụ; đặc biệt, "
        "năm 2021 Đảng bộ Bệnh viện Đa khoa Hà Đông vinh dự được tổ chức đảng cấp trên công nhận "
        "là “trong sạch, vững mạnh tiêu biểu năm 2021”." in story.paragraphs
    )
    assert (
        "Trong công tác thi đua, khen thưởng năm 2021, các tập thể và cá nhân của Đảng bộ Bệnh "
        "viện Đa khoa Hà Đông được tặng: 01 bằng khen cá nhân của Thủ tướng Chính phủ; 03 bằng "
        "khen tập thể và 03 bằng khen cá nhân của UBND Thành phố Hà Nội; 01 giấy khen tập thể "
        "của Quận ủy Hà Đông." in story.paragraphs
    )
    assert story.paragraphs[-1] == (
        "Về phương hướng, nhiệm vụ năm 2022: tiếp tục thực hiện tốt công tác phòng, chống dịch "
        "bệnh COVID-19; đẩy mạnh triển khai kỹ thuật mới."
    )
    assert story.captions == (
        "Quang cảnh hội nghị.",
        "BS CKII Bùi Thị Vi, Bí thư Đảng ủy, Giám đốc Bệnh viện phát biểu kết luận tại hội nghị.",
        "Quận ủy Hà Đông tặng giấy khen Đảng bộ Bệnh viện Đa khoa Hà Đông: Trong sạch, vững "
        "mạnh tiêu biểu năm 2021.",
    )


def test_year_end_without_ratings_awards_or_directions():
    """Nothing rated, no level, no commendation, no direction: no such paragraph (never a
    "Chưa có kết quả" sentence in a news story)."""
    story = drafts.build(
        year_end(
            cells=None,
            members=LevelCounts(pending=3),
            collective=None,
            organization_level=None,
            awards=(),
            honours=(),
            directions=(),
        )  # fmt: skip
    )
    text = story.text
    assert "xếp loại" not in text and "khen thưởng" not in text and "phương hướng, nhiệm" in text
    assert not any(p.startswith("Về phương hướng") for p in story.paragraphs)
    assert story.captions[-1].endswith("phát biểu kết luận tại hội nghị.")


def test_year_end_collective_only_and_level_without_recognition():
    story = drafts.build(
        year_end(
            cells=None,
            members=None,
            collective="httnv",
            organization_level="httnv",
            recognized=False,
        )  # fmt: skip
    )
    assert (
        "Kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng và đảng viên năm 2021: Tập thể "
        "lãnh đạo, quản lý hoàn thành tốt nhiệm vụ." in story.paragraphs
    )
    assert "Đảng bộ Bệnh viện Đa khoa Hà Đông được xếp loại hoàn thành tốt nhiệm vụ." in (
        story.paragraphs
    )
    assert "tiêu biểu năm 2021”" not in story.text
