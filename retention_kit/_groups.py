"""Grouping helpers shared by cohorts and day-N retention (internal)."""

from __future__ import annotations

import numpy as np
import pandas as pd

NO_VALUE_LABEL = "(none)"  # the group of rows whose `by` value is missing


def by_codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer code of each row's ``by`` value; missing values get the label "(none)" (last)."""
    try:
        codes, labels = pd.factorize(values, sort=True)
    except TypeError:  # mixed types that cannot be ordered: keep first-seen order
        codes, labels = pd.factorize(values, sort=False)
    labels = pd.Index(labels)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(labels), codes)
        labels = pd.Index([*labels.tolist(), NO_VALUE_LABEL], dtype=object)
    return codes, labels


def first_rows(codes: np.ndarray, t: np.ndarray, n: int) -> np.ndarray:
    """Row of each customer's (code's) first event: earliest time, then first in row order."""
    tfirst = np.full(n, np.iinfo("int64").max, dtype="int64")
    np.minimum.at(tfirst, codes, t)
    cand = np.flatnonzero(t == tfirst[codes])
    first_row = np.full(n, len(codes), dtype="int64")
    np.minimum.at(first_row, codes[cand], cand)
    return first_row
