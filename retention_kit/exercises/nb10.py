"""Exercises of notebook 10 (revenue retention and growth accounting).

10.1 and 10.2 are on the small ILLUSTRATIVE log printed in the notebook (``FIVE_CUSTOMERS``);
their answers are worked by hand in solutions/10_revenue_and_growth_accounting.md. 10.3 and 10.4
need reasoning about the definitions, not a read-off.
"""

from __future__ import annotations

from . import Exercise

#: the notebook's five-customer log (ILLUSTRATIVE, invented for teaching): customer, date, amount
FIVE_CUSTOMERS = (
    ("Anna", "2024-01-03", 100.0),
    ("Boris", "2024-01-10", 50.0),
    ("Vera", "2024-01-20", 80.0),
    ("Anna", "2024-02-02", 70.0),
    ("Anna", "2024-02-20", 60.0),
    ("Boris", "2024-02-11", 20.0),
    ("Dmitry", "2024-02-15", 40.0),
    ("Vera", "2024-03-05", 90.0),
    ("Anna", "2024-03-06", 130.0),
    ("Elena", "2024-03-30", 10.0),
)

EXERCISES = [
    Exercise(
        id="10.1",
        question=(
            "In the five-customer log, what is the net revenue retention (NRR) of March, "
            "compared with February?"
        ),
        # worked by hand: February's payers Anna 130, Boris 20, Dmitry 40 (start 190);
        # in March Anna pays 130 again, Boris and Dmitry nothing: (190 - 60) / 190
        expected=lambda: 130 / 190,
        hints=(
            "NRR looks only at the customers who paid in February. Who were they, and how "
            "much did they pay then?",
            "Vera's and Elena's March money is not in NRR: Vera is a reactivation, Elena is new.",
        ),
        question_ru=(
            "В журнале пяти клиентов: каков чистый коэффициент удержания выручки (NRR) марта "
            "по сравнению с февралём?"
        ),
        hints_ru=(
            "NRR смотрит только на клиентов, плативших в феврале. Кто они и сколько тогда "
            "заплатили?",
            "Мартовские деньги Веры и Елены в NRR не входят: Вера вернулась после паузы, Елена "
            "— новая.",
        ),
    ),
    Exercise(
        id="10.2",
        question=(
            "In the five-customer log, how much revenue did February lose to contraction "
            "(customers who paid in both January and February, but less in February)?"
        ),
        # by hand: Boris paid 50 in January and 20 in February; Anna paid more (expansion)
        expected=lambda: 30.0,
        kind="number",
        tolerance=0.01,
        unit="currency units",
        hints=(
            "Contraction counts only customers who paid in both months. Which of them paid less?",
            "Vera paid nothing in February: her 80 is churn, not contraction.",
        ),
        question_ru=(
            "В журнале пяти клиентов: сколько выручки февраль потерял на сокращении "
            "(клиенты, платившие и в январе, и в феврале, но в феврале меньше)?"
        ),
        hints_ru=(
            "Сокращение учитывает только клиентов, плативших в оба месяца. Кто из них заплатил "
            "меньше?",
            "Вера в феврале не платила: её 80 — отток, а не сокращение.",
        ),
    ),
    Exercise(
        id="10.3",
        question=(
            "A shop's NRR is 105 % for a month while its GRR is 80 %. Which is true? "
            "a) it lost more than a fifth of last month's revenue from existing customers and "
            "new customers made up for it; b) expansion from existing customers was larger than "
            "what they lost through contraction and churn; c) the figures are impossible, GRR "
            "can never be below NRR minus 20 points."
        ),
        expected=lambda: "b",
        kind="choice",
        choices=("a", "b", "c"),
        hints=(
            "Neither NRR nor GRR contains revenue from new customers.",
            "NRR - GRR = expansion / start. What does NRR above 100 % say about expansion "
            "versus contraction + churned?",
        ),
        question_ru=(
            "NRR магазина за месяц — 105 %, GRR — 80 %. Что верно? a) он потерял больше пятой "
            "части прошлой выручки от имеющихся клиентов, и это возместили новые клиенты; "
            "b) рост выручки от имеющихся клиентов превысил то, что они недодали через "
            "сокращение и отток; c) такие числа невозможны, GRR не бывает ниже NRR минус 20 п.п."
        ),
        hints_ru=(
            "Ни NRR, ни GRR не содержат выручку от новых клиентов.",
            "NRR − GRR = рост / выручка на начало. Что NRR выше 100 % говорит о росте по "
            "сравнению с сокращением и оттоком?",
        ),
    ),
    Exercise(
        id="10.4",
        question=(
            "In a lifecycle table a month has 120 returning and 80 dormant customers. How many "
            "customers were active in the month before?"
        ),
        # returning + dormant = active in the previous period (every one of them either came
        # back or went quiet)
        expected=lambda: 200.0,
        kind="number",
        tolerance=0.5,
        unit="customers",
        hints=(
            "Take a customer active in the month before. What can they be in this month?",
            "Could a customer active last month be new, or reactivated, this month?",
        ),
        question_ru=(
            "В таблице жизненного цикла в месяце 120 клиентов returning (активны и в этом, и в "
            "прошлом месяце) и 80 dormant (уснувших: активны в прошлом, в этом нет). "
            "Сколько клиентов было активно в предыдущем месяце?"
        ),
        hints_ru=(
            "Возьмите клиента, активного в прошлом месяце. Кем он может быть в этом месяце?",
            "Может ли клиент, активный в прошлом месяце, в этом оказаться новым или "
            "вернувшимся после паузы?",
        ),
    ),
]
