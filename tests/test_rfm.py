"""RFM table, segment summary and the CLV-library summary (retention_kit/rfm.py).

Expected values are worked out by hand in the comments, from article 000, from the score
definition written again here in plain Python and in DuckDB SQL (``rank()``), and from the rules
published by R's rfm package and pymc-marketing (copied into the tests from their documentation).
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import retention_kit as rk
from retention_kit.core.periods import wall_ordinals
from retention_kit.core.tables import rfm_scores
from retention_kit.errors import (
    EmptyDataError,
    InvalidAmountError,
    InvalidParameterError,
    MissingColumnError,
)

REAL_LOG = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "online_retail.parquet"
if not REAL_LOG.exists():
    REAL_LOG = Path("/work/shared/data/online_retail.parquet")

# segments defined by repeat buying (their descriptions say "buy often", "repeat", ...)
REPEAT_SEGMENTS = {
    "kit": {
        "Champions", "Loyal customers", "Potential loyalists", "Need attention", "At risk",
        "Can't lose them",
    },
    "rfm": {
        "Champions", "Potential Loyalist", "Loyal Customers", "Can't Lose Them", "At Risk",
        "Need Attention",
    },
    "pymc-marketing": {"Premium Customer", "Repeat Customer"},
}  # fmt: skip

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
    # n = 5: score = 1 + 5 * worse // 5 = 1 + customers with a strictly worse value.
    # recency D1 C12 A22 E41 B87: D beats 4 (longer ago) -> 5, C 4, A 3, E 2, B 1
    assert t["r_score"].to_dict() == {"D": 5, "C": 4, "A": 3, "E": 2, "B": 1}
    # frequency: B1 and E1 tie -> both beat nobody -> 1 (never split by id); A2 3, C3 4, D4 5
    assert t["f_score"].to_dict() == {"B": 1, "E": 1, "A": 3, "C": 4, "D": 5}
    # monetary: E1 C24 A35 B100 D200
    assert t["m_score"].to_dict() == {"E": 1, "C": 2, "A": 3, "B": 4, "D": 5}
    assert t["rfm_score"].to_dict() == {"A": "333", "B": "114", "C": "442", "D": "555", "E": "211"}
    # kit rules, first match: A (3,3,3) Need attention (r 3, f 3-5); B (1,1,4) Lost;
    # C (4,4,2) Loyal customers (f 4-5, m 1-3); D (5,5,5) Champions; E (2,1,1) Hibernating
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
        "action_source",
    ]
    assert t.loc["D", "action_source"] == "article 000"


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


# --------------------------------------------------------------------------- ties and order


def plain_scores(values, bins=5, higher_is_better=True):
    """The definition in plain Python: 1 + bins * (customers strictly worse) // n."""
    n = len(values)
    if higher_is_better:
        return [1 + bins * sum(w < v for w in values) // n for v in values]
    return [1 + bins * sum(w > v for w in values) // n for v in values]


def test_all_tied_customers_get_the_same_score():
    # ten identical customers: nobody is worse than anybody -> every score 1, segment Lost
    log = pd.DataFrame({"cid": range(10, 0, -1), "date": "2024-05-01", "paid": 3.0})
    t = rfm(log)
    assert t["cid"].tolist() == list(range(1, 11))
    assert set(t["rfm_score"]) == {"111"}
    assert set(t["segment"]) == {"Lost"}


def test_hand_worked_ties():
    # frequencies 1 1 1 2 2 5 (n = 6): worse counts 0 0 0 3 3 5 -> 1 + 5*w//6: 1 1 1 3 3 5
    assert rfm_scores(np.array([1, 1, 1, 2, 2, 5])).tolist() == [1, 1, 1, 3, 3, 5]
    # recency 3 3 10 40 (lower is better, n = 4): worse = longer ago: 2 2 1 0 -> 3 3 2 1
    assert rfm_scores(np.array([3, 3, 10, 40]), higher_is_better=False).tolist() == [3, 3, 2, 1]
    # quartiles (bins 4) of 1 1 2 3 3 3 (n = 6): worse 0 0 2 3 3 3 -> 1 + 4w//6: 1 1 2 3 3 3
    assert rfm_scores(np.array([1, 1, 2, 3, 3, 3]), bins=4).tolist() == [1, 1, 2, 3, 3, 3]
    assert rfm_scores(np.array([7.0])).tolist() == [1]  # one customer beats nobody


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.integers(0, 8), min_size=1, max_size=150),
    st.sampled_from([4, 5]),
    st.booleans(),
)
def test_scores_follow_the_definition_and_never_fall_as_a_value_improves(values, bins, up):
    got = rfm_scores(np.asarray(values, dtype="float64"), bins=bins, higher_is_better=up)
    assert got.tolist() == plain_scores(values, bins, up)
    s = pd.Series(values, dtype="float64")
    if up:  # the pandas idiom of the docstring
        assert got.tolist() == (1 + (bins * (s.rank(method="min") - 1)) // len(s)).tolist()
    for a, b in zip(values, got, strict=True):
        for c, d in zip(values, got, strict=True):
            if a == c:
                assert b == d  # equal values, equal scores
            elif (a > c) == up:
                assert b >= d  # better value, never a lower score
    assert got.min() >= 1 and got.max() <= bins


def test_twenty_thousand_one_order_customers_are_never_champions():
    # issue 10: with ties broken by id, 1,552 of these were Champions
    n = 20_000
    rng = np.random.default_rng(3)
    log = pd.DataFrame(
        {
            "cid": rng.permutation(n),
            "date": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, n), "D"),
            "paid": rng.integers(1, 300, n).astype(float),
        }
    )
    for preset in ("kit", "rfm", "pymc-marketing"):
        t = rfm(log, segments=preset)
        assert set(t["f_score"]) == {1}, preset  # every F equal
        assert not set(t["segment"]) & REPEAT_SEGMENTS[preset], preset
        assert "Champions" not in set(t["segment"])


