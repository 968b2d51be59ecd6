"""Chart of the period table: CRR per period with its confidence band."""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from ..core.columns import require_columns
from ..core.periods import FREQ_NAMES
from ..i18n import tr
from ._style import PALETTE, label, legend_below, new_axes, percent_axis, style
from ._texts import period_word

__all__ = ["period_table_chart"]

# median days between periods below which the periods are days, weeks, months, quarters, years
_PERIOD_NAMES = tuple(zip((2, 8, 40, 120, 10**6), FREQ_NAMES.values(), strict=True))


def period_name(periods: pd.Series) -> str:
    """The period's name ("day", "week", "month", "quarter", "year") of a set of period starts;
    "period" when there is only one.

    Starts at midnight are named by the calendar: the coarsest period that every start begins
    and that fits the smallest gap (January 1 → year, the first of January / April / July /
    October → quarter, the first of a month → month, a Monday → week, else day). A sparse log's
    cohorts keep their name that way: monthly cohorts of January, May and December are months,
    not years, though their median gap is five months. Other starts: the median gap decides.
    """
    values = pd.to_datetime(pd.Series(periods)).dropna().drop_duplicates().sort_values()
    if len(values) < 2:
        return "period"
    stamps = pd.DatetimeIndex(values)
    gaps = np.diff(values.to_numpy()).astype("timedelta64[s]").astype("float64") / 86400
    if (stamps == stamps.normalize()).all():
        smallest = float(gaps.min())
        first_of_month = bool((stamps.day == 1).all())
        if first_of_month and (stamps.month == 1).all() and smallest >= 365:
            return "year"
        if first_of_month and stamps.month.isin([1, 4, 7, 10]).all() and smallest >= 89:
            return "quarter"
        if first_of_month and smallest >= 28:
            return "month"
        if (stamps.day_of_week == 0).all() and smallest >= 7:
            return "week"
        return "day"
    days = float(np.median(gaps))
    return next(name for limit, name in _PERIOD_NAMES if days < limit)


def date_axis(ax: Axes) -> None:
    """Compact, non-overlapping date ticks (2024, Feb, Mar, ...)."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


#: the words every chart uses for a row whose period is not over when the data ends
OPEN_LABEL = "open marker: period not over when the data ends (not final)"


def open_mask(table: pd.DataFrame) -> np.ndarray:
    """True for the rows of a kit table whose ``complete`` flag is False (none without it)."""
    if "complete" not in table.columns:
        return np.zeros(len(table), dtype=bool)
    return ~table["complete"].fillna(True).to_numpy(dtype=bool)


def mark_open(ax: Axes, x, y, color: str, marker: str = "o", label: str | None = None) -> None:
    """Draw the points of periods that are not over as open (hollow) markers."""
    ax.plot(
        x,
        y,
        linestyle="none",
        marker=marker,
        markersize=7,
        markerfacecolor="white",
        markeredgecolor=color,
        markeredgewidth=1.6,
        zorder=4,
        label=label,
    )


def _require(table: pd.DataFrame, columns: tuple[str, ...], what: str) -> None:
    require_columns(
        table,
        columns,
        needed_by=what,
        fix="Pass the table returned by the kit function named in the chart's docstring.",
    )


def period_table_chart(
    table: pd.DataFrame,
    ax: Axes | None = None,
    *,
    title: str | None = None,
    show_churn: bool = False,
) -> Axes:
    """CRR per period, (E − N) / S, as a line with its 95 % confidence band.

    Parameters: ``table`` from :func:`retention_kit.period_table` or
    :func:`retention_kit.subscription_period_table` (columns ``period``, ``crr``, ``crr_low``,
    ``crr_high``; ``churn`` too with ``show_churn=True``); ``ax`` to draw on (else a new
    figure); ``title`` (a default names the period). Periods without customers at the start
    (S = 0, CRR not defined) leave a gap. A period that is not over when the data ends
    (``complete`` False) is drawn with an open marker and named in the legend: its CRR is not
    final. Returns the Axes; the table is not modified.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"period": pd.to_datetime(["2024-01-01", "2024-02-01"]),
    ...                   "crr": [0.9, 0.8], "crr_low": [0.85, 0.7], "crr_high": [0.94, 0.88]})
    >>> period_table_chart(t).get_ylabel()
    'CRR, % of customers at the start'
    """
    _require(table, ("period", "crr", "crr_low", "crr_high"), "period_table_chart")
    if show_churn:
        _require(table, ("churn",), "period_table_chart(show_churn=True)")
    data = table.sort_values("period")
    x = pd.to_datetime(data["period"])
    name = period_name(x)
    fig, ax = new_axes(ax)
    with style():
        ax.fill_between(
            x,
            data["crr_low"].astype("float64"),
            data["crr_high"].astype("float64"),
            color=PALETTE["sky"],
            alpha=0.35,
            linewidth=0,
            label=tr("95% confidence interval"),
        )
        ax.plot(
            x,
            data["crr"].astype("float64"),
            color=PALETTE["blue"],
            marker="o" if len(data) <= 40 else None,
            markersize=4,
            linewidth=2,
            label="CRR = (E − N) / S",
        )
        if show_churn:
            ax.plot(
                x,
                data["churn"].astype("float64"),
                color=PALETTE["vermillion"],
                linestyle="--",
                linewidth=2,
                label=tr("churn = L / S"),
            )
        is_open = open_mask(data)
        if is_open.any():
            crr = data["crr"].astype("float64").to_numpy()
            mark_open(ax, x[is_open], crr[is_open], PALETTE["blue"], label=tr(OPEN_LABEL))
            if show_churn:
                churn = data["churn"].astype("float64").to_numpy()
                mark_open(ax, x[is_open], churn[is_open], PALETTE["vermillion"])
        ax.set_ylim(0, 1.02)
        percent_axis(ax)
        label(
            ax,
            title or tr("Customer retention rate per {name}", name=period_word(name)),
            tr("{name} (start date)", name=period_word(name)),
            tr("CRR, % of customers at the start"),
        )
        date_axis(ax)
        legend_below(ax)  # inside, it covered the churn line and the low CRR periods
    return ax
