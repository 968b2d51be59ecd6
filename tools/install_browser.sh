#!/usr/bin/env bash
# Make sure the browser suite (tests/browser, Playwright) has a Chromium to drive.
#
#   bash tools/install_browser.sh
#
# Idempotent and never fails the build: if a Chromium is already there it does nothing; as root
# on Debian/Ubuntu it installs the distribution's `chromium` package with apt-get; otherwise it
# says what to do and exits 0 (the browser tests then skip with the same advice).
# Playwright's own browser download (`playwright install`) is not used: it needs a download
# host that closed networks (and this project's CI) do not reach.
set -u

say() { echo "install_browser: $*"; }

if [ -n "${RK_CHROMIUM:-}" ]; then
    if [ -x "$RK_CHROMIUM" ]; then
        say "using RK_CHROMIUM=$RK_CHROMIUM"
    else
        say "RK_CHROMIUM=$RK_CHROMIUM is not an executable file; the browser tests will skip"
    fi
    exit 0
fi

for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then
        say "found $candidate, nothing to install"
        exit 0
    fi
done

if [ "$(id -u)" != "0" ]; then
    say "no Chromium at /usr/bin/chromium and not root: install it yourself"
    say "  (Debian/Ubuntu: sudo apt-get install chromium), or set RK_CHROMIUM=/path/to/chrome;"
    say "  until then the browser tests are skipped"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    say "no apt-get on this system: install Chromium with your package manager, or set"
    say "  RK_CHROMIUM=/path/to/chrome; until then the browser tests are skipped"
    exit 0
fi

say "installing Debian's chromium with apt-get (a few minutes the first time)"
export DEBIAN_FRONTEND=noninteractive
if apt-get update -qq && apt-get install -y -qq chromium >/dev/null; then
    if [ -x /usr/bin/chromium ]; then
        say "installed $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
        exit 0
    fi
fi
say "could not install chromium with apt-get; the browser tests will be skipped"
exit 0
