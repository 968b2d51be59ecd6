"""Speed and memory of the kit's core analyses against two baselines measured in the same run.

For each data size it times, on the same synthetic transaction log:

- ``rk``:        retention_kit's pandas/numpy implementation (the readable teaching reference);
- ``tutorial``:  the pandas code the usual blog tutorials give for the same result
                 (groupby + transform + apply / lambda per customer, Python sets per period);
- ``duckdb``:    the same query as DuckDB SQL over the same in-memory DataFrame.

and prints seconds, ratios and the peak extra memory of each call (RSS sampled every 2 ms by a
background thread, minus the RSS before the call), next to the size of the input columns.

    python benchmarks/run.py --rows 1e6 1e7            # the figures in benchmarks/README.md
    python benchmarks/run.py --rows 2e5 --skip-tutorial

It is a benchmark, not a test: nothing here fails on a slow machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import numpy as np
import pandas as pd

import retention_kit as rk
from retention_kit.synthetic import large_transactions

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


@dataclass
class Measure:
    seconds: float
    peak_extra_bytes: int
    result: object


def measure(fn: Callable[[], object], repeat: int = 1) -> Measure:
    """Best-of-`repeat` wall time; peak RSS above the starting RSS during the calls."""
    best, peak_extra, result = float("inf"), 0, None
    for _ in range(repeat):
        result = None
        gc.collect()
        base = rss()
        peak = [base]
        done = threading.Event()

        def sample(done: threading.Event = done, peak: list[int] = peak) -> None:
            while not done.is_set():
                peak[0] = max(peak[0], rss())
                time.sleep(0.002)

        t = threading.Thread(target=sample, daemon=True)
        t.start()
        began = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - began
        done.set()
        t.join()
        peak[0] = max(peak[0], rss())
        best = min(best, elapsed)
        peak_extra = max(peak_extra, peak[0] - base)
    return Measure(best, peak_extra, result)


# --------------------------------------------------------------------------- tutorial pandas code


def tutorial_cohort(df: pd.DataFrame) -> pd.DataFrame:
    """The cohort code of the widely copied UCI Online Retail tutorials (DataCamp "Customer
    Segmentation in Python"): month by a per-row apply, transform('min'), nunique, pivot."""
    d = df.copy()

    def get_month(x):
        return dt.datetime(x.year, x.month, 1)

    d["InvoiceMonth"] = d["time"].apply(get_month)
    d["CohortMonth"] = d.groupby("customer_id")["InvoiceMonth"].transform("min")
    years_diff = d["InvoiceMonth"].dt.year - d["CohortMonth"].dt.year
    months_diff = d["InvoiceMonth"].dt.month - d["CohortMonth"].dt.month
    d["CohortIndex"] = years_diff * 12 + months_diff
    counts = d.groupby(["CohortMonth", "CohortIndex"])["customer_id"].apply(pd.Series.nunique)
    return counts.reset_index().pivot(
        index="CohortMonth", columns="CohortIndex", values="customer_id"
    )


def idiomatic_cohort(df: pd.DataFrame) -> pd.DataFrame:
    """A careful pandas version without per-row Python: to_period, transform, nunique."""
    d = df[["customer_id", "time"]].copy()
    d["order_month"] = d["time"].dt.to_period("M")
    d["cohort"] = d.groupby("customer_id")["order_month"].transform("min")
    c = d.groupby(["cohort", "order_month"]).agg(n_customers=("customer_id", "nunique"))
    c = c.reset_index()
    c["period_number"] = (c["order_month"] - c["cohort"]).apply(lambda x: x.n)
    return c.pivot_table(index="cohort", columns="period_number", values="n_customers")


def tutorial_rfm(df: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    r = df.groupby("customer_id").agg(
        recency=("time", lambda x: (as_of - x.max()).days),
        frequency=("time", lambda x: len(x)),
        monetary=("amount", lambda x: x.sum()),
    )
    r["r_score"] = pd.qcut(r["recency"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1])
    r["f_score"] = pd.qcut(r["frequency"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5])
    r["m_score"] = pd.qcut(r["monetary"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5])
    return r


def tutorial_period_table(df: pd.DataFrame, active_days: int) -> pd.DataFrame:
    """The usual loop: for every month boundary, the set of customers active in the window."""
    window = pd.Timedelta(days=active_days)
    months = pd.period_range(df["time"].min(), df["time"].max(), freq="M")
    bounds = [m.start_time for m in months] + [
        months[-1].end_time.normalize() + pd.Timedelta(days=1)
    ]
    first = df.groupby("customer_id")["time"].min()

    def active(t: pd.Timestamp) -> set:
        in_window = df[(df["time"] >= t - window) & (df["time"] < t)]
        return set(in_window["customer_id"].unique())

    rows = []
    for a, b in zip(bounds[:-1], bounds[1:], strict=True):
        s, e = active(a), active(b)
        rows.append(
            {
                "period": a,
                "start": len(s),
                "end": len(e),
                "lost": len(s - e),
                "new": len(e - s),
                "first_time": int(((first >= a) & (first < b)).sum()),
            }
        )
    t = pd.DataFrame(rows)
    t["crr"] = (t["end"] - t["new"]) / t["start"].where(t["start"] > 0)
    return t


# --------------------------------------------------------------------------- DuckDB SQL


COHORT_SQL = """
WITH ev AS (
  SELECT customer_id, date_trunc('month', time) AS m FROM log GROUP BY ALL
), c AS (
  SELECT customer_id, min(m) AS cohort FROM ev GROUP BY customer_id
)
SELECT c.cohort,
       date_diff('month', c.cohort, ev.m) AS age,
       count(*) AS customers
FROM ev JOIN c USING (customer_id)
GROUP BY ALL ORDER BY 1, 2
"""

RFM_SQL = """
WITH r AS (
  SELECT customer_id,
         (epoch_us(TIMESTAMP '{as_of}') - epoch_us(max(time))) // 86400000000 AS recency,
         count(DISTINCT time) AS frequency,
         sum(amount) AS monetary
  FROM log GROUP BY customer_id
), n AS (SELECT count(*) AS n FROM r)
SELECT r.*,
  -- 1 + 5 * (customers strictly worse) // n, as rk.rfm_table: rank() - 1 counts them
  1 + (5 * (rank() OVER (ORDER BY recency DESC) - 1)) // n.n AS r_score,
  1 + (5 * (rank() OVER (ORDER BY frequency) - 1)) // n.n AS f_score,
  1 + (5 * (rank() OVER (ORDER BY monetary) - 1)) // n.n AS m_score
FROM r, n
"""

PERIOD_SQL = """
WITH b AS (
  SELECT unnest(generate_series(date_trunc('month', (SELECT min(time) FROM log)),
                                date_trunc('month', (SELECT max(time) FROM log)) + INTERVAL 1 MONTH,
                                INTERVAL 1 MONTH)) AS t
), d AS (
  SELECT DISTINCT customer_id, CAST(time AS DATE) AS day FROM log
), act AS (          -- customers active at boundary t: an event in [t - window, t)
  SELECT DISTINCT b.t, d.customer_id
  FROM b JOIN d ON d.day >= CAST(b.t - INTERVAL {days} DAY AS DATE) AND d.day < CAST(b.t AS DATE)
), s AS (
  SELECT t, count(*) AS n FROM act GROUP BY t
), l AS (
  SELECT a.t, count(*) FILTER (WHERE e.customer_id IS NULL) AS lost
  FROM act a LEFT JOIN act e ON e.customer_id = a.customer_id AND e.t = a.t + INTERVAL 1 MONTH
  GROUP BY a.t
)
SELECT b.t AS period, coalesce(s1.n, 0) AS start, coalesce(s2.n, 0) AS "end",
       coalesce(l.lost, 0) AS lost
FROM b LEFT JOIN s s1 ON s1.t = b.t LEFT JOIN s s2 ON s2.t = b.t + INTERVAL 1 MONTH
       LEFT JOIN l ON l.t = b.t
WHERE b.t + INTERVAL 1 MONTH <= (SELECT max(t) FROM b)
ORDER BY 1
"""


def run_size(n: int, args: argparse.Namespace) -> None:
    df = large_transactions(
        n_rows=n,
        n_customers=max(1, int(n * args.customers_per_row)),
        start="2023-01-01",
        end="2024-12-31",
        seed=1,
    )
    input_bytes = int(df.memory_usage(index=False, deep=True).sum())
    as_of = df["time"].max().normalize() + pd.Timedelta(days=1)
    con = duckdb.connect()
    con.register("log", df)
    cases: dict[str, dict[str, Callable[[], object]]] = {
        "cohort_matrix": {
            "rk": lambda: rk.cohort_matrix(df, customer="customer_id", time="time", freq="M"),
            "duckdb": lambda: con.sql(COHORT_SQL).df(),
            "tutorial": lambda: tutorial_cohort(df),
            "idiomatic": lambda: idiomatic_cohort(df),
        },
        "period_table": {
            "rk": lambda: rk.period_table(
                df, customer="customer_id", time="time", freq="M", active_days=90
            ),
            "duckdb": lambda: con.sql(PERIOD_SQL.format(days=90)).df(),
            "tutorial": lambda: tutorial_period_table(df, 90),
        },
        "rfm_table": {
            "rk": lambda: rk.rfm_table(
                df, customer="customer_id", time="time", amount="amount", as_of=as_of
            ),
            "duckdb": lambda: con.sql(RFM_SQL.format(as_of=as_of)).df(),
            "tutorial": lambda: tutorial_rfm(df, as_of),
        },
    }
    for name in args.only:
        results = {}
        for impl, fn in cases[name].items():
            if impl in ("tutorial", "idiomatic") and args.skip_tutorial:
                continue
            m = measure(fn, repeat=1 if impl in ("tutorial", "idiomatic") else args.repeat)
            results[impl] = m
            ratio = m.seconds / results["rk"].seconds
            print(
                f"{n:>11,} {name:<14} {impl:<9} {m.seconds:>8.2f} "
                f"{m.peak_extra_bytes / 2**20:>8.0f} {m.peak_extra_bytes / input_bytes:>7.2f} "
                f"{ratio:>7.2f}",
                flush=True,
            )
        rk_s = results["rk"].seconds
        summary = f"{'':>11} {name:<14} rk/duckdb = {rk_s / results['duckdb'].seconds:.2f}"
        if "tutorial" in results:
            summary += f", tutorial/rk = {results['tutorial'].seconds / rk_s:.1f}"
        if "idiomatic" in results:
            summary += f", idiomatic pandas/rk = {results['idiomatic'].seconds / rk_s:.1f}"
        summary += f", input columns = {input_bytes / 2**20:.0f} MB"
        print(summary, flush=True)
    con.close()


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--rows", nargs="+", type=float, default=[1e6, 1e7])
    ap.add_argument(
        "--customers-per-row",
        type=float,
        default=0.05,
        help="customers = rows x this (default 0.05: 500k customers at 10 M rows)",
    )
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--skip-tutorial", action="store_true")
    ap.add_argument("--only", nargs="*", default=["cohort_matrix", "period_table", "rfm_table"])
    args = ap.parse_args()

    print(
        f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"pandas {pd.__version__}, numpy {np.__version__}, duckdb {duckdb.__version__}"
    )
    header = (
        f"{'rows':>11} {'analysis':<14} {'impl':<9} {'seconds':>8} {'peak MB':>8} "
        f"{'x input':>7} {'vs rk':>7}"
    )
    print(header)
    for n in (int(x) for x in args.rows):
        run_size(n, args)


if __name__ == "__main__":
    main()
