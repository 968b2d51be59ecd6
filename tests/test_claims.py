"""Every figure the course attributes to a source article is in that article.

``tests/claims.csv`` lists the course's quoted claims: the file that quotes it, the figure as the
course writes it, the article id and the exact Russian words of the article. Two checks:

- each quote is found in the cited article's text (whitespace, ё/е, quote marks and dashes
  normalised: the articles are noisy web captures). The articles live outside the repository
  (``../shared/seeds`` or ``$RK_SOURCES_DIR``); without them this check is skipped, saying why.
- each notebook paragraph that names an article id next to a percentage or an "N times" figure
  has a claim row for that notebook, article and figure, so a new attribution without a row
  fails. The Russian edition (``notebooks/ru/``) too: there "статья 000" / "статье 002 и 004"
  names the article and "в 5 раз" is a figure.
- a Russian notebook prints the article's own words next to the figure: each of its claim rows'
  quotes is in its markdown.
- every «quotation» in a Russian notebook's paragraph that names an article is that article's
  words (found in its text), figure or not.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "tests" / "claims.csv"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb"))
RUSSIAN = sorted((ROOT / "notebooks" / "ru").glob("[0-9][0-9]*_*.ipynb"))
FIGURE = re.compile(r"\d+(?:[.,]\d+)?(?:\s*[–-]\s*\d+(?:[.,]\d+)?)?\s*(?:%|times\b|раза?\b)")
# The course's own arithmetic on an article's example, not a figure the article states:
# the 100 % of "churn + CRR = 100 %" and of the granularity advice, E / S = 108 %, churn 4 %.
DERIVED = {"100 %", "108 %", "4 %"}
ARTICLE = re.compile(
    r"(?:articles?|[Сс]тать(?:я|и|е|ю|ей|ёй|ях|ям|ями))\s+(00[0-4])((?:\s*(?:,|and|и)\s*00[0-4])*)"
)


def _rows() -> list[dict]:
    with CLAIMS.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _norm(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[«»“”„\"']", "", text)
    text = re.sub(r"[–—−-]", "-", text)
    # all whitespace goes: some captures lost every space ("80%брендовсчитают")
    return re.sub(r"\s+", "", text)


def _sources_dir() -> Path | None:
    for d in (os.environ.get("RK_SOURCES_DIR"), ROOT.parent / "shared" / "seeds"):
        if d and Path(d).is_dir():
            return Path(d)
    return None


def _article(seeds: Path, article: str) -> str:
    (path,) = seeds.glob(f"{article}_*.txt")
    return _norm(path.read_text(encoding="utf-8"))


def test_claims_table_is_well_formed():
    rows = _rows()
    assert len(rows) >= 10
    for row in rows:
        assert set(row) == {"file", "figure", "article", "quote"}, row
        assert re.fullmatch(r"00[0-4]", row["article"]), row
        assert (ROOT / row["file"]).is_file(), row["file"]
        # the article's own Russian words, or its own arithmetic line ("... = 42%")
        russian = re.search(r"[а-яА-Я]", row["quote"])
        arithmetic = re.fullmatch(r"[\d\s()/=%xх.,—–+-]+", row["quote"])
        assert russian or arithmetic, f"the quote must be the article's words: {row}"


@pytest.mark.parametrize("row", _rows(), ids=lambda r: f"{r['file']}:{r['article']}:{r['figure']}")
def test_quote_is_in_the_cited_article(row):
    seeds = _sources_dir()
    if seeds is None:
        pytest.skip("source articles not found: set RK_SOURCES_DIR to the seeds directory")
    assert _norm(row["quote"]) in _article(seeds, row["article"]), (
        f"{row['file']} quotes article {row['article']}: {row['quote']!r} is not in its text"
    )


def test_quote_carries_the_figure():
    for row in _rows():
        digits = re.findall(r"\d+", row["figure"])
        quote = _norm(row["quote"])
        for d in digits:
            assert d in quote, row


def _attributions(path: Path):
    """(article, figure) pairs: a figure and an article id in the same markdown paragraph."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for para in re.split(r"\n\s*\n|\n(?=\s*[-|] )", text):
            articles = set()
            for m in ARTICLE.finditer(para):
                articles |= {m.group(1), *re.findall(r"00[0-4]", m.group(2))}
            if not articles:
                continue
            for fig in FIGURE.findall(para):
                yield articles, re.sub(r"\s+", " ", fig.replace("–", "-")), para


