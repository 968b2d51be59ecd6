"""retention_kit.cohorts at its edges: tiny hand-made logs, whole error messages, every branch.

Written against the mutants mutmut left alive in cohorts.py (issue 15). Each expectation is
worked out by hand from the log in the test (months, first events and ages in the comments).
"""

from __future__ import annotations

import datetime
import math
import re

import numpy as np
import pandas as pd
import pytest

import retention_kit.cohorts as cohorts_mod
from retention_kit.cohorts import (
    cohort_matrix,
    cohort_sizes,
    cohort_table,
    compare_cohorts,
    pooled_rate,
)
from retention_kit.errors import InvalidParameterError, MissingColumnError

TS = pd.Timestamp


def whole(message: str) -> str:
    """A `match=` pattern for exactly this message."""
    return "^" + re.escape(message) + "$"


@pytest.fixture
def small() -> pd.DataFrame:
    # 1: Jan 5, Feb 3 | 2: Jan 20 | 3: Mar 10 (the last event: March is not over)
    return pd.DataFrame(
        {
            "c": [1, 2, 1, 3],
            "t": pd.to_datetime(["2024-01-05", "2024-01-20", "2024-02-03", "2024-03-10"]),
        }
    )


# ------------------------------------------------------------------------- cohort_table


def test_a_month_without_new_customers_has_no_cohort_rows(small):
    t = cohort_table(small, customer="c", time="t")
    # Jan cohort {1, 2}: age 0 both, age 1 (Feb) 1, age 2 (Mar) nobody; no Feb cohort;
    # Mar cohort {3}: age 0 only (March is the data's last period)
    assert t["cohort"].tolist() == [TS("2024-01-01")] * 3 + [TS("2024-03-01")]
    assert t["age"].tolist() == [0, 1, 2, 0]
    assert t["customers"].tolist() == [2, 1, 0, 1]
    assert t["cohort_size"].tolist() == [2, 2, 2, 1]
    # the log ends on March 10: the March cells (Jan age 2, Mar age 0) are not complete
    assert t["complete"].tolist() == [True, True, False, False]
    assert isinstance(t.index, pd.RangeIndex)


def test_sparse_integer_ids_are_renumbered_before_counting():
    # ids 10, 500, 30 (gaps in the id range): 10 Jan+Feb, 500 Jan, 30 Feb
    df = pd.DataFrame(
        {
            "c": [10, 500, 10, 30],
            "t": pd.to_datetime(["2024-01-02", "2024-01-03", "2024-02-04", "2024-02-05"]),
        }
    )
    t = cohort_table(df, customer="c", time="t", observed_until="2024-03-01")
    # Jan cohort {10, 500}: age 0 2, age 1 1 (10); Feb cohort {30}: age 0 1
    assert t["customers"].tolist() == [2, 1, 1]
    assert t["cohort_size"].tolist() == [2, 2, 1]
    assert t["complete"].all()


def test_by_cohorts_of_a_time_zone_aware_log_use_the_first_instant():
    # customer 1's rows: 10:00 'ads' then (a later row) 08:00 'email': the earliest is 'email'
    df = pd.DataFrame(
        {
            "c": [1, 1, 2, 1],
            "t": pd.to_datetime(
                ["2024-01-10 10:00", "2024-01-10 08:00", "2024-01-11 12:00", "2024-02-01 01:00"]
            ).tz_localize("Europe/Moscow"),
            "ch": ["ads", "email", "ads", "ads"],
        }
    )
    t = cohort_table(df, customer="c", time="t", by="ch", observed_until="2024-03-01")
    # cohorts: 'ads' = {2}, 'email' = {1}; 1 comes back in February (Moscow time)
    assert t["cohort"].tolist() == ["ads", "ads", "email", "email"]
    assert t["age"].tolist() == [0, 1, 0, 1]
    assert t["customers"].tolist() == [1, 0, 1, 1]
    assert t["cohort_size"].tolist() == [1, 1, 1, 1]


