"""Shared test set-up: a non-interactive matplotlib backend, and no figure left open."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before any test imports pyplot: no display on CI

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL server for the whole run (see tests/postgres_support.py).

    Skipped, with the reason, where no server can be had; a failure instead with
    RK_REQUIRE_POSTGRES=1 (CI), so that the PostgreSQL proof cannot silently go missing.
    """
    import os

    from tests.postgres_support import Cluster, NoServer

    required = os.environ.get("RK_REQUIRE_POSTGRES") == "1"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        reason = "the PostgreSQL tests need the driver: pip install 'psycopg[binary]'"
        if required:
            pytest.fail(f"RK_REQUIRE_POSTGRES=1 but {reason}")
        pytest.skip(reason)
    cluster = None
    try:
        cluster = Cluster()
        server = cluster.start()
    except NoServer as e:
        if cluster is not None:
            cluster.stop()
        if required:
            pytest.fail(f"RK_REQUIRE_POSTGRES=1 but {e}")
        pytest.skip(str(e))
    try:
        yield server
    finally:
        cluster.stop()
