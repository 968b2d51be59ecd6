"""Export tables so that spreadsheets show them safely.

Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula
by Excel / LibreOffice / Google Sheets when a CSV is opened (CSV or formula injection: a customer
name like ``=HYPERLINK(...)`` in your data becomes a live link). Following the OWASP guidance,
such text gets a leading single quote ``'`` so it is shown as text. Numbers are left alone.

In a CSV every text field is also written between double quotes. A spreadsheet set to a
Russian (or German, French...) locale splits fields on ``;``, not ``,``: an unquoted cell
``x;=cmd|' /C calc'!A0`` would become two cells there, the second one a formula. Quoted, it
stays one text cell whatever the separator. For those spreadsheets ``sep=";"`` (with
``decimal=","``) writes the file they expect.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import InvalidParameterError

__all__ = ["spreadsheet_safe", "export_table"]

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: the largest sheet .xlsx can hold (header row included)
EXCEL_MAX_ROWS = 1_048_576
# characters that XML 1.0, and so .xlsx, cannot store (openpyxl's ILLEGAL_CHARACTERS_RE)
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CSV_SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}


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
    # the names are written as header cells too, whatever the labels' type
    if isinstance(index, pd.MultiIndex):
        levels = index.set_levels([_safe_index(level) for level in index.levels])
        return levels.set_names([_safe_text(name) for name in index.names])
    if index.dtype == object or pd.api.types.is_string_dtype(index):
        values = _safe_series(pd.Series(index, dtype=index.dtype))
        return pd.Index(values, name=_safe_text(index.name))
    return index.rename(_safe_text(index.name))


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


def export_table(
    df: pd.DataFrame,
    path: str | Path,
    *,
    index: bool = False,
    sep: str = ",",
    decimal: str = ".",
) -> Path:
    """Write a table so that a spreadsheet shows it safely, as ``.csv`` or ``.xlsx``.

    The table goes through :func:`spreadsheet_safe` first. A ``.csv`` is UTF-8 with a
    byte-order mark (so Excel shows Cyrillic correctly), rows end in ``\\r\\n`` (RFC 4180) and
    every text field is quoted (so no separator inside a cell can split it into a formula).

    Parameters
    ----------
    df : pandas.DataFrame
        The table to write; it is not modified.
    path : str or Path
        Where to write; the suffix chooses the format (``.csv`` or ``.xlsx``).
    index : bool, default False
        Also write the index.
    sep : {",", ";", "\\t"}, default ","
        CSV field separator. A spreadsheet in a Russian locale expects ``";"``.
    decimal : {".", ","}, default "."
        CSV decimal mark; a Russian-locale spreadsheet expects ``","`` (with ``sep=";"``).

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    InvalidParameterError
        For an unknown suffix or separator, a missing folder, and for what ``.xlsx`` cannot
        hold: more than 1,048,576 rows, control characters in a cell, MultiIndex columns
        without the index.

    Notes
    -----
    Excel cannot store time zones: tz-aware dates are written as local wall-clock time.

    Examples
    --------
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
    if sep not in _CSV_SEPARATORS:
        raise InvalidParameterError(
            f"sep={sep!r} is not a separator spreadsheets read; use ',' (the default), ';' "
            "(spreadsheets in a Russian locale) or '\\t'."
        )
    if decimal not in (".", ","):
        raise InvalidParameterError(f"decimal={decimal!r}: use '.' or ','.")
    if decimal == sep:
        raise InvalidParameterError(
            f"decimal={decimal!r} is also the separator; use sep=';' with decimal=','."
        )
    if not isinstance(df, pd.DataFrame):
        raise InvalidParameterError(
            f"export_table needs a pandas DataFrame, got {type(df).__name__}; wrap a Series "
            "with .to_frame()."
        )
    if suffix == ".xlsx":
        _check_fits_excel(df, index=index)
    safe = spreadsheet_safe(df)
    if suffix == ".csv":
        safe.to_csv(
            path,
            index=index,
            sep=sep,
            decimal=decimal,
            encoding="utf-8-sig",
            lineterminator="\r\n",
            quoting=csv.QUOTE_NONNUMERIC,
        )
        return path
    for col in range(safe.shape[1]):
        s = safe.iloc[:, col]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            safe.isetitem(col, s.dt.tz_localize(None))
    if isinstance(safe.index, pd.DatetimeIndex) and safe.index.tz is not None:
        safe.index = safe.index.tz_localize(None)
    safe.to_excel(path, index=index, engine="openpyxl")
    return path


def _check_fits_excel(df: pd.DataFrame, *, index: bool) -> None:
    """Refuse, before writing anything, what a .xlsx sheet cannot hold."""
    # MultiIndex columns with the index: one row per level, then a row of the index names
    multi = isinstance(df.columns, pd.MultiIndex)
    header_rows = df.columns.nlevels + 1 if multi and index else 1
    if len(df) + header_rows > EXCEL_MAX_ROWS:
        raise InvalidParameterError(
            f"the table has {len(df):,} rows; an .xlsx sheet holds at most "
            f"{EXCEL_MAX_ROWS - 1:,} below its header. Export to .csv instead, or filter the "
            "table first."
        )
    if isinstance(df.columns, pd.MultiIndex) and not index:
        raise InvalidParameterError(
            "the table has MultiIndex columns, which .xlsx can only write together with the "
            "index: pass index=True, or flatten them first, e.g. "
            "df.columns = ['_'.join(map(str, c)) for c in df.columns]."
        )
    for name in map(str, df.columns.to_flat_index()):
        if _XML_ILLEGAL.search(name):
            _illegal(name, f"the column name {name!r}")
    for i in range(df.shape[1]):
        s = df.iloc[:, i]
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(object)
        if not (s.dtype == object or pd.api.types.is_string_dtype(s)):
            continue
        hit = s.str.contains(_XML_ILLEGAL.pattern, regex=True)  # NaN for non-text cells
        hit = hit.astype(object).fillna(False).to_numpy(dtype=bool)
        if hit.any():
            row = int(hit.argmax())
            where = f"column {str(df.columns[i])!r}, row {row} (index {df.index[row]!r})"
            _illegal(s.iloc[row], where)


def _illegal(value: str, where: str) -> None:
    char = _XML_ILLEGAL.search(value).group()
    raise InvalidParameterError(
        f"{where} holds the control character {char!r}, which an .xlsx file cannot store. "
        "Export to .csv instead, or remove such characters first, e.g. "
        "df[col].str.replace(r'[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]', '', regex=True)."
    )
