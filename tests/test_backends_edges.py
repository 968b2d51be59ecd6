"""Edges of the engine layer (retention_kit/backends) on DuckDB, written for the survivors of
mutation testing (tools/mutation.py backends): connections and URLs, reading files, wall-clock
times, and small hand-made logs through pandas and DuckDB with the expectation worked by hand.

Fast (a few seconds): DuckDB in memory only; Spark and PostgreSQL have their own tests.
"""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import retention_kit as rk
from retention_kit import backends

ibis = pytest.importorskip("ibis", reason="the engine backends need: pip install -e '.[big]'")


# --------------------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        (
            "postgresql://ann:s3cret@db.example:5432/shop",
            "postgresql://ann:***@db.example:5432/shop",
        ),
        ("postgresql://ann:s3cret@db.example/shop", "postgresql://ann:***@db.example/shop"),
        ("postgresql://:s3cret@[::1]:5432/shop", "postgresql://:***@[::1]:5432/shop"),
        ("postgresql://ann@db.example:5432/shop", "postgresql://ann@db.example:5432/shop"),
        ("postgresql://ann:s3cret@/shop", "postgresql://ann:***@/shop"),  # a local socket
        ("duckdb:///data/shop.duckdb", "duckdb:///data/shop.duckdb"),
    ],
)
def test_mask_url_hides_only_the_password(url, masked):
    assert backends.mask_url(url) == masked


def test_is_url_means_a_connection_url_not_a_file():
    assert backends.is_url("postgresql://ann@db/shop")
    assert backends.is_url("duckdb:///shop.duckdb")
    assert not backends.is_url("file:///data/shop.csv")
    assert not backends.is_url("data/shop.csv")
    assert not backends.is_url(None)


def _tables(con):
    # (Ibis' list_tables needs a DuckDB API that DuckDB 1.4 no longer has)
    rows = con.raw_sql("SELECT table_name FROM information_schema.tables").fetchall()
    return {name for (name,) in rows}


