"""The exercises' expected answers, recomputed WITHOUT the kit's analysis functions.

tests/test_exercises.py checks the checker (right answers pass, wrong ones get a hint); its
right answers come from the exercises' own ``expected`` functions, i.e. from the kit. Here every
answer is worked out independently: the sources' worked examples by hand, the sample answers
with plain pandas on the raw CSV files (pd.read_csv, no rk.load_sample, no rk analysis), so a
bug in period_table / cohort_table / day_n_retention / the metrics changes the kit's expected
answer and fails here.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from retention_kit import exercises

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
EXPECTED = {e.id: e for e in exercises.exercises()}


def _expected(exercise_id):
    return EXPECTED[exercise_id].expected_value()


def _close(exercise_id, value, rel=1e-9):
    got = float(_expected(exercise_id))
    assert got == pytest.approx(value, rel=rel, abs=1e-12), (exercise_id, got, value)


# --------------------------------------------------------------------------- by hand


@pytest.mark.parametrize(
    ("exercise_id", "value"),
    [
        ("00.1", 0.85),  # article 002: keep at least 85 %
        ("01.1", (54 - 6) / 50),  # 48 / 50 = 0.96
        ("01.2", (36 - 15) / 50),  # 21 / 50 = 0.42
        ("01.3", 1 - (210 - 150) / 200),  # churn = 1 - 60 / 200 = 0.70
        ("01.4", 210 / 200),  # the classic mistake E / S = 1.05
        ("01.5", (120 - 27) / 120),  # S - L kept: 93 / 120 = 0.775
        ("02.1", 1 - (36 - 15) / 50),  # churn 0.58
        ("02.2", 400 * 18),  # LTV = profit x lifetime = 7200
        ("02.3", 400 / 0.05),  # lifetime 1 / churn = 20 months -> 8000
        ("02.4", 1000 * 10 + 900 * 10 + 810 * 10),  # 10000 + 9000 + 8100 = 27100
        ("06.1", 0.42 - 0.30),  # OWOX weak example vs eCommerce average 30 %
        ("06.2", 4),  # 0.82 >= eCommerce .30, SaaS .80, apps .20, SMB .60; not .85 / .85
        ("08.3", 740 / 2000),  # reach = different openers / base = 0.37
        ("10.1", (130 + 0 + 0) / (130 + 20 + 40)),  # February payers Anna, Boris, Dmitry
        ("10.2", 50 - 20),  # Boris 50 -> 20: contraction 30 (Anna grew, Vera paid no Feb)
        ("10.4", 120 + 80),  # returning + dormant = the previous month's actives
    ],
)
def test_worked_by_hand(exercise_id, value):
    _close(exercise_id, value)


def test_choice_answers_by_reading_the_definitions():
    assert _expected("00.2").startswith("96 of every 100")  # CRR counts start customers kept
    assert _expected("06.3").startswith("the two numbers cannot be compared")
    # NRR 105 % > 100 % with GRR 80 %: expansion (NRR - GRR = 25 points) beat losses (20)
    assert _expected("10.3") == "b"


# --------------------------------------------------------------------------- shop sample


@pytest.fixture(scope="module")
def shop():
    df = pd.read_csv(SAMPLES / "shop_transactions.csv", parse_dates=["order_time"])
    return df.dropna(subset=["customer_id"])


def _active(df, at, days):
    """Customers with an order in [at - days, at) (the kit's definition of 'active at')."""
    t = df["order_time"]
    at = pd.Timestamp(at)
    return set(df.loc[(t >= at - pd.Timedelta(days=days)) & (t < at), "customer_id"])


def _crr(df, month, days=90):
    start = pd.Timestamp(month)
    s, e = _active(df, start, days), _active(df, start + pd.offsets.MonthBegin(1), days)
    return len(s & e) / len(s)  # (E - N) / S with N = E - S


def test_03_crr_and_retained_from_activity_sets(shop):
    _close("03.1", _crr(shop, "2024-03-01"))
    may, june = pd.Timestamp("2024-05-01"), pd.Timestamp("2024-06-01")
    assert _expected("03.2") == len(_active(shop, may, 90) & _active(shop, june, 90))
    _close("03.3", _crr(shop, "2024-03-01", days=30))


def test_04_cohort_answers_from_first_orders(shop):
    df = shop.sort_values("order_time", kind="stable")
    first = df.groupby("customer_id").first()  # first order: time and campaign
    month = df["order_time"].dt.to_period("M")
    first_month = df["customer_id"].map(first["order_time"].dt.to_period("M"))
    age = (month - first_month).map(lambda d: d.n)

    valentine = first.index[first["campaign"] == "valentines_day"]
    back = df.loc[df["customer_id"].isin(valentine) & (age == 1), "customer_id"].nunique()
    _close("04.1", back / len(valentine))

    nov = first_month == pd.Period("2023-11", "M")
    in_january = nov & (month == pd.Period("2024-01", "M"))
    assert _expected("04.2") == df.loc[in_january, "customer_id"].nunique()

    email = shop[shop["channel"] == "email"].sort_values("order_time", kind="stable")
    e_first = email.groupby("customer_id")["order_time"].min().dt.to_period("M")
    e_month = email["order_time"].dt.to_period("M")
    e_age = (e_month - email["customer_id"].map(e_first)).map(lambda d: d.n)
    counts = []
    for cohort in ("2024-05", "2024-01"):
        members = e_first.index[e_first == pd.Period(cohort, "M")]
        kept = email.loc[email["customer_id"].isin(members) & (e_age == 1), "customer_id"]
        counts.append((kept.nunique(), len(members)))
    (xa, na), (xb, nb) = counts
    pooled = (xa + xb) / (na + nb)
    z = (xa / na - xb / nb) / math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb))
    p_value = math.erfc(abs(z) / math.sqrt(2))
    assert _expected("04.3") == ("yes" if p_value < 0.05 else "no")


