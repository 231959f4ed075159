"""Facts of a reviewed document that become register records rather than indicator
cells: a publication's print run, in total and per language, becomes a publication
(ttdn.publishing) with its editions.

A report says "bộ tài liệu “Thái Nguyên - Tiềm năng…” với 3.800 bản, trong đó tiếng
Anh 500 bản, tiếng Nhật 200 bản…": six facts counted in ``bản``, one publication. Facts
accepted as ``publication_copies`` are grouped by the publication their subject names
(its title in “ ”, else the subject without its "bản tiếng …"), and each group is one
record: two publications in one period are two records, whose copies the register adds
up, where two facts in one cell would conflict. The record is dated the last day of
the period (the report gives no day) and can be corrected on its page.

The register is the one place a publication is counted: a publication of the unit with
the same title in the same year is the same one, whichever way it came in first — the
review links the facts to it instead of making a second record, and the register's form
refuses a second one unless it is a reprint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.archive.models import Decision, ImportedItem, ItemKind
from ttdn.indicators.models import Indicator
from ttdn.lib.periods import Period
from ttdn.lib.textfold import fold
from ttdn.orgunits.models import OrgUnit
from ttdn.publishing.models import Publication, PublicationEdition, PublicationFormat
from ttdn.registers.base import get

COPIES = "publication_copies"
_QUOTED = re.compile(r"[“\"]([^”\"]{3,})[”\"]")
_EDITION = re.compile(r"\s*(ban|phien ban|an ban)\s+tieng\s+\w+\s*$")
# The kind named at the start of the subject ("bộ tài liệu “…”", "bản tin …"), folded.
_FORMATS = [
    ("bo tai lieu", PublicationFormat.DOCUMENTS),
    ("tai lieu", PublicationFormat.DOCUMENTS),
    ("ban tin", PublicationFormat.BULLETIN),
    ("dac san", PublicationFormat.SPECIAL),
    ("tap chi", PublicationFormat.MAGAZINE),
    ("to gap", PublicationFormat.FOLDER),
    ("to roi", PublicationFormat.LEAFLET),
    ("so tay", PublicationFormat.HANDBOOK),
    ("cuon", PublicationFormat.BOOK),
    ("sach", PublicationFormat.BOOK),
    ("ban do", PublicationFormat.MAP),
    ("bo anh", PublicationFormat.PHOTOS),
    ("dvd", PublicationFormat.DVD),
    ("dia", PublicationFormat.DVD),
    ("video", PublicationFormat.VIDEO),
    ("phim", PublicationFormat.VIDEO),
]


def _context(text: str, span: str) -> str:
    """The span with up to 200 characters of the document before it: a title in “ ”
    often opens before the span the extractor kept ("…tư” với 3.800 bản")."""
    at = text.find(span) if span else -1
    if at == -1:
        return span
    return text[max(0, at - 200) : at + len(span)]


def publication_title(fact: dict[str, Any], text: str = "") -> tuple[str, str]:
    """The publication a copies fact is about, and the words naming its kind: the
    title in “ ” nearest before the number (in the document's text around the fact),
    else its subject without the edition ("… bản tiếng Anh"), else the fact's text."""
    span = str(fact.get("text") or "")
    for source in (str(fact.get("subject") or ""), _context(text, span), span):
        quoted = list(_QUOTED.finditer(source))
        if quoted:
            found = quoted[-1]
            return found.group(1).strip(), source[: found.start()][-40:]
    subject = str(fact.get("subject") or span).strip()
    cut = _EDITION.search(fold(subject))
    subject = subject[: cut.start()].strip() if cut else subject
    # "cuốn bản tin đối ngoại": the counter word is not part of the name.
    title = re.sub(r"^(cuốn|quyển)\s+(?=\S)", "", subject, flags=re.I)
    return title, subject


def publication_format(words: str) -> str:
    """The kind the words before a title name ("bộ tài liệu", "bản tin", "sách")."""
    folded = f" {fold(words).strip()} "
    best, where = PublicationFormat.OTHER, -1
    for start, code in _FORMATS:
        found = folded.rfind(f" {start} ")
        if found > where:
            best, where = code, found
    return best


def becomes_record(item: ImportedItem) -> bool:
    """Whether the fact, as suggested, becomes a register record rather than a cell."""
    indicator = item.suggested_indicator
    return indicator is not None and indicator.code == COPIES


@dataclass
class Group:
    """The facts of one publication: its total and its editions by language."""

    title: str
    format: str
    total: Decimal | None = None
    editions: dict[str, Decimal] = field(default_factory=dict)
    items: list[ImportedItem] = field(default_factory=list)

    @property
    def copies(self) -> int:
        parts = sum(self.editions.values(), Decimal(0))
        return int(max(self.total or 0, parts))


def _same_year(unit: OrgUnit, title: str, year: int) -> Publication | None:
    """The unit's publication of that title that year, however it came in."""
    key = " ".join(fold(title).split())
    for publication in Publication.objects.filter(unit=unit, published_on__year=year):
        if " ".join(fold(publication.title).split()) == key:
            return publication
    return None


def take_publications(
    user, items: list[ImportedItem], unit: OrgUnit, period: Period, choices, outcome
) -> set[int]:
    """Make (or find) the publications the accepted copies facts of ``items`` describe,
    through the publications register, and mark those items; return their ids, which
    the review then leaves out of the indicator cells. A refused record raises what the
    register raises (ValidationError, ValuesRejected)."""
    copies_indicator = Indicator.objects.filter(code=COPIES).first()
    if copies_indicator is None:
        return set()
    groups: list[Group] = []
    text = ""
    for item in sorted(items, key=lambda i: i.position):
        if item.kind != ItemKind.FACT:
            continue
        choice = choices.get(item.pk)
        if choice is None or not choice.accept:
            continue
        code = choice.indicator if choice.indicator is not None else item.indicator_code
        if code != COPIES:
            continue
        value = choice.value if choice.value is not None else item.value
        option = choice.option if choice.option is not None else item.option
        if value is None:
            continue
        item.indicator, item.option, item.value = copies_indicator, option, value
        text = text or item.document.text
        # A total opens a publication; the editions after it ("trong đó tiếng Anh 500
        # bản…") belong to it, unless one names another title or repeats a language.
        title, words = publication_title(item.payload, text)
        current = groups[-1] if groups else None
        named_apart = item.payload.get("subject") and current and fold(title) != fold(current.title)
        if current is None or not option or named_apart or option in current.editions:
            current = Group(title, publication_format(words))
            groups.append(current)
        if option:
            current.editions[option] = value
        else:
            current.total = value
        current.items.append(item)
    register = get("publications")
    handled: set[int] = set()
    for group in groups:
        record: Any = _same_year(unit, group.title, period.end.year)
        if record is None:
            editions = [
                PublicationEdition(language=language, copies=int(copies))
                for language, copies in group.editions.items()
            ]

            def write(publication, editions=editions) -> None:
                for edition in editions:
                    edition.publication = publication
                    edition.full_clean()
                    edition.save()

            record = register.save(
                user,
                Publication(
                    title=group.title[:300],
                    format=group.format,
                    published_on=min(period.end, timezone.localdate()),
                    copies=group.copies,
                    note=_note(group),
                ),
                unit=unit,
                write_children=write,
            )
        link = {
            "register": "publications",
            "id": record.pk,
            "title": record.title,
            "url": reverse("registers:publications-detail", args=[record.pk]),
        }
        for item in group.items:
            item.payload = {**item.payload, "record": link}
            corrected = (
                item.indicator_id != item.suggested_indicator_id
                or item.option != item.suggested_option
                or item.value != item.suggested_value
            )
            item.decision = Decision.CORRECTED if corrected else Decision.ACCEPTED
            if corrected:
                outcome.corrected += 1
            else:
                outcome.accepted += 1
            handled.add(item.pk)
    return handled


def _note(group: Group) -> str:
    document = group.items[0].document if group.items else None
    if document is None:
        return ""
    return _("Nhập từ tài liệu số %(pk)s: %(name)s") % {
        "pk": document.pk,
        "name": document.filename,
    }
