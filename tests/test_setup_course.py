"""tools/setup_course.py (the set-up without make, for Windows and macOS), run on Linux up to the
point before JupyterLab starts (``--no-lab``), in a temp dir, as CI runs it.

To stay fast and offline the test makes the venv itself first, seeing this venv's packages
through a ``.pth`` file, so the script's pip step finds the dependencies already satisfied; the
script's own steps (install the kit, kernel, course copy) all run for real.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "tools" / "setup_course.py"

pytestmark = pytest.mark.slow


def test_setup_course_lab_no_lab_installs_kernel_and_course(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "_deps_from_test_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    course = tmp_path / "course"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    done = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "lab",
            "--no-lab",
            "--pip",
            "--no-browser",
            "--venv",
            str(env_dir),
            "--course",
            str(course),
            "--port",
            "9999",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    for n in (1, 2, 3, 4):
        assert f"== [{n}/4]" in done.stdout  # a line per step
    spec = json.loads(
        (env_dir / "share" / "jupyter" / "kernels" / "python3" / "kernel.json").read_text()
    )
    assert spec["argv"][:3] == [str(python), "-m", "retention_kit._kernel"]
    assert sorted(p.name for p in (course / "notebooks").glob("*.ipynb")) == sorted(
        p.name for p in (REPO / "notebooks").glob("*.ipynb")
    )
    assert (course / "data" / "samples" / "shop_transactions.csv").is_file()
    assert f"--notebook-dir={course} --port=9999 --no-browser" in done.stdout
