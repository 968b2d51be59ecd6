"""spreadsheet_safe / export_table: formulas neutralised (OWASP), numbers intact, read back."""

from __future__ import annotations

import copy
import csv
import io

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


def test_categorical_text_is_neutralised_like_plain_text():
    df = pd.DataFrame({"c": pd.Categorical(["=1+1", "ok", "=1+1"]), "n": [1, 2, 3]})
    safe = rk.spreadsheet_safe(df)
    assert safe["c"].astype(str).tolist() == ["'=1+1", "ok", "'=1+1"]
    assert isinstance(df["c"].dtype, pd.CategoricalDtype)
    assert df["c"].tolist() == ["=1+1", "ok", "=1+1"]  # input untouched


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_csv_text_fields_are_quoted_so_no_separator_splits_a_cell(tmp_path, sep):
    payload = "x;=cmd|' /C calc'!A0"
    names = [payload, "a,=1+1", "b\t=2"]
    df = pd.DataFrame({"name": names, "n": [1.5, 2.0, 3.0]})
    path = rk.export_table(df, tmp_path / "out.csv", sep=sep)
    text = path.read_bytes().decode("utf-8-sig")
    # a spreadsheet may split on any of the three separators (a Russian-locale Excel uses ';'
    # on a comma file); quote-aware, as spreadsheets are, no cell may start a formula
    for other in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=other):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@")), (other, cell)
    back = pd.read_csv(path, sep=sep, encoding="utf-8-sig")
    assert back["name"].tolist() == names


def test_csv_for_a_russian_locale_spreadsheet(tmp_path):
    df = pd.DataFrame({"Клиент": ["Анна", "=HYPERLINK(1)"], "Сумма": [1234.5, -2.25]})
    path = rk.export_table(df, tmp_path / "ru.csv", sep=";", decimal=",")
    lines = path.read_bytes().decode("utf-8-sig").split("\r\n")
    assert lines[0] == '"Клиент";"Сумма"'
    # with a decimal comma pandas writes the numbers as quoted text too ("1234,5");
    # spreadsheets and read_csv still read them as numbers
    assert lines[1] == '"Анна";"1234,5"'
    assert lines[2] == '"\'=HYPERLINK(1)";"-2,25"'  # negative number kept, text neutralised
    back = pd.read_csv(path, sep=";", decimal=",", encoding="utf-8-sig")
    assert back["Сумма"].tolist() == [1234.5, -2.25]


def test_bad_separator_and_decimal(tmp_path):
    with pytest.raises(rk.InvalidParameterError, match=r"sep='\|'.*';'"):
        rk.export_table(table(), tmp_path / "out.csv", sep="|")
    with pytest.raises(rk.InvalidParameterError, match=r"decimal=','.*also the separator"):
        rk.export_table(table(), tmp_path / "out.csv", decimal=",")
    with pytest.raises(rk.InvalidParameterError, match=r"decimal='x'"):
        rk.export_table(table(), tmp_path / "out.csv", decimal="x")
    with pytest.raises(rk.InvalidParameterError, match="needs a pandas DataFrame.*to_frame"):
        rk.export_table(pd.Series([1]), tmp_path / "out.csv")


def test_xlsx_refuses_a_control_character_naming_the_cell(tmp_path):
    df = pd.DataFrame({"id": ["a", "b", "c"], "note": ["ok", None, "bell\x07here"]})
    out = tmp_path / "out.xlsx"
    with pytest.raises(rk.InvalidParameterError, match=r"column 'note', row 2.*'\\x07'.*\.csv"):
        rk.export_table(df, out)
    assert not out.exists()  # refused before anything was written
    rk.export_table(df, tmp_path / "out.csv")  # CSV can hold it
    cat = pd.DataFrame({"c": pd.Categorical(["x\x01"])})
    with pytest.raises(rk.InvalidParameterError, match=r"column 'c', row 0"):
        rk.export_table(cat, out)
    with pytest.raises(rk.InvalidParameterError, match=r"column name 'a\\x02b'"):
        rk.export_table(pd.DataFrame({"a\x02b": [1]}), out)


def test_xlsx_refuses_more_rows_than_a_sheet_holds(tmp_path):
    out = tmp_path / "big.xlsx"
    fits = rk.export.EXCEL_MAX_ROWS - 1  # plus the header row = a full sheet
    df = pd.DataFrame({"x": range(fits + 1)})
    with pytest.raises(rk.InvalidParameterError, match=r"1,048,576 rows.*1,048,575.*\.csv"):
        rk.export_table(df, out)
    assert not out.exists()


def test_xlsx_multiindex_columns_need_the_index(tmp_path):
    cols = pd.MultiIndex.from_tuples([("a", 1), ("a", 2)])
    df = pd.DataFrame([[1, 2]], columns=cols)
    with pytest.raises(rk.InvalidParameterError, match="MultiIndex columns.*index=True.*flatten"):
        rk.export_table(df, tmp_path / "m.xlsx")
    path = rk.export_table(df, tmp_path / "m.xlsx", index=True)
    assert path.exists()
