"""The country's administrative units (đơn vị hành chính) with their official codes.

Read from the data files of the ``vietnamadminunits`` package (MIT licence): the 34
provinces and 3,321 communes in force since 1 July 2025, the 63 provinces with their
696 districts and 10,035 communes that closed on 30 June 2025, and the mapping from
each former commune to the 2025 commune it went into. The rows are handed to
``import_units``, the path ``ttdn units import`` takes, so paths, dates and the rollup
are kept exactly as for any other unit.

Codes are built from the statistics codes (mã đơn vị hành chính: two digits for a
province, three for a district, five for a commune), which the 2025 communes reuse from
one of the communes merged into them; the former units carry ``VN63`` so the two sets
never share a code:

    VN                  Toàn quốc (the root both sets hang under)
    VN-01               Thành phố Hà Nội (since 2025-07-01)
    VN-01-00004         Phường Ba Đình
    VN63-01             Thành phố Hà Nội (until 2025-06-30)
    VN63-01-001         Quận Ba Đình
    VN63-01-001-00001   Phường Phúc Xá
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ttdn.lib.textfold import unaccent
from ttdn.orgunits.models import UnitKind
from ttdn.orgunits.services import ImportResult, UnitRow, import_units

PACKAGE = "vietnamadminunits"
FIRST_DAY = date(2025, 7, 1)  # 34 provinces, local government without districts
LAST_DAY = date(2025, 6, 30)  # the last day of the 63 provinces and their districts
ROOT = UnitRow(code="VN", name="Toàn quốc", name_en="Viet Nam (nationwide)", kind=UnitKind.OTHER)
FORMER = "VN63"  # code prefix of the units closed in 2025

# The word that opens an official name, and its English for the English name ("Lao Cai
# Province", "Phuc Xa Ward"; the word goes first when the name is a number: "Ward 1").
ENGLISH = {
    "Tỉnh": "Province",
    "Thành phố": "City",
    "Quận": "District",
    "Huyện": "District",
    "Thị xã": "Town",
    "Phường": "Ward",
    "Xã": "Commune",
    "Thị trấn": "Township",
    "Đặc khu": "Special Zone",
}
_WORDS = "|".join(sorted(ENGLISH, key=len, reverse=True))
_TYPE_WORD = re.compile(rf"^({_WORDS}) (.+)$", re.IGNORECASE)


class SourceError(Exception):
    """The package's data cannot be read or do not hold together."""


@dataclass
class VietnamLoad:
    """What a load did, and the former communes the mapping gives no successor."""

    result: ImportResult
    rows: int
    unmapped: list[str] = field(default_factory=list)


def official_name(name: str) -> tuple[str, str, str]:
    """'Thành Phố Bắc Kạn' → ('Thành phố Bắc Kạn', 'Thành phố', 'Bắc Kạn'): the type word
    as officials write it (the data capitalise it now and then) and the place name."""
    name = " ".join(unicodedata.normalize("NFC", name).split())
    match = _TYPE_WORD.match(name)
    if not match:
        raise SourceError(f"Không rõ loại đơn vị của “{name}”.")
    word = next(w for w in ENGLISH if w.lower() == match.group(1).lower())
    return f"{word} {match.group(2)}", word, match.group(2)


def english_name(word: str, place: str) -> str:
    english = ENGLISH[word]
    return f"{english} {place}" if place.isdigit() else f"{unaccent(place)} {english}"


def _row(code: str, name: str, kind: str, **fields) -> UnitRow:
    name, word, place = official_name(name)
    return UnitRow(code=code, name=name, name_en=english_name(word, place), kind=kind, **fields)


