"""Exercises of notebook 03 (retention from raw data): computed with the kit from the samples."""

from __future__ import annotations

import pandas as pd

from . import Exercise


def _row(month: str, active_days: int = 90) -> pd.Series:
    from ..datasets import load_sample
    from ..periods import period_table

    table = period_table(
        load_sample("shop_transactions"),
        customer="customer_id",
        time="order_time",
        freq="M",
        active_days=active_days,
    )
    return table.loc[table["period"] == pd.Timestamp(month)].iloc[0]


def _retained(month: str) -> int:
    # the start customers still active at the end: S − L (= E − N); no column holds it
    row = _row(month)
    return int(row["start"] - row["lost"])


EXERCISES = [
    Exercise(
        id="03.1",
        question=(
            "Shop sample, monthly periods, 90-day activity window: what is the CRR of March 2024?"
        ),
        expected=lambda: float(_row("2024-03-01")["crr"]),
        hints=(
            "rk.period_table(orders, customer='customer_id', time='order_time', freq='M', "
            "active_days=90), then the row whose period is 2024-03-01.",
            "Check the table's crr against (E − N) / S of that row: both must agree.",
        ),
        question_ru=(
            "Данные магазина, месячные периоды, окно активности 90 дней: каков коэффициент "
            "удержания клиентов (CRR) за март 2024 года?"
        ),
        hints_ru=(
            "rk.period_table(orders, customer='customer_id', time='order_time', freq='M', "
            "active_days=90), затем строка, где period равен 2024-03-01.",
            "Сверьте столбец crr с (E − N) / S этой строки: они должны совпасть.",
        ),
    ),
    Exercise(
        id="03.2",
        question=(
            "Same table (monthly, 90-day window): how many of the customers active at the "
            "start of May 2024 were still active at the start of June 2024? The table has no "
            "column for them: work it out from the counts it has."
        ),
        expected=lambda: _retained("2024-05-01"),
        kind="number",
        tolerance=0.5,
        unit="customers",
        hints=(
            "These are the retained customers, the numerator of CRR. Which two columns of the "
            "2024-05-01 row give them?",
            "E also contains customers who were not there on 1 May. Two routes must agree: "
            "from S and L, or from E and N.",
        ),
        question_ru=(
            "Та же таблица (месяцы, окно 90 дней): сколько клиентов, активных на начало мая "
            "2024 года, остались активными на начало июня 2024 года? Такого столбца в таблице "
            "нет: выведите число из тех, что есть."
        ),
        hints_ru=(
            "Это удержанные клиенты, числитель CRR. Какие два столбца строки 2024-05-01 их дают?",
            "В E есть и те, кого 1 мая не было. Два пути должны совпасть: через S и L или "
            "через E и N.",
        ),
    ),
    Exercise(
        id="03.3",
        question=(
            "Now with a 30-day activity window (active_days=30): what is the CRR of March 2024?"
        ),
        expected=lambda: float(_row("2024-03-01", active_days=30)["crr"]),
        hints=(
            "Same call as in 03.1 with active_days=30.",
            "A shorter window counts fewer customers as still there: expect a lower CRR "
            "than in 03.1. Why?",
        ),
        question_ru=(
            "Теперь с окном активности 30 дней (active_days=30): каков CRR за март 2024 года?"
        ),
        hints_ru=(
            "Тот же вызов, что в 03.1, с active_days=30.",
            "Короткое окно считает «оставшимися» меньше клиентов: CRR будет ниже, чем в 03.1. "
            "Почему?",
        ),
    ),
]
