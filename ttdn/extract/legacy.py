"""Legacy Vietnamese font encodings (TCVN3 and VNI) to Unicode.

Reports typed before Unicode took over used 8-bit font encodings: TCVN3 (TCVN 5712:1993
VN3, the "ABC" fonts .VnTime, .VnArial …) mostly in the north and VNI (VNI-Times …) mostly
in the south. Files store the font's byte values, so every reader shows them as Windows-1252
mojibake: "Céng hßa x· héi" (TCVN3) or "Coäng hoøa xaõ hoäi" (VNI) for "Cộng hòa xã hội".

This module holds both published tables and

- converts such text to NFC Unicode (``to_unicode``),
- recognises it when no font name says so (``detect_legacy``, ``convert_if_legacy``),
- maps run font names to an encoding (``font_encoding``),
- encodes Unicode back (``from_unicode``), to make legacy test documents.

TCVN3 has codes for the 67 lower-case Vietnamese letters and seven capitals (Ă Â Ê Ô Ơ Ư
Đ) only. Capitals with a tone were typed with the lower-case code in an all-capitals font
(.VnTimeH, .VnArialH …); "tcvn3h" is that variant. VNI writes a base letter followed by a
mark character, and has upper-case forms of everything, so it needs no such variant.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

TCVN3 = "tcvn3"
TCVN3_CAPS = "tcvn3h"  # TCVN3 in an all-capitals font (.VnTimeH)
VNI = "vni"
ENCODINGS = (TCVN3, TCVN3_CAPS, VNI)

# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------

# One row per vowel: the letter without tone, then with huyền (grave), hỏi (hook), ngã
# (tilde), sắc (acute) and nặng (dot below). Codes are written as the Windows-1252
# characters a reader shows for the font's bytes (TCVN 5712:1993, table VN3).
_TCVN3_ROWS: tuple[tuple[str, str], ...] = (
    ("aàảãáạ", "a\xb5\xb6\xb7\xb8\xb9"),
    ("ăằẳẵắặ", "\xa8\xbb\xbc\xbd\xbe\xc6"),
    ("âầẩẫấậ", "\xa9\xc7\xc8\xc9\xca\xcb"),
    ("eèẻẽéẹ", "e\xcc\xce\xcf\xd0\xd1"),
    ("êềểễếệ", "\xaa\xd2\xd3\xd4\xd5\xd6"),
    ("iìỉĩíị", "i\xd7\xd8\xdc\xdd\xde"),
    ("oòỏõóọ", "o\xdf\xe1\xe2\xe3\xe4"),
    ("ôồổỗốộ", "\xab\xe5\xe6\xe7\xe8\xe9"),
    ("ơờởỡớợ", "\xac\xea\xeb\xec\xed\xee"),
    ("uùủũúụ", "u\xef\xf1\xf2\xf3\xf4"),
    ("ưừửữứự", "\xad\xf5\xf6\xf7\xf8\xf9"),
    ("yỳỷỹýỵ", "y\xfa\xfb\xfc\xfd\xfe"),
    # đ, then the only capitals the encoding has
    ("đĂÂÊÔƠƯĐ", "\xae\xa1\xa2\xa3\xa4\xa5\xa6\xa7"),
)

# VNI: same row layout. Lower-case codes only; every capital is the upper-case form of the
# lower-case code ("Ố" = "OÁ"), as the VNI fonts define it.
_VNI_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("aàảãáạ", ("a", "aø", "aû", "aõ", "aù", "aï")),
    ("ăằẳẵắặ", ("aê", "aè", "aú", "aü", "aé", "aë")),
    ("âầẩẫấậ", ("aâ", "aà", "aå", "aã", "aá", "aä")),
    ("eèẻẽéẹ", ("e", "eø", "eû", "eõ", "eù", "eï")),
    ("êềểễếệ", ("eâ", "eà", "eå", "eã", "eá", "eä")),
    ("iìỉĩíị", ("i", "ì", "æ", "ó", "í", "ò")),
    ("oòỏõóọ", ("o", "oø", "oû", "oõ", "où", "oï")),
    ("ôồổỗốộ", ("oâ", "oà", "oå", "oã", "oá", "oä")),
    ("ơờởỡớợ", ("ô", "ôø", "ôû", "ôõ", "ôù", "ôï")),
    ("uùủũúụ", ("u", "uø", "uû", "uõ", "uù", "uï")),
    ("ưừửữứự", ("ö", "öø", "öû", "öõ", "öù", "öï")),
    ("yỳỷỹýỵ", ("y", "yø", "yû", "yõ", "yù", "î")),
    ("đ", ("ñ",)),
)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _build_tcvn3() -> dict[str, str]:
    """Unicode letter -> TCVN3 code, for every letter the encoding has."""
    table: dict[str, str] = {}
    for letters, codes in _TCVN3_ROWS:
        table.update(zip(_nfc(letters), codes, strict=True))
    return table


def _build_vni() -> dict[str, str]:
    """Unicode letter (both cases) -> VNI code."""
    table: dict[str, str] = {}
    for letters, codes in _VNI_ROWS:
        for letter, code in zip(_nfc(letters), codes, strict=True):
            table[letter] = code
            table[letter.upper()] = code.upper()
    return table


_TCVN3_ENCODE = _build_tcvn3()
_TCVN3_CODES = frozenset(code for code in _TCVN3_ENCODE.values() if not code.isascii())
_TCVN3_DECODE = str.maketrans(
    {code: letter for letter, code in _TCVN3_ENCODE.items() if code in _TCVN3_CODES}
)
# Codes of lower-case letters: in a capitals font they draw the capital.
_TCVN3_LOWER_CODES = frozenset(
    code for letter, code in _TCVN3_ENCODE.items() if letter.islower() and code in _TCVN3_CODES
)
_TCVN3_CAPITAL_CODES = _TCVN3_CODES - _TCVN3_LOWER_CODES

_VNI_ENCODE = _build_vni()


def _build_vni_decode() -> dict[str, str]:
    decode = {code: letter for letter, code in _VNI_ENCODE.items() if not code.isascii()}
    # Mixed-case pairs ("Aù", "aÙ") turn up in hand-edited text; the base letter's case wins.
    for code, letter in list(decode.items()):
        if len(code) == 2:
            base, mark = code[0], code[1]
            other = base + (mark.lower() if mark.isupper() else mark.upper())
            decode.setdefault(other, letter)
    return decode


_VNI_DECODE = _build_vni_decode()
_VNI_CODES = frozenset(c for c in "".join(_VNI_DECODE) if not c.isascii())
# Two-character codes first, so a base letter takes its mark before standing alone.
_VNI_RE = re.compile("|".join(sorted(map(re.escape, _VNI_DECODE), key=len, reverse=True)))

# Vietnamese letters outside Latin-1: a single-byte legacy text, read as Windows-1252, can
# never contain one, so a string holding them is already Unicode.
_UNICODE_VI = re.compile("[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]")


# ---------------------------------------------------------------------------
# Conversion
# ---------------------------------------------------------------------------


def to_unicode(text: str, encoding: str, *, fix_caps: bool = True) -> str:
    """``text`` (legacy codes as Windows-1252 characters) converted to NFC Unicode.

    ``encoding`` is "tcvn3", "tcvn3h" (all-capitals TCVN3 font) or "vni". With ``fix_caps``,
    TCVN3 words typed in capitals ("CéNG HßA") come out wholly in capitals ("CỘNG HÒA"),
    which is how the author saw them when a capitals font was used for part of a line.

    A string that already holds Vietnamese letters outside Latin-1 (ơ, ư, đ, ạ …) cannot be
    legacy text: it is returned as NFC unchanged, so a run typed in Unicode under an old
    font name is not mangled.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
    if _UNICODE_VI.search(text):
        return _nfc(text)
    if encoding == VNI:
        converted = _VNI_RE.sub(lambda m: _VNI_DECODE[m.group()], text)
    elif encoding == TCVN3_CAPS:
        converted = _upper(text.translate(_TCVN3_DECODE))
    else:
        converted = text.translate(_TCVN3_DECODE)
        if fix_caps:
            converted = _fix_tcvn3_caps(text, converted)
    return _nfc(converted)


