"""Display helpers: the API works in fractions, people read percents."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd


def percent(value: Any, digits: int = 1) -> Any:
    """Format a fraction as a percent string: ``percent(0.96) -> '96.0%'``.

    Works on a number, or element-wise on a Series / array (returns a Series / list of strings).
    Missing values (NaN) become ``"–"`` (a dash: "not defined", e.g. CRR when S = 0).

    >>> percent(0.9333333)
    '93.3%'
    >>> percent(-0.12, digits=0)
    '-12%'
    """
    if isinstance(value, pd.Series):
        return value.map(lambda v: percent(v, digits))
    if isinstance(value, (list, tuple, np.ndarray)):
        return [percent(v, digits) for v in np.asarray(value, dtype=float).ravel()]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{float(value) * 100:.{digits}f}%"
