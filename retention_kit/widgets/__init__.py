"""Interactive apps for the notebooks (ipywidgets 8), one module per topic.

Each function builds and returns a widget (display it as the cell's last line). The logic is kept
testable without a browser: every app exposes its controls and an ``update()`` that recomputes
the outputs, and tests set slider values in Python and read the displayed text.
"""

from __future__ import annotations

import importlib
from typing import Any

_APPS: dict[str, str] = {
    "crr_calculator": "crr",
    "retention_profit_explorer": "profit",
    "benchmark_explorer": "benchmarks",
    "period_explorer": "periods",
    "cohort_explorer": "cohorts",
    "day_n_explorer": "day_n",
    "rfm_explorer": "rfm",
    "email_explorer": "email",
    "nps_explorer": "email",
}

__all__ = list(_APPS)


def __getattr__(name: str) -> Any:
    if name in _APPS:
        return getattr(importlib.import_module(f"{__name__}.{_APPS[name]}"), name)
    raise AttributeError(f"module 'retention_kit.widgets' has no attribute {name!r}")
