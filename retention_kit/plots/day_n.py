"""Chart of day-N retention: the rate by day with its confidence band, one line per method."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from ..i18n import tr
from ._style import CYCLE, label, new_axes, percent_axis, style
from .periods import _require

__all__ = ["day_n_chart"]

_MARKERS = ("o", "s", "^", "D", "v", "P", "X")
_METHOD_NAMES = {
    "rolling": "rolling (24-hour windows)",  # texts looked up with tr() when drawn
    "calendar": "calendar days",
    "unbounded": "unbounded (day N or later)",
}


def _as_long(table: pd.DataFrame | Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    if isinstance(table, Mapping):
        parts = [t.assign(method=str(name)) for name, t in table.items()]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return table


def day_n_chart(
    table: pd.DataFrame | Mapping[str, pd.DataFrame],
    ax: Axes | None = None,
    *,
    band: bool = True,
    highlight: int | None = None,
    title: str | None = None,
) -> Axes:
    """Day-N retention (retained / eligible users) by day N, with 95 % confidence bands.

    Parameters: ``table`` from :func:`retention_kit.day_n_retention` (columns ``day``,
    ``rate``, ``rate_low``, ``rate_high``), several of them stacked with a ``method`` (or other
    label) column, or a dict ``{"rolling": table, "calendar": table, ...}``: one line per
    method; ``band``: shade the confidence intervals; ``highlight``: a day to mark with a
    vertical line. Returns the Axes; the input is not modified.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"day": [1, 7], "rate": [0.35, 0.11],
    ...                   "rate_low": [0.33, 0.1], "rate_high": [0.37, 0.12]})
    >>> day_n_chart(t).get_xlabel()
    'day N (days after the first event)'
    """
    data = _as_long(table)
    _require(data, ("day", "rate"), "day_n_chart")
    if band:
        band = {"rate_low", "rate_high"} <= set(data.columns)
    groups = (
        list(data.groupby("method", sort=False)) if "method" in data.columns else [(None, data)]
    )
    fig, ax = new_axes(ax)
    with style():
        for k, (name, part) in enumerate(groups):
            part = part.sort_values("day")
            colour = CYCLE[k % len(CYCLE)]
            shown = (
                tr("day-N retention") if name is None else tr(_METHOD_NAMES.get(name, str(name)))
            )
            ax.plot(
                part["day"],
                part["rate"].astype("float64"),
                color=colour,
                marker=_MARKERS[k % len(_MARKERS)],
                markersize=5,
                linewidth=2,
                label=shown,
            )
            if band:
                ax.fill_between(
                    part["day"],
                    part["rate_low"].astype("float64"),
                    part["rate_high"].astype("float64"),
                    color=colour,
                    alpha=0.18,
                    linewidth=0,
                )
        if highlight is not None:
            ax.axvline(highlight, color="#444444", linestyle=":", linewidth=1.5)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylim(bottom=0)
        percent_axis(ax)
        ax.legend(loc="upper right", title=tr("method") if len(groups) > 1 else None)
        label(
            ax,
            title or tr("Day-N retention: share of users who come back on day N"),
            tr("day N (days after the first event)"),
            tr("retained users, % of eligible users"),
        )
    return ax
