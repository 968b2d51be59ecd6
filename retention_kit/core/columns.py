"""The one column checker: every function that takes a table checks its columns here.

One message style everywhere: name the missing column (and the argument it came from), suggest
the closest existing column (case-insensitively: ``customerid`` -> ``CustomerID``), list the
table's columns and say what to do. After ``rk.set_language("ru")`` the messages are Russian
(texts in :mod:`retention_kit._messages`, keyed by the English pieces below; a caller's
``fix=`` / ``needed_by=`` text is translated when the table has it).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Hashable, Iterable, Mapping

import pandas as pd

from .._error_texts import message
from ..errors import DataValidationError, InvalidParameterError, MissingColumnError

_FIX = "Pass your own column names, e.g. customer='CustomerID', time='InvoiceDate'."


def closest_column(column: str, available: Iterable[str]) -> str | None:
    """The existing column most like ``column`` (ignoring case), or None."""
    lowered = {str(c).lower(): str(c) for c in available}
    close = difflib.get_close_matches(str(column).lower(), list(lowered), n=1, cutoff=0.5)
    return lowered[close[0]] if close else None


def require_columns(
    data: pd.DataFrame,
    columns: Iterable[str | None] | Mapping[str, str | None],
    *,
    needed_by: str | None = None,
    fix: str | None = None,
    required: Collection[str] = (),
) -> None:
    """Raise :class:`~retention_kit.errors.MissingColumnError` for the first missing column.

    Parameters
    ----------
    data : pandas.DataFrame
        The table to check (only its column names are used).
    columns : iterable of str, or mapping of argument name to column name
        The columns needed; with a mapping (``{"customer": "CustomerID"}``) the message names
        the argument too. ``None`` entries (optional arguments not given) are skipped.
    needed_by : str, optional
        What needs the column (``"period_table_chart"``), for the message.
    fix : str, optional
        What the user should do; default: pass the argument one of the table's columns, or
        pass their own column names.
    required : collection of str, optional
        Arguments of the mapping that must name a column (``None`` is an error for them).

    Raises
    ------
    MissingColumnError
        Naming the column, the closest existing one and the table's columns.
    InvalidParameterError
        A required argument is None, or a column name is not text (a list, a float...).

    Examples
    --------
    >>> df = pd.DataFrame({"CustomerID": [1], "InvoiceDate": ["2024-01-01"]})
    >>> require_columns(df, {"customer": "customerid"})
    Traceback (most recent call last):
    ...
    retention_kit.errors.MissingColumnError: customer='customerid': the table has no column \
'customerid'. Did you mean 'CustomerID'? The table's columns are ['CustomerID', 'InvoiceDate']. \
Pass customer= one of them.
    """
    if not isinstance(data, pd.DataFrame):
        who = message(needed_by or "this function")
        head = message(
            "{who} needs a table (a pandas DataFrame), got {type}.",
            who=who,
            type=type(data).__name__,
        )
        raise DataValidationError(f"{head} {message(fix) if fix else ''}".strip())
    available = [str(c) for c in data.columns]
    pairs = columns.items() if isinstance(columns, Mapping) else ((None, c) for c in columns)
    for arg, column in pairs:
        if column is None:
            if arg in required:
                raise InvalidParameterError(
                    message(
                        "{arg}=None: {arg}= is required; pass the name of one of the table's "
                        "columns {available}.",
                        arg=arg,
                        available=available,
                    )
                )
            continue
        if isinstance(column, bool) or not isinstance(column, Hashable):
            if arg is not None:
                label = f"{arg}={column!r}"
            else:
                label = message("the column name {column!r}", column=column)
            raise InvalidParameterError(
                message(
                    "{label} is not a column name; give one of the table's columns as text: "
                    "{available}.",
                    label=label,
                    available=available,
                )
            )
        if column in data.columns:
            continue
        close = closest_column(column, available)
        hint = message(" Did you mean {close!r}?", close=close) if close else ""
        if arg is not None:
            head = message(
                "{arg}={column!r}: the table has no column {column!r}.", arg=arg, column=column
            )
            todo = message(fix) if fix else message("Pass {arg}= one of them.", arg=arg)
        else:
            head = message(
                "{who} needs the column {column!r}, which the table does not have.",
                who=message(needed_by or "this function"),
                column=column,
            )
            todo = message(fix or _FIX)
        columns_are = message("The table's columns are {available}.", available=available)
        raise MissingColumnError(f"{head}{hint} {columns_are} {todo}")