def _upper(text: str) -> str:
    # str.upper() turns "ß" into "SS"; keep every character one character long.
    return "".join(u if len(u := c.upper()) == 1 else c for c in text)


_TCVN3_WORD = re.compile("[A-Za-z" + re.escape("".join(sorted(_TCVN3_CODES))) + "]+")


def _fix_tcvn3_caps(legacy: str, converted: str) -> str:
    """Upper-case TCVN3 words typed in capitals.

    A word whose letters are capitals except for lower-case-only codes ("CéNG", "HßA") is a
    capitals word. A one-capital word ("X·") counts when a neighbour on the same line is a
    capitals word, so "Sè: 15/BC-UBND" stays "Số" but "X· HéI" becomes "XÃ HỘI".
    """
    words = list(_TCVN3_WORD.finditer(legacy))
    kinds = [_caps_kind(m.group()) for m in words]
    if not any(kinds):
        return converted
    chars = list(converted)  # the translation is one character for one, so offsets agree
    for i, (match, kind) in enumerate(zip(words, kinds, strict=True)):
        if kind == "strong" or (kind == "weak" and _next_to_strong(legacy, words, kinds, i)):
            start, end = match.span()
            chars[start:end] = _upper(converted[start:end])
    return "".join(chars)


def _next_to_strong(
    legacy: str, words: list[re.Match[str]], kinds: list[str | None], i: int
) -> bool:
    before = i > 0 and kinds[i - 1] == "strong"
    before = before and "\n" not in legacy[words[i - 1].end() : words[i].start()]
    after = i + 1 < len(words) and kinds[i + 1] == "strong"
    after = after and "\n" not in legacy[words[i].end() : words[i + 1].start()]
    return before or after


