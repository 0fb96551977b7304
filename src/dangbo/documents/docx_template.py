"""The DOCX template of a Party-format document, built with python-docx (our own file, made here
rather than committed as a binary): A4 and the margins of ``rules.PageSetup``, Times New Roman
14 pt, the header table (superior and issuing body with the asterisk and the number on the
left; the Party title with its rule and the italic date line on the right), type and summary,
the body (a docxtpl sub-document, ``{{p body }}``), the signature table and the recipients.

Page numbers from page 2: the section has a different first-page header (empty); the other
pages' header holds a centred PAGE field. ``python -m dangbo.documents.docx_template out.docx``
writes the template so a person can open it in Word.
"""

from __future__ import annotations

import io
import sys
from functools import cache
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from . import rules

FONT = "Times New Roman"  # HD 36 (TCVN 6909:2001); Word substitutes Liberation Serif elsewhere


def set_font(run_or_style: object, name: str = FONT) -> None:
    """Set the font for Latin, complex and East Asian text (Vietnamese uses the Latin slots)."""
    font = run_or_style.font  # type: ignore[attr-defined]
    font.name = name
    element = run_or_style.element  # type: ignore[attr-defined]
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


def bottom_border(paragraph: Paragraph) -> None:
    """A solid single rule under the paragraph (the rule beneath the Party title)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def add_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (``PAGE``) as begin / instruction / end runs."""
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)


def line(
    container: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.CENTER,
) -> Paragraph:
    paragraph: Paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    return paragraph


def tag(container: Any, text: str) -> None:
    """A paragraph holding only a docxtpl ``{%p … %}`` tag (removed when rendered)."""
    line(container, text, align=None)


def signature_cell(cell: _Cell, side: str) -> None:
    tag(cell, f"{{%p if {side} %}}")
    tag(cell, f"{{%p for t in {side}.titles %}}")
    line(cell, "{{ t }}", bold=True)
    tag(cell, "{%p endfor %}")
    for _ in range(4):
        line(cell, "")
    line(cell, f"{{{{ {side}.name }}}}", bold=True)


def recipients(container: Any) -> None:
    line(container, "{{ recipients_label }}", bold=True, italic=True, size=12, align=None)
    tag(container, "{%p for r in recipient_lines %}")
    line(container, "{{ r }}", size=11, align=None)
    tag(container, "{%p endfor %}")


def no_borders(table: object) -> None:
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def fixed_widths(table: Any, left: int, total: int) -> None:
    """Two columns of fixed widths (``left`` and the rest of ``total``, in EMU): Word's autofit
    would otherwise widen a column to its longest line."""
    table.autofit = False
    widths = (left, total - left)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def build(page: rules.PageSetup = rules.A4) -> bytes:
    doc = new_docx()
    normal = doc.styles["Normal"]
    set_font(normal)
    normal.font.size = Pt(14)
    normal.paragraph_format.space_after = Pt(3)

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width), Mm(page.height)
    section.top_margin, section.bottom_margin = Mm(page.top), Mm(page.bottom)
    section.left_margin, section.right_margin = Mm(page.left), Mm(page.right)
    section.header_distance = Mm(page.number_from_top)
    section.different_first_page_header_footer = True  # page 1: no number
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_field(number, "PAGE")

    content = Mm(page.width - page.left - page.right)
    body = doc.paragraphs[0]._p if doc.paragraphs else None
    if body is not None:  # python-docx's default template starts with no paragraph
        body.getparent().remove(body)  # pragma: no cover

    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(header)
    left, right = header.rows[0].cells
    fixed_widths(header, int(content * rules.HEADER_LEFT_SHARE), int(content))
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    tag(left, "{%p for l in superior_lines %}")  # balanced lines, one paragraph each
    line(left, "{{ l }}")
    tag(left, "{%p endfor %}")
    tag(left, "{%p for l in issuer_lines %}")
    line(left, "{{ l }}", bold=True)
    tag(left, "{%p endfor %}")
    line(left, rules.ASTERISK)
    tag(left, "{%p if number_line %}")
    line(left, "{{ number_line }}")
    tag(left, "{%p endif %}")
    title = line(right, "{{ party_title }}", bold=True, size=15)
    # the rule beneath is the paragraph's border: indent it to the title's length (HD 36)
    title_mm = rules.text_width_em(rules.PARTY_TITLE, bold=True) * 15 * 25.4 / 72
    right_mm = (page.width - page.left - page.right) * (1 - rules.HEADER_LEFT_SHARE)
    title.paragraph_format.left_indent = title.paragraph_format.right_indent = Mm(
        max(0.0, (right_mm - title_mm) / 2 - 0.5)
    )
    bottom_border(title)
    line(right, "")
    line(right, "{{ date_line }}", italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT)

    line(doc, "")
    line(doc, "{{ type_line }}", bold=True, size=15)
    tag(doc, "{%p if title %}")
    line(doc, "{{ title }}", bold=True)
    tag(doc, "{%p endif %}")
    line(doc, "")
    tag(doc, "{{p body }}")

    footer = doc.add_table(rows=1, cols=2)
    no_borders(footer)
    left, right = footer.rows[0].cells
    fixed_widths(footer, int(content * 0.5), int(content))
    left.paragraphs[0]._p.getparent().remove(left.paragraphs[0]._p)
    right.paragraphs[0]._p.getparent().remove(right.paragraphs[0]._p)
    signature_cell(left, "left")
    tag(left, "{%p elif recipient_lines %}")
    recipients(left)
    tag(left, "{%p endif %}")
    line(left, "")  # a cell must keep a paragraph whatever the conditions leave
    signature_cell(right, "right")
    tag(right, "{%p endif %}")
    line(right, "")
    tag(doc, "{%p if left and recipient_lines %}")
    recipients(doc)
    tag(doc, "{%p endif %}")

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@cache
def template_bytes(page: rules.PageSetup = rules.A4) -> bytes:
    return build(page)


if __name__ == "__main__":  # pragma: no cover
    with open(sys.argv[1], "wb") as handle:
        handle.write(build())
