"""Charts readable as drawn (issue 11, item 6; found on the JupyterLab screenshots): every text
inside its figure, notes outside the plotting area, legends off the data, value labels off the
reference lines and inside the bars they name. The expectations are geometry: the window
extents of the drawn artists (``get_window_extent`` after a draw), in pixels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.text import Annotation  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

import retention_kit as rk  # noqa: E402
from retention_kit.plots._style import text_width, wrap_to  # noqa: E402

OPEN_WORDS = {"en": "open marker", "ru": "пустой маркер"}


@pytest.fixture(autouse=True)
def _english_and_normal_size_after():
    yield
    rk.set_language("en")
    rk.plots.projector(False)
    plt.close("all")


def _draw(ax):
    fig = ax.figure
    fig.canvas.draw()
    return fig.canvas.get_renderer()


def _inside(box: Bbox, outer: Bbox, tol: float = 1.0) -> bool:
    return (
        box.x0 >= outer.x0 - tol
        and box.y0 >= outer.y0 - tol
        and box.x1 <= outer.x1 + tol
        and box.y1 <= outer.y1 + tol
    )


def _labels_inside_figure(ax) -> None:
    renderer = _draw(ax)
    fig_box = ax.figure.bbox
    for text in (ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts):
        if text.get_visible() and text.get_text():
            box = text.get_window_extent(renderer)
            assert _inside(box, fig_box), (text.get_text(), box, fig_box)


def _quarterly_with_open_ages(n: int = 8) -> pd.DataFrame:
    # n quarterly cohorts; cohort k observed at ages 0..(n - 1 - k), its last age not over
    # (complete False), like the sample shop's cohorts when its log ends mid-quarter
    rows = []
    for k in range(n):
        last = n - 1 - k
        for age in range(last + 1):
            rows.append((pd.Timestamp(2023, 1, 1) + pd.DateOffset(months=3 * k), age, age != last))
    t = pd.DataFrame(rows, columns=["cohort", "age", "complete"])
    t["cohort_size"] = 100
    t["customers"] = np.where(t["age"] == 0, 100, 30 - 2 * t["age"])
    t["rate"] = t["customers"] / t["cohort_size"]
    t["cumulative_revenue_per_customer"] = 70.0 + 30.0 * t["age"]
    return t


def test_wrap_to_puts_the_unit_on_a_line_of_its_own_and_keeps_short_text():
    assert wrap_to("revenue (EUR)", 500, 12) == "revenue (EUR)"
    long = "cumulative revenue per customer (currency units of the sample)"
    width = text_width("cumulative revenue per customer", 12) + 1
    assert wrap_to(long, width, 12) == (
        "cumulative revenue per customer\n(currency units of the sample)"
    )
    lines = wrap_to("one two three four five six seven", 40, 12).split("\n")
    assert len(lines) > 1 and " ".join(lines) == "one two three four five six seven"
    assert all(text_width(line, 12) <= 40 for line in lines if " " in line)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_ltv_curves_long_y_label_fits_under_the_title(language):
    # notebook 04: the y label with "(currency units of the sample)" was taller than the axes
    # and ran out of the 5-inch figure, above the title
    rk.set_language(language)
    ax = rk.plots.ltv_curves(_quarterly_with_open_ages(), currency="currency units of the sample")
    _labels_inside_figure(ax)
    renderer = _draw(ax)
    ylabel = ax.yaxis.label.get_window_extent(renderer)
    assert not ylabel.overlaps(ax.title.get_window_extent(renderer))
    assert "\n(currency units of the sample)" in ax.get_ylabel()


def _open_note(ax):
    (note,) = [t for t in ax.texts if OPEN_WORDS[rk.get_language()] in t.get_text()]
    return note


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    "chart",
    [
        lambda t: rk.plots.ltv_curves(t),
        lambda t: rk.plots.retention_curves(t),
        lambda t: rk.plots.retention_curves(t.iloc[:10]),  # 2 cohorts: legend inside ("best")
        lambda t: rk.plots.retention_curves(t, highlight="auto"),
    ],
    ids=["ltv", "retention", "retention_few", "highlighted"],
)
def test_the_not_final_note_is_outside_the_data_and_the_legend(chart, language):
    # the note sat in the axes' corner: a marker at age 6 crossed it, and in Russian the longer
    # note ran under the legend
    rk.set_language(language)
    ax = chart(_quarterly_with_open_ages())
    renderer = _draw(ax)
    note = _open_note(ax).get_window_extent(renderer)
    assert not note.overlaps(ax.get_window_extent(renderer))  # the plotting area
    assert not note.overlaps(ax.get_legend().get_window_extent(renderer))
    assert not note.overlaps(ax.xaxis.label.get_window_extent(renderer))
    _labels_inside_figure(ax)


def _age_one(n: int = 23) -> pd.DataFrame:
    # n monthly cohorts at age 1, 10-49 customers each; the last one's month is not over
    size = 10 + (np.arange(n) * 7) % 40
    customers = (size * (0.1 + 0.3 * (np.arange(n) % 3 == 1))).round().astype(int)
    rate = customers / size
    return pd.DataFrame(
        {
            "cohort": pd.date_range("2023-01-01", periods=n, freq="MS"),
            "age": 1,
            "customers": customers,
            "cohort_size": size,
            "rate": rate,
            "rate_low": np.maximum(rate - 0.15, 0),
            "rate_high": np.minimum(rate + 0.2, 1),
            "complete": np.arange(n) < n - 1,
        }
    )


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("n", [3, 23])
def test_comparison_legend_covers_no_row_and_no_axis_text(language, n):
    # notebook 04: the legend in the lower right covered the 2024-11 row's interval end and
    # its "n = 31" (in Russian the wider legend also covered the point)
    rk.set_language(language)
    ax = rk.plots.cohort_comparison(_age_one(n), age=1)
    renderer = _draw(ax)
    legend = ax.get_legend().get_window_extent(renderer)
    assert not legend.overlaps(ax.get_window_extent(renderer))  # every row, dot and n label
    for text in (ax.xaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels()):
        if text.get_text():
            assert not legend.overlaps(text.get_window_extent(renderer)), text.get_text()
    assert _inside(legend, ax.figure.bbox)
    assert len(ax.get_legend().get_texts()) == 3  # rate, pooled line, open marker
    _labels_inside_figure(ax)


def _monthly(n: int = 24, ages: int = 13) -> pd.DataFrame:
    # n monthly cohorts, cohort k seen at ages 0..min(ages, n - k) - 1, the last age not over;
    # rates 100 % at age 0, then 4-33 %: the widest labels are "100%" and two-digit percents
    rows = []
    for k in range(n):
        seen = min(ages, n - k)
        for age in range(seen):
            rate = 1.0 if age == 0 else 0.04 + ((k * 7 + age * 3) % 30) / 100
            rows.append((pd.Timestamp(2023, 1, 1) + pd.DateOffset(months=k), age, rate))
    t = pd.DataFrame(rows, columns=["cohort", "age", "rate"])
    t["complete"] = t.groupby("cohort")["age"].transform("max") != t["age"]
    return t


def _cells(ax):
    """The drawn cell labels and, for each, the window extent of its cell (data j ± 0.5,
    i ± 0.5)."""
    renderer = _draw(ax)
    for text in ax.texts:
        if isinstance(text, Annotation):  # the note under the axis, not a cell
            continue
        j, i = text.get_position()
        corners = ax.transData.transform([(j - 0.5, i - 0.5), (j + 0.5, i + 0.5)])
        yield text, text.get_window_extent(renderer), Bbox(corners)


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("projector", [False, True])
def test_heatmap_cell_labels_are_large_and_inside_their_cells(language, projector):
    # notebook 04 (24 cohorts x 13 ages): the labels were 9 pt, about 8 px on screen; a
    # projector needs 12 pt (x1.4 in projector mode), and each label must stay in its cell
    rk.set_language(language)
    rk.plots.projector(projector)
    ax = rk.plots.cohort_heatmap(_monthly(), values="rate", max_age=12)
    cells = list(_cells(ax))
    assert len(cells) == 24 * 13 - sum(range(13))  # the triangle: later cohorts seen less
    dpi = ax.figure.dpi
    for text, box, cell in cells:
        assert text.get_fontsize() >= (12 * 1.4 if projector else 12)
        # inside the cell with at least 2 pt to spare on each side
        margin = 2 * dpi / 72
        assert box.x0 >= cell.x0 + margin and box.x1 <= cell.x1 - margin, text.get_text()
        assert box.y0 >= min(cell.y0, cell.y1) and box.y1 <= max(cell.y0, cell.y1)
    _labels_inside_figure(ax)


def _worked_examples() -> pd.DataFrame:
    # article 000: OWOX 96.0 % and 42.0 %, SendPulse 93.3 % and 30.0 % (E / S 108 %, 72 %,
    # 120 %, 105 %)
    return pd.DataFrame(
        {
            "example": ["OWOX 1", "OWOX 2", "SendPulse 1", "SendPulse 2"],
            "start": [50, 50, 30, 200],
            "new": [6, 15, 8, 150],
            "end": [54, 36, 36, 210],
        }
    )


def _near_one() -> pd.DataFrame:
    # CRR 97 %, 99 %, 100 % and 3 %; no new customers, so E / S is the same
    return pd.DataFrame({"start": [100] * 4, "new": [0] * 4, "end": [97, 99, 100, 3]})


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("show_mistake", [False, True])
@pytest.mark.parametrize("table", [_worked_examples, _near_one], ids=["article", "near_100"])
def test_crr_bar_labels_never_sit_on_the_100_percent_line(table, show_mistake, language, projector):
    # notebook 01: the "96.0%" label above its bar had the dashed 100 % line through it
    rk.set_language(language)
    rk.plots.projector(projector)
    ax = rk.plots.crr_bars(table(), show_mistake=show_mistake)
    renderer = _draw(ax)
    line = ax.transData.transform((0, 1.0))[1]
    labels = [t for t in ax.texts if "%" in t.get_text()]
    assert len(labels) == 4 * (2 if show_mistake else 1)
    axes_box = ax.get_window_extent(renderer)
    for text in labels:
        box = text.get_window_extent(renderer)
        assert not box.y0 - 1 <= line <= box.y1 + 1, (text.get_text(), box, line)
        assert _inside(box, axes_box)
    # every label stays next to the top of its own bar: above it or just inside it
    for text in labels:
        top = ax.transData.transform(text.xy)[1]
        box = text.get_window_extent(renderer)
        assert box.y0 >= top or box.y1 <= top, text.get_text()
        assert abs(box.y0 - top) < 30 or abs(box.y1 - top) < 30


@pytest.mark.parametrize("projector", [False, True], ids=["normal", "projector"])
@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("counts", [(200, 150, 140), (50, 6, 2), (10, 100, 9), (50, 0, 0)])
def test_flow_count_labels_inside_their_segment_or_clear_of_every_bar(counts, language, projector):
    # notebook 01 in Russian: "60 удержанных" filled its 60-customer segment edge to edge and
    # ran over the y tick labels on the left
    rk.set_language(language)
    rk.plots.projector(projector)
    ax = rk.plots.customer_flow(*counts)
    renderer = _draw(ax)
    bars = [p.get_window_extent(renderer) for p in ax.patches]
    ticks = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
    legend = ax.get_legend().get_window_extent(renderer)
    axes_box = ax.get_window_extent(renderer)
    labels = [t for t in ax.texts if t.get_text()[:1].isdigit()]
    assert len(labels) == 4  # retained twice, lost, new
    boxes = [t.get_window_extent(renderer) for t in labels]
    for text, box in zip(labels, boxes, strict=True):
        holders = [bar for bar in bars if box.overlaps(bar)]
        if holders:  # inside one segment: its box too, with 2 px to spare on each side
            assert len(holders) == 1, text.get_text()
            (bar,) = holders
            pad = text.get_bbox_patch()
            ink = pad.get_window_extent(renderer) if pad is not None else box
            assert ink.x0 >= bar.x0 + 2 and ink.x1 <= bar.x1 - 2, text.get_text()
            assert ink.y0 >= bar.y0 + 2 and ink.y1 <= bar.y1 - 2, text.get_text()
        assert _inside(box, axes_box, tol=0), text.get_text()
        assert not any(box.overlaps(tick) for tick in ticks), text.get_text()
        assert not box.overlaps(legend)
    for k, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[k + 1 :])
    _labels_inside_figure(ax)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_period_chart_legend_is_off_the_data(language):
    # 24 months, CRR 60-100 %, churn 0-40 %; the last month not over. The legend in the lower
    # left covered the churn line (and, in Russian, with the long "not final" entry, more)
    rk.set_language(language)
    n = 24
    crr = 0.6 + 0.4 * ((np.arange(n) * 5) % 9) / 8
    table = pd.DataFrame(
        {
            "period": pd.date_range("2023-01-01", periods=n, freq="MS"),
            "crr": crr,
            "crr_low": crr - 0.04,
            "crr_high": np.minimum(crr + 0.04, 1),
            "churn": 1 - crr,
            "complete": np.arange(n) < n - 1,
        }
    )
    ax = rk.plots.period_table_chart(table, show_churn=True)
    renderer = _draw(ax)
    legend = ax.get_legend().get_window_extent(renderer)
    assert not legend.overlaps(ax.get_window_extent(renderer))
    for text in (ax.xaxis.label, *ax.get_xticklabels()):
        if text.get_text():
            assert not legend.overlaps(text.get_window_extent(renderer)), text.get_text()
    assert _inside(legend, ax.figure.bbox)
    _labels_inside_figure(ax)
