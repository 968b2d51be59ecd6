"""day_n_retention at the end of the data (pandas path), worked by hand.

Written against mutmut survivors in day_n.py: a user whose day N ends exactly when observation
ends is eligible (the day is fully observed), one whose day N ends a second later is not; a
naive observed_until on zoned data is wall-clock time of the data's zone.
"""

from __future__ import annotations

import importlib.util
import re

import numpy as np
import pandas as pd
import pytest

import retention_kit as rk
from retention_kit.errors import InvalidParameterError

MSK = "Europe/Moscow"


def _log(tz=None):
    t = pd.to_datetime(
        [
            "2024-03-04 10:00:00",  # u1 arrives
            "2024-03-05 12:00:00",  # u1 back on calendar day 1 (and within 24-48 h)
            "2024-03-04 10:00:01",  # u2 arrives a second later
            "2024-03-05 12:00:00",  # u2 back too
        ]
    )
    if tz:
        t = t.tz_localize(tz)
    return pd.DataFrame({"u": ["u1", "u1", "u2", "u2"], "t": t})


@pytest.mark.parametrize("tz", [None, MSK])
def test_rolling_day_ending_exactly_at_observation_end_is_eligible(tz):
    # u1's day 1 is [Mar 5 10:00, Mar 6 10:00): over exactly at observed_until; u2's a second later
    r = rk.day_n_retention(
        _log(tz),
        customer="u",
        time="t",
        days=[1],
        method="rolling",
        observed_until="2024-03-06 10:00",
    ).iloc[0]
    assert (r["users"], r["retained"]) == (1, 1)
    assert not r["complete"]


@pytest.mark.parametrize("tz", [None, MSK])
def test_calendar_day_ending_exactly_at_observation_end_is_eligible(tz):
    # calendar day 1 of both users is 5 March, over at 6 March 00:00 (wall-clock of the data)
    r = rk.day_n_retention(
        _log(tz),
        customer="u",
        time="t",
        days=[1],
        method="calendar",
        observed_until="2024-03-06",
    ).iloc[0]
    assert (r["users"], r["retained"]) == (2, 2) and r["complete"]
    r = rk.day_n_retention(
        _log(tz),
        customer="u",
        time="t",
        days=[1],
        method="calendar",
        observed_until="2024-03-05 23:59:59",
    ).iloc[0]
    assert r["users"] == 0 and pd.isna(r["rate"])


# ---------------------------------------------------------------- the engine branch (DuckDB)
# The same hand-made edge logs on pandas and on DuckDB: the day_n.py code that hands a call to
# an engine (observed_until in the data's zone, the wall-clock zone, every argument) is only
# reached with backend= (or an Ibis table). DuckDB only: fast, in-process.

needs_ibis = pytest.mark.skipif(
    importlib.util.find_spec("ibis") is None, reason="the engine path needs ibis + duckdb"
)
BACKENDS = [None, pytest.param("duckdb", marks=needs_ibis)]


def _exact(message: str) -> str:
    """A match= pattern for the whole message (a changed word at either end fails it)."""
    return "^" + re.escape(message) + "$"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("tz", [None, MSK])
def test_rolling_edge_on_each_backend(tz, backend):
    # as test_rolling_day_ending_exactly_at_observation_end_is_eligible: a naive observed_until
    # on zoned data is wall-clock time of the data's zone (Moscow), also where the engine counts
    # 24-hour windows on UTC; read as UTC it would be 13:00 Moscow and u2 would be eligible too
    r = rk.day_n_retention(
        _log(tz),
        customer="u",
        time="t",
        days=[1],
        method="rolling",
        observed_until="2024-03-06 10:00",
        backend=backend,
    ).iloc[0]
    assert (r["users"], r["retained"], r["complete"]) == (1, 1, False)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("tz", [None, MSK])
