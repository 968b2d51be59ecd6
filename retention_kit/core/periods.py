"""Period arithmetic: one helper per job, shared by the pandas analyses and the engines.

Periods are numbered by integer ordinals equal to pandas' ``Period.ordinal`` (consecutive periods
differ by exactly 1), on wall-clock time: a tz-aware column is taken in its own zone. Also here:
the one parser for date arguments (``as_of=``, ``since=``, ``until=``, ``observed_until=``), the
one check of ``active_days=``, and the end of observation with what it means for a period
(:func:`end_of_observation`, :func:`periods_complete`, :func:`period_coverage`).
"""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InvalidParameterError

# user-facing name -> pandas Period frequency
_FREQS = {
    "D": "D",
    "day": "D",
    "daily": "D",
    "W": "W-SUN",
    "week": "W-SUN",
    "weekly": "W-SUN",  # periods ending Sunday = weeks starting Monday
    "W-SUN": "W-SUN",  # already normalised
    "M": "M",
    "month": "M",
    "monthly": "M",
    "Q": "Q",
    "quarter": "Q",
    "quarterly": "Q",
    "Y": "Y",
    "A": "Y",
    "year": "Y",
    "yearly": "Y",
    "annual": "Y",
}

#: pandas Period frequency -> the word for one period ("month"), in the order shown to users
FREQ_NAMES = {"D": "day", "W-SUN": "week", "M": "month", "Q": "quarter", "Y": "year"}


def normalize_freq(freq: str) -> str:
    """Return the pandas Period frequency for a user-facing ``freq`` ("M", "month", ...)."""
    key = freq if freq in _FREQS else str(freq).strip().lower()
    if key not in _FREQS:
        key = str(freq).strip().upper()
    if key not in _FREQS:
        raise InvalidParameterError(
            f"freq={freq!r} is not a period this kit knows; use one of "
            "'D' (day), 'W' (week, Monday to Sunday), 'M' (month), 'Q' (quarter), 'Y' (year)."
        )
    return _FREQS[key]


def period_start(times: pd.Series, freq: str) -> pd.Series:
    """The first instant of the period each timestamp falls in (time zone kept)."""
    pfreq = normalize_freq(freq)
    tz = getattr(times.dt, "tz", None)
    naive = times.dt.tz_localize(None) if tz is not None else times
    starts = naive.dt.to_period(pfreq).dt.start_time
    starts = starts.astype(naive.dtype) if starts.dtype != naive.dtype else starts
    return starts.dt.tz_localize(tz) if tz is not None else starts


def period_index(times: pd.Series, freq: str) -> np.ndarray:
    """Integer ordinal of each timestamp's period: consecutive periods differ by exactly 1."""
    pfreq = normalize_freq(freq)
    tz = getattr(times.dt, "tz", None)
    naive = times.dt.tz_localize(None) if tz is not None else times
    return naive.dt.to_period(pfreq).array.asi8


def ordinal_to_start(
    ordinals: np.ndarray, freq: str, tz=None, unit: str = "ns"
) -> pd.DatetimeIndex:
    """Inverse of :func:`period_index`: period ordinals -> first instant of each period."""
    pfreq = normalize_freq(freq)
    idx = pd.PeriodIndex.from_ordinals(np.asarray(ordinals, dtype="int64"), freq=pfreq)
    starts = idx.start_time.as_unit(unit)
    return starts.tz_localize(tz) if tz is not None else starts


def wall_ints(times: pd.Series) -> tuple[np.ndarray, str, Any]:
    """Wall-clock times as int64 in the column's own unit, the unit, and the time zone."""
    tz = getattr(times.dt, "tz", None)
    naive = times.dt.tz_localize(None) if tz is not None else times
    arr = naive.to_numpy()
    unit = np.datetime_data(arr.dtype)[0]
    return arr.view("i8"), unit, tz


def wall_ordinals(times: pd.Series, freq: str) -> np.ndarray:
    """Period ordinal of each timestamp on wall-clock time (= ``pd.Period(t, freq).ordinal``).

    Days and weeks come straight from the integer time (no Period objects: the fast path for
    big logs); months, quarters and years from :func:`period_index`.
    """
    pfreq = normalize_freq(freq)
    if pfreq not in ("D", "W-SUN"):
        return period_index(times, pfreq)
    ints, unit, _ = wall_ints(times)
    days = ints // int(np.timedelta64(1, "D") // np.timedelta64(1, unit))
    if pfreq == "D":
        return days
    return (days + 3) // 7 + 1  # 1970-01-01 is a Thursday, in week ordinal 1 (Mon 1969-12-29 ..)


