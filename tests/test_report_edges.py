"""`retention-kit report` in detail, on tiny logs worked by hand: every line of text a section
writes, the progress lines, the settings line, the checks before any work, the chart pipeline
(one layout pass, SVG without prolog, the garbage collector left as it was).

Fast on purpose (no sample, no subprocess): this is the test selection of the mutation run of
``retention_kit/report.py`` (tools/mutation.py)."""

from __future__ import annotations

import base64
import gc
import html as html_lib
import re
import sys

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import retention_kit as rk
from retention_kit import report
from retention_kit.plots import _style


def tiny_log() -> pd.DataFrame:
    """a buys 5 Jan, 3 Feb, 2 Mar; b 10 Jan and 12 Jan; c 20 Feb and 25 Mar; d 28 Apr 2024.

    Orders: a1, b1, b2, a2, c1, a3, c2, d1; amounts 10, 20, 5, 15, 30, 10, 30, 7.5 (127.5)."""
    rows = [
        ("a", "2024-01-05 10:00", 10.0, "o1"),
        ("b", "2024-01-10 11:00", 20.0, "o2"),
        ("b", "2024-01-12 09:30", 5.0, "o3"),
        ("a", "2024-02-03 08:00", 15.0, "o4"),
        ("c", "2024-02-20 18:00", 30.0, "o5"),
        ("a", "2024-03-02 12:00", 10.0, "o6"),
        ("c", "2024-03-25 13:00", 30.0, "o7"),
        ("d", "2024-04-28 14:00", 7.5, "o8"),
    ]
    log = pd.DataFrame(rows, columns=["cust", "ts", "amt", "oid"])
    log["ts"] = pd.to_datetime(log["ts"])
    return log


def _text(html: str) -> str:
    """The page as a reader sees it: tags become line breaks, entities are decoded."""
    body = html.split("<body>", 1)[-1]
    text = html_lib.unescape(re.sub(r"<[^>]+>", "\n", body))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _table(html: str, heading: str) -> dict[str, str]:
    """The measure -> value table right after the heading that starts with ``heading``."""
    part = html.split(heading, 1)[1]
    table = re.search(r"<table.*?</table>", part, flags=re.S).group(0)
    cells = re.findall(r"<td>(.*?)</td>", table, flags=re.S)
    return {
        html_lib.unescape(k): html_lib.unescape(v)
        for k, v in zip(cells[::2], cells[1::2], strict=True)
    }


@pytest.fixture
def full(tmp_path):
    """The tiny log with amounts and orders, 31-day window; the progress lines collected.

    Function-scoped on purpose: mutmut maps each test to the functions it calls, and a shared
    fixture would be credited to the first test only. The checks of this one report run in
    one test (:func:`test_the_full_report_on_the_tiny_log`) instead."""
    said: list[str] = []
    out = tmp_path / "r.html"
    path = rk.build_report(
        tiny_log(), customer="cust", time="ts", amount="amt", order="oid", out=out,
        active_days=31, progress=said.append,
    )  # fmt: skip
    return path, path.read_text(encoding="utf-8"), said


def _progress_a_line_per_section_then_the_file(full):
    path, _, said = full
    assert said == [
        "loading and validating",
        "overview",
        "period table",
        "cohorts",
        "day-N retention",
        "RFM segments",
        "repeat purchases",
        "revenue retention",
        "benchmarks",
        "key numbers",
        f"writing {path}",
    ]


def test_default_progress_goes_to_stderr_with_a_prefix(capsys):
    report._progress("cohorts")
    captured = capsys.readouterr()
    assert captured.err == "report: cohorts\n" and captured.out == ""


def _headings_in_order_numbered(full):
    _, html, _ = full
    headings = [html_lib.unescape(h) for h in re.findall(r"<h2 id=\"s\d+\">(.*?)</h2>", html)]
    assert headings == [
        "1. Loading and validation",
        "2. Overview",
        "3. Customers per period and the retention rate (CRR)",
        "4. Cohorts",
        "5. Day-N retention in 24-hour windows",
        "6. RFM segments",
        "7. Repeat purchase rate",
        "8. Revenue retention and growth accounting",
        "9. Your CRR against the sources' benchmarks",
        "10. Key numbers",
        "Summary",
    ]
    assert re.findall(r'<h2 id="(s\d+)">', html) == [f"s{i}" for i in range(1, 12)]


def _title_and_settings_line(full):
    _, html, _ = full
    assert "<title>Retention report: a pandas DataFrame</title>" in html
    # every given setting, in the order of the signature; the window as %g; None left out
    settings = (
        "Settings: customer = <code>cust</code>, time = <code>ts</code>, amount = "
        "<code>amt</code>, returns = <code>drop</code>, order = <code>oid</code>, period = "
        "<code>M</code>, active_days = <code>31</code>, backend = <code>pandas</code>."
    )
    assert settings in html
    assert f"<code>retention-kit report</code> {rk.__version__} on " in html


def _loading_section_lines(full):
    _, html, _ = full
    text = _text(html)
    assert "\nRows read: 8. Rows kept: 8. Rows dropped: 0.\n" in text
    assert "\nRows without a customer id (column 'cust'), dropped: 0.\n" in text
    assert "Data-quality note" not in text
    assert "No amount column was given" not in text
    # the log ends 28 Apr 14:00: April is observed for 28 of its 30 days
    assert (
        "\nObservation ends on 2024-04-28, inside its last period (April 2024: 28 of 30 days). "
        "That period's numbers are not final: the tables mark it complete = False, the charts "
        "hatch or circle it, and it is left out of the medians below.\n"
    ) in text


def _overview_by_hand(full):
    _, html, _ = full
    assert _table(html, "2. Overview") == {
        "rows (after validation)": "8",
        "customers": "4",
        "first event": "2024-01-05 10:00:00",
        "last event": "2024-04-28 14:00:00",
        # 5 Jan 10:00 to 28 Apr 14:00 is 114 days and 4 hours (2024 is a leap year): day 115
        "days covered": "115",
        "orders": "8",
        "total amount (returns dropped)": "127.50",
    }


def _period_section_by_hand(full):
    _, html, _ = full
    text = _text(html)
    # March (the one complete period after the 31-day warm-up): S = 2 (a, c), E = 2, N = 0
    assert (
        "\nMedian CRR over the 1 complete periods after the warm-up: 100.0% (period 'M', "
        "activity window 31 days).\n"
    ) in text
    section = html.split("3. Customers per period", 1)[1].split("<h2", 1)[0]
    assert "<table" in section and section.count("data:image/svg+xml;base64,") == 1
    assert 'alt="CRR and churn per period"' in section
    # the percents are shown as such, the periods as dates
    assert "<td>2024-03-01</td>" in section and "<td>100.0%</td>" in section


