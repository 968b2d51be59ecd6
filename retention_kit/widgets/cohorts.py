"""Cohort explorer: choose the period, the cohort attribute and the metric; see the heatmap."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import ipywidgets as w
import pandas as pd

from ..cohorts import cohort_table, pooled_rate
from ..core.periods import FREQ_NAMES
from ..formatting import percent
from ..i18n import format_number, tr
from ..loading import read_table
from ..plots.cohorts import cohort_heatmap
from ._base import App, html_value

__all__ = ["cohort_explorer"]

_FREQS = [(FREQ_NAMES[code], code) for code in ("M", "Q")]
_METRICS = [("retention rate (%)", "rate"), ("active customers (count)", "customers")]


def cohort_explorer(
    data: pd.DataFrame | str | Path,
    *,
    customer: str,
    time: str,
    attributes: Mapping[str, str | None] | None = None,
    freq: str = "M",
    values: str = "rate",
    max_age: int = 12,
) -> App:
    """An app to explore cohorts: dropdowns for the period (month / quarter), the cohort
    attribute (acquisition period, or a column such as channel or campaign: the value on each
    customer's first event) and the metric (rate / customers); the heatmap is redrawn.

    ``attributes`` maps a label to a column name (``None`` = the acquisition period); by default
    the acquisition period plus the columns "channel" and "campaign" when the data has them.
    Outputs: ``cohorts`` (how many cohorts, customers) and ``age1`` (the pooled rate at age 1:
    customers active at age 1 / size of the cohorts old enough). ``app.table`` is the current
    :func:`retention_kit.cohort_table`.
    """
    frame = read_table(data)
    if attributes is None:
        attributes = {"acquisition period": None}
        attributes.update({c: c for c in ("channel", "campaign") if c in frame.columns})
    options = [(tr(name), name) for name in attributes]
    controls = {
        "freq": w.Dropdown(
            options=[(tr(label), code) for label, code in _FREQS],
            value=freq if freq in ("M", "Q") else "M",
            description=tr("period"),
        ),
        "attribute": w.Dropdown(options=options, value=options[0][1], description=tr("cohort by")),
        "metric": w.Dropdown(
            options=[(tr(label), value) for label, value in _METRICS],
            value=values if values in ("rate", "customers") else "rate",
            description=tr("metric"),
        ),
    }
    for control in controls.values():
        control.style.description_width = "initial"
    outputs = {"cohorts": w.HTML(), "age1": w.HTML()}
    cache: dict[tuple[str, str | None], pd.DataFrame] = {}

    def compute(app: App) -> None:
        f = app.controls["freq"].value
        by = attributes[app.controls["attribute"].value]
        if (f, by) not in cache:
            cache[(f, by)] = cohort_table(frame, customer=customer, time=time, freq=f, by=by)
        app.table = cache[(f, by)]
        sizes = app.table.loc[app.table["age"] == 0, "cohort_size"]
        app.outputs["cohorts"].value = html_value(
            tr("cohorts"),
            tr(
                "{n} cohorts, {customers} customers",
                n=len(sizes),
                customers=format_number(sizes.sum()),
            ),
        )
        rate, kept, size = pooled_rate(app.table, age=1)
        app.outputs["age1"].value = html_value(
            tr("active 1 {period} after joining (pooled)", period=tr(FREQ_NAMES[f])),
            f"{percent(rate)} ("
            + tr("{kept} of {size}", kept=format_number(kept), size=format_number(size))
            + ")",
        )

    def draw(app: App):
        f = app.controls["freq"].value
        ax = cohort_heatmap(
            app.table,
            values=app.controls["metric"].value,
            max_age=max_age,
            period=FREQ_NAMES[f],
        )
        return ax.figure

    return App(controls, outputs, compute, draw, title=tr("Cohort explorer"))
