"""The CRR calculator app: its callbacks, driven from Python as a browser would."""

from __future__ import annotations

import re

import pytest

import retention_kit as rk


def _text(app, name):
    return app.outputs[name].value


def test_first_worked_example_of_article_000():
    app = rk.widgets.crr_calculator()
    app.controls["start"].value = 50
    app.controls["new"].value = 6
    app.controls["lost"].value = 2
    # by hand: E = 50 + 6 - 2 = 54; CRR = (54 - 6) / 50 = 0.96; churn = 2 / 50 = 0.04
    end = 50 + 6 - 2
    crr = (end - 6) / 50
    churn = 2 / 50
    assert f">{end}<" in _text(app, "end")
    assert f">{crr * 100:.1f}%<" in _text(app, "crr")
    assert ">96.0%<" in _text(app, "crr")
    assert f">{churn * 100:.1f}%<" in _text(app, "churn")
    assert ">4.0%<" in _text(app, "churn")
    assert app.error.value == ""


def test_one_year_example_of_article_000():
    app = rk.widgets.crr_calculator()
    app.controls["start"].value = 200
    app.controls["new"].value = 150
    app.controls["lost"].value = 140
    end = 200 + 150 - 140  # 210
    assert f">{end}<" in _text(app, "end")
    assert f">{(end - 150) / 200 * 100:.1f}%<" in _text(app, "crr")  # 30.0%
    assert ">30.0%<" in _text(app, "crr")
    assert ">70.0%<" in _text(app, "churn")


def test_lost_can_never_exceed_start():
    app = rk.widgets.crr_calculator(start=50, new=6, lost=20)
    lost = app.controls["lost"]
    assert lost.max == 50
    lost.value = 400  # more than start: the slider clamps to S
    assert lost.value == 50
    app.controls["start"].value = 10  # shrinking S pulls L down with it
    assert lost.max == 10 and lost.value == 10
    # everybody lost: E = 10 + 6 - 10 = 6, CRR = (6 - 6) / 10 = 0
    assert ">0.0%<" in _text(app, "crr") and ">100.0%<" in _text(app, "churn")
    assert app.error.value == ""
    app.controls["start"].value = 300  # growing S raises the maximum, keeps L
    assert lost.max == 300 and lost.value == 10


def test_the_chart_is_redrawn_on_every_change():
    app = rk.widgets.crr_calculator()
    first = app.figure
    assert first is not None
    app.controls["new"].value = 7
    second = app.figure
    assert second is not first
    assert "(55 − 7) / 50" in second.axes[0].get_title()  # E = 50 + 7 - 2 = 55


def test_start_has_at_least_one_customer():
    app = rk.widgets.crr_calculator()
    assert app.controls["start"].min == 1
    app.controls["start"].value = 0  # clamped: CRR is undefined for S = 0
    assert app.controls["start"].value == 1


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"lost": 60}, "lost=60 is more than start=50"),
        ({"start": 0}, "start must be at least 1"),
        ({"start": 600}, "start=600 and new=6 must not exceed max_customers=500"),
        ({"new": -1}, "new must be a whole number of customers, 0 or more; got -1"),
        ({"start": 2.5}, "start must be a whole number of customers, 0 or more; got 2.5"),
        ({"max_customers": 0}, "max_customers must be a whole number of at least 1; got 0"),
    ],
)
def test_bad_arguments_get_the_kits_friendly_error(kwargs, message):
    with pytest.raises(rk.RetentionKitError, match=re.escape(message)):
        rk.widgets.crr_calculator(**kwargs)


def test_moving_s_below_l_says_so_on_screen():
    app = rk.widgets.crr_calculator(start=50, new=6, lost=20)
    assert app.outputs["note"].value == ""
    app.controls["start"].value = 10  # L (20) cannot stay above S: it follows, visibly
    note = app.outputs["note"].value
    assert app.controls["lost"].value == 10
    assert "S went down to 10, below the 20 customers lost: L is now 10 too" in note
    assert "L ≤ S" in note
    app.controls["new"].value = 7  # the next move of the student clears the note
    assert app.outputs["note"].value == ""
    app.controls["start"].value = 40  # S above L: nothing is clamped, no note
    assert app.outputs["note"].value == "" and app.controls["lost"].value == 10


def test_the_note_is_in_the_app_layout_and_in_russian():
    rk.set_language("ru")
    try:
        app = rk.widgets.crr_calculator(start=50, new=6, lost=20)
        app.controls["start"].value = 10
        assert "Нельзя потерять больше клиентов, чем было на начало" in app.outputs["note"].value
        assert app.controls["start"].description == "Клиенты на начало (S)"
        # E = 10 + 6 − 10 = 6; CRR = (6 − 6) / 10 = 0, churn 100 %, written the Russian way
        assert ">0,0\u00a0%<" in app.outputs["crr"].value
        assert ">100,0\u00a0%<" in app.outputs["churn"].value
    finally:
        rk.set_language("en")
    rows = [child for row in app.children for child in getattr(row, "children", ())]
    assert app.outputs["note"] in rows
