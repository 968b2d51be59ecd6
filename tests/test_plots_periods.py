"""The period-table chart: titled, labelled, percent axis, input untouched, returns Axes."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

import retention_kit as rk
from retention_kit.plots.periods import period_name


def _table() -> pd.DataFrame:
    # hand-made: S, N, L, E with E = S + N - L; crr = (E - N) / S (article 000's 50 / 6 / 54)
    start = np.array([0, 50, 54])
    new = np.array([50, 6, 10])
    lost = np.array([0, 2, 4])
    end = start + new - lost
    with np.errstate(invalid="ignore", divide="ignore"):
        crr = np.where(start > 0, (end - new) / np.maximum(start, 1), np.nan)
    return pd.DataFrame(
        {
            "period": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]),
            "start": start,
            "new": new,
            "lost": lost,
            "end": end,
            "crr": crr,
            "churn": 1 - crr,
            "crr_low": crr - 0.05,
            "crr_high": np.minimum(crr + 0.03, 1),
        }
    )


def test_chart_is_titled_labelled_and_in_percent():
    table = _table()
    before = table.copy(deep=True)
    ax = rk.plots.period_table_chart(table)
    assert isinstance(ax, Axes)
    assert "month" in ax.get_title()
    assert ax.get_xlabel() and "%" in ax.get_ylabel()
    assert ax.yaxis.get_major_formatter()(0.5, 0).startswith("50")
    pd.testing.assert_frame_equal(table, before)
    line = ax.get_lines()[0]
    np.testing.assert_allclose(line.get_ydata()[1], 0.96)  # (54 - 6) / 50


def test_draws_on_a_given_axes_and_shows_churn():
    fig, ax = plt.subplots()
    out = rk.plots.period_table_chart(_table(), ax=ax, show_churn=True, title="Mine")
    assert out is ax and ax.get_title() == "Mine"
    assert len(ax.get_lines()) == 2


def test_missing_column_is_explained():
    with pytest.raises(rk.MissingColumnError, match="crr"):
        rk.plots.period_table_chart(_table().drop(columns="crr"))


@pytest.mark.parametrize(
    ("dates", "name"),
    [
        (["2024-01-01", "2024-01-02", "2024-01-03"], "day"),
        (["2024-01-01", "2024-01-08"], "week"),
        (["2024-01-01", "2024-04-01", "2024-07-01"], "quarter"),
        (["2023-01-01", "2024-01-01"], "year"),
        # sparse logs: the calendar names the period, not the median gap
        (["2024-01-01", "2024-05-01", "2024-12-01"], "month"),  # median gap 5 months
        (["2024-01-08", "2024-03-18", "2024-07-15"], "week"),  # Mondays, 10+ weeks apart
        (["2024-01-03", "2024-03-21", "2024-07-18"], "day"),  # Wednesdays / Thursdays
        (["2023-01-01", "2023-02-01", "2023-07-01"], "month"),  # one gap of a month
        (["2023-04-01", "2024-01-01"], "quarter"),  # quarter starts, not all January
        (["2024-01-01 12:00", "2024-01-02 12:00"], "day"),  # not midnight: the median gap
    ],
)
def test_period_name_from_the_spacing(dates, name):
    assert period_name(pd.Series(pd.to_datetime(dates))) == name
