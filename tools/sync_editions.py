"""Keep the course's language editions in step: one source of truth for code.

The rule: for each ``notebooks/NN_name.ipynb`` the Russian edition is
``notebooks/ru/NN_name.ipynb``. Its markdown is written in Russian; its code cells are the
English ones, in order, except that the cell holding ``import retention_kit as rk`` also holds
``rk.set_language("ru")`` right after that import block (one blank line between). The exercise
ids are therefore the same in both editions.

Usage (from the repository root)::

    python tools/sync_editions.py check        # exit 1 and list every cell that differs
    python tools/sync_editions.py check --existing-only   # ... but not the untranslated ones
    python tools/sync_editions.py check --existing-only   # ... not the notebooks not yet written
    python tools/sync_editions.py fix          # copy the English code cells into each edition
    python tools/sync_editions.py fix 04       # ... only notebooks whose name starts with 04
    python tools/sync_editions.py new 06       # start a translation: English cells + set_language
    python tools/sync_editions.py cyrillic     # share of Cyrillic letters in each edition's prose
    python tools/sync_editions.py outputs 0    # run notebooks/ru/0*: Latin words in what they print

``fix`` copies by position, so it refuses a notebook whose number of code cells differs from the
English one (a cell was added or removed in English): add or remove the matching cell in the
Russian notebook (with its Russian explanation) by hand, then run ``fix`` again.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
LANGS = ("ru",)
IMPORT_LINE = "import retention_kit as rk"


def set_language_line(lang: str) -> str:
    return f'rk.set_language("{lang}")'


def english_notebooks(root: Path = ROOT) -> list[Path]:
    return sorted((root / "notebooks").glob("[0-9][0-9]*_*.ipynb"))  # NN_ and NNa_


def edition_path(english: Path, lang: str) -> Path:
    return english.parent / lang / english.name


def _source(cell) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def localise(code: str, lang: str) -> str:
    """The English cell's code, ``rk.set_language(lang)`` added after the kit's import.

    It goes after the import block that ends with ``import retention_kit as rk``, a blank line
    between (ruff's import sorting asks for one), so the cell stays ruff-clean."""
    lines = code.split("\n")
    at = lines.index(IMPORT_LINE)
    while at + 1 < len(lines) and lines[at + 1].startswith(("import ", "from ")):
        at += 1
    return "\n".join([*lines[: at + 1], "", set_language_line(lang), *lines[at + 1 :]])


def expected_code(english_nb, lang: str) -> list[tuple[str, list[str]]]:
    """(source, tags) of each code cell the edition must have, in order."""
    cells = [c for c in english_nb.cells if c.cell_type == "code"]
    out = [(_source(c), _tags(c)) for c in cells]
    for i, (src, tags) in enumerate(out):
        if IMPORT_LINE in src.split("\n"):
            out[i] = (localise(src, lang), tags)
            break
    else:
        raise SystemExit(f"no code cell has the line {IMPORT_LINE!r}: cannot place set_language")
    return out


@dataclass
class Problem:
    notebook: str
    message: str

    def __str__(self) -> str:
        return f"{self.notebook}: {self.message}"


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def check(lang: str = "ru", root: Path = ROOT, *, missing_ok: set[str] = frozenset()):
    """Every difference between the editions, as a list of :class:`Problem` (empty: in sync).

    ``missing_ok`` names English notebooks (file names) whose edition is not written yet."""
    problems: list[Problem] = []
    for en in english_notebooks(root):
        tr = edition_path(en, lang)
        rel = tr.relative_to(root).as_posix()
        if not tr.exists():
            if en.name not in missing_ok:
                problems.append(Problem(rel, f"missing (the {lang} edition of {en.name})"))
            continue
        want = expected_code(_read(en), lang)
        have_cells = [c for c in _read(tr).cells if c.cell_type == "code"]
        have = [(_source(c), _tags(c)) for c in have_cells]
        if len(want) != len(have):
            problems.append(
                Problem(rel, f"{len(have)} code cells, the English notebook has {len(want)}")
            )
        for k, (w, h) in enumerate(zip(want, have, strict=False)):
            if w[0] != h[0]:
                first = next(
                    (a, b)
                    for a, b in zip(w[0].split("\n") + [""], h[0].split("\n") + [""], strict=False)
                    if a != b
                )
                problems.append(
                    Problem(
                        rel,
                        f"code cell {k + 1} differs from English: expected {first[0]!r}, "
                        f"found {first[1]!r}",
                    )
                )
            elif w[1] != h[1]:
                problems.append(Problem(rel, f"code cell {k + 1}: tags {h[1]} != English {w[1]}"))
        for k, c in enumerate(have_cells):
            if c.get("outputs") or c.get("execution_count") is not None:
                problems.append(Problem(rel, f"code cell {k + 1} is stored with outputs"))
    for tr in sorted((root / "notebooks" / lang).glob("*.ipynb")):
        if not (root / "notebooks" / tr.name).exists():
            problems.append(
                Problem(tr.relative_to(root).as_posix(), "has no English notebook of that name")
            )
    return problems


def fix(lang: str = "ru", root: Path = ROOT, prefix: str = "") -> tuple[list[str], list[str]]:
    """Copy the English code cells into each existing edition; (fixed, refused) messages."""
    fixed, refused = [], []
    for en in english_notebooks(root):
        tr = edition_path(en, lang)
        if not tr.exists() or not en.name.startswith(prefix):
            continue
        want = expected_code(_read(en), lang)
        nb = _read(tr)
        cells = [c for c in nb.cells if c.cell_type == "code"]
        rel = tr.relative_to(root).as_posix()
        if len(cells) != len(want):
            refused.append(
                f"{rel}: refused, it has {len(cells)} code cells and {en.name} has {len(want)}. "
                "Copying by position would pair the wrong cells: add or remove the cell (and its "
                "Russian explanation) by hand where the English notebook changed, then run fix."
                + "".join(f"\n  {d}" for d in _differences([w[0] for w in want], cells))
            )
            continue
        changed = 0
        for cell, (src, tags) in zip(cells, want, strict=True):
            if _source(cell) != src or _tags(cell) != tags or cell.get("outputs"):
                changed += 1
            cell.source = src
            if tags:
                cell.metadata["tags"] = tags
            else:
                cell.metadata.pop("tags", None)
            cell.outputs = []
            cell.execution_count = None
        if changed:
            nbformat.write(nb, tr)
            fixed.append(f"{rel}: {changed} code cell(s) copied from {en.name}")
    return fixed, refused


def _differences(want: list[str], cells) -> list[str]:
    """Where the code cells were added or removed, as a person would look for them."""

    def first(src: str) -> str:
        return next((x for x in src.split("\n") if x.strip()), "")[:70]

    have = [_source(c) for c in cells]
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=want, b=have, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out += [f"English code cell {i + 1} is new: {first(want[i])!r}" for i in range(i1, i2)]
        if op in ("insert", "replace"):
            out += [
                f"this code cell {j + 1} is not in English: {first(have[j])!r}"
                for j in range(j1, j2)
            ]
    return out


def new(prefix: str, lang: str = "ru", root: Path = ROOT) -> Path:
    """Start an edition of the English notebook whose name starts with ``prefix``.

    The copy keeps the English markdown (to be rewritten in the language) and localises the code;
    it refuses to overwrite an existing edition."""
    (en,) = [p for p in english_notebooks(root) if p.name.startswith(prefix)] or [None]
    if en is None:
        raise SystemExit(f"no English notebook starts with {prefix!r}")
    tr = edition_path(en, lang)
    if tr.exists():
        raise SystemExit(f"{tr.relative_to(root)} exists already; use fix to re-sync its code")
    nb = _read(en)
    want = iter(expected_code(nb, lang))
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.source = next(want)[0]
            cell.outputs = []
            cell.execution_count = None
    tr.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, tr)
    return tr


