"""The CRR calculator: sliders for S, N, L; live E, CRR and churn; the customer-flow picture."""

from __future__ import annotations

import ipywidgets as w
import matplotlib.pyplot as plt

from ..errors import InvalidParameterError
from ..formatting import percent
from ..i18n import format_number, tr
from ._base import App, html_value, slider

__all__ = ["crr_calculator"]


def _slider(description: str, value: int, maximum: int, minimum: int = 0) -> w.IntSlider:
    return slider(description, value, minimum, maximum, label_width="190px", width="640px")


def crr_calculator(start: int = 50, new: int = 6, lost: int = 2, max_customers: int = 500) -> App:
    """An app to explore CRR = (E − N) / S: move S, N, L and watch E = S + N − L, CRR and churn.

    Sliders ``start`` (S, at least 1), ``new`` (N) and ``lost`` (L, never more than S: its maximum
    follows ``start``), each up to ``max_customers``. Outputs ``end``, ``crr``, ``churn`` (big
    numbers), ``note`` (says so on screen when moving S below L pulled L down with it) and the
    chart :func:`retention_kit.plots.customer_flow`, redrawn on every change.
    The defaults are the first worked example of article 000 (OWOX part).

    >>> app = crr_calculator()                   # doctest: +SKIP
    >>> app.controls["lost"].value = 10          # doctest: +SKIP
    >>> "80.0%" in app.outputs["crr"].value      # doctest: +SKIP
    True

    (Skipped here because outside a notebook the chart prints as text; see
    ``tests/test_widgets_crr.py``.)
    """
    from ..metrics.churn import churn_rate
    from ..metrics.crr import crr, end_customers

    for name, value in (("start", start), ("new", new), ("lost", lost)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidParameterError(
                f"{name} must be a whole number of customers, 0 or more; got {value!r}."
            )
    if isinstance(max_customers, bool) or not isinstance(max_customers, int) or max_customers < 1:
        raise InvalidParameterError(
            f"max_customers must be a whole number of at least 1; got {max_customers!r}."
        )
    if start < 1:
        raise InvalidParameterError(
            "start must be at least 1: CRR divides by the customers at the start."
        )
    if max(start, new) > max_customers:
        raise InvalidParameterError(
            f"start={start} and new={new} must not exceed max_customers={max_customers}; "
            "raise max_customers, e.g. crr_calculator(..., max_customers=1000)."
        )
    if lost > start:
        raise InvalidParameterError(
            f"lost={lost} is more than start={start}: you cannot lose more customers than you "
            "had at the start of the period."
        )

    controls = {
        "start": _slider(tr("Customers at the start (S)"), start, max_customers, minimum=1),
        "new": _slider(tr("New customers (N)"), new, max_customers),
        "lost": _slider(tr("Customers lost (L)"), lost, start),
    }
    state = {"note": "", "clamping": False}

    def follow_start(change: dict) -> None:
        # Registered before the App's own observer, so L is clamped to the new S first; the
        # clamp is said on screen, never done silently.
        lost_slider = controls["lost"]
        before = lost_slider.value
        state["clamping"] = True
        try:
            lost_slider.max = change["new"]
        finally:
            state["clamping"] = False
        if lost_slider.value != before:
            state["note"] = tr(
                "S went down to {s}, below the {lost} customers lost: L is now {s} too. You "
                "cannot lose more customers than you had at the start (L ≤ S); move S up again "
                "and L stays at {s}.",
                s=format_number(change["new"]),
                lost=format_number(before),
            )
        elif lost_slider.value == lost_slider.max:
            state["note"] = tr(
                "L can be at most S ({s}): its slider ends there.", s=format_number(change["new"])
            )
        else:
            state["note"] = ""

    def clear_note(_change: dict) -> None:
        if not state["clamping"]:
            state["note"] = ""

    controls["start"].observe(follow_start, names="value")
    controls["new"].observe(clear_note, names="value")
    controls["lost"].observe(clear_note, names="value")

    outputs = {
        "end": w.HTML(),
        "crr": w.HTML(),
        "churn": w.HTML(),
        "note": w.HTML(layout=w.Layout(width="100%")),
    }

    def compute(app: App) -> None:
        s, n, lo = (app.controls[k].value for k in ("start", "new", "lost"))
        e = end_customers(start=s, new=n, lost=lo)
        rate = crr(start=s, new=n, lost=lo)
        app.outputs["end"].value = html_value(tr("End customers, E = S + N − L"), format_number(e))
        app.outputs["crr"].value = html_value("CRR = (E − N) / S", percent(rate), color="#0072B2")
        app.outputs["churn"].value = html_value(
            tr("Churn = L / S = 1 − CRR"), percent(churn_rate(start=s, lost=lo)), color="#D55E00"
        )
        app.outputs["note"].value = (
            f"<div style='font-size:1.1em;color:#D55E00;padding:4px 12px'>ℹ {state['note']}</div>"
            if state["note"]
            else ""
        )

    def draw(app: App) -> plt.Figure:
        from ..plots.flow import customer_flow

        s, n, lo = (app.controls[k].value for k in ("start", "new", "lost"))
        return customer_flow(s, n, lo).figure

    return App(
        controls,
        outputs,
        compute,
        draw,
        title=tr("CRR calculator"),
        layout_rows=[[slider] for slider in controls.values()]
        + [[outputs["note"]], [outputs["end"], outputs["crr"], outputs["churn"]]],
    )
