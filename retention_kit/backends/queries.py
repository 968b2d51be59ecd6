"""The heavy part of each analysis as Ibis expressions (internal).

Each function reduces a (possibly huge) event table to a small aggregate on the engine and
returns it as a pandas DataFrame; the calling analysis finishes it with the same pandas code as
the reference implementation. Period arithmetic uses integer ordinals equal to pandas'
``Period.ordinal`` so the two sides agree exactly.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..core.periods import activity_window, wall_ordinal

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

    window = activity_window(active_days)
    o0 = wall_ordinal(boundaries[0], pfreq)
    ev = t.select(_c=t[customer], _x=t[time])
    # an event at x makes its customer active at the boundaries b_k with x < b_k <= x + window,
    # i.e. k from ord(x) - o0 + 1 to ord(x + window) - o0: no join on timestamps is needed, and
    # the many events of one customer and month collapse into a few (lo, hi) spans first
    shift = ibis.interval(microseconds=window // pd.Timedelta(1, unit="us"))
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


# --------------------------------------------------------------------------- flow analyses
# Revenue retention, lifecycle and the retention definitions look at each customer's
# consecutive periods. On the engine: the distinct (customer, period) pairs, each with its
# customer's neighbouring pair found by a window (lag / lead over the customer's periods),
# reduced to one row per period (or per cohort x age) before anything leaves the engine.


def flow_span(t: Any, time: str, pfreq: str) -> tuple[int, int, Any]:
    """The first and last period ordinals of the log and its last event (wall-clock)."""
    o = period_ordinal(t[time], pfreq)
    span = execute(t.aggregate(lo=o.min(), hi=o.max(), last=t[time].max()))
    return int(span["lo"].iloc[0]), int(span["hi"].iloc[0]), span["last"].iloc[0]


def _neighbours(pairs: Any, *values: str) -> Any:
    """``pairs`` (columns ``_c``, ``_o``, ...) with ``_prev`` / ``_next``: the customer has a
    pair in the period just before / after; and ``_pv_<v>`` / ``_nv_<v>``, that pair's value of
    each column in ``values`` (0 where there is none)."""
    import ibis

    w = ibis.window(group_by="_c", order_by="_o")
    prev = (pairs._o.lag().over(w) == pairs._o - 1).fill_null(False)
    nxt = (pairs._o.lead().over(w) == pairs._o + 1).fill_null(False)
    more = {}
    for v in values:
        more[f"_pv_{v}"] = ibis.ifelse(prev, pairs[v].lag().over(w), 0)
        more[f"_nv_{v}"] = ibis.ifelse(nxt, pairs[v].lead().over(w), 0)
    return pairs.mutate(_prev=prev, _next=nxt, **more)


def _count(cond: Any) -> Any:
    # a CASE WHEN, not a cast of the boolean: PostgreSQL has no boolean-to-bigint cast
    import ibis

    return ibis.ifelse(cond, 1, 0).sum()


def revenue_aggregates(
    t: Any, customer: str, time: str, amount: str, pfreq: str, hi: int
) -> pd.DataFrame:
    """Per period ordinal ``_o``: the revenue movements of :func:`retention_kit.revenue_retention`
    (``end_revenue``, ``new``, ``reactivation``, ``expansion``, ``contraction``) and
    ``churned_next``, the revenue of customers who pay in ``_o`` and nothing in ``_o + 1``
    (churned in the next period; ``hi`` is the log's last period ordinal)."""
    ev = t.select(_c=t[customer], _o=period_ordinal(t[time], pfreq), _a=t[amount])
    # a negative amount is a return, never a first purchase
    return _revenue_movements(ev, ev._a >= 0, hi)


def mrr_aggregates(
    t: Any,
    customer: str,
    start_time: str,
    end_time: str,
    amount: str,
    pfreq: str,
    hi: int,
) -> pd.DataFrame:
    """:func:`revenue_aggregates` of a subscription table: a subscription adds its ``amount`` to
    its customer's MRR in each period up to ``hi`` at whose close it runs (started
    before the next period begins, not ended by then). The first period of a customer is the
    first with a paying (amount > 0) subscription."""
    import ibis

    first = period_ordinal(t[start_time], pfreq)
    # ended in period e: last counted in e - 1 (a subscription ending 1 July counts in June)
    last = ibis.least(
        ibis.ifelse(t[end_time].isnull(), hi, period_ordinal(t[end_time], pfreq) - 1), hi
    )
    subs = t.select(_c=t[customer], _a=t[amount], _f=first, _l=last).filter(lambda s: s._f <= s._l)
    ev = subs.select("_c", "_a", _o=ibis.range(subs._f, subs._l + 1, 1).unnest())
    return _revenue_movements(ev, ev._a > 0, hi)


def _revenue_movements(ev: Any, buys: Any, hi: int) -> pd.DataFrame:
    """The per-period revenue movements of rows ``ev`` (``_c``, ``_o``, ``_a``); ``buys``: the
    rows whose period can be their customer's first."""
    import ibis

    pairs = ev.group_by(["_c", "_o"]).aggregate(_v=ev._a.sum(), _buy=ibis.ifelse(buys, 1, 0).max())
    first = ibis.ifelse(pairs._buy == 1, pairs._o, ibis.null("int64"))
    pairs = pairs.mutate(_f=first.min().over(ibis.window(group_by="_c")))
    p = _neighbours(pairs, "_v")
    v, pv, nv = p._v, p._pv__v, p._nv__v
    paid = v > 0
    is_first = (p._o == p._f).fill_null(False)
    both = paid & (pv > 0)
    react = paid & ~is_first & ~(pv > 0)
    churn = paid & ~(nv > 0) & (p._o + 1 <= hi)
    zero = ibis.literal(0.0)
    agg = p.group_by("_o").aggregate(
        end_revenue=ibis.ifelse(paid, v, zero).sum(),
        new=ibis.ifelse(paid & is_first, v, zero).sum(),
        reactivation=ibis.ifelse(react, v, zero).sum(),
        expansion=ibis.ifelse(both & (v > pv), v - pv, zero).sum(),
        contraction=ibis.ifelse(both & (v < pv), pv - v, zero).sum(),
        churned_next=ibis.ifelse(churn, v, zero).sum(),
    )
    return execute(agg)


def lifecycle_aggregates(t: Any, customer: str, time: str, pfreq: str, hi: int) -> pd.DataFrame:
    """Per period ordinal ``_o``: the lifecycle counts of :func:`retention_kit.lifecycle_table`
    (``active``, ``new``, ``returning``, ``resurrecting``) and ``dormant_next``, the customers
    active in ``_o`` and not in ``_o + 1`` (dormant in the next period)."""
    import ibis

    pairs = t.select(_c=t[customer], _o=period_ordinal(t[time], pfreq)).distinct()
    pairs = pairs.mutate(_f=pairs._o.min().over(ibis.window(group_by="_c")))
    p = _neighbours(pairs)
    is_first = p._o == p._f
    agg = p.group_by("_o").aggregate(
        active=p._c.count(),
        new=_count(is_first),
        returning=_count(p._prev),
        resurrecting=_count(~is_first & ~p._prev),
        dormant_next=_count(~p._next & (p._o + 1 <= hi)),
    )
    return execute(agg)


def definition_aggregates(
    t: Any, customer: str, time: str, pfreq: str, max_age: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The member counts of :func:`retention_kit.retention_definitions` in long form.

    Every (customer, period) pair starts a recurring cohort (``_o``); the customer's first pair
    (``_is_first``) also starts their first-time cohort. Returns ``returns``: per cohort
    ``_o``, age ``_k <= max_age`` and ``_is_first``, the members active at ``_o + _k``
    (``on``) and of them those also active at ``_o + _k - 1`` (``on_prev``); and ``reach``:
    per cohort, ``_r`` (the member's last period minus the cohort's) and ``_is_first``, the
    members (``members``).
    """
    import ibis

    pairs = t.select(_c=t[customer], _o=period_ordinal(t[time], pfreq)).distinct()
    whole = ibis.window(group_by="_c")
    pairs = pairs.mutate(_f=pairs._o.min().over(whole), _l=pairs._o.max().over(whole))
    p = _neighbours(pairs)
    p = p.mutate(_is_first=ibis.ifelse(p._o == p._f, 1, 0))
    later = p.select(_c2=p._c, _o2=p._o, _prev2=p._prev)
    j = p.join(later, [p._c == later._c2, later._o2 >= p._o, later._o2 - p._o <= max_age])
    returns = j.group_by(["_o", "_is_first", (j._o2 - j._o).name("_k")]).aggregate(
        on=j._c.count(), on_prev=_count(j._prev2)
    )
    reach = p.group_by(["_o", "_is_first", (p._l - p._o).name("_r")]).aggregate(
        members=p._c.count()
    )
    return execute(returns), execute(reach)
