"""The percent axis of every chart: tick labels never repeat (issue 11: a day-N axis read
0 %, 0 %, 1 %, 1 %, 2 %)."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from retention_kit.plots import percent_axis  # noqa: E402


def _labels(lo, hi, **kwargs):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [lo, hi])
    ax.set_ylim(lo, hi)
    percent_axis(ax, **kwargs)
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    plt.close(fig)
    return labels


@pytest.mark.parametrize(("lo", "hi"), [(0, 0.02), (0, 0.005), (0.95, 0.97), (0, 1)])
def test_percent_tick_labels_are_distinct(lo, hi):
    labels = _labels(lo, hi)
    assert len(labels) >= 3
    assert len(set(labels)) == len(labels), labels


def test_a_wide_axis_keeps_whole_percents():
    assert _labels(0, 1) == ["0%", "20%", "40%", "60%", "80%", "100%"]


def test_a_narrow_axis_gets_one_decimal():
    # a 0-2 % axis has ticks every 0.25 % or 0.5 %: "0.5%" must be written out
    labels = _labels(0, 0.02)
    assert "0.5%" in labels or "0.25%" in labels, labels
