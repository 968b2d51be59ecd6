"""S, N, L, E per period: the counts behind CRR = (E - N) / S, from a log or a subscription table.

A customer is **active at instant t**:

- transaction log: at least one event in ``[t - active_days, t)``;
- subscriptions: some subscription with ``start <= t < end`` (empty end = still active).

For each period ``[p, p_next)``: ``start`` (S) = active at p, ``end`` (E) = active at p_next,
``lost`` (L) = active at p but not at p_next, ``new`` (N) = active at p_next but not at p
(``first_time`` + ``reactivated``). So S + N - L = E exactly, ``crr`` = (E - N) / S and
``churn`` = L / S (NaN where S = 0); ``crr_low`` / ``crr_high`` is the 95 % Wilson interval.

How it stays fast on tens of millions of rows: every event (or subscription) makes a customer
active on one interval of time, which covers a contiguous range ``[lo, hi)`` of period boundaries
(two ``np.searchsorted`` over the few boundaries). The union of a customer's ranges is their set
of active boundaries; it is counted either on a (customers x boundaries) grid with two
``np.bincount`` and a cumulative sum, or, when that grid would be large (daily periods over
years), by sorting the packed ``(customer, lo, hi)`` triples and merging overlapping or touching
ranges into runs. Merging in *boundary* space (not time) is what makes a customer active at
b_k through one purchase and at b_k+1 through another count as retained. No Python loop runs
per row or per customer.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .core.engines import no_engine, run_on_engine, wants_engine
from .core.ids import customer_codes
from .core.periods import (
    activity_window,
    as_timestamp,
    boundaries,
    check_active_days,
    end_of_observation,
    normalize_freq,
    period_range,
)
from .core.tables import PERIOD_COLUMNS, period_table_from_counts
from .errors import InvalidDateError
from .loading import prepare_subscriptions, prepare_transactions

__all__ = ["period_table", "subscription_period_table"]

COLUMNS = PERIOD_COLUMNS

# the (customers x boundaries) grid is used while it has at most this many cells per input row
# (or at most _GRID_MIN_CELLS cells); above it, the sort-based path. Tests set both to force a path.
_GRID_CELLS_PER_ROW = 0.25
_GRID_MIN_CELLS = 1 << 20
# every real time zone's midnight is a multiple of 15 minutes from UTC midnight
_BUCKET_SECONDS = 900
_UNITS_PER_SECOND = {"s": 1, "ms": 10**3, "us": 10**6, "ns": 10**9}


# --------------------------------------------------------------------------- helpers


def _count_runs(arrays: list[np.ndarray], n_codes: int, n_periods: int) -> dict[str, np.ndarray]:
    """Counts per period k = 0..K-1 from ``arrays = [codes, lo, hi]``: each row's customer code
    and covered boundary range [lo, hi) (values in 0..K+1). The list is emptied and the arrays
    reused in place, so they are freed as early as possible (peak memory).

    Returns ``active`` (customers active at boundary j, j = 0..K), ``lost``, ``new``,
    ``first_time`` (customers whose smallest ``lo`` is k + 1 and who are active at b_k+1).
    """
    width = n_periods + 2  # lo, hi in 0..K+1
    cells = n_codes * width
    if cells <= max(_GRID_MIN_CELLS, _GRID_CELLS_PER_ROW * len(arrays[0])):
        return _count_grid(arrays, n_codes, n_periods)
    return _count_sorted(arrays, n_periods)


def _count_grid(arrays: list[np.ndarray], n_codes: int, n_periods: int) -> dict[str, np.ndarray]:
    width = n_periods + 2
    cells = n_codes * width
    key, lo, hi = arrays
    arrays.clear()
    key *= width
    idx = key + lo
    del lo
    plus = np.bincount(idx, minlength=cells).reshape(n_codes, width)
    np.add(key, hi, out=idx)
    del key, hi
    cover = plus - np.bincount(idx, minlength=cells).reshape(n_codes, width)
    del idx
    np.cumsum(cover, axis=1, out=cover)
    active = cover[:, : n_periods + 1] > 0  # (customers, boundaries 0..K)
    del cover
    seen = plus.any(axis=1)
    lo_min = np.argmax(plus > 0, axis=1)
    del plus
    prev, nxt = active[:, :-1], active[:, 1:]
    lost = np.count_nonzero(prev & ~nxt, axis=0)
    new = np.count_nonzero(~prev & nxt, axis=0)
    ok = seen & (lo_min >= 1) & (lo_min <= n_periods)
    rows = np.flatnonzero(ok)
    firsts = lo_min[rows]
    firsts = firsts[active[rows, firsts]]
    first_time = np.bincount(firsts - 1, minlength=n_periods)[:n_periods]
    return {
        "active": np.count_nonzero(active, axis=0),
        "lost": lost,
        "new": new,
        "first_time": first_time,
    }


def _count_sorted(arrays: list[np.ndarray], n_periods: int) -> dict[str, np.ndarray]:
    width = n_periods + 2
    small = "int32" if width < 2**31 else "int64"
    packed, lo, hi = arrays  # packed: the codes array, reused in place
    arrays.clear()
    packed *= width
    packed += lo
    del lo
    packed *= width
    packed += hi
    del hi
    packed.sort()
    n = len(packed)
    hi_s = np.empty(n, dtype=small)
    np.remainder(packed, width, out=hi_s, casting="unsafe")
    packed //= width
    lo_s = np.empty(n, dtype=small)
    np.remainder(packed, width, out=lo_s, casting="unsafe")
    packed //= width  # now: customer code, sorted
    new_customer = np.empty(n, dtype=bool)
    new_customer[0] = True
    np.not_equal(packed[1:], packed[:-1], out=new_customer[1:])
    # running max of hi within each customer: codes are sorted, so code * width + hi only grows
    # from one customer to the next and its running max, modulo width, is the customer's own
    # running max of hi (for events it equals hi; overlapping subscriptions need it)
    reach = packed
    reach *= width
    reach += hi_s
    np.maximum.accumulate(reach, out=reach)
    np.remainder(reach, width, out=reach)
    # sorted by lo, a row starts a new run of boundaries when its lo is past everything the
    # customer's earlier rows reached (a gap of >= 1 boundary)
    run_start = new_customer.copy()
    run_start[1:] |= lo_s[1:] > reach[:-1]
    starts = np.flatnonzero(run_start)
    run_lo = lo_s[starts]
    run_hi = reach[np.append(starts[1:], n) - 1]
    del reach
    keep = run_lo < run_hi  # empty ranges (no boundary covered) are not runs
    run_lo, run_hi = run_lo[keep], run_hi[keep]
    diff = np.bincount(run_lo, minlength=width) - np.bincount(run_hi, minlength=width)
    active = np.cumsum(diff)[: n_periods + 1]
    ends = run_hi[run_hi <= n_periods] - 1  # a run ending at boundary K is still active at b_K
    lost = np.bincount(ends, minlength=n_periods)[:n_periods]
    begins = run_lo[run_lo >= 1] - 1
    new = np.bincount(begins, minlength=n_periods)[:n_periods]
    # first-time: the customer's first row has the smallest lo; the last row with that same lo
    # has the largest hi among them (rows sorted by lo, then hi)
    group_start = new_customer.copy()
    group_start[1:] |= lo_s[1:] != lo_s[:-1]
    g = np.flatnonzero(group_start)
    g_last = np.append(g[1:], n) - 1
    first_group = new_customer[g]
    lo_min = lo_s[g[first_group]]
    hi_max = hi_s[g_last[first_group]]
    ok = (lo_min >= 1) & (lo_min <= n_periods) & (hi_max > lo_min)
    first_time = np.bincount(lo_min[ok] - 1, minlength=n_periods)[:n_periods]
    return {"active": active, "lost": lost, "new": new, "first_time": first_time}


def _event_ranges(b: np.ndarray, x: np.ndarray, w: int, unit: str) -> tuple[np.ndarray, np.ndarray]:
    """For each event instant x: boundaries covered by (x, x + w] as index range [lo, hi).

    lo = #{b <= x}, hi = #{b <= x + w}. When boundaries and window are whole multiples of 15
    minutes, both come from one small lookup table indexed by x's 15-minute bucket (exact, since
    no boundary falls strictly inside a bucket); otherwise from binary search.
    """
    g = _BUCKET_SECONDS * _UNITS_PER_SECOND.get(unit, 0)
    if g and len(x) and not (b % g).any() and w % g == 0:
        q0 = int(x.min()) // g
        wg = w // g
        size = int(x.max()) // g - q0 + wg + 1
        if size <= 4 * len(x) + (1 << 20):
            dtype = "int32" if len(b) < 2**31 else "int64"
            table = np.searchsorted(b, (np.arange(size, dtype="int64") + q0) * g, side="right")
            table = table.astype(dtype)
            q = x // g
            q -= q0
            lo = table[q]
            q += wg
            hi = table[q]
            return lo, hi
    return np.searchsorted(b, x, side="right"), np.searchsorted(b, x + w, side="right")


def _time_ints(times: pd.Series) -> np.ndarray:
    """Instants as int64 in the column's unit (UTC-based for tz-aware columns)."""
    return np.asarray(times.array.asi8)


