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


# ------------------------------------------------------------- issue 10: messages in CLI terms


def run_in_process(capsys, *args: str) -> tuple[int, str]:
    from retention_kit.cli import main

    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = exit_.code
    return code, capsys.readouterr().err


def test_churn_from_end_without_new_is_an_error_not_a_traceback(capsys):
    # before: TypeError (S + N - E with N missing)
    code, err = run_in_process(capsys, "churn", "--start", "50", "--end", "40")
    assert code == 2 and "Traceback" not in err
    assert "churn needs --lost L, or both --new N and --end E" in err
    assert "you gave --end only" in err


def test_churn_without_end_says_churn_not_crr(capsys):
    code, err = run_in_process(capsys, "churn", "--start", "50", "--new", "6")
    assert code == 2
    assert "churn needs" in err and "you gave --new only" in err
    assert "CRR needs" not in err


def test_crr_without_end_or_lost_names_the_flags(capsys):
    code, err = run_in_process(capsys, "crr", "--start", "50", "--new", "6")
    assert code == 2 and "crr needs --end E" in err and "--lost L" in err


def test_command_names_are_case_insensitive_and_typos_get_a_hint(capsys):
    from retention_kit.cli import main

    assert main(["CRR", "--start", "50", "--new", "6", "--end", "54"]) == 0
    assert "96.0%" in capsys.readouterr().out
    code, err = run_in_process(capsys, "Chrun", "--start", "5")
    assert code == 2 and "did you mean 'churn'" in err


def test_backend_and_lang_choices_are_case_insensitive():
    from retention_kit.cli import build_parser

    args = build_parser().parse_args(
        ["report", "x.csv", "--customer", "c", "--time", "t", "--backend", "DuckDB"]
    )
    assert args.backend == "duckdb"
    assert build_parser().parse_args(["course", "d", "--lang", "EN"]).lang == "en"


@pytest.fixture()
def retail_csv(tmp_path):
    path = tmp_path / "orders.csv"
    path.write_text(
        "CustomerID,InvoiceDate,Amount\n"
        "A,2024-01-01,5\nB,2024-01-02,6\nA,2024-01-20,1\nC,2024-02-03,1\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("typo", ["customerid", "CUSTOMERID", "Customer ID"])
def test_column_hints_show_the_flag_not_python_syntax(capsys, tmp_path, retail_csv, typo):
    out = str(tmp_path / "r.html")
    code, err = run_in_process(
        capsys, "report", str(retail_csv), "--customer", typo, "--time", "InvoiceDate", "--out", out
    )
    assert code == 2
    assert "Did you mean 'CustomerID'? (--customer CustomerID)" in err  # whatever the case
    assert "Pass --customer one of them" in err
    assert "customer=" not in err


def test_python_arguments_in_any_report_error_become_flags(capsys, tmp_path, retail_csv):
    out = str(tmp_path / "r.html")
    code, err = run_in_process(
        capsys,
        "report",
        str(retail_csv),
        "--customer",
        "CustomerID",
        "--time",
        "InvoiceDate",
        "--active-days",
        "1e9",
        "--out",
        out,
    )
    assert code == 2
    assert "--active-days 1000000000.0: it must be a positive number" in err
    assert "e.g. --active-days 90" in err and "active_days=" not in err


def test_a_ragged_line_is_named_not_reported_as_a_missing_customer(capsys, tmp_path):
    path = tmp_path / "ragged.csv"
    # line 3 lacks its last field, the customer id
    path.write_text("InvoiceDate,Amount,CustomerID\n2024-01-01,5,A\n2024-01-02,6\n2024-01-03,1,C\n")
    code, err = run_in_process(
        capsys,
        "report",
        str(path),
        "--customer",
        "CustomerID",
        "--time",
        "InvoiceDate",
        "--out",
        str(tmp_path / "r.html"),
    )
    assert code == 2
    assert "line 3 of" in err and "is ragged: it has 2 fields where the header has 3" in err
    assert "(customer=) is empty" not in err and "--customer) is empty" not in err
    import retention_kit as rk

    with pytest.raises(rk.DataValidationError, match="line 3 of .* is ragged"):
        rk.period_table(path, customer="CustomerID", time="InvoiceDate")
    # a line with one field too many is named as ragged too
    path.write_text("InvoiceDate,Amount,CustomerID\n2024-01-01,5,A\n2024-01-02,6,B,x\n")
    with pytest.raises(rk.DataValidationError, match="line 3 of .* has 4 fields where the header"):
        rk.read_table(path)


def test_a_log_shorter_than_the_window_gets_a_window_to_try(capsys, tmp_path, retail_csv):
    # 2024-01-01 .. 2024-02-03: 33 days, less than the default 90-day window. A third of the
    # span is 11 days; with monthly periods the log holds no complete period after January,
    # so a shorter period is suggested too; with weeks only the window.
    out = str(tmp_path / "r.html")
    base = ["report", str(retail_csv), "--customer", "CustomerID", "--time", "InvoiceDate"]
    code, err = run_in_process(capsys, *base, "--out", out)
    assert code == 0
    assert "note: The log covers 33 days" in err
    assert "--freq W" in err and "--active-days 11" in err
    code, err = run_in_process(capsys, *base, "--freq", "W", "--out", out, "--force")
    assert code == 0 and "Try --active-days 11" in err
    # the suggestion works: no note, a median CRR in the report
    code, err = run_in_process(
        capsys, *base, "--freq", "W", "--active-days", "11", "--out", out, "--force"
    )
    assert code == 0 and "note:" not in err
    assert "Median CRR over the" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_ltv_errors_name_the_ltv_flags(capsys):
    code, err = run_in_process(capsys, "ltv", "--monthly-profit", "500", "--lifetime-months", "-3")
    assert code == 2 and "--lifetime-months must not be negative, got -3" in err
    code, err = run_in_process(capsys, "ltv", "--monthly-profit", "500", "--churn", "0")
    assert code == 2 and "--churn must be a fraction in (0, 1]" in err
    assert "monthly_churn" not in err
