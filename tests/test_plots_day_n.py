"""The day-N chart: one line per method, bands, titled, percent axis, input untouched."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.axes import Axes

import retention_kit as rk


def _table(rate1: float) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "day": [1, 7, 30],
            "users": [100, 90, 50],
            "retained": [int(rate1 * 100), 10, 2],
            "rate": [rate1, 10 / 90, 2 / 50],
            "rate_low": [rate1 - 0.05, 0.06, 0.01],
            "rate_high": [rate1 + 0.05, 0.19, 0.13],
        }
    )


def test_one_table():
    table = _table(0.35)
    before = table.copy(deep=True)
    ax = rk.plots.day_n_chart(table)
    assert isinstance(ax, Axes)
    assert ax.get_title() and "day" in ax.get_xlabel() and "%" in ax.get_ylabel()
    assert ax.yaxis.get_major_formatter()(0.25, 0).startswith("25")
    assert list(ax.get_lines()[0].get_xdata()) == [1, 7, 30]
    pd.testing.assert_frame_equal(table, before)


def test_one_line_per_method_from_a_dict_or_a_method_column():
    tables = {"rolling": _table(0.35), "calendar": _table(0.45)}
    ax = rk.plots.day_n_chart(tables, highlight=7)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("24-hour" in s for s in labels) and any("calendar" in s for s in labels)
    stacked = pd.concat([t.assign(method=m) for m, t in tables.items()], ignore_index=True)
    ax2 = rk.plots.day_n_chart(stacked, band=False)
    assert len(ax2.get_lines()) == 2
    assert ax2.get_lines()[1].get_ydata()[0] == pytest.approx(0.45)
