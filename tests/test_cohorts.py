"""Tests of retention_kit.cohorts.

Expected values are counted by hand (comments), or computed independently with DuckDB SQL.
"""

from __future__ import annotations

import copy

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import retention_kit.cohorts as cohorts_mod
from retention_kit.cohorts import cohort_matrix, cohort_sizes, cohort_table, compare_cohorts
from retention_kit.core.tables import cohort_table_from_aggregates
from retention_kit.errors import (
    InvalidAmountError,
    InvalidParameterError,
    MissingColumnError,
)
from retention_kit.stats import wilson_interval

TS = pd.Timestamp


@pytest.fixture
def log() -> pd.DataFrame:
    # A: Jan, Jan, Mar | B: Jan, Feb | C: Feb, Feb, Apr | D: Mar (last day, 23:00)
    return pd.DataFrame(
        {
            "cid": ["A", "B", "A", "C", "B", "C", "A", "D", "C"],
            "when": pd.to_datetime(
                [
                    "2024-01-05",
                    "2024-01-15",
                    "2024-01-20",
                    "2024-02-01",
                    "2024-02-10",
                    "2024-02-28",
                    "2024-03-02",
                    "2024-03-31 23:00",
                    "2024-04-01",
                ],
                format="ISO8601",
            ),
            "amount": [10.0, 20.0, 5.0, 7.0, 3.0, 1.0, 2.0, 100.0, 4.0],
            "campaign": ["x", "y", "z", None, "x", "x", "x", "y", "x"],
        }
    )


def test_cohort_table_by_hand(log):
    t = cohort_table(log, customer="cid", time="when")
    assert list(t.columns) == [
        "cohort",
        "age",
        "customers",
        "cohort_size",
        "rate",
        "rate_low",
        "rate_high",
        "complete",
    ]
    assert isinstance(t.index, pd.RangeIndex)
    # Jan cohort {A, B}: age 0 both, age 1 (Feb) B, age 2 (Mar) A, age 3 (Apr) nobody
    # Feb cohort {C}: age 0, age 1 (Mar) none, age 2 (Apr) C
    # Mar cohort {D}: age 0, age 1 (Apr) none.  No April cohort (nobody new in April).
    expected = pd.DataFrame(
        {
            "cohort": [TS("2024-01-01")] * 4 + [TS("2024-02-01")] * 3 + [TS("2024-03-01")] * 2,
            "age": [0, 1, 2, 3, 0, 1, 2, 0, 1],
            "customers": [2, 1, 1, 0, 1, 0, 1, 1, 0],
            "cohort_size": [2, 2, 2, 2, 1, 1, 1, 1, 1],
        }
    )
    got = t[["cohort", "age", "customers", "cohort_size"]]
    assert got["cohort"].tolist() == expected["cohort"].tolist()
    assert got["age"].tolist() == expected["age"].tolist()
    assert got["customers"].tolist() == expected["customers"].tolist()
    assert got["cohort_size"].tolist() == expected["cohort_size"].tolist()
    # rate = customers / size: 2/2, 1/2, 1/2, 0/2, 1, 0, 1, 1, 0
    assert t["rate"].tolist() == [1.0, 0.5, 0.5, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0]
    # the log ends 2024-04-01 00:00: April is not over, so the April cells (Jan age 3, Feb age
    # 2, Mar age 1) are incomplete, every other one is complete
    assert t["complete"].tolist() == [True, True, True, False, True, True, False, True, False]
    # Wilson 1/2 at 95 % (z = 1.959964, z^2 = 3.841459): centre 0.5,
    # half = z/(1 + z^2/2) * sqrt(0.25/2 + z^2/16) = 0.6710477 * sqrt(0.3650912)
    #      = 0.6710477 * 0.6042277 = 0.4054688 -> (0.0945312, 0.9054688)
    assert t.loc[1, "rate_low"] == pytest.approx(0.0945312, abs=1e-6)
    assert t.loc[1, "rate_high"] == pytest.approx(0.9054688, abs=1e-6)
    low, high = wilson_interval(t["customers"], t["cohort_size"])
    np.testing.assert_allclose(t["rate_low"], low)
    np.testing.assert_allclose(t["rate_high"], high)


