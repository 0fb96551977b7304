"""Issue 8, Done-when "Minutes of the demo session render as DOCX and PDF" (demo loaded once for
the module): the approved minutes of the mid-year session of "Đảng bộ Bệnh viện Quân dân y miền
Đông" on 29/06/2023, rendered by the one renderer (``documents.render``, as the minutes views
do), carry the Party header (ĐẢNG CỘNG SẢN VIỆT NAM, the superior and the issuing body), the
date line "Biên Hòa, ngày 29 tháng 6 năm 2023", the CHỦ TRÌ / THƯ KÝ signature blocks, every
attendee category, each absentee and each of the four guests; the PDF embeds its fonts and
covers Vietnamese (no replacement glyphs); page 1 is rendered to PNG with ``pdftoppm`` so a
person can look (kept in ``$DANGBO_ARTIFACTS`` when set)."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from docx import Document as open_docx

from dangbo.demo.meetings_demo import GUESTS, SESSION_DAY
from dangbo.documents import render as doc_render
from dangbo.meetings import minutes, queries
from dangbo.meetings.models import Meeting, Minutes

pytestmark = pytest.mark.django_db

POPPLER = all(shutil.which(t) for t in ("pdffonts", "pdftoppm", "pdftotext"))
needs_poppler = pytest.mark.skipif(
    not POPPLER, reason="poppler-utils (pdffonts, pdftoppm, pdftotext) not installed; .ci/run does"
)
ISSUER = "ĐẢNG ỦY BỆNH VIỆN QUÂN DÂN Y MIỀN ĐÔNG"
DATE_LINE = "Biên Hòa, ngày 29 tháng 6 năm 2023"
CATEGORIES = [label for label, _figure in minutes.totals_rows(minutes.rules.AttendanceCounts())]


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def session(demo):
    """The session, its approved minutes as the renderer's document, and its people."""
    meeting = Meeting.objects.select_related("chair", "secretary").get(
        organization__code="QDY", date=SESSION_DAY
    )
    [row] = Minutes.objects.filter(meeting=meeting)
    assert not row.is_draft
    detail = queries.meeting_detail(meeting)
    doc = minutes.document(minutes.Header.from_json(row.header), row.text)
    return meeting, doc, detail


def test_demo_minutes_docx_header_date_signatures_and_people(session):
    meeting, doc, detail = session
    out = open_docx(io.BytesIO(doc_render.render_docx(doc)))
    left, right = out.tables[0].rows[0].cells
    left_lines = [p.text for p in left.paragraphs if p.text.strip()]
    # the long names come as balanced lines, one paragraph each: superior, issuing body, "*"
    assert left_lines == [
        "ĐẢNG BỘ CỤC HẬU CẦN -", "KỸ THUẬT QUÂN KHU 7",
        "ĐẢNG ỦY BỆNH VIỆN", "QUÂN DÂN Y MIỀN ĐÔNG", "*"]  # fmt: skip
    assert " ".join(left_lines[2:4]) == ISSUER
    assert [p.text for p in right.paragraphs if p.text.strip()] == [
        "ĐẢNG CỘNG SẢN VIỆT NAM", DATE_LINE]  # fmt: skip
    sig_left, sig_right = out.tables[-1].rows[0].cells
    assert [p.text for p in sig_left.paragraphs if p.text.strip()] == [
        "THƯ KÝ", meeting.secretary.full_name]  # fmt: skip
    assert [p.text for p in sig_right.paragraphs if p.text.strip()] == [
        "CHỦ TRÌ", meeting.chair.full_name]  # fmt: skip
    body = _flat("\n".join(p.text for p in out.paragraphs))
    cells = _flat("\n".join(c.text for t in out.tables for r in t.rows for c in r.cells))
    for label in CATEGORIES:
        assert label in cells, label
    assert len(detail.absentees) == 2
    for a in detail.absentees:
        assert a.member.full_name in body, a.member.full_name
    assert len(GUESTS) == 4
    for g in GUESTS:
        assert g.full_name in body and g.position in body, g.full_name


@needs_poppler
def test_demo_minutes_pdf_header_fonts_and_page_one_png(session, tmp_path):
    meeting, doc, detail = session
    path = tmp_path / "bien-ban-2023-06-29.pdf"
    path.write_bytes(doc_render.render_pdf(doc))
    text = _flat(subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"],
                                capture_output=True, text=True, check=True).stdout)  # fmt: skip
    for part in ("ĐẢNG CỘNG SẢN VIỆT NAM", ISSUER, DATE_LINE, "BIÊN BẢN", "CHỦ TRÌ", "THƯ KÝ",
                 meeting.chair.full_name, meeting.secretary.full_name, *CATEGORIES):  # fmt: skip
        assert part in text, part
    for a in detail.absentees:
        assert a.member.full_name in text, a.member.full_name
    for g in GUESTS:
        assert g.full_name in text, g.full_name
    assert "\ufffd" not in text  # no glyph missing from the embedded font

    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True, check=True)
    rows = [line.split() for line in fonts.stdout.splitlines()[2:] if line.strip()]
    assert rows, fonts.stdout
    # columns: name type encoding emb sub uni object ID → "emb" is the 5th field from the end
    assert all(r[-5] == "yes" for r in rows), fonts.stdout
    assert all(r[-3] == "yes" for r in rows), fonts.stdout  # ToUnicode: text extractable

    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", path,
                    tmp_path / "page"], check=True)  # fmt: skip
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 10_000
    if target := os.environ.get("DANGBO_ARTIFACTS"):
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(target) / "demo-minutes-page1.png")
        shutil.copy(path, Path(target) / "demo-minutes.pdf")
