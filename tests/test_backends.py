"""The engine backends (DuckDB, Spark through Ibis) give the same tables as the pandas reference."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import retention_kit as rk
from tests.engine_cases import SHOP, day_n, logs
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


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_rfm_counts_sub_second_purchases_as_two_orders_on_every_engine(engine):
    if engine == "spark" and shutil.which("java") is None:
        pytest.skip("Spark needs Java")
    # by hand: customer a bought twice 0.3 s apart (two orders), b once, c twice in one instant
    # (two rows of one order)
    log = pd.DataFrame(
        {
            "c": ["a", "a", "b", "c", "c"],
            "t": pd.to_datetime(
                [
                    "2024-03-01 10:00:00.100",
                    "2024-03-01 10:00:00.400",
                    "2024-03-02 09:00:00.000",
                    "2024-03-03 08:00:00.250",
                    "2024-03-03 08:00:00.250",
                ]
            ),
            "x": [10.0, 5.0, 7.0, 1.0, 2.0],
        }
    )
    expected = {"a": 2, "b": 1, "c": 1}
    for backend in (None, engine):
        rfm = rk.rfm_table(log, customer="c", time="t", amount="x", backend=backend)
        assert dict(zip(rfm["c"], rfm["frequency"], strict=True)) == expected, backend


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
