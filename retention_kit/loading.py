"""Read and validate transaction logs and subscription tables.

Two entry points per kind of table:

- :func:`load_transactions` / :func:`load_subscriptions`: the careful, user-facing loaders. They
  check everything that commonly goes wrong with real exports (misspelled columns, mixed date
  formats or time zones, rows without a customer id, returns with negative amounts, duplicated
  rows) and say, for each problem, which column and row is at fault and what to do.
- :func:`prepare_transactions` / :func:`prepare_subscriptions`: the cheap internal path every
  computation calls on each run (O(n), no copy of the data): columns, empty table, dates,
  missing ids, numeric amounts.

The caller's DataFrame is never modified.
"""

from __future__ import annotations

import contextlib
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .core.columns import require_columns
from .errors import (
    DataQualityWarning,
    DataValidationError,
    DuplicateRowsError,
    EmptyDataError,
    InvalidAmountError,
    InvalidDateError,
    InvalidParameterError,
    MissingCustomerIdError,
)

__all__ = [
    "read_table",
    "load_transactions",
    "load_subscriptions",
    "prepare_transactions",
    "prepare_subscriptions",
]

ACCEPTED_FORMATS = (
    "a pandas DataFrame, a .csv / .csv.gz / .tsv file, a .parquet file or a folder of .parquet "
    "files, or an Excel .xlsx file"
)

_CSV_SUFFIXES = (".csv", ".txt", ".tsv")
_PARQUET_SUFFIXES = (".parquet", ".pq")
_EXCEL_SUFFIXES = (".xlsx", ".xlsm")

# an offset or zone after a time of day: "10:00+01:00", "10:00:00Z", "10:00 UTC", "10:00-0500"
_AWARE_PATTERN = r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)\s*$"
# families of date spellings that must not be mixed in one column
_DATE_FAMILIES = {
    "year first, e.g. 2011-01-05": r"^\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:$|[\sT])",
    "day/month or month/day first, e.g. 05/01/2011": r"^\s*\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?:$|\s)",
    "month as a word, e.g. 5 Jan 2011": r"(?i)"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
}


# --------------------------------------------------------------------------- reading