def test_by_cohorts_with_revenue_and_members_acquired_in_different_months():
    # channel x: 1 (Jan 10, Feb 5), 2 (Feb 7, Mar 1); channel y: 3 (Jan 2); log ends Mar 5
    df = pd.DataFrame(
        {
            "c": [1, 3, 1, 2, 2],
            "t": pd.to_datetime(
                ["2024-01-10", "2024-01-11", "2024-02-12", "2024-02-13", "2024-03-05"]
            ),
            "amt": [10.0, 2.0, 5.0, 7.0, 1.0],
            "ch": ["x", "y", "x", "x", "x"],
        }
    )
    t = cohort_table(df, customer="c", time="t", by="ch", amount="amt")
    # x: oldest member acquired in Jan -> ages 0..2 (Jan..Mar). age 0: 1 in Jan, 2 in Feb (2
    # customers, 10 + 7); age 1: 1 in Feb, 2 in Mar (2, 5 + 1); age 2: nobody (0, 0)
    x = t[t["cohort"] == "x"]
    assert x["age"].tolist() == [0, 1, 2]
    assert x["customers"].tolist() == [2, 2, 0]
    assert x["revenue"].tolist() == [17.0, 6.0, 0.0]
    assert x["revenue_per_customer"].tolist() == [8.5, 3.0, 0.0]
    assert x["cumulative_revenue_per_customer"].tolist() == [8.5, 11.5, 11.5]
    # March (ordinal 2) is not over; x's latest member joined in Feb (1): only age 0 of
    # every member has ended -> complete at age 0 only. y (Jan, 0): ages 0 and 1.
    assert x["complete"].tolist() == [True, False, False]
    y = t[t["cohort"] == "y"]
    assert y["customers"].tolist() == [1, 0, 0]
    assert y["revenue"].tolist() == [2.0, 0.0, 0.0]
    assert y["complete"].tolist() == [True, True, False]


def test_by_may_name_the_amount_or_the_customer_column():
    df = pd.DataFrame(
        {
            "c": [1, 2, 1],
            "t": pd.to_datetime(["2024-01-05", "2024-01-20", "2024-02-03"]),
            "amt": [5.0, 9.0, 1.0],
        }
    )
    # cohort = amount of the first purchase: 1 -> 5.0, 2 -> 9.0
    t = cohort_table(df, customer="c", time="t", by="amt", amount="amt")
    assert t["cohort"].tolist() == [5.0, 5.0, 9.0, 9.0]
    assert t["customers"].tolist() == [1, 1, 1, 0]
    assert t["revenue"].tolist() == [5.0, 1.0, 9.0, 0.0]
    t = cohort_table(df, customer="c", time="t", by="c")
    assert t["cohort"].tolist() == [1, 1, 2, 2]
    assert t["customers"].tolist() == [1, 1, 1, 0]


def test_cohort_labels_keep_the_logs_time_unit(small):
    seconds = small.assign(t=small["t"].astype("datetime64[s]"))
    t = cohort_table(seconds, customer="c", time="t")
    assert t["cohort"].dtype == "datetime64[s]"
    assert t["cohort"].iloc[0] == TS("2024-01-01")


def test_the_users_time_column_is_not_written_into(small):
    before = small["t"].to_numpy().copy()
    for freq in ("D", "W", "M"):
        cohort_table(small, customer="c", time="t", freq=freq)
    np.testing.assert_array_equal(small["t"].to_numpy(), before)


def test_daily_cohorts_by_hand(small):
    t = cohort_table(small, customer="c", time="t", freq="D")
    # day cohorts: Jan 5 {1}, Jan 20 {2}, Mar 10 {3}; 1 is back on Feb 3 = age 29 days
    jan5 = t[t["cohort"] == TS("2024-01-05")]
    assert jan5["age"].max() == (TS("2024-03-10") - TS("2024-01-05")).days  # 65
    assert jan5.loc[jan5["customers"] == 1, "age"].tolist() == [0, 29]
    assert t["cohort"].drop_duplicates().tolist() == [
        TS("2024-01-05"),
        TS("2024-01-20"),
        TS("2024-03-10"),
    ]


