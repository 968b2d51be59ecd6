"""Shared look of every chart: colour-blind-safe palette, percent axes, projector-size text.

Text follows ``rk.set_language``: chart texts are looked up with :func:`retention_kit.i18n.tr`
(registered in :mod:`retention_kit.plots._texts`) and percent ticks read "96 %" in Russian.
``rk.plots.projector()`` (or ``with rk.plots.style(projector=True):``) enlarges every text for a
room with a projector.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path
from matplotlib.transforms import offset_copy

import retention_kit.plots._texts  # noqa: F401  (registers the charts' Russian texts)

from ..i18n import NBSP, get_language

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision
# deficiency, and in greyscale by lightness.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
CYCLE = [PALETTE[k] for k in ("blue", "orange", "green", "vermillion", "sky", "purple", "black")]
SEQUENTIAL_CMAP = "viridis"  # perceptually uniform and colour-blind safe, for heatmaps

RC = {
    "axes.prop_cycle": mpl.cycler(color=CYCLE),
    "font.size": 12,
    "axes.titlesize": 14,
    "axes.titleweight": "bold",
    "axes.labelsize": 12,
    "xtick.labelsize": 11,
    "ytick.labelsize": 11,
    "legend.fontsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.dpi": 100,
}


#: how much larger every text is in projector mode (a back row reads 12 pt * 1.4 ≈ 17 pt)
PROJECTOR_SCALE = 1.4
_SIZE_KEYS = (
    "font.size",
    "axes.titlesize",
    "axes.labelsize",
    "xtick.labelsize",
    "ytick.labelsize",
    "legend.fontsize",
)
_state = {"projector": False}


def projector(on: bool = True) -> None:
    """Make every chart's text larger (for a projector), or back to normal with ``on=False``.

    >>> projector(); font_size(10)
    14.0
    >>> projector(False); font_size(10)
    10
    """
    _state["projector"] = bool(on)


def font_size(size: float) -> float:
    """A text size of the kit's charts, enlarged in projector mode."""
    return round(size * PROJECTOR_SCALE, 1) if _state["projector"] else size


def _rc() -> dict:
    rc = dict(RC)
    if _state["projector"]:
        for key in _SIZE_KEYS:
            rc[key] = font_size(RC[key])
        rc["lines.linewidth"] = 2.5
    return rc


@contextmanager
def style(projector: bool | None = None) -> Iterator[None]:
    """Apply the kit's chart style inside a ``with`` block (leaves the user's rcParams alone).

    ``projector=True`` enlarges the text of the charts drawn inside the block (see
    :func:`projector` to switch it on for the whole notebook).
    """
    before = _state["projector"]
    if projector is not None:
        _state["projector"] = bool(projector)
    try:
        with mpl.rc_context(_rc()):
            yield
    finally:
        _state["projector"] = before


def new_axes(ax: Axes | None = None, figsize: tuple[float, float] = (9, 5)) -> tuple[Figure, Axes]:
    """The axes to draw on: the caller's ``ax`` if given, else a new figure with the kit style."""
    if ax is not None:
        return ax.figure, ax
    with style():
        fig, ax = plt.subplots(figsize=figsize, layout="constrained")
    return fig, ax


class PercentFormatter(ticker.PercentFormatter):
    """Fractions as percents with the fewest decimals (at least ``decimals``) that keep every
    tick label distinct: a 0-2 % axis reads 0.0 %, 0.5 %, 1.0 % ..., never 0 %, 0 %, 1 %."""

    def __init__(self, decimals: int = 0) -> None:
        super().__init__(xmax=1.0, decimals=decimals)
        self.min_decimals = decimals

    @staticmethod
    def _text(x: float, decimals: int) -> str:
        return percent_text(x, decimals)

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self._text(x, self.decimals)

    def format_ticks(self, values) -> list[str]:
        for decimals in range(self.min_decimals, self.min_decimals + 6):
            labels = [self._text(v, decimals) for v in values]
            if len(set(labels)) == len(labels):
                break
        self.decimals = decimals
        return labels


def percent_text(x: float, decimals: int = 0) -> str:
    """A fraction as a chart's percent label: "42%" in English, "42 %" (and "4,5 %") in Russian.

    >>> percent_text(0.425, 1)
    '42.5%'
    """
    text = f"{x * 100 + 0.0:.{decimals}f}%"
    if text.startswith("-") and float(text[1:-1]) == 0:
        text = text[1:]
    if get_language() == "ru":
        text = text[:-1].replace(".", ",") + NBSP + "%"
    return text


