"""Every app after rk.set_language("ru"): Russian labels, Russian numbers, the same values."""

from __future__ import annotations

import pandas as pd
import pytest

import retention_kit as rk

NBSP = "\u00a0"
# a small log written by hand: a and b buy in January, a again in February, c is new in
# February, b comes back in March (so February is over: its cells are complete)
LOG = pd.DataFrame(
    {
        "customer_id": ["a", "b", "a", "c", "b"],
        "order_time": pd.to_datetime(
            ["2024-01-05", "2024-01-20", "2024-02-10", "2024-02-15", "2024-03-02"]
        ),
    }
)


@pytest.fixture(autouse=True)
def _russian():
    rk.set_language("ru")
    yield
    rk.set_language("en")


def test_cohort_explorer_in_russian():
    app = rk.widgets.cohort_explorer(LOG, customer="customer_id", time="order_time")
    assert app.controls["attribute"].description == "когорты по"
    assert ("коэффициент удержания (%)", "rate") in app.controls["metric"].options
    # January cohort: a, b (2 customers); February: c (1); a came back at age 1: 1 of 2 = 50 %
    # (February's age 1 is March, not over yet: left out of the pooled figure)
    assert "когорт: 2, клиентов: 3" in app.outputs["cohorts"].value
    assert f"50,0{NBSP}% (1 из 2)" in app.outputs["age1"].value


def test_period_and_day_n_explorers_in_russian():
    app = rk.widgets.period_explorer(LOG, customer="customer_id", time="order_time")
    assert app.controls["active_days"].description == "окно активности (дней)"
    assert ("месяц", "M") in app.controls["freq"].options
    assert "CRR периода, начавшегося" in app.outputs["crr"].value
    events = rk.load_sample("app_events")
    day_n = rk.widgets.day_n_explorer(events, customer="user_id", time="event_time", max_day=3)
    assert ("скользящие 24-часовые окна", "rolling") in day_n.controls["method"].options
    assert "удержание 1-го дня (rolling)" in day_n.outputs["rate"].value
    assert "учитываемых пользователей" in day_n.outputs["interval"].value


def test_email_nps_and_profit_in_russian():
    nps = rk.widgets.nps_explorer(promoters=50, passives=30, detractors=20)
    # (50 − 20) / 100 = +30 (standard scoring), shares written the Russian way
    assert ">+30,0<" in nps.outputs["nps"].value
    assert f">20,0{NBSP}%<" in nps.outputs["detractors"].value
    assert nps.controls["detractors"].description == "критики (0–6)"
    email = rk.widgets.email_explorer(delivered=1000, opened=150, clicked=30, unsubscribed=5)
    assert f">15,0{NBSP}%<" in email.outputs["or"].value  # 150 / 1000
    profit = rk.widgets.retention_profit_explorer()
    assert profit.controls["base_retention"].description == "удержание за месяц"
    assert profit.controls["base_retention"].percent_box.value.endswith(f"{NBSP}%")
