"""revenue_retention: hand-worked examples, the movement identity, and an independent
plain-Python implementation (dicts per customer and period, no numpy)."""

from __future__ import annotations

import copy
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import retention_kit as rk
from retention_kit.revenue import revenue_retention
from tests.chart_support import bar_segments

UCI = Path(__file__).resolve().parents[2] / "shared" / "data" / "online_retail.parquet"


def five_customers() -> pd.DataFrame:
    """Worked by hand below: January to March 2024."""
    rows = [
        ("ann", "2024-01-03", 100.0),
        ("bob", "2024-01-10", 50.0),
        ("cat", "2024-01-20", 80.0),
        ("ann", "2024-02-02", 70.0),
        ("ann", "2024-02-20", 60.0),  # ann: 130 in February (+30 expansion)
        ("bob", "2024-02-11", 20.0),  # bob: 20 (-30 contraction); cat: nothing (churned 80)
        ("dan", "2024-02-15", 40.0),  # dan: new
        ("cat", "2024-03-05", 90.0),  # cat: back (reactivation 90)
        ("ann", "2024-03-06", 130.0),  # ann: flat
        ("eve", "2024-03-30", 10.0),  # eve: new; bob and dan churn (20 + 40)
    ]
    return pd.DataFrame(rows, columns=["customer", "time", "amount"]).assign(
        time=lambda d: pd.to_datetime(d["time"])
    )


def test_five_customers_by_hand():
    t = revenue_retention(five_customers(), customer="customer", time="time", amount="amount")
    assert t["period"].tolist() == list(pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]))
    jan, feb, mar = (t.iloc[i] for i in range(3))
    assert jan["start_revenue"] == 0 and jan["new"] == 230 and jan["end_revenue"] == 230
    assert np.isnan(jan["nrr"]) and np.isnan(jan["grr"])
    assert feb[
        ["start_revenue", "new", "reactivation", "expansion", "contraction", "churned"]
    ].tolist() == [230, 40, 0, 30, 30, 80]
    assert feb["end_revenue"] == 190  # 130 + 20 + 40
    assert feb["nrr"] == pytest.approx((230 + 30 - 30 - 80) / 230)
    assert feb["grr"] == pytest.approx((230 - 30 - 80) / 230)
    assert feb["quick_ratio"] == pytest.approx((40 + 0 + 30) / (30 + 80))
    assert mar[
        ["start_revenue", "new", "reactivation", "expansion", "contraction", "churned"]
    ].tolist() == [190, 10, 90, 0, 0, 60]
    assert mar["end_revenue"] == 230  # ann 130 + cat 90 + eve 10
    assert mar["nrr"] == pytest.approx(130 / 190) and mar["grr"] == pytest.approx(130 / 190)
    # the log ends on 30 March: March is not complete, unless observation ran to its end
    assert t["complete"].tolist() == [True, True, False]
    until = revenue_retention(
        five_customers(),
        customer="customer",
        time="time",
        amount="amount",
        observed_until="2024-04-01",
    )
    assert until["complete"].tolist() == [True, True, True]


def test_a_return_lowers_the_period_it_happens_in_and_is_never_a_first_purchase():
    log = pd.DataFrame(
        {
            "c": ["a", "a", "b", "b"],
            "t": pd.to_datetime(["2024-01-05", "2024-02-05", "2024-01-07", "2024-02-08"]),
            "x": [100.0, -30.0, 50.0, 50.0],
        }
    )
    t = revenue_retention(log, customer="c", time="t", amount="x")
    # a: 100 in January, net -30 in February (no revenue): churned 100
    assert t.loc[1, "churned"] == 100 and t.loc[1, "end_revenue"] == 50
    only_return = pd.DataFrame(
        {"c": ["z", "z"], "t": pd.to_datetime(["2024-01-02", "2024-02-02"]), "x": [-5.0, 20.0]}
    )
    t2 = revenue_retention(only_return, customer="c", time="t", amount="x")
    assert t2["new"].tolist() == [0, 20]  # the first purchase is February's, not the return


def plain_python(log: pd.DataFrame, freq: str) -> pd.DataFrame:
    """The same definitions with dicts and loops: an independent implementation."""
    to_period = {"M": lambda ts: (ts.year, ts.month), "Y": lambda ts: (ts.year,)}[freq]
    rev: dict = defaultdict(lambda: defaultdict(float))
    first_buy: dict = {}
    for c, ts, x in log[["c", "t", "x"]].itertuples(index=False):
        p = to_period(ts)
        rev[p][c] += x
        if x >= 0 and (c not in first_buy or p < first_buy[c]):
            first_buy[c] = p
    lo, hi = min(rev), max(rev)
    periods = []
    p = lo
    while p <= hi:
        periods.append(p)
        p = (p[0] + 1,) if freq == "Y" else ((p[0] + 1, 1) if p[1] == 12 else (p[0], p[1] + 1))
    rows, prev = [], {}
    for p in periods:
        now = {c: v for c, v in rev.get(p, {}).items() if v > 0}
        rows.append(split_movements(now, prev, {c for c in now if first_buy.get(c) == p}))
        prev = now
    return pd.DataFrame(rows)


