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
#: ``layout``: the layout engine of the figures :func:`new_axes` makes (see :func:`layout`)
_state: dict = {"projector": False, "layout": "constrained"}


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


@contextmanager
def layout(engine: str | None) -> Iterator[None]:
    """Give the charts made inside the block this layout engine instead of constrained layout.

    Parameters
    ----------
    engine : {"constrained", "tight", "compressed"} or None
        The ``layout=`` of the new figures; None for figures whose caller lays them out itself
        (``retention-kit report`` does, once per chart just before drawing it, which measures
        every text once instead of twice).

    Examples
    --------
    >>> with layout(None):
    ...     fig, ax = new_axes()
    >>> fig.get_layout_engine() is None
    True
    >>> plt.close(fig)
    """
    before = _state["layout"]
    _state["layout"] = engine
    try:
        yield
    finally:
        _state["layout"] = before


def new_axes(ax: Axes | None = None, figsize: tuple[float, float] = (9, 5)) -> tuple[Figure, Axes]:
    """The axes to draw on: the caller's ``ax`` if given, else a new figure with the kit style."""
    if ax is not None:
        return ax.figure, ax
    with style():
        fig, ax = plt.subplots(figsize=figsize, layout=_state["layout"])
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


def label(ax: Axes, title: str, xlabel: str, ylabel: str) -> None:
    """Every chart has a title and labelled axes (with units)."""
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
