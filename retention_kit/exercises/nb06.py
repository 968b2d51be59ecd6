"""Exercises of notebook 06 (benchmarks)."""

from __future__ import annotations

from . import Exercise

OWN_CRR = 0.82  # illustrative yearly CRR of a subscription business (exercise 06.2)
CHOICES_06_3 = (
    "the app keeps its users worse than the average online shop keeps its customers",
    "the app keeps its users better than the average online shop",
    "the two numbers cannot be compared: different period lengths and definitions",
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
            "Difference = your CRR − benchmark CRR; a positive number means above.",
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
            "Count the rows where `above` is True (the target row compares with its 85 %).",
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
            "Day-30 retention of new users and a shop's CRR over a longer period are "
            "different measurements.",
        ),
    ),
]
