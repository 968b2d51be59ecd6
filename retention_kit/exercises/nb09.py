"""Exercises of notebook 09 (your data): computed with the kit from the shop sample, with the
notebook's default parameters."""

from __future__ import annotations

from . import Exercise


def _orders():
    from ..datasets import load_sample

    return load_sample("shop_transactions")


def _median_monthly_crr() -> float:
    import pandas as pd

    from ..periods import period_table

    orders = _orders()
    periods = period_table(
        orders, customer="customer_id", time="order_time", freq="M", active_days=90
    )
    # warm-up: periods starting less than one 90-day window after the first order are left out
    steady = periods[periods["period"] >= orders["order_time"].min() + pd.Timedelta(days=90)]
    return float(steady["crr"].median())


def _largest_segment() -> int:
    from ..rfm import rfm_segments, rfm_table

    rfm = rfm_table(
        _orders(), customer="customer_id", time="order_time", amount="amount", order="order_id"
    )
    return int(rfm_segments(rfm)["customers"].max())


EXERCISES = [
    Exercise(
        id="09.1",
        question=(
            "Shop sample, default settings (monthly periods, 90-day activity window): what is "
            "the median monthly CRR over the periods after the warm-up (starting at least 90 "
            "days after the first order)?"
        ),
        expected=_median_monthly_crr,
        hints=(
            "Run the notebook with DATA_PATH = None: section 8 prints the number.",
            "Keep the periods with period >= first order + 90 days, then take the median of "
            "their crr column.",
        ),
    ),
    Exercise(
        id="09.2",
        question=(
            "Shop sample: how many customers are in the largest RFM segment (by number of "
            "customers)?"
        ),
        expected=_largest_segment,
        kind="number",
        tolerance=0.5,
        unit="customers",
        hints=(
            "The segment table `segments` (section 6) has a `customers` column.",
            "Take the largest value of that column: it is not the first row (the table is "
            "sorted by money).",
        ),
    ),
]
