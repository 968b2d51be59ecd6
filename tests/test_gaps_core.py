"""Gaps the suite left open (issue 15), with expectations worked by hand or computed independently.

- compare_cohorts with unequal cohort sizes (swapping the sizes changes every figure);
- a purchase exactly at RFM's ``as_of`` (kept, recency 0) and one a second later (ignored);
- lifetime_from_churn at its documented bound 1.0;
- tz-aware cohorts from repeat_purchases(freq="M") (the month in the data's zone, not UTC's);
- period_table's binary-search path (windows that are not whole multiples of 15 minutes, very
  long spans) and its sort-based counting path against a plain-Python implementation.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta

import numpy as np
import pandas as pd
import pytest

import retention_kit as rk
from retention_kit import periods as periods_module
from retention_kit.errors import InvalidCountError

# --------------------------------------------------------------------------- compare_cohorts


def test_compare_cohorts_with_unequal_cohort_sizes_by_hand():
    # a: 60 of 200 back at age 1 (0.30); b: 5 of 50 (0.10)
    table = pd.DataFrame(
        {
            "cohort": ["a", "a", "b", "b"],
            "age": [0, 1, 0, 1],
            "customers": [200, 60, 50, 5],
            "cohort_size": [200, 200, 50, 50],
        }
    )
    row = rk.compare_cohorts(table, a="a", b="b", age=1).iloc[0]
    assert (row["customers_a"], row["cohort_size_a"]) == (60, 200)
    assert (row["customers_b"], row["cohort_size_b"]) == (5, 50)
    # pooled p = 65 / 250 = 0.26; SE0 = sqrt(0.26 * 0.74 * (1/200 + 1/50)) = sqrt(0.00481)
    z = 0.2 / math.sqrt(0.26 * 0.74 * 0.025)
    assert row["z"] == pytest.approx(z, rel=1e-12)  # 2.8837...
    assert row["z"] == pytest.approx(2.88375, abs=1e-4)
    assert row["p_value"] == pytest.approx(math.erfc(z / math.sqrt(2)), rel=1e-9)
    # unpooled SE = sqrt(0.3 * 0.7 / 200 + 0.1 * 0.9 / 50) = sqrt(0.00285)
    half = 1.959963984540054 * math.sqrt(0.00285)
    assert row["diff_low"] == pytest.approx(0.2 - half, rel=1e-9)
    assert row["diff_high"] == pytest.approx(0.2 + half, rel=1e-9)
    assert bool(row["significant"]) is True
    # the other way round the difference and z change sign, the p-value does not
    back = rk.compare_cohorts(table, a="b", b="a", age=1).iloc[0]
    assert back["z"] == pytest.approx(-z, rel=1e-12)
    assert back["cohort_size_a"] == 50 and back["rate_a"] == pytest.approx(0.1)


# --------------------------------------------------------------------------- RFM at as_of


def test_a_purchase_exactly_at_as_of_counts_with_recency_zero():
    log = pd.DataFrame(
        {
            "c": [1, 1, 2, 3],
            "t": pd.to_datetime(
                [
                    "2024-01-01 00:00:00",
                    "2024-01-10 00:00:00",  # exactly as_of: kept, recency 0
                    "2024-01-10 00:00:01",  # one second after as_of: ignored
                    "2024-01-09 00:00:00",  # exactly 24 h before: recency 1
                ]
            ),
            "a": [5.0, 7.0, 3.0, 2.0],
        }
    )
    t = rk.rfm_table(log, customer="c", time="t", amount="a", as_of="2024-01-10")
    got = t.set_index("c")[["recency", "frequency", "monetary"]]
    assert got.index.tolist() == [1, 3]  # customer 2 only bought after as_of
    assert got.loc[1].tolist() == [0, 2, 12.0]
    assert got.loc[3].tolist() == [1, 1, 2.0]


# --------------------------------------------------------------------------- LTV bound


def test_lifetime_from_churn_at_its_bound_one():
    # churn 1.0 (everybody leaves after a month) is allowed: lifetime 1 / 1 = one month
    assert rk.lifetime_from_churn(1.0) == 1.0
    assert rk.lifetime_from_churn(np.array([0.5, 1.0])).tolist() == [2.0, 1.0]
    with pytest.raises(InvalidCountError, match=r"fraction in \(0, 1\], got 1\.01"):
        rk.lifetime_from_churn(1.01)
    with pytest.raises(InvalidCountError, match=r"got 0\b.*infinite"):
        rk.lifetime_from_churn(0.0)


# --------------------------------------------------------------------------- repeat, tz-aware


def test_repeat_purchases_monthly_cohorts_in_the_data_zone():
    zone = "Europe/Moscow"
    ev = pd.DataFrame(
        {
            "c": [1, 1, 2, 3, 3],
            # customer 1 first buys on 1 February 01:00 Moscow = 31 January 22:00 UTC
            "t": pd.to_datetime(
                [
                    "2024-02-01 01:00",
                    "2024-03-05 00:00",
                    "2024-01-15 00:00",
                    "2024-01-31 23:30",
                    "2024-01-31 23:30",  # same instant: one order
                ]
            ).tz_localize(zone),
        }
    )
    out = rk.repeat_purchases(ev, customer="c", time="t", freq="M")
    assert str(out["cohort"].dt.tz) == zone
    assert out["cohort"].tolist() == [
        pd.Timestamp("2024-01-01", tz=zone),
        pd.Timestamp("2024-02-01", tz=zone),
    ]
    # January: customers 2 and 3, neither bought twice; February: customer 1, bought again
    assert out[["customers", "repeat_customers"]].values.tolist() == [[2, 0], [1, 1]]
    assert out["rate"].tolist() == [0.0, 1.0]


# --------------------------------------------------------------------------- period_table


def _month_start(d: datetime) -> datetime:
    return datetime(d.year, d.month, 1)


def _next_month(d: datetime) -> datetime:
    return datetime(d.year + d.month // 12, d.month % 12 + 1, 1)


def _plain_period_table(log: list[tuple[str, datetime]], days: float) -> list[tuple]:
    """period_table's counts by the definitions, one customer and boundary at a time."""
    w = timedelta(days=days)
    by_customer: dict[str, list[datetime]] = {}
    for c, x in log:
        by_customer.setdefault(c, []).append(x)
    first, last = min(x for _, x in log), max(x for _, x in log)
    bounds = [_month_start(first)]
    while bounds[-1] <= last:
        bounds.append(_next_month(bounds[-1]))

    def active(b):  # an event in [b - w, b)
        return {c for c, xs in by_customer.items() if any(b - w <= x < b for x in xs)}

    rows = []
    for b0, b1 in zip(bounds, bounds[1:], strict=False):
        s, e = active(b0), active(b1)
        new = e - s
        first_time = {c for c in new if b0 <= min(by_customer[c]) < b1}
        rows.append((b0, len(s), len(new), len(first_time), len(s - e), len(e)))
    return rows


