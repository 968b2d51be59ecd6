"""retention_definitions: each of the sixteen definitions against a plain-Python computation
with sets, on hand-made and hypothesis-generated logs."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import retention_kit as rk
from retention_kit.definitions import SWITCHES, retention_definitions


def plain_python(log: pd.DataFrame, until: pd.Timestamp) -> dict:
    month = lambda ts: ts.year * 12 + ts.month - 1  # noqa: E731
    active: dict[str, set] = {}
    for c, ts in log[["c", "t"]].itertuples(index=False):
        active.setdefault(c, set()).add(month(ts))
    lo = min(min(v) for v in active.values())
    hi = max(max(v) for v in active.values())

    # a month is complete when its end is at or before `until`
    def complete(m: int) -> bool:
        y, mo = divmod(m + 1, 12)
        return pd.Timestamp(year=y, month=mo + 1, day=1) <= until

    out = {}
    for cohorts, returned, reference, mean in itertools.product(*SWITCHES.values()):
        for k in range(hi - lo + 1):
            nums, dens = [], []
            for c0 in range(lo, hi + 1):
                if c0 + k > hi or not complete(c0 + k):
                    continue
                if cohorts == "first-time":
                    members = [c for c, ms in active.items() if min(ms) == c0]
                else:
                    members = [c for c, ms in active.items() if c0 in ms]

                def back(c, age, c0=c0, returned=returned):
                    ms = active[c]
                    if returned == "on":
                        return (c0 + age) in ms
                    return max(ms) >= c0 + age

                if reference == "period 0":
                    num = sum(back(c, k) for c in members)
                    den = len(members)
                elif k == 0:
                    num = den = len(members)
                elif returned == "on":
                    num = sum(back(c, k) and back(c, k - 1) for c in members)
                    den = sum(back(c, k - 1) for c in members)
                else:
                    num = sum(back(c, k) for c in members)
                    den = sum(back(c, k - 1) for c in members)
                if den > 0:
                    nums.append(num)
                    dens.append(den)
            if not dens:
                rate = math.nan
            elif mean == "weighted":
                rate = sum(nums) / sum(dens)
            else:
                rate = sum(n / d for n, d in zip(nums, dens, strict=True)) / len(dens)
            out[(k, cohorts, returned, reference, mean)] = (rate, len(dens))
    return out


def check(log: pd.DataFrame, until: str | None = None) -> pd.DataFrame:
    t = retention_definitions(log, customer="c", time="t", observed_until=until)
    expected = plain_python(log, pd.Timestamp(until) if until else log["t"].max())
    assert len(t) == len(expected)
    for row in t.itertuples(index=False):
        rate, used = expected[(row.age, row.cohorts, row.returned, row.reference, row.mean)]
        assert row.cohorts_used == used, row
        if math.isnan(rate):
            assert math.isnan(row.rate), row
        else:
            assert row.rate == pytest.approx(rate, abs=1e-12), row
    return t


def test_hand_made_log_and_the_differences_between_definitions():
    rows = [
        ("a", "2024-01-03"),
        ("b", "2024-01-05"),
        ("c", "2024-01-20"),
        ("a", "2024-02-02"),
        ("d", "2024-02-10"),
        ("b", "2024-03-01"),
        ("d", "2024-03-15"),
        ("a", "2024-03-20"),
        ("c", "2024-04-02"),
    ]
    log = pd.DataFrame(rows, columns=["c", "t"]).assign(t=lambda d: pd.to_datetime(d["t"]))
    t = check(log, until="2024-05-01")
    pick = lambda **kw: t[np.logical_and.reduce([t[k] == v for k, v in kw.items()])]  # noqa: E731
    base = dict(cohorts="first-time", reference="period 0", mean="weighted")
    # January cohort a, b, c (3); February cohort d (1). Age 1: a (Jan) and d (Feb) back: 2 / 4
    on = pick(returned="on", **base).set_index("age")["rate"]
    after = pick(returned="on or after", **base).set_index("age")["rate"]
    assert on[1] == pytest.approx(2 / 4)
    # on or after age 1: a, b, c all come back later, d too: 4 / 4
    assert after[1] == 1.0
    assert (after.diff().dropna() <= 1e-12).all()  # "on or after" never rises
    simple = pick(returned="on", cohorts="first-time", reference="period 0", mean="simple")
    assert simple.set_index("age")["rate"][1] == pytest.approx((1 / 3 + 1 / 1) / 2)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(list("abcdefg")),
            st.datetimes(
                min_value=pd.Timestamp("2024-01-01"), max_value=pd.Timestamp("2024-08-31")
            ),
        ),
        min_size=1,
        max_size=35,
    ),
    st.sampled_from([None, "2024-09-01"]),
)
def test_every_definition_matches_plain_python(rows, until):
    log = pd.DataFrame(rows, columns=["c", "t"])
    check(log, until)


def test_incomplete_last_period_is_left_out_and_bad_max_age_refused():
    log = pd.DataFrame(
        {"c": ["a", "a", "b"], "t": pd.to_datetime(["2024-01-05", "2024-02-05", "2024-02-06"])}
    )
    t = retention_definitions(log, customer="c", time="t")  # February is not complete
    age1 = t[(t.age == 1)]
    assert age1["rate"].isna().all() and (age1["cohorts_used"] == 0).all()
    capped = retention_definitions(log, customer="c", time="t", max_age=0)
    assert capped["age"].unique().tolist() == [0]
    with pytest.raises(rk.InvalidParameterError, match="max_age=-1"):
        retention_definitions(log, customer="c", time="t", max_age=-1)
