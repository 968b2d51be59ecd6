"""The RFM explorer: choosing a segment in Python updates size, money, action and the list."""

from __future__ import annotations

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import retention_kit as rk  # noqa: E402
from retention_kit.widgets._base import html_value  # noqa: E402


def _rfm() -> pd.DataFrame:
    # by hand: Champions a (400); Lost b, c, d (50 + 30 + 20 = 100); all money 500
    return pd.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d"],
            "recency": [2, 300, 400, 500],
            "frequency": [9, 1, 1, 1],
            "monetary": [400.0, 30.0, 50.0, 20.0],
            "rfm_score": ["555", "112", "113", "111"],
            "segment": ["Champions", "Lost", "Lost", "Lost"],
        }
    )


def test_default_is_the_most_valuable_segment():
    rfm = _rfm()
    before = rfm.copy(deep=True)
    app = rk.widgets.rfm_explorer(rfm)
    assert app.controls["segment"].options == ("Champions", "Lost")
    assert app.controls["segment"].value == "Champions"
    assert app.outputs["size"].value == html_value("customers", "1 (25.0% of all)")
    assert app.outputs["value"].value == html_value(
        "money, currency units", "400 (80.0% of all; 400 per customer)"
    )
    assert "action (article 000)" in app.outputs["action"].value
    assert "loyalty programme" in app.outputs["action"].value
    assert app.figure is not None
    assert rfm.equals(before)


def test_choosing_lost_updates_everything():
    app = rk.widgets.rfm_explorer(_rfm(), rows=2, currency="EUR")
    app.controls["segment"].value = "Lost"
    assert app.outputs["size"].value == html_value("customers", "3 (75.0% of all)")
    # 100 of 500 = 20 %, 100 / 3 = 33.3 per customer
    assert app.outputs["value"].value == html_value(
        "money, EUR", "100 (20.0% of all; 33 per customer)"
    )
    assert "article 000 + kit" in app.outputs["action"].value
    # the list: biggest spenders first (c 50, b 30, d 20), the first 2 shown
    assert app.segment_list["customer_id"].tolist() == ["c", "b", "d"]
    text = app.outputs["customers"].value
    assert "first 2 of 3 customers" in text
    assert ">c</td>" in text and ">b</td>" in text and ">d</td>" not in text
    assert app.error.value == ""


def test_bad_arguments():
    with pytest.raises(rk.InvalidParameterError, match="segment"):
        rk.widgets.rfm_explorer(_rfm(), segment="Whales")
    with pytest.raises(rk.MissingColumnError, match="monetary"):
        rk.widgets.rfm_explorer(_rfm().drop(columns="monetary"))


def test_the_action_is_shown_in_full_with_its_source():
    # issue 11: actions were cut ("produ..."); the explorer shows the whole text, wrapped
    log = rk.load_sample("shop_transactions")
    rfm = rk.rfm_table(
        log, customer="customer_id", time="order_time", amount="amount", order="order_id"
    )
    app = rk.widgets.rfm_explorer(rfm, segment="Lost")
    action = rk.segment_map().set_index("segment").loc["Lost", "action"]
    assert len(action) > 50 and action in app.outputs["action"].value
    assert "action (article 000 + kit)" in app.outputs["action"].value


def test_explorer_in_russian():
    rk.set_language("ru")
    try:
        app = rk.widgets.rfm_explorer(_rfm(), rows=2, currency="EUR")
        app.controls["segment"].value = "Lost"
        assert app.controls["segment"].description == "сегмент"
        assert app.outputs["size"].value == html_value("клиенты", "3 (75,0\u00a0% от всех)")
        assert app.outputs["value"].value == html_value(
            "сумма покупок, EUR", "100 (20,0\u00a0% от всей суммы; 33 на клиента)"
        )
        assert "действие (статья 000 + библиотека)" in app.outputs["action"].value
        assert "клиенты сегмента: первые 2 из 3," in app.outputs["customers"].value
        assert "50,00" in app.outputs["customers"].value  # decimal comma
    finally:
        rk.set_language("en")


def test_explorer_shows_russian_segment_names_and_keeps_the_keys():
    rk.set_language("ru")
    try:
        app = rk.widgets.rfm_explorer(_rfm(), segment="Lost")
        dropdown = app.controls["segment"]
        # (label, value): the label Russian, the value the table's own name
        assert dropdown.options == (("Чемпионы", "Champions"), ("Потерянные", "Lost"))
        assert dropdown.value == "Lost" and dropdown.label == "Потерянные"
        action = app.outputs["action"].value
        assert "действие (статья 000 + библиотека)" in action
        assert (
            "одно реактивационное письмо с акцией; если ответа нет, перестаньте тратить на них "
            "деньги" in action
        )
        assert "reactivation" not in action
        assert app.segment_list["segment"].eq("Lost").all()
        dropdown.value = "Champions"
        assert "действие (статья 000)" in app.outputs["action"].value
        assert "программа лояльности и специальные предложения" in app.outputs["action"].value
        ticks = [t.get_text() for t in app.figure.axes[0].get_yticklabels()]
        assert ticks == ["Чемпионы", "Потерянные"]
    finally:
        rk.set_language("en")
