"""Charts for email metrics (article 000, Travelpayouts part) and NPS."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.transforms import offset_copy

from ..core.columns import require_columns
from ..errors import InvalidParameterError
from ..i18n import format_number, tr
from ..metrics.email import click_through_rate, click_to_open_rate, open_rate, unsubscribe_rate
from ..metrics.nps import nps_breakdown
from ._style import PALETTE, label, new_axes, percent_axis, percent_text, style

__all__ = ["email_funnel", "nps_chart"]

NPS_COLORS = {
    "detractors": PALETTE["vermillion"],
    "passives": "#BBBBBB",
    "promoters": PALETTE["green"],
}


def _count(value: Any) -> str:
    return format_number(float(value))


def email_funnel(
    delivered: float,
    opened: float,
    clicked: float,
    unsubscribed: float | None = None,
    ax: Axes | None = None,
    *,
    title: str | None = None,
) -> Axes:
    """The email funnel: delivered -> opened -> clicked (and unsubscribed), as shares of delivered.

    Bars are ``count / delivered`` on a percent axis, labelled with the count and the rate of
    article 000 (Travelpayouts part): OR = opened / delivered, CTR = clicked / delivered,
    CTOR = clicked / opened, UR = unsubscribed / delivered. Counts are unique people. Give one
    campaign's numbers or a total (e.g. ``table["opened"].sum()``). Returns the Axes.

    >>> email_funnel(1000, 150, 30, 5).get_xlabel()
    'share of delivered emails, %'
    """
    or_ = float(open_rate(opened, delivered))  # the kit's validation: opened <= delivered ...
    ctr = float(click_through_rate(clicked, delivered))
    ctor = float(click_to_open_rate(clicked, opened)) if float(opened) > 0 else float("nan")
    names = ["delivered", "opened", "clicked"]
    shares = [1.0, or_, ctr]
    texts = [
        f"{_count(delivered)}",
        f"{_count(opened)} · OR {percent_text(or_, 1)}",
        f"{_count(clicked)} · CTR {percent_text(ctr, 1)}"
        + (f" (CTOR {percent_text(ctor, 1)})" if np.isfinite(ctor) else ""),
    ]
    colors = [PALETTE["sky"], PALETTE["blue"], PALETTE["green"]]
    if unsubscribed is not None:
        ur = float(unsubscribe_rate(unsubscribed, delivered))
        names.append("unsubscribed")
        shares.append(ur)
        texts.append(f"{_count(unsubscribed)} · UR {percent_text(ur, 1)}")
        colors.append(PALETTE["vermillion"])
    y = np.arange(len(names))[::-1]
    fig, ax = new_axes(ax, figsize=(9, 4))
    with style():
        ax.barh(y, shares, color=colors, height=0.6, zorder=2)
        for yi, share, text in zip(y, shares, texts, strict=True):
            inside = share > 0.55
            ax.text(
                share - 0.01 if inside else share + 0.01,
                yi,
                text,
                va="center",
                ha="right" if inside else "left",
                color="white" if inside else "black",
                fontsize=11,
                zorder=3,
            )
        ax.set_yticks(y, [tr(name) for name in names])
        ax.set_xlim(0, 1.02)
        ax.grid(axis="y", visible=False)
        percent_axis(ax, axis="x")
        label(
            ax, title or tr("Email funnel (unique people)"), tr("share of delivered emails, %"), ""
        )
    return ax


def _breakdowns(data: Any, by: str | None, score: str) -> list[tuple[str, pd.DataFrame]]:
    """(name, nps_breakdown table) for each bar of the chart."""
    if isinstance(data, pd.DataFrame) and {"group", "count"} <= set(data.columns):
        return [(tr("all answers"), data)]
    if isinstance(data, pd.DataFrame):
        require_columns(data, [score, *([by] if by else [])])
        bars = [(tr("all answers"), nps_breakdown(data[score]))]
        if by:
            for name, part in data.groupby(by, sort=True, observed=True):
                bars.append((f"{by} = {name}", nps_breakdown(part[score])))
        return bars
    if by is not None:
        raise InvalidParameterError(
            f"by={by!r} needs a DataFrame with a {score!r} column and a {by!r} column; "
            "a plain list of scores has no groups."
        )
    return [(tr("all answers"), nps_breakdown(data))]


def nps_chart(
    data: pd.DataFrame | Iterable[float],
    ax: Axes | None = None,
    *,
    by: str | None = None,
    score: str = "score",
    title: str | None = None,
) -> Axes:
    """Detractors, passives and promoters as one 100 % bar per group, with the NPS of each.

    ``NPS = share of promoters (9-10) - share of detractors (0-6)``, written next to each bar as
    a number from -100 to +100 (the kit's :func:`retention_kit.nps` returns it as a fraction).

    Parameters: ``data`` = 0-10 scores (a list or Series), a survey table with a ``score``
    column (then ``by`` = a column to draw one bar per group, after the bar of all answers),
    or a table from :func:`retention_kit.nps_breakdown`; ``ax``; ``title``. Returns the Axes;
    the input is not modified.

    >>> nps_chart([10, 9, 8, 3]).get_xlabel()
    'share of answers, %'
    """
    bars = _breakdowns(data, by, score)
    y = np.arange(len(bars))[::-1]
    fig, ax = new_axes(ax, figsize=(10, max(3.0, 1.0 + 0.9 * len(bars))))
    with style():
        for yi, (_, table) in zip(y, bars, strict=True):
            counts = table.set_index("group")["count"].astype("float64")
            total = float(counts.sum())
            left = 0.0
            for group in ("detractors", "passives", "promoters"):
                share = float(counts.get(group, 0.0)) / total if total else 0.0
                ax.barh(
                    yi,
                    share,
                    left=left,
                    color=NPS_COLORS[group],
                    height=0.6,
                    zorder=2,
                    label=tr(group) if yi == y[0] else None,
                )
                if share >= 0.07:
                    ax.text(
                        left + share / 2,
                        yi,
                        percent_text(share),
                        ha="center",
                        va="center",
                        color="black" if group == "passives" else "white",
                        fontsize=11,
                        zorder=3,
                    )
                left += share
            promoters = float(counts.get("promoters", 0.0)) / total if total else 0.0
            detractors = float(counts.get("detractors", 0.0)) / total if total else 0.0
            ax.text(
                1.02,
                yi,
                f"NPS {(promoters - detractors) * 100:+.0f}",
                va="center",
                fontsize=12,
                fontweight="bold",
                zorder=3,
            )
        ax.set_yticks(y, [name for name, _ in bars])
        ax.set_xlim(0, 1.16)
        ax.set_xticks(np.linspace(0, 1, 6))
        ax.grid(axis="y", visible=False)
        percent_axis(ax, axis="x")
        label(
            ax,
            title or tr("NPS: detractors (0–6), passives (7–8), promoters (9–10)"),
            tr("share of answers, %"),
            "",
        )
        below_xlabel = offset_copy(ax.transAxes, fig=ax.figure, y=-44, units="points")
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.45, 0.0),
            bbox_transform=below_xlabel,
            ncol=3,
            frameon=False,
        )
    return ax