def _sections_charts_and_their_alt_texts(full):
    _, html, _ = full
    alts = re.findall(r'<img alt="([^"]*)" src="data:image/svg\+xml;base64,', html)
    assert [html_lib.unescape(a) for a in alts] == [
        "CRR and churn per period",
        "cohort heatmap",
        "retention curves",
        "day-N retention",
        "RFM segments",
        "revenue movements",
        "lifecycle: new, returning, resurrecting, dormant",
        "your CRR against the benchmarks",
    ]


def _repeat_and_key_numbers_by_hand(full):
    _, html, _ = full
    text = _text(html)
    # a (3 orders), b (2), c (2) of 4 customers: 3 / 4
    assert "\n3 of 4 customers bought at least twice: repeat purchase rate 75.0%.\n" in text
    key = _table(html, "10. Key numbers")
    assert list(key)[:4] == [
        "customers",
        "median CRR per period (complete periods after the warm-up)",
        "median churn per period (complete periods after the warm-up)",
        "repeat purchase rate",
    ]
    assert key["customers"] == "4"
    assert key["median CRR per period (complete periods after the warm-up)"] == "100.0%"
    # March: L = 0 of S = 2
    assert key["median churn per period (complete periods after the warm-up)"] == "0.0%"
    assert key["repeat purchase rate"] == "75.0%"
    days = [k for k in key if k.startswith("day-")]
    assert days == [f"day-{d} retention (24-hour windows)" for d in (1, 7, 14, 30, 60, 90)]
    assert re.fullmatch(r"[A-Za-z' ]+ \(\d\)", key["largest RFM segment"])


def _revenue_section_medians_by_hand(full):
    _, html, _ = full
    section = _text(html.split("8. Revenue retention", 1)[1].split("<h2", 1)[0])
    # January: a 10, b 25; February: a 15, c 30; March: a 10, c 30; April (not over): d 7.5.
    # February against January: start 35, a expands by 5, b's 25 churn, c is new:
    #   NRR = (35 + 5 - 25) / 35 = 42.86 %, GRR = (35 - 25) / 35 = 28.57 %.
    # March against February: start 45, a contracts by 5: NRR = GRR = 40 / 45 = 88.89 %.
    # Medians of the two: NRR 65.87 %, GRR 58.73 %.
    assert "\nMedian NRR over the complete periods: 65.9%; median GRR: 58.7%.\n" in (
        "\n" + section + "\n"
    )
    assert section.count("data:image") == 0 and html.count('alt="revenue movements"') == 1


def _summary_lines(full):
    _, html, _ = full
    summary = html.split(">Summary</h2>", 1)[1]
    items = [html_lib.unescape(i) for i in re.findall(r"<li>(.*?)</li>", summary)]
    assert items == [
        "Validation first: section 1 says what was dropped or flagged, and which period is "
        "not complete.",
        "CRR = (E − N) / S and churn = L / S per period (Source: article 000); the activity "
        "window defines who counts as a customer: keep it fixed when comparing.",
        "Cohorts compare groups at the same age; mind small and recent cohorts.",
        "Day-N retention is counted in 24-hour windows over customers whose day N is covered.",
        "The benchmarks' period is unknown: compare with your own history first.",
    ]


def _charts_are_bare_svg_documents(full):
    _, html, _ = full
    found = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert len(found) == 8
    for data in found:
        svg = base64.b64decode(data).decode("utf-8")
        assert svg.startswith("<svg") and "<?xml" not in svg and "<!DOCTYPE" not in svg
        assert "<dc:date>" not in svg and "retention-kit" in svg
        assert "font-family" in svg  # text as text, in the page's fonts


