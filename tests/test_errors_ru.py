"""In Russian mode the kit's errors speak Russian; in English they are unchanged.

Each case is a bad call of one kit function with its message in both languages, written by
hand: the Russian one must name the argument and the value (in Russian number style: 0,96,
7 200 with a no-break space) and say what to do, the English one is today's message, word for
word (other tests and the notebooks match on it).
"""

from __future__ import annotations

import re
import string

import numpy as np
import pandas as pd
import pytest

import retention_kit as rk
from retention_kit import _error_texts, _messages, i18n
from retention_kit.core.columns import require_columns

NBSP = "\u00a0"

_SHOP = pd.DataFrame({"CustomerID": [1, 2], "InvoiceDate": ["2024-01-05", "2024-02-07"]})


@pytest.fixture(autouse=True)
def _english_after():
    yield
    rk.set_language("en")


# (call, error class, Russian message, English message)
CASES = [
    pytest.param(
        lambda: rk.crr(start=50, new=6, end=3),
        rk.InconsistentCountsError,
        "end=3 минус new=6 — отрицательное число: клиенты на конец периода (E) включают новых "
        "клиентов (N), поэтому end не может быть меньше new. Проверьте, что new считает только "
        "клиентов, привлечённых в этом периоде.",
        "end=3 minus new=6 is negative: the customers at the end include the new ones, so end "
        "must be at least new. Check that new counts only customers acquired in this period.",
        id="crr-end-below-new",
    ),
    pytest.param(
        lambda: rk.crr(start=50, new=6, lost=60),
        rk.InconsistentCountsError,
        "lost=60 больше, чем start=50: нельзя потерять больше клиентов, чем было на начало "
        "периода.",
        "lost=60 is more than start=50: you cannot lose more customers than you had at the start "
        "of the period.",
        id="crr-lost-above-start",
    ),
    pytest.param(
        lambda: rk.crr(start=0.96, new=6, lost=2),
        rk.InvalidCountError,
        "start должно быть целым числом клиентов, получено 0,96; в числе клиентов не бывает "
        "дробей (может быть, передан коэффициент?).",
        "start must be a whole number of customers, got 0.96; counts of customers cannot have "
        "fractions (did you pass a rate?).",
        id="crr-start-is-a-rate",
    ),
    pytest.param(
        lambda: rk.crr(start=50, new=6),
        rk.InvalidCountError,
        "укажите end (клиенты на конец периода, E) или lost (ушедшие за период клиенты, L): "
        "коэффициенту удержания клиентов нужно одно из двух.",
        "give either end (customers at the end of the period) or lost (customers lost during "
        "it); CRR needs one of them.",
        id="crr-neither-end-nor-lost",
    ),
    pytest.param(
        lambda: rk.crr(start=7200, new=6, end=7300),
        rk.InconsistentCountsError,
        f"end - new = 7{NBSP}294 больше, чем start=7{NBSP}200: удержанных клиентов получилось "
        "больше, чем было на начало периода. Проверьте, что new включает всех клиентов, "
        "привлечённых за период.",
        "end - new = 7294 is more than start=7200: more customers retained than existed at the "
        "start. Check that new includes every customer acquired during the period.",
        id="crr-retained-above-start",
    ),
    pytest.param(
        lambda: rk.crr(start=50, new=6, end=54, lost=3),
        rk.InconsistentCountsError,
        "числа не сходятся: start + new - lost = 50 + 6 - 3 = 53, а end=54. Укажите только end "
        "или только lost либо исправьте неверное число.",
        "the counts disagree: start + new - lost = 50 + 6 - 3 = 53, but end=54. Give only end or "
        "only lost, or fix the one that is wrong.",
        id="crr-counts-disagree",
    ),
    pytest.param(
        lambda: rk.crr(start=0, new=6, end=6),
        rk.InvalidCountError,
        "start должно быть больше 0: это знаменатель, а доля от 0 клиентов не определена.",
        "start must be greater than 0: it is the denominator, and a rate over 0 customers is "
        "undefined.",
        id="crr-start-zero",
    ),
    pytest.param(
        lambda: rk.crr(start=50, new=-2, end=40),
        rk.InvalidCountError,
        "new не может быть отрицательным, получено -2: число клиентов — 0 или больше.",
        "new must not be negative, got -2: a number of customers is 0 or more.",
        id="crr-new-negative",
    ),
    pytest.param(
        lambda: rk.crr(start="50", new=6, end=54),
        rk.InvalidCountError,
        "start должно быть числом, а получен текст '50'.",
        "start must be a number, got the text '50'.",
        id="crr-start-text",
    ),
    pytest.param(
        lambda: rk.crr(start=[50, "x"], new=6, end=54),
        rk.InvalidCountError,
        "start должно быть числом (или числами), а получено 'x' на позиции 1.",
        "start must be a number (or numbers), got 'x' at position 1.",
        id="crr-start-not-a-number-in-a-list",
    ),
    pytest.param(
        lambda: rk.crr(start=pd.Series([50, 40]), new=pd.Series([6, 4]), lost=pd.Series([2, 41])),
        rk.InconsistentCountsError,
        "lost=41 больше, чем start=40: нельзя потерять больше клиентов, чем было на начало "
        "периода.",
        "lost=41 is more than start=40: you cannot lose more customers than you had at the start "
        "of the period.",
        id="crr-series-second-period",
    ),
    pytest.param(
        lambda: rk.retained_customers(start=50, new=6, end=np.nan),
        rk.InvalidCountError,
        "в end есть пропущенное значение (NaN); заполните или удалите его, прежде чем считать "
        "показатель.",
        "end has a missing value (NaN); fill or drop it before computing the metric.",
        id="retained-end-nan",
    ),
    pytest.param(
        lambda: rk.churn_rate(start=50, new=3),
        rk.InvalidCountError,
        "для оттока нужен lost (L, ушедшие за период клиенты) или оба числа new и end (N и E, "
        "тогда L = S + N - E); передан new, но нет end. Передайте недостающее число (new=0, если "
        "новых клиентов не было).",
        "churn needs lost (L, customers lost in the period), or both new and end (N and E, then "
        "L = S + N - E); got new but no end. Pass the missing count (new=0 if no customer was "
        "acquired).",
        id="churn-no-end",
    ),
    pytest.param(
        lambda: rk.churn_rate(start=50),
        rk.InvalidCountError,
        "для оттока нужен lost (L, ушедшие за период клиенты) или оба числа new и end (N и E, "
        "тогда L = S + N - E); не передано ни то ни другое. Передайте недостающее число (new=0, "
        "если новых клиентов не было).",
        "churn needs lost (L, customers lost in the period), or both new and end (N and E, then "
        "L = S + N - E); got neither. Pass the missing count (new=0 if no customer was "
        "acquired).",
        id="churn-nothing",
    ),
    pytest.param(
        lambda: rk.churn_rate(start=50, lost=2.5),
        rk.InvalidCountError,
        "lost должно быть целым числом клиентов, получено 2,5; в числе клиентов не бывает дробей "
        "(может быть, передан коэффициент?).",
        "lost must be a whole number of customers, got 2.5; counts of customers cannot have "
        "fractions (did you pass a rate?).",
        id="churn-lost-fraction",
    ),
    pytest.param(
        lambda: rk.ltv(avg_monthly_profit=500, avg_lifetime_months=-2.5),
        rk.InvalidCountError,
        "avg_lifetime_months не может быть отрицательным, получено -2,5.",
        "avg_lifetime_months must not be negative, got -2.5.",
        id="ltv-negative-lifetime",
    ),
    pytest.param(
        lambda: rk.ltv(avg_monthly_profit=np.inf, avg_lifetime_months=24),
        rk.InvalidCountError,
        "avg_monthly_profit должно быть конечным числом, получено inf.",
        "avg_monthly_profit must be finite, got inf.",
        id="ltv-infinite-profit",
    ),
    pytest.param(
        lambda: rk.lifetime_from_churn(1.5),
        rk.InvalidCountError,
        "monthly_churn (отток за месяц) должно быть долей от 0 до 1 (0 не входит), получено "
        "1,5. Для 5 % передайте 0.05; при нулевом оттоке клиенты никогда не уходят и срок жизни "
        "клиента бесконечен.",
        "monthly_churn must be a fraction in (0, 1], got 1.5. Pass 0.05 for 5 %; with churn 0 "
        "customers never leave and the lifetime is infinite.",
        id="lifetime-churn-above-one",
    ),
    pytest.param(
        lambda: rk.ltv_from_churn(avg_monthly_profit=500, monthly_churn=0),
        rk.InvalidCountError,
        "monthly_churn (отток за месяц) должно быть долей от 0 до 1 (0 не входит), получено 0. "
        "Для 5 % передайте 0.05; при нулевом оттоке клиенты никогда не уходят и срок жизни "
        "клиента бесконечен.",
        "monthly_churn must be a fraction in (0, 1], got 0. Pass 0.05 for 5 %; with churn 0 "
        "customers never leave and the lifetime is infinite.",
        id="ltv-from-churn-zero",
    ),
    pytest.param(
        lambda: rk.repeat_purchase_rate(repeat_customers=130, customers=120),
        rk.InconsistentCountsError,
        "repeat_customers=130 больше, чем customers=120: клиенты с повторными покупками — часть "
        "всех клиентов, поэтому их не может быть больше. Проверьте, не перепутаны ли аргументы.",
        "repeat_customers=130 is more than customers=120: repeat customers are some of the "
        "customers, so there cannot be more of them. Check that the two arguments are not "
        "swapped.",
        id="repeat-more-than-customers",
    ),
    pytest.param(
        lambda: rk.repeat_purchase_rate(repeat_customers=[1, 2], customers=[1, 2, 3]),
        rk.InvalidCountError,
        "у repeat_customers и customers должна быть одна длина, а получены (2,) и (3,).",
        "repeat_customers and customers must have the same length, got (2,) and (3,).",
        id="repeat-lengths",
    ),
    pytest.param(
        lambda: rk.open_rate(opened=1500, delivered=1000),
        rk.InconsistentCountsError,
        f"opened=1{NBSP}500 больше, чем delivered=1{NBSP}000: opened — это уникальные люди из "
        "числа delivered, поэтому их не может быть больше. Если у вас общее число открытий или "
        "кликов, возьмите вместо него число уникальных людей.",
        "opened=1500 is more than delivered=1000: opened counts unique people among the "
        "delivered, so it cannot be larger. If you have total opens/clicks, use the unique "
        "counts instead.",
        id="open-rate-more-opened",
    ),
    pytest.param(
        lambda: rk.click_to_open_rate(clicked=30.5, opened=150),
        rk.InvalidCountError,
        "clicked должно быть целым числом клиентов, получено 30,5; в числе клиентов не бывает "
        "дробей (может быть, передан коэффициент?).",
        "clicked must be a whole number of customers, got 30.5; counts of customers cannot have "
        "fractions (did you pass a rate?).",
        id="ctor-fraction",
    ),
    pytest.param(
        lambda: rk.click_through_rate(clicked=40, delivered=30),
        rk.InconsistentCountsError,
        "clicked=40 больше, чем delivered=30: clicked — это уникальные люди из числа delivered, "
        "поэтому их не может быть больше. Если у вас общее число открытий или кликов, возьмите "
        "вместо него число уникальных людей.",
        "clicked=40 is more than delivered=30: clicked counts unique people among the delivered, "
        "so it cannot be larger. If you have total opens/clicks, use the unique counts instead.",
        id="ctr-more-clicked",
    ),
    pytest.param(
        lambda: rk.unsubscribe_rate(unsubscribed=-1, delivered=10),
        rk.InvalidCountError,
        "unsubscribed не может быть отрицательным, получено -1: число клиентов — 0 или больше.",
        "unsubscribed must not be negative, got -1: a number of customers is 0 or more.",
        id="ur-negative",
    ),
    pytest.param(
        lambda: rk.monthly_reach(month_openers=5, base_size=0),
        rk.InvalidCountError,
        "base_size должно быть больше 0: это знаменатель, а доля от 0 клиентов не определена.",
        "base_size must be greater than 0: it is the denominator, and a rate over 0 customers is "
        "undefined.",
        id="reach-zero-base",
    ),
    pytest.param(
        lambda: rk.email_metrics([1, 2]),
        rk.DataValidationError,
        "email_metrics нужна таблица (pandas DataFrame), по строке на рассылку, а передан list; "
        "для отдельных чисел вызовите rk.open_rate(opened=..., delivered=...) и функции других "
        "показателей.",
        "email_metrics needs a table (a pandas DataFrame) with one row per campaign, got list; "
        "for single numbers call rk.open_rate(opened=..., delivered=...) and the other rates "
        "instead.",
        id="email-metrics-not-a-table",
    ),
    pytest.param(
        lambda: rk.email_metrics(
            pd.DataFrame({"delivered": [100], "opened": [10.5], "clicked": [1]}),
            unsubscribed=None,
        ),
        rk.InvalidCountError,
        "opened должно быть целым числом клиентов, получено 10,5; в числе клиентов не бывает "
        "дробей (может быть, передан коэффициент?).",
        "opened must be a whole number of customers, got 10.5; counts of customers cannot have "
        "fractions (did you pass a rate?).",
        id="email-metrics-fractional-opened",
    ),
    pytest.param(
        lambda: rk.nps([10, 9, 11]),
        rk.InvalidScoreError,
        "в scores на позиции 2 стоит 11, а ответы NPS — целые числа от 0 до 10.",
        "scores has 11 at position 2: NPS answers are whole numbers from 0 to 10.",
        id="nps-out-of-scale",
    ),
    pytest.param(
        lambda: rk.nps([10, 7.5]),
        rk.InvalidScoreError,
        "в scores на позиции 1 стоит 7,5, а ответы NPS — целые числа от 0 до 10.",
        "scores has 7.5 at position 1: NPS answers are whole numbers from 0 to 10.",
        id="nps-fraction",
    ),
    pytest.param(
        lambda: rk.nps("9, 10"),
        rk.InvalidScoreError,
        "scores (оценки NPS): нужны числа от 0 до 10, а передан текст '9, 10'.",
        "scores must be numbers from 0 to 10, got the text '9, 10'.",
        id="nps-text",
    ),
    pytest.param(
        lambda: rk.nps([]),
        rk.InvalidScoreError,
        "scores (оценки NPS) пуст: для NPS нужен хотя бы один ответ.",
        "scores is empty: NPS needs at least one answer.",
        id="nps-empty",
    ),
    pytest.param(
        lambda: rk.nps([9, "ten"]),
        rk.InvalidScoreError,
        "в scores на позиции 1 не число: 'ten'. Оценки NPS — целые числа от 0 до 10.",
        "scores has a value that is not a number at position 1: 'ten'. NPS scores are whole "
        "numbers from 0 to 10.",
        id="nps-not-a-number",
    ),
    pytest.param(
        lambda: rk.nps_breakdown([9, None]),
        rk.InvalidScoreError,
        "в scores на позиции 1 нет ответа; сначала удалите строки без ответа (например, "
        "scores.dropna()).",
        "scores has a missing answer at position 1; drop unanswered rows first (e.g. "
        "scores.dropna()).",
        id="nps-breakdown-missing",
    ),
    pytest.param(
        lambda: rk.nps(pd.DataFrame({"score": [9]})),
        rk.InvalidScoreError,
        "scores (оценки NPS): нужен один столбец ответов, а передан DataFrame; передайте "
        "столбец, например nps(survey['score']).",
        "scores must be one column of answers, got a DataFrame; pass the column, e.g. "
        "nps(survey['score']).",
        id="nps-dataframe",
    ),
    # the intervals check their counts with the same helpers: one language per message
    pytest.param(
        lambda: rk.nps_interval(60, 20, 50),
        rk.InconsistentCountsError,
        "promoters + detractors=80 больше, чем total=50: промоутеры и критики — части всех "
        "ответов, поэтому вместе их не может быть больше.",
        "promoters + detractors=80 is more than total=50: promoters and detractors are parts of "
        "all answers, so together they cannot be more.",
        id="nps-interval-more-than-total",
    ),
    pytest.param(
        lambda: rk.wilson_interval(12, 10),
        rk.InconsistentCountsError,
        "successes=12 больше, чем trials=10: successes — это клиенты из числа trials, поэтому их "
        "не может быть больше. Проверьте, не перепутаны ли аргументы.",
        "successes=12 is more than trials=10: successes counts customers among the trials, so it "
        "cannot be larger. Check that the two arguments are not swapped.",
        id="wilson-more-successes",
    ),
    pytest.param(
        lambda: rk.wilson_interval([1, 2], [3, 4, 5]),
        rk.InvalidParameterError,
        "у successes и trials должна быть одна длина, а получены (2,) и (3,).",
        "successes and trials must have the same length, got (2,) and (3,).",
        id="wilson-lengths",
    ),
    # stats.py: the confidence level and the shapes of the counts
    pytest.param(
        lambda: rk.wilson_interval(12, 50, confidence=95),
        rk.InvalidParameterError,
        "confidence (уровень доверия) должен быть строго между 0 и 1, а получено 95 (передайте "
        "долю: 0.95, а не 95).",
        "confidence must be strictly between 0 and 1, got 95 (give a fraction: 0.95, not 95).",
        id="wilson-confidence-in-percent",
    ),
    pytest.param(
        lambda: rk.nps_interval(50, 20, 100, confidence=0),
        rk.InvalidParameterError,
        "confidence (уровень доверия) должен быть строго между 0 и 1, а получено 0.",
        "confidence must be strictly between 0 and 1, got 0.",
        id="nps-interval-confidence-zero",
    ),
    pytest.param(
        lambda: rk.two_proportion_test(30, 100, 20, 100, confidence="high"),
        rk.InvalidParameterError,
        "confidence (уровень доверия) должен быть долей от 0 до 1, например 0.95, а получено "
        "'high'.",
        "confidence must be a fraction between 0 and 1 such as 0.95, got 'high'.",
        id="test-confidence-text",
    ),
    pytest.param(
        lambda: rk.two_proportion_test([30, 40], [100, 100], [20, 25, 30], [100, 100, 100]),
        rk.InvalidParameterError,
        "у чисел групп a и b должна быть одна длина (по паре на строку), а получены (2,) и (3,).",
        "the a and b counts must have the same length (one pair per row), got (2,) and (3,).",
        id="test-lengths",
    ),
    pytest.param(
        lambda: rk.two_proportion_test([[30]], [[100]], [[20]], [[100]]),
        rk.InvalidParameterError,
        "числа должны быть отдельными числами или одномерными массивами (по паре групп на "
        "строку), а получена форма (1, 1).",
        "the counts must be numbers or one-dimensional (one pair of groups per row), got the "
        "shape (1, 1).",
        id="test-two-dimensional",
    ),
    # profit.py: the inputs of the retention profit model
    pytest.param(
        lambda: rk.retention_projection(100, 1.5, 12, 10),
        rk.InvalidCountError,
        "monthly_retention=1,5: нужна доля от 0 до 1 (0.9, если каждый месяц остаётся 90 % "
        "клиентов).",
        "monthly_retention=1.5 must be a fraction between 0 and 1 (0.9 for 90 % of customers "
        "kept each month).",
        id="projection-retention-above-one",
    ),
    pytest.param(
        lambda: rk.retention_projection(100, 0.9, 2400, 10),
        rk.InvalidParameterError,
        f"months=2{NBSP}400: нужно целое число месяцев от 1 до 1{NBSP}200 (100 лет), например "
        "months=12; модель считает удержание одинаковым каждый месяц, а дальше нескольких лет "
        "такой прогноз всё равно мало что говорит.",
        "months=2400 must be a whole number of months from 1 to 1,200 (100 years), e.g. "
        "months=12; the model assumes the same retention every month, which says little beyond "
        "a few years anyway.",
        id="projection-too-many-months",
    ),
    pytest.param(
        lambda: rk.retention_projection(100, 0.9, 12, np.inf),
        rk.InvalidCountError,
        "monthly_profit_per_customer (прибыль с клиента за месяц) должно быть конечным числом, "
        "получено inf.",
        "monthly_profit_per_customer must be finite, got inf.",
        id="projection-infinite-profit",
    ),
    pytest.param(
        lambda: rk.retention_projection([100, 200], 0.9, 12, 10),
        rk.InvalidParameterError,
        "start_customers должно быть одним числом, а получено значений: 2; вызовите функцию "
        "отдельно для каждого сценария.",
        "start_customers must be a single number, got 2 values; call the function once per "
        "scenario.",
        id="projection-two-scenarios",
    ),
    pytest.param(
        lambda: rk.retention_uplift(
            0.8, 5, start_customers=100, months=12, monthly_profit_per_customer=10
        ),
        rk.InvalidParameterError,
        "base_retention + uplift = 0,8 + 5 = 5,8 — вне диапазона 0–1; прирост uplift задаётся "
        "в пунктах, записанных долей (0.05 превращает 0.80 в 0.85).",
        "base_retention + uplift = 0.8 + 5 = 5.8 is outside 0-1; the uplift is in points as a "
        "fraction (0.05 turns 0.80 into 0.85).",
        id="uplift-in-percent",
    ),
    # benchmarks.py and definitions.py
    pytest.param(
        lambda: rk.compare_to_benchmarks(30),
        rk.InvalidCountError,
        "crr=30: нужна доля от 0 до 1 (0.3 для 30 %).",
        "crr=30 must be a fraction between 0 and 1 (0.3 for 30 %).",
        id="benchmarks-crr-in-percent",
    ),
    pytest.param(
        lambda: rk.compare_to_benchmarks([0.3, 0.4]),
        rk.InvalidCountError,
        "crr должно быть одним числом (долей, например 0.3), а получено значений: 2; вызывайте "
        "compare_to_benchmarks для каждого коэффициента отдельно.",
        "crr must be one number (a fraction such as 0.3), got 2 values; call "
        "compare_to_benchmarks once per rate.",
        id="benchmarks-two-rates",
    ),
    pytest.param(
        lambda: rk.load_benchmarks(42),
        rk.DataValidationError,
        "path=42 — не файл; укажите путь к CSV-файлу со столбцами segment и crr (доля: 0.3 для "
        "30 %).",
        "path=42 is not a file; give the path of a CSV file with the columns segment and crr (a "
        "fraction, 0.3 for 30 %).",
        id="benchmarks-path-not-a-file",
    ),
    pytest.param(
        lambda: rk.retention_definitions(
            pd.DataFrame({"c": ["a"], "t": ["2024-01-05"]}), customer="c", time="t", max_age=-1
        ),
        rk.InvalidParameterError,
        "max_age=-1: укажите целое число периодов, не меньше 0, например max_age=12.",
        "max_age=-1: give a whole number of periods >= 0, e.g. max_age=12.",
        id="definitions-negative-age",
    ),
    # the column checker (core/columns.py): the message a student meets most often
    pytest.param(
        lambda: rk.load_transactions(_SHOP, customer="customerid", time="InvoiceDate"),
        rk.MissingColumnError,
        "customer='customerid': в таблице нет столбца 'customerid'. Возможно, вы имели в виду "
        "'CustomerID'? Столбцы таблицы: ['CustomerID', 'InvoiceDate']. Укажите в customer= "
        "один из них.",
        "customer='customerid': the table has no column 'customerid'. Did you mean "
        "'CustomerID'? The table's columns are ['CustomerID', 'InvoiceDate']. Pass customer= "
        "one of them.",
        id="columns-missing-argument-column",
    ),
    pytest.param(
        lambda: rk.load_transactions(_SHOP, customer="CustomerID", time=None),
        rk.InvalidParameterError,
        "time=None: аргумент time= обязателен; укажите название одного из столбцов таблицы: "
        "['CustomerID', 'InvoiceDate'].",
        "time=None: time= is required; pass the name of one of the table's columns "
        "['CustomerID', 'InvoiceDate'].",
        id="columns-required-argument-none",
    ),
    pytest.param(
        lambda: rk.load_transactions(_SHOP, customer=["CustomerID"], time="InvoiceDate"),
        rk.InvalidParameterError,
        "customer=['CustomerID'] — не название столбца; укажите текстом один из столбцов "
        "таблицы: ['CustomerID', 'InvoiceDate'].",
        "customer=['CustomerID'] is not a column name; give one of the table's columns as text: "
        "['CustomerID', 'InvoiceDate'].",
        id="columns-list-as-name",
    ),
    pytest.param(
        lambda: rk.pooled_rate(_SHOP),
        rk.MissingColumnError,
        "pooled_rate нужен столбец 'age', а в таблице его нет. Столбцы таблицы: ['CustomerID', "
        "'InvoiceDate']. Передайте результат rk.cohort_table(...).",
        "pooled_rate needs the column 'age', which the table does not have. The table's columns "
        "are ['CustomerID', 'InvoiceDate']. Pass the result of rk.cohort_table(...).",
        id="columns-pooled-rate-not-a-cohort-table",
    ),
    pytest.param(
        lambda: require_columns(_SHOP, ["Revenue"]),
        rk.MissingColumnError,
        "этой функции нужен столбец 'Revenue', а в таблице его нет. Столбцы таблицы: "
        "['CustomerID', 'InvoiceDate']. Укажите названия своих столбцов, например "
        "customer='CustomerID', time='InvoiceDate'.",
        "this function needs the column 'Revenue', which the table does not have. The table's "
        "columns are ['CustomerID', 'InvoiceDate']. Pass your own column names, e.g. "
        "customer='CustomerID', time='InvoiceDate'.",
        id="columns-no-caller-named",
    ),
    pytest.param(
        lambda: require_columns([1, 2], ["segment"], needed_by="load_benchmarks"),
        rk.DataValidationError,
        "load_benchmarks нужна таблица (pandas DataFrame), а передан list.",
        "load_benchmarks needs a table (a pandas DataFrame), got list.",
        id="columns-not-a-table",
    ),
]


