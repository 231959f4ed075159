"""The indicator catalogue as DHIS2 sees it: data elements, categories and their options.

Every indicator is a data element whose code is the indicator's code. An indicator
without a breakdown uses DHIS2's built-in ``default`` category combination. A breakdown
(languages, channels, platforms …) is a category of the same code whose options are the
breakdown's entries plus ``total`` (the indicator's total, which TTĐN stores beside its
parts and which is not always their sum): option ``en`` of ``languages`` is the category
option and the category option combo ``languages_en``, the total ``languages_total``.

Identifiers (uids) are derived from the codes, eleven characters as DHIS2 wants them,
so the same catalogue always gives the same uids and a DHIS2 instance that received the
metadata once keeps matching. DHIS2's own defaults keep their well-known uids.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ttdn.indicators.models import TOTAL, Disaggregation, Indicator, TimeAggregation, ValueType
from ttdn.lib import vocab

DATA_SET = "TTDN"
DEFAULT = "default"
TOTAL_OPTION = "total"
# DHIS2's built-in default category, option, combination and option combination.
DEFAULT_UIDS = {
    "category": "GLevLNI9wkl",
    "categoryOption": "xYerKDKCefk",
    "categoryCombo": "bjDvmb4bfuf",
    "categoryOptionCombo": "HllvX50cXC0",
}
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_VALUE_TYPES = {
    ValueType.INTEGER: "INTEGER_ZERO_OR_POSITIVE",
    ValueType.DECIMAL: "NUMBER",
    ValueType.PERCENT: "PERCENTAGE",
    ValueType.MONEY: "NUMBER",
}


def uid(kind: str, code: str) -> str:
    """A DHIS2 uid (a letter, then ten letters or digits) derived from ``code``."""
    number = int.from_bytes(hashlib.sha256(f"ttdn:{kind}:{code}".encode()).digest(), "big")
    first = _ALPHABET[10 + number % 52]
    number //= 52
    rest = []
    for _i in range(10):
        number, digit = divmod(number, 62)
        rest.append(_ALPHABET[digit])
    return first + "".join(rest)


def option_code(indicator: Indicator, option: str) -> str:
    """The category option combo code of one cell: ``default`` without a breakdown,
    ``languages_en``, ``languages_total`` …"""
    if not indicator.disaggregation:
        return DEFAULT
    return f"{indicator.disaggregation}_{option or TOTAL_OPTION}"


def option_uid(indicator: Indicator, option: str) -> str:
    if not indicator.disaggregation:
        return DEFAULT_UIDS["categoryOptionCombo"]
    return uid("categoryOptionCombo", option_code(indicator, option))


@dataclass
class Catalogue:
    """The active indicators with every name a file may give them by: data elements by
    code or uid, option combos by code or uid, ADX category options by category."""

    indicators: dict[str, Indicator] = field(default_factory=dict)
    by_element: dict[str, Indicator] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Catalogue:
        catalogue = cls()
        for indicator in Indicator.objects.filter(active=True):
            catalogue.indicators[indicator.code] = indicator
            catalogue.by_element[indicator.code] = indicator
            catalogue.by_element[uid("dataElement", indicator.code)] = indicator
        return catalogue

    def element(self, indicator: Indicator, ids: str = "code") -> str:
        return uid("dataElement", indicator.code) if ids == "uid" else indicator.code

    def combo(self, indicator: Indicator, option: str, ids: str = "code") -> str:
        return option_uid(indicator, option) if ids == "uid" else option_code(indicator, option)

    def adx_options(self, indicator: Indicator, option: str, ids: str = "code") -> dict[str, str]:
        """The attributes of an ADX dataValue: category code → category option code."""
        if not indicator.disaggregation:
            return {}
        code = option_code(indicator, option)
        return {indicator.disaggregation: uid("categoryOption", code) if ids == "uid" else code}

    def option_of_combo(self, indicator: Indicator, combo: str) -> str | None:
        """The option a category option combo (code or uid, empty for the default) names
        for ``indicator``, or None when it is not one of its combos."""
        for option in indicator.options():
            if combo in (option_code(indicator, option), option_uid(indicator, option)):
                return option
        if combo in ("", DEFAULT, DEFAULT_UIDS["categoryOptionCombo"]):
            return TOTAL if not indicator.disaggregation else None
        return None

    def option_of_adx(self, indicator: Indicator, attributes: dict[str, str]) -> str | None:
        if not indicator.disaggregation:
            return TOTAL if not attributes else None
        given = attributes.get(indicator.disaggregation)
        if given is None or len(attributes) != 1:
            return None
        for option in indicator.options():
            code = option_code(indicator, option)
            if given in (code, uid("categoryOption", code)):
                return option
        return None


def metadata(language: str = "vi") -> dict:
    """DHIS2 metadata for the active catalogue: what a DHIS2 instance imports (Import/
    Export › Metadata import) before it can receive TTĐN's data values."""
    indicators = list(Indicator.objects.filter(active=True))
    breakdowns = [d for d in Disaggregation if d and any(i.disaggregation == d for i in indicators)]
    options, categories, combos, option_combos = [], [], [], []
    for breakdown in breakdowns:
        members = []
        entries = [(TOTAL, "Tổng" if language == "vi" else "Total")] + [
            (code, vocab.label(breakdown.value, code, language)) for code in vocab.codes(breakdown)
        ]
        category_uid = uid("category", breakdown.value)
        combo_uid = uid("categoryCombo", breakdown.value)
        for option, name in entries:
            code = f"{breakdown.value}_{option or TOTAL_OPTION}"
            option_uid_ = uid("categoryOption", code)
            members.append({"id": option_uid_})
            options.append({"id": option_uid_, "code": code, "name": name, "shortName": name[:50]})
            option_combos.append(
                {
                    "id": uid("categoryOptionCombo", code),
                    "code": code,
                    "name": name,
                    "categoryCombo": {"id": combo_uid},
                    "categoryOptions": [{"id": option_uid_}],
                }
            )
        label = str(breakdown.label)
        categories.append(
            {
                "id": category_uid,
                "code": breakdown.value,
                "name": label,
                "shortName": label[:50],
                "dataDimensionType": "DISAGGREGATION",
                "dataDimension": True,
                "categoryOptions": members,
            }
        )
        combos.append(
            {
                "id": combo_uid,
                "code": breakdown.value,
                "name": label,
                "dataDimensionType": "DISAGGREGATION",
                "categories": [{"id": category_uid}],
            }
        )
    elements = []
    for indicator in indicators:
        name = indicator.display_name(language)
        combo = (
            uid("categoryCombo", indicator.disaggregation)
            if indicator.disaggregation
            else DEFAULT_UIDS["categoryCombo"]
        )
        elements.append(
            {
                "id": uid("dataElement", indicator.code),
                "code": indicator.code,
                "name": name[:230],
                "shortName": f"{indicator.code} {name}"[:50],
                "formName": name[:230],
                "valueType": _VALUE_TYPES.get(ValueType(indicator.value_type), "NUMBER"),
                "domainType": "AGGREGATE",
                "aggregationType": "LAST"
                if indicator.time_aggregation == TimeAggregation.LAST
                else "SUM",
                "zeroIsSignificant": True,  # a reported zero differs from no value
                "categoryCombo": {"id": combo},
            }
        )
    data_set = {
        "id": uid("dataSet", DATA_SET),
        "code": DATA_SET,
        "name": "Thông tin đối ngoại" if language == "vi" else "External information",
        "shortName": "TTĐN" if language == "vi" else "External information",
        "periodType": "SixMonthly",
        "categoryCombo": {"id": DEFAULT_UIDS["categoryCombo"]},
        "dataSetElements": [
            {"dataElement": {"id": e["id"]}, "dataSet": {"id": uid("dataSet", DATA_SET)}}
            for e in elements
        ],
    }
    return {
        "categoryOptions": options,
        "categories": categories,
        "categoryCombos": combos,
        "categoryOptionCombos": option_combos,
        "dataElements": elements,
        "dataSets": [data_set],
    }