def test_a_duckdb_url_opens_any_file_name_and_the_bare_scheme_is_in_memory(tmp_path, monkeypatch):
    path = tmp_path / "shop.db"  # not .duckdb, which ibis.connect would want
    con = backends.connect_url(f"duckdb://{path}")
    con.raw_sql("CREATE TABLE sales AS SELECT 1 AS x")
    con.disconnect()
    assert path.is_file()
    assert _tables(backends.connect(f"duckdb://{path}")) == {"sales"}
    # a relative file name is the URL's "host" part
    monkeypatch.chdir(tmp_path)
    assert _tables(backends.connect_url("duckdb://shop.db")) == {"sales"}
    memory = backends.connect_url("duckdb://", threads=3)  # options reach DuckDB
    assert memory.raw_sql("SELECT current_database(), current_setting('threads')").fetchone() == (
        "memory",
        3,
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.db"]


def test_connect_url_names_the_url_and_never_repeats_the_password():
    # the driver's message quotes the path, here with the password in it
    with pytest.raises(
        rk.DataValidationError, match=r"could not connect to duckdb://ann:\*\*\*@"
    ) as info:
        backends.connect_url("duckdb://ann:s3cret@/no/such/folder/x.db")
    assert "s3cret" not in str(info.value)
    assert "ann:***@/no/such/folder/x.db" in str(info.value).split(": ", 1)[1]  # the driver's
    with pytest.raises(
        rk.DataValidationError, match=r"could not connect to postgresql://ann:\*\*\*@"
    ):
        backends.connect_url("postgresql://ann:s3cret@127.0.0.1:1/shop")  # nothing listens there


def test_a_missing_driver_says_what_to_install():
    with pytest.raises(
        rk.InvalidParameterError,
        match=r"^mysql://ann:\*\*\*@127\.0\.0\.1:1/db: the driver for 'mysql' is not installed "
        r"\(ibis-framework\[mysql\]\); for PostgreSQL: pip install 'retention-kit\[postgres\]'\.$",
    ):
        backends.connect_url("mysql://ann:pw@127.0.0.1:1/db")


def test_table_from_url_reads_a_table_with_or_without_its_schema(tmp_path):
    path = tmp_path / "shop.duckdb"
    con = backends.connect("duckdb", database=str(path))
    con.raw_sql("CREATE TABLE sales AS SELECT 'a' AS c, 2 AS n")
    con.raw_sql("CREATE SCHEMA other; CREATE TABLE other.sales AS SELECT 'b' AS c, 3 AS n")
    con.disconnect()
    url = f"duckdb://{path}"
    for name, row in (("sales", ["a", 2]), ("main.sales", ["a", 2]), ("other.sales", ["b", 3])):
        got = backends.table_from_url(url, name).execute()
        assert got.to_dict("list") == {"c": [row[0]], "n": [row[1]]}
    # the driver's own words follow (they name the table)
    with pytest.raises(rk.DataValidationError, match=rf"^no table 'nope' in {url}: .*nope"):
        backends.table_from_url(url, "nope")
    # connection options reach DuckDB
    t = backends.table_from_url(url, "sales", threads=3)
    assert t.get_backend().raw_sql("SELECT current_setting('threads')").fetchone() == (3,)


# --------------------------------------------------------------------------- connect, table


def test_connect_duckdb_applies_the_settings_and_the_database_path(tmp_path):
    con = backends.connect(
        "duckdb", threads=1, memory_limit="300MB", temp_directory=str(tmp_path / "spill")
    )
    threads, temp = con.raw_sql(
        "SELECT current_setting('threads'), current_setting('temp_directory')"
    ).fetchone()
    assert (threads, temp) == (1, str(tmp_path / "spill"))
    assert con.raw_sql("SELECT current_database()").fetchone()[0] == "memory"
    backends.connect("duckdb", database=str(tmp_path / "x.duckdb")).disconnect()
    assert (tmp_path / "x.duckdb").is_file()


def test_connect_refuses_an_unknown_engine_by_name():
    with pytest.raises(rk.InvalidParameterError, match=r"^backend='oracle' is not an engine"):
        backends.connect("oracle")


LOG = pd.DataFrame({"c": ["a", "b", "a"], "n": [1, 2, 3]})


@pytest.mark.parametrize("name", ["log.csv", "log.csv.gz", "log.tsv", "log.parquet", "log.pq"])
def test_table_reads_each_file_kind_on_the_engine(tmp_path, name):
    path = tmp_path / name
    if "parquet" in name or name.endswith(".pq"):
        LOG.to_parquet(path)
    else:
        LOG.to_csv(path, index=False, sep="\t" if name.endswith(".tsv") else ",")
    got = backends.table(str(path)).execute()
    assert got.to_dict("list") == LOG.to_dict("list")


def test_an_analysis_reads_a_file_path_on_the_engine(tmp_path):
    path = tmp_path / "events.parquet"
    EVENTS.to_parquet(path)
    got = rk.cohort_table(str(path), customer="c", time="t", backend="duckdb")
    # a joins in January, b in February: one customer in each cohort's first month
    assert got.loc[got["age"] == 0, "customers"].tolist() == [1, 1]


def test_table_reads_a_folder_of_parquet_files_recursively(tmp_path):
    (tmp_path / "2024" / "01").mkdir(parents=True)
    LOG.iloc[:1].to_parquet(tmp_path / "part-0.parquet")
    LOG.iloc[1:].to_parquet(tmp_path / "2024" / "01" / "part-1.parquet")
    got = backends.table(tmp_path).execute().sort_values("n", ignore_index=True)
    assert got.to_dict("list") == LOG.to_dict("list")


def test_table_reads_a_glob_of_files(tmp_path):
    LOG.iloc[:1].to_parquet(tmp_path / "part-0.parquet")
    LOG.iloc[1:].to_parquet(tmp_path / "part-1.parquet")
    got = backends.table(str(tmp_path / "part-*.parquet")).execute()
    assert got.sort_values("n")["n"].tolist() == [1, 2, 3]


def test_table_errors_name_the_source(tmp_path):
    for missing in ("/no/such/log.csv", "/no/such/EXPORT_X.csv"):
        with pytest.raises(rk.DataValidationError, match=rf"^'{missing}' does not exist"):
            backends.table(missing)
    (tmp_path / "log.json").write_text("{}")
    with pytest.raises(rk.InvalidParameterError, match=r"cannot read '.*log\.json' with an engine"):
        backends.table(str(tmp_path / "log.json"))


def test_table_of_an_ibis_table_is_that_table_and_frames_get_views_of_their_own():
    con = backends.connect("duckdb")
    t = backends.table(LOG, con=con)
    assert backends.table(t) is t
    other = backends.table(LOG.assign(n=[7, 8, 9]), con=con)
    assert t.get_name() != other.get_name()
    assert t.execute()["n"].tolist() == [1, 2, 3]  # the first view is not replaced


def test_resolve_runs_pandas_unless_an_engine_is_asked_for_or_the_data_is_on_one():
    assert backends.resolve(LOG, None) is None
    assert backends.resolve(LOG, "pandas") is None
    con = backends.connect("duckdb")
    t = backends.table(LOG, con=con)
    assert backends.resolve(t, None) is t
    assert backends.resolve(t, "duckdb") is t
    on_con = backends.resolve(LOG, con)
    assert on_con.execute().to_dict("list") == LOG.to_dict("list")
    assert on_con.get_backend() is con and t.get_backend() is con  # the connection given
    assert backends.resolve(LOG, "duckdb").execute().to_dict("list") == LOG.to_dict("list")
    assert backends.is_ibis_table(t)
    assert not backends.is_ibis_table(LOG)


# --------------------------------------------------------------------------- RFM on the engine

# a: order o1 is two rows 5 minutes apart, order o2 is exactly at as_of (kept, recency 0);
# b: one order 1.5 days before as_of (recency 1: whole days, floored); c: one second after
# as_of (left out). With order=: a has 2 orders, without: 3 distinct timestamps.
RFM_LOG = pd.DataFrame(
    {
        "c": ["a", "a", "a", "b", "c"],
        "t": pd.to_datetime(
            [
                "2024-03-01 10:00",
                "2024-03-01 10:05",
                "2024-03-05 00:00",
                "2024-03-03 12:00",
                "2024-03-05 00:00:01",
            ],
            format="ISO8601",
        ),
        "o": ["o1", "o1", "o2", "o3", "o4"],
        "x": [10, 5, 20, 7, 100],
    }
)
RFM_COLUMNS = ["c", "recency", "frequency", "monetary", "r_score", "f_score", "m_score"]


def _rfm_by_hand(a_orders):
    # two customers: the better one beats 1 of 2 (score 1 + 5 * 1 // 2 = 3), the other none (1)
    return pd.DataFrame(
        {
            "c": ["a", "b"],
            "recency": [0, 1],
            "frequency": [a_orders, 1],
            "monetary": [35.0, 7.0],
            "r_score": [3, 1],
            "f_score": [3, 1],
            "m_score": [3, 1],
        }
    )


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
@pytest.mark.parametrize(("order", "a_orders"), [("o", 2), (None, 3)])
def test_rfm_as_of_edge_and_orders_by_hand(backend, order, a_orders):
    got = rk.rfm_table(
        RFM_LOG,
        customer="c",
        time="t",
        amount="x",
        order=order,
        as_of="2024-03-05",
        backend=backend,
    )
    pd.testing.assert_frame_equal(got[RFM_COLUMNS], _rfm_by_hand(a_orders), check_dtype=False)


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_rfm_as_of_of_another_zone_is_the_same_instant_on_a_tz_aware_log(backend):
    # the log in Moscow time (UTC+3); as_of 21:00 UTC is midnight in Moscow: a's purchase at
    # 00:00 local is exactly at as_of (kept); c's, one second later, is not
    log = RFM_LOG.assign(t=RFM_LOG["t"].dt.tz_localize("Europe/Moscow"))
    as_of = pd.Timestamp("2024-03-04 21:00", tz="UTC")
    got = rk.rfm_table(
        log, customer="c", time="t", amount="x", order="o", as_of=as_of, backend=backend
    )
    pd.testing.assert_frame_equal(got[RFM_COLUMNS], _rfm_by_hand(2), check_dtype=False)


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_rfm_with_integer_customer_ids_by_hand(backend):
    log = RFM_LOG.assign(c=[20, 20, 20, 3, 7])  # rows come sorted by id: 3 before 20
    got = rk.rfm_table(
        log, customer="c", time="t", amount="x", order="o", as_of="2024-03-05", backend=backend
    )
    expected = _rfm_by_hand(2).iloc[::-1].reset_index(drop=True).assign(c=[3, 20])
    pd.testing.assert_frame_equal(got[RFM_COLUMNS], expected, check_dtype=False)


def test_rfm_on_an_ibis_table_checks_its_arguments_and_columns():
    t = backends.table(RFM_LOG)
    kw = dict(customer="c", time="t", amount="x", order="o")
    got = rk.rfm_table(t, **kw, as_of="2024-03-05")
    pd.testing.assert_frame_equal(got[RFM_COLUMNS], _rfm_by_hand(2), check_dtype=False)
    assert got["monetary"].dtype == "float64"  # integer amounts, money as on pandas
    with pytest.raises(rk.InvalidParameterError, match=r"monetary='median'.*'total' or 'mean'"):
        rk.rfm_table(t, **kw, monetary="median")
    with pytest.raises(rk.RetentionKitError, match=r"^as_of='not a date' is not a date"):
        rk.rfm_table(t, **kw, as_of="not a date")
    for role in ("customer", "time", "amount", "order"):
        with pytest.raises(rk.MissingColumnError, match=r"the column 'nope'"):
            rk.rfm_table(t, **{**kw, role: "nope"})


# --------------------------------------------------------------------------- attribute cohorts

# a's first event has no g (cohort "(none)"), b's is "y", d's "x"; the data ends 2 March.
# a buys in Jan and Feb, b in Jan and Mar, d in Feb only.
BY_LOG = pd.DataFrame(
    {
        "c": ["a", "a", "b", "b", "d"],
        "t": pd.to_datetime(["2024-01-05", "2024-02-03", "2024-01-20", "2024-03-02", "2024-02-10"]),
        "g": [None, "x", "y", "y", "x"],
    }
)


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_cohorts_by_an_attribute_put_the_missing_value_last(backend):
    got = rk.cohort_table(BY_LOG, customer="c", time="t", by="g", backend=backend)
    # x joined in Feb (ages 0-1 seen), y and (none) in Jan (ages 0-2); "(none)" comes last
    expected = pd.DataFrame(
        {
            "cohort": ["x", "x", "y", "y", "y", "(none)", "(none)", "(none)"],
            "age": [0, 1, 0, 1, 2, 0, 1, 2],
            "customers": [1, 0, 1, 0, 1, 1, 1, 0],
            "cohort_size": [1] * 8,
        }
    )
    pd.testing.assert_frame_equal(
        got[["cohort", "age", "customers", "cohort_size"]], expected, check_dtype=False
    )


# --------------------------------------------------------------------------- missing columns

EVENTS = pd.DataFrame(
    {
        "c": ["a", "b"],
        "t": pd.to_datetime(["2024-01-05", "2024-02-01"]),
        "g": ["x", "y"],
        "x": [1.0, 2.0],
    }
)
SUBS = pd.DataFrame(
    {
        "c": ["a"],
        "s": pd.to_datetime(["2024-01-05"]),
        "e": pd.to_datetime(["2024-03-01"]),
        "x": [10.0],
    }
)
# analysis -> (its data, its column arguments)
ON_EVENTS = dict(customer="c", time="t")
COLUMN_ROLES = {
    "cohort_table": (EVENTS, {**ON_EVENTS, "by": "g", "amount": "x"}),
    "day_n_retention": (EVENTS, {**ON_EVENTS, "by": "g", "days": (0,)}),
    "period_table": (EVENTS, ON_EVENTS),
    "revenue_retention": (EVENTS, {**ON_EVENTS, "amount": "x"}),
    "lifecycle_table": (EVENTS, ON_EVENTS),
    "retention_definitions": (EVENTS, ON_EVENTS),
    "mrr_movements": (SUBS, dict(customer="c", start_time="s", end_time="e", amount="x")),
}
COLUMN_CASES = [
    (name, role)
    for name, (_, kw) in COLUMN_ROLES.items()
    for role, value in kw.items()
    if isinstance(value, str)
]


@pytest.mark.parametrize(("analysis", "role"), COLUMN_CASES)
def test_an_ibis_table_without_a_named_column_gets_the_kits_error(analysis, role):
    data, kw = COLUMN_ROLES[analysis]
    t = backends.table(data)
    with pytest.raises(rk.MissingColumnError, match=r"needs the column 'nope'"):
        getattr(rk, analysis)(t, **{**kw, role: "nope"})


# --------------------------------------------------------------------------- time zones

# Berlin time; the data's last event, 02:30 on 27 October 2024, is in the hour the clocks go
# back (02:00-03:00 happens twice): as a wall-clock time it is ambiguous, and the engine, which
# sees wall-clock times, must still find the end of observation.
DST_LOG = pd.DataFrame(
    {
        "c": ["a", "b", "a"],
        "t": pd.to_datetime(["2024-09-30 10:00", "2024-10-26 22:30", "2024-10-27 01:30"])
        .tz_localize("UTC")
        .tz_convert("Europe/Berlin"),
        "x": [1.0, 2.0, 3.0],
    }
)


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_the_last_event_in_the_repeated_hour_of_a_dst_change(backend):
    kw = dict(customer="c", time="t", backend=backend)
    # a joins in September and is back in October; b joins in October; October is not over
    cohorts = rk.cohort_table(DST_LOG, **kw)
    assert cohorts["customers"].tolist() == [1, 1, 1]
    assert cohorts["complete"].tolist() == [True, False, False]
    assert str(cohorts["cohort"].dt.tz) == "Europe/Berlin"
    # observed to midnight in Berlin (23:00 UTC on 31 October): October is complete
    until = pd.Timestamp("2024-10-31 23:00", tz="UTC")
    assert rk.cohort_table(DST_LOG, **kw, observed_until=until)["complete"].all()
    life = rk.lifecycle_table(DST_LOG, **kw)
    assert life[["active", "new", "returning"]].to_numpy().tolist() == [[1, 1, 0], [2, 1, 1]]
    assert life["complete"].tolist() == [True, False]
    assert str(life["period"].dt.tz) == "Europe/Berlin"
    revenue = rk.revenue_retention(DST_LOG, **kw, amount="x")
    assert revenue["complete"].tolist() == [True, False]
    assert revenue["end_revenue"].tolist() == [1.0, 5.0]  # October: a 3 + b 2
    assert str(revenue["period"].dt.tz) == "Europe/Berlin"
    defs = rk.retention_definitions(DST_LOG, **kw)  # age 1 (October) of no cohort is complete
    assert defs.groupby("age")["cohorts_used"].max().tolist() == [1, 0]
    # observed to midnight in Berlin: the September cohort's age 1 counts
    defs = rk.retention_definitions(DST_LOG, **kw, observed_until=until)
    assert defs.groupby("age")["cohorts_used"].max().tolist() == [2, 1]
    periods = rk.period_table(DST_LOG, **kw, active_days=30)
    assert periods["end"].tolist() == [1, 2]
    assert periods["complete"].tolist() == [True, False]


# --------------------------------------------------------------------------- day N

# Moscow time (UTC+3). a: first event 1 March 10:00, back 2 March 09:00; z: 2 March 12:00, the
# data's last event. observed_until is given in UTC.
DAY_N_TZ = pd.DataFrame(
    {
        "c": ["a", "a", "z"],
        "t": pd.to_datetime(
            ["2024-03-01 10:00", "2024-03-02 09:00", "2024-03-02 12:00"]
        ).tz_localize("Europe/Moscow"),
    }
)


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
@pytest.mark.parametrize(
    ("method", "until", "expected"),
    [
        # calendar days of Moscow: 21:00 UTC is midnight starting 3 March. a's day 1 (2 March)
        # and z's day 0 (2 March) end exactly then: eligible; a was back on 2 March
        ("calendar", "2024-03-02 21:00", [[0, 2, 2], [1, 1, 1]]),
        ("calendar", "2024-03-02 20:59", [[0, 1, 1], [1, 0, 0]]),  # a minute earlier: not
        ("calendar", None, [[0, 1, 1], [1, 0, 0]]),  # observation ends at z's event
        # 24-hour windows from the first event: a's day 1 is [2 Mar 07:00, 3 Mar 07:00) UTC,
        # which ends exactly at observed_until; a's return (2 Mar 06:00 UTC) is in day 0
        ("rolling", "2024-03-03 07:00", [[0, 1, 1], [1, 1, 0]]),
        ("rolling", "2024-03-03 06:59", [[0, 1, 1], [1, 0, 0]]),
    ],
)
def test_day_n_observed_until_in_another_zone_by_hand(backend, method, until, expected):
    got = rk.day_n_retention(
        DAY_N_TZ,
        customer="c",
        time="t",
        days=(0, 1),
        method=method,
        tz="Europe/Moscow",
        observed_until=pd.Timestamp(until, tz="UTC") if until else None,
        backend=backend,
    )
    assert got[["day", "users", "retained"]].to_numpy().tolist() == expected


# a's first event has no g ("(none)"), a's second has "w", which is nobody's first event; b
# starts in y, d in x with the data's last event (eligible for nothing). Day 1 of a and b holds
# their second event (a: 1.5 days, b: 32 hours after the first).
BY_DAY_N = pd.DataFrame(
    {
        "c": ["a", "a", "b", "b", "d"],
        "t": pd.to_datetime(
            ["2024-01-05", "2024-01-06 12:00", "2024-01-20", "2024-01-21 08:00", "2024-02-10"],
            format="ISO8601",
        ),
        "g": [None, "w", "y", "y", "x"],
    }
)


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_day_n_by_an_attribute_with_a_missing_and_a_never_first_value(backend):
    got = rk.day_n_retention(BY_DAY_N, customer="c", time="t", days=(1,), by="g", backend=backend)
    assert got["g"].tolist() == ["w", "x", "y", "(none)"]
    assert got["users"].tolist() == [0, 0, 1, 1]
    assert got["retained"].tolist() == [0, 0, 1, 1]


# --------------------------------------------------------------------------- periods, MRR


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_period_table_since_counts_the_events_before_it(backend):
    # 30-day activity. At 1 Feb: a (10 Jan) and b (25 Jan), both before `since`, are active;
    # at 1 Mar only a (5 Feb); at 1 Apr only c (3 Mar), new in March
    log = pd.DataFrame(
        {
            "c": ["a", "b", "a", "c"],
            "t": pd.to_datetime(["2024-01-10", "2024-01-25", "2024-02-05", "2024-03-03"]),
        }
    )
    got = rk.period_table(
        log, customer="c", time="t", active_days=30, since="2024-02-01", backend=backend
    )
    assert got["period"].dt.strftime("%Y-%m").tolist() == ["2024-02", "2024-03"]
    assert got[["start", "new", "lost", "end", "first_time"]].to_numpy().tolist() == [
        [2, 0, 1, 1, 0],
        [1, 1, 1, 1, 1],
    ]
    upto = rk.period_table(
        log,
        customer="c",
        time="t",
        active_days=30,
        since="2024-02-01",
        until="2024-02-29",
        backend=backend,
    )
    assert upto[["start", "new", "lost", "end"]].to_numpy().tolist() == [[2, 0, 1, 1]]
    # March is not over at the last event (3 March), it is when observation runs to 1 April
    assert got["complete"].tolist() == [True, False]
    observed = rk.period_table(
        log,
        customer="c",
        time="t",
        active_days=30,
        since="2024-02-01",
        observed_until="2024-04-01",
        backend=backend,
    )
    assert observed["complete"].tolist() == [True, True]


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_mrr_as_of_before_a_subscription_ends(backend):
    # a pays 10 from January and ends 1 June, after as_of (31 March); b pays 20 from February
    # and never ends: the table stops in March, nobody churned yet
    subs = pd.DataFrame(
        {
            "c": ["a", "b"],
            "s": pd.to_datetime(["2024-01-10", "2024-02-01"]),
            "e": pd.to_datetime(["2024-06-01", None]),
            "x": [10.0, 20.0],
        }
    )
    got = rk.mrr_movements(
        subs,
        customer="c",
        start_time="s",
        end_time="e",
        amount="x",
        as_of="2024-03-31",
        backend=backend,
    )
    assert got["period"].dt.strftime("%Y-%m").tolist() == ["2024-01", "2024-02", "2024-03"]
    assert got["new"].tolist() == [10.0, 20.0, 0.0]
    assert got["end_revenue"].tolist() == [10.0, 30.0, 30.0]
    assert got["churned"].tolist() == [0.0, 0.0, 0.0]
    assert str(got["period"].dtype) == "datetime64[us]"  # the pandas reference's unit


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_mrr_a_free_trial_is_not_the_first_paid_period(backend):
    # a: a free trial (amount 0) in January, ended 1 February; a 1.00 plan from 5 March. March
    # is a's first paying period: new revenue, not a reactivation
    subs = pd.DataFrame(
        {
            "c": ["a", "a"],
            "s": pd.to_datetime(["2024-01-10", "2024-03-05"]),
            "e": pd.to_datetime(["2024-02-01", None]),
            "x": [0.0, 1.0],
        }
    )
    got = rk.mrr_movements(
        subs,
        customer="c",
        start_time="s",
        end_time="e",
        amount="x",
        as_of="2024-03-31",
        backend=backend,
    )
    assert got["new"].tolist() == [0.0, 0.0, 1.0]
    assert got["reactivation"].tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_rolling_day_n_counts_real_hours_across_a_dst_change(backend):
    # Berlin moves its clocks forward at 02:00 on 31 March 2024. a's second event, 12:30 on
    # 31 March, is 23.5 real hours after the first (12:00 on 30 March): day 0, although the
    # wall clock shows 24.5 hours. z's event ends observation.
    log = pd.DataFrame(
        {
            "c": ["a", "a", "z"],
            "t": pd.to_datetime(
                ["2024-03-30 12:00", "2024-03-31 12:30", "2024-04-10 00:00"]
            ).tz_localize("Europe/Berlin"),
        }
    )
    got = rk.day_n_retention(
        log, customer="c", time="t", days=(0, 1), method="rolling", backend=backend
    )
    assert got[["day", "users", "retained"]].to_numpy().tolist() == [[0, 1, 1], [1, 1, 0]]


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_mrr_of_a_subscription_started_in_the_repeated_hour_of_a_dst_change(backend):
    # Berlin: b starts at 02:30 on 27 October 2024 (the second 02:30, winter time), the latest
    # date of the table; a pays 10 from September. October: b's 5 is new, MRR 15
    subs = pd.DataFrame(
        {
            "c": ["a", "b"],
            "s": pd.to_datetime(["2024-09-10 10:00", "2024-10-27 02:30"]).tz_localize(
                "Europe/Berlin", ambiguous=[False, False]
            ),
            "e": pd.Series([pd.NaT, pd.NaT]).dt.tz_localize("Europe/Berlin"),
            "x": [10.0, 5.0],
        }
    )
    got = rk.mrr_movements(
        subs, customer="c", start_time="s", end_time="e", amount="x", backend=backend
    )
    assert got["new"].tolist() == [10.0, 5.0]
    assert got["end_revenue"].tolist() == [10.0, 15.0]
    assert str(got["period"].dt.tz) == "Europe/Berlin"


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_revenue_a_month_netted_to_zero_by_a_return_is_churn_then_reactivation(backend):
    # a pays 10 in January; in February buys 5 and returns it (net 0): January's 10 churns in
    # February (no contraction, nothing counted twice); March's 8 is a reactivation
    log = pd.DataFrame(
        {
            "c": ["a", "a", "a", "a"],
            "t": pd.to_datetime(["2024-01-10", "2024-02-03", "2024-02-20", "2024-03-05"]),
            "x": [10.0, 5.0, -5.0, 8.0],
        }
    )
    got = rk.revenue_retention(log, customer="c", time="t", amount="x", backend=backend)
    columns = ["new", "reactivation", "contraction", "churned", "end_revenue"]
    assert got[columns].to_numpy().tolist() == [
        [10.0, 0.0, 0.0, 0.0, 10.0],
        [0.0, 0.0, 0.0, 10.0, 0.0],
        [0.0, 8.0, 0.0, 0.0, 8.0],
    ]


@pytest.mark.parametrize("backend", [None, "duckdb"], ids=["pandas", "duckdb"])
def test_revenue_next_period_is_each_customers_own(backend):
    # 40 customers pay 10 in January and 10 in February; 40 others pay 10 in January and only
    # return 5 in February. Only the second group's January revenue churns (40 x 10): each
    # customer's next period must be their own, whatever order the engine keeps rows in
    keep = [f"k{i:02d}" for i in range(40)]
    back = [f"r{i:02d}" for i in range(40)]
    log = pd.DataFrame(
        {
            "c": keep * 2 + back * 2,
            "t": pd.to_datetime(["2024-01-15"] * 40 + ["2024-02-15"] * 40).tolist() * 2,
            "x": [10.0] * 80 + [10.0] * 40 + [-5.0] * 40,
        }
    )
    got = rk.revenue_retention(log, customer="c", time="t", amount="x", backend=backend)
    assert got["churned"].tolist() == [0.0, 400.0]
    assert got["end_revenue"].tolist() == [800.0, 400.0]


def test_an_ibis_table_with_a_zone_aware_time_column_runs_in_session_time():
    # a timestamptz column (as PostgreSQL gives) is cast to the session's wall-clock time
    # (DuckDB here: UTC); in UTC a joins in September and is back in October, b joins in October
    con = backends.connect("duckdb")
    con.raw_sql("SET TimeZone = 'UTC'")
    t = backends.table(DST_LOG, con=con)
    assert t.schema()["t"].timezone is not None
    got = rk.cohort_table(t, customer="c", time="t")
    assert got["customers"].tolist() == [1, 1, 1]
    assert got["cohort"].dt.strftime("%Y-%m").tolist() == ["2024-09", "2024-09", "2024-10"]


def test_ibis_own_notices_do_not_reach_the_user():
    # Ibis warns about its dependencies (pandas 4, DuckDB API deprecations) during a run; they
    # are not the user's business
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rk.cohort_table(EVENTS, customer="c", time="t", backend="duckdb")
    assert [str(w.message) for w in caught if "ibis" in w.filename] == []
