"""Retention -> profit explorer: add a few points of monthly retention, see customers kept and
cumulative profit under the kit's simple model (:mod:`retention_kit.profit`)."""

from __future__ import annotations

import ipywidgets as w
import matplotlib.pyplot as plt

from ..formatting import percent
from ..i18n import format_number, tr
from ..plots import style
from ..plots.profit import retention_profit
from ..profit import retention_uplift
from ._base import App, html_value, slider

__all__ = ["retention_profit_explorer"]


def _money(value: float) -> str:
    return format_number(value)


def _signed_percent(value: float) -> str:
    return ("+" if value >= 0 else "") + percent(value)


def retention_profit_explorer(
    base_retention: float = 0.90,
    uplift: float = 0.05,
    months: int = 24,
    start_customers: int = 1000,
    monthly_profit_per_customer: int = 10,
    new_per_month: int = 0,
) -> App:
    """Sliders for monthly retention, the uplift in points, months, customers, profit and new
    customers a month; outputs: customers at the end and cumulative profit in both scenarios,
    the difference and the relative increase; a chart of customers and cumulative profit.

    The numbers come from :func:`retention_kit.retention_uplift` (geometric survival, constant
    profit per customer, no discounting): the kit's own illustrative model, not the sources'
    figures.
    """
    wide = {"label_width": "170px"}
    controls = {
        "base_retention": slider(
            tr("monthly retention"), base_retention, 0.5, 0.99, 0.01, percent_format=".0%", **wide
        ),
        "uplift": slider(
            tr("+ points of retention"), uplift, 0.0, 0.10, 0.01, percent_format=".0%", **wide
        ),
        "months": slider(tr("months"), months, 1, 60, **wide),
        "start_customers": slider(
            tr("customers at the start"), start_customers, 100, 10_000, 100, **wide
        ),
        "profit": slider(
            tr("profit / customer / month"), monthly_profit_per_customer, 1, 100, **wide
        ),
        "new_per_month": slider(tr("new customers / month"), new_per_month, 0, 500, 10, **wide),
    }
    names = (
        "scenario",
        "customers_base",
        "customers_improved",
        "profit_base",
        "profit_improved",
        "difference",
        "increase",
    )
    outputs = {name: w.HTML() for name in names}

    def table(app: App):
        c = app.controls
        uplift_value = min(c["uplift"].value, 1.0 - c["base_retention"].value)
        return retention_uplift(
            base_retention=c["base_retention"].value,
            uplift=uplift_value,
            start_customers=c["start_customers"].value,
            months=c["months"].value,
            monthly_profit_per_customer=c["profit"].value,
            new_per_month=c["new_per_month"].value,
        )

    def compute(app: App) -> None:
        t = table(app)
        app.table = t
        last = t.iloc[-1]
        m = int(last["month"])
        o = app.outputs
        r = app.controls["base_retention"].value
        improved = r + min(app.controls["uplift"].value, 1.0 - r)
        o["scenario"].value = html_value(
            tr("monthly retention"), f"{percent(r, 0)} → {percent(improved, 0)}", "#555555"
        )
        o["customers_base"].value = html_value(
            tr("customers in month {m}, base", m=m), _money(last["customers_base"])
        )
        o["customers_improved"].value = html_value(
            tr("customers in month {m}, improved", m=m),
            _money(last["customers_improved"]),
            "#009E73",
        )
        o["profit_base"].value = html_value(
            tr("cumulative profit, base"), _money(last["cumulative_profit_base"])
        )
        o["profit_improved"].value = html_value(
            tr("cumulative profit, improved"), _money(last["cumulative_profit_improved"]), "#009E73"
        )
        o["difference"].value = html_value(tr("difference"), "+" + _money(last["difference"]))
        o["increase"].value = html_value(
            tr("profit increase (model)"), _signed_percent(last["ratio"] - 1)
        )

    def draw(app: App):
        with style():
            fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), layout="constrained")
        retention_profit(app.table, ax=left, show="customers", title=tr("Customers kept"))
        retention_profit(app.table, ax=right, title=tr("Cumulative profit"))
        return fig

    c = controls
    rows = [
        [c["base_retention"], c["uplift"]],
        [c["months"], c["start_customers"]],
        [c["profit"], c["new_per_month"]],
        [outputs["scenario"], outputs["customers_base"], outputs["customers_improved"]],
        [outputs["profit_base"], outputs["profit_improved"], outputs["difference"]],
        [outputs["increase"]],
    ]
    return App(
        controls,
        outputs,
        compute,
        draw,
        title=tr("Retention → profit (simple model: geometric survival, no discounting)"),
        layout_rows=rows,
    )
