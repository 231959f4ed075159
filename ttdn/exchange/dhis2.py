"""DHIS2 data value sets (JSON and CSV) and ADX (XML), written and read.

No database: a line is a ``Line`` of codes and a text value (messages go through
Django's gettext); ttdn.exchange.services turns codes into units, indicators and options. The formats follow DHIS2's documentation
(Data exchange › Data values): JSON ``{"dataValues": [{"dataElement", "period", "orgUnit",
"categoryOptionCombo", "value"}]}``, CSV with the columns ``dataelement, period, orgunit,
catoptcombo, attroptcombo, value, storedby, lastupdated, comment, followup, deleted``,
and ADX (IHE QRPH, ``urn:ihe:qrph:adx:2015``): ``<group orgUnit period dataSet>`` holding
``<dataValue dataElement value>`` whose other attributes name the category options.
ADX periods are an ISO 8601 start and duration (``2024-01-01/P6M``).

XML is parsed with defusedxml: a DTD, an entity (the billion laughs) or an external
reference makes the file refused before any element is read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from xml.etree.ElementTree import Element, SubElement, tostring

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as parse_xml
from django.utils.translation import gettext as _

from ttdn.lib.periods import Period, PeriodError, PeriodType, parse_period_id

ADX_NAMESPACE = "urn:ihe:qrph:adx:2015"
CSV_COLUMNS = [
    "dataelement",
    "period",
    "orgunit",
    "catoptcombo",
    "attroptcombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
    "deleted",
]
# The most lines one file may hold: a province's two years are a few tens of thousands.
MAX_LINES = 200_000
_DURATION = {
    PeriodType.MONTH: "P1M",
    PeriodType.QUARTER: "P3M",
    PeriodType.SIX_MONTH: "P6M",
    PeriodType.NINE_MONTH: "P9M",
    PeriodType.YEAR: "P1Y",
}
_ADX_PERIOD = re.compile(r"^(\d{4})-(\d{2})-01/(P\d+[MY])$")


class FormatError(ValueError):
    """A file that is not one of the formats, or is broken as a whole."""


@dataclass
class Line:
    """One value as the file gives it. ``options`` holds the category option codes an ADX
    line names (category code → option code); the other formats give a category option
    combo instead. ``where`` says where the line is, for messages ("dòng 14")."""

    data_element: str
    period: str
    org_unit: str
    value: str
    category_option_combo: str = ""
    options: dict[str, str] | None = None
    where: str = ""


# Periods ------------------------------------------------------------------------------


def adx_period(period: Period) -> str:
    return f"{period.start.isoformat()}/{_DURATION[period.type]}"


def period_from_adx(text: str) -> Period:
    """``2024-01-01/P6M`` → 2024S1; a start that no period of that length begins on is
    refused."""
    match = _ADX_PERIOD.match(text.strip())
    if not match:
        raise PeriodError(f"not an ADX period: {text!r} (e.g. 2024-01-01/P1Y)")
    year, month, duration = int(match.group(1)), int(match.group(2)), match.group(3)
    for kind, length in _DURATION.items():
        if length == duration:
            for index in range(1, 13):
                try:
                    period = Period(kind, year, index)
                except PeriodError:
                    break
                if period.start == date(year, month, 1):
                    return period
    raise PeriodError(f"no period starts on {year}-{month:02d}-01 lasting {duration}")


# Writing ------------------------------------------------------------------------------


def write_json(lines: Iterable[Line]) -> bytes:
    values = [
        {
            "dataElement": line.data_element,
            "period": line.period,
            "orgUnit": line.org_unit,
            "categoryOptionCombo": line.category_option_combo,
            "value": line.value,
        }
        for line in lines
    ]
    return json.dumps({"dataValues": values}, ensure_ascii=False, indent=1).encode()


def write_csv(lines: Iterable[Line]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow(
            [line.data_element, line.period, line.org_unit, line.category_option_combo, "",
             line.value, "", "", "", "false", "false"]
        )  # fmt: skip
    return out.getvalue().encode()


def write_adx(lines: Iterable[Line], data_set: str) -> bytes:
    """One ``group`` per unit and period, in the order first met."""
    root = Element("adx", {"xmlns": ADX_NAMESPACE})
    groups: dict[tuple[str, str], Element] = {}
    for line in lines:
        key = (line.org_unit, line.period)
        if key not in groups:
            groups[key] = SubElement(
                root,
                "group",
                {
                    "orgUnit": line.org_unit,
                    "period": adx_period(parse_period_id(line.period)),
                    "dataSet": data_set,
                },
            )
        attributes = {"dataElement": line.data_element, **(line.options or {})}
        attributes["value"] = line.value
        SubElement(groups[key], "dataValue", attributes)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="utf-8")


# Reading ------------------------------------------------------------------------------


def sniff(name: str, data: bytes) -> str:
    """Which format a file is in, from its content first and its name second:
    ``dvs-json``, ``adx``, ``dvs-csv`` or ``table`` (the plain table, CSV or XLSX)."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data[:2] == b"PK" or name.lower().endswith(".xlsx"):
        return "table"
    if head.startswith(b"{"):
        return "dvs-json"
    if head.startswith(b"<"):
        return "adx"
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").strip().lower()
    if first.startswith("dataelement") or first.startswith('"dataelement'):
        return "dvs-csv"
    if name.lower().endswith(".json"):
        return "dvs-json"
    if name.lower().endswith(".xml"):
        return "adx"
    return "table"


