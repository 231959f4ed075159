"""What an official report (văn bản báo cáo) is made of, independent of any file format.

The reporting app fills these dataclasses; the writers in this package turn them into
DOCX, PDF and XLSX laid out as Decree 30/2020/NĐ-CP (state bodies) or Hướng dẫn
36-HD/VPTW (Party bodies) require.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

Cell = str | int | float | Decimal | None


@dataclass
class Heading:
    """A section heading; ``text`` carries its own label: "I. ...", "1. ...", "a) ..."."""

    level: int
    text: str


@dataclass
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Table:
    """A table of figures.

    ``number_columns`` are right-aligned and printed Vietnamese-style (1.582.300; 54,7).
    ``decimals`` is the number of places shown for non-integer values (None: as many as
    each Decimal carries); Python ints are counts and always print whole.
    ``signed_columns`` print a "+" before rises (a change column under a "(%)" header).
    ``numbered`` adds the STT (số thứ tự) column; rows whose first cell starts with "- "
    are parts of the row above and take no number.
    """

    caption: str
    headers: list[str]
    rows: list[list[Cell]]
    number_columns: list[int] = field(default_factory=list)
    decimals: int | None = 0
    signed_columns: list[int] = field(default_factory=list)
    numbered: bool = False


@dataclass
class Chart:
    """A chart drawn with matplotlib; ``kind`` is "bar", "barh", "line" or "pie"."""

    title: str
    categories: list[str]
    series: dict[str, list[float | None]]
    kind: str = "bar"


@dataclass
class Signature:
    """Who signs: authority lines ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"), position, name."""

    authority: list[str]
    position: str | None
    name: str | None


Block = Heading | Paragraph | Table | Chart


@dataclass
class Appendix:
    """A Phụ lục after the signature, on a page of its own (Decree 30, Appendix I, III):
    "Phụ lục I", its title in capitals, "(Kèm theo Báo cáo số … ngày … của …)", tables."""

    label: str
    title: str
    note: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class OfficialReport:
    """One official report (báo cáo) with its header, body, recipients and signature.

    ``style`` is "state" (Decree 30/2020/NĐ-CP) or "party" (Hướng dẫn 36-HD/VPTW).
    ``number`` is the số/ký hiệu: "125/BC-SVHTTDL" (state) or "12-BC/TU" (party); give
    only the suffix ("/BC-SVHTTDL") to leave the number blank for the clerk to fill in.
    ``summary`` is the trích yếu (subject line under the document kind).
    ``recipients`` are the Nơi nhận lines without dashes; ``archive`` is the last one.
    """

    style: str
    governing_body: str | None
    issuing_body: str
    number: str | None
    place: str
    issued_on: date | None
    kind_title: str = "BÁO CÁO"
    summary: str = ""
    blocks: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    archive: str = "Lưu: VT"
    signature: Signature | None = None
    appendices: list[Appendix] = field(default_factory=list)
    year: int | None = None  # printed on the date line while the date is left blank