def test_cohort_revenue_columns(log):
    t = cohort_table(log, customer="cid", time="when", amount="amount")
    jan = t[t["cohort"] == TS("2024-01-01")]
    # Jan cohort revenue: age0 = 10 + 20 + 5 = 35, age1 = 3 (B Feb), age2 = 2 (A Mar), age3 = 0
    assert jan["revenue"].tolist() == [35.0, 3.0, 2.0, 0.0]
    # per customer (size 2): 17.5, 1.5, 1, 0; cumulative 17.5, 19, 20, 20
    assert jan["revenue_per_customer"].tolist() == [17.5, 1.5, 1.0, 0.0]
    assert jan["cumulative_revenue_per_customer"].tolist() == [17.5, 19.0, 20.0, 20.0]
    feb = t[t["cohort"] == TS("2024-02-01")]
    # C: Feb 7 + 1 = 8, Mar 0, Apr 4 -> cumulative 8, 8, 12
    assert feb["cumulative_revenue_per_customer"].tolist() == [8.0, 8.0, 12.0]


def test_cohort_by_campaign_first_event_value(log):
    t = cohort_table(log, customer="cid", time="when", by="campaign")
    # first events: A 'x' (Jan 5), B 'y' (Jan 15), C None -> "(none)", D 'y'
    sizes = dict(zip(t.loc[t.age == 0, "cohort"], t.loc[t.age == 0, "cohort_size"], strict=True))
    assert sizes == {"x": 1, "y": 2, "(none)": 1}
    # cohort y = {B (Jan), D (Mar)}: oldest first period Jan -> ages 0..3 observable
    y = t[t["cohort"] == "y"]
    assert y["age"].tolist() == [0, 1, 2, 3]
    # age 1: B in Feb yes, D in Apr no -> 1; age 2: B Mar no -> 0
    assert y["customers"].tolist() == [2, 1, 0, 0]
    # cohort (none) = C, ages from Feb: 0..2, C back at age 2
    none = t[t["cohort"] == "(none)"]
    assert none["customers"].tolist() == [1, 0, 1]
    # the "(none)" label comes last
    assert t["cohort"].drop_duplicates().tolist() == ["x", "y", "(none)"]


def test_by_tie_breaks_on_row_order():
    df = pd.DataFrame(
        {
            "c": [1, 1, 2],
            "t": pd.to_datetime(["2024-01-01 10:00", "2024-01-01 10:00", "2024-01-01 09:00"]),
            "ch": ["ads", "email", "email"],
        }
    )
    sizes = cohort_sizes(df, customer="c", time="t", by="ch")
    # customer 1's two first events tie on time: the first row ('ads') wins
    assert dict(zip(sizes.cohort, sizes.cohort_size, strict=True)) == {"ads": 1, "email": 1}
    # reorder rows: now 'email' comes first for customer 1
    sizes2 = cohort_sizes(df.iloc[[1, 0, 2]], customer="c", time="t", by="ch")
    assert dict(zip(sizes2.cohort, sizes2.cohort_size, strict=True)) == {"email": 2}


def test_weekly_and_timezone():
    df = pd.DataFrame(
        {
            "c": [1, 1, 2],
            # Sunday 2024-03-10 and Monday 2024-03-11 (new week), Wednesday 2024-03-20
            "t": pd.to_datetime(
                ["2024-03-10 12:00", "2024-03-11 00:00", "2024-03-20 00:00"]
            ).tz_localize("Europe/Moscow"),
        }
    )
    t = cohort_table(df, customer="c", time="t", freq="W")
    # customer 1: week of Mon 03-04 (age 0) and week of 03-11 (age 1); customer 2: week 03-18
    assert t["cohort"].dt.tz is not None
    first = t[t["cohort"] == TS("2024-03-04", tz="Europe/Moscow")]
    assert first["age"].tolist() == [0, 1, 2]
    assert first["customers"].tolist() == [1, 1, 0]
    assert t["cohort"].drop_duplicates().tolist() == [
        TS("2024-03-04", tz="Europe/Moscow"),
        TS("2024-03-18", tz="Europe/Moscow"),
    ]


def test_id_kinds_and_dedupe_paths_agree(log, monkeypatch):
    base = cohort_table(log, customer="cid", time="when")
    ints = log.assign(cid=log["cid"].map({"A": 5, "B": 9, "C": 1_000_000_007, "D": -3}))
    dense = log.assign(cid=log["cid"].map({"A": 5, "B": 9, "C": 7, "D": 100}))
    for variant in (ints, dense):
        pd.testing.assert_frame_equal(cohort_table(variant, customer="cid", time="when"), base)
    monkeypatch.setattr(cohorts_mod, "_BITMAP_MIN_CELLS", -1)  # force the pd.unique path
    pd.testing.assert_frame_equal(cohort_table(dense, customer="cid", time="when"), base)


