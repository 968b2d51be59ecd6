"""CRR and churn: the sources' worked examples, properties, and every bad input."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import retention_kit as rk
from retention_kit.errors import InconsistentCountsError, InvalidCountError, RetentionKitError

# (source, S, N, L, E, CRR, churn) from source-facts.md; CRR and churn worked out by hand:
WORKED = [
    # 000 OWOX, Jan-Apr 2020: (54 - 6) / 50 = 48 / 50 = 0.96; L = 50 + 6 - 54 = 2
    ("000 OWOX", 50, 6, 2, 54, 0.96, 0.04),
    # 000 OWOX: (36 - 15) / 50 = 21 / 50 = 0.42; L = 50 + 15 - 36 = 29
    ("000 OWOX", 50, 15, 29, 36, 0.42, 0.58),
    # 000 SendPulse, half a year: (36 - 8) / 30 = 28 / 30 = 0.9333...; L = 30 + 8 - 36 = 2
    ("000 SendPulse", 30, 8, 2, 36, 28 / 30, 2 / 30),
    # 000 SendPulse, one year: (210 - 150) / 200 = 60 / 200 = 0.30; L = 200 + 150 - 210 = 140
    ("000 SendPulse", 200, 150, 140, 210, 0.30, 0.70),
]


@pytest.mark.parametrize("source,s,n,lost,e,expected,churn", WORKED)
def test_worked_examples_from_the_sources(source, s, n, lost, e, expected, churn):
    assert rk.crr(start=s, new=n, end=e) == pytest.approx(expected, abs=1e-12)
    assert rk.crr(start=s, new=n, lost=lost) == pytest.approx(expected, abs=1e-12)
    assert rk.crr(start=s, new=n, end=e, lost=lost) == pytest.approx(expected, abs=1e-12)
    assert rk.churn_rate(start=s, lost=lost) == pytest.approx(churn, abs=1e-12)
    assert rk.churn_rate(start=s, new=n, end=e) == pytest.approx(churn, abs=1e-12)
    assert rk.end_customers(start=s, new=n, lost=lost) == e


def test_worked_examples_as_the_articles_round_them():
    assert rk.percent(rk.crr(start=50, new=6, end=54)) == "96.0%"
    assert rk.percent(rk.crr(start=50, new=15, end=36), digits=0) == "42%"
    assert rk.percent(rk.crr(start=30, new=8, end=36)) == "93.3%"
    assert rk.percent(rk.crr(start=200, new=150, end=210), digits=0) == "30%"
    assert rk.percent(rk.churn_rate(start=200, new=150, end=210), digits=0) == "70%"


def test_crr_returns_a_plain_float_for_numbers():
    assert isinstance(rk.crr(start=50, new=6, end=54), float)


def test_vectorised_over_a_series_keeps_the_index():
    t = pd.DataFrame(
        {"start": [50, 50, 30, 200], "new": [6, 15, 8, 150], "end": [54, 36, 36, 210]},
        index=["q1", "q2", "h1", "y"],
    )
    out = rk.crr(start=t["start"], new=t["new"], end=t["end"])
    assert isinstance(out, pd.Series)
    assert list(out.index) == ["q1", "q2", "h1", "y"]
    np.testing.assert_allclose(out.to_numpy(), [0.96, 0.42, 28 / 30, 0.30])


def test_vectorised_over_numpy_arrays():
    out = rk.crr(start=np.array([50, 200]), new=np.array([6, 150]), lost=np.array([2, 140]))
    np.testing.assert_allclose(out, [0.96, 0.30])


def _consistent_counts():
    return st.integers(1, 10_000).flatmap(
        lambda s: st.tuples(st.just(s), st.integers(0, 10_000), st.integers(0, s))
    )


@settings(max_examples=200, deadline=None)
@given(_consistent_counts())
def test_properties_on_consistent_counts(counts):
    s, n, lost = counts
    e = s + n - lost
    rate = rk.crr(start=s, new=n, end=e)
    churn = rk.churn_rate(start=s, lost=lost)
    assert 0 <= rate <= 1
    assert rate + churn == pytest.approx(1.0, abs=1e-12)
    assert rate == pytest.approx(rk.crr(start=s, new=n, lost=lost), abs=1e-12)
    assert rate == pytest.approx((s - lost) / s, abs=1e-12)  # independent form of the formula


@settings(max_examples=50, deadline=None)
@given(st.lists(_consistent_counts(), min_size=1, max_size=20))
def test_vectorised_equals_scalar(rows):
    s = np.array([r[0] for r in rows])
    n = np.array([r[1] for r in rows])
    lost = np.array([r[2] for r in rows])
    vec = rk.crr(start=pd.Series(s), new=pd.Series(n), end=pd.Series(s + n - lost))
    scalar = [rk.crr(start=int(a), new=int(b), end=int(a + b - c)) for a, b, c in rows]
    np.testing.assert_allclose(vec.to_numpy(), scalar)


BAD = [
    # (kwargs, error class, words the message must contain)
    (dict(start=-1, new=0, end=0), InvalidCountError, ["start", "negative"]),
    (dict(start=50, new=-6, end=54), InvalidCountError, ["new", "negative"]),
    (dict(start=50, new=6, end=-1), InvalidCountError, ["end", "negative"]),
    (dict(start=0, new=6, end=6), InvalidCountError, ["start", "greater than 0"]),
    (dict(start=50, new=10, end=5), InconsistentCountsError, ["end", "new"]),
    (dict(start=50, new=6, end=60), InconsistentCountsError, ["start", "retained"]),
    (dict(start=50, new=6, lost=51), InconsistentCountsError, ["lost", "start"]),
    (dict(start=50, new=6, end=54, lost=3), InconsistentCountsError, ["disagree", "end"]),
    (dict(start=50.5, new=6, end=54), InvalidCountError, ["start", "whole"]),
    (dict(start=50, new=6.2, end=54), InvalidCountError, ["new", "whole"]),
    (dict(start="50", new=6, end=54), InvalidCountError, ["start", "number"]),
    (dict(start=float("nan"), new=6, end=54), InvalidCountError, ["start", "missing"]),
    (dict(start=50, new=6), InvalidCountError, ["end", "lost"]),
]


@pytest.mark.parametrize("kwargs,error,words", BAD)
def test_bad_input_raises_a_clear_error(kwargs, error, words):
    with pytest.raises(error, match=re.escape(words[0])) as info:
        rk.crr(**kwargs)
    assert isinstance(info.value, RetentionKitError)
    for word in words:
        assert word in str(info.value)


def test_bad_row_in_a_series_is_named_by_value():
    with pytest.raises(InvalidCountError, match="-3"):
        rk.crr(start=pd.Series([50, -3]), new=pd.Series([6, 0]), end=pd.Series([54, 0]))


def test_churn_needs_lost_or_end():
    with pytest.raises(InvalidCountError, match="lost"):
        rk.churn_rate(start=50)
    with pytest.raises(InconsistentCountsError, match="lost"):
        rk.churn_rate(start=50, lost=60)


def test_errors_are_value_errors_so_generic_handlers_work():
    assert issubclass(RetentionKitError, ValueError)
    with pytest.raises(ValueError, match="start"):
        rk.crr(start=0, new=0, end=0)


def test_classic_mistake_end_over_start_can_exceed_100_percent():
    # Leaving the new customers in: E / S = 54 / 50 = 1.08 > 1, while CRR = 48 / 50 = 0.96.
    assert rk.crr(start=50, new=6, end=54) == pytest.approx(48 / 50)
    # the mistake fed to the kit (new=0, as if the 6 newcomers had been there all along) says
    # that more customers were kept than existed: refused, not reported as 108 %
    with pytest.raises(InconsistentCountsError, match=r"end - new = 54 is more than start=50"):
        rk.crr(start=50, new=0, end=54)
    # CRR by the lost count agrees: S - L kept; E = S + N - L gives L = 50 + 6 - 54 = 2
    assert rk.crr(start=50, new=6, lost=2) == pytest.approx(48 / 50)