def test_a_fake_attribution_would_be_caught(tmp_path):
    fake = tmp_path / "99_fake.ipynb"
    fake.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": "markdown",
                        "source": ["Retention rose by 17 % (Source: article 002)."],
                    }
                ]
            }
        )
    )
    assert list(_attributions(fake)) == [
        ({"002"}, "17 %", "Retention rose by 17 % (Source: article 002).")
    ]


def test_a_russian_attribution_would_be_caught(tmp_path):
    fake = tmp_path / "99_fake.ipynb"
    text = "Привлечение нового клиента дороже в 5–7 раз (статьи 002 и 003), 96,0 %."
    fake.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": [text]}]}))
    assert list(_attributions(fake)) == [
        ({"002", "003"}, "5-7 раз", text),
        ({"002", "003"}, "96,0 %", text),
    ]


@pytest.mark.parametrize(
    "path",
    NOTEBOOKS + RUSSIAN,
    ids=[p.relative_to(ROOT / "notebooks").stem for p in NOTEBOOKS]
    + [f"ru/{p.stem}" for p in RUSSIAN],
)
def test_every_attributed_figure_has_a_claim_row(path):
    rel = path.relative_to(ROOT).as_posix()
    rows = [r for r in _rows() if r["file"] == rel]
    missing = []
    for articles, fig, para in _attributions(path):
        key = re.sub(r"\s", "", fig)
        if fig in DERIVED:
            continue
        if not any(
            r["article"] in articles and re.sub(r"\s", "", r["figure"].replace("–", "-")) == key
            for r in rows
        ):
            missing.append(f"{fig} (articles {sorted(articles)}): {para[:120]!r}")
    assert not missing, (
        f"{rel}: figures attributed to an article without a row in tests/claims.csv:\n"
        + "\n".join(missing)
    )


@pytest.mark.parametrize("path", RUSSIAN, ids=[p.stem for p in RUSSIAN])
def test_russian_notebook_prints_the_quotes(path):
    """The Russian edition quotes the article's own words next to each attributed figure."""
    rel = path.relative_to(ROOT).as_posix()
    markdown = _norm(
        "\n".join(
            "".join(c["source"])
            for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "markdown"
        )
    )
    rows = [r for r in _rows() if r["file"] == rel]
    missing = [r["quote"] for r in rows if _norm(r["quote"]) not in markdown]
    assert not missing, f"{rel}: quotes of tests/claims.csv not printed in the notebook: {missing}"


QUOTE = re.compile(r"«([^«»]{15,})»")


def _misquotes(path: Path, texts: dict[str, str]) -> tuple[list[str], int]:
    """(quotes not found in any article their paragraph names, number of quotes checked)."""
    wrong, checked = [], 0
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for para in re.split(r"\n\s*\n|\n(?=\s*[-|] )", "".join(cell["source"])):
            articles = set()
            for m in ARTICLE.finditer(para):
                articles |= {m.group(1), *re.findall(r"00[0-4]", m.group(2))}
            for quote in QUOTE.findall(para) if articles else []:
                checked += 1
                if not any(_norm(quote) in texts[a] for a in articles):
                    wrong.append(f"{quote!r} is in none of articles {sorted(articles)}")
    return wrong, checked


def test_a_paraphrase_in_quotes_would_be_caught(tmp_path):
    fake = tmp_path / "99_fake.ipynb"
    text = "Статья 004: «удержание клиентов важнее всего на свете», и ещё «коротко»."
    fake.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": [text]}]}))
    texts = {"004": _norm("Удержание клиентов важно.")}
    assert _misquotes(fake, texts) == (
        ["'удержание клиентов важнее всего на свете' is in none of articles ['004']"],
        1,  # «коротко» is too short to be a quotation: a term in quotes
    )
    texts = {"004": _norm("Мы считаем: удержание клиентов важнее всего на свете!")}
    assert _misquotes(fake, texts) == ([], 1)


@pytest.mark.parametrize("path", RUSSIAN, ids=[p.stem for p in RUSSIAN])
def test_russian_quotes_are_the_articles_words(path):
    """Every «quotation» (15 characters or more) in a paragraph that names an article is in the
    text of one of the articles it names: a quote is the article's words, not a paraphrase."""
    seeds = _sources_dir()
    if seeds is None:
        pytest.skip("source articles not found: set RK_SOURCES_DIR to the seeds directory")
    texts = {a: _article(seeds, a) for a in ("000", "001", "002", "003", "004")}
    wrong, checked = _misquotes(path, texts)
    assert not wrong, f"{path.name}:\n" + "\n".join(wrong)
    print(f"{path.name}: {checked} quotes found in their articles")