def _caps_kind(word: str) -> str | None:
    if not any(c in _TCVN3_LOWER_CODES for c in word):
        return None
    if any("a" <= c <= "z" for c in word):
        return None
    capitals = sum(1 for c in word if _is_tcvn3_capital(c))
    if capitals >= 2:
        return "strong"
    if capitals == 1 and _is_tcvn3_capital(word[0]):
        return "weak"
    return None


def _is_tcvn3_capital(c: str) -> bool:
    return "A" <= c <= "Z" or c in _TCVN3_CAPITAL_CODES


def from_unicode(text: str, encoding: str, *, errors: str = "strict") -> str:
    """``text`` encoded as legacy codes (Windows-1252 characters), e.g. to build test files.

    ``.encode("cp1252")`` on the result gives the bytes a legacy TXT file or .doc holds.
    For "tcvn3h" every Vietnamese letter takes its lower-case code, as typed for a
    capitals font; ASCII letters are kept. Characters the encoding cannot hold — TCVN3
    capitals with a tone, or Latin-1 characters that are legacy codes for something else
    ("«" is ô in TCVN3, "ñ" is đ in VNI) — raise ValueError, or become "?" with
    ``errors="replace"``. Other characters (digits, punctuation, dashes) pass through.
    """
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown legacy encoding {encoding!r}; expected one of {ENCODINGS}")
    if errors not in ("strict", "replace"):
        raise ValueError(f"errors must be 'strict' or 'replace', not {errors!r}")
    table, codes = (_VNI_ENCODE, _VNI_CODES) if encoding == VNI else (_TCVN3_ENCODE, _TCVN3_CODES)
    out: list[str] = []
    for c in _nfc(text):
        if encoding == TCVN3_CAPS and not c.isascii():
            c = c.lower()
        if c in table:
            out.append(table[c])
        elif c.isascii() or (c not in codes and not _is_vietnamese_letter(c)):
            out.append(c)
        elif errors == "replace":
            out.append("?")
        else:
            hint = " (use 'tcvn3h' for capitals)" if encoding == TCVN3 and c.isupper() else ""
            raise ValueError(f"{c!r} cannot be written in {encoding}{hint}")
    return "".join(out)


