"""Integer coding of customer ids and of ``by`` groups: one helper per job (internal core)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import DataValidationError

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


def customer_codes(
    ids: pd.Series, *, ordered: bool = False, dense: bool = True, dtype: str = "int64"
) -> tuple[np.ndarray, Any]:
    """Integer code 0..k-1 of each row's customer id and the k ids the codes stand for.

    ``codes[i]`` is the position of row i's id in the returned ids. Integer ids (and whole
    floats) in a compact range are coded without hashing (the fast path for big logs), in
    ascending order; other ids are factorized, in ascending order when ``ordered`` (ids of
    mixed types, e.g. 7 and "7a", by their text), else in order of first appearance.

    ``dense=False`` lets compact integer ids be their own code (id - smallest id): no lookup
    pass, but codes of ids absent from the data are unused (k = the id range), which counting
    code that tolerates empty customers can accept. ``dtype``: of the codes ("int32" saves
    memory and time in ``ufunc.at``).
    """
    values = ids.to_numpy() if isinstance(ids.dtype, np.dtype) else None
    if values is not None and values.dtype.kind == "f" and len(values):
        whole = np.isfinite(values).all() and (values == np.round(values)).all()
        values = values.astype("int64") if whole else None
    if values is not None and values.dtype.kind in "iu" and len(values):
        lo, hi = int(values.min()), int(values.max())
        if hi - lo <= 4 * len(values) + (1 << 20):
            if not dense:
                codes = np.empty(len(values), dtype=dtype)
                np.subtract(values, lo, out=codes, casting="unsafe")
                return codes, np.arange(lo, hi + 1).astype(ids.dtype)
            offset = values - values.dtype.type(lo)
            present = np.bincount(offset, minlength=hi - lo + 1) > 0
            lookup = (np.cumsum(present) - 1).astype(dtype)
            uniques = (np.flatnonzero(present) + lo).astype(ids.dtype)
            return lookup[offset], uniques
    try:
        codes, uniques = pd.factorize(ids, sort=ordered)
    except TypeError:
        try:
            codes, uniques = pd.factorize(ids, sort=False)
        except TypeError:  # unhashable cells: lists, dicts, arrays
            raise DataValidationError(
                f"the ids in column {ids.name!r} must be text or numbers, but some cells hold "
                "lists or other containers; take the id out of them first."
            ) from None
        order = np.argsort(np.asarray(uniques.astype(str)), kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        codes, uniques = rank[codes], uniques[order]
    return codes.astype(dtype, copy=False), uniques
