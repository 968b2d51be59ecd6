"""Email metrics explorer (article 000, Travelpayouts part) and NPS explorer."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from ..errors import InvalidCountError
from ..formatting import percent
from ..i18n import format_number, get_language, tr
from ..metrics.email import click_through_rate, click_to_open_rate, open_rate, unsubscribe_rate
from ..metrics.nps import nps, nps_breakdown
from ..plots.email import email_funnel, nps_chart
from ._base import App, html_value, slider

__all__ = ["email_explorer", "nps_explorer"]


def email_explorer(
    delivered: int = 1000, opened: int = 150, clicked: int = 30, unsubscribed: int = 5
) -> App:
    """Sliders for delivered, opened, clicked and unsubscribed (unique people; illustrative
    defaults); outputs OR, CTOR, CTR and UR, computed by the kit; a funnel chart.

    Counts that cannot be true together (more openers than delivered emails...) show the kit's
    explanation instead of numbers.
    """
    controls = {
        "delivered": slider(tr("delivered"), delivered, 0, 5000, 10, label_width="110px"),
        "opened": slider(tr("opened"), opened, 0, 5000, 5, label_width="110px"),
        "clicked": slider(tr("clicked"), clicked, 0, 2000, label_width="110px"),
        "unsubscribed": slider(tr("unsubscribed"), unsubscribed, 0, 500, label_width="110px"),
    }
    outputs = {name: w.HTML() for name in ("or", "ctor", "ctr", "ur")}

    def compute(app: App) -> None:
        v = {name: control.value for name, control in app.controls.items()}
        rates = {
            "or": ("OR = opened / delivered", open_rate(v["opened"], v["delivered"])),
            "ctr": ("CTR = clicked / delivered", click_through_rate(v["clicked"], v["delivered"])),
            "ur": (
                "UR = unsubscribed / delivered",
                unsubscribe_rate(v["unsubscribed"], v["delivered"]),
            ),
            "ctor": (
                "CTOR = clicked / opened",
                click_to_open_rate(v["clicked"], v["opened"]) if v["opened"] else float("nan"),
            ),
        }
        for name, (caption, value) in rates.items():
            app.outputs[name].value = html_value(tr(caption), percent(value))

    def draw(app: App):
        v = {name: control.value for name, control in app.controls.items()}
        ax = email_funnel(v["delivered"], v["opened"], v["clicked"], v["unsubscribed"])
        return ax.figure

    c = controls
    return App(
        controls,
        outputs,
        compute,
        draw,
        title=tr("Email metrics (article 000, Travelpayouts part)"),
        layout_rows=[
            [c["delivered"], c["opened"]],
            [c["clicked"], c["unsubscribed"]],
            [outputs["or"], outputs["ctor"], outputs["ctr"], outputs["ur"]],
        ],
    )


def nps_explorer(promoters: int = 50, passives: int = 30, detractors: int = 20) -> App:
    """Sliders for the numbers of detractors (0-6), passives (7-8) and promoters (9-10), in the
    order of the scale; outputs the NPS (-100 to +100) and the two shares it is made of
    (detractors, then promoters); a 100 % bar chart in the same order.

    ``NPS = promoters / total - detractors / total`` (standard scoring), computed with
    :func:`retention_kit.nps` on the answers the sliders describe.
    """
    controls = {
        group: slider(f"{tr(group)} ({scores})", value, 0, 300, label_width="150px")
        for group, scores, value in (  # the order of the 0-10 scale
            ("detractors", "0–6", detractors),
            ("passives", "7–8", passives),
            ("promoters", "9–10", promoters),
        )
    }
    outputs = {name: w.HTML() for name in ("nps", "detractors", "promoters", "total")}

    def answers(app: App) -> np.ndarray:
        counts = [app.controls[g].value for g in ("promoters", "passives", "detractors")]
        if sum(counts) == 0:
            raise InvalidCountError(
                "there are no answers: move at least one slider above 0 (NPS needs answers)."
            )
        # one representative score per group: 10 (promoter), 8 (passive), 0 (detractor)
        return np.repeat([10, 8, 0], counts)

    def compute(app: App) -> None:

        scores = answers(app)
        table = nps_breakdown(scores)
        app.table = table
        shares = table.set_index("group")["share"]
        value = nps(scores)
        color = "#009E73" if value > 0 else ("#D55E00" if value < 0 else "#555555")
        shown = f"{value * 100:+.1f}"
        if get_language() == "ru":
            shown = shown.replace(".", ",")
        app.outputs["nps"].value = html_value(tr("NPS (−100 to +100)"), shown, color)
        app.outputs["promoters"].value = html_value(tr("promoters"), percent(shares["promoters"]))
        app.outputs["detractors"].value = html_value(
            tr("detractors"), percent(shares["detractors"])
        )
        app.outputs["total"].value = html_value(
            tr("answers"), format_number(scores.size), "#555555"
        )

    def draw(app: App):
        return nps_chart(app.table).figure

    return App(
        controls,
        outputs,
        compute,
        draw,
        title=tr("Net Promoter Score"),
        layout_rows=[
            [*controls.values()],
            [outputs["nps"], outputs["detractors"], outputs["promoters"], outputs["total"]],
        ],
    )