def test_both_ways_of_removing_duplicate_visits_give_the_same_table(small, monkeypatch):
    # each customer twice in the same month: counted once
    doubled = pd.concat([small, small], ignore_index=True)
    base = cohort_table(doubled, customer="c", time="t")
    assert base["customers"].tolist() == [2, 1, 0, 1]
    monkeypatch.setattr(cohorts_mod, "_BITMAP_MIN_CELLS", -1)
    pd.testing.assert_frame_equal(cohort_table(doubled, customer="c", time="t"), base)


def test_dedupe_pairs_returns_each_customer_period_key_once():
    codes = np.array([0, 1, 0, 1, 2], dtype="int32")
    rel = np.array([1, 0, 1, 2, 0], dtype="int32")
    # keys c * 3 + p: 1, 3, 1, 5, 6 -> {1, 3, 5, 6}
    keys = cohorts_mod._dedupe_pairs(codes, rel, 3, 3)
    assert sorted(keys.tolist()) == [1, 3, 5, 6]


# ------------------------------------------------------------------------ cohort_matrix


ALLOWED = (
    "['customers', 'cohort_size', 'rate', 'rate_low', 'rate_high', 'revenue', "
    "'revenue_per_customer', 'cumulative_revenue_per_customer']"
)


def test_cohort_matrix_refuses_unknown_values_naming_the_allowed_ones(small):
    for bad in ("retention", 5, None):
        message = f"values={bad!r} is not a cohort_table column; use one of {ALLOWED}."
        with pytest.raises(InvalidParameterError, match=whole(message)):
            cohort_matrix(small, customer="c", time="t", values=bad)


@pytest.mark.parametrize(
    "values", ["revenue", "revenue_per_customer", "cumulative_revenue_per_customer"]
)
def test_cohort_matrix_money_values_need_the_amount(small, values):
    message = f"values={values!r} needs the money column: pass amount='YourAmountColumn'."
    with pytest.raises(InvalidParameterError, match=whole(message)):
        cohort_matrix(small, customer="c", time="t", values=values)


def test_cohort_matrix_include_incomplete_must_be_true_or_false(small):
    message = (
        "include_incomplete='yes': pass True (show the cells whose period is not over) or False "
        "(leave them empty, the default)."
    )
    with pytest.raises(InvalidParameterError, match=whole(message)):
        cohort_matrix(small, customer="c", time="t", include_incomplete="yes")
    shown = cohort_matrix(small, customer="c", time="t", include_incomplete=np.True_)
    assert shown.loc[TS("2024-01-01"), 2] == 0  # the March cell, shown


def test_cohort_matrix_layout_and_values(small):
    m = cohort_matrix(small, customer="c", time="t", values="cohort_size")
    assert m.index.name == "cohort" and m.columns.name == "age"
    assert m.index.tolist() == [TS("2024-01-01"), TS("2024-03-01")]
    assert m.columns.tolist() == [0, 1, 2]
    # Jan: sizes 2, 2 and the March cell hidden; Mar: its only cell (age 0) hidden too
    assert m.loc[TS("2024-01-01")].tolist()[:2] == [2.0, 2.0]
    assert np.isnan(m.loc[TS("2024-01-01"), 2]) and m.loc[TS("2024-03-01")].isna().all()
    m = cohort_matrix(small, customer="c", time="t", values="rate", observed_until="2024-04-01")
    # April 1: March is over, every cell shows; Jan 1, 0.5, 0; Mar 1
    assert m.loc[TS("2024-01-01")].tolist() == [1.0, 0.5, 0.0]
    assert m.loc[TS("2024-03-01"), 0] == 1.0


def test_cohort_matrix_by_and_revenue(small):
    df = small.assign(amt=[4.0, 6.0, 2.0, 1.0], ch=["a", "b", "z", "a"])
    m = cohort_matrix(
        df,
        customer="c",
        time="t",
        by="ch",
        values="revenue",
        amount="amt",
        include_incomplete=True,
    )
    # a = {1 (Jan), 3 (Mar)}: age 0 4 + 1 = 5, age 1 2 (1 in Feb), age 2 0; b = {2}: 6, 0, 0
    assert m.index.tolist() == ["a", "b"]
    assert m.loc["a"].tolist() == [5.0, 2.0, 0.0]
    assert m.loc["b"].tolist() == [6.0, 0.0, 0.0]


