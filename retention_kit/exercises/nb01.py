"""Exercises of notebook 01 (Customer Retention Rate): the sources' worked examples."""

from __future__ import annotations

from . import Exercise


def _crr(start: int, new: int, end: int) -> float:
    # computed with the kit, from the sources' counts (article 000)
    from ..metrics.crr import crr

    return crr(start=start, new=new, end=end)


EXERCISES = [
    Exercise(
        id="01.1",
        question=(
            "January to April 2020 (article 000, OWOX part): 50 customers at the start, 6 new, "
            "54 at the end. What is the CRR?"
        ),
        expected=lambda: _crr(50, 6, 54),
        hints=(
            "CRR = (E − N) / S: first take the new customers away from the end count.",
            "The numerator counts only customers who were there at the start and are still "
            "there at the end. Which of the three numbers is the 100 %?",
        ),
        question_ru=(
            "Январь–апрель 2020 года (статья 000, часть OWOX): на начало 50 клиентов, новых 6, "
            "на конец 54. Каков коэффициент удержания клиентов (CRR)?"
        ),
        hints_ru=(
            "CRR = (E − N) / S: сначала вычтите новых клиентов из числа клиентов на конец.",
            "В числителе — только те, кто был на начало и остался на конец. Какое из трёх "
            "чисел — это 100 %?",
        ),
    ),
    Exercise(
        id="01.2",
        question=(
            "Same shop and months, a worse scenario (article 000, OWOX part): start 50, new 15, "
            "end 36. "
            "What is the CRR?"
        ),
        expected=lambda: _crr(50, 15, 36),
        hints=(
            "Subtract the 15 new customers from the 36 at the end before dividing.",
            "More new customers and fewer at the end than in 01.1: expect a CRR far below "
            "96 %. Divide the kept customers by the start count, not by the end count.",
        ),
        question_ru=(
            "Тот же магазин и те же месяцы, сценарий хуже (статья 000, часть OWOX): на начало 50, "
            "новых 15, на конец 36. Каков CRR?"
        ),
        hints_ru=(
            "Вычтите 15 новых клиентов из 36 на конец, прежде чем делить.",
            "Новых больше, а на конец меньше, чем в 01.1: CRR будет намного ниже 96 %. Делите "
            "удержанных на число клиентов на начало, а не на конец.",
        ),
    ),
    Exercise(
        id="01.3",
        question=(
            "One year (article 000, SendPulse part): start 200, new 150, end 210. "
            "What is the churn rate?"
        ),
        expected=lambda: 1 - _crr(200, 150, 210),
        hints=(
            "Churn = 1 − CRR. Compute the CRR first: (E − N) / S.",
            "Churn is the share of the 200 start customers who are gone; most of the 210 at "
            "the end are new, so expect a large churn.",
        ),
        question_ru=(
            "Один год (статья 000, часть SendPulse): на начало 200, новых 150, на конец 210. "
            "Каков коэффициент оттока клиентов?"
        ),
        hints_ru=(
            "Отток = 1 − CRR. Сначала посчитайте CRR: (E − N) / S.",
            "Отток — доля ушедших из 200 клиентов на начало; большинство из 210 на конец — "
            "новые, так что отток будет большим.",
        ),
    ),
]


def _end_over_start(start: int, new: int, end: int) -> float:
    # the classic mistake: the new customers are not subtracted (validated by the kit first)
    from ..metrics.crr import retained_customers

    retained_customers(start=start, new=new, end=end)
    return end / start


EXERCISES += [
    Exercise(
        id="01.4",
        question=(
            "The classic mistake. A colleague computes 'retention' for the one-year example "
            "(article 000, SendPulse part: start 200, new 150, end 210) as end / start, "
            "forgetting to subtract the new customers. What number do they report?"
        ),
        expected=lambda: _end_over_start(200, 150, 210),
        hints=(
            "Do exactly what the colleague did: divide E by S, without taking N away.",
            "There are more customers at the end than at the start: what does that do to a "
            "ratio of the two? Can a share of the start customers really be above 100 %?",
        ),
        question_ru=(
            "Классическая ошибка. Коллега считает «удержание» для примера за год (статья 000, "
            "часть SendPulse: на начало 200, новых 150, на конец 210) как конец / начало, "
            "забыв вычесть новых клиентов. Какое число он покажет?"
        ),
        hints_ru=(
            "Сделайте ровно то, что сделал коллега: разделите E на S, не вычитая N.",
            "Клиентов на конец больше, чем на начало: что это значит для их отношения? Может ли "
            "доля клиентов на начало быть больше 100 %?",
        ),
    ),
    Exercise(
        id="01.5",
        question=(
            "Illustrative numbers (not from the sources): a shop starts the month with 120 "
            "customers, gains 30 new ones and loses 27. You know L, not E. What is the CRR? "
            "(Use rk.crr(start=..., new=..., lost=...) or the calculator.)"
        ),
        expected=lambda: _crr(120, 30, 120 + 30 - 27),
        hints=(
            "With the lost customers known, CRR = (S − L) / S: the new ones do not matter.",
            "The new customers were never in S, so they can neither be kept nor lost: "
            "leave the 30 out entirely.",
        ),
        question_ru=(
            "Условные числа (не из статей): магазин начинает месяц со 120 клиентами, "
            "получает 30 новых и теряет 27. Известно L, а не E. Каков CRR? "
            "(rk.crr(start=..., new=..., lost=...) или калькулятор.)"
        ),
        hints_ru=(
            "Когда известны ушедшие клиенты, CRR = (S − L) / S: новые не важны.",
            "Новых клиентов не было в S, их нельзя ни удержать, ни потерять: 30 в расчёт не "
            "входят совсем.",
        ),
    ),
]
