"""The core analyses on an Ibis table (internal; called through ``backend=``).

Each function mirrors its pandas reference: same arguments, same result columns. The engine
does the heavy reduction (see :mod:`.queries`); the small aggregate is finished by the same
final step the reference uses (:mod:`retention_kit.core.tables`), so both paths give identical
tables. Each function is registered by name in :data:`retention_kit.core.engines.REGISTRY`.

Timestamps on the engine are taken as wall-clock (naive) times; a tz-aware pandas column is
converted to its own zone's wall-clock time before it is handed over (and the period labels are
localised back), which is what the pandas reference does too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..core.columns import require_columns
from ..core.flow import (
    MOVEMENTS,
    definitions_from_cells,
    export_date,
    lifecycle_from_counts,
    revenue_table,
)
from ..core.ids import NO_VALUE_LABEL, by_codes
from ..core.periods import (
    as_timestamp,
    boundaries,
    check_active_days,
    end_of_observation,
    first_open_ordinal,
    normalize_freq,
    ordinal_to_start,
    period_range,
    periods_complete,
    wall_ordinal,
)
from ..core.tables import (
    cohort_table_from_aggregates,
    day_n_table_from_counts,
    period_table_from_counts,
    rfm_table_from_values,
)
from ..errors import InvalidParameterError
from . import queries


def _columns(t: Any, *names: str | None) -> None:
    require_columns(pd.DataFrame(columns=list(t.columns)), [n for n in names if n])


def _observed_until(last_event: Any, observed_until: Any, tz: Any) -> pd.Timestamp:
    """The end of observation from the engine's last event (wall-clock time of zone ``tz``),
    as the pandas reference finds it: a Timestamp in ``tz`` (naive when ``tz`` is None)."""
    last = pd.Timestamp(last_event)
    last = last.tz_localize(None) if last.tzinfo is not None else last
    if tz is not None:
        last = last.tz_localize(tz, ambiguous=True, nonexistent="shift_forward")
    return end_of_observation(last, observed_until, tz)


def cohort_table(
    t: Any,
    *,
    customer: str,
    time: str,
    freq: str = "M",
    by: str | None = None,
    amount: str | None = None,
    observed_until: Any = None,
    tz: Any = None,
) -> pd.DataFrame:
    pfreq = normalize_freq(freq)
    _columns(t, customer, time, by, amount)
    agg, last, cohort_first, cohort_last, last_event = queries.cohort_aggregates(
        t, customer, time, pfreq, by, amount
    )
    until = _observed_until(last_event, observed_until, tz)
    if by is not None:
        # missing values stay missing here: the final step labels them "(none)" and puts that
        # cohort last, as on pandas (filled in first, "(none)" sorted before the letters)
        agg["cohort"] = agg["cohort"].astype(object)
        for per_cohort in (cohort_first, cohort_last):
            per_cohort.index = pd.Index(per_cohort.index.astype(object)).fillna(NO_VALUE_LABEL)
    return cohort_table_from_aggregates(
        agg,
        last,
        freq,
        cohort_first=cohort_first if by is not None else None,
        tz=tz,
        first_open=first_open_ordinal(until, pfreq),
        cohort_last=cohort_last if by is not None else None,
    )


def day_n_retention(
    t: Any,
    *,
    customer: str,
    time: str,
    days: Iterable[int],
    method: str,
    by: str | None = None,
    observed_until: Any = None,
    tz: Any = None,
) -> pd.DataFrame:
    # tz: the zone the wall-clock times were taken in; day numbers need no label zone
    import ibis

    _columns(t, customer, time, by)
    day_list = list(days)
    ev = t.select(_u=t[customer], _x=t[time], **({"_g": t[by]} if by else {}))
    t_end = ev.aggregate(m=ev._x.max()).execute()["m"].iloc[0]
    firsts = ev.group_by("_u").aggregate(
        _t0=ev._x.min(), **({"_g": ev._g.argmin(ev._x)} if by else {})
    )
    j = ev.select("_u", "_x").join(firsts, "_u")
    one = ibis.interval(days=1)
    flags = {}
    for n in day_list:
        if method == "rolling":
            hit = (j._x >= j._t0 + n * one) & (j._x < j._t0 + (n + 1) * one)
        elif method == "calendar":
            hit = j._x.date() == (j._t0.date() + n * one)
        else:  # unbounded
            hit = j._x >= j._t0 + n * one
        flags[f"_r{n}"] = hit.any()
    per_user = j.group_by(["_u", "_t0", *(["_g"] if by else [])]).aggregate(**flags)
    until = _observed_until(t_end, observed_until, tz)
    until = until.tz_localize(None) if until.tzinfo is not None else until  # wall clock of tz
    end = ibis.literal(until.to_pydatetime())
    sums = {"_all": per_user._u.count()}
    for n in day_list:
        if method == "calendar":
            ok = (per_user._t0.date() + (n + 1) * one).cast("timestamp") <= end
        else:
            ok = per_user._t0 + (n + 1) * one <= end
        # a CASE WHEN, not a cast of the boolean: PostgreSQL has no boolean-to-bigint cast
        sums[f"_users{n}"] = ibis.ifelse(ok, 1, 0).sum()
        sums[f"_ret{n}"] = ibis.ifelse(ok & per_user[f"_r{n}"], 1, 0).sum()
    grouped = per_user.group_by("_g").aggregate(**sums) if by else per_user.aggregate(**sums)
    res = grouped.execute()
    labels = None
    if by:
        # every value of `by` in the data gets its rows, as in the reference (a value that is
        # nobody's first event gets users = 0)
        _, labels = by_codes(ev.select("_g").distinct().execute()["_g"])
        res["_g"] = res["_g"].astype(object).where(res["_g"].notna(), NO_VALUE_LABEL)
        res = res.set_index("_g").reindex(labels).rename_axis("_g").reset_index()
    users = res[[f"_users{n}" for n in day_list]].fillna(0).to_numpy("int64").reshape(-1)
    retained = res[[f"_ret{n}" for n in day_list]].fillna(0).to_numpy("int64").reshape(-1)
    group_users = res["_all"].fillna(0).to_numpy("int64")
    return day_n_table_from_counts(
        day_list, users, retained, by=by, labels=labels, group_users=group_users
    )


def rfm_table(
    t: Any,
    *,
    customer: str,
    time: str,
    amount: str,
    order: str | None = None,
    as_of: Any = None,
    monetary: str = "total",
    tz: Any = None,
) -> pd.DataFrame:
    import ibis

    if monetary not in ("total", "mean"):
        raise InvalidParameterError(f"monetary={monetary!r}: use 'total' or 'mean'.")
    _columns(t, customer, time, amount, order)
    if as_of is None:
        last = pd.Timestamp(t.aggregate(m=t[time].max()).execute()["m"].iloc[0])
        as_of = last.normalize() + pd.Timedelta(days=1)
    else:
        as_of = as_timestamp(as_of, "as_of", tz)
        as_of = as_of.tz_localize(None) if tz is not None else as_of  # wall-clock, as the data
        t = t.filter(t[time] <= ibis.literal(as_of.to_pydatetime()))
    agg = queries.rfm_aggregates(t, customer, time, amount, order, monetary)
    agg = agg.sort_values(customer, kind="stable").reset_index(drop=True)
    last_times = pd.to_datetime(agg["_last"]).dt.tz_localize(None)
    recency = ((as_of.tz_localize(None) - last_times) // pd.Timedelta(days=1)).to_numpy("int64")
    return rfm_table_from_values(
        customer,
        agg[customer].to_numpy(),
        recency,
        agg["frequency"].to_numpy("int64"),
        agg["monetary"].to_numpy("float64"),
    )


def period_table(
    t: Any,
    *,
    customer: str,
    time: str,
    freq: str = "M",
    active_days: float = 90,
    since: Any = None,
    until: Any = None,
    observed_until: Any = None,
    tz: Any = None,
) -> pd.DataFrame:
    pfreq = normalize_freq(freq)
    days = check_active_days(active_days)
    _columns(t, customer, time)
    span = t.aggregate(lo=t[time].min(), hi=t[time].max()).execute()
    lo, hi = (pd.Timestamp(span[c].iloc[0]).tz_localize(None) for c in ("lo", "hi"))
    ord0, ord1 = period_range(lo, hi, since, until, pfreq, None)
    bounds = boundaries(ord0, ord1, pfreq, None, "us")
    agg = queries.activity_aggregates(t, customer, time, bounds, days, pfreq)
    k = len(bounds) - 1
    active = agg["start"].to_numpy("int64")
    kept = agg["kept"].to_numpy("int64")[:k]
    counts = {
        "active": active,
        "lost": active[:k] - kept,
        "new": active[1:] - kept,
        "first_time": agg["first_time"].to_numpy("int64")[:k],
    }
    return period_table_from_counts(
        counts,
        boundaries(ord0, ord1, pfreq, tz, "us") if tz else bounds,
        until=_observed_until(span["hi"].iloc[0], observed_until, tz),
    )


# --------------------------------------------------------------------------- flow analyses


def _flow_frame(
    t: Any, time: str, freq: str, observed_until: Any, tz: Any
) -> tuple[str, int, int, pd.DatetimeIndex, np.ndarray]:
    """(pandas freq, first and last period ordinals, the n + 1 period bounds, each period's
    ``complete`` flag) of the log on the engine, as :mod:`retention_kit._flow` finds them."""
    pfreq = normalize_freq(freq)
    lo, hi, last = queries.flow_span(t, time, pfreq)
    last = pd.Timestamp(last).tz_localize(None)
    if tz is not None:  # the wall-clock time back in the data's zone
        last = last.tz_localize(tz, ambiguous=True)
    bounds = ordinal_to_start(np.arange(lo, hi + 2), pfreq, tz=tz, unit="us")
    until = end_of_observation(last, observed_until, tz)
    return pfreq, lo, hi, bounds, periods_complete(bounds, until)


def _dense(agg: pd.DataFrame, lo: int, n: int, columns: Iterable[str]) -> dict[str, np.ndarray]:
    """Per-period columns of ``agg`` (one row per period ordinal ``_o`` present) as arrays of
    length ``n``, 0 for a period absent from ``agg``."""
    idx = agg["_o"].to_numpy("int64") - lo
    out = {}
    for c in columns:
        arr = np.zeros(n, dtype="float64")
        arr[idx] = agg[c].fillna(0).to_numpy("float64")
        out[c] = arr
    return out


def revenue_retention(
    t: Any,
    *,
    customer: str,
    time: str,
    amount: str,
    freq: str = "M",
    observed_until: Any = None,
    tz: Any = None,
) -> pd.DataFrame:
    _columns(t, customer, time, amount)
    pfreq, lo, hi, bounds, complete = _flow_frame(t, time, freq, observed_until, tz)
    agg = queries.revenue_aggregates(t, customer, time, amount, pfreq, hi)
    n = hi - lo + 1
    moves = _dense(agg, lo, n, ["end_revenue", *MOVEMENTS[:-1], "churned_next"])
    moves["churned"] = np.concatenate([[0.0], moves.pop("churned_next")[:-1]])
    return revenue_table(moves, bounds, complete)


def lifecycle_table(
    t: Any,
    *,
    customer: str,
    time: str,
    freq: str = "M",
    observed_until: Any = None,
    tz: Any = None,
) -> pd.DataFrame:
    _columns(t, customer, time)
    pfreq, lo, hi, bounds, complete = _flow_frame(t, time, freq, observed_until, tz)
    agg = queries.lifecycle_aggregates(t, customer, time, pfreq, hi)
    n = hi - lo + 1
    counts = _dense(agg, lo, n, ["active", "new", "returning", "resurrecting", "dormant_next"])
    counts["dormant"] = np.concatenate([[0.0], counts.pop("dormant_next")[:-1]])
    return lifecycle_from_counts(counts, bounds, complete)


def retention_definitions(
    t: Any,
    *,
    customer: str,
    time: str,
    freq: str = "M",
    max_age: int | None = None,
    observed_until: Any = None,
    tz: Any = None,
) -> pd.DataFrame:
    _columns(t, customer, time)
    pfreq, lo, hi, bounds, complete = _flow_frame(t, time, freq, observed_until, tz)
    n = hi - lo + 1
    ages = np.arange(n if max_age is None else min(n, max_age + 1))
    returns, reach = queries.definition_aggregates(t, customer, time, pfreq, len(ages) - 1)
    cells = {}
    for kind, rows in (("first-time", [1]), ("recurring", [0, 1])):
        ret = returns[returns["_is_first"].isin(rows)]
        rch = reach[reach["_is_first"].isin(rows)]
        c, k = ret["_o"].to_numpy("int64") - lo, ret["_k"].to_numpy("int64")
        on = np.zeros((n, n), dtype="int64")
        on_prev = np.zeros((n, n), dtype="int64")
        np.add.at(on, (c, k), ret["on"].to_numpy("int64"))
        np.add.at(on_prev, (c, k), ret["on_prev"].to_numpy("int64"))
        on_prev[:, 0] = on[:, 0]  # at age 0 there is no age before
        members = np.zeros((n, n + 1), dtype="int64")
        np.add.at(
            members,
            (rch["_o"].to_numpy("int64") - lo, rch["_r"].to_numpy("int64")),
            rch["members"].to_numpy("int64"),
        )
        cells[kind] = {"on": on, "on_prev": on_prev, "reach": members, "size": members.sum(1)}
    return definitions_from_cells(cells, ages, complete)


def mrr_movements(
    t: Any,
    *,
    customer: str,
    start_time: str,
    end_time: str,
    amount: str,
    freq: str = "M",
    as_of: Any = None,
    tz: Any = None,
) -> pd.DataFrame:
    _columns(t, customer, start_time, end_time, amount)
    pfreq = normalize_freq(freq)
    span = queries.execute(
        t.aggregate(
            first=t[start_time].min(), last_start=t[start_time].max(), last_end=t[end_time].max()
        )
    )
    first, latest = (
        pd.Timestamp(span[c].iloc[0]).tz_localize(None) for c in ("first", "last_start")
    )
    last_end = span["last_end"].iloc[0]
    if pd.notna(last_end):
        latest = max(latest, pd.Timestamp(last_end).tz_localize(None))
    if tz is not None:  # wall-clock times back in the data's zone
        first, latest = (x.tz_localize(tz, ambiguous=True) for x in (first, latest))
    until = export_date(first, latest, as_of, tz)
    lo = wall_ordinal(first, pfreq)
    hi = wall_ordinal(until, pfreq)
    agg = queries.mrr_aggregates(t, customer, start_time, end_time, amount, pfreq, hi)
    n = hi - lo + 1
    moves = _dense(agg, lo, n, ["end_revenue", *MOVEMENTS[:-1], "churned_next"])
    moves["churned"] = np.concatenate([[0.0], moves.pop("churned_next")[:-1]])
    bounds = ordinal_to_start(np.arange(lo, hi + 2), pfreq, tz=tz, unit="us")
    return revenue_table(moves, bounds, periods_complete(bounds, until))
