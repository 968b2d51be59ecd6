"""The course from a wheel: build it, install it into a fresh venv outside the repository, and
use it there as a student would (``course``, ``load_sample``, ``list_samples``, ``report``).

Offline and fast: the wheel is built with ``--no-build-isolation`` (setuptools of this venv) and
installed with ``--no-deps``; the new venv sees this venv's packages (pandas, nbconvert, ...)
through a ``.pth`` file, *after* its own site-packages, so ``retention_kit`` comes from the
wheel, which the test checks.
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

pytestmark = pytest.mark.slow


def _run(cmd, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, **kwargs)
    assert done.returncode == 0, f"{cmd} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A fresh venv (outside the repository) with the wheel installed; its python, bin, env."""
    tmp = tmp_path_factory.mktemp("wheel")
    dist = tmp / "dist"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(REPO),
        ],
        cwd=tmp,
    )
    (wheel,) = dist.glob("retention_kit-*.whl")
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    # No PYTHONPATH: the checkout must not be importable in the new venv.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    # ... and this venv's Jupyter data files (nbconvert's templates), as for its packages below.
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    python = env_dir / "bin" / "python"
    new_site = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]
        ).stdout.strip()
    )
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        env=env,
    )
    # Written after the install (else pip sees this venv's retention-kit as installed).
    # This venv's packages, after the new venv's own: the dependencies without a download.
    (new_site / "_deps_from_test_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env['PATH']}"
    work = tmp / "student"
    work.mkdir()
    return {"python": str(python), "bin": env_dir / "bin", "env": env, "cwd": work}


def _py(installed, code: str) -> str:
    return _run(
        [installed["python"], "-c", code], env=installed["env"], cwd=installed["cwd"]
    ).stdout


def test_the_kit_comes_from_the_wheel_not_the_checkout(installed):
    where = _py(installed, "import retention_kit; print(retention_kit.__file__)").strip()
    assert Path(where).is_relative_to(installed["bin"].parent), where
    assert not Path(where).is_relative_to(REPO)


def test_samples_load_from_the_wheel(installed):
    out = _py(
        installed,
        "import json, retention_kit as rk; orders = rk.load_sample('shop_transactions');"
        "print(json.dumps({'samples': rk.list_samples(), 'rows': len(orders),"
        " 'path': str(rk.sample_path('shop_transactions')),"
        " 'dtype': str(orders['order_time'].dtype)}))",
    )
    got = json.loads(out)
    in_repo = sorted(
        p.stem for p in (REPO / "data" / "samples").iterdir() if p.suffix in (".csv", ".parquet")
    )
    assert got["samples"] == in_repo
    with open(REPO / "data" / "samples" / "shop_transactions.csv") as f:
        assert got["rows"] == sum(1 for _ in f) - 1  # minus the header
    assert "site-packages" in got["path"]
    assert got["dtype"].startswith("datetime64")


def test_course_writes_notebooks_and_samples_then_keeps_edits(installed):
    exe = str(installed["bin"] / "retention-kit")
    target = installed["cwd"] / "my-course"
    first = _run([exe, "course", str(target)], env=installed["env"], cwd=installed["cwd"]).stdout
    notebooks = sorted(p.name for p in (target / "notebooks").glob("*.ipynb"))
    assert notebooks == sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    # the Russian edition comes along in notebooks/ru/, as in the repository
    russian = sorted(p.name for p in (target / "notebooks" / "ru").glob("*.ipynb"))
    assert russian == sorted(p.name for p in (REPO / "notebooks" / "ru").glob("*.ipynb"))
    assert russian, "the wheel lost notebooks/ru/"
    assert (target / "data" / "samples" / "online_retail_sample.ATTRIBUTION.txt").is_file()
    assert not (target / "solutions").exists()
    assert f"jupyter lab {target}" in first

    edited = target / "notebooks" / "01_customer_retention_rate.ipynb"
    edited.write_text(edited.read_text() + "\n")
    again = _run([exe, "course", str(target)], env=installed["env"], cwd=installed["cwd"]).stdout
    assert "skipped 1 files" in again and "01_customer_retention_rate.ipynb" in again
    assert edited.read_text().endswith("\n\n")  # the student's edit is still there
    _run([exe, "course", str(target), "--force"], env=installed["env"], cwd=installed["cwd"])
    assert edited.read_bytes() == (REPO / "notebooks" / edited.name).read_bytes()


def test_report_runs_from_the_wheel_on_a_sample(installed):
    sample = REPO / "data" / "samples" / "shop_transactions.csv"
    out = installed["cwd"] / "report.html"
    exe = str(installed["bin"] / "retention-kit")
    _run(
        [
            exe,
            "report",
            str(sample),
            "--customer",
            "customer_id",
            "--time",
            "order_time",
            "--amount",
            "amount",
            "--out",
            str(out),
        ],
        env=installed["env"],
        cwd=installed["cwd"],
    )
    html = out.read_text(encoding="utf-8")
    assert "<html" in html.lower() and len(html) > 10_000
