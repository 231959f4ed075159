"""Charts render Vietnamese text with a complete face and Vietnamese numbers."""

from __future__ import annotations

import io
import warnings

import pytest
from PIL import Image

from ttdn.officedocs import Chart
from ttdn.officedocs.charts import (
    _number,
    chart_font,
    chart_font_files,
    covers_vietnamese,
    render_chart,
)

from .reports import CHART


def test_the_chart_face_has_every_vietnamese_letter():
    files = chart_font_files()
    if files:
        assert all(covers_vietnamese(path) for path in files.values())
        assert chart_font() in ("Liberation Serif", "Times New Roman", "DejaVu Sans")
    else:
        assert chart_font() == "DejaVu Sans"


@pytest.mark.parametrize("kind", ["bar", "barh", "line", "pie"])
def test_each_chart_kind_renders_a_png_without_missing_glyphs(kind):
    chart = Chart(
        title="Tin, bài theo ngôn ngữ – Đắk Lắk, Quảng Ngãi",
        categories=["Tiếng Việt", "Tiếng Anh", "Tiếng Lào"],
        series={"Năm 2023": [120, 60, None], "Năm 2024": [164.5, 70, 12]},
        kind=kind,
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = render_chart(chart)
    assert not [w for w in caught if "Glyph" in str(w.message)]
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.width >= 1200


def test_axis_numbers_use_vietnamese_separators():
    assert _number(1582300.0) == "1.582.300"
    assert _number(164.5) == "164,5"
    assert _number(float("nan")) == ""


def test_an_unknown_chart_kind_is_refused():
    with pytest.raises(ValueError, match="bar, barh, line, pie"):
        render_chart(Chart(title="x", categories=["a"], series={"s": [1]}, kind="radar"))


def test_the_sample_chart_with_a_missing_value_renders():
    assert render_chart(CHART).startswith(b"\x89PNG")


def test_a_pie_without_values_says_there_is_no_data_instead_of_failing():
    chart = Chart(title="Cơ cấu", categories=["A", "B"], series={"s": [None, 0]}, kind="pie")
    assert render_chart(chart).startswith(b"\x89PNG")
