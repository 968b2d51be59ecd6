"""read_table, load_transactions, load_subscriptions, prepare_*: every validation, by hand."""

from __future__ import annotations

import copy
import datetime as dt
import warnings

import pandas as pd
import pytest

import retention_kit as rk
from retention_kit.loading import prepare_subscriptions, prepare_transactions


def log() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "CustomerID": [17850.0, 17850.0, 13047.0, 12583.0],
            "InvoiceDate": ["2011-01-05 08:26", "2011-01-06 09:00", "2011-02-01", "2011-03-10"],
            "Revenue": ["15.30", "2", "7.5", "10"],
            "Country": ["UK", "UK", "UK", "France"],
        }
    )


ARGS = {"customer": "CustomerID", "time": "InvoiceDate", "amount": "Revenue"}


def test_load_transactions_types_kept_columns_and_input_untouched():
    df = log()
    before = copy.deepcopy(df)
    out = rk.load_transactions(df, **ARGS)
    pd.testing.assert_frame_equal(df, before)
    assert out is not df
    assert list(out.columns) == list(df.columns)
    assert out["CustomerID"].tolist() == [17850, 17850, 13047, 12583]  # float ids -> int64
    assert out["CustomerID"].dtype == "int64"
    assert out["InvoiceDate"].tolist() == list(
        pd.to_datetime(
            ["2011-01-05 08:26", "2011-01-06 09:00", "2011-02-01", "2011-03-10"], format="ISO8601"
        )
    )
    assert out["Revenue"].tolist() == [15.3, 2.0, 7.5, 10.0]
    assert out["Country"].tolist() == ["UK", "UK", "UK", "France"]


def test_read_table_formats(tmp_path):
    df = pd.DataFrame({"id": [1, 2], "name": ["Анна", "Bob"]})
    assert rk.read_table(df) is df
    df.to_csv(tmp_path / "t.csv", index=False)
    df.to_parquet(tmp_path / "t.parquet")
    df.to_excel(tmp_path / "t.xlsx", index=False)
    (tmp_path / "parts").mkdir()
    df.iloc[:1].to_parquet(tmp_path / "parts" / "a.parquet")
    df.iloc[1:].to_parquet(tmp_path / "parts" / "b.parquet")
    for name in ("t.csv", "t.parquet", "t.xlsx"):
        back = rk.read_table(tmp_path / name)
        assert back["id"].tolist() == [1, 2] and back["name"].tolist() == ["Анна", "Bob"]
    folder = rk.read_table(str(tmp_path / "parts"))
    assert sorted(folder["id"].tolist()) == [1, 2]


def test_read_table_windows_1251_csv_warns(tmp_path):
    path = tmp_path / "ru.csv"
    path.write_bytes("id,name\n1,Анна\n".encode("cp1251"))
    with pytest.warns(rk.DataQualityWarning, match="cp1251"):
        back = rk.read_table(path)
    assert back["name"].tolist() == ["Анна"]


def test_read_table_unknown_suffix_and_missing_file(tmp_path):
    (tmp_path / "t.json").write_text("{}")
    with pytest.raises(rk.DataValidationError, match=r"'\.json'.*\.csv"):
        rk.read_table(tmp_path / "t.json")
    with pytest.raises(rk.DataValidationError, match="not found.*nope.csv"):
        rk.read_table(tmp_path / "nope.csv")
    with pytest.raises(rk.DataValidationError, match="no .parquet"):
        rk.read_table(tmp_path)


def test_missing_column_suggests_close_match():
    with pytest.raises(rk.MissingColumnError, match=r"customer='customerid'.*'CustomerID'"):
        rk.load_transactions(log(), customer="customerid", time="InvoiceDate")
    with pytest.raises(rk.MissingColumnError, match=r"order='Invoice'.*columns are"):
        rk.load_transactions(log(), customer="CustomerID", time="InvoiceDate", order="Invoice")


def test_empty_table():
    with pytest.raises(rk.EmptyDataError, match="no rows"):
        rk.load_transactions(log().iloc[:0], **ARGS)


def test_unparsable_date_names_row():
    df = log()
    df.loc[2, "InvoiceDate"] = "2011-02-30"  # no such day
    with pytest.raises(rk.InvalidDateError, match=r"'InvoiceDate'.*row 2: '2011-02-30'"):
        rk.load_transactions(df, **ARGS)


def test_mixed_formats_are_detected_not_guessed():
    df = log()
    df.loc[3, "InvoiceDate"] = "05/01/2011"
    with pytest.raises(rk.InvalidDateError, match=r"mixes date formats.*row 0.*row 3"):
        rk.load_transactions(df, **ARGS)


