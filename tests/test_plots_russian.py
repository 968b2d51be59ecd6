"""Charts in Russian (rk.set_language("ru")), the pooled-and-highlighted retention curves, the
projector text size and the honest benchmark axis (issue 11, item 6)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import retention_kit as rk  # noqa: E402

NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _english_and_normal_size_after():
    yield
    rk.set_language("en")
    rk.plots.projector(False)
    plt.close("all")


def _cohorts(n: int = 6) -> pd.DataFrame:
    # n monthly cohorts of 10 customers; cohort k observed at ages 0..(n - k); at age a > 0
    # cohort k has (k + a) % 4 + 1 customers: small numbers to pool by hand
    rows = []
    for k in range(n):
        for age in range(n - k):
            customers = 10 if age == 0 else (k + age) % 4 + 1
            rows.append((pd.Timestamp(2024, k + 1, 1), age, customers, 10))
    t = pd.DataFrame(rows, columns=["cohort", "age", "customers", "cohort_size"])
    t["rate"] = t["customers"] / t["cohort_size"]
    return t


def _texts(ax) -> list[str]:
    return [t.get_text() for t in ax.texts]


def test_customer_flow_in_russian():
    rk.set_language("ru")
    ax = rk.plots.customer_flow(50, 6, 2)  # article 000: (54 − 6) / 50 = 96 %
    assert ax.get_xlabel() == "Клиенты (число)"
    assert ax.get_ylabel() == "Граница периода"
    assert ax.get_title().endswith(f"= 96,0{NBSP}%")
    assert {"48 удержанных", "2 ушедших", "6 новых"} <= set(_texts(ax))
    assert "1 ушедший" in _texts(rk.plots.customer_flow(21, 6, 1))
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Начало периода\nS = 50", "Конец периода\nE = 54"]


def test_percent_ticks_and_cohort_words_in_russian():
    rk.set_language("ru")
    ax = rk.plots.retention_curves(_cohorts(), band=False)
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks[:2] == [f"0{NBSP}%", f"20{NBSP}%"]
    assert ax.get_xlabel() == "возраст когорты (месяцев после первого события)"
    assert ax.get_ylabel() == "коэффициент удержания, % когорты"
    assert ax.get_title().startswith("Кривые удержания")


def test_heatmap_and_benchmark_in_russian():
    rk.set_language("ru")
    ax = rk.plots.cohort_heatmap(_cohorts(3))
    assert ax.get_ylabel() == "когорта (месяц первого события)"
    assert f"100{NBSP}%" in _texts(ax)
    ax = rk.plots.benchmark_position(0.42)
    assert ax.get_xlabel() == "CRR, % удержанных клиентов на начало (период в статьях не указан)"
    assert any("статья 000" in t.get_text() for t in ax.get_yticklabels())
    # the eCommerce average of article 000 (OWOX part): 30 %
    assert f"30{NBSP}%" in _texts(ax)


def test_the_benchmark_axis_no_longer_claims_a_period_per_source():
    label = rk.plots.benchmark_position(0.42).get_xlabel()
    assert "period as in each source" not in label
    assert "the sources give no period length" in label


def test_nps_and_day_n_in_russian():
    rk.set_language("ru")
    ax = rk.plots.nps_chart([10, 9, 8, 3])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["критики", "нейтралы", "промоутеры"]  # the order of the 0-10 scale
    assert ax.get_xlabel() == "доля ответов, %"


def test_highlight_draws_a_pooled_curve_and_only_a_few_cohorts():
    table = _cohorts(6)
    ax = rk.plots.retention_curves(table, highlight="auto")
    lines = {line.get_label(): line for line in ax.get_lines()}
    pooled = lines["all cohorts pooled"]
    # by hand: at age 1, cohorts 0-4 are observed with (k + 1) % 4 + 1 customers:
    # 2, 3, 4, 1, 2 = 12 of 50 customers
    ages, rates = pooled.get_data()
    assert list(ages[:2]) == [0, 1]
    assert rates[0] == pytest.approx(1.0) and rates[1] == pytest.approx(12 / 50)
    # "auto": the earliest, a middle and the latest cohort observed for at least 4 ages
    # (cohorts 0, 1, 2 have 6, 5, 4 ages): 2024-01, 2024-02, 2024-03
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["other cohorts", "all cohorts pooled", "2024-01", "2024-02", "2024-03"]
    (grey,) = [c for c in ax.collections if c.get_label() == "other cohorts"]
    # the other three cohorts (3, 2 and 1 ages observed), faint, in the background
    assert [len(segment) for segment in grey.get_segments()] == [3, 2, 1]
    assert not any(line.get_color() == "#999999" for line in ax.get_lines())
    assert table.shape == (21, 5)  # input untouched


def test_highlight_chosen_cohorts_and_too_many():
    table = _cohorts(6)
    ax = rk.plots.retention_curves(table, highlight=["2024-04-01"])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["other cohorts", "all cohorts pooled", "2024-04"]
    with pytest.raises(rk.InvalidParameterError, match="highlight=.*at most 7"):
        many = _cohorts(9)
        rk.plots.retention_curves(many, highlight=sorted(many["cohort"].unique()))


def test_projector_mode_enlarges_the_text():
    table = _cohorts(3)
    normal = rk.plots.cohort_heatmap(table)
    normal_size = normal.texts[0].get_fontsize()
    normal_title = normal.title.get_fontsize()
    rk.plots.projector()
    big = rk.plots.cohort_heatmap(table)
    assert big.texts[0].get_fontsize() == pytest.approx(normal_size * 1.4)
    assert big.title.get_fontsize() == pytest.approx(normal_title * 1.4)
    assert normal_size >= 11  # cell labels readable from the back of a room
    with rk.plots.style(projector=False):
        assert rk.plots.cohort_heatmap(table).texts[0].get_fontsize() == normal_size
    rk.plots.projector(False)
    with rk.plots.style(projector=True):  # for one block only
        assert rk.plots.cohort_heatmap(table).texts[0].get_fontsize() > normal_size
    assert rk.plots.cohort_heatmap(table).texts[0].get_fontsize() == normal_size


def test_language_changes_no_value():
    rk.set_language("ru")
    ax = rk.plots.retention_curves(_cohorts(), highlight="auto")
    _, rates = ax.get_lines()[-1].get_data()
    assert np.all((rates >= 0) & (rates <= 1))