def data_dir() -> Path:
    """The package's data folder, found without importing the package: its modules pull
    in geometry and geocoding libraries and parse their lookup tables (1.7 s)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SourceError(f"Chưa cài gói {PACKAGE}.")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _query(sql: str) -> list[sqlite3.Row]:
    path = data_dir() / "dataset.db"
    try:
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise SourceError(f"Không đọc được {path}: {error}.") from error
    try:
        db.row_factory = sqlite3.Row
        return db.execute(sql).fetchall()
    finally:
        db.close()


def _mapping() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Former province key → 2025 province key, and former commune key → (2025 province
    key, 2025 commune key), in the package's keys ("thanhphohanoi", "thanhphohanoi_
    quanbadinh_phuongphucxa"). A commune split between several 2025 communes goes to the
    one the mapping marks as the default (the main part)."""
    mapping = json.loads((data_dir() / "converter_2025.json").read_text(encoding="utf-8"))
    provinces = {old: new for new, olds in mapping["DICT_PROVINCE"].items() for old in olds}
    communes: dict[str, tuple[str, str]] = {}
    for province, wards in mapping["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for ward, olds in wards.items():
            for old in olds:
                communes[old] = (province, ward)
    for province, divided in mapping["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in divided.items():
            main = [part["newWardKey"] for part in parts if part["isDefaultNewWard"]]
            if len(main) == 1:
                communes[old] = (province, main[0])
    return provinces, communes


def vietnam_rows(
    provinces: Iterable[str] | None = None, former: bool = True
) -> tuple[list[UnitRow], list[str]]:
    """The unit rows, parents first, and the names of the former communes the mapping
    leaves without a successor. ``provinces``: the 2025 provinces to load, by code ("01",
    "79"), with the former provinces merged into them; ``former``: the units closed in
    2025 too."""
    current = _query(
        "SELECT provinceCode, province, provinceKey, wardCode, ward, wardKey "
        "FROM admin_units ORDER BY provinceCode, wardCode"
    )
    known = {r["provinceCode"] for r in current}
    keep = known if provinces is None else {code.strip().zfill(2) for code in provinces}
    if keep - known:
        raise SourceError(
            f"Không có tỉnh, thành phố mã {', '.join(sorted(keep - known))}; "
            f"các mã từ 01/7/2025: {', '.join(sorted(known))}."
        )
    rows = [ROOT]
    province_codes: dict[str, str] = {}  # 2025 province key → unit code
    commune_codes: dict[tuple[str, str], str] = {}  # (province key, commune key) → unit code
    for r in current:
        if r["provinceCode"] not in keep:
            continue
        province = f"VN-{r['provinceCode']}"
        if r["provinceKey"] not in province_codes:
            province_codes[r["provinceKey"]] = province
            rows.append(
                _row(
                    province,
                    r["province"],
                    UnitKind.PROVINCE,
                    parent_code=ROOT.code,
                    valid_from=FIRST_DAY,
                )
            )
        commune = f"{province}-{r['wardCode']}"
        commune_codes[(r["provinceKey"], r["wardKey"])] = commune
        rows.append(
            _row(commune, r["ward"], UnitKind.COMMUNE, parent_code=province, valid_from=FIRST_DAY)
        )
    if not former:
        return rows, []
    former_rows, unmapped = _former_rows(province_codes, commune_codes)
    return rows + former_rows, unmapped


def _former_rows(
    province_codes: dict[str, str], commune_codes: dict[tuple[str, str], str]
) -> tuple[list[UnitRow], list[str]]:
    """The 63 provinces, their districts and communes, closed on 30 June 2025: a province
    succeeded by the 2025 province it merged into, a district by the 2025 province it
    lies in (districts were abolished), a commune by the 2025 commune it went into."""
    province_successor, commune_successor = _mapping()
    rows: list[UnitRow] = []
    unmapped: list[str] = []
    seen: set[str] = set()
    for r in _query(
        "SELECT provinceCode, province, provinceKey, districtCode, district, districtKey, "
        "wardCode, ward, wardKey FROM admin_units_legacy "
        "ORDER BY provinceCode, districtCode, wardCode"
    ):
        if r["provinceKey"] not in province_successor:
            raise SourceError(f"Không rõ {r['province']} sáp nhập vào tỉnh, thành phố nào.")
        successor = province_codes.get(province_successor[r["provinceKey"]])
        if successor is None:  # merged into a province not being loaded
            continue
        province = f"{FORMER}-{r['provinceCode']}"
        district = f"{province}-{r['districtCode']}"
        closed = dict(valid_to=LAST_DAY, successor_code=successor)
        if province not in seen:
            seen.add(province)
            rows.append(
                _row(province, r["province"], UnitKind.PROVINCE, parent_code=ROOT.code, **closed)
            )
        if district not in seen:
            seen.add(district)
            rows.append(
                _row(district, r["district"], UnitKind.DISTRICT, parent_code=province, **closed)
            )
        if not r["wardCode"]:  # an island district without communes
            continue
        key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"
        commune = commune_codes.get(commune_successor.get(key, ("", "")), "")
        if not commune:
            unmapped.append(f"{r['ward']}, {r['district']}, {r['province']}")
        rows.append(
            _row(
                f"{district}-{r['wardCode']}",
                r["ward"],
                UnitKind.COMMUNE,
                parent_code=district,
                valid_to=LAST_DAY,
                successor_code=commune,
            )
        )
    return rows, unmapped


def load_vietnam_units(
    provinces: Iterable[str] | None = None, former: bool = True, dry_run: bool = False
) -> VietnamLoad:
    """Create or update the country's units; running it again changes nothing."""
    rows, unmapped = vietnam_rows(provinces, former)
    return VietnamLoad(import_units(rows, dry_run=dry_run), len(rows), unmapped)


def source_version() -> str:
    """'vietnamadminunits 1.0.4', to say where the units came from."""
    try:
        return f"{PACKAGE} {importlib.metadata.version(PACKAGE)}"
    except importlib.metadata.PackageNotFoundError:
        return PACKAGE
