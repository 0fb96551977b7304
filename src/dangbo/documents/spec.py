"""A Party-format document as plain data (issue 8 item 5; issue 10 item 1): what the renderers
(``render.py``: HTML, PDF, DOCX) lay out. Callers (minutes in ``meetings``, reports later) build
a ``Document`` from their records; this module imports no domain app.

All text here is document text in Vietnamese (data, not UI msgids). Upper-casing and the
formatted lines (number, date, signer titles, recipients) come from ``rules.py``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import rules


@dataclass(frozen=True)
class Heading:
    """A section heading of the body ("I. TÌNH HÌNH …", level 1; "1. …", level 2)."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; ``lead`` is a bold run before the text ("Thời gian: " …)."""

    text: str
    lead: str = ""
    italic: bool = False
    align: str = "justify"  # justify | left | center | right


@dataclass(frozen=True)
class BulletList:
    """Items each on its own line, with the marker HD 36 documents use ("- ")."""

    items: tuple[str, ...]
    marker: str = "-"


@dataclass(frozen=True)
class Table:
    """A simple grid: a header row and rows of cell texts."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | BulletList | Table


@dataclass(frozen=True)
class Signature:
    """A signature block: the title lines (``rules.signature_titles``) and the signer's name."""

    titles: tuple[str, ...]
    name: str

    @classmethod
    def of(
        cls, title: str, name: str, authority: rules.Authority | None = None, of: str = ""
    ) -> Signature:
        return cls(tuple(rules.signature_titles(title, authority, of)), name)


@dataclass(frozen=True)
class Document:
    superior: str  # "ĐẢNG BỘ QUÂN KHU 7" (top left, upper case)
    issuer: str  # "ĐẢNG ỦY BỆNH VIỆN QUÂN DÂN Y MIỀN ĐÔNG" (top left, bold, asterisk beneath)
    type_name: str  # "BIÊN BẢN"
    title: str  # the summary: "Hội nghị Đảng ủy phiên 6 tháng đầu năm 2023"
    place: str  # the organization's place setting: "Hà Đông"
    date: dt.date
    type_code: str  # "BB"
    issuer_code: str  # "ĐU"
    number: int | None = None  # None: a draft, no number yet
    body: tuple[Block, ...] = ()
    signatures: tuple[Signature, ...] = ()
    recipients: tuple[str, ...] = ()
    archive: str = "VP"  # "- Lưu VP."; recipients are shown only when ``recipients`` is set
    page: rules.PageSetup = field(default=rules.A4)

    @property
    def party_title(self) -> str:
        return rules.PARTY_TITLE

    @property
    def superior_line(self) -> str:
        return rules.party_upper(self.superior)

    @property
    def issuer_line(self) -> str:
        return rules.party_upper(self.issuer)

    @property
    def superior_lines(self) -> tuple[str, ...]:
        """The superior body as balanced lines of the left header column (regular type)."""
        return rules.balanced_lines(self.superior_line, rules.header_width_em(self.page))

    @property
    def issuer_lines(self) -> tuple[str, ...]:
        """The issuing body as balanced lines of the left header column (bold type)."""
        return rules.balanced_lines(self.issuer_line, rules.header_width_em(self.page), bold=True)

    @property
    def number_line(self) -> str:
        return rules.number_line(self.number, self.type_code, self.issuer_code)

    @property
    def date_line(self) -> str:
        return rules.date_line(self.place, self.date)

    @property
    def type_line(self) -> str:
        return rules.party_upper(self.type_name)

    @property
    def recipient_lines(self) -> list[str]:
        if not self.recipients:
            return []
        return rules.recipient_lines(self.recipients, self.archive)

    def placed_signatures(self) -> list[tuple[str, Signature]]:
        """(column, signature) pairs: "right" for one block, "left" and "right" for two."""
        if not self.signatures:
            return []
        return list(
            zip(rules.signature_columns(len(self.signatures)), self.signatures, strict=True)
        )
