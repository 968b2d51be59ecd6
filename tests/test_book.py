"""The course book (``make book``): builds offline with every notebook executed, its internal
links resolve, and nothing in it asks the web for anything when opened."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]


class _Refs(HTMLParser):
    """Every link, resource and id of one HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []  # <a href>: followed only when the reader clicks
        self.loads: list[str] = []  # src=, <link href>: fetched when the page opens
        self.ids: set[str] = set()
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "link" and a.get("href"):
            self.loads.append(a["href"])
        for key in ("src", "srcset", "data", "poster"):
            if a.get(key):
                self.loads.append(a[key])


def _parse(path: Path) -> _Refs:
    refs = _Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


def _is_web(url: str) -> bool:
    return url.startswith("//") or urlsplit(url).scheme not in ("", "data", "mailto")


def problems(site: Path) -> list[str]:
    """External resources and broken internal links of the site in ``site``."""
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    found = []
    for page, refs in pages.items():
        name = page.relative_to(site)
        found += [f"{name}: loads {u}" for u in refs.loads if _is_web(u)]
        for url in refs.links + refs.loads:
            if _is_web(url) or url.startswith(("data:", "mailto:")):
                continue  # a plain link to the web (clicked, never fetched), or embedded data
            parts = urlsplit(url)
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.exists():
                found.append(f"{name}: broken link {url}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _parse(target).ids
                if unquote(parts.fragment) not in ids:
                    found.append(f"{name}: no #{parts.fragment} in {target.name}")
    for css in site.rglob("*.css"):
        text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
        found += [
            f"{css.relative_to(site)}: {m}"
            for m in re.findall(r"""@import[^;]*|url\(\s*["']?(?:https?:)?//[^)]*\)""", text)
        ]
    return found


def test_the_site_checker_is_not_vacuous(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a id="top" href="b.html#x">b</a><a href="missing.html">m</a>'
        '<script src="https://cdn.example/require.js"></script><a href="https://e.org">ok</a>'
        '<img src="data:image/png;base64,AA"><a href="#top">up</a>'
    )
    (tmp_path / "b.html").write_text('<link href="//fonts.example/f.css"><p id="y">')
    (tmp_path / "s.css").write_text("/* https://x */ @import url('https://f.example/x.css');")
    assert sorted(problems(tmp_path)) == [
        "a.html: broken link missing.html",
        "a.html: loads https://cdn.example/require.js",
        "a.html: no #x in b.html",
        "b.html: loads //fonts.example/f.css",
        "s.css: @import url('https://f.example/x.css')",
    ]


@pytest.mark.slow
@pytest.mark.notebook
@pytest.mark.timeout(1800)
def test_the_book_builds_offline_with_every_notebook(tmp_path):
    pytest.importorskip("myst_nb", reason="the book needs its extra: pip install -e '.[book]'")
    out = tmp_path / "site"
    # no MPLBACKEND: the kernels must keep their inline backend, or the charts vanish
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"} | {"PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         "-c", "docs/book", "-d", str(tmp_path / "doctrees"), ".", str(out)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1700,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-5000:]
    # every notebook of every edition has its page, with its outputs (they are stored without)
    notebooks = sorted(ROOT.glob("notebooks/*.ipynb")) + sorted(ROOT.glob("notebooks/*/*.ipynb"))
    assert len(notebooks) >= 10
    for nb in notebooks:
        page = out / nb.relative_to(ROOT).with_suffix(".html")
        html = page.read_text(encoding="utf-8")
        assert 'class="cell_output' in html, f"{page.name} has no executed output"
        assert "Traceback" not in html, page.name
    assert (out / "notebooks" / "04_cohort_analysis.html").read_text().count("<img") >= 2
    index = (out / "docs" / "book" / "index.html").read_text(encoding="utf-8")
    assert all(nb.stem in index for nb in notebooks)  # the table of contents lists them all
    api = (out / "docs" / "book" / "api.html").read_text(encoding="utf-8")
    names = [
        "metrics.crr.crr",
        "revenue.revenue_retention",
        "periods.period_table",
        "report.build_report",
        "plots.cohorts.cohort_heatmap",
    ]
    for name in (f"retention_kit.{n}" for n in names):
        assert f'id="{name}"' in api, name
    assert "CRR = (E - N) / S" in api or "(E − N) / S" in api  # docstrings rendered
    assert (out / "index.html").exists()
    assert problems(out) == []
