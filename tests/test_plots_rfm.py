"""The RFM segment chart: titled, labelled, percent axis, shares by hand, input untouched."""

from __future__ import annotations

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

import retention_kit as rk  # noqa: E402


def _rfm() -> pd.DataFrame:
    # 4 customers by hand: 1 Champion spending 300, 3 Lost spending 50 + 30 + 20 = 100
    return pd.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d"],
            "segment": ["Champions", "Lost", "Lost", "Lost"],
            "recency": [2, 300, 400, 500],
            "frequency": [9, 1, 1, 1],
            "monetary": [300.0, 50.0, 30.0, 20.0],
        }
    )


def _bar_widths(ax: Axes) -> list[float]:
    return [round(p.get_width(), 6) for p in ax.patches]


def test_shares_by_hand_from_the_customer_table():
    rfm = _rfm()
    before = rfm.copy(deep=True)
    ax = rk.plots.rfm_segment_chart(rfm)
    assert isinstance(ax, Axes)
    assert ax.get_title() and "%" in ax.get_xlabel()
    assert ax.xaxis.get_major_formatter().__class__.__name__ == "PercentFormatter"
    # customers: Champions 1/4, Lost 3/4; money: Champions 300/400, Lost 100/400
    assert _bar_widths(ax) == [0.25, 0.75, 0.75, 0.25]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == ["Champions", "Lost"]  # most valuable first, on top
    labels = [t.get_text() for t in ax.texts]
    assert "1 customers" in labels and "3 customers" in labels and "300" in labels
    assert {t.get_text() for t in ax.get_legend().get_texts()} == {
        "share of customers",
        "share of money",
    }
    assert rfm.equals(before)


def test_segment_table_on_given_axes_with_highlight():
    seg = rk.rfm_segments(_rfm())
    before = seg.copy(deep=True)
    fig, ax = plt.subplots()
    assert rk.plots.rfm_segment_chart(seg, ax=ax, highlight="Lost", currency="EUR") is ax
    assert "EUR" in ax.get_title()
    alphas = [p.get_alpha() for p in ax.patches]
    assert alphas == [0.35, 1.0, 0.35, 1.0]
    assert seg.equals(before)


def test_bad_input():
    with pytest.raises(rk.InvalidParameterError, match="highlight"):
        rk.plots.rfm_segment_chart(_rfm(), highlight="Whales")
    with pytest.raises(rk.InvalidParameterError, match="rfm_segments"):
        rk.plots.rfm_segment_chart([1, 2, 3])
    with pytest.raises(rk.MissingColumnError, match="segment"):
        rk.plots.rfm_segment_chart(pd.DataFrame({"recency": [1], "frequency": [1]}))


def test_segment_table_shows_every_action_in_full_and_wrapped():
    # issue 11: the action column was cut ("produ...") in notebook 07 and the report
    seg = rk.rfm_segments(_rfm())
    before = seg.copy(deep=True)
    html = rk.plots.rfm_segment_table(seg).to_html()
    for action in seg["action"]:
        assert len(action) > 30 and action in html  # whole text, not cut
    assert "white-space: normal" in html and "…" not in html and "..." not in html
    assert "25.0%" in html and "75.0%" in html  # shares 1/4 and 3/4 as percents
    assert seg.equals(before)
    with pytest.raises(rk.InvalidParameterError, match="rfm_segments"):
        rk.plots.rfm_segment_table("Champions")


def test_chart_in_russian():
    rk.set_language("ru")
    try:
        ax = rk.plots.rfm_segment_chart(_rfm())
        assert ax.get_xlabel() == "доля всех клиентов / всей суммы покупок, %"
        assert ax.get_title() == "RFM-сегменты: клиенты и сумма покупок (денежные единицы)"
        labels = [t.get_text() for t in ax.texts]
        assert "1 клиент" in labels and "3 клиента" in labels  # the word agrees with the number
        legend = {t.get_text() for t in ax.get_legend().get_texts()}
        assert legend == {"доля клиентов", "доля суммы покупок"}
        from retention_kit.plots.rfm import customers_label

        assert [customers_label(n) for n in (11, 21, 25, 1234)] == [
            "11 клиентов",
            "21 клиент",
            "25 клиентов",
            "1\u00a0234 клиента",
        ]
    finally:
        rk.set_language("en")
        plt.close("all")