@pytest.mark.parametrize(("call", "error", "russian", "english"), CASES)
def test_the_error_is_russian_in_russian_mode(call, error, russian, english):
    rk.set_language("ru")
    with pytest.raises(error, match=re.escape(russian)) as caught:
        call()
    assert str(caught.value) == russian


@pytest.mark.parametrize(("call", "error", "russian", "english"), CASES)
def test_the_same_call_in_english_mode_gives_the_english_message(call, error, russian, english):
    with pytest.raises(error, match=re.escape(english)) as caught:
        call()
    assert str(caught.value) == english


def test_switching_back_restores_english():
    rk.set_language("ru")
    with pytest.raises(rk.InvalidCountError, match="целым числом клиентов, получено 0,96"):
        rk.crr(start=0.96, new=6, lost=2)
    rk.set_language("en")
    with pytest.raises(rk.InvalidCountError, match=r"^start must be a whole number") as caught:
        rk.crr(start=0.96, new=6, lost=2)
    assert not re.search("[а-яё]", str(caught.value), flags=re.IGNORECASE)


def test_the_error_classes_are_the_same_in_both_languages():
    # code that catches rk.InconsistentCountsError (or ValueError) works in either language
    for language in ("en", "ru"):
        rk.set_language(language)
        with pytest.raises(ValueError, match="lost=60") as caught:
            rk.crr(start=50, new=6, lost=60)
        assert type(caught.value) is rk.InconsistentCountsError


