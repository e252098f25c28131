"""Bar charts as inline SVG, made on the server: no script, nothing the CSP forbids (no
style attributes; colours come from regie.css classes). Each chart stands beside a table with
the same numbers, which is what a screen reader reads; the SVG itself is one image.

Horizontal bars, one row per category, so a long wijk name is written out in full."""
from __future__ import annotations

from dataclasses import dataclass

from .suppression import THRESHOLD, Cell

WIDTH = 560
LABEL_WIDTH = 190  # the category's name, left of its bars
VALUE_ROOM = 48  # the number right of the longest bar
BAR_HEIGHT = 14
GAP = 8
SERIES_CLASSES = ("bar", "bar-2")


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    text: str  # the number beside it: "12", "< 10", "×"
    text_x: float
    text_y: float


@dataclass
class Label:
    x: float
    y: float
    text: str


@dataclass
class Chart:
    width: int
    height: int
    bars: list[Bar]
    labels: list[Label]
    legend: list[tuple[str, str]]
    axis_x: float


def _length(value) -> int | None:
    """What a bar is long: a suppressed "< 10" is drawn as a dashed outline up to 10, a
    hidden one ("×") not at all, so the picture shows no more than the table."""
    if isinstance(value, Cell):
        if value.secondary:
            return None
        return THRESHOLD if value.primary else value.value
    return value


def bar_chart(categories: list[str], series: list[tuple[str, list]]) -> Chart:
    """Per category one bar per series; a value is an int or a suppressed Cell."""
    lengths = [_length(v) for _name, values in series for v in values]
    top = max([v for v in lengths if v is not None] + [1])
    plot_w = WIDTH - LABEL_WIDTH - VALUE_ROOM
    row_h = BAR_HEIGHT * max(len(series), 1) + GAP
    bars, labels = [], []
    for c_index, category in enumerate(categories):
        y0 = GAP / 2 + c_index * row_h
        labels.append(Label(LABEL_WIDTH - 6, y0 + row_h / 2, category))
        for s_index, (_name, values) in enumerate(series):
            value = values[c_index]
            length = _length(value)
            y = y0 + s_index * BAR_HEIGHT
            text = value.display if isinstance(value, Cell) else str(value)
            w = 0 if length is None else plot_w * length / top
            css = "" if length is None else SERIES_CLASSES[s_index % len(SERIES_CLASSES)]
            if isinstance(value, Cell) and value.primary:
                css = "bar-hidden"
            bars.append(Bar(LABEL_WIDTH, y + 1, w, BAR_HEIGHT - 2, css, text,
                            LABEL_WIDTH + w + 4, y + BAR_HEIGHT - 3))
    legend = [(SERIES_CLASSES[i % len(SERIES_CLASSES)], name)
              for i, (name, _values) in enumerate(series)]
    height = int(GAP + row_h * max(len(categories), 1))
    return Chart(width=WIDTH, height=height, bars=bars, labels=labels, legend=legend,
                 axis_x=LABEL_WIDTH)
