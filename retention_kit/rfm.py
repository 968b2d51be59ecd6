"""RFM segmentation (recency, frequency, monetary) and the CLV-library customer summary.

Article 000 (OWOX part): split customers by how long ago they last bought (R), how often they buy
(F) and how much they spend (M), then act per group: a loyalty programme and special offers for
the best customers, «которые покупают часто и тратят много» (who buy often *and* spend a lot), an
interesting email with a promotion for those who have not bought for a long time, related products
(cross-sell) for those who often make cheap purchases.

- :func:`rfm_table`: one row per customer with R, F, M, scores, segment and action.
- :func:`rfm_segments`: one row per segment (customers, share, money, means, action).
- :func:`segment_map`: the segment rules of a preset (or your own), as a table.
- :func:`clv_summary`: ``frequency``, ``recency``, ``T``, ``monetary_value`` exactly as the
  CLV libraries (lifetimes, pymc-marketing) define them, ready for BG/NBD or Gamma-Gamma models.

Scores are honest about ties: a customer's score is set by the share of customers with a
strictly worse value, so equal values get equal scores and every one-order customer has F = 1.
Segment rules come from ``retention_kit/data/rfm_segments.csv`` (three presets) or from you;
``action_source`` says whether an action is article 000's (``article 000``), article 000's
extended by the kit (``article 000 + kit``) or only the kit's suggestion (``kit suggestion``).
The CSV also holds each preset segment's Russian name, description and action (``segment_ru``,
``description_ru``, ``action_ru``): the charts and apps show them after ``rk.set_language("ru")``,
while these tables keep the English names, the keys that code compares in both languages.

Returns (negative amounts) distort M: remove or net them first, e.g. with
``rk.load_transactions(..., negative_amounts=...)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .core.columns import require_columns
from .core.engines import run_on_engine, wants_engine
from .core.ids import customer_codes
from .core.periods import as_timestamp, normalize_freq, wall_ints, wall_ordinals
from .core.tables import (
    PRESET_BINS,
    RULE_COLUMNS,
    SCORE_BOUNDS,
    preset_rules,
    rfm_table_from_values,
)
from .errors import (
    DataValidationError,
    EmptyDataError,
    InvalidParameterError,
)
from .loading import prepare_transactions

__all__ = ["rfm_table", "rfm_segments", "clv_summary", "segment_map"]

_MONETARY = ("total", "mean")


# --------------------------------------------------------------------------- segment map

_CATCH_ALL = "Other"


def _bound_pair(value: Any, name: str, letter: str, bins: int) -> tuple[int, int]:
    if value is None:
        return 1, bins
    pair = value
    if isinstance(value, str):
        pair = (value,)  # refused below: scores are numbers
    elif isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        pair = (value, value)
    try:
        lo, hi = (int(v) for v in pair)
        ok = all(float(v) == int(v) for v in pair)
    except (TypeError, ValueError, OverflowError):
        ok = False
    if not ok or not 1 <= lo <= hi <= bins:
        raise InvalidParameterError(
            f"segment {name!r}: {letter}={value!r} must be a score or a range (low, high) with "
            f"1 <= low <= high <= {bins}, e.g. {letter}=({bins - 1}, {bins})."
        )
    return lo, hi


def _rules_from_mapping(segments: dict, bins: int) -> pd.DataFrame:
    rows = []
    for name, spec in segments.items():
        specs = spec if isinstance(spec, (list, tuple)) else [spec]
        for one in specs:
            if not isinstance(one, dict):
                raise InvalidParameterError(
                    f"segment {name!r}: give its rule as a dict, e.g. "
                    "{'r': (4, 5), 'f': (4, 5), 'm': (4, 5), 'action': '...'}, not "
                    f"{type(one).__name__}."
                )
            unknown = set(one) - {"r", "f", "m", "description", "action", "action_source", "note"}
            if unknown:
                keys = ", ".join(sorted(map(repr, unknown)))
                raise InvalidParameterError(
                    f"segment {name!r}: unknown key(s) {keys}; use r, f, m (score ranges) and "
                    "optionally description, action, action_source, note."
                )
            row = {"segment": name}
            for letter in "rfm":
                row[f"{letter}_min"], row[f"{letter}_max"] = _bound_pair(
                    one.get(letter), name, letter, bins
                )
            for text in ("description", "action", "action_source", "note"):
                row[text] = one.get(text)
            rows.append(row)
    return pd.DataFrame(rows, columns=list(RULE_COLUMNS))


def _rules_from_frame(segments: pd.DataFrame, bins: int) -> pd.DataFrame:
    if "segment" not in segments.columns:
        raise InvalidParameterError(
            "segments= as a table needs a 'segment' column and score ranges in r_min, r_max, "
            "f_min, f_max, m_min, m_max (a missing range means any score)."
        )
    rules = pd.DataFrame({"segment": segments["segment"].to_numpy(dtype=object)})
    for letter in "rfm":
        lo_col, hi_col = f"{letter}_min", f"{letter}_max"
        for i, name in enumerate(rules["segment"]):
            lo = segments[lo_col].iloc[i] if lo_col in segments.columns else 1
            hi = segments[hi_col].iloc[i] if hi_col in segments.columns else bins
            lo = 1 if pd.isna(lo) else lo
            hi = bins if pd.isna(hi) else hi
            rules.loc[i, lo_col], rules.loc[i, hi_col] = _bound_pair((lo, hi), name, letter, bins)
    for text in ("description", "action", "action_source", "note"):
        rules[text] = segments[text].to_numpy(dtype=object) if text in segments.columns else None
    return rules[list(RULE_COLUMNS)]


def _resolve_segments(segments: Any, bins: int | None) -> tuple[pd.DataFrame, int]:
    """(rules covering every score triple, bins) from a preset name, a mapping or a table."""
    if isinstance(segments, str):
        if segments not in PRESET_BINS:
            raise InvalidParameterError(
                f"segments={segments!r} is not a preset; use one of {sorted(PRESET_BINS)}, or "
                "pass your own rules as a dict or a table (see rk.segment_map)."
            )
        preset_bins = PRESET_BINS[segments]
        if bins is not None and bins != preset_bins:
            raise InvalidParameterError(
                f"segments={segments!r} is defined on scores 1-{preset_bins}; leave bins= out "
                f"(or pass bins={preset_bins})."
            )
        return preset_rules(segments), preset_bins
    if bins is None:
        bins = 5
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or not 2 <= bins <= 9:
        raise InvalidParameterError(f"bins={bins!r} must be a whole number from 2 to 9, e.g. 5.")
    bins = int(bins)
    if isinstance(segments, dict):
        rules = _rules_from_mapping(segments, bins)
    elif isinstance(segments, pd.DataFrame):
        rules = _rules_from_frame(segments, bins)
    else:
        raise InvalidParameterError(
            f"segments= takes a preset name ({', '.join(sorted(PRESET_BINS))}), a dict of rules "
            f"or a table like rk.segment_map(); got {type(segments).__name__}."
        )
    if len(rules) == 0:
        raise InvalidParameterError("segments= has no rules; give at least one segment.")
    names = rules["segment"]
    if names.isna().any() or not all(isinstance(n, str) and n.strip() for n in names):
        raise InvalidParameterError("every segment rule needs a name (a non-empty text).")
    rules["action"] = rules["action"].where(rules["action"].notna(), "")
    rules["action_source"] = rules["action_source"].where(
        rules["action_source"].notna() | (rules["action"] == ""), "your rule"
    )
    rules["action_source"] = rules["action_source"].fillna("")
    rules["description"] = rules["description"].fillna("")
    rules["note"] = rules["note"].fillna("")
    catch_all = {
        "segment": _CATCH_ALL, "r_min": 1, "r_max": bins, "f_min": 1, "f_max": bins, "m_min": 1,
        "m_max": bins, "description": "no rule matches", "action": "", "action_source": "",
        "note": "added by the kit so that every customer has a segment",
    }  # fmt: skip
    rules = pd.concat([rules, pd.DataFrame([catch_all])], ignore_index=True)
    for column in SCORE_BOUNDS:
        rules[column] = rules[column].astype("int64")
    return rules, bins


def segment_map(segments: Any = "kit", *, bins: int | None = None) -> pd.DataFrame:
    """The RFM segment rules as a table: which scores give which segment and action.

    A customer gets the segment of the **first** rule whose three score ranges
    (``r_min``-``r_max``, ``f_min``-``f_max``, ``m_min``-``m_max``, inclusive) hold their
    scores. Columns: ``segment``, the six bounds, ``description``, ``action``,
    ``action_source`` (``article 000``, ``article 000 + kit`` or ``kit suggestion``) and
    ``note`` (the article's words where the action is the article's).

    Parameters
    ----------
    segments : str, dict or DataFrame
        A preset:

        - ``"kit"`` (default, scores 1-5): the R x F grid of public RFM tutorials (Champions,
          Loyal customers, Potential loyalists, New customers, Promising, Need attention, About
          to sleep, At risk, Can't lose them, Hibernating, Lost), with M where article 000 uses
          it: its best customers buy often *and* spend a lot (Champions, Can't lose them need
          m 4-5), its cross-sell is for frequent buyers of cheap items (Loyal customers: F 4-5,
          M 1-3).
        - ``"rfm"`` (scores 1-5): the ten segments and score ranges of the example of
          ``rfm_segment()`` in R's ``rfm`` package (version 0.3.0 documentation: Champions,
          Potential Loyalist, Loyal Customers, Promising, New Customers, Can't Lose Them, At Risk,
          Need Attention, About To Sleep, Lost), first match wins, the rest ``Others`` (as
          there).
        - ``"pymc-marketing"`` (scores 1-4, quartiles): the default ``segment_config`` of
          ``pymc_marketing.clv.utils.rfm_segments`` (Premium Customer, Repeat Customer, Top
          Spender, At Risk Customer, Inactive Customer; the listed three-digit scores), the
          rest ``Other``.

        Or your own rules: a dict ``{segment: {"r": (low, high), "f": ..., "m": ...,
        "action": ...}}`` (a list of such dicts for a segment made of several boxes; a missing
        range means any score), or a table with the columns above. Customers no rule holds get
        the segment ``Other``. Actions of the presets: article 000's where the segment is
        one of its three groups, else marked ``kit suggestion``; the presets' sources give no
        actions.
    bins : int, optional
        Number of scores for your own rules (default 5); a preset fixes its own.

    Returns
    -------
    pandas.DataFrame
        One row per rule, in priority order.

    Examples
    --------
    >>> m = segment_map()
    >>> m.loc[0, ["segment", "r_min", "f_min", "m_min", "action_source"]].to_dict()
    {'segment': 'Champions', 'r_min': 4, 'f_min': 4, 'm_min': 4, 'action_source': 'article 000'}
    >>> segment_map("rfm")["segment"].tolist()[:3]
    ['Champions', 'Potential Loyalist', 'Loyal Customers']
    """
    rules, _ = _resolve_segments(segments, bins)
    return rules


# --------------------------------------------------------------------------- internals


def _per(unit: str, what: str) -> int:
    return int(np.timedelta64(1, what) // np.timedelta64(1, unit))


def _as_of_timestamp(as_of: Any, tz: Any) -> pd.Timestamp:
    """``as_of`` as a naive wall-clock Timestamp in the time zone of the data."""
    ts = as_timestamp(as_of, "as_of", tz)
    return ts.tz_localize(None) if tz is not None else ts


def _as_of_int(as_of: Any, tz: Any, unit: str) -> int:
    ts = _as_of_timestamp(as_of, tz).as_unit("ns")
    return int(ts.value) // _per("ns", unit)


def _distinct_per_code(
    codes: np.ndarray, values: np.ndarray, n_codes: int, divisor: int = 1
) -> np.ndarray:
    """Number of distinct ``values`` per code: sort one int64 key code*span + value, count runs.

    ``divisor``: a unit the values are often whole multiples of (one second for timestamps),
    used to keep the key within int64 when the raw span is too wide.
    """
    lo = int(values.min())
    span = int(values.max()) - lo + 1
    rel = values - lo
    if n_codes * span >= 2**62 and divisor > 1 and not (rel % divisor).any():
        rel //= divisor
        span = (span - 1) // divisor + 1
    if n_codes * span >= 2**62:  # still too wide: number the distinct values instead
        rel, uniques = pd.factorize(values)
        span = len(uniques)
    key = codes.astype(np.int64, copy=True)
    key *= span
    key += rel
    del rel
    key.sort()
    starts = np.empty(len(key), dtype=bool)
    starts[0] = True
    np.not_equal(key[1:], key[:-1], out=starts[1:])
    firsts = key[starts]
    del key, starts
    firsts //= span
    return np.bincount(firsts, minlength=n_codes)


_RFM_COLUMNS = (
    "recency", "frequency", "monetary", "r_score", "f_score", "m_score", "rfm_score", "segment",
    "action", "action_source",
)  # fmt: skip


def _check_customer_name(customer: str, taken: tuple[str, ...]) -> None:
    if customer in taken:
        raise InvalidParameterError(
            f"customer={customer!r} is also the name of an output column; rename your customer "
            f"column first, e.g. data.rename(columns={{{customer!r}: 'customer_id'}})."
        )


def _keep(frame: pd.DataFrame, mask: np.ndarray, as_of: Any) -> pd.DataFrame:
    if mask.all():
        return frame
    if not mask.any():
        raise EmptyDataError(
            f"no purchase at or before as_of={as_of!r}; pass a later as_of (or none: the default "
            "follows the data)."
        )
    return frame.loc[mask]


# --------------------------------------------------------------------------- public


def rfm_table(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    amount: str,
    order: str | None = None,
    as_of: Any = None,
    monetary: str = "total",
    segments: Any = "kit",
    bins: int | None = None,
    backend: Any = None,
) -> pd.DataFrame:
    """One row per customer: recency, frequency, monetary, scores, segment and action.

    - ``recency`` = whole days from the last purchase to ``as_of`` (``floor((as_of - last) /
      24 h)`` on wall-clock time, like the tutorial ``(as_of - last).days``). Default ``as_of``:
      midnight starting the day after the last purchase in the data, so a purchase on the last
      day at 00:00 has recency 1. Purchases after ``as_of`` are ignored.
    - ``frequency`` = number of orders: distinct values of ``order`` if given (e.g. the invoice
      number), else distinct timestamps (rows of one order share its time).
    - ``monetary`` = sum of ``amount`` (``monetary="total"``) or total / frequency (``"mean"``,
      the average order value).
    - ``r_score``, ``f_score``, ``m_score`` in 1..``bins`` (5: quintiles) from the share of
      customers with a strictly worse value: ``score = 1 + floor(bins * worse / n)``, where
      ``worse`` counts the customers with fewer orders (F), less money (M) or a longer time
      since their last purchase (R). For F and M that is ``1 + (bins * (x.rank(method="min")
      - 1)) // n``. So equal values get equal scores (a tie is never broken by id or row
      order), a better value never gets a lower score, and every customer with one order has
      F = 1 (nobody has fewer). With heavy ties some scores stay empty: if 60 % of customers
      bought once, they all get F = 1 and a two-order customer, better than 60 %, gets F = 4.
      Money equal to the millionth counts as equal (sums added in another order differ in the
      last bits). One customer alone gets 1, 1, 1.
    - ``rfm_score`` = the three digits, e.g. "545".
    - ``segment``, ``action`` and ``action_source`` from the rules of ``segments`` (see
      :func:`segment_map`: the presets ``"kit"`` (default), ``"rfm"`` (R's rfm package),
      ``"pymc-marketing"``, or your own dict / table; ``bins`` for your own rules). Every
      segment of the presets that is defined by repeat buying (Champions, Loyal customers, At
      risk, ...) needs F >= 2, so one-order customers are never in it. ``action_source`` says
      whether the action is article 000's or the kit's suggestion.

    Amounts must not be negative (returns): remove or net them first with
    ``rk.load_transactions(..., negative_amounts=...)``. Rows come sorted by customer id.

    >>> log = pd.DataFrame({"id": [1, 1, 2], "day": ["2024-01-01", "2024-01-09", "2024-01-05"],
    ...                     "paid": [10.0, 30.0, 5.0]})
    >>> t = rfm_table(log, customer="id", time="day", amount="paid")  # as_of = 2024-01-10
    >>> t[["id", "recency", "frequency", "monetary", "rfm_score"]].to_dict("records")[0]
    {'id': 1, 'recency': 1, 'frequency': 2, 'monetary': 40.0, 'rfm_score': '333'}
    """
    rules, n_bins = _resolve_segments(segments, bins)
    if wants_engine(data, backend):
        table = run_on_engine(
            "rfm_table",
            data,
            backend,
            customer=customer,
            time=time,
            amount=amount,
            order=order,
            as_of=as_of,
            monetary=monetary,
        )
        if isinstance(segments, str) and segments == "kit":
            return table
        # the engine scored with the kit's rules: the same final step with the chosen ones
        return rfm_table_from_values(
            customer,
            table[customer].to_numpy(),
            table["recency"].to_numpy(),
            table["frequency"].to_numpy(),
            table["monetary"].to_numpy(),
            rules=rules,
            bins=n_bins,
        )
    if not isinstance(monetary, str) or monetary not in _MONETARY:
        raise InvalidParameterError(
            f"monetary={monetary!r} is not an option; use 'total' (sum of the amounts) or 'mean' "
            "(average order value)."
        )
    if not isinstance(amount, str) or not amount:
        raise InvalidParameterError(
            "rfm_table needs amount=, the column with the money of each row, e.g. amount='Revenue'."
        )
    _check_customer_name(customer, _RFM_COLUMNS)
    df = prepare_transactions(
        data, customer=customer, time=time, amount=amount, extra=(order,) if order else ()
    )
    t, unit, tz = wall_ints(df[time])
    day = _per(unit, "D")
    if as_of is None:
        as_of_i = (int(t.max()) // day + 1) * day
    else:
        as_of_i = _as_of_int(as_of, tz, unit)
        mask = t <= as_of_i
        df = _keep(df, mask, as_of)
        t = t[mask] if len(t) != len(df) else t
    amounts = df[amount].to_numpy(dtype="float64")  # checked by prepare_transactions
    codes, ids = customer_codes(df[customer], ordered=True)
    n = len(ids)

    last = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last, codes, t)
    total = np.bincount(codes, weights=amounts, minlength=n)
    if order:
        ocodes, _ = pd.factorize(df[order])
        if (ocodes < 0).any():
            raise DataValidationError(
                f"column {order!r} (order=) is empty in {int((ocodes < 0).sum())} rows; fill the "
                "order ids or drop those rows."
            )
        frequency = _distinct_per_code(codes, ocodes.astype(np.int64), n)
    else:
        frequency = _distinct_per_code(codes, t, n, divisor=_per(unit, "s"))
    recency = (as_of_i - last) // day
    money = total if monetary == "total" else total / frequency

    return rfm_table_from_values(customer, ids, recency, frequency, money, rules=rules, bins=n_bins)


def rfm_segments(rfm: pd.DataFrame) -> pd.DataFrame:
    """One row per segment of an :func:`rfm_table`, the most valuable first.

    Columns: segment, customers, ``share`` = customers / all customers (a fraction),
    monetary_total, monetary_mean, recency_mean, frequency_mean, action, action_source (taken
    from the table's own ``action`` / ``action_source`` columns, else from the kit's preset).
    Sorted by monetary_total (descending), then segment name.

    >>> rfm = pd.DataFrame({"segment": ["Lost", "Champions", "Lost"], "recency": [90, 1, 60],
    ...                     "frequency": [1, 9, 2], "monetary": [10.0, 500.0, 30.0]})
    >>> s = rfm_segments(rfm)
    >>> s[["segment", "customers", "monetary_total", "recency_mean"]].to_dict("list")
    {'segment': ['Champions', 'Lost'], 'customers': [1, 2], 'monetary_total': [500.0, 40.0], \
'recency_mean': [1.0, 75.0]}
    """
    if not isinstance(rfm, pd.DataFrame):
        raise InvalidParameterError(
            f"rfm_segments takes the table rk.rfm_table(...) returns, not {type(rfm).__name__}."
        )
    require_columns(rfm, ["segment", "recency", "frequency", "monetary"])
    if len(rfm) == 0:
        raise EmptyDataError("the RFM table has no rows: nothing to summarise.")
    out = (
        rfm.groupby("segment", sort=False, observed=True, dropna=False)
        .agg(
            customers=("recency", "size"),
            monetary_total=("monetary", "sum"),
            monetary_mean=("monetary", "mean"),
            recency_mean=("recency", "mean"),
            frequency_mean=("frequency", "mean"),
        )
        .reset_index()
    )
    out.insert(2, "share", out["customers"] / len(rfm))
    if {"action", "action_source"} <= set(rfm.columns):
        info = rfm.drop_duplicates("segment").set_index("segment")
    else:
        info = preset_rules("kit").drop_duplicates("segment").set_index("segment")
    out["action"] = out["segment"].map(info["action"])
    out["action_source"] = out["segment"].map(info["action_source"])
    out = out.sort_values(["monetary_total", "segment"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def clv_summary(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    amount: str | None = None,
    freq: str = "D",
    as_of: Any = None,
) -> pd.DataFrame:
    """Per customer ``frequency``, ``recency``, ``T`` (and ``monetary_value``) for CLV models.

    The definitions of ``lifetimes.utils.summary_data_from_transaction_data`` and of
    pymc-marketing's ``clv.utils.rfm_summary`` (adapted from it): purchases are first combined
    into one per period of ``freq`` (amounts summed), then

    - ``frequency`` = periods with a purchase - 1 (the repeat purchases);
    - ``recency`` = last purchase period - first purchase period (age at the last purchase);
    - ``T`` = ``as_of`` period - first purchase period (age at the end of observation);
    - ``monetary_value`` = mean of the per-period sums of the repeat periods (the first
      period excluded), 0 when frequency is 0.

    Default ``as_of`` = the last purchase in the data (as in both libraries); purchases in
    periods after ``as_of``'s period are dropped. Ages are whole periods (``freq``: "D", "W"
    Monday-Sunday, "M", "Q", "Y"); for "D" and "W" they equal the libraries' values, for "M" the
    libraries divide days by an average month instead. Note that ``recency`` here is *not* the
    RFM recency of :func:`rfm_table` (time since the last purchase).

    >>> log = pd.DataFrame({"id": ["a", "a", "a", "b"],
    ...                     "day": ["2024-01-01", "2024-01-01", "2024-01-04", "2024-01-03"],
    ...                     "paid": [5.0, 5.0, 20.0, 8.0]})
    >>> clv_summary(log, customer="id", time="day", amount="paid").to_dict("list")
    {'id': ['a', 'b'], 'frequency': [1, 0], 'recency': [3, 0], 'T': [3, 1], \
'monetary_value': [20.0, 0.0]}
    """
    pfreq = normalize_freq(freq)
    _check_customer_name(customer, ("frequency", "recency", "T", "monetary_value"))
    df = prepare_transactions(data, customer=customer, time=time, amount=amount)
    times = df[time]
    tz = getattr(times.dt, "tz", None)
    ords = wall_ordinals(times, pfreq)
    if as_of is None:
        as_of_ord = int(ords.max())
    else:
        ts = _as_of_timestamp(as_of, tz)
        as_of_ord = int(wall_ordinals(pd.Series([ts]), pfreq)[0])
        mask = ords <= as_of_ord
        df = _keep(df, mask, as_of)
        ords = ords[mask] if len(ords) != len(df) else ords
    codes, ids = customer_codes(df[customer], ordered=True)
    n = len(ids)
    first = np.full(n, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, codes, ords)
    last = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(last, codes, ords)
    frequency = _distinct_per_code(codes, ords, n) - 1
    out = pd.DataFrame(
        {customer: ids, "frequency": frequency, "recency": last - first, "T": as_of_ord - first}
    )
    if amount:
        amounts = df[amount].to_numpy(dtype="float64")  # checked by prepare_transactions
        repeat = np.where(ords != first[codes], amounts, 0.0)
        repeat_total = np.bincount(codes, weights=repeat, minlength=n)
        value = np.zeros(n)
        np.divide(repeat_total, frequency, out=value, where=frequency > 0)
        out["monetary_value"] = value
    return out