def test_every_error_text_has_both_languages_and_the_same_placeholders():
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert len(_messages.MESSAGES) >= 50  # the metrics' errors alone are more than 30
    for key in _messages.MESSAGES:
        versions = i18n._TEXTS[key]
        assert versions["en"] == key
        ru = versions["ru"]
        assert ru and ru != key, key
        assert re.search("[а-яё]", ru), key
        assert fields(ru) == fields(key), key


@pytest.mark.parametrize(
    ("value", "english", "russian"),
    [
        (0.96, "0.96", "0,96"),
        (7200, "7200", f"7{NBSP}200"),
        (12345.5, "12345.5", f"12{NBSP}345,5"),
        (-2.5, "-2.5", "-2,5"),
        (0, "0", "0"),
        (float("inf"), "inf", "inf"),
    ],
)
def test_numbers_in_messages_follow_the_language(value, english, russian):
    assert _error_texts.num(value) == english
    rk.set_language("ru")
    assert _error_texts.num(value) == russian


# ---- loading: the messages of reading a file and of checking its columns --------------------

_ACCEPTED_RU = (
    "pandas DataFrame, файл .csv / .csv.gz / .tsv, файл .parquet или папка с файлами .parquet, "
    "файл Excel .xlsx"
)
_ACCEPTED_EN = (
    "a pandas DataFrame, a .csv / .csv.gz / .tsv file, a .parquet file or a folder of .parquet "
    "files, or an Excel .xlsx file"
)