@pytest.mark.skipif(
    not REAL_LOG.exists(), reason=f"the shared UCI Online Retail log is not at {REAL_LOG}"
)
def test_real_log_gives_one_to_four_orders_different_scores():
    # issue 10: on this log customers with 1-4 orders all had F = 4
    u = pd.read_parquet(REAL_LOG)
    u = u[u["CustomerID"].notna() & (u["Quantity"] > 0) & (u["UnitPrice"] > 0)]
    u = u[~u["InvoiceNo"].astype(str).str.startswith("C")]
    u = u.assign(amount=u["Quantity"] * u["UnitPrice"], cid=u["CustomerID"].astype("int64"))
    t = rk.rfm_table(u, customer="cid", time="InvoiceDate", amount="amount", order="InvoiceNo")
    f = t.groupby("frequency")["f_score"].agg(["min", "max"])
    assert (f["min"] == f["max"]).all()  # one score per number of orders
    assert f.loc[[1, 2, 3, 4], "min"].tolist() == plain_score_of(t["frequency"], [1, 2, 3, 4])
    assert f.loc[[1, 2, 3, 4], "min"].nunique() == 4
    one = t[t["frequency"] == 1]
    assert not set(one["segment"]) & REPEAT_SEGMENTS["kit"]
    assert {"New customers", "Promising"} <= set(t["segment"])


def plain_score_of(frequency: pd.Series, values: list[int], bins: int = 5) -> list[int]:
    n = len(frequency)
    return [1 + bins * int((frequency < v).sum()) // n for v in values]


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
    assert t["f_score"].tolist() == [1, 1, 1]  # all tied: the same score, whatever the id


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
), ranked AS (  -- rank() - 1 = customers with a strictly worse value
  SELECT *, count(*) OVER () AS n,
         rank() OVER (ORDER BY recency DESC) - 1 AS rw,
         rank() OVER (ORDER BY frequency) - 1 AS fw,
         rank() OVER (ORDER BY monetary) - 1 AS mw
  FROM agg
)
SELECT cid, recency, frequency, monetary,
       1 + (5 * rw) // n AS r_score, 1 + (5 * fw) // n AS f_score, 1 + (5 * mw) // n AS m_score
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


