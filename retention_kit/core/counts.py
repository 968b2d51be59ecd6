"""Validation of customer counts and rates (internal).

Every scalar metric accepts a number, a numpy array or a pandas Series; these helpers turn the
input into a float numpy array (plus a way back to the caller's shape) and raise the kit's own
errors, naming the argument and the first bad value.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import InconsistentCountsError, InvalidCountError


def _first_bad(values: np.ndarray, bad: np.ndarray) -> Any:
    flat = values.reshape(-1)[bad.reshape(-1)]
    return flat[0].item() if flat.size else None


def as_array(name: str, value: Any) -> np.ndarray:
    """`value` as a float array; a clear error when it is not numeric."""
    if isinstance(value, (str, bytes)):
        raise InvalidCountError(f"{name} must be a number, got the text {value!r}.")
    try:
        arr = np.asarray(value, dtype="float64")
    except (TypeError, ValueError):
        raise InvalidCountError(f"{name} must be a number (or numbers), got {value!r}.") from None
    if np.isnan(arr).any():
        raise InvalidCountError(
            f"{name} has a missing value (NaN); fill or drop it before computing the metric."
        )
    return arr


def as_counts(name: str, value: Any, *, positive: bool = False) -> np.ndarray:
    """`value` as whole, non-negative customer counts (``positive=True``: also > 0)."""
    arr = as_array(name, value)
    if np.isinf(arr).any():
        raise InvalidCountError(
            f"{name} must be a finite count, got {_first_bad(arr, np.isinf(arr))}."
        )
    neg = arr < 0
    if neg.any():
        raise InvalidCountError(
            f"{name} must not be negative, got {_first_bad(arr, neg):g}: a number of customers "
            "is 0 or more."
        )
    frac = arr != np.round(arr)
    if frac.any():
        raise InvalidCountError(
            f"{name} must be a whole number of customers, got {_first_bad(arr, frac):g}; "
            "counts of customers cannot have fractions (did you pass a rate?)."
        )
    if positive:
        zero = arr == 0
        if zero.any():
            raise InvalidCountError(
                f"{name} must be greater than 0: it is the denominator, and a rate over "
                "0 customers is undefined."
            )
    return arr


def as_amounts(name: str, value: Any, *, allow_negative: bool = False) -> np.ndarray:
    """`value` as finite money amounts (non-negative unless ``allow_negative``)."""
    arr = as_array(name, value)
    if np.isinf(arr).any():
        raise InvalidCountError(f"{name} must be finite, got {_first_bad(arr, np.isinf(arr))}.")
    if not allow_negative and (arr < 0).any():
        raise InvalidCountError(f"{name} must not be negative, got {_first_bad(arr, arr < 0):g}.")
    return arr


def require_at_most(
    part_name: str, part: np.ndarray, whole_name: str, whole: np.ndarray, why: str
) -> None:
    """Raise :class:`InconsistentCountsError` at the first element where ``part > whole``
    (arrays of one shape), naming both arguments and their values, then ``why``."""
    over = part > whole
    if over.any():
        i = np.flatnonzero(over.reshape(-1))[0]
        raise InconsistentCountsError(
            f"{part_name}={part.reshape(-1)[i]:g} is more than "
            f"{whole_name}={whole.reshape(-1)[i]:g}: {why}"
        )


def like_input(result: np.ndarray, *inputs: Any) -> Any:
    """Return `result` in the caller's shape: a Series if any input was a Series (its index
    kept), a Python float for scalars, an array otherwise."""
    for x in inputs:
        if isinstance(x, pd.Series):
            return pd.Series(np.broadcast_to(result, len(x)), index=x.index)
    if np.ndim(result) == 0:
        return float(result)
    return result
