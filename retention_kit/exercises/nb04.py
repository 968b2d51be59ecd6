"""Exercises of notebook 04 (cohort analysis): computed with the kit from the shop sample."""

from __future__ import annotations

import pandas as pd

from . import Exercise


def _orders():
    from ..datasets import load_sample

    return load_sample("shop_transactions")


def _rate(by: str | None, cohort, age: int, data=None) -> float:
    from ..cohorts import cohort_table

    table = cohort_table(
        _orders() if data is None else data,
        customer="customer_id",
        time="order_time",
        freq="M",
        by=by,
    )
    cohorts = table["cohort"]
    if by is None:
        cohort = pd.Timestamp(cohort)
    row = table[(cohorts == cohort) & (table["age"] == age)]
    return float(row["rate"].iloc[0])


def _valentines_age1() -> float:
    return _rate("campaign", "valentines_day", 1)


def _november_2023_age1() -> float:
    return _rate(None, "2023-11-01", 1)


def _email_cohorts_differ() -> str:
    from ..cohorts import cohort_table, compare_cohorts

    orders = _orders()
    email = orders[orders["channel"] == "email"]
    table = cohort_table(email, customer="customer_id", time="order_time", freq="M")
    test = compare_cohorts(table, a="2024-05-01", b="2024-01-01", age=1)
    return "yes" if bool(test["significant"].iloc[0]) else "no"


EXERCISES = [
    Exercise(
        id="04.1",
        question=(
            "Cohorts by campaign (rk.cohort_table(orders, ..., by='campaign')): what share of "
            "the Valentine's Day cohort bought again one month after their first purchase "
            "(age 1)?"
        ),
        expected=_valentines_age1,
        hints=(
            "Build the table with by='campaign' and keep the row where cohort is "
            "'valentines_day' and age is 1.",
            "The answer is the `rate` column of that row: customers / cohort_size.",
        ),
    ),
    Exercise(
        id="04.2",
        question=(
            "Monthly cohorts (by acquisition month): what is the retention rate of the November "
            "2023 cohort at age 1, i.e. in December 2023?"
        ),
        expected=_november_2023_age1,
        hints=(
            "In rk.cohort_table(orders, customer='customer_id', time='order_time') the "
            "November 2023 cohort is the row with cohort == '2023-11-01'.",
            "Filter on cohort == pd.Timestamp('2023-11-01') and age == 1, read `rate`.",
        ),
    ),
    Exercise(
        id="04.3",
        question=(
            "Only customers from the email channel, monthly cohorts: the May 2024 cohort looks "
            "much better at age 1 than the January 2024 cohort. Is the difference significant "
            "at the 95 % level (rk.compare_cohorts)? a) no  b) yes"
        ),
        expected=_email_cohorts_differ,
        kind="choice",
        choices=("no", "yes"),
        hints=(
            "Filter orders to channel == 'email', build the monthly cohort table, then "
            "rk.compare_cohorts(table, a='2024-05-01', b='2024-01-01', age=1).",
            "Look at the `significant` column (p_value < 0.05) and at how few customers each "
            "cohort has.",
        ),
    ),
]
