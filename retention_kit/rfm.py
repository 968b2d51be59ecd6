"""RFM segmentation (recency, frequency, monetary) and the CLV-library customer summary.

Article 000 (OWOX part): split customers by how long ago they last bought (R), how often they buy
(F) and how much they spend (M), then act per group: a loyalty programme for the best customers,
a reactivation email with a promotion for those who stopped buying, related products (cross-sell)
for those who often buy cheap items.

- :func:`rfm_table`: one row per customer with R, F, M, 1-5 quintile scores, segment and action.
- :func:`rfm_segments`: one row per segment (customers, share, money, means, action).
- :func:`clv_summary`: ``frequency``, ``recency``, ``T``, ``monetary_value`` exactly as the
  CLV libraries (lifetimes, pymc-marketing) define them, ready for BG/NBD or Gamma-Gamma models.

Segments come from ``retention_kit/data/rfm_segments.csv``: one row per (r_score, f_score) pair,
with the segment, the suggested action and ``action_source`` saying whether the action is the
source's (``article 000``), the source's extended by the kit (``article 000 + kit``) or only the
kit's suggestion (``kit suggestion``).

Returns (negative amounts) distort M: remove or net them first, e.g. with
``rk.load_transactions(..., negative_amounts=...)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .core.columns import require_columns
from .core.engines import run_on_engine, wants_engine
from .core.ids import customer_codes
from .core.periods import as_timestamp, normalize_freq, wall_ints, wall_ordinals
from .core.tables import rfm_table_from_values, segment_table
from .errors import (
    DataValidationError,
    EmptyDataError,
    InvalidParameterError,
)
from .loading import prepare_transactions

__all__ = ["rfm_table", "rfm_segments", "clv_summary", "segment_map"]

_MONETARY = ("total", "mean")


# --------------------------------------------------------------------------- segment map


def segment_map() -> pd.DataFrame:
    """The RFM segment map: which segment and action each (r_score, f_score) pair gets.

    Returns
    -------
    pandas.DataFrame
        A copy of ``retention_kit/data/rfm_segments.csv``: 25 rows, one per pair of scores 1-5,
        columns ``r_score``, ``f_score``, ``segment``, ``description``, ``action``,
        ``action_source`` (article 000, article 000 + kit, or kit suggestion) and ``note``.

    Examples
    --------
    >>> m = segment_map()
    >>> len(m), m.set_index(["r_score", "f_score"]).loc[(5, 5), "segment"]
    (25, 'Champions')
    """
    return segment_table().copy()


# --------------------------------------------------------------------------- internals


def _per(unit: str, what: str) -> int:
    return int(np.timedelta64(1, what) // np.timedelta64(1, unit))


def _as_of_timestamp(as_of: Any, tz: Any) -> pd.Timestamp:
    """``as_of`` as a naive wall-clock Timestamp in the time zone of the data."""
    ts = as_timestamp(as_of, "as_of", tz)
    return ts.tz_localize(None) if tz is not None else ts


def _as_of_int(as_of: Any, tz: Any, unit: str) -> int:
    ts = _as_of_timestamp(as_of, tz).as_unit("ns")
    return int(ts.value) // _per("ns", unit)


def _distinct_per_code(
    codes: np.ndarray, values: np.ndarray, n_codes: int, divisor: int = 1
) -> np.ndarray:
    """Number of distinct ``values`` per code: sort one int64 key code*span + value, count runs.

    ``divisor``: a unit the values are often whole multiples of (one second for timestamps),
    used to keep the key within int64 when the raw span is too wide.
    """
    lo = int(values.min())
    span = int(values.max()) - lo + 1
    rel = values - lo
    if n_codes * span >= 2**62 and divisor > 1 and not (rel % divisor).any():
        rel //= divisor
        span = (span - 1) // divisor + 1
    if n_codes * span >= 2**62:  # still too wide: number the distinct values instead
        rel, uniques = pd.factorize(values)
        span = len(uniques)
    key = codes.astype(np.int64, copy=True)
    key *= span
    key += rel
    del rel
    key.sort()
    starts = np.empty(len(key), dtype=bool)
    starts[0] = True
    np.not_equal(key[1:], key[:-1], out=starts[1:])
    firsts = key[starts]
    del key, starts
    firsts //= span
    return np.bincount(firsts, minlength=n_codes)


_RFM_COLUMNS = (
    "recency", "frequency", "monetary", "r_score", "f_score", "m_score", "rfm_score", "segment",
    "action",
)  # fmt: skip


def _check_customer_name(customer: str, taken: tuple[str, ...]) -> None:
    if customer in taken:
        raise InvalidParameterError(
            f"customer={customer!r} is also the name of an output column; rename your customer "
            f"column first, e.g. data.rename(columns={{{customer!r}: 'customer_id'}})."
        )


def _keep(frame: pd.DataFrame, mask: np.ndarray, as_of: Any) -> pd.DataFrame:
    if mask.all():
        return frame
    if not mask.any():
        raise EmptyDataError(
            f"no purchase at or before as_of={as_of!r}; pass a later as_of (or none: the default "
            "follows the data)."
        )
    return frame.loc[mask]


# --------------------------------------------------------------------------- public


def rfm_table(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    amount: str,
    order: str | None = None,
    as_of: Any = None,
    monetary: str = "total",
    backend: Any = None,
) -> pd.DataFrame:
    """One row per customer: recency, frequency, monetary, 1-5 scores, segment and action.

    - ``recency`` = whole days from the last purchase to ``as_of`` (``floor((as_of - last) /
      24 h)`` on wall-clock time, like the tutorial ``(as_of - last).days``). Default ``as_of``:
      midnight starting the day after the last purchase in the data, so a purchase on the last
      day at 00:00 has recency 1. Purchases after ``as_of`` are ignored.
    - ``frequency`` = number of orders: distinct values of ``order`` if given (e.g. the invoice
      number), else distinct timestamps (rows of one order share its time).
    - ``monetary`` = sum of ``amount`` (``monetary="total"``) or total / frequency (``"mean"``,
      the average order value).
    - ``r_score``, ``f_score``, ``m_score`` in 1..5 by quintiles: customers are ranked by the
      value, ties by customer id (ascending), rank r = 1..n, quintile q = max(1, ceil(5 (r - 1) /
      (n - 1))), the same as ``pd.qcut(x.rank(method="first"), 5, labels=[1, 2, 3, 4, 5])`` on
      a table sorted by id; one customer gets 3. F and M score = q (more = higher); recency
      score = 6 - q (more recent = higher). Any number of customers and ties gives valid scores.
    - ``rfm_score`` = the three digits, e.g. "545".
    - ``segment`` from (r_score, f_score) by the 5 x 5 R-F grid common in public RFM tutorials
      (Champions, Loyal customers, Potential loyalists, New customers, Promising, Need attention,
      About to sleep, At risk, Can't lose them, Hibernating), with Lost split off at r = 1,
      f = 1 to give the 11 segment names of Putler's widely copied list; M does not change the
      segment. ``action`` from ``data/rfm_segments.csv`` (see :func:`segment_map`): article
      000's action where it gives one, ``action_source`` in the CSV says which are the kit's.

    Amounts must not be negative (returns): remove or net them first with
    ``rk.load_transactions(..., negative_amounts=...)``. Rows come sorted by customer id.

    >>> log = pd.DataFrame({"id": [1, 1, 2], "day": ["2024-01-01", "2024-01-09", "2024-01-05"],
    ...                     "paid": [10.0, 30.0, 5.0]})
    >>> t = rfm_table(log, customer="id", time="day", amount="paid")  # as_of = 2024-01-10
    >>> t[["id", "recency", "frequency", "monetary", "rfm_score"]].to_dict("records")[0]
    {'id': 1, 'recency': 1, 'frequency': 2, 'monetary': 40.0, 'rfm_score': '555'}
    """
    if wants_engine(data, backend):
        return run_on_engine(
            "rfm_table",
            data,
            backend,
            customer=customer,
            time=time,
            amount=amount,
            order=order,
            as_of=as_of,
            monetary=monetary,
        )
    if not isinstance(monetary, str) or monetary not in _MONETARY:
        raise InvalidParameterError(
            f"monetary={monetary!r} is not an option; use 'total' (sum of the amounts) or 'mean' "
            "(average order value)."
        )
    if not isinstance(amount, str) or not amount:
        raise InvalidParameterError(
            "rfm_table needs amount=, the column with the money of each row, e.g. amount='Revenue'."
        )
    _check_customer_name(customer, _RFM_COLUMNS)
    df = prepare_transactions(
        data, customer=customer, time=time, amount=amount, extra=(order,) if order else ()
    )
    t, unit, tz = wall_ints(df[time])
    day = _per(unit, "D")
    if as_of is None:
        as_of_i = (int(t.max()) // day + 1) * day
    else:
        as_of_i = _as_of_int(as_of, tz, unit)
        mask = t <= as_of_i
        df = _keep(df, mask, as_of)
        t = t[mask] if len(t) != len(df) else t
    amounts = df[amount].to_numpy(dtype="float64")  # checked by prepare_transactions
    codes, ids = customer_codes(df[customer], ordered=True)
    n = len(ids)

    last = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last, codes, t)
    total = np.bincount(codes, weights=amounts, minlength=n)
    if order:
        ocodes, _ = pd.factorize(df[order])
        if (ocodes < 0).any():
            raise DataValidationError(
                f"column {order!r} (order=) is empty in {int((ocodes < 0).sum())} rows; fill the "
                "order ids or drop those rows."
            )
        frequency = _distinct_per_code(codes, ocodes.astype(np.int64), n)
    else:
        frequency = _distinct_per_code(codes, t, n, divisor=_per(unit, "s"))
    recency = (as_of_i - last) // day
    money = total if monetary == "total" else total / frequency

    return rfm_table_from_values(customer, ids, recency, frequency, money)


def rfm_segments(rfm: pd.DataFrame) -> pd.DataFrame:
    """One row per segment of an :func:`rfm_table`, the most valuable first.

    Columns: segment, customers, ``share`` = customers / all customers (a fraction),
    monetary_total, monetary_mean, recency_mean, frequency_mean, action, action_source.
    Sorted by monetary_total (descending), then segment name.

    >>> rfm = pd.DataFrame({"segment": ["Lost", "Champions", "Lost"], "recency": [90, 1, 60],
    ...                     "frequency": [1, 9, 2], "monetary": [10.0, 500.0, 30.0]})
    >>> s = rfm_segments(rfm)
    >>> s[["segment", "customers", "monetary_total", "recency_mean"]].to_dict("list")
    {'segment': ['Champions', 'Lost'], 'customers': [1, 2], 'monetary_total': [500.0, 40.0], \
'recency_mean': [1.0, 75.0]}
    """
    if not isinstance(rfm, pd.DataFrame):
        raise InvalidParameterError(
            f"rfm_segments takes the table rk.rfm_table(...) returns, not {type(rfm).__name__}."
        )
    require_columns(rfm, ["segment", "recency", "frequency", "monetary"])
    if len(rfm) == 0:
        raise EmptyDataError("the RFM table has no rows: nothing to summarise.")
    out = (
        rfm.groupby("segment", sort=False, observed=True, dropna=False)
        .agg(
            customers=("recency", "size"),
            monetary_total=("monetary", "sum"),
            monetary_mean=("monetary", "mean"),
            recency_mean=("recency", "mean"),
            frequency_mean=("frequency", "mean"),
        )
        .reset_index()
    )
    out.insert(2, "share", out["customers"] / len(rfm))
    info = segment_table().drop_duplicates("segment").set_index("segment")
    out["action"] = out["segment"].map(info["action"])
    out["action_source"] = out["segment"].map(info["action_source"])
    out = out.sort_values(["monetary_total", "segment"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def clv_summary(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    amount: str | None = None,
    freq: str = "D",
    as_of: Any = None,
) -> pd.DataFrame:
    """Per customer ``frequency``, ``recency``, ``T`` (and ``monetary_value``) for CLV models.

    The definitions of ``lifetimes.utils.summary_data_from_transaction_data`` and of
    pymc-marketing's ``clv.utils.rfm_summary`` (adapted from it): purchases are first combined
    into one per period of ``freq`` (amounts summed), then

    - ``frequency`` = periods with a purchase - 1 (the repeat purchases);
    - ``recency`` = last purchase period - first purchase period (age at the last purchase);
    - ``T`` = ``as_of`` period - first purchase period (age at the end of observation);
    - ``monetary_value`` = mean of the per-period sums of the repeat periods (the first
      period excluded), 0 when frequency is 0.

    Default ``as_of`` = the last purchase in the data (as in both libraries); purchases in
    periods after ``as_of``'s period are dropped. Ages are whole periods (``freq``: "D", "W"
    Monday-Sunday, "M", "Q", "Y"); for "D" and "W" they equal the libraries' values, for "M" the
    libraries divide days by an average month instead. Note that ``recency`` here is *not* the
    RFM recency of :func:`rfm_table` (time since the last purchase).

    >>> log = pd.DataFrame({"id": ["a", "a", "a", "b"],
    ...                     "day": ["2024-01-01", "2024-01-01", "2024-01-04", "2024-01-03"],
    ...                     "paid": [5.0, 5.0, 20.0, 8.0]})
    >>> clv_summary(log, customer="id", time="day", amount="paid").to_dict("list")
    {'id': ['a', 'b'], 'frequency': [1, 0], 'recency': [3, 0], 'T': [3, 1], \
'monetary_value': [20.0, 0.0]}
    """
    pfreq = normalize_freq(freq)
    _check_customer_name(customer, ("frequency", "recency", "T", "monetary_value"))
    df = prepare_transactions(data, customer=customer, time=time, amount=amount)
    times = df[time]
    tz = getattr(times.dt, "tz", None)
    ords = wall_ordinals(times, pfreq)
    if as_of is None:
        as_of_ord = int(ords.max())
    else:
        ts = _as_of_timestamp(as_of, tz)
        as_of_ord = int(wall_ordinals(pd.Series([ts]), pfreq)[0])
        mask = ords <= as_of_ord
        df = _keep(df, mask, as_of)
        ords = ords[mask] if len(ords) != len(df) else ords
    codes, ids = customer_codes(df[customer], ordered=True)
    n = len(ids)
    first = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, codes, ords)
    last = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last, codes, ords)
    frequency = _distinct_per_code(codes, ords, n) - 1
    out = pd.DataFrame(
        {customer: ids, "frequency": frequency, "recency": last - first, "T": as_of_ord - first}
    )
    if amount:
        amounts = df[amount].to_numpy(dtype="float64")  # checked by prepare_transactions
        repeat = np.where(ords != first[codes], amounts, 0.0)
        repeat_total = np.bincount(codes, weights=repeat, minlength=n)
        value = np.zeros(n)
        np.divide(repeat_total, frequency, out=value, where=frequency > 0)
        out["monetary_value"] = value
    return out