def _score(values, *, higher_is_better=True, bins=5):
    """rfm_table's documented score: 1 + floor(bins * worse / n), ``worse`` = the customers with
    a strictly worse value (fewer orders / less money / more days since the last purchase)."""
    ordered = np.sort(values.to_numpy())
    if higher_is_better:
        worse = np.searchsorted(ordered, values.to_numpy(), side="left")
    else:
        worse = len(ordered) - np.searchsorted(ordered, values.to_numpy(), side="right")
    return pd.Series(1 + bins * worse // len(ordered), index=values.index)


def test_07_1_and_07_2_champions_by_the_documented_rfm_rules(shop):
    # rfm_table(..., order="order_id") by its docstring: as_of = midnight after the last
    # purchase, recency = whole days since the customer's last purchase, frequency = distinct
    # orders, monetary = total spend (equal to the millionth counts as equal); Champions are
    # the first rule of the kit's preset: R, F and M scores all 4-5
    per = shop.groupby("customer_id").agg(
        last=("order_time", "max"), frequency=("order_id", "nunique"), monetary=("amount", "sum")
    )
    as_of = shop["order_time"].max().normalize() + pd.Timedelta(days=1)
    recency = (as_of - per["last"]) // pd.Timedelta(days=1)
    r = _score(recency, higher_is_better=False)
    f = _score(per["frequency"])
    m = _score(per["monetary"].round(6))
    champions = (r >= 4) & (f >= 4) & (m >= 4)
    assert 0 < champions.sum() < len(per)  # a real segment, neither empty nor everybody
    _close("07.1", int(champions.sum()))
    _close("07.2", per.loc[champions, "monetary"].sum() / per["monetary"].sum())


def test_07_3_repeat_rate_from_distinct_orders(shop):
    orders = shop.groupby("customer_id")["order_id"].nunique()
    _close("07.3", (orders >= 2).mean())


def test_09_answers_from_plain_pandas(shop):
    first, last = shop["order_time"].min(), shop["order_time"].max()
    months = pd.date_range(first.to_period("M").start_time, last, freq="MS")
    # warm-up: months starting less than 90 days after the first order are left out; a month
    # is complete when the next one starts by the last event
    steady = [
        m
        for m in months
        if m >= first + pd.Timedelta(days=90) and m + pd.offsets.MonthBegin(1) <= last
    ]
    median = pd.Series([_crr(shop, m) for m in steady]).median()
    _close("09.1", median**12)

    n_orders = shop.groupby("customer_id")["order_id"].nunique()
    money = shop.groupby("customer_id")["amount"].sum()
    _close("09.2", money[n_orders == 1].sum() / money.sum())


# --------------------------------------------------------------------------- other samples


def test_05_day_n_from_first_events():
    ev = pd.read_csv(SAMPLES / "app_events.csv", parse_dates=["event_time", "signup_time"])
    day = pd.Timedelta(hours=24)
    t0 = ev.groupby("user_id")["event_time"].min()
    end = ev["event_time"].max()
    start = ev["user_id"].map(t0)

    def rolling(users, n):
        eligible = t0.index[(t0 + (n + 1) * day <= end) & t0.index.isin(users)]
        sub = ev[ev["user_id"].isin(eligible)]
        s = sub["user_id"].map(t0)
        hit = (sub["event_time"] >= s + n * day) & (sub["event_time"] < s + (n + 1) * day)
        return len(eligible), sub.loc[hit, "user_id"].nunique()

    def calendar(users, n, zone):
        local_t0 = t0.dt.tz_convert(zone)
        day_n = local_t0.dt.normalize() + pd.Timedelta(days=n)
        ends = (day_n.dt.tz_localize(None) + pd.Timedelta(days=1)).dt.tz_localize(zone)
        eligible = t0.index[(ends <= end) & t0.index.isin(users)]
        sub = ev[ev["user_id"].isin(eligible)]
        local = sub["event_time"].dt.tz_convert(zone).dt.normalize()
        hit = local == sub["user_id"].map(day_n)
        return len(eligible), sub.loc[hit, "user_id"].nunique()

    users, kept = rolling(t0.index, 7)
    _close("05.1", kept / users)

    local_signup = t0.dt.tz_convert("Europe/Moscow").dt.strftime("%H:%M")
    late = t0.index[local_signup == "23:59"]
    # the exercise restricts the log to these users, so their own last event ends observation
    late_ev = ev[ev["user_id"].isin(late)]
    late_end = late_ev["event_time"].max()
    assert start.notna().all()

    def restricted(fn, *args):
        nonlocal end
        saved, end = end, late_end
        try:
            return fn(*args)
        finally:
            end = saved

    cal = restricted(calendar, late, 1, "Europe/Moscow")[1]
    rol = restricted(rolling, late, 1)[1]
    assert _expected("05.2") == cal - rol

    users, kept = calendar(t0.index, 1, "UTC")
    _close("05.3", kept / users)


def test_08_email_and_nps_from_the_csv():
    camp = pd.read_csv(SAMPLES / "email_campaigns.csv").set_index("campaign")
    row = camp.loc["2024-10b_loyalty"]
    _close("08.1", row["clicked"] / row["opened"])
    _close("08.2", camp["unsubscribed"].sum() / camp["delivered"].sum())

    survey = pd.read_csv(SAMPLES / "nps_survey.csv", parse_dates=["date"])
    late = survey.loc[survey["date"] >= "2024-07-01", "score"]
    _close("08.4", ((late >= 9).sum() - (late <= 6).sum()) / len(late))
