"""day_n_explorer: the method dropdown and the day slider change the displayed rate."""

from __future__ import annotations

import pandas as pd

import retention_kit as rk

# times in UTC; Moscow = UTC+3. u1 signs up Monday 2024-03-11 23:59 Moscow and comes back a
# minute later (the article 001 pitfall); u2, u3 sign up mid-day; u4 keeps the data going.
LOG = pd.DataFrame(
    {
        "user_id": ["u1", "u1", "u2", "u2", "u3", "u3", "u4", "u4"],
        "event_time": pd.to_datetime(
            [
                "2024-03-11 20:59",
                "2024-03-11 21:00",
                "2024-03-11 09:00",
                "2024-03-12 10:00",
                "2024-03-11 12:00",
                "2024-03-14 12:00",
                "2024-03-11 08:00",
                "2024-03-20 08:00",
            ],
            utc=True,
        ),
    }
)


def _rolling(log: pd.DataFrame, n: int) -> float:
    """Independent: share of users with an event in [t0 + n days, t0 + (n + 1) days)."""
    t0 = log.groupby("user_id")["event_time"].transform("min")
    delta = log["event_time"] - t0
    hit = (delta >= pd.Timedelta(days=n)) & (delta < pd.Timedelta(days=n + 1))
    return log.loc[hit, "user_id"].nunique() / log["user_id"].nunique()


def _calendar(log: pd.DataFrame, n: int, tz: str) -> float:
    local = log["event_time"].dt.tz_convert(tz).dt.normalize()
    d0 = local.groupby(log["user_id"]).transform("min")
    hit = (local - d0) == pd.Timedelta(days=n)
    return log.loc[hit, "user_id"].nunique() / log["user_id"].nunique()


def test_rolling_and_calendar_day_1_match_hand_counts():
    app = rk.widgets.day_n_explorer(
        LOG, customer="user_id", time="event_time", tz="Europe/Moscow", max_day=7
    )
    assert app.controls["method"].value == "rolling" and app.controls["day"].value == 1
    assert rk.percent(_rolling(LOG, 1)) in app.outputs["rate"].value  # only u2: 1 of 4
    assert "1 retained of 4 eligible users" in app.outputs["interval"].value
    app.controls["method"].value = "calendar"
    expected = _calendar(LOG, 1, "Europe/Moscow")  # u1 (a minute later) and u2: 2 of 4
    assert expected == 0.5
    assert rk.percent(expected) in app.outputs["rate"].value


def test_the_day_slider_and_the_unbounded_method():
    app = rk.widgets.day_n_explorer(LOG, customer="user_id", time="event_time", max_day=7)
    app.controls["day"].value = 3
    assert rk.percent(_rolling(LOG, 3)) in app.outputs["rate"].value  # u3
    assert "day-3" in app.outputs["rate"].value
    app.controls["method"].value = "unbounded"
    # day 3 or later: u3 (day 3) and u4 (day 9) of the 4 users
    assert rk.percent(2 / 4) in app.outputs["rate"].value
    legend = [t.get_text() for t in app.figure.axes[0].get_legend().get_texts()]
    assert len(legend) == 3


def test_the_input_is_not_modified():
    before = LOG.copy(deep=True)
    rk.widgets.day_n_explorer(LOG, customer="user_id", time="event_time", max_day=3)
    pd.testing.assert_frame_equal(LOG, before)
