"""period_explorer: setting the controls in Python recomputes the displayed CRR and table."""

from __future__ import annotations

import pandas as pd

import retention_kit as rk

LOG = pd.DataFrame(
    {
        "customer_id": ["a", "b", "c", "a", "d", "b", "e", "a", "c"],
        "order_time": pd.to_datetime(
            [
                "2024-01-05",
                "2024-01-20",
                "2024-01-25",
                "2024-02-10",
                "2024-02-15",
                "2024-03-02",
                "2024-03-20",
                "2024-03-25",
                "2024-03-28",
            ]
        ),
    }
)


def _active(log: pd.DataFrame, t: pd.Timestamp, days: int) -> set:
    """Independent definition: customers with an order in [t - days, t)."""
    window = log[(log["order_time"] >= t - pd.Timedelta(days=days)) & (log["order_time"] < t)]
    return set(window["customer_id"])


def _expected_last(log: pd.DataFrame, p: str, p_next: str, days: int) -> tuple[int, int, int]:
    s = _active(log, pd.Timestamp(p), days)
    e = _active(log, pd.Timestamp(p_next), days)
    new = e - s
    return len(s), len(new), len(e)


def test_monthly_crr_of_the_last_period_matches_a_hand_count():
    app = rk.widgets.period_explorer(LOG, customer="customer_id", time="order_time")
    app.controls["freq"].value = "M"
    app.controls["active_days"].value = 30
    s, n, e = _expected_last(LOG, "2024-03-01", "2024-04-01", 30)
    expected = rk.percent((e - n) / s)
    assert app.error.value == ""
    assert expected in app.outputs["crr"].value
    assert "2024-03-01" in app.outputs["crr"].value
    assert f"S = {s}," in app.outputs["crr"].value and f"E = {e}" in app.outputs["crr"].value
    assert f">{expected}</td>" in app.outputs["table"].value


def test_moving_the_window_and_the_period_recomputes():
    app = rk.widgets.period_explorer(LOG, customer="customer_id", time="order_time")
    app.controls["active_days"].value = 45
    s, n, e = _expected_last(LOG, "2024-03-01", "2024-04-01", 45)
    assert rk.percent((e - n) / s) in app.outputs["crr"].value
    app.controls["freq"].value = "W"  # the last week starts Monday 2024-03-25
    s, n, e = _expected_last(LOG, "2024-03-25", "2024-04-01", 45)
    assert "2024-03-25" in app.outputs["crr"].value
    assert rk.percent((e - n) / s) in app.outputs["crr"].value
    assert app.figure is not None and app.figure.axes[0].get_title()


def test_the_input_is_not_modified():
    before = LOG.copy(deep=True)
    app = rk.widgets.period_explorer(LOG, customer="customer_id", time="order_time")
    app.controls["freq"].value = "Q"
    pd.testing.assert_frame_equal(LOG, before)
