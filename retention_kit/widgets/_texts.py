"""The Russian texts of the apps (``rk.set_language("ru")``); the key is the English text."""

from __future__ import annotations

from ..i18n import add_texts

_RU = {
    # CRR calculator (01)
    "Customers at the start (S)": "Клиенты на начало (S)",
    "New customers (N)": "Новые клиенты (N)",
    "Customers lost (L)": "Ушедшие клиенты (L)",
    "End customers, E = S + N − L": "Клиенты на конец, E = S + N − L",
    "Churn = L / S = 1 − CRR": "Отток = L / S = 1 − CRR",
    "CRR calculator": "Калькулятор коэффициента удержания клиентов (CRR)",
    "S went down to {s}, below the {lost} customers lost: L is now {s} too. You cannot lose more "
    "customers than you had at the start (L ≤ S); move S up again and L stays at {s}.": "S "
    "уменьшилось до {s} — меньше, чем {lost} ушедших клиентов: теперь и L = {s}. Нельзя потерять "
    "больше клиентов, чем было на начало (L ≤ S); если снова увеличить S, L останется {s}.",
    "L can be at most S ({s}): its slider ends there.": "L не больше S ({s}): здесь его "
    "ползунок заканчивается.",
    # benchmark explorer (06)
    "your CRR": "ваш CRR",
    "compare with": "сравнить с",
    "benchmark ({source})": "бенчмарк ({source})",
    "you minus benchmark": "вы минус бенчмарк",
    "{value} points": "{value} п.п.",
    "Your CRR against the benchmarks": "Ваш CRR и бенчмарки",
    "equal to": "равен",
    "{points} above": "на {points} выше",
    "{points} below": "на {points} ниже",
    "Your CRR of {value} is {where} {segment} ({bench}; {source}).": "Ваш CRR {value} {where}, "
    "чем {segment} ({bench}; {source}).",
    "Your CRR of {value} is equal to {segment} ({bench}; {source}).": "Ваш CRR {value} равен "
    "бенчмарку {segment} ({bench}; {source}).",
    " You are at the {high} to aim for.": " Вы на уровне {high}, к которым стоит стремиться.",
    " You are {where} the {high} to aim for.": " Вы {where}, чем {high}, к которым стоит "
    "стремиться.",
    # email and NPS (08)
    "delivered": "доставлено",
    "opened": "открыли",
    "clicked": "кликнули",
    "unsubscribed": "отписались",
    "OR = opened / delivered": "OR = открыли / доставлено",
    "CTR = clicked / delivered": "CTR = кликнули / доставлено",
    "UR = unsubscribed / delivered": "UR = отписались / доставлено",
    "CTOR = clicked / opened": "CTOR = кликнули / открыли",
    "Email metrics (article 000, Travelpayouts part)": "Метрики рассылок (статья 000, часть "
    "Travelpayouts)",
    "detractors": "критики",
    "passives": "нейтралы",
    "promoters": "промоутеры",
    "NPS (−100 to +100)": "NPS (от −100 до +100)",
    "answers": "ответы",
    "Net Promoter Score": "Индекс потребительской лояльности (NPS)",
    # period, cohort and day-N explorers (03, 04, 05)
    "period": "период",
    "day": "день",
    "week": "неделя",
    "quarter": "квартал",
    "year": "год",
    "activity window (days)": "окно активности (дней)",
    "CRR of the period starting {when}": "CRR периода, начавшегося {when}",
    "95% interval": "95-процентный интервал",
    "Period explorer: S, N, L, E and CRR": "Периоды: S, N, L, E и CRR",
    "cohort by": "когорты по",
    "metric": "показатель",
    "acquisition period": "период первой покупки",
    "retention rate (%)": "коэффициент удержания (%)",
    "active customers (count)": "активные клиенты (число)",
    "cohorts": "когорты",
    "{n} cohorts, {customers} customers": "когорт: {n}, клиентов: {customers}",
    "active 1 {period} after joining (pooled)": "активны через 1 период ({period}) после "
    "прихода (все когорты вместе)",
    "{kept} of {size}": "{kept} из {size}",
    "Cohort explorer": "Когорты",
    "method": "метод",
    "day N": "день N",
    "rolling: 24-hour windows": "скользящие 24-часовые окна",
    "calendar days": "календарные дни",
    "unbounded: day N or later": "без границы: день N или позже",
    "day-{n} retention ({method})": "удержание {n}-го дня ({method})",
    "no eligible user yet": "пока нет учитываемых пользователей",
    "{retained} retained of {users} eligible users": "вернулись {retained} из {users} "
    "учитываемых пользователей",
    "Day-N retention explorer": "Удержание N-го дня",
    # profit (02)
    "monthly retention": "удержание за месяц",
    "+ points of retention": "+ п.п. удержания",
    "months": "месяцы",
    "customers at the start": "клиенты на начало",
    "profit / customer / month": "прибыль / клиент / месяц",
    "new customers / month": "новые клиенты / месяц",
    "customers in month {m}, base": "клиенты в месяце {m}, база",
    "customers in month {m}, improved": "клиенты в месяце {m}, с улучшением",
    "cumulative profit, base": "накопленная прибыль, база",
    "cumulative profit, improved": "накопленная прибыль, с улучшением",
    "difference": "разница",
    "profit increase (model)": "рост прибыли (модель)",
    "Retention → profit (simple model: geometric survival, no discounting)": "Удержание → "
    "прибыль (простая модель: геометрическое выживание, без дисконтирования)",
}

add_texts({en: {"en": en, "ru": ru} for en, ru in _RU.items()})
