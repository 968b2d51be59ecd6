"""The end of observation and the ``complete`` flag (issue 10, item 1).

A log that ends inside a period leaves that period's numbers understated. Every log analysis
knows when observation ends (the last event, or ``observed_until=``) and flags each row:
a period-table row is complete when the instant closing it (the next period's first instant) is
within the observed time; a cohort cell when its calendar period (cohort + age) ended.
Expectations below are worked out by hand from the dates.
"""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import retention_kit as rk
from retention_kit.core.periods import (
    describe_partial,
    end_of_observation,
    period_coverage,
    periods_complete,
)
from retention_kit.errors import InvalidParameterError

UCI = Path(__file__).resolve().parents[2] / "shared" / "data" / "online_retail.parquet"
TS = pd.Timestamp


def mid_march() -> pd.DataFrame:
    """a: Jan 10, Feb 5, Mar 3 | b: Jan 20, Mar 9 | c: Feb 14 | d: Mar 10 12:00 (last event)."""
    rows = [
        ("a", "2024-01-10"),
        ("b", "2024-01-20"),
        ("a", "2024-02-05"),
        ("c", "2024-02-14"),
        ("a", "2024-03-03"),
        ("b", "2024-03-09"),
        ("d", "2024-03-10 12:00"),
    ]
    df = pd.DataFrame(rows, columns=["c", "t"])
    df["t"] = pd.to_datetime(df["t"], format="ISO8601")
    return df


KW = dict(customer="c", time="t")


# --------------------------------------------------------------------------- period table


def test_period_table_row_of_the_month_the_log_ends_in_is_incomplete():
    log = mid_march()
    before = copy.deepcopy(log)
    t = rk.period_table(log, **KW, active_days=31)
    pd.testing.assert_frame_equal(log, before)
    # rows Jan, Feb, Mar; closing instants Feb 1, Mar 1, Apr 1; observation ends Mar 10 12:00
    assert t["period"].tolist() == [TS("2024-01-01"), TS("2024-02-01"), TS("2024-03-01")]
    assert t["complete"].tolist() == [True, True, False]
    assert t["complete"].dtype == bool
    # an export taken at midnight after the last day of March: March is complete
    full = rk.period_table(log, **KW, active_days=31, observed_until="2024-04-01")
    assert full["complete"].tolist() == [True, True, True]
    # the counts themselves do not depend on observed_until
    cols = ["start", "new", "lost", "end"]
    pd.testing.assert_frame_equal(full[cols], t[cols])


def test_the_2359_edge_a_log_ending_one_minute_before_midnight():
    log = pd.DataFrame(
        {"c": ["a", "b"], "t": pd.to_datetime(["2024-01-05 10:00", "2024-01-31 23:59"])}
    )
    t = rk.period_table(log, **KW, active_days=30)
    # January closes at Feb 1 00:00, one minute after the last event: not observed to its end
    assert t["complete"].tolist() == [False]
    # the export was taken at midnight: observed_until closes January exactly
    assert rk.period_table(log, **KW, active_days=30, observed_until="2024-02-01")[
        "complete"
    ].tolist() == [True]
    # one second before midnight is still inside January
    assert rk.period_table(log, **KW, active_days=30, observed_until="2024-01-31 23:59:59")[
        "complete"
    ].tolist() == [False]
    # an event exactly at midnight belongs to February: January is complete, February is not
    at_midnight = pd.concat(
        [log, pd.DataFrame({"c": ["c"], "t": [TS("2024-02-01")]})], ignore_index=True
    )
    assert rk.period_table(at_midnight, **KW, active_days=30)["complete"].tolist() == [True, False]


def test_period_rows_after_the_end_of_observation_are_incomplete():
    t = rk.period_table(mid_march(), **KW, active_days=31, until="2024-05-15")
    # Jan, Feb complete; Mar (closes Apr 1), Apr, May after Mar 10 12:00: not
    assert t["complete"].tolist() == [True, True, False, False, False]


def test_time_zone_aware_log_and_naive_observed_until_is_wall_clock_time():
    log = mid_march()
    log["t"] = log["t"].dt.tz_localize("Europe/Moscow")
    t = rk.period_table(log, **KW, active_days=31, observed_until="2024-04-01")
    assert t["complete"].tolist() == [True, True, True]
    # 2024-03-31 21:00 UTC is midnight in Moscow (UTC+3): March is over
    utc = rk.period_table(
        log, **KW, active_days=31, observed_until=TS("2024-03-31 21:00", tz="UTC")
    )
    assert utc["complete"].tolist() == [True, True, True]
    early = rk.period_table(
        log, **KW, active_days=31, observed_until=TS("2024-03-31 20:59", tz="UTC")
    )
    assert early["complete"].tolist() == [True, True, False]


