"""Chart of the kit's simple retention -> profit model (:mod:`retention_kit.profit`)."""

from __future__ import annotations

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..core.columns import require_columns
from ..errors import InvalidParameterError
from ..i18n import tr
from ._style import PALETTE, label, new_axes, style

__all__ = ["retention_profit"]

_WHAT = {
    "cumulative_profit": ("Cumulative profit", "cumulative profit (money units)"),
    "customers": ("Customers kept", "customers (expected number)"),
    "profit": ("Profit per month", "profit in the month (money units)"),
}


def _thousands(value: float, _pos: int) -> str:
    return f"{value:,.0f}".replace(",", "\u2009")  # thin space: 12 000


def retention_profit(
    table: pd.DataFrame,
    ax: Axes | None = None,
    *,
    show: str = "cumulative_profit",
    title: str | None = None,
) -> Axes:
    """Cumulative profit (or customers, or monthly profit) month by month, one line per scenario.

    Parameters: ``table`` from :func:`retention_kit.retention_uplift` (two lines, base and
    improved retention, the gap between them shaded) or :func:`retention_kit.retention_projection`
    (one line); ``ax`` to draw on (else a new figure); ``show`` = ``"cumulative_profit"``
    (default), ``"customers"`` or ``"profit"`` (the latter only for a projection); ``title``.
    Returns the Axes; the table is not modified.

    >>> from retention_kit.profit import retention_uplift
    >>> t = retention_uplift(0.8, 0.05, start_customers=1000, months=12,
    ...                      monthly_profit_per_customer=10)
    >>> retention_profit(t).get_ylabel()
    'cumulative profit (money units)'
    """
    if show not in _WHAT:
        raise InvalidParameterError(
            f"show={show!r} is not one of {sorted(_WHAT)}; e.g. show='customers'."
        )
    two = f"{show}_base" in table.columns and f"{show}_improved" in table.columns
    needed = ["month", f"{show}_base", f"{show}_improved"] if two else ["month", show]
    require_columns(
        table,
        needed,
        needed_by=f"retention_profit(show={show!r})",
        fix="Pass the table returned by rk.retention_uplift(...) or rk.retention_projection(...).",
    )
    data = table.sort_values("month")
    x = data["month"].to_numpy()
    what, ylabel = _WHAT[show]
    fig, ax = new_axes(ax)
    with style():
        if two:
            base = data[f"{show}_base"].astype("float64").to_numpy()
            improved = data[f"{show}_improved"].astype("float64").to_numpy()
            ax.fill_between(x, base, improved, color=PALETTE["green"], alpha=0.2, linewidth=0)
            ax.plot(
                x,
                base,
                color=PALETTE["blue"],
                linewidth=2,
                marker="o",
                markersize=4,
                label=tr("base retention"),
            )
            ax.plot(
                x,
                improved,
                color=PALETTE["green"],
                linewidth=2,
                linestyle="--",
                marker="s",
                markersize=4,
                label=tr("improved retention"),
            )
            ax.legend(loc="best")
        else:
            ax.plot(
                x,
                data[show].astype("float64").to_numpy(),
                color=PALETTE["blue"],
                linewidth=2,
                marker="o",
                markersize=4,
            )
        ax.set_ylim(bottom=min(0.0, ax.get_ylim()[0]))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(FuncFormatter(_thousands))
        label(
            ax,
            title or tr("{what} by month (simple model, no discounting)", what=tr(what)),
            tr("month"),
            tr(ylabel),
        )
    return ax
