"""Tests of retention_kit.synthetic: determinism, schema, internal consistency, built-in lessons.

Expectations are computed here with plain pandas/numpy from the generated rows, never copied
from the generator's output.
"""

from __future__ import annotations

import math
import tracemalloc

import numpy as np
import pandas as pd
import pytest

from retention_kit import synthetic
from retention_kit.errors import InvalidParameterError

SMALL = {
    synthetic.shop_transactions: {"n_customers": 300},
    synthetic.saas_subscriptions: {"n_customers": 200},
    synthetic.app_events: {"n_users": 300, "days": 20},
    synthetic.email_campaigns: {"n_campaigns": 6},
    synthetic.nps_survey: {"n_responses": 100},
    synthetic.large_transactions: {"n_rows": 5000, "n_customers": 100},
}


@pytest.fixture(scope="module")
def shop() -> pd.DataFrame:
    return synthetic.shop_transactions()


@pytest.fixture(scope="module")
def saas() -> pd.DataFrame:
    return synthetic.saas_subscriptions()


@pytest.fixture(scope="module")
def app() -> pd.DataFrame:
    return synthetic.app_events()


# --------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("make", list(SMALL), ids=lambda f: f.__name__)
def test_same_seed_same_frame_other_seed_other_frame(make):
    kwargs = SMALL[make]
    a = make(**kwargs, seed=1)
    b = make(**kwargs, seed=1)
    c = make(**kwargs, seed=2)
    pd.testing.assert_frame_equal(a, b)
    assert not a.equals(c)
    assert len(a) > 0


# --------------------------------------------------------------------------- schemas

SCHEMAS = {
    synthetic.shop_transactions: {
        "order_id": "str",
        "customer_id": "str",
        "order_time": "datetime64[us]",
        "amount": "float64",
        "channel": "str",
        "campaign": "str",
        "country": "str",
    },
    synthetic.saas_subscriptions: {
        "subscription_id": "str",
        "customer_id": "str",
        "plan": "str",
        "start_date": "datetime64[us]",
        "end_date": "datetime64[us]",
        "monthly_price": "float64",
    },
    synthetic.app_events: {
        "user_id": "str",
        "event_time": "datetime64[us, UTC]",
        "event": "str",
        "signup_time": "datetime64[us, UTC]",
    },
    synthetic.email_campaigns: {
        "campaign": "str",
        "send_date": "datetime64[us]",
        "base_size": "int64",
        "delivered": "int64",
        "opened": "int64",
        "clicked": "int64",
        "clicks": "int64",
        "unsubscribed": "int64",
        "month_openers": "int64",
    },
    synthetic.nps_survey: {
        "respondent_id": "str",
        "date": "datetime64[us]",
        "score": "int64",
        "segment": "str",
    },
    synthetic.large_transactions: {
        "customer_id": "int64",
        "time": "datetime64[us]",
        "amount": "float64",
    },
}


@pytest.mark.parametrize("make", list(SCHEMAS), ids=lambda f: f.__name__)
def test_columns_and_dtypes(make):
    df = make(**SMALL[make], seed=3)
    assert {c: str(t) for c, t in df.dtypes.items()} == SCHEMAS[make]
    assert isinstance(df.index, pd.RangeIndex)


# --------------------------------------------------------------------------- shop


def test_shop_orders_are_consistent(shop):
    t = shop["order_time"]
    assert t.min() >= pd.Timestamp("2023-01-01")
    assert t.max() < pd.Timestamp("2025-01-01")
    assert t.is_monotonic_increasing
    assert (t == t.dt.floor("s")).all()  # to the second
    assert shop["order_id"].is_unique
    assert shop["customer_id"].nunique() == 3000
    assert shop["customer_id"].str.fullmatch(r"C\d{5}").all()
    assert (shop["amount"] > 0).all()
    assert np.allclose(shop["amount"], shop["amount"].round(2))
    assert set(shop["channel"]) == {"organic", "paid_search", "email", "social"}
    assert set(shop["campaign"]) == {"", "valentines_day"}
    # per-customer attributes do not change from one order to the next
    per_customer = shop.groupby("customer_id")[["channel", "campaign", "country"]].nunique()
    assert (per_customer == 1).all().all()


