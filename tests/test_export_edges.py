"""retention_kit.export at its edges: index labels and names, mixed and missing text, xlsx limits.

Written against the mutants mutmut left alive in export.py (docs/testing.md); expectations by
hand, the xlsx row limit against the rows openpyxl really writes.
"""

from __future__ import annotations

import re

import numpy as np
import openpyxl
import pandas as pd
import pytest

import retention_kit as rk
from retention_kit import export as export_module

# --------------------------------------------------------------------------- spreadsheet_safe


def test_index_labels_and_index_name_are_neutralised():
    df = pd.DataFrame({"v": [1, 2]}, index=pd.Index(["=a", "b"], name="=n"))
    safe = rk.spreadsheet_safe(df)
    assert safe.index.tolist() == ["'=a", "b"] and safe.index.name == "'=n"
    assert df.index.tolist() == ["=a", "b"] and df.index.name == "=n"  # input untouched
    # a mixed index (text and numbers) too: only the text label gets the quote
    mixed = rk.spreadsheet_safe(pd.DataFrame({"v": [1, 2]}, index=pd.Index(["+a", 1])))
    assert mixed.index.tolist() == ["'+a", 1]


def test_mixed_categories_and_missing_text_cells():
    cats = pd.Series(pd.Categorical(["=x", 1, "=x"], categories=["=x", 1]))
    assert rk.spreadsheet_safe(pd.DataFrame({"c": cats}))["c"].tolist() == ["'=x", 1, "'=x"]
    numbers = pd.Series(pd.Categorical([-1, 2, -1]))
    assert rk.spreadsheet_safe(pd.DataFrame({"c": numbers}))["c"].tolist() == [-1, 2, -1]
    obj = pd.Series(["=a", None, np.nan, 3, "b"], dtype=object)
    out = rk.spreadsheet_safe(pd.DataFrame({"s": obj}))["s"]
    assert out.iloc[0] == "'=a" and out.iloc[1] is None and np.isnan(out.iloc[2])
    assert out.iloc[3:].tolist() == [3, "b"]
    text = pd.Series(["=a", pd.NA, "b"], dtype="string")
    out = rk.spreadsheet_safe(pd.DataFrame({"s": text}))["s"]
    assert out.iloc[0] == "'=a" and out.iloc[1] is pd.NA and out.iloc[2] == "b"


def test_not_a_dataframe_gets_the_whole_message():
    msg = "spreadsheet_safe needs a pandas DataFrame, got Series; wrap a Series with .to_frame()."
    with pytest.raises(rk.InvalidParameterError, match="^" + re.escape(msg) + "$"):
        rk.spreadsheet_safe(pd.Series([1]))
    msg = "export_table needs a pandas DataFrame, got list; wrap a Series with .to_frame()."
    with pytest.raises(rk.InvalidParameterError, match="^" + re.escape(msg) + "$"):
        rk.export_table([1], "x.csv")


# --------------------------------------------------------------------------- export_table


def test_argument_errors_name_the_path_folder_and_separator(tmp_path):
    bad = tmp_path / "out.json"
    msg = f"cannot export to {str(bad)!r}: the name must end in .csv or .xlsx, e.g. 'report.xlsx'."
    with pytest.raises(rk.InvalidParameterError, match="^" + re.escape(msg) + "$"):
        rk.export_table(pd.DataFrame({"a": [1]}), bad)
    folder = tmp_path / "nope"
    msg = f"the folder {str(folder)!r} does not exist; create it first or pick another path."
    with pytest.raises(rk.InvalidParameterError, match="^" + re.escape(msg) + "$"):
        rk.export_table(pd.DataFrame({"a": [1]}), folder / "x.csv")
    msg = (
        "sep='|' is not a separator spreadsheets read; use ',' (the default), ';' "
        "(spreadsheets in a Russian locale) or '\\t'."
    )
    with pytest.raises(rk.InvalidParameterError, match="^" + re.escape(msg) + "$"):
        rk.export_table(pd.DataFrame({"a": [1]}), tmp_path / "x.csv", sep="|")


def test_csv_has_no_index_column_unless_asked(tmp_path):
    df = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}, index=[10, 20])
    raw = rk.export_table(df, tmp_path / "t.csv").read_bytes().decode("utf-8-sig")
    assert raw.split("\r\n")[:3] == ['"a","b"', '1,"x"', '2,"y"']
    raw = rk.export_table(df, tmp_path / "i.csv", index=True).read_bytes().decode("utf-8-sig")
    assert raw.split("\r\n")[:2] == ['"","a","b"', '10,1,"x"']


