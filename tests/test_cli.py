"""The retention-kit command, run as a user would: in a subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("retention-kit")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "retention_kit.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def test_crr_with_end_prints_formula_and_result():
    r = run("crr", "--start", "50", "--new", "6", "--end", "54")
    assert r.returncode == 0, r.stderr
    # (54 - 6) / 50 = 48 / 50 = 96 %
    assert "(54 - 6) / 50" in r.stdout
    assert "48 / 50" in r.stdout
    assert "96.0%" in r.stdout


def test_crr_with_lost_shows_the_end_count():
    r = run("crr", "--start", "200", "--new", "150", "--lost", "140")
    assert r.returncode == 0, r.stderr
    # E = 200 + 150 - 140 = 210; CRR = 60 / 200 = 30 %, churn 70 %
    assert "= 210" in r.stdout and "30.0%" in r.stdout and "70.0%" in r.stdout


def test_churn_from_end_count():
    r = run("churn", "--start", "30", "--new", "8", "--end", "36")
    assert r.returncode == 0, r.stderr
    # L = 30 + 8 - 36 = 2; churn = 2 / 30 = 6.7 %
    assert "6.7%" in r.stdout


def test_ltv_from_churn():
    r = run("ltv", "--monthly-profit", "500", "--churn", "0.04")
    assert r.returncode == 0, r.stderr
    assert "25.00 months" in r.stdout and "12,500.00" in r.stdout  # 500 / 0.04


@pytest.mark.parametrize(
    "args,words",
    [
        (["crr", "--start", "0", "--new", "6", "--end", "6"], ["start", "greater than 0"]),
        (["crr", "--start", "50", "--new", "6", "--end", "60"], ["retained", "--start 50"]),
        (["crr", "--start", "50", "--new", "6", "--lost", "70"], ["--lost 70", "--start 50"]),
        (["crr", "--start", "-5", "--new", "6", "--end", "6"], ["start", "negative"]),
        (["crr", "--start", "50.5", "--new", "6", "--end", "54"], ["start", "whole"]),
        (["ltv", "--monthly-profit", "500"], ["--lifetime-months", "--churn"]),
    ],
)
def test_bad_input_exits_2_with_a_clear_message_and_no_traceback(args, words):
    r = run(*args)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr
    for w in words:
        assert w in r.stderr


def test_help_explains_each_command():
    r = run("--help")
    assert r.returncode == 0
    for cmd in ("crr", "churn", "ltv"):
        assert cmd in r.stdout
    assert "CRR = (E - N) / S" in run("crr", "--help").stdout
