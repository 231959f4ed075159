"""Finding units by name, as people write them: without diacritics, in capitals, with
the body's title in front ("UBND HUYỆN TUY PHƯỚC" is Huyện Tuy Phước).

Names are folded in Python (``ttdn.lib.textfold``): the person's units are at most a
few thousand rows (a province's communes, departments and agencies), read as tuples,
and a folded name is kept once per process, so a suggestion costs one indexed query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ttdn.lib.textfold import words
from ttdn.names import is_english
from ttdn.orgunits.models import OrgUnit

SUGGESTIONS = 12

# "Phường Quy Nhơn (Tỉnh Bình Định)": a unit as the picker shows it, parent in brackets.
_LABEL = re.compile(r"^(?P<name>.+?)\s*\((?P<parent>[^()]+)\)\s*$")

# Titles of the body that issues for a unit, written in front of its name in a
# document's header: "UBND huyện Tuy Phước", "ỦY BAN NHÂN DÂN XÃ TUY PHƯỚC".
_ISSUER_TITLES = ("uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd")


@lru_cache(maxsize=50_000)
def folded(name: str) -> str:
    return " ".join(words(name))


def label(unit: OrgUnit, language: str = "vi") -> str:
    """The unit's name with its parent's, which tells same-name units apart."""
    name = unit.display_name(language)
    parent = unit.parent
    return f"{name} ({parent.display_name(language)})" if parent is not None else name


@dataclass(frozen=True)
class Suggestion:
    code: str
    name: str
    parent: str
    label: str
    # "vi" where an English page shows the unit's Vietnamese name (it has no English one)
    lang: str = ""

    @classmethod
    def of(cls, unit: OrgUnit, language: str = "vi") -> Suggestion:
        parent = unit.parent.display_name(language) if unit.parent is not None else ""
        lang = "vi" if is_english(language) and not unit.name_en else ""
        return cls(unit.code, unit.display_name(language), parent, label(unit, language), lang)


def find_units(units: QuerySet[OrgUnit], query: str, limit: int = SUGGESTIONS) -> list[OrgUnit]:
    """Units of ``units`` whose name (Vietnamese or English) has a word starting with
    each word of ``query``, folded, or whose code starts with it: "quy nhon" finds
    "Phường Quy Nhơn" and "Phường Quy Nhơn Nam". Exact names first, then names that
    start with the query, then the higher units."""
    wanted = words(query)
    if not wanted:
        return []
    code = query.strip().upper()
    whole = " ".join(wanted)
    ranked: list[tuple[tuple[int, int, str], int]] = []
    for pk, unit_code, name, name_en, depth in units.values_list(
        "pk", "code", "name", "name_en", "depth"
    ):
        names = [folded(name)] + ([folded(name_en)] if name_en else [])
        if unit_code.upper().startswith(code):
            rank = 0 if unit_code.upper() == code else 2
        elif any(_has_words(n, wanted) for n in names):
            rank = 0 if whole in names else 1 if any(n.startswith(whole) for n in names) else 2
        else:
            continue
        ranked.append(((rank, depth, folded(name)), pk))
    ranked.sort()
    chosen = [pk for _key, pk in ranked[:limit]]
    found = OrgUnit.objects.filter(pk__in=chosen).select_related("parent").in_bulk()
    return [found[pk] for pk in chosen if pk in found]


def _has_words(name: str, wanted: list[str]) -> bool:
    have = name.split()
    return all(any(word.startswith(w) for word in have) for w in wanted)


class UnitNotFound(ValueError):
    """A name or code that names no unit of the ones a person may choose here."""


def resolve(units: QuerySet[OrgUnit], visible: QuerySet[OrgUnit], typed: str) -> OrgUnit:
    """The one unit of ``units`` that ``typed`` names: its code, its name (diacritics
    optional) or its label with the parent in brackets. A name that several units
    share asks for the parent; a unit the person sees (``visible``) but may not choose
    here is refused by name, one they do not see as unknown."""
    text = " ".join(typed.split())
    by_code = units.filter(code__iexact=text).select_related("parent").first()
    if by_code is not None:
        return by_code
    matches = _named(units, text)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise UnitNotFound(
            _("Có nhiều đơn vị tên “%(typed)s”: %(units)s. Chọn trong danh sách gợi ý.")
            % {"typed": text, "units": "; ".join(label(u) for u in matches[:5])}
        )
    elsewhere = visible.filter(code__iexact=text).first() or next(iter(_named(visible, text)), None)
    if elsewhere is not None:
        raise UnitNotFound(
            _("“%(unit)s” không thuộc các đơn vị được chọn ở đây.") % {"unit": label(elsewhere)}
        )
    raise UnitNotFound(_("Không tìm thấy đơn vị “%(typed)s”.") % {"typed": text})


def _named(units: QuerySet[OrgUnit], text: str) -> list[OrgUnit]:
    match = _LABEL.match(text)
    name, parent = (match["name"], match["parent"]) if match else (text, "")
    wanted, wanted_parent = folded(name), folded(parent)
    if not wanted:
        return []
    pks = [
        pk
        for pk, unit_name, name_en in units.values_list("pk", "name", "name_en")
        if wanted in (folded(unit_name), folded(name_en))
    ]
    found = list(OrgUnit.objects.filter(pk__in=pks).select_related("parent").order_by("path"))
    if wanted_parent:
        found = [
            u
            for u in found
            if u.parent is not None
            and wanted_parent in (folded(u.parent.name), folded(u.parent.name_en))
        ]
    return found


def match_issuer(
    issuer: str, units: QuerySet[OrgUnit], day: date | None, near: OrgUnit | None = None
) -> OrgUnit | None:
    """The unit of ``units`` that a document's issuing body names, as the tree stood on
    ``day``: "UBND HUYỆN TUY PHƯỚC" (2023) is Huyện Tuy Phước, not the Xã Tuy Phước that
    took its place in 2025. The title in front (UBND, Ủy ban nhân dân) is dropped; a
    two-line header ("UBND TỈNH BÌNH ĐỊNH SỞ NGOẠI VỤ") names the body on its last
    line, so the longest unit name that ends the text wins. Several units of one name:
    the one nearest ``near`` (the uploader's unit) in the tree, else none."""
    text = folded(issuer)
    for title in _ISSUER_TITLES:
        text = re.sub(rf"(^| ){title}(?= )", " ", text)
    text = " ".join(text.split())
    if not text:
        return None
    if day is not None:
        units = units.active_on(day)  # type: ignore[attr-defined]
    best: list[tuple[int, int, str]] = []
    for pk, name, path in units.values_list("pk", "name", "path"):
        name_folded = folded(name)
        if name_folded and (text == name_folded or text.endswith(" " + name_folded)):
            best.append((len(name_folded), pk, path))
    if not best:
        return None
    longest = max(length for length, _pk, _path in best)
    best = [b for b in best if b[0] == longest]
    if len(best) > 1:
        if near is None:
            return None
        shared = [(_common_depth(path, near.path), pk) for _length, pk, path in best]
        shared.sort(reverse=True)
        if shared[0][0] == shared[1][0]:
            return None
        return OrgUnit.objects.get(pk=shared[0][1])
    return OrgUnit.objects.get(pk=best[0][1])


def _common_depth(path: str, other: str) -> int:
    depth = 0
    for a, b in zip(path.split("."), other.split("."), strict=False):
        if a != b or not a:
            break
        depth += 1
    return depth
