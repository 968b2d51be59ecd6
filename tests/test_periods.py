"""period_table / subscription_period_table: hand-worked logs, the sources' example, and a
cross-check against an independent DuckDB SQL implementation of the same definitions."""

from __future__ import annotations

import copy
import warnings

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import retention_kit as rk
from retention_kit import periods as periods_mod

COUNTS = ["start", "new", "first_time", "reactivated", "lost", "end"]


def ts(*values: str, tz: str | None = None) -> pd.Series:
    s = pd.Series(pd.to_datetime(list(values), format="ISO8601"))
    return s.dt.tz_localize(tz) if tz else s


@pytest.fixture(params=["grid", "sort"])
def both_paths(request):
    """Run a by-hand test on both counting paths of the kit."""
    with force_path(request.param):
        yield request.param


def counts(table: pd.DataFrame) -> list[list[int]]:
    return table[COUNTS].astype(int).values.tolist()


# --------------------------------------------------------------------------- by hand


@pytest.mark.usefixtures("both_paths")
def test_monthly_by_hand_boundaries_one_event_and_two_intervals():
    log = pd.DataFrame(
        {
            "cid": ["a", "a", "b", "c", "c"],
            "when": ts(
                "2024-01-10",
                "2024-02-10",
                "2024-02-20",
                "2024-01-31 23:00",
                "2024-03-01 00:00",  # exactly on the Mar 1 boundary
            ),
        }
    )
    before = copy.deepcopy(log)
    t = rk.period_table(log, customer="cid", time="when", freq="M", active_days=31)
    pd.testing.assert_frame_equal(log, before)
    # boundaries Jan 1, Feb 1, Mar 1, Apr 1; active at b = an event in [b - 31 days, b)
    # Jan 1: window [Dec 1, Jan 1) -> {}          Feb 1: [Jan 1, Feb 1) -> {a, c}
    # Mar 1: [Jan 29, Mar 1) -> {a (Feb 10), b (Feb 20), c (Jan 31 23:00)}; c's Mar 1 00:00
    #        event is not before Mar 1
    # Apr 1: [Mar 1, Apr 1) -> {c} (Mar 1 00:00 counts now)
    # Jan: S 0, N 2 (a, c first-time), L 0, E 2
    # Feb: S 2, N 1 (b, first-time), L 0, E 3; crr = (3 - 1) / 2 = 1
    # Mar: S 3, N 0, L 2 (a, b), E 1; c kept via a different purchase; crr = (1 - 0) / 3
    assert list(t.columns) == periods_mod.COLUMNS
    assert list(t["period"]) == list(pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]))
    assert counts(t) == [[0, 2, 2, 0, 0, 2], [2, 1, 1, 0, 0, 3], [3, 0, 0, 0, 2, 1]]
    assert np.isnan(t["crr"].iloc[0]) and np.isnan(t["churn"].iloc[0])
    assert t["crr"].iloc[1] == 1.0 and t["churn"].iloc[1] == 0.0
    assert t["crr"].iloc[2] == pytest.approx(1 / 3)
    assert t["churn"].iloc[2] == pytest.approx(2 / 3)
    assert isinstance(t.index, pd.RangeIndex)


@pytest.mark.usefixtures("both_paths")
def test_reactivation_by_hand():
    log = pd.DataFrame({"customer_id": [7, 7], "time": ts("2024-01-25", "2024-03-25")})
    t = rk.period_table(log, customer="customer_id", time="time", freq="M", active_days=10)
    # Feb 1: window [Jan 22, Feb 1) -> active; Mar 1: [Feb 20, Mar 1) -> not; Apr 1: active
    # Jan: N 1 first-time; Feb: S 1, L 1, E 0, crr 0; Mar: S 0, N 1 reactivated, E 1
    assert counts(t) == [[0, 1, 1, 0, 0, 1], [1, 0, 0, 0, 1, 0], [0, 1, 0, 1, 0, 1]]
    assert t["crr"].iloc[1] == 0.0 and t["churn"].iloc[1] == 1.0