def test_cohort_matrix_and_sizes(log):
    m = cohort_matrix(log, customer="cid", time="when", values="rate", include_incomplete=True)
    assert m.shape == (3, 4)
    assert list(m.columns) == [0, 1, 2, 3]
    assert (m[0] == 1.0).all()
    # Jan: 1, .5, .5, 0; Feb: 1, 0, 1, NaN; Mar: 1, 0, NaN, NaN
    np.testing.assert_array_equal(
        m.to_numpy(),
        np.array([[1, 0.5, 0.5, 0], [1, 0, 1, np.nan], [1, 0, np.nan, np.nan]]),
    )
    # by default the April diagonal (the log ends on April 1, 00:00) is left empty
    hidden = cohort_matrix(log, customer="cid", time="when", values="rate")
    np.testing.assert_array_equal(
        hidden.to_numpy(),
        np.array([[1, 0.5, 0.5, np.nan], [1, 0, np.nan, np.nan], [1, np.nan, np.nan, np.nan]]),
    )
    # observed until May 1, April is over: the cells come back
    may = cohort_matrix(log, customer="cid", time="when", values="rate", observed_until="2024-05")
    np.testing.assert_array_equal(may.to_numpy(), m.to_numpy())
    cnt = cohort_matrix(log, customer="cid", time="when")
    assert cnt.loc[TS("2024-01-01")].tolist()[:3] == [2, 1, 1]
    assert np.isnan(cnt.loc[TS("2024-01-01"), 3])
    ltv = cohort_matrix(
        log, customer="cid", time="when", values="cumulative_revenue_per_customer", amount="amount"
    )
    assert ltv.loc[TS("2024-03-01"), 0] == 100.0
    s = cohort_sizes(log, customer="cid", time="when")
    assert list(s.columns) == ["cohort", "cohort_size"]
    assert s["cohort_size"].tolist() == [2, 1, 1]


def test_errors(log):
    with pytest.raises(MissingColumnError, match="nope"):
        cohort_table(log, customer="nope", time="when")
    with pytest.raises(InvalidParameterError, match="freq"):
        cohort_table(log, customer="cid", time="when", freq="fortnight")
    with pytest.raises(InvalidParameterError, match="values"):
        cohort_matrix(log, customer="cid", time="when", values="retention")
    with pytest.raises(InvalidParameterError, match="amount"):
        cohort_matrix(log, customer="cid", time="when", values="revenue")
    bad = log.assign(amount=["1", "2", "x", "4", "5", "6", "7", "8", "9"])
    with pytest.raises(InvalidAmountError, match="'x'"):
        cohort_table(bad, customer="cid", time="when", amount="amount")
    with pytest.raises(MissingColumnError, match="campaign2"):
        cohort_table(log, customer="cid", time="when", by="campaign2")


def test_compare_cohorts_by_hand():
    table = pd.DataFrame(
        {
            "cohort": [TS("2024-01-01")] * 2 + [TS("2024-02-01")] * 2,
            "age": [0, 1, 0, 1],
            "customers": [400, 120, 400, 80],
            "cohort_size": [400, 400, 400, 400],
        }
    )
    r = compare_cohorts(table, a="2024-01-01", b=TS("2024-02-01"), age=1)
    assert len(r) == 1
    row = r.iloc[0]
    # 120/400 vs 80/400: z = 0.1 / sqrt(0.25*0.75*2/400) = 3.265986, p = 0.001091
    assert row.customers_a == 120 and row.cohort_size_b == 400
    assert row.difference == pytest.approx(0.1)
    assert row.z == pytest.approx(3.265986, abs=1e-5)
    assert row.p_value == pytest.approx(0.001091, abs=2e-6)
    assert bool(row.significant)
    with pytest.raises(InvalidParameterError, match="2023-05-01"):
        compare_cohorts(table, a="2023-05-01", b="2024-02-01")
    with pytest.raises(InvalidParameterError, match="age"):
        compare_cohorts(table, a="2024-01-01", b="2024-02-01", age=5)
    with pytest.raises(MissingColumnError, match="customers"):
        compare_cohorts(table.drop(columns="customers"), a="2024-01-01", b="2024-02-01")


