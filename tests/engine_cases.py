"""What the engine tests share (tests/test_backends.py, tests/test_postgres.py): the comparison,
the generated logs with their edge cases, and the one place where a call's spelling differs."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import strategies as st

import retention_kit as rk

SHOP = dict(customer="customer_id", time="order_time")
APP = dict(customer="user_id", time="event_time")


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """The engine's table equals the pandas reference's (values, columns, order)."""
    pd.testing.assert_frame_equal(
        a.reset_index(drop=True),
        b.reset_index(drop=True),
        check_dtype=False,
        check_exact=False,
        rtol=1e-9,
    )


def day_n(data, *, customer: str, **kwargs) -> pd.DataFrame:
    """``rk.day_n_retention`` with the customer column by keyword. The one place to change
    when the argument is renamed from ``user=`` to ``customer=``."""
    return rk.day_n_retention(data, customer=customer, **kwargs)


# generated logs with the edge cases: one-event customers, events exactly on period and day
# boundaries, tz-aware times (and, when asked, sub-second times)
BOUNDARIES = pd.to_datetime(
    [
        "2024-01-01",
        "2024-02-01",
        "2024-03-01",
        "2024-03-31 23:59:59",
        "2024-04-01",
        "2024-01-31 23:59:59",
    ],
    format="ISO8601",
)


@st.composite
def logs(draw, subsecond: bool = False):
    n = draw(st.integers(1, 60))
    customers = draw(st.lists(st.integers(1, 12), min_size=n, max_size=n))
    on_boundary = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    seconds = draw(st.lists(st.integers(0, 120 * 86400), min_size=n, max_size=n))
    picks = draw(st.lists(st.integers(0, len(BOUNDARIES) - 1), min_size=n, max_size=n))
    micros = (
        draw(st.lists(st.integers(0, 999_999), min_size=n, max_size=n)) if subsecond else [0] * n
    )
    base = pd.Timestamp("2024-01-01")
    times = [
        BOUNDARIES[p] if b else base + pd.Timedelta(seconds=s, microseconds=u)
        for b, s, p, u in zip(on_boundary, seconds, picks, micros, strict=True)
    ]
    amounts = draw(st.lists(st.integers(1, 500), min_size=n, max_size=n))
    df = pd.DataFrame(
        {
            "c": customers,
            "t": pd.to_datetime(times),
            "a": np.array(amounts, float),
            "g": [f"g{c % 3}" for c in customers],
        }
    )
    if draw(st.booleans()):
        df["t"] = df["t"].dt.tz_localize("Europe/Moscow")
    return df


@st.composite
def flow_logs(draw):
    """A generated log (see :func:`logs`, sub-second times included) where some amounts are
    returns (negative), so that revenue retention meets customers who only returned."""
    df = draw(logs(subsecond=True))
    signs = draw(st.lists(st.sampled_from([1.0, 1.0, 1.0, -1.0]), min_size=len(df)))
    df["a"] = df["a"] * np.array(signs[: len(df)])
    return df


def flow_tables(
    df: pd.DataFrame, backend=None, *, freq: str = "M", max_age: int | None = None, **kw
) -> list[pd.DataFrame]:
    """The three flow analyses of one log (columns c, t, a) on one backend."""
    cols = dict(customer="c", time="t", freq=freq, backend=backend, **kw)
    return [
        rk.revenue_retention(df, amount="a", **cols),
        rk.lifecycle_table(df, **cols),
        rk.retention_definitions(df, max_age=max_age, **cols),
    ]


# --------------------------------------------------------------------------- edge cases
# The same hand-made edge logs through pandas and every engine, each with its expectation worked
# by hand (in the comments). Each case is one kind of boundary an engine can slip on: a window
# end, the eligibility at the end of the data, the first event's attribute, a time zone, the
# start of the week, sub-second orders, the complete flag. ``EDGE_CASES[name](backend)`` returns
# (the table, the expected columns); the test compares the two.
# Checked by hand against one-token bugs (each fails at least one case, on DuckDB or pandas):
# < for <= (and <= for <) at the rolling day-N window's ends and at the rolling and calendar
# eligibility; the calendar day one off; argmax for argmin of the `by` value (cohorts and day-N);
# a week starting a day late; orders truncated to the second; > for >= in "not a return";
# labels without the time zone; < for <= in `complete` and in the churned / dormant edge;
# age 0 of the previous-period reference. Survivor, equivalent: `period + 1 <= n` for
# `period + 1 < n` in the pandas lifecycle (the extra row falls outside the table).


def _ts(*values: str, tz: str | None = None) -> pd.Series:
    out = pd.Series(pd.to_datetime(list(values), format="ISO8601"))
    return out.dt.tz_localize(tz) if tz else out


# a: second event exactly 24 h after the first (day 1, not day 0 or 2);
# b: second event exactly 48 h after the first (day 2, not day 1);
# c: one event; y: first event 48 h before the last event of the data, so its day 1
# ([t0 + 24 h, t0 + 48 h)) ends exactly at the end of the data: eligible for day 1, not day 2;
# z: the last event of the data (eligible for nothing)
DAY_N_EDGES = pd.DataFrame(
    {
        "c": ["a", "a", "b", "b", "c", "y", "z"],
        "t": _ts(
            "2024-03-01 10:00",
            "2024-03-02 10:00",
            "2024-03-01 12:00",
            "2024-03-03 12:00",
            "2024-03-01 09:00",
            "2024-03-08 00:00",
            "2024-03-10 00:00",
        ),
    }
)


def _day_n_edges(method: str, retained: list[int]):
    def run(backend):
        t = day_n(
            DAY_N_EDGES,
            customer="c",
            time="t",
            days=(1, 2),
            method=method,
            tz="UTC",
            backend=backend,
        )
        # day 1: a, b, c, y eligible (y exactly at the data's end); day 2: a, b, c
        return t, pd.DataFrame({"day": [1, 2], "users": [4, 3], "retained": retained})

    return run


# a's first event has g = "x", a later one g = "y": a belongs to "x" (the first event wins).
# b starts in "y". Months: Jan, Feb; a is back in Feb, b is not.
CHANGING_ATTRIBUTE = pd.DataFrame(
    {
        "c": ["a", "b", "a"],
        "t": _ts("2024-01-05 10:00", "2024-01-07 10:00", "2024-02-01 10:00"),
        "g": ["x", "y", "y"],
    }
)


def _by_cohorts(backend):
    t = rk.cohort_table(CHANGING_ATTRIBUTE, customer="c", time="t", by="g", backend=backend)
    t = t.sort_values(["cohort", "age"], kind="stable")
    expected = pd.DataFrame(
        {"cohort": ["x", "x", "y", "y"], "age": [0, 1, 0, 1], "customers": [1, 1, 1, 0]}
    )
    expected["cohort_size"] = 1
    return t, expected


def _by_day_n(backend):
    # a: day 0 is [Jan 5 10:00, Jan 6 10:00), the data ends Feb 1 10:00: a and b eligible for
    # day 1; nobody came back on day 1
    t = day_n(
        CHANGING_ATTRIBUTE, customer="c", time="t", days=(1,), by="g", backend=backend
    ).sort_values("g", kind="stable")
    return t, pd.DataFrame({"g": ["x", "y"], "day": [1, 1], "users": [1, 1], "retained": [0, 0]})


# Moscow time (UTC+3): a's second purchase, 2024-02-01 01:30 local, is 2024-01-31 22:30 UTC; in
# the data's own zone it is in February (a second period), in UTC it would be in January.
TZ_LOG = pd.DataFrame(
    {
        "c": ["a", "a"],
        "t": _ts("2024-01-15 12:00", "2024-02-01 01:30", tz="Europe/Moscow"),
        "a": [10.0, 15.0],
    }
)


def _tz_revenue(backend):
    t = rk.revenue_retention(TZ_LOG, customer="c", time="t", amount="a", backend=backend)
    # Jan: new 10; Feb: start 10, expansion 5, end 15, nrr = (10 + 5) / 10; the data ends in Feb
    expected = pd.DataFrame(
        {
            "period": _ts("2024-01-01", "2024-02-01", tz="Europe/Moscow"),
            "start_revenue": [0.0, 10.0],
            "new": [10.0, 0.0],
            "expansion": [0.0, 5.0],
            "end_revenue": [10.0, 15.0],
            "nrr": [np.nan, 1.5],
            "complete": [True, False],
        }
    )
    return t, expected


def _tz_cohorts(backend):
    t = rk.cohort_table(TZ_LOG, customer="c", time="t", backend=backend)
    expected = pd.DataFrame(
        {
            "cohort": _ts("2024-01-01", "2024-01-01", tz="Europe/Moscow"),
            "age": [0, 1],
            "customers": [1, 1],
        }
    )
    return t, expected


# Sunday 2024-03-10 23:00 and Monday 2024-03-11 00:30 are in two weeks (weeks start Monday):
# the weeks of Monday 4 March and Monday 11 March
WEEK_LOG = pd.DataFrame(
    {"c": ["a", "a", "b"], "t": _ts("2024-03-10 23:00", "2024-03-11 00:30", "2024-03-17 23:59")}
)


def _week_lifecycle(backend):
    t = rk.lifecycle_table(WEEK_LOG, customer="c", time="t", freq="W", backend=backend)
    # week 4 Mar: a new; week 11 Mar: a returning, b new (Sunday 17 Mar is its last day)
    expected = pd.DataFrame(
        {
            "period": _ts("2024-03-04", "2024-03-11"),
            "active": [1, 2],
            "new": [1, 1],
            "returning": [0, 1],
            "dormant": [0, 0],
        }
    )
    return t, expected


def _week_cohorts(backend):
    t = rk.cohort_table(WEEK_LOG, customer="c", time="t", freq="W", backend=backend)
    expected = pd.DataFrame(
        {
            "cohort": _ts("2024-03-04", "2024-03-04", "2024-03-11"),
            "age": [0, 1, 0],
            "customers": [1, 1, 1],
        }
    )
    return t, expected


# a bought twice 0.3 s apart (two orders), b once, c two rows at one instant (one order)
SUBSECOND_LOG = pd.DataFrame(
    {
        "c": ["a", "a", "b", "c", "c"],
        "t": _ts(
            "2024-03-01 10:00:00.100",
            "2024-03-01 10:00:00.400",
            "2024-03-02 09:00:00.000",
            "2024-03-03 08:00:00.250",
            "2024-03-03 08:00:00.250",
        ),
        "x": [10.0, 5.0, 7.0, 1.0, 2.0],
    }
)


def _subsecond_rfm(backend):
    t = rk.rfm_table(SUBSECOND_LOG, customer="c", time="t", amount="x", backend=backend)
    return t, pd.DataFrame({"c": ["a", "b", "c"], "frequency": [2, 1, 1]})


# the data ends exactly at 1 March 00:00: February has ended (complete), March has not
MONTH_END_LOG = pd.DataFrame(
    {"c": ["a", "b", "c"], "t": _ts("2024-01-10", "2024-02-05", "2024-03-01 00:00")}
)


def _month_end_lifecycle(backend):
    t = rk.lifecycle_table(MONTH_END_LOG, customer="c", time="t", backend=backend)
    expected = pd.DataFrame(
        {
            "period": _ts("2024-01-01", "2024-02-01", "2024-03-01"),
            "new": [1, 1, 1],
            "dormant": [0, 1, 1],
            "quick_ratio": [np.nan, 1.0, 1.0],
            "complete": [True, True, False],
        }
    )
    return t, expected


# a: Jan 100, Feb 120, Apr 50 (back after a month without); b: Jan 50, Feb a return of 10 (no
# revenue: churned); c: Feb 30 (new), Mar 10; d: only a return (never a customer with revenue)
REVENUE_LOG = pd.DataFrame(
    {
        "c": ["a", "b", "a", "b", "c", "c", "d", "a"],
        "t": _ts(
            "2024-01-05",
            "2024-01-09",
            "2024-02-03",
            "2024-02-11",
            "2024-02-14",
            "2024-03-03",
            "2024-03-15",
            "2024-04-20",
        ),
        "a": [100.0, 50.0, 120.0, -10.0, 30.0, 10.0, -5.0, 50.0],
    }
)


def _revenue_by_hand(backend):
    t = rk.revenue_retention(REVENUE_LOG, customer="c", time="t", amount="a", backend=backend)
    # Feb: 150 + 30 new + 20 expansion (a) - 50 churned (b) = 150
    # Mar: 150 - 20 contraction (c) - 120 churned (a) = 10; Apr: 10 + 50 reactivated - 10 = 50
    expected = pd.DataFrame(
        {
            "start_revenue": [0.0, 150.0, 150.0, 10.0],
            "new": [150.0, 30.0, 0.0, 0.0],
            "reactivation": [0.0, 0.0, 0.0, 50.0],
            "expansion": [0.0, 20.0, 0.0, 0.0],
            "contraction": [0.0, 0.0, 20.0, 0.0],
            "churned": [0.0, 50.0, 120.0, 10.0],
            "end_revenue": [150.0, 150.0, 10.0, 50.0],
            "nrr": [np.nan, 120 / 150, 10 / 150, 0.0],
            "grr": [np.nan, 100 / 150, 10 / 150, 0.0],
            "quick_ratio": [np.nan, 1.0, 0.0, 5.0],
            "complete": [True, True, True, False],
        }
    )
    return t, expected


# e's first row is a free item (amount 0: a purchase, not a return), so e is a customer from
# January and e's February revenue is a reactivation, not new; f pays 10 in January only
FREE_ITEM_LOG = pd.DataFrame(
    {
        "c": ["e", "f", "e"],
        "t": _ts("2024-01-03", "2024-01-04", "2024-02-10"),
        "a": [0.0, 10.0, 20.0],
    }
)


def _free_first_item(backend):
    t = rk.revenue_retention(FREE_ITEM_LOG, customer="c", time="t", amount="a", backend=backend)
    expected = pd.DataFrame(
        {
            "new": [10.0, 0.0],
            "reactivation": [0.0, 20.0],
            "churned": [0.0, 10.0],
            "end_revenue": [10.0, 20.0],
        }
    )
    return t, expected


# Moscow (UTC+3): b starts 1 Feb 01:00 local (31 Jan 22:00 UTC): not running at January's close
# (1 Feb 00:00 local), running at February's; it ends 1 Mar 01:00 local, after February's close.
# a (10 a month) runs from January on, c (5) starts and ends within January: never counted.
TZ_SUBSCRIPTIONS = pd.DataFrame(
    {
        "c": ["a", "b", "c"],
        "price": [10.0, 20.0, 5.0],
        "start": _ts("2024-01-10 12:00", "2024-02-01 01:00", "2024-01-03", tz="Europe/Moscow"),
        "end": _ts("NaT", "2024-03-01 01:00", "2024-01-20", tz="Europe/Moscow"),
    }
)


def _tz_mrr(backend):
    t = rk.mrr_movements(
        TZ_SUBSCRIPTIONS,
        customer="c",
        start_time="start",
        end_time="end",
        amount="price",
        as_of="2024-03-31",
        backend=backend,
    )
    expected = pd.DataFrame(
        {
            "period": _ts("2024-01-01", "2024-02-01", "2024-03-01", tz="Europe/Moscow"),
            "new": [10.0, 20.0, 0.0],
            "churned": [0.0, 0.0, 20.0],
            "end_revenue": [10.0, 30.0, 10.0],
            "complete": [True, True, False],
        }
    )
    return t, expected


# a: Jan, Mar, Apr; b: Jan; observation ends 1 May (every month complete)
DEFINITIONS_LOG = pd.DataFrame(
    {"c": ["a", "b", "a", "a"], "t": _ts("2024-01-05", "2024-01-09", "2024-03-02", "2024-04-01")}
)


def _definitions_by_hand(backend):
    t = rk.retention_definitions(
        DEFINITIONS_LOG, customer="c", time="t", observed_until="2024-05-01", backend=backend
    )
    t = t.set_index(["cohorts", "returned", "reference", "mean", "age"])["rate"]
    picks = [
        # age 0 of the previous-period reference: everyone is there in their own cohort period
        (("first-time", "on", "previous period", "weighted", 0), 1.0),
        (("recurring", "on", "previous period", "simple", 0), 1.0),
        # first-time cohort Jan = {a, b}: on at ages 0..3: 2, 0, 1, 1; on or after: 2, 1, 1, 1
        (("first-time", "on", "period 0", "weighted", 1), 0.0),
        (("first-time", "on", "period 0", "weighted", 2), 0.5),
        (("first-time", "on or after", "period 0", "weighted", 1), 0.5),
        # previous period: at age 3 both Mar and Apr (a) over on at age 2 (a)
        (("first-time", "on", "previous period", "weighted", 3), 1.0),
        # recurring cohorts Jan {a, b}, Mar {a}, Apr {a}; age 1: Jan 0 of 2, Mar 1 of 1 (Apr's
        # age 1 is May, not in the data)
        (("recurring", "on", "period 0", "weighted", 1), 1 / 3),
        (("recurring", "on", "period 0", "simple", 1), 0.5),
    ]
    got = pd.DataFrame({"rate": [t.loc[k] for k, _ in picks]})
    return got, pd.DataFrame({"rate": [v for _, v in picks]})


EDGE_CASES = {
    "day_n_rolling_24h_edges": _day_n_edges("rolling", [1, 1]),
    "day_n_calendar_edges": _day_n_edges("calendar", [1, 1]),
    "day_n_unbounded_edges": _day_n_edges("unbounded", [2, 1]),
    "cohort_by_changing_attribute": _by_cohorts,
    "day_n_by_changing_attribute": _by_day_n,
    "tz_aware_revenue": _tz_revenue,
    "tz_aware_cohorts": _tz_cohorts,
    "week_starts_monday_lifecycle": _week_lifecycle,
    "week_starts_monday_cohorts": _week_cohorts,
    "subsecond_rfm_orders": _subsecond_rfm,
    "data_ends_at_a_month_boundary": _month_end_lifecycle,
    "revenue_by_hand": _revenue_by_hand,
    "revenue_free_first_item": _free_first_item,
    "tz_aware_mrr_movements": _tz_mrr,
    "definitions_by_hand": _definitions_by_hand,
}


def check_edge_case(name: str, backend=None) -> None:
    """Run edge case ``name`` on ``backend`` and compare with its hand-worked expectation."""
    got, expected = EDGE_CASES[name](backend)
    got = got.reset_index(drop=True)
    cols = list(expected.columns)
    for c in cols:
        if pd.api.types.is_datetime64_any_dtype(expected[c]):
            got[c] = pd.DatetimeIndex(got[c]).as_unit("ns")
    same(got[cols], expected)


@st.composite
def subscription_tables(draw):
    """Generated subscription tables (columns c, s, e, x): open or closed, free or paid, starts
    and ends to the microsecond, sometimes tz-aware."""
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(list("abcd")),
                st.datetimes(
                    min_value=pd.Timestamp("2024-01-01"), max_value=pd.Timestamp("2024-06-30")
                ),
                st.one_of(
                    st.none(),
                    st.timedeltas(min_value=pd.Timedelta(0), max_value=pd.Timedelta(days=150)),
                ),
                st.sampled_from([0.0, 9.0, 15.0, 40.0]),
            ),
            min_size=1,
            max_size=12,
        )
    )
    subs = pd.DataFrame(
        [(c, s, pd.NaT if d is None else s + d, x) for c, s, d, x in rows],
        columns=["c", "s", "e", "x"],
    )
    subs["e"] = pd.to_datetime(subs["e"])
    if draw(st.booleans()):
        for col in ("s", "e"):
            subs[col] = subs[col].dt.tz_localize("Europe/Moscow")
    return subs
