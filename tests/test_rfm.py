"""RFM table, segment summary and the CLV-library summary (retention_kit/rfm.py).

Expected values are worked out by hand in the comments, from article 000, from the pandas
tutorial idiom ``pd.qcut(x.rank(method="first"), 5)`` or from DuckDB SQL written here.
"""

from __future__ import annotations

import copy

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import retention_kit as rk
from retention_kit.core.periods import wall_ordinals
from retention_kit.core.tables import SEGMENTS_CSV, quintiles
from retention_kit.errors import (
    EmptyDataError,
    InvalidAmountError,
    InvalidParameterError,
    MissingColumnError,
)

SEGMENTS = {
    "Champions",
    "Loyal customers",
    "Potential loyalists",
    "New customers",
    "Promising",
    "Need attention",
    "About to sleep",
    "At risk",
    "Can't lose them",
    "Hibernating",
    "Lost",
}


def hand_log() -> pd.DataFrame:
    """Five customers, dates only (midnight). Last event 2024-03-31 -> default as_of 2024-04-01.

    A: 03-01 (10 + 5, one order of two lines, invoices i1 and i2), 03-10 (20)
       -> last 03-10, recency 22 days, frequency 2 timestamps, monetary 35
    B: 01-05 (100) -> recency Jan 5->Feb 1 27 + Feb 29 + Mar 31 = 87, frequency 1, monetary 100
    C: 02-01 (7), 02-15 (8), 03-20 (9) -> recency 12, frequency 3, monetary 24
    D: 03-25, 03-28, 03-29, 03-31 (50 each) -> recency 1, frequency 4, monetary 200
    E: 02-20 (1) -> recency Feb 20->Mar 1 10 + 31 = 41, frequency 1, monetary 1
    """
    rows = [
        ("A", "2024-03-01", 10.0, "i1"),
        ("A", "2024-03-01", 5.0, "i2"),
        ("A", "2024-03-10", 20.0, "i3"),
        ("B", "2024-01-05", 100.0, "i4"),
        ("C", "2024-02-01", 7.0, "i5"),
        ("C", "2024-02-15", 8.0, "i6"),
        ("C", "2024-03-20", 9.0, "i7"),
        ("D", "2024-03-31", 50.0, "i8"),
        ("D", "2024-03-25", 50.0, "i9"),
        ("D", "2024-03-28", 50.0, "i10"),
        ("D", "2024-03-29", 50.0, "i11"),
        ("E", "2024-02-20", 1.0, "i12"),
    ]
    return pd.DataFrame(rows, columns=["cid", "date", "paid", "invoice"])


def rfm(data, **kw):
    return rk.rfm_table(data, customer="cid", time="date", amount="paid", **kw)


# --------------------------------------------------------------------------- rfm_table by hand


def test_hand_log_recency_frequency_monetary_and_scores():
    t = rfm(hand_log()).set_index("cid")
    assert list(t.index) == ["A", "B", "C", "D", "E"]  # sorted by customer id
    assert t["recency"].to_dict() == {"A": 22, "B": 87, "C": 12, "D": 1, "E": 41}
    assert t["frequency"].to_dict() == {"A": 2, "B": 1, "C": 3, "D": 4, "E": 1}
    assert t["monetary"].to_dict() == {"A": 35.0, "B": 100.0, "C": 24.0, "D": 200.0, "E": 1.0}
    # n = 5: quintile = rank. Recency ascending D1 C12 A22 E41 B87 -> q 1..5, r = 6 - q
    assert t["r_score"].to_dict() == {"D": 5, "C": 4, "A": 3, "E": 2, "B": 1}
    # frequency: B1, E1 tie -> by id B before E; then A2, C3, D4
    assert t["f_score"].to_dict() == {"B": 1, "E": 2, "A": 3, "C": 4, "D": 5}
    # monetary: E1 C24 A35 B100 D200
    assert t["m_score"].to_dict() == {"E": 1, "C": 2, "A": 3, "B": 4, "D": 5}
    assert t["rfm_score"].to_dict() == {"A": "333", "B": "114", "C": "442", "D": "555", "E": "221"}
    # grid (r, f): A (3,3) Need attention, B (1,1) Lost, C (4,4) Loyal, D (5,5) Champions,
    # E (2,2) Hibernating
    assert t["segment"].to_dict() == {
        "A": "Need attention",
        "B": "Lost",
        "C": "Loyal customers",
        "D": "Champions",
        "E": "Hibernating",
    }
    assert "loyalty programme" in t.loc["D", "action"]  # article 000: best customers
    assert "reactivation email" in t.loc["B", "action"]  # article 000: stopped buying
    assert "cross-sell" in t.loc["C", "action"]  # article 000: frequent (cheap) buyers
    assert list(t.reset_index().columns) == [
        "cid",
        "recency",
        "frequency",
        "monetary",
        "r_score",
        "f_score",
        "m_score",
        "rfm_score",
        "segment",
        "action",
    ]


