"""Larger than memory: the core analyses on a Parquet data set several times DuckDB's memory
limit, through ``backend=`` — the data never enters pandas, only the small results do.

    python benchmarks/big_data.py --rows 200e6 --memory-limit 1GB --out /tmp/rk-big

Writes the data set once (in parts of 10 M rows, reused when it is already there), then times
each analysis on DuckDB with the given memory limit and prints seconds and the process' peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import retention_kit as rk
from retention_kit.synthetic import large_transactions

PART = 10_000_000


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_parts(out: Path, rows: int, customers: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    parts = -(-rows // PART)
    in_memory = 0
    for i in range(parts):
        path = out / f"part-{i:04d}.parquet"
        n = min(PART, rows - i * PART)
        if not path.exists():
            df = large_transactions(
                n_rows=n, n_customers=customers, start="2023-01-01", end="2024-12-31", seed=1000 + i
            )
            df.to_parquet(path, index=False)
        in_memory += n * 24  # int64 id + datetime64 + float64 amount
    return in_memory


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--rows", type=float, default=200e6)
    ap.add_argument("--customers", type=float, default=5e6)
    ap.add_argument("--memory-limit", default="1GB")
    ap.add_argument("--out", default="/tmp/rk-big")
    ap.add_argument(
        "--only",
        nargs="*",
        default=["cohort_table", "rfm_table", "day_n_retention", "period_table"],
    )
    args = ap.parse_args()
    rows, out = int(args.rows), Path(args.out)
    began = time.perf_counter()
    size = write_parts(out, rows, int(args.customers))
    on_disk = sum(p.stat().st_size for p in out.glob("*.parquet"))
    print(
        f"data: {rows:,} rows, {size / 2**30:.1f} GiB as pandas columns, "
        f"{on_disk / 2**30:.1f} GiB of Parquet on disk "
        f"(ready in {time.perf_counter() - began:.0f} s)"
    )
    con = rk.backends.connect(
        "duckdb", memory_limit=args.memory_limit, temp_directory=str(out / "spill")
    )
    t = rk.backends.table(out, con=con)
    kw = dict(customer="customer_id", time="time")
    cases = {
        "cohort_table": lambda: rk.cohort_table(t, **kw, freq="M"),
        "period_table": lambda: rk.period_table(t, **kw, freq="M", active_days=90),
        "day_n_retention": lambda: rk.day_n_retention(
            t, customer="customer_id", time="time", days=(1, 7, 30), method="rolling"
        ),
        "rfm_table": lambda: rk.rfm_table(t, **kw, amount="amount"),
    }
    print(f"DuckDB memory_limit={args.memory_limit}, 2 cores")
    for name in args.only:
        fn = cases[name]
        began = time.perf_counter()
        result = fn()
        print(
            f"{name:<16} {time.perf_counter() - began:>7.1f} s  result {len(result):>9,} rows  "
            f"process peak RSS so far {peak_rss_mb():,.0f} MB",
            flush=True,
        )


if __name__ == "__main__":
    main()
