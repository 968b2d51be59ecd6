"""The retention -> profit chart: titled, labelled, returns Axes, input untouched."""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

import retention_kit as rk  # noqa: E402


def test_two_scenarios():
    t = rk.retention_uplift(
        0.8, 0.05, start_customers=1000, months=12, monthly_profit_per_customer=10
    )
    before = t.copy(deep=True)
    ax = rk.plots.retention_profit(t)
    assert isinstance(ax, Axes)
    assert ax.get_title() and "month" in ax.get_xlabel()
    assert "money units" in ax.get_ylabel()
    assert len(ax.get_lines()) == 2
    # the improved line ends at the improved cumulative profit
    assert ax.get_lines()[1].get_ydata()[-1] == pytest.approx(
        t["cumulative_profit_improved"].iloc[-1]
    )
    assert t.equals(before)


def test_one_projection_on_given_axes_and_customers():
    t = rk.retention_projection(100, 0.9, 6, monthly_profit_per_customer=5)
    fig, ax = plt.subplots()
    out = rk.plots.retention_profit(t, ax=ax, show="customers", title="Kept")
    assert out is ax and ax.get_title() == "Kept"
    assert "customers" in ax.get_ylabel()
    assert list(ax.get_lines()[0].get_ydata()) == pytest.approx([100, 90, 81, 72.9, 65.61, 59.049])


def test_wrong_table_or_option_is_explained():
    with pytest.raises(rk.MissingColumnError, match="retention_uplift"):
        rk.plots.retention_profit(rk.load_benchmarks())
    t = rk.retention_projection(100, 0.9, 3, monthly_profit_per_customer=5)
    with pytest.raises(rk.InvalidParameterError, match="show"):
        rk.plots.retention_profit(t, show="revenue")