@pytest.mark.usefixtures("both_paths")
def test_short_window_first_time_needs_activity_at_period_end():
    # a single purchase on Jan 5 with a 10-day window is over before Feb 1: never counted
    log = pd.DataFrame({"customer_id": [1, 2], "time": ts("2024-01-05", "2024-01-28")})
    t = rk.period_table(log, customer="customer_id", time="time", freq="M", active_days=10)
    # Feb 1: window [Jan 22, Feb 1) -> {2}
    assert counts(t) == [[0, 1, 1, 0, 0, 1]]


@pytest.mark.usefixtures("both_paths")
def test_weekly_by_hand_event_on_monday_midnight():
    log = pd.DataFrame(
        {"u": ["x", "x", "y"], "t": ts("2024-01-03 12:00", "2024-01-10 09:00", "2024-01-08")}
    )
    t = rk.period_table(log, customer="u", time="t", freq="week", active_days=7)
    # 2024-01-01 is a Monday: boundaries Jan 1, Jan 8, Jan 15
    # Jan 8: [Jan 1, Jan 8) -> {x}; y at Jan 8 00:00 is not before Jan 8
    # Jan 15: [Jan 8, Jan 15) -> {x, y}
    assert list(t["period"]) == list(pd.to_datetime(["2024-01-01", "2024-01-08"]))
    assert counts(t) == [[0, 1, 1, 0, 0, 1], [1, 1, 1, 0, 0, 2]]
    assert t["crr"].iloc[1] == 1.0  # (2 - 1) / 1


@pytest.mark.usefixtures("both_paths")
def test_daily_in_a_time_zone():
    # 2024-03-01 22:30 UTC is 03-02 01:30 in Moscow (UTC+3): days are Moscow days
    utc = ts("2024-03-01 22:30", "2024-03-02 20:00", "2024-03-03 07:00", tz="UTC")
    log = pd.DataFrame({"c": ["p", "q", "p"], "t": utc.dt.tz_convert("Europe/Moscow")})
    t = rk.period_table(log, customer="c", time="t", freq="D", active_days=1)
    # boundaries Mar 2, 3, 4 00:00 MSK; Mar 3: [Mar 2, Mar 3) -> {p, q}; Mar 4: [Mar 3, 4) -> {p}
    assert list(t["period"]) == [
        pd.Timestamp("2024-03-02", tz="Europe/Moscow"),
        pd.Timestamp("2024-03-03", tz="Europe/Moscow"),
    ]
    assert counts(t) == [[0, 2, 2, 0, 0, 2], [2, 0, 0, 0, 1, 1]]
    assert t["crr"].iloc[1] == 0.5  # (1 - 0) / 2


@pytest.mark.usefixtures("both_paths")
def test_start_end_extend_and_trim_the_range():
    log = pd.DataFrame(
        {"customer_id": [1, 1, 2], "time": ts("2023-12-20", "2024-01-15", "2024-03-10")}
    )
    t = rk.period_table(
        log,
        customer="customer_id",
        time="time",
        freq="M",
        active_days=30,
        since="2024-01-10",
        until="2024-02-29",
    )
    # periods Jan, Feb; the Dec 20 purchase still makes 1 active at Jan 1 ([Dec 2, Jan 1))
    # Feb 1: [Jan 2, Feb 1) -> {1}; Mar 1: [Jan 31, Mar 1) -> {}
    assert list(t["period"]) == list(pd.to_datetime(["2024-01-01", "2024-02-01"]))
    assert counts(t) == [[1, 0, 0, 0, 0, 1], [1, 0, 0, 0, 1, 0]]
    early = rk.period_table(
        log, customer="customer_id", time="time", freq="M", active_days=30, since="2023-10-01"
    )
    assert len(early) == 6 and counts(early)[:2] == [[0] * 6, [0] * 6]  # Oct, Nov: nobody


def test_wilson_interval_columns_match_stats():
    log = pd.DataFrame(
        {
            "customer_id": [1, 2, 3, 1, 2],
            "time": ts(*["2024-01-05"] * 3, "2024-02-03", "2024-02-04"),
        }
    )
    t = rk.period_table(log, customer="customer_id", time="time", freq="M", active_days=45)
    # Feb: S 3, E 2 (1, 2 bought again; 3's Jan 5 purchase is > 45 days before Mar 1? Jan 5 +
    # 45 days = Feb 19 < Mar 1, so 3 is lost); retained = 2 of 3
    row = t.iloc[1]
    assert (row["start"], row["lost"], row["end"]) == (3, 1, 2)
    low, high = rk.wilson_interval(2, 3)
    assert row["crr_low"] == pytest.approx(low) and row["crr_high"] == pytest.approx(high)
    assert np.isnan(t["crr_low"].iloc[0])


