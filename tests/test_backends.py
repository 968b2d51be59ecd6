"""The engine backends (DuckDB, Spark through Ibis) give the same tables as the pandas reference."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import retention_kit as rk
from tests.engine_cases import (
    EDGE_CASES,
    SHOP,
    check_edge_case,
    day_n,
    flow_logs,
    flow_tables,
    logs,
    subscription_tables,
)
from tests.engine_cases import same as _same

ibis = pytest.importorskip("ibis", reason="the engine backends need: pip install -e '.[big]'")


@pytest.fixture(scope="module")
def shop():
    return rk.load_sample("shop_transactions")


@pytest.fixture(scope="module")
def app():
    return rk.load_sample("app_events")


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"freq": "W"}, {"freq": "Q", "by": "channel"}, {"by": "campaign"}, {"amount": "amount"}],
)
def test_cohort_table_duckdb_equals_pandas(shop, kwargs):
    _same(
        rk.cohort_table(shop, **SHOP, **kwargs),
        rk.cohort_table(shop, **SHOP, backend="duckdb", **kwargs),
    )


def test_cohort_matrix_and_sizes_on_duckdb(shop):
    _same(
        rk.cohort_matrix(shop, **SHOP, values="rate"),
        rk.cohort_matrix(shop, **SHOP, values="rate", backend="duckdb"),
    )
    _same(rk.cohort_sizes(shop, **SHOP), rk.cohort_sizes(shop, **SHOP, backend="duckdb"))


@pytest.mark.parametrize("method", ["rolling", "calendar", "unbounded"])
def test_day_n_duckdb_equals_pandas(app, method):
    kw = dict(
        customer="user_id", time="event_time", days=(0, 1, 7, 30), method=method, tz="Europe/Moscow"
    )
    _same(rk.day_n_retention(app, **kw), rk.day_n_retention(app, **kw, backend="duckdb"))


def test_rfm_duckdb_equals_pandas(shop):
    kw = dict(**SHOP, amount="amount", order="order_id")
    _same(rk.rfm_table(shop, **kw), rk.rfm_table(shop, **kw, backend="duckdb"))
    _same(
        rk.rfm_table(shop, **kw, monetary="mean", as_of="2024-06-30"),
        rk.rfm_table(shop, **kw, monetary="mean", as_of="2024-06-30", backend="duckdb"),
    )


def test_period_table_duckdb_equals_pandas(shop):
    for days in (30, 90):
        _same(
            rk.period_table(shop, **SHOP, active_days=days),
            rk.period_table(shop, **SHOP, active_days=days, backend="duckdb"),
        )


def test_files_are_read_by_the_engine_not_pandas(shop, tmp_path):
    folder = tmp_path / "events"
    folder.mkdir()
    half = len(shop) // 2
    shop.iloc[:half].to_parquet(folder / "part-0.parquet")
    shop.iloc[half:].to_parquet(folder / "part-1.parquet")
    con = rk.backends.connect("duckdb", memory_limit="256MB")
    t = rk.backends.table(folder, con=con)
    _same(rk.cohort_table(shop, **SHOP), rk.cohort_table(t, **SHOP))


def test_unknown_backend_is_a_clear_error(shop):
    with pytest.raises(rk.InvalidParameterError, match="postgres.connect"):
        rk.cohort_table(shop, **SHOP, backend="oracle")


def test_missing_column_on_an_engine_is_named(shop):
    with pytest.raises(rk.MissingColumnError, match="'CustomerID'"):
        rk.cohort_table(shop, customer="CustomerID", time="order_time", backend="duckdb")


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(logs(), st.sampled_from(["D", "W", "M", "Q"]))
def test_generated_logs_duckdb_equals_pandas(df, freq):
    kw = dict(customer="c", time="t")
    _same(
        rk.cohort_table(df, **kw, freq=freq, amount="a"),
        rk.cohort_table(df, **kw, freq=freq, amount="a", backend="duckdb"),
    )
    _same(
        rk.cohort_table(df, **kw, freq=freq, by="g"),
        rk.cohort_table(df, **kw, freq=freq, by="g", backend="duckdb"),
    )
    _same(rk.rfm_table(df, **kw, amount="a"), rk.rfm_table(df, **kw, amount="a", backend="duckdb"))
    _same(
        rk.period_table(df, **kw, freq=freq, active_days=30),
        rk.period_table(df, **kw, freq=freq, active_days=30, backend="duckdb"),
    )
    for method in ("rolling", "calendar", "unbounded"):
        d = dict(customer="c", time="t", days=(0, 1, 2, 7), method=method, tz="UTC")
        _same(rk.day_n_retention(df, **d), rk.day_n_retention(df, **d, backend="duckdb"))


# Spark (local mode): slower to start, so one session for the module and the samples only
@pytest.fixture(scope="module")
def spark_con(tmp_path_factory):
    pytest.importorskip("pyspark", reason="the Spark backend needs pyspark")
    if shutil.which("java") is None:
        pytest.skip("the Spark backend needs Java (17) on PATH")
    session = rk.backends.local_spark(warehouse=str(tmp_path_factory.mktemp("spark")))
    yield rk.backends.connect("spark", session=session)
    session.stop()


@pytest.mark.slow
def test_spark_equals_pandas_on_the_samples(shop, app, spark_con):
    _same(
        rk.cohort_table(shop, **SHOP, amount="amount"),
        rk.cohort_table(shop, **SHOP, amount="amount", backend=spark_con),
    )
    _same(
        rk.cohort_table(shop, **SHOP, by="campaign"),
        rk.cohort_table(shop, **SHOP, by="campaign", backend=spark_con),
    )
    _same(
        rk.rfm_table(shop, **SHOP, amount="amount"),
        rk.rfm_table(shop, **SHOP, amount="amount", backend=spark_con),
    )
    _same(
        rk.period_table(shop, **SHOP, active_days=90),
        rk.period_table(shop, **SHOP, active_days=90, backend=spark_con),
    )
    for method in ("rolling", "calendar", "unbounded"):
        kw = dict(
            customer="user_id", time="event_time", days=(1, 7), method=method, tz="Europe/Moscow"
        )
        _same(rk.day_n_retention(app, **kw), rk.day_n_retention(app, **kw, backend=spark_con))


@pytest.mark.slow
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(df=logs())
def test_spark_equals_pandas_on_generated_logs(spark_con, df):
    kw = dict(customer="c", time="t")
    _same(
        rk.cohort_table(df, **kw, amount="a"),
        rk.cohort_table(df, **kw, amount="a", backend=spark_con),
    )
    _same(rk.rfm_table(df, **kw, amount="a"), rk.rfm_table(df, **kw, amount="a", backend=spark_con))
    _same(
        rk.period_table(df, **kw, active_days=30),
        rk.period_table(df, **kw, active_days=30, backend=spark_con),
    )
    d = dict(customer="c", time="t", days=(0, 1, 7), method="rolling")
    _same(rk.day_n_retention(df, **d), rk.day_n_retention(df, **d, backend=spark_con))


def test_day_n_by_group_duckdb_equals_pandas(app):
    # every value of `by` gets its rows, also those that are nobody's first event (users 0)
    # (one event per instant: with two events at a customer's first instant the reference takes
    # the first row, an engine either, and SQL tables have no row order)
    log = app.drop_duplicates(["user_id", "event_time"])
    kw = dict(customer="user_id", time="event_time", days=(1, 7), method="rolling", by="event")
    expected = day_n(log, **kw)
    assert set(expected["event"]) == set(app["event"])
    _same(expected, day_n(log, **kw, backend="duckdb"))


# --------------------------------------------------------------------------- completeness
# (issue 10 item 1; added by complete10) the end of observation is found on the engine and the
# `complete` flags equal the pandas reference's, with and without observed_until=


@pytest.mark.parametrize("engine", ["duckdb", pytest.param("spark", marks=pytest.mark.slow)])
@pytest.mark.parametrize("zone", [None, "Europe/Moscow"])
def test_complete_flags_and_observed_until_equal_pandas_on_every_engine(engine, zone, request):
    if engine == "spark":
        if shutil.which("java") is None:
            pytest.skip("Spark needs Java")
        backend = request.getfixturevalue("spark_con")
    else:
        backend = "duckdb"
    # the log ends on 2024-03-10 12:00 (wall clock): March is not over
    log = pd.DataFrame(
        {
            "c": ["a", "b", "a", "c", "a", "b", "d"],
            "t": pd.to_datetime(
                [
                    "2024-01-10",
                    "2024-01-20",
                    "2024-02-05",
                    "2024-02-14",
                    "2024-03-03",
                    "2024-03-09",
                    "2024-03-10 12:00",
                ],
                format="ISO8601",
            ),
            "g": ["x", "y", "x", "x", "x", "y", "y"],
        }
    )
    if zone:
        log["t"] = log["t"].dt.tz_localize(zone)
    kw = dict(customer="c", time="t")
    for until in (None, "2024-04-01", "2024-03-31 23:59"):
        o = {"observed_until": until}
        cohorts = rk.cohort_table(log, **kw, **o)
        # by hand: cells in March are complete only when observed to April 1
        march_cells = (cohorts["cohort"].dt.month + cohorts["age"] == 3).to_numpy()
        assert (cohorts["complete"].to_numpy() == (~march_cells | (until == "2024-04-01"))).all()
        _same(cohorts, rk.cohort_table(log, **kw, **o, backend=backend))
        _same(
            rk.cohort_table(log, **kw, by="g", **o),
            rk.cohort_table(log, **kw, by="g", **o, backend=backend),
        )
        periods = rk.period_table(log, **kw, active_days=31, **o)
        assert periods["complete"].tolist() == [True, True, until == "2024-04-01"]
        _same(periods, rk.period_table(log, **kw, active_days=31, **o, backend=backend))
        for method in ("rolling", "calendar"):
            d = dict(kw, days=(0, 1, 20), method=method, **o)
            _same(rk.day_n_retention(log, **d), rk.day_n_retention(log, **d, backend=backend))
    with pytest.raises(rk.InvalidParameterError, match="before the last event"):
        rk.cohort_table(log, **kw, observed_until="2024-03-10", backend=backend)


# --------------------------------------------------------------------------- flow analyses


@pytest.fixture(scope="module")
def flow_samples(shop, app):
    """The bundled samples as (customer, time, amount) logs: the shop's orders, the SaaS
    subscriptions' first charges, the UCI sample's lines (returns included) and the app's
    events (tz-aware, amount 1)."""
    saas = rk.load_sample("saas_subscriptions")
    uci = rk.load_sample("online_retail_sample").dropna(subset=["CustomerID"])
    return {
        "shop": shop[["customer_id", "order_time", "amount"]].set_axis(["c", "t", "a"], axis=1),
        "saas": saas[["customer_id", "start_date", "monthly_price"]].set_axis(
            ["c", "t", "a"], axis=1
        ),
        "uci": pd.DataFrame(
            {
                "c": uci["CustomerID"],
                "t": uci["InvoiceDate"],
                "a": uci["Quantity"] * uci["UnitPrice"],
            }
        ),
        "app": app[["user_id", "event_time"]].set_axis(["c", "t"], axis=1).assign(a=1.0),
    }


@pytest.mark.parametrize("sample", ["shop", "saas", "uci", "app"])
@pytest.mark.parametrize("freq", ["W", "M", "Q"])
def test_flow_analyses_duckdb_equal_pandas_on_the_samples(flow_samples, sample, freq):
    df = flow_samples[sample]
    for expected, got in zip(
        flow_tables(df, freq=freq), flow_tables(df, "duckdb", freq=freq), strict=True
    ):
        _same(expected, got)


def test_flow_analyses_on_an_ibis_table_and_with_observed_until(flow_samples):
    df = flow_samples["shop"]
    t = rk.backends.table(df, con=rk.backends.connect("duckdb"))
    kw = dict(max_age=3, observed_until="2025-06-30")
    expected = flow_tables(df, **kw)
    assert expected[0]["complete"].all()  # observation ends after the data's last period
    assert not flow_tables(df)[1]["complete"].iloc[-1]  # by default it ends with the data
    for want, got in zip(expected, flow_tables(t, **kw), strict=True):
        _same(want, got)
    with pytest.raises(rk.InvalidParameterError, match="before the last event"):
        rk.lifecycle_table(t, customer="c", time="t", observed_until="2020-01-01")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flow_logs(), st.sampled_from(["D", "W", "M", "Q", "Y"]))
def test_flow_analyses_duckdb_equal_pandas_on_generated_logs(df, freq):
    for expected, got in zip(
        flow_tables(df, freq=freq), flow_tables(df, "duckdb", freq=freq), strict=True
    ):
        _same(expected, got)


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_case(case, backend):
    check_edge_case(case, backend)


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_case_on_spark(case, spark_con):
    check_edge_case(case, spark_con)


@pytest.mark.slow
def test_spark_flow_analyses_equal_pandas_on_the_samples(flow_samples, spark_con):
    for sample in ("shop", "uci"):
        df = flow_samples[sample]
        for expected, got in zip(flow_tables(df), flow_tables(df, spark_con), strict=True):
            _same(expected, got)


@pytest.mark.slow
@settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(df=flow_logs(), freq=st.sampled_from(["D", "W", "M", "Q", "Y"]))
def test_spark_flow_analyses_equal_pandas_on_generated_logs(spark_con, df, freq):
    for expected, got in zip(
        flow_tables(df, freq=freq), flow_tables(df, spark_con, freq=freq), strict=True
    ):
        _same(expected, got)


@pytest.mark.parametrize("freq", ["D", "W", "M", "Q", "Y"])
@pytest.mark.parametrize("as_of", [None, "2024-06-30", "2025-03-31"])
def test_mrr_movements_duckdb_equal_pandas_on_the_saas_sample(freq, as_of):
    saas = rk.load_sample("saas_subscriptions")
    kw = dict(
        customer="customer_id",
        start_time="start_date",
        end_time="end_date",
        amount="monthly_price",
        freq=freq,
        as_of=as_of,
    )
    _same(rk.mrr_movements(saas, **kw), rk.mrr_movements(saas, **kw, backend="duckdb"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    subscription_tables(),
    st.sampled_from(["D", "W", "M", "Q", "Y"]),
    st.sampled_from([None, "2024-12-31"]),
)
def test_mrr_movements_duckdb_equal_pandas_on_generated_tables(subs, freq, as_of):
    kw = dict(customer="c", start_time="s", end_time="e", amount="x", freq=freq, as_of=as_of)
    _same(rk.mrr_movements(subs, **kw), rk.mrr_movements(subs, **kw, backend="duckdb"))


@pytest.mark.slow
def test_spark_mrr_movements_equal_pandas_on_the_saas_sample(spark_con):
    saas = rk.load_sample("saas_subscriptions")
    kw = dict(
        customer="customer_id", start_time="start_date", end_time="end_date", amount="monthly_price"
    )
    _same(rk.mrr_movements(saas, **kw), rk.mrr_movements(saas, **kw, backend=spark_con))


def _uci():
    """The shared UCI Online Retail log (CC BY 4.0), found above the checkout, or None."""
    for parent in Path(__file__).resolve().parents:
        path = parent / "shared" / "data" / "online_retail.parquet"
        if path.exists():
            return path
    return None


@pytest.mark.skipif(_uci() is None, reason="the shared UCI Online Retail log is not here")
def test_flow_analyses_duckdb_equal_pandas_on_the_uci_log():
    raw = pd.read_parquet(_uci(), columns=["CustomerID", "InvoiceDate", "Quantity", "UnitPrice"])
    raw = raw.dropna(subset=["CustomerID"])
    log = pd.DataFrame(
        {"c": raw["CustomerID"], "t": raw["InvoiceDate"], "a": raw["Quantity"] * raw["UnitPrice"]}
    )
    expected = flow_tables(log)
    assert not expected[0]["complete"].iloc[-1]  # December 2011: the log ends on the 9th
    for want, got in zip(expected, flow_tables(log, "duckdb"), strict=True):
        _same(want, got)


# -- a pandas DataFrame sent to an engine passes the same gate as on pandas (issue 10) --------


def _gate_log(**changes):
    log = pd.DataFrame(
        {
            "customer_id": ["a", "b", "a"],
            "order_time": pd.to_datetime(["2024-01-05", "2024-01-20", "2024-02-10"]),
            "amount": [10.0, 20.0, 5.0],
        }
    )
    return log.assign(**changes)


def test_engine_refuses_a_far_future_date_like_pandas():
    log = _gate_log(order_time=pd.to_datetime(["2024-01-05", "9999-12-31", "2024-02-10"]))
    for backend in ("pandas", "duckdb"):
        with pytest.raises(rk.InvalidDateError, match="9999"):
            rk.cohort_table(log, customer="customer_id", time="order_time", backend=backend)


def test_engine_refuses_negative_amounts_in_rfm_like_pandas():
    log = _gate_log(amount=[10.0, -20.0, 5.0])
    for backend in ("pandas", "duckdb"):
        with pytest.raises(rk.InvalidAmountError, match="amount"):
            rk.rfm_table(
                log, customer="customer_id", time="order_time", amount="amount", backend=backend
            )


def test_engine_refuses_a_blank_customer_id_like_pandas():
    log = _gate_log(customer_id=["a", "   ", "a"])
    for backend in ("pandas", "duckdb"):
        with pytest.raises(rk.MissingCustomerIdError, match="customer_id"):
            rk.period_table(log, customer="customer_id", time="order_time", backend=backend)


def test_engine_keeps_returns_where_the_analysis_models_them():
    # a return (negative amount) is part of revenue retention on both paths, with equal tables
    log = _gate_log(amount=[10.0, 20.0, -5.0])
    kw = dict(customer="customer_id", time="order_time", amount="amount")
    expected = rk.revenue_retention(log, **kw)
    got = rk.revenue_retention(log, backend="duckdb", **kw)
    pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("days", [0.3, 10.001, 1 / 3])
def test_engine_window_of_a_fractional_day_count_equals_pandas(days):
    # an event exactly one window before 1 March is active at 1 March (x < b <= x + w): by
    # hand, February ends with 1 customer. The engine's window was cut to whole seconds.
    march = pd.Timestamp("2024-03-01")
    window = pd.Timedelta(days=days).round("us")
    log = pd.DataFrame(
        {"c": ["a", "z"], "t": pd.to_datetime([march - window, march]).as_unit("ns")}
    )
    expected = rk.period_table(log, customer="c", time="t", active_days=days)
    assert expected.loc[expected["period"] == "2024-02-01", "end"].item() == 1
    got = rk.period_table(log, customer="c", time="t", active_days=days, backend="duckdb")
    _same(got, expected)
