"""Growth-accounting charts: where each period's customers (or revenue) came from and went.

Bars above zero are what a period gained or kept, bars below zero what it lost; a period that
is not complete (the log ends inside it) is hatched and labelled, because its losses are not
final yet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch

from ..core.columns import require_columns
from ..i18n import tr
from ._style import PALETTE, label, new_axes, style
from ._texts import period_word
from .periods import period_name

__all__ = ["lifecycle_chart", "revenue_movements_chart"]

_LIFECYCLE = (
    ("returning", +1, PALETTE["blue"]),
    ("new", +1, PALETTE["green"]),
    ("resurrecting", +1, PALETTE["orange"]),
    ("dormant", -1, PALETTE["vermillion"]),
)
_REVENUE = (
    ("new", +1, PALETTE["green"]),
    ("reactivation", +1, PALETTE["orange"]),
    ("expansion", +1, PALETTE["blue"]),
    ("contraction", -1, PALETTE["purple"]),
    ("churned", -1, PALETTE["vermillion"]),
)


def _require(table: pd.DataFrame, columns: list[str], source: str) -> None:
    require_columns(
        table, columns, needed_by="the chart", fix=f"Pass the table returned by {source}."
    )


def _bars(
    ax: Axes, x: np.ndarray, bottom: np.ndarray, height: np.ndarray, *, width: float, **kwargs
) -> None:
    """Bars as one collection of rectangles: ``Axes.bar`` makes an artist per bar, which made
    these charts (a bar per period and movement) about twice as slow to build and draw."""
    left, right, top = x - width / 2, x + width / 2, bottom + height
    corners = np.stack(
        [
            np.column_stack([left, bottom]),
            np.column_stack([right, bottom]),
            np.column_stack([right, top]),
            np.column_stack([left, top]),
        ],
        axis=1,
    )
    ax.add_collection(PolyCollection(corners, linewidth=0, **kwargs), autolim=True)


def _diverging_bars(
    table: pd.DataFrame, parts: tuple, ax: Axes | None, unit: str, title: str
) -> Axes:
    """Stacked bars, gains up and losses down; ``title`` may hold ``{period}``. A period that is
    not complete has its bars hatched and paler."""
    fig, ax = new_axes(ax, figsize=(10, 5))
    per = period_name(table["period"])
    x = np.arange(len(table), dtype="float64")
    done = (
        table["complete"].to_numpy(dtype=bool)
        if "complete" in table
        else np.ones(len(table), dtype=bool)
    )
    up = np.zeros(len(table))
    down = np.zeros(len(table))
    handles = []
    with style():
        for name, sign, color in parts:
            values = table[name].to_numpy(dtype="float64") * sign
            bottom = up if sign > 0 else down
            _bars(ax, x[done], bottom[done], values[done], width=0.75, facecolor=color)
            if not done.all():
                _bars(
                    ax, x[~done], bottom[~done], values[~done], width=0.75,
                    facecolor=color, edgecolor=PALETTE["black"], hatch="//", alpha=0.55,
                )  # fmt: skip
            bottom += values
            handles.append(Patch(facecolor=color, label=f"{tr(name)} ({'+' if sign > 0 else '−'})"))
        ax.autoscale_view()
        ax.axhline(0, color=PALETTE["black"], linewidth=1)
        if not done.all():
            handles.append(
                Patch(
                    facecolor="white", edgecolor="grey", hatch="//", label=tr("period not complete")
                )
            )
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        step = max(1, len(x) // 12)
        ax.set_xticks(x[::step])
        ax.set_xticklabels(
            [pd.Timestamp(p).strftime("%Y-%m-%d") for p in table["period"].iloc[::step]],
            rotation=30,
            ha="right",
        )
        label(ax, tr(title, period=period_word(per)), period_word(per).capitalize(), tr(unit))
    return ax


def lifecycle_chart(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Growth accounting of customers: new, returning and resurrecting up, dormant down.

    Parameters
    ----------
    table : DataFrame
        The result of :func:`retention_kit.lifecycle_table`; it is not modified.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> t = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-02-01"]),
    ...     "new": [3, 1], "returning": [0, 2], "resurrecting": [0, 0], "dormant": [0, 1],
    ...     "complete": [True, False]})
    >>> lifecycle_chart(t).get_ylabel()
    'Customers (count)'
    """
    cols = ["period", *(name for name, _, _ in _LIFECYCLE)]
    _require(table, cols, "rk.lifecycle_table(...)")
    title = "Where each {period}'s customers came from, and who went quiet"
    return _diverging_bars(table, _LIFECYCLE, ax, "Customers (count)", title)


def revenue_movements_chart(table: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Revenue movements per period: new, reactivation and expansion up; contraction and
    churned down (the MRR-movements chart of ChartMogul and Stripe, from a transaction log).

    Parameters
    ----------
    table : DataFrame
        The result of :func:`retention_kit.revenue_retention`; it is not modified.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> t = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-02-01"]),
    ...     "new": [230.0, 40.0], "reactivation": [0.0, 0.0], "expansion": [0.0, 30.0],
    ...     "contraction": [0.0, 30.0], "churned": [0.0, 80.0], "complete": [True, True]})
    >>> revenue_movements_chart(t).get_ylabel()
    'Revenue (currency of the data)'
    """
    cols = ["period", *(name for name, _, _ in _REVENUE)]
    _require(table, cols, "rk.revenue_retention(...)")
    unit = "Revenue (currency of the data)"
    return _diverging_bars(table, _REVENUE, ax, unit, "Revenue movements per {period}")
