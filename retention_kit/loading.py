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

import bz2
import codecs
import contextlib
import csv
import gzip
import lzma
import re
import warnings
import zipfile
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
from .i18n import text as _msg

__all__ = [
    "read_table",
    "load_transactions",
    "load_subscriptions",
    "prepare_transactions",
    "prepare_subscriptions",
    "EARLIEST_DATE",
    "RETURNS_POLICIES",
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


_SOURCE = "retention_kit_source"  # attrs key: where the rows came from (file name, line offset)
_CHECKS = "retention_kit"  # attrs key: what load_transactions found and did (notes, returns)
_SAMPLE_BYTES = 1 << 20
_SEPARATORS = (",", ";", "\t", "|")
# a number written with a decimal comma, optionally with space / no-break-space thousands:
# 1234,50  1 234,50  1\u00a0234,5  -12  (and no other characters)
_COMMA_NUMBER = r"[+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,\d+)?"
_CANONICAL_INT = r"-?(?:0|[1-9]\d{0,17})"


def _label(value: object) -> str:
    """A row label or cell value as a person reads it: 202, 'abc' (not np.int64(202))."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        with contextlib.suppress(ValueError, AttributeError):
            value = value.item()
    return repr(value)


def _where(data: pd.DataFrame | pd.Series, label: object) -> str:
    """Where a row is, as the user finds it: 'line 7 of sales.csv' for a row read from a CSV
    file (the header is line 1), 'row 5 of sales.xlsx' for Excel / Parquet, else 'row <label>'
    (the index label of the user's DataFrame)."""
    source = data.attrs.get(_SOURCE) if hasattr(data, "attrs") else None
    if source and isinstance(label, (int, np.integer)) and not isinstance(label, bool):
        return _msg(
            source["unit"] + " {line:d} of {name!r}",  # "line ..." or "row ..."
            line=int(label) + source["offset"],
            name=source["name"],
        )
    return _msg("row {label}", label=_label(label))


def _sniff_encoding(sample: bytes) -> str:
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    cut = sample[: sample.rfind(b"\n") + 1] or sample
    for encoding in ("utf-8", "cp1251"):
        try:
            cut.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return "latin-1"


def _sniff_sep(text: str) -> str:
    """The field separator of a CSV sample: the candidate that splits the header into the most
    fields with every following line splitting the same way (',' when nothing does)."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if len(lines) > 1:
        lines = lines[:-1]  # the sample may end inside the last line
    best, best_score = ",", (0.0, 1)
    for sep in _SEPARATORS:
        counts = [len(row) for row in csv.reader(lines, delimiter=sep)]
        if not counts or counts[0] < 2:
            continue
        score = (sum(c == counts[0] for c in counts) / len(counts), counts[0])
        if score > best_score:
            best, best_score = sep, score
    return best


def _open_sample(path: Path) -> bytes:
    opener = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}.get(path.suffix.lower(), open)
    try:
        if path.suffix.lower() == ".zip":  # pandas reads the one file inside: so does the sniffing
            with zipfile.ZipFile(path) as archive, archive.open(archive.namelist()[0]) as handle:
                return handle.read(_SAMPLE_BYTES)
        with opener(path, "rb") as handle:
            return handle.read(_SAMPLE_BYTES)
    except (OSError, EOFError, IndexError, lzma.LZMAError, zipfile.BadZipFile):
        return b""


def _comma_decimals(df: pd.DataFrame, skip: Sequence[str], notes: list[str]) -> pd.DataFrame:
    """Text columns written with a decimal comma (1 234,50) as numbers; the others untouched."""
    converted = {}
    for column in df.columns:
        values = df[column]
        if column in skip or not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        present = values.dropna()
        if not len(present):
            continue
        # text columns (names, products) are ruled out on their first rows, not scanned whole
        if not present.iloc[:200].astype("str").str.strip().str.fullmatch(_COMMA_NUMBER).all():
            continue
        text = present.astype("str").str.strip()
        if not text.str.fullmatch(_COMMA_NUMBER).all():
            continue
        grouped = text.str.contains(r"[,\s\u00a0\u202f]", regex=True)
        if not grouped.any():
            continue
        clean = text
        for space in (" ", "\u00a0", "\u202f"):
            clean = clean.str.replace(space, "", regex=False)
        numbers = pd.to_numeric(clean.str.replace(",", ".", regex=False)).astype("float64")
        converted[column] = numbers.reindex(values.index)
        example = str(text[grouped].iloc[0])
        notes.append(
            _msg(
                "decimal comma in column {column!r} ({example!r} read as {number:g})",
                column=column,
                example=example,
                number=_comma(example),
            )
        )
    return df.assign(**converted) if converted else df


def _comma(text: str) -> float:
    return float(re.sub(r"[\s\u00a0\u202f]", "", str(text)).replace(",", "."))


def _text_ids(df: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Id columns read as text: integers when every id is written as one (7, 1203: no leading
    zero, sign or space, so the number prints back to the same text), or every id as a whole
    float (17850.0, what pandas writes for an integer column with gaps; one spelling for all,
    so no two ids merge); else the text as given ('007' and '7' stay two customers)."""
    converted = {}
    for column in columns:
        if column not in df.columns:
            continue
        values = df[column]
        if not (values.dtype == object or pd.api.types.is_string_dtype(values)):
            continue
        present = values.dropna().astype("str")
        if not len(present):
            continue
        if present.str.fullmatch(_CANONICAL_INT).all():
            ints = values.astype("Int64")
        elif present.str.fullmatch(_CANONICAL_INT + r"\.0").all():
            ints = values.str.slice(stop=-2).astype("Int64")
        else:
            continue
        converted[column] = ints if ints.isna().any() else ints.astype("int64")
    return df.assign(**converted) if converted else df


def read_table(
    source: pd.DataFrame | str | Path,
    *,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    text_columns: Sequence[str] = (),
    nrows: int | None = None,
) -> pd.DataFrame:
    """A DataFrame (returned as is), or a CSV / Parquet / Excel file read into one.

    Accepted: ``.csv`` (also ``.csv.gz``), ``.tsv``, ``.txt``, ``.parquet`` / ``.pq`` or a folder
    of Parquet files, ``.xlsx``. Anything else, or a path that does not exist, raises
    :class:`~retention_kit.errors.DataValidationError`.

    CSV files are read as spreadsheet programs write them, with no options needed: the encoding
    (UTF-8, else Windows-1251, else Latin-1), the field separator (``,``, ``;``, tab or ``|``:
    the one that splits every line into the same number of fields) and, in files not separated
    by commas, numbers with a decimal comma and space / no-break-space thousands (``1 234,50``)
    are detected. A Russian Excel export (``;``, ``1 234,50``, cp1251) thus reads as it is; what
    was detected is said in a :class:`~retention_kit.errors.DataQualityWarning` and kept in
    ``frame.attrs["retention_kit"]["notes"]``. ``sep=``, ``decimal=`` and ``encoding=``
    override the detection.

    ``text_columns`` (the id columns, e.g. the customer id) are read as text, so that ``007``
    and ``7`` stay two customers; they become integers only when every value is written as a
    plain integer (``7``, ``1203``), which prints back to the same text. ``nrows=0`` reads the
    header only. Rows read from a file remember where they came from: errors name the file's
    line (the header is line 1).

    >>> read_table(pd.DataFrame({"a": [1]})).shape
    (1, 1)
    """
    if isinstance(source, pd.DataFrame):
        return source
    if not isinstance(source, (str, Path)):
        raise DataValidationError(
            _msg(
                "cannot read a table from a {type}; give {accepted}.",
                type=type(source).__name__,
                accepted=_msg(ACCEPTED_FORMATS),
            )
        )
    for name, value in (("sep", sep), ("decimal", decimal), ("encoding", encoding)):
        if value is not None and (not isinstance(value, str) or not value):
            raise InvalidParameterError(
                _msg(
                    "{name}={value!r}: give a non-empty text, e.g. sep=';', decimal=',', "
                    "encoding='cp1251'.",
                    name=name,
                    value=value,
                )
            )
    if decimal is not None and len(decimal) != 1:
        raise InvalidParameterError(
            _msg("decimal={decimal!r}: give one character, '.' or ','.", decimal=decimal)
        )
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InvalidParameterError(
                _msg(
                    "encoding={encoding!r} is not an encoding Python knows; use e.g. 'utf-8', "
                    "'cp1251' or 'latin-1'.",
                    encoding=encoding,
                )
            ) from None
    path = Path(source).expanduser()
    if not path.exists():
        raise DataValidationError(
            _msg(
                "file not found: {path!r} (looked in {cwd!r}). Check the path; accepted are "
                "{accepted}.",
                path=str(path),
                cwd=str(Path.cwd()),
                accepted=_msg(ACCEPTED_FORMATS),
            )
        )
    suffixes = [s.lower() for s in path.suffixes]
    suffix = suffixes[-1] if suffixes else ""
    if suffix in (".gz", ".zip", ".bz2", ".xz", ".zst") and len(suffixes) > 1:
        suffix = suffixes[-2]
    text_columns = [c for c in text_columns if c is not None]
    try:
        if path.is_dir():
            if not any(path.rglob("*.parquet")) and not any(path.rglob("*.pq")):
                raise DataValidationError(
                    _msg(
                        "the folder {path!r} holds no .parquet files; a folder is read as a "
                        "Parquet dataset. Accepted are {accepted}.",
                        path=str(path),
                        accepted=_msg(ACCEPTED_FORMATS),
                    )
                )
            return _remember(pd.read_parquet(path), path, "row", 1)
        if suffix in _PARQUET_SUFFIXES:
            frame = pd.read_parquet(path)
            return _remember(frame if nrows is None else frame.iloc[:nrows], path, "row", 1)
        if suffix in _EXCEL_SUFFIXES:
            frame = pd.read_excel(
                path, engine="openpyxl", dtype={c: "str" for c in text_columns}, nrows=nrows
            )
            return _remember(_text_ids(frame, text_columns), path, "row", 2)
        if suffix in _CSV_SUFFIXES:
            return _read_csv(
                path,
                sep=sep or ("\t" if suffix == ".tsv" else None),
                decimal=decimal,
                encoding=encoding,
                text_columns=text_columns,
                nrows=nrows,
            )
    except DataValidationError:
        raise
    except (ValueError, OSError, ImportError, UnicodeError, csv.Error, zipfile.BadZipFile) as exc:
        raise DataValidationError(
            _msg(
                "could not read {path!r} as a {suffix} file: {exc}. Check that the file is not "
                "damaged and is one of: {accepted}; for a CSV, sep=, decimal= and encoding= "
                "(CLI: --sep, --decimal, --encoding) set how it is read.",
                path=str(path),
                suffix=suffix or _msg("table"),
                exc=str(exc),
                accepted=_msg(ACCEPTED_FORMATS),
            )
        ) from None
    hint = _msg(" (old .xls files: open and save as .xlsx or .csv)") if suffix == ".xls" else ""
    raise DataValidationError(
        _msg(
            "cannot read {path!r}: the suffix {suffix!r} is not a format this kit reads{hint}. "
            "Accepted are {accepted}.",
            path=str(path),
            suffix=suffix or _msg("(none)"),
            hint=hint,
            accepted=_msg(ACCEPTED_FORMATS),
        )
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
        if row.number is not None:
            where = _msg("line {number} of {path!r}", number=str(row.number), path=str(path))
        else:
            where = _msg("a line of {path!r}", path=str(path))
        more = ""
        if len(short) > 1:
            more = _msg(" ({n} lines are like it)", n=str(len(short)))
        raise DataValidationError(
            _msg(
                "{where} is ragged: it has {actual} fields where the header has {expected} "
                "({line!r}){more}. A field is missing there, so the columns after it would be "
                "read as empty. Fix the line (add the missing field or the separators of empty "
                "ones) and read the file again.",
                where=where,
                actual=str(row.actual_columns),
                expected=str(row.expected_columns),
                line=row.text[:80],
                more=more,
            )
        )


def _too_many_fields(path: Path, exc: Exception) -> DataValidationError | None:
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    if not found:
        return None
    expected, line, saw = found.groups()
    return DataValidationError(
        _msg(
            "{where} is ragged: it has {saw} fields where the header has {expected}. A value "
            "there probably holds the separator without quotes; quote that value or remove the "
            "extra separator, then read the file again.",
            where=_msg("line {number} of {path!r}", number=line, path=str(path)),
            saw=saw,
            expected=expected,
        )
    )


def _remember(frame: pd.DataFrame, path: Path, unit: str, offset: int) -> pd.DataFrame:
    if isinstance(frame.index, pd.RangeIndex) and frame.index.start == 0:
        frame.attrs[_SOURCE] = {"name": path.name, "unit": unit, "offset": offset}
    return frame


def _read_csv(
    path: Path,
    *,
    sep: str | None,
    decimal: str | None,
    encoding: str | None,
    text_columns: Sequence[str],
    nrows: int | None,
) -> pd.DataFrame:
    sample = _open_sample(path)
    notes: list[str] = []
    chosen = encoding or _sniff_encoding(sample)
    if sep is None:
        sep = _sniff_sep(sample.decode(chosen, errors="replace"))
        if sep != ",":
            notes.append(_msg("fields separated by {sep!r}", sep=sep))
    options: dict[str, Any] = {
        "sep": sep,
        "dtype": {c: "str" for c in text_columns},
        "low_memory": False,
        "nrows": nrows,
    }
    if decimal is not None:
        options["decimal"] = decimal
    try:
        frame = pd.read_csv(path, encoding=chosen, **options)
    except pd.errors.ParserError as exc:
        raise _too_many_fields(path, exc) or exc from None
    except UnicodeDecodeError:
        if encoding is not None:
            raise DataValidationError(
                _msg(
                    "{path!r} is not written in encoding={encoding!r}; leave encoding= out to "
                    "let the kit detect it, or give the right one (e.g. 'cp1251', 'utf-8').",
                    path=str(path),
                    encoding=encoding,
                )
            ) from None
        # the sample looked like UTF-8 (or cp1251) but a later byte is not: cp1251, else Latin-1
        # (which decodes any byte), as the sniffing would have said had it seen that byte
        try:
            chosen = "cp1251"
            frame = pd.read_csv(path, encoding=chosen, **options)
        except UnicodeDecodeError:
            chosen = "latin-1"
            frame = pd.read_csv(path, encoding=chosen, **options)
    ragged_check = nrows is None and len(sep) == 1 and len(frame.columns) > 1 and len(frame)
    if ragged_check and frame.iloc[:, -1].isna().to_numpy().any():
        _ragged(path, sep, chosen, [str(c) for c in frame.columns])
    if encoding is None and chosen not in ("utf-8", "utf-8-sig"):
        notes.append(
            _msg(
                "encoding {encoding} (the file is not UTF-8; if letters look wrong, pass "
                "encoding=)",
                encoding=chosen,
            )
        )
    if decimal == "," or (decimal is None and sep != ","):
        frame = _comma_decimals(frame, text_columns, notes if decimal is None else [])
    frame = _text_ids(frame, text_columns)
    if notes and nrows != 0:
        found = "; ".join(notes)
        frame.attrs[_CHECKS] = {"notes": [_msg("read {name!r}: ", name=path.name) + found]}
        warnings.warn(
            _msg(
                "read {path!r} as a spreadsheet export: {found}. If that is wrong, pass sep=, "
                "decimal=, encoding= (CLI: --sep, --decimal, --encoding).",
                path=str(path),
                found=found,
            ),
            DataQualityWarning,
            stacklevel=4,
        )
    return _remember(frame, path, "line", 2)


# --------------------------------------------------------------------------- checks


def _require(df: pd.DataFrame, args: dict[str, str | None]) -> None:
    """Every named column (``{argument: column}``) is in ``df`` (the one column checker)."""
    require_columns(df, args, required=("customer", "time", "start_time", "end_time"))
    named = [c for c in dict.fromkeys(args.values()) if c is not None]
    doubled = [c for c in named if (df.columns == c).sum() > 1]
    if doubled:
        raise DataValidationError(
            _msg(
                "the table has more than one column named {column!r}; rename them so that each "
                "name is unique (e.g. df.columns = [...]) and name the one to use.",
                column=doubled[0],
            )
        )


def _not_empty(df: pd.DataFrame, what: str | None = None) -> None:
    if len(df) == 0:
        raise EmptyDataError(
            _msg(
                "{what} has no rows: nothing to analyse. Check the file / the filter applied "
                "before.",
                what=what or _msg("the table"),
            )
        )


def _example(series: pd.Series, mask: np.ndarray | pd.Series) -> str:
    """'line 7 of 'f.csv': <value>' (a file) or 'row <label>: <value>' for the first row where
    ``mask`` is true."""
    mask = np.asarray(mask, dtype=bool)
    i = int(np.flatnonzero(mask)[0])
    value = series.iloc[i]
    if isinstance(value, np.generic):
        value = value.item()
    return f"{_where(series, series.index[i])}: {_label(value)}"


def _check_option(name: str, value: Any, allowed: Sequence[str]) -> None:
    if not isinstance(value, str) or value not in allowed:
        raise InvalidParameterError(
            _msg(
                "{name}={value!r} is not an option; use one of {allowed}.",
                name=name,
                value=value,
                allowed=", ".join(map(repr, allowed)),
            )
        )


# --------------------------------------------------------------------------- dates

# dates outside EARLIEST_DATE .. today + LATEST_AHEAD are refused (placeholders and typing
# errors: 9999-12-31, 1900-01-01, 1970-01-01 = Unix time 0); one such row would stretch every
# period and cohort table over decades or centuries
EARLIEST_DATE = pd.Timestamp("1990-01-01")
LATEST_AHEAD = pd.Timedelta(days=366)
# day, separator, month (or month, separator, day), the same separator, year
_DMY = r"^\s*(\d{1,2})([./-])(\d{1,2})\2(\d{2}|\d{4})(?:$|[\sT,])"


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


def _day_first(
    series: pd.Series, arg: str, column: str, dayfirst: bool | None, notes: list[str] | None
) -> bool:
    """Whether text dates like 05/01/2024 are day first: as given, or read off the values.

    A value whose first number is above 12 (23/02/2024) is day first, one whose second number is
    (02/23/2024) month first; dotted dates (23.02.2024) are the day-first convention. When every
    value could be either, the kit refuses to guess.
    """
    distinct = pd.Series(pd.unique(series.dropna().to_numpy(dtype=object)), dtype=object)
    if not len(distinct):
        return bool(dayfirst)
    parts = distinct.astype("str").str.extract(_DMY)  # per distinct date, not per row
    hit = parts[0].notna().to_numpy()
    if not hit.all():
        return bool(dayfirst)  # not (only) d/m/y text: pandas, then _diagnose_dates, decide
    if dayfirst is not None:
        return dayfirst
    first = pd.to_numeric(parts[0]).to_numpy()
    second = pd.to_numeric(parts[2]).to_numpy()

    def rows(which: np.ndarray) -> np.ndarray:
        return series.isin(distinct[which].tolist()).to_numpy()

    day = first > 12
    month = second > 12
    if day.any() and month.any():
        raise InvalidDateError(
            _msg(
                "column {column!r} ({arg}=) has dates written day first ({day}) and month first "
                "({month}). Clean the column to one order (ISO 2024-02-23 is safest) before "
                "loading.",
                column=column,
                arg=arg,
                day=_example(series, rows(day)),
                month=_example(series, rows(month)),
            )
        )
    if day.any() or month.any():
        order = "day first (dd/mm/yyyy)" if day.any() else "month first (mm/dd/yyyy)"
        if notes is not None:
            notes.append(
                _msg(
                    "column {column!r} read {order}, as {example} shows; pass dayfirst={other} "
                    "or date_format= to read it otherwise",
                    column=column,
                    order=_msg(order),
                    example=_example(series, rows(day | month)),
                    other=str(not day.any()),
                )
            )
        return bool(day.any())
    hit = series.notna().to_numpy()
    if (parts[1] == ".").all():
        if notes is not None:
            notes.append(
                _msg(
                    "column {column!r} read day first (dd.mm.yyyy, e.g. {example}); pass "
                    "dayfirst=False or date_format= to read it otherwise",
                    column=column,
                    example=_example(series, hit),
                )
            )
        return True
    raise InvalidDateError(
        _msg(
            "column {column!r} ({arg}=): every date has day and month at most 12 (e.g. "
            "{example}), so each could be day first or month first (05/01/2024 is 5 January or "
            "1 May) and the kit does not guess. Pass dayfirst=True (day first, 31/12/2024), "
            "dayfirst=False (month first, 12/31/2024) or the exact format, e.g. "
            "date_format='%d/%m/%Y' (CLI: --dayfirst / --date-format).",
            column=column,
            arg=arg,
            example=_example(series, hit),
        )
    )


def _diagnose_dates(
    series: pd.Series, arg: str, column: str, dayfirst: bool, date_format: str | None = None
) -> InvalidDateError:
    """The most useful error for a column pandas could not parse as dates."""
    present = series.notna().to_numpy()
    text = series.astype("str")
    if date_format is not None:
        try:
            # utc=True: offsets that differ (%z) are no error here, only the bad values are
            parsed = pd.to_datetime(series, errors="coerce", format=date_format, utc=True)
        except ValueError as exc:  # a bad directive: '%Q', a stray '%'
            return InvalidDateError(
                _msg(
                    "date_format={date_format!r} is not a date format ({exc}); write it with "
                    "strftime codes, e.g. '%d.%m.%Y' for 23.02.2024 or '%Y-%m-%d %H:%M'.",
                    date_format=date_format,
                    exc=str(exc),
                )
            )
        bad = present & parsed.isna().to_numpy()
        example = f" ({_example(series, bad)})" if bad.any() else ""
        return InvalidDateError(
            _msg(
                "column {column!r} ({arg}=) has values that do not match date_format="
                "{date_format!r}{example}. Fix or drop those rows, or give the format the "
                "column is written in (e.g. '%d.%m.%Y' for 23.02.2024).",
                column=column,
                arg=arg,
                date_format=date_format,
                example=example,
            )
        )
    # 1. time zones: some values with an offset, some without
    aware = _aware_mask(series).to_numpy()
    if aware.any() and (present & ~aware).any():
        return InvalidDateError(
            _msg(
                "column {column!r} ({arg}=) mixes times with a time zone ({aware}) and times "
                "without one ({naive}). The naive ones are ambiguous: convert the column to one "
                "convention (e.g. all UTC) before loading, or store them all with their offset.",
                column=column,
                arg=arg,
                aware=_example(series, aware),
                naive=_example(series, present & ~aware),
            )
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
        examples = "; ".join(f"{_msg(fam)}: {_example(series, hit)}" for fam, hit in found.items())
        return InvalidDateError(
            _msg(
                "column {column!r} ({arg}=) mixes date formats ({examples}). The kit does not "
                "guess which is which (05/01/2011 is 5 January or 1 May): clean the column to "
                "one format (ISO 2011-01-05 is safest), e.g. parse each part with "
                "pd.to_datetime(..., format=...).",
                column=column,
                arg=arg,
                examples=examples,
            )
        )
    # 3. a consistent spelling that fails on some rows: day/month order or a bad value
    # every value has an offset here if any has (step 1): in UTC, offsets may differ
    parsed = pd.to_datetime(series, errors="coerce", dayfirst=dayfirst, utc=bool(aware.any()))
    bad = present & parsed.isna().to_numpy()
    if bad.any():
        other = "True" if not dayfirst else "False"
        order_hint = ""
        if "day/month or month/day first, e.g. 05/01/2011" in found:
            order_hint = _msg(
                " If the column is written day first pass dayfirst=True (or date_format=)."
                if other == "True"
                else " If the column is written month first pass dayfirst=False (or date_format=)."
            )
        return InvalidDateError(
            _msg(
                "column {column!r} ({arg}=) has values that are not dates ({example}).{hint} "
                "Fix or drop those rows, or name the right column in {arg}=.",
                column=column,
                arg=arg,
                example=_example(series, bad),
                hint=order_hint,
            )
        )
    return InvalidDateError(
        _msg(
            "column {column!r} ({arg}=) could not be read as dates; clean it to one format (ISO "
            "2011-01-05 10:00 is safest) or pass date_format=, and try again.",
            column=column,
            arg=arg,
        )
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
            _msg(
                "tz={tz!r} is not a time zone pandas knows ({exc}); use a name like "
                "'Europe/Moscow' or 'UTC'.",
                tz=tz,
                exc=str(exc),
            )
        ) from None
    lost = (out.isna() & parsed.notna()).to_numpy()
    if lost.any():
        raise InvalidDateError(
            _msg(
                "column {column!r} ({arg}=) has times that occur twice in {tz} (the hour "
                "repeated when clocks go back), e.g. {example}: the zone cannot tell which one "
                "is meant. Store the times in UTC (or with their offset) and pass tz= to convert.",
                column=column,
                arg=arg,
                tz=str(tz),
                example=_example(parsed, lost),
            )
        )
    return out


def _check_date_range(parsed: pd.Series, given: pd.Series, arg: str, column: str) -> None:
    """Refuse dates before EARLIEST_DATE or more than a year ahead (O(n): a min and a max)."""
    if not len(parsed):
        return
    tz = getattr(parsed.dt, "tz", None)
    earliest = EARLIEST_DATE if tz is None else EARLIEST_DATE.tz_localize("UTC")
    latest = pd.Timestamp.now(tz="UTC").normalize() + LATEST_AHEAD
    if tz is None:
        latest = latest.tz_localize(None)
    # the integer view (UTC for aware times) in numpy: a min and a max, 1 ms per million rows
    ticks = np.asarray(parsed.array.asi8)
    unit = parsed.array.unit
    if not (ticks == np.iinfo("int64").min).any():
        lo, hi = int(ticks.min()), int(ticks.max())
        first, last = (int(b.as_unit(unit).asm8.view("int64")) for b in (earliest, latest))
        if first <= lo and hi <= last:
            return
    else:
        lo, hi = parsed.min(), parsed.max()
        if pd.isna(lo) or (lo >= earliest and hi <= latest):
            return
    bad = ((parsed < earliest) | (parsed > latest)).to_numpy()
    source = given if given.index.equals(parsed.index) else parsed
    still = ""
    if arg == "end_time":
        still = _msg(" An end date that means 'still active' is left empty.")
    raise InvalidDateError(
        _msg(
            "column {column!r} ({arg}=) has {n:d} dates outside {earliest} .. {latest} (e.g. "
            "{example}). Dates like 9999-12-31, 1900-01-01 or 1970-01-01 (Unix time 0) are "
            "placeholders or typing errors, and one of them would stretch every period and "
            "cohort table over decades. Fix or drop those rows before the analysis, e.g. "
            "df = df[df[{column!r}].between('{first}', '{latest}')].{still}",
            column=column,
            arg=arg,
            n=int(bad.sum()),
            earliest=str(earliest.date()),
            latest=str(latest.date()),
            example=_example(source, bad),
            first=str(EARLIEST_DATE.date()),
            still=still,
        )
    )


def _distinct_to_datetime(series: pd.Series, **options: Any) -> pd.Series:
    """pd.to_datetime on each distinct text once (a log repeats its dates; strptime per row
    cost 4 s per million rows), spread back to the rows."""
    codes, distinct = pd.factorize(series)
    parsed = pd.DatetimeIndex(pd.to_datetime(pd.Series(distinct, dtype=object), **options))
    return pd.Series(
        parsed.take(codes, allow_fill=True, fill_value=pd.NaT), index=series.index, name=series.name
    )


def _parse_times(
    series: pd.Series,
    arg: str,
    column: str,
    *,
    dayfirst: bool | None = None,
    date_format: str | None = None,
    tz: Any = None,
    allow_missing: bool = False,
    notes: list[str] | None = None,
) -> pd.Series:
    """``series`` as datetime64 (time zone kept or set by ``tz``); clear errors otherwise."""
    if pd.api.types.is_datetime64_any_dtype(series):
        parsed = series
    elif pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        present = series.notna().to_numpy()
        example = _example(series, present) if present.any() else "all missing"
        raise InvalidDateError(
            _msg(
                "column {column!r} ({arg}=) holds numbers, not dates ({example}). If they are "
                "Unix timestamps convert them first: df[{column!r}] = pd.to_datetime("
                "df[{column!r}], unit='s'); otherwise name the date column in {arg}=.",
                column=column,
                arg=arg,
                example=example if present.any() else _msg("all missing"),
            )
        )
    else:
        # pandas reads the words 'now' and 'today' as the moment of loading: never a log's date
        words = series.isin(("now", "today")).to_numpy()
        if words.any():
            raise InvalidDateError(
                _msg(
                    "column {column!r} ({arg}=) has {n:d} values that are the word 'now' or "
                    "'today', not a date ({example}); pandas would read them as the moment of "
                    "loading. Write the real date there, or drop those rows.",
                    column=column,
                    arg=arg,
                    n=int(words.sum()),
                    example=_example(series, words),
                )
            )
        day_first = False
        options: dict[str, Any] = {"format": date_format}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                if date_format is not None:
                    parsed = _distinct_to_datetime(series, **options)
                elif _looks_iso(series):
                    options = {"format": "ISO8601"}
                    parsed = pd.to_datetime(series, **options)
                else:
                    day_first = _day_first(series, arg, column, dayfirst, notes)
                    options = {"dayfirst": day_first}
                    parsed = _distinct_to_datetime(series, **options)
        except (ValueError, TypeError, OverflowError) as exc:
            if isinstance(exc, InvalidDateError):
                raise
            parsed = None
            if "Mixed timezones" in str(exc) and (
                date_format is not None or not (series.notna() & ~_aware_mask(series)).any()
            ):
                # every value has an offset (the format's %z, or each text's own), just not the
                # same one (summer/winter time): UTC, read as the first attempt read them
                with contextlib.suppress(ValueError, TypeError, OverflowError):
                    parsed = _distinct_to_datetime(series, utc=True, **options)
            if parsed is None:
                raise _diagnose_dates(series, arg, column, day_first, date_format) from None
        if not pd.api.types.is_datetime64_any_dtype(parsed):
            raise _diagnose_dates(series, arg, column, day_first, date_format)
    if not allow_missing:
        missing = parsed.isna().to_numpy()
        if missing.any():
            raise InvalidDateError(
                _msg(
                    "column {column!r} ({arg}=) is empty in {n:d} rows (e.g. {where}); drop or "
                    "fill those rows before the analysis.",
                    column=column,
                    arg=arg,
                    n=int(missing.sum()),
                    where=_where(series, series.index[int(np.flatnonzero(missing)[0])]),
                )
            )
    _check_date_range(parsed, series, arg, column)
    return _localize(parsed, tz, arg, column)


# --------------------------------------------------------------------------- ids and amounts


def _blank_ids(ids: pd.Series) -> np.ndarray:
    """Missing ids: NaN / None / NA, and text ids of only spaces ('' or '   ')."""
    missing = ids.isna().to_numpy(copy=True)
    if ids.dtype.kind in "OTU" or pd.api.types.is_string_dtype(ids):
        text = ids.astype("str").str.strip() == ""
        missing |= text.to_numpy(dtype=bool) & ~missing
    return missing


def _has_blank_ids(ids: pd.Series) -> bool:
    """Cheap test for _blank_ids().any(), run by every analysis: text ids are trimmed by Arrow
    (one pass in C), never by a Python loop per row."""
    if not (ids.dtype.kind in "OTU" or pd.api.types.is_string_dtype(ids)):
        return bool(ids.isna().any())
    if isinstance(ids.dtype, pd.StringDtype):  # Arrow-backed already
        return bool(ids.isna().any() or ids.str.strip().eq("").any())
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        text = pa.array(ids.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):  # ids of mixed types
        return bool(_blank_ids(ids).any())
    if text.null_count:
        return True
    return bool(pc.any(pc.equal(pc.utf8_trim_whitespace(text), "")).as_py())


def _missing_customers(df: pd.DataFrame, customer: str, drop: bool, *, loader: str) -> pd.DataFrame:
    ids = df[customer]
    missing = _blank_ids(ids)
    n = int(missing.sum())
    if not n:
        return df
    where = _where(df, df.index[int(np.flatnonzero(missing)[0])])
    if not drop:
        raise MissingCustomerIdError(
            _msg(
                "column {customer!r} (customer=) is empty in {n:d} of {rows:d} rows (e.g. {where}; "
                "an id of only spaces counts as empty). Rows without a customer cannot be "
                "attributed to anyone; drop them explicitly with "
                "rk.{loader}(..., drop_missing_customers=True) or fill the ids.",
                customer=customer,
                n=n,
                rows=len(df),
                where=where,
                loader=loader,
            )
        )
    warnings.warn(
        _msg(
            "dropped {n:d} of {rows:d} rows with an empty {customer!r} (e.g. {where}), as "
            "drop_missing_customers=True asked.",
            n=n,
            rows=len(df),
            customer=customer,
            where=where,
        ),
        DataQualityWarning,
        stacklevel=3,
    )
    out = df.loc[~missing]
    _not_empty(out, _msg("the table (after dropping {n:d} rows without a customer id)", n=n))
    return out


def _plain_ids(ids: pd.Series) -> pd.Series:
    """Float ids that are all whole numbers (UCI's CustomerID 17850.0) and nullable integer ids
    without a gap as int64; any other ids as given (1.0 and 1.5 stay two customers)."""
    if ids.dtype.kind == "f" and not ids.isna().any():
        values = ids.to_numpy()
        if np.isfinite(values).all() and (values == np.round(values)).all():
            return ids.astype("int64")
    if isinstance(ids.dtype, pd.Int64Dtype) and not ids.isna().any():
        return ids.astype("int64")
    return ids


def _numeric_amounts(series: pd.Series, column: str, arg: str = "amount") -> pd.Series:
    if pd.api.types.is_bool_dtype(series):
        raise InvalidAmountError(
            _msg(
                "column {column!r} ({arg}=) holds True/False, not numbers; name the column with "
                "the {arg} of each purchase in {arg}=.",
                column=column,
                arg=arg,
            )
        )
    if pd.api.types.is_datetime64_any_dtype(series) or pd.api.types.is_timedelta64_dtype(series):
        raise InvalidAmountError(
            _msg(
                "column {column!r} ({arg}=) holds dates or durations, not numbers; name the "
                "column with the {arg} of each purchase in {arg}=.",
                column=column,
                arg=arg,
            )
        )
    if pd.api.types.is_numeric_dtype(series):
        out = series
    else:
        try:
            out = pd.to_numeric(series, errors="coerce")
        except OverflowError:  # a Python int beyond float range
            raise InvalidAmountError(
                _msg(
                    "column {column!r} ({arg}=) has a number too large to compute with (more "
                    "than about 1.8e308); check that column for a damaged value.",
                    column=column,
                    arg=arg,
                )
            ) from None
        bad = (out.isna() & series.notna()).to_numpy()
        if bad.any():
            raise InvalidAmountError(
                _msg(
                    "column {column!r} ({arg}=) has values that are not numbers ({n:d} rows, "
                    "e.g. {example}). Remove currency signs and thousands separators and use a "
                    "decimal point (12.50, not 12,50), e.g. df[{column!r}].str.replace(',', '.')"
                    ".astype(float); a CSV file written with decimal commas reads with "
                    "decimal=',' (CLI: --decimal ,).",
                    column=column,
                    arg=arg,
                    n=int(bad.sum()),
                    example=_example(series, bad),
                )
            )
    missing = out.isna().to_numpy()
    if missing.any():
        raise InvalidAmountError(
            _msg(
                "column {column!r} ({arg}=) is empty in {n:d} rows (e.g. {where}); fill them "
                "(e.g. with 0) or drop those rows.",
                column=column,
                arg=arg,
                n=int(missing.sum()),
                where=_where(series, series.index[int(np.flatnonzero(missing)[0])]),
            )
        )
    inf = np.isinf(out.to_numpy(dtype="float64"))
    if inf.any():
        raise InvalidAmountError(
            _msg(
                "column {column!r} ({arg}=) has infinite values ({example}); fix or drop those "
                "rows.",
                column=column,
                arg=arg,
                example=_example(series, inf),
            )
        )
    return out


def _negative_amounts(df: pd.DataFrame, amount: str) -> None:
    """Negative amounts reach an analysis only through load_transactions(returns='net')."""
    if df.attrs.get(_CHECKS, {}).get("returns") == "net":
        return
    values = df[amount].to_numpy(dtype="float64")
    negative = values < 0
    if negative.any():
        raise InvalidAmountError(
            _msg(
                "column {amount!r} (amount=) has {n:d} negative amounts (e.g. {example}). They "
                "are returns or cancellations, not purchases, and would count as activity and "
                "lower revenue unannounced. Load the log first with "
                "rk.load_transactions(..., returns='net') (returns subtracted from the "
                "customer's revenue) or returns='drop' (returns left out), and pass its result.",
                amount=amount,
                n=int(negative.sum()),
                example=_example(df[amount], negative),
            )
        )


# --------------------------------------------------------------------------- transactions

RETURNS_POLICIES = ("error", "net", "drop")
_OLD_NEGATIVE = {"error": "error", "drop": "drop", "keep": "net"}


def _returns_policy(returns: str | None, negative_amounts: str | None) -> str:
    if returns is not None and negative_amounts is not None:
        raise InvalidParameterError(
            _msg("give returns= only (negative_amounts= is its old name), not both.")
        )
    if negative_amounts is not None:
        _check_option("negative_amounts", negative_amounts, tuple(_OLD_NEGATIVE))
        return _OLD_NEGATIVE[negative_amounts]
    policy = "error" if returns is None else returns
    _check_option("returns", policy, RETURNS_POLICIES)
    return policy


def _returns(
    out: pd.DataFrame,
    is_return: np.ndarray,
    policy: str,
    *,
    customer: str,
    time: str,
    amount: str | None,
    what: str,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Apply the returns policy; the rows kept and what was done (counted for the report)."""
    n = int(is_return.sum())
    ids = out[customer]
    summary: dict[str, Any] = {
        "policy": policy,
        "return_rows": n,
        "customers_with_returns": 0,
        "customers_only_returns": 0,
        "returned_amount": 0.0,
        "unmatched_rows": 0,
        "amounts": None if amount is None else ("net of returns" if policy == "net" else "gross"),
    }
    if not n:
        return out, summary
    if policy == "error":
        raise InvalidAmountError(
            _msg(
                "{n:d} rows are returns or cancellations ({what}; e.g. {where}). A return is not "
                "a purchase: pass returns='net' to subtract returns from the customer's revenue, "
                "or returns='drop' to leave them out (CLI: --returns net / drop).",
                n=n,
                what=what,
                where=_where(out, out.index[int(np.flatnonzero(is_return)[0])]),
            )
        )
    buyers = pd.unique(ids.to_numpy(dtype=object)[~is_return])
    returners = pd.Series(pd.unique(ids.to_numpy(dtype=object)[is_return]), dtype=object)
    summary["customers_with_returns"] = len(returners)
    summary["customers_only_returns"] = int((~returners.isin(buyers)).sum())
    keep = ~is_return
    kept = out.loc[keep]
    if amount is not None:
        values = out[amount].to_numpy(dtype="float64")
        back = -np.abs(values[is_return])  # a return takes money back, whatever the signs
        summary["returned_amount"] = float(-back.sum())
        if policy == "net":
            ret_pos = np.flatnonzero(is_return)
            buy_pos = np.flatnonzero(keep)
            # customers as integer codes: one key type for ids of any (even mixed) types, and
            # the customers every analysis sees (1 and '1' stay two)
            codes = pd.factorize(ids.to_numpy(dtype=object))[0]
            times = out[time].to_numpy()
            left = pd.DataFrame({"c": codes[ret_pos], "t": times[ret_pos]})
            left["r"] = np.arange(len(ret_pos))
            right = pd.DataFrame({"c": codes[buy_pos], "t": times[buy_pos]})
            right["b"] = buy_pos
            left = left.sort_values("t", kind="stable")
            right = right.sort_values("t", kind="stable")
            match = pd.merge_asof(left, right, on="t", by="c", direction="backward")
            found = match["b"].notna().to_numpy()
            summary["unmatched_rows"] = int((~found).sum())
            target = match["b"].to_numpy()[found].astype("int64")
            netted = values + np.bincount(
                target, weights=back[match["r"].to_numpy()[found]], minlength=len(values)
            )
            kept = kept.assign(**{amount: netted[keep]})
    return kept, summary


def _returns_note(summary: dict[str, Any], amount: str | None, what: str) -> str:
    s = summary
    money = _msg(" worth {amount:,.2f}", amount=s["returned_amount"]) if amount is not None else ""
    note = _msg(
        "{rows:,} rows are returns or cancellations ({what}){money}, from {customers:,} customers; "
        "{only:,} of them only returned goods (no purchase in the log) and so are not counted as "
        "customers. Returns never count as activity, an order or a cohort start. ",
        rows=s["return_rows"],
        what=what,
        money=money,
        customers=s["customers_with_returns"],
        only=s["customers_only_returns"],
    )
    if s["policy"] == "drop":
        note += _msg("As returns='drop' asked, they are dropped")
        note += _msg(": amounts are gross (returns not subtracted).") if amount else "."
    elif amount is None:
        note += _msg(
            "As returns='net' asked they are removed; with no amount there is nothing to net."
        )
    else:
        note += _msg(
            "As returns='net' asked, each return's amount is subtracted from the customer's latest "
            "purchase at or before it: amounts are net of returns"
        )
        if s["unmatched_rows"]:
            note += _msg(
                "; {n:,} returns have no earlier purchase of their customer in the log (bought "
                "before it starts) and are dropped",
                n=s["unmatched_rows"],
            )
        note += "."
    return note


def load_transactions(
    source: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    amount: str | None = None,
    quantity: str | None = None,
    price: str | None = None,
    order: str | None = None,
    returns: str | None = None,
    drop_missing_customers: bool = False,
    duplicates: str = "warn",
    tz: Any = None,
    dayfirst: bool | None = None,
    date_format: str | None = None,
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    negative_amounts: str | None = None,
) -> pd.DataFrame:
    """Read and validate a transaction log; a new DataFrame with every column of the input.

    ``time`` becomes datetime64 (``tz``: localise naive / convert aware times to that zone),
    ``amount`` numeric. Ids are kept as given (``"007"`` and ``"7"``, ``1.0`` and ``1.5`` are
    different customers); only whole-number float ids (17850.0) become int64. Each problem
    raises an error naming the column, an example row (for a file: its line, the header being
    line 1) and the fix: missing columns, no rows, unparsable dates, mixed date formats or mixed
    naive/aware times, dates before 1990 or more than a year ahead (placeholders like
    9999-12-31), rows without a customer (``drop_missing_customers=True`` drops them with a
    warning; an id of only spaces is empty), non-numeric or infinite amounts.

    Parameters
    ----------
    source : DataFrame or path
        The log, or a file :func:`read_table` reads (``sep``, ``decimal``, ``encoding`` are
        passed to it; the customer and order ids are read as text).
    customer, time : str
        The customer id and purchase time columns.
    amount : str, optional
        The money of each row. With ``quantity`` and ``price``: the name of the column the kit
        adds, amount = quantity × price (default ``"amount"``; it must not exist yet).
    quantity, price : str, optional
        Units and unit price. A negative ``quantity`` marks a return even without a price.
    order : str, optional
        The order id (read as text from files).
    returns : {"error", "net", "drop"}, default "error"
        What to do with returns and cancellations: rows with a negative amount or a negative
        quantity (a zero amount is a free item, a purchase). A return is never a purchase: it
        never counts as activity, an order or a cohort start, so its row is never kept as one.
        ``"error"`` (the default) stops and names one; ``"net"`` subtracts each return's amount
        from the customer's latest purchase at or before it (revenue net of returns; a return
        with no earlier purchase of its customer is dropped, counted); ``"drop"`` leaves returns
        out (amounts gross). The rows and customers affected (also those who only returned
        goods) are said in a :class:`~retention_kit.errors.DataQualityWarning` and kept in
        ``result.attrs["retention_kit"]``. Without an amount or quantity, returns cannot be told
        apart from purchases.
    drop_missing_customers : bool, default False
    duplicates : {"warn", "drop", "error", "keep"}, default "warn"
        Exact duplicate rows: a warning, dropped (with a warning), an error, or kept silently.
    tz : str, optional
    dayfirst : bool, optional
        Text dates like 05/01/2024: read off the values when some day or month is above 12
        (and dotted 23.02.2024 as day first), said in the warning; refused when every value
        could be either. ``True`` / ``False`` decide.
    date_format : str, optional
        The exact format, e.g. ``"%d.%m.%Y %H:%M"``.
    sep, decimal, encoding : str, optional
        How to read a CSV file (default: detected, see :func:`read_table`).
    negative_amounts : {"error", "drop", "keep"}, optional
        The old name of ``returns`` ("keep" is now ``"net"``).

    Returns
    -------
    DataFrame
        Row labels of the input kept; ``attrs["retention_kit"]`` holds ``notes`` (what was
        detected and done), ``returns`` (the policy) and ``returns_summary``.

    >>> log = pd.DataFrame({"id": [1, 2], "t": ["2024-01-05", "2024-02-01"], "paid": ["5", "7.5"]})
    >>> clean = load_transactions(log, customer="id", time="t", amount="paid")
    >>> clean.dtypes.astype(str).tolist()
    ['int64', 'datetime64[us]', 'float64']
    """
    policy = _returns_policy(returns, negative_amounts)
    _check_option("duplicates", duplicates, ("warn", "drop", "error", "keep"))
    if price is not None and quantity is None:
        raise InvalidParameterError(
            _msg(
                "price={price!r} needs quantity= too: the amount is quantity x price.", price=price
            )
        )
    df = read_table(
        source, sep=sep, decimal=decimal, encoding=encoding, text_columns=(customer, order)
    )
    notes = list(df.attrs.get(_CHECKS, {}).get("notes", []))
    _require(
        df,
        {
            "customer": customer,
            "time": time,
            "quantity": quantity,
            "price": price,
            "order": order,
            **({} if price else {"amount": amount}),
        },
    )
    if price is not None:
        amount = amount or "amount"
        if amount in df.columns:
            raise InvalidParameterError(
                _msg(
                    "amount={amount!r}: with quantity= and price= the kit adds the amount column "
                    "(quantity x price), but the table already has a column {amount!r}. Name the "
                    "new column with amount='...', or pass amount= alone to use the existing one.",
                    amount=amount,
                )
            )
    _not_empty(df)
    df = _missing_customers(df, customer, drop_missing_customers, loader="load_transactions")
    out = df.copy(deep=False)
    out.attrs = {k: v for k, v in df.attrs.items() if k != _CHECKS}
    out[customer] = _plain_ids(df[customer])
    read_notes: list[str] = []
    out[time] = _parse_times(
        df[time], "time", time, dayfirst=dayfirst, date_format=date_format, tz=tz, notes=read_notes
    )
    if read_notes:
        notes += read_notes
        warnings.warn("; ".join(read_notes) + ".", DataQualityWarning, stacklevel=2)
    is_return = np.zeros(len(out), dtype=bool)
    signs = []
    if quantity is not None:
        out[quantity] = _numeric_amounts(df[quantity], quantity, "quantity")
        is_return |= (out[quantity] < 0).to_numpy()
        signs.append(_msg("negative {column!r}", column=quantity))
    if price is not None:
        out[price] = _numeric_amounts(df[price], price, "price")
        with np.errstate(over="ignore", invalid="ignore"):
            product = out[quantity].astype("float64") * out[price].astype("float64")
        product.attrs = dict(out.attrs)
        out[amount] = _numeric_amounts(product, f"{quantity} x {price}", "amount")
    elif amount is not None:
        out[amount] = _numeric_amounts(df[amount], amount)
    if amount is not None:
        is_return |= (out[amount] < 0).to_numpy()
        signs.insert(0, _msg("negative {column!r}", column=amount))
    what = _msg(" or ").join(signs)
    out, summary = _returns(
        out, is_return, policy, customer=customer, time=time, amount=amount, what=what
    )
    if summary["return_rows"]:
        note = _returns_note(summary, amount, what)
        notes.append(note)
        warnings.warn(note, DataQualityWarning, stacklevel=2)
    _not_empty(out, _msg("the table (after taking out the returns)"))
    if duplicates != "keep":
        out = _duplicates(out, duplicates)
    out.attrs[_CHECKS] = {"notes": notes, "returns": policy, "returns_summary": summary}
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
    what = _msg(
        "{n:d} rows are exact copies of an earlier row (e.g. {where}: {row})",
        n=n,
        where=_where(df, df.index[i]),
        row=row,
    )
    if mode == "error":
        raise DuplicateRowsError(
            _msg(
                "{what}. Pass duplicates='drop' to remove the copies, or 'keep' if repeated "
                "identical rows are real (e.g. two identical items bought at once).",
                what=what,
            )
        )
    if mode == "drop":
        warnings.warn(
            _msg("{what}; dropped them as duplicates='drop' asked.", what=what),
            DataQualityWarning,
            3,
        )
        return df.loc[~dup]
    warnings.warn(
        _msg(
            "{what}. They are kept; pass duplicates='drop' to remove them, or 'keep' to silence "
            "this warning if they are real.",
            what=what,
        ),
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
    negative_amounts: bool = False,
) -> pd.DataFrame:
    """Internal entry point of every log computation: a new frame with only the needed columns,
    `time` as datetime64 within EARLIEST_DATE .. a year ahead, `amount` numeric, finite and not
    negative (unless load_transactions(returns='net') made it, or the analysis models returns
    itself: `negative_amounts=True`), no missing or blank customer ids. O(n), no copy of the
    data (copy-on-write); never mutates `data`. No duplicate check (that is load_transactions').
    """
    extra = tuple(extra)
    df = read_table(data, text_columns=(customer,))
    args: dict[str, str | None] = {"customer": customer, "time": time, "amount": amount}
    args.update({f"column #{i + 1} of the extra": c for i, c in enumerate(extra)})
    _require(df, args)
    _not_empty(df)
    cols = list(dict.fromkeys([customer, time, *([amount] if amount else []), *extra]))
    out = df[cols]
    if _has_blank_ids(out[customer]):
        _missing_customers(out, customer, False, loader="load_transactions")
    if not pd.api.types.is_datetime64_any_dtype(out[time]) or out[time].isna().any():
        out = out.assign(**{time: _parse_times(out[time], "time", time)})
    else:
        _check_date_range(out[time], out[time], "time", time)
    if amount is not None:  # numbers, none empty, none infinite, none negative: the only check
        checked = _numeric_amounts(out[amount], amount)
        if checked is not out[amount]:
            out = out.assign(**{amount: checked})
        if not negative_amounts:
            _negative_amounts(out, amount)
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
            _msg(
                "column {start!r} (start_time=) is {start_zone} but {end!r} (end_time=) is "
                "{end_zone}; pass tz= (e.g. tz='UTC') to put both in one time zone.",
                start=start,
                end=end,
                start_zone=_msg("naive") if s_tz is None else _msg("in {tz}", tz=str(s_tz)),
                end_zone=_msg("naive") if e_tz is None else _msg("in {tz}", tz=str(e_tz)),
            )
        )
    if e.dtype != s.dtype:
        e = e.astype(s.dtype)
    before = (e < s).to_numpy()
    if before.any():
        i = int(np.flatnonzero(before)[0])
        raise InvalidDateError(
            _msg(
                "{n:d} subscriptions end before they start, e.g. {where}: {start}={start_value}, "
                "{end}={end_value}. Check whether the two columns are swapped or the row is a "
                "data-entry error, and fix or drop it.",
                n=int(before.sum()),
                where=_where(df, df.index[i]),
                start=start,
                end=end,
                start_value=str(s.iloc[i]),
                end_value=str(e.iloc[i]),
            )
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
    df = read_table(source, text_columns=(customer,))
    _require(df, {"customer": customer, "start_time": start, "end_time": end})
    _not_empty(df)
    df = _missing_customers(df, customer, drop_missing_customers, loader="load_subscriptions")
    s, e = _subscription_dates(df, start, end, tz)
    out = df.copy(deep=False)
    out[customer] = _plain_ids(df[customer])
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
    df = read_table(data, text_columns=(customer,))
    args = {"customer": customer, "start_time": start, "end_time": end}
    if amount is not None:
        args["amount"] = amount
    _require(df, args)
    _not_empty(df)
    out = df[list(dict.fromkeys(args.values()))]
    if _has_blank_ids(out[customer]):
        _missing_customers(out, customer, False, loader="load_subscriptions")
    s, e = _subscription_dates(out, start, end, None)
    out = out.assign(**{start: s, end: e})
    if amount is not None:
        out = out.assign(**{amount: _numeric_amounts(out[amount], amount)})
    return out
