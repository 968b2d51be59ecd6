"""Exercises of notebook 03 (retention from raw data): computed with the kit from the samples."""

from __future__ import annotations

import pandas as pd

from . import Exercise


def _row(month: str, active_days: int = 90) -> pd.Series:
    from ..datasets import load_sample
    from ..periods import period_table

    table = period_table(
        load_sample("shop_transactions"),
        customer="customer_id",
        time="order_time",
        freq="M",
        active_days=active_days,
    )
    return table.loc[table["period"] == pd.Timestamp(month)].iloc[0]


EXERCISES = [
    Exercise(
        id="03.1",
        question=(
            "Shop sample, monthly periods, 90-day activity window: what is the CRR of March 2024?"
        ),
        expected=lambda: float(_row("2024-03-01")["crr"]),
        hints=(
            "rk.period_table(orders, customer='customer_id', time='order_time', freq='M', "
            "active_days=90), then the row whose period is 2024-03-01.",
            "CRR = (E − N) / S of that row (the `crr` column).",
        ),
    ),
    Exercise(
        id="03.2",
        question=(
            "Same table (monthly, 90-day window): how many customers were lost (L) in May 2024?"
        ),
        expected=lambda: int(_row("2024-05-01")["lost"]),
        kind="number",
        tolerance=0.5,
        hints=(
            "Lost = active at the start of May (bought in the 90 days before 1 May) but not "
            "at the start of June. Read the `lost` column of the 2024-05-01 row.",
            "Check: S + N − L = E holds in that row.",
        ),
    ),
    Exercise(
        id="03.3",
        question=(
            "Now with a 30-day activity window (active_days=30): what is the CRR of March 2024?"
        ),
        expected=lambda: float(_row("2024-03-01", active_days=30)["crr"]),
        hints=(
            "Same call as in 03.1 with active_days=30.",
            "A shorter window counts fewer customers as still there: expect a lower CRR.",
        ),
    ),
]
