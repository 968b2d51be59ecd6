"""Validation of customer counts and rates (internal).

Every scalar metric accepts a number, a numpy array or a pandas Series; these helpers turn the
input into a float numpy array (plus a way back to the caller's shape) and raise the kit's own
errors, naming the argument and the first bad value.
"""

from __future__ import annotations

import reprlib
import warnings
from typing import Any

import numpy as np
import pandas as pd

from .._error_texts import message, num
from ..errors import InconsistentCountsError, InvalidCountError


def _first_bad(values: np.ndarray, bad: np.ndarray) -> Any:
    flat = values.reshape(-1)[bad.reshape(-1)]
    return flat[0].item() if flat.size else None


def _not_a_number(value: Any) -> str:
    """The first element of ``value`` that is not a number, with its position (else a short
    repr): a message must not print a whole column."""
    if isinstance(value, (dict, set, frozenset)):
        return reprlib.repr(value)
    try:
        series = pd.Series(list(value) if not isinstance(value, pd.Series) else value.array)
        bad = (pd.to_numeric(series, errors="coerce").isna() & series.notna()).to_numpy()
        i = int(np.flatnonzero(bad)[0])
        return message("{value} at position {pos}", value=repr(series.iloc[i]), pos=i)
    except (TypeError, ValueError, IndexError):
        return reprlib.repr(value)


def as_array(name: str, value: Any) -> np.ndarray:
    """`value` as a float array; a clear error when it is not numeric."""
    if isinstance(value, (str, bytes)):
        raise InvalidCountError(
            message("{name} must be a number, got the text {value}.", name=name, value=repr(value))
        )
    if isinstance(value, pd.DataFrame):
        raise InvalidCountError(
            message(
                "{name} must be a number, an array or a Series, got a DataFrame; pass one of its "
                "columns, e.g. {name}=table['{name}'].",
                name=name,
            )
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", np.exceptions.ComplexWarning)
            arr = np.asarray(value, dtype="float64")
    except np.exceptions.ComplexWarning:
        raise InvalidCountError(
            message("{name} must be a real number, got a complex one.", name=name)
        ) from None
    except OverflowError:
        raise InvalidCountError(
            message(
                "{name} is too large to compute with (more than about 1.8e308); pass a count of a "
                "realistic size.",
                name=name,
            )
        ) from None
    except (TypeError, ValueError):
        raise InvalidCountError(
            message(
                "{name} must be a number (or numbers), got {value}.",
                name=name,
                value=_not_a_number(value),
            )
        ) from None
    if np.isnan(arr).any():
        raise InvalidCountError(
            message(
                "{name} has a missing value (NaN); fill or drop it before computing the metric.",
                name=name,
            )
        )
    return arr


def is_scalar(value: Any) -> bool:
    """True for a single number (not a Series, array or list)."""
    return not isinstance(value, pd.Series) and np.ndim(value) == 0


def as_counts(name: str, value: Any, *, positive: bool = False) -> np.ndarray:
    """`value` as whole, non-negative customer counts.

    ``positive=True`` (a denominator): a single number must be > 0; inside an array or a
    Series a 0 is allowed and the caller's :func:`divide` gives NaN for that element, as
    ``rk.period_table`` does for a period with no start customers.
    """
    arr = as_array(name, value)
    if np.isinf(arr).any():
        raise InvalidCountError(
            message(
                "{name} must be a finite count, got {value}.",
                name=name,
                value=num(_first_bad(arr, np.isinf(arr))),
            )
        )
    neg = arr < 0
    if neg.any():
        raise InvalidCountError(
            message(
                "{name} must not be negative, got {value}: a number of customers is 0 or more.",
                name=name,
                value=num(_first_bad(arr, neg)),
            )
        )
    frac = arr != np.round(arr)
    if frac.any():
        raise InvalidCountError(
            message(
                "{name} must be a whole number of customers, got {value}; counts of customers "
                "cannot have fractions (did you pass a rate?).",
                name=name,
                value=num(_first_bad(arr, frac)),
            )
        )
    if positive and is_scalar(value):
        zero = arr == 0
        if zero.any():
            raise InvalidCountError(
                message(
                    "{name} must be greater than 0: it is the denominator, and a rate over 0 "
                    "customers is undefined.",
                    name=name,
                )
            )
    return arr


def as_amounts(name: str, value: Any, *, allow_negative: bool = False) -> np.ndarray:
    """`value` as finite money amounts (non-negative unless ``allow_negative``)."""
    arr = as_array(name, value)
    if np.isinf(arr).any():
        raise InvalidCountError(
            message(
                "{name} must be finite, got {value}.",
                name=name,
                value=num(_first_bad(arr, np.isinf(arr))),
            )
        )
    if not allow_negative and (arr < 0).any():
        raise InvalidCountError(
            message(
                "{name} must not be negative, got {value}.",
                name=name,
                value=num(_first_bad(arr, arr < 0)),
            )
        )
    return arr


def divide(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den`` element-wise, NaN where ``den`` is 0 (a rate over no customers)."""
    num, den = np.broadcast_arrays(np.asarray(num, dtype="float64"), den)
    out = np.full(num.shape, np.nan)
    np.divide(num, den, out=out, where=den != 0)
    return out


def require_at_most(
    part_name: str, part: np.ndarray, whole_name: str, whole: np.ndarray, why: str
) -> None:
    """Raise :class:`InconsistentCountsError` at the first element where ``part > whole``
    (arrays of one shape), naming both arguments and their values, then ``why``."""
    over = part > whole
    if over.any():
        i = np.flatnonzero(over.reshape(-1))[0]
        raise InconsistentCountsError(
            message(
                "{part_name}={part} is more than {whole_name}={whole}: {why}",
                part_name=part_name,
                part=num(part.reshape(-1)[i]),
                whole_name=whole_name,
                whole=num(whole.reshape(-1)[i]),
                why=why,
            )
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
