"""documents/render.py — issue 8 item 5 and its "Done when" (minutes render as DOCX and PDF:
header, date line, signature blocks, every attendee and absentee listed, a font covering
Vietnamese embedded, page 1 as PNG), reused by issue 10 item 1 (T/M signature, recipients).

The poppler checks (pdffonts, pdftotext, pdftoppm) skip when poppler-utils is missing; `.ci/run`
installs it. The PNG of page 1 is left in the test's tmp dir for a person to look at."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from dataclasses import replace

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

from dangbo.documents import render
from dangbo.documents.spec import Document
from tests.documents.samples import ABSENTEES, VIETNAMESE_SAMPLE, minutes, report

POPPLER = shutil.which("pdftoppm") and shutil.which("pdffonts") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils (pdftoppm, pdffonts, pdftotext) not installed; .ci/run does"
)


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def minutes_pdf() -> bytes:
    return render.render_pdf(minutes())


# ---- HTML -------------------------------------------------------------------------------------
def in_order(text: str, parts: list[str]) -> None:
    positions = [text.find(p) for p in parts]
    assert -1 not in positions, [p for p, i in zip(parts, positions, strict=True) if i < 0]
    assert positions == sorted(positions), parts


def test_html_has_the_header_parts_in_order():
    html = render.render_html(minutes()).split("<body", 1)[1]
    head, foot = html.split('class="doc-body"')
    in_order(
        head,
        [
            "ĐẢNG BỘ QUÂN KHU 7",
            '<span class="line">ĐẢNG ỦY BỆNH VIỆN</span> <span class="line">QUÂN DÂN Y MIỀN ĐÔNG<',
            'class="asterisk">*<',
            "Số 12-BB/ĐU",
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            'class="date-line">Hà Đông, ngày 29 tháng 6 năm 2023<',
            "BIÊN BẢN",
            "Hội nghị Đảng ủy phiên 6 tháng đầu năm 2023",
        ],
    )
    footer = foot.split('class="doc-footer"')[1]
    in_order(footer, ["THƯ KÝ", "Lê Thị Mai", "CHỦ TRÌ", "Trần Văn Bình", "Nơi nhận:", "- Lưu VP."])


def test_html_of_a_draft_has_no_number_and_escapes_text():
    doc = replace(minutes(number=None), title="Phiên <họp> & kết luận")
    html = render.render_html(doc, stylesheet="/static/documents/party.css", back_url="/x/")
    assert "Số " not in html.split('class="doc-type"')[0]
    assert "Phiên &lt;họp&gt; &amp; kết luận" in html
    assert 'href="/static/documents/party.css"' in html and 'href="/x/"' in html
    assert "style=" not in html  # CSP: style-src 'self' (no inline styles)


def test_one_signature_sits_right_with_the_recipients_on_its_left():
    html = render.render_html(report())
    left = html.split('class="left-col"')[1].split('class="right-col"')[0]
    right = html.split('class="right-col"')[1]
    assert "Nơi nhận:" in left and "T/M ĐẢNG ỦY" not in left
    assert "T/M ĐẢNG ỦY" in right and "BÍ THƯ" in right
    assert "Số 03-BC/ĐU" in html and "ngày 09 tháng 01 năm 2022" in html


def test_no_recipients_no_label():
    html = render.render_html(replace(minutes(), recipients=()))
    assert "Nơi nhận" not in html


# ---- PDF --------------------------------------------------------------------------------------
def test_pdf_pages_are_a4_with_the_margins(minutes_pdf):
    assert minutes_pdf.startswith(b"%PDF")
    pages = render.layout(minutes()).pages
    assert len(pages) >= 2
    px_per_mm = 96 / 25.4  # WeasyPrint lays out in CSS px
    for page in pages:
        assert round(page.width / px_per_mm) == 210 and round(page.height / px_per_mm) == 297
        box = page._page_box
        margins = [box.margin_top, box.margin_right, box.margin_bottom, box.margin_left]
        assert [round(m / px_per_mm) for m in margins] == [25, 15, 25, 35]


@needs_poppler
def test_pdf_embeds_a_serif_font_that_covers_vietnamese(minutes_pdf, tmp_path):
    """Done when: the PDF embeds a font covering Vietnamese, no missing glyphs."""
    from fontTools.ttLib import TTFont

    path = tmp_path / "minutes.pdf"
    path.write_bytes(minutes_pdf)
    listing = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows
    families = set()
    for row in rows:
        name, *cols = row.split()
        assert cols[-5] == "yes", f"font not embedded: {row}"  # emb column
        families.add(name.split("+", 1)[-1].split("-")[0])
    assert families & {"Liberation", "TimesNewRoman", "Times", "Noto"}, families

    # The font the stylesheet resolves to has a glyph for every letter of the sample.
    match = subprocess.run(
        ["fc-match", "-f", "%{file}", "Liberation Serif"], capture_output=True, text=True
    ).stdout
    cmap = TTFont(match).getBestCmap()
    missing = {c for c in VIETNAMESE_SAMPLE if not c.isspace() and ord(c) not in cmap}
    assert missing == set()

    # And the text comes back out as it went in (no .notdef boxes, no lost marks).
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "\ufffd" not in text
    flat = _flat(text)
    for word in VIETNAMESE_SAMPLE.split():
        assert word in flat, word
    for line in (*ABSENTEES, "Hà Đông, ngày 29 tháng 6 năm 2023", "ĐẢNG CỘNG SẢN VIỆT NAM"):
        assert _flat(line) in flat, line


@needs_poppler
def test_pdf_page_numbers_from_page_two_and_page_one_png(tmp_path):
    """A4 pages; no number on page 1, "2" at the top of page 2; page 1 saved as PNG."""
    path = tmp_path / "minutes.pdf"
    path.write_bytes(render.render_pdf(minutes(paragraphs=12)))
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 2

    def page_text(n: int) -> list[str]:
        out = subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), "-layout", path, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return [x.strip() for x in out.splitlines() if x.strip()]

    assert page_text(1)[0].startswith("ĐẢNG BỘ QUÂN KHU 7")
    assert page_text(2)[0] == "2"

    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", path, tmp_path / "page"], check=True
    )
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000


def test_a_long_document_renders_to_several_pdf_pages():
    """Speed is measured by ``make bench`` (bench/documents_bench.py), never by a timed test."""
    doc = minutes(paragraphs=18)  # 3–4 A4 pages
    pdf = render.render_pdf(doc)
    assert pdf.startswith(b"%PDF")
    assert len(render.layout(doc).pages) >= 3


# ---- DOCX -------------------------------------------------------------------------------------
def _docx(doc: Document):
    return open_docx(io.BytesIO(render.render_docx(doc)))


def _cell_lines(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text.strip()]


def test_docx_header_date_signatures_and_recipients():
    out = _docx(minutes())
    header, footer = out.tables[0], out.tables[-1]
    left, right = header.rows[0].cells
    assert _cell_lines(left) == [
        "ĐẢNG BỘ QUÂN KHU 7",
        "ĐẢNG ỦY BỆNH VIỆN",  # the issuing body in two balanced lines, both bold
        "QUÂN DÂN Y MIỀN ĐÔNG",
        "*",
        "Số 12-BB/ĐU",
    ]
    lines = [p for p in left.paragraphs if p.text.strip()]
    assert not lines[0].runs[0].bold and lines[1].runs[0].bold and lines[2].runs[0].bold
    title, date = [p for p in right.paragraphs if p.text.strip()]
    assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and title.runs[0].bold
    assert title._p.pPr.find(qn("w:pBdr")) is not None  # the rule beneath
    assert date.text == "Hà Đông, ngày 29 tháng 6 năm 2023"
    assert all(run.italic for run in date.runs if run.text)

    texts = [p.text for p in out.paragraphs]
    assert "BIÊN BẢN" in texts and "Hội nghị Đảng ủy phiên 6 tháng đầu năm 2023" in texts
    body = "\n".join(texts)
    for absentee in ABSENTEES:
        assert absentee in body
    assert "Thành phần" in out.tables[1].rows[0].cells[0].text  # the body table

    sig_left, sig_right = footer.rows[0].cells
    assert _cell_lines(sig_left) == ["THƯ KÝ", "Lê Thị Mai"]
    assert _cell_lines(sig_right) == ["CHỦ TRÌ", "Trần Văn Bình"]
    after = texts[texts.index("Nơi nhận:") :]
    assert after[:4] == [
        "Nơi nhận:",
        "- Đảng ủy Quân khu 7,",
        "- Các chi bộ trực thuộc,",
        "- Lưu VP.",
    ]
    assert not any("{%" in t or "{{" in t for t in texts)


def test_docx_page_a4_margins_and_numbers_from_page_two():
    out = _docx(minutes())
    section = out.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = [round(x.mm) for x in (section.top_margin, section.bottom_margin)]
    assert margins == [25, 25]
    assert [round(section.left_margin.mm), round(section.right_margin.mm)] == [35, 15]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_docx_report_has_t_m_signature_and_recipients_beside_it():
    out = _docx(report())
    left, right = out.tables[-1].rows[0].cells
    assert _cell_lines(right) == ["T/M ĐẢNG ỦY", "BÍ THƯ", "Trần Văn Bình"]
    assert _cell_lines(left)[0] == "Nơi nhận:" and _cell_lines(left)[-1] == "- Lưu VP."
    assert _cell_lines(out.tables[0].rows[0].cells[0])[-1] == "Số 03-BC/ĐU"


def test_docx_draft_has_no_number_and_keeps_special_characters():
    out = _docx(replace(minutes(number=None), title="Phiên <họp> & kết luận", recipients=()))
    assert _cell_lines(out.tables[0].rows[0].cells[0])[-1] == "*"
    texts = [p.text for p in out.paragraphs]
    assert "Phiên <họp> & kết luận" in texts
    assert "Nơi nhận:" not in texts


# ---- long header names and "- " items (issue 8 item 5: the format guide's layout) -------------
LONG_SUPERIOR = "Đảng bộ Cục Hậu cần - Kỹ thuật Quân khu 7"


def _boxes(box):
    yield box
    for child in getattr(box, "children", None) or []:
        yield from _boxes(child)


def _cls(box) -> str:
    element = getattr(box, "element", None)
    return (element.get("class") or "") if element is not None else ""


def _texts(box) -> list:
    return [b for b in _boxes(box) if type(b).__name__ == "TextBox"]


def test_html_header_names_use_the_balanced_wrap_class():
    html = render.render_html(replace(minutes(), superior=LONG_SUPERIOR), stylesheet="/s/p.css")
    head = html.split('class="doc-body"')[0]
    assert (
        '<div class="superior balanced"><span class="line">ĐẢNG BỘ CỤC HẬU CẦN -</span> '
        '<span class="line">KỸ THUẬT QUÂN KHU 7</span></div>'
    ) in head
    assert (
        '<div class="issuer balanced"><span class="line">ĐẢNG ỦY BỆNH VIỆN</span> '
        '<span class="line">QUÂN DÂN Y MIỀN ĐÔNG</span></div>'
    ) in head
    css = render.STYLESHEET.read_text()
    assert ".balanced .line { display: block; }" in css  # one line a block in print and PDF
    assert ".balanced { text-wrap: balance; }" in css  # the browser balances on screen
    # a phone re-flows the spans (inline) and lets the browser balance them
    assert 'media="screen and (max-width: 40rem)"' in head
    phone = (render.STYLESHEET.parent / "party-phone.css").read_text()
    assert ".balanced .line { display: inline; }" in phone


def test_pdf_long_header_names_wrap_balanced_inside_the_left_column():
    doc = replace(minutes(), superior=LONG_SUPERIOR)
    page = render.layout(doc).pages[0]._page_box
    left, right = [b for b in _boxes(page) if _cls(b) in ("issuer-col", "party-col")]
    assert left.width == pytest.approx(right.width, abs=1)  # equal columns, whatever the names
    assert right.position_x == pytest.approx(left.position_x + left.width, abs=1)
    centre = left.position_x + left.width / 2
    names = [t for b in _boxes(left) if "balanced" in _cls(b) for t in _texts(b)]
    assert [t.text for t in names] == [*doc.superior_lines, *doc.issuer_lines]
    assert len(names) == 4
    for text in names:  # centred lines, none beyond the column
        assert left.position_x <= text.position_x
        assert text.position_x + text.width <= left.position_x + left.width
        assert text.position_x + text.width / 2 == pytest.approx(centre, abs=1)
    [star] = [t for t in _texts(left) if t.text == "*"]
    assert star.position_x + star.width / 2 == pytest.approx(centre, abs=1)
    # the right column keeps the Party title on one line, then the date line
    party, date = [t for t in _texts(right) if t.text.strip()]
    assert (party.text, date.text) == ("ĐẢNG CỘNG SẢN VIỆT NAM", doc.date_line)
    assert party.position_x >= right.position_x
    assert party.position_x + party.width <= right.position_x + right.width


def test_pdf_list_items_hang_under_their_text():
    page = render.layout(minutes()).pages[0]._page_box
    items = [
        b for b in _boxes(page)
        if getattr(b, "element_tag", None) == "li" and type(b).__name__ == "BlockBox"
    ]  # fmt: skip
    wrapped = [li for li in items if len(li.children) > 1]
    assert wrapped  # the first guest's line wraps
    for li in wrapped:
        first, *rest = li.children
        marker, text = first.children[0], first.children[1]
        assert "marker" in _cls(marker) and text.position_x > marker.position_x
        for line_box in rest:  # under the text, not under the dash nor at the margin
            assert line_box.children[0].position_x == pytest.approx(text.position_x, abs=0.5)


def test_docx_list_items_hang_under_their_text():
    from docx.shared import Cm, Pt

    out = _docx(minutes())
    items = [p for p in out.paragraphs if p.text.startswith("-\t")]
    assert [p.text.split("\t", 1)[1] for p in items][-2:] == list(ABSENTEES)
    hang = Pt(render.BULLET_HANG_PT)
    for p in items:
        fmt = p.paragraph_format
        # the dash at 1.27 cm (the body's first-line indent), the text and every wrapped line
        # at 1.27 cm + the hang; a tab stop there takes the text after the dash
        assert fmt.left_indent == Cm(1.27) + hang
        assert fmt.first_line_indent == -hang
        assert [t.position for t in fmt.tab_stops] == [fmt.left_indent]


def test_docx_header_columns_are_fixed_and_long_names_balanced():
    out = _docx(replace(minutes(), superior=LONG_SUPERIOR))
    header = out.tables[0]
    layout = header._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"  # no autofit widening
    left, right = header.rows[0].cells
    assert round(left.width.mm) == round(right.width.mm) == 80  # half of 160 mm each
    assert _cell_lines(left)[:4] == [
        "ĐẢNG BỘ CỤC HẬU CẦN -",
        "KỸ THUẬT QUÂN KHU 7",
        "ĐẢNG ỦY BỆNH VIỆN",
        "QUÂN DÂN Y MIỀN ĐÔNG",
    ]
    centred = [p for p in left.paragraphs if p.text.strip()]
    assert all(p.alignment == 1 for p in centred)  # WD_ALIGN_PARAGRAPH.CENTER
    title = next(p for p in right.paragraphs if p.text == "ĐẢNG CỘNG SẢN VIỆT NAM")
    indent = title.paragraph_format.left_indent.mm
    assert indent == title.paragraph_format.right_indent.mm and 0 < indent < 5
