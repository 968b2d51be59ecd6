#!/usr/bin/env bash
# Make sure the PostgreSQL tests (tests/test_postgres.py) have a server to start.
#
#   bash tools/install_postgres.sh
#
# Idempotent and never fails the build: if PostgreSQL's server programs (initdb, pg_ctl) are
# already there it does nothing; as root on Debian/Ubuntu it installs the distribution's
# `postgresql` package with apt-get; otherwise it says what to do and exits 0 (the PostgreSQL
# tests then skip with the same advice, or fail under RK_REQUIRE_POSTGRES=1 as in CI).
# The tests never use a running system server: each run starts a throwaway cluster of its own
# (tests/postgres_support.py), so the package's own service is neither needed nor touched.
set -u

say() { echo "install_postgres: $*"; }

if [ -n "${RK_PG_BIN:-}" ]; then
    if [ -x "$RK_PG_BIN/initdb" ] && [ -x "$RK_PG_BIN/pg_ctl" ]; then
        say "using RK_PG_BIN=$RK_PG_BIN"
    else
        say "RK_PG_BIN=$RK_PG_BIN has no initdb and pg_ctl; the PostgreSQL tests will skip"
    fi
    exit 0
fi

found() {
    if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        echo "$(command -v pg_ctl)"
        return 0
    fi
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
            echo "$dir/pg_ctl"
            return 0
        fi
    done
    return 1
}

if where=$(found); then
    say "found $where, nothing to install"
    exit 0
fi

if [ "$(id -u)" != "0" ]; then
    say "no PostgreSQL server programs (initdb, pg_ctl) and not root: install them yourself"
    say "  (Debian/Ubuntu: sudo apt-get install postgresql), or set RK_PG_BIN=/path/to/bin;"
    say "  until then the PostgreSQL tests are skipped"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    say "no apt-get on this system: install PostgreSQL with your package manager, or set"
    say "  RK_PG_BIN=/path/to/bin; until then the PostgreSQL tests are skipped"
    exit 0
fi

say "installing Debian's postgresql with apt-get (a minute the first time)"
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; then
    if where=$(found); then
        say "installed $where"
        exit 0
    fi
fi
say "could not install postgresql with apt-get; the PostgreSQL tests will be skipped"
exit 0
