"""Indicator tables: one fact per row.

Reports put their key figures in a table with a "Đơn vị tính" (unit) column: the value
comes from the result column, the unit from the unit column, the change from a
"So với …" column; the STT (row number) column is not a fact.
"""

from __future__ import annotations

import re

from ttdn.extract.document import Block
from ttdn.extract.facts import Change, Fact
from ttdn.extract.normalize import match_form
from ttdn.extract.numbers import SCALE_VI, NumberError, parse_number, scale
from ttdn.extract.vocab import LANG_VI

_UNIT_HEAD = re.compile(r"^(?:đơn vị tính|đơn vị|đvt|unit|units)\b", re.I)
_VALUE_HEAD = re.compile(
    r"kết quả|số lượng|thực hiện|năm \d{4}|giá trị|tổng số|số liệu|result|value|quantity|number|total",
    re.I,
)
_CHANGE_HEAD = re.compile(r"so với|tăng|giảm|change|compared|growth", re.I)
_LABEL_HEAD = re.compile(
    r"chỉ tiêu|nội dung|ngôn ngữ|hạng mục|loại|indicator|content|item|language", re.I
)
_STT_HEAD = re.compile(r"^(?:stt|tt|số tt|no\.?|#)$", re.I)
_CELL_NUMBER = re.compile(r"^\s*(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)\s*$")
_CELL_CHANGE = re.compile(r"^\s*(?P<dir>tăng|giảm|\+|-|–)?\s*(?P<num>\d+(?:,\d+)?)\s*%\s*$", re.I)
_SCALE_UNIT = re.compile(r"^(?P<scale>nghìn|ngàn|triệu|tỷ|tỉ)\s+(?P<unit>.+)$", re.I)
_LANG = re.compile(
    r"tiếng\s+(?P<name>" + "|".join(sorted(LANG_VI, key=len, reverse=True)) + r")\b", re.I
)


def _grid(blocks: list[Block]) -> dict[int, dict[int, str]]:
    grid: dict[int, dict[int, str]] = {}
    for block in blocks:
        row = grid.setdefault(block.row or 0, {})
        col = block.col or 0
        row[col] = f"{row[col]} {block.text}" if col in row else block.text
    return grid


def _find(header: dict[int, str], pattern: re.Pattern[str], skip: set[int]) -> int | None:
    for col in sorted(header):
        if col not in skip and pattern.search(match_form(header[col])):
            return col
    return None


def table_facts(blocks: list[Block]) -> list[Fact] | None:
    """Facts of one table's blocks, or None when it is not an indicator table."""
    grid = _grid(blocks)
    if len(grid) < 2:
        return None
    rows = [grid[r] for r in sorted(grid)]
    header = rows[0]
    unit_col = _find(header, _UNIT_HEAD, set())
    if unit_col is None:
        return None
    stt_col = next((c for c in sorted(header) if _STT_HEAD.match(header[c].strip())), None)
    used = {unit_col} | ({stt_col} if stt_col is not None else set())
    change_col = _find(header, _CHANGE_HEAD, used)
    used |= {change_col} if change_col is not None else set()
    value_col = _find(header, _VALUE_HEAD, used)
    if value_col is None:
        value_col = next((c for c in sorted(header) if c > unit_col and c not in used), None)
    if value_col is None:
        return None
    used.add(value_col)
    label_col = _find(header, _LABEL_HEAD, used)
    if label_col is None:
        label_col = next((c for c in sorted(header) if c not in used), None)
    baseline = None
    if change_col is not None:
        m = re.search(r"so với\s+(.+)$", header[change_col], re.I)
        baseline = m.group(1).strip() if m else None
    facts: list[Fact] = []
    for row in rows[1:]:
        raw = row.get(value_col, "")
        m = _CELL_NUMBER.match(raw)
        unit = row.get(unit_col, "").strip()
        if not m or not unit:
            continue
        try:
            value: float | int = parse_number(m.group("num"))
        except NumberError:
            continue
        scaled = _SCALE_UNIT.match(unit)
        if scaled:
            value = scale(value, SCALE_VI[scaled.group("scale").lower()])
            unit = scaled.group("unit").strip()
        label = row.get(label_col, "").strip() if label_col is not None else ""
        change: Change | None = None
        if change_col is not None:
            cm = _CELL_CHANGE.match(row.get(change_col, ""))
            if cm:
                down = (cm.group("dir") or "").lower() in ("giảm", "-", "–")
                change = {
                    "percent": parse_number(cm.group("num")),
                    "direction": "down" if down else "up",
                    "baseline": baseline,
                }
        lang = _LANG.search(match_form(label))
        language = LANG_VI.get(lang.group("name").lower()) if lang else None
        facts.append(
            {
                "value": value,
                "unit": unit,
                "text": " | ".join(row[c] for c in sorted(row)),
                "subject": label or None,
                "qualifier": None,
                "language": language,
                "change": change,
            }
        )
    return facts
