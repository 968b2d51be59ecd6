"""`retention-kit report`: the HTML report on the bundled samples, run as a user would (in a
subprocess), and the template's parameters."""

from __future__ import annotations

import html as html_lib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import retention_kit as rk
from retention_kit import report

SECTIONS = [
    "1. Loading and validation",
    "2. Overview",
    "3. Customers per period and the retention rate (CRR)",
    "4. Cohorts",
    "5. Day-N retention in 24-hour windows",
    "6. RFM segments",
    "7. Repeat purchase rate",
    "8. Your CRR against the sources",
    "9. Key numbers",
    "Summary",
]
# code of the template that must not show in the report (inputs are hidden)
CODE_BITS = ["import retention_kit", "rk.period_table(", "plt.show()", "rk.check("]


def run(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("retention-kit")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "retention_kit.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def _headings(html: str) -> list[str]:
    found = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html, flags=re.S)
    return [re.sub(r"<[^>]+>", "", h).replace("&#182;", "").replace("¶", "").strip() for h in found]


def _check_report(result: subprocess.CompletedProcess, out: Path) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "WARNING" not in result.stderr, result.stderr  # e.g. the kernel's TCP warning
    assert out.exists() and str(out) in result.stdout
    html = html_lib.unescape(out.read_text(encoding="utf-8"))
    headings = _headings(html)
    for section in SECTIONS:
        assert any(h.startswith(section) for h in headings), (section, headings)
    assert "Traceback" not in html and "Error" not in "".join(headings)
    for bit in CODE_BITS:
        assert bit not in html, f"code shows in the report: {bit!r}"
    # the student-only cells are left out
    assert "Learning goals" not in html and "Exercises" not in headings
    return html


@pytest.mark.slow
def test_report_on_the_shop_sample(tmp_path):
    out = tmp_path / "shop.html"
    path = rk.sample_path("shop_transactions")
    result = run(
        "report", str(path), "--customer", "customer_id", "--time", "order_time",
        "--amount", "amount", "--order", "order_id", "--out", str(out),
    )  # fmt: skip
    html = _check_report(result, out)
    # period chart, heatmap, curves, day-N chart, RFM chart, benchmark chart
    assert html.count("data:image/png;base64") >= 6
    assert "Retention report: <code>shop_transactions.csv</code>" in html  # the header
    assert "active_days = <code>90</code>" in html  # the default window, written as typed
    assert "Champions" in html  # the RFM segment table
    assert "Rows without a customer id (column 'customer_id'), dropped: 0." in html


@pytest.mark.slow
def test_report_on_uci_online_retail_without_amount(tmp_path):
    out = tmp_path / "uci.html"
    path = rk.sample_path("online_retail_sample")
    result = run(
        "report", str(path), "--customer", "CustomerID", "--time", "InvoiceDate",
        "--out", str(out),
    )  # fmt: skip
    html = _check_report(result, out)
    # period chart, heatmap, curves, day-N chart, benchmark chart (no RFM without amount)
    assert html.count("data:image/png;base64") >= 5
    # the sample has 300 rows without a CustomerID (data/samples/README.md)
    assert "Rows without a customer id (column 'CustomerID'), dropped: 300." in html
    assert "No amount column was given" in html


def test_a_bad_column_name_is_named_without_a_traceback(tmp_path):
    out = tmp_path / "bad.html"
    path = rk.sample_path("online_retail_sample")
    result = run(
        "report", str(path), "--customer", "Customer_ID", "--time", "InvoiceDate",
        "--out", str(out),
    )  # fmt: skip
    assert result.returncode != 0
    assert "Customer_ID" in result.stderr and "CustomerID" in result.stderr  # typo + suggestion
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    result = run(
        "report", str(tmp_path / "nope.csv"), "--customer", "a", "--time", "b",
        "--out", str(tmp_path / "x.html"),
    )  # fmt: skip
    assert result.returncode != 0
    assert "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_the_template_parameters_cell_matches_what_the_report_injects():
    nb = nbformat.read(report.TEMPLATE, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    assert nb.cells.index(tagged[0]) == next(
        i for i, c in enumerate(nb.cells) if c.cell_type == "code"
    )  # the first code cell
    defined = set(re.findall(r"^([A-Z_]+) = ", tagged[0].source, flags=re.M))
    params = report.report_parameters(
        rk.sample_path("shop_transactions"), customer="customer_id", time="order_time"
    )
    assert defined == set(params)


def test_report_only_cells_are_dropped_and_a_header_added(tmp_path):
    params = report.report_parameters(
        rk.sample_path("shop_transactions"), customer="customer_id", time="order_time"
    )
    path = report._report_template(report.TEMPLATE, params, tmp_path)
    nb = nbformat.read(path, as_version=4)
    sources = [c.source for c in nb.cells]
    assert sources[0].startswith("# Retention report: `shop_transactions.csv`")
    assert "customer = `customer_id`" in sources[0] and "amount" not in sources[0]
    assert not any("rk.check(" in s or "Learning goals" in s for s in sources)
    assert sources[-1].startswith("## Summary")


def test_bad_settings_fail_before_running(tmp_path):
    path = rk.sample_path("shop_transactions")
    with pytest.raises(rk.MissingColumnError, match="order_ID"):
        rk.build_report(path, "customer_id", "order_time", order="order_ID", out=tmp_path / "r")
    with pytest.raises(rk.InvalidParameterError, match="active_days"):
        rk.build_report(path, "customer_id", "order_time", active_days=0, out=tmp_path / "r")


@pytest.mark.slow
def test_report_with_the_duckdb_backend_matches_pandas(tmp_path):
    pytest.importorskip("duckdb")
    pytest.importorskip("ibis")
    out = tmp_path / "duck.html"
    path = rk.sample_path("shop_transactions")
    result = run(
        "report", str(path), "--customer", "customer_id", "--time", "order_time",
        "--amount", "amount", "--order", "order_id", "--backend", "duckdb", "--out", str(out),
    )  # fmt: skip
    html = _check_report(result, out)
    # the median CRR after the warm-up, computed here in pandas, is the one the engine reports
    orders = rk.load_sample("shop_transactions")
    periods = rk.period_table(orders, customer="customer_id", time="order_time", active_days=90)
    warm_up_end = orders["order_time"].min() + pd.Timedelta(days=90)
    median = periods.loc[periods["period"] >= warm_up_end, "crr"].median()
    assert f"after the warm-up: {rk.percent(median)}" in html
