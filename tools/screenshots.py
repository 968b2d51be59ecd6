"""Screenshots of the course for a look by eye: both editions in JupyterLab and in app mode.

    python tools/screenshots.py                 # into build/screenshots/
    python tools/screenshots.py /tmp/shots      # into a folder of your choice
    python tools/screenshots.py --force         # replace PNGs already there
    python tools/screenshots.py --notebooks 05 07 --no-app   # other notebooks, Lab only

What it takes (headless Chromium, as the browser suite does; ``bash tools/install_browser.sh``):

- ``lab_<edition>_<notebook>.png``: notebooks 01 and 04 (``--notebooks``) of each edition in a real
  JupyterLab (over a throwaway copy of the course), Run ▸ Run All Cells, then the whole
  notebook in one picture (the window is made as tall as the notebook);
- ``app_landing.png``, ``app_ru_landing.png``: the start page of the workshop app for each
  edition; ``app_ru_01_customer_retention_rate.png``: one Russian app, whole page.

It also writes ``notes.txt``: per notebook the run time, the share of Cyrillic letters among
the letters of the outputs, and (Russian edition) the output lines that have Latin words and no
Cyrillic at all: English a Russian student would see. It never overwrites a file without
``--force``. The browser tests live in tests/browser/; this is not a test, it asserts nothing.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere: import this checkout
    sys.path.insert(0, str(ROOT))

DEFAULT_NUMBERS = ("01", "04")  # the notebooks shot in JupyterLab, in each edition
RU_APP = "01_customer_retention_rate.ipynb"

_LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LETTER = re.compile(r"[^\W\d_]")


def cyrillic_share(text: str) -> float:
    """Cyrillic letters / all letters of ``text`` (0.0 when it has no letters)."""
    letters = _LETTER.findall(text)
    return sum(bool(_CYRILLIC.match(c)) for c in letters) / len(letters) if letters else 0.0


def english_lines(text: str) -> list[str]:
    """Distinct lines with a Latin word of 3+ letters and no Cyrillic letter."""
    seen: dict[str, None] = {}
    for line in text.splitlines():
        line = line.strip()
        if line and _LATIN_WORD.search(line) and not _CYRILLIC.search(line):
            seen.setdefault(line[:160])
    return list(seen)


def whole_page(page, path: Path) -> None:
    """A screenshot of everything the page would scroll through: Voila scrolls inside a panel,
    not the body, so ``full_page=True`` alone shows one screen. The window grows by the largest
    overflow of any scrolling element, everything is scrolled to the top, then the shot."""
    extra = page.evaluate(
        "() => { let extra = document.scrollingElement.scrollHeight - window.innerHeight;"
        " for (const el of document.querySelectorAll('*')) {"
        "   const o = getComputedStyle(el).overflowY;"
        "   if ((o === 'auto' || o === 'scroll') && el.scrollHeight > el.clientHeight + 1)"
        "     extra = Math.max(extra, el.scrollHeight - el.clientHeight); }"
        " return Math.max(0, extra); }"
    )
    size = dict(page.viewport_size)
    page.set_viewport_size({"width": size["width"], "height": size["height"] + int(extra)})
    try:
        page.wait_for_timeout(500)
        page.evaluate(
            "() => { for (const el of document.querySelectorAll('*')) el.scrollTop = 0;"
            " return Promise.all([...document.querySelectorAll('img')].map("
            "i => i.decode().catch(() => null))); }"
        )
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        page.set_viewport_size(size)


def lab_notebooks(numbers: list[str] | tuple[str, ...]) -> list[tuple[str, str]]:
    """(edition, path under the course) of notebooks NN_*.ipynb, English then Russian."""
    found = []
    for lang, folder in (("en", ROOT / "notebooks"), ("ru", ROOT / "notebooks" / "ru")):
        for number in numbers:
            for path in sorted(folder.glob(f"{number}_*.ipynb")):
                found.append((lang, path.relative_to(ROOT).as_posix()))
    return found


def _targets(out: Path, notebooks: list[tuple[str, str]]) -> list[Path]:
    names = [f"lab_{lang}_{Path(rel).stem}.png" for lang, rel in notebooks]
    names += ["app_landing.png", "app_ru_landing.png", f"app_ru_{Path(RU_APP).stem}.png"]
    return [out / n for n in names] + [out / "notes.txt"]


def _app_shots(browser, out: Path, notes: list[str]) -> None:
    from tests.browser.browser_support import (
        ARTIFACTS,
        LOAD_TIMEOUT_MS,
        NOTEBOOKS,
        VIEWPORT,
        start_app,
        stop_app,
    )

    for lang, args in (("en", []), ("ru", ["--dir", str(NOTEBOOKS / "ru")])):
        app = start_app(args, ARTIFACTS / "browser" / f"screenshots_app_{lang}.log")
        try:
            context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
            page = context.new_page()
            page.goto(app.url("/"), timeout=LOAD_TIMEOUT_MS)
            page.locator(".rk-apps li").first.wait_for(timeout=LOAD_TIMEOUT_MS)
            name = "app_landing.png" if lang == "en" else "app_ru_landing.png"
            whole_page(page, out / name)
            notes.append(f"{name}: {page.title()!r}")
            if lang == "ru":
                began = time.monotonic()
                page.goto(app.url(f"/voila/render/{RU_APP}"), timeout=LOAD_TIMEOUT_MS)
                page.locator(".widget-slider").first.wait_for(timeout=LOAD_TIMEOUT_MS)
                page.wait_for_load_state("networkidle")
                shot = out / f"app_ru_{Path(RU_APP).stem}.png"
                whole_page(page, shot)
                text = page.locator("body").inner_text()
                notes.append(
                    f"{shot.name}: rendered in {time.monotonic() - began:.1f} s; Cyrillic share "
                    f"of the page's text {cyrillic_share(text):.0%}"
                )
                notes += [f"    English: {line}" for line in english_lines(text)]
            context.close()
        finally:
            stop_app(app)


def _lab_shots(browser, out: Path, notes: list[str], notebooks: list[tuple[str, str]]) -> None:
    from tests.browser.browser_support import ARTIFACTS, stop_app
    from tests.browser.lab_support import LabNotebook, start_lab

    with tempfile.TemporaryDirectory(prefix="rk-screenshots-") as home:
        lab = start_lab(Path(home), ARTIFACTS / "browser" / "screenshots_lab.log")
        try:
            for lang, rel in notebooks:
                if not (lab.course / rel).exists():
                    notes.append(f"{rel}: missing, no screenshot")
                    continue
                nb = LabNotebook(browser, lab, rel)
                try:
                    seconds = nb.run_all()
                    shot = nb.screenshot_full(out / f"lab_{lang}_{Path(rel).stem}.png")
                    text = nb.output_text()
                    errors = nb.stderr_outputs() + nb.console_errors
                    notes.append(
                        f"{shot.name}: run all {seconds:.1f} s, Cyrillic share of the outputs' "
                        f"letters {cyrillic_share(text):.0%}, {len(errors)} errors / stderr"
                    )
                    notes += [f"    error: {e[:300]}" for e in errors]
                    if lang == "ru":
                        notes += [f"    English: {line}" for line in english_lines(text)]
                finally:
                    nb.close()
        finally:
            stop_app(lab)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "build" / "screenshots"))
    parser.add_argument("--force", action="store_true", help="overwrite screenshots already there")
    parser.add_argument(
        "--notebooks",
        nargs="+",
        default=list(DEFAULT_NUMBERS),
        metavar="NN",
        help="numbers of the notebooks to shoot in JupyterLab, each edition (default: 01 04)",
    )
    parser.add_argument("--no-app", action="store_true", help="JupyterLab only")
    parser.add_argument("--no-lab", action="store_true", help="app mode only")
    args = parser.parse_args(argv)
    out = Path(args.out).expanduser().resolve()
    notebooks = lab_notebooks(args.notebooks)
    if not notebooks and not args.no_lab:
        print(f"screenshots: no notebook numbered {' '.join(args.notebooks)}", file=sys.stderr)
        return 2
    there = [p for p in _targets(out, notebooks) if p.exists()]
    if there and not args.force:
        print(
            f"screenshots: {len(there)} files already in {out} ({there[0].name}, ...); "
            "give --force to replace them, or another folder",
            file=sys.stderr,
        )
        return 2
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    from tests.browser.browser_support import CHROMIUM_ARGS, INSTALL_HINT, find_chromium

    chromium = find_chromium()
    if chromium is None:
        print(f"screenshots: no Chromium found; {INSTALL_HINT}", file=sys.stderr)
        return 2
    notes: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            if not args.no_lab:
                _lab_shots(browser, out, notes, notebooks)
            if not args.no_app:
                _app_shots(browser, out, notes)
        finally:
            browser.close()
    (out / "notes.txt").write_text("\n".join(notes) + "\n", encoding="utf-8")
    print("\n".join(notes))
    print(f"screenshots: {len(list(out.glob('*.png')))} PNGs in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