def test_float_customer_ids_and_string_dates():
    log = pd.DataFrame({"CustomerID": [17850.0, 17850.0, 13047.0], "d": ["2011-01-05"] * 3})
    t = rk.period_table(log, customer="CustomerID", time="d", freq="M")
    assert counts(t) == [[0, 2, 2, 0, 0, 2]]


@pytest.mark.parametrize("bad", [0, -5, float("nan"), "90", True, None])
def test_active_days_must_be_positive(bad):
    log = pd.DataFrame({"customer_id": [1], "time": ts("2024-01-05")})
    with pytest.raises(rk.InvalidParameterError, match="active_days"):
        rk.period_table(log, customer="customer_id", time="time", active_days=bad)


def test_bad_freq_and_missing_column():
    log = pd.DataFrame({"customer_id": [1], "time": ts("2024-01-05")})
    with pytest.raises(rk.InvalidParameterError, match="freq"):
        rk.period_table(log, customer="customer_id", time="time", freq="fortnight")
    with pytest.raises(rk.MissingColumnError, match="customer_id"):
        rk.period_table(
            log.rename(columns={"customer_id": "cid"}), customer="customer_id", time="time"
        )


# --------------------------------------------------------------------------- sources' example


@pytest.mark.usefixtures("both_paths")
def test_sources_first_example_from_a_subscription_table():
    # article 000: S = 50, N = 6, L = 2, E = 54 -> CRR = (54 - 6) / 50 = 96 %, churn 4 %
    ends = [pd.NaT] * 48 + [pd.Timestamp("2020-01-15")] * 2
    subs = pd.DataFrame(
        {
            "customer_id": range(56),
            "start": [pd.Timestamp("2019-12-01")] * 50 + [pd.Timestamp("2020-01-10")] * 6,
            "end": ends + [pd.NaT] * 6,
        }
    )
    before = copy.deepcopy(subs)
    t = rk.subscription_period_table(
        subs,
        customer="customer_id",
        start_time="start",
        end_time="end",
        freq="M",
        as_of="2020-01-31",
    )
    pd.testing.assert_frame_equal(subs, before)
    jan = t.set_index("period").loc[pd.Timestamp("2020-01-01")]
    assert (jan["start"], jan["new"], jan["lost"], jan["end"]) == (50, 6, 2, 54)
    assert jan["first_time"] == 6 and jan["reactivated"] == 0
    assert jan["crr"] == pytest.approx(0.96) and jan["churn"] == pytest.approx(0.04)
    assert jan["crr"] == pytest.approx(rk.crr(start=50, new=6, end=54))


@pytest.mark.usefixtures("both_paths")
def test_subscriptions_by_hand_overlap_zero_length_and_return():
    subs = pd.DataFrame(
        {
            "cust": ["A", "A", "B", "B", "C"],
            "from": ts("2024-01-01", "2024-01-15", "2024-01-10", "2024-02-15", "2024-02-01"),
            "to": ts("2024-02-01", "2024-03-01", "2024-01-20", "NaT", "2024-02-01"),
        }
    )
    t = rk.subscription_period_table(
        subs, customer="cust", start_time="from", end_time="to", as_of="2024-03-15"
    )
    # active when from <= t < to. Jan 1: {A}; Feb 1: {A (2nd sub)}, C's [Feb 1, Feb 1) is empty
    # Mar 1: {B (open since Feb 15)}, A ended at Mar 1; Apr 1: {B}
    # Feb: A lost, B new -- B had a January subscription, so it is reactivated, not first-time
    assert counts(t) == [[1, 0, 0, 0, 0, 1], [1, 1, 0, 1, 1, 1], [1, 0, 0, 0, 0, 1]]
    assert t["crr"].tolist() == [1.0, 0.0, 1.0]


