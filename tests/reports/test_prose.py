"""The prose of the generated documents (issue 10 item 3): plain values in, Vietnamese
administrative text in the minutes' light markup out; every figure is one passed in (from
``targets.summary``, ``evaluations.summary``, ``awards.summary``), none typed here."""

from __future__ import annotations

import datetime as dt

import pytest

from dangbo.evaluations.summary import LevelCounts
from dangbo.meetings.minutes import parse_body
from dangbo.reports import prose
from dangbo.reports.prose import (
    Direction,
    Ratings,
    ReportData,
    ResolutionData,
    ResultsPart,
    TargetLine,
)

SENTENCE = (
    "Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu, "
    "chưa thực hiện 3 chỉ tiêu, có 3 chỉ tiêu chưa đạt."
)
CELLS = LevelCounts(excellent=7, good=22, completed=4)
MEMBERS = LevelCounts(excellent=51, good=205, completed=5)


def lines() -> tuple[TargetLine, ...]:
    return (
        TargetLine("Tổng số lượt khám bệnh", "exceeded", "180.000 lượt", "96.500 lượt",
                   "đạt 107,2% kế hoạch"),
        TargetLine("Kết nạp đảng viên mới", "not_met", "10 đảng viên", "2 đảng viên", "",
                   "Thẩm tra lý lịch chậm.", "Đẩy nhanh thẩm tra."),
        TargetLine("Đề tài | nghiên cứu", "not_started", "12 đề tài"),
        TargetLine("Nâng cao chất lượng sinh hoạt", "behind"),
    )  # fmt: skip


def test_period_words_and_titles():
    assert prose.period_words("midyear", 2023) == ("6 tháng đầu năm 2023", "6 tháng cuối năm 2023")
    assert prose.period_words("yearend", 2021) == ("năm 2021", "năm 2022")
    assert prose.report_title("midyear", 2023) == (
        "Sơ kết công tác 6 tháng đầu năm 2023, phương hướng, nhiệm vụ 6 tháng cuối năm 2023"
    )
    assert prose.report_title("yearend", 2021) == (
        "Tổng kết công tác năm 2021, phương hướng, nhiệm vụ năm 2022"
    )
    assert prose.notice_title(2021).endswith("đảng viên năm 2021")
    assert prose.resolution_title("  Hội nghị   phiên 6 tháng ") == "Hội nghị phiên 6 tháng"


def test_small_helpers():
    assert prose.sentence(" lãnh đạo  thực hiện; ") == "Lãnh đạo thực hiện."
    assert prose.sentence("  ") == ""
    assert prose.lower_first("Lãnh đạo") == "lãnh đạo"
    assert prose.cell(" a | b ") == "a / b"
    assert prose.cell("") == "—"
    assert prose.level_text("htxsnv") == "hoàn thành xuất sắc nhiệm vụ"
    assert prose.level_text("") == ""
    assert TargetLine("x", "not_met").short and not TargetLine("x", "met").short


def test_direction_text_with_and_without_unit_and_deadline():
    full = Direction("Hoàn chỉnh báo cáo.", "Văn phòng", dt.date(2023, 7, 7))
    assert prose.direction_text(full) == (
        "- Hoàn chỉnh báo cáo (đơn vị thực hiện: Văn phòng; thời hạn: 07/07/2023)."
    )
    assert prose.direction_text(Direction("Làm A")) == "- Làm A."
    assert prose.direction_text(Direction("Làm B", deadline=dt.date(2024, 1, 5))) == (
        "- Làm B (thời hạn: 05/01/2024)."
    )


def test_target_table_writes_each_target_with_its_status():
    rows = prose.target_table(lines())
    assert rows[0] == "| TT | Chỉ tiêu | Kế hoạch | Kết quả thực hiện | Đánh giá |"
    assert rows[1] == (
        "| 1 | Tổng số lượt khám bệnh | 180.000 lượt | 96.500 lượt, đạt 107,2% kế hoạch | Vượt |"
    )
    assert rows[3] == "| 3 | Đề tài / nghiên cứu | 12 đề tài | — | Chưa thực hiện |"
    assert rows[4].endswith("| — | — | Chưa đạt tiến độ |")
    table = parse_body("\n".join(rows))[0]
    assert len(table.rows) == 4  # the bar in a title does not split a cell


def test_shortfalls_state_cause_and_remedy_or_say_none_recorded():
    short = prose.shortfall_lines(lines())
    assert short == [
        "- Kết nạp đảng viên mới (chưa đạt): nguyên nhân: Thẩm tra lý lịch chậm; giải pháp "
        "khắc phục: Đẩy nhanh thẩm tra.",
        "- Đề tài | nghiên cứu (chưa thực hiện): nguyên nhân: chưa ghi nhận; giải pháp khắc "
        "phục: chưa ghi nhận.",
        "- Nâng cao chất lượng sinh hoạt (chưa đạt tiến độ): nguyên nhân: chưa ghi nhận; giải "
        "pháp khắc phục: chưa ghi nhận.",
    ]
    assert prose.shortfall_lines(lines()[:1]) == []