def _log(**columns):
    return pd.DataFrame({"id": [1, 2], **columns})


# (call, error class, Russian message, English message); the calls read files from the test's
# own folder (the working directory), so the file names in the messages are short
LOADING_CASES = [
    pytest.param(
        lambda: rk.read_table("no_such.csv"),
        rk.DataValidationError,
        "файл не найден: 'no_such.csv' (искали в папке {cwd!r}). Проверьте путь; подходят: "
        + _ACCEPTED_RU
        + ".",
        "file not found: 'no_such.csv' (looked in {cwd!r}). Check the path; accepted are "
        + _ACCEPTED_EN
        + ".",
        id="read-file-not-found",
    ),
    pytest.param(
        lambda: rk.read_table(_write("sales.json", "{}")),
        rk.DataValidationError,
        "не удаётся прочитать 'sales.json': расширение '.json' — не формат, который читает "
        "библиотека. Подходят: " + _ACCEPTED_RU + ".",
        "cannot read 'sales.json': the suffix '.json' is not a format this kit reads. Accepted "
        "are " + _ACCEPTED_EN + ".",
        id="read-unknown-suffix",
    ),
    pytest.param(
        lambda: rk.read_table(_write("sales.xls", "x")),
        rk.DataValidationError,
        "не удаётся прочитать 'sales.xls': расширение '.xls' — не формат, который читает "
        "библиотека (старый файл .xls откройте и сохраните как .xlsx или .csv). Подходят: "
        + _ACCEPTED_RU
        + ".",
        "cannot read 'sales.xls': the suffix '.xls' is not a format this kit reads (old .xls "
        "files: open and save as .xlsx or .csv). Accepted are " + _ACCEPTED_EN + ".",
        id="read-old-xls",
    ),
    pytest.param(
        lambda: rk.read_table(42),
        rk.DataValidationError,
        "не удаётся прочитать таблицу из int; подходят: " + _ACCEPTED_RU + ".",
        "cannot read a table from a int; give " + _ACCEPTED_EN + ".",
        id="read-not-a-path",
    ),
    pytest.param(
        lambda: rk.read_table(_write("sales.csv", "id,date\n1,2024-01-05\n2\n")),
        rk.DataValidationError,
        "строка 3 файла 'sales.csv' короче заголовка: в ней 1 поле, а в заголовке 2 ('2'). "
        "Одного поля не хватает, и столбцы после него прочитались бы пустыми. Исправьте строку "
        "(добавьте недостающее поле или разделители пустых полей) и прочитайте файл снова.",
        "line 3 of 'sales.csv' is ragged: it has 1 fields where the header has 2 ('2'). A field "
        "is missing there, so the columns after it would be read as empty. Fix the line (add the "
        "missing field or the separators of empty ones) and read the file again.",
        id="read-short-line",
    ),
    pytest.param(
        lambda: rk.read_table(_write("sales.csv", "id,date\n1,2024-01-05\n2,2024-02-01,7,8\n")),
        rk.DataValidationError,
        "строка 3 файла 'sales.csv' длиннее заголовка: в ней 4 поля, а в заголовке 2. "
        "Вероятно, какое-то значение содержит разделитель и не взято в кавычки; возьмите это "
        "значение в кавычки или уберите лишний разделитель и прочитайте файл снова.",
        "line 3 of 'sales.csv' is ragged: it has 4 fields where the header has 2. A value there "
        "probably holds the separator without quotes; quote that value or remove the extra "
        "separator, then read the file again.",
        id="read-long-line",
    ),
    pytest.param(
        lambda: rk.read_table("sales.csv", decimal=",,"),
        rk.InvalidParameterError,
        "decimal=',,': укажите один символ, '.' или ','.",
        "decimal=',,': give one character, '.' or ','.",
        id="read-decimal-two-characters",
    ),
    pytest.param(
        lambda: rk.load_transactions(
            _log(date=["05/01/2024", "03/02/2024"]), customer="id", time="date"
        ),
        rk.InvalidDateError,
        "столбец 'date' (time=): во всех датах и день, и месяц не больше 12 (например, строка 0: "
        "'05/01/2024'), поэтому любую из них можно прочитать и как «сначала день», и как "
        "«сначала месяц» (05/01/2024 — это 5 января или 1 мая), а библиотека не угадывает. "
        "Передайте dayfirst=True (сначала день: 31/12/2024), dayfirst=False (сначала месяц: "
        "12/31/2024) или точный формат, например date_format='%d/%m/%Y' (в CLI: --dayfirst / "
        "--date-format).",
        "column 'date' (time=): every date has day and month at most 12 (e.g. row 0: "
        "'05/01/2024'), so each could be day first or month first (05/01/2024 is 5 January or 1 "
        "May) and the kit does not guess. Pass dayfirst=True (day first, 31/12/2024), "
        "dayfirst=False (month first, 12/31/2024) or the exact format, e.g. "
        "date_format='%d/%m/%Y' (CLI: --dayfirst / --date-format).",
        id="dates-ambiguous-order",
    ),
    pytest.param(
        lambda: rk.load_transactions(
            _log(date=["23/02/2024", "02/23/2024"]), customer="id", time="date"
        ),
        rk.InvalidDateError,
        "в столбце 'date' (time=) есть и даты, где сначала день (строка 0: '23/02/2024'), и "
        "даты, где сначала месяц (строка 1: '02/23/2024'). До загрузки приведите столбец к "
        "одному порядку (надёжнее всего ISO: 2024-02-23).",
        "column 'date' (time=) has dates written day first (row 0: '23/02/2024') and month first "
        "(row 1: '02/23/2024'). Clean the column to one order (ISO 2024-02-23 is safest) before "
        "loading.",
        id="dates-two-orders",
    ),
    pytest.param(
        lambda: rk.load_transactions(
            _log(date=["2024-01-05", "hello"]), customer="id", time="date"
        ),
        rk.InvalidDateError,
        "в столбце 'date' (time=) есть значения, которые не являются датами (строка 1: "
        "'hello'). Исправьте или удалите эти строки либо укажите в time= нужный столбец.",
        "column 'date' (time=) has values that are not dates (row 1: 'hello'). Fix or drop those "
        "rows, or name the right column in time=.",
        id="dates-not-a-date",
    ),
    pytest.param(
        lambda: rk.load_transactions(_log(date=[20240105, 20240201]), customer="id", time="date"),
        rk.InvalidDateError,
        "в столбце 'date' (time=) записаны числа, а не даты (строка 0: 20240105). Если это метки "
        "времени Unix, сначала преобразуйте их: df['date'] = pd.to_datetime(df['date'], unit='s'); "
        "иначе укажите в time= столбец с датами.",
        "column 'date' (time=) holds numbers, not dates (row 0: 20240105). If they are Unix "
        "timestamps convert them first: df['date'] = pd.to_datetime(df['date'], unit='s'); "
        "otherwise name the date column in time=.",
        id="dates-numbers",
    ),
    pytest.param(
        lambda: rk.load_transactions(_log(date=["2024-01-05", None]), customer="id", time="date"),
        rk.InvalidDateError,
        "столбец 'date' (time=) пуст в 1 строке (например, строка 1); удалите или заполните эти "
        "строки до анализа.",
        "column 'date' (time=) is empty in 1 rows (e.g. row 1); drop or fill those rows before "
        "the analysis.",
        id="dates-empty",
    ),
    pytest.param(
        lambda: rk.load_transactions(
            _log(date=["2024-01-05", "2024-02-01"], paid=["5", "7 руб"]),
            customer="id",
            time="date",
            amount="paid",
        ),
        rk.InvalidAmountError,
        "в столбце 'paid' (amount=) есть значения, которые не являются числами (1 строка, "
        "например строка 1: '7 руб'). Уберите знаки валют и разделители тысяч и отделяйте "
        "дробную часть точкой (12.50, а не 12,50), например df['paid'].str.replace(',', '.')"
        ".astype(float); CSV-файл с десятичными запятыми читается с decimal=',' (в CLI: "
        "--decimal ,).",
        "column 'paid' (amount=) has values that are not numbers (1 rows, e.g. row 1: '7 руб'). "
        "Remove currency signs and thousands separators and use a decimal point (12.50, not "
        "12,50), e.g. df['paid'].str.replace(',', '.').astype(float); a CSV file written with "
        "decimal commas reads with decimal=',' (CLI: --decimal ,).",
        id="amounts-not-numbers",
    ),
    pytest.param(
        lambda: rk.load_transactions(
            _log(date=["2024-01-05", "2024-02-01"], paid=[5, 7]),
            customer="id",
            time="date",
            price="paid",
        ),
        rk.InvalidParameterError,
        "price='paid': нужен и quantity=, ведь сумма — это quantity x price.",
        "price='paid' needs quantity= too: the amount is quantity x price.",
        id="amounts-price-without-quantity",
    ),
    pytest.param(
        lambda: rk.load_transactions(
            _log(date=["2024-01-05", "2024-02-01"]).iloc[:0], customer="id", time="date"
        ),
        rk.EmptyDataError,
        "таблица пуста: анализировать нечего. Проверьте файл или фильтр, применённый раньше.",
        "the table has no rows: nothing to analyse. Check the file / the filter applied before.",
        id="table-no-rows",
    ),
    pytest.param(
        lambda: rk.load_transactions(
            _log(date=["2024-01-05", "2024-02-01"]), customer="id", time="date", duplicates="no"
        ),
        rk.InvalidParameterError,
        "duplicates='no': такого варианта нет; возможные значения: 'warn', 'drop', 'error', "
        "'keep'.",
        "duplicates='no' is not an option; use one of 'warn', 'drop', 'error', 'keep'.",
        id="option-unknown",
    ),
    pytest.param(
        lambda: rk.load_benchmarks(_write("mine.csv", "segment,crr\nMy shop,35%\n")),
        rk.InvalidCountError,
        "у ориентира 'My shop' crr='35%'; запишите коэффициент удержания клиентов долей от 0 до "
        "1 (0.3 для 30 %).",
        "benchmark 'My shop' has crr='35%'; write CRR as a fraction between 0 and 1 (0.3 for "
        "30 %).",
        id="benchmarks-own-csv-in-percent",
    ),
    pytest.param(
        lambda: rk.load_benchmarks(_write("mine.csv", "name,rate\nMy shop,0.35\n")),
        rk.MissingColumnError,
        "load_benchmarks нужен столбец 'segment', а в таблице его нет. Столбцы таблицы: "
        "['name', 'rate']. Добавьте их: segment (название сегмента) и crr (доля: 0.3 для 30 %).",
        "load_benchmarks needs the column 'segment', which the table does not have. The table's "
        "columns are ['name', 'rate']. Add them: segment (a name) and crr (a fraction, 0.3 for "
        "30 %).",
        id="benchmarks-own-csv-columns",
    ),
    pytest.param(
        lambda: rk.load_transactions(
            _log(date=["2024-01-05", "2024-02-01"]),
            customer="id",
            time="date",
            returns="drop",
            negative_amounts="drop",
        ),
        rk.InvalidParameterError,
        "укажите только returns= (negative_amounts= — его старое название), а не оба.",
        "give returns= only (negative_amounts= is its old name), not both.",
        id="option-returns-twice",
    ),
    pytest.param(
        lambda: rk.load_subscriptions(
            _log(start=["2024-01-05", "2024-03-01"], end=["2024-02-05", "2024-02-01"]),
            customer="id",
            start_time="start",
            end_time="end",
        ),
        rk.InvalidDateError,
        "1 подписка с окончанием раньше начала, например строка 1: start=2024-03-01 00:00:00, "
        "end=2024-02-01 00:00:00. Проверьте, не перепутаны ли столбцы и нет ли в строке ошибки "
        "ввода, и исправьте или удалите её.",
        "1 subscriptions end before they start, e.g. row 1: start=2024-03-01 00:00:00, "
        "end=2024-02-01 00:00:00. Check whether the two columns are swapped or the row is a "
        "data-entry error, and fix or drop it.",
        id="subscriptions-end-before-start",
    ),
    pytest.param(
        lambda: rk.load_subscriptions(
            _log(
                start=["2024-01-05 10:00+03:00", "2024-03-01 10:00+03:00"], end=["2024-02-05", None]
            ),
            customer="id",
            start_time="start",
            end_time="end",
        ),
        rk.InvalidDateError,
        "столбец 'start' (start_time=) в поясе UTC+03:00, а 'end' (end_time=) без часового "
        "пояса; передайте tz= (например, tz='UTC'), чтобы привести оба к одному часовому поясу.",
        "column 'start' (start_time=) is in UTC+03:00 but 'end' (end_time=) is naive; pass tz= "
        "(e.g. tz='UTC') to put both in one time zone.",
        id="subscriptions-zones-differ",
    ),
]


