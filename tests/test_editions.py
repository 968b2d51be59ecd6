"""The Russian edition (notebooks/ru/) shares its code with the English notebooks.

``tools/sync_editions.py`` states the rule and checks it: same code cells in the same order, the
cell with ``import retention_kit as rk`` adds ``rk.set_language("ru")``. Each Russian notebook
that exists must be in sync. ``NOT_YET`` lists the English notebooks whose Russian edition is not
written yet: a missing one fails only once it leaves the list, and a listed one that now exists
fails too, so the list stays true until it is empty.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("sync_editions", ROOT / "tools" / "sync_editions.py")
sync = importlib.util.module_from_spec(_spec)
sys.modules["sync_editions"] = sync  # dataclasses look their module up there
_spec.loader.exec_module(sync)

# English notebooks without a Russian edition yet. Shrink it as translations land.
NOT_YET: set[str] = set()  # every English notebook has its Russian edition
RUSSIAN = sorted((ROOT / "notebooks" / "ru").glob("*.ipynb"))
CYRILLIC_FLOOR = 0.60  # of the letters in markdown prose (code, formulas and URLs left out)


def test_not_yet_names_english_notebooks_without_an_edition():
    english = {p.name for p in sync.english_notebooks()}
    assert english >= NOT_YET, NOT_YET - english
    written = {n for n in NOT_YET if (ROOT / "notebooks" / "ru" / n).exists()}
    assert not written, f"translated now: remove {sorted(written)} from NOT_YET"


def test_russian_edition_is_in_sync_with_english():
    problems = sync.check("ru", missing_ok=NOT_YET)
    assert not problems, "run `python tools/sync_editions.py fix`:\n" + "\n".join(
        map(str, problems)
    )


@pytest.mark.parametrize("path", RUSSIAN, ids=[p.stem for p in RUSSIAN])
def test_russian_prose_is_russian(path):
    share = sync.cyrillic_share(path)
    print(f"{path.name}: {share:.1%} Cyrillic")
    assert share >= CYRILLIC_FLOOR, f"{path.name}: only {share:.1%} of the prose is Cyrillic"


@pytest.mark.parametrize("path", RUSSIAN, ids=[p.stem for p in RUSSIAN])
def test_goals_first_and_summary_last(path):
    cells = nbformat.read(path, as_version=4).cells
    first_md = next(c for c in cells if c.cell_type == "markdown")
    assert re.search(r"чему вы научитесь|цели", first_md.source, re.I), path.name
    assert cells[-1].cell_type == "markdown" and re.search(r"итоги", cells[-1].source, re.I)


def test_command_line_checks_and_measures(capsys):
    assert sync.main(["check", "--existing-only"]) == 0
    assert "in sync" in capsys.readouterr().out
    assert sync.main(["cyrillic"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(RUSSIAN)
    assert all(
        re.fullmatch(r"notebooks/ru/\d\d[a-z]?_\w+\.ipynb: \d+\.\d% Cyrillic letters", x)
        for x in lines
    )


def test_cyrillic_share_counts_prose_letters_only(tmp_path):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(
            "Когорта abc `rk.cohort_table(df)` $$CRR = (E - N) / S$$ https://owox.ru/blog\n"
            "```python\nrk.crr(start=50, new=6, end=54)\n```"
        ),
        nbformat.v4.new_code_cell("print('only code here')"),
    ]
    path = tmp_path / "x.ipynb"
    nbformat.write(nb, path)
    assert sync.cyrillic_share(path) == pytest.approx(7 / 10)  # "Когорта" vs "abc"


# ---- the tool on a throwaway copy of one notebook -------------------------------------------


@pytest.fixture
def course(tmp_path) -> Path:
    (tmp_path / "notebooks" / "ru").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "01_customer_retention_rate.ipynb", tmp_path / "notebooks")
    sync.new("01", root=tmp_path)
    return tmp_path


def _code(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_new_edition_adds_set_language_after_the_import(course):
    en = _code(course / "notebooks" / "01_customer_retention_rate.ipynb")
    ru = _code(course / "notebooks" / "ru" / "01_customer_retention_rate.ipynb")
    assert len(en) == len(ru) and en[1:] == ru[1:]
    lines = ru[0].split("\n")
    at = lines.index('rk.set_language("ru")')
    assert lines[at - 2 : at] == ["import retention_kit as rk", ""]  # right after the import
    assert lines[: at - 1] + lines[at + 1 :] == en[0].split("\n")  # nothing else differs
    assert sync.check("ru", course) == []


def test_check_lists_a_changed_cell_and_fix_restores_it(course):
    ru = course / "notebooks" / "ru" / "01_customer_retention_rate.ipynb"
    nb = nbformat.read(ru, as_version=4)
    codes = [c for c in nb.cells if c.cell_type == "code"]
    codes[2].source = "rate = 0.5"
    codes[0].source = "\n".join(
        line for line in codes[0].source.split("\n") if "set_language" not in line
    )
    markdown_before = [c.source for c in nb.cells if c.cell_type == "markdown"]
    nbformat.write(nb, ru)
    problems = [str(p) for p in sync.check("ru", course)]
    assert len(problems) == 2
    assert "code cell 1 differs" in problems[0] and "set_language" in problems[0]
    assert "code cell 3 differs" in problems[1] and "rate = 0.5" in problems[1]
    fixed, refused = sync.fix("ru", course)
    assert refused == [] and re.search(r"2 code cell\(s\) copied", fixed[0])
    assert sync.check("ru", course) == []
    after = nbformat.read(ru, as_version=4)
    assert [c.source for c in after.cells if c.cell_type == "markdown"] == markdown_before


def test_fix_refuses_when_the_number_of_code_cells_differs(course):
    en = course / "notebooks" / "01_customer_retention_rate.ipynb"
    nb = nbformat.read(en, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell("extra = 1"))
    nbformat.write(nb, en)
    ru = course / "notebooks" / "ru" / "01_customer_retention_rate.ipynb"
    before = ru.read_bytes()
    problems = [str(p) for p in sync.check("ru", course)]
    assert any(re.search(r"\d+ code cells, the English notebook has \d+", p) for p in problems)
    fixed, refused = sync.fix("ru", course)
    assert fixed == [] and len(refused) == 1
    assert re.search(r"refused, it has (\d+) code cells and .* has (\d+)", refused[0])
    assert "English code cell 2 is new: 'extra = 1'" in refused[0]  # where to add it by hand
    assert ru.read_bytes() == before  # untouched


def test_check_reports_a_missing_edition_unless_listed(course):
    shutil.copy(ROOT / "notebooks" / "02_churn_ltv_and_profit.ipynb", course / "notebooks")
    problems = [str(p) for p in sync.check("ru", course)]
    assert problems == [
        "notebooks/ru/02_churn_ltv_and_profit.ipynb: missing (the ru edition of "
        "02_churn_ltv_and_profit.ipynb)"
    ]
    assert sync.check("ru", course, missing_ok={"02_churn_ltv_and_profit.ipynb"}) == []


def test_check_reports_stored_outputs(course):
    ru = course / "notebooks" / "ru" / "01_customer_retention_rate.ipynb"
    data = json.loads(ru.read_text())
    code = next(c for c in data["cells"] if c["cell_type"] == "code")
    code["execution_count"] = 3
    ru.write_text(json.dumps(data))
    assert [str(p) for p in sync.check("ru", course)] == [
        "notebooks/ru/01_customer_retention_rate.ipynb: code cell 1 is stored with outputs"
    ]


# ---- the Russian edition travels with the course ---------------------------------------------


def test_course_copy_brings_the_russian_edition(tmp_path):
    from retention_kit.course import editions, write_course

    if not RUSSIAN:
        pytest.skip("no Russian notebook yet")
    assert "ru" in editions()
    done = write_course(tmp_path / "all")
    copied = {p.as_posix() for p in done.written}
    for nb in RUSSIAN:
        assert f"notebooks/ru/{nb.name}" in copied
        assert f"notebooks/{nb.name}" in copied  # English at the top, as in the repository
    only_ru = write_course(tmp_path / "ru", lang="ru")
    first = tmp_path / "ru" / "notebooks" / RUSSIAN[0].name
    assert first.read_bytes() == RUSSIAN[0].read_bytes()
    assert not (tmp_path / "ru" / "notebooks" / "ru").exists()
    assert len([p for p in only_ru.written if p.suffix == ".ipynb"]) == len(RUSSIAN)


@pytest.mark.parametrize("path", RUSSIAN, ids=[p.stem for p in RUSSIAN])
def test_each_exercise_cell_follows_its_russian_question(path):
    """After a ``fix`` the code may move under other prose: every rk.check("NN.k") cell must come
    right after the markdown that asks question NN.k."""
    last_markdown, wrong = "", []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            last_markdown = cell.source
            continue
        for exercise in re.findall(r'rk\.check\("(\d\d[a-z]?\.\d+)"', cell.source):
            if exercise not in last_markdown:
                wrong.append(f"{exercise}: the markdown above is {last_markdown[:60]!r}")
    assert not wrong, f"{path.name}:\n" + "\n".join(wrong)


# ---- what the code prints: the measure behind tests/test_notebooks.py's language check ------


def test_word_languages_leaves_out_identifiers_quotes_and_abbreviations():
    line = (
        "CRR через L: 90,0 % — customer_id, rk.check, 'At risk' `code here` "
        "2024-01b_winter_sale: открываемость, monthly reach S N DataQualityWarning: DuckDB"
    )
    # Latin words left: "monthly", "reach"; Cyrillic: "через", "открываемость"
    assert sync.word_languages(line) == (2, 2)


def test_output_texts_keep_sentences_and_skip_tables_charts_and_series():
    nb = nbformat.v4.new_notebook()
    out = nbformat.v4.new_output
    nb.cells = [
        nbformat.v4.new_markdown_cell("prose is not an output"),
        nbformat.v4.new_code_cell(
            "x",
            outputs=[
                out("stream", name="stdout", text="printed line\n"),
                out("stream", name="stderr", text="a warning\n"),
                out("display_data", data={"text/markdown": "**shown** markdown"}),
                out("execute_result", data={"text/html": "<table/>", "text/plain": "table"}),
                out("display_data", data={"image/png": "", "text/plain": "<Figure>"}),
                out("execute_result", data={"text/plain": "a    1\nName: n, dtype: int64"}),
                out("execute_result", data={"text/plain": "plain result"}),
            ],
        ),
    ]
    assert sync.output_texts(nb) == ["printed line\n", "**shown** markdown", "plain result"]
    assert sync.output_latin_share(nb) == (1.0, 6)


def _printed_words(code: str) -> list[str]:
    """Words in the text that a cell hands to print() itself (string and f-string arguments;
    not the arguments of calls inside, such as rk.cite("000", "OWOX part"); not CRR, E / S)."""
    import ast

    found = []
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
            for arg in node.args:
                parts = arg.values if isinstance(arg, ast.JoinedStr) else [arg]
                for part in parts:
                    if isinstance(part, ast.Constant) and isinstance(part.value, str):
                        found += re.findall(r"\b[A-Za-z][a-z]{2,}\b", part.value)
    return found


ENGLISH = sync.english_notebooks()


@pytest.mark.parametrize("path", ENGLISH, ids=[p.stem for p in ENGLISH])
def test_shared_code_prints_sentences_through_rk_say(path):
    """A sentence print() writes is English in both editions: rk.say(..., ru=...) instead."""
    bad = [
        (k + 1, words)
        for k, cell in enumerate(
            c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"
        )
        if (words := _printed_words(cell.source.replace("%", "")))
    ]
    assert not bad, f"{path.name}: code cells print English words {bad}; use rk.say"


def test_printed_words_sees_print_calls_only():
    code = (
        'print(f"{n:,} rows kept", x)\nprint("E / S:", 1)\nprint(rk.cite("000", "OWOX part"))\n'
        'rk.say("{n} rows", n=1)\nprint("CRR  :", 1)'
    )
    assert _printed_words(code) == ["rows", "kept"]
