"""Fixtures of the browser suite: the workshop app (Voila) on 127.0.0.1, headless Chromium.

Each test module gets the app server (``python -m retention_kit.app``: every interactive
notebook, code hidden, with a token) and a headless Chromium, opens its notebook once in a fresh
browser context (a new Voila kernel), and its tests drive the widgets like a student: keyboard on
a slider handle, typing into a slider's readout, picking a dropdown option.

No browser? Every test here is skipped with one message saying how to get one
(``bash tools/install_browser.sh``). Set ``RK_REQUIRE_BROWSER=1`` to make that a failure instead
(for a CI that must run them), and ``RK_CHROMIUM=/path/to/chrome`` to use another Chromium.
Screenshots go to ``test-artifacts/screenshots/``, the servers' logs to
``test-artifacts/browser/``.

test_jupyterlab.py runs notebooks of both editions in a real JupyterLab instead (lab_support.py:
a ``jupyter lab`` over a temporary copy of the course, Run ▸ Run All Cells from the menu).
Whole-notebook screenshots of both editions, for a look by eye: ``python tools/screenshots.py``.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.browser_support import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    INSTALL_HINT,
    RunningApp,
    find_chromium,
    notebook_with,
    open_notebook,
    start_app,
    stop_app,
)


def _missing(what: str) -> None:
    message = f"browser tests need {what}"
    if os.environ.get("RK_REQUIRE_BROWSER") == "1":
        pytest.fail(message + " (RK_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(message)


# --------------------------------------------------------------------------------- browser


def what_is_missing() -> str | None:
    """Why the browser suite cannot run here (None: it can)."""
    if importlib.util.find_spec("playwright") is None:
        return "the Python package playwright: pip install -e '.[test]'"
    if importlib.util.find_spec("voila") is None:
        return "the Python package voila: pip install -e '.[test]'"
    if find_chromium() is None:
        where = os.environ.get("RK_CHROMIUM") or "/usr/bin/chromium"
        return f"Chromium, and none was found ({where} missing): {INSTALL_HINT}"
    return None


def pytest_collection_modifyitems(config, items):
    """Nothing to drive: skip every browser test with one reason (one line in the summary),
    or fail them all when RK_REQUIRE_BROWSER=1."""
    here = Path(__file__).parent
    ours = [item for item in items if here in Path(str(item.path)).parents]
    missing = what_is_missing() if ours else None
    if missing is None or os.environ.get("RK_REQUIRE_BROWSER") == "1":
        return
    mark = pytest.mark.skip(reason=f"browser tests need {missing}")
    for item in ours:
        item.add_marker(mark)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    missing = what_is_missing()
    if missing is not None:
        _missing(missing)
    return find_chromium()


@pytest.fixture(scope="module")
def browser(chromium_path: str):
    """Headless Chromium, one per test module: Playwright's sync API keeps an asyncio loop
    running in this thread while it lives, and the suites after ours (nbclient, papermill)
    need that thread free, so it must not outlive the browser tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        try:
            instance = pw.chromium.launch(
                executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True, timeout=60_000
            )
        except Exception as err:  # found but cannot start: say so, do not hide it as a skip
            pytest.fail(f"Chromium at {chromium_path} does not start: {err}", pytrace=False)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="module")
def app_server(request, chromium_path: str) -> Iterator[RunningApp]:
    """The workshop app over every interactive notebook (tree mode), one per test module (a few
    seconds each; its kernels go with it, and nothing outlives the browser tests). Its log:
    test-artifacts/browser/<module>.log."""
    app = start_app([], ARTIFACTS / "browser" / f"{request.module.__name__}.log")
    try:
        yield app
    finally:
        stop_app(app)


@pytest.fixture(scope="module")
def notebook_page(request, browser, app_server):
    """The module's notebook opened in the app (one fresh context and kernel per module).

    The test module names it: ``NOTEBOOK = "01_customer_retention_rate.ipynb"`` and the call
    that builds its app, ``APP_CALL = "crr_calculator("`` (skipped while either is missing)."""
    module = request.module
    path = notebook_with(module.NOTEBOOK, module.APP_CALL)
    context, widgets = open_notebook(browser, app_server.url(f"/voila/render/{path.name}"))
    try:
        yield widgets
    finally:
        context.close()
