"""Email metrics (article 000, Travelpayouts part).

    OR   open rate           = opened / delivered
    CTOR click-to-open rate  = clicked / opened
    CTR  click-through rate  = clicked / delivered      ("those who clicked / those who received")
    UR   unsubscribe rate    = unsubscribed / delivered
    monthly reach            = unique openers in the month / subscriber base

`opened` and `clicked` are unique people (not total opens or clicks), so every rate is in [0, 1].
A zero denominator (no emails delivered, no opens) raises for a single number and gives NaN for
that element of an array or a Series (e.g. one campaign row of ``email_metrics``).
Monthly reach is why the same 15 % OR can mean reaching 15 % of the base (the same people open
every email) or 50 % (different people each time).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .._error_texts import message
from ..core.columns import require_columns
from ..core.counts import as_counts, divide, like_input, require_at_most
from ..errors import DataValidationError


def _rate(part_name: str, part: Any, whole_name: str, whole: Any) -> Any:
    p = as_counts(part_name, part)
    w = as_counts(whole_name, whole, positive=True)
    p_b, w_b = np.broadcast_arrays(p, w)
    require_at_most(
        part_name,
        p_b,
        whole_name,
        w_b,
        message(
            "{part_name} counts unique people among the {whole_name}, so it cannot be larger. "
            "If you have total opens/clicks, use the unique counts instead.",
            part_name=part_name,
            whole_name=whole_name,
        ),
    )
    return like_input(divide(p_b, w_b), part, whole)


def open_rate(opened: Any, delivered: Any) -> Any:
    """``OR = opened / delivered``.

    >>> open_rate(opened=150, delivered=1000)
    0.15
    """
    return _rate("opened", opened, "delivered", delivered)


def click_to_open_rate(clicked: Any, opened: Any) -> Any:
    """``CTOR = clicked / opened`` (unique clickers over unique openers).

    >>> click_to_open_rate(clicked=30, opened=150)
    0.2
    """
    return _rate("clicked", clicked, "opened", opened)


def click_through_rate(clicked: Any, delivered: Any) -> Any:
    """``CTR = clicked / delivered``.

    >>> click_through_rate(clicked=30, delivered=1000)
    0.03
    """
    return _rate("clicked", clicked, "delivered", delivered)


def unsubscribe_rate(unsubscribed: Any, delivered: Any) -> Any:
    """``UR = unsubscribed / delivered``.

    >>> unsubscribe_rate(unsubscribed=5, delivered=1000)
    0.005
    """
    return _rate("unsubscribed", unsubscribed, "delivered", delivered)


def monthly_reach(month_openers: Any, base_size: Any) -> Any:
    """Share of the subscriber base that opened at least one email in the month.

    >>> monthly_reach(month_openers=500, base_size=1000)
    0.5
    """
    return _rate("month_openers", month_openers, "base_size", base_size)


def email_metrics(
    data: pd.DataFrame,
    delivered: str = "delivered",
    opened: str = "opened",
    clicked: str = "clicked",
    unsubscribed: str | None = "unsubscribed",
    month_openers: str | None = None,
    base_size: str | None = None,
) -> pd.DataFrame:
    """OR, CTOR, CTR, UR (and monthly reach) for every row of a campaign table.

    Returns a copy of ``data`` with the columns ``open_rate``, ``click_to_open_rate``,
    ``click_through_rate``, ``unsubscribe_rate`` (and ``monthly_reach``) added.

    >>> t = pd.DataFrame({"delivered": [1000], "opened": [150], "clicked": [30]})
    >>> email_metrics(t, unsubscribed=None)["click_through_rate"].tolist()
    [0.03]
    """
    if not isinstance(data, pd.DataFrame):
        raise DataValidationError(
            message(
                "email_metrics needs a table (a pandas DataFrame) with one row per campaign, got "
                "{type}; for single numbers call rk.open_rate(opened=..., delivered=...) and the "
                "other rates instead.",
                type=type(data).__name__,
            )
        )
    needed = {
        "delivered": delivered,
        "opened": opened,
        "clicked": clicked,
        "unsubscribed": unsubscribed,
        "month_openers": month_openers,
        "base_size": base_size,
    }
    require_columns(data, needed)
    out = data.copy()
    out["open_rate"] = open_rate(data[opened], data[delivered])
    out["click_to_open_rate"] = click_to_open_rate(data[clicked], data[opened])
    out["click_through_rate"] = click_through_rate(data[clicked], data[delivered])
    if unsubscribed is not None:
        out["unsubscribe_rate"] = unsubscribe_rate(data[unsubscribed], data[delivered])
    if month_openers is not None and base_size is not None:
        out["monthly_reach"] = monthly_reach(data[month_openers], data[base_size])
    return out
