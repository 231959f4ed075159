"""Countries and territories (ISO 3166-1 alpha-2) with their Vietnamese and English
names, from countries.json: the controlled list delegations and partners abroad are
recorded against, so that a consolidation can count distinct countries instead of
reading free text."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from ttdn.lib.textfold import fold

_FILE = Path(__file__).with_name("countries.json")
HOME = "VN"  # the country the reports are written in: never a foreign country


@cache
def _load() -> dict[str, dict[str, str]]:
    rows = json.loads(_FILE.read_text(encoding="utf-8"))["countries"]
    return {row["code"]: row for row in rows}


def codes() -> list[str]:
    return list(_load())


def is_foreign(code: str) -> bool:
    """A country in the list other than Việt Nam."""
    return code in _load() and code != HOME


def name(code: str, language: str = "vi") -> str:
    """ "Nhật Bản" (vi) or "Japan" (en); the code itself when it is not in the list."""
    row = _load().get(code)
    if row is None:
        return code
    return row["en" if language.startswith("en") else "vi"]


def choices(language: str = "vi") -> list[tuple[str, str]]:
    """Foreign countries as (code, name), sorted by name in ``language``."""
    key = "en" if language.startswith("en") else "vi"
    rows = [row for code, row in _load().items() if code != HOME]
    return sorted(((r["code"], r[key]) for r in rows), key=lambda pair: fold(pair[1]))
