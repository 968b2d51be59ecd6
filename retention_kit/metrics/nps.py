"""Net Promoter Score (NPS).

Customers answer "How likely are you to recommend us?" (articles 001 and 003 mention NPS but
give no scale). The standard 0-10 scale and scoring (not spelled out in the articles):

    NPS = share of promoters (9-10) - share of detractors (0-6)      in [-1, 1]

Passives (7-8) count in the total only.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from .._error_texts import message, num
from ..errors import InvalidScoreError


def _number(value: object) -> object:
    """A scalar as is; anything else (a list, an array) as NaN, reported as not a number."""
    return value if np.ndim(value) == 0 else np.nan


def _scores(scores: Iterable[float]) -> np.ndarray:
    if isinstance(scores, (str, bytes)):
        raise InvalidScoreError(
            message(
                "scores must be numbers from 0 to 10, got the text {value}.", value=repr(scores)
            )
        )
    if isinstance(scores, pd.DataFrame):
        raise InvalidScoreError(
            message(
                "scores must be one column of answers, got a DataFrame; pass the column, e.g. "
                "nps(survey['score'])."
            )
        )
    if isinstance(scores, pd.Series):
        values = scores
    else:
        try:
            values = pd.Series(list(scores), dtype=object)
        except TypeError:
            raise InvalidScoreError(
                message(
                    "scores must be a list, array or Series of 0-10 answers, got {value}; e.g. "
                    "nps([10, 9, 8, 3]).",
                    value=repr(scores),
                )
            ) from None
    if values.empty:
        raise InvalidScoreError(message("scores is empty: NPS needs at least one answer."))
    try:
        numeric = pd.to_numeric(values, errors="coerce")
    except TypeError:  # cells holding lists or arrays: those cells are "not a number"
        numeric = pd.to_numeric(values.map(_number), errors="coerce")
    bad = numeric.isna() & values.notna()
    if bad.any():
        pos = int(np.flatnonzero(bad.to_numpy())[0])
        raise InvalidScoreError(
            message(
                "scores has a value that is not a number at position {pos}: {value}. NPS scores "
                "are whole numbers from 0 to 10.",
                pos=pos,
                value=repr(values.iloc[pos]),
            )
        )
    if numeric.isna().any():
        pos = int(np.flatnonzero(numeric.isna().to_numpy())[0])
        raise InvalidScoreError(
            message(
                "scores has a missing answer at position {pos}; drop unanswered rows first (e.g. "
                "scores.dropna()).",
                pos=pos,
            )
        )
    arr = numeric.to_numpy(dtype=float)
    bad = (arr < 0) | (arr > 10) | (arr != np.round(arr))
    if bad.any():
        pos = int(np.flatnonzero(bad)[0])
        raise InvalidScoreError(
            message(
                "scores has {value} at position {pos}: NPS answers are whole numbers from 0 to 10.",
                value=num(arr[pos]),
                pos=pos,
            )
        )
    return arr


def nps_breakdown(scores: Iterable[float]) -> pd.DataFrame:
    """Promoters, passives and detractors: counts and shares (a tidy 3-row table).

    >>> nps_breakdown([10, 9, 8, 3])["count"].tolist()
    [2, 1, 1]
    """
    arr = _scores(scores)
    counts = [int((arr >= 9).sum()), int(((arr >= 7) & (arr <= 8)).sum()), int((arr <= 6).sum())]
    return pd.DataFrame(
        {
            "group": ["promoters", "passives", "detractors"],
            "scores": ["9-10", "7-8", "0-6"],
            "count": counts,
            "share": [c / arr.size for c in counts],
        }
    )


def nps(scores: Iterable[float]) -> float:
    """``NPS = promoters/total - detractors/total`` as a fraction in [-1, 1].

    >>> nps([10, 9, 8, 3])        # (2 - 1) / 4
    0.25
    """
    arr = _scores(scores)
    return float(((arr >= 9).sum() - (arr <= 6).sum()) / arr.size)
