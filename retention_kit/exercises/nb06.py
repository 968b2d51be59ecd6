"""Exercises of notebook 06 (benchmarks)."""

from __future__ import annotations

from . import Exercise

OWN_CRR = 0.82  # illustrative yearly CRR of a subscription business (exercise 06.2)
CHOICES_06_3 = (
    "the app keeps its users worse than the average online shop keeps its customers",
    "the app keeps its users better than the average online shop",
    "the two numbers cannot be compared: different period lengths and definitions",
)
CHOICES_06_3_RU = (
    "приложение удерживает пользователей хуже, чем средний интернет-магазин — клиентов",
    "приложение удерживает пользователей лучше, чем средний интернет-магазин",
    "эти числа нельзя сравнивать: разные периоды и разные определения",
)


def _benchmark(segment: str) -> float:
    from ..benchmarks import load_benchmarks

    table = load_benchmarks()
    return float(table.loc[table["segment"] == segment, "crr"].iloc[0])


def _owox_gap() -> float:
    # article 000, OWOX part: the 50 / 15 / 36 example against the eCommerce average
    from ..metrics.crr import crr

    return crr(start=50, new=15, end=36) - _benchmark("eCommerce (average)")


def _rows_beaten() -> int:
    from ..benchmarks import compare_to_benchmarks

    return int(compare_to_benchmarks(OWN_CRR)["above"].sum())


EXERCISES = [
    Exercise(
        id="06.1",
        question=(
            "The weaker example of article 000 (OWOX part, January-April 2020) has start 50, "
            "new 15, end 36. By how "
            "many points is its CRR above or below the eCommerce average benchmark? Give the "
            "difference CRR − benchmark as a fraction (0.05 = 5 points) or with a % sign."
        ),
        expected=_owox_gap,
        hints=(
            "Compute the CRR first: (E − N) / S. Then look up the eCommerce row of "
            "rk.load_benchmarks().",
            "Difference = your CRR − benchmark CRR, in percentage points; a positive number "
            'means above. Type it with its sign, e.g. "+3 points" or -0.03.',
        ),
        question_ru=(
            "Более слабый пример статьи 000 (часть OWOX, январь–апрель 2020): на начало 50, "
            "новых 15, на конец 36. На сколько процентных пунктов его CRR выше или ниже "
            "среднего для eCommerce? Дайте разность CRR − бенчмарк долей (0.05 = 5 п.п.) или "
            'в п.п. ("+5 п.п.").'
        ),
        hints_ru=(
            "Сначала CRR: (E − N) / S. Затем строка eCommerce в rk.load_benchmarks().",
            "Разность = ваш CRR − CRR бенчмарка, в процентных пунктах; плюс — выше. Вводите со "
            'знаком, например "+3 п.п." или -0.03.',
        ),
    ),
    Exercise(
        id="06.2",
        question=(
            f"Illustrative: a subscription business has a yearly CRR of {OWN_CRR:.0%}. In how "
            "many rows of the sources' benchmark table is it at or above the benchmark's CRR?"
        ),
        expected=_rows_beaten,
        kind="number",
        tolerance=0,
        unit="rows",
        hints=(
            "rk.compare_to_benchmarks(crr) adds a column `above` for every row.",
            "The answer is a count of rows, not a share. For the target row, which figure "
            "counts: 85 % or the 90 % to aim for?",
        ),
        question_ru=(
            f"Условно: у подписочного бизнеса CRR за год {OWN_CRR * 100:.0f} %. В скольких "
            "строках таблицы бенчмарков из статей он не ниже CRR бенчмарка?"
        ),
        hints_ru=(
            "rk.compare_to_benchmarks(crr) добавляет к каждой строке столбец `above`.",
            "Ответ — число строк, а не доля. Для строки цели какое число считается: 85 % или "
            "90 %, к которым стоит стремиться?",
        ),
    ),
    Exercise(
        id="06.3",
        question=(
            "A mobile app's day-30 retention is 25 % (illustrative); the eCommerce average CRR in "
            "the table is 30 %. Which conclusion is right? "
            + " ".join(f"{chr(97 + i)}) {c}." for i, c in enumerate(CHOICES_06_3))
        ),
        expected=lambda: CHOICES_06_3[2],
        kind="choice",
        choices=CHOICES_06_3,
        hints=(
            "Ask what each number measures: over which period, and who counts as a customer.",
            "Whose return does day-30 retention count, and whose does a shop's CRR count? "
            "Over how long?",
        ),
        question_ru=(
            "Удержание 30-го дня мобильного приложения — 25 % (условно); средний CRR "
            "eCommerce в таблице — 30 %. Какой вывод верен? "
            + " ".join(f"{chr(97 + i)}) {c}." for i, c in enumerate(CHOICES_06_3_RU))
        ),
        hints_ru=(
            "Спросите, что измеряет каждое число: за какой период и кто считается клиентом.",
            "Чьё возвращение считает удержание 30-го дня, а чьё — CRR магазина? За какой срок?",
        ),
        choices_ru=CHOICES_06_3_RU,
    ),
]
