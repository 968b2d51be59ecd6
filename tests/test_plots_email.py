"""Email funnel and NPS charts: titled, labelled, percent axes, Axes returned, input untouched."""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

import retention_kit as rk  # noqa: E402


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def test_email_funnel_shares_and_labels():
    ax = rk.plots.email_funnel(1000, 150, 30, 5)
    assert isinstance(ax, Axes)
    assert ax.get_title() and "%" in ax.get_xlabel()
    assert ax.xaxis.get_major_formatter().__class__.__name__ == "PercentFormatter"
    widths = [round(p.get_width(), 6) for p in ax.patches]
    assert widths == [1.0, 0.15, 0.03, 0.005]  # 150/1000, 30/1000, 5/1000
    texts = " | ".join(_texts(ax))
    assert "OR 15.0%" in texts and "CTR 3.0%" in texts and "CTOR 20.0%" in texts
    assert "UR 0.5%" in texts


def test_email_funnel_on_given_axes_and_bad_counts():
    fig, ax = plt.subplots()
    assert rk.plots.email_funnel(100, 10, 1, ax=ax) is ax
    assert len(ax.patches) == 3
    with pytest.raises(rk.InconsistentCountsError, match="opened"):
        rk.plots.email_funnel(100, 200, 1)


def test_nps_chart_from_scores():
    scores = [10, 9, 8, 3]  # 2 promoters, 1 passive, 1 detractor: NPS +25
    ax = rk.plots.nps_chart(scores)
    assert isinstance(ax, Axes) and ax.get_title() and "%" in ax.get_xlabel()
    assert [round(p.get_width(), 6) for p in ax.patches] == [0.25, 0.25, 0.5]
    assert "NPS +25" in _texts(ax)
    assert scores == [10, 9, 8, 3]


def test_nps_chart_by_segment_keeps_the_table():
    survey = pd.DataFrame(
        {"score": [10, 10, 0, 7, 9, 2], "segment": ["a", "a", "a", "b", "b", "b"]}
    )
    before = survey.copy(deep=True)
    ax = rk.plots.nps_chart(survey, by="segment")
    # all: (3 - 2) / 6 = +17; a: (2 - 1) / 3 = +33; b: (1 - 1) / 3 = +0
    assert [t for t in _texts(ax) if t.startswith("NPS")] == ["NPS +17", "NPS +33", "NPS +0"]
    ticks = sorted(zip(ax.get_yticks(), [t.get_text() for t in ax.get_yticklabels()], strict=True))
    assert [name for _, name in ticks] == ["segment = b", "segment = a", "all answers"]  # bottom up
    assert survey.equals(before)


def test_nps_chart_from_a_breakdown_and_errors():
    table = rk.nps_breakdown([10, 0])
    assert "NPS +0" in _texts(rk.plots.nps_chart(table))
    with pytest.raises(rk.InvalidParameterError, match="by="):
        rk.plots.nps_chart([10, 9], by="segment")
    with pytest.raises(rk.MissingColumnError, match="needs the column 'score'"):
        rk.plots.nps_chart(pd.DataFrame({"answer": [10]}))
