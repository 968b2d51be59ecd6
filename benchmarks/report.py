"""How long `retention-kit report` takes, against the bare import of what it needs.

    python benchmarks/report.py [--repeat 3] [--baseline-rev e960106]

Prints the median wall time of (1) `python -c "import pandas, matplotlib, retention_kit"`,
(2) `retention-kit report` on data/samples/shop_transactions.csv (10k rows) and their ratio,
all measured in this run on this machine (goal of issue 12: the report within 3x the import).
The two are run alternately (import, report, import, report, ...), so that a machine whose
load changes during the run slows both alike; "x import" is the median of the per-round
ratios. With --baseline-rev, the report of that git revision (e.g. the notebook-in-a-kernel
report before it was rendered in-process) is timed in the same rounds, from a temporary
worktree.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "shop_transactions.csv"


def timed(cmd: list[str], cwd: Path, env_root: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the child's own) of one run of ``cmd``."""
    env = {"PYTHONPATH": str(env_root), "MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report_cmd(out: Path, sample: Path = SAMPLE) -> list[str]:
    return [
        sys.executable, "-m", "retention_kit.cli", "report", str(sample),
        "--customer", "customer_id", "--time", "order_time", "--amount", "amount",
        "--order", "order_id", "--out", str(out),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="rounds (default 5)")
    parser.add_argument("--baseline-rev", help="also time the report of this git revision")
    args = parser.parse_args()
    bare_cmd = [sys.executable, "-c", "import pandas, matplotlib, retention_kit"]
    names = [
        "bare import (pandas, matplotlib, retention_kit)",
        "report, in-process (this checkout)",
    ]
    with tempfile.TemporaryDirectory(prefix="rk-bench-report-") as tmp:
        tmp = Path(tmp)
        old = tmp / "old"
        if args.baseline_rev:
            names.append(f"report at {args.baseline_rev}")
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(old), args.baseline_rev],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
        rounds: list[list[tuple[float, float]]] = []
        try:
            timed(bare_cmd, tmp, ROOT)  # warm the file cache once, untimed
            for i in range(args.repeat):
                row = [
                    timed(bare_cmd, tmp, ROOT),
                    timed(report_cmd(tmp / f"r{i}.html"), tmp, ROOT),
                ]
                if args.baseline_rev:
                    sample = old / "data" / "samples" / "shop_transactions.csv"
                    row.append(timed(report_cmd(tmp / f"old{i}.html", sample), tmp, old))
                rounds.append(row)
                print(
                    f"round {i + 1}: "
                    + ", ".join(f"{wall:.2f} s (CPU {cpu:.2f} s)" for wall, cpu in row),
                    file=sys.stderr, flush=True,
                )  # fmt: skip
        finally:
            if args.baseline_rev:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(old)], cwd=ROOT,
                    capture_output=True,
                )  # fmt: skip
    n = len(rounds)
    print(f"{'what':<52} {'wall s':>7} {'x import':>9} {'CPU s':>6} {'x import':>9}")
    for k, name in enumerate(names):
        wall = statistics.median(r[k][0] for r in rounds)
        ratio = statistics.median(r[k][0] / r[0][0] for r in rounds)
        cpu = statistics.median(r[k][1] for r in rounds)
        cpu_ratio = statistics.median(r[k][1] / r[0][1] for r in rounds)
        print(f"{name:<52} {wall:7.2f} {ratio:9.2f} {cpu:6.2f} {cpu_ratio:9.2f}")
    print(
        f"(medians of {n} rounds; wall is what a user waits, CPU the process's own user + system "
        "time, which other jobs on a busy machine disturb less)"
    )


if __name__ == "__main__":
    main()
