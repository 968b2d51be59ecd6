"""notebooks/01_customer_retention_rate.ipynb in a real browser: the CRR calculator's sliders.

Every expected number is computed here from the slider values, with the formula written out:
E = S + N - L, CRR = (E - N) / S, churn = L / S.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "01_customer_retention_rate.ipynb"
APP_CALL = "crr_calculator("

START, NEW, LOST = (
    re.compile(r"\(S\)|start", re.I),
    re.compile(r"\(N\)|new", re.I),
    re.compile(r"\(L\)|lost", re.I),
)


def expected(s: int, n: int, lost: int) -> dict[str, str]:
    e = s + n - lost
    return {
        "end": f"{e}",
        "crr": f"{(e - n) / s * 100:.1f}%",
        "churn": f"{lost / s * 100:.1f}%",
    }


@pytest.fixture(scope="module")
def crr(notebook_page):
    app = notebook_page.app(START, NEW, LOST)
    app.wait_for(state="visible")
    return notebook_page, app


def sliders(w, app):
    return w.slider(app, START), w.slider(app, NEW), w.slider(app, LOST)


def shown(w, app) -> dict[str, str]:
    return {
        "end": w.big_value(w.output(app, re.compile(r"^\s*End", re.I))),
        "crr": w.big_value(w.output(app, re.compile(r"^\s*CRR"))),
        "churn": w.big_value(w.output(app, re.compile(r"^\s*Churn", re.I))),
    }


def wait_shown(w, app, want: dict[str, str]) -> None:
    w.wait_text(w.output(app, re.compile(r"^\s*CRR")), want["crr"])
    w.wait_text(w.output(app, re.compile(r"^\s*Churn", re.I)), want["churn"])
    assert shown(w, app) == want


def test_renders_without_errors_and_code_hidden(crr):
    w, app = crr
    s, n, lost = (int(w.slider_value(x)) for x in sliders(w, app))
    wait_shown(w, app, expected(s, n, lost))
    assert w.chart_src(app).startswith("data:image/png")
    w.assert_no_errors(app)
    w.assert_code_hidden()
    w.screenshot(app, "01_crr_calculator_initial")


def test_typed_values_give_96_percent(crr):
    """The sources' first example: S = 50, N = 6, L = 2 -> E = 54, CRR = (54 - 6) / 50."""
    w, app = crr
    start, new, lost = sliders(w, app)
    w.type_into_readout(start, 50)
    w.type_into_readout(new, 6)
    w.type_into_readout(lost, 2)
    want = expected(50, 6, 2)
    assert want["crr"] == "96.0%" and (50 + 6 - 2 - 6) / 50 == 0.96
    wait_shown(w, app, want)
    w.assert_no_errors(app)


def test_lost_slider_changes_crr_and_redraws_chart(crr):
    w, app = crr
    start, new, lost = sliders(w, app)
    s, n, lo = (int(w.slider_value(x)) for x in (start, new, lost))
    before = w.chart_src(app)
    target = 10 if lo != 10 else 7
    w.type_into_readout(lost, target)
    wait_shown(w, app, expected(s, n, target))
    w.wait_chart_change(app, before)
    w.assert_no_errors(app)


def test_start_slider_by_keyboard(crr):
    w, app = crr
    start, new, lost = sliders(w, app)
    s, n, lo = (int(w.slider_value(x)) for x in (start, new, lost))
    before = w.chart_src(app)
    w.press_on_handle(start, "ArrowRight", times=3)
    w.wait_slider(start, s + 3)
    wait_shown(w, app, expected(s + 3, n, lo))
    w.wait_chart_change(app, before)
    w.assert_no_errors(app)
    w.screenshot(app, "01_crr_calculator")


def test_s_below_l_pulls_l_down_and_says_so(crr):
    """L can never exceed S: moving S below L moves L too, and a note on screen says so."""
    w, app = crr
    start, new, lost = sliders(w, app)
    w.type_into_readout(start, 50)
    w.type_into_readout(lost, 20)
    n = int(w.slider_value(new))
    w.type_into_readout(start, 12)  # below L = 20
    w.wait_slider(lost, 12)
    note = w.output(app, "S went down to 12")
    w.wait_text(note, "below the 20 customers lost: L is now 12 too")
    wait_shown(w, app, expected(12, n, 12))  # E = 12 + N - 12 = N, CRR = 0 %
    w.assert_no_errors(app)  # the note is information (ℹ), not an error (⚠)
    w.screenshot(app, "01_crr_calculator_s_below_l")