def test_results_lines_continue_the_summary_sentence_after_the_committee():
    part = ResultsPart("Nghị quyết số 05-NQ/ĐU", SENTENCE, lines(), provisional=True)
    out = prose.results_lines(part, "6 tháng đầu năm 2023", "Đảng ủy Bệnh viện A")
    assert out[0] == "## Kết quả thực hiện Nghị quyết số 05-NQ/ĐU"
    assert out[1] == prose.PROVISIONAL
    assert out[2] == "Trong 6 tháng đầu năm 2023, Đảng ủy Bệnh viện A lãnh đạo thực hiện 13 chỉ " \
        "tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu, chưa thực hiện 3 chỉ tiêu, " \
        "có 3 chỉ tiêu chưa đạt."  # fmt: skip
    assert "**Những chỉ tiêu chưa đạt, nguyên nhân và giải pháp:**" in out
    # no committee, no lines, all met: the sentence alone
    met = ResultsPart("NQ", "Lãnh đạo thực hiện 1 chỉ tiêu chủ yếu, chỉ tiêu này đạt.",
                      (TargetLine("A", "met"),))  # fmt: skip
    out = prose.results_lines(met, "năm 2021")
    assert out[1] == "Trong năm 2021, lãnh đạo thực hiện 1 chỉ tiêu chủ yếu, chỉ tiêu này đạt."
    assert not any("nguyên nhân" in line for line in out)
    assert prose.results_lines(ResultsPart("NQ", "Chưa có chỉ tiêu chủ yếu nào để đánh giá."),
                               "năm 2021") == [
        "## Kết quả thực hiện NQ", "Trong năm 2021, chưa có chỉ tiêu chủ yếu nào để đánh giá.",
    ]  # fmt: skip


def test_ratings_table_rows_and_shares_come_from_the_counts():
    rows = prose.ratings_table(CELLS, MEMBERS)
    assert rows[0] == "| Xếp loại | Chi bộ | Tỷ lệ | Đảng viên | Tỷ lệ |"
    assert "| Hoàn thành xuất sắc nhiệm vụ | 7 | 21,2% | 51 | 19,5% |" in rows
    assert "| Hoàn thành tốt nhiệm vụ trở lên | 29 | 87,9% | 256 | 98,1% |" in rows
    assert "| Hoàn thành nhiệm vụ trở lên | 33 | 100,0% | 261 | 100,0% |" in rows
    assert rows[-1] == "| Tổng số được xếp loại | 33 | | 261 | |"
    # nobody rated on one side: dashes; not rated and pending rows when present
    rows = prose.ratings_table(LevelCounts(), LevelCounts(good=2, not_rated=1, pending=3))
    assert "| Hoàn thành tốt nhiệm vụ | — | — | 2 | 100,0% |" in rows
    assert rows[-2:] == ["| Không xếp loại | 0 | | 1 | |", "| Chưa có kết quả | 0 | | 3 | |"]


def test_ratings_lines():
    assert prose.ratings_lines(None, "Đảng bộ A", 2021) == [
        "Chưa có kết quả đánh giá, xếp loại chất lượng năm 2021."
    ]
    empty = Ratings(LevelCounts(), LevelCounts(pending=4), "Chưa có kết quả xếp loại")
    assert prose.ratings_lines(empty, "Đảng bộ A", 2021) == [
        "Chưa có kết quả đánh giá, xếp loại chất lượng năm 2021."
    ]
    full = Ratings(CELLS, MEMBERS, "7 chi bộ hoàn thành xuất sắc nhiệm vụ", collective="htxsnv",
                   organization_level="htxsnv", recognitions=("Đảng bộ A", "Nguyễn Văn B"),
                   provisional=True)  # fmt: skip
    out = prose.ratings_lines(full, "Đảng bộ A", 2021)
    assert out[0] == "_Kết quả tạm tính: đợt đánh giá chưa kết thúc._"
    assert out[1] == (
        "Kết quả đánh giá, xếp loại chất lượng năm 2021: 7 chi bộ hoàn thành xuất sắc nhiệm vụ."
    )
    assert "Đảng bộ A được xếp loại hoàn thành xuất sắc nhiệm vụ." in out
    assert out[-1] == "Được công nhận tiêu biểu: Đảng bộ A, Nguyễn Văn B."
    # only the collective rated: still reported, no organization line, no recognition
    only = Ratings(LevelCounts(), LevelCounts(), "Tập thể lãnh đạo, quản lý …", collective="htnv")
    out = prose.ratings_lines(only, "Đảng bộ A", 2021)
    assert out[0].startswith("Kết quả đánh giá") and not any("tiêu biểu" in x for x in out)
    assert not any("Đảng bộ A được xếp loại" in x for x in out)
    only_org = Ratings(LevelCounts(), LevelCounts(), "x", organization_level="httnv")
    assert "Đảng bộ A được xếp loại hoàn thành tốt nhiệm vụ." in prose.ratings_lines(
        only_org, "Đảng bộ A", 2021
    )