# --------------------------------------------------------------------------- public


def period_table(
    data: pd.DataFrame | str,
    *,
    customer: str,
    time: str,
    freq: str = "M",
    active_days: float = 90,
    since: Any = None,
    until: Any = None,
    observed_until: Any = None,
    backend: Any = None,
) -> pd.DataFrame:
    """S, N, L, E, CRR and churn per period from a transaction log.

    Active at instant t = an event in ``[t - active_days, t)``. For period ``[p, p_next)``:
    S = active at p, E = active at p_next, L = active at p not at p_next, N = active at p_next
    not at p (``first_time``: first-ever event in the period; ``reactivated``: came back after
    lapsing). S + N - L = E; crr = (E - N) / S, churn = L / S (NaN where S = 0); ``crr_low`` /
    ``crr_high``: 95 % Wilson interval of (S - L) / S.

    Parameters
    ----------
    data : DataFrame, path or Ibis table
        The transaction log, one row per event.
    customer, time : str
        Names of the customer-id and timestamp columns.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        The period (weeks run Monday to Sunday).
    active_days : float, default 90
        The activity window in days (> 0).
    since, until : date-like, optional
        Dates whose periods are the first / last rows (default: the first and last event's
        periods; events outside still count for activity).
    observed_until : date-like, optional
        When observation of the log ends (default: its last event). Pass the instant the
        export was taken (e.g. ``"2024-02-01"`` for a log complete up to midnight).
    backend : str or Ibis connection, optional
        "duckdb", "spark" or a connection: run on that engine (same result as pandas).

    Returns
    -------
    DataFrame
        One row per period: ``period`` (its first instant, time zone of the data), ``start``,
        ``new``, ``first_time``, ``reactivated``, ``lost``, ``end``, ``crr``, ``churn``,
        ``crr_low``, ``crr_high``, ``complete``: True when the instant that closes the period
        (the next period's first instant, where E is counted) is ``<= observed_until``. An
        incomplete period's E, N and L are not final: leave it out of averages.

    Raises
    ------
    MissingColumnError, InvalidDateError, MissingCustomerIdError
        From the input checks of :func:`~retention_kit.loading.prepare_transactions`.
    InvalidParameterError
        For an unknown ``freq``, ``active_days <= 0``, ``since`` after ``until``, or an
        ``observed_until`` before the last event (or with a zone when the data has none).

    Examples
    --------
    >>> log = pd.DataFrame({"customer_id": ["a", "a", "b"],
    ...                     "time": pd.to_datetime(["2024-01-10", "2024-02-10", "2024-02-20"])})
    >>> t = period_table(log, customer="customer_id", time="time", freq="M", active_days=31)
    >>> t[["start", "new", "lost", "end"]].values.tolist()
    [[0, 1, 0, 1], [1, 1, 0, 2]]
    >>> t["complete"].tolist()  # the log ends on 20 February: February is not over
    [True, False]
    """
    if wants_engine(data, backend):
        return run_on_engine(
            "period_table",
            data,
            backend,
            customer=customer,
            time=time,
            freq=freq,
            active_days=active_days,
            since=since,
            until=until,
            observed_until=observed_until,
        )
    pfreq = normalize_freq(freq)
    window_days = check_active_days(active_days)
    df = prepare_transactions(data, customer=customer, time=time)
    times = df[time]
    tz = getattr(times.dt, "tz", None)
    unit = times.dt.unit
    ord0, ord1 = period_range(times.min(), times.max(), since, until, pfreq, tz)
    observed = end_of_observation(times.max(), observed_until, tz)
    bounds = boundaries(ord0, ord1, pfreq, tz, unit)
    b = np.asarray(bounds.asi8)
    window = activity_window(window_days)
    w = int(window / pd.Timedelta(1, unit=unit))
    # event at x: active on (x, x + w]  ->  boundaries b with x < b <= x + w
    lo, hi = _event_ranges(b, _time_ints(times), w, unit)
    codes, ids = customer_codes(df[customer], dense=False)
    n_codes = len(ids)
    del df, times
    arrays = [codes, lo, hi]
    del codes, lo, hi
    counts = _count_runs(arrays, n_codes, len(b) - 1)
    return period_table_from_counts(counts, bounds, until=observed)