def test_without_amount_no_rfm_no_revenue_and_renumbered(tmp_path):
    said: list[str] = []
    out = rk.build_report(
        tiny_log(), customer="cust", time="ts", out=tmp_path / "r.html", active_days=31,
        progress=said.append,
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    text = _text(html)
    assert "revenue retention" not in said and len(said) == 10
    assert (
        "\nNo amount column was given: returns cannot be told apart from purchases, so every "
        "row counts as a purchase.\n"
    ) in text
    assert (
        "\nNo amount column was given: RFM needs the money of each order, so this section is "
        "skipped. Give --amount (a column with the money of each row) to add it.\n"
    ) in text
    headings = [html_lib.unescape(h) for h in re.findall(r"<h2 id=\"s\d+\">(.*?)</h2>", html)]
    assert headings[7:] == [
        "8. Your CRR against the sources' benchmarks",
        "9. Key numbers",
        "Summary",
    ]
    assert html.count("data:image/svg+xml;base64,") == 5  # no RFM, revenue, lifecycle
    key = _table(html, "9. Key numbers")
    assert "largest RFM segment" not in key and "orders" not in _table(html, "2. Overview")
    assert "Settings: customer = <code>cust</code>, time = <code>ts</code>, period" in html


def test_dates_only_skip_day_n(tmp_path):
    log = tiny_log()
    log["ts"] = log["ts"].dt.normalize()
    out = rk.build_report(
        log, customer="cust", time="ts", amount="amt", out=tmp_path / "r.html",
        active_days=31, progress=None,
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert (
        "\nEvery time in the data is at midnight (dates without a time of day), so day-N "
        "retention in 24-hour windows cannot be measured: this section is skipped.\n"
    ) in _text(html)
    assert not any(k.startswith("day-") for k in _table(html, "10. Key numbers"))
    assert html.count("data:image/svg+xml;base64,") == 7


def test_no_complete_period_gives_the_hint_and_no_benchmark_chart(tmp_path):
    # 40 days of data with a 90-day window: every period is inside the warm-up
    log = pd.DataFrame(
        {
            "cust": ["a", "b", "a", "c"],
            "ts": pd.to_datetime(
                ["2024-01-01 10:00", "2024-01-15 10:00", "2024-01-20 10:00", "2024-02-10 10:00"]
            ),
        }
    )
    with pytest.warns(rk.DataQualityWarning, match="no complete period is left to summarise"):
        out = rk.build_report(log, customer="cust", time="ts", out=tmp_path / "r.html",
                              progress=None)  # fmt: skip
    html = out.read_text(encoding="utf-8")
    text = _text(html)
    assert "\nThere is no median CRR to compare (see section 3).\n" in text
    assert "Median CRR over the" not in text
    assert 'alt="your CRR against the benchmarks"' not in html
    key = _table(html, "9. Key numbers")
    assert key["median CRR per period (complete periods after the warm-up)"] == "–"
    assert key["median churn per period (complete periods after the warm-up)"] == "–"


def test_short_log_hint_by_hand():
    first, last = pd.Timestamp("2024-01-01"), pd.Timestamp("2024-03-01")
    # 60 days; the last complete period starts 1 Feb, 31 days after the first event:
    # min(31 - 1, 60 / 3) = 20
    hint = report._short_log_hint(
        first, last, pd.Series(pd.to_datetime(["2024-01-01", "2024-02-01"])), 90.0, "M"
    )
    assert hint == (
        "The log covers 60 days (2024-01-01 to 2024-03-01) and the activity window is 90 "
        "days: nobody can lapse before a whole window has passed, so every CRR inside the "
        "warm-up is 100 % and no complete period is left to summarise. Try active_days=20 "
        "(about a third of the log's span), or a window that matches how often your customers "
        "normally buy."
    )
    # room of exactly 2 days: min(2 - 1, 20) = 1
    hint = report._short_log_hint(first, last, pd.Series(pd.to_datetime(["2024-01-03"])), 7.5, "W")
    assert "window is 7.5 days" in hint and "Try active_days=1 (about" in hint
    # no complete period at all: a shorter period, and a third of the span
    for freq, shorter in [("M", "W"), ("ME", "W"), ("Q", "M"), ("Y", "Q"), ("A", "Y"),
                          ("W", "D"), ("D", "D"), ("w", "D")]:  # fmt: skip
        hint = report._short_log_hint(first, last, pd.Series([], dtype="datetime64[ns]"), 90.0,
                                      freq)  # fmt: skip
        assert hint.endswith(
            f"With freq={freq!r} the log holds no complete period after its first one: use a "
            f"shorter period, e.g. freq={shorter!r}, and a window of about a third of the span, "
            "active_days=20."
        ), (freq, hint)
    # a room below 2 days is no room: one day after the start
    hint = report._short_log_hint(first, last, pd.Series(pd.to_datetime(["2024-01-02"])), 90.0,
                                  "M")  # fmt: skip
    assert "Try active_days" not in hint and "active_days=20." in hint


def test_short_log_hint_never_below_one_day():
    first, last = pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-02")
    hint = report._short_log_hint(first, last, pd.Series([], dtype="datetime64[ns]"), 3.0, "D")
    assert hint.startswith("The log covers 1 days") and hint.endswith("active_days=1.")


def test_fmt_number():
    assert report._fmt_number(1234.0) == "1,234"
    assert report._fmt_number(1234.5) == "1,234.50"
    assert report._fmt_number(0.125) == "0.12"
    assert report._fmt_number(-7) == "-7"


def test_source_name(tmp_path):
    assert report._source_name(tmp_path / "sales.csv") == "sales.csv"
    assert report._source_name(str(tmp_path / "x" / "a.parquet")) == "a.parquet"
    assert report._source_name(tiny_log()) == "a pandas DataFrame"
    assert report._source_name(object()) == "a table on an engine"


def test_returns_net_and_quantity_times_price(tmp_path):
    log = tiny_log()
    log["qty"] = 1.0
    log.loc[7, "qty"] = 3.0
    log["price"] = log["amt"]
    log.loc[7, "price"] = 2.5  # d: 3 x 2.5 = 7.5 as before
    extra = pd.DataFrame(
        {"cust": ["a"], "ts": [pd.Timestamp("2024-03-03 12:00")], "amt": [0.0], "oid": ["o9"],
         "qty": [-1.0], "price": [10.0]}
    )  # fmt: skip
    log = pd.concat([log, extra], ignore_index=True).drop(columns="amt")
    out = rk.build_report(
        log, customer="cust", time="ts", quantity="qty", price="price", returns="net",
        out=tmp_path / "r.html", active_days=31, progress=None,
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    overview = _table(html, "2. Overview")
    # 127.5 bought, a return of 1 x 10 netted: 117.5
    assert overview["total amount (net of returns)"] == "117.50"
    assert (
        "Settings: customer = <code>cust</code>, time = <code>ts</code>, amount = "
        "<code>amount</code>, quantity = <code>qty</code>, price = <code>price</code>, returns "
        "= <code>net</code>, period"
    ) in html
    assert "6. RFM segments" in html and "No amount column" not in html


def test_duplicates_are_noted_once(tmp_path):
    log = pd.concat([tiny_log(), tiny_log().iloc[[0, 0]]], ignore_index=True)
    out = rk.build_report(
        log, customer="cust", time="ts", out=tmp_path / "r.html", active_days=31,
        progress=None,
    )  # fmt: skip
    text = _text(out.read_text(encoding="utf-8"))
    notes = [line for line in text.splitlines() if line.startswith("Data-quality note: ")]
    assert len(notes) == 1 and "duplicate" in notes[0]
    assert "Rows read: 10. Rows kept: 10. Rows dropped: 0." in text


def test_missing_customers_counted(tmp_path):
    log = tiny_log()
    log["cust"] = log["cust"].astype(object)
    log.loc[[1, 4], "cust"] = None
    path = tmp_path / "in.csv"
    log.to_csv(path, index=False)
    out = rk.build_report(
        path, customer="cust", time="ts", out=tmp_path / "r.html", active_days=31,
        progress=None,
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    text = _text(html)
    assert "Rows read: 8. Rows kept: 6. Rows dropped: 2." in text
    assert "Rows without a customer id (column 'cust'), dropped: 2." in text
    assert "<title>Retention report: in.csv</title>" in html


def test_daily_period_uses_weekly_cohorts(tmp_path, monkeypatch):
    asked = []
    cohort_table = rk.cohort_table

    def spy(*args, **kwargs):
        asked.append(kwargs["freq"])
        return cohort_table(*args, **kwargs)

    monkeypatch.setattr(rk, "cohort_table", spy)
    for freq in ("D", "W", "M"):
        out = rk.build_report(
            tiny_log(), customer="cust", time="ts", freq=freq, active_days=31,
            out=tmp_path / f"{freq}.html", progress=None,
        )  # fmt: skip
        assert f"period = <code>{freq}</code>" in out.read_text(encoding="utf-8")
    # daily cohorts would be one row per day: the report groups them by week
    assert asked == ["W", "W", "M"]


# -- the checks before any work ------------------------------------------------------------


def test_check_output_messages(tmp_path, monkeypatch):
    data = tmp_path / "in.csv"
    data.write_text("x")
    with pytest.raises(rk.InvalidParameterError) as err:
        report.check_output(data, source=str(data))
    assert str(err.value) == (
        f"--out {str(data)!r} is the input file itself; writing the report there would "
        "destroy your data. Give another name, e.g. --out report.html."
    )
    with pytest.raises(rk.InvalidParameterError) as err:
        report.check_output(tmp_path, source=data)
    assert str(err.value) == (
        f"--out {str(tmp_path)!r} is a folder; give a file name, e.g. --out "
        f"{tmp_path / 'report.html'}."
    )
    with pytest.raises(rk.InvalidParameterError) as err:
        report.check_output(data)
    assert str(err.value) == (
        f"--out {str(data)!r} already exists; pass --force to replace it, or choose another name."
    )
    assert report.check_output(data, force=True) == data.resolve()
    missing = tmp_path / "nope" / "r.html"
    with pytest.raises(rk.InvalidParameterError) as err:
        report.check_output(missing)
    assert str(err.value) == (
        f"the folder of --out, {str(tmp_path / 'nope')!r}, does not exist; create it first or "
        "choose another path."
    )
    # the same name elsewhere is not the input; a DataFrame source is no file
    other = tmp_path / "sub"
    other.mkdir()
    assert report.check_output(other / "in.csv", source=data) == (other / "in.csv").resolve()
    assert report.check_output(tmp_path / "r.html", source=tiny_log()) == tmp_path / "r.html"
    monkeypatch.setattr(report.os, "access", lambda path, mode: False)
    with pytest.raises(rk.InvalidParameterError) as err:
        report.check_output(tmp_path / "r.html")
    assert str(err.value) == (
        f"the folder {str(tmp_path)!r} is not writable; choose another path for --out."
    )


def test_check_output_expands_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert report.check_output("~/r.html") == tmp_path / "r.html"
    (tmp_path / "in.csv").write_text("x")
    with pytest.raises(rk.InvalidParameterError, match="is the input file itself"):
        report.check_output(tmp_path / "in.csv", source="~/in.csv", force=True)


def test_check_settings(tmp_path):
    cols = {"customer": "cust", "time": "ts", "amount": None}
    with pytest.raises(rk.InvalidParameterError) as err:
        report._check_settings(tiny_log(), cols, "M", 31, "polars")
    assert str(err.value) == (
        "backend='polars': use one of pandas, duckdb, spark (pandas is the default)."
    )
    with pytest.raises(rk.InvalidParameterError, match="freq"):
        report._check_settings(tiny_log(), cols, "fortnight", 31, "pandas")
    with pytest.raises(rk.InvalidParameterError, match="active_days"):
        report._check_settings(tiny_log(), cols, "M", 0, "pandas")
    missing = tmp_path / "nope.csv"
    with pytest.raises(rk.DataValidationError) as err:
        report._check_settings(missing, cols, "M", 31, "pandas")
    assert str(err.value) == (f"path={str(missing)!r} does not exist; give a CSV or Parquet file.")
    for backend in ("pandas", "duckdb", "spark"):
        report._check_settings(tiny_log(), cols, "M", 31, backend)  # no error, nothing read


def test_header_is_checked_for_csv_tsv_and_parquet(tmp_path):
    log = tiny_log()
    csv = tmp_path / "in.csv"
    log.to_csv(csv, index=False, sep=";")
    cols = {"customer": "cust", "time": "ts", "order": "order"}
    with pytest.raises(rk.MissingColumnError, match="order"):
        report._check_settings(csv, cols, "M", 31, "pandas", {"sep": ";"})
    report._check_settings(csv, {"customer": "cust", "time": "ts", "order": None}, "M", 31,
                           "pandas", {"sep": ";"})  # fmt: skip
    assert report._header_columns(csv, {"sep": ";"}) == ["cust", "ts", "amt", "oid"]
    tsv = tmp_path / "in.TSV"
    log.to_csv(tsv, index=False, sep="\t")
    assert report._header_columns(tsv, {}) == ["cust", "ts", "amt", "oid"]
    txt = tmp_path / "in.txt"
    log.to_csv(txt, index=False)
    assert report._header_columns(txt, {}) == ["cust", "ts", "amt", "oid"]
    pq = tmp_path / "in.parquet"
    log.to_parquet(pq)
    assert report._header_columns(pq, {}) == ["cust", "ts", "amt", "oid"]
    with pytest.raises(rk.MissingColumnError, match="order"):
        report._check_settings(pq, cols, "M", 31, "pandas")
    assert report._header_columns(tmp_path / "in.xlsx", {}) is None
    assert report._header_columns(tmp_path, {}) is None  # a folder of Parquet files
    bad = tmp_path / "bad.pq"
    bad.write_bytes(b"not parquet at all")
    with pytest.raises(rk.DataValidationError) as err:
        report._header_columns(bad, {})
    assert str(err.value).startswith(f"path={str(bad)!r} could not be read as a PQ file: ")
    assert err.value.__cause__ is None and err.value.__suppress_context__


def test_a_bad_header_fails_before_the_output_is_checked(tmp_path):
    csv = tmp_path / "in.csv"
    tiny_log().to_csv(csv, index=False)
    existing = tmp_path / "old.html"
    existing.write_text("keep")
    with pytest.raises(rk.MissingColumnError, match="Cust"):
        rk.build_report(csv, customer="Cust", time="ts", out=existing, progress=None)
    # with price given, the amount column is the product, not a column of the file
    with pytest.raises(rk.MissingColumnError, match="qty"):
        rk.build_report(csv, customer="cust", time="ts", amount="total", quantity="qty",
                        price="amt", out=tmp_path / "r.html", progress=None)  # fmt: skip
    assert existing.read_text() == "keep"


# -- the chart pipeline --------------------------------------------------------------------


def test_svg_lays_out_once_and_leaves_data_labels_out_of_the_layout():
    with _style.layout(None):
        fig, ax = _style.new_axes()
    assert fig.get_layout_engine() is None
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    inside = ax.text(5, 5, "cell")
    edge = ax.text(10, 0, "edge")
    outside = ax.text(11, 5, "beyond")
    in_axes = ax.text(0.5, 0.5, "note", transform=ax.transAxes)
    ax.set_ylabel("a long label " * 3)
    left = fig.subplotpars.left
    svg = report._svg(fig).decode("utf-8")
    assert not inside.get_in_layout() and not edge.get_in_layout()
    assert outside.get_in_layout() and in_axes.get_in_layout()
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert ">cell<" in svg and "<dc:date>" not in svg
    assert "<dc:title>retention-kit</dc:title>" in svg
    assert fig.subplotpars.left != left  # tight_layout moved the margin for the label
    assert not plt.fignum_exists(fig.number)
    assert "draw" not in vars(fig)  # the drawing hook is removed again


def test_svg_keeps_a_figure_with_its_own_layout_engine():
    fig, ax = plt.subplots(figsize=(4, 3), layout="constrained")
    ax.plot([0, 1], [0, 1])
    report._svg(fig)
    assert fig.get_layout_engine() is not None
    assert fig.subplotpars.left == mpl.rcParams["figure.subplot.left"]


def test_svg_text_is_text_and_ids_are_stable():
    def chart():
        fig, ax = plt.subplots(figsize=(3, 2))
        ax.plot([0, 1], [1, 0], label="line")
        ax.legend()
        return fig

    one, two = report._svg(chart()), report._svg(chart())
    assert one == two  # svg.hashsalt fixed: the same chart gives the same bytes
    assert b"<text" in one and b"DejaVu Sans" in one


def test_fast_rendering_settings_and_the_collector_restored():
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    with report._fast_rendering():
        assert gc.get_freeze_count() > 0 and gc.isenabled()
        assert mpl.rcParams["axes.titley"] == 1.0
        assert _style._state["layout"] is None
        assert "matplotlib.backends.backend_svg" in sys.modules and "jinja2" in sys.modules
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    assert _style._state["layout"] == "constrained"
    assert mpl.rcParams["axes.titley"] != 1.0 or mpl.rcParamsDefault["axes.titley"] == 1.0


def test_fast_rendering_leaves_someone_elses_freezing_and_disabled_collector():
    gc.freeze()
    gc.disable()
    try:
        frozen = gc.get_freeze_count()
        with report._fast_rendering():
            assert not gc.isenabled()
        # left alone: still frozen (not unfrozen to 0) and not frozen again (which would add
        # every object made since); frozen objects may still be freed, so the count can drop
        assert 0 < gc.get_freeze_count() <= frozen and not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()


def test_fast_rendering_restores_after_an_error():
    with pytest.raises(RuntimeError, match="stop"), report._fast_rendering():
        raise RuntimeError("stop")
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    assert _style._state["layout"] == "constrained"


def test_layout_context_restores_the_engine():
    with _style.layout("tight"):
        with _style.layout(None):
            assert _style._state["layout"] is None
        assert _style._state["layout"] == "tight"
        fig, _ = _style.new_axes()
        assert type(fig.get_layout_engine()).__name__ == "TightLayoutEngine"
        plt.close(fig)
    fig, _ = _style.new_axes()
    assert type(fig.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"
    plt.close(fig)


def test_section_blocks():
    s = report.Section("T")
    s.text("a <b>")
    s.prose("<b>kit</b>")
    s.note("n")
    s.lines(["x", "y"])
    s.table(pd.DataFrame({"k": ["<i>", None], "v": [1.5, float("nan")]}))
    assert [b["kind"] for b in s.blocks] == ["text", "html", "note", "lines", "table"]
    assert s.blocks[0]["value"] == "a <b>" and s.blocks[1]["value"] == "<b>kit</b>"
    assert s.blocks[2]["value"] == "n" and s.blocks[3]["value"] == ["x", "y"]
    table = s.blocks[4]["value"]
    assert "&lt;i&gt;" in table and "<td>–</td>" in table and "border" not in table
    assert "<th></th>" not in table  # no index column
    assert report.Section("U").blocks == []  # a list of its own per section
    fig, ax = plt.subplots(figsize=(2, 2))
    s.figure(ax, "alt text")
    block = s.blocks[-1]
    assert block["kind"] == "figure" and block["alt"] == "alt text"
    assert base64.b64decode(block["value"]).startswith(b"<svg")


#: Each section's explanation, word for word: the definitions (with their formulas) and the
#: articles they come from are claims a reader relies on (docs/glossary.md,
#: /work/shared/reference/source-facts.md); a changed word is a changed claim.
PROSE = {
    "1": (
        "Before any number, the log is checked. Rows <b>without a customer id</b> cannot be "
        "attributed to anybody: they are dropped and counted below. Returns and cancellations (a "
        "negative amount or quantity) are never purchases: they are netted against the customer's"
        " revenue or dropped, and counted; exact duplicate rows are kept and reported."
    ),
    "3": (
        "A customer counts as <b>active</b> at an instant when they bought during the <b>activity"
        " window</b> before it. For every period: <b>start (S)</b> = active at its first instant,"
        " <b>end (E)</b> = active at the next period's first instant, <b>new (N)</b> = active at "
        "the end but not at the start (first-time or reactivated), <b>lost (L)</b> = active at "
        "the start but not at the end, so E = S + N − L; <b>CRR</b> = (E − N) / S and "
        "<b>churn</b> = L / S (Source: article 000). <code>crr_low</code> and "
        "<code>crr_high</code> are the 95 % Wilson interval. During the first activity window "
        "after the data begins nobody can be lost yet, so those periods (the warm-up) are left "
        "out of the median."
    ),
    "4": (
        "A <b>cohort</b> (когорта) is the group of customers whose first purchase fell in the "
        "same period; <b>rate</b> = the share of the cohort that bought again at each <b>age</b> "
        "(whole periods since that first period). A row of the heatmap is one cohort's life, a "
        "column compares cohorts at the same age."
    ),
    "5": (
        "<b>Day-N retention</b> = the share of customers who came back on day N after their first"
        " event, counted in 24-hour windows from each customer's own first event, only over "
        "customers whose whole day N the data covers (<code>users</code>). By calendar dates a "
        "customer arriving late in the evening would count as retained on day 1 too soon (the "
        "pitfall article 001 describes)."
    ),
    "6": (
        "<b>RFM</b> groups customers by the <b>recency</b> of their last purchase, the "
        "<b>frequency</b> of their purchases and the <b>monetary</b> value of their orders, then "
        "acts per group (Source: article 000); <code>action_source</code> says whether the action"
        " is the article's or the kit's suggestion."
    ),
    "7": (
        "The <b>repeat purchase rate</b> = customers with repeat purchases / all customers "
        "(Source: article 003): customers with at least two orders (distinct order ids when an "
        "order column is given, else distinct order times)."
    ),
    "8": (
        "Each period's revenue compared with the period before: <b>new</b>, <b>reactivation</b>, "
        "<b>expansion</b>, <b>contraction</b> and <b>churned</b> revenue; <b>NRR</b> = (start + "
        "expansion − contraction − churned) / start and <b>GRR</b> = (start − contraction − "
        "churned) / start. The source articles give no benchmark for them. Returns were dropped "
        "in section 1, so amounts are gross."
    ),
    "9": (
        "The median CRR of section 3 against the industry benchmarks the sources quote: eCommerce"
        " on average 30 % and SaaS 80 % (article 000, OWOX part), media 85 %, mobile apps 20 % "
        '("good") and small and medium business 60 % (article 000, SendPulse part), and a target '
        "of at least 85 %, ideally 90 % (article 002). The sources do not say over which period "
        "or with which definition of a customer they are measured: read the chart as orientation,"
        " and compare with your own history first."
    ),
}


def _each_section_explains_its_measure_word_for_word(full):
    _, html, _ = full
    found = dict(re.findall(r'<h2 id="s\d+">(\d+)\. .*?</h2>\n\n(.*?)\n', html))
    for number, expected in PROSE.items():
        assert found[number] == expected, number


def _the_charts_are_the_kits_charts_with_the_reports_settings(full):
    """Each chart of the report equals the public chart function called on the public analysis
    with the settings the report documents (same SVG bytes: ids are stable)."""
    _, html, _ = full
    found = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    charts = [base64.b64decode(data) for data in found]
    log = tiny_log()
    c = {"customer": "cust", "time": "ts"}
    until = log["ts"].max()
    periods = rk.period_table(log, **c, freq="M", active_days=31.0, observed_until=until)
    cohorts = rk.cohort_table(log, **c, freq="M", observed_until=until)
    day_n = rk.day_n_retention(
        log, **c, days=[1, 7, 14, 30, 60, 90], method="rolling", observed_until=until
    )
    segments = rk.rfm_segments(rk.rfm_table(log, **c, amount="amt", order="oid"))
    revenue = rk.revenue_retention(log, **c, amount="amt", freq="M", observed_until=until)
    life = rk.lifecycle_table(log, **c, freq="M", observed_until=until)
    # March, the one complete period after the warm-up: CRR 100 %
    makers = [
        lambda: rk.plots.period_table_chart(periods, show_churn=True),
        lambda: rk.plots.cohort_heatmap(cohorts, values="rate", max_age=12),
        lambda: rk.plots.retention_curves(cohorts, max_age=12, highlight="auto"),
        lambda: rk.plots.day_n_chart(day_n),
        lambda: rk.plots.rfm_segment_chart(segments),
        lambda: rk.plots.revenue_movements_chart(revenue),
        lambda: rk.plots.lifecycle_chart(life),
        lambda: rk.plots.benchmark_position(
            1.0, title="Your median CRR against the sources' benchmarks"
        ),
    ]
    expected = []
    with report._fast_rendering():
        for make in makers:
            expected.append(report._svg(make().figure))
    for k, (got, want) in enumerate(zip(charts, expected, strict=True)):
        assert got == want, k
    # the segment table, rounded to cents
    table = segments.round(2).to_html(index=False, escape=True, border=0, na_rep="–")
    assert table in html and "border=" not in table


def _day_n_by_hand(full):
    _, html, _ = full
    key = _table(html, "10. Key numbers")
    # day 1 = 24 to 48 hours after the first event. a (5 Jan 10:00): nothing until 3 Feb;
    # b (10 Jan 11:00) comes back 12 Jan 09:30, 46.5 hours later: day 1; c (20 Feb 18:00)
    # next on 25 Mar. d (28 Apr 14:00) has no whole day 1 observed: 1 of 3 users.
    assert key["day-1 retention (24-hour windows)"] == "33.3%"
    # day 7 (168-192 hours): nobody; day 30 (720-744 hours): a's 3 Feb is 28.9 days: nobody
    assert key["day-7 retention (24-hour windows)"] == "0.0%"
    assert key["day-30 retention (24-hour windows)"] == "0.0%"
    # the section's own table shows the rates as percents too
    section = html.split("5. Day-N retention", 1)[1].split("<h2", 1)[0]
    assert "<td>33.3%</td>" in section and "<td>0.0%</td>" in section


def test_a_period_starting_as_the_warm_up_ends_counts(tmp_path):
    # first event 1 Jan 00:00, window 31 days: the warm-up ends 1 Feb 00:00, when February
    # starts, so February counts. Active at 1 Feb: a, b (January buyers); at 1 Mar: a (15 Feb);
    # February: S = 2, N = 0, E = 1 -> CRR 50 %. March: S = 1 (a), at 1 Apr: a (20 Mar), c
    # (new, 25 Mar) -> E = 2, N = 1 -> CRR 100 %. April is not over (log ends 10 Apr).
    # Median of 50 % and 100 % = 75 % over 2 periods.
    log = pd.DataFrame(
        {
            "cust": ["a", "b", "a", "a", "c", "a"],
            "ts": pd.to_datetime(
                ["2024-01-01 00:00", "2024-01-20 10:00", "2024-02-15 10:00", "2024-03-20 10:00",
                 "2024-03-25 10:00", "2024-04-10 10:00"]
            ),
        }
    )  # fmt: skip
    out = rk.build_report(
        log, customer="cust", time="ts", active_days=31, out=tmp_path / "r.html", progress=None
    )
    text = _text(out.read_text(encoding="utf-8"))
    assert "Median CRR over the 2 complete periods after the warm-up: 75.0%" in text


def test_the_short_log_note_in_the_report_by_hand(tmp_path):
    log = pd.DataFrame(
        {
            "cust": ["a", "b", "a", "c"],
            "ts": pd.to_datetime(
                ["2024-01-01 10:00", "2024-01-15 10:00", "2024-01-20 10:00", "2024-02-10 10:00"]
            ),
        }
    )
    with pytest.warns(rk.DataQualityWarning):
        out = rk.build_report(log, customer="cust", time="ts", out=tmp_path / "r.html",
                              progress=None)  # fmt: skip
    # 40 days; January is complete but starts before a whole window: no room, a shorter
    # period and a third of the 40 days
    assert (
        "\nThe log covers 40 days (2024-01-01 to 2024-02-10) and the activity window is 90 days: "
        "nobody can lapse before a whole window has passed, so every CRR inside the warm-up is "
        "100 % and no complete period is left to summarise. With freq='M' the log holds no "
        "complete period after its first one: use a shorter period, e.g. freq='W', and a window "
        "of about a third of the span, active_days=13.\n"
    ) in _text(out.read_text(encoding="utf-8"))


def test_a_csv_header_is_read_as_the_loader_reads_it(tmp_path):
    csv = tmp_path / "in.csv"
    tiny_log().to_csv(csv, index=False)
    with pytest.raises(rk.MissingColumnError, match="order"):
        report._check_settings(csv, {"customer": "cust", "order": "order"}, "M", 31, "pandas")
    report._check_settings(csv, {"customer": "cust", "time": "ts"}, "M", 31, "pandas")


def test_svg_layout_pad_and_boundaries():
    def chart():
        with _style.layout(None):
            fig, ax = _style.new_axes(figsize=(4, 3))
        ax.plot([0, 1], [0, 1])
        ax.set_title("a title")
        return fig, ax

    fig, ax = chart()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    corner = ax.text(0, 10, "corner")
    report._svg(fig)
    assert not corner.get_in_layout()
    # the margins tight_layout gives with a pad of 0.3 font sizes
    ref, _ = chart()
    ref.axes[0].set_xlim(0, 10)
    ref.axes[0].set_ylim(0, 10)
    ref.axes[0].text(0, 10, "corner").set_in_layout(False)
    ref.canvas.draw()
    ref.tight_layout(pad=0.3)
    for side in ("left", "right", "top", "bottom"):
        assert getattr(fig.subplotpars, side) == pytest.approx(
            getattr(ref.subplotpars, side), abs=0.01
        ), side
    plt.close(ref)


def test_the_font_metrics_shortcut_changes_no_chart(full, tmp_path, monkeypatch):
    """The font heights the report hands matplotlib once per font draw exactly what
    matplotlib's own per-text reading of the font tables draws."""
    _, html, _ = full
    monkeypatch.setattr(report, "_font_height_metrics", lambda fig: lambda prop: (None,) * 3)
    plain = rk.build_report(
        tiny_log(), customer="cust", time="ts", amount="amt", order="oid",
        out=tmp_path / "plain.html", active_days=31, progress=None,
    ).read_text(encoding="utf-8")  # fmt: skip
    charts = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert len(charts) == 8
    assert charts == re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', plain)


def test_font_height_metrics_by_the_font_tables():
    from matplotlib.font_manager import FontProperties, fontManager, get_font

    fig = plt.figure(dpi=72)
    metrics = report._font_height_metrics(fig)
    # the font of the properties asked for, not the default one (STIX has other heights)
    stix = FontProperties(family="STIXGeneral", size=12)
    stix_font = get_font(fontManager._find_fonts_by_props(stix))
    stix_os2 = stix_font.get_sfnt_table("OS/2")
    stix_em = stix_font.get_sfnt_table("head")["unitsPerEm"]
    assert metrics(stix)[0] == pytest.approx(stix_os2["sTypoAscender"] * 12 / stix_em)
    prop = FontProperties(family="DejaVu Sans", size=12)
    font = get_font(fontManager._find_fonts_by_props(prop))
    os2, em = font.get_sfnt_table("OS/2"), font.get_sfnt_table("head")["unitsPerEm"]
    # at 72 dpi a point is a pixel: 12 / units per em per font unit
    expected = (
        os2["sTypoAscender"] * 12 / em,
        -os2["sTypoDescender"] * 12 / em,
        os2["sTypoLineGap"] * 12 / em,
    )
    assert metrics(prop) == pytest.approx(expected)
    assert metrics(prop) is metrics(FontProperties(family="DejaVu Sans", size=12))  # cached
    fig.set_dpi(144)  # the figure's dpi at the time of the call
    assert metrics(prop) == pytest.approx(tuple(2 * v for v in expected))
    # half the size at twice the dpi: the same pixels
    assert metrics(FontProperties(family="DejaVu Sans", size=6)) == pytest.approx(expected)
    plt.close(fig)


def test_a_table_in_a_database_file(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("ibis")
    db = tmp_path / "shop.duckdb"
    con = duckdb.connect(str(db))
    log = tiny_log()
    log["note"] = "not read"
    con.register("log", log)
    con.execute("CREATE TABLE sales AS SELECT * FROM log")
    con.close()
    said: list[str] = []
    url = f"duckdb:///{db}"
    out = rk.build_report(
        url, table="sales", customer="cust", time="ts", amount="amt", out=tmp_path / "r.html",
        active_days=31, progress=said.append,
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert said[0] == f"reading {url}, table sales" and said[1] == "loading and validating"
    assert f"<title>Retention report: {url}, table sales</title>" in html
    assert "Rows read: 8. Rows kept: 8. Rows dropped: 0." in _text(html)
    assert _table(html, "2. Overview")["total amount (returns dropped)"] == "127.50"
    with pytest.raises(rk.MissingColumnError, match="Cust"):
        rk.build_report(url, table="sales", customer="Cust", time="ts",
                        out=tmp_path / "x.html", progress=None)  # fmt: skip
    assert not (tmp_path / "x.html").exists()


def test_read_database_table_reads_only_the_named_columns(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    pytest.importorskip("ibis")
    db = tmp_path / "shop.duckdb"
    con = duckdb.connect(str(db))
    con.register("log", tiny_log())
    con.execute("CREATE TABLE sales AS SELECT * FROM log")
    con.close()
    said: list[str] = []
    url = f"duckdb:///{db}"
    frame, label = report._read_database_table(
        url, "sales", {"customer": "cust", "time": "ts", "amount": None, "order": "cust"},
        said.append,
    )  # fmt: skip
    assert list(frame.columns) == ["cust", "ts"] and len(frame) == 8
    assert label == f"{url}, table sales" and said == [f"reading {label}"]


def test_the_full_report_on_the_tiny_log(full):
    """One report, every check (each check is a function above, named for what it shows)."""
    for check in (
        _progress_a_line_per_section_then_the_file,
        _headings_in_order_numbered,
        _title_and_settings_line,
        _loading_section_lines,
        _overview_by_hand,
        _period_section_by_hand,
        _sections_charts_and_their_alt_texts,
        _repeat_and_key_numbers_by_hand,
        _revenue_section_medians_by_hand,
        _summary_lines,
        _charts_are_bare_svg_documents,
        _each_section_explains_its_measure_word_for_word,
        _the_charts_are_the_kits_charts_with_the_reports_settings,
        _day_n_by_hand,
    ):
        check(full)


def test_the_header_is_read_alone_and_as_told(tmp_path):
    # a body the parser would refuse: only the header is read
    bad_body = tmp_path / "body.csv"
    bad_body.write_text("cust,ts\n1,2,3,4\nx\n")
    assert report._header_columns(bad_body, {}) == ["cust", "ts"]
    # the separator the user gives, not the one a guess would take
    told = tmp_path / "told.csv"
    told.write_text("a;b,c,d\n1;2,3,4\n5;6,7,8\n")
    assert report._header_columns(told, {"sep": ";"}) == ["a", "b,c,d"]
    # a folder of Parquet files named like one: not read here
    folder = tmp_path / "parts.parquet"
    folder.mkdir()
    tiny_log().to_parquet(folder / "part-0.parquet")
    assert report._header_columns(folder, {}) is None


def test_short_log_hint_keeps_a_day_below_the_room():
    first, last = pd.Timestamp("2024-01-01"), pd.Timestamp("2024-03-01")
    # the last complete period starts 10 days in: min(10 - 1, 60 / 3) = 9
    hint = report._short_log_hint(first, last, pd.Series(pd.to_datetime(["2024-01-11"])), 90.0,
                                  "M")  # fmt: skip
    assert "Try active_days=9 (about" in hint


def test_observed_until_reaches_day_n(tmp_path):
    out = rk.build_report(
        tiny_log(), customer="cust", time="ts", amount="amt", out=tmp_path / "r.html",
        active_days=31, observed_until="2024-05-01", progress=None,
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    key = _table(html, "10. Key numbers")
    # observed to 1 May, d's day 1 (29-30 Apr) is covered too: 1 (b) of 4 users
    assert key["day-1 retention (24-hour windows)"] == "25.0%"
    # April is complete too: start 40 (a 10, c 30), both gone, d new: NRR = GRR = 0 %.
    # Medians of February (42.86 %, 28.57 %), March (88.89 %, 88.89 %) and April (0 %, 0 %)
    assert "Median NRR over the complete periods: 42.9%; median GRR: 28.6%." in _text(html)


def test_the_settings_reach_the_analyses(tmp_path, monkeypatch):
    """The engine goes to the heavy analyses; day-N gets the report's days, rolling windows,
    the time zone and the end of observation."""
    asked: dict[str, list[dict]] = {}
    names = ["period_table", "cohort_table", "day_n_retention", "rfm_table",
             "revenue_retention", "lifecycle_table", "repeat_purchases"]  # fmt: skip
    for name in names:
        real = getattr(rk, name)

        def spy(*args, _real=real, _name=name, **kwargs):
            asked.setdefault(_name, []).append(dict(kwargs))
            kwargs.pop("backend", None)  # the pandas result, whatever the engine asked for
            return _real(*args, **kwargs)

        monkeypatch.setattr(rk, name, spy)
    rk.build_report(
        tiny_log(), customer="cust", time="ts", amount="amt", order="oid", backend="duckdb",
        tz="Europe/Berlin", out=tmp_path / "r.html", active_days=31, progress=None,
    )  # fmt: skip
    for name in ["period_table", "cohort_table", "day_n_retention", "rfm_table"]:
        assert asked[name][0]["backend"] == "duckdb", name
    for name in ["revenue_retention", "lifecycle_table", "repeat_purchases"]:
        assert "backend" not in asked[name][0], name
    day_n = asked["day_n_retention"][0]
    assert day_n["days"] == [1, 7, 14, 30, 60, 90] and day_n["method"] == "rolling"
    assert day_n["tz"] == "Europe/Berlin"
    assert day_n["observed_until"] == pd.Timestamp("2024-04-28 14:00")
    assert asked["rfm_table"][0]["order"] == "oid" and asked["rfm_table"][0]["amount"] == "amt"


def test_defaults_out_in_the_current_folder_and_progress_on_stderr(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    out = rk.build_report(tiny_log(), customer="cust", time="ts", active_days=31)
    assert out == tmp_path / "report.html" and out.is_file()
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "report: loading and validating"
    assert err[-1] == f"report: writing {tmp_path / 'report.html'}"
    rk.build_report(tiny_log(), customer="cust", time="ts", active_days=31, force=True,
                    progress=None)  # fmt: skip
    assert capsys.readouterr().err == ""  # progress=None: silence


def test_a_csv_read_as_the_user_says(tmp_path):
    csv = tmp_path / "semi.csv"
    tiny_log().to_csv(csv, index=False, sep=";", encoding="cp1251")
    out = rk.build_report(
        csv, customer="cust", time="ts", amount="amt", sep=";", encoding="cp1251",
        out=tmp_path / "r.html", active_days=31, progress=None,
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert "Rows read: 8. Rows kept: 8." in _text(html)
    assert _table(html, "2. Overview")["total amount (returns dropped)"] == "127.50"


def test_each_progress_line_is_flushed_at_once(monkeypatch):
    """In a notebook stderr is buffered: each line must show while the report still runs."""

    class Stream:
        def __init__(self):
            self.events: list[str] = []

        def write(self, text):
            self.events.append(f"write {text!r}")

        def flush(self):
            self.events.append("flush")

    stream = Stream()
    monkeypatch.setattr(sys, "stderr", stream)
    report._progress("cohorts")
    assert stream.events[-1] == "flush" and "write 'report: cohorts'" in stream.events


def test_a_missing_price_column_is_named_as_the_price(tmp_path):
    csv = tmp_path / "in.csv"
    tiny_log().assign(qty=1).to_csv(csv, index=False)
    with pytest.raises(rk.MissingColumnError, match=r"^price='unit_price': the table has no"):
        rk.build_report(csv, customer="cust", time="ts", quantity="qty", price="unit_price",
                        out=tmp_path / "r.html", progress=None)  # fmt: skip


def test_day_first_dates_are_read_as_told(tmp_path):
    # every day at most 12: only the user can say 05/01 is 5 January (the loader refuses to
    # guess); a and b in January, a and c in February
    csv = tmp_path / "in.csv"
    csv.write_text(
        "cust,ts\na,05/01/2024 10:00\nb,10/01/2024 11:00\na,03/02/2024 08:00\nc,11/02/2024 09:00\n"
    )
    with pytest.warns(rk.DataQualityWarning, match=r"covers 37 days \(2024-01-05 to 2024-02-11\)"):
        out = rk.build_report(
            csv, customer="cust", time="ts", dayfirst=True, out=tmp_path / "r.html",
            active_days=31, progress=None,
        )  # fmt: skip
    overview = _table(out.read_text(encoding="utf-8"), "2. Overview")
    assert overview["first event"] == "2024-01-05 10:00:00"
    assert overview["last event"] == "2024-02-11 09:00:00"


def test_observed_until_in_the_time_zone_of_the_data(tmp_path):
    log = tiny_log()
    log["ts"] = log["ts"].dt.tz_localize("Europe/Berlin")
    out = rk.build_report(
        log, customer="cust", time="ts", observed_until="2024-05-01", out=tmp_path / "r.html",
        active_days=31, progress=None,
    )  # fmt: skip
    text = _text(out.read_text(encoding="utf-8"))
    # as in the naive log: April over by 1 May (Berlin), March 100 %, April 0 %: median 50 %
    assert "Median CRR over the 2 complete periods after the warm-up: 50.0%" in text
    assert "inside its last period" not in text


def test_the_short_log_warning_points_at_the_callers_line(tmp_path):
    if "mutmut" in sys.modules:
        pytest.skip("under mutation testing a trampoline frame sits between test and report")
    log = pd.DataFrame(
        {"cust": ["a", "b"], "ts": pd.to_datetime(["2024-01-01 10:00", "2024-01-20 10:00"])}
    )
    with pytest.warns(rk.DataQualityWarning, match="no complete period") as caught:
        rk.build_report(log, customer="cust", time="ts", out=tmp_path / "r.html", progress=None)
    assert caught[0].filename == __file__


def test_observed_until_reaches_the_lifecycle_chart(tmp_path):
    out = rk.build_report(
        tiny_log(), customer="cust", time="ts", amount="amt", out=tmp_path / "r.html",
        active_days=31, observed_until="2024-05-01", progress=None,
    )  # fmt: skip
    found = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', out.read_text("utf-8"))
    life = rk.lifecycle_table(
        tiny_log(), customer="cust", time="ts", freq="M",
        observed_until=pd.Timestamp("2024-05-01"),
    )  # fmt: skip
    assert bool(life["complete"].all())  # April is over: nothing hatched
    with report._fast_rendering():
        expected = report._svg(rk.plots.lifecycle_chart(life).figure)
    assert base64.b64decode(found[6]) == expected


def test_ids_in_a_csv_keep_their_text(tmp_path):
    """Customers "1" and "01" (and orders "7" and "07") are two each, as the loader reads them:
    read as numbers they would merge into one customer with one order."""
    csv = tmp_path / "ids.csv"
    csv.write_text(
        "cust,ts,amt,oid\n1,2024-01-05 10:00,10,7\n01,2024-01-06 11:00,20,07\n", encoding="utf-8"
    )
    with pytest.warns(rk.DataQualityWarning, match="no complete period is left to summarise"):
        out = rk.build_report(
            csv, customer="cust", time="ts", amount="amt", order="oid",
            out=tmp_path / "r.html", active_days=31, progress=None,
        )  # fmt: skip
    overview = _table(out.read_text(encoding="utf-8"), "2. Overview")
    assert overview["customers"] == "2"
    assert overview["orders"] == "2"


def test_the_largest_rfm_segment_is_the_one_with_most_customers(tmp_path):
    # five customers who bought once, long ago, and one who bought often and lately: the
    # one-order customers share one segment (F = 1 and the same recency), the largest
    rows = [(f"old{i}", "2024-01-02 10:00", 10.0, f"o{i}") for i in range(5)]
    rows += [("fan", f"2024-03-{d:02d} 10:00", 50.0, f"f{d}") for d in (1, 10, 20, 28)]
    log = pd.DataFrame(rows, columns=["cust", "ts", "amt", "oid"])
    log["ts"] = pd.to_datetime(log["ts"])
    with pytest.warns(rk.DataQualityWarning, match="no complete period is left to summarise"):
        out = rk.build_report(
            log, customer="cust", time="ts", amount="amt", order="oid",
            out=tmp_path / "r.html", active_days=31, progress=None,
        )  # fmt: skip
    largest = _table(out.read_text(encoding="utf-8"), "10. Key numbers")["largest RFM segment"]
    assert largest.endswith(" (5)"), largest