def test_subscription_period_table_complete_up_to_as_of():
    subs = pd.DataFrame(
        {
            "c": [1, 2],
            "s": pd.to_datetime(["2024-01-10", "2024-02-05"]),
            "e": pd.to_datetime([None, "2024-03-20"]),
        }
    )
    kw = dict(customer="c", start_time="s", end_time="e")
    # default end of observation: the latest start or end, Mar 20 -> March not over
    t = rk.subscription_period_table(subs, **kw)
    assert t["complete"].tolist() == [True, True, False]
    # observed to April 1: March is over; the row of April (as_of's period) has just begun
    t = rk.subscription_period_table(subs, **kw, as_of="2024-04-01")
    assert t["complete"].tolist() == [True, True, True, False]


# --------------------------------------------------------------------------- cohorts


def test_cohort_cells_of_the_last_month_are_incomplete():
    t = rk.cohort_table(mid_march(), **KW)
    # Jan cohort {a, b}: ages 0 (Jan), 1 (Feb), 2 (Mar); Feb {c}: 0, 1 (Mar); Mar {d}: 0 (Mar)
    cells = list(zip(t["cohort"].dt.month, t["age"], t["complete"], strict=True))
    assert cells == [
        (1, 0, True),
        (1, 1, True),
        (1, 2, False),
        (2, 0, True),
        (2, 1, False),
        (3, 0, False),
    ]
    # Jan cohort at age 2 (March): a and b came back, 2 of 2, though March is not over
    assert t.loc[2, ["customers", "cohort_size"]].tolist() == [2, 2]
    full = rk.cohort_table(mid_march(), **KW, observed_until="2024-04-01 00:00")
    assert full["complete"].all()


def test_cohort_matrix_hides_incomplete_cells_unless_asked():
    log = mid_march()
    m = rk.cohort_matrix(log, **KW, values="customers")
    # Jan: 2, 1 (a in Feb), [2 hidden]; Feb: 1, [0 hidden]; Mar: [1 hidden]
    np.testing.assert_array_equal(
        m.to_numpy(),
        [[2, 1, np.nan], [1, np.nan, np.nan], [np.nan, np.nan, np.nan]],
    )
    shown = rk.cohort_matrix(log, **KW, values="customers", include_incomplete=True)
    np.testing.assert_array_equal(
        shown.to_numpy(), [[2, 1, 2], [1, 0, np.nan], [1, np.nan, np.nan]]
    )
    with pytest.raises(InvalidParameterError, match="include_incomplete='yes'.*True"):
        rk.cohort_matrix(log, **KW, include_incomplete="yes")


def test_by_cohort_cell_is_complete_only_when_every_member_s_period_ended():
    log = mid_march().assign(ch=["x", "y", "x", "x", "x", "y", "y"])
    # first events: a x (Jan), b y (Jan), c x (Feb), d y (Mar)
    t = rk.cohort_table(log, **KW, by="ch")
    x = t[t["cohort"] == "x"]  # {a: Jan, c: Feb}: age 0 = Jan / Feb, age 1 = Feb / Mar
    y = t[t["cohort"] == "y"]  # {b: Jan, d: Mar}: age 0 = Jan / Mar
    assert x["complete"].tolist() == [True, False, False]
    assert y["complete"].tolist() == [False, False, False]


def test_pooled_rate_leaves_incomplete_cells_out():
    t = rk.cohort_table(mid_march(), **KW)
    # age 1: Jan cohort (Feb, complete) 1 of 2; Feb cohort (Mar, incomplete) left out
    assert rk.pooled_rate(t, age=1) == (0.5, 1, 2)
    # age 2: only the Jan cohort, in March: nothing complete
    rate, customers, size = rk.pooled_rate(t, age=2)
    assert np.isnan(rate) and (customers, size) == (0, 0)
    full = rk.cohort_table(mid_march(), **KW, observed_until="2024-04-01")
    # Jan 1 of 2 + Feb 0 of 1
    assert rk.pooled_rate(full, age=1) == (1 / 3, 1, 3)


