"""Charts (matplotlib), one module per topic. Each function takes the kit's tidy tables, draws on
``ax`` if given (else a new figure), returns the Axes (``ax.figure`` is the Figure) so analysts can
restyle it, and never modifies its input. Style: colour-blind-safe Okabe-Ito palette, percent axes,
titles and axis labels with units, text sized for a projector (``rk.plots.projector()`` makes it
larger still). Titles, labels and numbers follow ``rk.set_language``.
"""

from __future__ import annotations

import importlib
from typing import Any

from ._style import CYCLE, PALETTE, layout, percent_axis, projector, style

# public chart name -> module of this package
_CHARTS: dict[str, str] = {
    "customer_flow": "flow",
    "crr_bars": "flow",
    "retention_profit": "profit",
    "benchmark_position": "benchmarks",
    "period_table_chart": "periods",
    "cohort_heatmap": "cohorts",
    "retention_curves": "cohorts",
    "cohort_sizes_chart": "cohorts",
    "cohort_comparison": "cohorts",
    "ltv_curves": "cohorts",
    "day_n_chart": "day_n",
    "rfm_segment_chart": "rfm",
    "rfm_segment_table": "rfm",
    "email_funnel": "email",
    "nps_chart": "email",
    "lifecycle_chart": "lifecycle",
    "revenue_movements_chart": "lifecycle",
}

__all__ = ["CYCLE", "PALETTE", "layout", "percent_axis", "projector", "style", *_CHARTS]


def __getattr__(name: str) -> Any:
    if name in _CHARTS:
        return getattr(importlib.import_module(f"{__name__}.{_CHARTS[name]}"), name)
    raise AttributeError(f"module 'retention_kit.plots' has no attribute {name!r}")
