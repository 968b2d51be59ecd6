"""retention_kit.stats at its edges: whole error messages, boundaries, shapes, no warnings.

Written against the mutants mutmut left alive in stats.py (docs/testing.md): each test pins a
behaviour a one-token change would break. Expectations by hand (formulas in the comments).
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pandas as pd
import pytest

from retention_kit.errors import InconsistentCountsError, InvalidCountError, InvalidParameterError
from retention_kit.stats import nps_interval, two_proportion_test, wilson_interval

HINT = " (give a fraction: 0.95, not 95)"


@pytest.mark.parametrize(
    ("confidence", "hint"),
    [(1, True), (1.5, True), (95, True), (100, True), (100.5, False), (-0.5, False), (0, False)],
)
def test_confidence_outside_zero_one_names_it_and_hints_at_percent_only_from_1_to_100(
    confidence, hint
):
    message = f"confidence must be strictly between 0 and 1, got {confidence!r}"
    message += (HINT if hint else "") + "."
    with pytest.raises(InvalidParameterError, match="^" + re.escape(message) + "$"):
        wilson_interval(1, 2, confidence=confidence)


def test_count_errors_say_which_argument_and_what_to_check():
    swapped = (
        "successes=5 is more than trials=3: successes counts customers among the trials, so "
        "it cannot be larger. Check that the two arguments are not swapped."
    )
    with pytest.raises(InconsistentCountsError, match="^" + re.escape(swapped) + "$"):
        wilson_interval(5, 3)
    with pytest.raises(
        InvalidParameterError,
        match=re.escape("successes and trials must have the same length, got (2,) and (3,)."),
    ):
        wilson_interval([1, 2], [3, 4, 5])
    with pytest.raises(InconsistentCountsError, match=r"^successes_a=4 is more than trials_a=3"):
        two_proportion_test(4, 3, 1, 5)
    with pytest.raises(InconsistentCountsError, match=r"^successes_b=6 is more than trials_b=5"):
        two_proportion_test(1, 3, 6, 5)
    with pytest.raises(
        InvalidParameterError,
        match=re.escape(
            "the a and b counts must have the same length (one pair per row), got (3,) and (2,)."
        ),
    ):
        two_proportion_test([1, 2, 3], [5, 5, 5], [1, 2], [5, 5])
    with pytest.raises(
        InconsistentCountsError,
        match="^"
        + re.escape(
            "promoters + detractors=11 is more than total=10: promoters and detractors are "
            "parts of all answers, so together they cannot be more."
        ),
    ):
        nps_interval(5, 6, 10)
    with pytest.raises(
        InvalidParameterError,
        match=re.escape(
            "promoters, detractors and total must have the same length, got (2,), (1,) and (3,)."
        ),
    ):
        nps_interval([1, 2], [1], [5, 5, 5])


@pytest.mark.parametrize("name", ["promoters", "detractors", "total"])
def test_nps_interval_names_the_bad_count(name):
    args = {"promoters": 1, "detractors": 1, "total": 5}
    args[name] = -1
    with pytest.raises(InvalidCountError, match=rf"^{name}\b"):
        nps_interval(**args)


def test_empty_groups_give_nan_without_numpy_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        low, high = wilson_interval(0, 0)
        t = two_proportion_test([0, 3, 1], [0, 10, 1], [2, 0, 0], [5, 0, 1])
        n_low, n_high = nps_interval(0, 0, 0)
    assert math.isnan(low) and math.isnan(high) and math.isnan(n_low) and math.isnan(n_high)
    # row 0: a has no trials; row 1: b has none -> NaN either way
    assert np.isnan(t["z"].iloc[:2]).all() and np.isnan(t["p_value"].iloc[:2]).all()
    # row 2: one trial each (1 of 1 vs 0 of 1): pooled 0.5, SE0 = sqrt(0.25 * 2), z = sqrt(2)
    assert t["z"].iloc[2] == pytest.approx(math.sqrt(2))
    assert t["p_value"].iloc[2] == pytest.approx(math.erfc(1.0))
    assert t["p_value"].dtype == np.float64 and t["significant"].dtype == bool


def test_significant_is_strictly_below_one_minus_confidence():
    # 3 of 10 vs 1 of 10: pooled 0.2, z = 0.2 / sqrt(0.2 * 0.8 * 0.2) = 1.1180, p = 0.26355
    p = math.erfc(0.2 / math.sqrt(0.2 * 0.8 * 0.2) / math.sqrt(2))
    confidence = 1 - p
    assert 1 - confidence == p  # exact in floating point for this pair
    row = two_proportion_test(3, 10, 1, 10, confidence=confidence).iloc[0]
    assert row["p_value"] == pytest.approx(p, rel=1e-12)
    assert not row["significant"]  # p == 1 - confidence is not "below"
    assert two_proportion_test(3, 10, 1, 10, confidence=confidence - 1e-9)["significant"].iloc[0]


def test_a_series_in_any_position_gives_its_index_back():
    idx = pd.Index(["x", "y"])
    s = pd.Series([5, 5], index=idx)
    low, high = wilson_interval(np.array([1, 2]), s)  # only trials is a Series
    assert isinstance(low, pd.Series) and low.index.equals(idx)
    assert isinstance(high, pd.Series) and high.index.equals(idx)
    low, high = wilson_interval(pd.Series([1, 2], index=idx), [5, 5])  # only successes
    assert low.index.equals(idx) and high.index.equals(idx)
    for position in range(4):
        args = [np.array([1, 2]), np.array([5, 5]), np.array([2, 1]), np.array([5, 5])]
        args[position] = pd.Series(args[position], index=idx)
        assert two_proportion_test(*args).index.equals(idx), position
    for position in range(3):
        args = [np.array([1, 2]), np.array([1, 1]), np.array([5, 5])]
        args[position] = pd.Series(args[position], index=idx)
        low, high = nps_interval(*args)
        assert low.index.equals(idx) and high.index.equals(idx), position


def test_wilson_and_nps_bounds_by_hand():
    # Wilson 0 of 10: low exactly 0, high = z^2/n / (1 + z^2/n) = 3.8415 / 13.8415 = 0.27753
    z2 = 1.959963984540054**2
    low, high = wilson_interval(0, 10)
    assert low == 0.0 and high == pytest.approx(z2 / (10 + z2), rel=1e-9)
    low, high = wilson_interval(10, 10)
    assert high == 1.0 and low == pytest.approx(10 / (10 + z2), rel=1e-9)
    # adjusted Wald, all 10 promoters: n' = 13, P' = 10.75/13, D' = 0.75/13, NPS' = 10/13
    pp, dd = 10.75 / 13, 0.75 / 13
    half = 1.959963984540054 * math.sqrt((pp + dd - (pp - dd) ** 2) / 13)
    low, high = nps_interval(10, 0, 10)
    assert low == pytest.approx(10 / 13 - half, rel=1e-9)
    assert high == min(1.0, 10 / 13 + half) == 1.0  # clipped at +1
    low, high = nps_interval(0, 10, 10)
    assert low == -1.0 and high == pytest.approx(-10 / 13 + half, rel=1e-9)  # clipped at -1


def test_a_group_without_trials_is_nan_even_when_the_pooled_rate_is_zero():
    # a: 0 of 0, b: 0 of 5 -> pooled rate 0, so the pooled SE is 0 * inf = NaN, not a reason
    # to report z = 0 and p = 1: with no trials in a there is no test at all
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        row = two_proportion_test([0, 0], [0, 5], [0, 0], [5, 0]).iloc[:2]
    assert np.isnan(row["z"]).all() and np.isnan(row["p_value"]).all()
    assert not row["significant"].any()


def test_counts_of_different_lengths_are_named_with_both_shapes():
    with pytest.raises(
        InvalidParameterError,
        match=r"^successes and trials must have the same length, got \(2,\) and \(3,\)\.$",
    ):
        wilson_interval([1, 2], [3, 4, 5])


def test_two_proportion_test_refuses_a_table_of_counts():
    counts, trials = np.ones((2, 2)), np.full((2, 2), 4)
    with pytest.raises(
        InvalidParameterError,
        match=r"^the counts must be numbers or one-dimensional \(one pair of groups per row\), "
        r"got the shape \(2, 2\)\.$",
    ):
        two_proportion_test(counts, trials, counts, trials)


@pytest.mark.parametrize("confidence", ["high", None, [0.9, 0.95]])
def test_a_confidence_that_is_no_number_is_named_whole(confidence):
    # the whole message, so that the value shown (repr) and the wording are both pinned
    message = f"confidence must be a fraction between 0 and 1 such as 0.95, got {confidence!r}."
    with pytest.raises(InvalidParameterError, match="^" + re.escape(message) + "$"):
        wilson_interval(1, 2, confidence=confidence)
    with pytest.raises(InvalidParameterError, match="^" + re.escape(message) + "$"):
        two_proportion_test(1, 2, 1, 2, confidence=confidence)


def test_a_and_b_counts_of_different_lengths_whole_message():
    with pytest.raises(
        InvalidParameterError,
        match=r"^the a and b counts must have the same length \(one pair per row\), "
        r"got \(3,\) and \(2,\)\.$",
    ):
        two_proportion_test([1, 2, 3], [5, 5, 5], [1, 2], [5, 5])