# R's rfm package, rfm_segment() example of the 0.3.0 documentation (rdrr.io/cran/rfm,
# search.r-project.org/CRAN/refmans/rfm/html/rfm_segment.html): first match wins, else "Others"
R_NAMES = [
    "Champions", "Potential Loyalist", "Loyal Customers", "Promising", "New Customers",
    "Can't Lose Them", "At Risk", "Need Attention", "About To Sleep", "Lost",
]  # fmt: skip
R_BOUNDS = {
    "r_min": [5, 3, 2, 3, 4, 1, 1, 1, 2, 1],
    "r_max": [5, 5, 4, 4, 5, 2, 2, 3, 3, 1],
    "f_min": [5, 3, 2, 1, 1, 3, 2, 3, 1, 1],
    "f_max": [5, 5, 4, 3, 3, 4, 5, 5, 3, 5],
    "m_min": [5, 2, 2, 3, 1, 4, 4, 3, 1, 1],
    "m_max": [5, 5, 4, 5, 5, 5, 5, 5, 4, 5],
}
# pymc-marketing, pymc_marketing/clv/utils.py, _default_rfm_segment_config (quartile scores)
PYMC_CONFIG = {
    "Premium Customer": ["334", "443", "444", "344", "434", "433", "343", "333"],
    "Repeat Customer": ["244", "234", "232", "332", "143", "233", "243"],
    "Top Spender": [
        "424", "414", "144", "314", "324", "124", "224", "423", "413", "133", "323", "313", "134",
    ],
    "At Risk Customer": [
        "422", "223", "212", "122", "222", "132", "322", "312", "412", "123", "214",
    ],
    "Inactive Customer": ["411", "111", "113", "114", "112", "211", "311"],
}  # fmt: skip


def segment_by_rules(rules: pd.DataFrame, r: int, f: int, m: int) -> str:
    """Plain Python: the first rule whose ranges hold (r, f, m)."""
    for row in rules.itertuples(index=False):
        in_r, in_f = row.r_min <= r <= row.r_max, row.f_min <= f <= row.f_max
        if in_r and in_f and row.m_min <= m <= row.m_max:
            return row.segment
    raise AssertionError(f"no rule for {(r, f, m)}")


def test_r_rfm_preset_is_the_documented_example():
    m = rk.segment_map("rfm")
    assert m["segment"].tolist() == [*R_NAMES, "Others"]
    for column, values in R_BOUNDS.items():
        assert m[column].tolist()[:10] == values, column
    assert m.iloc[10][list(R_BOUNDS)].tolist() == [1, 5, 1, 5, 1, 5]  # the catch-all


def test_pymc_marketing_preset_is_the_default_segment_config():
    m = rk.segment_map("pymc-marketing")
    assert m["segment"].iloc[-1] == "Other"
    cells = m.iloc[:-1]
    assert (cells["r_min"] == cells["r_max"]).all() and (cells["f_min"] == cells["f_max"]).all()
    got: dict[str, list[str]] = {}
    for row in cells.itertuples(index=False):
        got.setdefault(row.segment, []).append(f"{row.r_min}{row.f_min}{row.m_min}")
    assert got == PYMC_CONFIG
    assert cells["r_max"].max() == 4  # quartiles


@pytest.mark.parametrize(("preset", "bins"), [("kit", 5), ("rfm", 5), ("pymc-marketing", 4)])
def test_every_score_triple_gets_the_first_matching_rule(preset, bins):
    # customers built to land on every (r, f, m) triple: n = bins^3 customers would need a
    # controlled log; instead drive the final step directly with values whose scores are known.
    from retention_kit.core.tables import rfm_table_from_values

    rules = rk.segment_map(preset)
    triples = [(r, f, m) for r in range(1, bins + 1) for f in range(1, bins + 1)
               for m in range(1, bins + 1)]  # fmt: skip
    # for each triple a block of customers: a value v in 1..bins appears equally often in each
    # coordinate, so its score is v (worse share = (v - 1) / bins)
    n = len(triples)
    r = np.array([t[0] for t in triples])
    f = np.array([t[1] for t in triples])
    m = np.array([t[2] for t in triples])
    t = rfm_table_from_values(
        "cid", np.arange(n), 100 - r, f, m.astype(float), rules=rules, bins=bins
    )
    assert t["r_score"].tolist() == r.tolist() and t["f_score"].tolist() == f.tolist()
    expected = [segment_by_rules(rules, *triple) for triple in triples]
    assert t["segment"].tolist() == expected
    actions = rules.drop_duplicates("segment").set_index("segment")["action"]
    assert t["action"].tolist() == [actions[s] for s in expected]