def test_day_first_detected_reported_and_overridable():
    df = pd.DataFrame({"id": [1, 2], "t": ["12/1/2010 8:26", "13/12/2010 8:26"]})
    with pytest.warns(rk.DataQualityWarning, match=r"read day first.*row 1: '13/12/2010 8:26'"):
        out = rk.load_transactions(df, customer="id", time="t")
    assert out["t"].tolist() == [pd.Timestamp("2010-01-12 08:26"), pd.Timestamp("2010-12-13 08:26")]
    assert "read day first" in out.attrs["retention_kit"]["notes"][0]
    # the user's word wins: month first makes row 1 impossible, and the error says so
    with pytest.raises(rk.InvalidDateError, match=r"row 1: '13/12/2010 8:26'.*dayfirst=True"):
        rk.load_transactions(df, customer="id", time="t", dayfirst=False)
    # month first (UCI's CSV) is detected as well
    us = pd.DataFrame({"id": [1, 2], "t": ["12/1/2010 8:26", "12/13/2010 8:26"]})
    with pytest.warns(rk.DataQualityWarning, match="month first"):
        assert rk.load_transactions(us, customer="id", time="t")["t"].dt.day.tolist() == [1, 13]


def test_mixed_aware_and_naive_strings_and_datetimes():
    df = pd.DataFrame({"id": [1, 2], "t": ["2011-01-05 10:00+01:00", "2011-01-05 11:00"]})
    with pytest.raises(rk.InvalidDateError, match=r"time zone.*row 0.*without one.*row 1"):
        rk.load_transactions(df, customer="id", time="t")
    objs = pd.DataFrame(
        {"id": [1, 2], "t": [dt.datetime(2011, 1, 1, tzinfo=dt.UTC), dt.datetime(2011, 1, 2)]}
    )
    with pytest.raises(rk.InvalidDateError, match="time zone"):
        rk.load_transactions(objs, customer="id", time="t")


def test_offsets_that_differ_become_utc_and_tz_converts():
    # summer and winter time in Berlin: both aware, different offsets
    df = pd.DataFrame({"id": [1, 2], "t": ["2011-01-05 10:00+01:00", "2011-07-05 10:00+02:00"]})
    out = rk.load_transactions(df, customer="id", time="t")
    assert out["t"].tolist() == [
        pd.Timestamp("2011-01-05 09:00", tz="UTC"),
        pd.Timestamp("2011-07-05 08:00", tz="UTC"),
    ]
    berlin = rk.load_transactions(df, customer="id", time="t", tz="Europe/Berlin")
    assert berlin["t"].dt.hour.tolist() == [10, 10]


def test_tz_localises_naive_times():
    out = rk.load_transactions(log(), **ARGS, tz="Europe/Moscow")
    assert str(out["InvoiceDate"].dt.tz) == "Europe/Moscow"
    assert out["InvoiceDate"].iloc[0] == pd.Timestamp("2011-01-05 08:26", tz="Europe/Moscow")
    with pytest.raises(rk.InvalidParameterError, match="tz='Mars/Base'"):
        rk.load_transactions(log(), **ARGS, tz="Mars/Base")


def test_missing_customers_error_or_drop_with_warning():
    df = log()
    df.loc[1, "CustomerID"] = None
    df.loc[3, "CustomerID"] = None
    with pytest.raises(rk.MissingCustomerIdError, match=r"empty in 2 of 4 rows.*row 1"):
        rk.load_transactions(df, **ARGS)
    with pytest.warns(rk.DataQualityWarning, match="dropped 2 of 4 rows"):
        out = rk.load_transactions(df, **ARGS, drop_missing_customers=True)
    assert out.index.tolist() == [0, 2]  # labels of the input kept
    assert out["CustomerID"].tolist() == [17850, 13047]


def test_non_numeric_amount_names_value():
    df = log()
    df.loc[1, "Revenue"] = "12,50"
    with pytest.raises(rk.InvalidAmountError, match=r"'Revenue'.*row 1: '12,50'.*decimal point"):
        rk.load_transactions(df, **ARGS)


def test_negative_amounts_old_name_still_works():
    df = log()
    df.loc[2, "Revenue"] = "-7.5"
    with pytest.raises(rk.InvalidAmountError, match=r"1 rows are returns.*row 2.*'net'.*'drop'"):
        rk.load_transactions(df, **ARGS)
    with pytest.warns(rk.DataQualityWarning, match="1 rows are returns.*dropped"):
        dropped = rk.load_transactions(df, **ARGS, negative_amounts="drop")
    assert dropped.index.tolist() == [0, 1, 3]
    # "keep" is now "net": 13047's return (row 2) has no earlier purchase of 13047, so it goes
    with pytest.warns(rk.DataQualityWarning, match="1 returns have no earlier purchase"):
        kept = rk.load_transactions(df, **ARGS, negative_amounts="keep")
    assert kept["Revenue"].tolist() == [15.3, 2.0, 10.0]
    with pytest.raises(rk.InvalidParameterError, match="negative_amounts='ignore'"):
        rk.load_transactions(df, **ARGS, negative_amounts="ignore")
    with pytest.raises(rk.InvalidParameterError, match="returns='ignore'"):
        rk.load_transactions(df, **ARGS, returns="ignore")


