"""The CRR calculator: sliders for S, N, L; live E, CRR and churn; the customer-flow picture."""

from __future__ import annotations

import ipywidgets as w
import matplotlib.pyplot as plt

from ..errors import InvalidParameterError
from ..formatting import percent
from ._base import App, html_value, slider

__all__ = ["crr_calculator"]


def _slider(description: str, value: int, maximum: int, minimum: int = 0) -> w.IntSlider:
    return slider(description, value, minimum, maximum, label_width="190px", width="640px")


def crr_calculator(start: int = 50, new: int = 6, lost: int = 2, max_customers: int = 500) -> App:
    """An app to explore CRR = (E − N) / S: move S, N, L and watch E = S + N − L, CRR and churn.

    Sliders ``start`` (S, at least 1), ``new`` (N) and ``lost`` (L, never more than S: its maximum
    follows ``start``), each up to ``max_customers``. Outputs ``end``, ``crr``, ``churn`` (big
    numbers) and the chart :func:`retention_kit.plots.customer_flow`, redrawn on every change.
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
        "start": _slider("Customers at the start (S)", start, max_customers, minimum=1),
        "new": _slider("New customers (N)", new, max_customers),
        "lost": _slider("Customers lost (L)", lost, start),
    }

    def follow_start(change: dict) -> None:
        # Registered before the App's own observer, so L is clamped to the new S first.
        controls["lost"].max = change["new"]

    controls["start"].observe(follow_start, names="value")

    outputs = {
        "end": w.HTML(),
        "crr": w.HTML(),
        "churn": w.HTML(),
    }

    def compute(app: App) -> None:
        s, n, lo = (app.controls[k].value for k in ("start", "new", "lost"))
        e = end_customers(start=s, new=n, lost=lo)
        rate = crr(start=s, new=n, lost=lo)
        app.outputs["end"].value = html_value("End customers, E = S + N − L", f"{e:.0f}")
        app.outputs["crr"].value = html_value("CRR = (E − N) / S", percent(rate), color="#0072B2")
        app.outputs["churn"].value = html_value(
            "Churn = L / S = 1 − CRR", percent(churn_rate(start=s, lost=lo)), color="#D55E00"
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
        title="CRR calculator",
        layout_rows=[[slider] for slider in controls.values()] + [list(outputs.values())],
    )