# --------------------------------------------------------------------------- day N


def test_day_n_eligibility_follows_observed_until():
    log = pd.DataFrame(
        {
            "c": ["a", "a", "b"],
            "t": pd.to_datetime(["2024-01-01 10:00", "2024-01-02 11:00", "2024-01-02 12:00"]),
        }
    )
    t = rk.day_n_retention(log, **KW, days=[1])
    # a's day 1 ends Jan 3 10:00 > Jan 2 12:00: nobody eligible yet
    assert t[["users", "retained", "complete"]].values.tolist() == [[0, 0, False]]
    later = rk.day_n_retention(log, **KW, days=[1], observed_until="2024-01-03 10:00")
    # a eligible and back (Jan 2 11:00 is in [Jan 2 10:00, Jan 3 10:00)); b's day 1 not over
    assert later[["users", "retained", "complete"]].values.tolist() == [[1, 1, False]]
    # b's day 1 ends Jan 4 12:00
    done = rk.day_n_retention(log, **KW, days=[1], observed_until="2024-01-04 12:00")
    assert done[["users", "retained", "complete"]].values.tolist() == [[2, 1, True]]


# --------------------------------------------------------------------------- errors


def test_observed_until_errors_are_the_kits():
    log = mid_march()
    with pytest.raises(InvalidParameterError, match="before the last event.*2024-03-10 12:00"):
        rk.period_table(log, **KW, observed_until="2024-03-01")
    with pytest.raises(InvalidParameterError, match="before the last event"):
        rk.cohort_table(log, **KW, observed_until="2023-12-31")  # before the first event too
    with pytest.raises(InvalidParameterError, match="before the last event"):
        rk.day_n_retention(log, **KW, observed_until="2024-03-10 11:59")
    with pytest.raises(InvalidParameterError, match="has a time zone but the data's times"):
        rk.cohort_matrix(log, **KW, observed_until=TS("2024-04-01", tz="UTC"))
    with pytest.raises(InvalidParameterError, match="observed_until='soon' is not a date"):
        rk.period_table(log, **KW, observed_until="soon")


# --------------------------------------------------------------------------- core helpers


def test_core_helpers_by_hand():
    b = pd.DatetimeIndex(["2024-01-01", "2024-02-01", "2024-03-01"])
    assert periods_complete(b, TS("2024-01-31 23:59:59")).tolist() == [False, False]
    assert periods_complete(b, TS("2024-02-01")).tolist() == [True, False]
    assert end_of_observation(TS("2024-03-10"), None) == TS("2024-03-10")
    assert period_coverage(TS("2011-12-09 12:50"), "M") == ("December 2011", 9, 31)
    assert period_coverage(TS("2024-02-29 00:01"), "M") == ("February 2024", 29, 29)
    # Apr 1 00:00 .. May 15 00:00: 30 + 14 days
    assert period_coverage(TS("2024-05-15"), "Q") == ("Q2 2024", 44, 91)
    assert period_coverage(TS("2024-04-01"), "Q") is None
    assert describe_partial(TS("2011-12-09 12:50"), "M") == "December 2011: 9 of 31 days"
    assert describe_partial(TS("2024-03-13 08:00"), "W") == "the week of 2024-03-11: 3 of 7 days"
    assert describe_partial(TS("2012-01-01"), "M") is None


# --------------------------------------------------------------------------- the UCI log


@pytest.fixture(scope="module")
def uci() -> pd.DataFrame:
    if not UCI.exists():
        pytest.skip("the shared UCI Online Retail log (../shared/data/) is not here")
    raw = pd.read_parquet(UCI, columns=["CustomerID", "InvoiceDate"])
    return raw.dropna(subset=["CustomerID"]).rename(columns={"CustomerID": "c", "InvoiceDate": "t"})


