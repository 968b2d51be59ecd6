"""What the browser suite is made of: the app server it starts, the Chromium it finds, and
:class:`WidgetPage`, which drives ipywidgets like a student. The fixtures are in conftest.py."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"

# A closed network: no first-run work, no background fetches, and no DNS for anything but
# 127.0.0.1 (Voila's page asks a CDN for an icon font; failing at once beats a DNS timeout).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# Playwright's launch() gives every browser a fresh temporary --user-data-dir of its own.
VIEWPORT = {"width": 1280, "height": 800}

LOAD_TIMEOUT_MS = 180_000  # opening a notebook runs it in a new kernel: all its cells
UPDATE_TIMEOUT_MS = 30_000  # a slider move -> kernel callback -> new text / chart
SERVER_START_S = 90

INSTALL_HINT = (
    "run `bash tools/install_browser.sh` (as root it apt-installs Debian's chromium), "
    "or set RK_CHROMIUM=/path/to/chromium"
)


def find_chromium() -> str | None:
    """Path of a Chromium/Chrome binary: $RK_CHROMIUM, Debian's, one on PATH, or Playwright's."""
    env = os.environ.get("RK_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).is_file():
            return candidate
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    cache = Path(os.environ.get("PLAYWRIGHT_BROWSERS_PATH", Path.home() / ".cache/ms-playwright"))
    bundled = sorted(cache.glob("chromium-*/chrome-linux*/chrome"))
    return str(bundled[-1]) if bundled else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ------------------------------------------------------------------------------ app server


class RunningApp:
    """The app-mode server started for the tests: ``url(path)`` adds the token."""

    def __init__(self, process: subprocess.Popen, port: int, token: str, log: Path) -> None:
        self.process, self.port, self.token, self.log = process, port, token, log

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str = "/") -> str:
        return f"{self.base}{path}?token={self.token}"

    def log_tail(self, n: int = 60) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"


def start_app(args: list[str], log: Path) -> RunningApp:
    """``python -m retention_kit.app ARGS`` on a free port with a random token; waits until it
    listens. The process leads its own process group, so :func:`stop_app` can reach Voila too."""
    port, token = _free_port(), secrets.token_urlsafe(12)
    log.parent.mkdir(parents=True, exist_ok=True)
    out = log.open("w")
    cmd = [sys.executable, "-m", "retention_kit.app", *args]
    # "--token=VALUE": a random token may begin with "-", which argparse would take for a flag.
    cmd += ["--port", str(port), f"--token={token}", "--no-browser"]
    process = subprocess.Popen(
        cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
    out.close()
    app = RunningApp(process, port, token, log)
    deadline = time.monotonic() + SERVER_START_S
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the app exited with code {process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return app
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the app did not listen in {SERVER_START_S} s") from None
                time.sleep(0.25)
    except Exception as err:
        stop_app(app)
        raise RuntimeError(f"{err}; {' '.join(cmd)}\n--- log ---\n{app.log_tail()}") from None


def stop_app(app: RunningApp, timeout: float = 20) -> int | None:
    """SIGTERM the app (it stops Voila, Voila its kernels); SIGKILL its group if that hangs."""
    process = app.process
    if process.poll() is None:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout)
    # anything left in the group we created (Voila itself, if the app was killed)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        return None


# ------------------------------------------------------------------------------- the page


class WidgetPage:
    """A Voila page and helpers that act like a student: find a control by its label, move it,
    read a displayed number, watch the chart."""

    def __init__(self, page) -> None:
        self.page = page
        self.js_errors: list[str] = []
        page.on("pageerror", lambda err: self.js_errors.append(str(err)))
        page.on(
            "console",
            lambda msg: (
                self.js_errors.append(msg.text)
                if msg.type == "error" and "Failed to load resource" not in msg.text
                else None
            ),
        )

    # -- finding things
    def app(self, *labels: str | re.Pattern):
        """The widget app (the outermost box of a cell's output) holding all these labels."""
        loc = self.page.locator(".jp-OutputArea-output > .widget-vbox")
        for label in labels:
            loc = loc.filter(has=self.page.locator(".widget-label", has_text=label))
        return loc.first

    def slider(self, scope, label: str | re.Pattern):
        labelled = self.page.locator(".widget-label", has_text=label)
        return scope.locator(".widget-slider").filter(has=labelled).first

    def dropdown(self, scope, label: str | re.Pattern):
        labelled = self.page.locator(".widget-label", has_text=label)
        return scope.locator(".widget-dropdown").filter(has=labelled).first.locator("select")

    @staticmethod
    def options(select) -> list[str]:
        """The dropdown's option texts (ipywidgets shows spaces as no-break spaces)."""
        texts = select.evaluate("s => [...s.options].map(o => o.text)")
        return [t.replace("\xa0", " ") for t in texts]

    def selected(self, select) -> str:
        return self.options(select)[select.evaluate("s => s.selectedIndex")]

    def choose(self, select, text: str) -> None:
        """Pick the option whose text is ``text``, as a user would."""
        select.select_option(index=self.options(select).index(text))

    def output(self, scope, label: str | re.Pattern):
        """An HTML output (``html_value``: a small label line, a big value line)."""
        boxes = scope.locator(".widget-html-content").filter(has_not=self.page.locator("h3"))
        return boxes.filter(has_text=label).first

    @staticmethod
    def big_value(output) -> str:
        return output.inner_text().strip().splitlines()[-1].strip()

    @staticmethod
    def slider_value(slider) -> float:
        """The value the slider's readout shows ("50", "0.75", "75.0%" -> 0.75). (The handle's
        aria-valuenow is rounded to one decimal: 0.75 reads "0.8".)"""
        text = slider.locator(".widget-readout").inner_text().strip().replace(",", "")
        return float(text[:-1]) / 100 if text.endswith("%") else float(text)

    def chart_src(self, scope) -> str:
        img = scope.locator(".widget-output img").first
        img.wait_for(state="visible", timeout=UPDATE_TIMEOUT_MS)
        return img.get_attribute("src") or ""

    # -- acting
    def type_into_readout(self, slider, value: int | float) -> None:
        """Type a value into the slider's editable readout and press Enter."""
        readout = slider.locator(".widget-readout")
        readout.click()
        self.page.keyboard.press("ControlOrMeta+A")
        self.page.keyboard.type(str(value))
        self.page.keyboard.press("Enter")
        self.page.evaluate("() => document.activeElement && document.activeElement.blur()")
        self.wait_slider(slider, value)

    def press_on_handle(self, slider, key: str, times: int = 1) -> None:
        """Focus the slider handle and press a key (ArrowRight, ArrowLeft, PageUp, Home...)."""
        handle = slider.locator(".noUi-handle")
        handle.focus()
        for _ in range(times):
            handle.press(key)

    def wait_slider(self, slider, value: float) -> None:
        """Wait until the slider's readout shows ``value``."""
        deadline = time.monotonic() + UPDATE_TIMEOUT_MS / 1000
        while abs((shown := self.slider_value(slider)) - value) > 1e-6:
            assert time.monotonic() < deadline, f"slider shows {shown}, expected {value}"
            self.page.wait_for_timeout(100)

    def wait_text(self, locator, expected: str | re.Pattern) -> None:
        from playwright.sync_api import expect

        expect(locator).to_contain_text(expected, timeout=UPDATE_TIMEOUT_MS)

    def wait_chart_change(self, scope, old_src: str) -> str:
        """Wait until the chart image is a different picture than ``old_src``; return the new."""
        img = scope.locator(".widget-output img").first
        self.page.wait_for_function(
            "([box, old]) => { const i = box.querySelector('.widget-output img');"
            " return i !== null && i.complete && i.naturalWidth > 0 && i.src !== old; }",
            arg=[scope.element_handle(), old_src],
            timeout=UPDATE_TIMEOUT_MS,
        )
        return img.get_attribute("src") or ""

    # -- checking
    def assert_no_errors(self, scope=None) -> None:
        """No traceback / error output anywhere on the page, no "⚠" message in the app,
        no JavaScript error."""
        page = self.page
        problems = []
        for out in page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').all():
            text = out.inner_text()
            if re.search(r"Traceback|Error|Exception", text):
                problems.append("error output: " + text[:500])
        body = page.locator("body").inner_text()
        for marker in (
            "Traceback (most recent call last)",
            "There was an error when executing",
            "Error displaying widget",
            "Could not create a view",
        ):
            if marker in body:
                problems.append(f"page shows {marker!r}")
        if scope is not None:
            warning = scope.locator(".widget-html-content", has_text="⚠")
            if warning.count():
                problems.append("app shows: " + warning.first.inner_text())
        problems += [f"JavaScript error: {e}" for e in self.js_errors]
        assert not problems, "\n".join(problems)

    def assert_code_hidden(self) -> None:
        """App mode shows outputs and text only: no code cell shows its input."""
        page = self.page
        assert page.locator(".jp-CodeCell").count() > 0, "no code cell rendered at all"
        inputs = page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeCell .jp-Cell-inputWrapper")
        assert inputs.count() == 0, f"{inputs.count()} code inputs are visible"

    def screenshot(self, scope, name: str) -> Path:
        """test-artifacts/screenshots/NAME.png of ``scope`` (the app), whole and fully painted:
        the viewport grows to the app's height for the shot, then returns to its size."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page = self.page
        size = dict(page.viewport_size or VIEWPORT)
        box = scope.bounding_box() or {"height": 0}
        if box["height"] + 40 > size["height"]:
            page.set_viewport_size({"width": size["width"], "height": int(box["height"]) + 40})
        try:
            scope.scroll_into_view_if_needed()
            scope.evaluate(
                "el => Promise.all([...el.querySelectorAll('img')].map("
                "i => i.decode().catch(() => null)))"
            )
            page.wait_for_timeout(200)  # one more frame after layout
            scope.screenshot(path=path, animations="disabled")
        finally:
            page.set_viewport_size(size)
        return path


def open_notebook(browser, url: str) -> tuple[object, WidgetPage]:
    """A fresh browser context (cookies, a new kernel) on ``url``; returns (context, page)."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    context.set_default_timeout(UPDATE_TIMEOUT_MS)
    page = context.new_page()
    widgets = WidgetPage(page)
    page.goto(url, wait_until="load", timeout=LOAD_TIMEOUT_MS)
    return context, widgets


def notebook_with(name: str, call: str) -> Path:
    """notebooks/<name>, skipping the module's tests while it (or its app) does not exist yet."""
    path = NOTEBOOKS / name
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT)} does not exist yet")
    if call not in path.read_text(encoding="utf-8"):
        pytest.skip(f"{path.relative_to(ROOT)} does not call {call} yet")
    return path


def shot_path(name: str) -> str:
    """test-artifacts/screenshots/NAME.png (the folder is made)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return str(SCREENSHOTS / f"{name}.png")