def test_monetary_mean_is_total_over_orders():
    t = rfm(hand_log(), monetary="mean").set_index("cid")
    # A 35/2 = 17.5, B 100, C 24/3 = 8, D 200/4 = 50, E 1
    assert t["monetary"].to_dict() == {"A": 17.5, "B": 100.0, "C": 8.0, "D": 50.0, "E": 1.0}
    # order E1 C8 A17.5 D50 B100
    assert t["m_score"].to_dict() == {"E": 1, "C": 2, "A": 3, "D": 4, "B": 5}


def test_order_column_counts_distinct_orders():
    t = rfm(hand_log(), order="invoice").set_index("cid")
    # A has invoices i1, i2 (same time) and i3 -> 3 orders; the others as before
    assert t["frequency"].to_dict() == {"A": 3, "B": 1, "C": 3, "D": 4, "E": 1}


def test_explicit_as_of_drops_later_purchases():
    t = rfm(hand_log(), as_of="2024-03-15").set_index("cid")
    # D bought only after 03-15 -> absent. A: 03-10 -> 5 days; C: 02-15 -> 29 days (Feb has 29),
    # its 03-20 purchase dropped; B: 27 + 29 + 14 = 70; E: 10 + 14 = 24
    assert t["recency"].to_dict() == {"A": 5, "B": 70, "C": 29, "E": 24}
    assert t["frequency"].to_dict() == {"A": 2, "B": 1, "C": 2, "E": 1}
    assert t["monetary"].to_dict() == {"A": 35.0, "B": 100.0, "C": 15.0, "E": 1.0}


def test_recency_is_whole_days_elapsed_and_default_as_of_is_next_midnight():
    log = pd.DataFrame(
        {
            "cid": [1, 2, 3],
            "date": ["2024-01-01 15:00", "2024-01-02 08:00", "2024-01-02 23:00"],
            "paid": [1.0, 1.0, 1.0],
        }
    )
    t = rfm(log, as_of="2024-01-03").set_index("cid")
    # 1 day 9 h -> 1; 16 h -> 0; 1 h -> 0
    assert t["recency"].to_dict() == {1: 1, 2: 0, 3: 0}
    # default as_of = 2024-01-03 00:00 (midnight after the last event): same result
    pd.testing.assert_frame_equal(rfm(log), rfm(log, as_of="2024-01-03"))


def test_time_zone_aware_times_use_wall_clock():
    log = hand_log()
    aware = log.assign(date=pd.to_datetime(log["date"]).dt.tz_localize("Europe/Berlin"))
    pd.testing.assert_frame_equal(rfm(aware), rfm(log))
    # a tz-aware as_of is converted to the data's zone: 2024-03-14 23:00 UTC = 03-15 00:00 Berlin
    pd.testing.assert_frame_equal(
        rfm(aware, as_of=pd.Timestamp("2024-03-14 23:00", tz="UTC")),
        rfm(log, as_of="2024-03-15"),
    )


# --------------------------------------------------------------------------- quintile ties


def test_all_tied_customers_are_scored_by_id():
    # ten identical customers: rank = id; q = max(1, ceil(5 (r-1) / 9)):
    # r 1..10 -> 0, .56, 1.1, 1.7, 2.2, 2.8, 3.3, 3.9, 4.4, 5 -> 1 1 2 2 3 3 4 4 5 5
    log = pd.DataFrame({"cid": range(10, 0, -1), "date": "2024-05-01", "paid": 3.0})
    t = rfm(log)
    assert t["cid"].tolist() == list(range(1, 11))
    assert t["f_score"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert t["m_score"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert t["r_score"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]  # 6 - q


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, [3]), (2, [1, 5]), (3, [1, 3, 5]), (4, [1, 2, 4, 5])],
    # n=3: ceil(5*1/2) = 3; n=4: ceil(5/3) = 2, ceil(10/3) = 4
)
def test_fewer_than_five_customers_get_valid_scores(n, expected):
    log = pd.DataFrame({"cid": range(n), "date": "2024-05-01", "paid": 3.0})
    assert rfm(log)["f_score"].tolist() == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=2, max_size=120))
