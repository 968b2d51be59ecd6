"""`make lab` / `make test` without make (Windows, macOS, any machine with Python 3.11+).

    python tools/setup_course.py            # = make lab: venv, course-only install, kernel, lab
    python tools/setup_course.py lab --port 9999 --no-browser
    python tools/setup_course.py test       # adds the test, engine and browser extras, runs pytest
    python tools/setup_course.py lab --no-lab   # everything but starting JupyterLab

Only the standard library: it runs with the Python that will own the venv (``py -3.11`` on
Windows). uv is used when it is on PATH (faster), pip otherwise; both print their progress.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEST_EXTRAS = "test,big,browser"


def _step(n: int, total: int, text: str) -> None:
    print(f"== [{n}/{total}] {text}", flush=True)


def _run(cmd: list[str], **kwargs) -> None:
    print("   $ " + " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)


def venv_python(venv: Path) -> Path:
    """The venv's interpreter: Scripts\\python.exe on Windows, bin/python elsewhere."""
    if os.name == "nt":
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def setup(
    what: str = "lab",
    *,
    venv: Path = REPO / ".venv",
    course: Path = REPO / "my-course",
    port: int = 8888,
    open_browser: bool = True,
    start_lab: bool = True,
    use_uv: bool | None = None,
) -> int:
    """Do what ``make lab`` (or ``make test``) does; return the exit code of the last step."""
    uv = shutil.which("uv") if use_uv in (None, True) else None
    if use_uv and not uv:
        raise SystemExit("setup_course: --uv given but uv is not on PATH (pip install uv)")
    python = venv_python(venv)
    started = time.monotonic()
    total = 4
    if not python.exists():
        _step(1, total, f"creating {venv} ({'uv' if uv else 'venv + pip'})")
        if uv:
            _run([uv, "venv", "--seed", "--python", sys.executable, str(venv)])
        else:
            _run([sys.executable, "-m", "venv", str(venv)])
    else:
        _step(1, total, f"{venv} exists: upgrading it")
    install = (
        [uv, "pip", "install", "--python", str(python)]
        if uv
        else [str(python), "-m", "pip", "install", "--progress-bar", "on"]
    )
    target = str(REPO) if what == "lab" else f"{REPO}[{TEST_EXTRAS}]"
    _step(2, total, "installing the course" + ("" if what == "lab" else f" + {TEST_EXTRAS}"))
    _run([*install, "-e", target])
    _step(3, total, "kernel and JupyterLab settings")
    _run([str(python), "-m", "retention_kit._kernel", "--install"])
    subprocess.run(
        [
            str(python),
            "-m",
            "jupyter",
            "labextension",
            "disable",
            "--level=sys_prefix",
            "@jupyterlab/apputils-extension:announcements",
        ],
        capture_output=True,
    )
    print(f"   install done in {time.monotonic() - started:.0f} s", flush=True)
    if what == "test":
        _step(4, total, "running the tests")
        return subprocess.run([str(python), "-m", "pytest"], cwd=REPO).returncode
    _step(4, total, f"writing the course into {course}")
    _run([str(python), "-m", "retention_kit.cli", "course", str(course)])
    lab = [str(python), "-m", "jupyter", "lab", f"--notebook-dir={course}", f"--port={port}"]
    if not open_browser:
        lab.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        lab.append("--allow-root")
    if not start_lab:
        print("   --no-lab: not starting it; to start: " + " ".join(lab), flush=True)
        return 0
    try:
        return subprocess.run(lab).returncode
    except KeyboardInterrupt:
        return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", nargs="?", default="lab", choices=["lab", "test"])
    parser.add_argument("--venv", type=Path, default=REPO / ".venv")
    parser.add_argument("--course", type=Path, default=REPO / "my-course")
    parser.add_argument("--port", type=int, default=8888)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-lab", action="store_true", help="stop before starting JupyterLab")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--uv", dest="use_uv", action="store_true", default=None)
    group.add_argument("--pip", dest="use_uv", action="store_false", help="do not use uv")
    args = parser.parse_args(argv)
    return setup(
        args.what,
        venv=args.venv,
        course=args.course,
        port=args.port,
        open_browser=not args.no_browser,
        start_lab=not args.no_lab,
        use_uv=args.use_uv,
    )


if __name__ == "__main__":
    sys.exit(main())