def test_directions_lines():
    assert prose.directions_lines([], "NQ") == [prose.NO_DIRECTIONS]
    assert prose.directions_lines([Direction("Làm A")], "") == ["- Làm A."]
    assert prose.directions_lines([Direction("Làm A")], "Nghị quyết số 01") == [
        "Căn cứ Nghị quyết số 01, tập trung thực hiện các nhiệm vụ sau:", "- Làm A.",
    ]  # fmt: skip


def test_midyear_report_body_has_results_and_directions_and_no_ratings():
    data = ReportData(
        "midyear", 2023, "Đảng bộ A", "Đảng ủy A",
        results=(ResultsPart("Nghị quyết số 05-NQ/ĐU", SENTENCE, lines()),),
        directions=(Direction("Hoàn chỉnh nghị quyết", "Đảng bộ A", dt.date(2023, 7, 5)),),
        directions_source="kết luận của hội nghị",
    )  # fmt: skip
    body = prose.report_body(data)
    assert body.startswith("# I. KẾT QUẢ LÃNH ĐẠO THỰC HIỆN NHIỆM VỤ 6 THÁNG ĐẦU NĂM 2023\n")
    assert "Đảng ủy A lãnh đạo thực hiện 13 chỉ tiêu chủ yếu" in body
    assert "# II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023" in body
    assert "xếp loại" not in body and "khen thưởng" not in body
    blocks = parse_body(body)
    assert blocks[0].text.startswith("I. KẾT QUẢ")


def test_yearend_report_body_with_no_targets_says_so_and_has_ratings_and_awards():
    ratings = Ratings(CELLS, MEMBERS, "7 chi bộ hoàn thành xuất sắc nhiệm vụ")
    data = ReportData(
        "yearend", 2021, "Đảng bộ A", ratings=ratings,
        awards_sentence="01 bằng khen cá nhân của Thủ tướng Chính phủ.",
    )  # fmt: skip
    body = prose.report_body(data)
    assert prose.NO_TARGETS in body
    assert "## Kết quả đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên" in body
    assert (
        "Năm 2021, tập thể và cá nhân trong Đảng bộ A được khen thưởng: 01 bằng khen cá nhân "
        "của Thủ tướng Chính phủ."
    ) in body
    assert "# II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2022\n" + prose.NO_DIRECTIONS in body


def test_resolution_body_restates_targets_assignments_and_votes():
    data = ResolutionData(
        "Hội nghị Đảng ủy phiên 6 tháng đầu năm 2023", dt.date(2023, 6, 29), "Đảng ủy A",
        targets_source="Nghị quyết số 05-NQ/ĐU", targets=lines(),
        assignments=(Direction("Hoàn chỉnh nghị quyết", "Đảng bộ A", dt.date(2023, 7, 5)),),
        votes=("Thông qua nghị quyết: Thông qua (12/12).",),
    )  # fmt: skip
    body = prose.resolution_body(data)
    assert body.startswith("Ngày 29/06/2023, Đảng ủy A họp Hội nghị Đảng ủy phiên 6 tháng")
    assert "Tiếp tục lãnh đạo thực hiện các chỉ tiêu của Nghị quyết số 05-NQ/ĐU:" in body
    assert "| 2 | Kết nạp đảng viên mới | 10 đảng viên | Chưa đạt |" in body
    assert "- Hoàn chỉnh nghị quyết (đơn vị thực hiện: Đảng bộ A; thời hạn: 05/07/2023)." in body
    assert "- Thông qua nghị quyết: Thông qua (12/12)." in body
    bare = prose.resolution_body(
        ResolutionData("Hội nghị", dt.date(2023, 6, 29), "Đảng ủy A", targets=lines()[:1])
    )
    assert "Tiếp tục lãnh đạo" not in bare
    assert "| 1 | Tổng số lượt khám bệnh | 180.000 lượt | Vượt |" in bare
    assert prose.NO_DIRECTIONS in bare and "Hội nghị không biểu quyết vấn đề nào." in bare
    empty = prose.resolution_body(ResolutionData("Hội nghị", dt.date(2023, 6, 29), "Đảng ủy A"))
    assert prose.NO_TARGETS in empty


@pytest.mark.parametrize("collective", ["htxsnv", ""])
def test_notice_body(collective):
    r = Ratings(CELLS, MEMBERS, "7 chi bộ hoàn thành xuất sắc nhiệm vụ", collective=collective)
    body = prose.notice_body(r, "Đảng bộ A", 2021)
    assert body.startswith("Căn cứ kết quả kiểm điểm, đánh giá, xếp loại chất lượng năm 2021, "
                           "Đảng bộ A thông báo kết quả như sau:")  # fmt: skip
    assert "| Hoàn thành nhiệm vụ | 4 | 12,1% | 5 | 1,9% |" in body
    said = "Tập thể lãnh đạo, quản lý được xếp loại hoàn thành xuất sắc nhiệm vụ." in body
    assert said is bool(collective)
    assert prose.NO_RATINGS.format(year=2021) in prose.notice_body(None, "Đảng bộ A", 2021)
