"""Column checks shared by every function that takes a DataFrame (internal)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import pandas as pd

from .errors import MissingColumnError


def require_columns(data: pd.DataFrame, columns: Iterable[str]) -> None:
    """Raise :class:`MissingColumnError` naming the first missing column, the table's columns and
    the closest match (a likely typo or another naming convention)."""
    available = [str(c) for c in data.columns]
    for column in columns:
        if column not in data.columns:
            close = difflib.get_close_matches(str(column), available, n=1, cutoff=0.5)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise MissingColumnError(
                f"column {column!r} is not in the table.{hint} The table's columns are "
                f"{available}. Pass your own column names, e.g. customer='CustomerID', "
                "time='InvoiceDate'."
            )
