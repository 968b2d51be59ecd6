"""JupyterLab for the browser suite: a real ``jupyter lab`` server over a throwaway copy of the
course, and :class:`LabNotebook`, which opens a notebook, runs all its cells through the Run menu
as a student would, and reads what the page then shows.

The server is what ``make lab`` starts (``retention-kit course DIR`` then ``jupyter lab``), with
everything of its own in a temporary folder: the course copy (autosave never touches the
repository), the settings, the workspace and the config (nothing read from or written to
``~/.jupyter``). Used by test_jupyterlab.py and tools/screenshots.py.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.browser.browser_support import (
    ROOT,
    SERVER_START_S,
    VIEWPORT,
    RunningApp,
    _free_port,
    stop_app,
)

RUN_ALL_TIMEOUT_MS = 180_000  # all cells of one notebook, on a machine shared with other work
OPEN_TIMEOUT_MS = 120_000  # JupyterLab's page, the notebook and its kernel

# What a student's JupyterLab is told by `make lab`: no "get Jupyter news?" pop-up over the
# notebook (and no request to jupyter.org). Also: the notebook keeps every cell in the page
# (no windowing), so that the checks below see every output and a screenshot shows them all
# (and no blank screen after the last cell).
_PAGE_CONFIG = {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}
_USER_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
        "scrollPastEnd": False,
    },
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}


class RunningLab(RunningApp):
    """The JupyterLab server started for the tests; ``course`` is the folder it serves."""

    course: Path


def start_lab(home: Path, log: Path) -> RunningLab:
    """``jupyter lab`` over a fresh copy of the course in ``home/course`` (on 127.0.0.1, a free
    port, a random token, no browser); waits until it answers. Its kernels import the
    retention_kit of this checkout (PYTHONPATH), whatever the venv has installed."""
    from retention_kit.course import write_course

    course = home / "course"
    write_course(course)
    config, settings = home / "config", home / "settings"
    (config / "labconfig").mkdir(parents=True, exist_ok=True)
    (config / "labconfig" / "page_config.json").write_text(json.dumps(_PAGE_CONFIG))
    for rel, values in _USER_SETTINGS.items():
        path = settings / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))

    port, token = _free_port(), secrets.token_urlsafe(12)
    cmd = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={course}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
    ]
    if hasattr(os, "getuid") and os.getuid() == 0:  # containers and CI images often are root
        cmd.append("--allow-root")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env["JUPYTER_CONFIG_DIR"] = str(config)
    env["JUPYTER_RUNTIME_DIR"] = str(home / "runtime")
    env.pop("JUPYTER_PLATFORM_DIRS", None)
    log.parent.mkdir(parents=True, exist_ok=True)
    out = log.open("w")
    process = subprocess.Popen(
        cmd, cwd=course, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
    out.close()
    lab = RunningLab(process, port, token, log)
    lab.course = course
    deadline = time.monotonic() + SERVER_START_S
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with code {process.returncode}")
            try:
                with urllib.request.urlopen(lab.url("/api/status"), timeout=2) as response:
                    if response.status == 200:
                        return lab
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no answer from the lab in {SERVER_START_S} s") from None
                time.sleep(0.25)
    except Exception as err:
        stop_app(lab)
        raise RuntimeError(f"{err}; {' '.join(cmd)}\n--- log ---\n{lab.log_tail()}") from None


# ------------------------------------------------------------------------------ the page

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


class LabNotebook:
    """One notebook open in JupyterLab in its own browser context (a tab of its own)."""

    def __init__(self, browser, lab: RunningLab, path: str) -> None:
        self.path, self.lab = path, lab
        self.context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
        self.context.set_default_timeout(30_000)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.page.on("pageerror", lambda err: self.console_errors.append(f"page error: {err}"))
        self.page.on(
            "console",
            lambda m: (
                self.console_errors.append(f"{m.text} at {m.location.get('url', '?')}")
                if m.type == "error"
                else None
            ),
        )
        cells = json.loads((lab.course / path).read_text(encoding="utf-8"))["cells"]
        #: the code cells' sources as stored, in order (the i-th is the page's i-th .jp-CodeCell)
        self.sources = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        self.code_cells = len(self.sources)
        # A workspace of its own, reset: no tab of an earlier notebook comes back with this one.
        workspace = f"rk-{secrets.token_hex(4)}"
        url = lab.url(f"/lab/workspaces/{workspace}/tree/{path}") + "&reset"
        self.page.goto(url, timeout=OPEN_TIMEOUT_MS)
        self.notebook = self.page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
        self.notebook.wait_for(state="visible", timeout=OPEN_TIMEOUT_MS)
        # the notebook is drawn in chunks: wait for all its code cells, then for the kernel
        self.page.wait_for_function(
            "([nb, n]) => nb.querySelectorAll('.jp-CodeCell .jp-InputPrompt').length === n",
            arg=[self.notebook.element_handle(), self.code_cells],
            timeout=OPEN_TIMEOUT_MS,
        )
        self.wait_kernel_idle(OPEN_TIMEOUT_MS)

    def close(self) -> None:
        """Close the tab and shut its kernel down (the next notebook gets the CPU and memory)."""
        self.context.close()
        try:
            with urllib.request.urlopen(self.lab.url("/api/sessions"), timeout=10) as response:
                sessions = json.loads(response.read())
            for session in sessions:
                if session.get("path") == self.path:
                    request = urllib.request.Request(
                        self.lab.url(f"/api/sessions/{session['id']}"), method="DELETE"
                    )
                    urllib.request.urlopen(request, timeout=30).close()
        except OSError:  # the server is gone already: its kernels went with it
            pass

    # -- acting
    def wait_kernel_idle(self, timeout_ms: int) -> None:
        """The status bar names the kernel and says it is idle ("Python 3 (…) | Idle"): it has
        started (before that, Run All would ask which kernel to start) and has nothing to do."""
        self.page.wait_for_function(
            "() => { const bar = document.querySelector('#jp-main-statusbar');"
            " const text = bar === null ? '' : bar.innerText;"
            " return /\\| Idle/.test(text) && !/No Kernel/.test(text); }",
            timeout=timeout_ms,
        )

    def run_all(self, timeout_ms: int = RUN_ALL_TIMEOUT_MS) -> float:
        """Run ▸ Run All Cells from the menu bar; wait until every code cell has its execution
        number and the kernel is idle again. Returns the seconds it took."""
        page = self.page
        began = time.monotonic()
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        item = page.locator(".lm-Menu-item", has_text=re.compile(r"^Run All Cells"))
        item.wait_for(state="visible")
        item.click()
        prompts = self.notebook.locator(".jp-CodeCell .jp-InputPrompt")
        # Done when every code cell has its number, or when an error stopped the run (JupyterLab
        # skips the cells after a failing one: they keep "[ ]", and nothing runs any more).
        try:
            page.wait_for_function(
                "nb => { const els = [...nb.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];"
                " return els.length > 0 && (els.every(p => /^\\[\\d+\\]:$/.test("
                "p.textContent.trim())) || (nb.querySelector('.jp-OutputArea-output"
                '[data-mime-type="application/vnd.jupyter.stderr"]\') !== null'
                " && !els.some(p => p.textContent.includes('*')))); }",
                arg=self.notebook.element_handle(),
                timeout=timeout_ms,
            )
            self.wait_kernel_idle(timeout_ms)
        except Exception as err:
            raise AssertionError(
                f"{self.path}: Run All did not finish in {timeout_ms / 1000:.0f} s; "
                f"the prompts show {prompts.all_inner_texts()}"
            ) from err
        return time.monotonic() - began

    # -- reading
    def prompts(self) -> list[str]:
        """The code cells' prompts: "[3]:" once run, "[ ]:" never run, "[*]:" running."""
        return self.notebook.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()

    def stderr_outputs(self) -> list[str]:
        """Texts of every stderr / error output (a traceback, a warning)."""
        outs = self.notebook.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
        )
        return [t.strip() for t in outs.all_inner_texts()]

    def output_text(self) -> str:
        """All the rendered outputs' text (no code, no markdown)."""
        return "\n".join(self.notebook.locator(".jp-OutputArea").all_inner_texts())

    # -- the picture
    def screenshot_full(self, path: Path) -> Path:
        """The whole notebook in one PNG: the window grows to the notebook's height (JupyterLab
        scrolls inside its panel, so a plain full-page shot would show one screen only)."""
        page = self.page
        size = dict(page.viewport_size or VIEWPORT)
        scroller = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer")
        inner, shown = scroller.evaluate("el => [el.scrollHeight, el.clientHeight]")
        path.parent.mkdir(parents=True, exist_ok=True)
        page.set_viewport_size(
            {"width": size["width"], "height": size["height"] + max(0, inner - shown) + 20}
        )
        try:
            page.wait_for_timeout(500)  # JupyterLab re-lays out the panels
            scroller.evaluate("el => { el.scrollTop = 0; }")  # Run All left it at the end
            page.wait_for_timeout(200)
            page.evaluate(
                "() => Promise.all([...document.querySelectorAll('img')].map("
                "i => i.decode().catch(() => null)))"
            )
            page.screenshot(path=str(path), animations="disabled")
        finally:
            page.set_viewport_size(size)
        return path


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))
