"""Every retention definition from one log: the switches that make dashboards disagree.

Analytics products define "retention at age k" differently, and two dashboards on the same
data can show different numbers without either being wrong. Four switches make the difference:

``cohorts``
    ``"first-time"``: a customer belongs to the cohort of their first period only (Mixpanel
    calls it *birth*). ``"recurring"``: every period a customer is active in starts a cohort
    they belong to (Mixpanel's *compounded*; PostHog's "recurring" criteria).
``returned``
    ``"on"``: active in the period exactly k periods later. ``"on or after"``: active in that
    period or any later one (Amplitude's "Return On (or After)"); it can only fall with k.
``reference``
    ``"period 0"``: the share of the cohort. ``"previous period"``: the share of those who were
    there at age k - 1 (PostHog offers both); it is the period-to-period survival.
``mean``
    How cohorts are averaged into one curve: ``"weighted"`` (pooled: all customers who came
    back over all cohort members, so big cohorts count more) or ``"simple"`` (the plain mean of
    the cohort rates, every cohort counting once).

:func:`retention_definitions` computes all sixteen combinations side by side. Only cells whose
period has ended (is complete) enter the averages: a period the log ends inside would pull
every curve down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import _flow
from ._error_texts import message
from .core.engines import run_on_engine, wants_engine
from .core.flow import SWITCHES, definitions_from_cells
from .errors import InvalidParameterError

__all__ = ["retention_definitions", "SWITCHES"]


def _cells(
    pairs: _flow.Pairs, last: np.ndarray, recurring: bool, n: int, n_ages: int
) -> dict[str, np.ndarray]:
    """(cohort x age) member counts for the four returned/reference combinations.

    ``on[c, k]``: members of cohort c active at c + k; ``on_prev[c, k]``: active at both
    c + k - 1 and c + k; ``reach[c, r]``: last active at c + r; ``size[c]`` (the input of
    :func:`retention_kit.core.flow.definitions_from_cells`).
    """
    keys = pairs.customer * n + pairs.period
    if recurring:
        member_cohort, member_key, member_cust = pairs.period, keys, pairs.customer
    else:
        starts = pairs.period == pairs.first
        member_cohort = pairs.period[starts]
        member_key = keys[starts]
        member_cust = pairs.customer[starts]
    size = np.bincount(member_cohort, minlength=n)
    on = np.zeros((n, n), dtype="int64")
    on_prev = np.zeros((n, n), dtype="int64")
    present_before = np.ones(len(member_key), dtype=bool)
    for k in range(n_ages):  # columns past the largest age asked for stay 0
        target = member_key + k
        pos = np.searchsorted(keys, target)
        hit = (pos < len(keys)) & (keys[np.minimum(pos, len(keys) - 1)] == target)
        hit &= member_cohort + k < n  # key + k must stay inside the customer's own row
        on[:, k] = np.bincount(member_cohort[hit], minlength=n)
        on_prev[:, k] = np.bincount(member_cohort[hit & present_before], minlength=n)
        present_before = hit
    # reach[c, r]: members whose last active period is c + r ("on or after" counts from it)
    reach = np.zeros((n, n + 1), dtype="int64")
    np.add.at(reach, (member_cohort, last[member_cust] - member_cohort), 1)
    return {"on": on, "on_prev": on_prev, "reach": reach, "size": size}


def retention_definitions(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    freq: str = "M",
    max_age: int | None = None,
    observed_until: Any = None,
    backend: Any = None,
) -> pd.DataFrame:
    """Retention at each age under all sixteen common definitions, side by side.

    For a cohort c and age k (``members`` = the cohort, ``back_k`` = those who returned by the
    chosen rule)::

        reference "period 0":        rate = back_k / members
        reference "previous period": rate = back_k / back_(k-1)

    averaged over cohorts ``"weighted"`` (Σ numerators / Σ denominators) or ``"simple"``
    (mean of the cohort rates). See the module docstring for the four switches.

    Parameters
    ----------
    data : DataFrame, or path to a CSV / Parquet / Excel file
        The event or transaction log.
    customer, time : str
        Names of the customer id and timestamp columns.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        The period (the unit of age).
    max_age : int, optional
        Largest age to compute (default: every age the data has).
    observed_until : date-like, optional
        When observation ends (default: the last event); cells in a period that has not
        ended by then are left out of every average.
    backend : {None, "pandas", "duckdb", "spark"}, Ibis connection, optional
        Run on an engine (see :mod:`retention_kit.backends`): the engine reduces the log to
        per-period sums and the same final step as pandas finishes them, so the table is the
        same. ``data`` may also be an Ibis table.

    Returns
    -------
    DataFrame
        One row per age and combination: ``age``, ``cohorts``, ``returned``, ``reference``,
        ``mean``, ``rate`` (NaN where no complete cell exists), ``cohorts_used`` (how many
        cohorts the average is over).

    Raises
    ------
    MissingColumnError, InvalidDateError, InvalidParameterError
        For a missing column, unreadable dates, an unknown ``freq`` or a bad ``max_age``.

    Examples
    --------
    >>> log = pd.DataFrame({"c": ["a", "b", "a", "a"],
    ...     "t": pd.to_datetime(["2024-01-05", "2024-01-09", "2024-03-02", "2024-04-01"])})
    >>> t = retention_definitions(log, customer="c", time="t", observed_until="2024-05-01")
    >>> pick = (t.cohorts == "first-time") & (t.reference == "period 0") & (t["mean"] == "weighted")
    >>> t[pick].pivot(index="age", columns="returned", values="rate").loc[1].tolist()
    [0.0, 0.5]
    """
    if max_age is not None and (
        isinstance(max_age, bool) or not isinstance(max_age, (int, np.integer)) or max_age < 0
    ):
        raise InvalidParameterError(
            message(
                "max_age={max_age!r}: give a whole number of periods >= 0, e.g. max_age=12.",
                max_age=max_age,
            )
        )
    if wants_engine(data, backend):
        return run_on_engine(
            "retention_definitions",
            data,
            backend,
            customer=customer,
            time=time,
            freq=freq,
            max_age=max_age,
            observed_until=observed_until,
        )
    log = _flow.prepare(data, customer=customer, time=time, freq=freq)
    until = _flow.observed_until(log, observed_until)
    complete = _flow.complete(log.bounds, until)
    pairs = _flow.pairs(log)
    n = log.n_periods
    last = np.zeros(log.n_customers, dtype="int64")
    np.maximum.at(last, pairs.customer, pairs.period)
    ages = np.arange(n if max_age is None else min(n, max_age + 1))
    cells = {
        kind: _cells(pairs, last, kind == "recurring", n, len(ages)) for kind in SWITCHES["cohorts"]
    }
    return definitions_from_cells(cells, ages, complete)
