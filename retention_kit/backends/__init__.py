"""Run the core analyses on an engine other than pandas: DuckDB, Spark, or any Ibis backend.

The pandas code in ``retention_kit`` stays the readable teaching reference. This package
expresses the heavy part of the same analyses once with `Ibis <https://ibis-project.org>`_, which
compiles them to SQL for DuckDB (embedded; the default for files bigger than memory), Spark,
BigQuery, Snowflake, ClickHouse, PostgreSQL, Polars and others. The engine reduces the events to
small aggregates; the last, small step (rates, confidence intervals, scores) is the same pandas
code as the reference, so results are identical.

    import retention_kit as rk
    rk.cohort_table("events/*.parquet", customer="user_id", time="ts", backend="duckdb")
    con = rk.backends.connect("duckdb", memory_limit="1GB")
    rk.period_table(rk.backends.table("events/", con=con), customer="user_id", time="ts")
    spark_con = rk.backends.connect("spark")               # or ibis.pyspark.connect(session)
    rk.rfm_table(spark_con.table("sales"), customer="cid", time="ts", amount="amount")
    pg = rk.backends.connect("postgresql://ann@db.example:5432/shop")  # PGPASSWORD from the env
    rk.cohort_table(pg.table("sales"), customer="cid", time="ts")

Needs the optional dependencies: ``pip install 'retention-kit[big]'`` (PostgreSQL:
``'retention-kit[postgres]'``). Proven by the test suite, equal to pandas: DuckDB, Spark and
PostgreSQL (a real server). Other Ibis backends should work the same way but are not tested.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from .. import loading
from ..core.engines import ENGINES, wants_engine
from ..errors import DataValidationError, InvalidParameterError

# Engine analyses that model returns themselves (negative amounts allowed), as on pandas.
_RETURNS_MODELLED = frozenset({"revenue_retention", "lifecycle_table", "retention_definitions"})

__all__ = [
    "ENGINES",
    "connect",
    "local_spark",
    "table",
    "resolve",
    "is_ibis_table",
    "run",
    "wants_engine",
]


def _ibis() -> Any:
    try:
        import ibis
    except ImportError:  # pragma: no cover - depends on the install
        raise InvalidParameterError(
            "backend= needs Ibis, which is not installed: pip install 'retention-kit[big]' "
            "(ibis-framework with DuckDB and PySpark)."
        ) from None
    return ibis


def is_ibis_table(data: Any) -> bool:
    """True for an Ibis table expression (a table on some engine)."""
    try:
        import ibis.expr.types as ir
    except ImportError:
        return False
    return isinstance(data, ir.Table)


def mask_url(url: str) -> str:
    """``url`` with its password replaced by ``***``, for messages and reports.

    >>> mask_url("postgresql://ann:s3cret@db.example:5432/shop")
    'postgresql://ann:***@db.example:5432/shop'
    >>> mask_url("duckdb:///data/shop.duckdb")
    'duckdb:///data/shop.duckdb'
    """
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(str(url))
    if parts.password is None:
        return str(url)
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 literal
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}{port}"))


def is_url(source: Any) -> bool:
    """True for a connection URL such as ``postgresql://...`` or ``duckdb:///file.duckdb``."""
    return isinstance(source, str) and "://" in source and not source.startswith("file://")


def connect_url(url: str, **options: Any) -> Any:
    """An Ibis connection from a URL: ``postgresql://user@host:5432/db``,
    ``duckdb:///path/to/file.duckdb`` (``.duckdb``, ``.ddb`` or ``.db``), or any scheme
    ``ibis.connect`` knows (``clickhouse://``, ``mysql://``, ...).

    Credentials come from the URL or, better, from the environment: PostgreSQL's driver (libpq)
    reads ``PGPASSWORD``, ``PGUSER``, ``PGHOST``, ``PGPORT`` and ``~/.pgpass``. A password is never
    repeated in an error message (see :func:`mask_url`).

    Raises
    ------
    DataValidationError
        When the connection cannot be made (the message names the URL, password masked).
    """
    from urllib.parse import urlsplit

    from ..errors import DataValidationError

    ibis = _ibis()
    parts = urlsplit(url)
    masked = mask_url(url)
    try:
        if parts.scheme == "duckdb":  # any file name (ibis.connect wants .duckdb)
            path = (parts.netloc + parts.path) or ":memory:"
            return ibis.duckdb.connect(path, **options)
        return ibis.connect(url, **options)
    except ImportError as err:
        # Ibis' own "missing backend" error names no module (err.name is None)
        missing = err.name or f"ibis-framework[{parts.scheme}]"
        raise InvalidParameterError(
            f"{masked}: the driver for {parts.scheme!r} is not installed ({missing}); for "
            "PostgreSQL: pip install 'retention-kit[postgres]'."
        ) from None
    except Exception as err:  # the driver's own message, with any password taken out
        message = str(err)
        if parts.password:
            message = message.replace(parts.password, "***")
        raise DataValidationError(f"could not connect to {masked}: {message.strip()}") from None