def read_json(data: bytes) -> list[Line]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise FormatError(_("JSON không đọc được: %(e)s") % {"e": error}) from None
    if not isinstance(document, dict) or not isinstance(document.get("dataValues"), list):
        raise FormatError(_('JSON phải có dạng {"dataValues": [...]} của DHIS2.'))
    # Values common to every line may sit at the top, as DHIS2 allows.
    top = {key: document.get(key) for key in ("period", "orgUnit")}
    lines = []
    for number, item in enumerate(_limited(document["dataValues"]), start=1):
        where = f"dataValues[{number - 1}]"
        if not isinstance(item, dict):
            lines.append(Line("", "", "", "", where=where))
            continue
        lines.append(
            Line(
                data_element=_text(item.get("dataElement")),
                period=_text(item.get("period") or top["period"]),
                org_unit=_text(item.get("orgUnit") or top["orgUnit"]),
                value=_text(item.get("value")),
                category_option_combo=_text(item.get("categoryOptionCombo")),
                where=where,
            )
        )
    return lines


def read_csv(data: bytes) -> list[Line]:
    text = _decoded(data)
    rows = csv.reader(io.StringIO(text))
    header = [cell.strip().lower() for cell in next(rows, [])]
    if not header or header[0] != "dataelement":
        raise FormatError(_("CSV của DHIS2 phải mở đầu bằng dòng tiêu đề dataelement,period,…"))
    lines = []
    for number, row in enumerate(_limited(rows), start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(header, (cell.strip() for cell in row), strict=False))
        lines.append(
            Line(
                data_element=cells.get("dataelement", ""),
                period=cells.get("period", ""),
                org_unit=cells.get("orgunit", ""),
                value=cells.get("value", ""),
                category_option_combo=cells.get("catoptcombo", ""),
                where=_("dòng %(n)d") % {"n": number},
            )
        )
    return lines


def read_adx(data: bytes) -> list[Line]:
    try:
        root = parse_xml(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise FormatError(
            _("Tệp XML bị từ chối: có khai báo DTD, thực thể hoặc tham chiếu ngoài (%(e)s).")
            % {"e": error}
        ) from None
    except ParseError as error:
        raise FormatError(_("XML không đọc được: %(e)s") % {"e": error}) from None
    if _local(root.tag) != "adx":
        raise FormatError(_("Tệp XML không phải ADX (thẻ gốc phải là <adx>)."))
    lines: list[Line] = []
    for g, group in enumerate(root, start=1):
        if _local(group.tag) != "group":
            continue
        org_unit = group.get("orgUnit", "")
        try:
            period = period_from_adx(group.get("period", "")).id
        except PeriodError:
            period = group.get("period", "")  # refused with its line
        for v, item in enumerate(group, start=1):
            if _local(item.tag) != "dataValue":
                continue
            attributes = {_local(k): value for k, value in item.attrib.items()}
            lines.append(
                Line(
                    data_element=attributes.pop("dataElement", ""),
                    period=period,
                    org_unit=org_unit,
                    value=attributes.pop("value", "").strip(),
                    options=attributes,
                    where=f"group {g}, dataValue {v}",
                )
            )
            if len(lines) > MAX_LINES:
                raise FormatError(_("Tệp có quá %(n)d giá trị.") % {"n": MAX_LINES})
    return lines


def read(name: str, data: bytes) -> tuple[str, list[Line]]:
    """The format and lines of a data value set or ADX file; the plain table is read by
    ttdn.exchange.table."""
    kind = sniff(name, data)
    if kind == "dvs-json":
        return kind, read_json(data)
    if kind == "dvs-csv":
        return kind, read_csv(data)
    if kind == "adx":
        return kind, read_adx(data)
    raise FormatError(_("Không phải tệp DHIS2 (JSON, CSV) hay ADX."))


def _limited(items: Iterable) -> Iterable:
    for count, item in enumerate(items, start=1):
        if count > MAX_LINES:
            raise FormatError(_("Tệp có quá %(n)d giá trị.") % {"n": MAX_LINES})
        yield item


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError(_("Tệp CSV phải lưu bằng bảng mã UTF-8.")) from None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value).strip()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