def test_shop_customer_ids_follow_first_purchase(shop):
    first = shop.groupby("customer_id")["order_time"].min().sort_index()
    assert first.is_monotonic_increasing


def test_valentines_cohort_buys_in_february_and_churns_faster(shop):
    first = shop.sort_values("order_time").drop_duplicates("customer_id")
    val = first[first["campaign"] == "valentines_day"]
    # a few hundred customers, all acquired 1-14 February
    assert 200 <= len(val) <= 500
    assert (val["order_time"].dt.month == 2).all()
    assert (val["order_time"].dt.day <= 14).all()
    assert set(val["order_time"].dt.year) == {2023, 2024}

    orders = shop.groupby("customer_id").size()
    is_val = shop.groupby("customer_id")["campaign"].first() == "valentines_day"
    repeat_val = (orders[is_val] >= 2).mean()
    repeat_other = (orders[~is_val] >= 2).mean()
    assert repeat_other - repeat_val > 0.2
    # two-proportion z statistic, computed by hand: the gap is far beyond chance
    n1, n2 = int(is_val.sum()), int((~is_val).sum())
    pooled = (repeat_val * n1 + repeat_other * n2) / (n1 + n2)
    z = (repeat_other - repeat_val) / math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    assert z > 5


def test_shop_seasonality_december_peak_summer_dip(shop):
    by_month = shop.groupby(shop["order_time"].dt.month).size()
    assert by_month.idxmax() == 12
    assert by_month[[6, 7, 8]].mean() < by_month[[3, 4, 5]].mean()
    assert by_month[[6, 7, 8]].mean() < by_month[[9, 10]].mean()


def test_shop_acquisition_spread_over_the_period(shop):
    first = shop.groupby("customer_id")["order_time"].min()
    per_quarter = first.dt.to_period("Q").value_counts()
    assert len(per_quarter) == 8  # every quarter of 2023-2024 acquires customers
    assert per_quarter.min() > 0.05 * len(first)


def test_shop_monthly_crr_with_90_day_window_is_plausible(shop):
    def active(at: pd.Timestamp) -> set:
        window = (shop["order_time"] >= at - pd.Timedelta(days=90)) & (shop["order_time"] < at)
        return set(shop.loc[window, "customer_id"])

    months = pd.date_range("2023-07-01", "2025-01-01", freq="MS")
    rates = []
    for p, q in zip(months[:-1], months[1:], strict=True):
        s, e = active(p), active(q)
        rates.append(len(s & e) / len(s))  # (E - N) / S = retained / S
    assert min(rates) > 0.4
    assert max(rates) < 0.98


def test_shop_scales_and_respects_range():
    df = synthetic.shop_transactions(n_customers=500, start="2024-03-01", end="2024-06-30", seed=5)
    assert df["customer_id"].nunique() == 500
    assert df["order_time"].min() >= pd.Timestamp("2024-03-01")
    assert df["order_time"].max() < pd.Timestamp("2024-07-01")
    # no February in the range: no Valentine's cohort
    assert set(df["campaign"]) == {""}


# --------------------------------------------------------------------------- SaaS


def test_saas_consistency(saas):
    ended = saas.dropna(subset=["end_date"])
    assert (ended["end_date"] > ended["start_date"]).all()
    assert saas["start_date"].min() >= pd.Timestamp("2023-01-01")
    assert saas["start_date"].max() <= pd.Timestamp("2024-12-31")
    assert ended["end_date"].max() <= pd.Timestamp("2024-12-31")
    assert saas["subscription_id"].is_unique
    assert saas["customer_id"].nunique() == 1500
    assert (saas["start_date"] == saas["start_date"].dt.normalize()).all()
    prices = saas.groupby("plan")["monthly_price"].unique()
    assert {plan: list(p) for plan, p in prices.items()} == {
        "basic": [15.0],
        "pro": [39.0],
        "team": [99.0],
    }
    assert 0.1 < saas["end_date"].isna().mean() < 0.9


