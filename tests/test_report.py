"""`retention-kit report`: rendered in-process, self-contained, escaped, and careful with files.

The numbers are checked against a tiny log worked by hand; the samples are run as a user
would (in a subprocess) for the sections, the charts and the messages."""

from __future__ import annotations

import base64
import gc
import html as html_lib
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest

import retention_kit as rk

SECTIONS = [
    "1. Loading and validation",
    "2. Overview",
    "3. Customers per period and the retention rate (CRR)",
    "4. Cohorts",
    "5. Day-N retention in 24-hour windows",
    "6. RFM segments",
    "7. Repeat purchase rate",
    "Your CRR against the sources",
    "Key numbers",
    "Summary",
]
# what would make a browser reach the web: an external src/href/url(), or any script at all
WEB = re.compile(
    r"""(src|href)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?(https?:)?//|<script""", re.I
)


def run(*args: str) -> subprocess.CompletedProcess:
    exe = shutil.which("retention-kit")
    cmd = [exe, *args] if exe else [sys.executable, "-m", "retention_kit.cli", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=300)


def _headings(html: str) -> list[str]:
    found = re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html, flags=re.S)
    return [html_lib.unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in found]


def _text(html: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def tiny_log() -> pd.DataFrame:
    """Worked by hand. Activity window 31 days, months January-April 2024.

    a buys 5 Jan, 3 Feb, 2 Mar; b buys 10 Jan and 12 Jan (same month, two orders);
    c buys 20 Feb and 25 Mar; d buys 28 Apr.
    """
    rows = [
        ("a", "2024-01-05 10:00", 10.0),
        ("b", "2024-01-10 11:00", 20.0),
        ("b", "2024-01-12 09:30", 5.0),
        ("a", "2024-02-03 08:00", 15.0),
        ("c", "2024-02-20 18:00", 30.0),
        ("a", "2024-03-02 12:00", 10.0),
        ("c", "2024-03-25 13:00", 30.0),
        ("d", "2024-04-28 14:00", 7.5),
    ]
    log = pd.DataFrame(rows, columns=["cust", "ts", "amt"])
    log["ts"] = pd.to_datetime(log["ts"])
    return log


def test_tiny_log_numbers_by_hand(tmp_path):
    out = rk.build_report(
        tiny_log(), customer="cust", time="ts", amount="amt", out=tmp_path / "r.html",
        active_days=31, progress=None,
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    text = _text(html)
    assert "Rows read: 8. Rows kept: 8. Rows dropped: 0." in text
    # repeat purchases: a (3 orders), b (2 orders: two times), c (2) of 4 customers
    assert "3 of 4 customers bought at least twice: repeat purchase rate 75.0%." in text
    # active at 1 Feb: a, b (bought within 31 days); at 1 Mar: a (3 Feb), c (20 Feb); b lapsed.
    # February: S = 2, N = 1 (c), L = 1 (b), E = 2 -> CRR = (2 - 1) / 2 = 50 %.
    # March: S = 2 (a, c), at 1 Apr: a (2 Mar), c (25 Mar) -> CRR 100 %.
    # The warm-up ends 31 days after 5 Jan (5 Feb): only March starts after it, and April
    # (the log ends 28 Apr) is not complete. The median is March's 100 %.
    assert "Median CRR over the 1 complete periods after the warm-up: 100.0%" in text
    assert "inside its last period (April 2024: 28 of 30 days)" in text
    assert "total amount (returns dropped)" in text and "127.50" in text
    for section in SECTIONS:
        assert any(h.startswith(section) or section in h for h in _headings(html)), section
    assert "8. Revenue retention and growth accounting" in _headings(html)


def test_observed_until_completes_the_last_period_by_hand(tmp_path):
    # an export taken at midnight after April: April is over. By hand (31-day window), April:
    # S = 2 (a bought 2 Mar, c 25 Mar), at 1 May only d (28 Apr, new) is active: E = 1, N = 1,
    # CRR = (1 - 1) / 2 = 0 %. Median of March's 100 % and April's 0 % = 50 %.
    out = rk.build_report(
        tiny_log(), customer="cust", time="ts", amount="amt", out=tmp_path / "r.html",
        active_days=31, progress=None, observed_until="2024-05-01",
    )  # fmt: skip
    text = _text(out.read_text(encoding="utf-8"))
    assert "Median CRR over the 2 complete periods after the warm-up: 50.0%" in text
    assert "inside its last period" not in text
    # the command line takes it too; a date before the last event is refused, named
    done = run(
        "report", str(_write_csv(tmp_path)), "--customer", "cust", "--time", "ts",
        "--active-days", "31", "--observed-until", "2024-05-01", "--out",
        str(tmp_path / "cli.html"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Median CRR over the 2 complete periods" in _text(
        (tmp_path / "cli.html").read_text(encoding="utf-8")
    )
    with pytest.raises(rk.RetentionKitError, match="observed_until"):
        rk.build_report(
            tiny_log(), customer="cust", time="ts", out=tmp_path / "early.html",
            active_days=31, progress=None, observed_until="2024-04-01",
        )  # fmt: skip


def _write_csv(tmp_path) -> object:
    path = tmp_path / "tiny.csv"
    tiny_log().to_csv(path, index=False)
    return path


def test_the_report_is_self_contained_and_bounded(tmp_path):
    path = rk.sample_path("shop_transactions")
    out = rk.build_report(
        path, customer="customer_id", time="order_time", amount="amount", order="order_id",
        out=tmp_path / "shop.html", progress=None,
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert not WEB.search(html), WEB.search(html)
    # period, heatmap, curves, day-N, RFM, revenue movements, lifecycle, benchmarks
    assert html.count("data:image/svg+xml;base64,") == 8
    assert out.stat().st_size < 2_000_000  # the README's bound for the samples
    assert "Champions" in html and "Retention report: <code>shop_transactions.csv</code>" in html


def _charts(html: str) -> list[str]:
    """The report's charts, decoded: each an SVG document of its own."""
    found = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    return [base64.b64decode(data).decode("utf-8") for data in found]


def test_charts_are_svg_that_reach_nothing_outside(tmp_path):
    out = rk.build_report(
        tiny_log(), customer="cust", time="ts", amount="amt", out=tmp_path / "r.html",
        active_days=31, progress=None,
    )  # fmt: skip
    charts = _charts(out.read_text(encoding="utf-8"))
    assert len(charts) == 8
    for svg in charts:
        assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
        # no script, no external image or font, no link: only XML namespace names mention http
        assert "<script" not in svg and "@import" not in svg and "@font-face" not in svg
        assert not re.search(r'(xlink:)?href="(?!#|data:image/png;base64,)', svg)
        assert "<text" in svg  # text stays text (searchable, sharp), not glyph outlines


def test_the_rendering_shortcuts_change_no_chart(tmp_path, monkeypatch):
    """The fixed title height (``_BUILD_RC``) draws exactly what matplotlib's default placement
    draws for every chart of the report, and the garbage collector is left as it was."""
    from retention_kit import report

    path = rk.sample_path("shop_transactions")
    kw = dict(customer="customer_id", time="order_time", amount="amount", order="order_id")
    fast = rk.build_report(path, out=tmp_path / "fast.html", progress=None, **kw)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    monkeypatch.setattr(report, "_BUILD_RC", {})
    plain = rk.build_report(path, out=tmp_path / "plain.html", progress=None, **kw)
    fast_charts, plain_charts = (_charts(p.read_text(encoding="utf-8")) for p in (fast, plain))
    assert len(fast_charts) == 8
    assert fast_charts == plain_charts


def test_user_text_is_escaped_everywhere(tmp_path):
    evil = "<img src=x onerror=alert(1)>`"
    log = tiny_log().rename(columns={"cust": evil, "ts": "<script>t</script>"})
    log[evil] = ["<b>a</b>", "b", "b", "<b>a</b>", "c", "<b>a</b>", "c", "d"]
    name = tmp_path / "`<svg onload=alert(1)>.csv"
    log.to_csv(name, index=False)
    out = rk.build_report(
        name, customer=evil, time="<script>t</script>", out=tmp_path / "r.html",
        active_days=31, progress=None,
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    assert "<img src=x" not in html and "<b>a</b>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;`" in html  # shown, as text
    assert "<svg" not in html and "`&lt;svg onload=alert(1)&gt;.csv" in html


def test_out_is_never_the_input_nor_an_existing_file_and_is_checked_first(tmp_path):
    data = tmp_path / "sales.csv"
    tiny_log().to_csv(data, index=False)
    before = data.read_bytes()
    kw = dict(customer="cust", time="ts", progress=None)
    with pytest.raises(rk.InvalidParameterError, match="is the input file itself"):
        rk.build_report(data, out=data, **kw)
    with pytest.raises(rk.InvalidParameterError, match="is the input file itself"):
        rk.build_report(data, out=tmp_path / "." / "sales.csv", force=True, **kw)
    assert data.read_bytes() == before
    existing = tmp_path / "old.html"
    existing.write_text("keep me")
    with pytest.raises(rk.InvalidParameterError, match="already exists; pass --force"):
        rk.build_report(data, out=existing, **kw)
    assert existing.read_text() == "keep me"
    with pytest.raises(rk.InvalidParameterError, match="does not exist; create it first"):
        rk.build_report(data, out=tmp_path / "nope" / "r.html", **kw)
    with pytest.raises(rk.InvalidParameterError, match="is a folder"):
        rk.build_report(data, out=tmp_path, **kw)
    # the output check comes before reading the data: a bad file does not matter yet
    bad = tmp_path / "bad.csv"
    bad.write_text("cust,ts\n1,not a date\n")
    with pytest.raises(rk.InvalidParameterError, match="already exists"):
        rk.build_report(bad, out=existing, **kw)
    rk.build_report(data, out=existing, force=True, active_days=31, **kw)
    assert "Retention report" in existing.read_text()


def test_bad_settings_fail_before_running(tmp_path):
    path = rk.sample_path("shop_transactions")
    with pytest.raises(rk.MissingColumnError, match="order_ID"):
        rk.build_report(
            path, customer="customer_id", time="order_time", order="order_ID",
            out=tmp_path / "r.html",
        )  # fmt: skip
    for bad in (0, -5, "90", float("nan")):
        with pytest.raises(rk.InvalidParameterError, match="active_days"):
            rk.build_report(
                path, customer="customer_id", time="order_time", active_days=bad,
                out=tmp_path / "r.html",
            )  # fmt: skip
    assert not (tmp_path / "r.html").exists()


def test_cli_report_on_the_shop_sample_prints_progress(tmp_path):
    out = tmp_path / "shop.html"
    result = run(
        "report", str(rk.sample_path("shop_transactions")), "--customer", "customer_id",
        "--time", "order_time", "--amount", "amount", "--order", "order_id", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "WARNING" not in result.stderr
    assert str(out) in result.stdout
    progress = [line for line in result.stderr.splitlines() if line.startswith("report: ")]
    assert len(progress) >= 8  # a line per section
    again = run(
        "report", str(rk.sample_path("shop_transactions")), "--customer", "customer_id",
        "--time", "order_time", "--out", str(out),
    )  # fmt: skip
    assert again.returncode == 2 and "--force" in again.stderr


@pytest.mark.slow
def test_report_on_uci_online_retail_without_amount(tmp_path):
    out = tmp_path / "uci.html"
    result = run(
        "report", str(rk.sample_path("online_retail_sample")), "--customer", "CustomerID",
        "--time", "InvoiceDate", "--out", str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = _text(out.read_text(encoding="utf-8"))
    # the sample has 300 rows without a CustomerID (data/samples/README.md)
    assert "Rows without a customer id (column 'CustomerID'), dropped: 300." in text
    assert "No amount column was given: RFM needs the money" in text
    assert "returns cannot be told apart from purchases" in text


def test_a_bad_column_name_is_named_without_a_traceback(tmp_path):
    out = tmp_path / "bad.html"
    result = run(
        "report", str(rk.sample_path("online_retail_sample")), "--customer", "Customer_ID",
        "--time", "InvoiceDate", "--out", str(out),
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


@pytest.mark.slow
def test_report_with_the_duckdb_backend_matches_pandas(tmp_path):
    pytest.importorskip("duckdb")
    pytest.importorskip("ibis")
    path = rk.sample_path("shop_transactions")
    kw = dict(customer="customer_id", time="order_time", amount="amount", order="order_id")
    duck = rk.build_report(path, out=tmp_path / "d.html", backend="duckdb", progress=None, **kw)
    pand = rk.build_report(path, out=tmp_path / "p.html", progress=None, **kw)
    tables = lambda p: re.findall(r"<table.*?</table>", p.read_text(), flags=re.S)  # noqa: E731
    assert tables(duck) == tables(pand)  # every table of the report, cell for cell
