"""Which engine runs an analysis: the one list of engines and the dispatch by analysis name.

The analyses (pandas reference) call :func:`run_on_engine` when :func:`wants_engine` says so.
It looks the analysis up in :data:`REGISTRY` (analysis name -> the module and function that
implement it on an engine) and imports that module by name only then, so the analysis modules
never import ``retention_kit.backends`` (nor Ibis) and the import graph has no circle.
"""

from __future__ import annotations

import importlib
from typing import Any

import pandas as pd

from ..errors import InvalidParameterError

#: engines a ``backend=`` string may name (besides an Ibis connection or table)
ENGINES = ("pandas", "duckdb", "spark")

#: analysis name -> "module:function" running it on an Ibis table
REGISTRY: dict[str, str] = {
    "cohort_table": "retention_kit.backends.engine:cohort_table",
    "day_n_retention": "retention_kit.backends.engine:day_n_retention",
    "rfm_table": "retention_kit.backends.engine:rfm_table",
    "period_table": "retention_kit.backends.engine:period_table",
    "revenue_retention": "retention_kit.backends.engine:revenue_retention",
    "lifecycle_table": "retention_kit.backends.engine:lifecycle_table",
    "retention_definitions": "retention_kit.backends.engine:retention_definitions",
    "mrr_movements": "retention_kit.backends.engine:mrr_movements",
}


def wants_engine(data: Any, backend: Any) -> bool:
    """Cheap check (no Ibis import) whether a call should run on an engine."""
    if backend not in (None, "pandas"):
        return True
    return type(data).__module__.startswith("ibis.")


def no_engine(analysis: str, data: Any, backend: Any) -> None:
    """Refuse ``backend=`` for an analysis with no engine implementation, saying why."""
    if wants_engine(data, backend):
        raise InvalidParameterError(
            f"{analysis} runs on pandas only (backend={backend!r} was given): it has no engine "
            "implementation yet, and its input (one row per customer or subscription) is "
            "small enough for memory. Load the data with pandas and leave backend= out."
        )


def run_on_engine(analysis: str, data: Any, backend: Any, **kwargs: Any) -> pd.DataFrame:
    """Run ``analysis`` (a :data:`REGISTRY` name) on the engine chosen by ``backend`` (or the one
    ``data`` already lives on); the result equals the pandas reference's."""
    if analysis not in REGISTRY:
        raise InvalidParameterError(f"{analysis} has no engine implementation")
    named = backend is None or isinstance(backend, str)
    if not named and not type(backend).__module__.startswith("ibis."):
        raise InvalidParameterError(
            f"backend={backend!r}: give an engine name ({', '.join(ENGINES)}), a connection "
            "URL such as 'duckdb:///shop.duckdb', or an Ibis connection."
        )
    module_name, _, function = REGISTRY[analysis].partition(":")
    implementation = getattr(importlib.import_module(module_name), function)
    backends = importlib.import_module("retention_kit.backends")
    return backends.run(implementation, data, backend, **kwargs)