def table_from_url(url: str, name: str, **options: Any) -> Any:
    """The Ibis table ``name`` (``"schema.table"`` allowed) of the database at ``url``.

    Raises
    ------
    DataValidationError
        When there is no such table (the message lists none of the credentials).
    """
    from ..errors import DataValidationError

    con = connect_url(url, **options)
    schema, _, bare = name.rpartition(".")
    try:
        return con.table(bare, database=schema or None)
    except Exception as err:
        raise DataValidationError(
            f"no table {name!r} in {mask_url(url)}: {str(err).strip().splitlines()[0]}"
        ) from None


def connect(engine: str = "duckdb", **options: Any) -> Any:
    """An Ibis connection. ``engine``: "duckdb" (options: ``memory_limit="1GB"``, ``threads``,
    ``temp_directory``, ``database`` path), "spark" (``session=`` an existing SparkSession;
    else a local one is started with ``master="local[2]"``), or a connection URL such as
    ``"postgresql://ann@db.example:5432/shop"`` or ``"duckdb:///data/shop.duckdb"`` (see
    :func:`connect_url`; the password is best left to the environment, ``PGPASSWORD``)."""
    if is_url(engine):
        return connect_url(engine, **options)
    ibis = _ibis()
    if engine == "duckdb":
        settings = {
            k: options.pop(k) for k in ("memory_limit", "threads", "temp_directory") if k in options
        }
        con = ibis.duckdb.connect(options.pop("database", ":memory:"), **options)
        for key, value in settings.items():
            con.raw_sql(f"SET {key} = '{value}'")
        return con
    if engine in ("spark", "pyspark"):
        session = options.pop("session", None)
        if session is None:
            session = local_spark(**options)
        return ibis.pyspark.connect(session)
    raise InvalidParameterError(
        f"backend={engine!r} is not an engine this kit knows; use one of {ENGINES}, or pass an "
        "Ibis connection / table (ibis.postgres.connect(...), ibis.bigquery.connect(...), ...)."
    )


def local_spark(master: str = "local[2]", warehouse: str | None = None) -> Any:
    """A local SparkSession for trying the Spark backend (UTC session time zone, no UI)."""
    import tempfile

    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(master)
        .appName("retention_kit")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.warehouse.dir", warehouse or tempfile.mkdtemp(prefix="rk-spark-"))
        .getOrCreate()
    )


def table(source: Any, con: Any = None, engine: str = "duckdb") -> Any:
    """An Ibis table for ``source``: a Parquet/CSV file, a folder or glob of them (read lazily by
    the engine, never loaded into pandas), a pandas DataFrame, or an Ibis table (returned as is)."""
    ibis = _ibis()
    if is_ibis_table(source):
        return source
    con = con if con is not None else connect(engine)
    if isinstance(source, pd.DataFrame):
        # a fresh name per frame: id() is reused once a frame is freed, and PostgreSQL refuses
        # to replace a view with one of other columns ("cannot drop columns from view")
        return con.create_view(f"rk_{uuid.uuid4().hex}", ibis.memtable(source), overwrite=True)
    path = Path(str(source))
    local = "://" not in str(source) and not any(ch in str(source) for ch in "*?[")
    if local and not path.exists():  # remote (s3://...) and glob sources are the engine's
        raise DataValidationError(
            f"{str(source)!r} does not exist; give a CSV or Parquet file, a folder or a glob of "
            "them (e.g. 'data/*.parquet')."
        )
    pattern = str(path / "**" / "*.parquet") if path.is_dir() else str(source)
    if pattern.endswith((".parquet", ".pq")) or path.is_dir():
        return con.read_parquet(pattern)
    if pattern.endswith((".csv", ".csv.gz", ".tsv")):
        return con.read_csv(pattern)
    raise InvalidParameterError(
        f"cannot read {source!r} with an engine: give a .parquet or .csv file, a folder of "
        "Parquet files, or a glob such as 'events/*.parquet'."
    )


