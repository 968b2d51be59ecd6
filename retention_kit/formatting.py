"""Display helpers: the API works in fractions, people read percents."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from .errors import InvalidParameterError
from .i18n import NBSP, get_language


def percent(value: Any, digits: int = 1) -> Any:
    """Format a fraction as a percent string: ``percent(0.96) -> '96.0%'``.

    Works on a number, or element-wise on a Series / array (returns a Series / list of strings).
    Missing values (NaN) become ``"–"`` (a dash: "not defined", e.g. CRR when S = 0).
    After ``rk.set_language("ru")`` the result is written the Russian way: ``'96,0 %'``
    (decimal comma, a no-break space before the sign).

    >>> percent(0.9333333)
    '93.3%'
    >>> percent(-0.12, digits=0)
    '-12%'
    >>> percent(pd.NA)
    '–'
    """
    if (
        isinstance(digits, bool)
        or not isinstance(digits, (int, np.integer))
        or not 0 <= digits <= 10
    ):
        raise InvalidParameterError(
            f"digits={digits!r}: give the number of decimals as a whole number from 0 to 10, "
            "e.g. percent(0.5, digits=1) -> '50.0%'."
        )
    if isinstance(value, pd.Series):
        return value.map(lambda v: percent(v, digits))
    if isinstance(value, (list, tuple, np.ndarray)):
        try:
            values = np.asarray(value, dtype=float).ravel()
        except (TypeError, ValueError, OverflowError):
            raise InvalidParameterError(
                "percent() formats fractions such as 0.96, or a flat list / array of them; got "
                f"{value!r}."
            ) from None
        return [percent(v, digits) for v in values]
    if value is None or value is pd.NA or value is pd.NaT:
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InvalidParameterError(
            f"percent() formats a fraction such as 0.96, got {value!r}; convert it to a number "
            "first."
        ) from None
    if math.isnan(number):
        return "–"
    if get_language() == "ru":
        return f"{number * 100:.{digits}f}".replace(".", ",") + NBSP + "%"
    return f"{number * 100:.{digits}f}%"