# ------------------------------------------------------------------------- cohort_sizes


def test_cohort_sizes_by_a_column(small):
    s = cohort_sizes(small.assign(ch=["a", "b", "z", "a"]), customer="c", time="t", by="ch")
    # first events: 1 'a', 2 'b', 3 'a' ('z' is 1's second event)
    assert s["cohort"].tolist() == ["a", "b"] and s["cohort_size"].tolist() == [2, 1]
    assert isinstance(s.index, pd.RangeIndex)
    w = cohort_sizes(small, customer="c", time="t", freq="W")
    # weeks starting Monday: Jan 1 (1), Jan 15 (2), Mar 4 (3)
    assert w["cohort"].tolist() == [TS("2024-01-01"), TS("2024-01-15"), TS("2024-03-04")]
    assert w["cohort_size"].tolist() == [1, 1, 1]


# -------------------------------------------------------------------------- pooled_rate

TABLE = pd.DataFrame(
    {
        "cohort": ["x", "x", "y", "y", "z", "z"],
        "age": [0, 1, 0, 1, 0, 1],
        "customers": [10, 4, 30, 6, 5, 5],
        "cohort_size": [10, 10, 30, 30, 5, 5],
        "complete": [True, True, True, True, True, False],
    }
)


def test_pooled_rate_pools_the_complete_rows_at_the_age():
    # age 1, complete: x 4/10, y 6/30 (z's age-1 row is not complete) -> 10/40
    rate, customers, size = pooled_rate(TABLE, age=1)
    assert (rate, customers, size) == (0.25, 10, 40)
    assert type(customers) is int and type(size) is int
    # default age is 1
    assert pooled_rate(TABLE) == (0.25, 10, 40)
    # age 0: every row complete: 45 / 45
    assert pooled_rate(TABLE, age=np.int64(0)) == (1.0, 45, 45)
    # without a complete column every row counts: 15 / 45
    assert pooled_rate(TABLE.drop(columns="complete"), age=1) == (15 / 45, 15, 45)


def test_pooled_rate_of_an_age_nobody_reached_is_nan():
    rate, customers, size = pooled_rate(TABLE, age=7)
    assert math.isnan(rate) and (customers, size) == (0, 0)


@pytest.mark.parametrize("age", [-1, True, 1.0, "1", None])
def test_the_age_must_be_a_whole_number_of_periods(age):
    message = f"age must be a whole number of periods >= 0, got {age!r}."
    with pytest.raises(InvalidParameterError, match=whole(message)):
        pooled_rate(TABLE, age=age)
    with pytest.raises(InvalidParameterError, match=whole(message)):
        compare_cohorts(TABLE, a="x", b="y", age=age)


def test_pooled_rate_names_the_missing_column():
    message = (
        "pooled_rate needs the column 'cohort_size', which the table does not have. Did you "
        "mean 'cohort'? The table's columns are ['cohort', 'age', 'customers', 'complete']. "
        "Pass the result of rk.cohort_table(...)."
    )
    with pytest.raises(MissingColumnError, match=whole(message)):
        pooled_rate(TABLE.drop(columns="cohort_size"))


# ---------------------------------------------------------------------- compare_cohorts


