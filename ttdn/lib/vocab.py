"""Controlled vocabularies: topics, channels, languages (topics.json) and social platforms."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_FILE = Path(__file__).with_name("topics.json")

PLATFORMS = [
    {"code": "facebook", "vi": "Facebook", "en": "Facebook"},
    {"code": "youtube", "vi": "YouTube", "en": "YouTube"},
    {"code": "zalo", "vi": "Zalo", "en": "Zalo"},
    {"code": "tiktok", "vi": "TikTok", "en": "TikTok"},
    {"code": "x", "vi": "X (Twitter)", "en": "X (Twitter)"},
    {"code": "other", "vi": "Nền tảng khác", "en": "Other platforms"},
]


@cache
def _load() -> dict:
    return json.loads(_FILE.read_text(encoding="utf-8"))


def vocabulary(name: str) -> list[dict]:
    """Entries with code, vi, en: name is topics, channels, languages or platforms."""
    if name == "platforms":
        return PLATFORMS
    return _load()[name]


def codes(name: str) -> list[str]:
    return [entry["code"] for entry in vocabulary(name)]


def label(name: str, code: str, language: str = "vi") -> str:
    for entry in vocabulary(name):
        if entry["code"] == code:
            return entry["en" if language.startswith("en") else "vi"]
    return code


def choices(name: str, language: str = "vi") -> list[tuple[str, str]]:
    key = "en" if language.startswith("en") else "vi"
    return [(entry["code"], entry[key]) for entry in vocabulary(name)]
