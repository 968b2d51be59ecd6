"""retention_kit: customer retention metrics, cohorts and RFM, with guided notebooks.

>>> import retention_kit as rk
>>> rk.crr(start=50, new=6, end=54)
0.96
>>> rk.percent(rk.crr(start=50, new=6, end=54))
'96.0%'

Public names are loaded lazily (on first use), so ``import retention_kit`` is fast and a
notebook pays only for what it uses. See docs/ARCHITECTURE.md for the module map.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    # errors
    **{
        name: "errors"
        for name in (
            "RetentionKitError",
            "InvalidCountError",
            "InconsistentCountsError",
            "InvalidScoreError",
            "InvalidParameterError",
            "DataValidationError",
            "MissingColumnError",
            "EmptyDataError",
            "InvalidDateError",
            "MissingCustomerIdError",
            "InvalidAmountError",
            "DuplicateRowsError",
            "DataQualityWarning",
        )
    },
    # scalar metrics
    "percent": "formatting",
    "set_language": "i18n",
    "get_language": "i18n",
    "format_number": "i18n",
    "say": "i18n",
    "text": "i18n",
    "plural": "i18n",
    "crr": "metrics.crr",
    "retained_customers": "metrics.crr",
    "end_customers": "metrics.crr",
    "churn_rate": "metrics.churn",
    "ltv": "metrics.ltv",
    "ltv_from_churn": "metrics.ltv",
    "lifetime_from_churn": "metrics.ltv",
    "repeat_purchase_rate": "metrics.repeat",
    "repeat_purchases": "repeat",
    "nps": "metrics.nps",
    "nps_breakdown": "metrics.nps",
    "open_rate": "metrics.email",
    "click_to_open_rate": "metrics.email",
    "click_through_rate": "metrics.email",
    "unsubscribe_rate": "metrics.email",
    "monthly_reach": "metrics.email",
    "email_metrics": "metrics.email",
    "SOURCES": "sources",
    "cite": "sources",
    "load_benchmarks": "benchmarks",
    "compare_to_benchmarks": "benchmarks",
    "check": "exercises",
    "hint": "exercises",
    # data side
    "read_table": "loading",
    "load_transactions": "loading",
    "load_subscriptions": "loading",
    "wilson_interval": "stats",
    "two_proportion_test": "stats",
    "nps_interval": "stats",
    "period_table": "periods",
    "subscription_period_table": "periods",
    "cohort_table": "cohorts",
    "cohort_matrix": "cohorts",
    "cohort_sizes": "cohorts",
    "compare_cohorts": "cohorts",
    "pooled_rate": "cohorts",
    "day_n_retention": "day_n",
    "revenue_retention": "revenue",
    "nrr_interval": "revenue",
    "mrr_movements": "revenue",
    "retention_definitions": "definitions",
    "lifecycle_table": "lifecycle",
    "rfm_table": "rfm",
    "rfm_segments": "rfm",
    "clv_summary": "rfm",
    "segment_map": "rfm",
    "export_table": "export",
    "spreadsheet_safe": "export",
    "sample_path": "datasets",
    "load_sample": "datasets",
    "list_samples": "datasets",
    "build_report": "report",
    "retention_projection": "profit",
    "retention_uplift": "profit",
}

_SUBMODULES = ("plots", "widgets", "synthetic", "datasets", "exercises", "backends", "metrics")

__all__ = sorted([*_EXPORTS, *_SUBMODULES, "__version__"])


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        module = importlib.import_module(f"{__name__}.{_EXPORTS[name]}")
        value = getattr(module, name)
        globals()[name] = value  # cache: next access skips __getattr__
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'retention_kit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
