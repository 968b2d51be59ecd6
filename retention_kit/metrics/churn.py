"""Churn rate: the share of the start customers lost during the period.

churn = L / S = 1 - CRR        (articles 000 and 003)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.counts import as_counts, like_input
from .crr import retained_customers


def churn_rate(start: Any, lost: Any = None, new: Any = None, end: Any = None) -> Any:
    """Churn rate as a fraction: ``churn = L / S``; from the end count, ``L = S + N - E``.

    Give ``lost``, or ``new`` and ``end`` (or all three, which must agree).

    >>> churn_rate(start=50, lost=2)
    0.04
    >>> round(churn_rate(start=200, new=150, end=210), 4)   # article 000 (SendPulse): 70 %
    0.7
    """
    s = as_counts("start", start, positive=True)
    if new is None and end is None:
        if lost is None:
            retained_customers(start=start, new=0)  # raises the "give end or lost" error
        lo = as_counts("lost", lost)
        retained_customers(start=start, new=np.zeros_like(lo), lost=lost)  # validates lost <= start
        return like_input(lo / s, start, lost)
    kept = retained_customers(start=start, new=0 if new is None else new, end=end, lost=lost)
    return like_input(1.0 - np.asarray(kept, dtype=float) / s, start, lost, new, end)
