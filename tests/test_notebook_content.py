"""Notebooks are product: stored without outputs, learning goals first, summary last, and every
figure quoted from the sources names its article."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))

# Figures that only the sources give (source-facts.md). A markdown cell quoting one must name
# the article it comes from ("article 000" ... "article 004").
SOURCE_FIGURES = [
    r"25\s*[–-]\s*95\s*%",  # HBR / Bain profit
    r"5\s*[–-]\s*7\s*(times|×)",  # acquisition cost
    r"60\s*[–-]\s*70\s*%",  # Forbes existing customer
    r"5\s*[–-]\s*20\s*%",  # Forbes new customer
    r"30\s*[–-]\s*40\s*%",  # email share of revenue
    r"93\.3\s*%",
    r"\b96\s*%",
    r"\b42\s*%",
]


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text())["cells"]


def _text(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_stored_without_outputs(path):
    for cell in _cells(path):
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name}: run `make strip` before committing"
            assert cell.get("execution_count") is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_learning_goals_first_and_summary_last(path):
    cells = _cells(path)
    first_md = next(c for c in cells if c["cell_type"] == "markdown")
    assert re.search(r"learning goals", _text(first_md), re.I), path.name
    assert cells[-1]["cell_type"] == "markdown" and re.search(r"summary", _text(cells[-1]), re.I)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_source_figures_name_their_article(path):
    for cell in _cells(path):
        if cell["cell_type"] != "markdown":
            continue
        text = _text(cell)
        for pattern in SOURCE_FIGURES:
            if re.search(pattern, text):
                assert re.search(r"article\s+00[0-4]", text, re.I), (
                    f"{path.name}: a cell quotes /{pattern}/ without naming its source article"
                )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_logic_lives_in_the_package(path):
    """Notebooks call the kit; they do not define functions of their own."""
    for cell in _cells(path):
        if cell["cell_type"] == "code":
            assert not re.search(r"^\s*def \w+\(", _text(cell), re.M), path.name


def test_notebooks_are_numbered_in_learning_order():
    # NN_name, numbered 00, 01, ... without gaps; a notebook inserted later takes a letter after
    # the one it follows (05a_ comes after 05_), so the numbers need not shift
    names = [p.name.split("_")[0] for p in NOTEBOOKS]
    numbers = [int(n) for n in names if n.isdigit()]
    assert numbers == list(range(len(numbers))), numbers
    for name in names:
        assert re.fullmatch(r"\d\d[a-z]?", name) and name[:2] in names, name
