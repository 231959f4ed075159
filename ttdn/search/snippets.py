"""Passages around the matched words, and titles with them marked. The folded copy of a
text has the same offsets as the text (``ttdn.lib.textfold.fold_aligned``), so matches
found in it mark the original words."""

from __future__ import annotations

import html
import itertools
import re

from django.utils.safestring import SafeString, mark_safe

from ttdn.lib.textfold import fold_aligned

SNIPPET_CHARS = 240


def _term_pattern(terms: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def _best_window(folded: str, pattern: re.Pattern[str], width: int) -> int:
    """Start of the window of ``width`` holding the most distinct terms (earliest wins)."""
    matches = [(m.start(), m.group(0)) for m in itertools.islice(pattern.finditer(folded), 200)]
    if not matches:
        return 0
    wanted = len({term for _, term in matches})
    best_start, best_score = matches[0][0], 0
    for i, (start, _) in enumerate(matches):
        seen = set()
        for position, term in matches[i:]:
            if position >= start + width:
                break
            seen.add(term)
        if len(seen) > best_score:
            best_start, best_score = start, len(seen)
            if best_score == wanted:  # cannot do better than every term
                break
    return best_start


def snippet(
    body: str, folded: str, terms: list[str], width: int = SNIPPET_CHARS
) -> tuple[str, SafeString]:
    """A passage of ``body`` around the densest match: as plain text, and as HTML with
    each matched word in <mark> (the rest escaped)."""
    if len(folded) != len(body):
        folded = fold_aligned(body)
    pattern = _term_pattern(terms)
    first = _best_window(folded, pattern, width)
    start = max(0, first - width // 3)
    if start:
        space = body.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(body), start + width)
    if end < len(body):
        space = body.rfind(" ", start + width // 2, end)
        end = space if space != -1 else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(body) else ""
    passage = body[start:end]
    marked = _marked(passage, folded[start:end], pattern)
    plain = " ".join(f"{prefix}{passage}{suffix}".split())
    return plain, mark_safe(prefix + marked.replace("\n", " ") + suffix)  # noqa: S308 — escaped


def highlight(text: str, folded: str, terms: list[str]) -> SafeString:
    """All of ``text``, escaped, with matched words in <mark>."""
    if len(folded) != len(text):
        folded = fold_aligned(text)
    return mark_safe(_marked(text, folded, _term_pattern(terms)))  # noqa: S308 — escaped


def _marked(text: str, folded: str, pattern: re.Pattern[str]) -> str:
    parts: list[str] = []
    cursor = 0
    for match in pattern.finditer(folded):
        parts.append(html.escape(text[cursor : match.start()]))
        parts.append(f"<mark>{html.escape(text[match.start() : match.end()])}</mark>")
        cursor = match.end()
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)
