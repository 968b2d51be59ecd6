"""Uncertainty of retention rates: Wilson intervals and the two-proportion z-test.

A retention rate measured on a cohort of 10 customers is far less certain than the same rate
on 10 000. These helpers put a confidence interval on a rate (``successes / trials``) and test
whether two rates differ by more than chance. Pure numpy + the standard library (no scipy).
"""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from ._error_texts import message
from .core.counts import as_counts, require_at_most
from .errors import InvalidParameterError

__all__ = ["wilson_interval", "two_proportion_test", "nps_interval"]

_erfc = np.frompyfunc(math.erfc, 1, 1)


def _z_value(confidence: float) -> float:
    """Two-sided normal critical value for ``confidence`` (0.95 -> 1.95996...)."""
    try:
        c = float(confidence)
    except (TypeError, ValueError, OverflowError):
        raise InvalidParameterError(
            message(
                "confidence must be a fraction between 0 and 1 such as 0.95, got {confidence!r}.",
                confidence=confidence,
            )
        ) from None
    if not 0 < c < 1:
        hint = message(" (give a fraction: 0.95, not 95)") if 1 <= c <= 100 else ""
        raise InvalidParameterError(
            message(
                "confidence must be strictly between 0 and 1, got {confidence!r}{hint}.",
                confidence=confidence,
                hint=hint,
            )
        )
    return NormalDist().inv_cdf(0.5 + c / 2)


def _counts_pair(s_name: str, successes: Any, t_name: str, trials: Any) -> tuple:
    s = as_counts(s_name, successes)
    t = as_counts(t_name, trials)
    try:
        s, t = np.broadcast_arrays(s, t)
    except ValueError:
        raise InvalidParameterError(
            message(
                "{part_name} and {whole_name} must have the same length, got {part} and {whole}.",
                part_name=s_name,
                whole_name=t_name,
                part=np.shape(s),
                whole=np.shape(t),
            )
        ) from None
    require_at_most(
        s_name,
        s,
        t_name,
        t,
        message(
            "{part_name} counts customers among the {whole_name}, so it cannot be larger. Check "
            "that the two arguments are not swapped.",
            part_name=s_name,
            whole_name=t_name,
        ),
    )
    return s, t


def _index_of(*inputs: Any) -> pd.Index | None:
    for x in inputs:
        if isinstance(x, pd.Series):
            return x.index
    return None


def _shape_back(result: np.ndarray, *inputs: Any) -> Any:
    index = _index_of(*inputs)
    if index is not None:
        return pd.Series(np.array(np.broadcast_to(result, len(index))), index=index)
    if np.ndim(result) == 0:
        return float(result)
    return np.array(result)


def wilson_interval(successes: Any, trials: Any, confidence: float = 0.95) -> tuple[Any, Any]:
    """Wilson score confidence interval of a proportion ``successes / trials``.

    With p = x / n and z the normal critical value (1.96 for 95 %)::

        centre = (p + z²/(2n)) / (1 + z²/n)
        half   = z / (1 + z²/n) * sqrt(p(1 - p)/n + z²/(4n²))
        (low, high) = (centre - half, centre + half)

    Unlike the textbook ``p ± z·sqrt(p(1-p)/n)`` it stays inside [0, 1] and is sensible for
    small cohorts and rates near 0 or 1. Works element-wise: numbers -> floats, arrays ->
    arrays, a Series -> Series (index kept). ``trials == 0`` gives ``(nan, nan)``.

    Raises :class:`~retention_kit.errors.InvalidCountError` for negative or fractional counts,
    :class:`~retention_kit.errors.InconsistentCountsError` when successes > trials and
    :class:`~retention_kit.errors.InvalidParameterError` for a confidence outside (0, 1).

    >>> low, high = wilson_interval(8, 10)
    >>> round(low, 4), round(high, 4)
    (0.4902, 0.9433)
    """
    z = _z_value(confidence)
    x, n = _counts_pair("successes", successes, "trials", trials)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = x / n
        z2n = z * z / n
        denom = 1 + z2n
        centre = (p + z2n / 2) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z2n / (4 * n))
        low = np.clip(centre - half, 0.0, 1.0)
        high = np.clip(centre + half, 0.0, 1.0)
    # exact ends: 0 successes -> low is 0, all successes -> high is 1 (avoid 1e-17 residue)
    low = np.where(x == 0, 0.0, low)
    high = np.where(x == n, 1.0, high)
    empty = n == 0
    low = np.where(empty, np.nan, low)
    high = np.where(empty, np.nan, high)
    return _shape_back(low, successes, trials), _shape_back(high, successes, trials)


