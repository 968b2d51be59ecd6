"""Exercises of notebook 05 (day-N retention): computed with the kit from the app sample."""

from __future__ import annotations

import pandas as pd

from . import Exercise


def _events() -> pd.DataFrame:
    from ..datasets import load_sample

    return load_sample("app_events")


def _midnight(events: pd.DataFrame) -> pd.DataFrame:
    """The users who signed up in a 23:59 minute, Moscow time (article 001's pitfall)."""
    local = events["signup_time"].dt.tz_convert("Europe/Moscow")
    return events[local.dt.strftime("%H:%M") == "23:59"]


def _day(events: pd.DataFrame, day: int, method: str, tz: str | None, column: str) -> float:
    from ..day_n import day_n_retention

    table = day_n_retention(
        events, customer="user_id", time="event_time", days=[day], method=method, tz=tz
    )
    return float(table[column].iloc[0])


EXERCISES = [
    Exercise(
        id="05.1",
        question="App sample, all users: what is day-7 retention with 24-hour windows (rolling)?",
        expected=lambda: _day(_events(), 7, "rolling", None, "rate"),
        hints=(
            "rk.day_n_retention(events, customer='user_id', time='event_time', days=[7], "
            "method='rolling').",
            "Read the `rate` column: retained / eligible users.",
        ),
    ),
    Exercise(
        id="05.2",
        question=(
            "The users who signed up at 23:59 Moscow time: how many of them count as retained on "
            "day 1 with 24-hour windows (rolling)?"
        ),
        expected=lambda: _day(_midnight(_events()), 1, "rolling", None, "retained"),
        kind="number",
        tolerance=0.5,
        hints=(
            "Use the `midnight` table of the notebook and method='rolling', days=[1].",
            "Read the `retained` column (a count of users, not a rate).",
        ),
    ),
    Exercise(
        id="05.3",
        question=("All users, calendar days counted in UTC (tz='UTC'): what is day-1 retention?"),
        expected=lambda: _day(_events(), 1, "calendar", "UTC", "rate"),
        hints=(
            "method='calendar', tz='UTC', days=[1].",
            "Compare with the same call in tz='Europe/Moscow': the time zone moves midnight.",
        ),
    ),
]