def test_duplicates_warn_drop_error_keep():
    df = pd.concat([log(), log().iloc[[1]]], ignore_index=True)  # row 4 copies row 1
    with pytest.warns(rk.DataQualityWarning, match=r"1 rows are exact copies.*row 4"):
        warned = rk.load_transactions(df, **ARGS)
    assert len(warned) == 5
    with pytest.warns(rk.DataQualityWarning, match="dropped"):
        dropped = rk.load_transactions(df, **ARGS, duplicates="drop")
    assert dropped.index.tolist() == [0, 1, 2, 3]
    with pytest.raises(rk.DuplicateRowsError, match="row 4"):
        rk.load_transactions(df, **ARGS, duplicates="error")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(rk.load_transactions(df, **ARGS, duplicates="keep")) == 5


def test_load_from_csv_file(tmp_path):
    log().to_csv(tmp_path / "sales.csv", index=False)
    out = rk.load_transactions(tmp_path / "sales.csv", **ARGS)
    assert out["Revenue"].sum() == pytest.approx(34.8)  # 15.3 + 2 + 7.5 + 10


def test_prepare_transactions_is_light_and_strict():
    df = log()
    before = copy.deepcopy(df)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no duplicate check, no warning
        out = prepare_transactions(df, customer="CustomerID", time="InvoiceDate", amount="Revenue")
    pd.testing.assert_frame_equal(df, before)
    assert list(out.columns) == ["CustomerID", "InvoiceDate", "Revenue"]
    assert pd.api.types.is_datetime64_any_dtype(out["InvoiceDate"])
    assert out["Revenue"].tolist() == [15.3, 2.0, 7.5, 10.0]
    df.loc[0, "CustomerID"] = None
    with pytest.raises(rk.MissingCustomerIdError, match="drop_missing_customers=True"):
        prepare_transactions(df, customer="CustomerID", time="InvoiceDate")
    with pytest.raises(rk.MissingColumnError, match="Country2"):
        prepare_transactions(log(), customer="CustomerID", time="InvoiceDate", extra=("Country2",))


def subs() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": [1, 2, 3],
            "from": ["2024-01-01", "2024-01-15", "2024-02-01"],
            "to": ["2024-03-01", None, None],
            "plan": ["pro", "basic", "pro"],
        }
    )


def test_load_subscriptions():
    df = subs()
    before = copy.deepcopy(df)
    out = rk.load_subscriptions(df, customer="id", start_time="from", end_time="to")
    pd.testing.assert_frame_equal(df, before)
    assert out["to"].isna().tolist() == [False, True, True]  # empty end = still active
    assert out["from"].iloc[1] == pd.Timestamp("2024-01-15")
    assert out["plan"].tolist() == ["pro", "basic", "pro"]
    utc = rk.load_subscriptions(df, customer="id", start_time="from", end_time="to", tz="UTC")
    assert str(utc["to"].dt.tz) == "UTC"


def test_subscriptions_errors():
    bad = subs()
    bad.loc[2, "to"] = "2024-01-10"
    with pytest.raises(rk.InvalidDateError, match=r"end before they start.*row 2"):
        rk.load_subscriptions(bad, customer="id", start_time="from", end_time="to")
    mixed = subs().assign(to=["2024-03-01 00:00+03:00", None, None])
    with pytest.raises(rk.InvalidDateError, match="tz="):
        rk.load_subscriptions(mixed, customer="id", start_time="from", end_time="to")
    no_id = subs()
    no_id.loc[0, "id"] = None
    with pytest.raises(rk.MissingCustomerIdError, match="load_subscriptions"):
        rk.load_subscriptions(no_id, customer="id", start_time="from", end_time="to")
    with pytest.warns(rk.DataQualityWarning):
        out = rk.load_subscriptions(
            no_id, customer="id", start_time="from", end_time="to", drop_missing_customers=True
        )
    assert out["id"].tolist() == [2, 3]


def test_prepare_subscriptions():
    out = prepare_subscriptions(subs(), customer="id", start_time="from", end_time="to")
    assert list(out.columns) == ["id", "from", "to"]
    assert out["to"].dtype == out["from"].dtype


def test_text_ids_with_a_missing_one_are_dropped_on_request():
    # pandas 3 hands out read-only arrays; the missing-id mask must be a copy
    df = pd.DataFrame(
        {"c": ["a", None, "b"], "t": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"])}
    )
    with pytest.warns(rk.DataQualityWarning, match="row 1"):
        out = rk.load_transactions(df, customer="c", time="t", drop_missing_customers=True)
    assert out["c"].tolist() == ["a", "b"]
