"""LTV, NPS and email metrics, checked against hand calculations and the sources' definitions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import retention_kit as rk
from retention_kit.errors import InconsistentCountsError, InvalidCountError, InvalidScoreError


def test_ltv_as_the_sources_define_it():
    # article 003: LTV = monthly profit x lifetime in months; 500 x 24 = 12 000
    assert rk.ltv(avg_monthly_profit=500, avg_lifetime_months=24) == 12_000


def test_ltv_from_churn():
    # lifetime = 1 / 0.04 = 25 months; 500 x 25 = 12 500
    assert rk.lifetime_from_churn(0.04) == pytest.approx(25)
    assert rk.ltv_from_churn(avg_monthly_profit=500, monthly_churn=0.04) == pytest.approx(12_500)


def test_ltv_vectorised():
    out = rk.ltv(pd.Series([100.0, 200.0]), pd.Series([10, 5]))
    assert out.tolist() == [1000.0, 1000.0]


@pytest.mark.parametrize("churn", [0, -0.1, 1.5])
def test_churn_outside_0_1_is_rejected(churn):
    with pytest.raises(InvalidCountError, match="monthly_churn"):
        rk.lifetime_from_churn(churn)


def test_negative_lifetime_is_rejected():
    with pytest.raises(InvalidCountError, match="avg_lifetime_months"):
        rk.ltv(100, -3)


def test_nps_standard_scoring():
    # promoters 9-10: 3 (9, 10, 10); detractors 0-6: 2 (0, 6); passives 7-8: 2; total 7
    scores = [9, 10, 10, 7, 8, 0, 6]
    assert rk.nps(scores) == pytest.approx((3 - 2) / 7)
    table = rk.nps_breakdown(scores).set_index("group")
    assert table.loc["promoters", "count"] == 3
    assert table.loc["passives", "count"] == 2
    assert table.loc["detractors", "count"] == 2
    assert table["share"].sum() == pytest.approx(1)


def test_nps_bounds():
    assert rk.nps([10] * 5) == 1.0
    assert rk.nps([0, 3, 6]) == -1.0
    assert rk.nps([7, 8]) == 0.0


@pytest.mark.parametrize(
    "scores,words",
    [
        ([9, 11], ["11", "0 to 10"]),
        ([9, -1], ["-1"]),
        ([9, 7.5], ["7.5"]),
        (["nine"], ["nine"]),
        ([], ["empty"]),
        ([9, None], ["missing"]),
        ("9", ["text"]),
    ],
)
def test_nps_bad_scores(scores, words):
    with pytest.raises(InvalidScoreError) as info:
        rk.nps(scores)
    for w in words:
        assert w in str(info.value)


def test_nps_does_not_mutate_a_series():
    s = pd.Series([10, 9, 3])
    before = s.copy()
    rk.nps(s)
    pd.testing.assert_series_equal(s, before)


def test_email_metrics_as_article_000_defines_them():
    # OR = 150 / 1000; CTOR = 30 / 150; CTR = 30 / 1000; UR = 5 / 1000; reach = 500 / 1000
    assert rk.open_rate(opened=150, delivered=1000) == pytest.approx(0.15)
    assert rk.click_to_open_rate(clicked=30, opened=150) == pytest.approx(0.2)
    assert rk.click_through_rate(clicked=30, delivered=1000) == pytest.approx(0.03)
    assert rk.unsubscribe_rate(unsubscribed=5, delivered=1000) == pytest.approx(0.005)
    assert rk.monthly_reach(month_openers=500, base_size=1000) == pytest.approx(0.5)


def test_email_metrics_table_adds_columns_and_keeps_input():
    df = pd.DataFrame(
        {
            "delivered": [1000, 2000],
            "opened": [150, 500],
            "clicked": [30, 50],
            "unsubscribed": [5, 4],
            "month_openers": [500, 800],
            "base_size": [1000, 2000],
        }
    )
    before = df.copy(deep=True)
    out = rk.email_metrics(df, month_openers="month_openers", base_size="base_size")
    pd.testing.assert_frame_equal(df, before)
    np.testing.assert_allclose(out["open_rate"], [0.15, 0.25])
    np.testing.assert_allclose(out["click_to_open_rate"], [0.2, 0.1])
    np.testing.assert_allclose(out["click_through_rate"], [0.03, 0.025])
    np.testing.assert_allclose(out["unsubscribe_rate"], [0.005, 0.002])
    np.testing.assert_allclose(out["monthly_reach"], [0.5, 0.4])


def test_email_opened_more_than_delivered_is_rejected():
    with pytest.raises(InconsistentCountsError, match="opened=1200 is more than delivered=1000"):
        rk.open_rate(opened=1200, delivered=1000)
    with pytest.raises(InconsistentCountsError, match="clicked"):
        rk.click_to_open_rate(clicked=200, opened=150)
    with pytest.raises(InvalidCountError, match="delivered"):
        rk.open_rate(opened=0, delivered=0)


def test_email_metrics_missing_column_named():
    with pytest.raises(rk.MissingColumnError, match="'opened'.*Did you mean 'opens'"):
        rk.email_metrics(
            pd.DataFrame({"delivered": [1], "opens": [1], "clicked": [0]}), unsubscribed=None
        )


def test_percent_formatting():
    assert rk.percent(0.96) == "96.0%"
    assert rk.percent(28 / 30) == "93.3%"
    assert rk.percent(float("nan")) == "–"
    assert rk.percent(pd.Series([0.5, 0.25])).tolist() == ["50.0%", "25.0%"]


def test_benchmarks_table_matches_the_sources():
    # source-facts.md: eCommerce 30 %, SaaS 80 % (000 OWOX); media 85 %, mobile apps 20 %,
    # SMB 60 % (000 SendPulse); target at least 85 %, aim for 90 % (002)
    b = rk.load_benchmarks().set_index("segment")
    expected = {
        "eCommerce (average)": (0.30, "000"),
        "SaaS": (0.80, "000"),
        "Media": (0.85, "000"),
        "Mobile apps (good)": (0.20, "000"),
        "Small and medium business": (0.60, "000"),
        "Target for companies": (0.85, "002"),
    }
    assert set(b.index) == set(expected)
    for segment, (crr, source) in expected.items():
        assert b.loc[segment, "crr"] == pytest.approx(crr)
        assert b.loc[segment, "source"] == source
    assert b.loc["Target for companies", "crr_high"] == pytest.approx(0.90)


def test_benchmarks_extendable_with_own_csv(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("segment,crr,source\nOur shop 2023,0.41,internal\n")
    b = rk.load_benchmarks(path)
    assert "Our shop 2023" in set(b["segment"]) and len(b) == 7
    bad = tmp_path / "bad.csv"
    bad.write_text("segment,crr\nOops,41\n")
    with pytest.raises(InvalidCountError, match="Oops"):
        rk.load_benchmarks(bad)


def test_compare_to_benchmarks():
    t = rk.compare_to_benchmarks(0.5).set_index("segment")
    assert t.loc["eCommerce (average)", "difference"] == pytest.approx(0.2)
    assert not t.loc["SaaS", "above"]


def test_cite_names_the_article():
    assert rk.cite("000", "OWOX part").startswith("Source: article 000, OWOX part")
    with pytest.raises(rk.InvalidParameterError):
        rk.cite("007")


def test_percent_missing_values_and_bad_digits():
    assert rk.percent(pd.NA) == "–"
    assert rk.percent(None) == "–"
    assert rk.percent(np.float32("nan")) == "–"
    assert rk.percent(pd.Series([0.5, pd.NA], dtype="Float64")).tolist() == ["50.0%", "–"]
    assert rk.percent(0.5, digits=0) == "50%"
    for bad in (-1, 1.5, True, 11):
        with pytest.raises(rk.InvalidParameterError, match=r"digits=.*whole number from 0 to 10"):
            rk.percent(0.5, digits=bad)
    with pytest.raises(rk.InvalidParameterError, match=r"fraction such as 0\.96, got 'abc'"):
        rk.percent("abc")
