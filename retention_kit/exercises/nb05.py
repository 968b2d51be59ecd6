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


def _midnight_gap() -> int:
    # the 23:59 users counted on day 1 by Moscow calendar days but not by 24-hour windows
    midnight = _midnight(_events())
    calendar = _day(midnight, 1, "calendar", "Europe/Moscow", "retained")
    rolling = _day(midnight, 1, "rolling", None, "retained")
    return int(round(calendar - rolling))


EXERCISES = [
    Exercise(
        id="05.1",
        question="App sample, all users: what is day-7 retention with 24-hour windows (rolling)?",
        expected=lambda: _day(_events(), 7, "rolling", None, "rate"),
        hints=(
            "rk.day_n_retention(events, customer='user_id', time='event_time', days=[7], "
            "method='rolling').",
            "The rate is over the eligible users only: those whose whole day 7 is inside the "
            "data. Why not divide by all users?",
        ),
        question_ru=(
            "Данные приложения, все пользователи: каково удержание 7-го дня в 24-часовых окнах "
            "(rolling)?"
        ),
        hints_ru=(
            "rk.day_n_retention(events, customer='user_id', time='event_time', days=[7], "
            "method='rolling').",
            "Доля считается только среди пользователей, чей 7-й день целиком есть в данных. "
            "Почему не среди всех?",
        ),
    ),
    Exercise(
        id="05.2",
        question=(
            "The users who signed up at 23:59 Moscow time: how many MORE of them count as "
            "retained on day 1 with calendar days in Moscow time than with 24-hour windows "
            "(rolling)? That gap is article 001's distortion, in users."
        ),
        expected=_midnight_gap,
        kind="number",
        tolerance=0.5,
        unit="users",
        hints=(
            "Use the `midnight` table of the notebook twice: method='calendar' with "
            "tz='Europe/Moscow', and method='rolling', both with days=[1].",
            "Compare the `retained` counts (users, not rates). Which method counts a return a "
            "minute after midnight as day 1?",
        ),
        question_ru=(
            "Пользователи, зарегистрировавшиеся в 23:59 по Москве: на сколько БОЛЬШЕ из них "
            "считаются удержанными на 1-й день по календарным дням московского времени, чем в "
            "24-часовых окнах (rolling)? Эта разница — искажение из статьи 001, в "
            "пользователях."
        ),
        hints_ru=(
            "Возьмите таблицу `midnight` из блокнота дважды: method='calendar' с "
            "tz='Europe/Moscow' и method='rolling', оба с days=[1].",
            "Сравните столбец `retained` (пользователи, не доли). Какой метод засчитывает "
            "возвращение через минуту после полуночи как 1-й день?",
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
        question_ru=(
            "Все пользователи, календарные дни по UTC (tz='UTC'): каково удержание 1-го дня?"
        ),
        hints_ru=(
            "method='calendar', tz='UTC', days=[1].",
            "Сравните с тем же вызовом при tz='Europe/Moscow': часовой пояс сдвигает полночь.",
        ),
    ),
]