def percent_axis(ax: Axes, axis: str = "y", decimals: int = 0) -> None:
    """Show fractions on an axis as percents (0.25 -> 25%), with as many decimals as the tick
    labels need to stay distinct (at least ``decimals``)."""
    fmt = PercentFormatter(decimals=decimals)
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


def text_width(text: str, size: float, weight: str = "normal") -> float:
    """The width in points of one line of ``text`` at font ``size`` (the kit's font)."""
    prop = FontProperties(size=size, weight=weight)
    return text_to_path.get_text_width_height_descent(text, prop, ismath=False)[0]


def wrap_to(text: str, width: float, size: float, weight: str = "normal") -> str:
    """``text`` broken into lines no wider than ``width`` points where it can be: first before
    a bracket (the unit goes to a line of its own), then between words. Lines already broken
    by the caller stay broken.

    >>> print(wrap_to("revenue per customer (currency units of the sample)", 200, 12))
    revenue per customer
    (currency units of the sample)
    """
    lines = []
    for line in text.split("\n"):
        if text_width(line, size, weight) <= width:
            lines.append(line)
            continue
        head, bracket, unit = line.partition(" (")
        parts = [head, "(" + unit] if bracket and head else [line]
        for part in parts:
            current = ""
            for word in part.split(" "):
                candidate = f"{current} {word}" if current else word
                if current and text_width(candidate, size, weight) > width:
                    lines.append(current)
                    candidate = word
                current = candidate
            lines.append(current)
    return "\n".join(lines)


def _size(key: str) -> float:
    return float(font_size(RC[key]))


def label(ax: Axes, title: str, xlabel: str, ylabel: str) -> None:
    """Every chart has a title and labelled axes (with units), broken into lines so that each
    fits its figure: the title the figure's width, the y label the axes' height (a rotated
    label longer than the axes would stick out above the title)."""
    fig_w, fig_h = (72.0 * v for v in ax.figure.get_size_inches())
    box = ax.get_position()
    # the label may be as tall as the axes' row of the figure (0.77 of it for one subplot), less
    # a margin: constrained layout then shrinks the axes to keep it inside the figure
    tall = max(72.0, box.height / 0.77 * fig_h - 2.6 * _size("axes.titlesize"))
    wide = max(72.0, box.width * fig_w)
    # the title is centred on the axes, which the y tick labels push right of the figure's centre
    ax.set_title(wrap_to(title, 0.85 * fig_w, _size("axes.titlesize"), "bold"))
    ax.set_xlabel(wrap_to(xlabel, max(wide, 0.8 * fig_w), _size("axes.labelsize")))
    ax.set_ylabel(wrap_to(ylabel, tall, _size("axes.labelsize")))


def note_below(ax: Axes, text: str, size: float = 10) -> None:
    """A note under the x-axis label, outside the plotting area: no curve, marker or legend
    can ever run through it, whatever the data (constrained layout makes room for it)."""
    size = font_size(size)
    fig_w = 72.0 * ax.figure.get_size_inches()[0]
    ax.annotate(
        wrap_to(text, 0.9 * fig_w, size),
        xy=(0.5, 0.0),
        xycoords=ax.xaxis.label,
        xytext=(0, -4),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=size,
        color="#444444",
    )


def legend_below(ax: Axes, handles: list | None = None, size: float = 11) -> None:
    """The legend under the x-axis label, outside the plotting area, so it covers no data: in
    one row when its entries fit the figure's width, else one entry a line."""
    if handles is None:
        handles, names = ax.get_legend_handles_labels()
    else:
        names = [h.get_label() for h in handles]
    size = font_size(size)
    fig_w = 72.0 * ax.figure.get_size_inches()[0]
    names = [wrap_to(name, 0.8 * fig_w, size) for name in names]
    row = sum(text_width(n, size) for n in names) + 3.5 * size * len(names)
    lines = ax.get_xlabel().count("\n") + 1 if ax.get_xlabel() else 0
    # ticks (length + pad), tick labels, label pad and the x label's lines, in points
    drop = 7 + 1.3 * _size("xtick.labelsize") + 4 + 1.3 * lines * _size("axes.labelsize") + 4
    ax.legend(
        handles,
        names,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=offset_copy(ax.transAxes, fig=ax.figure, y=-drop, units="points"),
        ncol=len(names) if row <= 0.95 * fig_w else 1,
        fontsize=size,
        frameon=False,
    )
