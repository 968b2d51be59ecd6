"""day_n_retention at the end of the data (pandas path), worked by hand.

Written against mutmut survivors in day_n.py: a user whose day N ends exactly when observation
ends is eligible (the day is fully observed), one whose day N ends a second later is not; a
naive observed_until on zoned data is wall-clock time of the data's zone.
"""

from __future__ import annotations

import pandas as pd
import pytest

import retention_kit as rk

MSK = "Europe/Moscow"


def _log(tz=None):
    t = pd.to_datetime(
        [
            "2024-03-04 10:00:00",  # u1 arrives
            "2024-03-05 12:00:00",  # u1 back on calendar day 1 (and within 24-48 h)
            "2024-03-04 10:00:01",  # u2 arrives a second later
            "2024-03-05 12:00:00",  # u2 back too
        ]
    )
    if tz:
        t = t.tz_localize(tz)
    return pd.DataFrame({"u": ["u1", "u1", "u2", "u2"], "t": t})


@pytest.mark.parametrize("tz", [None, MSK])
def test_rolling_day_ending_exactly_at_observation_end_is_eligible(tz):
    # u1's day 1 is [Mar 5 10:00, Mar 6 10:00): over exactly at observed_until; u2's a second later
    r = rk.day_n_retention(
        _log(tz),
        customer="u",
        time="t",
        days=[1],
        method="rolling",
        observed_until="2024-03-06 10:00",
    ).iloc[0]
    assert (r["users"], r["retained"]) == (1, 1)
    assert not r["complete"]


@pytest.mark.parametrize("tz", [None, MSK])
def test_calendar_day_ending_exactly_at_observation_end_is_eligible(tz):
    # calendar day 1 of both users is 5 March, over at 6 March 00:00 (wall-clock of the data)
    r = rk.day_n_retention(
        _log(tz),
        customer="u",
        time="t",
        days=[1],
        method="calendar",
        observed_until="2024-03-06",
    ).iloc[0]
    assert (r["users"], r["retained"]) == (2, 2) and r["complete"]
    r = rk.day_n_retention(
        _log(tz),
        customer="u",
        time="t",
        days=[1],
        method="calendar",
        observed_until="2024-03-05 23:59:59",
    ).iloc[0]
    assert r["users"] == 0 and pd.isna(r["rate"])