def split_movements(now: dict, prev: dict, new: set) -> dict:
    """One period's movements from {customer: revenue} now and in the period before."""
    row = dict.fromkeys(["new", "reactivation", "expansion", "contraction"], 0.0)
    for c, v in now.items():
        if c in new:
            row["new"] += v
        elif c not in prev:
            row["reactivation"] += v
        elif v > prev[c]:
            row["expansion"] += v - prev[c]
        else:
            row["contraction"] += prev[c] - v
    row["churned"] = sum(v for c, v in prev.items() if c not in now)
    row["start_revenue"] = sum(prev.values())
    row["end_revenue"] = sum(now.values())
    return row


logs = st.lists(
    st.tuples(
        st.sampled_from(["a", "b", "c", "d", "e"]),
        st.datetimes(min_value=pd.Timestamp("2023-01-01"), max_value=pd.Timestamp("2024-06-30")),
        st.sampled_from([-20.0, 0.0, 5.0, 10.0, 25.5, 100.0]),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(logs, st.sampled_from(["M", "Y"]))
def test_matches_plain_python_and_the_identity_holds(rows, freq):
    log = pd.DataFrame(rows, columns=["c", "t", "x"])
    before = copy.deepcopy(log)
    t = revenue_retention(log, customer="c", time="t", amount="x", freq=freq)
    pd.testing.assert_frame_equal(log, before)  # input untouched
    expected = plain_python(log, freq)
    for col in expected.columns:
        np.testing.assert_allclose(t[col].to_numpy(), expected[col].to_numpy(), atol=1e-9)
    gained = t["new"] + t["reactivation"] + t["expansion"]
    lost = t["contraction"] + t["churned"]
    np.testing.assert_allclose(t["end_revenue"], t["start_revenue"] + gained - lost, atol=1e-9)
    assert (t["grr"].dropna() <= t["nrr"].dropna() + 1e-12).all()
    assert (t["grr"].dropna() <= 1 + 1e-12).all()


def test_errors_name_the_problem():
    log = five_customers()
    with pytest.raises(rk.MissingColumnError, match="'amount_eur'"):
        revenue_retention(log, customer="customer", time="time", amount="amount_eur")
    with pytest.raises(rk.InvalidParameterError, match="freq='fortnight'"):
        revenue_retention(log, customer="customer", time="time", amount="amount", freq="fortnight")
    with pytest.raises(rk.InvalidParameterError, match=r"observed_until='2024-03-01'.*before"):
        revenue_retention(
            log, customer="customer", time="time", amount="amount", observed_until="2024-03-01"
        )
    with pytest.raises(rk.InvalidParameterError, match="observed_until='soon' is not a date"):
        revenue_retention(
            log, customer="customer", time="time", amount="amount", observed_until="soon"
        )
    bad = log.assign(amount=log["amount"].astype(object))
    bad.loc[2, "amount"] = "12 EUR"
    with pytest.raises(rk.InvalidAmountError, match="'12 EUR'"):
        revenue_retention(bad, customer="customer", time="time", amount="amount")
    with pytest.raises(TypeError):
        revenue_retention(log, "customer", "time", "amount")  # keyword-only


def test_tz_aware_log_keeps_its_zone():
    log = five_customers().assign(time=lambda d: d["time"].dt.tz_localize("Europe/Moscow"))
    t = revenue_retention(log, customer="customer", time="time", amount="amount")
    assert str(t["period"].dt.tz) == "Europe/Moscow"
    assert t["period"].iloc[1] == pd.Timestamp("2024-02-01", tz="Europe/Moscow")


@pytest.mark.skipif(not UCI.exists(), reason="the shared UCI Online Retail log is not here")
def test_uci_online_retail_december_2011_is_flagged_and_matches_plain_python():
    raw = pd.read_parquet(UCI, columns=["CustomerID", "InvoiceDate", "Quantity", "UnitPrice"])
    raw = raw.dropna(subset=["CustomerID"])
    log = pd.DataFrame(
        {"c": raw["CustomerID"], "t": raw["InvoiceDate"], "x": raw["Quantity"] * raw["UnitPrice"]}
    )
    t = revenue_retention(log, customer="c", time="t", amount="x")
    assert t["period"].iloc[-1] == pd.Timestamp("2011-12-01")
    assert t["complete"].tolist() == [True] * (len(t) - 1) + [False]  # ends 2011-12-09
    expected = plain_python(log, "M")
    for col in expected.columns:
        np.testing.assert_allclose(t[col].to_numpy(), expected[col].to_numpy(), rtol=1e-9)


def test_revenue_movements_chart_stacks_losses_below_zero():
    t = revenue_retention(five_customers(), customer="customer", time="time", amount="amount")
    ax = rk.plots.revenue_movements_chart(t)
    heights = [round(b["height"], 6) for b in bar_segments(ax)]
    below = sorted(h for h in heights if h < 0)
    # February loses 30 (contraction) and 80 (churned); March 60 (churned)
    assert below == [-80, -60, -30]
    with pytest.raises(rk.MissingColumnError, match="'churned'.*revenue_retention"):
        rk.plots.revenue_movements_chart(t.drop(columns="churned"))


def _shop_like(n_customers: int, seed: int) -> pd.DataFrame:
    """Illustrative log: each customer buys in January, and in February with probability 0.7."""
    rng = np.random.default_rng(seed)
    jan = rng.gamma(2.0, 50.0, n_customers)
    stays = rng.random(n_customers) < 0.7
    feb = jan * rng.uniform(0.5, 1.5, n_customers)
    ids = np.arange(n_customers)
    return pd.DataFrame(
        {
            "c": np.concatenate([ids, ids[stays]]),
            "t": pd.to_datetime(["2024-01-10"] * n_customers + ["2024-02-10"] * int(stays.sum())),
            "x": np.concatenate([jan, feb[stays]]),
        }
    )


def test_nrr_interval_agrees_with_a_plain_customer_bootstrap():
    log = _shop_like(60, seed=1)
    t = rk.nrr_interval(log, customer="c", time="t", amount="x", n_boot=4000, seed=3)
    point = revenue_retention(log, customer="c", time="t", amount="x")
    assert t["nrr"].iloc[1] == pytest.approx(point["nrr"].iloc[1])
    assert t["grr"].iloc[1] == pytest.approx(point["grr"].iloc[1])
    assert np.isnan(t["nrr_low"].iloc[0])  # nothing before January
    # independent: resample customer ids with a loop and recompute NRR from the raw rows
    rng = np.random.default_rng(99)
    jan = log[log["t"] < "2024-02-01"].groupby("c")["x"].sum()
    feb = log[log["t"] >= "2024-02-01"].groupby("c")["x"].sum().reindex(jan.index, fill_value=0)
    ids = jan.index.to_numpy()
    stats = []
    for _ in range(4000):
        pick = rng.choice(ids, size=len(ids), replace=True)
        stats.append(feb.loc[pick].sum() / jan.loc[pick].sum())
    lo, hi = np.percentile(stats, [2.5, 97.5])
    assert t["nrr_low"].iloc[1] == pytest.approx(lo, abs=0.03)
    assert t["nrr_high"].iloc[1] == pytest.approx(hi, abs=0.03)
    assert t["grr_low"].iloc[1] <= t["grr"].iloc[1] <= t["grr_high"].iloc[1]


def test_nrr_interval_narrows_with_more_customers_and_repeats_with_its_seed():
    small = rk.nrr_interval(_shop_like(40, 5), customer="c", time="t", amount="x", n_boot=500)
    large = rk.nrr_interval(_shop_like(4000, 5), customer="c", time="t", amount="x", n_boot=500)
    width = lambda t: t["nrr_high"].iloc[1] - t["nrr_low"].iloc[1]  # noqa: E731
    assert width(large) < width(small) / 4  # about sqrt(100) = 10 times narrower
    again = rk.nrr_interval(_shop_like(40, 5), customer="c", time="t", amount="x", n_boot=500)
    pd.testing.assert_frame_equal(small, again)
    with pytest.raises(rk.InvalidParameterError, match="n_boot=5"):
        rk.nrr_interval(_shop_like(40, 5), customer="c", time="t", amount="x", n_boot=5)
    with pytest.raises(rk.InvalidParameterError, match="confidence=95"):
        rk.nrr_interval(_shop_like(40, 5), customer="c", time="t", amount="x", confidence=95)


def test_mrr_movements_by_hand():
    subs = pd.DataFrame(
        {
            "who": ["a", "b", "a", "c", "b"],
            "price": [10.0, 20.0, 5.0, 7.0, 30.0],
            "since": pd.to_datetime(
                ["2024-01-05", "2024-01-20", "2024-02-10", "2024-02-01", "2024-04-02"]
            ),
            "until": pd.to_datetime([None, "2024-03-01", None, "2024-03-15", None]),
        }
    )
    t = rk.mrr_movements(
        subs,
        customer="who",
        start_time="since",
        end_time="until",
        amount="price",
        as_of="2024-04-30",
    )
    cols = [
        "start_revenue",
        "new",
        "reactivation",
        "expansion",
        "contraction",
        "churned",
        "end_revenue",
    ]
    # Jan: a 10 + b 20 new. Feb: a adds 5 (expansion), c 7 new. Mar: b ended 1 Mar (churned 20),
    # c ended 15 Mar (churned 7). Apr: b is back with 30 (reactivation); April is not complete.
    assert t[cols].values.tolist() == [
        [0, 30, 0, 0, 0, 0, 30],
        [30, 7, 0, 5, 0, 0, 42],
        [42, 0, 0, 0, 0, 27, 15],
        [15, 0, 30, 0, 0, 0, 45],
    ]
    assert t["complete"].tolist() == [True, True, True, False]
    assert t["nrr"].iloc[2] == pytest.approx(15 / 42)


def plain_mrr(subs: pd.DataFrame, until: pd.Timestamp) -> pd.DataFrame:
    months = pd.period_range(subs["s"].min(), until, freq="M")
    prev: dict = {}
    paid_before: set = set()
    rows = []
    for m in months:
        close = (m + 1).start_time
        now: dict = {}
        for c, s, e, x in subs[["c", "s", "e", "x"]].itertuples(index=False):
            if s < close and (pd.isna(e) or e >= close):
                now[c] = now.get(c, 0.0) + x
        now = {c: v for c, v in now.items() if v > 0}
        rows.append(split_movements(now, prev, set(now) - paid_before))
        paid_before |= set(now)
        prev = now
    return pd.DataFrame(rows)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(list("abcd")),
            st.datetimes(
                min_value=pd.Timestamp("2024-01-01"), max_value=pd.Timestamp("2024-06-30")
            ),
            st.one_of(
                st.none(),
                st.timedeltas(min_value=pd.Timedelta(0), max_value=pd.Timedelta(days=150)),
            ),
            st.sampled_from([0.0, 9.0, 15.0, 40.0]),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_mrr_movements_match_plain_python(rows):
    subs = pd.DataFrame(
        [(c, s, None if d is None else s + d, x) for c, s, d, x in rows],
        columns=["c", "s", "e", "x"],
    ).assign(e=lambda d: pd.to_datetime(d["e"]))
    until = pd.Timestamp("2024-12-31")
    t = rk.mrr_movements(subs, customer="c", start_time="s", end_time="e", amount="x", as_of=until)
    expected = plain_mrr(subs, until)
    for col in expected.columns:
        np.testing.assert_allclose(t[col].to_numpy(), expected[col].to_numpy(), atol=1e-9)


def test_mrr_movements_errors():
    subs = pd.DataFrame(
        {"c": ["a"], "s": pd.to_datetime(["2024-02-01"]), "e": [pd.NaT], "x": ["ten"]}
    )
    with pytest.raises(rk.InvalidAmountError, match="'ten'"):
        rk.mrr_movements(subs, customer="c", start_time="s", end_time="e", amount="x")
    with pytest.raises(rk.MissingColumnError, match="amount='price'"):
        rk.mrr_movements(subs, customer="c", start_time="s", end_time="e", amount="price")
    ok = subs.assign(x=[10.0])
    with pytest.raises(rk.InvalidParameterError, match="as_of='2023-01-01' is before"):
        rk.mrr_movements(
            ok, customer="c", start_time="s", end_time="e", amount="x", as_of="2023-01-01"
        )


def test_mrr_movements_of_tz_aware_subscriptions_use_the_data_zone():
    # Moscow (UTC+3): b starts 1 Feb 01:00 local (31 Jan 22:00 UTC), so it is not running at
    # January's close (1 Feb 00:00 local) but is at February's; it ends 1 Mar 01:00 local, after
    # February's close and before March's. a runs from January on.
    subs = pd.DataFrame(
        {
            "c": ["a", "b"],
            "price": [10.0, 20.0],
            "start": pd.to_datetime(["2024-01-10 12:00", "2024-02-01 01:00"]),
            "end": pd.to_datetime([None, "2024-03-01 01:00"]),
        }
    )
    for col in ("start", "end"):
        subs[col] = subs[col].dt.tz_localize("Europe/Moscow")
    t = rk.mrr_movements(
        subs, customer="c", start_time="start", end_time="end", amount="price", as_of="2024-03-31"
    )
    assert t["period"].tolist() == [
        pd.Timestamp(m, tz="Europe/Moscow") for m in ("2024-01-01", "2024-02-01", "2024-03-01")
    ]
    assert t["new"].tolist() == [10.0, 20.0, 0.0]
    assert t["churned"].tolist() == [0.0, 0.0, 20.0]
    assert t["end_revenue"].tolist() == [10.0, 30.0, 10.0]
    assert t["complete"].tolist() == [True, True, False]
