"""How long `retention-kit report` takes, against the bare import of what it needs.

    python benchmarks/report.py [--repeat 3] [--baseline-rev e960106]

Prints the median wall time of (1) `python -c "import pandas, matplotlib, retention_kit"`,
(2) `retention-kit report` on data/samples/shop_transactions.csv (10k rows) and their ratio,
all measured in this run on this machine (goal of issue 12: the report within 3x the import).
With --baseline-rev, the report of that git revision (e.g. the notebook-in-a-kernel report
before it was rendered in-process) is timed the same way, from a temporary worktree.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "shop_transactions.csv"


def timed(cmd: list[str], cwd: Path, env_root: Path, repeat: int) -> float:
    env = {"PYTHONPATH": str(env_root), "MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"}
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
        runs.append(time.perf_counter() - began)
    return statistics.median(runs)


def report_cmd(out: Path) -> list[str]:
    return [
        sys.executable, "-m", "retention_kit.cli", "report", str(SAMPLE),
        "--customer", "customer_id", "--time", "order_time", "--amount", "amount",
        "--order", "order_id", "--out", str(out),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-rev", help="also time the report of this git revision")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rk-bench-report-") as tmp:
        tmp = Path(tmp)
        bare = timed(
            [sys.executable, "-c", "import pandas, matplotlib, retention_kit"],
            tmp, ROOT, args.repeat,
        )  # fmt: skip
        rows = [("bare import (pandas, matplotlib, retention_kit)", bare)]
        runs = []
        for i in range(args.repeat):
            out = tmp / f"r{i}.html"
            runs.append(timed(report_cmd(out), tmp, ROOT, 1))
        rows.append(("report, in-process (this checkout)", statistics.median(runs)))
        if args.baseline_rev:
            old = tmp / "old"
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(old), args.baseline_rev],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
            try:
                old_runs = []
                for i in range(args.repeat):
                    cmd = report_cmd(tmp / f"old{i}.html")
                    cmd[4] = str(old / "data" / "samples" / "shop_transactions.csv")
                    old_runs.append(timed(cmd, tmp, old, 1))
                rows.append((f"report at {args.baseline_rev}", statistics.median(old_runs)))
            finally:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(old)], cwd=ROOT,
                    capture_output=True,
                )  # fmt: skip
    print(f"{'what':<52} {'seconds':>8} {'x import':>9}")
    for name, seconds in rows:
        print(f"{name:<52} {seconds:8.2f} {seconds / bare:9.1f}")


if __name__ == "__main__":
    main()
