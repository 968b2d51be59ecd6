"""The final steps of the flow analyses, shared by pandas and every engine (internal).

Revenue retention, lifecycle tables and the retention definitions reduce a log to a few numbers
per period (or per cohort x age cell): the pandas reference with numpy (``revenue``,
``lifecycle``, ``definitions``), an engine with one query (``backends.queries``). Both hand
those numbers to the functions here, which turn them into the tidy table: ratios, the sixteen
definition curves (the ``complete`` flag and the end of observation come from
:mod:`.periods`). So each ratio is defined once and the two paths give identical tables.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import InvalidParameterError
from .periods import as_timestamp

# --------------------------------------------------------------------------- subscription tables


def export_date(first: pd.Timestamp, latest: pd.Timestamp, as_of: Any, tz: Any) -> pd.Timestamp:
    """When a subscription table was exported: ``as_of`` in zone ``tz``, or ``latest`` (the
    latest start or end date in it); never before ``first``, the first start.

    Raises
    ------
    InvalidParameterError
        When ``as_of`` is before the first subscription starts.
    """
    until = latest if as_of is None else as_timestamp(as_of, "as_of", tz)
    if pd.isna(until) or until < first:
        raise InvalidParameterError(
            f"as_of={as_of!r} is before the first subscription starts ({first}); give "
            "the date the table was exported."
        )
    return until


# --------------------------------------------------------------------------- revenue retention

REVENUE_COLUMNS = [
    "period",
    "start_revenue",
    "new",
    "reactivation",
    "expansion",
    "contraction",
    "churned",
    "end_revenue",
    "nrr",
    "grr",
    "quick_ratio",
    "complete",
]

MOVEMENTS = ("new", "reactivation", "expansion", "contraction", "churned")


def revenue_table(
    movements: dict[str, np.ndarray], bounds: pd.DatetimeIndex, complete: np.ndarray
) -> pd.DataFrame:
    """The tidy revenue-retention table from per-period sums.

    ``movements`` holds arrays ``end_revenue``, ``new``, ``reactivation``, ``expansion``,
    ``contraction``, ``churned`` (one value per period); ``start_revenue`` is the previous
    period's ``end_revenue`` (0 for the first period);
    ``nrr = (start + expansion - contraction - churned) / start``,
    ``grr = (start - contraction - churned) / start``,
    ``quick_ratio = (new + reactivation + expansion) / (contraction + churned)`` (NaN where the
    denominator is 0).
    """
    end = np.asarray(movements["end_revenue"], dtype="float64")
    start = np.concatenate([[0.0], end[:-1]])
    cols = {k: np.asarray(movements[k], dtype="float64") for k in MOVEMENTS}
    with np.errstate(divide="ignore", invalid="ignore"):
        base = np.where(start > 0, start, np.nan)
        nrr = (start + cols["expansion"] - cols["contraction"] - cols["churned"]) / base
        grr = (start - cols["contraction"] - cols["churned"]) / base
        lost = cols["contraction"] + cols["churned"]
        gained = cols["new"] + cols["reactivation"] + cols["expansion"]
        quick = np.where(lost > 0, gained / np.where(lost > 0, lost, 1.0), np.nan)
    return pd.DataFrame(
        {
            "period": bounds[: len(end)],
            "start_revenue": start,
            **cols,
            "end_revenue": end,
            "nrr": nrr,
            "grr": grr,
            "quick_ratio": quick,
            "complete": complete,
        },
        columns=REVENUE_COLUMNS,
    )


# --------------------------------------------------------------------------- lifecycle

LIFECYCLE_COLUMNS = [
    "period",
    "active",
    "new",
    "returning",
    "resurrecting",
    "dormant",
    "quick_ratio",
    "complete",
]


def lifecycle_from_counts(
    counts: dict[str, np.ndarray], bounds: pd.DatetimeIndex, complete: np.ndarray
) -> pd.DataFrame:
    """The tidy lifecycle table from per-period counts ``active``, ``new``, ``returning``,
    ``resurrecting``, ``dormant``; ``quick_ratio = (new + resurrecting) / dormant``."""
    cols = {k: np.asarray(counts[k], dtype="int64") for k in LIFECYCLE_COLUMNS[1:6]}
    dormant = cols["dormant"]
    with np.errstate(divide="ignore", invalid="ignore"):
        quick = np.where(
            dormant > 0, (cols["new"] + cols["resurrecting"]) / np.maximum(dormant, 1), np.nan
        )
    return pd.DataFrame(
        {"period": bounds[: len(dormant)], **cols, "quick_ratio": quick, "complete": complete},
        columns=LIFECYCLE_COLUMNS,
    )


# --------------------------------------------------------------------------- definitions

#: the four switches of the retention definitions and their values, in the result's order
SWITCHES: dict[str, tuple[str, str]] = {
    "cohorts": ("first-time", "recurring"),
    "returned": ("on", "on or after"),
    "reference": ("period 0", "previous period"),
    "mean": ("weighted", "simple"),
}


def definitions_from_cells(
    cells: dict[str, dict[str, np.ndarray]], ages: np.ndarray, complete: np.ndarray
) -> pd.DataFrame:
    """The sixteen retention curves from (cohort x age) member counts.

    ``cells["first-time"]`` and ``cells["recurring"]`` each hold, for n periods:
    ``size[c]`` (cohort members), ``on[c, k]`` (members active at c + k), ``on_prev[c, k]``
    (active at both c + k - 1 and c + k; column 0 equals ``on``'s), ``reach[c, r]`` (members
    whose last active period is c + r; n + 1 columns). ``on`` and ``on_prev`` need only the
    columns in ``ages``. A cell (c, k) enters the averages when period c + k exists and is
    ``complete``.
    """
    n = len(complete)
    cell_period = np.arange(n)[:, None] + ages[None, :]
    usable = (cell_period < n) & complete[np.minimum(cell_period, n - 1)]
    rows = []
    for cohorts in SWITCHES["cohorts"]:
        c = cells[cohorts]
        size = np.asarray(c["size"], dtype="float64")[:, None]
        # on or after age k: the member's last active period is at or after c + k
        after = np.cumsum(c["reach"][:, ::-1], axis=1)[:, ::-1][:, :n]
        for returned in SWITCHES["returned"]:
            back = (c["on"] if returned == "on" else after)[:, ages].astype("float64")
            for reference in SWITCHES["reference"]:
                if reference == "period 0":
                    num, den = back, np.broadcast_to(size, back.shape)
                elif returned == "on":
                    num = c["on_prev"][:, ages].astype("float64")
                    den = np.concatenate([size, back[:, :-1]], axis=1)
                else:  # on or after, relative to the age before: after[k] / after[k - 1]
                    num, den = back, np.concatenate([size, back[:, :-1]], axis=1)
                ok = usable & (den > 0)
                with np.errstate(divide="ignore", invalid="ignore"):
                    weighted = np.where(ok, num, 0).sum(0) / np.where(ok, den, 0).sum(0)
                    simple = np.where(ok, num / np.where(ok, den, 1), 0).sum(0) / ok.sum(0)
                used = ok.sum(0)
                for mean, value in (("weighted", weighted), ("simple", simple)):
                    rows.append(
                        pd.DataFrame(
                            {
                                "age": ages,
                                "cohorts": cohorts,
                                "returned": returned,
                                "reference": reference,
                                "mean": mean,
                                "rate": np.where(used > 0, value, np.nan),
                                "cohorts_used": used,
                            }
                        )
                    )
    # rows were built in the order of SWITCHES; a stable sort by age keeps it within each age
    out = pd.concat(rows, ignore_index=True)
    return out.sort_values("age", kind="stable").reset_index(drop=True)
