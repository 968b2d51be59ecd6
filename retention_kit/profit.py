"""The kit's simple retention -> profit model (a teaching model, not a forecast).

The sources quote claims such as "+5 % retention can raise profit by 25-95 %" (article 001
credits Harvard Business Review, article 004 Harvard Business School). This module does not
reproduce that figure: it is a small,
transparent model whose assumptions you can read in one line each, so students can see how much
a few points of monthly retention change customers kept and cumulative profit **under these
assumptions**:

- **geometric survival**: every month each customer stays with the same probability ``r``
  (the monthly retention), independently of how long they have been a customer;
- **constant profit** per customer and month (``p``), the same for old and new customers;
- optional **constant inflow** of ``n`` new customers at the start of every month after the
  first;
- **no discounting** (a unit of money next year counts as much as one today), no acquisition
  cost, no price changes, expected (not rounded) numbers of customers.

With ``S`` customers in month 1::

    customers_1 = S
    customers_m = r * customers_(m-1) + n                  (m = 2, 3, ...)
                = S * r^(m-1) + n * (1 + r + ... + r^(m-2))
    retained_m  = r * customers_(m-1)     (retained_1 = S)    new_m = n    (new_1 = 0)
    profit_m    = p * customers_m
    cumulative_profit_m = profit_1 + ... + profit_m
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._error_texts import message, num
from .core.counts import as_amounts, as_array
from .errors import InvalidCountError, InvalidParameterError
from .i18n import format_number

__all__ = ["retention_projection", "retention_uplift"]


def _scalar(name: str, value: Any) -> float:
    arr = as_array(name, value)
    if arr.ndim != 0 and arr.size != 1:
        raise InvalidParameterError(
            message(
                "{name} must be a single number, got {size} values; call the function once per "
                "scenario.",
                name=name,
                size=arr.size,
            )
        )
    return float(arr.reshape(-1)[0])


def _rate(name: str, value: Any) -> float:
    r = _scalar(name, value)
    if not 0 <= r <= 1:
        raise InvalidCountError(
            message(
                "{name}={value} must be a fraction between 0 and 1 (0.9 for 90 % of customers "
                "kept each month).",
                name=name,
                value=num(r),
            )
        )
    return r


MAX_MONTHS = 1200  # 100 years: a longer projection only allocates memory


def _months(months: Any) -> int:
    m = _scalar("months", months)
    if not np.isfinite(m) or m < 1 or m != round(m) or m > MAX_MONTHS:
        raise InvalidParameterError(
            message(
                "months={months} must be a whole number of months from 1 to {most} (100 years), "
                "e.g. months=12; the model assumes the same retention every month, which says "
                "little beyond a few years anyway.",
                months=num(m),
                most=format_number(MAX_MONTHS),
            )
        )
    return int(m)


def retention_projection(
    start_customers: float,
    monthly_retention: float,
    months: int,
    monthly_profit_per_customer: float,
    new_per_month: float = 0,
) -> pd.DataFrame:
    """Customers and profit month by month under the kit's simple model (see the module docs).

    ``customers_m = S * r^(m-1) + n * (1 + r + ... + r^(m-2))``, ``profit_m = p * customers_m``:
    geometric survival with monthly retention ``r``, a constant profit ``p`` per customer and
    month, ``n`` new customers a month from month 2 on, no discounting.

    Parameters: ``start_customers`` (S, customers in month 1), ``monthly_retention`` (r, a
    fraction), ``months`` (rows to project, from 1), ``monthly_profit_per_customer`` (p, money
    per customer and month; may be negative), ``new_per_month`` (n, default 0).

    Returns a tidy DataFrame, one row per month: ``month`` (1, 2, ...), ``customers`` (active
    in the month; expected values, not rounded), ``retained`` (of last month's customers, still
    here), ``new``, ``profit`` (that month) and ``cumulative_profit``.

    >>> t = retention_projection(100, 0.9, 3, monthly_profit_per_customer=10)
    >>> t["customers"].round(6).tolist()
    [100.0, 90.0, 81.0]
    >>> t["cumulative_profit"].round(6).tolist()
    [1000.0, 1900.0, 2710.0]
    """
    start = as_amounts("start_customers", start_customers)
    s = _scalar("start_customers", start)
    r = _rate("monthly_retention", monthly_retention)
    m = _months(months)
    p = _scalar("monthly_profit_per_customer", monthly_profit_per_customer)
    if not np.isfinite(p):
        raise InvalidCountError(
            message("monthly_profit_per_customer must be finite, got {value}.", value=num(p))
        )
    n = _scalar("new_per_month", as_amounts("new_per_month", new_per_month))

    power = r ** np.arange(m, dtype="float64")  # r^(m-1) for month m
    inflow = np.concatenate([[0.0], np.cumsum(power)[:-1]])  # 1 + r + ... + r^(m-2)
    customers = s * power + n * inflow
    new = np.where(np.arange(m) == 0, 0.0, n)
    profit = p * customers
    return pd.DataFrame(
        {
            "month": np.arange(1, m + 1),
            "customers": customers,
            "retained": customers - new,
            "new": new,
            "profit": profit,
            "cumulative_profit": np.cumsum(profit),
        }
    )


def retention_uplift(
    base_retention: float,
    uplift: float,
    start_customers: float,
    months: int,
    monthly_profit_per_customer: float,
    new_per_month: float = 0,
) -> pd.DataFrame:
    """Two scenarios of :func:`retention_projection`: monthly retention ``r`` and ``r + uplift``.

    ``uplift`` is in **points** of retention as a fraction: ``0.05`` turns 0.80 into 0.85.
    Everything else (customers, profit per customer, new customers) is the same in both.

    ``difference = improved cumulative profit - base cumulative profit`` and
    ``ratio = improved / base`` (NaN where the base is 0), per month.

    Returns a tidy DataFrame, one row per month: ``month``, ``customers_base``,
    ``customers_improved``, ``cumulative_profit_base``, ``cumulative_profit_improved``,
    ``difference``, ``ratio``.

    >>> t = retention_uplift(0.8, 0.1, start_customers=100, months=2,
    ...                      monthly_profit_per_customer=1)
    >>> t[["customers_base", "customers_improved"]].iloc[-1].round(6).tolist()
    [80.0, 90.0]
    >>> round(float(t["difference"].iloc[-1]), 6), round(float(t["ratio"].iloc[-1]), 6)
    (10.0, 1.055556)
    """
    r = _rate("base_retention", base_retention)
    u = _scalar("uplift", uplift)
    if r + u > 1 + 1e-12 or r + u < 0:
        raise InvalidParameterError(
            message(
                "base_retention + uplift = {base} + {uplift} = {total} is outside 0-1; the uplift "
                "is in points as a fraction (0.05 turns 0.80 into 0.85).",
                base=num(r),
                uplift=num(u),
                total=num(r + u),
            )
        )
    common = {
        "start_customers": start_customers,
        "months": months,
        "monthly_profit_per_customer": monthly_profit_per_customer,
        "new_per_month": new_per_month,
    }
    base = retention_projection(monthly_retention=r, **common)
    improved = retention_projection(monthly_retention=min(max(r + u, 0.0), 1.0), **common)
    base_cum = base["cumulative_profit"].to_numpy()
    improved_cum = improved["cumulative_profit"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(base_cum != 0, improved_cum / np.where(base_cum != 0, base_cum, 1), np.nan)
    return pd.DataFrame(
        {
            "month": base["month"],
            "customers_base": base["customers"],
            "customers_improved": improved["customers"],
            "cumulative_profit_base": base_cum,
            "cumulative_profit_improved": improved_cum,
            "difference": improved_cum - base_cum,
            "ratio": ratio,
        }
    )