def test_subscription_end_before_start_names_the_row():
    subs = pd.DataFrame(
        {"customer_id": [1, 2], "start": ["2024-01-01", "2024-03-01"], "end": [None, "2024-02-01"]}
    )
    with pytest.raises(rk.InvalidDateError, match="row 1"):
        rk.subscription_period_table(
            subs, customer="customer_id", start_time="start", end_time="end"
        )


# --------------------------------------------------------------------------- DuckDB reference

EVENT_SQL = """
WITH act AS (
  SELECT DISTINCT b.k, ev.c FROM bounds b JOIN ev ON ev.x < b.t AND ev.x >= b.t - {w}
), s AS (SELECT k, count(*) AS n FROM act GROUP BY k
), lost AS (
  SELECT a.k, count(*) AS n FROM act a LEFT JOIN act e ON e.c = a.c AND e.k = a.k + 1
  WHERE e.c IS NULL GROUP BY a.k
), new AS (
  SELECT a.k - 1 AS k, count(*) AS n FROM act a LEFT JOIN act e ON e.c = a.c AND e.k = a.k - 1
  WHERE e.c IS NULL GROUP BY a.k
), f AS (SELECT c, min(x) AS f FROM ev GROUP BY c
), ft AS (
  SELECT b0.k, count(*) AS n FROM f
  JOIN bounds b0 ON f.f >= b0.t JOIN bounds b1 ON b1.k = b0.k + 1 AND f.f < b1.t
  JOIN act a ON a.c = f.c AND a.k = b1.k GROUP BY b0.k
)
SELECT p.k, coalesce(s0.n, 0) AS start, coalesce(new.n, 0) AS new,
       coalesce(ft.n, 0) AS first_time, coalesce(lost.n, 0) AS lost, coalesce(s1.n, 0) AS "end"
FROM bounds p LEFT JOIN s s0 ON s0.k = p.k LEFT JOIN s s1 ON s1.k = p.k + 1
  LEFT JOIN lost ON lost.k = p.k LEFT JOIN new ON new.k = p.k LEFT JOIN ft ON ft.k = p.k
WHERE p.k < (SELECT max(k) FROM bounds) ORDER BY p.k
"""

SUB_SQL = """
WITH act AS (
  SELECT DISTINCT b.k, sub.c FROM bounds b
  JOIN sub ON sub.s <= b.t AND (sub.e IS NULL OR b.t < sub.e)
), s AS (SELECT k, count(*) AS n FROM act GROUP BY k
), lost AS (
  SELECT a.k, count(*) AS n FROM act a LEFT JOIN act e ON e.c = a.c AND e.k = a.k + 1
  WHERE e.c IS NULL GROUP BY a.k
), new AS (
  SELECT a.k - 1 AS k, count(*) AS n FROM act a LEFT JOIN act e ON e.c = a.c AND e.k = a.k - 1
  WHERE e.c IS NULL GROUP BY a.k
), f AS (SELECT c, min(s) AS f FROM sub GROUP BY c
), ft AS (   -- first subscription starts in (b_k, b_k+1] and the customer is active at b_k+1
  SELECT b0.k, count(*) AS n FROM f
  JOIN bounds b0 ON f.f > b0.t JOIN bounds b1 ON b1.k = b0.k + 1 AND f.f <= b1.t
  JOIN act a ON a.c = f.c AND a.k = b1.k GROUP BY b0.k
)
SELECT p.k, coalesce(s0.n, 0) AS start, coalesce(new.n, 0) AS new,
       coalesce(ft.n, 0) AS first_time, coalesce(lost.n, 0) AS lost, coalesce(s1.n, 0) AS "end"
FROM bounds p LEFT JOIN s s0 ON s0.k = p.k LEFT JOIN s s1 ON s1.k = p.k + 1
  LEFT JOIN lost ON lost.k = p.k LEFT JOIN new ON new.k = p.k LEFT JOIN ft ON ft.k = p.k
WHERE p.k < (SELECT max(k) FROM bounds) ORDER BY p.k
"""

PANDAS_FREQ = {"D": "D", "W": "W-SUN", "M": "M", "Q": "Q"}


