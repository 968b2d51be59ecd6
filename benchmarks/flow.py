"""Speed of the flow analyses (revenue retention, lifecycle) against DuckDB SQL of the same
definitions, measured in the same run on the same synthetic log.

    python benchmarks/flow.py --rows 1e6 1e7

For each size: seconds of ``rk.revenue_retention``, ``rk.lifecycle_table`` and
``rk.retention_definitions`` (max_age=12), each on pandas and on the DuckDB engine
(``backend=``, the log handed to DuckDB as a registered table, as the SQL gets it), and of DuckDB
SQL written independently from the definitions (a full outer join of each customer's month with
their previous month), the ratio rk / DuckDB SQL (issue 13's goal: within 1.5x), and whether the
results are identical (the SQL is a second, independent implementation; the engine row is
compared with the SQL and with pandas). A benchmark, not a test: nothing fails on a slow
machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import measure  # noqa: E402

import retention_kit as rk  # noqa: E402
from retention_kit.synthetic import large_transactions  # noqa: E402

PAIRS = """
WITH rows AS (SELECT customer_id AS c, date_trunc('month', time) AS p, amount FROM df),
pairs AS (SELECT c, p, sum(amount) AS v FROM rows GROUP BY c, p),
firsts AS (SELECT c, min(p) AS f FROM rows WHERE amount >= 0 GROUP BY c)
"""

REVENUE_SQL = (
    PAIRS
    + """,
paid AS (SELECT pairs.c, p, v, f FROM pairs JOIN firsts USING (c) WHERE v > 0),
span AS (SELECT min(p) AS lo, max(p) AS hi FROM pairs),
moves AS (
    SELECT coalesce(a.p, b.p + INTERVAL 1 MONTH) AS p, a.v AS now, b.v AS before,
           coalesce(a.f, b.f) AS f
    FROM paid a FULL OUTER JOIN paid b ON a.c = b.c AND a.p = b.p + INTERVAL 1 MONTH
)
SELECT p,
    sum(CASE WHEN now IS NOT NULL AND p = f THEN now ELSE 0 END) AS new,
    sum(CASE WHEN now IS NOT NULL AND before IS NULL AND p <> f THEN now ELSE 0 END)
        AS reactivation,
    sum(CASE WHEN now > before THEN now - before ELSE 0 END) AS expansion,
    sum(CASE WHEN now < before THEN before - now ELSE 0 END) AS contraction,
    sum(CASE WHEN now IS NULL THEN before ELSE 0 END) AS churned,
    sum(coalesce(now, 0)) AS end_revenue
FROM moves, span WHERE p <= span.hi GROUP BY p ORDER BY p
"""
)

LIFECYCLE_SQL = (
    PAIRS
    + """,
everyone AS (SELECT c, min(p) AS f FROM rows GROUP BY c),
act AS (SELECT pairs.c, p, f FROM pairs JOIN everyone USING (c)),
span AS (SELECT max(p) AS hi FROM pairs),
moves AS (
    SELECT coalesce(a.p, b.p + INTERVAL 1 MONTH) AS p, a.c AS now, b.c AS before,
           coalesce(a.f, b.f) AS f
    FROM act a FULL OUTER JOIN act b ON a.c = b.c AND a.p = b.p + INTERVAL 1 MONTH
)
SELECT p,
    count(now) AS active,
    count(CASE WHEN now IS NOT NULL AND p = f THEN 1 END) AS new,
    count(CASE WHEN now IS NOT NULL AND before IS NOT NULL THEN 1 END) AS returning,
    count(CASE WHEN now IS NOT NULL AND before IS NULL AND p <> f THEN 1 END) AS resurrecting,
    count(CASE WHEN now IS NULL THEN 1 END) AS dormant
FROM moves, span WHERE p <= span.hi GROUP BY p ORDER BY p
"""
)


def same(a: pd.DataFrame, b: pd.DataFrame, cols: list[str]) -> bool:
    return bool(
        len(a) == len(b)
        and all(
            np.allclose(a[c].to_numpy(float), b[c].to_numpy(float), rtol=1e-9, equal_nan=True)
            for c in cols
        )
    )


def run_size(n: int, repeat: int) -> list[tuple]:
    df = large_transactions(n_rows=n, n_customers=max(1000, n // 10), seed=42)
    con = duckdb.connect()
    con.register("df", df)
    engine = rk.backends.connect("duckdb")
    table = rk.backends.table(df, con=engine)
    rows = []
    kw = dict(customer="customer_id", time="time")
    analyses = [
        (
            "revenue_retention",
            lambda data, **b: rk.revenue_retention(data, amount="amount", **kw, **b),
            REVENUE_SQL,
            ["new", "reactivation", "expansion", "contraction", "churned", "end_revenue"],
        ),
        (
            "lifecycle_table",
            lambda data, **b: rk.lifecycle_table(data, **kw, **b),
            LIFECYCLE_SQL,
            ["active", "new", "returning", "resurrecting", "dormant"],
        ),
        (
            "retention_definitions (16 curves)",
            lambda data, **b: rk.retention_definitions(data, max_age=12, **kw, **b),
            None,
            ["rate", "cohorts_used"],
        ),
    ]
    for name, call, sql, cols in analyses:
        mine = measure(lambda call=call: call(df), repeat)
        on_engine = measure(lambda call=call: call(table), repeat)
        twin = measure(lambda sql=sql: con.execute(sql).df(), repeat) if sql else None
        ok = same(mine.result, twin.result, cols) if twin else None
        engine_ok = same(on_engine.result, mine.result, cols) and (
            twin is None or same(on_engine.result, twin.result, cols)
        )
        rows.append((name, "pandas", mine, twin, ok))
        rows.append((name, "duckdb engine", on_engine, twin, engine_ok))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", nargs="+", type=float, default=[1e6, 1e7])
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    print(
        f"{'rows':>10} {'analysis':<36} {'path':<14} {'rk s':>7} {'duckdb s':>9} {'rk/duckdb':>9} "
        f"{'peak MB':>8} {'identical':>9}"
    )
    for n in args.rows:
        for name, path, mine, sql, ok in run_size(int(n), args.repeat):
            sql_s = f"{sql.seconds:9.2f}" if sql else f"{'-':>9}"
            ratio = f"{mine.seconds / sql.seconds:9.2f}" if sql else f"{'-':>9}"
            print(
                f"{int(n):>10,} {name:<36} {path:<14} {mine.seconds:7.2f} {sql_s} {ratio} "
                f"{mine.peak_extra_bytes / 2**20:8.0f} {str(ok) if ok is not None else '-':>9}"
            )


if __name__ == "__main__":
    main()
