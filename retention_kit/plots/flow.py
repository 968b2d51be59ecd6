"""Charts of the customer flow in one period: S + N − L = E, and CRR = (E − N) / S per row."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..core.columns import require_columns
from ..errors import InvalidParameterError
from ..formatting import percent
from ..i18n import tr
from ._style import PALETTE, font_size, label, legend_below, new_axes, percent_axis, style
from ._texts import counted

__all__ = ["customer_flow", "crr_bars"]

# One colour per role, the same in every chart of the course (Okabe-Ito, colour-blind safe);
# "lost" is hatched as well, so it reads in greyscale too.
COLORS = {"retained": PALETTE["blue"], "new": PALETTE["green"], "lost": PALETTE["vermillion"]}


def _count(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f")  # thin space between thousands


def customer_flow(start: int, new: int, lost: int, ax: Axes | None = None) -> Axes:
    """The period as two stacked bars: start S = retained + lost, end E = retained + new.

    The retained customers (S − L = E − N, the numerator of CRR) are the shared blue part; the
    title spells out S + N − L = E and CRR = (E − N) / S with the numbers. Counts are validated
    by the kit (whole, non-negative, lost ≤ start, start > 0), so bad input raises the kit's
    friendly :class:`~retention_kit.errors.InvalidCountError`. Returns the Axes.

    >>> ax = customer_flow(50, 6, 2)     # article 000 (OWOX part): 50 + 6 − 2 = 54, CRR 96 %
    >>> ax.get_xlabel()
    'Customers (count)'
    """
    from ..metrics.crr import crr, end_customers

    end = float(end_customers(start=start, new=new, lost=lost))  # validates the counts
    rate = float(crr(start=start, new=new, lost=lost))
    s, n, lo = float(start), float(new), float(lost)
    kept = s - lo

    fig, ax = new_axes(ax, figsize=(9, 4.2))
    with style():
        rows = [  # (y, label, [(role, width)])
            (1, tr("Start of period\nS = {s}", s=_count(s)), [("retained", kept), ("lost", lo)]),
            (0, tr("End of period\nE = {e}", e=_count(end)), [("retained", kept), ("new", n)]),
        ]
        xmax = max(s, end)
        height = 0.55
        labels = []  # (text, segment) to place once the figure is laid out
        for y, _name, parts in rows:
            left = 0.0
            for i, (role, width) in enumerate(parts):
                segment = None
                if width > 0:
                    segment = ax.barh(
                        y,
                        width,
                        left=left,
                        height=height,
                        color=COLORS[role],
                        hatch="//" if role == "lost" else None,
                        edgecolor="white",
                        linewidth=1.5,
                    )[0]
                text = ax.text(
                    left + width / 2,
                    y,
                    f"{_count(width)} {counted(role, width)}",
                    ha="center",
                    va="center",
                    color="white",
                    fontsize=font_size(13),
                    fontweight="bold",
                    bbox={"facecolor": COLORS[role], "edgecolor": "none", "pad": 1.5},
                )
                labels.append((text, segment, role, i == len(parts) - 1, (left, y + height / 2)))
                left += width
        ax.set_yticks([y for y, _, _ in rows], [name for _, name, _ in rows])
        ax.set_ylim(-0.45, 1.6)
        ax.set_xlim(0, xmax * 1.22 if xmax > 0 else 1)
        ax.grid(axis="y", visible=False)
        legend_below(
            ax,
            handles=[
                Patch(color=COLORS["retained"], label=tr("retained (E − N = S − L)")),
                Patch(
                    facecolor=COLORS["lost"], hatch="//", edgecolor="white", label=tr("lost (L)")
                ),
                Patch(color=COLORS["new"], label=tr("new (N)")),
            ],
        )
        label(
            ax,
            f"S + N − L = E:  {_count(s)} + {_count(n)} − {_count(lo)} = {_count(end)}\n"
            f"CRR = (E − N) / S = ({_count(end)} − {_count(n)}) / {_count(s)} = "
            f"{percent(rate)}",
            tr("Customers (count)"),
            tr("Period boundary"),
        )
        _fit_in_segments(ax, labels)
    return ax


def _fit_in_segments(ax: Axes, labels: list) -> None:
    """Keep a count label inside its bar segment only where it fits with room to spare; else
    put it beside the bar (the last segment, when the axes have room on the right), or inside
    as the count over the word, or above the bar in the segment's colour.
    Label widths are known once the figure is laid out ("60 удержанных" filled its segment
    and ran over the y tick labels)."""
    ax.figure.draw_without_rendering()
    inner = ax.get_window_extent()
    margin = 5.0  # pixels each side, beyond the text: its coloured box pads 1.5 pt (2 px)

    def fits(text, box) -> bool:
        ext = text.get_window_extent()
        return (
            ext.x0 >= box.x0 + margin
            and ext.x1 <= box.x1 - margin
            and ext.y0 >= box.y0 + margin
            and ext.y1 <= box.y1 - margin
        )

    for text, segment, role, last, (left, top) in labels:
        box = segment.get_window_extent() if segment is not None else None
        if box is not None and fits(text, box):
            continue
        one_line, x, y = text.get_text(), *text.get_position()
        text.set_bbox(None)
        text.set_color(COLORS[role])
        if last:  # just right of the bar, if the axes have room there
            right = segment.get_x() + segment.get_width() if segment is not None else left
            text.set_position((right + 0.01 * ax.get_xlim()[1], y))
            text.set_horizontalalignment("left")
            if text.get_window_extent().x1 <= inner.x1:
                continue
        if box is not None:  # the count over the word, inside the segment
            text.set_text(one_line.replace(" ", "\n", 1))
            text.set_position((x, y))
            text.set_horizontalalignment("center")
            text.set_color("white")
            text.set_bbox({"facecolor": COLORS[role], "edgecolor": "none", "pad": 1.5})
            if fits(text, box):
                continue
            text.set_text(one_line)
            text.set_bbox(None)
            text.set_color(COLORS[role])
        text.set_position((left, top + 0.04))  # above the bar, from the segment's left end
        text.set_horizontalalignment("left")
        text.set_verticalalignment("bottom")
        if text.get_window_extent().x1 > inner.x1:  # ... or ending at its right end
            right = segment.get_x() + segment.get_width() if segment is not None else left
            text.set_position((right, top + 0.04))
            text.set_horizontalalignment("right")


def _wrap(text: object, width: int = 16) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def crr_bars(
    table: pd.DataFrame,
    ax: Axes | None = None,
    *,
    label_column: str = "label",
    show_mistake: bool = False,
    title: str | None = None,
    xlabel: str | None = None,
) -> Axes:
    """CRR = (E − N) / S of each row of ``table`` as bars, on a percent axis.

    Parameters: ``table`` with columns ``start``, ``new`` and ``end`` (or ``lost`` instead of
    ``end``), plus an optional text column ``label_column`` naming each row (else the index);
    ``ax`` to draw on; ``show_mistake=True`` adds, next to each CRR, the classic mistake E / S
    (forgetting to subtract the new customers), which can exceed 100 %; ``title`` and ``xlabel``
    (default: the label column's name). Returns the Axes; the table is not modified.

    >>> t = pd.DataFrame({"label": ["A", "B"], "start": [50, 50], "new": [6, 15], "end": [54, 36]})
    >>> crr_bars(t).get_ylabel()
    'CRR, % of the customers at the start'
    """
    from ..metrics.crr import crr

    if not isinstance(table, pd.DataFrame):
        raise InvalidParameterError(
            f"crr_bars needs a DataFrame with columns start, new, end; got {type(table).__name__}."
        )
    needed = ["start", "new"] + (["end"] if "end" in table.columns else ["lost"])
    require_columns(
        table, needed, needed_by="crr_bars", fix="Give start, new and end (or lost) per row."
    )
    if table.empty:
        raise InvalidParameterError("crr_bars got an empty table: give at least one row.")
    counts = {c: table[c].to_numpy() for c in needed}
    if "end" in counts:
        rates = np.asarray(crr(start=counts["start"], new=counts["new"], end=counts["end"]))
        ends = counts["end"].astype(float)
    else:
        rates = np.asarray(crr(start=counts["start"], new=counts["new"], lost=counts["lost"]))
        ends = (counts["start"] + counts["new"] - counts["lost"]).astype(float)
    naive = ends / counts["start"].astype(float)
    has_labels = label_column in table.columns
    names = table[label_column] if has_labels else table.index
    if xlabel is None:
        xlabel = label_column.replace("_", " ").capitalize() if has_labels else tr("Row")
    names = [_wrap(x) for x in names]

    fig, ax = new_axes(ax, figsize=(max(7.0, 2.2 * len(names) + 2), 5.2))
    with style():
        x = np.arange(len(names))
        width = 0.38 if show_mistake else 0.6
        offset = width / 2 if show_mistake else 0.0
        bars = ax.bar(x - offset, rates, width, color=COLORS["retained"], label="CRR = (E − N) / S")
        texts = ax.bar_label(
            bars, labels=[percent(r) for r in rates], padding=3, fontsize=font_size(12)
        )
        top = 1.0
        if show_mistake:
            wrong = ax.bar(
                x + offset,
                naive,
                width,
                color="white",
                edgecolor=PALETTE["vermillion"],
                hatch="//",
                linewidth=1.5,
                label=tr("mistake: E / S (N not subtracted)"),
            )
            texts += ax.bar_label(
                wrong, labels=[percent(r) for r in naive], padding=3, fontsize=font_size(12)
            )
            top = max(top, float(np.max(naive)))
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
        for text in texts:
            text.set_bbox({"facecolor": "white", "edgecolor": "none", "pad": 1})
        ax.axhline(1.0, color="#555555", linewidth=1, linestyle="--", zorder=1)
        ax.set_xticks(x, names)
        ax.set_ylim(0, top * 1.15)
        percent_axis(ax, "y")
        label(
            ax,
            title or tr("Customer Retention Rate, CRR = (E − N) / S"),
            xlabel,
            tr("CRR, % of the customers at the start"),
        )
        ax.grid(axis="x", visible=False)
        _off_the_line(ax, texts, len(rates), 1.0)
    return ax


def _off_the_line(ax: Axes, texts: list, n_crr: int, level: float) -> None:
    """Move each value label that the dashed line at ``level`` would run through (a 96 % label
    drawn above its bar sits on the 100 % line) inside the top of its bar: white on the blue
    CRR bars (the first ``n_crr`` labels), on white on the hatched E / S bars. Where the line
    falls is known once the figure is laid out, so lay it out first."""
    ax.figure.draw_without_rendering()
    line = ax.transData.transform((0, level))[1]
    for k, text in enumerate(texts):
        box = text.get_window_extent()
        if box.y0 - 2 <= line <= box.y1 + 2 and text.xy[1] < level:
            text.xyann = (0, -4)
            text.set_verticalalignment("top")
            if k < n_crr:
                text.set_color("white")
                text.set_bbox({"facecolor": COLORS["retained"], "edgecolor": "none", "pad": 1})
