"""Both editions of the course in JupyterLab, the way a student meets them: a real
``jupyter lab`` over a copy of the course (as ``make lab`` makes one), a notebook opened from its
URL, Run ▸ Run All Cells from the menu bar, and then what the page shows.

Checked for the English and the Russian notebook 01 and the Russian 04 and 06: every code cell
ran (an execution number each), no cell shows a traceback or anything on stderr, the app's
sliders or dropdowns are drawn (the widget manager works in Lab, not only in app mode), every
``plt.show()`` gave a chart that the browser decoded, the edition speaks its language (the
checker's messages and the app's labels are Russian in notebooks/ru/, English in notebooks/),
01's calculator writes its numbers the edition's way, and the console has no error.

The server and its kernels live for this module only; the run-all times are printed (``-s``)
and written to test-artifacts/browser/lab_run_times.json. Screenshots for a look by eye:
``python tools/screenshots.py``.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.browser_support import ARTIFACTS, NOTEBOOKS, ROOT, WidgetPage, stop_app
from tests.browser.lab_support import LabNotebook, has_cyrillic, start_lab

pytestmark = pytest.mark.browser

RUN_TIMES = ARTIFACTS / "browser" / "lab_run_times.json"

# (notebook under notebooks/, its language, the app's control that must be drawn)
CASES = [
    ("01_customer_retention_rate.ipynb", "en", ".widget-slider"),
    ("ru/01_customer_retention_rate.ipynb", "ru", ".widget-slider"),
    ("ru/04_cohort_analysis.ipynb", "ru", ".widget-dropdown"),
    ("ru/06_benchmarks.ipynb", "ru", ".widget-slider"),
]


@pytest.fixture(scope="module")
def lab(chromium_path, tmp_path_factory):
    server = start_lab(tmp_path_factory.mktemp("lab"), ARTIFACTS / "browser" / "jupyterlab.log")
    try:
        yield server
    finally:
        stop_app(server)


def _record(name: str, seconds: float) -> None:
    RUN_TIMES.parent.mkdir(parents=True, exist_ok=True)
    times = json.loads(RUN_TIMES.read_text()) if RUN_TIMES.exists() else {}
    times[name] = round(seconds, 1)
    RUN_TIMES.write_text(json.dumps(times, indent=1, sort_keys=True) + "\n")


@pytest.fixture(scope="module", params=CASES, ids=lambda c: c[0].removesuffix(".ipynb"))
def ran(request, browser, lab):
    """The notebook opened in JupyterLab with all its cells run (one kernel per notebook)."""
    name, lang, control = request.param
    if not (NOTEBOOKS / name).exists():
        pytest.skip(f"notebooks/{name} does not exist yet")
    nb = LabNotebook(browser, lab, f"notebooks/{name}")
    try:
        seconds = nb.run_all()
        _record(name, seconds)
        print(f"{name}: run all in {seconds:.1f} s")
        yield nb, lang, control
    finally:
        nb.close()


def test_every_code_cell_ran(ran):
    nb, _, _ = ran
    prompts = nb.prompts()
    assert len(prompts) == nb.code_cells, (nb.code_cells, prompts)
    assert all(re.fullmatch(r"\[\d+\]:", p) for p in prompts), prompts


def test_no_cell_shows_an_error_or_a_warning(ran):
    nb, _, _ = ran
    shown = nb.stderr_outputs()
    assert not shown, "outputs on stderr:\n" + "\n---\n".join(t[:600] for t in shown)
    body = nb.notebook.inner_text()
    for marker in ("Traceback (most recent call last)", "Error displaying widget"):
        assert marker not in body, f"the notebook shows {marker!r}"


def test_the_app_is_drawn(ran):
    nb, _, control = ran
    first = nb.notebook.locator(f".jp-OutputArea-output {control}").first
    first.scroll_into_view_if_needed()
    assert first.is_visible(), f"no {control} drawn in any output"
    assert nb.notebook.locator(".jp-OutputArea-output .widget-vbox").count() >= 1


def test_every_chart_is_a_decoded_image(ran):
    nb, _, _ = ran
    wanted = sum(src.count("plt.show()") for src in nb.sources)
    images = nb.notebook.locator('.jp-OutputArea-output[data-mime-type="image/png"] img')
    decoded = images.evaluate_all("els => els.filter(i => i.complete && i.naturalWidth > 0).length")
    assert wanted > 0, "the notebook shows no chart at all (expected plt.show() in its code)"
    assert decoded >= wanted, f"{decoded} decoded chart images for {wanted} plt.show() calls"
    images.first.scroll_into_view_if_needed()
    assert images.first.is_visible()


def test_the_edition_speaks_its_language(ran):
    """The checker's message and the app's labels: Cyrillic in the Russian edition, none in
    the English one (rk.set_language reached the kernel JupyterLab started)."""
    nb, lang, _ = ran
    cells = nb.notebook.locator(".jp-CodeCell")
    checks = []
    for i, source in enumerate(nb.sources):
        match = re.search(r'rk\.check\("([\d.]+)"', source)
        if match:
            checks.append((match.group(1), cells.nth(i).locator(".jp-OutputArea").inner_text()))
    assert checks or "rk.check(" not in "".join(nb.sources)
    labels = nb.notebook.locator(".jp-OutputArea-output .widget-label").all_inner_texts()
    assert labels, "the app shows no labels"
    if lang == "ru":
        assert any(has_cyrillic(t) for t in labels), f"no Russian label in the app: {labels}"
        for exercise, said in checks:
            assert exercise in said and has_cyrillic(said), f"checker {exercise}: {said!r}"
    else:
        assert not any(has_cyrillic(t) for t in labels), f"Russian in the English app: {labels}"
        for exercise, said in checks:
            assert exercise in said and not has_cyrillic(said), f"checker {exercise}: {said!r}"


def test_the_calculator_writes_numbers_the_editions_way(ran):
    """Notebook 01's CRR calculator, as it opens: CRR = (S - L) / S from its own sliders, shown
    "96.0%" in English and "96,0 %" in Russian (the number formatting reached the kernel)."""
    nb, lang, _ = ran
    if not nb.path.endswith("01_customer_retention_rate.ipynb"):
        pytest.skip("the CRR calculator is in notebook 01")
    w = WidgetPage(nb.page)
    start, lost = re.compile(r"\(S\)"), re.compile(r"\(L\)")
    app = w.app(start, lost)
    s, gone = (int(w.slider_value(w.slider(app, x))) for x in (start, lost))
    percent = f"{(s - gone) / s * 100:.1f}"
    want = percent + "%" if lang == "en" else percent.replace(".", ",") + " %"
    shown = w.big_value(w.output(app, re.compile(r"^\s*CRR"))).replace("\xa0", " ")
    assert shown == want, (s, gone, shown)


def test_the_console_stays_clean(ran):
    nb, _, _ = ran
    assert not nb.console_errors, "browser console errors:\n" + "\n".join(nb.console_errors)


def test_the_screenshot_tool_never_overwrites_without_force(tmp_path, capsys):
    """tools/screenshots.py stops before starting anything when a picture it would write is
    already there (a trainer's checked screenshots are not replaced by accident)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "tools" / "screenshots.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    kept = tmp_path / "app_landing.png"
    kept.write_bytes(b"checked by eye")
    assert tool.main([str(tmp_path)]) == 2
    assert "--force" in capsys.readouterr().err
    assert kept.read_bytes() == b"checked by eye"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app_landing.png"]
