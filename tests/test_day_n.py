"""Tests of retention_kit.day_n: the three day-N methods, eligibility, time zones.

Expectations are counted by hand (comments), taken from the sources (article 001's pitfall) or
computed independently with DuckDB SQL.
"""

from __future__ import annotations

import copy

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retention_kit.day_n import day_n_retention
from retention_kit.errors import InvalidParameterError, MissingColumnError

COLUMNS = ["day", "users", "retained", "rate", "rate_low", "rate_high", "complete"]


def frame(rows: list[tuple[object, str]], tz: str | None = None) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["u", "t"])
    df["t"] = pd.to_datetime(df["t"], format="ISO8601")
    if tz is not None:
        df["t"] = df["t"].dt.tz_localize(tz)
    return df


def one(df: pd.DataFrame, day: int, method: str, **kw) -> tuple[int, int]:
    r = day_n_retention(df, customer="u", time="t", days=[day], method=method, **kw)
    return int(r["users"].iloc[0]), int(r["retained"].iloc[0])


@pytest.fixture
def monday_2359() -> pd.DataFrame:
    # article 001: 100 users arrive Monday 2024-03-04 23:59 and act again one minute later
    # (Tuesday 00:00). A last user arriving on Friday extends the data to Friday noon, so the
    # 100 users' day 1 is fully covered (rolling: ends Wed 23:59; calendar: ends Wed 00:00).
    rows = []
    for i in range(100):
        rows += [(i, "2024-03-04 23:59"), (i, "2024-03-05 00:00")]
    rows.append((999, "2024-03-08 12:00"))
    return frame(rows)


def test_article_001_pitfall_calendar_vs_rolling(monday_2359):
    # calendar: the second event is on date(t0) + 1 -> all 100 are "day-1 retained"
    assert one(monday_2359, 1, "calendar") == (100, 100)
    # rolling: one minute after t0 is still inside [t0, t0 + 24h) = day 0 -> nobody on day 1
    assert one(monday_2359, 1, "rolling") == (100, 0)
    # ... where they are day-0 retained (user 999 is eligible too: day 0 ends Sat 12:00 > end,
    # so not eligible -> 100 users)
    assert one(monday_2359, 0, "rolling") == (100, 100)
    # unbounded: no event at or after t0 + 24h -> 0
    assert one(monday_2359, 1, "unbounded") == (100, 0)


def test_rolling_window_edges():
    rows = [
        ("a", "2024-01-01 10:00"),
        ("a", "2024-01-02 09:59:59"),  # t0 + 23:59:59 -> day 0
        ("b", "2024-01-01 10:00"),
        ("b", "2024-01-02 10:00"),  # t0 + 24h exactly -> day 1
        ("c", "2024-01-01 10:00"),
        ("c", "2024-01-03 09:59:59"),  # t0 + 47:59:59 -> day 1
        ("d", "2024-01-01 10:00"),
        ("d", "2024-01-03 10:00"),  # t0 + 48h -> day 2
        ("z", "2024-01-20 00:00"),  # extends the data
    ]
    df = frame(rows)
    # day 1: a no, b yes, c yes, d no -> 2 of 4 (z not eligible: its day 1 is after the end)
    assert one(df, 1, "rolling") == (4, 2)
    # day 2: only d -> 1 of 4
    assert one(df, 2, "rolling") == (4, 1)
    # unbounded day 1 = any event at or after t0 + 24h: b, c, d -> 3 of 4
    assert one(df, 1, "unbounded") == (4, 3)
    # calendar day 1 = an event on 2024-01-02: a, b -> 2 of 4; day 2 (01-03): c, d
    assert one(df, 1, "calendar") == (4, 2)
    assert one(df, 2, "calendar") == (4, 2)


def test_unbounded_counts_later_returns():
    rows = [
        ("a", "2024-01-01 00:00"),
        ("a", "2024-01-11 00:00"),  # only back on day 10
        ("b", "2024-01-01 00:00"),
        ("z", "2024-02-15 00:00"),
    ]
    df = frame(rows)
    r = day_n_retention(df, customer="u", time="t", days=(1, 7, 10, 11), method="unbounded")
    # a counts for day 1, 7, 10 (an event at or after t0 + N*24h), not for day 11; b never
    assert r["retained"].tolist() == [1, 1, 1, 0]
    assert r["users"].tolist() == [2, 2, 2, 2]
    rolling = day_n_retention(df, customer="u", time="t", days=(1, 7, 10, 11), method="rolling")
    assert rolling["retained"].tolist() == [0, 0, 1, 0]