# ---- how much of the prose is in the edition's language -------------------------------------

_FENCED = re.compile(r"```.*?```", re.S)
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)
_INLINE_CODE = re.compile(r"`[^`]*`")  # may wrap a line
_URL = re.compile(r"https?://\S+|<[^>\s]+>")
_HTML = re.compile(r"<[^>]+>")
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")


def prose(text: str) -> str:
    """Markdown without code (fenced and inline), formulas, URLs and HTML tags."""
    for pattern in (_FENCED, _MATH, _INLINE_CODE, _URL, _HTML):
        text = pattern.sub(" ", text)
    return text


def cyrillic_share(path: Path) -> float:
    """Share of Cyrillic letters among all letters of the notebook's markdown prose."""
    text = "\n".join(_source(c) for c in _read(path).cells if c.cell_type == "markdown")
    letters = _LETTER.findall(prose(text))
    return len(_CYRILLIC.findall(prose(text))) / len(letters) if letters else 0.0


# ---- how much of what the code prints is in the edition's language ---------------------------

_SERIES_FOOTER = re.compile(r"(^|\n)(Name: .*, )?dtype: \w+\s*$")
_QUOTED = re.compile(r"`[^`\n]*`|'[^'\n]*'|\"[^\"\n]*\"")
_TOKEN = re.compile(r"[\w.]+")
_SHOWN_ELSEWHERE = ("text/html", "image/png", "application/vnd.jupyter.widget-view+json")


