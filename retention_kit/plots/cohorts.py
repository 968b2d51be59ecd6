"""Charts of acquisition cohorts: the cohort matrix as a heatmap, retention and LTV curves per
cohort, cohort sizes, and one age's rates side by side with their confidence intervals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from ..errors import InvalidParameterError
from ..i18n import format_number, tr
from ._style import (
    CYCLE,
    PALETTE,
    SEQUENTIAL_CMAP,
    PercentFormatter,
    font_size,
    label,
    legend_below,
    new_axes,
    note_below,
    percent_axis,
    percent_text,
    style,
    text_width,
)
from ._texts import period_word
from .periods import OPEN_LABEL, _require, mark_open, open_mask, period_name

__all__ = [
    "cohort_heatmap",
    "retention_curves",
    "cohort_sizes_chart",
    "cohort_comparison",
    "ltv_curves",
    "cohort_labels",
]

_MARKERS = ("o", "s", "^", "D", "v", "P", "X")
_VALUE_NAMES = {
    "rate": "retention rate, % of the cohort",
    "customers": "active customers (count)",
    "revenue": "revenue (currency units)",
    "revenue_per_customer": "revenue per customer (currency units)",
    "cumulative_revenue_per_customer": "cumulative revenue per customer (currency units)",
}


def _is_dates(values: Any) -> bool:
    return pd.api.types.is_datetime64_any_dtype(pd.Series(values))


def cohort_labels(values: Sequence[Any] | pd.Series | pd.Index) -> list[str]:
    """Readable labels for cohort keys: period starts become "2024-01" (months), "2024 Q1"
    (quarters), "2024" (years) or the date (days, weeks); other keys are shown as text, and an
    empty key as "(none)".

    >>> import pandas as pd
    >>> cohort_labels(pd.to_datetime(["2024-01-01", "2024-02-01"]))
    ['2024-01', '2024-02']
    >>> cohort_labels(["valentines_day", ""])
    ['valentines_day', '(none)']
    """
    series = pd.Series(list(values))
    if _is_dates(series):
        stamps = pd.to_datetime(series)
        name = period_name(stamps)
        if name == "month":
            return [t.strftime("%Y-%m") for t in stamps]
        if name == "quarter":
            return [f"{t.year} Q{t.quarter}" for t in stamps]
        if name == "year":
            return [str(t.year) for t in stamps]
        return [t.strftime("%Y-%m-%d") for t in stamps]
    return [str(v) if str(v) != "" else "(none)" for v in series]


def _period_word(cohorts: pd.Series | pd.Index, period: str | None) -> str:
    if period:
        return period
    return period_name(pd.Series(cohorts)) if _is_dates(cohorts) else "period"


def _matrix(table: pd.DataFrame, values: str) -> pd.DataFrame:
    """A cohort x age matrix from the long cohort table (or a wide matrix passed as is)."""
    if "age" in table.columns:
        _require(table, ("cohort", "age", values), "this cohort chart")
        wide = table.pivot_table(index="cohort", columns="age", values=values, aggfunc="first")
    else:
        wide = table.set_index("cohort") if "cohort" in table.columns else table.copy()
        wide = wide.apply(pd.to_numeric, errors="coerce")
    wide = wide.sort_index()
    wide.columns = [int(c) for c in wide.columns]
    return wide.astype("float64")


def _open_matrix(table: pd.DataFrame, matrix: pd.DataFrame) -> np.ndarray:
    """True for the cells of ``matrix`` whose period is not over (``complete`` False in the
    long table); all False for a wide matrix, which has no flags."""
    if "age" not in table.columns or "complete" not in table.columns:
        return np.zeros(matrix.shape, dtype=bool)
    flags = table.assign(_open=open_mask(table).astype("float64"))
    wide = flags.pivot_table(index="cohort", columns="age", values="_open", aggfunc="max")
    wide.columns = [int(c) for c in wide.columns]
    wide = wide.reindex(index=matrix.index, columns=matrix.columns)
    return wide.fillna(0).to_numpy() > 0


def _select(
    table: pd.DataFrame, cohorts: Sequence[Any] | None, max_age: int | None
) -> pd.DataFrame:
    data = table
    if cohorts is not None:
        keys = pd.Series(list(cohorts))
        if _is_dates(data["cohort"]) and not _is_dates(keys):
            keys = pd.to_datetime(keys)
        wanted = data["cohort"].isin(keys.tolist())
        if not wanted.any():
            raise InvalidParameterError(
                f"none of cohorts={list(cohorts)!r} is in the table; its cohorts are "
                f"{cohort_labels(data['cohort'].drop_duplicates().sort_values())[:12]}."
            )
        data = data[wanted]
    if max_age is not None:
        data = data[data["age"] <= max_age]
    return data


def cohort_heatmap(
    table: pd.DataFrame,
    values: str = "rate",
    ax: Axes | None = None,
    *,
    max_age: int | None = None,
    annotate: bool | None = None,
    period: str | None = None,
    title: str | None = None,
) -> Axes:
    """The cohort matrix as a heatmap: one row per cohort, one column per age, colour = value.

    Parameters: ``table``: the long table of :func:`retention_kit.cohort_table` (or the wide
    :func:`retention_kit.cohort_matrix`); ``values``: the column to show ("rate" as percents,
    "customers" as counts, or a revenue column); ``max_age``: last age shown; ``annotate``:
    write the value in each cell (default: when there are at most 400 cells); ``period``: the
    age unit for the axis label (default: read from the cohort dates). The colour scale stops at
    the largest value after age 0, so age 0 (100 % by definition) does not wash the rest out.
    Ages not observed yet stay blank. Returns the Axes; the table is not modified.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"cohort": pd.to_datetime(["2024-01-01"] * 2 + ["2024-02-01"]),
    ...                   "age": [0, 1, 0], "rate": [1.0, 0.4, 1.0]})
    >>> cohort_heatmap(t).get_title()
    'Cohort retention: share of each cohort buying at each age'
    """
    matrix = _matrix(table, values)
    if max_age is not None:
        matrix = matrix.loc[:, [c for c in matrix.columns if c <= max_age]]
    n_rows, n_cols = matrix.shape
    is_open = _open_matrix(table, matrix) & np.isfinite(matrix.to_numpy())
    is_rate = values.endswith("rate") or values in ("rate_low", "rate_high")
    word = _period_word(matrix.index, period)
    arr = matrix.to_numpy()
    if annotate is None:
        annotate = n_rows * n_cols <= 400
    texts = np.full(arr.shape, "", dtype=object)
    if annotate:
        finite = np.isfinite(arr)
        texts[finite] = [percent_text(v, 0) if is_rate else format_number(v) for v in arr[finite]]
    # cell labels readable on a projector: 12 pt up to 13 ages (x1.4 in projector mode), and
    # cells as large as their widest label needs
    size = font_size(12 if n_cols <= 13 else 10)
    widest = max((text_width(t, size) for t in set(texts.flat) if t), default=0.0)
    cell_w = max(0.55, (widest + 12) / 72) if annotate else 0.45
    cell_h = max(0.3, 1.5 * size / 72) if annotate else 0.25
    scale = font_size(1.0)  # the tick labels, colour bar and titles grow in projector mode too
    figsize = (
        min(24.0, max(8.0, cell_w * n_cols + 3.2 * scale)),
        min(14.0, max(3.5, cell_h * n_rows + 2.0 * scale)),
    )
    fig, ax = new_axes(ax, figsize=figsize)
    later = arr[:, 1:] if n_cols > 1 else arr
    top = np.nanmax(later) if np.isfinite(later).any() else np.nan
    if not np.isfinite(top) or top <= 0:
        top = np.nanmax(arr) if np.isfinite(arr).any() and np.nanmax(arr) > 0 else 1.0
    clipped = bool(np.nanmax(arr) > top) if np.isfinite(arr).any() else False
    cmap = mpl.colormaps[SEQUENTIAL_CMAP].with_extremes(bad="white")
    with style():
        image = ax.imshow(
            np.ma.masked_invalid(arr),
            cmap=cmap,
            vmin=0,
            vmax=top,
            aspect="auto",
            interpolation="none",  # a vector file keeps the cells, drawn sharp (pixelated)
        )
        ax.grid(False)
        ax.set_xticks(range(n_cols), [str(c) for c in matrix.columns])
        ax.set_yticks(range(n_rows), cohort_labels(matrix.index))
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        if annotate:
            for i in range(n_rows):
                for j in range(n_cols):
                    v = arr[i, j]
                    if not np.isfinite(v):
                        continue
                    text = texts[i, j]
                    bright = min(v, top) / top > 0.6
                    ax.text(
                        j,
                        i,
                        text,
                        ha="center",
                        va="center",
                        fontsize=size,
                        color="black" if bright else "white",
                    )
        if is_open.any():
            for i, j in np.argwhere(is_open):  # the few cells of the last calendar period
                ax.add_patch(
                    Rectangle(
                        (j - 0.5, i - 0.5),
                        1,
                        1,
                        fill=False,
                        hatch="///",
                        edgecolor="#555555",
                        linewidth=0,
                    )
                )
        bar = fig.colorbar(image, ax=ax, extend="max" if clipped else "neither", shrink=0.9)
        bar.set_label(tr(_VALUE_NAMES.get(values, values)))
        if is_rate:
            bar.ax.yaxis.set_major_formatter(PercentFormatter(decimals=0))
        default = (
            tr("Cohort retention: share of each cohort buying at each age")
            if values == "rate"
            else tr("Cohort matrix: {what}", what=tr(_VALUE_NAMES.get(values, values)))
        )
        label(
            ax,
            title or default,
            tr("age ({words} after the first event)", words=period_word(word, plural=True)),
            tr("cohort ({word} of the first event)", word=period_word(word))
            if _is_dates(matrix.index)
            else tr("cohort"),
        )
        if is_open.any():
            note_below(ax, tr("hatched: period not over when the data ends (not final)"))
    return ax


def _lines(
    table: pd.DataFrame,
    ycol: str,
    ax: Axes | None,
    *,
    cohorts: Sequence[Any] | None,
    max_age: int | None,
    band: bool,
) -> tuple[Any, Axes, list[str]]:
    data = _select(table, cohorts, max_age).sort_values(["cohort", "age"])
    keys = data["cohort"].drop_duplicates().sort_values()
    names = cohort_labels(keys)
    n = len(keys)
    fig, ax = new_axes(ax)
    if n <= len(CYCLE):
        colours = CYCLE[:n]
    else:
        colours = [mpl.colormaps[SEQUENTIAL_CMAP](x) for x in np.linspace(0, 0.92, n)]
    any_open = False
    with style():
        for k, (key, name) in enumerate(zip(keys, names, strict=True)):
            part = data[data["cohort"] == key]
            ax.plot(
                part["age"],
                part[ycol].astype("float64"),
                color=colours[k],
                marker=_MARKERS[k % len(_MARKERS)] if n <= 12 else None,
                markersize=5,
                linewidth=2 if n <= len(CYCLE) else 1.5,
                label=name,
            )
            is_open = open_mask(part)
            if is_open.any():
                any_open = True
                mark_open(
                    ax,
                    part["age"].to_numpy()[is_open],
                    part[ycol].astype("float64").to_numpy()[is_open],
                    colours[k],
                    marker=_MARKERS[k % len(_MARKERS)],
                )
            if band:
                ax.fill_between(
                    part["age"],
                    part["rate_low"].astype("float64"),
                    part["rate_high"].astype("float64"),
                    color=colours[k],
                    alpha=0.18,
                    linewidth=0,
                )
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        if n <= 12:
            if n <= 4:
                ax.legend(title=tr("cohort"), loc="best")
            else:
                ax.legend(title=tr("cohort"), loc="upper left", bbox_to_anchor=(1.01, 1.0))
        else:
            mappable = mpl.cm.ScalarMappable(
                cmap=mpl.colors.ListedColormap(colours), norm=mpl.colors.Normalize(-0.5, n - 0.5)
            )
            bar = fig.colorbar(mappable, ax=ax, shrink=0.9)
            ticks = sorted({0, n - 1, *range(0, n, max(1, n // 6))})
            bar.set_ticks(ticks, labels=[names[t] for t in ticks])
            bar.set_label(tr("cohort"))
        if any_open:
            note_below(ax, tr(OPEN_LABEL))
    return fig, ax, names


def retention_curves(
    table: pd.DataFrame,
    ax: Axes | None = None,
    *,
    cohorts: Sequence[Any] | None = None,
    max_age: int | None = None,
    band: bool | None = None,
    period: str | None = None,
    title: str | None = None,
    highlight: Sequence[Any] | str | None = None,
) -> Axes:
    """Retention curves: each cohort's rate (customers / cohort_size) by age, one line each.

    With many cohorts one line each is spaghetti: ``highlight`` then draws all cohorts pooled
    (a thick line: at each age, the customers of every cohort observed at that age over their
    cohort sizes, leaving out the cells whose period is not over), a few cohorts in colour (a
    list of cohort keys, or ``"auto"``: the earliest, a middle and the latest cohort observed
    for at least four ages) and the others in faint grey.

    Parameters: ``table`` from :func:`retention_kit.cohort_table`; ``cohorts``: the cohorts to
    draw (default all); ``max_age``: last age drawn; ``band``: shade each curve's 95 %
    confidence interval (``rate_low``..``rate_high``; default when at most 4 cohorts).
    Up to 7 cohorts get the colour-blind-safe palette and markers; more get an ordered
    (viridis) scale. A point whose period is not over when the data ends (``complete`` False)
    gets an open marker, explained on the chart: it is not final. Returns the Axes; the table
    is not modified.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"cohort": ["a", "a", "b", "b"], "age": [0, 1, 0, 1],
    ...                   "rate": [1.0, 0.5, 1.0, 0.3]})
    >>> retention_curves(t, band=False).get_xlabel()
    'age (periods after the first event)'
    """
    _require(table, ("cohort", "age", "rate"), "retention_curves")
    if highlight is not None:
        return _pooled_and_highlighted(
            table,
            ax,
            highlight=highlight,
            cohorts=cohorts,
            max_age=max_age,
            band=band,
            period=period,
            title=title,
        )
    n = table["cohort"].nunique() if cohorts is None else len(list(cohorts))
    if band is None:
        band = n <= 4 and {"rate_low", "rate_high"} <= set(table.columns)
    if band:
        _require(table, ("rate_low", "rate_high"), "retention_curves(band=True)")
    fig, ax, _names = _lines(table, "rate", ax, cohorts=cohorts, max_age=max_age, band=band)
    word = _period_word(table["cohort"], period)
    with style():
        ax.set_ylim(0, 1.02)
        percent_axis(ax)
        label(
            ax,
            title or tr("Retention curves: share of each cohort buying at each age"),
            tr("age ({words} after the first event)", words=period_word(word, plural=True)),
            tr("retention rate, % of the cohort"),
        )
    return ax


def _auto_highlight(data: pd.DataFrame) -> list[Any]:
    """The earliest, a middle and the latest cohort with at least four ages observed."""
    ages = data.groupby("cohort")["age"].nunique().sort_index()
    eligible = ages[ages >= 4].index.tolist() or ages.index.tolist()
    picks = [eligible[0], eligible[len(eligible) // 2], eligible[-1]]
    return list(dict.fromkeys(picks))


def _pooled(data: pd.DataFrame) -> pd.DataFrame:
    """age, rate of all cohorts together: sum(customers) / sum(cohort_size) per age (the mean
    of the cohorts' rates when the table has no counts), over the cells whose period is over
    (as :func:`retention_kit.pooled_rate`)."""
    data = data[~open_mask(data)]
    if {"customers", "cohort_size"} <= set(data.columns):
        sums = data.groupby("age")[["customers", "cohort_size"]].sum()
        rate = sums["customers"] / sums["cohort_size"]
    else:
        rate = data.groupby("age")["rate"].mean()
    return rate.rename("rate").reset_index()


def _pooled_and_highlighted(
    table: pd.DataFrame,
    ax: Axes | None,
    *,
    highlight: Sequence[Any] | str,
    cohorts: Sequence[Any] | None,
    max_age: int | None,
    band: bool | None,
    period: str | None,
    title: str | None,
) -> Axes:
    data = _select(table, cohorts, max_age).sort_values(["cohort", "age"])
    if isinstance(highlight, str) and highlight == "auto":
        chosen = _auto_highlight(data)
    else:
        keys = [highlight] if isinstance(highlight, str) else list(highlight)
        chosen = _select(data, keys, None)["cohort"].drop_duplicates().sort_values().tolist()
    if len(chosen) > len(CYCLE):
        raise InvalidParameterError(
            f"highlight= names {len(chosen)} cohorts; at most {len(CYCLE)} stay readable. "
            "Pick a few, e.g. highlight='auto'."
        )
    fig, ax = new_axes(ax)
    word = _period_word(table["cohort"], period)
    with style():
        others = data[~data["cohort"].isin(chosen)]
        faint = [
            np.column_stack([part["age"].astype("float64"), part["rate"].astype("float64")])
            for _key, part in others.groupby("cohort", sort=True)
        ]
        if faint:  # one collection, not a line per cohort: as fast with 10 cohorts as with 100
            ax.add_collection(
                LineCollection(
                    faint,
                    colors="#999999",
                    alpha=0.35,
                    linewidths=1,
                    label=tr("other cohorts"),
                    zorder=1,
                ),
                autolim=True,
            )
        pooled = _pooled(data)
        ax.plot(
            pooled["age"],
            pooled["rate"],
            color=PALETTE["black"],
            linewidth=3.5,
            label=tr("all cohorts pooled"),
            zorder=4,
        )
        show_band = bool(band) and {"rate_low", "rate_high"} <= set(data.columns)
        every = data["cohort"].drop_duplicates().sort_values().tolist()
        names = dict(zip(every, cohort_labels(every), strict=True))  # "2024-04", not a date
        for k, key in enumerate(chosen):
            name = names[key]
            part = data[data["cohort"] == key]
            colour = CYCLE[k]
            ax.plot(
                part["age"],
                part["rate"].astype("float64"),
                color=colour,
                marker=_MARKERS[k % len(_MARKERS)],
                markersize=5,
                linewidth=2,
                label=name,
                zorder=3,
            )
            is_open = open_mask(part)
            if is_open.any():
                mark_open(
                    ax,
                    part["age"].to_numpy()[is_open],
                    part["rate"].astype("float64").to_numpy()[is_open],
                    colour,
                    marker=_MARKERS[k % len(_MARKERS)],
                )
            if show_band:
                ax.fill_between(
                    part["age"],
                    part["rate_low"].astype("float64"),
                    part["rate_high"].astype("float64"),
                    color=colour,
                    alpha=0.15,
                    linewidth=0,
                )
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(title=tr("cohort"), loc="upper right")
        if open_mask(data[data["cohort"].isin(chosen)]).any():
            note_below(ax, tr(OPEN_LABEL) + "; " + tr("the pooled line leaves them out"))
        ax.set_ylim(0, 1.02)
        percent_axis(ax)
        label(
            ax,
            title or tr("Retention curves: share of each cohort buying at each age"),
            tr("age ({words} after the first event)", words=period_word(word, plural=True)),
            tr("retention rate, % of the cohort"),
        )
    return ax


def ltv_curves(
    table: pd.DataFrame,
    ax: Axes | None = None,
    *,
    cohorts: Sequence[Any] | None = None,
    max_age: int | None = None,
    currency: str = "currency units",
    period: str | None = None,
    title: str | None = None,
) -> Axes:
    """Cumulative revenue per customer of each cohort by age (an observed, growing LTV).

    Value at age k = revenue of the cohort from age 0 to k / cohort_size. Parameters: ``table``
    from :func:`retention_kit.cohort_table` with ``amount=`` (column
    ``cumulative_revenue_per_customer``); ``cohorts``, ``max_age`` as in
    :func:`retention_curves`; ``currency`` for the axis label. Returns the Axes; the table is
    not modified.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"cohort": ["a", "a"], "age": [0, 1],
    ...                   "cumulative_revenue_per_customer": [20.0, 26.5]})
    >>> ltv_curves(t, currency="RUB").get_ylabel()
    'cumulative revenue per customer (RUB)'
    """
    _require(table, ("cohort", "age", "cumulative_revenue_per_customer"), "ltv_curves")
    fig, ax, _names = _lines(
        table,
        "cumulative_revenue_per_customer",
        ax,
        cohorts=cohorts,
        max_age=max_age,
        band=False,
    )
    word = _period_word(table["cohort"], period)
    with style():
        ax.set_ylim(bottom=0)
        label(
            ax,
            title or tr("LTV curves: cumulative revenue per customer of each cohort"),
            tr("age ({words} after the first event)", words=period_word(word, plural=True)),
            tr("cumulative revenue per customer ({currency})", currency=currency),
        )
    return ax


def _sizes(table: pd.DataFrame) -> pd.DataFrame:
    if "age" in table.columns and "cohort_size" in table.columns:
        sizes = table.sort_values("age").drop_duplicates("cohort")[["cohort", "cohort_size"]]
        return sizes.rename(columns={"cohort_size": "size"})
    for column in ("cohort_size", "customers", "size", "new_customers"):
        if column in table.columns:
            key = "cohort" if "cohort" in table.columns else table.columns[0]
            return table[[key, column]].set_axis(["cohort", "size"], axis=1)
    _require(table, ("cohort", "cohort_size"), "cohort_sizes_chart")
    raise AssertionError("unreachable")  # pragma: no cover


def cohort_sizes_chart(
    table: pd.DataFrame,
    ax: Axes | None = None,
    *,
    period: str | None = None,
    title: str | None = None,
) -> Axes:
    """Bars of the number of customers in each cohort (customers acquired per period).

    Parameters: ``table`` from :func:`retention_kit.cohort_sizes` or the long
    :func:`retention_kit.cohort_table` (its ``cohort_size`` column). Small cohorts give
    uncertain rates: read their retention with care. Returns the Axes; the table is not
    modified.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"cohort": ["a", "b"], "cohort_size": [120, 30]})
    >>> cohort_sizes_chart(t).get_ylabel()
    'customers in the cohort (count)'
    """
    sizes = _sizes(table).sort_values("cohort")
    names = cohort_labels(sizes["cohort"])
    n = len(sizes)
    fig, ax = new_axes(ax, figsize=(max(7.0, min(14.0, 0.45 * n + 3)), 4.5))
    word = _period_word(sizes["cohort"], period)
    with style():
        bars = ax.bar(range(n), sizes["size"].astype("float64"), color=PALETTE["blue"])
        step = max(1, int(np.ceil(n / 16)))
        ax.set_xticks(
            range(0, n, step),
            names[::step],
            rotation=45 if n > 6 else 0,
            ha="right" if n > 6 else "center",
        )
        if n <= 16:
            ax.bar_label(
                bars,
                labels=[format_number(v) for v in sizes["size"]],
                padding=2,
                fontsize=font_size(10),
            )
        ax.grid(axis="x", visible=False)
        label(
            ax,
            title or tr("Cohort sizes: customers acquired in each cohort"),
            tr("cohort ({word} of the first event)", word=period_word(word))
            if _is_dates(sizes["cohort"])
            else tr("cohort"),
            tr("customers in the cohort (count)"),
        )
    return ax


def cohort_comparison(
    table: pd.DataFrame,
    age: int = 1,
    ax: Axes | None = None,
    *,
    cohorts: Sequence[Any] | None = None,
    period: str | None = None,
    title: str | None = None,
) -> Axes:
    """Each cohort's rate at one age, as a dot with its 95 % confidence interval and size n.

    A small cohort has a wide interval: before calling two cohorts different, check that their
    intervals (better: :func:`retention_kit.compare_cohorts`) say so. The dashed line is the
    rate of all the cohorts pooled (sum of customers / sum of cohort sizes), over the cells
    whose period is over; the others get an open marker. Parameters:
    ``table`` from :func:`retention_kit.cohort_table`; ``age``: the age compared; ``cohorts``:
    which to show (default all with that age). Returns the Axes; the table is not modified.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"cohort": ["a", "b"], "age": [1, 1], "customers": [40, 2],
    ...                   "cohort_size": [100, 10], "rate": [0.4, 0.2],
    ...                   "rate_low": [0.31, 0.06], "rate_high": [0.5, 0.51]})
    >>> cohort_comparison(t).get_title()
    'Retention at age 1 by cohort, with 95% confidence intervals'
    """
    _require(
        table,
        ("cohort", "age", "rate", "rate_low", "rate_high", "customers", "cohort_size"),
        "cohort_comparison",
    )
    data = _select(table, cohorts, None)
    data = data[data["age"] == age].sort_values("cohort")
    if data.empty:
        raise InvalidParameterError(
            f"no cohort has age={age} in the table; its ages go from {table['age'].min()} to "
            f"{table['age'].max()}."
        )
    names = cohort_labels(data["cohort"])
    n = len(data)
    fig, ax = new_axes(ax, figsize=(9, max(3.0, 0.38 * n + 1.8)))
    y = np.arange(n)[::-1]
    rate = data["rate"].to_numpy("float64")
    low = data["rate_low"].to_numpy("float64")
    high = data["rate_high"].to_numpy("float64")
    word = _period_word(table["cohort"], period)
    with style():
        ax.errorbar(
            rate,
            y,
            xerr=np.vstack([rate - low, high - rate]),
            fmt="o",
            color=PALETTE["blue"],
            ecolor=PALETTE["sky"],
            elinewidth=3,
            capsize=3,
            label=tr("rate with 95% interval"),
        )
        is_open = open_mask(data)
        if is_open.any():
            mark_open(ax, rate[is_open], y[is_open], PALETTE["blue"], label=tr(OPEN_LABEL))
        done = data[~is_open]  # the pooled rate leaves cells that are not final out
        if done["cohort_size"].sum() > 0:
            pooled = done["customers"].sum() / done["cohort_size"].sum()
            ax.axvline(
                pooled,
                color=PALETTE["vermillion"],
                linestyle="--",
                linewidth=1.5,
                label=tr("all pooled") if not is_open.any() else tr("pooled (periods over)"),
            )
        for yi, hi, size in zip(y, high, data["cohort_size"], strict=True):
            ax.annotate(
                f"n = {int(size):,}",
                (hi, yi),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                color="#444444",
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1, "alpha": 0.85},
            )
        ax.set_yticks(y, names)
        ax.set_xlim(0, min(1.0, max(0.1, np.nanmax(high) * 1.25)))
        percent_axis(ax, axis="x")
        ax.grid(axis="y", visible=False)
        label(
            ax,
            title or tr("Retention at age {age} by cohort, with 95% confidence intervals", age=age),
            tr(
                "retention rate at age {age} ({words} after the first event), % of the cohort",
                age=age,
                words=period_word(word, plural=True),
            ),
            tr("cohort"),
        )
        legend_below(ax, size=10)  # inside, it covered the last cohorts' rows
    return ax