def test_eligibility_at_data_end():
    rows = [
        ("a", "2024-01-01 12:00"),
        ("b", "2024-01-05 12:00"),
        ("b", "2024-01-06 13:00"),
        ("c", "2024-01-07 12:00"),  # data ends here
    ]
    df = frame(rows)
    r = day_n_retention(df, customer="u", time="t", days=(0, 1, 2, 6), method="rolling")
    # day N covered when t0 + (N+1)*24h <= 2024-01-07 12:00:
    #   a (Jan 1 12:00): day 0, 1, 2 and 6 (ends Jan 8 12:00 > end -> no)  -> N = 0, 1, 2
    #   b (Jan 5 12:00): day 0 (ends Jan 6 12:00), day 1 (ends Jan 7 12:00) -> N = 0, 1
    #   c: day 0 ends Jan 8 12:00 -> never
    assert r["users"].tolist() == [2, 2, 1, 0]
    # retained: day 0 a, b; day 1 b (Jan 6 13:00 is in [Jan 6 12:00, Jan 7 12:00))
    assert r["retained"].tolist() == [2, 1, 0, 0]
    assert r["rate"].iloc[1] == 0.5
    assert np.isnan(r["rate"].iloc[3]) and np.isnan(r["rate_low"].iloc[3])
    assert list(r.columns) == COLUMNS
    # calendar: date day0 + N covered when the following midnight <= Jan 7 12:00:
    #   a: dates Jan 1, 2, 3 (next midnights Jan 2, 3, 4) and Jan 7 (Jan 8: no)
    #   b: Jan 5, Jan 6 (midnight Jan 7 00:00 <= end) -> N = 0, 1;  c: Jan 7 -> no
    cal = day_n_retention(df, customer="u", time="t", days=(0, 1, 2, 6), method="calendar")
    assert cal["users"].tolist() == [2, 2, 1, 0]
    # 3 users, never all eligible: no row is complete
    assert r["complete"].tolist() == [False] * 4
    # observed a week longer: c's day 6 ends Jan 14 12:00, so everybody is eligible everywhere
    later = day_n_retention(
        df, customer="u", time="t", days=(0, 1, 2, 6), observed_until="2024-01-14 12:00"
    )
    assert later["users"].tolist() == [3, 3, 3, 3]
    assert later["retained"].tolist() == [3, 1, 0, 0]
    assert later["complete"].tolist() == [True] * 4
    # one minute earlier, c's day 6 is not over
    almost = day_n_retention(
        df, customer="u", time="t", days=(6,), observed_until="2024-01-14 11:59"
    )
    assert almost[["users", "complete"]].values.tolist() == [[2, False]]


def test_calendar_time_zone_shifts_the_day_boundary():
    # events in UTC; Moscow is UTC+3 all year. User 'a' first acts at 20:30 UTC (23:30 Moscow)
    # and again at 21:30 UTC (00:30 next day in Moscow).
    rows = [("a", "2024-03-04 20:30"), ("a", "2024-03-04 21:30"), ("z", "2024-03-10 00:00")]
    df = frame(rows, tz="UTC")
    # in UTC both events are on 03-04: calendar day 1 not reached
    assert one(df, 1, "calendar") == (1, 0)
    assert one(df, 1, "calendar", tz="UTC") == (1, 0)
    # in Moscow the second event is on 03-05 = date(t0) + 1 -> retained
    assert one(df, 1, "calendar", tz="Europe/Moscow") == (1, 1)
    # rolling does not depend on tz: 1 hour later is day 0
    assert one(df, 1, "rolling", tz="Europe/Moscow") == (1, 0)
    # naive times are taken as already local: tz does not shift them
    naive = frame(rows)
    assert one(naive, 1, "calendar", tz="Europe/Moscow") == (1, 0)


def test_by_column():
    rows = [
        ("a", "2024-01-01 00:00", "ads"),
        ("a", "2024-01-02 01:00", "email"),  # the first event's channel counts: 'ads'
        ("b", "2024-01-01 00:00", "email"),
        ("c", "2024-01-01 00:00", None),
        ("c", "2024-01-02 00:00", "ads"),
        ("z", "2024-01-20 00:00", "ads"),
    ]
    df = pd.DataFrame(rows, columns=["u", "t", "channel"])
    df["t"] = pd.to_datetime(df["t"])
    r = day_n_retention(df, customer="u", time="t", days=(1, 2), method="rolling", by="channel")
    assert list(r.columns) == ["channel", *COLUMNS]
    assert r["channel"].tolist() == ["ads", "ads", "email", "email", "(none)", "(none)"]
    assert r["day"].tolist() == [1, 2, 1, 2, 1, 2]
    # ads: a (+ z not eligible) -> day 1: 1 of 1 retained (a back at 25h); day 2: 0 of 1
    # email: b -> 0 of 1; (none): c back at 24h -> day 1: 1 of 1
    assert r["users"].tolist() == [1, 1, 1, 1, 1, 1]
    assert r["retained"].tolist() == [1, 0, 0, 0, 1, 0]
    # ads has 2 users, only a eligible; email (b) and (none) (c) are whole
    assert r["complete"].tolist() == [False, False, True, True, True, True]


