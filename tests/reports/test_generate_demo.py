"""Generated documents from the demo records (issue 10 item 3): the figures of the two seed
stories come out of the records, never typed — seed 000 (QDY, mid-year 2023: "13 chỉ tiêu chủ
yếu … đạt và vượt 7 … chưa thực hiện 3 … 3 chưa đạt") and seed 003 (HD, year-end 2021: cells
7/22/4, members 51/205/5, the Prime Minister's bằng khen …)."""

from __future__ import annotations

import pytest

from dangbo.documents.render import render_docx, render_html, render_pdf
from dangbo.meetings.models import Meeting
from dangbo.organizations.models import Organization
from dangbo.reports.generate import document_of, draft_for
from tests.demo.conftest import demo  # noqa: F401  (the module-scoped demo fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_qdy_midyear_2023_report_carries_the_seed_sentence():
    """Seed 000: the mid-year 2023 session's figures, from the frozen mid-year checkpoint."""
    qdy = Organization.objects.get(code="QDY")
    draft = draft_for("midyear_report", organization=qdy, year=2023)
    assert (
        "Lãnh đạo thực hiện 13 chỉ tiêu chủ yếu, trong đó thực hiện đạt và vượt 7 chỉ tiêu, "
        "chưa thực hiện 3 chỉ tiêu, có 3 chỉ tiêu chưa đạt."
    ).lower() in draft.body.lower()
    assert (draft.type_code, draft.type_name, draft.issuer_code) == ("BC", "Báo cáo", "ĐU")
    assert draft.issuer == "Đảng ủy Bệnh viện Quân dân y miền Đông"
    assert draft.superior == Organization.objects.get_parent(qdy).name
    session = Meeting.objects.get(organization=qdy, kind="mid_year_review", date__year=2023)
    assert draft.date == session.date  # the review meeting's date
    assert draft.signatures[0].titles == ("T/M ĐẢNG ỦY", "BÍ THƯ")
    assert draft.signatures[0].name == session.chair.full_name  # the secretary chairs
    assert draft.title.startswith("Sơ kết công tác 6 tháng đầu năm 2023")
    # the table: 13 rows; the 6 targets short of plan each with cause and remedy
    assert draft.body.count("\n| ") == 1 + 13
    assert draft.body.count("nguyên nhân:") == 6
    assert "Kết nạp đảng viên mới (chưa đạt): nguyên nhân: Nhiều quần chúng ưu tú" in draft.body
    # II: the session's conclusions are the directions for the second half
    assert "# II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023" in draft.body
    for c in session.conclusions.all():
        assert c.text.rstrip(".")[:60] in draft.body
    html = render_html(document_of(draft, 3))
    assert "Số 03-BC/ĐU" in html


def test_hd_yearend_2021_report_carries_the_seed_figures():
    """Seed 003: the 2021 ratings and commendations; with or without a 2021 resolution."""
    hd = Organization.objects.get(code="HD")
    draft = draft_for("yearend_report", organization=hd, year=2021)
    body = draft.body
    assert (
        "7 chi bộ hoàn thành xuất sắc nhiệm vụ, 22 chi bộ hoàn thành tốt nhiệm vụ, 4 chi bộ "
        "hoàn thành nhiệm vụ; 51 đảng viên hoàn thành xuất sắc nhiệm vụ, 205 đảng viên hoàn "
        "thành tốt nhiệm vụ, 5 đảng viên hoàn thành nhiệm vụ; Tập thể lãnh đạo, quản lý hoàn "
        "thành xuất sắc nhiệm vụ"
    ) in body
    assert "| Hoàn thành xuất sắc nhiệm vụ | 7 | 21,2% | 51 | 19,5% |" in body
    assert "| Hoàn thành tốt nhiệm vụ trở lên | 29 | 87,9% | 256 | 98,1% |" in body
    assert "Được công nhận tiêu biểu: Đảng bộ Bệnh viện Đa khoa Hà Đông." in body
    assert "01 bằng khen cá nhân của Thủ tướng Chính phủ" in body
    assert "03 bằng khen tập thể và 03 bằng khen cá nhân của UBND Thành phố Hà Nội" in body
    assert "01 giấy khen tập thể của Quận ủy Hà Đông" in body
    assert draft.title == "Tổng kết công tác năm 2021, phương hướng, nhiệm vụ năm 2022"
    assert draft.place == "Hà Đông"
    assert draft.recipients[0].endswith("(để báo cáo)")
    # with no 2021 resolution: a sentence says so; with one: its summary sentence
    from dangbo.targets.models import Resolution

    if Resolution.objects.filter(organization=hd, year=2021, horizon="annual").exists():
        assert "Lãnh đạo thực hiện" in body or "lãnh đạo thực hiện" in body
    else:
        assert "Chưa có chỉ tiêu nào được ghi nhận cho kỳ này." in body
    conference = Meeting.objects.filter(organization=hd, kind="year_end_review").first()
    if conference is not None:
        assert draft.date == conference.date
    html = render_html(document_of(draft, 12))
    assert "Số 12-BC/ĐU" in html and "T/M ĐẢNG ỦY" in html
    # the renderer lays the body out (tables included) in both formats
    assert render_pdf(document_of(draft, 12)).startswith(b"%PDF")
    assert render_docx(document_of(draft, 12))[:2] == b"PK"


def test_hd_evaluation_notice_2021():
    hd = Organization.objects.get(code="HD")
    draft = draft_for("evaluation_notice", organization=hd, year=2021)
    assert (draft.type_code, draft.type_name) == ("TB", "Thông báo")
    assert "| Hoàn thành nhiệm vụ | 4 | 12,1% | 5 | 1,9% |" in draft.body
    assert "| Tổng số được xếp loại | 33 | | 261 | |" in draft.body
    assert "Tập thể lãnh đạo, quản lý được xếp loại hoàn thành xuất sắc nhiệm vụ." in draft.body
    assert "được xếp loại hoàn thành xuất sắc nhiệm vụ" in draft.body
    assert draft.date.year == 2022  # finalized in January 2022


def test_qdy_session_minutes_and_resolution():
    qdy = Organization.objects.get(code="QDY")
    session = Meeting.objects.get(organization=qdy, kind="mid_year_review", date__year=2023)
    minutes = draft_for("minutes", organization=qdy, year=2023, meeting=session)
    assert (minutes.type_code, minutes.type_name) == ("BB", "Biên bản")
    assert minutes.title == session.title and minutes.date == session.date
    assert [s.titles for s in minutes.signatures] == [("THƯ KÝ",), ("CHỦ TRÌ",)]
    assert "# I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN" in minutes.body
    resolution = draft_for("resolution", organization=qdy, year=2023, meeting=session)
    assert (resolution.type_code, resolution.type_name) == ("NQ", "Nghị quyết")
    assert "# QUYẾT NGHỊ" in resolution.body
    assert resolution.body.count("\n| ") == 1 + 13  # the 13 targets restated
    assert "thời hạn: 05/07/2023" in resolution.body
    vote = session.votes.get()
    assert f"{vote.matter}:" in resolution.body and "# III. BIỂU QUYẾT" in resolution.body
