"""Coverage entered from a list: a CSV or XLSX file of published articles is read and
checked row by row first (nothing written, every row's errors shown), then written
whole in one transaction, or not at all.

    rows, errors = read_coverage_file(name, data, unit)   # the dry run
    created = import_coverage(user, unit, rows)           # the commit, checked again

A record already in the register (same outlet, day and title) is refused, naming the
first one; so is the same article twice in one file."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ttdn.indicators.feeds import feed_values, periods_containing
from ttdn.lib import sheets, vocab
from ttdn.lib.textfold import fold
from ttdn.orgunits.access import Action, can
from ttdn.orgunits.models import OrgUnit
from ttdn.publishing.models import Coverage, CoverageKind, Outlet, outlets_for
from ttdn.registers.models import ChangeKind, RecordChange

MAX_ROWS = 2000
MAX_BYTES = 5 * 1024 * 1024


def duplicate_coverage_error(record: Coverage) -> None:
    """Refuse a record of an article already recorded, with the first one's page."""
    if not (record.outlet_id and record.published_on and record.title):
        return
    first = (
        Coverage.objects.filter(
            outlet_id=record.outlet_id, published_on=record.published_on, title=record.title
        )
        .exclude(pk=record.pk)
        .first()
    )
    if first is not None:
        raise ValidationError(
            {
                "title": _(
                    "Tin, bài này đã được ghi (cùng cơ quan báo chí, ngày và tiêu đề): xem %(url)s"
                )
                % {"url": reverse("registers:coverage-detail", args=[first.pk])}
            }
        )


# Reading a list -------------------------------------------------------------------------

# Column headings, folded, and the field each gives.
HEADINGS = {
    "ngay": "published_on",
    "ngay dang": "published_on",
    "ngay dang, phat song": "published_on",
    "co quan bao chi": "outlet",
    "bao": "outlet",
    "tieu de": "title",
    "the loai": "kind",
    "kenh": "channel",
    "ngon ngu": "language",
    "duong dan": "url",
    "link": "url",
    "chu de": "topics",
}
REQUIRED = ("published_on", "outlet", "title", "channel")


@dataclass
class ImportRow:
    """One line of the file: its number (as a spreadsheet counts, heading = 1), the
    fields read from it, and what is wrong with it."""

    line: int
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def _table(name: str, data: bytes) -> list[list[str]]:
    if name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheets.check_xlsx(data)
        except sheets.UnreadableSheet as error:
            raise ValidationError(str(error)) from None
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ValidationError(_("Không đọc được tệp XLSX: %(e)s") % {"e": error}) from None
        sheet = book.worksheets[0]
        table = []
        for row in sheet.iter_rows(values_only=True):
            cells = []
            for cell in row:
                if isinstance(cell, datetime):
                    cell = cell.date()
                if isinstance(cell, date):
                    cells.append(cell.strftime("%d/%m/%Y"))
                else:
                    cells.append("" if cell is None else str(cell))
            table.append(cells)
            if len(table) > MAX_ROWS + 1:
                break
        return table
    if not name.lower().endswith(".csv"):
        raise ValidationError(_("Chỉ nhận tệp CSV hoặc XLSX."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(_("Tệp CSV phải lưu bằng bảng mã UTF-8.")) from None
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)][: MAX_ROWS + 1]


def _vocabulary_code(name: str, raw: str) -> str | None:
    """A vocabulary entry by its code or its Vietnamese or English name, folded:
    "Tiếng Anh", "anh", "en" are the same language."""
    wanted = fold(raw).strip()
    for entry in vocab.vocabulary(name):
        names = {
            fold(entry["code"]),
            fold(entry["code"]).replace("_", " "),
            fold(entry["vi"]),
            fold(entry["en"]),
        }
        if name == "languages":
            names.add(fold(entry["vi"]).removeprefix("tieng "))
        if wanted in names:
            return entry["code"]
    return None


def _kind(raw: str) -> str | None:
    wanted = fold(raw).strip()
    if not wanted:
        return CoverageKind.ARTICLE
    for value, label in CoverageKind.choices:
        if wanted in {fold(value), fold(str(label))}:
            return value
    aliases = {
        "tin": "article",
        "bai": "article",
        "tin, bai": "article",
        "chuong trinh": "programme",
    }
    return aliases.get(wanted)


def _parse_day(raw: str) -> date | None:
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw.strip(), pattern).date()
        except ValueError:
            continue
    return None


def read_coverage_file(name: str, data: bytes, unit: OrgUnit) -> tuple[list[ImportRow], list[str]]:
    """The file's rows, each read and checked as the register would check it; and the
    errors of the file as a whole. Nothing is written."""
    if len(data) > MAX_BYTES:
        return [], [_("Tệp lớn quá: tối đa 5 MB.")]
    try:
        table = _table(name, data)
    except ValidationError as error:
        return [], list(error.messages)
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        return [], [_("Tệp không có dòng nào.")]
    columns = {i: HEADINGS.get(" ".join(fold(h).split())) for i, h in enumerate(table[0])}
    missing = [f for f in REQUIRED if f not in columns.values()]
    if missing:
        return [], [
            _("Thiếu cột: %(cols)s (dòng đầu là tên cột).")
            % {"cols": ", ".join(_HEADING_NAMES[f] for f in missing)}
        ]
    if len(table) > MAX_ROWS + 1:
        return [], [_("Tệp có quá %(n)d dòng: chia thành nhiều tệp.") % {"n": MAX_ROWS}]
    rows = [_read_row(line, cells, columns) for line, cells in enumerate(table[1:], start=2)]
    check_rows(rows, unit)
    return rows, []


