"""The exceptions retention_kit raises.

Catch :class:`RetentionKitError` to handle every error of the kit at once::

    try:
        rk.crr(start=0, new=0, end=0)
    except rk.RetentionKitError as err:
        print(err)   # "start must be greater than 0 ..."

Hierarchy::

    RetentionKitError (also a ValueError)
    ├── InvalidCountError          a customer count is negative, not whole, or zero where it divides
    │   └── InconsistentCountsError  counts that cannot all be true (start + new - lost != end, ...)
    ├── InvalidScoreError          an NPS score outside 0-10
    ├── InvalidParameterError      an option with a value the function does not accept
    └── DataValidationError        a table (DataFrame, CSV, Parquet) that cannot be analysed as is
        ├── MissingColumnError
        ├── EmptyDataError
        ├── InvalidDateError        unparsable, mixed-format or mixed-zone dates; end < start
        ├── MissingCustomerIdError
        ├── InvalidAmountError      non-numeric or negative amounts
        └── DuplicateRowsError      only when duplicates="error" was asked for

Every error message names the argument, column, row or value at fault and says what to do.
After ``rk.set_language("ru")`` the messages of the scalar metrics and of their count checks
are Russian (``retention_kit/_error_texts.py``); the classes are the same in both languages.
"""

from __future__ import annotations


class RetentionKitError(ValueError):
    """Base class of every error raised by retention_kit."""


class InvalidCountError(RetentionKitError):
    """A customer count is negative, not a whole number, or zero where it is a divisor."""


class InconsistentCountsError(InvalidCountError):
    """Counts that cannot all be true at once, e.g. start + new - lost != end."""


class InvalidScoreError(RetentionKitError):
    """A survey score (NPS) outside its scale."""


class InvalidParameterError(RetentionKitError):
    """An option whose value the function does not accept (unknown period, bad window...)."""


class DataValidationError(RetentionKitError):
    """A table that cannot be analysed as is; the message says which column/row and the fix."""


class MissingColumnError(DataValidationError):
    """A column named in the call is not in the table."""


class EmptyDataError(DataValidationError):
    """The table has no rows (left)."""


class InvalidDateError(DataValidationError):
    """Dates that cannot be parsed, mix formats or time zones, or end before they start."""


class MissingCustomerIdError(DataValidationError):
    """Rows without a customer id."""


class InvalidAmountError(DataValidationError):
    """Amounts that are not numbers, or negative amounts (returns) when they are not allowed."""


class DuplicateRowsError(DataValidationError):
    """Exact duplicate rows, raised only when ``duplicates="error"`` was asked for."""


class DataQualityWarning(UserWarning):
    """Something in the data worth knowing that does not stop the analysis (e.g. duplicates)."""
