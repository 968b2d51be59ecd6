"""repeat_purchase_rate (counts) and repeat_purchases (from a log), checked by hand."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

import retention_kit as rk


def test_rate_scalar_array_series():
    assert rk.repeat_purchase_rate(30, 120) == 0.25  # 30 / 120
    np.testing.assert_allclose(rk.repeat_purchase_rate(np.array([1, 5]), 10), [0.1, 0.5])
    s = pd.Series([2, 0], index=["jan", "feb"])
    out = rk.repeat_purchase_rate(s, pd.Series([8, 4], index=["jan", "feb"]))
    assert isinstance(out, pd.Series) and list(out.index) == ["jan", "feb"]
    assert out.tolist() == [0.25, 0.0]  # 2 / 8, 0 / 4


@pytest.mark.parametrize(
    ("repeat", "customers", "error", "match"),
    [
        (1, 0, rk.InvalidCountError, "customers"),
        (5, 4, rk.InconsistentCountsError, "more than customers"),
        (-1, 4, rk.InvalidCountError, "repeat_customers"),
        (1.5, 4, rk.InvalidCountError, "whole"),
        (1, "ten", rk.InvalidCountError, "customers"),
    ],
)
def test_rate_errors(repeat, customers, error, match):
    with pytest.raises(error, match=match):
        rk.repeat_purchase_rate(repeat, customers)


def log() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "cid": ["a", "a", "a", "b", "b", "c", "d", "d"],
            "ts": pd.to_datetime(
                format="ISO8601",
                arg=[
                    "2024-01-02 10:00",
                    "2024-01-02 10:00",  # same instant: the same order as the row above
                    "2024-02-10",
                    "2024-01-20",
                    "2024-01-20",
                    "2024-02-03",
                    "2024-02-05",
                    "2024-04-01",
                ],
            ),
            "invoice": ["i1", "i1", "i2", "i3", "i4", "i5", "i6", "i7"],
        }
    )


def test_from_a_log_by_hand_distinct_times():
    data = log()
    before = copy.deepcopy(data)
    out = rk.repeat_purchases(data, customer="cid", time="ts")
    pd.testing.assert_frame_equal(data, before)
    # distinct times: a 2 (Jan 2 10:00, Feb 10), b 1 (both rows Jan 20), c 1, d 2 -> 2 of 4
    assert out.to_dict("records") == [{"customers": 4, "repeat_customers": 2, "rate": 0.5}]


def test_from_a_log_by_hand_with_orders():
    out = rk.repeat_purchases(log(), customer="cid", time="ts", order="invoice")
    # distinct invoices: a {i1, i2}, b {i3, i4}, c {i5}, d {i6, i7} -> 3 of 4
    assert out.to_dict("records") == [{"customers": 4, "repeat_customers": 3, "rate": 0.75}]


def test_per_first_purchase_month_by_hand():
    out = rk.repeat_purchases(log(), customer="cid", time="ts", freq="M")
    # first purchases: a Jan, b Jan, c Feb, d Feb; repeat (times): a yes, b no, c no, d yes
    assert list(out.columns) == ["cohort", "customers", "repeat_customers", "rate"]
    assert list(out["cohort"]) == list(pd.to_datetime(["2024-01-01", "2024-02-01"]))
    assert out["customers"].tolist() == [2, 2]
    assert out["repeat_customers"].tolist() == [1, 1]
    assert out["rate"].tolist() == [0.5, 0.5]


def test_log_errors():
    with pytest.raises(rk.MissingColumnError, match="invoice_no"):
        rk.repeat_purchases(log(), customer="cid", time="ts", order="invoice_no")
    with pytest.raises(rk.InvalidParameterError, match="freq"):
        rk.repeat_purchases(log(), customer="cid", time="ts", freq="decade")
    bad = log().assign(invoice=["i1", None, "i2", "i3", "i4", "i5", "i6", "i7"])
    with pytest.raises(rk.InvalidParameterError, match="order="):
        rk.repeat_purchases(bad, customer="cid", time="ts", order="invoice")
