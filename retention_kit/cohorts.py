"""Acquisition cohorts: group customers by when (or how) they were acquired, follow them by age.

A customer's **cohort** is the period (``freq``) of their first event, or with ``by="column"``
the value of that column on their first event. Their **age** at an event is the number of whole
periods between their own first period and the event's period (0, 1, 2, ...). For each cohort
and age::

    customers = distinct customers of the cohort with an event at that age
    rate      = customers / cohort_size          (age 0: 1.0)

``rate_low``/``rate_high`` are the Wilson 95 % interval of ``rate``: a small cohort's rate is
uncertain (see :mod:`retention_kit.stats`). Everything is vectorised (integer period ordinals,
one factorisation of the customer ids, bincount), so 10 million rows take about a second.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .core.columns import require_columns
from .core.engines import run_on_engine, wants_engine
from .core.ids import NO_VALUE_LABEL, by_codes, customer_codes, first_rows
from .core.periods import (
    end_of_observation,
    first_open_ordinal,
    normalize_freq,
    ordinal_to_start,
    period_index,
)
from .core.tables import cohort_open_age, cohort_table_from_arrays
from .errors import (
    InvalidParameterError,
)
from .loading import prepare_transactions
from .stats import two_proportion_test

__all__ = [
    "cohort_table",
    "cohort_matrix",
    "cohort_sizes",
    "compare_cohorts",
    "pooled_rate",
    "NO_VALUE_LABEL",
]

#: cohort label of customers whose ``by`` value is missing on their first event

# dedupe (customer, period) pairs with a dense bitmap when it has at most this many cells (or
# 4 per row); above, hash them with pd.unique. -1 = never use the bitmap (tests).
_BITMAP_MIN_CELLS = 1 << 26

_AMOUNT_VALUES = ("revenue", "revenue_per_customer", "cumulative_revenue_per_customer")


def _dedupe_pairs(codes: np.ndarray, rel: np.ndarray, ncust: int, nper: int) -> np.ndarray:
    """Sorted-or-not unique keys ``customer * nper + period`` of the (customer, period) pairs."""
    cells = ncust * nper
    key = codes.astype("int64")
    key *= nper
    key += rel
    if _BITMAP_MIN_CELLS >= 0 and cells <= max(_BITMAP_MIN_CELLS, 4 * len(codes)):
        flags = np.zeros(cells, dtype=bool)
        flags[key] = True
        del key
        return np.flatnonzero(flags)
    return pd.unique(key)


def _core(
    data: Any,
    customer: str,
    time: str,
    freq: str,
    by: str | None,
    amount: str | None,
    observed_until: Any = None,
) -> pd.DataFrame:
    pfreq = normalize_freq(freq)  # unknown freq -> InvalidParameterError before any work
    extra = (by,) if by is not None and by not in (customer, time, amount) else ()
    df = prepare_transactions(data, customer=customer, time=time, amount=amount, extra=extra)
    times = df[time]
    tz = getattr(times.dt, "tz", None)
    unit = getattr(times.dt, "unit", "ns")

    # period ordinal relative to the first period of the data: small ints, int32 saves memory
    rel = period_index(times, freq)
    if (
        not rel.flags.writeable
        or rel.dtype != np.int64
        or np.may_share_memory(rel, times.array.asi8)  # never write into the user's data
    ):
        rel = np.array(rel, dtype="int64")
    pmin = int(rel.min())
    until = end_of_observation(times.max(), observed_until, tz)
    rel -= pmin
    nper = int(rel.max()) + 1
    rel = rel.astype("int32")
    # ufunc.at is fast only when target and values share a dtype: keep everything int32
    codes, ids = customer_codes(df[customer], dense=False, dtype="int32")
    ncust = len(ids)
    first = np.full(ncust, nper, dtype="int32")
    np.minimum.at(first, codes, rel)
    present = first < nper
    if not present.all():  # integer ids with gaps: renumber the customers seen, 0..k-1
        codes = (np.cumsum(present, dtype="int64") - 1).astype("int32")[codes]
        first = first[present]
        ncust = len(first)

    if by is None:
        cust_cohort = first
        ncoh = nper
        labels = None
    else:
        # the row of each customer's first event: earliest time, then first in row order
        t = times.array.asi8 if tz is None else times.dt.tz_convert("UTC").array.asi8
        first_row = first_rows(codes, t, ncust)
        del t
        by_code, labels = by_codes(df[by])
        cust_cohort = by_code[first_row].astype("int32")
        ncoh = len(labels)

    sizes = np.bincount(cust_cohort, minlength=ncoh)
    # oldest first period of each cohort -> its last observable age
    cohort_first = np.full(ncoh, nper, dtype="int32")
    np.minimum.at(cohort_first, cust_cohort, first)
    max_age = (nper - 1) - cohort_first
    # latest first period of each cohort -> its first age not over for every customer
    if by is None:
        cohort_last = np.arange(ncoh, dtype="int64")
    else:
        cohort_last = np.full(ncoh, -1, dtype="int64")
        np.maximum.at(cohort_last, cust_cohort, first.astype("int64"))
    open_age = cohort_open_age(cohort_last, first_open_ordinal(until, pfreq) - pmin)

    keys = _dedupe_pairs(codes, rel, ncust, nper)
    ucust = keys // nper
    uage = keys - ucust * nper - first[ucust]
    counts = np.bincount(cust_cohort[ucust].astype("int64") * nper + uage, minlength=ncoh * nper)
    counts = counts.reshape(ncoh, nper)
    del keys, ucust, uage

    if amount is not None:
        amounts = df[amount].to_numpy(dtype="float64")  # checked by prepare_transactions
        # cell (cohort, age) of each row = offset of its customer + its relative period
        row_cell = (cust_cohort.astype("int64") * nper - first)[codes]
        row_cell += rel
        revenue = np.bincount(row_cell, weights=amounts, minlength=ncoh * nper)
        revenue = revenue.reshape(ncoh, nper)
        del row_cell, amounts

    if labels is None:
        labels = ordinal_to_start(pmin + np.arange(ncoh), freq, tz=tz, unit=unit)
    return cohort_table_from_arrays(
        labels, counts, sizes, max_age, revenue if amount is not None else None, open_age=open_age
    )


def cohort_table(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    freq: str = "M",
    by: str | None = None,
    amount: str | None = None,
    observed_until: Any = None,
    backend: Any = None,
) -> pd.DataFrame:
    """Retention of each acquisition cohort by age, as a long tidy table.

    ``rate = customers / cohort_size``, where ``customers`` = distinct customers of the cohort
    with at least one event ``age`` periods after their own first period.

    Parameters: ``customer``/``time`` name the id and timestamp columns; ``freq`` is the period
    ("D", "W", "M", "Q", "Y"); ``by`` names a column (campaign, channel, promotion flag...) whose
    value on the customer's *first* event becomes their cohort instead of the first period
    (ties: earliest time, then row order; a missing value gives the cohort ``"(none)"``); age is
    still counted in ``freq`` periods from the customer's own first event. ``amount`` adds
    revenue columns. ``observed_until`` is when observation of the log ends (default: its last
    event; pass the instant the export was taken, e.g. ``"2012-01-01"`` for a log complete up
    to midnight; a date before the last event raises :class:`InvalidParameterError`).

    Returns one row per cohort and age, every age from 0 to the last age the data can show for
    that cohort (0 customers where nobody came back, ages past the data's last period absent):
    ``cohort`` (period start Timestamp, or the ``by`` value), ``age``, ``customers``,
    ``cohort_size``, ``rate``, ``rate_low``, ``rate_high`` (Wilson 95 %); with ``amount`` also
    ``revenue``, ``revenue_per_customer`` (revenue / cohort_size) and
    ``cumulative_revenue_per_customer`` (the cohort's LTV curve); last ``complete``: True when
    the cell's calendar period (cohort period + age) ended by ``observed_until``, i.e. the next
    period's first instant is ``<= observed_until``. An incomplete cell is understated (the log
    ends inside its period): :func:`cohort_matrix` hides it and :func:`pooled_rate` leaves it
    out. For ``by`` cohorts a cell is complete when the age-``age`` period of *every* customer
    of the cohort has ended.

    With ``by``, a cohort mixes customers acquired in different periods: at a late age only
    the early joiners can be seen, but ``cohort_size`` still counts everyone, so late-age rates
    of ``by`` cohorts are understated. Compare ``by`` cohorts at small ages, or filter the data
    to customers acquired early enough.

    >>> df = pd.DataFrame({"id": [1, 2, 1, 3],
    ...     "t": pd.to_datetime(["2024-01-05", "2024-01-20", "2024-02-03", "2024-02-10"])})
    >>> t = cohort_table(df, customer="id", time="t")
    >>> t[["age", "customers", "cohort_size", "rate", "complete"]]
       age  customers  cohort_size  rate  complete
    0    0          2            2   1.0      True
    1    1          1            2   0.5     False
    2    0          1            1   1.0     False

    The log ends on 10 February, so February is not over; observed until 1 March it is:

    >>> cohort_table(df, customer="id", time="t", observed_until="2024-03-01")["complete"].all()
    np.True_
    """
    if wants_engine(data, backend):
        return run_on_engine(
            "cohort_table",
            data,
            backend,
            customer=customer,
            time=time,
            freq=freq,
            by=by,
            amount=amount,
            observed_until=observed_until,
        )
    return _core(data, customer, time, freq, by, amount, observed_until)


def cohort_matrix(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    freq: str = "M",
    by: str | None = None,
    values: str = "customers",
    amount: str | None = None,
    observed_until: Any = None,
    include_incomplete: bool = False,
    backend: Any = None,
) -> pd.DataFrame:
    """The classic cohort triangle: one row per cohort, one column per age (0, 1, 2, ...).

    ``values`` is any value column of :func:`cohort_table` ("customers", "rate", "rate_low",
    "rate_high", "cohort_size", "revenue", "revenue_per_customer",
    "cumulative_revenue_per_customer"; the revenue ones need ``amount``). Cells the data
    cannot show yet (ages past its last period) are NaN; column 0 of "rate" is 1.0.

    Cells whose period has not ended by ``observed_until`` (default: the last event; see
    :func:`cohort_table`'s ``complete``) are NaN too, because their numbers are understated:
    the log ends inside their period. ``include_incomplete=True`` shows them (mark them when
    you present them).

    >>> df = pd.DataFrame({"id": [1, 2, 1, 3],
    ...     "t": pd.to_datetime(["2024-01-05", "2024-01-20", "2024-02-03", "2024-02-10"])})
    >>> cohort_matrix(df, customer="id", time="t", values="rate").to_numpy().tolist()
    [[1.0, nan], [nan, nan]]
    >>> cohort_matrix(df, customer="id", time="t", values="rate",
    ...               include_incomplete=True).to_numpy().tolist()
    [[1.0, 0.5], [1.0, nan]]
    >>> cohort_matrix(df, customer="id", time="t", values="rate",
    ...               observed_until="2024-03-01").to_numpy().tolist()
    [[1.0, 0.5], [1.0, nan]]
    """
    allowed = ["customers", "cohort_size", "rate", "rate_low", "rate_high", *_AMOUNT_VALUES]
    if not isinstance(values, str) or values not in allowed:
        raise InvalidParameterError(
            f"values={values!r} is not a cohort_table column; use one of {allowed}."
        )
    if values in _AMOUNT_VALUES and amount is None:
        raise InvalidParameterError(
            f"values={values!r} needs the money column: pass amount='YourAmountColumn'."
        )
    if not isinstance(include_incomplete, (bool, np.bool_)):
        raise InvalidParameterError(
            f"include_incomplete={include_incomplete!r}: pass True (show the cells whose period "
            "is not over) or False (leave them empty, the default)."
        )
    table = cohort_table(
        data,
        customer=customer,
        time=time,
        freq=freq,
        by=by,
        amount=amount,
        observed_until=observed_until,
        backend=backend,
    )
    shown = table[values].astype("float64")
    if not include_incomplete:
        shown = shown.where(table["complete"].to_numpy(dtype=bool))
    wide = table.assign(**{values: shown}).pivot(index="cohort", columns="age", values=values)
    wide.columns.name = "age"
    wide.index.name = "cohort"
    return wide


def cohort_sizes(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    freq: str = "M",
    by: str | None = None,
    backend: Any = None,
) -> pd.DataFrame:
    """Number of customers acquired in each cohort: columns ``cohort``, ``cohort_size``.

    >>> df = pd.DataFrame({"id": [1, 2, 1, 3],
    ...     "t": pd.to_datetime(["2024-01-05", "2024-01-20", "2024-02-03", "2024-02-10"])})
    >>> cohort_sizes(df, customer="id", time="t")["cohort_size"].tolist()
    [2, 1]
    """
    table = cohort_table(data, customer=customer, time=time, freq=freq, by=by, backend=backend)
    at0 = table.loc[table["age"] == 0, ["cohort", "cohort_size"]]
    return at0.reset_index(drop=True)


def pooled_rate(table: pd.DataFrame, *, age: int = 1) -> tuple[float, int, int]:
    """Retention at ``age`` of all cohorts that reached it, pooled.

    ``rate = sum(customers) / sum(cohort_size)`` over the complete rows of ``table`` at ``age``:
    each customer counts once, so big cohorts weigh more than in a mean of the cohorts' rates.
    Rows with ``complete`` False (their period is not over, so their count is understated) are
    left out; a table without a ``complete`` column is taken as complete.

    Parameters
    ----------
    table : pandas.DataFrame
        A :func:`cohort_table` result (columns ``age``, ``customers``, ``cohort_size``).
    age : int, default 1
        The age (in periods) to pool.

    Returns
    -------
    tuple of (float, int, int)
        ``(rate, customers, cohort_size)``; rate is NaN when no cohort reached ``age`` (with
        its period over).

    Raises
    ------
    MissingColumnError
        When ``table`` lacks one of the columns.

    Examples
    --------
    >>> t = pd.DataFrame({"age": [0, 1, 0, 1], "customers": [10, 4, 30, 6],
    ...                   "cohort_size": [10, 10, 30, 30]})
    >>> pooled_rate(t, age=1)
    (0.25, 10, 40)
    """
    require_columns(
        table,
        ("age", "customers", "cohort_size"),
        needed_by="pooled_rate",
        fix="Pass the result of rk.cohort_table(...).",
    )
    _check_age(age)
    keep = (table["age"] == age).to_numpy(dtype=bool)
    if "complete" in table.columns:
        keep = keep & table["complete"].to_numpy(dtype=bool)
    at = table[keep]
    size = int(at["cohort_size"].sum())
    customers = int(at["customers"].sum())
    return (customers / size if size else float("nan")), customers, size


def _check_age(age: Any) -> None:
    if isinstance(age, bool) or not isinstance(age, (int, np.integer)) or age < 0:
        raise InvalidParameterError(f"age must be a whole number of periods >= 0, got {age!r}.")


def _match_cohort(column: pd.Series, value: Any, name: str) -> Any:
    given = value
    if not pd.api.types.is_scalar(value):
        raise InvalidParameterError(
            f"{name}={value!r}: give one cohort (a period start like '2024-01-01', or a `by` "
            "value), not a list."
        )
    if pd.api.types.is_datetime64_any_dtype(column) and not isinstance(value, pd.Timestamp):
        try:
            value = pd.Timestamp(value)
        except (TypeError, ValueError):
            value = None
    if isinstance(value, pd.Timestamp) and pd.api.types.is_datetime64_any_dtype(column):
        tz = column.dt.tz
        if tz is not None and value.tz is None:
            value = value.tz_localize(tz)
    mask = (column == value).to_numpy(dtype=bool, na_value=False)
    if not mask.any():
        shown = column.drop_duplicates().head(8).astype(str).tolist()
        raise InvalidParameterError(
            f"{name}={given!r} is not a cohort of this table; its cohorts include {shown}. "
            "Pass one of them (a period start like '2024-01-01', or a `by` value)."
        )
    return mask


def compare_cohorts(table: pd.DataFrame, *, a: Any, b: Any, age: int = 1) -> pd.DataFrame:
    """Is cohort ``a``'s retention at ``age`` different from cohort ``b``'s? (two-proportion test)

    ``table`` is a :func:`cohort_table` result; ``a`` and ``b`` are two of its ``cohort`` values
    (a period start such as "2024-01-01", or a ``by`` value). Returns one row: ``cohort_a``,
    ``cohort_b``, ``age``, ``customers_a``, ``cohort_size_a``, ``customers_b``,
    ``cohort_size_b`` and the columns of :func:`~retention_kit.stats.two_proportion_test`
    (``rate_a``, ``rate_b``, ``difference`` = a - b, ``z``, ``p_value``, ``diff_low``,
    ``diff_high``, ``significant``).

    >>> t = pd.DataFrame({"cohort": ["x", "x", "y", "y"], "age": [0, 1, 0, 1],
    ...     "customers": [100, 30, 100, 20], "cohort_size": [100, 100, 100, 100]})
    >>> round(float(compare_cohorts(t, a="x", b="y", age=1)["p_value"].iloc[0]), 4)
    0.1025
    """
    if not isinstance(table, pd.DataFrame):
        raise InvalidParameterError(
            "table must be the DataFrame returned by rk.cohort_table(...), got "
            f"{type(table).__name__}."
        )
    require_columns(
        table,
        ("cohort", "age", "customers", "cohort_size"),
        needed_by="compare_cohorts",
        fix="Pass the result of rk.cohort_table(...).",
    )
    _check_age(age)
    rows = []
    for name, value in (("a", a), ("b", b)):
        mask = _match_cohort(table["cohort"], value, name)
        sel = table.loc[mask & (table["age"] == age).to_numpy()]
        if sel.empty:
            observed = int(table.loc[mask, "age"].max())
            raise InvalidParameterError(
                f"cohort {name}={value!r} has no row at age={age}: the data only shows it up to "
                f"age {observed}. Choose age <= {observed}."
            )
        rows.append(sel.iloc[0])
    ra, rb = rows
    test = two_proportion_test(
        int(ra["customers"]), int(ra["cohort_size"]), int(rb["customers"]), int(rb["cohort_size"])
    )
    head = pd.DataFrame(
        {
            "cohort_a": [ra["cohort"]],
            "cohort_b": [rb["cohort"]],
            "age": [int(age)],
            "customers_a": [int(ra["customers"])],
            "cohort_size_a": [int(ra["cohort_size"])],
            "customers_b": [int(rb["customers"])],
            "cohort_size_b": [int(rb["cohort_size"])],
        }
    )
    return pd.concat([head, test.reset_index(drop=True)], axis=1)
