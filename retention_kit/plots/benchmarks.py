"""Chart: your CRR against the industry benchmarks the sources quote."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..core.columns import require_columns
from ..core.counts import as_array
from ..errors import InvalidCountError, InvalidParameterError
from ..i18n import tr
from ._style import PALETTE, label, new_axes, percent_axis, percent_text, style

__all__ = ["benchmark_position", "source_label"]


def source_label(row: pd.Series | dict) -> str:
    """Where a benchmark comes from: "article 000, OWOX part", or "your data" for own rows."""
    source = row.get("source")
    if source is None or (isinstance(source, float) and np.isnan(source)) or str(source) == "":
        return tr("your data")
    text = str(source).strip()
    text = tr("article {id}", id=text.zfill(3)) if text.isdigit() else text
    part = row.get("part")
    if isinstance(part, str) and part.strip():
        text += f", {tr(part.strip())}"
    return text


def benchmark_position(
    your_crr: float,
    benchmarks: pd.DataFrame | None = None,
    ax: Axes | None = None,
    *,
    highlight: str | None = None,
    title: str | None = None,
) -> Axes:
    """Your CRR (a vertical line) against each benchmark's CRR (horizontal bars, with sources).

    Parameters: ``your_crr`` (a fraction, 0.75 for 75 %); ``benchmarks`` from
    :func:`retention_kit.load_benchmarks` (default: the sources' table; columns ``segment``,
    ``crr`` and optionally ``crr_high``, ``source``, ``part``); ``ax`` to draw on (else a new
    figure); ``highlight`` a segment to colour; ``title``. A ``crr_high`` (e.g. "aim for 90 %")
    is drawn as a lighter extension of the bar. Returns the Axes; the table is not modified.

    >>> benchmark_position(0.75, highlight="SaaS").get_xlabel()
    'CRR, % of customers at the start kept (the sources give no period length)'
    """
    value = float(as_array("your_crr", your_crr).reshape(-1)[0])
    if not 0 <= value <= 1:
        raise InvalidCountError(
            f"your_crr={your_crr!r} must be a fraction between 0 and 1 (0.75 for 75 %)."
        )
    if benchmarks is None:
        from ..benchmarks import load_benchmarks

        benchmarks = load_benchmarks()
    require_columns(benchmarks, ["segment", "crr"])
    segments = benchmarks["segment"].astype(str).tolist()
    if highlight is not None and highlight not in segments:
        raise InvalidParameterError(
            f"highlight={highlight!r} is not a segment of the table; use one of {segments}."
        )
    crr = benchmarks["crr"].astype("float64").to_numpy()
    high = (
        benchmarks["crr_high"].astype("float64").to_numpy()
        if "crr_high" in benchmarks.columns
        else np.full(len(crr), np.nan)
    )
    names = [
        f"{tr(seg)}\n({source_label(row)})"
        for seg, row in zip(segments, benchmarks.to_dict("records"), strict=True)
    ]
    y = np.arange(len(crr))[::-1]  # first row on top
    height = max(4.0, 0.75 * len(crr) + 1.5)
    fig, ax = new_axes(ax, figsize=(10, height))
    with style():
        colors = [PALETTE["blue"] if seg == highlight else PALETTE["sky"] for seg in segments]
        ax.barh(y, crr, color=colors, height=0.6, zorder=2)
        extra = np.where(np.isnan(high), 0.0, np.clip(high - crr, 0, None))
        if (extra > 0).any():
            ax.barh(
                y,
                extra,
                left=crr,
                color=colors,
                alpha=0.4,
                height=0.6,
                hatch="//",
                zorder=2,
            )
        for yi, lo, hi in zip(y, crr, high, strict=True):
            text = percent_text(lo) + (f"–{percent_text(hi)}" if np.isfinite(hi) else "")
            ax.text(
                max(lo, hi if np.isfinite(hi) else lo) + 0.01,
                yi,
                text,
                va="center",
                fontsize=11,
                zorder=5,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1, "alpha": 0.85},
            )
        ax.axvline(
            value,
            color=PALETTE["vermillion"],
            linewidth=2.5,
            zorder=4,
            label=tr("your CRR: {value}", value=percent_text(value, 1)),
        )
        ax.set_yticks(y, names)
        ax.set_xlim(0, 1.1)
        ax.grid(axis="y", visible=False)
        percent_axis(ax, axis="x")
        label(
            ax,
            title or tr("Your CRR against the sources' benchmarks"),
            # the sources quote these rates without saying over which period they are measured
            tr("CRR, % of customers at the start kept (the sources give no period length)"),
            "",
        )
        handles, _ = ax.get_legend_handles_labels()
        if (extra > 0).any():
            handles.append(
                Patch(
                    facecolor="white", edgecolor="#555555", hatch="//", label=tr("range to aim for")
                )
            )
        ax.legend(
            handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False
        )
    return ax
