"""Charts of the customer flow and of CRR per row: labelled, input untouched, Axes returned."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.axes import Axes

import retention_kit as rk


def _examples() -> pd.DataFrame:
    # the four worked examples of article 000 (OWOX and SendPulse parts)
    return pd.DataFrame(
        {
            "example": ["Jan-Apr 2020", "Jan-Apr 2020 (worse)", "half a year", "one year"],
            "start": [50, 50, 30, 200],
            "new": [6, 15, 8, 150],
            "end": [54, 36, 36, 210],
        }
    )


def _texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_customer_flow_draws_the_identity_with_counts_and_crr():
    ax = rk.plots.customer_flow(50, 6, 2)
    assert isinstance(ax, Axes)
    title = ax.get_title()
    assert "50 + 6 − 2 = 54" in title  # S + N - L = E
    assert "96.0%" in title  # (54 - 6) / 50
    assert ax.get_xlabel() == "Customers (count)" and ax.get_ylabel()
    texts = _texts(ax)
    assert texts.count("48 retained") == 2  # S - L = E - N = 48, on both bars
    assert "2 lost" in texts and "6 new" in texts
    # stacked bars: start = 48 + 2, end = 48 + 6
    widths = sorted(round(p.get_width()) for p in ax.patches)
    assert widths == [2, 6, 48, 48]


def test_customer_flow_draws_on_the_given_axes():
    fig, ax = plt.subplots()
    assert rk.plots.customer_flow(200, 150, 140, ax=ax) is ax
    assert "30.0%" in ax.get_title()  # (210 - 150) / 200


@pytest.mark.parametrize(
    "counts,message",
    [
        ((50, 6, 60), "lost=60 is more than start=50"),
        ((0, 5, 0), "start must be greater than 0"),
        ((50, -1, 2), "new must not be negative, got -1"),
        ((50, 2.5, 1), "new must be a whole number of customers, got 2.5"),
    ],
)
def test_customer_flow_rejects_impossible_counts_with_the_kits_error(counts, message):
    with pytest.raises(rk.RetentionKitError, match=re.escape(message)):
        rk.plots.customer_flow(*counts)


def test_crr_bars_one_bar_per_row_on_a_percent_axis():
    table = _examples()
    before = table.copy(deep=True)
    ax = rk.plots.crr_bars(table, label_column="example")
    assert isinstance(ax, Axes)
    pd.testing.assert_frame_equal(table, before)
    assert ax.get_title() and ax.get_xlabel() == "Example" and "%" in ax.get_ylabel()
    heights = [p.get_height() for p in ax.patches]
    expected = [(54 - 6) / 50, (36 - 15) / 50, (36 - 8) / 30, (210 - 150) / 200]
    assert heights == pytest.approx(expected)
    assert _texts(ax) == ["96.0%", "42.0%", "93.3%", "30.0%"]
    assert ax.yaxis.get_major_formatter()(0.5, 0) == "50%"
    assert [t.get_text() for t in ax.get_xticklabels()][0] == "Jan-Apr 2020"


def test_crr_bars_shows_the_forgotten_n_mistake():
    ax = rk.plots.crr_bars(_examples(), show_mistake=True)
    heights = [p.get_height() for p in ax.patches]
    assert heights[4:] == pytest.approx([54 / 50, 36 / 50, 36 / 30, 210 / 200])  # E / S
    assert "108.0%" in _texts(ax)
    assert ax.get_ylim()[1] > 1.2  # the 120 % bar fits
    assert ax.get_xlabel() == "Row"  # no label column: the index names the rows


def test_crr_bars_accepts_lost_instead_of_end():
    table = pd.DataFrame({"label": ["a"], "start": [50], "new": [6], "lost": [2]})
    ax = rk.plots.crr_bars(table)
    assert ax.patches[0].get_height() == pytest.approx(0.96)  # (50 - 2) / 50


def test_crr_bars_explains_a_missing_column():
    with pytest.raises(rk.MissingColumnError, match="new"):
        rk.plots.crr_bars(pd.DataFrame({"start": [50], "end": [54]}))