def _label(value: object) -> str:
    """A row label or cell value as a person reads it: 202, 'abc' (not np.int64(202))."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        with contextlib.suppress(ValueError, AttributeError):
            value = value.item()
    return repr(value)


def read_table(source: pd.DataFrame | str | Path) -> pd.DataFrame:
    """A DataFrame (returned as is), or a CSV / Parquet / Excel file read into one.

    Accepted: ``.csv`` (also ``.csv.gz``; UTF-8, else Windows-1251, else Latin-1), ``.tsv``,
    ``.parquet`` / ``.pq`` or a folder of Parquet files, ``.xlsx``. Anything else, or a path that
    does not exist, raises :class:`~retention_kit.errors.DataValidationError`.

    >>> read_table(pd.DataFrame({"a": [1]})).shape
    (1, 1)
    """
    if isinstance(source, pd.DataFrame):
        return source
    if not isinstance(source, (str, Path)):
        raise DataValidationError(
            f"cannot read a table from a {type(source).__name__}; give {ACCEPTED_FORMATS}."
        )
    path = Path(source).expanduser()
    if not path.exists():
        raise DataValidationError(
            f"file not found: {str(path)!r} (looked in {str(Path.cwd())!r}). Check the path; "
            f"accepted are {ACCEPTED_FORMATS}."
        )
    suffixes = [s.lower() for s in path.suffixes]
    suffix = suffixes[-1] if suffixes else ""
    if suffix in (".gz", ".zip", ".bz2", ".xz", ".zst") and len(suffixes) > 1:
        suffix = suffixes[-2]
    try:
        if path.is_dir():
            if not any(path.rglob("*.parquet")) and not any(path.rglob("*.pq")):
                raise DataValidationError(
                    f"the folder {str(path)!r} holds no .parquet files; a folder is read as a "
                    f"Parquet dataset. Accepted are {ACCEPTED_FORMATS}."
                )
            return pd.read_parquet(path)
        if suffix in _PARQUET_SUFFIXES:
            return pd.read_parquet(path)
        if suffix in _EXCEL_SUFFIXES:
            return pd.read_excel(path, engine="openpyxl")
        if suffix in _CSV_SUFFIXES:
            return _read_csv(path, sep="\t" if suffix == ".tsv" else ",")
    except DataValidationError:
        raise
    except (ValueError, OSError, ImportError) as exc:
        raise DataValidationError(
            f"could not read {str(path)!r} as a {suffix or 'table'} file: {exc}. "
            f"Check that the file is not damaged and is one of: {ACCEPTED_FORMATS}."
        ) from None
    hint = " (old .xls files: open and save as .xlsx or .csv)" if suffix == ".xls" else ""
    raise DataValidationError(
        f"cannot read {str(path)!r}: the suffix {suffix or '(none)'!r} is not a format this kit "
        f"reads{hint}. Accepted are {ACCEPTED_FORMATS}."
    )


def _ragged(path: Path, sep: str, encoding: str, header: list[str]) -> None:
    """Raise for lines with fewer fields than the header: pandas fills them with NaN, so a
    short line would show up as a missing customer id or date instead of what it is."""
    import pyarrow.csv as pa_csv

    short: list[Any] = []

    def collect(row: Any) -> str:
        short.append(row)
        return "skip"

    try:
        pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(use_threads=False, encoding=encoding),
            parse_options=pa_csv.ParseOptions(
                delimiter=sep, newlines_in_values=True, invalid_row_handler=collect
            ),
            convert_options=pa_csv.ConvertOptions(include_columns=[header[0]]),
        )
    except Exception:  # noqa: BLE001 - a check only: pandas has read the file already
        return
    short = [r for r in short if r.actual_columns < r.expected_columns]
    if short:
        row = short[0]
        where = f"line {row.number}" if row.number is not None else "a line"
        more = f" ({len(short)} lines are like it)" if len(short) > 1 else ""
        raise DataValidationError(
            f"{where} of {str(path)!r} is ragged: it has {row.actual_columns} fields where the "
            f"header has {row.expected_columns} ({row.text[:80]!r}){more}. A field is missing "
            "there, so the columns after it would be read as empty. Fix the line (add the "
            "missing field or the separators of empty ones) and read the file again."
        )


def _too_many_fields(path: Path, exc: Exception) -> DataValidationError | None:
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    if not found:
        return None
    expected, line, saw = found.groups()
    return DataValidationError(
        f"line {line} of {str(path)!r} is ragged: it has {saw} fields where the header has "
        f"{expected}. A value there probably holds the separator without quotes; quote that "
        "value or remove the extra separator, then read the file again."
    )


def _read_csv(path: Path, sep: str) -> pd.DataFrame:
    for encoding in ("utf-8", "cp1251", "latin-1"):
        try:
            df = pd.read_csv(path, sep=sep, encoding=encoding, low_memory=False)
        except UnicodeDecodeError:
            continue
        except pd.errors.ParserError as exc:
            raise _too_many_fields(path, exc) or exc from None
        if len(df.columns) > 1 and len(df) and df.iloc[:, -1].isna().to_numpy().any():
            _ragged(path, sep, encoding, [str(c) for c in df.columns])
        if encoding != "utf-8":
            warnings.warn(
                f"{str(path)!r} is not UTF-8; it was read as {encoding}. If letters look wrong, "
                "re-save the file as UTF-8.",
                DataQualityWarning,
                stacklevel=3,
            )
        return df
    raise DataValidationError(f"could not decode {str(path)!r}; re-save it as UTF-8.")


# --------------------------------------------------------------------------- checks


def _require(df: pd.DataFrame, args: dict[str, str | None]) -> None:
    """Every named column (``{argument: column}``) is in ``df`` (the one column checker)."""
    require_columns(df, args, required=("customer", "time", "start_time", "end_time"))
    named = [c for c in dict.fromkeys(args.values()) if c is not None]
    doubled = [c for c in named if (df.columns == c).sum() > 1]
    if doubled:
        raise DataValidationError(
            f"the table has more than one column named {doubled[0]!r}; rename them so that "
            "each name is unique (e.g. df.columns = [...]) and name the one to use."
        )


def _not_empty(df: pd.DataFrame, what: str = "the table") -> None:
    if len(df) == 0:
        raise EmptyDataError(
            f"{what} has no rows: nothing to analyse. Check the file / the filter applied before."
        )


def _example(series: pd.Series, mask: np.ndarray | pd.Series) -> str:
    """'row <label>: <value>' for the first row where ``mask`` is true."""
    mask = np.asarray(mask, dtype=bool)
    i = int(np.flatnonzero(mask)[0])
    value = series.iloc[i]
    if isinstance(value, np.generic):
        value = value.item()
    return f"row {_label(series.index[i])}: {_label(value)}"


def _check_option(name: str, value: Any, allowed: Sequence[str]) -> None:
    if not isinstance(value, str) or value not in allowed:
        raise InvalidParameterError(
            f"{name}={value!r} is not an option; use one of {', '.join(map(repr, allowed))}."
        )


# --------------------------------------------------------------------------- dates


def _looks_iso(series: pd.Series) -> bool:
    first = series.dropna()
    if len(first) == 0:
        return False
    value = first.iloc[0]
    return isinstance(value, str) and bool(pd.Series([value]).str.match(r"^\s*\d{4}-\d{2}").iloc[0])


def _aware_mask(series: pd.Series) -> pd.Series:
    """Which (non-missing) values carry a time zone / UTC offset."""
    text = series.astype("str")
    return text.str.contains(_AWARE_PATTERN, regex=True) & series.notna()


def _diagnose_dates(series: pd.Series, arg: str, column: str, dayfirst: bool) -> InvalidDateError:
    """The most useful error for a column pandas could not parse as dates."""
    present = series.notna().to_numpy()
    text = series.astype("str")
    # 1. time zones: some values with an offset, some without
    aware = _aware_mask(series).to_numpy()
    if aware.any() and (present & ~aware).any():
        return InvalidDateError(
            f"column {column!r} ({arg}=) mixes times with a time zone ({_example(series, aware)}) "
            f"and times without one ({_example(series, present & ~aware)}). The naive ones are "
            "ambiguous: convert the column to one convention (e.g. all UTC) before loading, or "
            "store them all with their offset."
        )
    # 2. spellings: ISO dates next to 05/01/2011 or 5 Jan 2011
    found = {}
    for family, pattern in _DATE_FAMILIES.items():
        hit = np.array(text.str.contains(pattern, regex=True) & series.notna(), dtype=bool)
        for earlier in found.values():
            hit &= ~earlier
        if hit.any():
            found[family] = hit
    if len(found) > 1:
        examples = "; ".join(f"{fam}: {_example(series, hit)}" for fam, hit in found.items())
        return InvalidDateError(
            f"column {column!r} ({arg}=) mixes date formats ({examples}). The kit does not guess "
            "which is which (05/01/2011 is 5 January or 1 May): clean the column to one format "
            "(ISO 2011-01-05 is safest), e.g. parse each part with pd.to_datetime(..., format=...)."
        )
    # 3. a consistent spelling that fails on some rows: day/month order or a bad value
    parsed = pd.to_datetime(series, errors="coerce", dayfirst=dayfirst)
    bad = present & parsed.isna().to_numpy()
    if bad.any():
        other = "True" if not dayfirst else "False"
        order_hint = (
            f" If the column is written day first (31/12/2011) pass dayfirst={other}."
            if "day/month or month/day first, e.g. 05/01/2011" in found
            else ""
        )
        return InvalidDateError(
            f"column {column!r} ({arg}=) has values that are not dates ({_example(series, bad)})."
            f"{order_hint} Fix or drop those rows, or name the right column in {arg}=."
        )
    return InvalidDateError(
        f"column {column!r} ({arg}=) could not be read as dates; clean it to one format (ISO "
        "2011-01-05 10:00 is safest) and try again."
    )


def _localize(parsed: pd.Series, tz: Any, arg: str, column: str) -> pd.Series:
    if tz is None:
        return parsed
    try:
        if parsed.dt.tz is not None:
            return parsed.dt.tz_convert(tz)
        out = parsed.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise InvalidParameterError(
            f"tz={tz!r} is not a time zone pandas knows ({exc}); use a name like 'Europe/Moscow' "
            "or 'UTC'."
        ) from None
    lost = (out.isna() & parsed.notna()).to_numpy()
    if lost.any():
        raise InvalidDateError(
            f"column {column!r} ({arg}=) has times that occur twice in {tz} (the hour repeated "
            f"when clocks go back), e.g. {_example(parsed, lost)}: the zone cannot tell which "
            "one is meant. Store the times in UTC (or with their offset) and pass tz= to convert."
        )
    return out


def _parse_times(
    series: pd.Series,
    arg: str,
    column: str,
    *,
    dayfirst: bool = False,
    tz: Any = None,
    allow_missing: bool = False,
) -> pd.Series:
    """``series`` as datetime64 (time zone kept or set by ``tz``); clear errors otherwise."""
    if pd.api.types.is_datetime64_any_dtype(series):
        parsed = series
    elif pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        present = series.notna().to_numpy()
        example = _example(series, present) if present.any() else "all missing"
        raise InvalidDateError(
            f"column {column!r} ({arg}=) holds numbers, not dates ({example}). If they are Unix "
            f"timestamps convert them first: df[{column!r}] = pd.to_datetime(df[{column!r}], "
            "unit='s'); otherwise name the date column in " + f"{arg}=."
        )
    else:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                if _looks_iso(series):
                    parsed = pd.to_datetime(series, format="ISO8601")
                else:
                    parsed = pd.to_datetime(series, dayfirst=dayfirst)
        except (ValueError, TypeError, OverflowError) as exc:
            if "Mixed timezones" in str(exc) and not (series.notna() & ~_aware_mask(series)).any():
                # every value has an offset, just not the same one (summer/winter time): UTC
                parsed = pd.to_datetime(series, format="ISO8601", utc=True)
            else:
                raise _diagnose_dates(series, arg, column, dayfirst) from None
        if not pd.api.types.is_datetime64_any_dtype(parsed):
            raise _diagnose_dates(series, arg, column, dayfirst)
    if not allow_missing:
        missing = parsed.isna().to_numpy()
        if missing.any():
            raise InvalidDateError(
                f"column {column!r} ({arg}=) is empty in {int(missing.sum())} rows (e.g. row "
                f"{series.index[int(np.flatnonzero(missing)[0])]!r}); drop or fill those rows "
                "before the analysis."
            )
    return _localize(parsed, tz, arg, column)


# --------------------------------------------------------------------------- ids and amounts


def _missing_customers(df: pd.DataFrame, customer: str, drop: bool, *, loader: str) -> pd.DataFrame:
    ids = df[customer]
    missing = ids.isna().to_numpy(copy=True)
    if ids.dtype.kind in "OTU" or pd.api.types.is_string_dtype(ids):
        missing |= (ids.astype("str").str.strip() == "").to_numpy() & ~missing
    n = int(missing.sum())
    if not n:
        return df
    label = df.index[int(np.flatnonzero(missing)[0])]
    if not drop:
        raise MissingCustomerIdError(
            f"column {customer!r} (customer=) is empty in {n} of {len(df)} rows (e.g. row "
            f"{label!r}). Rows without a customer cannot be attributed to anyone; drop them "
            f"explicitly with rk.{loader}(..., drop_missing_customers=True) or fill the ids."
        )
    warnings.warn(
        f"dropped {n} of {len(df)} rows with an empty {customer!r} (e.g. row {_label(label)}), as "
        "drop_missing_customers=True asked.",
        DataQualityWarning,
        stacklevel=3,
    )
    out = df.loc[~missing]
    _not_empty(out, f"the table (after dropping {n} rows without a customer id)")
    return out


def _whole_float_ids(ids: pd.Series) -> pd.Series:
    """Float ids that are all whole numbers (UCI's CustomerID 17850.0) as int64."""
    if ids.dtype.kind == "f" and not ids.isna().any():
        values = ids.to_numpy()
        if np.isfinite(values).all() and (values == np.round(values)).all():
            return ids.astype("int64")
    return ids


def _numeric_amounts(series: pd.Series, column: str) -> pd.Series:
    if pd.api.types.is_bool_dtype(series):
        raise InvalidAmountError(
            f"column {column!r} (amount=) holds True/False, not money amounts; name the column "
            "with the amount of each purchase in amount=."
        )
    if pd.api.types.is_datetime64_any_dtype(series) or pd.api.types.is_timedelta64_dtype(series):
        raise InvalidAmountError(
            f"column {column!r} (amount=) holds dates or durations, not money amounts; name the "
            "column with the amount of each purchase in amount=."
        )
    if pd.api.types.is_numeric_dtype(series):
        out = series
    else:
        try:
            out = pd.to_numeric(series, errors="coerce")
        except OverflowError:  # a Python int beyond float range
            raise InvalidAmountError(
                f"column {column!r} (amount=) has a number too large to compute with (more than "
                "about 1.8e308); check that column for a damaged value."
            ) from None
        bad = (out.isna() & series.notna()).to_numpy()
        if bad.any():
            raise InvalidAmountError(
                f"column {column!r} (amount=) has values that are not numbers "
                f"({int(bad.sum())} rows, e.g. {_example(series, bad)}). Remove currency signs "
                "and thousands separators and use a decimal point (12.50, not 12,50), e.g. "
                f"df[{column!r}].str.replace(',', '.').astype(float)."
            )
    missing = out.isna().to_numpy()
    if missing.any():
        raise InvalidAmountError(
            f"column {column!r} (amount=) is empty in {int(missing.sum())} rows (e.g. row "
            f"{series.index[int(np.flatnonzero(missing)[0])]!r}); fill them (e.g. with 0) or drop "
            "those rows."
        )
    inf = np.isinf(out.to_numpy(dtype="float64"))
    if inf.any():
        raise InvalidAmountError(
            f"column {column!r} (amount=) has infinite values ({_example(series, inf)}); fix them."
        )
    return out


# --------------------------------------------------------------------------- transactions


def load_transactions(
    source: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    amount: str | None = None,
    order: str | None = None,
    drop_missing_customers: bool = False,
    negative_amounts: str = "error",
    duplicates: str = "warn",
    tz: Any = None,
    dayfirst: bool = False,
) -> pd.DataFrame:
    """Read and validate a transaction log; a new DataFrame with every column of the input.

    ``time`` becomes datetime64 (``tz``: localise naive / convert aware times to that zone),
    ``amount`` numeric, whole-number float ids (17850.0) int64. Each problem raises an error
    naming the column, an example row and the fix: missing columns, no rows, unparsable dates,
    mixed date formats or mixed naive/aware times, rows without a customer
    (``drop_missing_customers=True`` drops them with a warning), non-numeric amounts, negative
    amounts (returns; ``negative_amounts="drop"`` or ``"keep"``). Exact duplicate rows:
    ``duplicates="warn"`` (default, a :class:`~retention_kit.errors.DataQualityWarning`),
    ``"drop"``, ``"error"`` or ``"keep"``. Row labels of the input are kept.

    >>> log = pd.DataFrame({"id": [1, 2], "t": ["2024-01-05", "2024-02-01"], "paid": ["5", "7.5"]})
    >>> clean = load_transactions(log, customer="id", time="t", amount="paid")
    >>> clean.dtypes.astype(str).tolist()
    ['int64', 'datetime64[us]', 'float64']
    """
    _check_option("negative_amounts", negative_amounts, ("error", "drop", "keep"))
    _check_option("duplicates", duplicates, ("warn", "drop", "error", "keep"))
    df = read_table(source)
    _require(df, {"customer": customer, "time": time, "amount": amount, "order": order})
    _not_empty(df)
    df = _missing_customers(df, customer, drop_missing_customers, loader="load_transactions")
    out = df.copy(deep=False)
    out[customer] = _whole_float_ids(df[customer])
    out[time] = _parse_times(df[time], "time", time, dayfirst=dayfirst, tz=tz)
    if amount is not None:
        out[amount] = _numeric_amounts(df[amount], amount)
        negative = (out[amount] < 0).to_numpy()
        n_neg = int(negative.sum())
        if n_neg and negative_amounts == "error":
            raise InvalidAmountError(
                f"column {amount!r} (amount=) has {n_neg} negative amounts (e.g. "
                f"{_example(out[amount], negative)}). They are usually returns or cancellations "
                "(in UCI Online Retail, invoices starting with 'C'). Pass "
                "negative_amounts='drop' to remove those rows, or negative_amounts='keep' to "
                "keep them (they then reduce the customer's monetary value)."
            )
        if n_neg and negative_amounts == "drop":
            warnings.warn(
                f"dropped {n_neg} rows with a negative {amount!r} (returns/cancellations), as "
                "negative_amounts='drop' asked.",
                DataQualityWarning,
                stacklevel=2,
            )
            out = out.loc[~negative]
            _not_empty(out, "the table (after dropping negative amounts)")
    if duplicates != "keep":
        out = _duplicates(out, duplicates)
    return out


def _duplicates(df: pd.DataFrame, mode: str) -> pd.DataFrame:
    try:
        dup = df.duplicated(keep="first").to_numpy()
    except TypeError:  # unhashable cells (lists): compare their text
        dup = df.astype("str").duplicated(keep="first").to_numpy()
    n = int(dup.sum())
    if not n:
        return df
    i = int(np.flatnonzero(dup)[0])
    row = {k: str(v) for k, v in df.iloc[i].to_dict().items()}
    what = f"{n} rows are exact copies of an earlier row (e.g. row {_label(df.index[i])}: {row})"
    if mode == "error":
        raise DuplicateRowsError(
            f"{what}. Pass duplicates='drop' to remove the copies, or 'keep' if repeated "
            "identical rows are real (e.g. two identical items bought at once)."
        )
    if mode == "drop":
        warnings.warn(f"{what}; dropped them as duplicates='drop' asked.", DataQualityWarning, 3)
        return df.loc[~dup]
    warnings.warn(
        f"{what}. They are kept; pass duplicates='drop' to remove them, or 'keep' to silence "
        "this warning if they are real.",
        DataQualityWarning,
        stacklevel=3,
    )
    return df


def prepare_transactions(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    amount: str | None = None,
    extra: Iterable[str] = (),
) -> pd.DataFrame:
    """Internal entry point of every log computation: a new frame with only the needed columns,
    `time` as datetime64, `amount` numeric, no missing customer ids. O(n), no copy of the data
    (copy-on-write); never mutates `data`. No duplicate check (that is load_transactions')."""
    df = read_table(data)
    extra = tuple(extra)
    args: dict[str, str | None] = {"customer": customer, "time": time, "amount": amount}
    args.update({f"column #{i + 1} of the extra": c for i, c in enumerate(extra)})
    _require(df, args)
    _not_empty(df)
    cols = list(dict.fromkeys([customer, time, *([amount] if amount else []), *extra]))
    out = df[cols]
    if out[customer].isna().any():
        _missing_customers(out, customer, False, loader="load_transactions")
    if not pd.api.types.is_datetime64_any_dtype(out[time]) or out[time].isna().any():
        out = out.assign(**{time: _parse_times(out[time], "time", time)})
    if amount is not None:  # numbers, none empty, none infinite: the only amount check
        checked = _numeric_amounts(out[amount], amount)
        if checked is not out[amount]:
            out = out.assign(**{amount: checked})
    return out


# --------------------------------------------------------------------------- subscriptions


def _subscription_dates(
    df: pd.DataFrame, start: str, end: str, tz: Any
) -> tuple[pd.Series, pd.Series]:
    # start / end: the column names given as start_time= / end_time=
    s = _parse_times(df[start], "start_time", start, tz=tz)
    if df[end].isna().all() and not pd.api.types.is_datetime64_any_dtype(df[end]):
        e = pd.Series(pd.NaT, index=df.index, dtype=s.dtype)
    else:
        e = _parse_times(df[end], "end_time", end, tz=tz, allow_missing=True)
    s_tz, e_tz = getattr(s.dt, "tz", None), getattr(e.dt, "tz", None)
    if (s_tz is None) != (e_tz is None):
        raise InvalidDateError(
            f"column {start!r} (start_time=) is {'naive' if s_tz is None else f'in {s_tz}'} but "
            f"{end!r} (end_time=) is {'naive' if e_tz is None else f'in {e_tz}'}; pass tz= (e.g. "
            "tz='UTC') to put both in one time zone."
        )
    if e.dtype != s.dtype:
        e = e.astype(s.dtype)
    before = (e < s).to_numpy()
    if before.any():
        i = int(np.flatnonzero(before)[0])
        raise InvalidDateError(
            f"{int(before.sum())} subscriptions end before they start, e.g. row "
            f"{_label(df.index[i])}: {start}={s.iloc[i]}, {end}={e.iloc[i]}. Check whether the two "
            "columns are swapped or the row is a data-entry error, and fix or drop it."
        )
    return s, e


def load_subscriptions(
    source: pd.DataFrame | str | Path,
    *,
    customer: str,
    start_time: str,
    end_time: str,
    tz: Any = None,
    drop_missing_customers: bool = False,
) -> pd.DataFrame:
    """Read and validate a subscription table (one row per subscription); a new DataFrame.

    ``start_time`` / ``end_time`` (column names) become datetime64 (``tz``: localise / convert);
    an empty end means the subscription is still active. Errors as in :func:`load_transactions`;
    an end before its start raises :class:`~retention_kit.errors.InvalidDateError` naming the row.

    >>> subs = pd.DataFrame({"id": [1], "from": ["2024-01-01"], "to": [None]})
    >>> out = load_subscriptions(subs, customer="id", start_time="from", end_time="to")
    >>> out["to"].isna().tolist()
    [True]
    """
    start, end = start_time, end_time
    df = read_table(source)
    _require(df, {"customer": customer, "start_time": start, "end_time": end})
    _not_empty(df)
    df = _missing_customers(df, customer, drop_missing_customers, loader="load_subscriptions")
    s, e = _subscription_dates(df, start, end, tz)
    out = df.copy(deep=False)
    out[customer] = _whole_float_ids(df[customer])
    out[start] = s
    out[end] = e
    return out


def prepare_subscriptions(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    start_time: str,
    end_time: str,
    amount: str | None = None,
) -> pd.DataFrame:
    """Internal path of subscription computations: columns ``customer``, ``start_time``,
    ``end_time`` with datetime64 dates (end NaT = active), checked like
    :func:`load_subscriptions`; with ``amount`` (e.g. the monthly price) also that column,
    numeric and finite."""
    start, end = start_time, end_time
    df = read_table(data)
    args = {"customer": customer, "start_time": start, "end_time": end}
    if amount is not None:
        args["amount"] = amount
    _require(df, args)
    _not_empty(df)
    out = df[list(dict.fromkeys(args.values()))]
    if out[customer].isna().any():
        _missing_customers(out, customer, False, loader="load_subscriptions")
    s, e = _subscription_dates(out, start, end, None)
    out = out.assign(**{start: s, end: e})
    if amount is not None:
        out = out.assign(**{amount: _numeric_amounts(out[amount], amount)})
    return out