def epoch_us(times: pd.Series) -> np.ndarray:
    t = times.dt.tz_convert("UTC").dt.tz_localize(None) if times.dt.tz is not None else times
    return ((t - pd.Timestamp("1970-01-01")) // pd.Timedelta(microseconds=1)).to_numpy("int64")


def reference_bounds(first: pd.Timestamp, last: pd.Timestamp, freq: str, tz) -> pd.DataFrame:
    """Boundaries by pd.period_range on wall-clock times, localised (independent of the kit)."""
    wall = [v.tz_localize(None) if v.tzinfo else v for v in (first, last)]
    per = pd.period_range(wall[0], wall[1], freq=PANDAS_FREQ[freq])
    per = per.append(pd.PeriodIndex([per[-1] + 1]))
    starts = pd.DatetimeIndex(per.start_time)
    if tz is not None:
        starts = starts.tz_localize(tz)
    return pd.DataFrame({"k": np.arange(len(starts)), "t": epoch_us(pd.Series(starts))})


def duckdb_period_table(log: pd.DataFrame, freq: str, active_days: float, tz) -> pd.DataFrame:
    bounds = reference_bounds(log["time"].min(), log["time"].max(), freq, tz)
    ev = pd.DataFrame({"c": log["customer_id"].astype(str), "x": epoch_us(log["time"])})
    w = round(active_days * 86400 * 10**6)
    con = duckdb.connect()
    con.register("bounds", bounds)
    con.register("ev", ev)
    out = con.sql(EVENT_SQL.format(w=w)).df()
    con.close()
    out["reactivated"] = out["new"] - out["first_time"]
    return out


def assert_same_counts(t: pd.DataFrame, ref: pd.DataFrame) -> None:
    assert len(t) == len(ref)
    for col in COUNTS:
        assert t[col].astype(int).tolist() == ref[col].astype(int).tolist(), col
    # the identity S + N - L = E, row by row
    assert (t["start"] + t["new"] - t["lost"] == t["end"]).all()
    s = t["start"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        expected = (t["end"] - t["new"]).to_numpy(float) / np.where(s > 0, s, np.nan)
    np.testing.assert_allclose(t["crr"].to_numpy(float), expected, equal_nan=True)


class force_path:
    """Run the kit's counting on the grid (``"grid"``) or the sort-based path (``"sort"``)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __enter__(self) -> None:
        self.saved = (periods_mod._GRID_CELLS_PER_ROW, periods_mod._GRID_MIN_CELLS)
        big = self.path == "grid"
        periods_mod._GRID_CELLS_PER_ROW = 1e12 if big else 0
        periods_mod._GRID_MIN_CELLS = 1 << 40 if big else 0

    def __exit__(self, *exc) -> None:
        periods_mod._GRID_CELLS_PER_ROW, periods_mod._GRID_MIN_CELLS = self.saved


BASE = pd.Timestamp("2024-01-01")
month_starts = st.sampled_from(list(pd.date_range("2024-01-01", periods=8, freq="MS")))
instants = st.one_of(
    st.integers(0, 220 * 86400).map(lambda s: BASE + pd.Timedelta(seconds=s)),
    month_starts,  # exactly on monthly (and some weekly/daily) boundaries
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(st.tuples(st.integers(0, 4), instants), min_size=1, max_size=40),
    freq=st.sampled_from(["D", "W", "M", "Q"]),
    active_days=st.sampled_from([1, 3.5, 7, 30, 90]),
    tz=st.sampled_from([None, "Europe/Berlin", "America/New_York"]),
    path=st.sampled_from(["grid", "sort"]),
    string_ids=st.booleans(),
)
def test_matches_duckdb_on_random_logs(rows, freq, active_days, tz, path, string_ids):
    ids = [f"c{c}" if string_ids else c * 1000 for c, _ in rows]
    times = pd.Series([t for _, t in rows]).astype("datetime64[us]")
    if tz is not None:
        times = times.dt.tz_localize("UTC").dt.tz_convert(tz)
    log = pd.DataFrame({"customer_id": ids, "time": times})
    with force_path(path):
        t = rk.period_table(
            log, customer="customer_id", time="time", freq=freq, active_days=active_days
        )
    assert_same_counts(t, duckdb_period_table(log, freq, active_days, tz))


@pytest.mark.parametrize("freq", ["W", "M"])
@pytest.mark.parametrize("path", ["grid", "sort"])
def test_matches_duckdb_on_a_generated_log(freq, path):
    log = rk.synthetic.large_transactions(n_rows=20_000, n_customers=1_500, seed=3)
    with force_path(path):
        t = rk.period_table(log, customer="customer_id", time="time", freq=freq, active_days=60)
    assert_same_counts(t, duckdb_period_table(log, freq, 60, None))


def duckdb_subscription_table(subs: pd.DataFrame, freq: str, as_of: pd.Timestamp) -> pd.DataFrame:
    bounds = reference_bounds(subs["start"].min(), as_of, freq, None)
    e = subs["end"]
    sub = pd.DataFrame(
        {
            "c": subs["customer_id"].astype(str),
            "s": epoch_us(subs["start"]),
            "e": pd.array(np.where(e.isna(), 0, epoch_us(e.fillna(BASE))), dtype="Int64"),
        }
    )
    sub.loc[e.isna().to_numpy(), "e"] = pd.NA
    con = duckdb.connect()
    con.register("bounds", bounds)
    con.register("sub", sub)
    out = con.sql(SUB_SQL).df()
    con.close()
    out["reactivated"] = out["new"] - out["first_time"]
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=st.lists(
        st.tuples(st.integers(0, 6), instants, st.one_of(st.none(), st.integers(0, 120))),
        min_size=1,
        max_size=25,
    ),
    freq=st.sampled_from(["W", "M", "Q"]),
    path=st.sampled_from(["grid", "sort"]),
)
def test_subscriptions_match_duckdb(rows, freq, path):
    starts = pd.Series([t for _, t, _ in rows]).astype("datetime64[us]")
    days = pd.Series([np.nan if d is None else d for _, _, d in rows])
    ends = (starts + pd.to_timedelta(days, unit="D")).astype("datetime64[us]")
    subs = pd.DataFrame({"customer_id": [c for c, _, _ in rows], "start": starts, "end": ends})
    as_of = max(starts.max(), ends.max()) if ends.notna().any() else starts.max()
    with force_path(path):
        t = rk.subscription_period_table(
            subs, customer="customer_id", start_time="start", end_time="end", freq=freq
        )
    assert_same_counts(t, duckdb_subscription_table(subs, freq, as_of))


def test_input_not_mutated_with_string_dates_and_warning_free():
    log = pd.DataFrame(
        {"customer_id": [1, 2, 1], "time": ["2024-01-01", "2024-01-20", "2024-02-03"]}
    )
    before = copy.deepcopy(log)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rk.period_table(log, customer="customer_id", time="time")
    pd.testing.assert_frame_equal(log, before)


def test_subscription_period_table_refuses_an_engine_and_says_why():
    subs = pd.DataFrame(
        {"c": [1], "s": pd.to_datetime(["2024-01-01"]), "e": pd.to_datetime([None])}
    )
    with pytest.raises(rk.InvalidParameterError, match="runs on pandas only.*backend='duckdb'"):
        rk.subscription_period_table(
            subs, customer="c", start_time="s", end_time="e", backend="duckdb"
        )


def test_period_table_takes_everything_but_the_data_by_keyword():
    log = pd.DataFrame({"c": [1], "t": pd.to_datetime(["2024-01-01"])})
    with pytest.raises(TypeError, match="positional"):
        rk.period_table(log, "c", "t")
    with pytest.raises(rk.InvalidParameterError, match="since='2024-03-01' is after until"):
        rk.period_table(log, customer="c", time="t", since="2024-03-01", until="2024-01-01")


def test_an_absurd_activity_window_is_the_kits_error_not_an_overflow():
    log = pd.DataFrame({"c": ["a"], "t": pd.to_datetime(["2024-01-05"])})
    expected = r"active_days=1000000000000.0: .*below 36,500"
    with pytest.raises(rk.InvalidParameterError, match=expected):
        rk.period_table(log, customer="c", time="t", active_days=1e12)
