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
            "E − N = 54 − 6 = 48 customers were kept; divide by the 50 at the start.",
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
            "(36 − 15) / 50 = ?",
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
            "Kept = 210 − 150 = 60 of 200, so how many of the 200 were lost?",
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
            "E / S = 210 / 200. Can a share of the start customers really be above 100 %?",
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
            "Kept = 120 − 27. Divide by the 120 at the start.",
        ),
    ),
]
