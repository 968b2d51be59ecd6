"""Exercises of notebook 05a (three meanings of retention): reasoning on the six-customer log.

The log is the notebook's: six customers, January to March 2024, written out by hand there.
"""

from __future__ import annotations

import pandas as pd

from . import Exercise

# the notebook's six-customer log (customer, purchase time)
_LOG = (
    ("A", "2024-01-10 12:00"),
    ("A", "2024-02-12 12:00"),
    ("A", "2024-03-14 12:00"),
    ("B", "2024-01-15 10:00"),
    ("B", "2024-01-16 15:00"),
    ("C", "2024-01-20 12:00"),
    ("C", "2024-03-05 12:00"),
    ("D", "2024-02-03 10:00"),
    ("D", "2024-02-04 15:00"),
    ("D", "2024-03-20 12:00"),
    ("E", "2024-02-10 12:00"),
    ("F", "2024-03-08 12:00"),
)
_OBSERVED_UNTIL = "2024-04-01"  # the log covers the whole of March


def _log(extra: tuple[tuple[str, str], ...] = ()) -> pd.DataFrame:
    log = pd.DataFrame([*_LOG, *extra], columns=["customer", "time"])
    return log.assign(time=pd.to_datetime(log["time"]))


def _periods(log: pd.DataFrame) -> pd.DataFrame:
    from ..periods import period_table

    return period_table(
        log,
        customer="customer",
        time="time",
        freq="M",
        active_days=30,
        observed_until=_OBSERVED_UNTIL,
    ).set_index("period")


def _march_crr_with_g() -> float:
    # customer G buys on 25 February and on 26 March
    log = _log((("G", "2024-02-25 12:00"), ("G", "2024-03-26 12:00")))
    return float(_periods(log).loc["2024-03-01", "crr"])


_MONTHS = ("February", "March", "both months")
_MONTHS_RU = ("февраль", "март", "оба месяца")


def _months_where_definitions_agree() -> str:
    table = _periods(_log()).loc["2024-02-01":]
    over_average = table["lost"] / ((table["start"] + table["end"]) / 2)
    agree = (over_average - (1 - table["crr"])).abs() < 1e-12
    if agree.all():
        return _MONTHS[2]
    (month,) = table.index[agree]
    return _MONTHS[month.month - 2]


_WHY_RISE = (
    "new customers joined the January cohort in March",
    "customer C skipped February and bought again in March: the rate counts who bought at that "
    "age, not who is still a customer",
    "the cohort's size fell from 3 to 2 customers in March",
)
_WHY_RISE_RU = (
    "в марте к январской когорте присоединились новые клиенты",
    "клиент C пропустил февраль и снова купил в марте: доля считает тех, кто купил в этом "
    "возрасте, а не тех, кто ещё остаётся клиентом",
    "в марте размер когорты упал с 3 до 2 клиентов",
)

_WHY_DIFFER = (
    "they count different customers: everyone who bought in the last 90 days, against the "
    "month's new customers only, who must buy in exactly the next month",
    "one of the two is computed wrongly: for the same shop and months they must agree",
    "the CRR counts the new customers N as retained, and that inflates it",
)
_WHY_DIFFER_RU = (
    "они считают разных клиентов: всех, кто покупал за последние 90 дней, против одних новых "
    "клиентов месяца, которые должны купить именно в следующем месяце",
    "одно из двух посчитано неверно: для одного магазина и тех же месяцев они должны совпадать",
    "CRR засчитывает новых клиентов N как удержанных, и это его завышает",
)

_ACTIVITY = (
    "activity is high, retention is low",
    "retention is high, activity is low",
    "both are high",
)
_ACTIVITY_RU = (
    "активность высокая, удержание низкое",
    "удержание высокое, активность низкая",
    "оба показателя высокие",
)


def _options(texts: tuple[str, ...]) -> str:
    return "; ".join(f"{letter}) {text}" for letter, text in zip("abc", texts, strict=True))


