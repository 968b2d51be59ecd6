"""The Russian edition (notebooks/ru/) in the workshop app: Russian prose, Russian numbers.

The app serves ``notebooks/ru/`` (``--dir``), the way a trainer runs a Russian workshop. The CRR
calculator of ru/01 is driven like a student (typing into a slider's readout); the numbers it
shows are written the Russian way ("96,0 %") and computed here from the formula. Screenshots of
ru/00 and ru/01 go to test-artifacts/screenshots/ for a look by eye.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.browser_support import (
    ARTIFACTS,
    NOTEBOOKS,
    open_notebook,
    start_app,
    stop_app,
)

pytestmark = pytest.mark.browser

RU = NOTEBOOKS / "ru"
START, NEW, LOST = (
    re.compile(r"\(S\)|start", re.I),
    re.compile(r"\(N\)|new", re.I),
    re.compile(r"\(L\)|lost", re.I),
)


def ru_percent(fraction: float) -> str:
    """96,0 % with an ordinary space (the page's no-break space is normalised before comparing)."""
    return f"{fraction * 100:.1f}".replace(".", ",") + " %"


def _norm(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _page(browser, app, name: str):
    if not (RU / name).exists():
        pytest.skip(f"notebooks/ru/{name} does not exist yet")
    return open_notebook(browser, app.url(f"/voila/render/{name}"))


@pytest.fixture(scope="module")
def ru_app(chromium_path):
    app = start_app(["--dir", str(RU)], ARTIFACTS / "browser" / "test_russian_edition.log")
    try:
        yield app
    finally:
        stop_app(app)


@pytest.fixture(scope="module")
def calculator(browser, ru_app):
    context, w = _page(browser, ru_app, "01_customer_retention_rate.ipynb")
    try:
        app = w.app(START, NEW, LOST)
        app.wait_for(state="visible")
        yield w, app
    finally:
        context.close()


def _crr_and_churn(w, app) -> tuple[str, str]:
    crr = w.output(app, re.compile(r"^\s*CRR"))
    churn = w.output(app, re.compile(r"^\s*(Churn|Отток)", re.I))
    return _norm(w.big_value(crr)), _norm(w.big_value(churn))


def test_russian_prose_and_russian_numbers(calculator):
    w, app = calculator
    body = w.page.locator("body").inner_text()
    assert "Коэффициент удержания клиентов" in body and "Чему вы научитесь" in body
    assert "Learning goals" not in body  # the English notebook's prose is not served here
    # the article's first example, S = 50, N = 6, L = 2: CRR = (54 - 6) / 50, churn = 2 / 50
    s, n, lost = (int(w.slider_value(w.slider(app, x))) for x in (START, NEW, LOST))
    assert _crr_and_churn(w, app) == (ru_percent((s - lost) / s), ru_percent(lost / s))
    w.assert_no_errors(app)
    w.assert_code_hidden()
    w.screenshot(app, "ru_01_crr_calculator")


def test_typed_lost_gives_a_russian_percent(calculator):
    w, app = calculator
    start, lost = w.slider(app, START), w.slider(app, LOST)
    s = int(w.slider_value(start))
    target = 10 if int(w.slider_value(lost)) != 10 else 7
    w.type_into_readout(lost, target)
    want = ru_percent((s - target) / s)
    w.wait_text(w.output(app, re.compile(r"^\s*CRR")), want.split(" ")[0])  # "80,0"
    assert _crr_and_churn(w, app) == (want, ru_percent(target / s))
    w.assert_no_errors(app)


def test_start_page_of_the_russian_edition(browser, ru_app):
    context, w = _page(browser, ru_app, "00_start_here.ipynb")
    try:
        w.page.locator("h1", has_text="С чего начать").first.wait_for()
        app = w.app(START, NEW, LOST)
        app.wait_for(state="visible")
        w.assert_no_errors(app)
        w.screenshot(w.page.locator("body"), "ru_00_start_here")
    finally:
        context.close()
