"""documents/rules.py — issue 8 item 5 and issue 10 item 1: the Party document format of
Hướng dẫn 36-HD/VPTW (03/4/2018) as domain-rules §2 gives it. No database, no Django."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from dangbo.documents.rules import (
    A4,
    PARTY_TITLE,
    Authority,
    PageSetup,
    balanced_lines,
    date_line,
    header_width_em,
    month_text,
    number_line,
    party_upper,
    recipient_lines,
    signature_columns,
    signature_titles,
    symbol,
    text_width_em,
    two_digits_below_ten,
)


# ---- place and date (HD 36: italic, right; leading zero on days < 10 and months 1–2) ----------
@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2023, 6, 29), "Hà Đông, ngày 29 tháng 6 năm 2023"),  # issue 8 item 5
        (dt.date(2022, 1, 19), "Hà Đông, ngày 19 tháng 01 năm 2022"),  # issue 10 item 1
        (dt.date(2018, 2, 20), "Hà Đông, ngày 20 tháng 02 năm 2018"),  # HD 36's example month
        (dt.date(2024, 3, 5), "Hà Đông, ngày 05 tháng 3 năm 2024"),  # day < 10: "05"
        (dt.date(2024, 10, 1), "Hà Đông, ngày 01 tháng 10 năm 2024"),  # "tháng 10", not "010"
        (dt.date(2024, 12, 31), "Hà Đông, ngày 31 tháng 12 năm 2024"),
    ],
)
def test_date_line_leading_zeros_as_hd36(day, expected):
    assert date_line("Hà Đông", day) == expected


def test_date_line_without_a_place_starts_with_a_capital():
    assert date_line("  ", dt.date(2024, 1, 5)) == "Ngày 05 tháng 01 năm 2024"


def test_date_line_collapses_the_place_spaces():
    assert date_line(" Thủ  Đức ", dt.date(2023, 6, 29)).startswith("Thủ Đức, ngày 29")


@pytest.mark.parametrize(("month", "text"), [(1, "01"), (2, "02"), (3, "3"), (9, "9"), (11, "11")])
def test_month_text(month, text):
    assert month_text(month) == text


@pytest.mark.parametrize("month", [0, 13])
def test_month_text_rejects_a_month_that_does_not_exist(month):
    with pytest.raises(ValueError):
        month_text(month)


# ---- number and symbol (HD 36: "Số 127-QĐ/TW", no colon; numbers from 01) --------------------
def test_number_line_has_no_colon_and_two_digits():
    assert number_line(12, "BB", "ĐU") == "Số 12-BB/ĐU"
    assert number_line(9, "KH", "ĐU") == "Số 09-KH/ĐU"  # cf. 09-KH/ĐU in domain-rules §2
    assert number_line(127, "QĐ", "TW") == "Số 127-QĐ/TW"
    assert ":" not in number_line(1, "BC", "ĐU")


def test_a_draft_has_no_number():
    assert number_line(None, "BB", "ĐU") == ""


def test_number_zero_is_refused():
    """Numbering starts at 01 (HD 36, per type per term)."""
    with pytest.raises(ValueError):
        number_line(0, "BB", "ĐU")


def test_symbol_needs_both_codes():
    assert symbol(" BC ", "ĐU") == "BC/ĐU"
    with pytest.raises(ValueError):
        symbol("", "ĐU")
    with pytest.raises(ValueError):
        number_line(3, "BC", " ")


def test_two_digits_below_ten():
    assert [two_digits_below_ten(n) for n in (1, 9, 10, 100)] == ["01", "09", "10", "100"]


# ---- upper case (Party title, bodies, types, signer titles) ----------------------------------
def test_party_upper_is_precomposed_and_collapses_spaces():
    decomposed = unicodedata.normalize("NFD", "  đảng ủy  bệnh viện ")
    out = party_upper(decomposed)
    assert out == "ĐẢNG ỦY BỆNH VIỆN"
    assert out == unicodedata.normalize("NFC", out)
    assert party_upper("Đảng Cộng sản Việt Nam") == PARTY_TITLE


# ---- signature (HD 36: "T/M", "K/T", "T/L", "T/U" with slashes) ------------------------------
def test_signature_titles_of_minutes():
    assert signature_titles("chủ trì") == ["CHỦ TRÌ"]
    assert signature_titles("Thư ký") == ["THƯ KÝ"]


def test_signature_titles_on_behalf_and_deputy():
    assert signature_titles("bí thư", Authority.ON_BEHALF, "đảng ủy") == ["T/M ĐẢNG ỦY", "BÍ THƯ"]
    assert signature_titles("phó bí thư", Authority.DEPUTY, "bí thư") == [
        "K/T BÍ THƯ",
        "PHÓ BÍ THƯ",
    ]
    assert signature_titles("Chánh Văn phòng", Authority.BY_ORDER, "Ban Thường vụ")[0] == (
        "T/L BAN THƯỜNG VỤ"
    )
    # never the State forms of Nghị định 30/2020
    assert not any(
        "TM." in x or "KT." in x for x in signature_titles("a", Authority.DELEGATED, "b")
    )


def test_signature_titles_need_a_title_and_whom_they_sign_for():
    with pytest.raises(ValueError):
        signature_titles(" ")
    with pytest.raises(ValueError, match="T/M"):
        signature_titles("bí thư", Authority.ON_BEHALF)


@pytest.mark.parametrize(("count", "columns"), [(1, ("right",)), (2, ("left", "right"))])
def test_signature_columns(count, columns):
    assert tuple(signature_columns(count)) == columns


@pytest.mark.parametrize("count", [0, 3])
def test_signature_columns_refuse_other_counts(count):
    with pytest.raises(ValueError):
        signature_columns(count)


# ---- recipients (HD 36: bottom left, "- " items, the last "- Lưu …") ---------------------------
def test_recipient_lines():
    assert recipient_lines(["Đảng ủy Quân khu 7,", " ", "Các chi bộ.  "]) == [
        "- Đảng ủy Quân khu 7,",
        "- Các chi bộ,",
        "- Lưu VP.",
    ]
    assert recipient_lines([], archive="VP, ĐV.") == ["- Lưu VP, ĐV."]
    assert recipient_lines(["Như trên"], archive="") == ["- Như trên,", "- Lưu."]


# ---- page (domain-rules §2: Party handbook 25/25/35/15 mm, within the brief's ranges) ---------
def test_a4_margins_within_the_ranges():
    assert (A4.width, A4.height) == (210.0, 297.0)
    assert 20 <= A4.top <= 25 and 20 <= A4.bottom <= 25
    assert 30 <= A4.left <= 35 and 15 <= A4.right <= 20
    assert A4.number_from_top == 10.0


# ---- header names: balanced lines inside the left column (HD 36: superior and issuing body top
# left, the asterisk centred beneath; issue 8 item 5) ------------------------------------------
WIDTH = header_width_em()


def test_header_column_is_half_the_text_width_in_14pt_em():
    # A4 with 35/15 mm margins: 160 mm of text, 80 mm a column; 14 pt = 4.939 mm
    assert pytest.approx(80 / (14 * 25.4 / 72)) == WIDTH
    narrow = PageSetup(left=30, right=20)
    assert header_width_em(narrow) == pytest.approx(WIDTH)
    assert header_width_em(PageSetup(left=40, right=20)) < WIDTH


def test_text_width_follows_the_times_metrics():
    # accented capitals are as wide as their base letter; Đ as D; bold is wider
    assert text_width_em("ĐẢNG") == text_width_em("DANG") == pytest.approx(2.888)
    assert text_width_em("ĐẢNG", bold=True) == pytest.approx(2.944)
    assert text_width_em("Số 12-BB/ĐU") == pytest.approx(
        (556 + 722 + 250 + 500 + 500 + 333 + 667 + 667 + 278 + 722 + 722) / 1000
    )  # "o" and any letter not in the table counts as an "N" (722)
    assert text_width_em("") == 0


@pytest.mark.parametrize(
    ("text", "bold", "expected"),
    [
        # the issuing body of the demo: 2 lines, the longest as short as can be (not the greedy
        # "ĐẢNG ỦY BỆNH VIỆN QUÂN" / "DÂN Y MIỀN ĐÔNG")
        ("ĐẢNG ỦY BỆNH VIỆN QUÂN DÂN Y MIỀN ĐÔNG", True,
         ("ĐẢNG ỦY BỆNH VIỆN", "QUÂN DÂN Y MIỀN ĐÔNG")),
        # a lone dash stays at the end of the line before (a line never starts with "-")
        ("ĐẢNG BỘ CỤC HẬU CẦN - KỸ THUẬT QUÂN KHU 7", False,
         ("ĐẢNG BỘ CỤC HẬU CẦN -", "KỸ THUẬT QUÂN KHU 7")),
        ("ĐẢNG ỦY QUÂN KHU 7", False, ("ĐẢNG ỦY QUÂN KHU 7",)),  # fits: one line
        ("ĐẢNG BỘ BỆNH VIỆN ĐA KHOA A", False, ("ĐẢNG BỘ BỆNH VIỆN ĐA KHOA A",)),
        ("  ", False, ()),
        ("- CHI BỘ", True, ("- CHI BỘ",)),  # a dash first has no word before it to join
    ],
)  # fmt: skip
def test_balanced_lines(text, bold, expected):
    assert balanced_lines(text, WIDTH, bold=bold) == expected


def test_balanced_lines_fit_the_column_and_take_as_few_lines_as_possible():
    name = "ĐẢNG BỘ KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH THÀNH PHỐ HỒ CHÍ MINH"
    lines = balanced_lines(name, WIDTH, bold=True)
    assert len(lines) == 3 and " ".join(lines) == name
    assert all(text_width_em(line, bold=True) <= WIDTH for line in lines)
    assert not balanced_lines(name, WIDTH * 1.6, bold=True)[2:]  # wider: two lines
    widths = [text_width_em(line, bold=True) for line in lines]
    assert max(widths) - min(widths) < 3  # even, not one long line and a short tail


def test_a_word_wider_than_the_column_gets_a_line_of_its_own():
    assert balanced_lines("CHI BỘ KHOAPHÒNGRẤTDÀI", 6) == ("CHI BỘ", "KHOAPHÒNGRẤTDÀI")