def test_compare_cohorts_on_real_table(log):
    t = cohort_table(log, customer="cid", time="when", by="campaign")
    r = compare_cohorts(t, a="y", b="x", age=1)
    # y: 1 of 2 at age 1; x (A): A not active in Feb -> 0 of 1
    assert (r.customers_a.iloc[0], r.cohort_size_a.iloc[0]) == (1, 2)
    assert (r.customers_b.iloc[0], r.cohort_size_b.iloc[0]) == (0, 1)


def test_inputs_not_mutated(log):
    before = copy.deepcopy(log)
    cohort_table(log, customer="cid", time="when", amount="amount", by="campaign")
    cohort_matrix(log, customer="cid", time="when", values="rate")
    cohort_sizes(log, customer="cid", time="when")
    pd.testing.assert_frame_equal(log, before)
    t = cohort_table(log, customer="cid", time="when")
    t0 = t.copy(deep=True)
    compare_cohorts(t, a="2024-01-01", b="2024-02-01", age=1)
    pd.testing.assert_frame_equal(t, t0)


DUCK_SQL = """
WITH t AS (SELECT c, date_trunc('month', ts) AS p, amt FROM ev),
f AS (SELECT c, min(p) AS cohort FROM t GROUP BY c),
x AS (SELECT DISTINCT c, p FROM t),
cnt AS (
    SELECT f.cohort, datediff('month', f.cohort, x.p) AS age, count(*) AS customers
    FROM x JOIN f USING (c) GROUP BY ALL),
rev AS (
    SELECT f.cohort, datediff('month', f.cohort, t.p) AS age, sum(t.amt) AS revenue
    FROM t JOIN f USING (c) GROUP BY ALL),
size AS (SELECT cohort, count(*) AS cohort_size FROM f GROUP BY cohort)
SELECT cnt.cohort, cnt.age, cnt.customers, size.cohort_size, rev.revenue
FROM cnt JOIN size USING (cohort) JOIN rev USING (cohort, age)
ORDER BY cohort, age
"""


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.integers(0, 400), st.integers(0, 100)),
        min_size=1,
        max_size=60,
    )
)
def test_matches_duckdb(rows):
    ev = pd.DataFrame(
        {
            "c": np.array([r[0] for r in rows], dtype="int64"),
            "ts": pd.Timestamp("2023-11-15")
            + pd.to_timedelta(np.array([r[1] for r in rows]), unit="D"),
            "amt": np.array([r[2] for r in rows], dtype="float64"),
        }
    )
    got = cohort_table(ev, customer="c", time="ts", amount="amt")
    con = duckdb.connect()
    con.register("ev", ev)
    want = con.execute(DUCK_SQL).df()
    con.close()
    # the kit's table has extra zero rows; the non-zero ones must equal DuckDB's exactly
    nz = got[got["customers"] > 0].reset_index(drop=True)
    assert nz["cohort"].tolist() == pd.to_datetime(want["cohort"]).tolist()
    assert nz["age"].tolist() == want["age"].tolist()
    assert nz["customers"].tolist() == want["customers"].tolist()
    assert nz["cohort_size"].tolist() == want["cohort_size"].tolist()
    np.testing.assert_allclose(nz["revenue"], want["revenue"])
    # zero rows have no revenue; ages run 0..(last month - cohort month) with no gaps
    assert (got.loc[got["customers"] == 0, "revenue"] == 0).all()
    last = ev["ts"].max().to_period("M")
    for cohort, grp in got.groupby("cohort"):
        span = (last - cohort.to_period("M")).n
        assert grp["age"].tolist() == list(range(span + 1))
    # the engine path: DuckDB's aggregates (cohort as a month ordinal) finished by the kit
    months = pd.to_datetime(want["cohort"])
    agg = want.assign(cohort=(months.dt.year - 1970) * 12 + months.dt.month - 1)
    last_ord = (last.year - 1970) * 12 + last.month - 1
    until = ev["ts"].max()
    first_open = (until.year - 1970) * 12 + until.month - 1  # the month the log ends in
    pd.testing.assert_frame_equal(
        cohort_table_from_aggregates(agg, last_ord, freq="M", first_open=first_open),
        got,
        check_dtype=False,
    )
