"""Period arithmetic shared by the data-side computations (internal)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import InvalidParameterError

# user-facing name -> pandas Period frequency
_FREQS = {
    "D": "D",
    "day": "D",
    "daily": "D",
    "W": "W-SUN",
    "week": "W-SUN",
    "weekly": "W-SUN",  # periods ending Sunday = weeks starting Monday
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
