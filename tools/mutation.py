"""Mutation testing of the core modules with mutmut 3 (`make mutation`; never part of `make test`).

Each module is mutated in its own working copy under build/mutation/work/<module>/ with only
the fast test files that exercise it (mutmut 3 then runs, per mutant, only the tests that reach
the mutated function). The shared settings are pyproject's [tool.mutmut] section; this script
adds, per module, `only_mutate` and the test selection. Results go to build/mutation/<module>.txt
(one line per mutant) and build/mutation/summary.md (tools/mutation_summary.py).

    python tools/mutation.py                 # every module in MODULES, in order
    python tools/mutation.py stats export    # only these
    MUTATION_JOBS=2 python tools/mutation.py # parallel mutant runs (default 1: a shared machine)

Run it under `nice -n 19` (the Makefile target does).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "mutation"

# module name -> (files to mutate, fast test files). Slow tests (notebooks, browser, Spark,
# PostgreSQL, book, wheel) are never listed; pyproject's -m filter drops marked ones too.
MODULES: dict[str, tuple[list[str], list[str]]] = {
    "stats": (
        ["retention_kit/stats.py"],
        ["tests/test_stats.py", "tests/test_stats_edges.py", "tests/test_gaps_core.py"],
    ),
    "core_periods": (
        ["retention_kit/core/periods.py"],
        [
            "tests/test_core_periods.py",
            "tests/test_periods.py",
            "tests/test_cohorts.py",
            "tests/test_completeness.py",
            "tests/test_gaps_core.py",
        ],
    ),
    "export": (["retention_kit/export.py"], ["tests/test_export.py", "tests/test_export_edges.py"]),
    "core_helpers": (
        [
            "retention_kit/core/ids.py",
            "retention_kit/core/columns.py",
            "retention_kit/core/counts.py",
        ],
        [
            "tests/test_core_helpers_edges.py",
            "tests/test_loading.py",
            "tests/test_loading_input.py",
            "tests/test_cohorts.py",
        ],
    ),
    "cohorts": (
        ["retention_kit/cohorts.py"],
        [
            "tests/test_cohorts.py",
            "tests/test_cohorts_edges.py",
            "tests/test_completeness.py",
            "tests/test_gaps_core.py",
        ],
    ),
    "day_n": (
        ["retention_kit/day_n.py"],
        ["tests/test_day_n.py", "tests/test_day_n_edges.py", "tests/test_completeness.py"],
    ),
    "rfm": (
        ["retention_kit/rfm.py"],
        ["tests/test_rfm.py", "tests/test_rfm_edges.py", "tests/test_gaps_core.py"],
    ),
    "loading": (
        ["retention_kit/loading.py"],
        # the five CLI / whole-report tests cost 16 of the 17 s each surviving mutant would run;
        # tests/test_loading_edges.py reaches the same code directly
        [
            "tests/test_loading.py",
            "tests/test_loading_input.py",
            "tests/test_loading_edges.py",
            "tests/test_gaps_core.py",
            *(
                f"--deselect=tests/test_loading_input.py::{t}"
                for t in (
                    "test_cli_report_quantity_price_and_returns",
                    "test_uci_cancellations_are_not_purchases",
                    "test_russian_export_through_the_cli_report",
                    "test_cli_ambiguous_dates_refused_then_dayfirst",
                    "test_reading_overrides_encoding_decimal_sep",
                )
            ),
        ],
    ),
    "report": (
        ["retention_kit/report.py"],
        [
            "tests/test_report_edges.py",
            "tests/test_report_mutants.py",
            "tests/test_report.py::test_tiny_log_numbers_by_hand",
            "tests/test_report.py::test_user_text_is_escaped_everywhere",
            "tests/test_report.py::test_out_is_never_the_input_nor_an_existing_file_and_is_checked_first",
        ],
    ),
    # DuckDB only: Spark is marked slow and PostgreSQL postgres (both run in `make test`). A
    # survivor of run()/resolve() reruns every test, so the slow comparisons on whole samples
    # are thinned to a few (hypothesis logs, complete flags, the UCI log and most sample x freq
    # pairs left out: ~40 s -> ~15 s a pass); the hand-made edge logs are all kept.
    "backends": (
        ["retention_kit/backends/*"],
        [
            "tests/test_backends.py",
            "tests/test_backends_edges.py",
            "-m",
            "not slow and not postgres",
            "-k",
            "not generated and not complete_flags and not uci"
            " and not (on_the_samples and not M-shop and not W-app)"
            " and not (saas_sample and not None-)",
        ],
    ),
}

STATUS = ("killed", "survived", "no tests", "timeout", "suspicious", "skipped", "segfault")


def _work_copy(name: str, mutate: list[str], tests: list[str]) -> Path:
    work = OUT / "work" / name
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
    shutil.copytree(ROOT / "retention_kit", work / "retention_kit", ignore=ignore)
    shutil.copytree(ROOT / "tests", work / "tests", ignore=ignore)
    for extra in ("data", "notebooks", "solutions", "docs"):
        if (ROOT / extra).exists():
            (work / extra).symlink_to(ROOT / extra)
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    base = tomllib.loads(text)["tool"]["mutmut"]
    # drop the [tool.mutmut] table (up to the next table) and write the per-module one
    text = re.sub(r"(?ms)^\[tool\.mutmut\]\n.*?(?=^\[|\Z)", "", text)
    section = dict(base)
    section["only_mutate"] = mutate
    section["pytest_add_cli_args_test_selection"] = tests
    lines = ["[tool.mutmut]"] + [f"{k} = {json.dumps(v)}" for k, v in section.items()]
    (work / "pyproject.toml").write_text(text + "\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return work


def run_module(name: str) -> Path:
    mutate, tests = MODULES[name]
    work = _work_copy(name, mutate, tests)
    env = dict(os.environ)
    # the mutated copy must be what `import retention_kit` finds: no PYTHONPATH to a checkout
    mutmut_path = env.get("MUTMUT_PATH", "")
    env["PYTHONPATH"] = mutmut_path
    mutmut = [sys.executable, "-c", "from mutmut.__main__ import cli; cli()"]
    jobs = os.environ.get("MUTATION_JOBS", "1")
    print(f"== mutation: {name} ({', '.join(mutate)}) on {', '.join(tests)}", flush=True)
    subprocess.run([*mutmut, "run", "--max-children", jobs], cwd=work, env=env, check=False)
    res = subprocess.run(
        [*mutmut, "results", "--all", "true"], cwd=work, env=env, capture_output=True, text=True
    )
    out = OUT / f"{name}.txt"
    out.write_text(res.stdout, encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    names = argv or list(MODULES)
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        print(f"unknown module(s) {unknown}; choose from {list(MODULES)}", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    for name in names:
        run_module(name)
    subprocess.run([sys.executable, str(ROOT / "tools" / "mutation_summary.py")], check=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
