"""Every analysis with an engine path, on a real PostgreSQL server, equals the pandas reference.

The server is the session fixture ``postgres`` (tests/conftest.py, tests/postgres_support.py):
a throwaway cluster started for the run and removed after it. Data reaches it two ways, both
tested: a pandas DataFrame with ``backend=con`` (Ibis uploads it), and a table loaded first
with ``con.create_table`` and then analysed as an Ibis table, as a user's warehouse table would
be (naive ``timestamp`` and ``timestamptz`` columns both).

The analyses without an engine path (subscription tables and MRR movements, repeat purchases,
``clv_summary``, ...) run in pandas only; they are not claimed here.
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings

import retention_kit as rk
from tests.engine_cases import (
    APP,
    EDGE_CASES,
    SHOP,
    check_edge_case,
    day_n,
    flow_logs,
    flow_tables,
    logs,
    same,
)

pytest.importorskip("ibis", reason="the engine backends need: pip install -e '.[big,postgres]'")
pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def con(postgres):
    con = postgres.ibis_connect()
    yield con
    con.disconnect()


@pytest.fixture(scope="module")
def shop():
    return rk.load_sample("shop_transactions")


@pytest.fixture(scope="module")
def app():
    return rk.load_sample("app_events")


@pytest.fixture(scope="module")
def shop_table(con, shop):
    return con.create_table("shop", shop, overwrite=True)


@pytest.fixture(scope="module")
def app_table(con, app):
    return con.create_table("app", app, overwrite=True)  # event_time: timestamptz


def test_the_server_is_real_postgresql(con):
    version = con.raw_sql("SELECT version()").fetchone()[0]
    assert version.startswith("PostgreSQL ")


def test_tables_keep_their_types(shop_table, app_table):
    assert shop_table.schema()["order_time"].is_timestamp()
    assert shop_table.schema()["order_time"].timezone is None
    assert app_table.schema()["event_time"].timezone is not None  # timestamptz


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"freq": "W"},
        {"freq": "D"},
        {"freq": "Q", "by": "channel"},
        {"by": "campaign", "amount": "amount"},
        {"freq": "Y", "amount": "amount"},
    ],
)
def test_cohort_table_equals_pandas(con, shop, shop_table, kwargs):
    expected = rk.cohort_table(shop, **SHOP, **kwargs)
    same(expected, rk.cohort_table(shop, **SHOP, **kwargs, backend=con))
    same(expected, rk.cohort_table(shop_table, **SHOP, **kwargs))


def test_cohort_matrix_and_sizes_equal_pandas(shop, shop_table):
    for values in ("rate", "customers"):
        same(
            rk.cohort_matrix(shop, **SHOP, values=values),
            rk.cohort_matrix(shop_table, **SHOP, values=values),
        )
    same(
        rk.cohort_matrix(shop, **SHOP, by="channel", amount="amount", values="revenue"),
        rk.cohort_matrix(shop_table, **SHOP, by="channel", amount="amount", values="revenue"),
    )
    same(rk.cohort_sizes(shop, **SHOP), rk.cohort_sizes(shop_table, **SHOP))


@pytest.mark.parametrize("freq", ["W", "M", "Q"])
def test_period_table_equals_pandas(con, shop, shop_table, freq):
    for days in (30, 90):
        expected = rk.period_table(shop, **SHOP, freq=freq, active_days=days)
        same(expected, rk.period_table(shop, **SHOP, freq=freq, active_days=days, backend=con))
        same(expected, rk.period_table(shop_table, **SHOP, freq=freq, active_days=days))


@pytest.mark.parametrize("method", ["rolling", "calendar", "unbounded"])
def test_day_n_equals_pandas(con, app, app_table, method):
    kw = dict(**APP, days=(0, 1, 7, 30), method=method)
    # a DataFrame: calendar days in the zone asked for
    expected = day_n(app, **kw, tz="Europe/Moscow")
    same(expected, day_n(app, **kw, tz="Europe/Moscow", backend=con))
    # a timestamptz table: the server's session zone (UTC here) decides the calendar date
    same(day_n(app, **kw, tz="UTC"), day_n(app_table, **kw))


def test_day_n_by_group_equals_pandas(con, app):
    # one event per instant: with two events at a customer's first instant the reference takes
    # the first row's group, an engine either (SQL tables have no row order)
    log = app.drop_duplicates(["user_id", "event_time"])
    for method in ("rolling", "calendar"):
        kw = dict(**APP, days=(1, 7), method=method, by="event", tz="UTC")
        same(day_n(log, **kw), day_n(log, **kw, backend=con))


def test_rfm_equals_pandas(con, shop, shop_table):
    kw = dict(**SHOP, amount="amount", order="order_id")
    same(rk.rfm_table(shop, **kw), rk.rfm_table(shop, **kw, backend=con))
    same(rk.rfm_table(shop, **kw), rk.rfm_table(shop_table, **kw))
    mean = dict(**kw, monetary="mean", as_of="2024-06-30")
    same(rk.rfm_table(shop, **mean), rk.rfm_table(shop_table, **mean))
    # without an order column one order = one distinct timestamp (to the second)
    no_order = dict(**SHOP, amount="amount")
    same(rk.rfm_table(shop, **no_order), rk.rfm_table(shop_table, **no_order))


def test_missing_column_is_named(shop_table):
    with pytest.raises(rk.MissingColumnError, match="'CustomerID'"):
        rk.cohort_table(shop_table, customer="CustomerID", time="order_time")


_N = 0
# no shrinking: with a server round trip per call it takes minutes; the example is printed as found
NO_SHRINK = [Phase.explicit, Phase.reuse, Phase.generate]


def _upload(con, df: pd.DataFrame):
    global _N
    _N += 1
    return con.create_table(f"gen_{_N}", df, overwrite=True)


@settings(
    max_examples=8,
    deadline=None,
    phases=NO_SHRINK,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(df=logs(subsecond=True))
def test_generated_logs_equal_pandas(con, df):
    kw = dict(customer="c", time="t")
    for freq in ("D", "W", "M", "Q"):
        same(
            rk.cohort_table(df, **kw, freq=freq, amount="a"),
            rk.cohort_table(df, **kw, freq=freq, amount="a", backend=con),
        )
        same(
            rk.period_table(df, **kw, freq=freq, active_days=30),
            rk.period_table(df, **kw, freq=freq, active_days=30, backend=con),
        )
    same(
        rk.cohort_table(df, **kw, by="g"),
        rk.cohort_table(df, **kw, by="g", backend=con),
    )
    same(rk.rfm_table(df, **kw, amount="a"), rk.rfm_table(df, **kw, amount="a", backend=con))
    for method in ("rolling", "calendar", "unbounded"):
        d = dict(**kw, days=(0, 1, 2, 7), method=method, tz="UTC")
        same(day_n(df, **d), day_n(df, **d, backend=con))


@settings(
    max_examples=5,
    deadline=None,
    phases=NO_SHRINK,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(df=logs(subsecond=True))
def test_generated_tables_equal_pandas(con, df):
    """The same logs stored as PostgreSQL tables (timestamp, or timestamptz when tz-aware)."""
    t = _upload(con, df)
    kw = dict(customer="c", time="t")
    # a timestamptz column reads in the session's zone (UTC): the reference sees it the same way
    ref = df.assign(t=df["t"].dt.tz_convert("UTC")) if df["t"].dt.tz is not None else df
    same(rk.cohort_table(ref, **kw, amount="a"), rk.cohort_table(t, **kw, amount="a"))
    same(rk.period_table(ref, **kw, active_days=30), rk.period_table(t, **kw, active_days=30))
    same(rk.rfm_table(ref, **kw, amount="a"), rk.rfm_table(t, **kw, amount="a"))
    for method in ("rolling", "calendar"):
        d = dict(**kw, days=(0, 1, 7), method=method)
        same(day_n(ref, **d, tz="UTC"), day_n(t, **d))


def test_timestamptz_is_read_in_the_session_time_zone(postgres, app):
    """A ``timestamptz`` column counts in the connection's time zone (PostgreSQL's TimeZone):
    with Moscow's, periods and calendar days are Moscow's, as pandas gives in that zone."""
    con = postgres.ibis_connect()
    try:
        con.raw_sql("SET TIME ZONE 'Europe/Moscow'")
        t = con.create_table("app_moscow", app, overwrite=True)
        moscow = app.assign(event_time=app["event_time"].dt.tz_convert("Europe/Moscow"))
        same(
            rk.cohort_table(moscow, **APP, freq="D"),
            rk.cohort_table(t, **APP, freq="D").assign(
                cohort=lambda d: d["cohort"].dt.tz_localize("Europe/Moscow")
            ),
        )
        kw = dict(**APP, days=(0, 1, 7), method="calendar")
        same(day_n(app, **kw, tz="Europe/Moscow"), day_n(t, **kw))
    finally:
        con.disconnect()


# --- revenue retention, lifecycle, the retention definitions; the edge cases ------------------


@pytest.mark.parametrize("freq", ["W", "M", "Q"])
def test_flow_analyses_equal_pandas(con, shop, shop_table, freq):
    log = shop[["customer_id", "order_time", "amount"]].set_axis(["c", "t", "a"], axis=1)
    t = con.create_table("shop_flow", log, overwrite=True)
    expected = flow_tables(log, freq=freq)
    for want, got in zip(expected, flow_tables(log, con, freq=freq), strict=True):
        same(want, got)
    for want, got in zip(expected, flow_tables(t, freq=freq), strict=True):
        same(want, got)


def test_flow_analyses_on_a_timestamptz_table(app, app_table):
    # a timestamptz column reads in the session's zone (UTC): the reference sees it the same way
    ref = app.assign(event_time=app["event_time"].dt.tz_convert("UTC"))
    for freq in ("W", "M"):
        kw = dict(**APP, freq=freq)
        same(rk.lifecycle_table(ref, **kw), rk.lifecycle_table(app_table, **kw))
        same(rk.retention_definitions(ref, **kw), rk.retention_definitions(app_table, **kw))


@settings(
    max_examples=6,
    deadline=None,
    phases=NO_SHRINK,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(df=flow_logs())
def test_flow_analyses_equal_pandas_on_generated_logs(con, df):
    for freq in ("D", "W", "M", "Q", "Y"):
        for want, got in zip(
            flow_tables(df, freq=freq), flow_tables(df, con, freq=freq), strict=True
        ):
            same(want, got)


@pytest.mark.parametrize("as_of", [None, "2024-06-30"])
def test_mrr_movements_equal_pandas(con, as_of):
    saas = rk.load_sample("saas_subscriptions")
    kw = dict(
        customer="customer_id",
        start_time="start_date",
        end_time="end_date",
        amount="monthly_price",
        as_of=as_of,
    )
    expected = rk.mrr_movements(saas, **kw)
    same(expected, rk.mrr_movements(saas, **kw, backend=con))
    same(expected, rk.mrr_movements(con.create_table("saas", saas, overwrite=True), **kw))


@pytest.mark.parametrize("case", sorted(EDGE_CASES))
def test_edge_case(con, case):
    check_edge_case(case, con)


# --- from a URL: the Python API and `retention-kit report URL --table ...` --------------------

SECRET = "s3cret-Pw-4711"  # trust authentication accepts any password; it must never show


def _url_with_password(postgres) -> str:
    return (
        f"postgresql://{postgres.user}:{SECRET}@{postgres.host}:{postgres.port}/{postgres.database}"
    )


def test_connect_accepts_a_postgresql_url(postgres, shop, shop_table):
    con = rk.backends.connect(postgres.url)
    try:
        same(rk.cohort_table(shop, **SHOP), rk.cohort_table(con.table("shop"), **SHOP))
    finally:
        con.disconnect()
    t = rk.backends.table_from_url(postgres.url, "public.shop")
    same(rk.period_table(shop, **SHOP), rk.period_table(t, **SHOP))


def test_connection_errors_mask_the_password(postgres):
    url = _url_with_password(postgres).rsplit("/", 1)[0] + "/no_such_db"
    with pytest.raises(rk.DataValidationError, match=r"could not connect to .*:\*\*\*@") as err:
        rk.backends.connect(url)
    assert SECRET not in str(err.value)
    with pytest.raises(rk.DataValidationError, match="no table 'nope'") as err:
        rk.backends.table_from_url(_url_with_password(postgres), "nope")
    assert SECRET not in str(err.value)


@pytest.mark.slow
def test_report_from_a_postgresql_table(postgres, shop_table, tmp_path):
    from tests.test_report import _text, run

    out = tmp_path / "report.html"
    result = run(
        "report",
        _url_with_password(postgres),
        "--table", "shop",
        "--customer", "customer_id",
        "--time", "order_time",
        "--amount", "amount",
        "--order", "order_id",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    html = _text(out.read_text(encoding="utf-8"))
    for text in (html, result.stdout, result.stderr):
        assert SECRET not in text
    assert f"postgresql://rk:***@127.0.0.1:{postgres.port}/rk_test, table shop" in html
    assert "3,000" in html  # the shop sample's customers, read from the server


def test_report_cli_wants_a_table_with_a_url(postgres):
    from tests.test_report import run

    result = run("report", _url_with_password(postgres), "--customer", "c", "--time", "t")
    assert result.returncode == 2
    assert "needs --table" in result.stderr and SECRET not in result.stderr