def _edge_log(seed: int, start: datetime, months: int, days: float) -> list[tuple[str, datetime]]:
    rng = random.Random(seed)
    span = (_month_start(start + timedelta(days=31 * months)) - start).total_seconds()
    log = [
        (f"c{rng.randrange(25)}", start + timedelta(seconds=rng.randrange(int(span))))
        for _ in range(250)
    ]
    # events exactly one window before a boundary (active at it) and one microsecond earlier
    # (not active at it), for boundaries inside the log
    w = timedelta(days=days)
    b = _next_month(_next_month(start))
    for i in range(4):
        log.append((f"edge{i}", b - w))
        log.append((f"early{i}", b - w - timedelta(microseconds=1)))
        b = _next_month(b)
    return log


def _kit_rows(log, days):
    df = pd.DataFrame(log, columns=["customer", "time"])
    df["time"] = pd.to_datetime(df["time"]).astype("datetime64[ns]")
    t = rk.period_table(df, customer="customer", time="time", freq="M", active_days=days)
    return [
        (p.to_pydatetime(), s, n, f, lo, e)
        for p, s, n, f, lo, e in t[
            ["period", "start", "new", "first_time", "lost", "end"]
        ].itertuples(index=False)
    ]


class _SearchSpy:
    """Stands in for numpy in retention_kit.periods and records searchsorted's query sizes."""

    def __init__(self):
        self.sizes = []

    def __getattr__(self, name):
        return getattr(np, name)

    def searchsorted(self, a, v, side="left"):
        self.sizes.append(np.size(v))
        return np.searchsorted(a, v, side=side)


@pytest.mark.parametrize("counting", ["grid", "sorted"])
@pytest.mark.parametrize(
    ("days", "start", "months"),
    [
        (10.001, datetime(2024, 1, 1), 8),  # 10 days + 86.4 s: not a multiple of 15 minutes
        (0.2, datetime(2024, 1, 1), 5),  # 4.8 hours: 19.2 quarter-hours
        (90, datetime(1991, 1, 1), 12 * 34),  # 34 years: the bucket table would be too large
    ],
)
def test_period_table_search_path_matches_a_plain_python_count(
    monkeypatch, counting, days, start, months
):
    log = _edge_log(7, start, months, days)
    if counting == "sorted":
        monkeypatch.setattr(periods_module, "_GRID_MIN_CELLS", 0)
        monkeypatch.setattr(periods_module, "_GRID_CELLS_PER_ROW", 0)
    spy = _SearchSpy()
    monkeypatch.setattr(periods_module, "np", spy)
    got = _kit_rows(log, days)
    # the binary-search path: both window ends looked up for every event, no lookup table
    assert spy.sizes == [len(log), len(log)]
    assert got == _plain_period_table(log, days)
    assert any(r[1] for r in got) and any(r[4] for r in got)  # the log is not trivial


def test_period_table_window_edge_on_the_search_path():
    # one event exactly w before 1 March, one 1 µs earlier: only the first is active at 1 March
    days = 10.001
    w = timedelta(days=days)
    march = datetime(2024, 3, 1)
    log = [("a", march - w), ("b", march - w - timedelta(microseconds=1)), ("z", march)]
    rows = {r[0]: r for r in _kit_rows(log, days)}
    # February's end (boundary 1 March): a is active, b is not (lapsed an instant before)
    assert rows[datetime(2024, 2, 1)][5] == 1
    assert _kit_rows(log, days) == _plain_period_table(log, days)


def test_period_table_window_of_a_float_day_count_is_not_a_nanosecond_short():
    days = 0.3
    march = datetime(2024, 3, 1)
    log = [("a", march - timedelta(days=days)), ("z", march)]
    assert _kit_rows(log, days) == _plain_period_table(log, days)
