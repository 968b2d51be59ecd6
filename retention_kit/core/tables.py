"""The final step of each analysis: small aggregates -> the tidy table the user gets.

Both paths end here: the pandas reference (``cohorts``, ``periods``, ``rfm``, ``day_n``) and
every engine (``backends``) reduce the events to a few counts per cell, and these functions turn
the counts into rates, Wilson intervals, scores and labels. So each metric is defined once, and
the two paths give identical tables.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..stats import wilson_interval
from .ids import by_codes
from .periods import ordinal_to_start, periods_complete

# --------------------------------------------------------------------------- cohort table


def cohort_table_from_arrays(
    labels: pd.Index,
    counts: np.ndarray,
    sizes: np.ndarray,
    max_age: np.ndarray,
    revenue: np.ndarray | None = None,
    *,
    open_age: np.ndarray,
) -> pd.DataFrame:
    """The long cohort table from dense (cohort x age) arrays: ``counts[c, a]`` distinct
    customers, ``sizes[c]``, ``max_age[c]`` last observable age, ``revenue[c, a]`` (or None).
    Cohorts of size 0 are dropped; ages past ``max_age`` are absent.

    ``rate = customers / cohort_size`` with its Wilson 95 % interval; with revenue also
    ``revenue_per_customer = revenue / cohort_size`` and its running sum over age.
    ``open_age[c]``: the first age of cohort c whose period has not ended for every one of its
    customers (see :func:`cohort_open_age`); ``complete`` is ``age < open_age``.
    """
    nage = counts.shape[1]
    observable = (np.arange(nage)[None, :] <= max_age[:, None]) & (sizes > 0)[:, None]
    ci, ai = np.nonzero(observable)
    n_cust = counts[ci, ai].astype("int64")
    n_size = sizes[ci].astype("int64")
    low, high = wilson_interval(n_cust, n_size)
    out = {
        "cohort": labels.take(ci),
        "age": ai.astype("int64"),
        "customers": n_cust,
        "cohort_size": n_size,
        "rate": n_cust / n_size,
        "rate_low": low,
        "rate_high": high,
    }
    if revenue is not None:
        per_customer = revenue / np.maximum(sizes, 1)[:, None]
        out["revenue"] = revenue[ci, ai]
        out["revenue_per_customer"] = per_customer[ci, ai]
        out["cumulative_revenue_per_customer"] = np.cumsum(per_customer, axis=1)[ci, ai]
    out["complete"] = ai < np.asarray(open_age, dtype="int64")[ci]
    return pd.DataFrame(out)


def cohort_open_age(last_first: np.ndarray, first_open: int) -> np.ndarray:
    """Per cohort, the first age that is not complete.

    A cohort's cell at age k is complete when the age-k period of each of its customers has
    ended by the end of observation: with ``last_first[c]`` the latest first-period ordinal
    among the cohort's customers (the cohort's own ordinal for period cohorts) and
    ``first_open`` the ordinal of the first period not ended
    (:func:`~retention_kit.core.periods.first_open_ordinal`), that is
    ``last_first[c] + k < first_open``, i.e. ``k < first_open - last_first[c]``.
    """
    return int(first_open) - np.asarray(last_first, dtype="int64")


def cohort_table_from_aggregates(
    agg: pd.DataFrame,
    last: int,
    freq: str = "M",
    cohort_first: pd.Series | None = None,
    tz: Any = None,
    unit: str = "us",
    *,
    first_open: int,
    cohort_last: pd.Series | None = None,
) -> pd.DataFrame:
    """The cohort table from long aggregates (what an engine returns).

    ``agg``: columns ``cohort`` (acquisition period ordinal, or the ``by`` value), ``age``,
    ``customers``, ``cohort_size`` (+ ``revenue``), one row per non-empty (cohort, age);
    ``last``: the data's last period ordinal. For ``by`` cohorts pass ``cohort_first``
    (cohort value -> smallest first-period ordinal of its customers), which fixes each
    cohort's last observable age; without it the ordinal cohorts use their own ordinal and
    ``by`` cohorts stop at their largest age with customers.
    """
    by_mode = cohort_first is not None or not pd.api.types.is_integer_dtype(agg["cohort"])
    if by_mode:
        codes, labels = by_codes(agg["cohort"])
        labels = pd.Index(labels)
        ncoh = len(labels)
        if cohort_first is not None:
            firsts = pd.Series(cohort_first).reindex(labels).to_numpy(dtype="int64")
            max_age = last - firsts
        else:
            max_age = np.zeros(ncoh, dtype="int64")
            np.maximum.at(max_age, codes, agg["age"].to_numpy(dtype="int64"))
        # without the members' latest first period, assume one joined in the last period
        lasts = (
            pd.Series(cohort_last).reindex(labels).to_numpy(dtype="int64")
            if cohort_last is not None
            else np.full(ncoh, last, dtype="int64")
        )
    else:
        ords = agg["cohort"].to_numpy(dtype="int64")
        lo = int(ords.min())
        codes = ords - lo
        ncoh = int(codes.max()) + 1
        labels = ordinal_to_start(lo + np.arange(ncoh), freq, tz=tz, unit=unit)
        max_age = last - (lo + np.arange(ncoh))
        lasts = lo + np.arange(ncoh)
    nage = int(max(max_age.max(), agg["age"].max())) + 1
    cell = codes * nage + agg["age"].to_numpy(dtype="int64")
    counts = np.bincount(cell, weights=agg["customers"].to_numpy("float64"), minlength=ncoh * nage)
    sizes = np.zeros(ncoh, dtype="int64")
    sizes[codes] = agg["cohort_size"].to_numpy(dtype="int64")
    revenue = None
    if "revenue" in agg.columns:
        revenue = np.bincount(
            cell, weights=agg["revenue"].to_numpy("float64"), minlength=ncoh * nage
        ).reshape(ncoh, nage)
    return cohort_table_from_arrays(
        labels,
        counts.reshape(ncoh, nage),
        sizes,
        max_age,
        revenue,
        open_age=cohort_open_age(lasts, first_open),
    )


# --------------------------------------------------------------------------- period table

PERIOD_COLUMNS = [
    "period",
    "start",
    "new",
    "first_time",
    "reactivated",
    "lost",
    "end",
    "crr",
    "churn",
    "crr_low",
    "crr_high",
    "complete",
]


def period_table_from_counts(
    counts: dict[str, np.ndarray], bounds: pd.DatetimeIndex, *, until: pd.Timestamp
) -> pd.DataFrame:
    """S, N, L, E, CRR and churn per period from the counts at the K + 1 ``bounds``.

    ``counts``: ``active`` (customers active at each boundary, K + 1 values), ``lost``, ``new``
    and ``first_time`` (K values each). S = active at p, E = active at p_next; crr = (S - L) / S
    = (E - N) / S, churn = L / S (NaN where S = 0), and the Wilson interval of crr.
    ``complete``: the instant closing the period, p_next, is ``<= until`` (the end of
    observation, in the zone of ``bounds``).
    """
    k = len(bounds) - 1
    active = np.asarray(counts["active"], dtype="int64")
    s, e = active[:k], active[1 : k + 1]
    lost = np.asarray(counts["lost"], dtype="int64")
    new = np.asarray(counts["new"], dtype="int64")
    first_time = np.asarray(counts["first_time"], dtype="int64")
    retained = s - lost
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = np.where(s > 0, s, np.nan)
        crr = retained / denom
        churn = lost / denom
    low, high = wilson_interval(retained, s)
    return pd.DataFrame(
        {
            "period": bounds[:k],
            "start": s,
            "new": new,
            "first_time": first_time,
            "reactivated": new - first_time,
            "lost": lost,
            "end": e,
            "crr": crr,
            "churn": churn,
            "crr_low": np.asarray(low, dtype="float64"),
            "crr_high": np.asarray(high, dtype="float64"),
            "complete": periods_complete(bounds, until),
        },
        columns=PERIOD_COLUMNS,
    )


# --------------------------------------------------------------------------- RFM scoring

SEGMENTS_CSV = Path(__file__).resolve().parent.parent / "data" / "rfm_segments.csv"
RULE_COLUMNS = (
    "segment", "r_min", "r_max", "f_min", "f_max", "m_min", "m_max", "description", "action",
    "action_source", "note",
)  # fmt: skip
SCORE_BOUNDS = ("r_min", "r_max", "f_min", "f_max", "m_min", "m_max")
# scores per preset: the kit and R's rfm package use 1-5 (quintiles), pymc-marketing 1-4
PRESET_BINS = {"kit": 5, "rfm": 5, "pymc-marketing": 4}
# money equal to the micro-unit is a tie: sums in another order (an engine) differ in the last bits
MONEY_DECIMALS = 6


@functools.lru_cache(maxsize=1)
def _presets() -> pd.DataFrame:
    bounds = dict.fromkeys(SCORE_BOUNDS, "int64")
    return pd.read_csv(SEGMENTS_CSV, dtype=bounds, keep_default_na=False)


def preset_rules(name: str) -> pd.DataFrame:
    """The shipped segment rules of one preset (``kit``, ``rfm``, ``pymc-marketing``), a copy."""
    table = _presets()
    return table.loc[table["preset"] == name, list(RULE_COLUMNS)].reset_index(drop=True)


def rfm_scores(values: np.ndarray, *, bins: int = 5, higher_is_better: bool = True) -> np.ndarray:
    """Scores 1..bins from the share of customers with a strictly worse value.

    score = 1 + floor(bins * worse / n), worse = customers whose value is strictly worse (lower
    for F and M, higher for recency). Equal values get equal scores, a better value never gets
    a lower score, and the worst value (e.g. one order) always gets 1. For F and M it equals
    ``1 + (bins * (x.rank(method="min") - 1)) // n``; one customer gets 1.
    """
    n = len(values)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    position = np.arange(n, dtype=np.int64)
    # in sorted order, the customers strictly worse than a run of equal values are the ones
    # before the run (F, M) or after it (R): one sort, no search per customer
    change = np.empty(n, dtype=bool)
    if higher_is_better:
        change[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=change[1:])
        worse = np.maximum.accumulate(np.where(change, position, 0))
    else:
        change[-1] = True
        np.not_equal(ordered[1:], ordered[:-1], out=change[:-1])
        run_end = np.minimum.accumulate(np.where(change, position, n)[::-1])[::-1]
        worse = n - 1 - run_end
    scores = np.empty(n, dtype=np.int64)
    scores[order] = 1 + (bins * worse) // n
    return scores


def _segment_lookup(rules: pd.DataFrame, bins: int) -> np.ndarray:
    """A (bins+1)^3 cube of rule numbers indexed [r, f, m]: the first rule that matches."""
    cube = np.full((bins + 1,) * 3, -1, dtype=np.int64)
    axis = np.arange(bins + 1)
    for i, rule in enumerate(rules[list(SCORE_BOUNDS)].itertuples(index=False)):  # few rules
        r = (axis >= rule.r_min) & (axis <= rule.r_max)
        f = (axis >= rule.f_min) & (axis <= rule.f_max)
        m = (axis >= rule.m_min) & (axis <= rule.m_max)
        hit = r[:, None, None] & f[None, :, None] & m[None, None, :] & (cube < 0)
        cube[hit] = i
    if (cube[1:, 1:, 1:] < 0).any():  # pragma: no cover - callers append a catch-all rule
        raise ValueError("the segment rules leave some score triples without a segment")
    return cube


def rfm_table_from_values(
    customer: str,
    ids: Any,
    recency: np.ndarray,
    frequency: np.ndarray,
    money: np.ndarray,
    *,
    rules: pd.DataFrame | None = None,
    bins: int = 5,
) -> pd.DataFrame:
    """Scores, segment and action from per-customer recency / frequency / monetary.

    ``rules``: segment rules (columns :data:`RULE_COLUMNS`; the first rule whose score ranges
    hold the customer's scores wins; they must cover every score triple), default the kit's
    preset.
    """
    if rules is None:
        rules = preset_rules("kit")
    r_score = rfm_scores(recency, bins=bins, higher_is_better=False)
    f_score = rfm_scores(frequency, bins=bins)
    m_score = rfm_scores(np.round(money, MONEY_DECIMALS), bins=bins)
    cube = _segment_lookup(rules, bins)
    hit = cube[r_score, f_score, m_score]
    rfm_score = (r_score * 100 + f_score * 10 + m_score).astype(str)
    column = {c: rules[c].to_numpy(dtype=object) for c in ("segment", "action", "action_source")}
    return pd.DataFrame(
        {
            customer: ids,
            "recency": recency.astype(np.int64),
            "frequency": frequency.astype(np.int64),
            "monetary": money,
            "r_score": r_score,
            "f_score": f_score,
            "m_score": m_score,
            "rfm_score": pd.array(rfm_score, dtype="str"),
            "segment": pd.array(column["segment"][hit], dtype="str"),
            "action": pd.array(column["action"][hit], dtype="str"),
            "action_source": pd.array(column["action_source"][hit], dtype="str"),
        }
    )


# --------------------------------------------------------------------------- day-N retention


def day_n_table_from_counts(
    days: list[int],
    users: np.ndarray,
    retained: np.ndarray,
    by: str | None = None,
    labels: Any = None,
    *,
    group_users: np.ndarray,
) -> pd.DataFrame:
    """Day-N rates from eligible ``users`` and ``retained`` counts, group-major: row
    ``g * len(days) + i`` holds group g, day ``days[i]``.

    ``rate = retained / users`` (NaN when no user is eligible yet) with its Wilson 95 % interval.
    ``group_users[g]``: all users of group g; ``complete`` = every one of them is eligible (the
    observation covers each user's whole day N, so more data cannot change the row).
    """
    users = np.asarray(users).astype("int64")
    retained = np.asarray(retained).astype("int64")
    ngroup = len(users) // max(len(days), 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = retained / np.where(users > 0, users, np.nan)
    low, high = wilson_interval(retained, users)
    out: dict[str, Any] = {}
    if by is not None:
        out[by] = pd.Index(labels).repeat(len(days))
    out.update(
        {
            "day": np.tile(np.array(days, dtype="int64"), ngroup),
            "users": users,
            "retained": retained,
            "rate": rate,
            "rate_low": low,
            "rate_high": high,
            "complete": users == np.repeat(np.asarray(group_users, dtype="int64"), len(days)),
        }
    )
    return pd.DataFrame(out)