def test_errors():
    df = frame([("a", "2024-01-01 00:00")])
    with pytest.raises(InvalidParameterError, match="rolling.*calendar.*unbounded"):
        day_n_retention(df, customer="u", time="t", method="weekly")
    with pytest.raises(InvalidParameterError, match="days"):
        day_n_retention(df, customer="u", time="t", days=[1, -2])
    with pytest.raises(InvalidParameterError, match="days"):
        day_n_retention(df, customer="u", time="t", days=[1.5])
    with pytest.raises(InvalidParameterError, match="Mars/Olympus"):
        day_n_retention(df, customer="u", time="t", method="calendar", tz="Mars/Olympus")
    with pytest.raises(MissingColumnError, match="user_id"):
        day_n_retention(df, customer="user_id", time="t")
    # a single int works as days
    assert day_n_retention(df, customer="u", time="t", days=3)["day"].tolist() == [3]


def test_input_not_mutated(monday_2359):
    before = copy.deepcopy(monday_2359)
    for m in ("rolling", "calendar", "unbounded"):
        day_n_retention(monday_2359, customer="u", time="t", method=m, tz="Europe/Moscow")
    pd.testing.assert_frame_equal(monday_2359, before)


DUCK_SQL = """
WITH f AS (SELECT u, min(t) AS t0 FROM ev GROUP BY u),
e AS (SELECT max(t) AS tend FROM ev),
d AS (SELECT unnest(?::INTEGER[]) AS n),
cand AS (
    SELECT d.n, f.u, f.t0,
        CASE ?
            WHEN 'calendar'
                THEN CAST(CAST(f.t0 AS DATE) + d.n + 1 AS TIMESTAMP) <= e.tend
            ELSE f.t0 + to_hours(24 * (d.n + 1)) <= e.tend
        END AS ok,
        EXISTS (
            SELECT 1 FROM ev WHERE ev.u = f.u AND CASE ?
                WHEN 'rolling' THEN ev.t >= f.t0 + to_hours(24 * d.n)
                                AND ev.t < f.t0 + to_hours(24 * (d.n + 1))
                WHEN 'unbounded' THEN ev.t >= f.t0 + to_hours(24 * d.n)
                ELSE CAST(ev.t AS DATE) = CAST(f.t0 AS DATE) + d.n
            END
        ) AS back
    FROM f, d, e)
SELECT n AS day, count(*) FILTER (WHERE ok) AS users,
       count(*) FILTER (WHERE ok AND back) AS retained
FROM cand GROUP BY n ORDER BY n
"""


@settings(max_examples=30, deadline=None)
@given(
    rows=st.lists(
        # whole hours (often exactly 24h apart: the window edges) or any minute
        st.tuples(
            st.integers(0, 6),
            st.one_of(st.integers(0, 12 * 24).map(lambda h: 60 * h), st.integers(0, 17280)),
        ),
        min_size=1,
        max_size=40,
    ),
    method=st.sampled_from(["rolling", "calendar", "unbounded"]),
)
def test_matches_duckdb(rows, method):
    days = [0, 1, 2, 3, 7]
    ev = pd.DataFrame(
        {
            "u": np.array([r[0] for r in rows], dtype="int64"),
            # minutes after 2024-03-04 17:00 -> crosses midnights at different offsets
            "t": pd.Timestamp("2024-03-04 17:00")
            + pd.to_timedelta(np.array([r[1] for r in rows]), unit="min"),
        }
    )
    got = day_n_retention(ev, customer="u", time="t", days=days, method=method)
    con = duckdb.connect()
    con.register("ev", ev)
    want = con.execute(DUCK_SQL, [days, method, method]).df()
    con.close()
    assert got["day"].tolist() == want["day"].tolist()
    assert got["users"].tolist() == want["users"].tolist()
    assert got["retained"].tolist() == want["retained"].tolist()