def test_quintiles_equal_the_pandas_qcut_rank_first_idiom(values):
    s = pd.Series(values, dtype="float64")
    expected = pd.qcut(s.rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype("int64")
    assert quintiles(s.to_numpy()).tolist() == expected.tolist()


def test_shuffled_rows_give_the_same_table():
    rng = np.random.default_rng(7)
    n = 400
    log = pd.DataFrame(
        {
            "cid": rng.integers(0, 60, n),
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 20, n), "D"),
            "paid": rng.integers(1, 4, n).astype(float),  # few values: many ties
        }
    )
    base = rfm(log)
    for seed in range(3):
        shuffled = log.sample(frac=1, random_state=seed).reset_index(drop=True)
        pd.testing.assert_frame_equal(rfm(shuffled), base)


def test_mixed_type_ids_are_ordered_as_text():
    log = pd.DataFrame(
        {"cid": pd.Series([7, "7a", 3], dtype=object), "date": "2024-05-01", "paid": 1.0}
    )
    t = rfm(log)
    assert [str(c) for c in t["cid"]] == ["3", "7", "7a"]
    assert t["f_score"].tolist() == [1, 3, 5]  # n = 3, all tied -> id order


def test_integer_ids_far_apart_match_compact_ids():
    log = hand_log()
    big = log.assign(
        cid=log["cid"].map(
            {"A": 10**12, "B": 2 * 10**12, "C": 3 * 10**12, "D": 4 * 10**12, "E": 5 * 10**12}
        )
    )
    small = log.assign(cid=log["cid"].map({"A": 1, "B": 2, "C": 3, "D": 4, "E": 5}))
    a, b = rfm(big).drop(columns="cid"), rfm(small).drop(columns="cid")
    pd.testing.assert_frame_equal(a, b)
    assert rfm(big)["cid"].tolist() == [10**12 * k for k in range(1, 6)]


def test_sub_second_times_are_distinct_orders():
    log = pd.DataFrame(
        {
            "cid": [1, 1, 1, 2],
            "date": pd.to_datetime(
                [
                    "2024-01-01 10:00:00.5",
                    "2024-01-01 10:00:00.25",
                    "2024-01-01 10:00:00.5",
                    "2020-01-01",
                ],
                format="ISO8601",
            ),
            "paid": 1.0,
        }
    )
    # customer 1: two distinct instants (.5 twice, .25)
    assert rfm(log).set_index("cid")["frequency"].to_dict() == {1: 2, 2: 1}


# --------------------------------------------------------------------------- DuckDB cross-check


RFM_SQL = """
WITH agg AS (
  SELECT cid,
         (epoch_us(CAST(? AS TIMESTAMP)) - epoch_us(max(date))) // 86400000000 AS recency,
         count(DISTINCT {order_col}) AS frequency,
         sum(paid) AS monetary
  FROM log WHERE date <= CAST(? AS TIMESTAMP) GROUP BY cid
), ranked AS (
  SELECT *, count(*) OVER () AS n,
         row_number() OVER (ORDER BY recency, cid) AS rr,
         row_number() OVER (ORDER BY frequency, cid) AS fr,
         row_number() OVER (ORDER BY monetary, cid) AS mr
  FROM agg
)
SELECT cid, recency, frequency, monetary,
       CASE WHEN n = 1 THEN 3 ELSE 6 - greatest(1, ceil(5.0 * (rr - 1) / (n - 1))) END AS r_score,
       CASE WHEN n = 1 THEN 3 ELSE greatest(1, ceil(5.0 * (fr - 1) / (n - 1))) END AS f_score,
       CASE WHEN n = 1 THEN 3 ELSE greatest(1, ceil(5.0 * (mr - 1) / (n - 1))) END AS m_score
FROM ranked ORDER BY cid
"""

