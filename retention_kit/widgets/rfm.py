"""RFM explorer: pick a segment, see its size, its money, its action and who is in it."""

from __future__ import annotations

import html

import ipywidgets as w
import pandas as pd

from ..core.columns import require_columns
from ..errors import EmptyDataError, InvalidParameterError
from ..formatting import percent
from ..i18n import add_texts, format_number, get_language, tr
from ..plots.rfm import rfm_label, rfm_segment_chart
from ..rfm import rfm_segments
from ._base import App, html_table, html_value

__all__ = ["rfm_explorer"]

_LIST_COLUMNS = ["recency", "frequency", "monetary", "rfm_score"]

add_texts(
    {
        en: {"en": en, "ru": ru}
        for en, ru in {
            "segment": "сегмент",
            "customers": "клиенты",
            "{count} ({share} of all)": "{count} ({share} от всех)",
            "money, {currency}": "сумма покупок, {currency}",
            "{money} ({share} of all; {mean} per customer)": "{money} ({share} от всей суммы; "
            "{mean} на клиента)",
            "action ({source})": "действие ({source})",
            # "из" wants the genitive plural whatever the number: the Russian text names the
            # customers once, before the numbers
            "first {shown} of {count} customers, biggest spenders first": "клиенты сегмента: "
            "первые {shown} из {count}, сначала самые крупные покупатели",
            "RFM explorer": "Обзор RFM-сегментов",
        }.items()
    }
)


def rfm_explorer(
    rfm: pd.DataFrame,
    segment: str | None = None,
    rows: int = 10,
    currency: str = "currency units",
) -> App:
    """An app over an :func:`retention_kit.rfm_table`: a dropdown of segments (most valuable
    first); for the chosen one it shows

    - ``size``: customers in the segment and their share of all customers;
    - ``value``: the segment's money (sum of ``monetary``), its share of all the money and the
      mean per customer;
    - ``action``: the suggested action and whose it is (``action_source``: article 000, article
      000 + kit, or a kit suggestion);
    - ``customers``: the first ``rows`` customers of the segment, biggest spenders first.

    The chart (:func:`retention_kit.plots.rfm_segment_chart`) outlines the chosen segment.
    ``app.segment_list`` is the chosen segment's full customer list (rows of ``rfm``), ready for
    :func:`retention_kit.export_table`. The table is not modified.

    In Russian mode the dropdown, the action and the chart show the Russian names of the
    presets' segments; ``segment=`` and the dropdown's value stay the English names that the
    table holds (``app.controls["segment"].value == "At risk"``).
    """
    if not isinstance(rfm, pd.DataFrame):
        raise InvalidParameterError(
            f"rfm_explorer takes the table rk.rfm_table(...) returns, not {type(rfm).__name__}."
        )
    require_columns(rfm, ["segment", *_LIST_COLUMNS[:3]])
    if len(rfm) == 0:
        raise EmptyDataError("the RFM table has no rows: nothing to explore.")
    if int(rows) < 1:
        raise InvalidParameterError(f"rows={rows!r} must be at least 1.")
    summary = rfm_segments(rfm)
    names = summary["segment"].astype(str).tolist()
    if segment is not None and segment not in names:
        raise InvalidParameterError(f"segment={segment!r} is not in the table; use one of {names}.")
    money_all = float(summary["monetary_total"].sum())
    first_column = [c for c in rfm.columns if c not in _LIST_COLUMNS and c != "segment"][:1]
    shown = [*first_column, *[c for c in _LIST_COLUMNS if c in rfm.columns]]

    # (label, value) pairs: the label in the language shown, the value the table's own name
    options = [(rfm_label(n), n) for n in names] if get_language() == "ru" else names
    controls = {
        "segment": w.Dropdown(
            options=options, value=segment or names[0], description=tr("segment")
        ),
    }
    outputs = {"size": w.HTML(), "value": w.HTML(), "action": w.HTML(), "customers": w.HTML()}
    outputs["action"].layout = w.Layout(max_width="520px")

    def compute(app: App) -> None:
        name = app.controls["segment"].value
        row = summary.loc[summary["segment"] == name].iloc[0]
        customers = int(row["customers"])
        money = float(row["monetary_total"])
        app.outputs["size"].value = html_value(
            tr("customers"),
            tr(
                "{count} ({share} of all)",
                count=format_number(customers),
                share=percent(row["share"]),
            ),
        )
        money_share = money / money_all if money_all else float("nan")
        app.outputs["value"].value = html_value(
            tr("money, {currency}", currency=tr(currency)),
            tr(
                "{money} ({share} of all; {mean} per customer)",
                money=format_number(money),
                share=percent(money_share),
                mean=format_number(float(row["monetary_mean"])),
            ),
        )
        source = html.escape(rfm_label(row["action_source"]))
        app.outputs["action"].value = (
            "<div style='padding:4px 12px'><div style='font-size:0.9em;color:#555'>"
            f"{tr('action ({source})', source=source)}</div>"
            f"<div style='font-size:1.1em'>{html.escape(rfm_label(row['action']))}</div></div>"
        )
        members = rfm.loc[rfm["segment"] == name]
        app.segment_list = members.sort_values("monetary", ascending=False, kind="stable")
        head = app.segment_list[shown].head(int(rows))
        app.outputs["customers"].value = (
            "<div style='font-size:0.9em;color:#555'>"
            + tr(
                "first {shown} of {count} customers, biggest spenders first",
                shown=len(head),
                count=format_number(customers),
            )
            + "</div>"
            + html_table(head, float_format=lambda v: format_number(v, digits=2))
        )

    def draw(app: App):
        ax = rfm_segment_chart(summary, highlight=app.controls["segment"].value, currency=currency)
        return ax.figure

    layout = [
        [controls["segment"]],
        [outputs["size"], outputs["value"], outputs["action"]],
        [outputs["customers"]],
    ]
    return App(controls, outputs, compute, draw, title=tr("RFM explorer"), layout_rows=layout)