def two_proportion_test(
    successes_a: Any,
    trials_a: Any,
    successes_b: Any,
    trials_b: Any,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Two-sided z-test of "rate a = rate b", plus a confidence interval of the difference.

    With p_a = x_a / n_a, p_b = x_b / n_b and the pooled rate p = (x_a + x_b) / (n_a + n_b)::

        z        = (p_a - p_b) / sqrt(p (1 - p) (1/n_a + 1/n_b))        (pooled SE)
        p_value  = erfc(|z| / sqrt(2))                                  (two-sided)
        diff CI  = (p_a - p_b) ± z_c * sqrt(p_a(1-p_a)/n_a + p_b(1-p_b)/n_b)   (unpooled SE)

    ``significant`` is ``p_value < 1 - confidence`` (0.05 by default). When both groups are
    all-0 or all-1 (pooled SE = 0, identical rates) z = 0 and p_value = 1; a group with no
    trials gives NaN. Vectorised: one row per pair (a Series input's index is kept,
    otherwise a RangeIndex).

    Returns columns ``rate_a``, ``rate_b``, ``difference``, ``z``, ``p_value``, ``diff_low``,
    ``diff_high``, ``significant``.

    >>> row = two_proportion_test(30, 100, 20, 100).iloc[0]
    >>> round(float(row.z), 3), round(float(row.p_value), 4)
    (1.633, 0.1025)
    """
    zc = _z_value(confidence)
    xa, na = _counts_pair("successes_a", successes_a, "trials_a", trials_a)
    xb, nb = _counts_pair("successes_b", successes_b, "trials_b", trials_b)
    try:
        xa, na, xb, nb = np.broadcast_arrays(xa, na, xb, nb)
    except ValueError:
        raise InvalidParameterError(
            message(
                "the a and b counts must have the same length (one pair per row), got {a} and {b}.",
                a=np.shape(xa),
                b=np.shape(xb),
            )
        ) from None
    xa, na, xb, nb = (np.atleast_1d(a).astype("float64") for a in (xa, na, xb, nb))
    if xa.ndim > 1:
        raise InvalidParameterError(
            message(
                "the counts must be numbers or one-dimensional (one pair of groups per row), got "
                "the shape {shape}.",
                shape=xa.shape,
            )
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        pa, pb = xa / na, xb / nb
        diff = pa - pb
        pooled = (xa + xb) / (na + nb)
        se0 = np.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
        z = np.where(se0 > 0, diff / se0, 0.0)
        z = np.where((na == 0) | (nb == 0), np.nan, z)
        p_value = np.where(np.isnan(z), np.nan, 1.0)
        finite = ~np.isnan(z)
        if finite.any():
            p_value[finite] = _erfc(np.abs(z[finite]) / math.sqrt(2)).astype("float64")
        se1 = np.sqrt(pa * (1 - pa) / na + pb * (1 - pb) / nb)
    out = pd.DataFrame(
        {
            "rate_a": pa,
            "rate_b": pb,
            "difference": diff,
            "z": z,
            "p_value": p_value,
            "diff_low": diff - zc * se1,
            "diff_high": diff + zc * se1,
            "significant": p_value < (1 - float(confidence)),
        }
    )
    index = _index_of(successes_a, trials_a, successes_b, trials_b)
    if index is not None and len(index) == len(out):
        out.index = index
    return out


def nps_interval(
    promoters: Any, detractors: Any, total: Any, *, confidence: float = 0.95
) -> tuple[Any, Any]:
    """Adjusted-Wald confidence interval of a Net Promoter Score (Rocks 2016).

    The promoter and detractor shares come from the same answers, so they are not
    independent: the variance of ``NPS = p_P - p_D`` is the trinomial one,
    ``(p_P + p_D - (p_P - p_D)²) / n``. The adjusted-Wald interval first adds 3 answers to
    ``n`` and 3/4 to each of promoters and detractors (B. Rocks, "Interval Estimation for the
    'Net Promoter Score'", The American Statistician 70(4), 2016, found it the best of six
    methods)::

        n' = n + 3,  P' = (P + 3/4) / n',  D' = (D + 3/4) / n'
        NPS' ± z * sqrt((P' + D' - (P' - D')²) / n'),   clipped to [-1, 1]

    Parameters
    ----------
    promoters, detractors, total : int or array-like
        Counts of promoters (9-10), detractors (0-6) and all answers (``nps_breakdown`` gives
        them). Element-wise like :func:`wilson_interval`.
    confidence : float, default 0.95
        Two-sided confidence level.

    Returns
    -------
    (low, high)
        Bounds of the NPS as fractions in [-1, 1]; NaN where ``total`` is 0.

    Raises
    ------
    InvalidCountError, InconsistentCountsError, InvalidParameterError
        For counts that are not whole and non-negative, promoters + detractors > total, or a
        confidence outside (0, 1).

    Examples
    --------
    >>> low, high = nps_interval(50, 20, 100)      # NPS = 0.30
    >>> round(low, 3), round(high, 3)
    (0.141, 0.442)
    """
    z = _z_value(confidence)
    p = as_counts("promoters", promoters)
    d = as_counts("detractors", detractors)
    n = as_counts("total", total)
    try:
        p, d, n = np.broadcast_arrays(p, d, n)
    except ValueError:
        raise InvalidParameterError(
            message(
                "promoters, detractors and total must have the same length, got {promoters}, "
                "{detractors} and {total}.",
                promoters=np.shape(p),
                detractors=np.shape(d),
                total=np.shape(n),
            )
        ) from None
    require_at_most(
        "promoters + detractors",
        p + d,
        "total",
        n,
        message(
            "promoters and detractors are parts of all answers, so together they cannot be more."
        ),
    )
    n_adj = n + 3.0
    pp, pd_ = (p + 0.75) / n_adj, (d + 0.75) / n_adj
    centre = pp - pd_
    half = z * np.sqrt((pp + pd_ - centre**2) / n_adj)
    empty = n == 0
    low = np.where(empty, np.nan, np.clip(centre - half, -1.0, 1.0))
    high = np.where(empty, np.nan, np.clip(centre + half, -1.0, 1.0))
    return _shape_back(low, promoters, detractors, total), _shape_back(
        high, promoters, detractors, total
    )
