"""The benchmark explorer: slider and dropdown in Python update the verdict and the chart."""

from __future__ import annotations

import pandas as pd  # noqa: E402

import retention_kit as rk  # noqa: E402
from retention_kit.widgets._base import html_value  # noqa: E402


def test_below_saas_by_hand():
    app = rk.widgets.benchmark_explorer()
    app.controls["segment"].value = "SaaS"
    app.controls["crr"].value = 0.75
    # SaaS 80 % (article 000, OWOX part): 75 - 80 = -5 points
    assert app.outputs["benchmark"].value == html_value(
        "benchmark (article 000, OWOX part)", "80%", "#555555"
    )
    assert app.outputs["difference"].value == html_value(
        "you minus benchmark", "-5.0 points", "#D55E00"
    )
    assert "Your CRR of 75.0% is 5.0 points below SaaS (80%; article 000, OWOX part)." in (
        app.outputs["verdict"].value
    )
    assert app.figure is not None


def test_above_ecommerce_and_the_target_range():
    app = rk.widgets.benchmark_explorer(your_crr=0.42, segment="eCommerce (average)")
    # the OWOX worked example's 42 % against the eCommerce average of 30 %: +12 points
    assert "12.0 points above eCommerce (average)" in app.outputs["verdict"].value
    app.controls["segment"].value = "Target for companies"
    app.controls["crr"].value = 0.88
    # target 85 % at least, aim for 90 % (article 002): +3 points, 2 points short of 90 %
    text = app.outputs["verdict"].value
    assert "3.0 points above Target for companies (85%; article 002)" in text
    assert "You are 2.0 points below the 90% to aim for." in text


def test_equal_and_own_benchmarks(tmp_path):
    path = tmp_path / "mine.csv"
    pd.DataFrame({"segment": ["Our stores 2023"], "crr": [0.55]}).to_csv(path, index=False)
    table = rk.load_benchmarks(path)
    app = rk.widgets.benchmark_explorer(your_crr=0.55, segment="Our stores 2023", benchmarks=table)
    assert "is equal to Our stores 2023 (55%; your data)" in app.outputs["verdict"].value
    assert "Our stores 2023" in app.controls["segment"].options
