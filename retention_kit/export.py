"""Export tables so that spreadsheets show them safely.

Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula
by Excel / LibreOffice / Google Sheets when a CSV is opened (CSV or formula injection: a customer
name like ``=HYPERLINK(...)`` in your data becomes a live link). Following the OWASP guidance,
such text gets a leading single quote ``'`` so it is shown as text. Numbers are left alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .errors import InvalidParameterError

__all__ = ["spreadsheet_safe", "export_table"]

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _safe_text(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(DANGEROUS_PREFIXES):
        return "'" + value
    return value


def _safe_series(s: pd.Series) -> pd.Series:
    if isinstance(s.dtype, pd.CategoricalDtype):
        cats = s.cat.categories
        if cats.dtype.kind in "OUT" or pd.api.types.is_string_dtype(cats):
            return s.cat.rename_categories(_safe_index(cats))
        return s
    if not (s.dtype == object or pd.api.types.is_string_dtype(s)):
        return s  # numbers, dates, booleans: never formulas
    hit = s.str.startswith(DANGEROUS_PREFIXES)  # NaN for non-text cells of object columns
    hit = hit.fillna(False).astype(bool) if hit.dtype == object else hit.fillna(False)
    if not hit.any():
        return s
    out = s.copy()
    out[hit] = "'" + s[hit].astype(str)
    return out


def _safe_index(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return index.set_levels([_safe_index(level) for level in index.levels])
    if index.dtype == object or pd.api.types.is_string_dtype(index):
        values = _safe_series(pd.Series(index, dtype=index.dtype))
        return pd.Index(values, name=_safe_text(index.name))
    return index


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells, column names and index labels starting with ``=``,
    ``+``, ``-``, ``@``, tab or carriage return get a leading ``'`` (OWASP CSV-injection advice);
    numbers (also negative ones) are left as they are. ``df`` is not modified.

    >>> spreadsheet_safe(pd.DataFrame({"name": ["=1+1", "Anna"], "x": [-1, 2]})).values.tolist()
    [["'=1+1", -1], ['Anna', 2]]
    """
    if not isinstance(df, pd.DataFrame):
        raise InvalidParameterError(
            f"spreadsheet_safe needs a pandas DataFrame, got {type(df).__name__}; wrap a Series "
            "with .to_frame()."
        )
    out = pd.DataFrame({i: _safe_series(df.iloc[:, i]) for i in range(df.shape[1])}, index=df.index)
    out.columns = _safe_index(df.columns)
    out.index = _safe_index(df.index)
    return out


def export_table(df: pd.DataFrame, path: str | Path, *, index: bool = False) -> Path:
    """Write ``df`` through :func:`spreadsheet_safe` to ``.csv`` (UTF-8 with a byte-order mark,
    so Excel shows Cyrillic correctly) or ``.xlsx`` (by the suffix); returns the path.

    Excel cannot store time zones: tz-aware dates are written as local wall-clock time.

    >>> import tempfile, os
    >>> p = export_table(pd.DataFrame({"a": [1]}), os.path.join(tempfile.mkdtemp(), "t.csv"))
    >>> p.suffix
    '.csv'
    """
    path = Path(path).expanduser()
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InvalidParameterError(
            f"cannot export to {str(path)!r}: the name must end in .csv or .xlsx, e.g. "
            "'report.xlsx'."
        )
    if not path.parent.exists():
        raise InvalidParameterError(
            f"the folder {str(path.parent)!r} does not exist; create it first or pick another path."
        )
    safe = spreadsheet_safe(df)
    if suffix == ".csv":
        # \r\n rows (RFC 4180): cells holding a \r or \n are then quoted, so they round-trip
        safe.to_csv(path, index=index, encoding="utf-8-sig", lineterminator="\r\n")
        return path
    for col in range(safe.shape[1]):
        s = safe.iloc[:, col]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            safe.isetitem(col, s.dt.tz_localize(None))
    if isinstance(safe.index, pd.DatetimeIndex) and safe.index.tz is not None:
        safe.index = safe.index.tz_localize(None)
    safe.to_excel(path, index=index, engine="openpyxl")
    return path