def _is_vietnamese_letter(c: str) -> bool:
    return c.lower() in _TCVN3_ENCODE or c in "ĂÂÊÔƠƯĐ"


def _c1_cp1252() -> dict[int, str]:
    # Bytes 0x80-0x9F as Windows-1252 shows them (quotes, dashes); five are undefined there.
    table: dict[int, str] = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_C1_CP1252 = _c1_cp1252()


def decode_legacy_bytes(data: bytes) -> tuple[str, str] | None:
    """Unicode text and encoding when ``data`` (a plain-text file) is TCVN3 or VNI.

    Decode these bytes as Windows-1252, never Windows-1258: cp1258 turns several legacy
    codes into combining marks and letters such as "Đ", which the tables do not expect.
    """
    text = data.decode("latin-1").translate(_C1_CP1252)
    encoding = detect_legacy(text)
    if encoding is None:
        return None
    return to_unicode(text, encoding), encoding


# ---------------------------------------------------------------------------
# Font names
# ---------------------------------------------------------------------------


def font_encoding(font_name: str | None) -> str | None:
    """The legacy encoding a run's font implies: "tcvn3", "tcvn3h" or "vni", else None.

    ABC fonts are named ".VnTime", ".VnArial NarrowH" … (sometimes without the dot); a final
    capital H marks the all-capitals variant. VNI fonts are "VNI-Times", "VNI-Helve" ….
    """
    if not font_name:
        return None
    name = font_name.strip()
    folded = name.casefold()
    if folded.startswith(("vni-", "vni ")) or folded == "vni":
        return VNI
    # The dot is the ABC mark; without it, "Vn…" is still ABC unless it is "VNI…".
    if folded.startswith(".vn") or (folded.startswith("vn") and not folded.startswith("vni")):
        return TCVN3_CAPS if name.endswith("H") else TCVN3
    return None


# ---------------------------------------------------------------------------
# Detection
# ---------------------------------------------------------------------------

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền sắc ngã hỏi nặng
_ONSETS = tuple(
    sorted(
        "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split(),
        key=len,
        reverse=True,
    )
)
_CODAS = ("ch", "ng", "nh", "c", "m", "n", "p", "t")
_STOP_CODAS = frozenset(("c", "ch", "p", "t"))
# Vowel nuclei by whether a final consonant may, must not, or must follow.
_FREE_NUCLEI = frozenset("a e ê i o ô ơ u ư y oa oe oo uê uy ươ".split())
_OPEN_NUCLEI = frozenset(
    "ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui ưa ưi ưu uơ iêu yêu oai oao oay oeo uây "
    "uôi uya uyu ươi ươu".split()
)
_CLOSED_NUCLEI = frozenset("ă â oă uâ iê yê uô uyê".split())
_FRONT = frozenset("eêiy")


