"""Churn rate: the share of the start customers lost during the period.

churn = L / S = 1 - CRR        (articles 000 and 003)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._error_texts import message
from ..core.counts import as_counts, divide, like_input
from ..errors import InvalidCountError
from .crr import retained_customers


def churn_rate(start: Any, lost: Any = None, new: Any = None, end: Any = None) -> Any:
    """Churn rate as a fraction: ``churn = L / S``; from the end count, ``L = S + N - E``.

    Give ``lost``, or ``new`` and ``end`` (or all three, which must agree). A period with
    ``start=0`` has no churn rate: a single number raises, an element of an array or a Series
    gives NaN.

    >>> churn_rate(start=50, lost=2)
    0.04
    >>> round(churn_rate(start=200, new=150, end=210), 4)   # article 000 (SendPulse): 70 %
    0.7
    >>> churn_rate(start=np.array([50, 0]), lost=np.array([2, 0])).tolist()
    [0.04, nan]
    """
    s = as_counts("start", start, positive=True)
    if lost is None and (new is None or end is None):
        if new is None and end is None:
            got = "neither"
        else:
            got = "new but no end" if end is None else "end but no new"
        raise InvalidCountError(
            message(
                "churn needs lost (L, customers lost in the period), or both new and end (N and "
                "E, then L = S + N - E); got {got}. Pass the missing count (new=0 if no customer "
                "was acquired).",
                got=message(got),
            )
        )
    if new is None and end is None:
        lo = as_counts("lost", lost)
        retained_customers(start=start, new=np.zeros_like(lo), lost=lost)  # validates lost <= start
        return like_input(divide(lo, s), start, lost)
    kept = retained_customers(start=start, new=0 if new is None else new, end=end, lost=lost)
    return like_input(1.0 - divide(np.asarray(kept, dtype=float), s), start, lost, new, end)
