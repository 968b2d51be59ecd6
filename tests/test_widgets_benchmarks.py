"""The benchmark explorer: slider and dropdown in Python update the verdict and the chart."""

from __future__ import annotations

import pandas as pd  # noqa: E402

import retention_kit as rk  # noqa: E402
from retention_kit.widgets._base import html_value  # noqa: E402


def test_below_saas_by_hand():
    app = rk.widgets.benchmark_explorer()
    app.controls["segment"].value = "SaaS"
    app.controls["crr"].value = 0.75
    # SaaS 80 % (article 000, OWOX part): 75 - 80 = -5 points
    assert app.outputs["benchmark"].value == html_value(
        "benchmark (article 000, OWOX part)", "80%", "#555555"
    )
    assert app.outputs["difference"].value == html_value(
        "you minus benchmark", "-5.0 points", "#D55E00"
    )
    assert "Your CRR of 75.0% is 5.0 points below SaaS (80%; article 000, OWOX part)." in (
        app.outputs["verdict"].value
    )
    assert app.figure is not None


def test_above_ecommerce_and_the_target_range():
    app = rk.widgets.benchmark_explorer(your_crr=0.42, segment="eCommerce (average)")
    # the OWOX worked example's 42 % against the eCommerce average of 30 %: +12 points
    assert "12.0 points above eCommerce (average)" in app.outputs["verdict"].value
    app.controls["segment"].value = "Target for companies"
    app.controls["crr"].value = 0.88
    # target 85 % at least, aim for 90 % (article 002): +3 points, 2 points short of 90 %
    text = app.outputs["verdict"].value
    assert "3.0 points above Target for companies (85%; article 002)" in text
    assert "You are 2.0 points below the 90% to aim for." in text


def test_equal_and_own_benchmarks(tmp_path):
    path = tmp_path / "mine.csv"
    pd.DataFrame({"segment": ["Our stores 2023"], "crr": [0.55]}).to_csv(path, index=False)
    table = rk.load_benchmarks(path)
    app = rk.widgets.benchmark_explorer(your_crr=0.55, segment="Our stores 2023", benchmarks=table)
    assert "is equal to Our stores 2023 (55%; your data)" in app.outputs["verdict"].value
    assert "Our stores 2023" in app.controls["segment"].options


def test_typing_a_percent_into_the_box_sets_that_percent():
    # issue 11: typing "42%" or "42" into the slider's readout set 100 % (clamped 42 and 42 %)
    app = rk.widgets.benchmark_explorer(segment="eCommerce (average)")
    box = app.controls["crr"].percent_box
    for typed in ("42%", "42", "42 %", "0.42", "0,42"):
        app.controls["crr"].value = 0.75
        box.value = typed
        assert app.controls["crr"].value == 0.42, typed
        assert box.value == "42.0%"
        # 42 % against the eCommerce average of 30 % (article 000): 12 points above
        assert "12.0 points above eCommerce (average)" in app.outputs["verdict"].value
    box.value = "forty"  # not a number: nothing moves, the box shows the value again
    assert app.controls["crr"].value == 0.42 and box.value == "42.0%"
    box.value = "150%"  # clamped to the slider's range
    assert app.controls["crr"].value == 1.0
    app.controls["crr"].value = 0.3  # the slider writes back into the box
    assert box.value == "30.0%"


def test_the_percent_box_is_on_screen_next_to_the_slider():
    app = rk.widgets.benchmark_explorer()
    box = app.controls["crr"].percent_box
    assert app.controls["crr"].readout is False  # the readout that misread "42%" is gone
    rows = [row for row in app.children if hasattr(row, "children")]
    shown = [c for row in rows for child in row.children for c in getattr(child, "children", ())]
    assert box in shown and "rk-percent-box" in box._dom_classes


def test_russian_labels_and_verdict():
    rk.set_language("ru")
    try:
        app = rk.widgets.benchmark_explorer(your_crr=0.42, segment="eCommerce (average)")
        assert app.controls["crr"].description == "ваш CRR"
        assert app.controls["crr"].percent_box.value == "42,0\u00a0%"
        verdict = app.outputs["verdict"].value
        # 42 − 30 = 12 points (article 000, OWOX part), written the Russian way
        assert "Ваш CRR 42,0\u00a0% на 12,0 п.п. выше, чем eCommerce (в среднем)" in verdict
        assert "(30\u00a0%; статья 000, часть OWOX)" in verdict
        assert ("eCommerce (в среднем)", "eCommerce (average)") in app.controls["segment"].options
        assert "+12,0 п.п." in app.outputs["difference"].value
    finally:
        rk.set_language("en")
