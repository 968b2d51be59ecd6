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
import sys
import types
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
    "crr": "crr",
    "retained_customers": "crr",
    "end_customers": "crr",
    "churn_rate": "churn",
    "ltv": "ltv",
    "ltv_from_churn": "ltv",
    "lifetime_from_churn": "ltv",
    "repeat_purchase_rate": "repeat",
    "repeat_purchases": "repeat",
    "nps": "nps",
    "nps_breakdown": "nps",
    "open_rate": "email",
    "click_to_open_rate": "email",
    "click_through_rate": "email",
    "unsubscribe_rate": "email",
    "monthly_reach": "email",
    "email_metrics": "email",
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
    "day_n_retention": "day_n",
    "revenue_retention": "revenue",
    "nrr_interval": "revenue",
    "mrr_movements": "revenue",
    "retention_definitions": "definitions",
    "lifecycle_table": "lifecycle",
    "rfm_table": "rfm",
    "rfm_segments": "rfm",
    "clv_summary": "rfm",
    "export_table": "export",
    "spreadsheet_safe": "export",
    "sample_path": "datasets",
    "load_sample": "datasets",
    "list_samples": "datasets",
    "build_report": "report",
    "retention_projection": "profit",
    "retention_uplift": "profit",
}

_SUBMODULES = ("plots", "widgets", "synthetic", "datasets", "exercises", "backends")

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


class _Package(types.ModuleType):
    """Keeps ``rk.crr``, ``rk.ltv`` and ``rk.nps`` the functions.

    Loading a submodule makes the import system set it as an attribute of the package; for the
    three modules named after their main function that would replace the function by the module.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and _EXPORTS.get(name) == name:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
