"""What the flow analyses (revenue retention, lifecycle) share (internal).

Both look, for each customer, at consecutive periods: was the customer there in the period
before, and in the one after? Both start from the distinct (customer, period) pairs of the log,
sorted, with a value summed per pair. Sorted by ``customer * n_periods + period``, a pair's
neighbour in the array is the same customer's previous (or next) period exactly when the keys
differ by one: no join, no Python loop per customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .core.ids import customer_codes
from .core.periods import end_of_observation, normalize_freq, ordinal_to_start, period_index
from .core.periods import periods_complete as complete
from .loading import prepare_transactions

__all__ = ["Log", "Pairs", "complete", "observed_until", "pairs", "per_period", "prepare"]


@dataclass(frozen=True)
class Log:
    """A validated log as integer arrays: customer code, period number (0 = first period) and
    amount of each row; the period boundaries (``n_periods + 1`` instants); the last event."""

    codes: np.ndarray
    periods: np.ndarray
    amounts: np.ndarray | None
    n_customers: int
    bounds: pd.DatetimeIndex
    last_event: pd.Timestamp

    @property
    def n_periods(self) -> int:
        return len(self.bounds) - 1


def prepare(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    freq: str,
    amount: str | None = None,
) -> Log:
    """Validate and code the log once (through :func:`loading.prepare_transactions`)."""
    pfreq = normalize_freq(freq)
    # revenue flows model returns themselves (a negative amount lowers its period)
    df = prepare_transactions(
        data, customer=customer, time=time, amount=amount, negative_amounts=True
    )
    times = df[time]
    ords = period_index(times, pfreq)
    lo = int(ords.min())
    periods = (ords - lo).astype("int64")
    n_periods = int(periods.max()) + 1
    codes, ids = customer_codes(df[customer])
    tz = getattr(times.dt, "tz", None)
    unit = getattr(times.dt, "unit", "ns")
    bounds = ordinal_to_start(lo + np.arange(n_periods + 1), pfreq, tz=tz, unit=unit)
    amounts = df[amount].to_numpy(dtype="float64") if amount is not None else None
    return Log(codes, periods, amounts, len(ids), bounds, times.max())


def observed_until(log: Log, value: Any) -> pd.Timestamp:
    """The end of observation: ``value`` as a Timestamp in the data's zone, or the last event."""
    return end_of_observation(log.last_event, value, log.bounds.tz)


def first_periods(log: Log, rows: np.ndarray | None = None) -> np.ndarray:
    """Each customer's first period among ``rows`` (a boolean row mask; all rows if None);
    ``n_periods`` (past the end) for a customer with no such row."""
    first = np.full(log.n_customers, log.n_periods, dtype="int64")
    codes, periods = (
        (log.codes, log.periods) if rows is None else (log.codes[rows], log.periods[rows])
    )
    np.minimum.at(first, codes, periods)
    return first


@dataclass(frozen=True)
class Pairs:
    """Distinct (customer, period) pairs sorted by customer, then period; ``value`` summed per
    pair (its number of rows without weights); ``first`` the pair's customer's first period."""

    customer: np.ndarray
    period: np.ndarray
    value: np.ndarray
    first: np.ndarray
    n_periods: int

    def _same_customer_next(self) -> np.ndarray:
        # pair i and pair i + 1 are one customer's consecutive periods
        return (self.customer[1:] == self.customer[:-1]) & (self.period[1:] == self.period[:-1] + 1)

    def previous_value(self) -> np.ndarray:
        """The value of the same customer's pair in the period before (0 where there is none)."""
        link = self._same_customer_next()
        out = np.zeros(len(self.value), dtype="float64")
        out[1:][link] = self.value[:-1][link]
        return out

    def next_value(self) -> np.ndarray:
        """The value of the same customer's pair in the period after (0 where there is none)."""
        link = self._same_customer_next()
        out = np.zeros(len(self.value), dtype="float64")
        out[:-1][link] = self.value[1:][link]
        return out


def pairs(log: Log, weights: np.ndarray | None = None, first: np.ndarray | None = None) -> Pairs:
    """The (customer, period) pairs of ``log``; ``weights`` per row summed per pair (row counts
    if None); ``first``: per-customer first period (default: their first row's period)."""
    n = log.n_periods
    key = log.codes * n + log.periods
    uniq, inverse = np.unique(key, return_inverse=True)
    value = np.bincount(inverse, weights=weights, minlength=len(uniq)).astype("float64")
    customer = uniq // n
    period = uniq - customer * n
    if first is None:
        first = first_periods(log)
    return Pairs(customer, period, value, first[customer], n)


def per_period(
    periods: np.ndarray, n_periods: int, weights: np.ndarray | None = None
) -> np.ndarray:
    """Sum of ``weights`` (the count if None) per period 0 .. n_periods - 1."""
    out = np.bincount(periods, weights=weights, minlength=n_periods)[:n_periods]
    return out.astype("float64") if weights is not None else out.astype("int64")
