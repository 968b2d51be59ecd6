"""Summarise mutmut results per module: build/mutation/<module>.txt -> build/mutation/summary.md.

A survivor listed in tools/mutation_equivalent.txt (`mutant_name  # why it cannot be killed`) is
counted as equivalent, not as survived. Score = killed / (killed + survived + no tests + timeout
+ suspicious), i.e. among the non-equivalent mutants that were run; timeouts count as killed
(the mutant hangs, a test run notices). Mutants a stopped run never reached are "not run".
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "mutation"
EQUIVALENT = ROOT / "tools" / "mutation_equivalent.txt"
LINE = re.compile(r"^\s*(\S+): (.+?)\s*$")


def equivalent_names() -> set[str]:
    if not EQUIVALENT.exists():
        return set()
    names = set()
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line)
    return names


def count(path: Path, equivalent: set[str]) -> Counter:
    c: Counter = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        m = LINE.match(line)
        if not m:
            continue
        name, status = m.groups()
        if status == "survived" and name in equivalent:
            status = "equivalent"
        if status == "timeout":
            status = "killed"
        c[status] += 1
    return c


def main() -> int:
    equivalent = equivalent_names()
    rows = [
        "| module | mutants | killed | survived | equivalent | no tests | other | not run "
        "| score |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for path in sorted(OUT.glob("*.txt")):
        c = count(path, equivalent)
        total = sum(c.values())
        # "not checked": the run was stopped before reaching them (a partial run)
        other = total - c["killed"] - c["survived"] - c["equivalent"] - c["no tests"]
        other -= c["not checked"]
        live = total - c["equivalent"] - c["skipped"] - c["not checked"]
        score = f"{c['killed'] / live:.1%}" if live else "n/a"
        rows.append(
            f"| {path.stem} | {total} | {c['killed']} | {c['survived']} | {c['equivalent']} "
            f"| {c['no tests']} | {other} | {c['not checked']} | {score} |"
        )
    text = "# Mutation testing summary (mutmut 3)\n\n" + "\n".join(rows) + "\n"
    (OUT / "summary.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