def wall_ordinal(ts: pd.Timestamp, pfreq: str) -> int:
    """The period ordinal of one timestamp, on its wall-clock time."""
    naive = ts.tz_localize(None) if ts.tzinfo is not None else ts
    return int(naive.to_period(pfreq).ordinal)


def as_timestamp(value: Any, name: str, tz: Any) -> pd.Timestamp:
    """A date argument (``as_of=``, ``since=``...) as a Timestamp in the data's time zone ``tz``.

    A naive date is taken as wall-clock time of ``tz``; a zoned date is converted to it. Data
    without a zone accepts only naive dates (there is nothing to convert to).
    """
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError):
        ts = pd.NaT
    if pd.isna(ts):
        raise InvalidParameterError(
            f"{name}={value!r} is not a date; give one like {name}='2024-01-01' or a pd.Timestamp."
        )
    try:
        ts.as_unit("ns")  # the analyses compute in nanoseconds: 1677-09-22 to 2262-04-11
    except (OverflowError, pd.errors.OutOfBoundsDatetime):
        raise InvalidParameterError(
            f"{name}={value!r} is outside the dates the kit computes with (1678 to 2261); "
            f"give a date near your data, e.g. {name}='2024-01-01'."
        ) from None
    if tz is not None:
        return ts.tz_localize(tz) if ts.tzinfo is None else ts.tz_convert(tz)
    if ts.tzinfo is not None:
        raise InvalidParameterError(
            f"{name}={value!r} has a time zone but the data's times have none; pass a date "
            f"without a zone, e.g. {name}='{ts.tz_localize(None).date()}'."
        )
    return ts


MAX_ACTIVE_DAYS = 36_500


def check_active_days(active_days: Any) -> float:
    """``active_days`` as a float, or :class:`InvalidParameterError` saying what to pass."""
    ok = isinstance(active_days, numbers.Real) and not isinstance(active_days, bool)
    # below 100 years: a larger window only overflows the timestamp arithmetic
    if ok and 0 < active_days < MAX_ACTIVE_DAYS:  # False for NaN and inf too
        return float(active_days)
    raise InvalidParameterError(
        f"active_days={active_days!r}: it must be a positive number of days below "
        f"{MAX_ACTIVE_DAYS:,} (100 years), e.g. "
        "active_days=90 (a customer counts as active at an instant when they bought in the "
        "90 days before it). Pick it from how often your customers normally buy."
    )


def activity_window(active_days: float) -> pd.Timedelta:
    """The activity window of ``active_days`` days, to the microsecond.

    ``pd.Timedelta(days=0.3)`` is 7:11:59.999999999 (the float 0.3 is a hair below 3/10), one
    nanosecond short of 7.2 hours; rounding to the microsecond (as Python's ``timedelta``
    does) gives the window the user asked for, the same on pandas and on every engine.

    >>> activity_window(0.3)
    Timedelta('0 days 07:12:00')
    """
    return pd.Timedelta(days=check_active_days(active_days)).round("us")


def boundaries(ord0: int, ord1: int, pfreq: str, tz: Any, unit: str) -> pd.DatetimeIndex:
    """First instants of periods ord0 .. ord1 + 1 (K + 1 boundaries for K periods)."""
    ords = np.arange(ord0, ord1 + 2, dtype="int64")
    starts = pd.PeriodIndex.from_ordinals(ords, freq=pfreq).start_time.as_unit(unit)
    if tz is not None:  # midnight can be skipped or doubled by a DST change in a few zones
        starts = starts.tz_localize(
            tz, ambiguous=np.ones(len(starts), dtype=bool), nonexistent="shift_forward"
        )
    return starts


def period_range(
    lo_ts: pd.Timestamp, hi_ts: pd.Timestamp, since: Any, until: Any, pfreq: str, tz: Any
) -> tuple[int, int]:
    """First and last period ordinal: those of ``since`` / ``until`` when given, else of the
    data's first / last instant."""
    ord0 = wall_ordinal(lo_ts, pfreq)
    ord1 = wall_ordinal(hi_ts, pfreq)
    if since is not None:
        ord0 = wall_ordinal(as_timestamp(since, "since", tz), pfreq)
    if until is not None:
        ord1 = wall_ordinal(as_timestamp(until, "until", tz), pfreq)
    if ord1 < ord0:
        raise InvalidParameterError(
            f"the period range is empty: since={since!r} is after until={until!r} (or after the "
            "last event). Give since <= until."
        )
    return ord0, ord1


# --------------------------------------------------------------------------- end of observation


