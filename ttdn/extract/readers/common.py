"""Helpers the readers share: legacy-encoding hook, Vietnamese-ness score, line blocks."""

from __future__ import annotations

import re
import unicodedata
from types import ModuleType

from ttdn.extract.document import Block
from ttdn.extract.normalize import clean_line, split_lines


def legacy_module() -> ModuleType | None:
    """The TCVN3/VNI converter, when installed; readers work without it (no conversion)."""
    try:
        from ttdn.extract import legacy
    except ImportError:
        return None
    return legacy


# Latin-1 letters and signs Vietnamese never uses; TCVN3 and VNI mojibake is full of them.
_FOREIGN_LATIN1 = re.compile(
    "[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d0\u00d1\u00d6-\u00d8\u00db\u00dc\u00de\u00df"
    "\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f0\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]"
)


def might_be_legacy(text: str) -> bool:
    """Cheap test before the converter's full detection: Unicode Vietnamese has none of
    the signs legacy encodings put in place of its letters."""
    hits = 0
    for _ in _FOREIGN_LATIN1.finditer(text, 0, 50000):
        hits += 1
        if hits >= 3:
            return True
    return False


def convert_legacy(text: str) -> tuple[str, str | None]:
    """``text`` converted to Unicode when it is TCVN3 or VNI mojibake."""
    legacy = legacy_module()
    if legacy is None or not might_be_legacy(text):
        return text, None
    try:
        encoding = legacy.detect_legacy(text)
        if encoding:
            return legacy.to_unicode(text, encoding), encoding
    except (ValueError, KeyError, LookupError):
        pass
    return text, None


def font_encoding(font: str | None) -> str | None:
    if not font:
        return None
    legacy = legacy_module()
    if legacy is None:
        return None
    try:
        return legacy.font_encoding(font)
    except (ValueError, KeyError, LookupError):
        return None


def run_to_unicode(text: str, encoding: str) -> str:
    legacy = legacy_module()
    if legacy is None:
        return text
    try:
        return legacy.to_unicode(text, encoding)
    except (ValueError, KeyError, LookupError):
        return text


_VI_CHARS = re.compile(
    "[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", re.I
)
_LETTERS = re.compile(r"[^\W\d_]")


def vietnamese_ratio(text: str) -> float:
    """Share of letters that only Vietnamese uses; about 0.2–0.35 in Vietnamese prose."""
    sample = text[:20000]
    letters = len(_LETTERS.findall(sample))
    return len(_VI_CHARS.findall(sample)) / letters if letters else 0.0


_TERMINAL = (".", ":", ";", "!", "?", "…", "./.")
_BULLET = re.compile(r"^(?:[-–—+•*]|[IVXLC]+[.)]|\d+(?:\.\d+)*[.)]|[a-zđ][.)])\s")


def starts_lowercase(text: str) -> bool:
    first = text[:1]
    return first.isalpha() and first.islower()


def line_blocks(text: str, *, page: int | None = None, markup: bool = True) -> list[Block]:
    """Blocks from plain lines: blank lines become ``gap`` flags, and a line that starts in
    lower case after an unfinished line is joined to it (hard-wrapped paragraphs)."""
    blocks: list[Block] = []
    gap = False
    for raw in split_lines(text):
        line = clean_line(raw, markup=markup)
        if not line:
            gap = True
            continue
        if (
            blocks
            and starts_lowercase(line)
            and len(blocks[-1].text) >= 50
            and not blocks[-1].text.endswith(_TERMINAL)
            and blocks[-1].page == page
            and not _BULLET.match(line)
        ):
            blocks[-1].text = f"{blocks[-1].text} {line}"
        else:
            blocks.append(Block(line, gap=gap or not blocks, page=page))
        gap = False
    return blocks


# Plausibility of converted text --------------------------------------------------------
# The commonest English words; with the Vietnamese syllables they make up most of the
# words of an English report.
_ENGLISH_WORDS = frozenset(
    """a about according activities after all also an and any are as at be been before
    between both but by can capital committee could department development during each
    economic external first for foreign from had has have he her his if in including
    information international into is it its last local media million months more most
    new not of on one or other our over people per plan press province provincial quality
    report reports said she should so some such than that the their them there these they
    this those through to total two under up was we were which while who will with work
    would year""".split()
)
_TOKEN = re.compile(r"[^\W\d_]+")
_UNREADABLE = frozenset(("Co", "Cn", "Cs", "Cc"))  # private use, unassigned, surrogate, control
# Kana and Han are written together in one run; every other script on its own.
_SAME_SCRIPT = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HALFWIDTH": "CJK"}
# Measured on the corpus's reports and articles: 0.85–0.96 of the visible characters are
# letters, none unreadable; 0.93–0.99 of the words of a Vietnamese text are syllables, and
# 0.59 of the English article's are syllables or words of the list above. LibreOffice's
# reading of 2 MB of random bytes as UTF-16 gives 12 % unreadable characters, 0 % such
# words, and words that mix Han, Hangul and other scripts.
MAX_UNREADABLE_SHARE = 0.02
MIN_LETTER_SHARE = 0.5
MIN_WORD_SHARE = 0.3
_SAMPLE = 50_000


def _script(letter: str) -> str:
    name = unicodedata.name(letter, "")
    first = name.split(" ", 1)[0]
    return _SAME_SCRIPT.get(first, first)


def prose_problem(text: str) -> str | None:
    """None when ``text`` reads like the text of a document; otherwise what it is instead,
    as a short English phrase. Converters such as LibreOffice turn any bytes into
    characters; this tells a document from noise."""
    sample = text[:_SAMPLE]
    visible = [c for c in sample if not c.isspace()]
    if not visible:
        return "blank characters"
    unreadable = sum(1 for c in visible if unicodedata.category(c) in _UNREADABLE)
    if unreadable / len(visible) > MAX_UNREADABLE_SHARE:
        return f"{unreadable / len(visible):.0%} unreadable characters"
    letters = len(_LETTERS.findall(sample))
    if letters / len(visible) < MIN_LETTER_SHARE:
        return f"{letters / len(visible):.0%} letters among {len(visible)} characters"
    tokens = _TOKEN.findall(sample)
    latin = [t for t in tokens if t.isascii() or _script(t[0]) == "LATIN"]
    if len(latin) * 2 >= len(tokens):
        legacy = legacy_module()
        if legacy is None:
            return None
        known = sum(1 for t in latin if t.lower() in _ENGLISH_WORDS or legacy.is_syllable(t))
        if known / len(latin) < MIN_WORD_SHARE:
            return f"{known / len(latin):.0%} real words among {len(latin)}"
        return None
    # Other scripts (Chinese, Lao, Khmer…): a word of a real text is in one script.
    mixed = sum(1 for t in tokens if len({_script(c) for c in t}) > 1)
    if mixed / len(tokens) > 1 - MIN_WORD_SHARE:
        return f"{mixed / len(tokens):.0%} words mixing scripts"
    return None
