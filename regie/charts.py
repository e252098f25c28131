"""Bar charts as inline SVG, made on the server: no script, nothing the CSP forbids (no
style attributes; colours come from regie.css classes). Each chart stands beside a table with
the same numbers, which is what a screen reader reads; the SVG itself is one image."""
from __future__ import annotations

from dataclasses import dataclass

from .suppression import THRESHOLD, Cell

WIDTH, HEIGHT = 560, 220
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT = 16, 36, 8
SERIES_CLASSES = ("bar", "bar-2")


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    css: str
    text: str  # the number above it: "12", "< 10", "×"
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
    baseline: float


def bar_chart(categories: list[str], series: list[tuple[str, list]]) -> Chart:
    """Grouped bars: per category one bar per series. A value is an int or a suppressed
    Cell: "< 10" is drawn as a dashed outline up to 10, a hidden one ("×") not at all, so
    the picture shows no more than the table."""
    def height_of(value) -> int | None:
        if isinstance(value, Cell):
            if value.secondary:
                return None
            return THRESHOLD if value.primary else value.value
        return value

    shown = [height_of(v) for _name, values in series for v in values]
    top = max([v for v in shown if v is not None] + [1])
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = (WIDTH - MARGIN_LEFT * 2) / max(len(categories), 1)
    bar_w = max(min(slot * 0.8 / max(len(series), 1), 40), 2)
    baseline = HEIGHT - MARGIN_BOTTOM
    bars, labels = [], []
    for c_index, category in enumerate(categories):
        x0 = MARGIN_LEFT + c_index * slot + (slot - bar_w * len(series)) / 2
        for s_index, (_name, values) in enumerate(series):
            value = values[c_index]
            h_value = height_of(value)
            x = x0 + s_index * bar_w
            text = value.display if isinstance(value, Cell) else str(value)
            if h_value is None:
                bars.append(Bar(x, baseline, bar_w, 0, "", text, x + bar_w / 2, baseline - 4))
                continue
            h = plot_h * h_value / top
            css = SERIES_CLASSES[s_index % len(SERIES_CLASSES)]
            if isinstance(value, Cell) and value.primary:
                css = "bar-hidden"
            bars.append(Bar(x, baseline - h, bar_w, h, css, text, x + bar_w / 2,
                            baseline - h - 4))
        labels.append(Label(MARGIN_LEFT + c_index * slot + slot / 2, baseline + 14,
                            category[:12]))
    legend = [(SERIES_CLASSES[i % len(SERIES_CLASSES)], name)
              for i, (name, _values) in enumerate(series)]
    return Chart(width=WIDTH, height=HEIGHT, bars=bars, labels=labels, legend=legend,
                 baseline=baseline)
