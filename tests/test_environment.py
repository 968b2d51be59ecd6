"""environment.yml (conda, Binder) and pyproject.toml (pip) must list the same packages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge name -> PyPI name where they differ
CONDA_TO_PIP = {"python-duckdb": "duckdb"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _requirements() -> list[str]:
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [
        *meta["dependencies"],
        *(r for extra in meta["optional-dependencies"].values() for r in extra),
    ]


def _pyproject() -> set[str]:
    return {_name(r) for r in _requirements()}


def _environment() -> set[str]:
    return {CONDA_TO_PIP.get(_name(dep), _name(dep)) for dep in _env_requirements()}


def _env_requirements() -> list[str]:
    """conda packages and pip-section requirements of environment.yml (not python, pip, -e .)"""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            out += [r for r in dep.get("pip", []) if not r.startswith("-")]
        elif _name(dep) not in ("python", "pip"):
            out.append(dep)
    return out


def test_same_packages_in_both_files():
    pip, conda = _pyproject(), _environment()
    assert pip - conda == set(), f"in pyproject.toml but not environment.yml: {pip - conda}"
    assert conda - pip == set(), f"in environment.yml but not pyproject.toml: {conda - pip}"


def test_same_lower_bounds():
    pip_bounds = {_name(r): r.split(">=")[1].strip() for r in _requirements() if ">=" in r}
    for dep in _env_requirements():
        if ">=" in dep:
            name = CONDA_TO_PIP.get(_name(dep), _name(dep))
            assert pip_bounds.get(name) == dep.split(">=")[1].strip(), name


def test_environment_python_matches_requires_python():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert meta["requires-python"] == ">=3.11"
