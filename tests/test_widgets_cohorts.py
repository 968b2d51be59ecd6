"""cohort_explorer: the dropdowns recompute the cohort table and the pooled age-1 rate."""

from __future__ import annotations

import pandas as pd

import retention_kit as rk

# five customers over three months; channel and campaign are set on every order
LOG = pd.DataFrame(
    {
        "customer_id": ["a", "b", "c", "a", "d", "b", "e", "d", "c"],
        "order_time": pd.to_datetime(
            [
                "2024-01-05",
                "2024-01-20",
                "2024-01-25",
                "2024-02-10",
                "2024-02-15",
                "2024-02-20",
                "2024-03-01",
                "2024-03-10",
                "2024-03-28",
            ]
        ),
        "channel": ["email", "organic", "email", "email", "organic", "organic", "email", "x", "y"],
    }
)


def _pooled_age1(log: pd.DataFrame, by: str | None) -> tuple[int, int]:
    """Independent computation with plain pandas: (customers active at age 1, cohort sizes of
    the cohorts whose age-1 period is over for every customer). The log ends inside its last
    month (March 28), so that month is not over: a cell in it is left out of the pool."""
    month = log["order_time"].dt.to_period("M")
    first = month.groupby(log["customer_id"]).transform("min")
    age = (month - first).map(lambda off: off.n)
    back = set(log.loc[age == 1, "customer_id"])
    firsts = log.assign(first=first).sort_values("order_time").drop_duplicates("customer_id")
    last = month.max()
    key = firsts["first"] if by is None else firsts[by]
    latest = firsts.groupby(key)["first"].transform("max")
    over = firsts[(last - latest).map(lambda off: off.n) >= 2]  # age-1 month before March
    return len(back & set(over["customer_id"])), len(over)


def test_pooled_rate_at_age_1_by_acquisition_month_and_by_channel():
    app = rk.widgets.cohort_explorer(LOG, customer="customer_id", time="order_time")
    assert list(app.controls["attribute"].options) == [
        ("acquisition period", "acquisition period"),
        ("channel", "channel"),
    ]
    kept, size = _pooled_age1(LOG, None)
    assert f"{rk.percent(kept / size)} ({kept} of {size})" in app.outputs["age1"].value
    assert "3 cohorts, 5 customers" in app.outputs["cohorts"].value

    app.controls["attribute"].value = "channel"
    kept, size = _pooled_age1(LOG, "channel")
    # every channel has a customer whose month after joining is March or later: none is over
    assert (kept, size) == (0, 0)
    assert f"{rk.percent(float('nan'))} (0 of 0)" in app.outputs["age1"].value
    assert "2 cohorts, 5 customers" in app.outputs["cohorts"].value


def test_metric_and_period_redraw_the_heatmap():
    app = rk.widgets.cohort_explorer(LOG, customer="customer_id", time="order_time")
    app.controls["metric"].value = "customers"
    texts = [t.get_text() for t in app.figure.axes[0].texts]
    assert texts[:2] == ["3", "2"]  # January cohort: 3 customers, 2 of them back in February
    app.controls["freq"].value = "Q"
    assert "1 cohorts, 5 customers" in app.outputs["cohorts"].value
    assert "quarter" in app.figure.axes[0].get_xlabel()


def test_the_input_is_not_modified():
    before = LOG.copy(deep=True)
    app = rk.widgets.cohort_explorer(LOG, customer="customer_id", time="order_time")
    app.controls["attribute"].value = "channel"
    pd.testing.assert_frame_equal(LOG, before)
