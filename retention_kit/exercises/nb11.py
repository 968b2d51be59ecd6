"""Exercises of notebook 11 (what to do): the articles' tactics and the metric each one moves."""

from __future__ import annotations

from . import Exercise

_UP_SELL = ("the repeat purchase rate", "NPS", "the email open rate")
_UP_SELL_RU = ("доля клиентов с повторными покупками", "NPS", "открываемость писем (OR)")

_CASE_Y = (
    "only that retention rose: the article gives neither the definition, nor the period, nor "
    "whether 25 % is relative or in points",
    "the company's CRR rose by 25 percentage points",
    "every loyalty programme raises retention by about a quarter",
)
_CASE_Y_RU = (
    "только то, что удержание выросло: статья не даёт ни определения, ни периода, ни того, "
    "относительные это 25 % или процентные пункты",
    "CRR компании вырос на 25 процентных пунктов",
    "любая программа лояльности поднимает удержание примерно на четверть",
)


def _options(texts: tuple[str, ...]) -> str:
    return "; ".join(f"{letter}) {text}" for letter, text in zip("abc", texts, strict=True))


def _top_tenth_revenue_share() -> float:
    from ..datasets import load_sample

    orders = load_sample("shop_transactions")
    spent = orders.groupby("customer_id")["amount"].sum().sort_values(ascending=False)
    return float(spent.head(len(spent) // 10).sum() / spent.sum())


EXERCISES = [
    Exercise(
        id="11.1",
        question=(
            "Article 004's up-sell: a discount on the next purchase, valid for two weeks after an "
            f"order. Which metric should move first if it works? {_options(_UP_SELL)}."
        ),
        expected=lambda: _UP_SELL[0],
        kind="choice",
        choices=_UP_SELL,
        hints=(
            "What does the customer have to do to use the discount?",
            "A metric moves first when the tactic acts on its numerator directly: which one "
            "counts customers who bought again?",
        ),
        question_ru=(
            "Up-sell из статьи 004: скидка на следующую покупку, действующая две недели после "
            f"заказа. Какой показатель должен сдвинуться первым, если приём работает? "
            f"{_options(_UP_SELL_RU)}."
        ),
        hints_ru=(
            "Что должен сделать клиент, чтобы воспользоваться скидкой?",
            "Первым сдвигается показатель, в числитель которого приём попадает напрямую: "
            "какой из них считает клиентов, купивших снова?",
        ),
        choices_ru=_UP_SELL_RU,
    ),
    Exercise(
        id="11.2",
        question=(
            "Article 003: company Y's loyalty programme, «уровень retention вырос на 25%». What "
            f"does the article let you conclude? {_options(_CASE_Y)}."
        ),
        expected=lambda: _CASE_Y[0],
        kind="choice",
        choices=_CASE_Y,
        hints=(
            "Which retention (notebook 05a has three), over which period, measured how?",
            "From 40 % to 50 % is +25 % relative but +10 points: which one does the article mean?",
        ),
        question_ru=(
            "Статья 003: программа лояльности компании Y, «уровень retention вырос на 25%». "
            f"Какой вывод позволяет сделать статья? {_options(_CASE_Y_RU)}."
        ),
        hints_ru=(
            "Какое удержание (в тетради 05a их три), за какой период, как измеренное?",
            "С 40 % до 50 % — это +25 % относительно, но +10 п.п.: что имеет в виду статья?",
        ),
        choices_ru=_CASE_Y_RU,
    ),
    Exercise(
        id="11.3",
        question=(
            "The shop's 'frequent flyers': what share of the shop's revenue (amount) comes from "
            "the 10 % of customers with the highest total amount (the first tenth, rounded "
            "down)?"
        ),
        expected=_top_tenth_revenue_share,
        hints=(
            "Group the orders by customer_id and sum amount; sort from the largest.",
            "Take the first len(...) // 10 customers and divide their total by the total of "
            "all customers.",
        ),
        question_ru=(
            "«Частые пассажиры» магазина: какая доля выручки магазина (amount) приходится на "
            "10 % клиентов с наибольшей суммой покупок (первая десятая часть, с округлением "
            "вниз)?"
        ),
        hints_ru=(
            "Сгруппируйте заказы по customer_id и сложите amount; отсортируйте по убыванию.",
            "Возьмите первых len(...) // 10 клиентов и разделите их сумму на сумму по всем "
            "клиентам.",
        ),
    ),
]
