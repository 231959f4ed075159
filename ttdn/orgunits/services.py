"""Workflows on the unit tree: CSV import and export, reorganisations."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.lib.cells import csv_text, from_csv_text
from ttdn.orgunits.models import OrgUnit, UnitKind

CSV_COLUMNS = [
    "code",
    "name",
    "name_en",
    "kind",
    "parent_code",
    "valid_from",
    "valid_to",
    "successor_code",
]


class ImportError_(ValidationError):
    """A CSV that cannot be imported; ``errors`` name the row and field."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def _parse_date(text: str, row: int, column: str, errors: list[str]) -> date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(
        _("Dòng %(row)d, cột %(col)s: ngày “%(value)s” không hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd).")
        % {"row": row, "col": column, "value": text}
    )
    return None


def import_units_csv(text: str) -> ImportResult:
    """Create or update units from CSV; all or nothing.

    Raises ImportError_ listing every bad row and field; nothing is written then.
    """
    result = ImportResult()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in ("code", "name", "kind") if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportError_(_("Thiếu cột: %(cols)s") % {"cols": ", ".join(missing)})
    # Text the export marked so spreadsheets keep it as text is read back as it was.
    rows = [
        {k: from_csv_text(v) if isinstance(v, str) else v for k, v in row.items()} for row in reader
    ]
    existing = {u.code: u for u in OrgUnit.objects.all()}
    in_file = {(r.get("code") or "").strip() for r in rows}
    kinds = set(UnitKind.values)
    parsed = []
    for number, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        name = (row.get("name") or "").strip()
        kind = (row.get("kind") or "").strip()
        parent_code = (row.get("parent_code") or "").strip()
        successor_code = (row.get("successor_code") or "").strip()
        if not code:
            result.errors.append(_("Dòng %(row)d, cột code: thiếu mã đơn vị.") % {"row": number})
        if not name:
            result.errors.append(_("Dòng %(row)d, cột name: thiếu tên.") % {"row": number})
        if kind not in kinds:
            result.errors.append(
                _("Dòng %(row)d, cột kind: loại “%(kind)s” không có; dùng một trong: %(kinds)s.")
                % {"row": number, "kind": kind, "kinds": ", ".join(UnitKind.values)}
            )
        for column, ref in (("parent_code", parent_code), ("successor_code", successor_code)):
            if ref and ref not in existing and ref not in in_file:
                result.errors.append(
                    _("Dòng %(row)d, cột %(col)s: không có đơn vị mã “%(code)s”.")
                    % {"row": number, "col": column, "code": ref}
                )
        valid_from = _parse_date(row.get("valid_from") or "", number, "valid_from", result.errors)
        valid_to = _parse_date(row.get("valid_to") or "", number, "valid_to", result.errors)
        if valid_from and valid_to and valid_to < valid_from:
            result.errors.append(
                _("Dòng %(row)d, cột valid_to: ngày hết hiệu lực trước ngày có hiệu lực.")
                % {"row": number}
            )
        parsed.append(
            (
                number,
                code,
                name,
                (row.get("name_en") or "").strip(),
                kind,
                parent_code,
                valid_from,
                valid_to,
                successor_code,
            )
        )
    if result.errors:
        raise ImportError_(result.errors)

    with transaction.atomic():
        units = dict(existing)
        pending = list(parsed)
        # Parents first: repeat passes until every row's parent exists.
        while pending:
            progressed = False
            rest = []
            for item in pending:
                number, code, name, name_en, kind, parent_code, vf, vt, _succ = item
                if parent_code and parent_code not in units:
                    rest.append(item)
                    continue
                unit = units.get(code)
                fields = dict(
                    name=name,
                    name_en=name_en,
                    kind=kind,
                    valid_from=vf,
                    valid_to=vt,
                    parent=units[parent_code] if parent_code else None,
                )
                if unit is None:
                    unit = OrgUnit(code=code, **fields)
                    result.created += 1
                else:
                    for key, value in fields.items():
                        setattr(unit, key, value)
                    result.updated += 1
                try:
                    unit.full_clean(exclude=["parent", "successor"])
                    unit.clean()
                except ValidationError as error:
                    raise ImportError_(
                        [
                            _("Dòng %(row)d, cột %(col)s: %(msg)s")
                            % {"row": number, "col": key, "msg": "; ".join(msgs)}
                            for key, msgs in error.message_dict.items()
                        ]
                    ) from error
                unit.save()
                units[code] = unit
                progressed = True
            if not progressed:
                raise ImportError_(
                    [
                        _("Dòng %(row)d, cột parent_code: vòng lặp cấp trên.") % {"row": item[0]}
                        for item in rest
                    ]
                )
            pending = rest
        for _number, code, *_rest, successor_code in parsed:
            unit = units[code]
            successor = units[successor_code] if successor_code else None
            if unit.successor_id != (successor.pk if successor else None):
                unit.successor = successor
                unit.save(update_fields=["successor"])
    return result


def export_units_csv() -> str:
    """Every unit as CSV; text a spreadsheet would take for a formula starts with an
    apostrophe, which the import takes off again."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    rows = OrgUnit.objects.order_by("path").values_list(
        "code",
        "name",
        "name_en",
        "kind",
        "parent__code",
        "valid_from",
        "valid_to",
        "successor__code",
    )
    for code, name, name_en, kind, parent, vf, vt, successor in rows:
        fields = [
            code,
            name,
            name_en,
            kind,
            parent or "",
            vf.isoformat() if vf else "",
            vt.isoformat() if vt else "",
            successor or "",
        ]
        writer.writerow([csv_text(field) for field in fields])
    return out.getvalue()


@transaction.atomic
def merge_units(
    units: list[OrgUnit],
    code: str,
    name: str,
    kind: str,
    on: date,
    parent: OrgUnit | None = None,
    name_en: str = "",
) -> OrgUnit:
    """Merge ``units`` into a new unit from ``on`` (e.g. two 2024 provinces into one 2025
    province). The old units close the day before and name the new one as successor;
    their history stays where it was, and the new unit's current view sums it."""
    from datetime import timedelta

    merged = OrgUnit(code=code, name=name, name_en=name_en, kind=kind, parent=parent, valid_from=on)
    merged.full_clean(exclude=["parent", "successor"])
    merged.save()
    for unit in units:
        unit.valid_to = on - timedelta(days=1)
        unit.successor = merged
        unit.save(update_fields=["valid_to", "successor"])
    return merged


@transaction.atomic
def move_unit(
    unit: OrgUnit, new_parent: OrgUnit, code: str, on: date, name: str | None = None
) -> OrgUnit:
    """Move a unit (e.g. a commune) to another parent from ``on``: the old unit closes with
    its history under the old parent, a successor opens under the new one."""
    return merge_units(
        [unit], code, name or unit.name, unit.kind, on, parent=new_parent, name_en=unit.name_en
    )
