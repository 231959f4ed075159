"""Folding Vietnamese text for matching: lower case, no diacritics, đ → d.

The one module that folds text: search, the archive's mapping of rows to indicators,
the report drafter's phrasebook and the extraction engine's security markings all fold
through it, so a word matches the same way everywhere. (Tone placement, "hoà" → "hòa",
is not folding: ``ttdn.extract.normalize.fold_tones`` keeps the diacritics.)
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = re.compile(r"[\u0300-\u036f]")
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def unaccent(text: str) -> str:
    """'Thành phố Đà Nẵng' → 'Thanh pho Da Nang' (also folds legacy Ð U+00D0)."""
    text = text.replace("đ", "d").replace("Đ", "D").replace("Ð", "D").replace("ð", "d")
    text = _MARKS.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """'Thông tin Đối ngoại' → 'thong tin doi ngoai'."""
    return unaccent(text).lower()


def fold_aligned(text: str) -> str:
    """``fold(text)`` with one character out per character in, so a match found in the
    folded text can be highlighted at the same offsets in the original."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded
    return "".join((fold(ch) or " ")[:1] for ch in text)


def words(text: str) -> list[str]:
    return [w for w in _NON_WORD.split(fold(text)) if w]