def subscription_period_table(
    data: pd.DataFrame | str,
    *,
    customer: str,
    start_time: str,
    end_time: str,
    freq: str = "M",
    as_of: Any = None,
    backend: Any = None,
) -> pd.DataFrame:
    """S, N, L, E, CRR and churn per period from a subscription table (one row per subscription).

    Active at instant t = some subscription with ``start_time <= t < end_time`` (empty end = still
    active); a subscription that starts exactly at a period's first instant is active at that
    instant. Then S, N (``first_time`` + ``reactivated``), L, E, crr = (E - N) / S, churn = L / S
    and the Wilson interval exactly as in :func:`period_table`. Periods run from the first
    start's period to the period of ``as_of`` (default: the latest start or end in the table),
    which is also the end of observation: a period is ``complete`` when the next period's
    first instant is ``<= as_of``.

    Parameters
    ----------
    data : DataFrame or path
        One row per subscription.
    customer, start_time, end_time : str
        Names of the customer-id column and of the columns with each subscription's start and
        end (an empty end = still active).
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        The period.
    as_of : date-like, optional
        The end of observation (default: the latest start or end in the table).
    backend : None
        Only pandas: a subscription table has one row per subscription, small enough for
        memory, and there is no engine implementation; any other value raises.

    Returns
    -------
    DataFrame
        The columns of :func:`period_table`.

    Raises
    ------
    MissingColumnError, InvalidDateError
        From :func:`~retention_kit.loading.prepare_subscriptions` (e.g. an end before its
        start), or ``as_of`` before the first start.
    InvalidParameterError
        For an unknown ``freq`` or a ``backend=``.

    Examples
    --------
    >>> subs = pd.DataFrame({"customer_id": [1, 2, 3],
    ...                      "start": pd.to_datetime(["2023-12-01", "2023-12-05", "2024-01-10"]),
    ...                      "end": pd.to_datetime([None, "2024-01-20", None])})
    >>> t = subscription_period_table(subs, customer="customer_id", start_time="start",
    ...                               end_time="end", as_of="2024-01-31")
    >>> t[["start", "new", "lost", "end", "crr"]].values.tolist()[-1]
    [2.0, 1.0, 1.0, 2.0, 0.5]
    >>> t["complete"].tolist()  # observed until 31 January 00:00: January is not over
    [True, False]
    """
    no_engine("subscription_period_table", data, backend)
    pfreq = normalize_freq(freq)
    start, end = start_time, end_time
    df = prepare_subscriptions(data, customer=customer, start_time=start, end_time=end)
    s_times, e_times = df[start], df[end]
    tz = getattr(s_times.dt, "tz", None)
    unit = s_times.dt.unit
    first = s_times.min()
    if as_of is None:
        last = max(s_times.max(), e_times.max()) if e_times.notna().any() else s_times.max()
    else:
        last = as_timestamp(as_of, "as_of", tz)
        if last < first:
            raise InvalidDateError(
                f"as_of={as_of!r} is before the first subscription starts ({first}); give a "
                "later as_of."
            )
    ord0, ord1 = period_range(first, last, None, None, pfreq, tz)
    bounds = boundaries(ord0, ord1, pfreq, tz, unit)
    b = np.asarray(bounds.asi8)
    s = _time_ints(s_times)
    e = _time_ints(e_times.astype(s_times.dtype))
    codes, ids = customer_codes(df[customer], dense=False)
    n_codes = len(ids)
    # subscription [s, e): boundaries b with s <= b < e; an open end covers every boundary
    lo = np.searchsorted(b, s, side="left")
    hi = np.searchsorted(b, e, side="left")
    hi[e_times.isna().to_numpy()] = len(b)
    arrays = [codes, lo, hi]
    del codes, lo, hi
    counts = _count_runs(arrays, n_codes, len(b) - 1)
    return period_table_from_counts(counts, bounds, until=last)
