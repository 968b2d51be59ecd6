"""lifecycle_table: a hand-worked example, the growth-accounting identities, and an
independent plain-Python implementation (sets per period)."""

from __future__ import annotations

import copy
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import retention_kit as rk
from retention_kit.lifecycle import lifecycle_table
from tests.chart_support import bar_segments

UCI = Path(__file__).resolve().parents[2] / "shared" / "data" / "online_retail.parquet"


def test_six_customers_by_hand():
    rows = [
        ("a", "2024-01-02"),
        ("b", "2024-01-05"),
        ("c", "2024-01-09"),
        ("a", "2024-02-01"),
        ("b", "2024-02-03"),
        ("d", "2024-02-04"),  # c dormant, d new
        ("c", "2024-03-01"),
        ("a", "2024-03-02"),
        ("e", "2024-03-03"),  # c back, b, d dormant
        ("f", "2024-04-10"),
        ("b", "2024-04-11"),  # a, c, e dormant; b back; f new
    ]
    log = pd.DataFrame(rows, columns=["who", "when"]).assign(
        when=lambda d: pd.to_datetime(d["when"])
    )
    t = lifecycle_table(log, customer="who", time="when")
    cols = ["active", "new", "returning", "resurrecting", "dormant"]
    assert t[cols].values.tolist() == [
        [3, 3, 0, 0, 0],
        [3, 1, 2, 0, 1],
        [3, 1, 1, 1, 2],
        [2, 1, 0, 1, 3],
    ]
    assert np.isnan(t["quick_ratio"].iloc[0])
    assert t["quick_ratio"].tolist()[1:] == [1.0, 1.0, pytest.approx(2 / 3)]
    assert t["complete"].tolist() == [True, True, True, False]


def plain_python(log: pd.DataFrame, freq: str) -> pd.DataFrame:
    key = {
        "M": lambda ts: ts.year * 12 + ts.month - 1,
        "Q": lambda ts: ts.year * 4 + (ts.month - 1) // 3,
    }[freq]
    active: dict[int, set] = {}
    for c, ts in log[["c", "t"]].itertuples(index=False):
        active.setdefault(key(ts), set()).add(c)
    seen: set = set()
    rows = []
    prev: set = set()
    for p in range(min(active), max(active) + 1):
        now = active.get(p, set())
        rows.append(
            {
                "active": len(now),
                "new": len(now - seen),
                "returning": len(now & prev),
                "resurrecting": len((now & seen) - prev),
                "dormant": len(prev - now),
            }
        )
        seen |= now
        prev = now
    return pd.DataFrame(rows)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 6),
            st.datetimes(
                min_value=pd.Timestamp("2023-01-01"), max_value=pd.Timestamp("2024-12-31")
            ),
        ),
        min_size=1,
        max_size=50,
    ),
    st.sampled_from(["M", "Q"]),
)
def test_matches_plain_python_and_identities(rows, freq):
    log = pd.DataFrame(rows, columns=["c", "t"])
    before = copy.deepcopy(log)
    t = lifecycle_table(log, customer="c", time="t", freq=freq)
    pd.testing.assert_frame_equal(log, before)
    expected = plain_python(log, freq)
    for col in expected.columns:
        assert t[col].tolist() == expected[col].tolist(), col
    assert (t["new"] + t["returning"] + t["resurrecting"] == t["active"]).all()
    assert (t["returning"] + t["dormant"]).tolist()[1:] == t["active"].tolist()[:-1]


def test_ids_keep_their_identity_and_errors_are_clear():
    log = pd.DataFrame(
        {"c": ["007", "7", "007"], "t": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-02-01"])}
    )
    t = lifecycle_table(log, customer="c", time="t")
    assert t["active"].tolist() == [2, 1]  # "007" and "7" are two customers
    with pytest.raises(rk.MissingColumnError, match="'customer_id'"):
        lifecycle_table(log, customer="customer_id", time="t")
    with pytest.raises(TypeError):
        lifecycle_table(log, "c", "t")


@pytest.mark.skipif(not UCI.exists(), reason="the shared UCI Online Retail log is not here")
def test_uci_online_retail_matches_plain_python():
    raw = pd.read_parquet(UCI, columns=["CustomerID", "InvoiceDate"]).dropna()
    log = pd.DataFrame({"c": raw["CustomerID"], "t": raw["InvoiceDate"]})
    t = lifecycle_table(log, customer="c", time="t")
    assert t["complete"].iloc[-1] == False  # noqa: E712 - December 2011 ends on the 9th
    assert t["complete"].iloc[:-1].all()
    expected = plain_python(log, "M")
    for col in expected.columns:
        assert t[col].tolist() == expected[col].tolist(), col


def test_lifecycle_chart_draws_dormant_below_zero_and_hatches_the_partial_period():
    log = pd.DataFrame(
        {
            "c": ["a", "b", "a", "c"],
            "t": pd.to_datetime(["2024-01-02", "2024-01-05", "2024-02-01", "2024-02-03"]),
        }
    )
    table = lifecycle_table(log, customer="c", time="t")
    before = table.copy()
    ax = rk.plots.lifecycle_chart(table)
    pd.testing.assert_frame_equal(table, before)
    bars = bar_segments(ax)
    assert [round(b["height"], 6) for b in bars if b["height"] < 0] == [-1]  # b went dormant
    january = [b for b in bars if b["x"] == 0 and b["height"] != 0]
    february = [b for b in bars if b["x"] == 1 and b["height"] != 0]
    assert january and all(b["hatch"] is None for b in january)
    assert february and all(b["hatch"] == "//" for b in february)  # the log ends on 3 Feb
    assert "period not complete" in [t.get_text() for t in ax.get_legend().get_texts()]
    with pytest.raises(rk.MissingColumnError, match="'dormant'.*lifecycle_table"):
        rk.plots.lifecycle_chart(table.drop(columns="dormant"))
