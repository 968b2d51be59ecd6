"""`build_report` details that a random sample of its mutants showed no test pinned.

Each test fails on one surviving mutant of ``retention_kit/report.py`` (named in its docstring,
as ``mutmut show`` numbers them on the code of 2026-12-05) and was checked by hand to fail with
that mutation applied. Expectations are worked out by hand from the tiny logs below. Fast on
purpose: this file is in the report's mutation-test selection (tools/mutation.py)."""

from __future__ import annotations

import base64
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import retention_kit as rk
from retention_kit import report
from retention_kit.loading import _sniff_encoding, _sniff_sep
from tests.test_report_edges import _table, _text, tiny_log

# tiny_log() in figures: customers a, b, c, d; amounts 10 + 20 + 5 + 15 + 30 + 10 + 30 + 7.5
TINY_CUSTOMERS = "4"
TINY_TOTAL = "127.50"


def _charts(html: str) -> dict[str, str]:
    """alt text -> the chart's SVG text, for every chart of the page."""
    found = re.findall(r'<img alt="([^"]+)" src="data:image/svg\+xml;base64,([^"]+)"', html)
    return {alt: base64.b64decode(data).decode("utf-8") for alt, data in found}


def test_the_separator_given_wins_over_a_sniffing_that_would_split_by_commas(tmp_path):
    """x_build_report__mutmut_112 (sep= and encoding= not passed on to read_table).

    A German export: ';' separates the fields, but the header ("Datum, Uhrzeit", "Betrag, EUR"),
    every date ("05.01.2024, 10:00") and every amount ("10,00") hold commas too. Split by ',' each
    line has three fields, as by ';', and on a tie the sniffing keeps ',': only sep=';' reads it.
    """
    text = (
        "Kunde;Datum, Uhrzeit;Betrag, EUR\n"
        "a;05.01.2024, 10:00;10,00\n"
        "b;10.01.2024, 11:00;20,00\n"
        "b;12.01.2024, 09:30;5,00\n"
        "a;03.02.2024, 08:00;15,00\n"
        "c;20.02.2024, 18:00;30,00\n"
        "a;02.03.2024, 12:00;10,00\n"
        "c;25.03.2024, 13:00;30,00\n"
        "d;28.04.2024, 14:00;7,50\n"
    )  # the tiny log of tests/test_report_edges.py
    csv = tmp_path / "export.csv"
    csv.write_text(text, encoding="utf-8")
    assert _sniff_sep(text) == ","  # the trap is real
    out = rk.build_report(
        csv, customer="Kunde", time="Datum, Uhrzeit", amount="Betrag, EUR", sep=";",
        date_format="%d.%m.%Y, %H:%M", out=tmp_path / "r.html", active_days=31, progress=None,
    )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert "Rows read: 8. Rows kept: 8. Rows dropped: 0." in _text(html)
    overview = _table(html, "2. Overview")
    assert overview["customers"] == TINY_CUSTOMERS
    assert overview["first event"] == "2024-01-05 10:00:00"
    assert overview["total amount (returns dropped)"] == TINY_TOTAL


def test_the_encoding_given_wins_over_the_sniffing(tmp_path):
    """x_build_report__mutmut_112 (sep= and encoding= not passed on to read_table).

    A Latin-1 file: every byte of it is valid Windows-1251 too, so the sniffing reads "Käufer"
    as "Kдufer" and the customer column would not be found; encoding='latin-1' reads it right.
    Customers Jörg (10 + 5), Jürgen (20) and Åsa (2.5): three customers, 37.50.
    """
    csv = tmp_path / "latin1.csv"
    csv.write_bytes(
        "Käufer,Zeit,Betrag\n"
        "Jörg,2024-01-05 10:00,10\n"
        "Jürgen,2024-01-10 11:00,20\n"
        "Jörg,2024-02-03 08:00,5\n"
        "Åsa,2024-03-02 12:00,2.5\n".encode("latin-1")
    )
    assert _sniff_encoding(csv.read_bytes()) == "cp1251"  # the trap is real
    with pytest.warns(rk.DataQualityWarning, match="no complete period is left to summarise"):
        out = rk.build_report(
            csv, customer="Käufer", time="Zeit", amount="Betrag", encoding="latin-1",
            out=tmp_path / "r.html", active_days=31, progress=None,
        )  # fmt: skip
    html = out.read_text(encoding="utf-8")
    assert "Rows without a customer id (column 'Käufer'), dropped: 0." in _text(html)
    overview = _table(html, "2. Overview")
    assert overview["customers"] == "3"
    assert overview["total amount (returns dropped)"] == "37.50"


def test_observed_until_reaches_the_cohort_charts(tmp_path):
    """x_build_report__mutmut_406 (observed_until not passed to the cohort table).

    The tiny log ends on 28 April; observed until 1 May, April is over, so no chart of the
    report may mark a period as not over. Without it the last event ends observation, April is
    open and the cohort heatmap hatches its cells (the control below)."""
    out = rk.build_report(
        tiny_log(), customer="cust", time="ts", out=tmp_path / "r.html", active_days=31,
        observed_until="2024-05-01", progress=None,
    )  # fmt: skip
    charts = _charts(out.read_text(encoding="utf-8"))
    assert {"cohort heatmap", "retention curves"} <= set(charts)
    assert [alt for alt, svg in charts.items() if "period not over" in svg] == []
    # control: the same cohorts observed until the last event hatch April
    open_april = rk.cohort_table(tiny_log(), customer="cust", time="ts", freq="M")
    assert not bool(open_april["complete"].all())
    with report._fast_rendering():
        svg = report._svg(rk.plots.cohort_heatmap(open_april, values="rate", max_age=12).figure)
    assert "hatched: period not over when the data ends" in svg.decode("utf-8")