def test_kit_actions_follow_article_000():
    m = rk.segment_map().set_index("segment")
    champions = m.loc["Champions"]
    # 000: the best customers "buy often and spend a lot": F and M both high
    assert (champions["f_min"], champions["m_min"]) == (4, 4)
    assert "loyalty programme" in champions["action"]
    assert champions["action_source"] == "article 000"
    loyal = m.loc["Loyal customers"]  # 000: frequent buyers of cheap items -> related products
    assert (loyal["f_min"], loyal["m_max"]) == (4, 3) and "cross-sell" in loyal["action"]
    for lapsed in ("At risk", "Can't lose them", "Hibernating", "Lost"):
        assert "reactivation email" in m.loc[[lapsed], "action"].iloc[0]
        assert m.loc[[lapsed], "r_max"].max() <= 2  # "have not bought for a long time"
    assert set(rk.segment_map()["segment"]) == SEGMENTS
    sources = set(rk.segment_map()["action_source"])
    assert sources <= {"article 000", "article 000 + kit", "kit suggestion"}
    # every action not from the article is labelled as the kit's
    for preset in ("kit", "rfm", "pymc-marketing"):
        t = rk.segment_map(preset)
        theirs = t[t["action_source"] == "article 000"]
        assert theirs["note"].str.startswith("000: ").all(), preset
        assert set(theirs["action"]) <= {
            "loyalty programme and special offers",
            "cross-sell: offer related products",
            "reactivation email with a promotion",
        }