logs = st.integers(1, 80).flatmap(
    lambda n: st.fixed_dictionaries(
        {
            "cid": st.lists(st.integers(0, 25), min_size=n, max_size=n),
            "sec": st.lists(st.integers(0, 40 * 86400), min_size=n, max_size=n),
            "cents": st.lists(st.integers(1, 5000), min_size=n, max_size=n),
            "inv": st.lists(st.integers(0, 30), min_size=n, max_size=n),
        }
    )
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs, st.booleans(), st.booleans(), st.sampled_from([None, 10, 39]))
def test_rfm_matches_duckdb(d, coarse, use_order, as_of_day):
    sec = np.asarray(d["sec"])
    if coarse:  # whole hours: many equal timestamps (ties in frequency)
        sec = sec // 3600 * 3600
    log = pd.DataFrame(
        {
            "cid": np.asarray(d["cid"], dtype="int64"),
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(sec, "s"),
            "paid": np.asarray(d["cents"], dtype="float64"),  # whole numbers: exact sums
            "inv": np.asarray(d["inv"], dtype="int64"),
        }
    )
    if as_of_day is None:
        as_of = log["date"].max().normalize() + pd.Timedelta(days=1)
        kw = {}
    else:
        as_of = pd.Timestamp("2024-01-01") + pd.Timedelta(days=as_of_day, hours=6)
        kw = {"as_of": as_of}
    if not (log["date"] <= as_of).any():
        with pytest.raises(EmptyDataError):
            rfm(log, **kw)
        return
    ours = rfm(log, order="inv" if use_order else None, **kw)
    con = duckdb.connect()
    con.register("log", log)
    sql = RFM_SQL.format(order_col="inv" if use_order else "date")
    ref = con.execute(sql, [as_of.to_pydatetime(), as_of.to_pydatetime()]).df()
    con.close()
    cols = ["cid", "recency", "frequency", "monetary", "r_score", "f_score", "m_score"]
    pd.testing.assert_frame_equal(
        ours[cols], ref[cols], check_dtype=False, check_exact=False, rtol=1e-12
    )


# --------------------------------------------------------------------------- segments


def test_segment_csv_maps_every_r_f_pair_to_exactly_one_segment():
    table = pd.read_csv(SEGMENTS_CSV)
    pairs = list(zip(table["r_score"], table["f_score"], strict=True))
    assert sorted(pairs) == [(r, f) for r in range(1, 6) for f in range(1, 6)]  # 25, no repeats
    assert set(table["segment"]) == SEGMENTS
    assert set(table["action_source"]) <= {"article 000", "article 000 + kit", "kit suggestion"}
    per_segment = table.groupby("segment")[["action", "action_source"]].nunique()
    assert (per_segment == 1).all().all()  # one action per segment
    actions = table.drop_duplicates("segment").set_index("segment")["action"]
    assert "loyalty programme" in actions["Champions"]
    for lapsed in ("At risk", "Can't lose them", "Hibernating", "Lost"):
        assert "reactivation email" in actions[lapsed]
    assert "cross-sell" in actions["Loyal customers"]


def test_every_score_pair_reaches_its_grid_segment():
    # build customers that land on every (r, f) pair: 25 customers, r and f scores by design.
    # customer k = 5 * (r - 1) + (f - 1); recency rank order gives r, frequency rank gives f.
    grid = pd.read_csv(SEGMENTS_CSV).set_index(["r_score", "f_score"])["segment"]
    rows = []
    for r in range(1, 6):
        for f in range(1, 6):
            k = 5 * (r - 1) + (f - 1)
            # r: 5 customers per score; recency rank by (recency, id) -> give recency 100 - 10 r
            last = pd.Timestamp("2024-06-30") - pd.Timedelta(days=100 - 10 * r)
            for j in range(f):  # f orders on distinct days before the last one
                rows.append((k, last - pd.Timedelta(days=j), 1.0))
    log = pd.DataFrame(rows, columns=["cid", "date", "paid"])
    t = rfm(log, as_of="2024-07-01").set_index("cid")
    for r in range(1, 6):
        for f in range(1, 6):
            k = 5 * (r - 1) + (f - 1)
            assert (t.loc[k, "r_score"], t.loc[k, "f_score"]) == (r, f)
            assert t.loc[k, "segment"] == grid[(r, f)]


def test_rfm_segments_summary_by_hand():
    t = rfm(hand_log())
    s = rk.rfm_segments(t)
    # one customer per segment, sorted by money: D 200, B 100, A 35, C 24, E 1
    assert s["segment"].tolist() == [
        "Champions",
        "Lost",
        "Need attention",
        "Loyal customers",
        "Hibernating",
    ]
    assert s["customers"].tolist() == [1] * 5
    assert s["share"].tolist() == [0.2] * 5  # 1 / 5
    assert s["monetary_total"].tolist() == [200.0, 100.0, 35.0, 24.0, 1.0]
    assert s["recency_mean"].tolist() == [1.0, 87.0, 22.0, 12.0, 41.0]


