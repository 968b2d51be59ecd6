"""Sphinx configuration of the course book: every notebook, executed, plus the API reference.

Built by ``make book`` with this folder as the configuration directory and the repository as
the source directory (``sphinx-build -c docs/book . build/book``), so the notebooks are read
where they are, never copied. ``include_patterns`` picks up every notebook of
``notebooks/`` and of any edition folder ``notebooks/<lang>/``.

Offline by design: the theme is alabaster (shipped with Sphinx), nothing loads from a CDN
(no MathJax: the notebooks' formulas are plain text; no widget JavaScript: the interactive
apps need a kernel and show a note instead), and ``tests/test_book.py`` greps the built site
for external ``src``/``href``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # the API reference documents this checkout

import retention_kit  # noqa: E402

project = "retention_kit: the course"
author = "retention_kit contributors"
release = version = retention_kit.__version__
copyright = "retention_kit contributors; UCI Online Retail data CC BY 4.0 (Chen, Sain, Guo 2012)"

extensions = ["myst_nb", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]

root_doc = "docs/book/index"
include_patterns = [
    "docs/book/*.md",
    "docs/book/*.rst",
    "notebooks/*.ipynb",
    "notebooks/*/*.ipynb",  # editions in other languages, e.g. notebooks/ru/
]
exclude_patterns = ["**/.ipynb_checkpoints", "build", ".venv", "**/node_modules"]

# Notebooks: executed at build time (they are stored without outputs); a failing cell fails the
# build. Each runs in its own folder, as in JupyterLab.
nb_execution_mode = "force"
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
# No widget JavaScript from a CDN (myst-nb's default loads require.js and the html-manager
# from the web); a static page cannot run the apps anyway, their text output stays.
nb_ipywidgets_js: dict = {}
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]

# MyST: no "$...$" maths (it would pull MathJax from a CDN); formulas are written as text.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
# "toc.glob": the editions toctree matches nothing until a notebooks/<lang>/ folder exists.
suppress_warnings = ["myst.header", "toc.empty_glob"]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
napoleon_numpy_docstring = True
napoleon_google_docstring = False

html_theme = "alabaster"
html_title = "retention_kit: the course"
html_theme_options = {
    "description": "Customer retention, from the formula to your own data",
    "font_family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    "head_font_family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    "show_powered_by": False,
}
html_copy_source = False
html_show_sourcelink = False


def _root_index(app, exception) -> None:
    """``index.html`` at the top of the site, pointing at the book's first page."""
    if exception is None and app.builder.format == "html":
        target = "docs/book/index.html"
        (Path(app.outdir) / "index.html").write_text(
            f'<!DOCTYPE html><meta charset="utf-8"><title>{project}</title>'
            f'<meta http-equiv="refresh" content="0; url={target}">'
            f'<p><a href="{target}">{project}</a></p>\n',
            encoding="utf-8",
        )


# The part of the book for each edition folder notebooks/<lang>/, in its own language.
EDITION_CAPTIONS = {"ru": "Курс на русском языке (Russian edition)"}
EDITIONS_MARK = "<!-- conf.py adds a table of contents per edition"


def _edition_tocs(app, docname: str, source: list[str]) -> None:
    """One table of contents per edition folder ``notebooks/<lang>/`` that has notebooks.

    Added when the index is read rather than written in it: a glob that matches nothing is
    a warning, and the build runs with -W."""
    if docname != root_doc:
        return
    editions = sorted(
        {p.parent.name for p in ROOT.glob("notebooks/*/*.ipynb")} - {".ipynb_checkpoints"}
    )
    toc = "\n```{{toctree}}\n:maxdepth: 1\n:caption: {1}\n:glob:\n\n/notebooks/{0}/*\n```\n"
    tocs = "".join(
        toc.format(lang, EDITION_CAPTIONS.get(lang, f"Edition: {lang}")) for lang in editions
    )
    source[0] = source[0].replace(EDITIONS_MARK, tocs + EDITIONS_MARK, 1)


def setup(app):
    app.connect("source-read", _edition_tocs)
    app.connect("build-finished", _root_index)
