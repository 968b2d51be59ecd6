"""notebooks/06_benchmarks.ipynb in a real browser: your CRR slider and the segment dropdown.

The expected texts are computed here: the benchmark's CRR comes from the kit's benchmark table
(data), the difference in points and the verdict's numbers from the slider value.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "06_benchmarks.ipynb"
APP_CALL = "benchmark_explorer("

YOUR_CRR = re.compile(r"your CRR", re.I)
SEGMENT = re.compile(r"compare|segment|benchmark", re.I)
STEP = 0.005  # the slider's step: one arrow key press


@pytest.fixture(scope="module")
def table():
    import retention_kit as rk

    return rk.load_benchmarks().set_index("segment")["crr"].to_dict()


@pytest.fixture(scope="module")
def bench(notebook_page):
    app = notebook_page.app(YOUR_CRR, SEGMENT)
    app.wait_for(state="visible")
    return notebook_page, app


def state(w, app) -> tuple[float, str]:
    value = w.slider_value(w.slider(app, YOUR_CRR))
    return value, w.selected(w.dropdown(app, SEGMENT))


def check_shown(w, app, your: float, segment: str, table: dict[str, float]) -> None:
    bench = table[segment]
    verdict = w.output(app, "Your CRR of")
    w.wait_text(verdict, f"Your CRR of {your * 100:.1f}%")
    w.wait_text(verdict, segment)
    text = verdict.inner_text()
    diff = (your - bench) * 100
    if abs(diff) < 0.05:
        assert "equal to" in text, text
    else:
        assert f"{abs(diff):.1f} points {'above' if diff > 0 else 'below'}" in text, text
    assert f"({bench * 100:.0f}%;" in text, text
    assert w.big_value(w.output(app, re.compile(r"^\s*benchmark"))) == f"{bench * 100:.0f}%"
    difference = w.output(app, re.compile(r"minus", re.I))
    assert w.big_value(difference) == f"{diff:+.1f} points"


def test_renders_without_errors(bench, table):
    w, app = bench
    your, segment = state(w, app)
    check_shown(w, app, your, segment, table)
    assert w.chart_src(app).startswith("data:image/png")
    w.assert_no_errors(app)
    w.assert_code_hidden()


def test_slider_by_keyboard(bench, table):
    w, app = bench
    your, segment = state(w, app)
    slider = w.slider(app, YOUR_CRR)
    before = w.chart_src(app)
    w.press_on_handle(slider, "ArrowRight", times=4)
    moved = round(your + 4 * STEP, 3)
    w.wait_slider(slider, moved)
    check_shown(w, app, moved, segment, table)
    w.wait_chart_change(app, before)
    w.assert_no_errors(app)


def test_dropdown_picks_another_segment(bench, table):
    w, app = bench
    your, segment = state(w, app)
    before = w.chart_src(app)
    other = next(s for s in table if s != segment and abs(table[s] - your) > 0.01)
    w.choose(w.dropdown(app, SEGMENT), other)
    check_shown(w, app, your, other, table)
    w.wait_chart_change(app, before)
    w.assert_no_errors(app)
    w.screenshot(app, "06_benchmark_explorer")
