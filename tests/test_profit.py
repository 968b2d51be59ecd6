"""The kit's simple retention -> profit model, against hand arithmetic."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import retention_kit as rk
from retention_kit.profit import retention_projection, retention_uplift


def test_geometric_survival_by_hand():
    # 100 customers, 90 % kept each month: 100, 90, 81; profit 10 each: 1000, 900, 810
    t = retention_projection(100, 0.9, 3, monthly_profit_per_customer=10)
    assert list(t.columns) == [
        "month",
        "customers",
        "retained",
        "new",
        "profit",
        "cumulative_profit",
    ]
    assert t["month"].tolist() == [1, 2, 3]
    assert t["customers"].tolist() == pytest.approx([100, 90, 81])
    assert t["retained"].tolist() == pytest.approx([100, 90, 81])
    assert t["new"].tolist() == [0, 0, 0]
    assert t["profit"].tolist() == pytest.approx([1000, 900, 810])
    assert t["cumulative_profit"].tolist() == pytest.approx([1000, 1900, 2710])
    assert isinstance(t.index, pd.RangeIndex)


def test_new_customers_join_from_month_two():
    # month 1: 100; month 2: 0.5*100 + 20 = 70; month 3: 0.5*70 + 20 = 55; month 4: 47.5
    t = retention_projection(100, 0.5, 4, monthly_profit_per_customer=2, new_per_month=20)
    assert t["customers"].tolist() == pytest.approx([100, 70, 55, 47.5])
    assert t["retained"].tolist() == pytest.approx([100, 50, 35, 27.5])
    assert t["new"].tolist() == pytest.approx([0, 20, 20, 20])
    assert t["cumulative_profit"].tolist() == pytest.approx([200, 340, 450, 545])


def test_edge_retentions():
    assert retention_projection(10, 1, 3, 1)["customers"].tolist() == [10, 10, 10]
    assert retention_projection(10, 0, 3, 1, new_per_month=4)["customers"].tolist() == [10, 4, 4]


def test_uplift_compares_two_scenarios_by_hand():
    # 1000 customers, 0.8 vs 0.85, profit 5, 3 months
    base = 5 * (1000 + 800 + 640)  # 12 200
    improved = 5 * (1000 + 850 + 722.5)  # 12 862.5
    t = retention_uplift(0.8, 0.05, start_customers=1000, months=3, monthly_profit_per_customer=5)
    last = t.iloc[-1]
    assert last["customers_base"] == pytest.approx(640)
    assert last["customers_improved"] == pytest.approx(722.5)
    assert last["cumulative_profit_base"] == pytest.approx(base)
    assert last["cumulative_profit_improved"] == pytest.approx(improved)
    assert last["difference"] == pytest.approx(improved - base)
    assert last["ratio"] == pytest.approx(improved / base)
    assert t["ratio"].iloc[0] == pytest.approx(1.0)  # month 1: everyone is still there


def test_ratio_is_nan_when_base_profit_is_zero():
    t = retention_uplift(0.5, 0.1, start_customers=10, months=2, monthly_profit_per_customer=0)
    assert math.isnan(t["ratio"].iloc[-1]) and t["difference"].iloc[-1] == 0


def test_public_names_resolve():
    assert rk.retention_projection is retention_projection
    assert rk.retention_uplift is retention_uplift


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"monthly_retention": 1.2}, "monthly_retention"),
        ({"monthly_retention": "90%"}, "monthly_retention"),
        ({"months": 0}, "months"),
        ({"months": 2.5}, "months"),
        ({"start_customers": -5}, "start_customers"),
        ({"new_per_month": -1}, "new_per_month"),
        ({"monthly_profit_per_customer": float("inf")}, "monthly_profit_per_customer"),
        ({"start_customers": [1, 2]}, "single number"),
    ],
)
def test_bad_input_gets_the_kits_errors(kwargs, match):
    args = {
        "start_customers": 100,
        "monthly_retention": 0.9,
        "months": 3,
        "monthly_profit_per_customer": 10,
    }
    args.update(kwargs)
    with pytest.raises(rk.RetentionKitError, match=match):
        retention_projection(**args)


def test_uplift_beyond_100_percent_is_explained():
    with pytest.raises(rk.InvalidParameterError, match="points"):
        retention_uplift(0.97, 0.05, start_customers=100, months=3, monthly_profit_per_customer=1)