def test_calendar_edge_on_each_backend(tz, backend):
    kw = dict(customer="u", time="t", days=[1], method="calendar", backend=backend)
    r = rk.day_n_retention(_log(tz), observed_until="2024-03-06", **kw).iloc[0]
    assert (r["users"], r["retained"], r["complete"]) == (2, 2, True)
    r = rk.day_n_retention(_log(tz), observed_until="2024-03-05 23:59:59", **kw).iloc[0]
    assert r["users"] == 0 and pd.isna(r["rate"])


def _dst_log():
    # New York springs forward on 2024-03-10 at 02:00 (EST, UTC-5 -> EDT, UTC-4)
    t = pd.to_datetime(
        [
            "2024-03-09 12:00",  # a arrives (17:00 UTC)
            "2024-03-10 12:30",  # a back: 16:30 UTC, 23.5 real hours later -> rolling day 0
            "2024-03-09 12:00",  # b arrives
            "2024-03-10 13:00",  # b back: 17:00 UTC, exactly 24 h later -> rolling day 1
            "2024-03-20 12:00",  # z: extends the data
        ]
    ).tz_localize("America/New_York")
    return pd.DataFrame({"u": ["a", "a", "b", "b", "z"], "t": t})


@pytest.mark.parametrize("backend", BACKENDS)
def test_rolling_windows_are_real_24_hours_across_a_dst_switch(backend):
    kw = dict(customer="u", time="t", days=[0, 1], backend=backend)
    r = rk.day_n_retention(_dst_log(), method="rolling", **kw)
    # day 0 holds each first event (2 of 2); day 1: b only, a came back 23.5 real hours later.
    # On New York's wall clock a's return would be 24.5 h later (day 1): the engine must count
    # on UTC. z is eligible for neither day.
    assert r["users"].tolist() == [2, 2]
    assert r["retained"].tolist() == [2, 1]
    # calendar days in the data's own zone: both came back on 10 March = day 1
    c = rk.day_n_retention(_dst_log(), method="calendar", **kw)
    assert c["retained"].tolist() == [2, 2]
    assert c["users"].tolist() == [2, 2]


@pytest.mark.parametrize("backend", BACKENDS)
def test_calendar_days_in_tz_on_each_backend(backend):
    # a acts at 20:30 and 21:30 UTC = 23:30 and 00:30 the next day in Moscow (UTC+3)
    t = pd.to_datetime(["2024-03-04 20:30", "2024-03-04 21:30", "2024-03-10 00:00"])
    df = pd.DataFrame({"u": ["a", "a", "z"], "t": t.tz_localize("UTC")})
    kw = dict(customer="u", time="t", days=[1], backend=backend)
    msk = rk.day_n_retention(df, method="calendar", tz=MSK, **kw).iloc[0]
    assert (msk["users"], msk["retained"]) == (1, 1)
    utc = rk.day_n_retention(df, method="calendar", **kw).iloc[0]
    assert (utc["users"], utc["retained"]) == (1, 0)
    # rolling ignores tz: one hour later is day 0
    roll = rk.day_n_retention(df, method="rolling", tz=MSK, **kw).iloc[0]
    assert (roll["users"], roll["retained"]) == (1, 0)


@pytest.mark.parametrize("backend", BACKENDS)
def test_by_takes_the_first_event_s_value_on_each_backend(backend):
    df = pd.DataFrame(
        {
            "u": ["a", "a", "b", "b", "z"],
            "t": pd.to_datetime(
                [
                    "2024-01-01 00:00",
                    "2024-01-02 01:00",  # a back on day 1, now with 'email'
                    "2024-01-01 00:00",
                    "2024-01-04 00:00",  # b back on day 3 only
                    "2024-01-20 00:00",
                ]
            ),
            "ch": ["ads", "email", "email", "ads", "ads"],
        }
    )
    r = rk.day_n_retention(
        df, customer="u", time="t", days=[1], method="rolling", by="ch", backend=backend
    )
    # first events: a 'ads', b 'email', z 'ads' (z not eligible for day 1)
    assert r["ch"].tolist() == ["ads", "email"]
    assert r["users"].tolist() == [1, 1]
    assert r["retained"].tolist() == [1, 0]
    assert r["complete"].tolist() == [False, True]