def test_xlsx_with_a_tz_aware_index_writes_wall_clock_times(tmp_path):
    idx = pd.DatetimeIndex(["2024-01-01 10:00", "2024-01-02 11:30"], tz="Europe/Moscow", name="t")
    df = pd.DataFrame({"n": [1, 2]}, index=idx)
    path = rk.export_table(df, tmp_path / "t.xlsx", index=True)
    ws = openpyxl.load_workbook(path).active
    assert [ws.cell(row=r, column=1).value.isoformat() for r in (2, 3)] == [
        "2024-01-01T10:00:00",
        "2024-01-02T11:30:00",
    ]


# --------------------------------------------------------------------------- xlsx limits


def _written_rows(df, path, index):
    df.to_excel(path, index=index, engine="openpyxl")
    return openpyxl.load_workbook(path).active.max_row


@pytest.mark.parametrize(
    ("columns", "index"),
    [
        (pd.Index(["a", "b"]), False),
        (pd.Index(["a", "b"]), True),
        (pd.MultiIndex.from_tuples([("x", "a"), ("x", "b")]), True),
    ],
)
def test_the_xlsx_row_limit_counts_the_header_rows_really_written(
    tmp_path, monkeypatch, columns, index
):
    df = pd.DataFrame(np.arange(8).reshape(4, 2), columns=columns)
    rows = _written_rows(df, tmp_path / "probe.xlsx", index)  # what openpyxl really writes
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", rows)
    rk.export_table(df, tmp_path / "fits.xlsx", index=index)  # exactly full: accepted
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", rows - 1)
    with pytest.raises(rk.InvalidParameterError, match=r"the table has 4 rows; .*at most"):
        rk.export_table(df, tmp_path / "over.xlsx", index=index)


def test_control_characters_found_after_other_columns_and_missing_cells(tmp_path):
    df = pd.DataFrame({"n": [1, 2, 3], "s": ["ok", None, "x\x01y"]})
    msg = (
        "column 's', row 2 (index 2) holds the control character '\\x01', which an .xlsx file "
        "cannot store. Export to .csv instead, or remove such characters first, e.g. "
        "df[col].str.replace(r'[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]', '', regex=True)."
    )
    with pytest.raises(rk.InvalidParameterError, match="^" + re.escape(msg) + "$"):
        rk.export_table(df, tmp_path / "t.xlsx")
    # missing cells alone are no control characters
    clean = pd.DataFrame({"n": [1, 2], "s": ["ok", None]})
    assert rk.export_table(clean, tmp_path / "ok.xlsx").exists()


def test_multiindex_columns_without_the_index_get_the_whole_message(tmp_path):
    df = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("x", "a"), ("x", "b")]))
    msg = (
        "the table has MultiIndex columns, which .xlsx can only write together with the "
        "index: pass index=True, or flatten them first, e.g. "
        "df.columns = ['_'.join(map(str, c)) for c in df.columns]."
    )
    with pytest.raises(rk.InvalidParameterError, match="^" + re.escape(msg) + "$"):
        rk.export_table(df, tmp_path / "t.xlsx")


def test_the_name_of_a_numeric_index_is_neutralised_too(tmp_path):
    df = pd.DataFrame({"v": [1]}, index=pd.Index([5], name="=HYPERLINK(1)"))
    assert rk.spreadsheet_safe(df).index.name == "'=HYPERLINK(1)"


def test_xlsx_limit_with_multiindex_columns(tmp_path, monkeypatch):
    df = pd.DataFrame(np.arange(8).reshape(4, 2))
    df.columns = pd.MultiIndex.from_tuples([("x", "a"), ("x", "b")])
    # with the index: at least the two header levels count, so 4 + 2 rows do not fit in 5
    monkeypatch.setattr(export_module, "EXCEL_MAX_ROWS", 5)
    msg = (
        "the table has 4 rows; an .xlsx sheet holds at most 4 below its header. Export to .csv "
        "instead, or filter the table first."
    )
    with pytest.raises(rk.InvalidParameterError, match="^" + re.escape(msg) + "$"):
        rk.export_table(df, tmp_path / "t.xlsx", index=True)
    # without the index the columns are refused for what they are, not for the rows
    with pytest.raises(rk.InvalidParameterError, match="^the table has MultiIndex columns"):
        rk.export_table(df, tmp_path / "t.xlsx")


def test_control_character_search_in_an_object_column_with_missing_cells(tmp_path):
    s = pd.Series(["ok", None, np.nan, "x\x02"], dtype=object)
    with pytest.raises(rk.InvalidParameterError, match=r"^column 's', row 3 \(index 3\)"):
        rk.export_table(pd.DataFrame({"s": s}), tmp_path / "t.xlsx")
    clean = pd.Series(["ok", None, np.nan], dtype=object)
    assert rk.export_table(pd.DataFrame({"s": clean}), tmp_path / "ok.xlsx").exists()