def end_of_observation(last_event: pd.Timestamp, value: Any, tz: Any = None) -> pd.Timestamp:
    """When observation of a log ends: ``value`` (``observed_until=``) as a Timestamp in the
    data's zone ``tz``, or the log's last event when ``value`` is None.

    A value before the last event is refused: observation cannot end before the data does (an
    event after it would lie in a period called "not observed yet").

    >>> end_of_observation(pd.Timestamp("2011-12-09 12:50"), None)
    Timestamp('2011-12-09 12:50:00')
    >>> end_of_observation(pd.Timestamp("2011-12-09 12:50"), "2012-01-01")
    Timestamp('2012-01-01 00:00:00')
    """
    last_event = pd.Timestamp(last_event)
    if value is None:
        return last_event
    ts = as_timestamp(value, "observed_until", tz)
    if ts < last_event:
        raise InvalidParameterError(
            f"observed_until={value!r} is before the last event of the data ({last_event}); "
            "observation cannot end before the data does. Leave it out (observation then ends "
            "at the last event) or give the instant the export was taken, e.g. "
            f"observed_until='{(last_event.normalize() + pd.Timedelta(days=1)).date()}'."
        )
    return ts


def periods_complete(bounds: pd.DatetimeIndex, until: pd.Timestamp) -> np.ndarray:
    """True for each period ``[bounds[k], bounds[k + 1])`` that ended by ``until``: the instant
    that closes it (the next period's start) is within the observed time, ``<= until``.

    >>> b = pd.DatetimeIndex(["2024-01-01", "2024-02-01", "2024-03-01"])
    >>> periods_complete(b, pd.Timestamp("2024-02-10")).tolist()
    [True, False]
    >>> periods_complete(b, pd.Timestamp("2024-03-01")).tolist()
    [True, True]
    """
    return np.asarray(bounds[1:] <= until, dtype=bool)


def first_open_ordinal(until: pd.Timestamp, pfreq: str) -> int:
    """The ordinal of the first period that has not ended by ``until``: a period ``o`` is
    complete exactly when ``o < first_open_ordinal(until, pfreq)`` (its end, the next period's
    first instant, is ``<= until``). Wall-clock time, as :func:`wall_ordinal`."""
    return wall_ordinal(pd.Timestamp(until), pfreq)


def _period_words(period: pd.Period, pfreq: str) -> str:
    start = period.start_time
    if pfreq == "M":
        return f"{start:%B %Y}"
    if pfreq == "Q":
        return f"Q{period.quarter} {period.year}"
    if pfreq == "Y":
        return str(period.year)
    if pfreq == "W-SUN":
        return f"the week of {start.date()}"
    return str(start.date())


def period_coverage(until: pd.Timestamp, freq: str) -> tuple[str, int, int] | None:
    """The period observation ends inside, and how much of it was observed.

    Returns ``(label, days_observed, days_in_period)``, e.g. ``("December 2011", 9, 31)`` for
    a log observed until 2011-12-09 12:50 (a started day counts as a day), or None when
    ``until`` is the first instant of a period (every period before it is complete).

    >>> period_coverage(pd.Timestamp("2011-12-09 12:50"), "M")
    ('December 2011', 9, 31)
    >>> period_coverage(pd.Timestamp("2012-01-01"), "M") is None
    True
    """
    pfreq = normalize_freq(freq)
    until = pd.Timestamp(until)
    wall = until.tz_localize(None) if until.tzinfo is not None else until
    period = wall.to_period(pfreq)
    start = period.start_time
    if wall == start:
        return None
    days = (period.end_time.normalize() - start).days + 1
    observed = int(np.ceil((wall - start) / pd.Timedelta(days=1)))
    return _period_words(period, pfreq), min(observed, days), days


def describe_partial(until: pd.Timestamp, freq: str) -> str | None:
    """One phrase for the period observation ends inside ("December 2011: 9 of 31 days"), or
    None when it ends on a period boundary. When the last day is started but not over, the
    phrase gives the instant instead ("December 2024: observed until 2024-12-31 23:46, not to
    its end").

    >>> describe_partial(pd.Timestamp("2011-12-09 12:50"), "M")
    'December 2011: 9 of 31 days'
    >>> describe_partial(pd.Timestamp("2024-12-31 23:46"), "M")
    'December 2024: observed until 2024-12-31 23:46, not to its end'
    """
    coverage = period_coverage(until, freq)
    if coverage is None:
        return None
    label, observed, days = coverage
    if observed < days:
        return f"{label}: {observed} of {days} days"
    return f"{label}: observed until {pd.Timestamp(until):%Y-%m-%d %H:%M}, not to its end"