def test_uci_online_retail_december_2011_is_flagged(uci):
    assert uci["t"].max() < TS("2011-12-10")  # the log ends on 2011-12-09
    periods = rk.period_table(uci, **KW, active_days=90)
    assert periods["period"].iloc[-1] == TS("2011-12-01")
    assert periods["complete"].tolist() == [True] * (len(periods) - 1) + [False]
    assert describe_partial(uci["t"].max(), "M") == "December 2011: 9 of 31 days"

    cohorts = rk.cohort_table(uci, **KW)
    month_of_cell = cohorts["cohort"].dt.to_period("M") + cohorts["age"]
    december = (month_of_cell == pd.Period("2011-12", "M")).to_numpy()
    assert december.sum() == 13  # cohorts Dec 2010 .. Dec 2011, one cell each
    assert (cohorts["complete"].to_numpy() == ~december).all()
    # the December 2010 cohort at age 12, by plain pandas: its customers who bought in
    # December 2011 (understated: 9 days of 31)
    first = uci.groupby("c")["t"].min()
    dec10 = set(first[first.dt.to_period("M") == pd.Period("2010-12", "M")].index)
    back = set(uci.loc[uci["t"].dt.to_period("M") == pd.Period("2011-12", "M"), "c"]) & dec10
    cell = cohorts[(cohorts["cohort"] == TS("2010-12-01")) & (cohorts["age"] == 12)].iloc[0]
    assert (cell["customers"], cell["cohort_size"]) == (len(back), len(dec10))
    assert not cell["complete"]
    matrix = rk.cohort_matrix(uci, **KW, values="rate")
    assert np.isnan(matrix.loc[TS("2010-12-01"), 12])
    assert matrix.loc[TS("2010-12-01"), 11] == pytest.approx(
        cohorts[(cohorts["cohort"] == TS("2010-12-01")) & (cohorts["age"] == 11)]["rate"].iloc[0]
    )
    shown = rk.cohort_matrix(uci, **KW, values="rate", include_incomplete=True)
    assert shown.loc[TS("2010-12-01"), 12] == pytest.approx(len(back) / len(dec10))


# --------------------------------------------------------------------------- charts


def test_heatmap_hatches_exactly_the_incomplete_cells_and_says_so():
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.patches import Rectangle

    t = rk.cohort_table(mid_march(), **KW)
    ax = rk.plots.cohort_heatmap(t, values="rate")
    hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
    # cells (row, column): Jan age 2, Feb age 1, Mar age 0 -> centres (2, 0), (1, 1), (0, 2)
    centres = sorted((p.get_x() + 0.5, p.get_y() + 0.5) for p in hatched)
    assert centres == [(0.0, 2.0), (1.0, 1.0), (2.0, 0.0)]
    assert any("period not over" in text.get_text() for text in ax.texts)
    full = rk.cohort_table(mid_march(), **KW, observed_until="2024-04-01")
    ax = rk.plots.cohort_heatmap(full, values="rate")
    assert not [p for p in ax.patches if p.get_hatch()]
    assert not any("period not over" in text.get_text() for text in ax.texts)
    matplotlib.pyplot.close("all")


def test_curves_and_period_chart_mark_incomplete_points():
    import matplotlib

    matplotlib.use("Agg")

    def open_points(ax):
        return [
            (x, y)
            for line in ax.get_lines()
            if line.get_markerfacecolor() == "white"
            for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)
        ]

    t = rk.cohort_table(mid_march(), **KW)
    ax = rk.plots.retention_curves(t, band=False)
    # Jan cohort at age 2 (2 of 2), Feb at age 1 (0 of 1), Mar at age 0 (1 of 1)
    assert sorted(open_points(ax)) == [(0, 1.0), (1, 0.0), (2, 1.0)]
    assert any("period not over" in text.get_text() for text in ax.texts)
    periods = rk.period_table(mid_march(), **KW, active_days=31)
    ax = rk.plots.period_table_chart(periods)
    points = open_points(ax)
    assert len(points) == 1 and pd.Timestamp(points[0][0]) == TS("2024-03-01")
    assert any("period not over" in text.get_text() for text in ax.get_legend().get_texts())
    matplotlib.pyplot.close("all")


def test_cohort_comparison_pools_only_the_periods_that_are_over():
    import matplotlib

    matplotlib.use("Agg")
    t = rk.cohort_table(mid_march(), **KW)
    ax = rk.plots.cohort_comparison(t, age=1)
    # age 1: Jan cohort 1 of 2 (February, over); Feb cohort 0 of 1 (March, not over)
    pooled = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(pooled) == 1 and pooled[0].get_xdata()[0] == 0.5
    hollow = [line for line in ax.get_lines() if line.get_markerfacecolor() == "white"]
    assert [float(x) for line in hollow for x in line.get_xdata()] == [0.0]
    matplotlib.pyplot.close("all")
