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


def _november_2023_in_january() -> int:
    # January 2024 is age 2 of the November 2023 cohort (age 0 = the acquisition month)
    from ..cohorts import cohort_table

    table = cohort_table(_orders(), customer="customer_id", time="order_time", freq="M")
    row = table[(table["cohort"] == pd.Timestamp("2023-11-01")) & (table["age"] == 2)]
    return int(row["customers"].iloc[0])


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
            "Age counts months since each customer's first purchase: age 0 is the first month "
            "itself (100 % by definition), so 'one month after' is the next row.",
        ),
        question_ru=(
            "Когорты по акциям (rk.cohort_table(orders, ..., by='campaign')): какая доля "
            "когорты Дня святого Валентина купила снова через месяц после первой покупки "
            "(возраст когорты 1)?"
        ),
        hints_ru=(
            "Постройте таблицу с by='campaign' и возьмите строку, где cohort равна "
            "'valentines_day', а age равен 1.",
            "Возраст когорты — месяцы с первой покупки: возраст 0 — сам месяц первой покупки "
            "(по определению 100 %), «через месяц» — следующая строка.",
        ),
    ),
    Exercise(
        id="04.2",
        question=(
            "Monthly cohorts (by acquisition month): how many customers of the November 2023 "
            "cohort bought again in January 2024? (First work out which age January 2024 is "
            "for that cohort.)"
        ),
        expected=_november_2023_in_january,
        kind="number",
        tolerance=0.5,
        unit="customers",
        hints=(
            "In rk.cohort_table(orders, customer='customer_id', time='order_time') the "
            "November 2023 cohort is the rows with cohort == '2023-11-01'; age 0 is November.",
            "Count the months from November to January; the answer is a number of customers "
            "(the `customers` column), not the rate.",
        ),
        question_ru=(
            "Месячные когорты (по месяцу первой покупки): сколько клиентов когорты ноября 2023 "
            "года купили снова в январе 2024 года? (Сначала определите, какой это возраст "
            "когорты.)"
        ),
        hints_ru=(
            "В rk.cohort_table(orders, customer='customer_id', time='order_time') когорта "
            "ноября 2023 года — строки с cohort == '2023-11-01'; возраст 0 — это ноябрь.",
            "Отсчитайте месяцы от ноября до января; ответ — число клиентов (столбец "
            "`customers`), а не доля.",
        ),
    ),
    Exercise(
        id="04.3",
        question=(
            "Only customers from the email channel, monthly cohorts: compare the May 2024 "
            "cohort with the January 2024 cohort at age 1. Is the difference significant at "
            "the 95 % level (rk.compare_cohorts)? a) no  b) yes"
        ),
        expected=_email_cohorts_differ,
        kind="choice",
        choices=("no", "yes"),
        hints=(
            "Filter orders to channel == 'email', build the monthly cohort table, then "
            "rk.compare_cohorts(table, a='2024-05-01', b='2024-01-01', age=1).",
            "A gap between two rates means little when each cohort has few customers: look "
            "at the cohort sizes and at the confidence intervals before you decide.",
        ),
        question_ru=(
            "Только клиенты из email-канала, месячные когорты: сравните когорту мая 2024 года "
            "с когортой января 2024 года в возрасте 1. Значима ли разница на уровне 95 % "
            "(rk.compare_cohorts)? a) нет  b) да"
        ),
        hints_ru=(
            "Отфильтруйте заказы по channel == 'email', постройте месячные когорты, затем "
            "rk.compare_cohorts(table, a='2024-05-01', b='2024-01-01', age=1).",
            "Разница двух долей мало значит, если в когортах мало клиентов: посмотрите на "
            "размеры когорт и доверительные интервалы, прежде чем решать.",
        ),
        choices_ru=("нет", "да"),
    ),
]
