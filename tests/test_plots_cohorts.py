"""Cohort charts: heatmap, curves, sizes, comparison, LTV; titled, labelled, input untouched."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

import retention_kit as rk
from retention_kit.plots.cohorts import cohort_labels


def _table() -> pd.DataFrame:
    # two monthly cohorts: January (10 customers) seen at ages 0-2, February (4) at ages 0-1
    cohort = pd.to_datetime(["2024-01-01"] * 3 + ["2024-02-01"] * 2)
    customers = np.array([10, 4, 3, 4, 1])
    size = np.array([10, 10, 10, 4, 4])
    rate = customers / size
    revenue = np.array([500.0, 200.0, 100.0, 160.0, 40.0])
    per = revenue / size
    cum = np.concatenate([np.cumsum(per[:3]), np.cumsum(per[3:])])
    return pd.DataFrame(
        {
            "cohort": cohort,
            "age": [0, 1, 2, 0, 1],
            "customers": customers,
            "cohort_size": size,
            "rate": rate,
            "rate_low": np.maximum(rate - 0.2, 0),
            "rate_high": np.minimum(rate + 0.2, 1),
            "revenue": revenue,
            "revenue_per_customer": per,
            "cumulative_revenue_per_customer": cum,
        }
    )


def _check(ax, table, before):
    assert isinstance(ax, Axes)
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    pd.testing.assert_frame_equal(table, before)


def test_heatmap_annotates_percents_and_leaves_unseen_cells_blank():
    table = _table()
    before = table.copy(deep=True)
    ax = rk.plots.cohort_heatmap(table)
    _check(ax, table, before)
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["100%", "40%", "30%", "100%", "25%"]  # February has no age 2 yet
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2024-01", "2024-02"]
    assert "month" in ax.get_xlabel()


def test_heatmap_of_counts_and_of_the_wide_matrix():
    table = _table()
    ax = rk.plots.cohort_heatmap(table, values="customers", max_age=1)
    assert [t.get_text() for t in ax.texts] == ["10", "4", "4", "1"]
    wide = table.pivot(index="cohort", columns="age", values="rate")
    ax2 = rk.plots.cohort_heatmap(wide)
    assert len(ax2.texts) == 5


def test_retention_curves_one_line_per_cohort_with_bands():
    table = _table()
    before = table.copy(deep=True)
    ax = rk.plots.retention_curves(table)
    _check(ax, table, before)
    lines = ax.get_lines()
    assert len(lines) == 2
    np.testing.assert_allclose(lines[0].get_ydata(), [1.0, 0.4, 0.3])
    assert len(ax.collections) == 2  # confidence bands
    assert ax.yaxis.get_major_formatter()(0.5, 0).startswith("50")
    one = rk.plots.retention_curves(table, cohorts=["2024-02-01"], band=False)
    assert len(one.get_lines()) == 1


def test_unknown_cohort_is_explained():
    with pytest.raises(rk.InvalidParameterError, match="cohorts"):
        rk.plots.retention_curves(_table(), cohorts=["2030-01-01"])


def test_many_cohorts_get_an_ordered_colour_scale():
    rows = [
        {"cohort": pd.Timestamp("2023-01-01") + pd.DateOffset(months=k), "age": a, "rate": r}
        for k in range(14)
        for a, r in ((0, 1.0), (1, 0.3))
    ]
    ax = rk.plots.retention_curves(pd.DataFrame(rows))
    assert len(ax.get_lines()) == 14 and ax.get_legend() is None
    assert len(ax.figure.axes) == 2  # the colour bar names the cohorts


def test_sizes_from_cohort_sizes_or_the_long_table():
    table = _table()
    before = table.copy(deep=True)
    ax = rk.plots.cohort_sizes_chart(table)
    _check(ax, table, before)
    assert [p.get_height() for p in ax.patches] == [10, 4]
    sizes = pd.DataFrame({"cohort": ["b", "a"], "cohort_size": [3, 7]})
    ax2 = rk.plots.cohort_sizes_chart(sizes)
    assert [p.get_height() for p in ax2.patches] == [7, 3]
    assert [t.get_text() for t in ax2.get_xticklabels()] == ["a", "b"]


def test_comparison_shows_each_rate_with_its_interval():
    table = _table()
    before = table.copy(deep=True)
    ax = rk.plots.cohort_comparison(table, age=1)
    _check(ax, table, before)
    assert "age 1" in ax.get_title()
    notes = sorted(t.get_text() for t in ax.texts)
    assert notes == ["n = 10", "n = 4"]
    pooled = [ln for ln in ax.get_lines() if ln.get_linestyle() == "--"][0]
    assert pooled.get_xdata()[0] == pytest.approx((4 + 1) / (10 + 4))
    with pytest.raises(rk.InvalidParameterError, match="age=5"):
        rk.plots.cohort_comparison(table, age=5)


def test_ltv_curves_are_cumulative_revenue_per_customer():
    table = _table()
    before = table.copy(deep=True)
    ax = rk.plots.ltv_curves(table, currency="RUB")
    _check(ax, table, before)
    assert ax.get_ylabel() == "cumulative revenue per customer (RUB)"
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), [50, 70, 80])
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), [40, 50])


def test_cohort_labels():
    quarters = pd.to_datetime(["2024-01-01", "2024-04-01"])
    assert cohort_labels(quarters) == ["2024 Q1", "2024 Q2"]
    assert cohort_labels(["x", ""]) == ["x", "(none)"]
