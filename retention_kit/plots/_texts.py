"""The Russian texts of the charts and apps (``rk.set_language("ru")``).

The key of each text is its English version, so a call site reads ``tr("lost (L)")`` and an
English chart is unchanged. Russian wording follows the source articles: коэффициент удержания
клиентов (CRR), отток, когорта, возраст когорты, процентный пункт (п.п.).
"""

from __future__ import annotations

from ..i18n import add_texts, get_language

_RU = {
    # customer flow and CRR bars (notebook 01)
    "Start of period\nS = {s}": "Начало периода\nS = {s}",
    "End of period\nE = {e}": "Конец периода\nE = {e}",
    "retained": "удержаны",
    "lost": "ушли",
    "new": "новые",
    "retained (E − N = S − L)": "удержанные (E − N = S − L)",
    "lost (L)": "ушедшие (L)",
    "new (N)": "новые (N)",
    "Customers (count)": "Клиенты (число)",
    "Period boundary": "Граница периода",
    "Row": "Строка",
    "mistake: E / S (N not subtracted)": "ошибка: E / S (N не вычтено)",
    "Customer Retention Rate, CRR = (E − N) / S": "Коэффициент удержания клиентов, "
    "CRR = (E − N) / S",
    "CRR, % of the customers at the start": "CRR, % клиентов на начало периода",
    # period table (03)
    "95% confidence interval": "95-процентный доверительный интервал",
    "churn = L / S": "отток = L / S",
    "Customer retention rate per {name}": "Коэффициент удержания клиентов по периодам: {name}",
    "{name} (start date)": "{name} (дата начала)",
    "CRR, % of customers at the start": "CRR, % клиентов на начало периода",
    # cohorts (04)
    "Cohort retention: share of each cohort buying at each age": "Удержание когорт: доля "
    "когорты, купившая в каждом возрасте",
    "Cohort matrix: {what}": "Когортная матрица: {what}",
    "age ({words} after the first event)": "возраст когорты ({words} после первого события)",
    "cohort ({word} of the first event)": "когорта ({word} первого события)",
    "cohort": "когорта",
    "retention rate, % of the cohort": "коэффициент удержания, % когорты",
    "active customers (count)": "активные клиенты (число)",
    "revenue (currency units)": "выручка (денежные единицы)",
    "revenue per customer (currency units)": "выручка на клиента (денежные единицы)",
    "cumulative revenue per customer (currency units)": "накопленная выручка на клиента "
    "(денежные единицы)",
    "Retention curves: share of each cohort buying at each age": "Кривые удержания: доля "
    "когорты, купившая в каждом возрасте",
    "all cohorts pooled": "все когорты вместе",
    "other cohorts": "остальные когорты",
    "LTV curves: cumulative revenue per customer of each cohort": "Кривые LTV: накопленная "
    "выручка на клиента по когортам",
    "cumulative revenue per customer ({currency})": "накопленная выручка на клиента ({currency})",
    "Cohort sizes: customers acquired in each cohort": "Размеры когорт: новые клиенты в каждой "
    "когорте",
    "customers in the cohort (count)": "клиентов в когорте (число)",
    "rate with 95% interval": "доля и 95-процентный интервал",
    "all pooled": "все вместе",
    # periods not over when the data ends (issue 10: completeness marks)
    "open marker: period not over when the data ends (not final)": "пустой маркер: период не "
    "закончился к концу данных (не окончательно)",
    "hatched: period not over when the data ends (not final)": "штриховка: период не "
    "закончился к концу данных (не окончательно)",
    "pooled (periods over)": "все вместе (законченные периоды)",
    "the pooled line leaves them out": "линия «все вместе» их не учитывает",
    "Retention at age {age} by cohort, with 95% confidence intervals": "Удержание в возрасте "
    "{age} по когортам, с 95-процентными доверительными интервалами",
    "retention rate at age {age} ({words} after the first event), % of the cohort": "удержание "
    "в возрасте {age} ({words} после первого события), % когорты",
    # day-N (05)
    "rolling (24-hour windows)": "скользящие 24-часовые окна",
    "calendar days": "календарные дни",
    "unbounded (day N or later)": "без границы (день N или позже)",
    "day-N retention": "удержание N-го дня",
    "method": "метод",
    "Day-N retention: share of users who come back on day N": "Удержание N-го дня: доля "
    "пользователей, вернувшихся на N-й день",
    "day N (days after the first event)": "день N (дней после первого события)",
    "retained users, % of eligible users": "вернувшиеся пользователи, % учитываемых",
    # benchmarks (06)
    "your data": "ваши данные",
    "article {id}": "статья {id}",
    "your CRR: {value}": "ваш CRR: {value}",
    "range to aim for": "к чему стремиться",
    "Your CRR against the sources' benchmarks": "Ваш CRR и бенчмарки из статей",
    "CRR, % of customers at the start kept (the sources give no period length)": "CRR, % "
    "удержанных клиентов на начало (период в статьях не указан)",
    "OWOX part": "часть OWOX",
    "SendPulse part": "часть SendPulse",
    "Travelpayouts part": "часть Travelpayouts",
    "eCommerce (average)": "eCommerce (в среднем)",
    "Media": "медиа",
    "Mobile apps (good)": "мобильные приложения (хороший уровень)",
    "Small and medium business": "малый и средний бизнес",
    "Target for companies": "цель для компаний",
    # email and NPS (08)
    "delivered": "доставлено",
    "opened": "открыли",
    "clicked": "кликнули",
    "unsubscribed": "отписались",
    "Email funnel (unique people)": "Воронка писем (уникальные люди)",
    "share of delivered emails, %": "доля доставленных писем, %",
    "all answers": "все ответы",
    "detractors": "критики",
    "passives": "нейтралы",
    "promoters": "промоутеры",
    "NPS: detractors (0–6), passives (7–8), promoters (9–10)": "NPS: критики (0–6), нейтралы "
    "(7–8), промоутеры (9–10)",
    "share of answers, %": "доля ответов, %",
    # profit (02)
    "Cumulative profit": "Накопленная прибыль",
    "cumulative profit (money units)": "накопленная прибыль (денежные единицы)",
    "Customers kept": "Удержанные клиенты",
    "customers (expected number)": "клиенты (ожидаемое число)",
    "Profit per month": "Прибыль за месяц",
    "profit in the month (money units)": "прибыль за месяц (денежные единицы)",
    "base retention": "базовое удержание",
    "improved retention": "улучшенное удержание",
    "{what} by month (simple model, no discounting)": "{what} по месяцам (простая модель, без "
    "дисконтирования)",
    "month": "месяц",
    # lifecycle and revenue (10)
    "returning": "продолжающие",
    "resurrecting": "вернувшиеся",
    "dormant": "уснувшие",
    "reactivation": "возвращение",
    "expansion": "рост",
    "contraction": "сокращение",
    "churned": "отток",
    "period not complete": "период не завершён",
    "Where each {period}'s customers came from, and who went quiet": "Откуда пришли клиенты "
    "периода ({period}) и кто затих",
    "Customers (count) ": "Клиенты (число)",
    "Revenue (currency of the data)": "Выручка (валюта данных)",
    "Revenue movements per {period}": "Движение выручки по периодам ({period})",
}

