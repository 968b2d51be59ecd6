"""The heavy part of each analysis as Ibis expressions (internal).

Each function reduces a (possibly huge) event table to a small aggregate on the engine and
returns it as a pandas DataFrame; the calling analysis finishes it with the same pandas code as
the reference implementation. Period arithmetic uses integer ordinals equal to pandas'
``Period.ordinal`` so the two sides agree exactly.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..core.periods import wall_ordinal

EPOCH_DAYS_PER_WEEK = 7


def period_ordinal(ts: Any, pfreq: str) -> Any:
    """Ibis integer expression equal to ``pd.Period(ts, pfreq).ordinal`` (wall-clock time)."""
    if pfreq == "D":
        return _epoch_days(ts)
    if pfreq == "W-SUN":  # weeks Monday..Sunday; 1970-01-01 (a Thursday) is in week 1
        return (_epoch_days(ts) + 3) // EPOCH_DAYS_PER_WEEK + 1
    if pfreq == "M":
        return (ts.year() - 1970) * 12 + ts.month() - 1
    if pfreq == "Q":
        return (ts.year() - 1970) * 4 + ts.quarter() - 1
    if pfreq == "Y":
        return ts.year() - 1970
    raise ValueError(pfreq)  # normalize_freq has already rejected anything else


def _epoch_days(ts: Any) -> Any:
    return (ts.epoch_seconds() // 86400).cast("int64")


def execute(expr: Any) -> pd.DataFrame:
    return expr.execute()


def cohort_aggregates(
    t: Any, customer: str, time: str, pfreq: str, by: str | None = None, amount: str | None = None
) -> tuple[pd.DataFrame, int, pd.Series, pd.Series, pd.Timestamp]:
    """Distinct customers (and revenue) per (cohort, age), the data's last period ordinal,
    each cohort's smallest and largest first-period ordinal, and the data's last event.

    Columns: ``cohort`` (acquisition period ordinal, or the ``by`` value), ``age``,
    ``customers``, ``cohort_size`` and, with ``amount``, ``revenue``.
    """
    ev = t.mutate(_o=period_ordinal(t[time], pfreq))
    first_aggs = {"_o0": ev._o.min()}
    if by is not None:
        first_aggs["_g"] = ev[by].argmin(ev[time])
    firsts = ev.group_by(customer).aggregate(**first_aggs)
    pair_aggs = {"_rev": ev[amount].sum()} if amount else {"_n": ev._o.count()}
    pairs = ev.group_by([customer, "_o"]).aggregate(**pair_aggs)
    j = pairs.join(firsts, customer)
    key = j._g if by is not None else j._o0
    aggs = {"customers": j[customer].count()}
    if amount:
        aggs["revenue"] = j._rev.sum()
    agg = j.group_by(cohort=key, age=(j._o - j._o0)).aggregate(**aggs)
    sizes = firsts.group_by(cohort=firsts._g if by is not None else firsts._o0).aggregate(
        cohort_size=firsts[customer].count(),
        cohort_first=firsts._o0.min(),
        cohort_last=firsts._o0.max(),
    )
    sizes_df = execute(sizes)
    out = execute(agg).merge(
        sizes_df.drop(columns=["cohort_first", "cohort_last"]), on="cohort", how="left"
    )
    span = execute(ev.aggregate(last=ev._o.max(), last_event=ev[time].max()))
    last = int(span["last"].iloc[0])
    by_cohort = sizes_df.set_index("cohort")
    cohort_first = by_cohort["cohort_first"].astype("int64")
    cohort_last = by_cohort["cohort_last"].astype("int64")
    return out, last, cohort_first, cohort_last, pd.Timestamp(span["last_event"].iloc[0])


def activity_aggregates(
    t: Any,
    customer: str,
    time: str,
    boundaries: pd.DatetimeIndex,
    active_days: float,
    pfreq: str,
) -> pd.DataFrame:
    """Per boundary index k: customers active at b_k (``start``), active at b_k but not at
    b_{k+1} (``lost``), and first-time customers of period k active at b_{k+1} (``first_time``).

    Active at b: an event in [b - window, b).
    """
    import ibis

    window = pd.Timedelta(days=active_days)
    o0 = wall_ordinal(boundaries[0], pfreq)
    ev = t.select(_c=t[customer], _x=t[time])
    # an event at x makes its customer active at the boundaries b_k with x < b_k <= x + window,
    # i.e. k from ord(x) - o0 + 1 to ord(x + window) - o0: no join on timestamps is needed, and
    # the many events of one customer and month collapse into a few (lo, hi) spans first
    shift = ibis.interval(seconds=int(window.total_seconds()))
    spans = ev.select(
        "_c",
        _lo=period_ordinal(ev._x, pfreq) - o0 + 1,
        _hi=period_ordinal(ev._x + shift, pfreq) - o0,
    ).distinct()
    # expand each span to its boundary numbers (no inequality join, which DuckDB cannot spill)
    k_last = len(boundaries) - 1
    clamped = spans.mutate(
        _lo=ibis.greatest(spans._lo, 0), _hi=ibis.least(spans._hi, k_last)
    ).filter(lambda s: s._lo <= s._hi)
    act = clamped.select("_c", _k=ibis.range(clamped._lo, clamped._hi + 1, 1).unnest()).distinct()
    nxt = act.select(_c2=act._c, _k2=act._k - 1)
    starts = act.group_by("_k").aggregate(start=act._c.count())
    kept = act.join(nxt, [act._c == nxt._c2, act._k == nxt._k2])
    kept_n = kept.group_by("_k").aggregate(kept=kept._c.count())
    firsts = ev.group_by("_c").aggregate(_f=ev._x.min())
    firsts = firsts.mutate(_k=period_ordinal(firsts._f, pfreq) - o0)
    ft = firsts.join(nxt, [firsts._c == nxt._c2, firsts._k == nxt._k2])
    ft_n = ft.group_by("_k").aggregate(first_time=ft._c.count())
    out = pd.DataFrame({"_k": range(len(boundaries))})
    for part in (starts, kept_n, ft_n):
        out = out.merge(execute(part), on="_k", how="left")
    return out.fillna(0).astype("int64")


def rfm_aggregates(
    t: Any, customer: str, time: str, amount: str, order: str | None, monetary: str
) -> pd.DataFrame:
    """Per customer: last purchase time, number of orders, total (or mean) spend."""
    # without an order column one order = one distinct timestamp, exact to the microsecond as
    # in the reference (truncating to the second merged two orders placed within one second)
    orders = t[order].nunique() if order else t[time].nunique()
    agg = t.group_by(customer).aggregate(
        _last=t[time].max(), frequency=orders, _total=t[amount].sum()
    )
    out = execute(agg)
    out["monetary"] = out["_total"] if monetary == "total" else out["_total"] / out["frequency"]
    return out.drop(columns="_total")
