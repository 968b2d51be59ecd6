"""Benchmark explorer: place your CRR against the benchmarks the sources quote."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from ..benchmarks import compare_to_benchmarks, load_benchmarks
from ..plots.benchmarks import benchmark_position, source_label
from ._base import App, html_value, slider

__all__ = ["benchmark_explorer", "verdict"]


def _points(diff: float) -> str:
    return f"{abs(diff) * 100:.1f} points"


def verdict(your_crr: float, row: pd.Series | dict) -> str:
    """One sentence: your CRR above / below / equal to one benchmark row, in points, with its
    source (and the "aim for" figure when the row has ``crr_high``)."""
    bench = float(row["crr"])
    diff = your_crr - bench
    where = (
        "equal to" if abs(diff) < 0.0005 else f"{_points(diff)} {'above' if diff > 0 else 'below'}"
    )
    text = (
        f"Your CRR of {your_crr * 100:.1f}% is {where} {row['segment']} "
        f"({bench * 100:.0f}%; {source_label(row)})."
    )
    high = row.get("crr_high")
    if high is not None and pd.notna(high):
        diff_high = your_crr - float(high)
        where_high = (
            "at"
            if abs(diff_high) < 0.0005
            else f"{_points(diff_high)} {'above' if diff_high > 0 else 'below'}"
        )
        text += f" You are {where_high} the {float(high) * 100:.0f}% to aim for."
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
            "your CRR", your_crr, 0.0, 1.0, 0.005, percent_format=".1%", label_width="80px"
        ),
        "segment": w.Dropdown(
            options=segments,
            value=segment if segment is not None else segments[0],
            description="compare with",
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
            f"benchmark ({source_label(row)})", f"{float(row['crr']) * 100:.0f}%", "#555555"
        )
        app.outputs["difference"].value = html_value(
            "you minus benchmark", f"{diff * 100:+.1f} points", color
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
        title="Your CRR against the benchmarks",
        layout_rows=[
            [controls["crr"], controls["segment"]],
            [outputs["benchmark"], outputs["difference"]],
            [outputs["verdict"]],
        ],
    )