def test_rfm_segments_means_and_shares():
    t = pd.DataFrame(
        {
            "segment": ["Lost", "Champions", "Lost", "Lost"],
            "recency": [90, 1, 60, 30],
            "frequency": [1, 9, 2, 3],
            "monetary": [10.0, 500.0, 30.0, 20.0],
        }
    )
    s = rk.rfm_segments(t).set_index("segment")
    # Lost: 3 of 4 customers, total 60, mean 20, recency mean 60, frequency mean 2
    assert s.loc["Lost", ["customers", "share", "monetary_total", "monetary_mean"]].tolist() == [
        3,
        0.75,
        60.0,
        20.0,
    ]
    assert s.loc["Lost", ["recency_mean", "frequency_mean"]].tolist() == [60.0, 2.0]
    assert s.index.tolist() == ["Champions", "Lost"]  # 500 > 60
    assert s.loc["Lost", "action_source"] == "article 000 + kit"


# --------------------------------------------------------------------------- clv_summary


def clv_log() -> pd.DataFrame:
    rows = [
        ("a", "2024-01-01 09:00", 5.0),
        ("a", "2024-01-01 17:00", 5.0),
        ("a", "2024-01-04 10:00", 20.0),
        ("a", "2024-01-04 11:00", 10.0),
        ("a", "2024-01-10 12:00", 6.0),
        ("b", "2024-01-08 08:00", 8.0),
    ]
    return pd.DataFrame(rows, columns=["cid", "date", "paid"])


def clv(data, **kw):
    return rk.clv_summary(data, customer="cid", time="date", **kw)


def test_clv_summary_daily_by_hand():
    s = clv(clv_log(), amount="paid").set_index("cid")
    # as_of = last event 01-10. a: days {01, 04, 10} -> frequency 2, recency 10 - 1 = 9, T 9,
    #   monetary = mean of repeat-day sums (20 + 10 = 30, 6) = 18
    # b: one day -> frequency 0, recency 0, T = 10 - 8 = 2, monetary 0
    assert s.loc["a"].tolist() == [2, 9, 9, 18.0]
    assert s.loc["b"].tolist() == [0, 0, 2, 0.0]
    assert list(s.reset_index().columns) == ["cid", "frequency", "recency", "T", "monetary_value"]


def test_clv_summary_weekly_by_hand():
    s = clv(clv_log(), amount="paid", freq="W").set_index("cid")
    # weeks start Monday 2024-01-01: week 0 = Jan 1-7 (01, 04), week 1 = Jan 8-14 (08, 10)
    # a: weeks {0, 1} -> frequency 1, recency 1, T 1 (as_of 01-10 in week 1), monetary 6
    # b: week 1 only -> 0, 0, 0, 0
    assert s.loc["a"].tolist() == [1, 1, 1, 6.0]
    assert s.loc["b"].tolist() == [0, 0, 0, 0.0]


def test_clv_summary_monthly_with_as_of():
    log = pd.DataFrame(
        [
            ("c", "2024-01-31", 10.0),
            ("c", "2024-02-01", 4.0),
            ("c", "2024-02-29", 6.0),
            ("c", "2024-03-20", 1.0),  # after as_of but in as_of's month: kept (libraries do)
            ("c", "2024-04-02", 100.0),  # later month: dropped
            ("d", "2024-04-05", 3.0),  # only later: customer dropped
        ],
        columns=["cid", "date", "paid"],
    )
    s = clv(log, amount="paid", freq="M", as_of="2024-03-15").set_index("cid")
    # c: months Jan, Feb, Mar -> frequency 2, recency 2, T = Mar - Jan = 2,
    #    monetary = mean(Feb 4 + 6 = 10, Mar 1) = 5.5
    assert s.index.tolist() == ["c"]
    assert s.loc["c"].tolist() == [2, 2, 2, 5.5]


def test_clv_summary_without_amount_has_no_monetary_column():
    s = clv(clv_log())
    assert list(s.columns) == ["cid", "frequency", "recency", "T"]
    assert s["frequency"].tolist() == [2, 0]


