"""The email and NPS explorers: sliders set in Python update the displayed rates."""

from __future__ import annotations

import retention_kit as rk  # noqa: E402
from retention_kit.widgets._base import html_value  # noqa: E402


def _set(app, **values):
    for name, value in values.items():
        app.controls[name].value = value


def test_email_rates_by_hand():
    app = rk.widgets.email_explorer()
    _set(app, delivered=2000, opened=500, clicked=80, unsubscribed=10)
    o = app.outputs
    assert o["or"].value == html_value("OR = opened / delivered", "25.0%")  # 500 / 2000
    assert o["ctor"].value == html_value("CTOR = clicked / opened", "16.0%")  # 80 / 500
    assert o["ctr"].value == html_value("CTR = clicked / delivered", "4.0%")  # 80 / 2000
    assert o["ur"].value == html_value("UR = unsubscribed / delivered", "0.5%")  # 10 / 2000
    assert app.error.value == "" and app.figure is not None


def test_email_impossible_counts_are_explained_and_recovered():
    app = rk.widgets.email_explorer()
    _set(app, delivered=1000, opened=150)
    app.controls["clicked"].value = 200  # more clickers than openers
    assert "clicked=200 is more than opened=150" in app.error.value
    app.controls["clicked"].value = 15
    assert app.error.value == ""
    assert app.outputs["ctor"].value == html_value("CTOR = clicked / opened", "10.0%")


def test_email_no_openers_leaves_ctor_undefined():
    app = rk.widgets.email_explorer()
    _set(app, opened=0, clicked=0)
    assert app.outputs["ctor"].value == html_value("CTOR = clicked / opened", "–")
    assert app.outputs["or"].value == html_value("OR = opened / delivered", "0.0%")


def test_nps_by_hand():
    app = rk.widgets.nps_explorer()
    _set(app, promoters=45, passives=35, detractors=20)
    # (45 - 20) / 100 = +25
    assert app.outputs["nps"].value == html_value("NPS (−100 to +100)", "+25.0", "#009E73")
    assert app.outputs["promoters"].value == html_value("promoters", "45.0%")
    assert app.outputs["detractors"].value == html_value("detractors", "20.0%")
    assert app.outputs["total"].value == html_value("answers", "100", "#555555")
    _set(app, promoters=10, passives=10, detractors=30)
    # (10 - 30) / 50 = -40
    assert app.outputs["nps"].value == html_value("NPS (−100 to +100)", "-40.0", "#D55E00")


def test_nps_without_answers_is_explained():
    app = rk.widgets.nps_explorer()
    _set(app, promoters=0, passives=0, detractors=0)
    assert "no answers" in app.error.value


def test_nps_sliders_and_outputs_follow_the_scale():
    # detractors (0-6), passives (7-8), promoters (9-10): the order of the 0-10 scale
    app = rk.widgets.nps_explorer()
    assert list(app.controls) == ["detractors", "passives", "promoters"]
    assert [o for o in app.outputs if o in ("detractors", "promoters")] == [
        "detractors",
        "promoters",
    ]
    ax = app.figure.axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "detractors",
        "passives",
        "promoters",
    ]
