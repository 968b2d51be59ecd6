"""The benchmark chart: titled, labelled, percent axis, returns Axes, input untouched."""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

import retention_kit as rk  # noqa: E402


def test_bars_line_and_labels():
    table = rk.load_benchmarks()
    before = table.copy(deep=True)
    ax = rk.plots.benchmark_position(0.75, table, highlight="SaaS")
    assert isinstance(ax, Axes)
    assert ax.get_title() and "CRR" in ax.get_xlabel() and "%" in ax.get_xlabel()
    assert ax.xaxis.get_major_formatter().__class__.__name__ == "PercentFormatter"
    widths = sorted(round(p.get_width(), 6) for p in ax.patches if p.get_x() == 0)
    assert widths == [0.2, 0.3, 0.6, 0.8, 0.85, 0.85]  # the sources' six benchmark rows
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert any("SaaS" in t and "article 000" in t for t in ticks)
    assert any("Target" in t and "article 002" in t for t in ticks)
    assert ax.get_lines()[0].get_xdata()[0] == pytest.approx(0.75)
    assert table.equals(before)


def test_on_given_axes_and_bad_values():
    fig, ax = plt.subplots()
    assert rk.plots.benchmark_position(0.5, ax=ax) is ax
    with pytest.raises(rk.InvalidCountError, match="your_crr"):
        rk.plots.benchmark_position(75)
    with pytest.raises(rk.InvalidParameterError, match="highlight"):
        rk.plots.benchmark_position(0.5, highlight="Banks")
