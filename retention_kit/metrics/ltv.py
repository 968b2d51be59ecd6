"""Customer lifetime value (LTV).

As the sources define it (article 003):

    LTV = average monthly profit per customer x average customer lifetime in months

and the common variant when the lifetime is not known but the monthly churn is:

    lifetime = 1 / churn          (a customer churns with probability `churn` each month)
    LTV      = average monthly profit / churn
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._error_texts import message, num
from ..core.counts import as_amounts, as_array, like_input
from ..errors import InvalidCountError


def ltv(avg_monthly_profit: Any, avg_lifetime_months: Any) -> Any:
    """``LTV = average monthly profit x average lifetime in months`` (article 003).

    >>> ltv(avg_monthly_profit=500, avg_lifetime_months=24)
    12000.0
    """
    profit = as_amounts("avg_monthly_profit", avg_monthly_profit, allow_negative=True)
    months = as_amounts("avg_lifetime_months", avg_lifetime_months)
    return like_input(profit * months, avg_monthly_profit, avg_lifetime_months)


def lifetime_from_churn(monthly_churn: Any) -> Any:
    """Expected customer lifetime in months from a constant monthly churn: ``1 / churn``.

    >>> lifetime_from_churn(0.05)
    20.0
    """
    churn = as_array("monthly_churn", monthly_churn)
    bad = (churn <= 0) | (churn > 1)
    if bad.any():
        value = churn.reshape(-1)[np.flatnonzero(bad.reshape(-1))[0]]
        raise InvalidCountError(
            message(
                "monthly_churn must be a fraction in (0, 1], got {value}. Pass 0.05 for 5 %; "
                "with churn 0 customers never leave and the lifetime is infinite.",
                value=num(value),
            )
        )
    return like_input(1.0 / churn, monthly_churn)


def ltv_from_churn(avg_monthly_profit: Any, monthly_churn: Any) -> Any:
    """``LTV = average monthly profit / monthly churn`` (lifetime = 1 / churn).

    >>> ltv_from_churn(avg_monthly_profit=500, monthly_churn=0.04)
    12500.0
    """
    months = lifetime_from_churn(monthly_churn)
    return ltv(avg_monthly_profit, months)