def _write(name: str, content: str) -> str:
    with open(name, "w", encoding="utf-8") as handle:
        handle.write(content)
    return name


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize(("call", "error", "russian", "english"), LOADING_CASES)
def test_loading_errors_follow_the_language(
    call, error, russian, english, language, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    expected = (russian if language == "ru" else english).replace("{cwd!r}", repr(str(tmp_path)))
    rk.set_language(language)
    with pytest.raises(error, match=re.escape(expected)) as caught:
        call()
    assert str(caught.value) == expected


def test_a_spreadsheet_export_is_announced_in_the_language(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _write("sales.csv", "id;date;paid\n1;2024-01-05;1 234,50\n2;2024-02-01;7,5\n")
    rk.set_language("ru")
    with pytest.warns(rk.DataQualityWarning) as caught:
        table = rk.read_table("sales.csv")
    found = (
        "поля разделены символом ';'; десятичная запятая в столбце 'paid' ('1 234,50' прочитано "
        "как 1234,5)"
    )
    assert [str(w.message) for w in caught] == [
        f"файл 'sales.csv' прочитан как выгрузка из Excel или другой электронной таблицы: "
        f"{found}. Если что-то определено неверно, передайте sep=, decimal=, encoding= (в CLI: "
        "--sep, --decimal, --encoding)."
    ]
    assert table.attrs["retention_kit"]["notes"] == [f"файл 'sales.csv' прочитан так: {found}"]
    assert table["paid"].tolist() == [1234.5, 7.5]
    rk.set_language("en")
    with pytest.warns(rk.DataQualityWarning) as caught:
        table = rk.read_table("sales.csv")
    found = "fields separated by ';'; decimal comma in column 'paid' ('1 234,50' read as 1234.5)"
    assert [str(w.message) for w in caught] == [
        f"read 'sales.csv' as a spreadsheet export: {found}. If that is wrong, pass sep=, "
        "decimal=, encoding= (CLI: --sep, --decimal, --encoding)."
    ]
    assert table.attrs["retention_kit"]["notes"] == [f"read 'sales.csv': {found}"]


def test_a_date_order_read_off_the_values_is_announced_in_the_language():
    log = _log(date=["23/02/2024", "05/01/2024"])
    rk.set_language("ru")
    with pytest.warns(rk.DataQualityWarning) as caught:
        rk.load_transactions(log, customer="id", time="date")
    assert [str(w.message) for w in caught] == [
        "столбец 'date' прочитан так: сначала день (дд/мм/гггг), как показывает строка 0: "
        "'23/02/2024'; чтобы прочитать иначе, передайте dayfirst=False или date_format=."
    ]
    rk.set_language("en")
    with pytest.warns(rk.DataQualityWarning) as caught:
        rk.load_transactions(log, customer="id", time="date")
    assert [str(w.message) for w in caught] == [
        "column 'date' read day first (dd/mm/yyyy), as row 0: '23/02/2024' shows; pass "
        "dayfirst=False or date_format= to read it otherwise."
    ]