# period words: nominative ("month") and genitive plural ("months" after a number)
_PERIODS = {
    "day": ("день", "дней"),
    "week": ("неделя", "недель"),
    "month": ("месяц", "месяцев"),
    "quarter": ("квартал", "кварталов"),
    "year": ("год", "лет"),
    "period": ("период", "периодов"),
}

add_texts({en: {"en": en, "ru": ru} for en, ru in _RU.items()})

# Russian words after a count: "1 новый", "21 новый", but "2 новых", "5 новых", "11 новых"
_COUNTED = {
    "retained": ("удержанный", "удержанных"),
    "lost": ("ушедший", "ушедших"),
    "new": ("новый", "новых"),
}


def counted(word: str, count: float) -> str:
    """The word that follows a count: "retained" in English; "удержанный" / "удержанных"."""
    if get_language() != "ru" or word not in _COUNTED:
        return word
    n = int(round(abs(count)))
    return _COUNTED[word][0 if n % 10 == 1 and n % 100 != 11 else 1]


def period_word(word: str, plural: bool = False) -> str:
    """ "month" / "months" in English; "месяц" / "месяцев" in Russian (unknown words as given)."""
    if get_language() == "ru" and word in _PERIODS:
        return _PERIODS[word][1 if plural else 0]
    return f"{word}s" if plural else word