def test_fast_period_ordinals_equal_pandas_periods():
    rng = np.random.default_rng(3)
    times = pd.Series(
        pd.Timestamp("1960-01-01") + pd.to_timedelta(rng.integers(0, 70 * 365 * 86400, 500), "s")
    )
    for freq in ("D", "W", "M"):
        ords = wall_ordinals(times, freq)
        pfreq = {"D": "D", "W": "W-SUN", "M": "M"}[freq]
        expected = [pd.Period(t, pfreq).ordinal for t in times]
        assert ords.tolist() == expected


# --------------------------------------------------------------------------- errors, purity


def test_input_not_mutated():
    log = hand_log()
    before = copy.deepcopy(log)
    t = rfm(log, order="invoice", as_of="2024-03-15")
    rfm(log, monetary="mean")
    clv(log, amount="paid", freq="M", as_of="2024-02-10")
    pd.testing.assert_frame_equal(log, before)
    t_before = copy.deepcopy(t)
    rk.rfm_segments(t)
    pd.testing.assert_frame_equal(t, t_before)


def test_errors_name_the_problem():
    log = hand_log()
    with pytest.raises(MissingColumnError, match="amount_eur"):
        rk.rfm_table(log, customer="cid", time="date", amount="amount_eur")
    with pytest.raises(MissingColumnError, match="amount_eur"):
        rk.clv_summary(log, customer="cid", time="date", amount="amount_eur")
    with pytest.raises(InvalidParameterError, match="monetary='median'"):
        rfm(log, monetary="median")
    with pytest.raises(InvalidParameterError, match="as_of"):
        rfm(log, as_of="not a date")
    with pytest.raises(EmptyDataError, match="as_of"):
        rfm(log, as_of="2020-01-01")
    with pytest.raises(InvalidAmountError, match="paid"):
        rfm(log.assign(paid=log["paid"].astype(str) + " EUR"))
    with pytest.raises(InvalidParameterError, match="freq"):
        clv(log, freq="fortnight")
    with pytest.raises(MissingColumnError, match="segment"):
        rk.rfm_segments(pd.DataFrame({"recency": [1], "frequency": [1], "monetary": [1.0]}))


CLV_SQL = """
WITH p AS (  -- one row per customer and day with a purchase, amounts summed
  SELECT cid, CAST(date AS DATE) AS d, sum(paid) AS s FROM log
  WHERE CAST(date AS DATE) <= CAST(? AS DATE) GROUP BY ALL
), f AS (
  SELECT cid, min(d) AS d0 FROM p GROUP BY cid
)
SELECT cid,
       count(*) - 1 AS frequency,
       date_diff('day', min(d), max(d)) AS recency,
       date_diff('day', min(d), CAST(? AS DATE)) AS "T",
       coalesce(avg(s) FILTER (WHERE d > d0), 0) AS monetary_value
FROM p JOIN f USING (cid) GROUP BY cid ORDER BY cid
"""


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs, st.sampled_from([None, 12, 30]))
def test_clv_summary_matches_duckdb(d, as_of_day):
    log = pd.DataFrame(
        {
            "cid": np.asarray(d["cid"], dtype="int64"),
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(np.asarray(d["sec"]), "s"),
            "paid": np.asarray(d["cents"], dtype="float64"),
        }
    )
    if as_of_day is None:
        as_of, kw = log["date"].max(), {}
    else:
        as_of = pd.Timestamp("2024-01-01") + pd.Timedelta(days=as_of_day, hours=13)
        kw = {"as_of": as_of}
    if not (log["date"].dt.normalize() <= as_of.normalize()).any():
        with pytest.raises(EmptyDataError):
            clv(log, amount="paid", **kw)
        return
    ours = clv(log, amount="paid", **kw)
    con = duckdb.connect()
    con.register("log", log)
    day = as_of.normalize().to_pydatetime()
    ref = con.execute(CLV_SQL, [day, day]).df()
    con.close()
    pd.testing.assert_frame_equal(ours, ref, check_dtype=False, check_exact=False, rtol=1e-12)


def test_customer_column_named_like_an_output_column_is_refused():
    log = hand_log().rename(columns={"cid": "segment"})
    with pytest.raises(InvalidParameterError, match="rename"):
        rk.rfm_table(log, customer="segment", time="date", amount="paid")
    with pytest.raises(InvalidParameterError, match="rename"):
        rk.clv_summary(log.rename(columns={"segment": "T"}), customer="T", time="date")
