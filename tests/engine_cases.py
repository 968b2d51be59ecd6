"""What the engine tests share (tests/test_backends.py, tests/test_postgres.py): the comparison,
the generated logs with their edge cases, and the one place where a call's spelling differs."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import strategies as st

import retention_kit as rk

SHOP = dict(customer="customer_id", time="order_time")
APP = dict(customer="user_id", time="event_time")


def same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """The engine's table equals the pandas reference's (values, columns, order)."""
    pd.testing.assert_frame_equal(
        a.reset_index(drop=True),
        b.reset_index(drop=True),
        check_dtype=False,
        check_exact=False,
        rtol=1e-9,
    )


def day_n(data, *, customer: str, **kwargs) -> pd.DataFrame:
    """``rk.day_n_retention`` with the customer column by keyword. The one place to change
    when the argument is renamed from ``user=`` to ``customer=``."""
    return rk.day_n_retention(data, customer=customer, **kwargs)


# generated logs with the edge cases: one-event customers, events exactly on period and day
# boundaries, tz-aware times (and, when asked, sub-second times)
BOUNDARIES = pd.to_datetime(
    [
        "2024-01-01",
        "2024-02-01",
        "2024-03-01",
        "2024-03-31 23:59:59",
        "2024-04-01",
        "2024-01-31 23:59:59",
    ],
    format="ISO8601",
)


@st.composite
def logs(draw, subsecond: bool = False):
    n = draw(st.integers(1, 60))
    customers = draw(st.lists(st.integers(1, 12), min_size=n, max_size=n))
    on_boundary = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    seconds = draw(st.lists(st.integers(0, 120 * 86400), min_size=n, max_size=n))
    picks = draw(st.lists(st.integers(0, len(BOUNDARIES) - 1), min_size=n, max_size=n))
    micros = (
        draw(st.lists(st.integers(0, 999_999), min_size=n, max_size=n)) if subsecond else [0] * n
    )
    base = pd.Timestamp("2024-01-01")
    times = [
        BOUNDARIES[p] if b else base + pd.Timedelta(seconds=s, microseconds=u)
        for b, s, p, u in zip(on_boundary, seconds, picks, micros, strict=True)
    ]
    amounts = draw(st.lists(st.integers(1, 500), min_size=n, max_size=n))
    df = pd.DataFrame(
        {
            "c": customers,
            "t": pd.to_datetime(times),
            "a": np.array(amounts, float),
            "g": [f"g{c % 3}" for c in customers],
        }
    )
    if draw(st.booleans()):
        df["t"] = df["t"].dt.tz_localize("Europe/Moscow")
    return df
