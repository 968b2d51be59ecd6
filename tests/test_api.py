"""The public API: every advertised name resolves, the import is light."""

from __future__ import annotations

import subprocess
import sys

import retention_kit as rk


def test_every_public_name_resolves():
    missing = [name for name in rk.__all__ if not hasattr(rk, name)]
    assert missing == []


def test_plot_and_widget_names_resolve():
    from retention_kit import plots, widgets

    assert [n for n in plots._CHARTS if not callable(getattr(plots, n, None))] == []
    assert [n for n in widgets._APPS if not callable(getattr(widgets, n, None))] == []


def test_import_does_not_load_heavy_libraries():
    code = (
        "import sys, retention_kit; print('matplotlib' in sys.modules, 'ipywidgets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_scalar_metrics_import_plainly_and_stay_functions_on_the_package():
    code = (
        "import retention_kit.metrics.crr, retention_kit.metrics.ltv, retention_kit.metrics.nps\n"
        "import retention_kit as rk\n"
        "from retention_kit.metrics.crr import crr\n"
        "assert crr is rk.crr and callable(rk.ltv) and callable(rk.nps)\n"
        "rk.end_customers(start=50, new=6, lost=2)\n"
        "print(rk.crr(start=50, new=6, end=54), rk.ltv(10, 2), rk.nps([10, 0]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0.96", "20.0", "0.0"]
