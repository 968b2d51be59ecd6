"""Exercises of notebook 02 (churn, LTV and profit)."""

from __future__ import annotations

from . import Exercise

# Illustrative numbers (not from the sources), used in the notebook's LTV exercises.
LTV_PROFIT = 400  # average monthly profit per customer, money units
LTV_MONTHS = 18  # average customer lifetime, months
LTV_CHURN = 0.05  # monthly churn
MODEL = {"start_customers": 1000, "monthly_retention": 0.9, "months": 3}
MODEL_PROFIT = 10


def _churn_owox() -> float:
    # article 000, OWOX part, the weaker January-April 2020 example: start 50, new 15, end 36
    from ..metrics.churn import churn_rate

    return churn_rate(start=50, new=15, end=36)


def _ltv() -> float:
    from ..metrics.ltv import ltv

    return ltv(avg_monthly_profit=LTV_PROFIT, avg_lifetime_months=LTV_MONTHS)


def _ltv_from_churn() -> float:
    from ..metrics.ltv import ltv_from_churn

    return ltv_from_churn(avg_monthly_profit=LTV_PROFIT, monthly_churn=LTV_CHURN)


def _model_profit() -> float:
    from ..profit import retention_projection

    table = retention_projection(**MODEL, monthly_profit_per_customer=MODEL_PROFIT)
    return float(table["cumulative_profit"].iloc[-1])


EXERCISES = [
    Exercise(
        id="02.1",
        question=(
            "The weaker example of article 000 (OWOX part, January-April 2020): 50 customers "
            "at the start, 15 new, "
            "36 at the end. What is the churn rate?"
        ),
        expected=_churn_owox,
        hints=(
            "Churn = L / S. Find the lost customers first: L = S + N − E.",
            "Check your L: S + N − L must give back the 36 at the end. Then churn and CRR "
            "must add up to 100 %.",
        ),
        question_ru=(
            "Более слабый пример статьи 000 (часть OWOX, январь–апрель 2020): на начало 50 "
            "клиентов, новых 15, на конец 36. Каков коэффициент оттока?"
        ),
        hints_ru=(
            "Отток = L / S. Сначала найдите ушедших клиентов: L = S + N − E.",
            "Проверьте L: S + N − L должно вернуть 36 клиентов на конец. Отток и CRR вместе "
            "дают 100 %.",
        ),
    ),
    Exercise(
        id="02.2",
        question=(
            f"Illustrative: customers bring {LTV_PROFIT} a month in profit on average and stay "
            f"{LTV_MONTHS} months on average. What is the LTV (article 003's definition)?"
        ),
        expected=_ltv,
        kind="number",
        tolerance=0.5,
        unit="money units",
        hints=(
            "LTV = average monthly profit × average lifetime in months.",
            "The answer is an amount of money per customer, not a rate. Check its size: more "
            "than one month's profit, less than two years' profit.",
        ),
        question_ru=(
            f"Условно: клиент приносит в среднем {LTV_PROFIT} прибыли в месяц и остаётся в "
            f"среднем {LTV_MONTHS} месяцев. Какова долгосрочная стоимость клиента, LTV "
            "(определение статьи 003)?"
        ),
        hints_ru=(
            "LTV = средняя прибыль с клиента в месяц × средний срок жизни клиента в месяцах.",
            "Ответ — сумма денег на одного клиента, а не коэффициент. Проверьте порядок: "
            "больше прибыли за один месяц, меньше прибыли за два года.",
        ),
    ),
    Exercise(
        id="02.3",
        question=(
            f"Illustrative: the same {LTV_PROFIT} a month, but you only know the monthly churn: "
            f"{LTV_CHURN:.0%}. Estimate the LTV with lifetime = 1 / churn."
        ),
        expected=_ltv_from_churn,
        kind="number",
        tolerance=0.5,
        unit="money units",
        hints=(
            "First the lifetime: 1 / churn months (churn as a fraction, 0.05 for 5 %).",
            "If a twentieth of the customers leave every month, how many months does a "
            "customer stay on average? Then use the LTV formula of 02.2.",
        ),
        question_ru=(
            f"Условно: те же {LTV_PROFIT} в месяц, но известен только месячный отток: "
            f"{LTV_CHURN * 100:.0f} %. Оцените LTV, считая срок жизни = 1 / отток."
        ),
        hints_ru=(
            "Сначала срок жизни: 1 / отток месяцев (отток долей: 0.05 для 5 %).",
            "Если каждый месяц уходит двадцатая часть клиентов, сколько месяцев клиент "
            "остаётся в среднем? Дальше — формула LTV из 02.2.",
        ),
    ),
    Exercise(
        id="02.4",
        question=(
            "The kit's simple model: 1000 customers, 90 % kept every month, profit 10 per "
            "customer a month, no new customers. What is the cumulative profit after 3 months?"
        ),
        expected=_model_profit,
        kind="number",
        tolerance=0.5,
        unit="money units",
        hints=(
            "Customers in months 1, 2, 3: 1000, then 90 % of that, then 90 % of that again.",
            "Cumulative means the profit of all three months together, each month with its "
            "own number of customers. rk.retention_projection(...) shows it month by month.",
        ),
        question_ru=(
            "Простая модель библиотеки: 1000 клиентов, каждый месяц удерживается 90 %, прибыль "
            "10 с клиента в месяц, новых клиентов нет. Какова накопленная прибыль за 3 месяца?"
        ),
        hints_ru=(
            "Клиентов в месяцах 1, 2, 3: 1000, затем 90 % от этого, затем ещё раз 90 %.",
            "Накопленная — прибыль всех трёх месяцев вместе, каждого со своим числом клиентов. "
            "rk.retention_projection(...) покажет её по месяцам.",
        ),
    ),
]
