"""Exercises of notebook 09 (your data): computed with the kit from the shop sample, with the
notebook's default parameters."""

from __future__ import annotations

from . import Exercise


def _orders():
    from ..datasets import load_sample

    return load_sample("shop_transactions")


def _median_monthly_crr() -> float:
    import pandas as pd

    from ..periods import period_table

    orders = _orders()
    periods = period_table(
        orders, customer="customer_id", time="order_time", freq="M", active_days=90
    )
    # warm-up: periods starting less than one 90-day window after the first order are left out,
    # and so is a period the data does not cover to its end (complete is False)
    warm = periods["period"] >= orders["order_time"].min() + pd.Timedelta(days=90)
    steady = periods[warm & periods["complete"]]
    return float(steady["crr"].median())


def _year_from_median() -> float:
    # twelve months in a row at the median monthly CRR: the start customers left after a year
    return _median_monthly_crr() ** 12


def _one_time_buyers_money_share() -> float:
    from ..rfm import rfm_table

    rfm = rfm_table(
        _orders(), customer="customer_id", time="order_time", amount="amount", order="order_id"
    )
    return float(rfm.loc[rfm["frequency"] == 1, "monetary"].sum() / rfm["monetary"].sum())


EXERCISES = [
    Exercise(
        id="09.1",
        question=(
            "Shop sample, default settings (monthly periods, 90-day activity window). Section 8 "
            "prints the median monthly CRR after the warm-up. If every month of a year kept "
            "exactly that share of the customers active at its start (and the months were "
            "independent), what share of the customers active on day one would still be "
            "active twelve months later?"
        ),
        expected=_year_from_median,
        tolerance=0.005,
        hints=(
            "One month keeps a share c of the customers at its start; the next month keeps a "
            "share c of those. What happens after twelve months?",
            "A monthly CRR is not a yearly one: expect something far smaller than the "
            "monthly rate. Use the unrounded median_crr of section 8.",
        ),
        question_ru=(
            "Данные магазина, настройки по умолчанию (месячные периоды, окно активности 90 "
            "дней). Раздел 8 печатает медиану месячного CRR после разогрева. Если бы каждый "
            "месяц года удерживал ровно такую долю клиентов, активных на его начало (и месяцы "
            "были бы независимы), какая доля клиентов, активных в первый день, оставалась бы "
            "активной через двенадцать месяцев?"
        ),
        hints_ru=(
            "Месяц удерживает долю c клиентов на своё начало; следующий — долю c от них. Что "
            "будет через двенадцать месяцев?",
            "Месячный CRR — не годовой: ответ будет намного меньше месячной доли. "
            "Возьмите неокруглённую median_crr из раздела 8.",
        ),
    ),
    Exercise(
        id="09.2",
        question=(
            "Shop sample, RFM table (`rfm`, section 6): what share of all the shop's money "
            "comes from customers who placed only one order?"
        ),
        expected=_one_time_buyers_money_share,
        hints=(
            "The RFM table has one row per customer, with `frequency` (orders) and `monetary` "
            "(their money).",
            "A share of the money, not of the customers: the denominator is the money of all "
            "customers. Compare it with the share of one-time buyers among the customers.",
        ),
        question_ru=(
            "Данные магазина, RFM-таблица (`rfm`, раздел 6): какую долю всех денег магазина "
            "принесли клиенты, сделавшие только один заказ?"
        ),
        hints_ru=(
            "В RFM-таблице одна строка на клиента, со столбцами `frequency` (заказы) и "
            "`monetary` (его деньги).",
            "Доля денег, а не клиентов: в знаменателе — деньги всех клиентов. Сравните её с "
            "долей разовых покупателей среди клиентов.",
        ),
    ),
]