_HEADING_NAMES = {
    "published_on": "ngày",
    "outlet": "cơ quan báo chí",
    "title": "tiêu đề",
    "channel": "kênh",
}


def _read_row(line: int, cells: list[str], columns: dict[int, str | None]) -> ImportRow:
    raw = {name: cells[i].strip() for i, name in columns.items() if name and i < len(cells)}
    row = ImportRow(line)
    day = _parse_day(raw.get("published_on", ""))
    if day is None:
        row.errors.append(
            _("Ngày “%(v)s” không đúng dạng dd/mm/yyyy.") % {"v": raw.get("published_on", "")}
        )
    else:
        row.values["published_on"] = day.isoformat()
    row.values["outlet"] = raw.get("outlet", "")
    row.values["title"] = raw.get("title", "")
    row.values["url"] = raw.get("url", "")
    kind = _kind(raw.get("kind", ""))
    if kind is None:
        row.errors.append(_("Thể loại “%(v)s” không có trong danh mục.") % {"v": raw.get("kind")})
    row.values["kind"] = kind or ""
    channel = _vocabulary_code("channels", raw.get("channel", ""))
    if channel is None:
        row.errors.append(
            _("Kênh “%(v)s” không có trong danh mục.") % {"v": raw.get("channel", "")}
        )
    row.values["channel"] = channel or ""
    language = _vocabulary_code("languages", raw.get("language") or "vi")
    if language is None:
        row.errors.append(
            _("Ngôn ngữ “%(v)s” không có trong danh mục.") % {"v": raw.get("language")}
        )
    row.values["language"] = language or ""
    topics = []
    for part in (raw.get("topics") or "").replace(",", ";").split(";"):
        if part.strip():
            code = _vocabulary_code("topics", part)
            if code is None:
                row.errors.append(
                    _("Chủ đề “%(v)s” không có trong danh mục.") % {"v": part.strip()}
                )
            else:
                topics.append(code)
    row.values["topics"] = topics
    return row


def _outlets(unit: OrgUnit) -> dict[str, Outlet]:
    return {fold(o.name).strip(): o for o in outlets_for(unit).order_by("unit__depth", "pk")}


def _record(values: dict[str, Any], unit: OrgUnit, outlet: Outlet) -> Coverage:
    return Coverage(
        unit=unit,
        outlet=outlet,
        published_on=date.fromisoformat(values["published_on"]),
        kind=values["kind"],
        channel=values["channel"],
        language=values["language"],
        title=values["title"],
        url=values["url"],
        topics=values["topics"],
    )


def check_rows(rows: list[ImportRow], unit: OrgUnit) -> None:
    """Each row checked as the register checks a record, and against the rows above it."""
    outlets = _outlets(unit)
    seen: dict[tuple, int] = {}
    for row in rows:
        outlet = outlets.get(fold(row.values.get("outlet", "")).strip())
        if outlet is None:
            row.errors.append(
                _("Chưa có cơ quan báo chí “%(v)s” trong danh sách của đơn vị: thêm vào trước.")
                % {"v": row.values.get("outlet", "")}
            )
        if row.errors or outlet is None:
            continue
        record = _record(row.values, unit, outlet)
        try:
            record.full_clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                label = (
                    name
                    if name == "__all__"
                    else str(getattr(Coverage._meta.get_field(name), "verbose_name", name))
                )
                row.errors.extend(f"{label}: {m}" if name != "__all__" else m for m in messages)
            continue
        key = (outlet.pk, record.published_on, record.title)
        if key in seen:
            row.errors.append(_("Trùng với dòng %(line)d của tệp.") % {"line": seen[key]})
        else:
            seen[key] = row.line


def import_coverage(user, unit: OrgUnit, rows: list[ImportRow]) -> list[Coverage]:
    """Write every row as a coverage record of ``unit``, checked again, with its
    history, and feed the periods they count in once: all rows or none."""
    from ttdn.registers.base import get

    if not can(user, unit, Action.ENTER):
        raise PermissionDenied(_("Bạn không có quyền ghi sổ của đơn vị này."))
    register = get("coverage")
    content_type = ContentType.objects.get_for_model(Coverage)
    with transaction.atomic():
        check_rows(rows, unit)
        bad = [row for row in rows if row.errors]
        if bad:
            raise ValidationError(
                [
                    _("Dòng %(line)d: %(errors)s") % {"line": r.line, "errors": "; ".join(r.errors)}
                    for r in bad
                ]
            )
        outlets = _outlets(unit)
        created = []
        periods = {}
        for row in rows:
            record = _record(row.values, unit, outlets[fold(row.values["outlet"]).strip()])
            record.save()
            created.append(record)
            periods.update({p.id: p for p in periods_containing(record.published_on)})
            RecordChange.objects.create(
                content_type=content_type,
                object_id=record.pk,
                unit=unit,
                kind=ChangeKind.CREATED,
                changes={k: ["", v] for k, v in register.snapshot(record).items() if v},
                user=user,
            )
        for period in sorted(periods.values(), key=lambda p: p.sort_key):
            feed_values(user, unit, period)
    return created
