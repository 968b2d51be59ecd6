"""Industry CRR benchmarks quoted by the sources, as data users can extend.

The table lives in ``retention_kit/data/benchmarks.csv`` (columns: segment, crr, crr_high, source,
part, note). Add your own rows in a CSV of the same shape and pass its path to
:func:`load_benchmarks`. Benchmarks compare only when the period length and the definition of
"customer" match: a yearly shop CRR and a monthly SaaS CRR are not comparable.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ._error_texts import message
from .core.columns import require_columns
from .core.counts import as_array
from .errors import DataValidationError, InvalidCountError

_BUILTIN = Path(__file__).parent / "data" / "benchmarks.csv"


def load_benchmarks(
    path: str | Path | None = None, *, include_builtin: bool = True
) -> pd.DataFrame:
    """The benchmark table: the sources' figures, plus the rows of your own CSV at ``path``.

    >>> load_benchmarks().set_index("segment").loc["SaaS", "crr"]
    np.float64(0.8)
    """
    frames = [pd.read_csv(_BUILTIN, dtype={"source": "str"})] if include_builtin else []
    if path is not None:
        if not isinstance(path, (str, Path)) or not Path(path).is_file():
            raise DataValidationError(
                message(
                    "path={path!r} is not a file; give the path of a CSV file with the columns "
                    "segment and crr (a fraction, 0.3 for 30 %).",
                    path=path,
                )
            )
        try:
            extra = pd.read_csv(path, dtype={"source": "str"})
        except (ValueError, UnicodeDecodeError) as exc:  # pandas' parser errors are ValueErrors
            raise DataValidationError(
                message(
                    "could not read {path!r} as a CSV file ({exc}); save it as a UTF-8 CSV with "
                    "the columns segment and crr.",
                    path=str(path),
                    exc=exc,
                )
            ) from None
        require_columns(
            extra,
            ["segment", "crr"],
            needed_by="load_benchmarks",
            fix="Add them: segment (a name) and crr (a fraction, 0.3 for 30 %).",
        )
        frames.append(extra)
    table = pd.concat(frames, ignore_index=True)
    crr = pd.to_numeric(table["crr"], errors="coerce")
    bad = crr.isna() | (crr < 0) | (crr > 1)
    if bad.any():
        row = table[bad].iloc[0]
        raise InvalidCountError(
            message(
                "benchmark {segment!r} has crr={crr!r}; write CRR as a fraction between 0 and 1 "
                "(0.3 for 30 %).",
                segment=row["segment"],
                crr=row["crr"],
            )
        )
    return table


def compare_to_benchmarks(crr: float, benchmarks: pd.DataFrame | None = None) -> pd.DataFrame:
    """Your CRR against each benchmark: ``difference = crr - benchmark`` and whether you are above.

    >>> compare_to_benchmarks(0.5).set_index("segment").loc["eCommerce (average)", "above"]
    np.True_
    """
    arr = as_array("crr", crr)
    if arr.size != 1:
        raise InvalidCountError(
            message(
                "crr must be one number (a fraction such as 0.3), got {size} values; call "
                "compare_to_benchmarks once per rate.",
                size=arr.size,
            )
        )
    value = float(arr.reshape(-1)[0])
    if not 0 <= value <= 1:
        raise InvalidCountError(
            message("crr={crr!r} must be a fraction between 0 and 1 (0.3 for 30 %).", crr=crr)
        )
    table = (load_benchmarks() if benchmarks is None else benchmarks).copy()
    table["your_crr"] = value
    table["difference"] = value - table["crr"]
    table["above"] = table["difference"] >= 0
    return table
