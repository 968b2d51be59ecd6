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
            "L = 50 + 15 − 36. Divide it by the 50 customers at the start (or compute 1 − CRR).",
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
            "Multiply the two numbers of the question; the answer is an amount, not a rate.",
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
            "Lifetime = 1 / 0.05 months; LTV = monthly profit × lifetime.",
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
            "Add the three months' customers and multiply by the profit of 10 per customer.",
        ),
    ),
]
