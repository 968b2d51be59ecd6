"""Customer Retention Rate (CRR).

    CRR = (E - N) / S

S = customers at the start of the period, E = customers at the end, N = new customers acquired
during the period. E - N are the start customers still there at the end. With L = customers lost
in the period, E = S + N - L, so CRR = (S - L) / S as well (source articles 000-004).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._error_texts import message, num
from ..core.counts import as_counts, divide, like_input, require_at_most
from ..errors import InconsistentCountsError, InvalidCountError


def retained_customers(start: Any, new: Any, end: Any = None, lost: Any = None) -> Any:
    """Customers from the start of the period still there at its end: ``E - N`` (or ``S - L``).

    Give ``end`` or ``lost`` (or both, which must agree: ``start + new - lost == end``).
    Validates every count and raises :class:`~retention_kit.errors.InvalidCountError` (or its
    subclass :class:`~retention_kit.errors.InconsistentCountsError`) naming the argument.

    >>> retained_customers(start=50, new=6, end=54)
    48.0
    """
    s = as_counts("start", start, positive=True)
    n = as_counts("new", new)
    if end is None and lost is None:
        raise InvalidCountError(
            message(
                "give either end (customers at the end of the period) or lost (customers lost "
                "during it); CRR needs one of them."
            )
        )
    e = as_counts("end", end) if end is not None else None
    lo = as_counts("lost", lost) if lost is not None else None
    shape = np.broadcast_shapes(*(a.shape for a in (s, n, e, lo) if a is not None))
    s, n = np.broadcast_to(s, shape), np.broadcast_to(n, shape)
    if lo is not None:
        lo = np.broadcast_to(lo, shape)
        require_at_most(
            "lost",
            lo,
            "start",
            s,
            message("you cannot lose more customers than you had at the start of the period."),
        )
    if e is not None:
        e = np.broadcast_to(e, shape)
        kept = e - n
        neg = kept < 0
        if neg.any():
            i = np.flatnonzero(neg.reshape(-1))[0]
            raise InconsistentCountsError(
                message(
                    "end={end} minus new={new} is negative: the customers at the end include the "
                    "new ones, so end must be at least new. Check that new counts only customers "
                    "acquired in this period.",
                    end=num(e.reshape(-1)[i]),
                    new=num(n.reshape(-1)[i]),
                )
            )
        over = kept > s
        if over.any():
            i = np.flatnonzero(over.reshape(-1))[0]
            raise InconsistentCountsError(
                message(
                    "end - new = {kept} is more than start={start}: more customers retained than "
                    "existed at the start. Check that new includes every customer acquired during "
                    "the period.",
                    kept=num(kept.reshape(-1)[i]),
                    start=num(s.reshape(-1)[i]),
                )
            )
        if lo is not None:
            mismatch = s + n - lo != e
            if mismatch.any():
                i = np.flatnonzero(mismatch.reshape(-1))[0]
                fs, fn, fl, fe = (a.reshape(-1)[i] for a in (s, n, lo, e))
                raise InconsistentCountsError(
                    message(
                        "the counts disagree: start + new - lost = {start} + {new} - {lost} = "
                        "{total}, but end={end}. Give only end or only lost, or fix the one that "
                        "is wrong.",
                        start=num(fs),
                        new=num(fn),
                        lost=num(fl),
                        total=num(fs + fn - fl),
                        end=num(fe),
                    )
                )
        result = kept
    else:
        result = s - lo
    return like_input(result, start, new, end, lost)


def end_customers(start: Any, new: Any, lost: Any) -> Any:
    """Customers at the end of the period: ``E = S + N - L``.

    >>> end_customers(start=50, new=6, lost=2)
    54.0
    """
    retained_customers(start=start, new=new, lost=lost)  # validates
    s, n, lo = (as_counts(k, v) for k, v in (("start", start), ("new", new), ("lost", lost)))
    return like_input(s + n - lo, start, new, lost)


def crr(start: Any, new: Any, end: Any = None, lost: Any = None) -> Any:
    """Customer Retention Rate as a fraction: ``CRR = (E - N) / S`` (equivalently ``(S - L) / S``).

    Works element-wise on numbers, numpy arrays and pandas Series (a table of periods in one call).
    A period with ``start=0`` has no CRR: a single number raises
    :class:`~retention_kit.errors.InvalidCountError`, an element of an array or a Series gives
    NaN (the other elements are computed), as ``rk.period_table`` does.

    >>> crr(start=50, new=6, end=54)      # article 000 (OWOX): 96 %
    0.96
    >>> crr(start=50, new=6, lost=2)
    0.96
    >>> import pandas as pd
    >>> crr(start=pd.Series([50, 0]), new=pd.Series([6, 4]), end=pd.Series([54, 4])).tolist()
    [0.96, nan]
    """
    kept = retained_customers(start=start, new=new, end=end, lost=lost)
    s = as_counts("start", start, positive=True)
    return like_input(divide(np.asarray(kept, dtype=float), s), start, new, end, lost)