def test_russian_segment_names_on_the_chart_the_keys_unchanged():
    rfm = _rfm()
    before = rfm.copy(deep=True)
    rk.set_language("ru")
    try:
        ax = rk.plots.rfm_segment_chart(rfm, highlight="Lost")  # the key, not «Потерянные»
        ticks = [t.get_text() for t in ax.get_yticklabels()]
        assert ticks == ["Чемпионы", "Потерянные"]
        # notebook 07's own currency words (its code cell is the same in both editions)
        title = rk.plots.rfm_segment_chart(rfm, currency="currency units of the sample").get_title()
        assert title == "RFM-сегменты: клиенты и сумма покупок (денежные единицы выборки)"
        # the highlight follows the key: Champions lighter, Lost outlined
        assert [p.get_alpha() for p in ax.patches] == [0.35, 1.0, 0.35, 1.0]
        # a segment of your own rules has no Russian name: shown as it is
        own = rfm.assign(segment=["VIP", "Lost", "Lost", "Lost"])
        ticks = [t.get_text() for t in rk.plots.rfm_segment_chart(own).get_yticklabels()]
        assert ticks == ["VIP", "Потерянные"]
    finally:
        rk.set_language("en")
        plt.close("all")
    assert rfm.equals(before)
    ax = rk.plots.rfm_segment_chart(rfm)  # English again
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Champions", "Lost"]
    plt.close("all")


def test_segment_table_in_russian_names_actions_sources_and_numbers():
    # 1 Champion spending 300, 3 Lost spending 100: customers 1 / 3, shares 25 % / 75 %
    seg = rk.rfm_segments(_rfm())
    before = seg.copy(deep=True)
    rk.set_language("ru")
    try:
        html = rk.plots.rfm_segment_table(seg).to_html()
    finally:
        rk.set_language("en")
    assert "Чемпионы (Champions)" in html and "Потерянные (Lost)" in html
    assert "программа лояльности и специальные предложения" in html
    assert (
        "одно реактивационное письмо с акцией; если ответа нет, перестаньте тратить на них "
        "деньги" in html
    )
    assert "статья 000 + библиотека" in html and ">статья 000<" in html
    assert "loyalty programme" not in html and "article 000" not in html
    assert "25,0\u00a0%" in html and "75,0\u00a0%" in html
    assert ">доля клиентов (share)<" in html and ">действие (action)<" in html
    # the keys of the table itself are untouched
    assert seg.equals(before) and seg["segment"].tolist() == ["Champions", "Lost"]
    english = rk.plots.rfm_segment_table(seg).to_html()
    assert ">Champions<" in english and "Чемпионы" not in english
    assert ">share<" in english and "доля" not in english


def test_segment_table_groups_thousands_the_russian_way():
    big = pd.DataFrame(
        {
            "segment": ["At risk", "At risk"],
            "recency": [300, 400],
            "frequency": [3, 4],
            "monetary": [1200.0, 1300.0],
        }
    )
    rk.set_language("ru")
    try:
        html = rk.plots.rfm_segment_table(big).to_html()
    finally:
        rk.set_language("en")
    # money 1200 + 1300 = 2500 in all, 1250 a customer, recency 350, frequency 3.5
    assert "Под угрозой ухода (At risk)" in html
    assert ">2\u00a0500<" in html and ">1\u00a0250,0<" in html and ">3,5<" in html
    english = rk.plots.rfm_segment_table(big).to_html()
    assert ">2,500<" in english and ">1,250.0<" in english and ">3.5<" in english
