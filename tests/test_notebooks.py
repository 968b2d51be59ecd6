"""Every notebook runs top to bottom headless, with no errors and no warnings shown to students."""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from retention_kit import _nbclient_fix

ROOT = Path(__file__).resolve().parents[1]
# Both editions: notebooks/NN_*.ipynb (English) and notebooks/ru/NN_*.ipynb (Russian, same code).
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")) + sorted(
    (ROOT / "notebooks").glob("*/[0-9][0-9]_*.ipynb")
)
IDS = [p.relative_to(ROOT / "notebooks").with_suffix("").as_posix() for p in NOTEBOOKS]
CELL_TIMEOUT = 120  # seconds per cell: a hanging kernel fails one test, not the whole CI run

pytestmark = pytest.mark.notebook

_nbclient_fix.install()  # widget cells: no stall until the cell timeout (nbclient#312)


def run_notebook(path: Path) -> tuple[nbformat.NotebookNode, float]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    began = time.perf_counter()
    client.execute()
    return nb, time.perf_counter() - began


def test_there_are_notebooks():
    names = [p.name for p in NOTEBOOKS]
    assert "00_start_here.ipynb" in names and "01_customer_retention_rate.ipynb" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=IDS)
def test_notebook_runs_clean(path: Path):
    nb, seconds = run_notebook(path)
    print(f"{path.relative_to(ROOT).as_posix()}: {seconds:.1f} s")
    problems = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                problems.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                problems.append(f"cell {i} wrote to stderr: {out.get('text', '')[:300]}")
    assert not problems, "\n".join(problems)
