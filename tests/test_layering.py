"""The package's layers only point down (docs/ARCHITECTURE.md), checked on the source.

Every ``import`` / ``from ... import`` in retention_kit/ counts, at module level and inside
functions alike (an in-function import still makes a circle, it only hides it until run time).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "retention_kit"

#: the pandas analyses (and what they build on): never import the engines
ANALYSES = (
    "retention_kit.loading",
    "retention_kit.stats",
    "retention_kit.cohorts",
    "retention_kit.periods",
    "retention_kit.rfm",
    "retention_kit.day_n",
    "retention_kit.repeat",
    "retention_kit.revenue",
    "retention_kit.lifecycle",
    "retention_kit.definitions",
    "retention_kit._flow",
    "retention_kit.profit",
    "retention_kit.metrics",
    "retention_kit.core",
)
#: the top layer: public names of the layers below only
TOP = (
    "retention_kit.plots",
    "retention_kit.widgets",
    "retention_kit.report",
    "retention_kit.cli",
    "retention_kit.app",
)
#: what the core may use besides itself: nothing that knows about analyses or engines
#: (i18n: the base layer's language switch, so that a message reads in the student's language;
#: _error_texts: the Russian versions of the count checks' messages)
CORE_MAY_IMPORT = (
    "retention_kit.core",
    "retention_kit.errors",
    "retention_kit.stats",
    "retention_kit.i18n",
    "retention_kit._error_texts",
)
#: infrastructure, not a layer: the nbclient polling fix used wherever notebooks are run
INFRASTRUCTURE = ("retention_kit._nbclient_fix",)


def _modules() -> dict[str, tuple[Path, bool]]:
    mods = {}
    for path in ROOT.rglob("*.py"):
        parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
        is_pkg = parts[-1] == "__init__"
        mods[".".join(parts[:-1] if is_pkg else parts)] = (path, is_pkg)
    return mods


MODULES = _modules()


def _resolve(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> list[tuple[str, str | None]]:
    """(imported module, imported name or None) for every import statement of ``module``."""
    path, is_pkg = MODULES[module]
    pkg = module if is_pkg else module.rpartition(".")[0]
    out: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, None) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for a in node.names:
                sub = f"{target}.{a.name}"
                # `from . import _flow` imports a module; `from .x import f` a name
                out.append((sub, None) if sub in MODULES else (target, a.name))
    return [(t, n) for t, n in out if t.startswith("retention_kit")]


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {m: set() for m in MODULES}
    for m in MODULES:
        for target, _ in _imports(m):
            r = _resolve(target)
            if r and r != m:
                edges[m].add(r)
    return edges


def _in(module: str, layers: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in layers)


def test_the_package_has_no_import_cycle():
    edges = _edges()
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    cycles = []

    def visit(v: str, path: list[str]) -> None:
        state[v] = 1
        for w in sorted(edges[v]):
            if state.get(w) == 1:
                cycles.append(path[path.index(w) :] + [w])
            elif w not in state:
                visit(w, [*path, w])
        state[v] = 2

    for v in sorted(edges):
        if v not in state:
            visit(v, [v])
    assert cycles == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _in(m, ANALYSES)))
def test_analyses_never_import_the_engines(module):
    bad = [t for t, _ in _imports(module) if _in(_resolve(t) or "", ("retention_kit.backends",))]
    assert bad == [], f"{module} imports {bad}: go through core.engines.run_on_engine"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _in(m, ("retention_kit.core",))))
def test_the_core_builds_only_on_errors_and_stats(module):
    bad = [t for t, _ in _imports(module) if not _in(_resolve(t) or "", CORE_MAY_IMPORT)]
    assert bad == [], f"{module} imports {bad}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _in(m, TOP)))
def test_charts_apps_report_and_cli_use_public_names_only(module):
    own = module.split(".")[1]  # its own package (plots, widgets) may share private helpers
    bad = []
    for target, name in _imports(module):
        resolved = _resolve(target) or target
        if resolved == "retention_kit" and name is None:
            continue  # `import retention_kit as rk`: the public API itself
        same_package = resolved.split(".")[1] == own
        private_module = any(p.startswith("_") for p in resolved.split(".")[1:])
        private_name = name is not None and name.startswith("_")
        if _in(resolved, INFRASTRUCTURE):
            continue
        if not same_package and (private_module or private_name):
            bad.append(f"{target}:{name}" if name else target)
    assert bad == [], f"{module} reaches into private names {bad}"


def test_the_checks_see_real_imports():
    # guards the helpers above: a check that sees nothing would pass vacuously
    assert ("retention_kit.core.engines", "run_on_engine") in _imports("retention_kit.cohorts")
    assert "retention_kit.core.tables" in _edges()["retention_kit.backends.engine"]
    assert ("retention_kit._flow", None) in _imports("retention_kit.revenue")
