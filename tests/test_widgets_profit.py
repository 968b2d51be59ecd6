"""The retention -> profit explorer: moving sliders in Python updates the displayed numbers."""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import retention_kit as rk  # noqa: E402
from retention_kit.widgets._base import html_value  # noqa: E402


@pytest.fixture
def app():
    a = rk.widgets.retention_profit_explorer()
    yield a
    plt.close("all")


def _set(app, **values):
    for name, value in values.items():
        app.controls[name].value = value


def test_outputs_follow_the_sliders(app):
    # 1000 customers, 80 % vs 90 % kept a month, profit 10, 3 months, no new customers:
    # base 1000, 800, 640 -> profit 24 400; improved 1000, 900, 810 -> 27 100
    _set(app, start_customers=1000, profit=10, new_per_month=0, months=3)
    _set(app, base_retention=0.80, uplift=0.10)
    o = app.outputs
    assert o["customers_base"].value == html_value("customers in month 3, base", "640")
    assert o["customers_improved"].value == html_value(
        "customers in month 3, improved", "810", "#009E73"
    )
    assert o["profit_base"].value == html_value("cumulative profit, base", "24,400")
    assert o["profit_improved"].value == html_value(
        "cumulative profit, improved", "27,100", "#009E73"
    )
    assert o["difference"].value == html_value("difference", "+2,700")
    # 27 100 / 24 400 - 1 = 11.07 %
    assert o["increase"].value == html_value("profit increase (model)", "+11.1%")
    assert "80% → 90%" in o["scenario"].value


def test_new_customers_and_the_chart(app):
    # 100 customers, 50 % kept, +20 new a month, profit 1, 2 months: 100, 70 -> 170
    _set(app, start_customers=100, profit=1, new_per_month=20, months=2)
    _set(app, base_retention=0.5, uplift=0.0)
    assert app.outputs["customers_base"].value == html_value("customers in month 2, base", "70")
    assert app.outputs["profit_base"].value == html_value("cumulative profit, base", "170")
    assert app.outputs["difference"].value == html_value("difference", "+0")
    assert app.figure is not None and len(app.figure.axes) == 2
    assert app.error.value == ""


def test_uplift_is_capped_at_100_percent(app):
    _set(app, base_retention=0.97, uplift=0.10)
    assert "97% → 100%" in app.outputs["scenario"].value
    assert app.error.value == ""
