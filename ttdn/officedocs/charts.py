"""Charts for official reports, drawn with matplotlib's Agg backend into PNG bytes.

Only the object-oriented API is used (no pyplot), so rendering keeps no global state
and is safe in a web worker.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from matplotlib import font_manager, rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter

from ttdn.lib.vnformat import format_number

from .model import Chart

KINDS = ("bar", "barh", "line", "pie")
# Letters a font must have to print Vietnamese: both marks, đ and the horned vowels.
VIETNAMESE_SAMPLE = "ĐđƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
PREFERRED_FONTS = ("Liberation Serif", "Times New Roman", "DejaVu Sans")
WIDTH_IN = 6.3
HEIGHT_IN = 3.6
DPI = 200
GREYS_AND_BLUES = ["#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#404040"]


def covers_vietnamese(path: str) -> bool:
    from matplotlib.ft2font import FT2Font

    charmap = FT2Font(path).get_charmap()
    return all(ord(char) in charmap for char in VIETNAMESE_SAMPLE)


@lru_cache(maxsize=1)
def chart_font_files() -> dict[str, str]:
    """Files of a Times-like face complete for Vietnamese, by weight; empty if none.

    Liberation Serif 1.x and 2.x share a family name but only 2.x has the Vietnamese
    letters, and matplotlib may pick either by name: so the files are chosen here.
    """
    for family in PREFERRED_FONTS:
        files: dict[str, str] = {}
        for entry in font_manager.fontManager.ttflist:
            if entry.name != family or entry.style != "normal":
                continue
            weight = "bold" if entry.weight in ("bold", 700) else "normal"
            if weight not in files and covers_vietnamese(entry.fname):
                files[weight] = entry.fname
        if "normal" in files:
            files.setdefault("bold", files["normal"])
            return files
    return {}


def chart_font() -> str:
    """The face charts print in: Liberation Serif when complete, else DejaVu Sans.

    DejaVu Sans ships inside matplotlib, so charts never print boxes for missing letters.
    """
    files = chart_font_files()
    if not files:
        return "DejaVu Sans"
    return font_manager.FontProperties(fname=files["normal"]).get_name()


def _apply_font(figure: Figure) -> None:
    files = chart_font_files()
    if not files:
        return
    for text in figure.findobj(Text):
        weight = "bold" if text.get_fontweight() in ("bold", 700) else "normal"
        size = text.get_fontsize()
        text.set_fontproperties(font_manager.FontProperties(fname=files[weight], size=size))


def _number(value: float, _position: object = None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return format_number(round(value, 1))


def _values(values: list[float | None], length: int) -> list[float]:
    padded = list(values[:length]) + [None] * (length - len(values))
    return [math.nan if value is None else float(value) for value in padded]


def render_chart(chart: Chart, *, with_title: bool = True) -> bytes:
    """The chart as PNG bytes; numbers on the axes and labels are Vietnamese-style."""
    if chart.kind not in KINDS:
        raise ValueError(f"Unknown chart kind {chart.kind!r}; use one of {', '.join(KINDS)}.")
    # rc_context touches process-wide settings, but every call sets the same values, so
    # concurrent renders cannot disturb each other.
    with rc_context({"font.family": "DejaVu Sans", "font.size": 11}):
        figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        categories = [str(category) for category in chart.categories]
        series = {name: _values(values, len(categories)) for name, values in chart.series.items()}
        if chart.kind == "pie":
            _pie(axes, categories, series)
        else:
            _bars_or_lines(axes, chart.kind, categories, series)
        if with_title and chart.title:
            # Room for the legend, which sits between the title and the plot.
            pad = 22 if len(chart.series) > 1 and chart.kind != "pie" else 6
            axes.set_title(chart.title, fontweight="bold", pad=pad)
        # Tick labels exist only once drawn, so the face is set after the layout: laid
        # out with DejaVu Sans, wider than the serif face, the labels keep their room.
        figure.tight_layout()
        _apply_font(figure)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def _bars_or_lines(axes, kind: str, categories: list[str], series: dict[str, list[float]]):
    positions = list(range(len(categories)))
    count = max(len(series), 1)
    width = 0.8 / count
    for index, (name, values) in enumerate(series.items()):
        color = GREYS_AND_BLUES[index % len(GREYS_AND_BLUES)]
        if kind == "line":
            axes.plot(positions, values, marker="o", label=name, color=color)
            continue
        offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
        if kind == "barh":
            bars = axes.barh(offsets, values, height=width, label=name, color=color)
        else:
            bars = axes.bar(offsets, values, width=width, label=name, color=color)
        axes.bar_label(bars, labels=[_number(v) for v in values], fontsize=9, padding=2)
    value_axis = axes.xaxis if kind == "barh" else axes.yaxis
    value_axis.set_major_formatter(FuncFormatter(_number))
    if kind == "barh":
        axes.set_yticks(positions, categories)
    else:
        axes.set_xticks(positions, categories)
        if max((len(c) for c in categories), default=0) > 12:
            for label in axes.get_xticklabels():
                label.set_rotation(20)
                label.set_horizontalalignment("right")
    # Fixed limits: autoscaling skips missing (NaN) bars and would crop the last group.
    if kind == "barh":
        axes.set_ylim(len(categories) - 0.5, -0.5)
        axes.margins(x=0.12)
    else:
        axes.set_xlim(-0.5, len(categories) - 0.5)
        axes.margins(y=0.12)
    axes.spines[["top", "right"]].set_visible(False)
    if len(series) > 1:
        # Above the plot, so it never hides a bar.
        axes.legend(
            frameon=False,
            fontsize=10,
            loc="lower center",
            bbox_to_anchor=(0.5, 1.0),
            ncols=min(len(series), 4),
        )


def _pie(axes, categories: list[str], series: dict[str, list[float]]) -> None:
    values = next(iter(series.values()), [])
    shown = [(c, v) for c, v in zip(categories, values, strict=False) if v and not math.isnan(v)]
    if not shown:
        axes.text(0.5, 0.5, "Không có số liệu", ha="center", va="center")
        axes.axis("off")
        return
    _wedges, _labels, percents = axes.pie(
        [value for _, value in shown],
        labels=[category for category, _ in shown],
        autopct=lambda percent: format_number(round(percent, 1), 1) + "%",
        colors=GREYS_AND_BLUES[: len(shown)] or None,
        startangle=90,
        counterclock=False,
        textprops={"fontsize": 10},
    )
    for text in percents:
        text.set_color("white")
    axes.axis("equal")
