"""Exercises of notebook 08 (email and NPS), on the bundled SYNTHETIC samples."""

from __future__ import annotations

from . import Exercise

CAMPAIGN_08_1 = "2024-10b_loyalty"
SINCE_08_4 = "2024-07-01"  # answers of the second half of 2024


def _campaigns():
    from ..datasets import load_sample

    return load_sample("email_campaigns")


def _ctor_campaign() -> float:
    from ..metrics.email import click_to_open_rate

    row = _campaigns().set_index("campaign").loc[CAMPAIGN_08_1]
    return float(click_to_open_rate(row["clicked"], row["opened"]))


def _yearly_unsubscribe_rate() -> float:
    from ..metrics.email import unsubscribe_rate

    t = _campaigns()
    return float(unsubscribe_rate(t["unsubscribed"].sum(), t["delivered"].sum()))


# illustrative list C (exercise 08.3): 2000 subscribers, 4 emails each opened by 300 people
LIST_C = {"base_size": 2000, "opened_per_email": 300, "month_openers": 740}


def _reach_list_c() -> float:
    from ..metrics.email import monthly_reach

    return float(
        monthly_reach(month_openers=LIST_C["month_openers"], base_size=LIST_C["base_size"])
    )


def _nps_new() -> float:
    import pandas as pd

    from ..datasets import load_sample
    from ..metrics.nps import nps

    survey = load_sample("nps_survey")
    return nps(survey.loc[survey["date"] >= pd.Timestamp(SINCE_08_4), "score"])


EXERCISES = [
    Exercise(
        id="08.1",
        question=(
            f"In the email_campaigns sample, what is the CTOR of the campaign {CAMPAIGN_08_1!r}?"
        ),
        expected=_ctor_campaign,
        hints=(
            "CTOR = clicked / opened (unique clickers over unique openers), article 000.",
            "The denominator is the people who opened, not the people who received: so CTOR "
            "is larger than that campaign's CTR.",
        ),
        question_ru=(
            f"В данных email_campaigns: каков CTOR (процент переходов от числа открытых писем) "
            f"кампании {CAMPAIGN_08_1!r}?"
        ),
        hints_ru=(
            "CTOR = кликнувшие / открывшие (статья 000).",
            "В знаменателе — открывшие письмо, а не получившие: поэтому CTOR больше, чем CTR "
            "этой кампании.",
        ),
    ),
    Exercise(
        id="08.2",
        question=(
            "Over the whole year of the email_campaigns sample, what share of delivered emails "
            "led to an unsubscribe (UR of the year: all unsubscribes / all delivered)?"
        ),
        expected=_yearly_unsubscribe_rate,
        tolerance=0.0001,
        hints=(
            "Add up the column `unsubscribed` and the column `delivered` over all campaigns.",
            "An average of the campaigns' URs would give a small campaign as much weight as a "
            "large one: is that the share of all delivered emails?",
        ),
        question_ru=(
            "За весь год данных email_campaigns: какая доля доставленных писем привела к "
            "отписке (UR за год: все отписки / все доставленные; знаменатель — соглашение "
            "библиотеки, статья 000 его не называет)?"
        ),
        hints_ru=(
            "Сложите столбец `unsubscribed` и столбец `delivered` по всем кампаниям.",
            "Среднее из UR кампаний дало бы маленькой кампании тот же вес, что и большой: это "
            "доля всех доставленных писем?",
        ),
    ),
    Exercise(
        id="08.3",
        question=(
            f"Illustrative list C: {LIST_C['base_size']} subscribers, 4 emails in the month, "
            f"each opened by {LIST_C['opened_per_email']} people (OR 15 %), "
            f"{LIST_C['month_openers']} different people in all. What is the monthly reach?"
        ),
        expected=_reach_list_c,
        hints=(
            "Monthly reach = people who opened at least one email in the month / the base.",
            "Count each person once, however many of the 4 emails they opened: 4 × 300 counts "
            "some people several times.",
        ),
        question_ru=(
            f"Условный список C: {LIST_C['base_size']} подписчиков, 4 письма за месяц, каждое "
            f"открыли {LIST_C['opened_per_email']} человек (OR 15 %), всего "
            f"{LIST_C['month_openers']} разных людей. Каков процент базы с открытиями за месяц?"
        ),
        hints_ru=(
            "Охват за месяц = люди, открывшие хотя бы одно письмо за месяц / вся база.",
            "Каждого человека считайте один раз, сколько бы из 4 писем он ни открыл: 4 × 300 "
            "считает некоторых по нескольку раз.",
        ),
    ),
    Exercise(
        id="08.4",
        question=(
            f"In the nps_survey sample, what is the NPS of the answers dated {SINCE_08_4} or "
            "later (the second half of 2024)? Give it as a fraction (0.25 for +25) or with a "
            "% sign."
        ),
        expected=_nps_new,
        tolerance=0.005,
        hints=(
            "Keep the rows with survey['date'] >= pd.Timestamp('2024-07-01'), then "
            "rk.nps(their scores).",
            "Both shares are over the second-half answers only; the passives (7–8) count in "
            "the denominator but in neither share.",
        ),
        question_ru=(
            f"В данных nps_survey: каков NPS ответов с датой {SINCE_08_4} и позже (второе "
            "полугодие 2024)? Дайте его долей (0.25 для +25) или со знаком %."
        ),
        hints_ru=(
            "Оставьте строки с survey['date'] >= pd.Timestamp('2024-07-01'), затем "
            "rk.nps(их оценки).",
            "Обе доли — только среди ответов второго полугодия; нейтралы (7–8) входят в "
            "знаменатель, но ни в одну из долей.",
        ),
    ),
]
