"""Exercises of notebook 07 (RFM segmentation): computed from the shop sample, with the kit
(07.1-07.3) or from the order log and the score rule alone (07.4)."""

from __future__ import annotations

from . import Exercise


def _rfm():
    from ..datasets import load_sample
    from ..rfm import rfm_table

    orders = load_sample("shop_transactions")
    return rfm_table(
        orders, customer="customer_id", time="order_time", amount="amount", order="order_id"
    )


def _segment(name: str):
    from ..rfm import rfm_segments

    segments = rfm_segments(_rfm())
    return segments[segments["segment"] == name].iloc[0], segments


def _champions() -> int:
    row, _ = _segment("Champions")
    return int(row["customers"])


def _champions_money_share() -> float:
    row, segments = _segment("Champions")
    return float(row["monetary_total"] / segments["monetary_total"].sum())


def _repeat_rate() -> float:
    from ..datasets import load_sample
    from ..repeat import repeat_purchases

    orders = load_sample("shop_transactions")
    result = repeat_purchases(orders, customer="customer_id", time="order_time", order="order_id")
    return float(result["rate"].iloc[0])


def _empty_f_scores() -> int:
    """How many of the F scores 1-5 nobody gets, from the log alone and the rule
    score = 1 + 5 * (customers with strictly fewer orders) // n."""
    from ..datasets import load_sample

    orders = load_sample("shop_transactions")
    per_customer = orders.groupby("customer_id")["order_id"].nunique()
    fewer = per_customer.rank(method="min").astype("int64") - 1
    used = set((1 + 5 * fewer // len(per_customer)).tolist())
    return len(set(range(1, 6)) - used)


EXERCISES = [
    Exercise(
        id="07.1",
        question=(
            "RFM table of the shop sample (rk.rfm_table with order='order_id'): how many "
            "customers are in the Champions segment?"
        ),
        expected=_champions,
        kind="number",
        tolerance=0.5,
        unit="customers",
        hints=(
            "Summarise the table by segment with rk.rfm_segments(rfm) and find the Champions row.",
            "You want the column that counts people, not the share. Check yourself on rfm "
            "itself: how many of its rows have segment == 'Champions'?",
        ),
        question_ru=(
            "RFM-таблица выборки магазина (rk.rfm_table с order='order_id'): сколько клиентов "
            "в сегменте «Чемпионы» (Champions)?"
        ),
        hints_ru=(
            "Сведите таблицу по сегментам — rk.rfm_segments(rfm) — и найдите строку Champions "
            "(в таблице rk.plots.rfm_segment_table это «Чемпионы»).",
            "Нужен столбец, где считаются люди, а не доля. Проверьте себя по самой таблице "
            "rfm: в скольких её строках segment == 'Champions'?",
        ),
    ),
    Exercise(
        id="07.2",
        question=(
            "What share of all the money of the shop sample do the Champions bring? "
            "(their monetary_total / the total of all segments)"
        ),
        expected=_champions_money_share,
        hints=(
            "In rk.rfm_segments(rfm), divide the Champions' monetary_total by the sum of the "
            "monetary_total column.",
            "Compare it with their share of the customers (`share`): the chart shows both.",
        ),
        question_ru=(
            "Какую долю всех денег выборки магазина приносят «Чемпионы» (Champions)? (Их "
            "monetary_total, делённый на сумму monetary_total всех сегментов.)"
        ),
        hints_ru=(
            "В rk.rfm_segments(rfm) разделите monetary_total строки Champions на сумму столбца "
            "monetary_total.",
            "Сравните результат с их долей среди клиентов (столбец share): на графике видны "
            "обе доли.",
        ),
    ),
    Exercise(
        id="07.3",
        question=(
            "Repeat purchase rate of the shop sample (article 003: customers with repeat "
            "purchases / all customers), from the order log with rk.repeat_purchases."
        ),
        expected=_repeat_rate,
        hints=(
            "Call rk.repeat_purchases(orders, customer='customer_id', time='order_time', "
            "order='order_id').",
            "A repeat customer has at least two orders; divide their number by all customers.",
        ),
        question_ru=(
            "Процент повторных покупок в выборке магазина (статья 003: клиенты с повторными "
            "покупками / все клиенты) — по журналу заказов, с помощью rk.repeat_purchases."
        ),
        hints_ru=(
            "Вызовите rk.repeat_purchases(orders, customer='customer_id', time='order_time', "
            "order='order_id').",
            "Повторный покупатель — клиент, у которого не меньше двух заказов; разделите число "
            "таких клиентов на число всех клиентов.",
        ),
    ),
    Exercise(
        id="07.4",
        question=(
            "How many of the five F scores (1 to 5) does no customer of the shop sample get? "
            "Reason from the rule: score = 1 + floor(5 x customers with strictly fewer orders / "
            "all customers)."
        ),
        expected=_empty_f_scores,
        kind="number",
        tolerance=0.1,
        unit="scores",
        hints=(
            "Start with the one-order customers: how many customers have fewer orders than they "
            "do, and what share of all customers are they themselves?",
            "Then a customer with two orders: what share of the customers do they beat? Which "
            "scores lie between these two?",
        ),
        question_ru=(
            "Сколько из пяти баллов F (от 1 до 5) не получает ни один клиент выборки магазина? "
            "Рассуждайте от правила: балл = 1 + ⌊5 × (клиенты со строго меньшим числом "
            "заказов) / (все клиенты)⌋."
        ),
        hints_ru=(
            "Начните с клиентов с одним заказом: у скольких клиентов заказов меньше, чем у них, "
            "и какую долю всех клиентов составляют они сами?",
            "Теперь клиент с двумя заказами: какую долю клиентов он обходит? Какие баллы "
            "лежат между этими двумя?",
        ),
    ),
]