def test_one_order_customers_are_never_in_a_repeat_segment_of_any_preset():
    for preset, names in REPEAT_SEGMENTS.items():
        m = rk.segment_map(preset)
        assert names <= set(m["segment"]), preset
        assert (m.loc[m["segment"].isin(names), "f_min"] >= 2).all(), preset


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 60), st.integers(1, 99)), min_size=1,
             max_size=120),
    st.sampled_from(["kit", "rfm", "pymc-marketing"]),
)  # fmt: skip
def test_one_order_customers_get_f_1_and_no_repeat_segment(rows, preset):
    log = pd.DataFrame(rows, columns=["cid", "day", "paid"])
    log["date"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(log["day"], "D")
    t = rfm(log.astype({"paid": float}), segments=preset)
    one = t[t["frequency"] == 1]
    assert (one["f_score"] == 1).all()
    assert not set(one["segment"]) & REPEAT_SEGMENTS[preset]
    # monotone in the whole table: better value -> score not lower, equal value -> equal score
    for value, score, better in (
        ("frequency", "f_score", np.greater),
        ("monetary", "m_score", np.greater),
        ("recency", "r_score", np.less),
    ):
        v, sc = t[value].to_numpy(), t[score].to_numpy()
        assert not (better.outer(v, v) & (sc[:, None] < sc[None, :])).any(), value
        assert not (np.equal.outer(v, v) & (sc[:, None] != sc[None, :])).any(), value


def test_own_segments_as_a_dict_or_a_table():
    log = hand_log()
    mine = {
        "Best": {"r": (4, 5), "f": (4, 5), "action": "call them"},
        "Once": [{"f": 1, "r": (1, 2)}, {"f": 1, "r": 5}],
    }
    t = rfm(log, segments=mine).set_index("cid")
    # scores from the hand test: A 333, B 114, C 442, D 555, E 211
    assert t["segment"].to_dict() == {
        "A": "Other", "B": "Once", "C": "Best", "D": "Best", "E": "Once",
    }  # fmt: skip
    assert t.loc["D", "action"] == "call them" and t.loc["D", "action_source"] == "your rule"
    table = rk.segment_map(mine)
    assert table["segment"].tolist() == ["Best", "Once", "Once", "Other"]
    pd.testing.assert_frame_equal(rfm(log, segments=table), rfm(log, segments=mine))
    # quartiles for your own rules
    q = rfm(log, segments={"Top": {"r": 4}}, bins=4).set_index("cid")
    assert q["r_score"].max() == 4 and q["segment"].to_dict()["D"] == "Top"
    s = rk.rfm_segments(rfm(log, segments=mine))
    assert s.set_index("segment").loc["Best", "action"] == "call them"


def test_segment_errors_name_the_problem():
    log = hand_log()
    with pytest.raises(InvalidParameterError, match="segments='RFM'.*pymc-marketing"):
        rfm(log, segments="RFM")
    with pytest.raises(InvalidParameterError, match="'Best'.*r=\\(0, 5\\)"):
        rfm(log, segments={"Best": {"r": (0, 5)}})
    with pytest.raises(InvalidParameterError, match="'Best'.*unknown key.*'recency'"):
        rfm(log, segments={"Best": {"recency": (4, 5)}})
    with pytest.raises(InvalidParameterError, match="scores 1-4"):
        rfm(log, segments="pymc-marketing", bins=5)
    with pytest.raises(InvalidParameterError, match="bins=1"):
        rfm(log, segments={"A": {}}, bins=1)
    with pytest.raises(InvalidParameterError, match="'segment' column"):
        rfm(log, segments=pd.DataFrame({"name": ["x"]}))
    with pytest.raises(InvalidParameterError, match="'Best'.*m="):
        rfm(log, segments={"Best": {"m": (1e400, 5)}})
    with pytest.raises(InvalidParameterError, match="'Best'.*f="):
        rfm(log, segments={"Best": {"f": "45"}})
    with pytest.raises(InvalidParameterError, match="needs a name"):
        rfm(log, segments={3: {"f": 4}})
    with pytest.raises(InvalidParameterError, match="got list"):
        rfm(log, segments=["Champions"])


def test_money_that_differs_in_the_last_bits_is_a_tie():
    # 0.1 + 0.2 != 0.3 in floating point; an engine may add in another order
    from retention_kit.core.tables import rfm_table_from_values

    t = rfm_table_from_values(
        "cid", np.arange(3), np.array([1, 1, 1]), np.array([1, 1, 1]),
        np.array([0.1 + 0.2, 0.3, 0.0]),
    )  # fmt: skip
    assert t["m_score"].tolist() == [2, 2, 1]  # 1 + 5*1//3 = 2 for both equal sums


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


@pytest.mark.parametrize("preset", ["rfm", "pymc-marketing"])
def test_presets_equal_on_duckdb(preset):
    pytest.importorskip("ibis", reason="the engine backends need: pip install -e '.[big]'")
    from tests.engine_cases import same

    shop = rk.load_sample("shop_transactions")
    kw = dict(customer="customer_id", time="order_time", amount="amount", order="order_id")
    same(
        rk.rfm_table(shop, **kw, segments=preset),
        rk.rfm_table(shop, **kw, segments=preset, backend="duckdb"),
    )


SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
if not SEEDS.is_dir():
    SEEDS = Path("/work/shared/seeds")


@pytest.mark.skipif(not SEEDS.is_dir(), reason=f"the source articles are not at {SEEDS}")
def test_article_words_in_the_segment_notes_are_in_article_000():
    article = " ".join(next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8").split())
    quotes = set()
    for preset in ("kit", "rfm", "pymc-marketing"):
        for note in rk.segment_map(preset)["note"]:
            quotes |= {" ".join(q.split()) for q in re.findall("«([^»]+)»", note)}
    assert len(quotes) == 3  # best customers, cheap frequent buyers, long without a purchase
    for quote in quotes:
        assert quote in article, quote


# --------------------------------------------------------------------------- the Russian edition

PRESETS_CSV = Path(rk.__file__).resolve().parent / "data" / "rfm_segments.csv"
GLOSSARY = Path(__file__).resolve().parents[1] / "docs" / "glossary.md"


def _presets_with_russian() -> pd.DataFrame:
    return pd.read_csv(PRESETS_CSV, dtype=str, keep_default_na=False)


def test_every_preset_segment_has_a_russian_name_description_and_action():
    presets = _presets_with_russian()
    for column in ("segment_ru", "description_ru", "action_ru"):
        empty = presets.loc[~presets[column].str.contains("[а-яё]", case=False), "segment"]
        assert empty.empty, f"{column} is empty or not Russian for {sorted(set(empty))}"
    # one English text, one Russian text (the display looks the English text up)
    for column in ("segment", "description", "action"):
        per_text = presets.groupby(column)[f"{column}_ru"].nunique()
        assert (per_text == 1).all(), per_text[per_text > 1]
    # names written by hand: the usual Russian RFM names, the same group the same name in
    # every preset
    names = dict(zip(presets["segment"], presets["segment_ru"], strict=True))
    assert names["Champions"] == "Чемпионы"
    assert names["Loyal customers"] == names["Loyal Customers"] == "Лояльные клиенты"
    assert names["At risk"] == names["At Risk"] == "Под угрозой ухода"
    assert names["Can't lose them"] == names["Can't Lose Them"] == "Нельзя потерять"
    assert names["Hibernating"] == "Спящие" and names["Lost"] == "Потерянные"
    assert names["Others"] == names["Other"] == "Остальные"


def test_russian_actions_keep_article_000s_words():
    # the three actions article 000 gives (OWOX part), with its own words in the Russian action:
    # «предложить программу лояльности, подготовить специальные предложения», «сопутствующие
    # товары», «напомните о себе каким-нибудь интересным письмом с акцией»
    words = {
        "loyalty programme and special offers": ("лояльности", "специальные предложения"),
        "cross-sell: offer related products": ("сопутствующие товары",),
        "reactivation email with a promotion": ("с акцией",),
    }
    presets = _presets_with_russian()
    from_article = presets[presets["action_source"] == "article 000"]
    assert set(from_article["action"]) == set(words)
    for action, russian in zip(from_article["action"], from_article["action_ru"], strict=True):
        for word in words[action]:
            assert word in russian, (action, russian)
    if SEEDS.is_dir():
        article = " ".join(next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8").split())
        for phrase in {w for group in words.values() for w in group}:
            assert phrase in article, phrase


def test_the_language_never_changes_the_segment_keys_or_actions():
    shop = rk.load_sample("shop_transactions")
    kw = dict(customer="customer_id", time="order_time", amount="amount", order="order_id")
    english = rk.rfm_table(shop, **kw)
    rk.set_language("ru")
    try:
        russian = rk.rfm_table(shop, **kw)
        summary = rk.rfm_segments(russian)
        mapped = rk.segment_map()
    finally:
        rk.set_language("en")
    pd.testing.assert_frame_equal(english, russian)
    # code shared by both notebooks compares the English names
    assert (russian["segment"] == "Champions").any()
    assert set(summary["segment"]) <= SEGMENTS | {"Other"}
    assert "loyalty programme and special offers" in set(summary["action"])
    assert mapped["segment"].iloc[0] == "Champions"


def test_the_glossary_lists_every_segment_name_both_ways():
    text = GLOSSARY.read_text(encoding="utf-8")
    english_part, russian_part = text.split("## Russian → English")
    rows_en = {
        tuple(cell.strip() for cell in line.strip("|").split("|")[:2])
        for line in english_part.splitlines()
        if line.startswith("|")
    }
    rows_ru = {
        tuple(cell.strip() for cell in line.strip("|").split("|")[:2])
        for line in russian_part.splitlines()
        if line.startswith("|")
    }
    presets = _presets_with_russian()
    pairs = set(zip(presets["segment"], presets["segment_ru"], strict=True))
    # 11 kit + 11 rfm + 6 pymc-marketing names, Champions, Promising and Lost in two presets
    assert len(pairs) == 25
    for english, russian in pairs:
        assert (english, russian) in rows_en, f"EN→RU lacks | {english} | {russian} |"
        # the RU→EN row lists every English name of the Russian one, separated by commas
        listed = {e for r, e in rows_ru if r == russian}
        assert listed, f"RU→EN lacks a row for {russian}"
        assert english in {n.strip() for e in listed for n in e.split(",")}, (russian, english)
