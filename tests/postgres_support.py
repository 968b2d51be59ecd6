"""A throwaway PostgreSQL server for the test suite (used by the ``postgres`` fixture).

``initdb`` into a fresh temporary folder (trust authentication, listening on 127.0.0.1 only, a
free port, its Unix socket in the same folder), ``pg_ctl start``, one database, and at the end
``pg_ctl stop`` and the folder removed. Nothing on the machine outside that folder is touched.

PostgreSQL refuses to run as root, and CI runs as root: then the server runs as the ``postgres``
user that Debian's package creates (or ``nobody``), through ``runuser`` (util-linux, on every
Debian), and the folder is handed to that user.

Where to find the server: ``RK_PG_BIN`` (a folder with ``initdb`` and ``pg_ctl``), else ``PATH``,
else Debian's ``/usr/lib/postgresql/<version>/bin`` (newest first).
``tools/install_postgres.sh`` installs Debian's package.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

HOW_TO_GET_ONE = (
    "no PostgreSQL server binaries (initdb, pg_ctl) found: run `bash tools/install_postgres.sh` "
    "(as root on Debian/Ubuntu it installs the `postgresql` package), or set RK_PG_BIN to the "
    "folder holding initdb and pg_ctl"
)


class NoServer(RuntimeError):
    """No PostgreSQL server can be had on this machine (the message says why)."""


@dataclass(frozen=True)
class Server:
    """Connection details of a running throwaway server."""

    host: str
    port: int
    user: str
    database: str

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{self.database}"

    def ibis_connect(self):
        import ibis

        return ibis.postgres.connect(
            host=self.host, port=self.port, user=self.user, database=self.database
        )


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None."""
    env = os.environ.get("RK_PG_BIN")
    if env:
        return Path(env) if (Path(env) / "initdb").exists() else None
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        # /usr/local/bin/pg_ctl may be a link into /usr/lib/postgresql/N/bin: follow it so that
        # pg_ctl finds the `postgres` executable beside it
        return Path(on_path).resolve().parent

    def version(initdb: str) -> int:
        name = Path(initdb).parent.parent.name
        return int(name) if name.isdigit() else 0

    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    return Path(debian[-1]).parent if debian else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> str | None:
    """The unprivileged user to run the server as when we are root, else None."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise NoServer("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


class Cluster:
    """A throwaway cluster: ``start()`` returns a :class:`Server`, ``stop()`` removes it all."""

    def __init__(self, bin_dir: Path | None = None, database: str = "rk_test") -> None:
        bin_dir = bin_dir or find_bin_dir()
        if bin_dir is None:
            raise NoServer(HOW_TO_GET_ONE)
        self.bin_dir = bin_dir
        self.database = database
        self.user = "rk"
        self.os_user = _run_as()
        if self.os_user and shutil.which("runuser") is None:
            raise NoServer("running as root and no `runuser` to start PostgreSQL as another user")
        self.root: Path | None = None
        self.port = 0

    def _cmd(self, *args: str) -> list[str]:
        prefix = ["runuser", "-u", self.os_user, "--"] if self.os_user else []
        return [*prefix, *args]

    def _check(self, *args: str, what: str) -> None:
        done = subprocess.run(
            self._cmd(*args), capture_output=True, text=True, timeout=120, cwd=self.root
        )
        if done.returncode != 0:
            log = self.root / "server.log" if self.root else None
            tail = log.read_text()[-2000:] if log and log.exists() else ""
            raise NoServer(f"{what} failed ({done.returncode}): {done.stderr[-2000:]}{tail}")

    def start(self) -> Server:
        # not under pytest's tmp folder: that one is private to root, the server user could not
        # enter it
        self.root = Path(tempfile.mkdtemp(prefix="rk-postgres-"))
        if self.os_user:
            os.chown(self.root, pwd.getpwnam(self.os_user).pw_uid, -1)
        data = self.root / "data"
        self._check(
            str(self.bin_dir / "initdb"),
            "-D", str(data),
            "--auth=trust",
            f"--username={self.user}",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
            what="initdb",
        )  # fmt: skip
        self.port = _free_port()
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c timezone=UTC "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._check(
            str(self.bin_dir / "pg_ctl"),
            "-D", str(data),
            "-l", str(self.root / "server.log"),
            "-o", options,
            "-w", "-t", "60",
            "start",
            what="pg_ctl start",
        )  # fmt: skip
        server = Server("127.0.0.1", self.port, self.user, self.database)
        import psycopg

        with psycopg.connect(
            host=server.host, port=server.port, user=server.user, dbname="postgres", autocommit=True
        ) as con:
            con.execute(f'CREATE DATABASE "{self.database}"')
        return server

    def stop(self) -> None:
        if self.root is None:
            return
        try:
            if (self.root / "data" / "postmaster.pid").exists():
                subprocess.run(
                    self._cmd(
                        str(self.bin_dir / "pg_ctl"),
                        "-D",
                        str(self.root / "data"),
                        "-m",
                        "fast",
                        "-w",
                        "-t",
                        "60",
                        "stop",
                    ),  # fmt: skip
                    capture_output=True,
                    timeout=120,
                    cwd=self.root,
                )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None
