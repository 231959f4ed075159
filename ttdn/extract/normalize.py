"""Text normalisation shared by every reader and extractor.

Every string the engine handles is NFC with folded whitespace. Patterns match against
``match_form(text)``, which also moves the tone mark of new-style spellings ("hoà",
"thuỷ") to the traditional vowel ("hòa", "thủy"). That rewrite keeps the length of the
text, so a match's offsets slice the original text exactly.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}  # huyền sắc hỏi ngã nặng


def _tone_table() -> dict[str, str]:
    table: dict[str, str] = {}
    pairs = [("o", "a"), ("o", "e"), ("u", "y")]
    for first, second in pairs:
        for tone in _TONES:
            for upper_first in (False, True):
                for upper_second in (False, True):
                    f = first.upper() if upper_first else first
                    s = second.upper() if upper_second else second
                    new_style = f + unicodedata.normalize("NFC", s + tone)
                    old_style = unicodedata.normalize("NFC", f + tone) + s
                    table[new_style] = old_style
    return table


_TONE_MAP = _tone_table()
_TONED_A_E = "".join(sorted({k[1] for k in _TONE_MAP if k[0] in "oO"}))
_TONED_Y = "".join(sorted({k[1] for k in _TONE_MAP if k[0] in "uU"}))
# New-style tone only at the end of a syllable: "hoàn" is spelt the same in both styles,
# and in "quý" the u belongs to "qu", so the tone stays on y. Character classes keep this
# one linear pass.
_TONE_RE = re.compile(rf"(?<![qQ])([oO][{_TONED_A_E}]|[uU][{_TONED_Y}])(?![^\W\d_])")

_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|font|br|p|div|sup|sub)\b[^<>]{0,200}>", re.I)
_EMPHASIS = re.compile(r"(?<![\w*])([*_]{1,2})(?=\S)([^*_\n]{1,200}?)(?<=\S)\1(?![\w*])")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold_tones(text: str) -> str:
    """Traditional tone placement ("hoà" -> "hòa"); the result has the same length."""
    return _TONE_RE.sub(lambda m: _TONE_MAP[m.group(1)], text)


@lru_cache(maxsize=8192)
def match_form(text: str) -> str:
    """The form patterns run on: same length and offsets as ``text``."""
    return fold_tones(text)


def clean_line(text: str, *, markup: bool = True) -> str:
    """One line of reader output: NFC, no control or invisible characters, single spaces,
    stray markup (``*emphasis*``, ``<b>``, ``&nbsp;``) folded to plain text."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    if markup:
        if "<" in text:
            text = _TAG.sub("", text)
        if "&" in text:
            text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        if "*" in text or "_" in text:
            text = _EMPHASIS.sub(r"\2", text)
    text = _SPACES.sub(" ", text)
    return text.strip()


def split_lines(text: str) -> list[str]:
    """Lines of a text whatever its line endings (\\r\\n from PDFs, \\r from old Macs)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
