"""notebooks/04_cohort_analysis.ipynb in a real browser: the cohort explorer's dropdowns."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.browser

NOTEBOOK = "04_cohort_analysis.ipynb"
APP_CALL = "cohort_explorer("
ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "shop_transactions.csv"  # what the notebook loads


def pooled_age1(freq: str) -> tuple[float, int, int]:
    """Customers active one period after their first one, over the customers of every cohort
    whose age-1 period is over by the end of the data: computed here with plain pandas. The
    sample's last event falls inside its last period, so that period is not over."""
    log = pd.read_csv(SAMPLE, usecols=["customer_id", "order_time"])
    when = pd.to_datetime(log["order_time"], format="ISO8601")
    per = when.dt.year * (12 if freq == "M" else 4) + (
        when.dt.month - 1 if freq == "M" else (when.dt.month - 1) // 3
    )
    first = per.groupby(log["customer_id"]).transform("min")
    assert when.max() < when.max().to_period(freq).end_time  # the last period is not over
    eligible = first + 1 <= per.max() - 1
    size = log.loc[eligible, "customer_id"].nunique()
    kept = log.loc[eligible & (per - first == 1), "customer_id"].nunique()
    return kept / size, kept, size


def expected_text(freq: str) -> str:
    rate, kept, size = pooled_age1(freq)
    return f"{rate * 100:.1f}% ({kept:,} of {size:,})"


@pytest.fixture(scope="module")
def cohort(notebook_page):
    app = notebook_page.app("period", "cohort by", "metric")
    app.wait_for(state="visible")
    return notebook_page, app


def test_cohort_explorer_renders_without_errors(cohort):
    w, app = cohort
    w.chart_src(app)  # the heatmap is there
    w.wait_text(w.output(app, "after joining"), expected_text("M"))
    w.assert_no_errors(app)
    w.assert_code_hidden()


def test_period_dropdown_switches_to_quarters(cohort):
    w, app = cohort
    before = w.chart_src(app)
    w.choose(w.dropdown(app, "period"), "quarter")
    age1 = w.output(app, "after joining")
    w.wait_text(age1, "active 1 quarter after joining")
    w.wait_text(age1, expected_text("Q"))
    assert w.big_value(age1) == expected_text("Q")
    w.wait_chart_change(app, before)
    w.assert_no_errors(app)
    w.screenshot(app, "04_cohort_explorer_quarter")

    # and back: the month numbers return
    before = w.chart_src(app)
    w.choose(w.dropdown(app, "period"), "month")
    w.wait_text(age1, re.compile(r"active 1 month after joining"))
    w.wait_text(age1, expected_text("M"))
    w.wait_chart_change(app, before)


def test_metric_dropdown_redraws_the_heatmap(cohort):
    w, app = cohort
    before = w.chart_src(app)
    text = w.output(app, "after joining").inner_text()
    w.dropdown(app, "metric").select_option(index=1)
    w.wait_chart_change(app, before)
    assert w.output(app, "after joining").inner_text() == text  # the metric is only the picture
    w.assert_no_errors(app)
    w.screenshot(app, "04_cohort_explorer_metric")
