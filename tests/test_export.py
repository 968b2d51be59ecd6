"""spreadsheet_safe / export_table: formulas neutralised (OWASP), numbers intact, read back."""

from __future__ import annotations

import copy

import openpyxl
import pandas as pd
import pytest

import retention_kit as rk


def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [
                '=HYPERLINK("http://x")',
                "+7 999",
                "-minus",
                "@SUM(A1)",
                "\tTab",
                "\rCR",
                "Анна",
            ],
            "amount": [-5.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
            "count": [-1, 2, 3, 4, 5, 6, 7],
            "=cmd": ["a", "b", "c", "d", "e", "f", "g"],
        }
    )


EXPECTED_NAMES = [
    '\'=HYPERLINK("http://x")',
    "'+7 999",
    "'-minus",
    "'@SUM(A1)",
    "'\tTab",
    "'\rCR",
    "Анна",
]


def test_spreadsheet_safe_neutralises_text_not_numbers():
    df = table()
    before = copy.deepcopy(df)
    safe = rk.spreadsheet_safe(df)
    pd.testing.assert_frame_equal(df, before)
    assert safe["name"].tolist() == EXPECTED_NAMES
    assert list(safe.columns) == ["name", "amount", "count", "'=cmd"]
    assert safe["amount"].tolist() == [-5.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert safe["count"].tolist() == [-1, 2, 3, 4, 5, 6, 7]
    assert safe["count"].dtype == df["count"].dtype


def test_mixed_object_column_and_missing_values():
    df = pd.DataFrame({"x": [-3, "-3", None, "ok"]}, dtype=object)
    safe = rk.spreadsheet_safe(df)
    assert safe["x"].tolist()[0] == -3  # a number stays a number
    assert safe["x"].tolist()[1] == "'-3"  # text that starts with '-' is neutralised
    assert safe["x"].tolist()[2] is None and safe["x"].tolist()[3] == "ok"


def test_csv_read_back(tmp_path):
    df = table()
    before = copy.deepcopy(df)
    path = rk.export_table(df, tmp_path / "out.csv")
    pd.testing.assert_frame_equal(df, before)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # utf-8-sig: Excel detects UTF-8 (Cyrillic)
    back = pd.read_csv(path, encoding="utf-8-sig")
    assert back["name"].tolist() == EXPECTED_NAMES
    assert back["amount"].tolist() == [-5.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert back["count"].tolist() == [-1, 2, 3, 4, 5, 6, 7]
    assert "'=cmd" in back.columns
    # no cell in the file starts with a formula character
    for line in raw.decode("utf-8-sig").split("\r\n")[1:]:
        assert not line.lstrip('"').startswith(("=", "+", "-", "@", "\t", "\r"))


def test_xlsx_read_back(tmp_path):
    df = table().assign(when=pd.date_range("2024-01-01", periods=7, freq="D", tz="Europe/Moscow"))
    path = rk.export_table(df, tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(path).active
    rows = list(ws.iter_rows(values_only=False))
    header = [c.value for c in rows[0]]
    assert header == ["name", "amount", "count", "'=cmd", "when"]
    names = [r[0] for r in rows[1:]]
    assert all(c.data_type == "s" for c in names)  # text, not formulas ("f")
    # XML stores a carriage return as a line feed; what matters is the leading quote
    assert [c.value for c in names] == [v.replace("\r", "\n") for v in EXPECTED_NAMES]
    assert [r[1].value for r in rows[1:]] == [-5.5, 1, 2, 3, 4, 5, 6]
    assert rows[1][4].value == pd.Timestamp("2024-01-01").to_pydatetime()  # local wall clock


def test_bad_suffix_and_folder(tmp_path):
    with pytest.raises(rk.InvalidParameterError, match=r"\.csv or \.xlsx"):
        rk.export_table(table(), tmp_path / "out.json")
    with pytest.raises(rk.InvalidParameterError, match="does not exist"):
        rk.export_table(table(), tmp_path / "nope" / "out.csv")
