"""Repeat purchase rate: the share of customers who bought more than once (article 003).

repeat purchase rate = customers with at least 2 orders / all customers
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .core.ids import customer_codes
from .core.periods import normalize_freq, period_start
from .errors import InvalidParameterError
from .loading import prepare_transactions

__all__ = ["repeat_purchases"]


def repeat_purchases(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    order: str | None = None,
    freq: str | None = None,
) -> pd.DataFrame:
    """Customers, repeat customers (2 or more distinct orders) and their rate, from a log.

    An order is a distinct value of ``order`` (e.g. the invoice number) when given, else a
    distinct timestamp of the customer (several rows at the same instant = one order).
    rate = repeat_customers / customers. With ``freq`` ("M", "Q", ...), one row per ``cohort``
    (period of each customer's first purchase); a customer is "repeat" if they ever ordered again.

    >>> log = pd.DataFrame({"customer_id": [1, 1, 2, 3, 3],
    ...                     "time": pd.to_datetime(["2024-01-02", "2024-03-01", "2024-01-05",
    ...                                             "2024-02-01", "2024-02-01"])})
    >>> repeat_purchases(log, customer="customer_id", time="time").to_dict("records")
    [{'customers': 3, 'repeat_customers': 1, 'rate': 0.3333333333333333}]
    """
    if freq is not None:
        normalize_freq(freq)
    df = prepare_transactions(
        data, customer=customer, time=time, extra=(order,) if order is not None else ()
    )
    codes, uniques = customer_codes(df[customer])
    if order is not None:
        missing = df[order].isna().to_numpy()
        if missing.any():
            label = df.index[int(np.flatnonzero(missing)[0])]
            raise InvalidParameterError(
                f"column {order!r} (order=) is empty in {int(missing.sum())} rows (e.g. row "
                f"{label!r}); fill the order ids, drop those rows, or leave order=None to count "
                "distinct purchase times instead."
            )
        what = pd.factorize(df[order])[0]
    else:
        what = np.asarray(df[time].array.asi8)
    pairs = pd.DataFrame({"c": codes, "o": what}).drop_duplicates()
    n_orders = np.bincount(pairs["c"].to_numpy(), minlength=len(uniques))
    repeat = n_orders >= 2
    if freq is None:
        n = len(uniques)
        k = int(repeat.sum())
        return pd.DataFrame({"customers": [n], "repeat_customers": [k], "rate": [k / n]})
    first = df[time].groupby(codes, sort=True).min()
    per = pd.DataFrame(
        {"cohort": period_start(first, freq).to_numpy(), "repeat": repeat[first.index.to_numpy()]}
    )
    out = per.groupby("cohort", sort=True).agg(
        customers=("repeat", "size"), repeat_customers=("repeat", "sum")
    )
    out = out.reset_index()
    out["repeat_customers"] = out["repeat_customers"].astype("int64")
    out["customers"] = out["customers"].astype("int64")
    out["rate"] = out["repeat_customers"] / out["customers"]
    return out
