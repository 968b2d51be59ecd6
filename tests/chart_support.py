"""Reading what a chart drew, for the chart tests."""

from __future__ import annotations

from matplotlib.collections import PolyCollection


def bar_segments(ax) -> list[dict]:
    """Every bar segment an Axes shows, drawn as a Rectangle or in a collection of rectangles:
    centre x, bottom, height (negative below the bottom) and hatch."""
    segments = [
        {"x": p.get_x() + p.get_width() / 2, "bottom": p.get_y(), "height": p.get_height(),
         "hatch": p.get_hatch()}
        for p in ax.patches
    ]  # fmt: skip
    for collection in ax.collections:
        if not isinstance(collection, PolyCollection):
            continue
        for path in collection.get_paths():
            (x0, y0), _, (x1, y1) = path.vertices[:3]
            segments.append(
                {"x": (x0 + x1) / 2, "bottom": y0, "height": y1 - y0,
                 "hatch": collection.get_hatch()}
            )  # fmt: skip
    return segments
