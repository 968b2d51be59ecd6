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
            'Either the fraction (0.something) or the string "..%" is accepted.',
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
            "CRR = (E − N) / S: the customers kept, divided by the customers at the start.",
        ),
    ),
]