EXERCISES = [
    Exercise(
        id="05a.1",
        question=(
            "A seventh customer, G, joins the six-customer log: G buys on 25 February and on "
            "26 March. With the notebook's rule (a customer at an instant = bought in the 30 "
            "days before it), what is March's CRR now? Work out S, N and E by hand first."
        ),
        expected=_march_crr_with_g,
        hints=(
            "Who is a customer on 1 March (bought in February)? Who on 1 April (bought in "
            "March)? Which of the April customers were not customers on 1 March?",
            "CRR = (E − N) / S: G adds one to S and one to E, and is not new in March.",
        ),
        question_ru=(
            "В журнал шести клиентов добавляется седьмой, G: он покупает 25 февраля и 26 марта. "
            "По правилу тетради (клиент в момент времени = покупал за 30 дней до него) каков "
            "теперь CRR марта? Сначала найдите S, N и E вручную."
        ),
        hints_ru=(
            "Кто клиент на 1 марта (покупал в феврале)? Кто на 1 апреля (покупал в марте)? Кто "
            "из клиентов на 1 апреля не был клиентом на 1 марта?",
            "CRR = (E − N) / S: G добавляет единицу к S и к E и не является новым в марте.",
        ),
    ),
    Exercise(
        id="05a.2",
        question=(
            "The January cohort of the six-customer log has a rate of 33 % at age 1 and 67 % at "
            f"age 2: a cohort's rate went up. Why? {_options(_WHY_RISE)}."
        ),
        expected=lambda: _WHY_RISE[1],
        kind="choice",
        choices=_WHY_RISE,
        hints=(
            "Which month defines a customer's cohort, and can it ever change?",
            "Read the rate's definition: customers who bought at that age / cohort size. What "
            "did each January customer do in February and in March?",
        ),
        question_ru=(
            "У январской когорты журнала шести клиентов доля 33 % в возрасте 1 и 67 % в "
            f"возрасте 2: доля когорты выросла. Почему? {_options(_WHY_RISE_RU)}."
        ),
        hints_ru=(
            "Какой месяц определяет когорту клиента и может ли он измениться?",
            "Перечитайте определение: купившие в этом возрасте / размер когорты. Что делал "
            "каждый январский клиент в феврале и в марте?",
        ),
        choices_ru=_WHY_RISE_RU,
    ),
    Exercise(
        id="05a.3",
        question=(
            "Churn as lost customers over the AVERAGE number of customers, L / ((S + E) / 2), "
            "against churn = 1 − CRR = L / S. In which month of the six-customer log do the two "
            f"give the same number? {_options(_MONTHS)}."
        ),
        expected=_months_where_definitions_agree,
        kind="choice",
        choices=_MONTHS,
        hints=(
            "The numerators are the same (L); compare the denominators.",
            "When is (S + E) / 2 equal to S? Look at S and E of each month in the table.",
        ),
        question_ru=(
            "Отток как ушедшие клиенты, делённые на СРЕДНЕЕ число клиентов, L / ((S + E) / 2), "
            "против оттока = 1 − CRR = L / S. В каком месяце журнала шести клиентов они дают "
            f"одно и то же число? {_options(_MONTHS_RU)}."
        ),
        hints_ru=(
            "Числители одинаковые (L); сравните знаменатели.",
            "Когда (S + E) / 2 равно S? Посмотрите на S и E каждого месяца в таблице.",
        ),
        choices_ru=_MONTHS_RU,
    ),
    Exercise(
        id="05a.4",
        question=(
            "For the bundled shop, the monthly CRR (90-day window) is much higher than the "
            "cohort rate at age 1. Which explains it? " + _options(_WHY_DIFFER) + "."
        ),
        expected=lambda: _WHY_DIFFER[0],
        kind="choice",
        choices=_WHY_DIFFER,
        hints=(
            "Both numbers are printed by the kit from the same log; what does each count as "
            "'the customers' and as 'retained'?",
            "Compare the CRR with a 90-day and with a 30-day window in the notebook, then the "
            "30-day CRR with the cohort rate: two steps, two differences.",
        ),
        question_ru=(
            "У магазина из примеров месячный CRR (окно 90 дней) намного выше доли когорты в "
            "возрасте 1. Чем это объясняется? " + _options(_WHY_DIFFER_RU) + "."
        ),
        hints_ru=(
            "Оба числа библиотека считает по одному журналу; кого каждое считает «клиентами» и "
            "кого «удержанными»?",
            "Сравните в тетради CRR с окном 90 и 30 дней, затем CRR с окном 30 дней и долю "
            "когорты: два шага — два различия.",
        ),
        choices_ru=_WHY_DIFFER_RU,
    ),
    Exercise(
        id="05a.5",
        question=(
            "An app's new users open it twenty times a day during their first week; after the "
            "first week most of them never open it again. In article 003's terms: "
            + _options(_ACTIVITY)
            + "."
        ),
        expected=lambda: _ACTIVITY[0],
        kind="choice",
        choices=_ACTIVITY,
        hints=(
            "Article 003: activity measures engagement (visits, session length, actions); "
            "retention measures whether users keep coming back.",
            "Which of the two looks at the short term and which at the long term?",
        ),
        question_ru=(
            "Новые пользователи приложения открывают его двадцать раз в день в первую неделю; "
            "после первой недели большинство больше его не открывает. В терминах статьи 003: "
            + _options(_ACTIVITY_RU)
            + "."
        ),
        hints_ru=(
            "Статья 003: активность измеряет вовлечённость (посещения, длительность сессии, "
            "действия); удержание — возвращаются ли пользователи.",
            "Какой из двух показателей смотрит на короткий срок, а какой на долгий?",
        ),
        choices_ru=_ACTIVITY_RU,
    ),
]