def test_saas_subscriptions_last_whole_months(saas):
    ended = saas.dropna(subset=["end_date"])
    s, e = ended["start_date"], ended["end_date"]
    same_day = e.dt.day == s.dt.day
    clipped = (e.dt.day < s.dt.day) & e.dt.is_month_end
    assert (same_day | clipped).all()


def test_saas_resubscriptions_do_not_overlap(saas):
    multi = saas[saas.duplicated("customer_id", keep=False)]
    assert multi["customer_id"].nunique() >= 30  # "some customers resubscribe later"
    ordered = multi.sort_values(["customer_id", "start_date"])
    prev_end = ordered.groupby("customer_id")["end_date"].shift()
    later = prev_end.notna()
    assert (ordered.loc[later, "start_date"] > prev_end[later]).all()
    # a subscription still active cannot be followed by another one
    not_last = ordered.duplicated("customer_id", keep="last")
    assert ordered.loc[not_last, "end_date"].notna().all()


def test_saas_churn_is_lower_on_dearer_plans():
    df = synthetic.saas_subscriptions(n_customers=6000, seed=11)
    # monthly churn estimated as cancellations / subscription-months, per plan
    end = df["end_date"].fillna(pd.Timestamp("2025-01-01"))
    months = (end - df["start_date"]).dt.days / 30.44
    churn = df["end_date"].notna().groupby(df["plan"]).sum() / months.groupby(df["plan"]).sum()
    assert churn["basic"] > churn["pro"] > churn["team"]
    assert churn["team"] > 0.005 and churn["basic"] < 0.12  # "a few %"


# --------------------------------------------------------------------------- app


MSK = "Europe/Moscow"


def test_app_events_consistency(app):
    assert str(app["event_time"].dt.tz) == "UTC"
    assert set(app["event"]) == {"signup", "open", "purchase"}
    signups = app[app["event"] == "signup"]
    assert signups["user_id"].is_unique
    assert signups["user_id"].nunique() == app["user_id"].nunique() == 2000
    # the signup is each user's first event and equals signup_time
    first = app.groupby("user_id")["event_time"].min()
    assert (first == app.groupby("user_id")["signup_time"].first()).all()
    assert (signups["event_time"] == signups["signup_time"]).all()
    assert (app.groupby("user_id")["signup_time"].nunique() == 1).all()
    # inside the 60 local days from 2024-03-01
    local = app["event_time"].dt.tz_convert(MSK)
    assert local.min() >= pd.Timestamp("2024-03-01", tz=MSK)
    assert local.max() < pd.Timestamp("2024-04-30", tz=MSK)
    assert app["event_time"].is_monotonic_increasing


def test_app_midnight_block(app):
    users = app.drop_duplicates("user_id")
    local = users["signup_time"].dt.tz_convert(MSK)
    at_2359_monday = (local.dt.day_of_week == 0) & (local.dt.hour == 23) & (local.dt.minute == 59)
    block = users.loc[at_2359_monday, "user_id"]
    assert len(block) == 100
    assert local[at_2359_monday].dt.date.nunique() == 1  # one Monday

    ev = app[app["user_id"].isin(block) & (app["event"] != "signup")].copy()
    ev["delay"] = ev["event_time"] - ev["signup_time"]
    first_after = ev.sort_values("event_time").drop_duplicates("user_id")
    assert len(first_after) == 100
    assert (first_after["delay"] >= pd.Timedelta(minutes=1)).all()
    assert (first_after["delay"] <= pd.Timedelta(minutes=3)).all()
    # ... which is the next calendar day in Moscow: "day 1" by calendar, day 0 by 24-hour windows
    ev_day = first_after["event_time"].dt.tz_convert(MSK).dt.normalize()
    su_day = first_after["signup_time"].dt.tz_convert(MSK).dt.normalize()
    assert ((ev_day - su_day) == pd.Timedelta(days=1)).all()