@pytest.mark.parametrize(
    ("role", "column"),
    [
        ("customer", "client"),
        ("time", "when"),
        ("amount", "total"),
        ("order", "invoice"),
        ("quantity", "units"),
    ],
)
def test_a_missing_column_is_named_with_its_argument(tmp_path, role, column):
    """x_build_report__mutmut_25 ("TIME" as the key) and _31 ("ORDER"): the message starts
    with the argument that names the missing column, as the user typed it."""
    csv = tmp_path / "in.csv"
    tiny_log().to_csv(csv, index=False)
    names = {"customer": "cust", "time": "ts", "amount": "amt", "order": "oid", role: column}
    with pytest.raises(
        rk.MissingColumnError,
        match=rf"^{role}='{column}': the table has no column '{column}'\. .*"
        r"The table's columns are \['cust', 'ts', 'amt', 'oid'\]\. "
        rf"Pass {role}= one of them\.$",
    ):
        rk.build_report(csv, **names, out=tmp_path / "r.html", progress=None)


def _period_column(html: str) -> list[str]:
    """The first column of the period table (section 3)."""
    part = html.split("3. Customers per period", 1)[1]
    table = re.search(r"<table.*?</table>", part, flags=re.S).group(0)
    body = table.split("<tbody>", 1)[1]
    return re.findall(r"<tr>\s*<td>(.*?)</td>", body, flags=re.S)


def test_daily_periods_of_a_zoned_log_print_as_plain_dates(tmp_path):
    """x_build_report__mutmut_320 (strftime(None) for strftime("%Y-%m-%d")).

    On a naive log both print midnights as bare dates; on a log in a time zone strftime(None)
    would print "2024-01-05 00:00:00+01:00". a buys on 5 and 7 January (Berlin), b on 6
    January: one row per day, 5 to 7 January."""
    log = pd.DataFrame(
        {
            "cust": ["a", "b", "a"],
            "ts": pd.to_datetime(
                ["2024-01-05 10:00", "2024-01-06 09:00", "2024-01-07 12:00"]
            ).tz_localize("Europe/Berlin"),
        }
    )
    with pytest.warns(rk.DataQualityWarning, match="no complete period is left to summarise"):
        out = rk.build_report(
            log, customer="cust", time="ts", freq="D", active_days=1, out=tmp_path / "r.html",
            progress=None,
        )  # fmt: skip
    assert _period_column(out.read_text(encoding="utf-8")) == [
        "2024-01-05",
        "2024-01-06",
        "2024-01-07",
    ]


def _cyrillic_log() -> pd.DataFrame:
    log = tiny_log().rename(columns={"cust": "клиент", "ts": "время"})
    return log[["клиент", "время"]]


def test_the_page_is_utf8_whatever_the_locale_says(tmp_path, monkeypatch):
    """x_build_report__mutmut_870 (write_text without encoding=).

    Without an encoding, Path.write_text writes in the locale's encoding: ASCII under
    LC_ALL=C. Here that locale is simulated in-process (pathlib asks io.text_encoding for it),
    so mutation testing sees this test; the next test runs a real C locale."""
    real = io.text_encoding
    monkeypatch.setattr(io, "text_encoding", lambda enc, *a: "ascii" if enc is None else real(enc))
    out = rk.build_report(
        _cyrillic_log(), customer="клиент", time="время", out=tmp_path / "r.html",
        active_days=31, progress=None,
    )  # fmt: skip
    html = out.read_bytes().decode("utf-8")
    assert "Rows without a customer id (column 'клиент'), dropped: 0." in _text(html)
    assert "customer = <code>клиент</code>, time = <code>время</code>" in html


def test_the_page_is_utf8_under_a_real_c_locale(tmp_path):
    """x_build_report__mutmut_870, in a child Python whose locale encoding is ASCII
    (LC_ALL=C with UTF-8 mode off): the mutant dies there with UnicodeEncodeError."""
    csv = tmp_path / "in.csv"
    _cyrillic_log().to_csv(csv, index=False, encoding="utf-8")
    code = (  # ASCII only (the command line is read in the locale's encoding too)
        "import codecs, locale, sys, retention_kit as rk\n"
        "if codecs.lookup(locale.getpreferredencoding(False)).name != 'ascii': sys.exit(3)\n"
        f"rk.build_report(sys.argv[1], customer={'клиент'!a}, time={'время'!a}, out=sys.argv[2],\n"
        "                active_days=31, progress=None)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHON"))}
    root = str(Path(rk.__file__).resolve().parent.parent)
    env.update(LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0", PYTHONPATH=root)
    out = tmp_path / "r.html"
    done = subprocess.run(
        [sys.executable, "-c", code, str(csv), str(out)],
        env=env, capture_output=True, text=True, encoding="utf-8", timeout=120,
    )  # fmt: skip
    if done.returncode == 3:
        pytest.skip("LC_ALL=C does not make the locale's encoding ASCII on this platform")
    assert done.returncode == 0, done.stderr[-2000:]
    text = _text(out.read_bytes().decode("utf-8"))
    assert "Rows without a customer id (column 'клиент'), dropped: 0." in text
    assert "когорта" in text
