"""Exercises of notebook 00 (Start here): warm-ups that teach how answers are typed."""

from __future__ import annotations

from . import Exercise


def _target_crr() -> float:
    # the minimum target CRR of article 002, from the kit's benchmark table
    from ..benchmarks import load_benchmarks

    table = load_benchmarks()
    return float(table.loc[table["source"] == "002", "crr"].iloc[0])


_MEANINGS = (
    "96 of every 100 customers at the start were still customers at the end",
    "the shop has 96 customers",
    "96 new customers came during the period",
)
_MEANINGS_RU = (
    "из каждых 100 клиентов на начало периода 96 остались клиентами на его конец",
    "у магазина 96 клиентов",
    "за период пришли 96 новых клиентов",
)

EXERCISES = [
    Exercise(
        id="00.1",
        question=(
            "Warm-up on the answer format: article 002 says a company should keep at least 85 % "
            "of its customers. Type that target the way the kit reads rates: as a fraction or "
            "as a string with a percent sign (try the plain number 85 too and read the reply)."
        ),
        expected=_target_crr,
        hints=(
            "The kit works in fractions: 50 % is 0.5. Or type a string with a % sign.",
            'Either the fraction (0.something) or the string "..%" is accepted; a plain 85 '
            "would mean 8500 %.",
        ),
        question_ru=(
            "Разминка на формат ответа: статья 002 говорит, что компании стоит удерживать не "
            "менее 85 % клиентов. Введите эту цель так, как библиотека читает коэффициенты: "
            "долей или строкой со знаком процента (попробуйте и просто число 85 — и прочитайте "
            "ответ)."
        ),
        hints_ru=(
            "Библиотека работает с долями: 50 % — это 0.5. Или введите строку со знаком %.",
            'Подойдёт доля (0,что-то) или строка "..%"; просто 85 означало бы 8500 %.',
        ),
    ),
    Exercise(
        id="00.2",
        question=(
            "What does a CRR of 0.96 (96 %) for a period mean? "
            + "; ".join(f"{letter}) {text}" for letter, text in zip("abc", _MEANINGS, strict=True))
            + "."
        ),
        expected=lambda: _MEANINGS[0],
        kind="choice",
        choices=_MEANINGS,
        hints=(
            "CRR is a share, not a count: a share of which customers?",
            "Look at the denominator of CRR = (E − N) / S: which group is the 100 %?",
        ),
        question_ru=(
            "Что означает коэффициент удержания клиентов (CRR) 0,96 (96 %) за период? "
            + "; ".join(
                f"{letter}) {text}" for letter, text in zip("abc", _MEANINGS_RU, strict=True)
            )
            + "."
        ),
        hints_ru=(
            "CRR — доля, а не количество: доля каких клиентов?",
            "Посмотрите на знаменатель CRR = (E − N) / S: какая группа — это 100 %?",
        ),
        choices_ru=_MEANINGS_RU,
    ),
]
