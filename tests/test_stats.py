"""Tests of retention_kit.stats: Wilson intervals and the two-proportion z-test.

Expected values come from hand arithmetic (written in comments), textbook values, or an
independent formula written here (the Wilson bounds as roots of a quadratic).
"""

from __future__ import annotations

import copy
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import retention_kit as rk
from retention_kit.errors import (
    InconsistentCountsError,
    InvalidCountError,
    InvalidParameterError,
    RetentionKitError,
)
from retention_kit.stats import two_proportion_test, wilson_interval

Z95 = 1.959963984540054  # Phi^-1(0.975), tables: 1.96


def wilson_by_quadratic(x: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Independent Wilson interval: the p with (x/n - p)^2 = z^2 p (1 - p) / n, i.e. the roots of
    (1 + z^2/n) p^2 - (2 x/n + z^2/n) p + (x/n)^2 = 0."""
    ph = x / n
    a = 1 + z * z / n
    b = -(2 * ph + z * z / n)
    c = ph * ph
    disc = math.sqrt(max(b * b - 4 * a * c, 0.0))
    return (-b - disc) / (2 * a), (-b + disc) / (2 * a)


def test_wilson_textbook_8_of_10():
    # textbook (e.g. Wikipedia "Binomial proportion confidence interval"): 8/10 -> (0.4902, 0.9433)
    low, high = wilson_interval(8, 10)
    assert isinstance(low, float) and isinstance(high, float)
    assert low == pytest.approx(0.4902, abs=5e-5)
    assert high == pytest.approx(0.9433, abs=5e-5)
    ql, qh = wilson_by_quadratic(8, 10)
    assert (low, high) == pytest.approx((ql, qh), abs=1e-12)


def test_wilson_by_hand_half():
    # 50/100, z=1.96: centre = (0.5 + 1.96^2/200) / (1 + 1.96^2/100) = 0.5 (symmetric);
    # half = 1.96/(1.038416) * sqrt(0.25/100 + 3.8416/40000) = 1.887492 * 0.0509604 = 0.096188
    low, high = wilson_interval(50, 100, confidence=0.95)
    assert low == pytest.approx(0.5 - 0.096188, abs=2e-5)
    assert high == pytest.approx(0.5 + 0.096188, abs=2e-5)


def test_wilson_edges_zero_and_all():
    # 0/10: low is exactly 0; high = z^2/n / (1 + z^2/n) = 0.38415/1.38415 = 0.277533
    low, high = wilson_interval(0, 10)
    assert low == 0.0
    assert high == pytest.approx(0.384146 / 1.384146, abs=1e-6)
    low, high = wilson_interval(10, 10)
    assert high == 1.0
    assert low == pytest.approx(1 - 0.384146 / 1.384146, abs=1e-6)


def test_wilson_confidence_changes_width():
    # 99 % uses z = 2.5758: wider than 95 %, both around 0.8
    l95, h95 = wilson_interval(8, 10)
    l99, h99 = wilson_interval(8, 10, confidence=0.99)
    assert l99 < l95 and h99 > h95
    assert (l99, h99) == pytest.approx(wilson_by_quadratic(8, 10, z=2.5758293035489), abs=1e-9)


def test_wilson_vectorised_shapes():
    low, high = wilson_interval(np.array([0, 8, 50]), np.array([10, 10, 100]))
    assert isinstance(low, np.ndarray) and low.shape == (3,)
    assert low[1] == pytest.approx(0.4902, abs=5e-5)
    s = pd.Series([8, 50], index=["jan", "feb"])
    n = pd.Series([10, 100], index=["jan", "feb"])
    low, high = wilson_interval(s, n)
    assert isinstance(low, pd.Series) and list(low.index) == ["jan", "feb"]
    assert high["jan"] == pytest.approx(0.9433, abs=5e-5)
    # broadcasting a scalar trials
    low, high = wilson_interval([1, 2], 4)
    assert low.shape == (2,)


def test_wilson_zero_trials_is_nan():
    low, high = wilson_interval(0, 0)
    assert math.isnan(low) and math.isnan(high)
    low, high = wilson_interval(np.array([0, 1]), np.array([0, 2]))
    assert np.isnan(low[0]) and not np.isnan(low[1])


@pytest.mark.parametrize(
    ("x", "n", "cls", "word"),
    [
        (11, 10, InconsistentCountsError, "successes"),
        (-1, 10, InvalidCountError, "successes"),
        (1, -3, InvalidCountError, "trials"),
        (1.5, 3, InvalidCountError, "successes"),
        ("a", 3, InvalidCountError, "successes"),
    ],
)
def test_wilson_bad_counts(x, n, cls, word):
    with pytest.raises(cls, match=word):
        wilson_interval(x, n)


@pytest.mark.parametrize("conf", [0, 1, 95, -0.5, "high"])
def test_wilson_bad_confidence(conf):
    with pytest.raises(InvalidParameterError, match="confidence"):
        wilson_interval(1, 2, confidence=conf)


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 5000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_matches_quadratic_and_contains_p(pair):
    x, n = pair
    low, high = wilson_interval(x, n)
    assert 0 <= low <= x / n <= high <= 1
    ql, qh = wilson_by_quadratic(x, n)
    assert low == pytest.approx(max(ql, 0.0), abs=1e-9)
    assert high == pytest.approx(min(qh, 1.0), abs=1e-9)


def test_two_proportion_by_hand():
    # a = 30/100, b = 20/100. pooled p = 50/200 = 0.25;
    # SE0 = sqrt(0.25 * 0.75 * (1/100 + 1/100)) = sqrt(0.00375) = 0.0612372
    # z = 0.1 / 0.0612372 = 1.632993; p = erfc(1.632993 / sqrt 2) = 0.102470
    # unpooled SE = sqrt(0.3*0.7/100 + 0.2*0.8/100) = sqrt(0.0037) = 0.0608276
    # CI = 0.1 -+ 1.959964 * 0.0608276 = 0.1 -+ 0.119220 -> (-0.019220, 0.219220)
    r = two_proportion_test(30, 100, 20, 100)
    assert list(r.columns) == [
        "rate_a",
        "rate_b",
        "difference",
        "z",
        "p_value",
        "diff_low",
        "diff_high",
        "significant",
    ]
    row = r.iloc[0]
    assert row.rate_a == pytest.approx(0.3) and row.rate_b == pytest.approx(0.2)
    assert row.difference == pytest.approx(0.1)
    assert row.z == pytest.approx(1.632993, abs=1e-6)
    assert row.p_value == pytest.approx(0.102470, abs=1e-6)
    assert row.diff_low == pytest.approx(-0.019220, abs=1e-6)
    assert row.diff_high == pytest.approx(0.219220, abs=1e-6)
    assert not bool(row.significant)


def test_two_proportion_textbook_significant():
    # a = 120/400 = 0.30, b = 80/400 = 0.20: pooled 0.25, SE0 = sqrt(0.1875 * 2/400) = 0.0306186,
    # z = 0.1 / 0.0306186 = 3.265986; two-sided p = 0.001091 (normal tables: 2 * 0.000545)
    r = two_proportion_test(120, 400, 80, 400).iloc[0]
    assert r.z == pytest.approx(3.265986, abs=1e-5)
    assert r.p_value == pytest.approx(0.001091, abs=2e-6)
    assert bool(r.significant)
    # swapping a and b flips the sign of z and the difference, same p
    s = two_proportion_test(80, 400, 120, 400).iloc[0]
    assert s.z == pytest.approx(-r.z) and s.p_value == pytest.approx(r.p_value)
    assert s.diff_low == pytest.approx(-r.diff_high)


def test_two_proportion_vectorised_and_edges():
    sa = pd.Series([30, 0, 0], index=["x", "y", "z"])
    r = two_proportion_test(sa, [100, 10, 0], [20, 0, 5], [100, 10, 10])
    assert list(r.index) == ["x", "y", "z"]
    assert r.loc["x", "p_value"] == pytest.approx(0.102470, abs=1e-6)
    # both groups 0/10: identical rates, pooled SE 0 -> z 0, p 1, not significant
    assert r.loc["y", "z"] == 0 and r.loc["y", "p_value"] == 1.0
    assert not r.loc["y", "significant"]
    # a group with no trials: NaN, not significant
    assert np.isnan(r.loc["z", "rate_a"]) and np.isnan(r.loc["z", "p_value"])
    assert not r.loc["z", "significant"]
    plain = two_proportion_test([1, 2], [4, 4], [1, 1], [4, 4])
    assert list(plain.index) == [0, 1]


def test_two_proportion_errors():
    with pytest.raises(InconsistentCountsError, match="successes_b"):
        two_proportion_test(1, 10, 11, 10)
    with pytest.raises(InvalidCountError, match="trials_a"):
        two_proportion_test(1, -10, 1, 10)
    with pytest.raises(RetentionKitError, match=r"same length .*got \(3,\) and \(2,\)"):
        two_proportion_test([1, 2, 3], [5, 5, 5], [1, 2], [5, 5])


def test_inputs_not_mutated():
    s = pd.Series([3, 4], index=["a", "b"])
    n = pd.Series([10, 10], index=["a", "b"])
    s0, n0 = copy.deepcopy(s), copy.deepcopy(n)
    arr = np.array([1, 2])
    arr0 = arr.copy()
    wilson_interval(s, n)
    two_proportion_test(s, n, arr, 10)
    pd.testing.assert_series_equal(s, s0)
    pd.testing.assert_series_equal(n, n0)
    np.testing.assert_array_equal(arr, arr0)


def test_nps_interval_by_hand_and_element_wise():
    # 50 promoters, 30 passives, 20 detractors: adjusted counts 50.75 and 20.75 of 103
    n = 103
    pp, pd_ = 50.75 / n, 20.75 / n
    half = 1.959963984540054 * math.sqrt((pp + pd_ - (pp - pd_) ** 2) / n)
    low, high = rk.nps_interval(50, 20, 100)
    assert low == pytest.approx(pp - pd_ - half, abs=1e-12)
    assert high == pytest.approx(pp - pd_ + half, abs=1e-12)
    lows, highs = rk.nps_interval(pd.Series([50, 0], index=["x", "y"]), [20, 0], [100, 0])
    assert lows.index.tolist() == ["x", "y"] and math.isnan(lows["y"])
    # all promoters: the interval touches the top but never leaves [-1, 1]
    lo, hi = rk.nps_interval(10, 0, 10)
    assert -1 <= lo < 1 and hi == 1.0


def test_nps_interval_covers_the_true_score_about_as_often_as_it_says():
    rng = np.random.default_rng(20161)
    shares = np.array([0.45, 0.30, 0.25])  # true NPS = 0.20
    counts = rng.multinomial(60, shares, size=4000)
    low, high = rk.nps_interval(counts[:, 0], counts[:, 2], 60)
    coverage = float(np.mean((low <= 0.20) & (high >= 0.20)))
    # 4,000 draws: the Monte-Carlo error of a 95 % coverage is about 0.35 points
    assert 0.93 <= coverage <= 0.97


def test_nps_interval_refuses_impossible_counts():
    with pytest.raises(rk.InconsistentCountsError, match="promoters \\+ detractors"):
        rk.nps_interval(70, 40, 100)
    with pytest.raises(rk.InvalidCountError, match="promoters must be a whole number"):
        rk.nps_interval(0.5, 0, 10)
    with pytest.raises(rk.InvalidParameterError, match="give a fraction: 0.95, not 95"):
        rk.nps_interval(5, 1, 10, confidence=95)
