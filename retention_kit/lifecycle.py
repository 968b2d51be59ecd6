"""Lifecycle (growth accounting): where each period's active customers came from.

PostHog's lifecycle chart and growth accounting split the customers of each period by what they
did in the period before:

================ ===========================================================================
``new``            first purchase in this period
``returning``      active in this period and in the previous one
``resurrecting``   active now, not in the previous period, active at some time before
``dormant``        active in the previous period, not in this one
================ ===========================================================================

so that ``new + returning + resurrecting`` = the customers active in the period and
``returning + dormant`` = those active in the period before. Growth accounting's
``quick_ratio = (new + resurrecting) / dormant`` says how many customers arrive for each one
that goes quiet: above 1 the base grows.

"Active in a period" here means an event in that calendar period, not the rolling
``active_days`` window of :func:`~retention_kit.period_table`: the two tables answer different
questions and do not give the same counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _flow
from ._flow import per_period
from .core.engines import run_on_engine, wants_engine
from .core.flow import LIFECYCLE_COLUMNS, lifecycle_from_counts

__all__ = ["lifecycle_table", "LIFECYCLE_COLUMNS"]


def lifecycle_counts(pairs: _flow.Pairs) -> dict[str, np.ndarray]:
    """Per-period customer counts of each lifecycle state from customer x period pairs."""
    n = pairs.n_periods
    first = pairs.period == pairs.first
    prev = pairs.previous_value() > 0
    gone = ~(pairs.next_value() > 0) & (pairs.period + 1 < n)
    p = pairs.period
    return {
        "active": per_period(p, n),
        "new": per_period(p[first], n),
        "returning": per_period(p[prev], n),
        "resurrecting": per_period(p[~first & ~prev], n),
        "dormant": per_period(p[gone] + 1, n),
    }


def lifecycle_table(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    freq: str = "M",
    observed_until: Any = None,
    backend: Any = None,
) -> pd.DataFrame:
    """New, returning, resurrecting and dormant customers per period (growth accounting).

    ``new + returning + resurrecting = active``; ``returning + dormant`` = active in the
    previous period; ``quick_ratio = (new + resurrecting) / dormant``.

    Parameters
    ----------
    data : DataFrame, or path to a CSV / Parquet / Excel file
        The event or transaction log, one row per event.
    customer, time : str
        Names of the customer id and timestamp columns.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        The period.
    observed_until : date-like, optional
        When observation of the log ends (default: its last event). A period is ``complete``
        when it ended by then; the last period of a log usually is not, and its counts
        (fewer returning, more dormant) are not final.
    backend : {None, "pandas", "duckdb", "spark"}, Ibis connection, optional
        Run on an engine (see :mod:`retention_kit.backends`): the engine reduces the log to
        per-period sums and the same final step as pandas finishes them, so the table is the
        same. ``data`` may also be an Ibis table.

    Returns
    -------
    DataFrame
        One row per period from the first event's period to the last: ``period`` (first
        instant), ``active``, ``new``, ``returning``, ``resurrecting``, ``dormant``,
        ``quick_ratio`` (NaN where nobody went dormant), ``complete``.

    Raises
    ------
    MissingColumnError, InvalidDateError, InvalidParameterError
        For a missing column, unreadable dates, an unknown ``freq`` or an ``observed_until``
        before the last event.

    Examples
    --------
    >>> log = pd.DataFrame({"c": ["a", "b", "a", "c", "b"],
    ...     "t": pd.to_datetime(["2024-01-05", "2024-01-09", "2024-02-02", "2024-02-10",
    ...                          "2024-03-01"])})
    >>> t = lifecycle_table(log, customer="c", time="t")
    >>> t[["active", "new", "returning", "resurrecting", "dormant"]].values.tolist()
    [[2, 2, 0, 0, 0], [2, 1, 1, 0, 1], [1, 0, 0, 1, 2]]
    """
    if wants_engine(data, backend):
        return run_on_engine(
            "lifecycle_table",
            data,
            backend,
            customer=customer,
            time=time,
            freq=freq,
            observed_until=observed_until,
        )
    log = _flow.prepare(data, customer=customer, time=time, freq=freq)
    until = _flow.observed_until(log, observed_until)
    counts = lifecycle_counts(_flow.pairs(log))
    return lifecycle_from_counts(counts, log.bounds, _flow.complete(log.bounds, until))
