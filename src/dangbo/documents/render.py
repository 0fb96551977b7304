"""Render a Party-format ``spec.Document`` (issue 8 item 5; issue 10 item 1) as

- HTML (``render_html``): a printable page; the same markup, with the same stylesheet
  (``static/documents/party.css``), is what WeasyPrint lays out;
- PDF (``render_pdf``): WeasyPrint, A4, the margins of ``doc.page``, page numbers from page 2;
  Times New Roman where installed, else Liberation Serif (Debian ``fonts-liberation2``, metric-
  compatible, covers Vietnamese), else Noto Serif (``fonts-noto-core``); fonts are embedded
  (subset);
- DOCX (``render_docx``): docxtpl over the template of ``docx_template.py``; the body is a
  sub-document built with python-docx.

Callers build the ``Document`` from their records (``meetings`` for minutes) and choose the
response; this module reads no database and imports no domain app.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from . import rules
from .spec import Block, BulletList, Document, Heading, Paragraph, Signature, Table

STYLESHEET = Path(__file__).parent / "static" / "documents" / "party.css"
STYLESHEET_STATIC = "documents/party.css"  # for {% static %} / staticfiles_storage.url
INDENT_CM = 1.27  # first-line indent of body paragraphs (party.css: 1.27cm)
BULLET_HANG_PT = 8.4  # "- " items: the text starts .6 em (14 pt) after the dash (party.css)


def _block(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        return {"kind": "heading", "text": block.text, "level": block.level,
                "tag_level": min(block.level + 1, 4)}  # fmt: skip
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text, "lead": block.lead,
                "italic": block.italic, "align": block.align}  # fmt: skip
    if isinstance(block, BulletList):
        return {"kind": "list", "items": block.items, "marker": block.marker}
    return {"kind": "table", "header": block.header, "rows": block.rows}


def _signature(sig: Signature) -> dict[str, Any]:
    return {"titles": list(sig.titles), "name": sig.name}


def context(doc: Document) -> dict[str, Any]:
    """The values every renderer fills in (the template names of the HTML and the DOCX)."""
    placed = dict(doc.placed_signatures())
    left, right = placed.get("left"), placed.get("right")
    return {
        "doc": doc,
        "party_title": doc.party_title,
        "superior_line": doc.superior_line,
        "issuer_line": doc.issuer_line,
        "superior_lines": list(doc.superior_lines),
        "issuer_lines": list(doc.issuer_lines),
        "number_line": doc.number_line,
        "date_line": doc.date_line,
        "type_line": doc.type_line,
        "title": doc.title,
        "blocks": [_block(b) for b in doc.body],
        "left": _signature(left) if left else None,
        "right": _signature(right) if right else None,
        "recipient_lines": doc.recipient_lines,
        "recipients_label": rules.RECIPIENTS_LABEL,
    }


def render_html(doc: Document, *, stylesheet: str | None = None, back_url: str = "") -> str:
    """The printable HTML page. ``stylesheet`` is the URL of ``party.css`` for a page served by
    a view (``static(STYLESHEET_STATIC)``); None leaves the link out (the PDF passes the file
    itself). ``back_url`` adds a "Quay lại" link shown on screen only."""
    return render_to_string(
        "documents/document.html",
        {**context(doc), "stylesheet": stylesheet, "back_url": back_url},
    )


def page_css(page: rules.PageSetup) -> str:
    """The @page size and margins of the document (overrides the stylesheet's defaults)."""
    return (
        f"@page {{ size: {page.width}mm {page.height}mm; "
        f"margin: {page.top}mm {page.right}mm {page.bottom}mm {page.left}mm; "
        f"@top-center {{ padding-top: {page.number_from_top}mm; }} }}"
    )


def layout(doc: Document) -> Any:
    """WeasyPrint's laid-out document (pages with their sizes; ``write_pdf()`` makes the
    file). WeasyPrint is imported here: a page that never renders a PDF does not pay for it."""
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    html = HTML(string=render_html(doc), base_url=str(STYLESHEET.parent))
    sheets = [CSS(filename=str(STYLESHEET)), CSS(string=page_css(doc.page))]
    return html.render(stylesheets=sheets)


def render_pdf(doc: Document) -> bytes:
    """The PDF: A4, fonts embedded as subsets."""
    return bytes(layout(doc).write_pdf())


def _body_subdoc(template: Any, doc: Document) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Emu, Pt

    aligns = {
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }
    sub = template.new_subdoc()
    for block in doc.body:
        if isinstance(block, Heading):
            p = sub.add_paragraph()
            if block.level > 1:
                p.paragraph_format.first_line_indent = Cm(INDENT_CM)
            run = p.add_run(block.text)
            run.bold = True
            run.italic = block.level > 2 or None
        elif isinstance(block, Paragraph):
            p = sub.add_paragraph()
            p.alignment = aligns.get(block.align, WD_ALIGN_PARAGRAPH.JUSTIFY)
            if block.align in ("justify", "left"):
                p.paragraph_format.first_line_indent = Cm(INDENT_CM)
            if block.lead:
                p.add_run(block.lead).bold = True
            p.add_run(block.text).italic = block.italic or None
        elif isinstance(block, BulletList):
            for item in block.items:
                p = sub.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                fmt = p.paragraph_format
                # the dash at the paragraph indent, a tab to the text, wrapped lines under it
                fmt.left_indent = Emu(Cm(INDENT_CM) + Pt(BULLET_HANG_PT))
                fmt.first_line_indent = Emu(-Pt(BULLET_HANG_PT))
                fmt.tab_stops.add_tab_stop(fmt.left_indent)
                p.add_run(f"{block.marker}\t{item}")
        else:
            _table(sub, block, Pt)
    return sub


def _table(sub: Any, block: Table, pt: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    table = sub.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    for row_index, values in enumerate((block.header, *block.rows)):
        for col_index, value in enumerate(values):
            cell = table.cell(row_index, col_index)
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(value)
            run.font.size = pt(13)
            if row_index == 0:
                run.bold = True
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def render_docx(doc: Document) -> bytes:
    """The DOCX: the template of ``docx_template`` filled by docxtpl."""
    from docxtpl import DocxTemplate  # type: ignore[import-untyped]

    from .docx_template import template_bytes

    template = DocxTemplate(io.BytesIO(template_bytes(doc.page)))
    values = context(doc)
    values.pop("doc")
    values.pop("blocks")
    values["body"] = _body_subdoc(template, doc)
    template.render(values, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()