def test_compare_cohorts_returns_one_row_with_both_cohorts_counts():
    r = compare_cohorts(TABLE, a="y", b="x")
    assert r.columns.tolist() == [
        "cohort_a",
        "cohort_b",
        "age",
        "customers_a",
        "cohort_size_a",
        "customers_b",
        "cohort_size_b",
        # then two_proportion_test's columns
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
    assert (row.cohort_a, row.cohort_b, row.age) == ("y", "x", 1)
    assert (row.customers_a, row.cohort_size_a, row.customers_b, row.cohort_size_b) == (
        6,
        30,
        4,
        10,
    )
    # rate_a = 6/30 = 0.2, rate_b = 4/10 = 0.4, difference a - b = -0.2
    assert row.rate_a == pytest.approx(0.2) and row.rate_b == pytest.approx(0.4)
    assert row.difference == pytest.approx(-0.2)
    # pooled p = 10/40 = 0.25; se = sqrt(0.25 * 0.75 * (1/30 + 1/10)) = 0.158114; z = -1.264911
    assert row.z == pytest.approx(-0.2 / math.sqrt(0.25 * 0.75 * (1 / 30 + 1 / 10)))
    assert isinstance(r.index, pd.RangeIndex) and len(r) == 1
    # at age 0 both rates are 1
    r0 = compare_cohorts(TABLE, a="x", b="z", age=0)
    assert (r0.customers_a.iloc[0], r0.customers_b.iloc[0], r0.age.iloc[0]) == (10, 5, 0)


def test_compare_cohorts_needs_a_table():
    message = "table must be the DataFrame returned by rk.cohort_table(...), got list."
    with pytest.raises(InvalidParameterError, match=whole(message)):
        compare_cohorts([1, 2], a="x", b="y")


def test_compare_cohorts_names_the_missing_column():
    message = (
        "compare_cohorts needs the column 'age', which the table does not have. The table's "
        "columns are ['cohort', 'customers', 'cohort_size', 'complete']. Pass the result of "
        "rk.cohort_table(...)."
    )
    with pytest.raises(MissingColumnError, match=whole(message)):
        compare_cohorts(TABLE.drop(columns="age"), a="x", b="y")


def test_compare_cohorts_wants_one_cohort_not_a_list():
    message = (
        "b=['x', 'y']: give one cohort (a period start like '2024-01-01', or a `by` value), "
        "not a list."
    )
    with pytest.raises(InvalidParameterError, match=whole(message)):
        compare_cohorts(TABLE, a="x", b=["x", "y"])


def test_compare_cohorts_unknown_cohort_lists_at_most_eight():
    many = pd.DataFrame(
        {
            "cohort": [f"c{i}" for i in range(10)],
            "age": [0] * 10,
            "customers": [1] * 10,
            "cohort_size": [1] * 10,
        }
    )
    shown = [f"c{i}" for i in range(8)]
    message = (
        f"a='nope' is not a cohort of this table; its cohorts include {shown}. Pass one of "
        "them (a period start like '2024-01-01', or a `by` value)."
    )
    with pytest.raises(InvalidParameterError, match=whole(message)):
        compare_cohorts(many, a="nope", b="c1", age=0)


def test_compare_cohorts_says_up_to_which_age_a_cohort_is_seen():
    message = (
        "cohort b='z' has no row at age=2: the data only shows it up to age 1. Choose age <= 1."
    )
    short = TABLE.assign(age=[0, 1, 0, 1, 0, 1]).iloc[[0, 1, 2, 4, 5]]
    with pytest.raises(InvalidParameterError, match=whole(message)):
        compare_cohorts(pd.concat([short, TABLE.iloc[[0]].assign(age=2)]), a="x", b="z", age=2)


def test_compare_cohorts_matches_dates_given_as_text_also_in_a_time_zone():
    df = pd.DataFrame(
        {
            "c": [1, 2, 1, 3, 4, 5],
            "t": pd.to_datetime(
                ["2024-01-05", "2024-01-20", "2024-02-03", "2024-02-10", "2024-02-11", "2024-03-15"]
            ).tz_localize("Asia/Tokyo"),
        }
    )
    t = cohort_table(df, customer="c", time="t", observed_until="2024-04-01")
    # Jan {1, 2}: 1 back in Feb -> 1 of 2 at age 1; Feb {3, 4}: nobody back in Mar -> 0 of 2
    r = compare_cohorts(t, a="2024-01-01", b=TS("2024-02-01"), age=1)
    row = r.iloc[0]
    assert row.cohort_a == TS("2024-01-01", tz="Asia/Tokyo")
    assert row.cohort_b == TS("2024-02-01", tz="Asia/Tokyo")
    assert (row.customers_a, row.cohort_size_a, row.customers_b, row.cohort_size_b) == (
        1,
        2,
        0,
        2,
    )
    # the same instant written in UTC is the same cohort
    r = compare_cohorts(t, a=TS("2023-12-31 15:00", tz="UTC"), b="2024-02-01", age=1)
    assert r.customers_a.iloc[0] == 1


def test_compare_cohorts_text_that_is_no_date_is_an_unknown_cohort(small):
    t = cohort_table(small, customer="c", time="t")
    message = (
        "a='soon' is not a cohort of this table; its cohorts include ['2024-01-01', "
        "'2024-03-01']. Pass one of them (a period start like '2024-01-01', or a `by` value)."
    )
    with pytest.raises(InvalidParameterError, match=whole(message)):
        compare_cohorts(t, a="soon", b="2024-03-01", age=0)
    # the same in a time zone
    aware = cohort_table(
        small.assign(t=small["t"].dt.tz_localize("Asia/Tokyo")), customer="c", time="t"
    )
    message = message.replace(
        "'2024-01-01', '2024-03-01'", "'2024-01-01 00:00:00+09:00', '2024-03-01 00:00:00+09:00'"
    )
    with pytest.raises(InvalidParameterError, match=whole(message)):
        compare_cohorts(aware, a="soon", b="2024-03-01", age=0)


def test_compare_cohorts_accepts_dates_and_datetimes_as_period_starts(small):
    t = cohort_table(small, customer="c", time="t", observed_until="2024-04-01")
    # Jan {1, 2} vs Mar {3} at age 0: 2 of 2 and 1 of 1
    r = compare_cohorts(t, a=datetime.date(2024, 1, 1), b=np.datetime64("2024-03-01"), age=0)
    assert (r.customers_a.iloc[0], r.customers_b.iloc[0]) == (2, 1)
    aware = cohort_table(
        small.assign(t=small["t"].dt.tz_localize("Asia/Tokyo")), customer="c", time="t"
    )
    # a naive datetime is wall-clock time in the table's zone
    r = compare_cohorts(aware, a=datetime.datetime(2024, 1, 1), b=datetime.date(2024, 3, 1), age=0)
    assert r.cohort_a.iloc[0] == TS("2024-01-01", tz="Asia/Tokyo")
    assert (r.cohort_size_a.iloc[0], r.cohort_size_b.iloc[0]) == (2, 1)


def test_compare_cohorts_a_timestamp_is_no_cohort_of_a_by_table(small):
    t = cohort_table(small.assign(ch=["a", "b", "a", "b"]), customer="c", time="t", by="ch")
    message = (
        "a=Timestamp('2024-01-01 00:00:00') is not a cohort of this table; its cohorts include "
        "['a', 'b']. Pass one of them (a period start like '2024-01-01', or a `by` value)."
    )
    with pytest.raises(InvalidParameterError, match=whole(message)):
        compare_cohorts(t, a=TS("2024-01-01"), b="a", age=0)


def test_forcing_the_hash_path_keeps_the_keys_in_first_seen_order(monkeypatch):
    # the bitmap gives the keys sorted, pd.unique in order of first appearance; -1 forces
    # pd.unique (the comment at _BITMAP_MIN_CELLS), however few the cells
    codes = np.array([2, 0, 2, 1], dtype="int32")
    rel = np.array([0, 1, 0, 0], dtype="int32")
    # keys c * 2 + p: 4, 1, 4, 2
    assert cohorts_mod._dedupe_pairs(codes, rel, 3, 2).tolist() == [1, 2, 4]
    monkeypatch.setattr(cohorts_mod, "_BITMAP_MIN_CELLS", -1)
    assert cohorts_mod._dedupe_pairs(codes, rel, 3, 2).tolist() == [4, 1, 2]


@pytest.mark.parametrize(
    ("dtype", "x", "y"), [("string", "x", "y"), ("Int64", 7, 8), ("boolean", True, False)]
)
def test_compare_cohorts_ignores_rows_of_a_missing_cohort_value(dtype, x, y):
    # a user's table with a nullable cohort column: the missing cohort's rows come first and
    # must match neither a nor b (NA compares as unknown, taken as no match)
    table = pd.DataFrame(
        {
            "cohort": pd.array([None, None, x, x, y, y], dtype=dtype),
            "age": [0, 1, 0, 1, 0, 1],
            "customers": [50, 50, 10, 4, 30, 6],
            "cohort_size": [50, 50, 10, 10, 30, 30],
        }
    )
    row = compare_cohorts(table, a=x, b=y).iloc[0]
    assert (row.customers_a, row.cohort_size_a, row.customers_b, row.cohort_size_b) == (
        4,
        10,
        6,
        30,
    )


# ------------------------------------------------------------------ the engine path (spy)


class FakeIbisTable:
    """Stands for an Ibis table: wants_engine recognises one by its module name."""


FakeIbisTable.__module__ = "ibis.expr.types.relations"


@pytest.fixture
def engine_calls(monkeypatch, small):
    """Replace the engine runner by a spy that records its call and returns a fixed table."""
    calls = []
    answer = cohort_table(small, customer="c", time="t")

    def fake_run_on_engine(analysis, data, backend, **kwargs):
        calls.append((analysis, data, backend, kwargs))
        return answer.copy()

    monkeypatch.setattr(cohorts_mod, "run_on_engine", fake_run_on_engine)
    return calls


ARGS = {
    "customer": "c",
    "time": "t",
    "freq": "W",
    "by": "ch",
    "amount": "amt",
    "observed_until": "2024-05-01",
}


def test_an_ibis_table_goes_to_its_engine_with_every_argument(engine_calls):
    data = FakeIbisTable()
    out = cohort_table(data, **ARGS)
    assert engine_calls == [("cohort_table", data, None, ARGS)]
    assert out["customers"].tolist() == [2, 1, 0, 1]  # the engine's answer, returned as is


def test_backend_sends_a_pandas_table_to_the_engine(engine_calls, small):
    cohort_table(small, customer="c", time="t", backend="duckdb")
    assert engine_calls[-1][0] == "cohort_table" and engine_calls[-1][2] == "duckdb"
    assert engine_calls[-1][1] is small
    # backend="pandas" (or None) stays on pandas: no engine call
    cohort_table(small, customer="c", time="t", backend="pandas")
    assert len(engine_calls) == 1


def test_cohort_matrix_and_sizes_pass_every_argument_to_the_engine(engine_calls, small):
    m = cohort_matrix(small, values="rate", backend="duckdb", include_incomplete=True, **ARGS)
    assert engine_calls == [("cohort_table", small, "duckdb", ARGS)]
    assert m.loc[TS("2024-01-01")].tolist() == [1.0, 0.5, 0.0]  # from the engine's table
    sizes = cohort_sizes(small, customer="c", time="t", freq="W", by="ch", backend="duckdb")
    assert engine_calls[1] == (
        "cohort_table",
        small,
        "duckdb",
        {
            "customer": "c",
            "time": "t",
            "freq": "W",
            "by": "ch",
            "amount": None,
            "observed_until": None,
        },
    )
    assert sizes["cohort_size"].tolist() == [2, 1]


def test_the_bitmap_serves_up_to_four_cells_per_row(monkeypatch):
    # with no fixed minimum (0), the bitmap (sorted keys) is used while cells <= 4 * rows,
    # pd.unique (first-seen order) above; 3 rows here, so up to 12 cells
    monkeypatch.setattr(cohorts_mod, "_BITMAP_MIN_CELLS", 0)
    codes = np.array([2, 0, 2], dtype="int32")
    # 3 customers x 4 periods = 12 cells: keys 2 * 4 + 3 = 11, 0 * 4 + 1 = 1 -> bitmap
    rel = np.array([3, 1, 3], dtype="int32")
    assert cohorts_mod._dedupe_pairs(codes, rel, 3, 4).tolist() == [1, 11]
    # 13 customers x 1 period = 13 cells: keys 2, 0 -> pd.unique
    rel = np.zeros(3, dtype="int32")
    assert cohorts_mod._dedupe_pairs(codes, rel, 13, 1).tolist() == [2, 0]
