"""Day-N explorer: choose the counting method and N; see the rate with its interval."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..day_n import day_n_retention
from ..formatting import percent
from ..i18n import format_number, tr
from ..loading import read_table
from ..plots.day_n import day_n_chart
from ._base import App, html_value, slider

__all__ = ["day_n_explorer"]

_METHODS = [
    ("rolling: 24-hour windows", "rolling"),
    ("calendar days", "calendar"),
    ("unbounded: day N or later", "unbounded"),
]


def day_n_explorer(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    tz: str | None = "Europe/Moscow",
    max_day: int = 30,
    method: str = "rolling",
    day: int = 1,
) -> App:
    """An app for :func:`retention_kit.day_n_retention`: a dropdown for the method (rolling
    24-hour windows, calendar days in ``tz``, unbounded "day N or later") and a slider for N.

    Outputs: ``rate`` (day-N retention of the chosen method) and ``interval`` (its 95 % Wilson
    interval, retained / eligible users). The chart shows the three methods for days 1 to
    ``max_day`` with N marked. The three curves are computed once, when the app is built;
    ``app.tables`` maps each method to its table.
    """
    frame = read_table(data)
    days = tuple(range(1, int(max_day) + 1))
    tables = {
        m: day_n_retention(frame, customer=customer, time=time, days=days, method=m, tz=tz)
        for _label, m in _METHODS
    }
    controls = {
        "method": w.Dropdown(
            options=[(tr(label), value) for label, value in _METHODS],
            value=method if method in tables else "rolling",
            description=tr("method"),
        ),
        "day": slider(tr("day N"), min(max(int(day), 1), int(max_day)), 1, int(max_day)),
    }
    for control in controls.values():
        control.style.description_width = "initial"
    outputs = {"rate": w.HTML(), "interval": w.HTML()}

    def compute(app: App) -> None:
        m = app.controls["method"].value
        n = int(app.controls["day"].value)
        row = tables[m].set_index("day").loc[n]
        app.outputs["rate"].value = html_value(
            tr("day-{n} retention ({method})", n=n, method=m), percent(row["rate"])
        )
        users = int(row["users"])
        if users == 0:
            app.outputs["interval"].value = html_value(
                tr("95% interval"), tr("no eligible user yet"), color="#555555"
            )
            return
        app.outputs["interval"].value = html_value(
            tr("95% interval"),
            f"{percent(row['rate_low'])} – {percent(row['rate_high'])}",
            color="#555555",
        ) + (
            "<div style='padding:0 12px;color:#555'>"
            + tr(
                "{retained} retained of {users} eligible users",
                retained=format_number(row["retained"]),
                users=format_number(users),
            )
            + "</div>"
        )

    def draw(app: App):
        return day_n_chart(tables, highlight=int(app.controls["day"].value)).figure

    app = App(controls, outputs, compute, draw, title=tr("Day-N retention explorer"))
    app.tables = tables
    return app
