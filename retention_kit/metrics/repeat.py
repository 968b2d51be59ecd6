"""The repeat purchase rate: the share of customers who bought again (source 003)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .._error_texts import message
from ..core.counts import as_counts, divide, like_input, require_at_most
from ..errors import InvalidCountError

__all__ = ["repeat_purchase_rate"]


def repeat_purchase_rate(repeat_customers: Any, customers: Any) -> Any:
    """Share of customers who bought again: ``repeat_customers / customers`` (source 003).

    Works on numbers, numpy arrays and pandas Series (a Series in -> a Series out). Raises
    :class:`~retention_kit.errors.InvalidCountError` for negative, fractional or zero
    ``customers`` and :class:`~retention_kit.errors.InconsistentCountsError` when
    ``repeat_customers > customers``. ``customers=0`` raises for a single number and gives NaN
    for that element of an array or a Series.

    >>> repeat_purchase_rate(repeat_customers=30, customers=120)
    0.25
    """
    r = as_counts("repeat_customers", repeat_customers)
    c = as_counts("customers", customers, positive=True)
    try:
        r, c = np.broadcast_arrays(r, c)
    except ValueError:
        raise InvalidCountError(
            message(
                "repeat_customers and customers must have the same length, got {part} and {whole}.",
                part=np.shape(r),
                whole=np.shape(c),
            )
        ) from None
    require_at_most(
        "repeat_customers",
        r,
        "customers",
        c,
        message(
            "repeat customers are some of the customers, so there cannot be more of them. "
            "Check that the two arguments are not swapped."
        ),
    )
    return like_input(divide(r, c), repeat_customers, customers)