def resolve(data: Any, backend: Any) -> Any | None:
    """The Ibis table to run on, or None when the pandas reference should run."""
    if backend in (None, "pandas") and not is_ibis_table(data):
        return None
    if is_ibis_table(data):
        return data
    if isinstance(backend, str):
        return table(data, con=connect(backend))
    return table(data, con=backend)  # an Ibis connection


def _wall_clock(df: pd.DataFrame, times: list[str], tz: Any = None) -> tuple[pd.DataFrame, Any]:
    """Hand engines naive wall-clock times: tz-aware columns become the first one's zone's (or
    ``tz``'s) local time. Returns the frame (a copy only when converted) and the zone."""
    col = df[times[0]]
    zone = getattr(getattr(col, "dt", None), "tz", None)
    if zone is None:
        return df, None
    out = df.copy()
    for name in times:
        if getattr(out[name].dt, "tz", None) is not None:
            out[name] = out[name].dt.tz_convert(tz or zone).dt.tz_localize(None)
    return out, (tz or zone)


def _naive_time(t: Any, time: str) -> Any:
    """A table's zone-aware time column (PostgreSQL ``timestamptz``, ...) as wall-clock time in
    the connection's session time zone, cast on the engine. Without it the engine's date parts
    (session zone) and the times it returns (converted by the driver) could disagree."""
    if time not in t.columns:
        return t  # the analysis names the missing column
    dtype = t.schema()[time]
    if dtype.is_timestamp() and dtype.timezone is not None:
        return t.mutate(**{time: t[time].cast(dtype.copy(timezone=None))})
    return t


def _through_the_gate(analysis: str, data: pd.DataFrame, kwargs: dict[str, Any]) -> pd.DataFrame:
    """A pandas DataFrame sent to an engine passes the same checks as on pandas (blank ids,
    unreadable or out-of-range dates, negative or infinite amounts), so an engine never gets
    data that the pandas path refuses. A file or a table already on an engine is read there."""
    customer = kwargs["customer"]
    if "start_time" in kwargs:
        return loading.prepare_subscriptions(
            data,
            customer=customer,
            start_time=kwargs["start_time"],
            end_time=kwargs["end_time"],
            amount=kwargs.get("amount"),
        )
    return loading.prepare_transactions(
        data,
        customer=customer,
        time=kwargs["time"],
        amount=kwargs.get("amount"),
        extra=[kwargs[k] for k in ("by", "order") if kwargs.get(k)],
        negative_amounts=analysis in _RETURNS_MODELLED,
    )


def run(
    implementation: Callable[..., pd.DataFrame],
    data: Any,
    backend: Any,
    *,
    wall_clock_zone: Any = None,
    **kwargs: Any,
) -> pd.DataFrame:
    """Run one engine ``implementation`` (looked up by ``core.engines.run_on_engine``) on the
    engine chosen by ``backend`` (or on the engine ``data`` already lives on).

    A tz-aware pandas time column is handed over as wall-clock time of ``wall_clock_zone``
    (default: its own zone), and the implementation gets that zone as ``tz=`` to label periods.
    """
    import warnings

    with warnings.catch_warnings():
        # Ibis' own deprecation notices about its dependencies (pandas 3, DuckDB 2) are not the
        # user's business; ours and the data's warnings still show.
        warnings.filterwarnings("ignore", module=r"ibis(\.|$)")
        # the time column, or a subscription table's start and end columns
        times = [kwargs["time"]] if "time" in kwargs else [kwargs["start_time"], kwargs["end_time"]]
        zone = None
        if isinstance(data, pd.DataFrame):
            data = _through_the_gate(implementation.__name__, data, kwargs)
        if isinstance(data, pd.DataFrame) and all(name in data.columns for name in times):
            data, zone = _wall_clock(data, times, wall_clock_zone)
        t = resolve(data, backend if backend not in (None, "pandas") else None)
        for name in times:
            t = _naive_time(t, name)
        return implementation(t, tz=zone, **kwargs)