@lru_cache(maxsize=16384)
def _is_syllable(word: str) -> bool:
    """Whether ``word`` is spelt as one Vietnamese syllable (onset, vowels, final, tone)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in decomposed if c in _TONE_MARKS]
    if len(tones) > 1:
        return False
    for i, c in enumerate(decomposed):
        # a tone sits on a vowel (possibly after its circumflex, breve or horn)
        if c in _TONE_MARKS:
            base = decomposed[:i].rstrip("\u0302\u0306\u031b")[-1:]
            if base not in ("a", "e", "i", "o", "u", "y"):
                return False
    base = _nfc("".join(c for c in decomposed if c not in _TONE_MARKS))
    tone = tones[0] if tones else ""
    for onset in (*(o for o in _ONSETS if base.startswith(o)), ""):
        rest = base[len(onset) :]
        for coda in (*(c for c in _CODAS if rest.endswith(c)), ""):
            nucleus = rest[: len(rest) - len(coda)]
            if _valid_parts(onset, nucleus, coda, tone):
                return True
    return False


is_syllable = _is_syllable


def _valid_parts(onset: str, nucleus: str, coda: str, tone: str) -> bool:
    if coda:
        if nucleus not in _FREE_NUCLEI and nucleus not in _CLOSED_NUCLEI:
            return False
    elif nucleus not in _FREE_NUCLEI and nucleus not in _OPEN_NUCLEI:
        return False
    if coda in _STOP_CODAS and tone not in ("\u0301", "\u0323"):
        return False  # a final p, t, c, ch takes only sắc or nặng
    if coda in ("ch", "nh") and nucleus[-1] not in "aêiy":
        return False
    front = nucleus[0] in _FRONT
    if onset in ("k", "gh", "ngh") and not front:
        return False
    if onset in ("c", "ng") and front:
        return False
    if onset == "g" and nucleus[0] in "eê":
        return False
    return not (onset == "qu" and nucleus[0] in "uư")


_WORD = re.compile(
    r"(?:[^\W\d_]|[\u0300-\u036f]|["
    + re.escape("".join(sorted(c for c in _TCVN3_CODES if not c.isalpha())))
    + "])+"
)
_MAX_WORDS = 20000  # enough to judge a document; bounds the time on huge files


@dataclass
class _Score:
    candidates: int = 0  # words holding at least one code of the encoding
    gained: int = 0  # not a syllable as read, a syllable once converted
    valid_after: int = 0
    gained_codes: set[str] = field(default_factory=set)  # legacy characters in gained words


def _score(words: list[str], encoding: str) -> _Score:
    codes = _VNI_CODES if encoding == VNI else _TCVN3_CODES
    score = _Score()
    for word in words:
        present = {c for c in word if c in codes}
        if not present:
            continue
        score.candidates += 1
        if _converts_to_syllable(word, encoding):
            score.valid_after += 1
            if not _is_syllable(word):
                score.gained += 1
                score.gained_codes |= present
    return score


@lru_cache(maxsize=16384)
def _converts_to_syllable(word: str, encoding: str) -> bool:
    return _is_syllable(to_unicode(word, encoding, fix_caps=False))


def detect_legacy(text: str) -> str | None:
    """ "tcvn3" or "vni" when ``text`` is legacy-encoded Vietnamese read as Windows-1252.

    It decides on words holding legacy codes: converted, nearly all of them must be
    Vietnamese syllables, and a fair share must be syllables only once converted. Unicode
    Vietnamese, English and other Latin-1 languages fail one test or the other. Gains that
    rest on a single legacy character are not trusted: Norwegian "på", "så", "nå" turn into
    syllables through TCVN3's "å" (ồ) alone, French "où" through VNI's "ù". Too little
    text to judge gives None: use the font name then.
    """
    words = [m.group() for m in itertools.islice(_WORD.finditer(text), _MAX_WORDS)]
    unicode_words = sum(1 for w in words if _UNICODE_VI.search(w))
    best: tuple[int, str] | None = None
    for encoding in (TCVN3, VNI):
        score = _score(words, encoding)
        if (
            score.gained >= 2
            and len(score.gained_codes) >= 2
            and score.gained >= 0.3 * score.candidates
            and score.valid_after >= 0.75 * score.candidates
            and score.gained > 2 * unicode_words
            and (best is None or score.gained > best[0])
        ):
            best = (score.gained, encoding)
    return best[1] if best else None


def convert_if_legacy(text: str) -> tuple[str, str | None]:
    """``(unicode_text, encoding)``: converted when ``text`` is detected as TCVN3 or VNI,
    else ``(NFC text, None)``."""
    encoding = detect_legacy(text)
    if encoding is None:
        return _nfc(text), None
    return to_unicode(text, encoding), encoding
