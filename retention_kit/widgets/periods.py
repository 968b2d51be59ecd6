"""Period explorer: choose the period and the activity window; see S, N, L, E and CRR."""

from __future__ import annotations

from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..core.periods import FREQ_NAMES, normalize_freq
from ..formatting import percent
from ..i18n import format_number, tr
from ..loading import read_table
from ..periods import period_table
from ..plots.periods import period_table_chart
from ._base import App, html_table, html_value, slider

__all__ = ["period_explorer", "table_html"]

_FREQS = [(FREQ_NAMES[normalize_freq(code)], code) for code in ("D", "W", "M", "Q")]
_SHOWN = {
    "period": "period",
    "start": "S (start)",
    "new": "N (new)",
    "first_time": "first-time",
    "reactivated": "reactivated",
    "lost": "L (lost)",
    "end": "E (end)",
    "crr": "CRR",
    "churn": "churn",
}


def table_html(table: pd.DataFrame, rows: int = 6) -> str:
    """The last ``rows`` rows of a period table as a small HTML table (rates as percents)."""
    shown = table.tail(rows)[[c for c in _SHOWN if c in table.columns]].copy()
    shown["period"] = pd.to_datetime(shown["period"]).dt.strftime("%Y-%m-%d")
    for column in ("crr", "churn"):
        if column in shown.columns:
            shown[column] = percent(shown[column])
    return html_table(shown.rename(columns=_SHOWN))


def period_explorer(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    freq: str = "M",
    active_days: int = 90,
    rows: int = 6,
) -> App:
    """An app for :func:`retention_kit.period_table` on a transaction log: a dropdown for the
    period (day, week, month, quarter) and a slider for the activity window (a customer counts
    at an instant when they bought in the last ``active_days`` days).

    Outputs: ``crr`` (the CRR of the last period with customers at the start, with its 95 %
    interval), ``table`` (the table's last ``rows`` rows: S, N = first-time + reactivated, L, E,
    CRR, churn); the chart is :func:`retention_kit.plots.period_table_chart`. ``app.table`` is
    the current period table.
    """
    frame = read_table(data)
    controls = {
        "freq": w.Dropdown(
            options=[(tr(label), code) for label, code in _FREQS],
            value=freq if freq in dict(_FREQS).values() else "M",
            description=tr("period"),
        ),
        "active_days": slider(tr("activity window (days)"), active_days, 7, 365),
    }
    for control in controls.values():
        control.style.description_width = "initial"
    outputs = {"crr": w.HTML(), "table": w.HTML()}
    cache: dict[tuple[str, int], pd.DataFrame] = {}

    def compute(app: App) -> None:
        key = (app.controls["freq"].value, int(app.controls["active_days"].value))
        if key not in cache:
            cache[key] = period_table(
                frame, customer=customer, time=time, freq=key[0], active_days=key[1]
            )
        app.table = cache[key]
        defined = app.table.dropna(subset=["crr"])
        if defined.empty:
            app.outputs["crr"].value = html_value("CRR", "–")
        else:
            last = defined.iloc[-1]
            when = pd.Timestamp(last["period"]).strftime("%Y-%m-%d")
            app.outputs["crr"].value = html_value(
                tr("CRR of the period starting {when}", when=when),
                f"{percent(last['crr'])}",
            ) + (
                f"<div style='padding:0 12px;color:#555'>{tr('95% interval')} "
                f"{percent(last['crr_low'])} – {percent(last['crr_high'])}; "
                f"S = {format_number(last['start'])}, N = {format_number(last['new'])}, "
                f"E = {format_number(last['end'])}</div>"
            )
        app.outputs["table"].value = table_html(app.table, rows)

    def draw(app: App):
        return period_table_chart(app.table).figure

    return App(
        controls,
        outputs,
        compute,
        draw,
        title=tr("Period explorer: S, N, L, E and CRR"),
        layout_rows=[list(controls.values()), [outputs["crr"], outputs["table"]]],
    )
