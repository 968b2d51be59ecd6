"""Benchmark explorer: place your CRR against the benchmarks the sources quote."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..benchmarks import compare_to_benchmarks, load_benchmarks
from ..formatting import percent
from ..i18n import get_language, tr
from ..plots.benchmarks import benchmark_position, source_label
from ._base import App, html_value, slider

__all__ = ["benchmark_explorer", "verdict"]


def _points(diff: float) -> str:
    return tr("{value} points", value=percent(abs(diff), 1).rstrip("%").strip("\u00a0"))


def _where(diff: float) -> str:
    return tr("{points} above" if diff > 0 else "{points} below", points=_points(diff))


def verdict(your_crr: float, row: pd.Series | dict) -> str:
    """One sentence: your CRR above / below / equal to one benchmark row, in points, with its
    source (and the "aim for" figure when the row has ``crr_high``)."""
    bench = float(row["crr"])
    diff = your_crr - bench
    values = {
        "value": percent(your_crr, 1),
        "segment": tr(str(row["segment"])),
        "bench": percent(bench, 0),
        "source": source_label(row),
    }
    if abs(diff) < 0.0005:
        text = tr("Your CRR of {value} is equal to {segment} ({bench}; {source}).", **values)
    else:
        text = tr(
            "Your CRR of {value} is {where} {segment} ({bench}; {source}).",
            where=_where(diff),
            **values,
        )
    high = row.get("crr_high")
    if high is not None and pd.notna(high):
        diff_high = your_crr - float(high)
        if abs(diff_high) < 0.0005:
            text += tr(" You are at the {high} to aim for.", high=percent(float(high), 0))
        else:
            text += tr(
                " You are {where} the {high} to aim for.",
                where=_where(diff_high),
                high=percent(float(high), 0),
            )
    return text


def benchmark_explorer(
    your_crr: float = 0.75,
    segment: str | None = None,
    benchmarks: pd.DataFrame | None = None,
) -> App:
    """A slider (your CRR) and a dropdown (the benchmark segment); outputs: the benchmark's CRR,
    the difference in points and a one-sentence verdict; a chart of all the benchmarks with
    your CRR as a line (:func:`retention_kit.plots.benchmark_position`).

    ``benchmarks``: a table from :func:`retention_kit.load_benchmarks` (default: the sources').
    """
    table = load_benchmarks() if benchmarks is None else benchmarks.copy()
    segments = table["segment"].astype(str).tolist()
    controls = {
        "crr": slider(
            tr("your CRR"), your_crr, 0.0, 1.0, 0.005, percent_format=".1%", label_width="80px"
        ),
        "segment": w.Dropdown(
            # Russian names on screen; the value stays the table's segment name
            options=segments if get_language() == "en" else [(tr(s), s) for s in segments],
            value=segment if segment is not None else segments[0],
            description=tr("compare with"),
            style={"description_width": "100px"},
            layout=w.Layout(width="360px"),
        ),
    }
    outputs = {
        "benchmark": w.HTML(),
        "difference": w.HTML(),
        "verdict": w.HTML(layout=w.Layout(width="100%")),
    }

    def compute(app: App) -> None:
        value = app.controls["crr"].value
        compared = compare_to_benchmarks(value, table)
        row = compared[compared["segment"].astype(str) == app.controls["segment"].value].iloc[0]
        diff = float(row["difference"])
        color = "#009E73" if diff >= -0.0005 else "#D55E00"
        app.outputs["benchmark"].value = html_value(
            tr("benchmark ({source})", source=source_label(row)),
            percent(float(row["crr"]), 0),
            "#555555",
        )
        sign = "+" if diff >= 0 else "-"
        app.outputs["difference"].value = html_value(
            tr("you minus benchmark"), sign + _points(diff), color
        )
        app.outputs[
            "verdict"
        ].value = f"<div style='font-size:1.15em;padding:4px 12px'>{verdict(value, row)}</div>"

    def draw(app: App):
        ax = benchmark_position(
            app.controls["crr"].value, table, highlight=app.controls["segment"].value
        )
        return ax.figure

    return App(
        controls,
        outputs,
        compute,
        draw,
        title=tr("Your CRR against the benchmarks"),
        layout_rows=[
            [controls["crr"], controls["segment"]],
            [outputs["benchmark"], outputs["difference"]],
            [outputs["verdict"]],
        ],
    )
