"""Day-N retention: the share of users who come back on day N after their first event.

Three definitions are in use, and they give different numbers on the same data; always say
which one a figure uses (article 001 warns about calendar days). t0 = the user's first event,
D = 24 hours:

- ``"rolling"``: returned on day N = an event in ``[t0 + N·D, t0 + (N+1)·D)`` (Amplitude /
  Mixpanel "24-hour windows"). Every user gets the same amount of time.
- ``"calendar"``: an event on the calendar date ``date(t0) + N`` in time zone ``tz``. Pitfall:
  100 users who arrive Monday 23:59 and come back one minute later (00:00 Tuesday) are all
  "day-1 retained", while someone arriving at 00:01 needs to come back within 24 hours to
  count as day 0 -- late-evening signups inflate day 1.
- ``"unbounded"``: an event at or after ``t0 + N·D`` ("on day N or later"); it can only
  decrease with N and is the gentlest of the three.

A user counts for day N only when the observation covers their whole day N (eligibility): the
end of observation (``observed_until=``, default: the data's last event) is at or after the end
of that day. They are reported as ``users``; a row is ``complete`` when every user of the row
is eligible (more data cannot change it).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .core.engines import run_on_engine, wants_engine
from .core.ids import by_codes, customer_codes, first_rows
from .core.periods import as_timestamp, end_of_observation
from .core.tables import day_n_table_from_counts
from .errors import InvalidParameterError
from .loading import prepare_transactions

__all__ = ["day_n_retention", "METHODS"]

METHODS = ("rolling", "calendar", "unbounded")
MAX_DAY = 36_500  # 100 years: a later day only overflows the timestamp arithmetic


def _check_days(days: int | Iterable[int]) -> list[int]:
    values = [days] if isinstance(days, (int, np.integer)) else days
    try:
        out = list(values)
    except TypeError:
        raise InvalidParameterError(
            f"days must be a whole number or a list of them such as (1, 7, 30), got {days!r}."
        ) from None
    if not out:
        raise InvalidParameterError("days is empty; pass the days to measure, e.g. (1, 7, 30).")
    for d in out:
        if isinstance(d, bool) or not isinstance(d, (int, np.integer)) or not 0 <= d <= MAX_DAY:
            raise InvalidParameterError(
                f"days must hold whole numbers from 0 (the first day) to {MAX_DAY:,} (100 "
                f"years), got {d!r} in {days!r}."
            )
    return [int(d) for d in out]


def _check_tz(tz: Any) -> Any:
    if tz is None:
        return None
    try:
        pd.Timestamp("2000-01-01").tz_localize(tz)
    except Exception:  # noqa: BLE001 - pytz/zoneinfo raise various classes
        raise InvalidParameterError(
            f"tz={tz!r} is not a time zone this kit can use; pass an IANA name such as "
            "'Europe/Moscow', 'UTC' or 'America/New_York'."
        ) from None
    return tz


def _data_zone(data: Any, time: str) -> Any:
    """The time zone of a pandas time column (None for naive times or other inputs)."""
    if isinstance(data, pd.DataFrame) and isinstance(time, str) and time in data.columns:
        return getattr(getattr(data[time], "dt", None), "tz", None)
    return None


def day_n_retention(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    days: int | Iterable[int] = (1, 7, 14, 30),
    method: str = "rolling",
    tz: Any = None,
    by: str | None = None,
    observed_until: Any = None,
    backend: Any = None,
) -> pd.DataFrame:
    """Day-N retention: ``rate = retained / users`` for each N in ``days``.

    ``users`` = users whose whole day N is covered by the observation, which ends at
    ``observed_until`` (default: the data's last event; a date before it raises
    :class:`InvalidParameterError`); ``retained`` = those of them who returned on day N,
    where (t0 = the user's first event, D = 24 h):

    - ``method="rolling"`` (default): an event in ``[t0 + N·D, t0 + (N+1)·D)``;
    - ``method="calendar"``: an event on the date ``date(t0) + N``, dates taken in time zone
      ``tz`` (tz-aware data is converted to ``tz``, or kept in its own zone when ``tz`` is
      None; naive times are taken as already local and ``tz`` does not shift them). Pitfall
      (article 001): users arriving Monday 23:59 who come back at 00:00 count as day-1
      retained after one minute, so calendar day 1 is inflated by late arrivals;
    - ``method="unbounded"``: any event at or after ``t0 + N·D`` (day N or later).

    ``by`` names a column (signup date, channel, platform...): its value on the user's first
    event splits the result (missing values -> "(none)").

    Returns columns (``by``,) ``day``, ``users``, ``retained``, ``rate``, ``rate_low``,
    ``rate_high`` (Wilson 95 %), ``complete``; ``rate`` is NaN when no user is eligible yet.
    ``complete`` is True when every user (of the ``by`` group) is eligible: the rate then
    covers everybody and cannot change with more data; False means the most recent users are
    not counted yet (the rate covers the ``users`` whose day N is over).

    >>> ev = pd.DataFrame({"u": [1, 1, 2, 2, 3],
    ...     "t": pd.to_datetime(["2024-03-04 23:59", "2024-03-05 00:00", "2024-03-04 10:00",
    ...                          "2024-03-05 11:00", "2024-03-08 00:00"])})
    >>> t = day_n_retention(ev, customer="u", time="t", days=[1], method="rolling")
    >>> t[["users", "retained"]].values
    array([[2, 1]])
    >>> t = day_n_retention(ev, customer="u", time="t", days=[1], method="calendar")
    >>> t[["users", "retained"]].values
    array([[2, 2]])
    >>> t["complete"].tolist()  # user 3 arrived at the very end: their day 1 is not observed
    [False]
    """
    if not isinstance(method, str) or method not in METHODS:
        raise InvalidParameterError(
            f"method={method!r} is not a day-N method; use 'rolling' (24-hour windows from the "
            "user's first event), 'calendar' (calendar dates in time zone tz) or 'unbounded' "
            "(any event on day N or later)."
        )
    day_list = _check_days(days)
    tz = _check_tz(tz)
    if wants_engine(data, backend):
        zone = _data_zone(data, time)
        if observed_until is not None and zone is not None:
            # the engine sees wall-clock times of another zone (UTC, or tz): fix the instant here
            observed_until = as_timestamp(observed_until, "observed_until", zone)
        return run_on_engine(
            "day_n_retention",
            data,
            backend,
            customer=customer,
            time=time,
            days=day_list,
            method=method,
            by=by,
            observed_until=observed_until,
            # calendar days are counted on the wall clock of tz; 24-hour windows on UTC
            wall_clock_zone=tz if method == "calendar" else "UTC",
        )
    extra = (by,) if by is not None and by not in (customer, time) else ()
    df = prepare_transactions(data, customer=customer, time=time, extra=extra)
    times = df[time]
    unit = getattr(times.dt, "unit", "ns")
    day_len = int(np.timedelta64(1, "D").astype(f"timedelta64[{unit}]").astype("int64"))
    data_tz = getattr(times.dt, "tz", None)

    codes, ids = customer_codes(df[customer])
    ncust = len(ids)
    t = np.asarray(times.array.asi8, dtype="int64")  # instants (UTC for tz-aware data)
    first_row = first_rows(codes, t, ncust)
    t0 = t[first_row]
    end = end_of_observation(times.max(), observed_until, data_tz)
    t_end = int(end.as_unit(unit).asm8.view("i8"))  # UTC for a zoned end, as t

    if method == "calendar":
        if data_tz is not None:
            local = times.dt.tz_convert(tz) if tz is not None else times
            wall = np.asarray(local.dt.tz_localize(None).array.asi8, dtype="int64")
        else:
            wall = t  # naive times: already local wall-clock time
        day_no = wall // day_len  # local calendar day number of each event
        day0 = day_no[first_row]
        k = day_no - day0[codes]  # calendar days since the user's first date
        local_end = end.tz_convert(tz) if data_tz is not None and tz is not None else end
        if local_end.tzinfo is not None:
            local_end = local_end.tz_localize(None)
        wall_end = int(local_end.as_unit(unit).asm8.view("i8"))

        def eligible(n: int) -> np.ndarray:
            # date day0 + N ends at the next local midnight, (day0 + N + 1) * D
            return (day0 + n + 1) * day_len <= wall_end

    else:
        k = (t - t0[codes]) // day_len  # whole 24-hour windows since the first event

        def eligible(n: int) -> np.ndarray:
            return t0 + (n + 1) * day_len <= t_end

    if method == "unbounded":
        last_k = np.full(ncust, -1, dtype="int64")
        np.maximum.at(last_k, codes, k)

    if by is not None:
        codes_by, labels = by_codes(df[by])
        group = codes_by[first_row].astype("int64")
        ngroup = len(labels)
    else:
        group = np.zeros(ncust, dtype="int64")
        ngroup = 1

    users, retained = [], []
    for n in day_list:
        ok = eligible(n)
        if method == "unbounded":
            back = last_k >= n
        else:
            back = np.zeros(ncust, dtype=bool)
            back[codes[k == n]] = True
        users.append(np.bincount(group, weights=ok, minlength=ngroup))
        retained.append(np.bincount(group, weights=ok & back, minlength=ngroup))
    # rows: group-major, then day (users[i] holds day i for every group)
    users_arr = np.stack(users, axis=1).reshape(-1)
    retained_arr = np.stack(retained, axis=1).reshape(-1)
    return day_n_table_from_counts(
        day_list,
        users_arr,
        retained_arr,
        by=by,
        labels=labels if by is not None else None,
        group_users=np.bincount(group, minlength=ngroup),
    )