@needs_ibis
def test_an_ibis_table_runs_on_its_engine_without_backend():
    import ibis

    t = ibis.memtable(_log())
    r = rk.day_n_retention(t, customer="u", time="t", days=[1], method="calendar").iloc[0]
    # data ends 5 March 12:00: calendar day 1 (5 March) is not over for either user
    assert (r["users"], r["retained"]) == (0, 0)
    r = rk.day_n_retention(
        t, customer="u", time="t", days=[0], method="unbounded", observed_until="2024-03-07"
    ).iloc[0]
    assert (r["users"], r["retained"], r["complete"]) == (2, 2, True)


@needs_ibis
def test_engine_errors_name_the_argument():
    with pytest.raises(InvalidParameterError, match=r"^backend='no-such-engine' is not an engine"):
        rk.day_n_retention(_log(), customer="u", time="t", backend="no-such-engine")
    with pytest.raises(
        InvalidParameterError,
        match=r"^observed_until='soon' is not a date; give one like observed_until='2024-01-01'",
    ):
        rk.day_n_retention(
            _log(MSK), customer="u", time="t", observed_until="soon", backend="duckdb"
        )


# ---------------------------------------------------------------- arguments and their messages


def test_argument_errors_say_the_whole_message():
    df = _log()
    kw = dict(customer="u", time="t")
    with pytest.raises(
        InvalidParameterError,
        match=_exact(
            "method='weekly' is not a day-N method; use 'rolling' (24-hour windows from the "
            "user's first event), 'calendar' (calendar dates in time zone tz) or 'unbounded' "
            "(any event on day N or later)."
        ),
    ):
        rk.day_n_retention(df, **kw, method="weekly")
    with pytest.raises(
        InvalidParameterError,
        match=_exact("days must be a whole number or a list of them such as (1, 7, 30), got 1.5."),
    ):
        rk.day_n_retention(df, **kw, days=1.5)
    with pytest.raises(
        InvalidParameterError,
        match=_exact("days is empty; pass the days to measure, e.g. (1, 7, 30)."),
    ):
        rk.day_n_retention(df, **kw, days=[])
    with pytest.raises(
        InvalidParameterError,
        match=_exact(
            "days must hold whole numbers from 0 (the first day) to 36,500 (100 years), "
            "got 36501 in [1, 36501]."
        ),
    ):
        rk.day_n_retention(df, **kw, days=[1, 36501])
    with pytest.raises(
        InvalidParameterError,
        match=_exact(
            "tz='Mars/Olympus' is not a time zone this kit can use; pass an IANA name such as "
            "'Europe/Moscow', 'UTC' or 'America/New_York'."
        ),
    ):
        rk.day_n_retention(df, **kw, method="calendar", tz="Mars/Olympus")


@pytest.mark.parametrize("bad", [-1, True, 2.0, "1"])
def test_days_must_be_whole_numbers_from_zero(bad):
    with pytest.raises(InvalidParameterError, match=r"^days must hold whole numbers from 0"):
        rk.day_n_retention(_log(), customer="u", time="t", days=[bad])


def test_days_bounds_and_numpy_integers_are_accepted():
    # day 0 and day 36,500 (the last one allowed) are valid. Day 0 of u1 / u2 ends 5 March
    # 10:00 / 10:00:01, before the data's end (12:00): both eligible; nobody for day 36,500
    r = rk.day_n_retention(_log(), customer="u", time="t", days=[0, 36_500])
    assert r["day"].tolist() == [0, 36_500]
    assert r["users"].tolist() == [2, 0]
    r = rk.day_n_retention(_log(), customer="u", time="t", days=np.int64(0))
    assert r["day"].tolist() == [0] and r["day"].dtype.kind == "i"