def output_texts(nb) -> list[str]:
    """The sentences a student reads under the code cells of an executed notebook.

    Printed text (stdout), markdown a cell displays, and plain-text results that are not a
    table, a chart, an app or a pandas Series (their words are column names and labels)."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            kind = out.get("output_type")
            if kind == "stream" and out.get("name") == "stdout":
                texts.append(out.get("text", ""))
            elif kind in ("execute_result", "display_data"):
                data = out.get("data", {})
                if "text/markdown" in data:
                    texts.append(data["text/markdown"])
                elif not any(k in data for k in _SHOWN_ELSEWHERE):
                    plain = data.get("text/plain", "")
                    if not _SERIES_FOOTER.search(plain):
                        texts.append(plain)
    return texts


def word_languages(text: str) -> tuple[int, int]:
    """(Latin words, Cyrillic words) of ``text``, identifiers and abbreviations left out.

    Left out: quoted or `backticked` spans (code, column names, values), tokens with a digit,
    "_" or an inner "." (``customer_id``, ``rk.check``, ``2024-01b_winter_sale``), single
    letters (S, N, E, L), words in capitals (CRR, NPS, SQL keywords) and words with a capital
    inside (class and product names: ``DataQualityWarning``, ``SendPulse``, ``DuckDB``)."""
    latin = cyrillic = 0
    for token in _TOKEN.findall(_QUOTED.sub(" ", text)):
        token = token.strip(".")
        if len(token) < 2 or not token.isalpha() or not token[1:].islower():
            continue
        if _CYRILLIC.search(token):
            cyrillic += 1
        elif token.isascii():
            latin += 1
    return latin, cyrillic


def output_latin_share(nb) -> tuple[float, int]:
    """Share of Latin words among the words of the notebook's outputs, and the word count."""
    latin = cyrillic = 0
    for text in output_texts(nb):
        a, b = word_languages(text)
        latin, cyrillic = latin + a, cyrillic + b
    words = latin + cyrillic
    return (latin / words if words else 0.0), words


def execute(path: Path):
    """Run a notebook headless, as tests/test_notebooks.py does; the executed notebook."""
    from nbclient import NotebookClient

    from retention_kit import _nbclient_fix

    _nbclient_fix.install()
    nb = _read(path)
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["check", "fix", "new", "cyrillic", "outputs"])
    parser.add_argument("prefix", nargs="?", default="", help="notebook number, e.g. 04")
    parser.add_argument("--lang", default="ru", choices=LANGS)
    parser.add_argument(
        "--existing-only",
        action="store_true",
        help="check: do not report English notebooks that have no translation yet",
    )
    args = parser.parse_args(argv)
    if args.command == "check":
        untranslated = {
            en.name for en in english_notebooks() if not edition_path(en, args.lang).exists()
        }
        problems = [
            p
            for p in check(args.lang, missing_ok=untranslated if args.existing_only else set())
            if Path(p.notebook).name.startswith(args.prefix)
        ]
        for p in problems:
            print(p)
        if not problems:
            print(f"the {args.lang} edition is in sync with the English notebooks")
        return 1 if problems else 0
    if args.command == "fix":
        fixed, refused = fix(args.lang, prefix=args.prefix)
        for line in fixed + refused:
            print(line)
        if not fixed and not refused:
            print("nothing to fix: every existing edition's code equals the English code")
        return 2 if refused else 0
    if args.command == "new":
        if not args.prefix:
            parser.error("new needs a notebook number, e.g. new 06")
        print(f"wrote {new(args.prefix, args.lang).relative_to(ROOT)}: rewrite its markdown")
        return 0
    if args.command == "outputs":
        for path in sorted((NOTEBOOKS / args.lang).glob(f"{args.prefix}*.ipynb")):
            share, words = output_latin_share(execute(path))
            print(f"{path.relative_to(ROOT).as_posix()}: {share:.1%} Latin words of {words}")
        return 0
    for path in sorted((NOTEBOOKS / args.lang).glob("*.ipynb")):
        print(f"{path.relative_to(ROOT).as_posix()}: {cyrillic_share(path):.1%} Cyrillic letters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
