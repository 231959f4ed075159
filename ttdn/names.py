"""Names in the person's language, in one place.

What the product ships (report forms, their sections, the catalogue, vocabularies) and
what administrators keep for units has an English name beside the Vietnamese one
(``name_en``, ``title_en``); English mode shows it, and falls back to the Vietnamese.
What people write (titles, narratives, unit names without an English name) stays as
written: in English mode it is marked ``lang="vi"``, so that browsers, screen readers and
the English-mode check (tests/browser/test_english_mode.py) know it for stored
Vietnamese. Documents (the BÁO CÁO) are Vietnamese whatever the page's language: they
never call these helpers.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise, lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from ttdn.lib import vocab


def is_english(language: str | None = None) -> bool:
    return (language or get_language() or "vi").startswith("en")


def pick(vietnamese: str, english: str, language: str | None = None) -> str:
    """The English name in English mode when there is one, else the Vietnamese."""
    return english if is_english(language) and english else vietnamese


def _get(thing: Any, key: str) -> str:
    value = thing.get(key) if isinstance(thing, dict) else getattr(thing, key, "")
    return value or ""


def name_of(thing: Any, language: str | None = None, field: str = "name") -> str:
    """``thing``'s ``field`` in the language: a model or a dict with ``<field>_en``."""
    return pick(_get(thing, field), _get(thing, f"{field}_en"), language)


def stored(text: Any, language: str | None = None) -> Any:
    """Text as people wrote it, marked as Vietnamese on an English page."""
    if not is_english(language) or text is None or text == "" or isinstance(text, Promise):
        return text
    return format_html('<span lang="vi">{}</span>', text)


def marked_name(thing: Any, field: str = "name") -> str | SafeString:
    """``name_of`` for a page: the English name, or the Vietnamese one marked as such."""
    english = _get(thing, f"{field}_en")
    if is_english() and english:
        return english
    return stored(_get(thing, field))


def _vocabulary_label(name: str, code: str) -> str:
    return vocab.label(name, code, get_language() or "vi")


_lazy_label = lazy(_vocabulary_label, str)


def vocabulary_choices(name: str) -> list[tuple[str, Any]]:
    """A vocabulary's (code, label) choices whose labels follow the page's language: for
    choices fixed when a module loads (model fields, form fields of a class)."""
    return [(entry["code"], _lazy_label(name, entry["code"])) for entry in vocab.vocabulary(name)]


class MarkedSelect(forms.Select):
    """A select whose options named in Vietnamese only (``vietnamese``: their values)
    carry lang="vi" on an English page."""

    def __init__(self, *args: Any, vietnamese: set[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.vietnamese = vietnamese or set()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if is_english() and str(value) in self.vietnamese:
            option["attrs"]["lang"] = "vi"
        return option
