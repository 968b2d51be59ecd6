"""retention_kit.core.periods helpers, directly: time zones, units, DST midnights, boundaries.

Written against the mutants mutmut left alive in core/periods.py (docs/testing.md): the helpers
were only reached through the analyses, mostly with naive nanosecond data. Expectations by hand.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from retention_kit.core import periods as cp
from retention_kit.errors import InvalidParameterError

MSK = "Europe/Moscow"


def _times(values, tz=None, unit="us"):
    s = pd.Series(pd.to_datetime(values)).astype(f"datetime64[{unit}]")
    return s.dt.tz_localize(tz) if tz else s


def test_period_start_keeps_zone_and_unit():
    # 1 February 01:00 in Moscow is still 31 January in UTC: the month is February
    aware = cp.period_start(_times(["2024-02-01 01:00", "2024-01-31 23:00"], MSK), "M")
    assert str(aware.dtype) == f"datetime64[us, {MSK}]"
    assert aware.tolist() == [
        pd.Timestamp("2024-02-01", tz=MSK),
        pd.Timestamp("2024-01-01", tz=MSK),
    ]
    naive = cp.period_start(_times(["2024-05-15 10:00"], unit="s"), "W")
    assert str(naive.dtype) == "datetime64[s]"
    assert naive.tolist() == [pd.Timestamp("2024-05-13")]  # the Monday of that week


def test_period_ordinals_use_wall_clock_time_without_warnings():
    times = _times(["2024-02-01 01:00", "2024-01-31 23:59"], MSK)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # to_period on a zoned column would warn and drop it
        months = cp.period_index(times, "M")
        days = cp.wall_ordinals(times, "D")
        weeks = cp.wall_ordinals(times, "W")
    assert months.tolist() == [pd.Period("2024-02", "M").ordinal, pd.Period("2024-01", "M").ordinal]
    assert days.tolist() == [
        pd.Period("2024-02-01", "D").ordinal,
        pd.Period("2024-01-31", "D").ordinal,
    ]
    # 1 Feb 2024 is a Thursday, 31 Jan a Wednesday: the same Monday-Sunday week
    week = pd.Period("2024-01-29", "W-SUN").ordinal
    assert weeks.tolist() == [week, week]


def test_wall_ints_are_wall_clock_not_utc():
    ints, unit, tz = cp.wall_ints(_times(["2024-01-01 03:00"], MSK, unit="s"))
    assert unit == "s" and str(tz) == MSK
    assert ints.tolist() == [int(pd.Timestamp("2024-01-01 03:00").timestamp())]  # not 00:00 UTC


def test_ordinal_to_start_defaults_to_nanoseconds_and_localises():
    jan = pd.Period("2024-01", "M").ordinal
    naive = cp.ordinal_to_start(np.array([jan, jan + 1]), "M")
    assert str(naive.dtype) == "datetime64[ns]"
    assert naive.tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01")]
    aware = cp.ordinal_to_start([jan], "M", tz=MSK, unit="s")
    assert str(aware.dtype) == f"datetime64[s, {MSK}]" and aware[0] == pd.Timestamp(
        "2024-01-01", tz=MSK
    )


def test_as_timestamp_localises_converts_and_refuses():
    assert cp.as_timestamp("2024-01-01", "as_of", MSK) == pd.Timestamp("2024-01-01", tz=MSK)
    utc_midnight = cp.as_timestamp("2024-01-01 00:00+00:00", "as_of", MSK)
    assert str(utc_midnight.tz) == MSK and utc_midnight.hour == 3  # converted, not re-labelled
    assert cp.as_timestamp("2024-01-01", "as_of", None) == pd.Timestamp("2024-01-01")
    msg = "since='soon' is not a date; give one like since='2024-01-01' or a pd.Timestamp."
    with pytest.raises(InvalidParameterError, match="^" + re.escape(msg) + "$"):
        cp.as_timestamp("soon", "since", None)
    msg = (
        "until='2024-03-01 00:00+03:00' has a time zone but the data's times have none; pass a "
        "date without a zone, e.g. until='2024-03-01'."
    )
    with pytest.raises(InvalidParameterError, match="^" + re.escape(msg) + "$"):
        cp.as_timestamp("2024-03-01 00:00+03:00", "until", None)


def test_active_days_bound_is_exclusive():
    assert cp.check_active_days(cp.MAX_ACTIVE_DAYS - 0.5) == cp.MAX_ACTIVE_DAYS - 0.5
    msg = (
        "active_days=36500: it must be a positive number of days below 36,500 (100 years), e.g. "
        "active_days=90 (a customer counts as active at an instant when they bought in the "
        "90 days before it). Pick it from how often your customers normally buy."
    )
    with pytest.raises(InvalidParameterError, match="^" + re.escape(msg) + "$"):
        cp.check_active_days(cp.MAX_ACTIVE_DAYS)


def test_day_boundaries_across_midnight_dst_changes():
    # Havana changes clocks at midnight: 12 March 2023 00:00 does not exist (the day starts at
    # 01:00 CDT), 5 November 2023 00:00 happens twice (the day starts at the first, CDT)
    zone = "America/Havana"
    o = pd.Period("2023-03-11", "D").ordinal
    b = cp.boundaries(o, o + 1, "D", zone, "ns")
    assert b.tolist() == [
        pd.Timestamp("2023-03-11 00:00-05:00").tz_convert(zone),
        pd.Timestamp("2023-03-12 01:00-04:00").tz_convert(zone),
        pd.Timestamp("2023-03-13 00:00-04:00").tz_convert(zone),
    ]
    o = pd.Period("2023-11-04", "D").ordinal
    b = cp.boundaries(o, o + 1, "D", zone, "ns")
    assert b.tolist() == [
        pd.Timestamp("2023-11-04 00:00-04:00").tz_convert(zone),
        pd.Timestamp("2023-11-05 00:00-04:00").tz_convert(zone),
        pd.Timestamp("2023-11-06 00:00-05:00").tz_convert(zone),
    ]


def test_end_of_observation_edges():
    last = pd.Timestamp("2024-03-10 15:00")
    assert cp.end_of_observation(last, "2024-03-10 15:00") == last  # exactly the last event
    msg = (
        "observed_until='2024-03-10' is before the last event of the data (2024-03-10 15:00:00); "
        "observation cannot end before the data does. Leave it out (observation then ends at "
        "the last event) or give the instant the export was taken, e.g. "
        "observed_until='2024-03-11'."
    )
    with pytest.raises(InvalidParameterError, match="^" + re.escape(msg) + "$"):
        cp.end_of_observation(last, "2024-03-10")
    with pytest.raises(InvalidParameterError, match=r"^observed_until='later' is not a date"):
        cp.end_of_observation(last, "later")
    aware = pd.Timestamp("2024-03-10 15:00", tz=MSK)
    got = cp.end_of_observation(aware, "2024-03-11", MSK)  # naive: wall-clock time of the data
    assert got == pd.Timestamp("2024-03-11", tz=MSK)


def test_periods_complete_by_hand():
    b = pd.DatetimeIndex(["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"])
    got = cp.periods_complete(b, pd.Timestamp("2024-03-01"))
    assert got.dtype == bool and got.tolist() == [True, True, False]


@pytest.mark.parametrize(
    ("until", "freq", "expected"),
    [
        # a started day counts: 9 December 12:50 -> 9 of 31 days
        ("2011-12-09 12:50", "M", ("December 2011", 9, 31)),
        ("2011-12-09 00:00:01", "M", ("December 2011", 9, 31)),
        ("2011-12-09", "M", ("December 2011", 8, 31)),
        ("2024-02-29 23:00", "M", ("February 2024", 29, 29)),  # leap February, last day started
        ("2024-05-15 06:00", "Q", ("Q2 2024", 45, 91)),  # April 30 + May 15
        ("2024-01-02 00:30", "Y", ("2024", 2, 366)),
        ("2024-05-15 10:00", "W", ("the week of 2024-05-13", 3, 7)),  # Mon 13 .. Wed 15
        ("2024-05-15 10:00", "D", ("2024-05-15", 1, 1)),
        ("2024-05-15 10:00+03:00", "M", ("May 2024", 15, 31)),  # wall-clock time of its zone
    ],
)
def test_period_coverage_by_hand(until, freq, expected):
    assert cp.period_coverage(pd.Timestamp(until), freq) == expected


def test_period_coverage_and_describe_partial_on_a_boundary_and_inside():
    assert cp.period_coverage(pd.Timestamp("2024-06-01"), "M") is None
    assert cp.describe_partial(pd.Timestamp("2024-06-01"), "M") is None
    assert cp.describe_partial(pd.Timestamp("2024-06-10 08:00"), "M") == "June 2024: 10 of 30 days"
    assert (
        cp.describe_partial(pd.Timestamp("2024-06-30 23:46"), "M")
        == "June 2024: observed until 2024-06-30 23:46, not to its end"
    )


@pytest.mark.parametrize(
    ("given", "pfreq"),
    [
        ("M", "M"),
        (" m ", "M"),
        (" Month ", "M"),
        ("weekly", "W-SUN"),
        ("A", "Y"),
        ("W-SUN", "W-SUN"),
    ],
)
def test_normalize_freq_accepts_spaces_and_any_case(given, pfreq):
    assert cp.normalize_freq(given) == pfreq


def test_normalize_freq_lists_the_choices():
    msg = (
        "freq='fortnight' is not a period this kit knows; use one of 'D' (day), 'W' (week, "
        "Monday to Sunday), 'M' (month), 'Q' (quarter), 'Y' (year)."
    )
    with pytest.raises(InvalidParameterError, match="^" + re.escape(msg) + "$"):
        cp.normalize_freq("fortnight")


def test_wall_ordinals_for_months_and_for_a_sunday():
    times = _times(["2024-02-01 01:00", "2024-02-04 23:00"], MSK)  # Thursday, Sunday
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        months = cp.wall_ordinals(times, "M")
        weeks = cp.wall_ordinals(times, "W")
        one = cp.wall_ordinal(pd.Timestamp("2024-02-01 01:00", tz=MSK), "M")
    feb = pd.Period("2024-02", "M").ordinal
    assert months.tolist() == [feb, feb] and one == feb
    week = pd.Period("2024-01-29", "W-SUN").ordinal  # Monday 29 January .. Sunday 4 February
    assert weeks.tolist() == [week, week]


def test_period_range_takes_since_and_until_in_the_data_zone():
    first, last = pd.Timestamp("2024-01-10", tz=MSK), pd.Timestamp("2024-06-10", tz=MSK)
    # 29 February 22:00 UTC is 1 March 01:00 in Moscow: the range starts in March
    o0, o1 = cp.period_range(
        first, last, "2024-02-29 22:00+00:00", "2024-04-30 23:30+00:00", "M", MSK
    )
    assert (o0, o1) == (pd.Period("2024-03", "M").ordinal, pd.Period("2024-05", "M").ordinal)
    with pytest.raises(InvalidParameterError, match=r"^since='x' is not a date"):
        cp.period_range(first, last, "x", None, "M", MSK)
    with pytest.raises(InvalidParameterError, match=r"^until='y' is not a date"):
        cp.period_range(first, last, None, "y", "M", MSK)
    msg = (
        "the period range is empty: since='2024-05-01' is after until='2024-04-01' (or after the "
        "last event). Give since <= until."
    )
    with pytest.raises(InvalidParameterError, match="^" + re.escape(msg) + "$"):
        cp.period_range(first, last, "2024-05-01", "2024-04-01", "M", MSK)
