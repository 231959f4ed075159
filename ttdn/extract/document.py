"""What a reader hands to segmentation: one normalised text as a list of blocks, each with
the layout hints the format gave (heading, bold, centred, table cell, page)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Block:
    """One paragraph, line or table-cell paragraph of a document, already normalised."""

    text: str
    heading: int | None = None  # outline level from a heading style or <h1>..<h6>
    bold: bool = False
    centred: bool = False
    table: int | None = None  # index of the table the cell belongs to
    row: int | None = None
    col: int | None = None
    page: int | None = None
    gap: bool = False  # a blank line (or page break) came before it
    label: str = ""  # visible list label rebuilt from Word numbering ("I.", "1.", "a)")

    @property
    def in_table(self) -> bool:
        return self.table is not None


@dataclass(slots=True)
class ReadResult:
    """A reader's output: blocks plus what the container said about the document."""

    format: str  # txt | html | docx | pdf
    blocks: list[Block]
    pages: int | None = None
    title_hint: str | None = None  # an HTML page's own title
    date_hint: str | None = None  # an HTML page's publication date, ISO
    footnotes: list[str] = field(default_factory=list)
    encoding: str | None = None  # how bytes were decoded, or the legacy font encoding
    # Text outside the body's flow, kept apart for the security-marking check only
    # (ttdn.extract.marking): Word headers, footers and text boxes, the top and bottom
    # band of each PDF page, an HTML page's header and footer.
    margins: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)
