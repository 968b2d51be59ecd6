"""Seconds per analysis on PostgreSQL vs DuckDB vs pandas, same data, same run.

    .venv/bin/python benchmarks/postgres.py                       # 10k-row shop sample and 1 M rows
    .venv/bin/python benchmarks/postgres.py --rows 1e6 --url postgresql://me@localhost/bench

Without ``--url`` a throwaway PostgreSQL server is started (tests/postgres_support.py: needs
initdb/pg_ctl, e.g. Debian's ``postgresql``; fsync off, default memory settings) and removed at
the end. Data: the bundled 10k-row shop sample (SYNTHETIC), and
``retention_kit.synthetic.large_transactions`` (SYNTHETIC; customers = 10 % of rows). Loading
(PostgreSQL: COPY; DuckDB: in-memory table) is timed apart from the analyses, which each run on
a table already in the engine. Every engine result is checked equal to pandas' first.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import retention_kit as rk  # noqa: E402

ANALYSES = {
    "cohort_table (M)": lambda d, kw: rk.cohort_table(d, **kw, freq="M"),
    "period_table (M, 90 d)": lambda d, kw: rk.period_table(d, **kw, freq="M", active_days=90),
    "day_n_retention (rolling)": lambda d, kw: rk.day_n_retention(
        d, customer=kw["customer"], time=kw["time"], days=(1, 7, 30), method="rolling"
    ),
    "rfm_table": lambda d, kw: rk.rfm_table(d, **kw, amount="amount"),
}


def _copy_into(pg_url: str, name: str, df: pd.DataFrame) -> None:
    import psycopg

    types = {"int64": "bigint", "float64": "double precision", "str": "text", "object": "text"}
    cols = ", ".join(
        f'"{c}" {"timestamp" if str(t).startswith("datetime64") else types.get(str(t), "text")}'
        for c, t in df.dtypes.items()
    )
    buf = io.StringIO()
    df.to_csv(buf, index=False, header=False, date_format="%Y-%m-%d %H:%M:%S.%f")
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute(f'DROP TABLE IF EXISTS "{name}"')
        con.execute(f'CREATE TABLE "{name}" ({cols})')
        with con.cursor().copy(f'COPY "{name}" FROM STDIN WITH (FORMAT csv)') as copy:
            copy.write(buf.getvalue())
        con.execute(f'ANALYZE "{name}"')


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def bench(label: str, df: pd.DataFrame, kw: dict, pg_url: str) -> list[dict]:
    from tests.engine_cases import same

    duck = rk.backends.connect("duckdb", threads=2)
    _, duck_load = _timed(lambda: duck.create_table("t", df, overwrite=True))
    _, pg_load = _timed(lambda: _copy_into(pg_url, "bench", df))
    pg = rk.backends.connect(pg_url)
    tables = {"duckdb": duck.table("t"), "postgres": pg.table("bench")}
    rows = [
        {"data": label, "analysis": "load", "pandas": 0.0, "duckdb": duck_load,
         "postgres": pg_load},
    ]  # fmt: skip
    for name, fn in ANALYSES.items():
        ref, t_pd = _timed(lambda fn=fn: fn(df, kw))
        row = {"data": label, "analysis": name, "pandas": t_pd}
        for engine, t in tables.items():
            out, secs = _timed(lambda fn=fn, t=t: fn(t, kw))
            same(ref, out)
            row[engine] = secs
        rows.append(row)
        print(f"  {label}: {name} done", file=sys.stderr)
    pg.disconnect()
    duck.disconnect()
    return rows


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=float, nargs="*", default=[1e6], help="synthetic sizes")
    p.add_argument("--url", help="a PostgreSQL URL (default: a throwaway local server)")
    args = p.parse_args()
    cluster = None
    url = args.url
    if url is None:
        from tests.postgres_support import Cluster

        cluster = Cluster(database="rk_bench")
        url = cluster.start().url
    try:
        shop = rk.load_sample("shop_transactions")[["customer_id", "order_time", "amount"]]
        results = bench(f"shop sample, {len(shop):,} rows", shop,
                        dict(customer="customer_id", time="order_time"), url)  # fmt: skip
        for n in args.rows:
            n = int(n)
            df = rk.synthetic.large_transactions(n_rows=n, n_customers=n // 10)
            kw = dict(customer="customer_id", time="time")
            results += bench(f"synthetic, {n:,} rows", df, kw, url)
    finally:
        if cluster is not None:
            cluster.stop()
    table = pd.DataFrame(results)
    table["postgres / duckdb"] = table["postgres"] / table["duckdb"]
    table["postgres / pandas"] = table["postgres"] / table["pandas"].where(table["pandas"] > 0)
    with pd.option_context("display.width", 140, "display.float_format", "{:.3f}".format):
        print(table.to_string(index=False))


if __name__ == "__main__":
    main()
