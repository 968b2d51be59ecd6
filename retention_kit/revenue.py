"""Revenue retention: what happened to the money from one period to the next.

The kit's other tables count customers. This one follows their revenue. Each period's revenue
is compared with the period before it and split into movements (the names ChartMogul and Stripe
use for MRR movements; Stripe: MRR growth = (new + reactivation + expansion) - (churned +
contraction)):

============== ==============================================================================
``new``          revenue of customers whose first purchase is in this period
``reactivation`` revenue of customers with no revenue in the previous period who bought before
``expansion``    customers with revenue in both periods: the increase
``contraction``  customers with revenue in both periods: the decrease
``churned``      previous-period revenue of customers with no revenue now
============== ==============================================================================

so that, exactly, ``end_revenue = start_revenue + new + reactivation + expansion - contraction
- churned``, and::

    nrr         = (start + expansion - contraction - churned) / start   (net revenue retention)
    grr         = (start - contraction - churned) / start               (gross revenue retention)
    quick_ratio = (new + reactivation + expansion) / (contraction + churned)

NRR and GRR look only at the customers who paid in the previous period; new and reactivated
revenue is left out of both. The source articles give no NRR or GRR benchmark.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _flow
from ._flow import per_period
from .core.engines import run_on_engine, wants_engine
from .core.flow import REVENUE_COLUMNS, export_date, revenue_table
from .errors import InvalidParameterError

__all__ = ["revenue_retention", "mrr_movements", "nrr_interval", "REVENUE_COLUMNS"]


def _need_amount(amount: Any) -> None:
    if amount is None:
        raise InvalidParameterError(
            "amount=None: revenue retention needs the column with the amount of each row, "
            "e.g. amount='Revenue'."
        )


def revenue_retention(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    amount: str,
    freq: str = "M",
    observed_until: Any = None,
    backend: Any = None,
) -> pd.DataFrame:
    """Net and gross revenue retention with the revenue movements of each period.

    Each period's revenue is compared with the previous period's: ``end_revenue =
    start_revenue + new + reactivation + expansion - contraction - churned`` (see the module
    docstring for each movement), ``nrr = (start + expansion - contraction - churned) / start``,
    ``grr = (start - contraction - churned) / start``, ``quick_ratio = (new + reactivation +
    expansion) / (contraction + churned)``.

    Parameters
    ----------
    data : DataFrame, or path to a CSV / Parquet / Excel file
        The transaction log, one row per purchase (or line item).
    customer, time, amount : str
        Names of the customer id, timestamp and money columns.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        The period.
    observed_until : date-like, optional
        When observation of the log ends (default: its last event). A period is ``complete``
        when it ended by then; the last period of a log is usually not.
    backend : {None, "pandas", "duckdb", "spark"}, Ibis connection, optional
        Run on an engine (see :mod:`retention_kit.backends`): the engine reduces the log to
        per-period sums and the same final step as pandas finishes them, so the table is the
        same. ``data`` may also be an Ibis table.

    Returns
    -------
    DataFrame
        One row per period from the first purchase's period to the last: ``period`` (the
        period's first instant), ``start_revenue``, ``new``, ``reactivation``, ``expansion``,
        ``contraction``, ``churned``, ``end_revenue``, ``nrr``, ``grr``, ``quick_ratio``
        (NaN where its denominator is 0), ``complete``.

    Raises
    ------
    MissingColumnError, InvalidAmountError, InvalidDateError, InvalidParameterError
        For a missing column, non-numeric or infinite amounts, unreadable dates, an unknown
        ``freq`` or an ``observed_until`` before the first event.

    Notes
    -----
    A customer's revenue in a period is the sum of their amounts in it, returns (negative
    amounts) included, so a return lowers the revenue of the period it happens in. A customer
    "has revenue" in a period when that sum is above 0; a first purchase is the customer's first
    row that is not a return (amount 0, a free item, counts).

    Examples
    --------
    >>> log = pd.DataFrame({"c": ["a", "b", "a", "c"], "amt": [100.0, 50.0, 120.0, 30.0],
    ...     "t": pd.to_datetime(["2024-01-05", "2024-01-09", "2024-02-02", "2024-02-10"])})
    >>> t = revenue_retention(log, customer="c", time="t", amount="amt")
    >>> t[["start_revenue", "new", "expansion", "churned", "end_revenue", "nrr"]].iloc[1].tolist()
    [150.0, 30.0, 20.0, 50.0, 150.0, 0.8]
    """
    _need_amount(amount)
    if wants_engine(data, backend):
        return run_on_engine(
            "revenue_retention",
            data,
            backend,
            customer=customer,
            time=time,
            amount=amount,
            freq=freq,
            observed_until=observed_until,
        )
    log = _flow.prepare(data, customer=customer, time=time, amount=amount, freq=freq)
    until = _flow.observed_until(log, observed_until)
    purchases = log.amounts >= 0  # a negative amount is a return, never a first purchase
    pairs = _flow.pairs(log, weights=log.amounts, first=_flow.first_periods(log, purchases))
    return revenue_table(revenue_movements(pairs), log.bounds, _flow.complete(log.bounds, until))


def revenue_movements(pairs: _flow.Pairs) -> dict[str, np.ndarray]:
    """Per-period sums of each revenue movement from customer x period revenue pairs."""
    n = pairs.n_periods
    paid = pairs.value > 0
    prev = pairs.previous_value()
    first = pairs.period == pairs.first
    both = paid & (prev > 0)
    react = paid & ~first & ~(prev > 0)
    up = both & (pairs.value > prev)
    down = both & (pairs.value < prev)
    # paid now, nothing paid in the next period (which the table has): churned there
    churn = paid & ~(pairs.next_value() > 0) & (pairs.period + 1 < n)
    v, p = pairs.value, pairs.period
    return {
        "end_revenue": per_period(p[paid], n, v[paid]),
        "new": per_period(p[paid & first], n, v[paid & first]),
        "reactivation": per_period(p[react], n, v[react]),
        "expansion": per_period(p[up], n, (v - prev)[up]),
        "contraction": per_period(p[down], n, (prev - v)[down]),
        "churned": per_period(p[churn] + 1, n, v[churn]),
    }


def nrr_interval(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    amount: str,
    freq: str = "M",
    n_boot: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Customer-level bootstrap intervals of net and gross revenue retention per period.

    NRR and GRR are ratios of sums over the customers who paid in the previous period, and a
    few large customers can move them a lot, so no simple formula gives their uncertainty.
    The bootstrap resamples *customers* (not rows) with replacement ``n_boot`` times, recomputes
    each period's ``nrr = Σ revenue now / Σ revenue before`` and ``grr = Σ min(now, before) /
    Σ before`` over the resampled customers, and takes the percentile interval.

    Parameters
    ----------
    data, customer, time, amount, freq
        As in :func:`revenue_retention`.
    n_boot : int, default 1000
        Number of bootstrap resamples (10 to 100,000).
    confidence : float, default 0.95
        Two-sided level of the percentile interval.
    seed : int, default 0
        Seed of the random generator: the same seed gives the same interval.

    Returns
    -------
    DataFrame
        ``period``, ``nrr``, ``nrr_low``, ``nrr_high``, ``grr``, ``grr_low``, ``grr_high``
        (NaN in the first period and wherever nobody paid in the period before).

    Examples
    --------
    >>> log = pd.DataFrame({"c": list("abab"), "amt": [100.0, 50.0, 120.0, 0.0],
    ...     "t": pd.to_datetime(["2024-01-05", "2024-01-09", "2024-02-02", "2024-02-10"])})
    >>> t = nrr_interval(log, customer="c", time="t", amount="amt", n_boot=200)
    >>> feb = t.iloc[1]
    >>> round(float(feb["nrr"]), 3), bool(feb["nrr_low"] <= 0.8 <= feb["nrr_high"])
    (0.8, True)
    """
    if (
        isinstance(n_boot, bool)
        or not isinstance(n_boot, (int, np.integer))
        or not 10 <= n_boot <= 100_000
    ):
        raise InvalidParameterError(
            f"n_boot={n_boot!r}: give a whole number of resamples from 10 to 100,000 "
            "(1,000 is usual)."
        )
    if not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
        raise InvalidParameterError(
            f"confidence={confidence!r}: give a fraction between 0 and 1, e.g. 0.95."
        )
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidParameterError(
            f"seed={seed!r}: give a whole number 0 or more (the same seed, the same interval)."
        )
    _need_amount(amount)
    log = _flow.prepare(data, customer=customer, time=time, amount=amount, freq=freq)
    pairs = _flow.pairs(log, weights=log.amounts)
    n = pairs.n_periods
    nxt = pairs.next_value()
    # a customer who paid in period q is in period q + 1's base: before = value, now = next
    base = (pairs.value > 0) & (pairs.period + 1 < n)
    cust, per = pairs.customer[base], pairs.period[base] + 1
    before = pairs.value[base]
    now = np.where(nxt[base] > 0, nxt[base], 0.0)
    kept = np.minimum(now, before)
    rng = np.random.default_rng(seed)
    n_cust = log.n_customers
    # resample in batches so that batch x customers stays about 2e7 numbers
    batch = max(1, min(n_boot, 20_000_000 // max(n_cust, 1)))
    draws_nrr = np.full((n_boot, n), np.nan)
    draws_grr = np.full((n_boot, n), np.nan)
    order = np.argsort(per, kind="stable")
    cust, per, before, now, kept = cust[order], per[order], before[order], now[order], kept[order]
    edges = np.searchsorted(per, np.arange(n + 1))
    for b0 in range(0, n_boot, batch):
        b1 = min(n_boot, b0 + batch)
        w = rng.multinomial(n_cust, np.full(n_cust, 1.0 / n_cust), size=b1 - b0).astype("float64")
        for p in range(1, n):
            lo, hi = edges[p], edges[p + 1]
            if lo == hi:
                continue
            wp = w[:, cust[lo:hi]]
            den = wp @ before[lo:hi]
            with np.errstate(divide="ignore", invalid="ignore"):
                draws_nrr[b0:b1, p] = np.where(den > 0, (wp @ now[lo:hi]) / den, np.nan)
                draws_grr[b0:b1, p] = np.where(den > 0, (wp @ kept[lo:hi]) / den, np.nan)
    tail = (1 - confidence) / 2 * 100
    sums = {k: per_period(per, n, v) for k, v in (("before", before), ("now", now), ("kept", kept))}
    with np.errstate(divide="ignore", invalid="ignore"):
        base_sum = np.where(sums["before"] > 0, sums["before"], np.nan)
        nrr, grr = sums["now"] / base_sum, sums["kept"] / base_sum
    out = {"period": log.bounds[:n], "nrr": nrr}
    for name, draws, point in (("nrr", draws_nrr, nrr), ("grr", draws_grr, grr)):
        ok = ~np.isnan(point)
        low = np.full(n, np.nan)
        high = np.full(n, np.nan)
        if ok.any():
            low[ok] = np.nanpercentile(draws[:, ok], tail, axis=0)
            high[ok] = np.nanpercentile(draws[:, ok], 100 - tail, axis=0)
        if name == "grr":
            out["grr"] = grr
        out[f"{name}_low"], out[f"{name}_high"] = low, high
    return pd.DataFrame(
        out, columns=["period", "nrr", "nrr_low", "nrr_high", "grr", "grr_low", "grr_high"]
    )


def mrr_movements(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    start_time: str,
    end_time: str,
    amount: str,
    freq: str = "M",
    as_of: Any = None,
    backend: Any = None,
) -> pd.DataFrame:
    """MRR movements and revenue retention from a subscription table (one row per subscription).

    A customer's MRR in a period is the sum of ``amount`` (the monthly price) of their
    subscriptions still running at the period's close: started before the next period begins,
    and not ended by then (an empty end = still running; a subscription with end 1 July counts
    in June and not in July). The movements and ratios are those of :func:`revenue_retention`
    (ChartMogul's and Stripe's MRR movements: new, reactivation, expansion, contraction,
    churned), with ``end_revenue`` the period's MRR.

    Parameters
    ----------
    data : DataFrame, or path to a CSV / Parquet / Excel file
        The subscription table.
    customer, start_time, end_time, amount : str
        Names of the customer id, start date, end date and monthly-amount columns.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        The period.
    as_of : date-like, optional
        When the table was exported (default: the latest start or end date in it). Periods run
        from the first start's period to as_of's; a period is ``complete`` when it ended by
        as_of.
    backend : {None, "pandas", "duckdb", "spark"}, Ibis connection, optional
        Run on an engine (see :mod:`retention_kit.backends`), e.g. on a subscription table in
        a warehouse; the same table as pandas'.

    Returns
    -------
    DataFrame
        The columns of :func:`revenue_retention`.

    Examples
    --------
    >>> subs = pd.DataFrame({"c": ["a", "b", "a"], "price": [10.0, 20.0, 5.0],
    ...     "start": pd.to_datetime(["2024-01-05", "2024-01-20", "2024-02-10"]),
    ...     "end": pd.to_datetime([None, "2024-03-01", None])})
    >>> t = mrr_movements(subs, customer="c", start_time="start", end_time="end",
    ...                   amount="price", as_of="2024-03-31")
    >>> t[["new", "expansion", "churned", "end_revenue"]].values.tolist()
    [[30.0, 0.0, 0.0, 30.0], [0.0, 5.0, 0.0, 35.0], [0.0, 0.0, 20.0, 15.0]]
    """
    _need_amount(amount)
    if wants_engine(data, backend):
        return run_on_engine(
            "mrr_movements",
            data,
            backend,
            customer=customer,
            start_time=start_time,
            end_time=end_time,
            amount=amount,
            freq=freq,
            as_of=as_of,
        )
    from .core.ids import customer_codes
    from .core.periods import normalize_freq, ordinal_to_start, period_index
    from .loading import prepare_subscriptions

    pfreq = normalize_freq(freq)
    df = prepare_subscriptions(
        data, customer=customer, start_time=start_time, end_time=end_time, amount=amount
    )
    starts, ends = df[start_time], df[end_time]
    latest = max(starts.max(), ends.max()) if ends.notna().any() else starts.max()
    until = export_date(starts.min(), latest, as_of, starts.dt.tz)
    lo = int(period_index(starts, pfreq).min())
    hi = int(period_index(pd.Series([until]), pfreq)[0])
    n = hi - lo + 1
    tz = starts.dt.tz
    bounds = ordinal_to_start(lo + np.arange(n + 1), pfreq, tz=tz, unit=starts.dt.unit)
    # periods are the data zone's wall-clock periods: compare wall-clock times with their
    # (naive) boundaries, never UTC instants with local midnights
    b = np.asarray(bounds.tz_localize(None).asi8 if tz is not None else bounds.asi8)
    wall_starts, wall_ends = starts, ends.astype(starts.dtype)
    if tz is not None:
        wall_starts, wall_ends = starts.dt.tz_localize(None), wall_ends.dt.tz_localize(None)
    # subscription s runs in period k when start < b[k + 1] and (no end or end >= b[k + 1])
    first_k = np.searchsorted(b[1:], np.asarray(wall_starts.array.asi8), side="right")
    end_ints = np.asarray(wall_ends.array.asi8)
    open_end = ends.isna().to_numpy()
    last_k = np.where(open_end, n - 1, np.searchsorted(b[1:], end_ints, side="right") - 1)
    last_k = np.minimum(last_k, n - 1)
    span = np.maximum(last_k - first_k + 1, 0)
    codes, ids = customer_codes(df[customer])
    rows = np.repeat(np.arange(len(df)), span)
    offset = np.arange(len(rows)) - np.repeat(np.cumsum(span) - span, span)
    log = _flow.Log(
        codes=codes[rows],
        periods=(first_k[rows] + offset).astype("int64"),
        amounts=df[amount].to_numpy(dtype="float64")[rows],
        n_customers=len(ids),
        bounds=bounds,
        last_event=until,
    )
    paying = log.amounts > 0
    pairs = _flow.pairs(log, weights=log.amounts, first=_flow.first_periods(log, paying))
    return revenue_table(revenue_movements(pairs), bounds, _flow.complete(bounds, until))