def test_app_retention_decays(app):
    users = app.drop_duplicates("user_id").set_index("user_id")["signup_time"]
    last = app["event_time"].max()
    day = (app["event_time"] - app["signup_time"]) // pd.Timedelta(days=1)
    rates = {}
    for n in (1, 7, 30):
        eligible = users[users + pd.Timedelta(days=n + 1) <= last].index
        returned = set(app.loc[day == n, "user_id"]) & set(eligible)
        rates[n] = len(returned) / len(eligible)
    assert rates[1] > rates[7] > rates[30] > 0
    assert 0.1 < rates[1] < 0.7


# --------------------------------------------------------------------------- email & NPS


def test_email_campaign_counts_are_consistent():
    df = synthetic.email_campaigns()
    assert len(df) == 24
    assert df["campaign"].is_unique
    assert (df["delivered"] <= df["base_size"]).all()
    assert (df["opened"] <= df["delivered"]).all()
    assert (df["clicked"] <= df["opened"]).all()
    assert (df["clicks"] >= df["clicked"]).all()
    assert (df["unsubscribed"] <= df["delivered"]).all()
    assert (df[["opened", "clicked", "unsubscribed"]] > 0).all().all()
    month = df["send_date"].dt.to_period("M")
    g = df.groupby(month)
    assert (g["month_openers"].nunique() == 1).all()
    reach = g["month_openers"].first()
    assert (reach >= g["opened"].max()).all()
    assert (reach <= g["opened"].sum()).all()
    assert (reach <= g["base_size"].min()).all()
    assert month.nunique() == 12 and df["send_date"].dt.year.eq(2024).all()
    # open rates in a plausible band
    open_rate = df["opened"] / df["delivered"]
    assert open_rate.between(0.05, 0.5).all()


def test_nps_scores_and_segments():
    df = synthetic.nps_survey()
    assert len(df) == 500 and df["respondent_id"].is_unique
    assert df["score"].between(0, 10).all()
    assert set(df["segment"]) == {"new", "repeat", "loyal"}
    assert df["score"].nunique() >= 9
    mean = df.groupby("segment")["score"].mean()
    assert mean["loyal"] > mean["new"] + 0.5


# --------------------------------------------------------------------------- large


def test_large_transactions_rows_and_ranges():
    df = synthetic.large_transactions(
        n_rows=200_000, n_customers=5_000, start="2023-01-01", end="2023-12-31", seed=9
    )
    assert len(df) == 200_000
    assert df["customer_id"].between(1, 5000).all()
    assert df["customer_id"].nunique() > 4900
    assert df["time"].min() >= pd.Timestamp("2023-01-01")
    assert df["time"].max() < pd.Timestamp("2024-01-01")
    assert (df["amount"] > 0).all()
    assert np.allclose(df["amount"], df["amount"].round(2))
    assert len(synthetic.large_transactions(n_rows=0, n_customers=10)) == 0


def test_large_transactions_memory_stays_within_three_times_the_output():
    tracemalloc.start()
    try:
        df = synthetic.large_transactions(n_rows=1_000_000, n_customers=50_000, seed=1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    output = df.memory_usage(deep=True, index=False).sum()
    assert output == 24 * 1_000_000
    assert peak < 3 * output


# --------------------------------------------------------------------------- bad arguments


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: synthetic.shop_transactions(n_customers=0), r"n_customers=0 must be a whole"),
        (lambda: synthetic.shop_transactions(n_customers=2.5), r"n_customers=2\.5 must be"),
        (
            lambda: synthetic.shop_transactions(start="2024-01-01", end="2023-01-01"),
            r"end='2023-01-01' is before start='2024-01-01'",
        ),
        (lambda: synthetic.saas_subscriptions(start="not a date"), r"start='not a date' is not"),
        (lambda: synthetic.app_events(days=0), r"days=0 must be a whole number >= 1"),
        (lambda: synthetic.large_transactions(n_rows=-1), r"n_rows=-1 must be a whole number >= 0"),
    ],
)
def test_bad_arguments_raise_invalid_parameter(call, message):
    with pytest.raises(InvalidParameterError, match=message):
        call()
