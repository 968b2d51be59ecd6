"""What every app of :mod:`retention_kit.widgets` is built from (internal)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import retention_kit.widgets._texts  # noqa: F401  (registers the apps' Russian texts)

from ..formatting import percent
from ..i18n import NBSP


class App(w.VBox):
    """A widget app: named ``controls`` (sliders, dropdowns), named ``outputs`` (HTML text that
    tests can read), an optional ``chart`` area redrawn on every change, and ``update()``.

    Setting a control's ``value`` in Python runs ``update()`` exactly as moving it in the browser
    does, so callbacks are testable without a browser::

        app = crr_calculator()
        app.controls["lost"].value = 2
        app.outputs["crr"].value        # '<b>96.0%</b>' ...
    """

    def __init__(
        self,
        controls: dict[str, w.ValueWidget],
        outputs: dict[str, w.HTML],
        compute: Callable[[App], None],
        draw: Callable[[App], plt.Figure | None] | None = None,
        title: str = "",
        layout_rows: list[list[w.Widget]] | None = None,
    ) -> None:
        self.controls = controls
        self.outputs = outputs
        self._compute = compute
        self._draw = draw
        self.chart = w.Output(layout=w.Layout(min_height="320px")) if draw else None
        self.figure: plt.Figure | None = None
        self.error = w.HTML("")
        header = [w.HTML(f"<h3>{title}</h3>")] if title else []
        rows = layout_rows or [[*controls.values()], [*outputs.values()]]
        rows = [[_with_box(widget) for widget in row] for row in rows]
        body = [w.HBox(r, layout=w.Layout(flex_flow="row wrap")) for r in rows]
        super().__init__([*header, *body, self.error, *([self.chart] if self.chart else [])])
        for control in controls.values():
            control.observe(lambda _change: self.update(), names="value")
        self.update()

    def update(self) -> None:
        """Recompute the outputs (and redraw the chart) from the current control values."""
        from ..errors import RetentionKitError

        try:
            self._compute(self)
            self.error.value = ""
        except RetentionKitError as err:  # show the kit's friendly message, keep the app alive
            self.error.value = f"<span style='color:#D55E00'>⚠ {err}</span>"
            return
        if self._draw is not None and self.chart is not None:
            with self.chart:
                self.chart.clear_output(wait=True)
                if self.figure is not None:
                    plt.close(self.figure)
                self.figure = self._draw(self)
                if self.figure is not None:
                    display(self.figure)
                    plt.close(self.figure)  # shown once, in this Output, not again by inline


def slider(
    description: str,
    value: float,
    lo: float,
    hi: float,
    step: float = 1,
    *,
    percent_format: str | None = None,
    label_width: str = "initial",
    width: str = "420px",
) -> w.IntSlider | w.FloatSlider:
    """The kit's slider: an ``IntSlider``, or a ``FloatSlider`` of a fraction shown in percent
    when ``percent_format`` (such as ``".0%"``) is given. It reports its value when released, not
    on every pixel of a drag, so a chart is redrawn once per move.

    A percent slider's value is shown in a text box next to it (``slider.percent_box``) where
    "42%", "42" and "0.42" all mean 42 %: the slider's own readout would read "42" or "42%" as
    42 and clamp it to 100 %.
    """
    common = {
        "value": value,
        "min": lo,
        "max": hi,
        "step": step,
        "description": description,
        "continuous_update": False,
        "style": {"description_width": label_width},
        "layout": w.Layout(width=width),
    }
    if percent_format is None:
        return w.IntSlider(**common)
    control = w.FloatSlider(readout=False, readout_format=percent_format, **common)
    digits = int(m.group(1)) if (m := re.search(r"\.(\d+)%", percent_format)) else 0
    box = w.Text(
        value=percent(value, digits),
        continuous_update=False,
        layout=w.Layout(width="90px"),
        tooltip="42%, 42 or 0.42",
    )
    box.add_class("rk-percent-box")

    def from_slider(change: dict) -> None:
        box.value = percent(change["new"], digits)

    def from_box(change: dict) -> None:
        typed = parse_percent(change["new"], maximum=control.max)
        if typed is None:  # not a number: show the slider's value again
            box.value = percent(control.value, digits)
            return
        typed = min(max(typed, control.min), control.max)
        if abs(typed - control.value) > 1e-12:
            control.value = typed  # from_slider writes it back, formatted
        else:
            box.value = percent(control.value, digits)

    control.observe(from_slider, names="value")
    box.observe(from_box, names="value")
    control.percent_box = box
    return control


_PERCENT = re.compile(r"^([-+]?\d+(?:[.,]\d+)?|[-+]?[.,]\d+)\s*(%?)$")


def parse_percent(text: str, maximum: float = 1.0) -> float | None:
    """A percent typed by a person, as a fraction: "42%", "42 %", "42" and "0.42" are all 0.42.

    A number without a % sign that is above ``maximum`` (the slider's largest fraction, 1 for a
    rate) is read as a percent (nobody means 4200 %); up to ``maximum``, as a fraction. Returns
    None for anything that is not a number.

    >>> parse_percent("42%"), parse_percent("42"), parse_percent("0,42"), parse_percent("1")
    (0.42, 0.42, 0.42, 1.0)
    >>> parse_percent("2", maximum=0.1), parse_percent("0.02", maximum=0.1)
    (0.02, 0.02)
    """
    cleaned = str(text).replace(NBSP, " ").replace("\u202f", " ").strip()
    m = _PERCENT.match(cleaned)
    if not m:
        return None
    number = float(m.group(1).replace(",", "."))
    if m.group(2) or abs(number) > maximum:
        number = number / 100
    return round(number, 12)


def _with_box(widget: w.Widget) -> w.Widget:
    """A percent slider together with its text box (see :func:`slider`); others as they are."""
    box = getattr(widget, "percent_box", None)
    return w.HBox([widget, box]) if box is not None else widget


def html_value(label: str, value: str, color: str = "#0072B2") -> str:
    """A big number with a small label, readable on a projector."""
    return (
        f"<div style='padding:4px 12px'><div style='font-size:0.9em;color:#555'>{label}</div>"
        f"<div style='font-size:1.6em;font-weight:bold;color:{color}'>{value}</div></div>"
    )


_CELL = "padding:2px 10px;text-align:right"


def html_table(table: pd.DataFrame, **to_html: Any) -> str:
    """A DataFrame as an HTML table readable inside a widget: padded, right-aligned cells
    (the notebook's table CSS does not reach into widget HTML)."""
    html = table.to_html(index=False, border=0, **to_html)
    return (
        html.replace('<table class="dataframe">', '<table style="border-collapse:collapse">')
        .replace("<th>", f"<th style='{_CELL};border-bottom:1px solid #999'>")
        .replace(
            '<th style="text-align: right;">', f"<th style='{_CELL};border-bottom:1px solid #999'>"
        )
        .replace("<td>", f"<td style='{_CELL}'>")
    )
