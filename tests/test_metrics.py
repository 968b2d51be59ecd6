"""LTV, NPS and email metrics, checked against hand calculations and the sources' definitions."""

from __future__ import annotations

import re

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
    with pytest.raises(InvalidScoreError, match=re.escape(words[0])) as info:
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
    with pytest.raises(rk.InvalidParameterError, match="article='007' is not one of the sources"):
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


# ------------------------------------------------------------- item 10: S = 0 in a Series


def test_crr_gives_nan_for_a_period_with_no_start_customers_inside_a_series():
    # periods: (50, 6, 54) -> (54 - 6) / 50 = 0.96; (0, 4, 4) -> no start customers: undefined;
    # (10, 0, 9) -> 9 / 10 = 0.9. The same convention as rk.period_table (NaN where S = 0).
    idx = pd.Index(["jan", "feb", "mar"])
    start = pd.Series([50, 0, 10], index=idx)
    new = pd.Series([6, 4, 0], index=idx)
    end = pd.Series([54, 4, 9], index=idx)
    out = rk.crr(start=start, new=new, end=end)
    assert isinstance(out, pd.Series) and out.index.equals(idx)
    assert out["jan"] == pytest.approx(0.96) and out["mar"] == pytest.approx(0.9)
    assert np.isnan(out["feb"])
    # the same with numpy arrays, and with lost instead of end: (50 - 2) / 50
    arr = rk.crr(start=np.array([50, 0]), new=np.array([6, 0]), lost=np.array([2, 0]))
    assert arr[0] == pytest.approx(0.96) and np.isnan(arr[1])


def test_crr_still_raises_for_a_single_zero_start():
    with pytest.raises(InvalidCountError, match="start must be greater than 0"):
        rk.crr(start=0, new=0, end=0)


def test_churn_and_email_rates_give_nan_for_a_zero_denominator_in_an_array():
    # churn = L / S: 2 / 50 = 0.04, then S = 0
    churn = rk.churn_rate(start=np.array([50, 0]), lost=np.array([2, 0]))
    assert churn[0] == pytest.approx(0.04) and np.isnan(churn[1])
    # from new and end: L = 50 + 6 - 54 = 2 -> 0.04
    churn = rk.churn_rate(start=pd.Series([50, 0]), new=pd.Series([6, 3]), end=pd.Series([54, 3]))
    assert churn.iloc[0] == pytest.approx(0.04) and np.isnan(churn.iloc[1])
    rates = rk.open_rate(opened=pd.Series([150, 0]), delivered=pd.Series([1000, 0]))
    assert rates.iloc[0] == pytest.approx(0.15) and np.isnan(rates.iloc[1])
    repeat = rk.repeat_purchase_rate(
        repeat_customers=np.array([30, 0]), customers=np.array([120, 0])
    )
    assert repeat[0] == pytest.approx(0.25) and np.isnan(repeat[1])
    with pytest.raises(InvalidCountError, match="delivered must be greater than 0"):
        rk.open_rate(opened=0, delivered=0)


def test_email_metrics_keeps_the_other_campaigns_when_one_delivered_nothing():
    t = pd.DataFrame({"delivered": [1000, 0], "opened": [150, 0], "clicked": [30, 0]})
    out = rk.email_metrics(t, unsubscribed=None)
    assert out["open_rate"].iloc[0] == pytest.approx(0.15)  # 150 / 1000
    assert out["click_to_open_rate"].iloc[0] == pytest.approx(0.2)  # 30 / 150
    assert out[["open_rate", "click_to_open_rate", "click_through_rate"]].iloc[1].isna().all()


# ------------------------------------------------------------- item 8: own errors


def test_churn_names_what_it_is_missing_not_crr():
    with pytest.raises(InvalidCountError, match="churn needs lost .* got new but no end"):
        rk.churn_rate(start=50, new=6)
    with pytest.raises(InvalidCountError, match="churn needs lost .* got end but no new"):
        rk.churn_rate(start=50, end=40)


def test_counts_too_large_for_a_float_are_the_kits_error():
    with pytest.raises(InvalidCountError, match="start is too large"):
        rk.crr(start=10**400, new=1, end=2)


@pytest.mark.parametrize("scores", [None, 5, 2.5])
def test_nps_of_something_that_is_not_a_list_of_answers(scores):
    with pytest.raises(InvalidScoreError, match="list, array or Series of 0-10 answers"):
        rk.nps(scores)


def test_nps_of_a_cell_holding_a_list():
    with pytest.raises(InvalidScoreError, match="not a number at position 1"):
        rk.nps([10, [9, 8]])


def test_email_metrics_of_a_list_asks_for_a_table():
    with pytest.raises(rk.DataValidationError, match="email_metrics needs a table .* got list"):
        rk.email_metrics([1, 2])


def test_a_bad_element_is_named_by_position_not_by_printing_the_column():
    start = pd.Series([50] * 5 + ["x"] + [50] * 1000)
    with pytest.raises(
        InvalidCountError, match=r"start must be a number .* got 'x' at position 5\.$"
    ):
        rk.crr(start=start, new=0, end=1)


def test_complex_counts_are_refused_not_silently_cut_to_their_real_part():
    with pytest.raises(InvalidCountError, match="start must be a real number"):
        rk.crr(start=np.array([50 + 1j]), new=6, end=54)