@pytest.mark.parametrize("backend", BACKENDS)
def test_calendar_days_of_zoned_data_are_its_own_zone_s_dates(backend):
    # tz left out: Moscow data keeps Moscow dates. 23:30 and 00:30 Moscow are two dates (day 1
    # retained); in UTC (20:30, 21:30) they would be one date.
    t = pd.to_datetime(["2024-03-04 23:30", "2024-03-05 00:30", "2024-03-10 00:00"])
    df = pd.DataFrame({"u": ["a", "a", "z"], "t": t.tz_localize(MSK)})
    r = rk.day_n_retention(
        df, customer="u", time="t", days=[1], method="calendar", backend=backend
    ).iloc[0]
    assert (r["users"], r["retained"]) == (1, 1)


@pytest.mark.parametrize("backend", BACKENDS)
def test_calendar_eligibility_is_judged_on_the_clock_of_tz(backend):
    # UTC data counted in Moscow dates: a's first date is 4 March (Moscow), day 1 = 5 March,
    # over at 6 March 00:00 Moscow = 5 March 21:00 UTC. observed_until is naive, so UTC
    # wall-clock time (the data's zone).
    t = pd.to_datetime(["2024-03-04 20:30", "2024-03-04 21:30"]).tz_localize("UTC")
    df = pd.DataFrame({"u": ["a", "a"], "t": t})
    kw = dict(customer="u", time="t", days=[1], method="calendar", tz=MSK, backend=backend)
    r = rk.day_n_retention(df, observed_until="2024-03-05 21:00", **kw).iloc[0]
    assert (r["users"], r["retained"], r["complete"]) == (1, 1, True)
    r = rk.day_n_retention(df, observed_until="2024-03-05 20:59:59", **kw).iloc[0]
    assert (r["users"], r["complete"]) == (0, False)


@pytest.mark.parametrize("backend", BACKENDS)
def test_by_rows_are_group_major_and_keep_a_value_nobody_started_with(backend):
    df = pd.DataFrame(
        {
            "u": ["a", "a", "b", "c", "z"],
            "t": pd.to_datetime(
                [
                    "2024-01-01 00:00",
                    "2024-01-02 01:00",  # a back on day 1; 'web' is nobody's first value
                    "2024-01-01 00:00",
                    "2024-01-05 00:00",  # c: day 0 over at Jan 6 00:00, day 1 not observed
                    "2024-01-06 12:00",  # z: the data's end; its day 0 is not over
                ]
            ),
            "ch": ["ads", "web", "email", "ads", "email"],
        }
    )
    r = rk.day_n_retention(
        df, customer="u", time="t", days=[0, 1], method="rolling", by="ch", backend=backend
    )
    assert r["ch"].tolist() == ["ads", "ads", "email", "email", "web", "web"]
    assert r["day"].tolist() == [0, 1, 0, 1, 0, 1]
    # ads = a, c: day 0 both eligible (and day 0 holds the first event), day 1 only a (back)
    # email = b, z: day 0 b only (z's day 0 not over), day 1 b (not back)
    # web: nobody started with it -> 0 users, rate NaN
    assert r["users"].tolist() == [2, 1, 1, 1, 0, 0]
    assert r["retained"].tolist() == [2, 1, 1, 0, 0, 0]
    assert r["rate"].isna().tolist() == [False] * 4 + [True] * 2
    # complete = every user of the group eligible (vacuously true for 'web')
    assert r["complete"].tolist() == [True, False, False, False, True, True]


@needs_ibis
@pytest.mark.parametrize("as_file", [False, True])
def test_text_times_and_a_csv_file_on_duckdb(tmp_path, as_file):
    # the times as text (no zone to look up), in a DataFrame or a CSV file read by the engine:
    # observed_until is used as it is; the edge of test_rolling_edge_on_each_backend again
    df = _log().assign(t=lambda d: d["t"].dt.strftime("%Y-%m-%d %H:%M:%S"))
    data = df
    if as_file:
        data = tmp_path / "log.csv"
        df.to_csv(data, index=False)
    r = rk.day_n_retention(
        data,
        customer="u",
        time="t",
        days=[1],
        method="rolling",
        observed_until="2024-03-06 10:00",
        backend="duckdb",
    ).iloc[0]
    assert (r["users"], r["retained"], r["complete"]) == (1, 1, False)
