"""Edges of the validation gate (retention_kit/loading.py) that the mutation run found untested.

Every expectation is worked out by hand from tiny hand-made tables; every error assertion
names the column / row / value it must report.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import retention_kit as rk
from retention_kit.loading import prepare_subscriptions, prepare_transactions

# --------------------------------------------------------------------------- subscriptions

SUBS = {"customer": "id", "start_time": "from", "end_time": "to"}


def subs(**columns) -> pd.DataFrame:
    base = {
        "id": [1, 2, 3],
        "from": ["2024-01-01", "2024-01-15", "2024-02-01"],
        "to": ["2024-03-01", None, None],
    }
    return pd.DataFrame({**base, **columns})


@pytest.mark.parametrize("load", [rk.load_subscriptions, prepare_subscriptions])
@pytest.mark.parametrize("arg", ["customer", "start_time", "end_time"])
def test_subscription_columns_are_named_with_their_argument(load, arg):
    args = {**SUBS, arg: "nope"}
    with pytest.raises(rk.MissingColumnError, match=rf"^{arg}='nope': the table has no column"):
        load(subs(), **args)


@pytest.mark.parametrize("load", [rk.load_subscriptions, prepare_subscriptions])
def test_subscription_ids_from_a_file_keep_their_text(tmp_path, load):
    path = tmp_path / "subs.csv"
    path.write_text("id,from,to\n007,2024-01-01,\n7,2024-01-02,2024-02-01\n", encoding="utf-8")
    out = load(path, **SUBS)
    assert out["id"].tolist() == ["007", "7"]  # two customers, as written


@pytest.mark.parametrize("load", [rk.load_subscriptions, prepare_subscriptions])
@pytest.mark.parametrize("arg,column", [("start_time", "from"), ("end_time", "to")])
def test_unparsable_subscription_dates_name_column_and_argument(load, arg, column):
    df = subs(**{column: ["2024-01-01", "2024-02-30x", "2024-03-01"]})
    with pytest.raises(
        rk.InvalidDateError, match=rf"column '{column}' \({arg}=\) has values that are not dates"
    ):
        load(df, **SUBS)


@pytest.mark.parametrize("load", [rk.load_subscriptions, prepare_subscriptions])
def test_naive_start_with_aware_end_names_both_zones(load):
    # an end column already in UTC, every value empty: its zone still differs from the start's
    df = subs(to=pd.Series([pd.NaT] * 3, dtype="datetime64[us, UTC]"))
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 'from' \(start_time=\) is naive but 'to' \(end_time=\) is in UTC; "
        r"pass tz= \(e\.g\. tz='UTC'\) to put both in one time zone\.$",
    ):
        load(df, **SUBS)


def test_aware_start_with_naive_end_names_both_zones():
    df = subs(**{"from": ["2024-01-01 10:00+00:00", "2024-01-15 10:00+00:00", "2024-02-01 10:00Z"]})
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 'from' \(start_time=\) is in UTC but 'to' \(end_time=\) is naive; ",
    ):
        rk.load_subscriptions(df, **SUBS)


def test_an_all_empty_end_takes_the_zone_of_the_start():
    out = rk.load_subscriptions(subs(to=[None, None, None]), **SUBS, tz="Europe/Moscow")
    assert str(out["to"].dtype) == str(out["from"].dtype) == "datetime64[us, Europe/Moscow]"
    assert out["to"].isna().all()
    assert out["from"].iloc[0] == pd.Timestamp("2024-01-01", tz="Europe/Moscow")


def test_an_end_in_another_unit_gets_the_start_unit():
    ends = pd.Series([pd.Timestamp("2024-03-01"), pd.NaT, pd.NaT], dtype="datetime64[ns]")
    for load in (rk.load_subscriptions, prepare_subscriptions):
        out = load(subs(to=ends), **SUBS)
        assert str(out["from"].dtype) == "datetime64[us]"  # text dates parse to microseconds
        assert str(out["to"].dtype) == "datetime64[us]"
        assert out["to"].iloc[0] == pd.Timestamp("2024-03-01")


def test_a_subscription_ending_at_its_start_is_accepted():
    out = rk.load_subscriptions(subs(to=["2024-01-01", "2024-01-15", None]), **SUBS)
    assert (out["to"].iloc[:2] == out["from"].iloc[:2]).all()


def test_an_end_before_the_start_names_the_files_line(tmp_path):
    path = tmp_path / "subs.csv"
    path.write_text(
        "id,from,to\n1,2024-01-01,\n2,2024-02-01,2024-01-31\n3,2024-03-01,\n", encoding="utf-8"
    )
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^1 subscriptions end before they start, e\.g\. line 3 of 'subs\.csv': "
        r"from=2024-02-01 00:00:00, to=2024-01-31 00:00:00\. Check whether the two columns are "
        r"swapped or the row is a data-entry error, and fix or drop it\.$",
    ):
        rk.load_subscriptions(path, **SUBS)


@pytest.mark.parametrize("load", [rk.load_subscriptions, prepare_subscriptions])
def test_a_subscription_without_a_customer_names_the_loader_to_drop_it(load):
    df = subs(id=["a", "  ", "c"])
    with pytest.raises(
        rk.MissingCustomerIdError,
        match=r"^column 'id' \(customer=\) is empty in 1 of 3 rows \(e\.g\. row 1; .*"
        r"drop them explicitly with rk\.load_subscriptions\(\.\.\., drop_missing_customers=True\)",
    ):
        load(df, **SUBS)


def test_prepare_subscriptions_names_a_missing_amount_column():
    with pytest.raises(rk.MissingColumnError, match=r"^amount='price': the table has no column"):
        prepare_subscriptions(subs(), **SUBS, amount="price")


def test_prepare_subscriptions_checks_the_amount():
    df = subs(price=["9.90", "5", "12.5"], plan=["a", "b", "c"])
    out = prepare_subscriptions(df, **SUBS, amount="price")
    assert list(out.columns) == ["id", "from", "to", "price"]
    assert out["price"].tolist() == [9.9, 5.0, 12.5]
    with pytest.raises(
        rk.InvalidAmountError, match=r"^column 'price' \(amount=\) has values that are not numbers"
    ):
        prepare_subscriptions(subs(price=["9.90", "free", "1"]), **SUBS, amount="price")


# --------------------------------------------------------------------------- dates


def load_times(values, **options) -> pd.DataFrame:
    df = pd.DataFrame({"c": list(range(1, len(values) + 1)), "t": values})
    return rk.load_transactions(df, customer="c", time="t", **options)


@pytest.mark.parametrize(
    "values,options",
    [
        (["2024-01-05", "now"], {}),  # the ISO path
        (["05/01/2024", "today"], {"dayfirst": True}),
        (["2024-01-05", "today"], {"date_format": "%Y-%m-%d"}),
    ],
)
def test_the_words_now_and_today_are_not_dates(values, options):
    # bug: pandas read them as the moment of loading, so the log got a purchase 'today'
    with pytest.raises(
        rk.InvalidDateError,
        match=rf"^column 't' \(time=\) has 1 values that are the word 'now' or 'today', not a "
        rf"date \(row 1: '{values[1]}'\); pandas would read them as the moment of loading\. "
        r"Write the real date there, or drop those rows\.$",
    ):
        load_times(values, **options)


@pytest.mark.parametrize(
    "values,options",
    [
        (["05.01.2024 10:00+01:00", "05.07.2024 10:00+02:00"], {}),  # dotted: day first
        (["13/01/2024 10:00+01:00", "05/07/2024 10:00+02:00"], {}),  # 13: day first
        (["Jan 5 2024 10:00+01:00", "Jul 5 2024 10:00+02:00"], {}),
        (["05.01.2024 10:00+0100", "05.07.2024 10:00+0200"], {"date_format": "%d.%m.%Y %H:%M%z"}),
    ],
)
def test_winter_and_summer_offsets_in_any_spelling_become_utc(values, options):
    # bug: only ISO text was converted; these raised pandas' own ValueError (or, with
    # date_format=, an error saying the right format was 'not a date format')
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rk.DataQualityWarning)  # the day-first note
        out = load_times(values, **options)
    first = 13 if values[0].startswith("13") else 5
    assert out["t"].tolist() == [
        pd.Timestamp(f"2024-01-{first:02d} 09:00", tz="UTC"),  # 10:00 at +01:00
        pd.Timestamp("2024-07-05 08:00", tz="UTC"),  # 10:00 at +02:00
    ]


def test_a_bad_date_format_directive_is_named():
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^date_format='%Q' is not a date format \(.*'Q' is a bad directive.*\); write it "
        r"with strftime codes, e\.g\. '%d\.%m\.%Y' for 23\.02\.2024 or '%Y-%m-%d %H:%M'\.$",
    ):
        load_times(["05.01.2024", "06.01.2024"], date_format="%Q")


def test_a_value_off_the_date_format_is_named():
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 't' \(time=\) has values that do not match date_format='%d\.%m\.%Y' "
        r"\(row 1: '2024-01-02'\)\. Fix or drop those rows, or give the format the column is "
        r"written in \(e\.g\. '%d\.%m\.%Y' for 23\.02\.2024\)\.$",
    ):
        load_times(["05.01.2024", "2024-01-02", "07.01.2024"], date_format="%d.%m.%Y")


def test_aware_next_to_naive_times_names_one_of_each():
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 't' \(time=\) mixes times with a time zone \(row 1: '2024-01-02 10:00Z'\) "
        r"and times without one \(row 0: '2024-01-01 10:00'\)\. The naive ones are ambiguous: "
        r"convert the column to one convention \(e\.g\. all UTC\) before loading, or store them "
        r"all with their offset\.$",
    ):
        load_times(["2024-01-01 10:00", "2024-01-02 10:00Z", "2024-01-03 10:00"])


def test_a_bad_value_among_aware_times_is_not_called_naive():
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 't' \(time=\) has values that are not dates "
        r"\(row 1: '2024-13-45 10:00\+01:00'\)\. Fix or drop those rows, or name the right "
        r"column in time=\.$",
    ):
        load_times(["2024-01-01 10:00+01:00", "2024-13-45 10:00+01:00"])


def test_three_date_spellings_are_each_named_with_their_own_row():
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 't' \(time=\) mixes date formats \(year first, e\.g\. 2011-01-05: row 0: "
        r"'2011-01-05'; day/month or month/day first, e\.g\. 05/01/2011: row 1: '05/01/2011'; "
        r"month as a word, e\.g\. 5 Jan 2011: row 2: '5 Jan 2011'\)\. The kit does not guess "
        r"which is which \(05/01/2011 is 5 January or 1 May\): clean the column to one format "
        r"\(ISO 2011-01-05 is safest\), e\.g\. parse each part with "
        r"pd\.to_datetime\(\.\.\., format=\.\.\.\)\.$",
    ):
        load_times(["2011-01-05", "05/01/2011", "5 Jan 2011"])


@pytest.mark.parametrize(
    "values,dayfirst,hint",
    [
        # day first given: 25/01 is fine, 'xx' is the bad row; the hint offers the other order
        (["05/01/2024", "25/01/2024", "xx"], True, "month first pass dayfirst=False"),
        (["01/05/2024", "01/25/2024", "xx"], False, "day first pass dayfirst=True"),
    ],
)
def test_a_bad_day_month_value_is_named_under_the_given_order(values, dayfirst, hint):
    with pytest.raises(
        rk.InvalidDateError,
        match=rf"^column 't' \(time=\) has values that are not dates \(row 2: 'xx'\)\. If the "
        rf"column is written {hint} \(or date_format=\)\. Fix or drop those rows, or name the "
        r"right column in time=\.$",
    ):
        load_times(values, dayfirst=dayfirst)


def test_a_bad_iso_value_gets_no_day_month_hint():
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 't' \(time=\) has values that are not dates \(row 1: '2024-02-30'\)\. "
        r"Fix or drop those rows, or name the right column in time=\.$",
    ):
        load_times(["2024-02-28", "2024-02-30"])


# --------------------------------------------------------------------------- reading CSV files

RAGGED_TAIL = (
    r"\. A field is missing there, so the columns after it would be read as empty\. Fix the "
    r"line \(add the missing field or the separators of empty ones\) and read the file again\.$"
)


def write(tmp_path, text: str, name: str = "f.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_short_line_is_named_by_its_line_and_text(tmp_path):
    path = write(tmp_path, "id,t,amount\n1,2024-01-01,5\n2,2024-01-02\n3,2024-01-03,7\n")
    with pytest.raises(
        rk.DataValidationError,
        match=r"^line 3 of '[^']*f\.csv' is ragged: it has 2 fields where the header has 3 "
        r"\('2,2024-01-02'\)" + RAGGED_TAIL,
    ):
        rk.read_table(path)


def test_several_short_lines_are_counted(tmp_path):
    path = write(tmp_path, "id,t,amount\n1,2024-01-01,5\n2,2024-01-02\n3,2024-01-03\n")
    with pytest.raises(
        rk.DataValidationError,
        match=r"^line 3 of .* \('2,2024-01-02'\) \(2 lines are like it\)" + RAGGED_TAIL,
    ):
        rk.read_table(path)


def test_a_short_line_is_quoted_up_to_80_characters(tmp_path):
    path = write(tmp_path, "id,t,amount\n1,2024-01-01,5\n2," + "x" * 100 + "\n")
    with pytest.raises(rk.DataValidationError, match=r"\('2," + "x" * 78 + r"'\)\. A field"):
        rk.read_table(path)


def test_a_short_line_of_a_semicolon_cp1251_file(tmp_path):
    text = "id;имя;x\n1;Анна;5\n2;Борис\n3;Вера;1\n"
    path = write(tmp_path, text, encoding="cp1251")
    with pytest.raises(
        rk.DataValidationError,
        match=r"^line 3 of .* it has 2 fields where the header has 3 \('2;Борис'\)" + RAGGED_TAIL,
    ):
        rk.read_table(path)


def test_empty_last_fields_and_quoted_line_breaks_are_not_ragged(tmp_path):
    # both leave the last column empty somewhere, which is what sends a file to the check
    back = rk.read_table(write(tmp_path, "id,t,amount\n1,2024-01-01,5\n2,2024-01-02,\n"))
    assert back["amount"].isna().tolist() == [False, True]
    back = rk.read_table(write(tmp_path, 'id,note,x\n1,"two\nlines",\n2,b,3\n', "q.csv"))
    assert back["note"].tolist() == ["two\nlines", "b"]
    assert back["x"].isna().tolist() == [True, False]


def test_decimal_commas_are_found_in_any_column_after_others_are_ruled_out(tmp_path):
    # columns, in order: a text id (never converted, even when it looks like a number), an empty
    # column, a text column, a column whose first 200 values look like numbers but a later one
    # does not, whole numbers without a comma (left to pandas), and the money with a decimal
    # comma and three kinds of thousands space
    rows = ["id;empty;name;code;qty;ean;paid"]
    money = ["1 234,50", "2\u00a0000", "3\u202f100,25", "-4,5"]
    for i in range(202):
        code = "1,5" if i < 201 else "1,5 kg"
        ean = f"{10**29 + i}"  # too long for int64: left as Python ints, no comma to read
        rows.append(f"12 {300 + i};;anna;{code};{i};{ean};{money[i % 4]}")
    path = write(tmp_path, "\n".join(rows) + "\n")
    with pytest.warns(
        rk.DataQualityWarning,
        match=r"decimal comma in column 'paid' \('1 234,50' read as 1234\.5\)",
    ) as caught:
        back = rk.read_table(path, text_columns=["id"])
    (message,) = [str(w.message) for w in caught]
    assert "'code'" not in message and "'id'" not in message and "'qty'" not in message
    assert back["id"].iloc[:2].tolist() == ["12 300", "12 301"]  # a text id, as written
    assert back["code"].iloc[-2:].tolist() == ["1,5", "1,5 kg"]
    assert back["qty"].iloc[:3].tolist() == [0, 1, 2]
    assert back["ean"].iloc[1] == 10**29 + 1
    assert back["paid"].iloc[:4].tolist() == [1234.5, 2000.0, 3100.25, -4.5]
    assert back["paid"].dtype == "float64"


def test_day_month_dates_followed_by_a_comma_are_not_guessed():
    # bug: '1/5/2024, 10:00:00' (what US spreadsheets write) slipped past the ambiguity check
    # and was read month first without a word
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 't' \(time=\): every date has day and month at most 12 \(e\.g\. row 0: "
        r"'05/01/2024, 10:00'\), so each could be day first or month first",
    ):
        load_times(["05/01/2024, 10:00", "06/01/2024, 11:00"])
    out = load_times(["05/01/2024, 10:00", "06/01/2024, 11:00"], dayfirst=True)
    assert out["t"].tolist() == [pd.Timestamp("2024-01-05 10:00"), pd.Timestamp("2024-01-06 11:00")]


def test_dayfirst_is_honoured_for_spellings_the_day_month_check_does_not_read():
    out = load_times(["05 01 2024", "06 01 2024"], dayfirst=True)
    assert out["t"].tolist() == [pd.Timestamp("2024-01-05"), pd.Timestamp("2024-01-06")]


def test_parsed_day_month_dates_keep_the_row_labels():
    df = pd.DataFrame({"c": [1, 2, 3], "t": ["13/01/2024", "14/01/2024", "15/01/2024"]})
    df.index = [30, 10, 20]
    with pytest.warns(
        rk.DataQualityWarning,
        match=r"^column 't' read day first \(dd/mm/yyyy\), as row 30: '13/01/2024' shows; ",
    ):
        out = rk.load_transactions(df, customer="c", time="t")
    assert out.index.tolist() == [30, 10, 20]
    assert out["t"].tolist() == [
        pd.Timestamp("2024-01-13"),
        pd.Timestamp("2024-01-14"),
        pd.Timestamp("2024-01-15"),
    ]


@pytest.mark.parametrize("options", [{}, {"date_format": "%d/%m/%Y"}])
def test_a_missing_day_month_date_stays_missing(options):
    # the distinct dates are parsed once and spread back; a gap must not take another's date
    with pytest.raises(
        rk.InvalidDateError, match=r"^column 't' \(time=\) is empty in 1 rows \(e\.g\. row 1\); "
    ):
        load_times(["13/01/2024", None, "15/01/2024"], **options)


def test_dotted_dates_are_day_first_and_said_so():
    with pytest.warns(
        rk.DataQualityWarning,
        match=r"^column 't' read day first \(dd\.mm\.yyyy, e\.g\. row 0: '05\.01\.2024'\); pass "
        r"dayfirst=False or date_format= to read it otherwise\.$",
    ):
        out = load_times(["05.01.2024", "06.02.2024"])
    assert out["t"].tolist() == [pd.Timestamp("2024-01-05"), pd.Timestamp("2024-02-06")]


def test_month_first_is_read_off_a_second_number_above_12_and_said_so():
    with pytest.warns(
        rk.DataQualityWarning,
        match=r"^column 't' read month first \(mm/dd/yyyy\), as row 1: '02/23/2024' shows; pass "
        r"dayfirst=True or date_format= to read it otherwise\.$",
    ):
        out = load_times(["03/01/2024", "02/23/2024"])
    assert out["t"].tolist() == [pd.Timestamp("2024-03-01"), pd.Timestamp("2024-02-23")]


def test_day_first_next_to_month_first_names_one_of_each():
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 't' \(time=\) has dates written day first \(row 0: '23/02/2024'\) and "
        r"month first \(row 1: '02/23/2024'\)\. Clean the column to one order \(ISO 2024-02-23 "
        r"is safest\) before loading\.$",
    ):
        load_times(["23/02/2024", "02/23/2024"])


def test_ambiguous_day_month_dates_are_refused_with_every_way_out():
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 't' \(time=\): every date has day and month at most 12 \(e\.g\. row 0: "
        r"'05/01/2024'\), so each could be day first or month first \(05/01/2024 is 5 January "
        r"or 1 May\) and the kit does not guess\. Pass dayfirst=True \(day first, 31/12/2024\), "
        r"dayfirst=False \(month first, 12/31/2024\) or the exact format, e\.g\. "
        r"date_format='%d/%m/%Y' \(CLI: --dayfirst / --date-format\)\.$",
    ):
        load_times(["05/01/2024", "06/01/2024"])


# --------------------------------------------------------------------------- every message in full

# what each message must say: the argument / column / row / value at fault and what to do
ACCEPTED = (
    r"a pandas DataFrame, a \.csv / \.csv\.gz / \.tsv file, a \.parquet file or a folder of "
    r"\.parquet files, or an Excel \.xlsx file"
)


def log3(**columns) -> pd.DataFrame:
    base = {"c": [1, 2, 3], "t": ["2024-01-01", "2024-01-02", "2024-01-03"]}
    return pd.DataFrame({**base, **columns})


def lt(df, **options):
    return rk.load_transactions(df, customer="c", time="t", **options)


MESSAGES = {
    "sep": (
        lambda p: rk.read_table(p, sep=""),
        rk.InvalidParameterError,
        r"sep='': give a non-empty text, e\.g\. sep=';', decimal=',', encoding='cp1251'\.",
    ),
    "decimal": (
        lambda p: rk.read_table(p, decimal=",,"),
        rk.InvalidParameterError,
        r"decimal=',,': give one character, '\.' or ','\.",
    ),
    "encoding": (
        lambda p: rk.read_table(p, encoding="nope"),
        rk.InvalidParameterError,
        r"encoding='nope' is not an encoding Python knows; use e\.g\. 'utf-8', 'cp1251' or "
        r"'latin-1'\.",
    ),
    "not a table": (
        lambda p: rk.read_table(5),
        rk.DataValidationError,
        rf"cannot read a table from a int; give {ACCEPTED}\.",
    ),
    "columns twice": (
        lambda p: lt(pd.DataFrame([[1, "2024-01-01", 2]], columns=["c", "t", "c"])),
        rk.DataValidationError,
        r"the table has more than one column named 'c'; rename them so that each name is unique "
        r"\(e\.g\. df\.columns = \[\.\.\.\]\) and name the one to use\.",
    ),
    "no rows": (
        lambda p: lt(log3().iloc[:0]),
        rk.EmptyDataError,
        r"the table has no rows: nothing to analyse\. Check the file / the filter applied before\.",
    ),
    "unknown zone": (
        lambda p: lt(log3(), tz="Mars/Base"),
        rk.InvalidParameterError,
        r"tz='Mars/Base' is not a time zone pandas knows \(.*Mars/Base.*\); use a name like "
        r"'Europe/Moscow' or 'UTC'\.",
    ),
    "repeated hour": (
        lambda p: lt(
            pd.DataFrame({"c": [1, 2], "t": ["2024-10-27 01:00", "2024-10-27 02:30"]}),
            tz="Europe/Berlin",
        ),
        rk.InvalidDateError,
        r"column 't' \(time=\) has times that occur twice in Europe/Berlin \(the hour repeated "
        r"when clocks go back\), e\.g\. row 1: Timestamp\('2024-10-27 02:30:00'\): the zone cannot "
        r"tell which one is meant\. Store the times in UTC \(or with their offset\) and pass tz= "
        r"to convert\.",
    ),
    "true/false amount": (
        lambda p: lt(log3(a=[True, False, True]), amount="a"),
        rk.InvalidAmountError,
        r"column 'a' \(amount=\) holds True/False, not numbers; name the column with the amount "
        r"of each purchase in amount=\.",
    ),
    "date amount": (
        lambda p: lt(log3(a=pd.to_timedelta([1, 2, 3], unit="D")), amount="a"),
        rk.InvalidAmountError,
        r"column 'a' \(amount=\) holds dates or durations, not numbers; name the column with the "
        r"amount of each purchase in amount=\.",
    ),
    "huge amount": (
        lambda p: lt(log3(a=pd.Series([1, 10**400, 2], dtype=object)), amount="a"),
        rk.InvalidAmountError,
        r"column 'a' \(amount=\) has a number too large to compute with \(more than about "
        r"1\.8e308\); check that column for a damaged value\.",
    ),
    "text amount": (
        lambda p: lt(log3(a=["1", "2", "1,5"]), amount="a"),
        rk.InvalidAmountError,
        r"column 'a' \(amount=\) has values that are not numbers \(1 rows, e\.g\. row 2: "
        r"'1,5'\)\. Remove currency signs and thousands separators and use a decimal point "
        r"\(12\.50, not 12,50\), e\.g\. df\['a'\]\.str\.replace\(',', '\.'\)\.astype\(float\); "
        r"a CSV file written with decimal commas reads with decimal=',' \(CLI: --decimal ,\)\.",
    ),
    "empty amount": (
        lambda p: lt(log3(a=[1.0, None, None]), amount="a"),
        rk.InvalidAmountError,
        r"column 'a' \(amount=\) is empty in 2 rows \(e\.g\. row 1\); fill them \(e\.g\. with 0\) "
        r"or drop those rows\.",
    ),
    "infinite amount": (
        lambda p: lt(log3(a=[1.0, 2.0, -float("inf")]), amount="a"),
        rk.InvalidAmountError,
        r"column 'a' \(amount=\) has infinite values \(row 2: -inf\); fix or drop those rows\.",
    ),
    "negative amount": (
        lambda p: prepare_transactions(
            log3(a=[1.0, -2.0, 2.0]), customer="c", time="t", amount="a"
        ),
        rk.InvalidAmountError,
        r"column 'a' \(amount=\) has 1 negative amounts \(e\.g\. row 1: -2\.0\)\. They are returns "
        r"or cancellations, not purchases, and would count as activity and lower revenue "
        r"unannounced\. Load the log first with rk\.load_transactions\(\.\.\., returns='net'\) "
        r"\(returns subtracted from the customer's revenue\) or returns='drop' \(returns left "
        r"out\), and pass its result\.",
    ),
    "both policies": (
        lambda p: lt(log3(), returns="net", negative_amounts="drop"),
        rk.InvalidParameterError,
        r"give returns= only \(negative_amounts= is its old name\), not both\.",
    ),
    "returns option": (
        lambda p: lt(log3(), returns="keep"),
        rk.InvalidParameterError,
        r"returns='keep' is not an option; use one of 'error', 'net', 'drop'\.",
    ),
    "old option": (
        lambda p: lt(log3(), negative_amounts="net"),
        rk.InvalidParameterError,
        r"negative_amounts='net' is not an option; use one of 'error', 'drop', 'keep'\.",
    ),
    "duplicates option": (
        lambda p: lt(log3(), duplicates=None),
        rk.InvalidParameterError,
        r"duplicates=None is not an option; use one of 'warn', 'drop', 'error', 'keep'\.",
    ),
    "price alone": (
        lambda p: lt(log3(p=[1, 2, 3]), price="p"),
        rk.InvalidParameterError,
        r"price='p' needs quantity= too: the amount is quantity x price\.",
    ),
    "amount exists": (
        lambda p: lt(log3(q=[1, 2, 3], p=[1, 2, 3], amount=[1, 1, 1]), quantity="q", price="p"),
        rk.InvalidParameterError,
        r"amount='amount': with quantity= and price= the kit adds the amount column \(quantity x "
        r"price\), but the table already has a column 'amount'\. Name the new column with "
        r"amount='\.\.\.', or pass amount= alone to use the existing one\.",
    ),
    "a return": (
        lambda p: lt(log3(a=[1.0, 2.0, -2.0]), amount="a"),
        rk.InvalidAmountError,
        r"1 rows are returns or cancellations \(negative 'a'; e\.g\. row 2\)\. A return is not a "
        r"purchase: pass returns='net' to subtract returns from the customer's revenue, or "
        r"returns='drop' to leave them out \(CLI: --returns net / drop\)\.",
    ),
    "a copied row": (
        lambda p: lt(
            log3(c=[1, 2, 2], t=["2024-01-01", "2024-01-02", "2024-01-02"]), duplicates="error"
        ),
        rk.DuplicateRowsError,
        r"1 rows are exact copies of an earlier row \(e\.g\. row 2: \{'c': '2', 't': "
        r"'2024-01-02 00:00:00'\}\)\. Pass duplicates='drop' to remove the copies, or 'keep' if "
        r"repeated identical rows are real \(e\.g\. two identical items bought at once\)\.",
    ),
    "no customer": (
        lambda p: lt(log3(c=["a", "b", None])),
        rk.MissingCustomerIdError,
        r"column 'c' \(customer=\) is empty in 1 of 3 rows \(e\.g\. row 2; an id of only spaces "
        r"counts as empty\)\. Rows without a customer cannot be attributed to anyone; drop them "
        r"explicitly with rk\.load_transactions\(\.\.\., drop_missing_customers=True\) or fill the "
        r"ids\.",
    ),
    "numbers as dates": (
        lambda p: lt(log3(t=[5, 6, 7])),
        rk.InvalidDateError,
        r"column 't' \(time=\) holds numbers, not dates \(row 0: 5\)\. If they are Unix timestamps "
        r"convert them first: df\['t'\] = pd\.to_datetime\(df\['t'\], unit='s'\); otherwise name "
        r"the date column in time=\.",
    ),
    "empty dates": (
        lambda p: lt(log3(t=["2024-01-01", None, None])),
        rk.InvalidDateError,
        r"column 't' \(time=\) is empty in 2 rows \(e\.g\. row 1\); drop or fill those rows before "
        r"the analysis\.",
    ),
}


@pytest.mark.parametrize("case", list(MESSAGES))
def test_each_message_in_full(case, tmp_path):
    call, error, message = MESSAGES[case]
    path = write(tmp_path, "c,t\n1,2024-01-01\n")
    with pytest.raises(error, match=f"^{message}$"):
        call(path)


RETURNS_NOTE = (
    r"^1 rows are returns or cancellations \(negative {what}\){money}, from 1 customers; 1 of them "
    r"only returned goods \(no purchase in the log\) and so are not counted as customers\. "
    r"Returns never count as activity, an order or a cohort start\. {policy}$"
)


@pytest.mark.parametrize(
    "column,policy,said",
    [
        (
            "a",
            "drop",
            r"As returns='drop' asked, they are dropped: amounts are gross \(returns "
            r"not subtracted\)\.",
        ),
        ("q", "drop", r"As returns='drop' asked, they are dropped\."),
        (
            "a",
            "net",
            r"As returns='net' asked, each return's amount is subtracted from the "
            r"customer's latest purchase at or before it: amounts are net of returns; 1 returns "
            r"have no earlier purchase of their customer in the log \(bought before it starts\) "
            r"and are dropped\.",
        ),
        (
            "q",
            "net",
            r"As returns='net' asked they are removed; with no amount there is nothing "
            r"to net\.",
        ),
    ],
)
def test_the_returns_note_in_full(column, policy, said):
    # customer 2 only returned goods (2.5 back), before any purchase of theirs
    df = log3(**{column: [1, -2.5, 2]})
    option = {"amount": "a"} if column == "a" else {"quantity": "q"}
    money = r" worth 2\.50" if column == "a" else ""
    note = RETURNS_NOTE.format(what=f"'{column}'", money=money, policy=said)
    with pytest.warns(rk.DataQualityWarning, match=note):
        out = lt(df, returns=policy, **option)
    assert out["c"].tolist() == [1, 3]
    (kept,) = out.attrs["retention_kit"]["notes"]  # the same text is kept with the result
    assert re.fullmatch(note, kept)


def test_duplicates_warned_or_dropped_in_full():
    df = log3(c=[1, 2, 2], t=["2024-01-01", "2024-01-02", "2024-01-02"])
    copy = (
        r"^1 rows are exact copies of an earlier row \(e\.g\. row 2: \{'c': '2', "
        r"'t': '2024-01-02 00:00:00'\}\)"
    )
    with pytest.warns(
        rk.DataQualityWarning,
        match=copy + r"\. They are kept; pass duplicates='drop' to remove them, or 'keep' to "
        r"silence this warning if they are real\.$",
    ):
        assert lt(df)["c"].tolist() == [1, 2, 2]
    with pytest.warns(
        rk.DataQualityWarning, match=copy + r"; dropped them as duplicates='drop' asked\.$"
    ):
        assert lt(df, duplicates="drop")["c"].tolist() == [1, 2]


def test_dropped_customers_are_counted_in_full():
    with pytest.warns(
        rk.DataQualityWarning,
        match=r"^dropped 1 of 3 rows with an empty 'c' \(e\.g\. row 2\), as "
        r"drop_missing_customers=True asked\.$",
    ):
        out = lt(log3(c=["a", "b", " "]), drop_missing_customers=True)
    assert out["c"].tolist() == ["a", "b"]
    with (
        pytest.warns(rk.DataQualityWarning, match="dropped 3 of 3 rows"),
        pytest.raises(
            rk.EmptyDataError,
            match=r"^the table \(after dropping 3 rows without a customer id\) has no rows: ",
        ),
    ):
        lt(log3(c=[None, "", "  "]), drop_missing_customers=True)


def test_a_date_out_of_range_in_full():
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 't' \(time=\) has 2 dates outside 1990-01-01 \.\. (\d{4}-\d\d-\d\d) "
        r"\(e\.g\. row 1: '1900-01-01'\)\. Dates like 9999-12-31, 1900-01-01 or 1970-01-01 "
        r"\(Unix time 0\) are placeholders or typing errors, and one of them would stretch "
        r"every period and cohort table over decades\. Fix or drop those rows before the "
        r"analysis, e\.g\. df = df\[df\['t'\]\.between\('1990-01-01', '\1'\)\]\.$",
    ):
        lt(log3(t=["2024-01-01", "1900-01-01", "9999-12-31"]))


def test_a_date_format_with_an_offset_but_no_time_of_day_becomes_utc():
    out = load_times(["05.01.2024+0100", "05.07.2024+0200"], date_format="%d.%m.%Y%z")
    assert out["t"].tolist() == [
        pd.Timestamp("2024-01-04 23:00", tz="UTC"),  # midnight at +01:00
        pd.Timestamp("2024-07-04 22:00", tz="UTC"),  # midnight at +02:00
    ]


SPREADSHEET = (
    r"^read '.*{name}' as a spreadsheet export: {notes}\. If that is wrong, pass sep=, decimal=, "
    r"encoding= \(CLI: --sep, --decimal, --encoding\)\.$"
)
RUSSIAN = "id;name;paid\n007;Анна;1 234,50\n7;Bob;5\n"


@pytest.mark.parametrize(
    "suffix,pack", [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)]
)
def test_compressed_spreadsheet_exports_are_sniffed_inside(tmp_path, suffix, pack):
    name = f"a.csv{suffix}"
    (tmp_path / name).write_bytes(pack(RUSSIAN.encode("utf-8")))
    notes = (
        r"fields separated by ';'; decimal comma in column 'paid' \('1 234,50' read as 1234\.5\)"
    )
    with pytest.warns(
        rk.DataQualityWarning, match=SPREADSHEET.format(name=re.escape(name), notes=notes)
    ):
        back = rk.read_table(tmp_path / name, text_columns=["id"])
    assert back.to_dict("list") == {
        "id": ["007", "7"],
        "name": ["Анна", "Bob"],
        "paid": [1234.5, 5.0],
    }
    assert back.attrs["retention_kit"]["notes"] == [f"read '{name}': " + notes.replace("\\", "")]


def test_a_damaged_compressed_file_is_named(tmp_path):
    (tmp_path / "bad.csv.gz").write_bytes(b"not gzip")
    with pytest.raises(
        rk.DataValidationError,
        match=rf"^could not read '.*bad\.csv\.gz' as a \.csv file: .*\. Check that the file is not "
        rf"damaged and is one of: {ACCEPTED}; for a CSV, sep=, decimal= and encoding= \(CLI: "
        r"--sep, --decimal, --encoding\) set how it is read\.$",
    ):
        rk.read_table(tmp_path / "bad.csv.gz")


def test_encodings_byte_order_mark_and_latin_1(tmp_path):
    bom = write(tmp_path, "id,name\n1,Анна\n", "bom.csv", encoding="utf-8-sig")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # UTF-8 with a BOM is UTF-8: nothing to say
        back = rk.read_table(bom)
    assert list(back.columns) == ["id", "name"] and back["name"].tolist() == ["Анна"]
    (tmp_path / "l1.csv").write_bytes(b"id,name\n1,caf\x98\n")  # 0x98: no letter in cp1251
    notes = r"encoding latin-1 \(the file is not UTF-8; if letters look wrong, pass encoding=\)"
    with pytest.warns(rk.DataQualityWarning, match=SPREADSHEET.format(name="l1.csv", notes=notes)):
        back = rk.read_table(tmp_path / "l1.csv")
    assert back["name"].tolist() == ["caf\x98"]


def test_a_utf8_file_longer_than_the_sample_is_utf8(tmp_path):
    # the first 1 MiB is sniffed: make it end one byte into a two-byte letter, right after a
    # line break that follows another two-byte letter; the sample must be cut at that line break
    header, line = "name,nick\n", "Ж,Я\n"  # 6 bytes a line in UTF-8
    room = 2**20 - 1 - len(header.encode()) - len("Ж,Я\n".encode())
    pad = "Ж" + "x" * (room % 6) + ",Я\n"
    text = header + pad + line * (room // 6) + line * 3
    raw = text.encode("utf-8")
    assert raw[2**20 - 2 : 2**20] == b"\n\xd0" and raw[2**20 - 4 : 2**20 - 2] == "Я".encode()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a UTF-8 file: nothing detected, nothing said
        back = rk.read_table(write(tmp_path, text))
    assert len(back) == 1 + room // 6 + 3 and back["name"].iloc[-1] == "Ж"


def test_pipe_and_tab_separated_files(tmp_path):
    path = write(tmp_path, "id|name|x\n1|a, b|2\n2|c|3\n", "p.txt")
    with pytest.warns(
        rk.DataQualityWarning,
        match=SPREADSHEET.format(name="p.txt", notes="fields separated by '|'"),
    ):
        back = rk.read_table(path)
    assert back.to_dict("list") == {"id": [1, 2], "name": ["a, b", "c"], "x": [2, 3]}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # tabs are what .tsv means: not a detection
        back = rk.read_table(write(tmp_path, "id\tname\n1\ta;b\n", "t.tsv"))
    assert back.to_dict("list") == {"id": [1], "name": ["a;b"]}


def test_the_separator_is_the_one_every_line_agrees_on(tmp_path):
    # commas split the header in two but the lines in three or one; semicolons split all in 3
    path = write(tmp_path, "a,b;c;d\n1;2,5;x\n3;4;y,z\n5;6;w\n")
    with pytest.warns(rk.DataQualityWarning, match="fields separated by ';'"):
        back = rk.read_table(path)
    assert list(back.columns) == ["a,b", "c", "d"]
    assert back["d"].tolist() == ["x", "y,z", "w"]


def test_nrows_reads_the_first_rows_and_zero_only_the_header(tmp_path):
    (tmp_path / "a.csv.bz2").write_bytes(bz2.compress(RUSSIAN.encode("utf-8")))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the header alone: nothing detected, nothing said
        head = rk.read_table(tmp_path / "a.csv.bz2", nrows=0)
    assert list(head.columns) == ["id", "name", "paid"] and len(head) == 0
    assert "retention_kit" not in head.attrs
    with pytest.warns(rk.DataQualityWarning, match="decimal comma"):
        one = rk.read_table(tmp_path / "a.csv.bz2", nrows=1)
    assert one.to_dict("list") == {"id": [7], "name": ["Анна"], "paid": [1234.5]}
    pd.DataFrame({"a": [1, 2, 3]}).to_parquet(tmp_path / "f.pq")
    assert rk.read_table(tmp_path / "f.pq", nrows=2)["a"].tolist() == [1, 2]
    pd.DataFrame({"a": [1, 2, 3]}).to_excel(tmp_path / "f.xlsx", index=False)
    assert rk.read_table(tmp_path / "f.xlsx", nrows=2)["a"].tolist() == [1, 2]


def test_a_short_last_field_is_not_checked_when_only_the_first_rows_are_read(tmp_path):
    # a preview (nrows=) of the first rows, the short one among them: read, not refused
    path = write(tmp_path, "id,t,amount\n1,2024-01-01,5\n2,2024-01-02\n3,2024-01-03,7\n")
    assert rk.read_table(path, nrows=2)["amount"].isna().tolist() == [False, True]


def test_a_folder_of_pq_files_and_names_without_a_known_suffix(tmp_path):
    (tmp_path / "parts").mkdir()
    pd.DataFrame({"a": [1, 2]}).to_parquet(tmp_path / "parts" / "x.pq")
    assert rk.read_table(tmp_path / "parts")["a"].tolist() == [1, 2]
    write(tmp_path, "a,b\n1,2\n", "noext")
    with pytest.raises(
        rk.DataValidationError,
        match=rf"^cannot read '.*noext': the suffix '\(none\)' is not a format this kit reads\. "
        rf"Accepted are {ACCEPTED}\.$",
    ):
        rk.read_table(tmp_path / "noext")
    (tmp_path / "x.gz").write_bytes(gzip.compress(b"a,b\n1,2\n"))
    with pytest.raises(rk.DataValidationError, match=r"the suffix '\.gz' is not a format"):
        rk.read_table(tmp_path / "x.gz")
    write(tmp_path, "x", "old.xls")
    with pytest.raises(
        rk.DataValidationError,
        match=r"the suffix '\.xls' is not a format this kit reads \(old \.xls files: open and "
        r"save as \.xlsx or \.csv\)\. Accepted",
    ):
        rk.read_table(tmp_path / "old.xls")


def test_a_decimal_comma_asked_for_in_a_comma_file_is_read_without_a_note(tmp_path):
    path = write(tmp_path, 'id,paid\n1,"1,5"\n2,"2 000,5"\n')
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # asked for: nothing to tell
        back = rk.read_table(path, decimal=",")
    assert back["paid"].tolist() == [1.5, 2000.5]
    assert "retention_kit" not in back.attrs


def test_a_wrong_encoding_and_a_line_with_too_many_fields_are_named(tmp_path):
    path = write(tmp_path, "a,b\n1,Анна\n", "u.csv", encoding="cp1251")
    with pytest.raises(
        rk.DataValidationError,
        match=r"^'.*u\.csv' is not written in encoding='utf-8'; leave encoding= out to let the "
        r"kit detect it, or give the right one \(e\.g\. 'cp1251', 'utf-8'\)\.$",
    ):
        rk.read_table(path, encoding="utf-8")
    path = write(tmp_path, "a,b\n1,2\n3,4,5\n", "m.csv")
    with pytest.raises(
        rk.DataValidationError,
        match=r"^line 3 of '.*m\.csv' is ragged: it has 3 fields where the header has 2\. A value "
        r"there probably holds the separator without quotes; quote that value or remove the "
        r"extra separator, then read the file again\.$",
    ):
        rk.read_table(path)


# --------------------------------------------------------------------------- returns


def test_net_returns_go_to_the_latest_purchase_at_or_before_them():
    # rows out of time order on purpose. A: buys 10 (1 Jan) and 20 (3 Jan), returns 5 at the
    # very moment of the second purchase and 4 a day later: both come off the 20 -> 11.
    # B returns 3 before any purchase (unmatched, dropped), then buys 7. C only returns 2.
    df = pd.DataFrame(
        {
            "c": ["A", "B", "A", "C", "A", "B", "A"],
            "t": [
                "2024-01-03",
                "2024-01-01",
                "2024-01-03",
                "2024-01-05",
                "2024-01-04",
                "2024-01-02",
                "2024-01-01",
            ],
            "a": [20, -3, -5, -2, -4, 7, 10],
        }
    )
    with pytest.warns(
        rk.DataQualityWarning, match=r"^4 rows .* worth 14\.00, from 3 customers; 1 "
    ):
        out = lt(df, amount="a", returns="net")
    assert out.index.tolist() == [0, 5, 6]
    assert out["c"].tolist() == ["A", "B", "A"]
    assert out["a"].tolist() == [11.0, 7.0, 10.0]
    assert out.attrs["retention_kit"]["returns"] == "net"
    assert out.attrs["retention_kit"]["returns_summary"] == {
        "policy": "net",
        "return_rows": 4,
        "customers_with_returns": 3,
        "customers_only_returns": 1,
        "returned_amount": 14.0,
        "unmatched_rows": 2,
        "amounts": "net of returns",
    }


def test_a_return_marked_by_its_quantity_takes_its_amount_back():
    df = pd.DataFrame(
        {"c": [1, 1], "t": ["2024-01-01", "2024-01-02"], "q": [2, -1], "a": [10.0, 5.0]}
    )
    with pytest.warns(rk.DataQualityWarning, match=r"\(negative 'a' or negative 'q'\) worth 5\.00"):
        out = lt(df, amount="a", quantity="q", returns="net")
    assert out["a"].tolist() == [5.0] and out["q"].tolist() == [2]


def test_a_return_is_netted_only_against_its_own_customer_whatever_the_id_types():
    # bug: ids of mixed types were matched on their text, so customer '1' (text) returning 3
    # took it off customer 1's (a number) purchase; they are two customers everywhere else
    df = pd.DataFrame(
        {
            "c": pd.Series([1, "1", "b"], dtype=object),
            "t": ["2024-01-01", "2024-01-02", "2024-01-01"],
            "a": [10, -3, 4],
        }
    )
    with pytest.warns(rk.DataQualityWarning, match="1 returns have no earlier purchase"):
        out = lt(df, amount="a", returns="net")
    assert out["c"].tolist() == [1, "b"] and out["a"].tolist() == [10.0, 4.0]
    assert out.attrs["retention_kit"]["returns_summary"]["unmatched_rows"] == 1


def test_net_returns_with_ids_of_mixed_types():
    df = pd.DataFrame(
        {
            "c": pd.Series(["a", 2, "a", 2, "a"], dtype=object),
            "t": ["2024-01-01", "2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"],
            "a": [10, 5, -3, -1, -2],
        }
    )
    with pytest.warns(rk.DataQualityWarning, match="3 rows are returns"):
        out = lt(df, amount="a", returns="net")
    assert out["c"].tolist() == ["a", 2] and out["a"].tolist() == [5.0, 4.0]
    assert out.attrs["retention_kit"]["returns_summary"]["unmatched_rows"] == 0


@pytest.mark.parametrize("policy,amounts", [("drop", "gross"), ("error", "gross")])
def test_the_summary_without_returns(policy, amounts):
    out = lt(log3(a=[1.0, 2.0, 0.0]), amount="a", returns=policy)  # 0: a free item, kept
    assert out["a"].tolist() == [1.0, 2.0, 0.0]
    assert out.attrs["retention_kit"] == {
        "notes": [],
        "returns": policy,
        "returns_summary": {
            "policy": policy,
            "return_rows": 0,
            "customers_with_returns": 0,
            "customers_only_returns": 0,
            "returned_amount": 0.0,
            "unmatched_rows": 0,
            "amounts": amounts,
        },
    }
    assert lt(log3())["c"].tolist() == [1, 2, 3]
    assert lt(log3()).attrs["retention_kit"]["returns_summary"]["amounts"] is None


def test_only_returns_leave_no_rows():
    with (
        pytest.warns(rk.DataQualityWarning, match="2 rows are returns"),
        pytest.raises(
            rk.EmptyDataError,
            match=r"^the table \(after taking out the returns\) has no rows: nothing to analyse\.",
        ),
    ):
        lt(log3(c=[1, 1, 2], a=[-1, -2, 3]).iloc[:2], amount="a", returns="drop")


def test_the_separator_is_not_taken_from_the_header_alone(tmp_path):
    # the header splits in 3 on commas but in 2 on semicolons, and so do the lines: ';'
    path = write(tmp_path, "a,b,c;d\n1;2\n3;4\n")
    with pytest.warns(rk.DataQualityWarning, match="fields separated by ';'"):
        back = rk.read_table(path)
    assert back.to_dict("list") == {"a,b,c": [1, 3], "d": [2, 4]}


def test_a_header_only_file_and_a_one_column_file(tmp_path):
    with pytest.warns(rk.DataQualityWarning, match="fields separated by ';'"):
        back = rk.read_table(write(tmp_path, "a;b;c\n", "head.csv"))
    assert list(back.columns) == ["a", "b", "c"] and len(back) == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing to detect in one column
        back = rk.read_table(write(tmp_path, "id\n1\n2\n", "one.csv"))
    assert back["id"].tolist() == [1, 2]


def test_only_the_first_50_lines_choose_the_separator(tmp_path):
    # every line splits in two on ',' and on ';' (a tie: ',' first) until line 50 of the file
    lines = ["a,b;c"] + ["1,2;3"] * 48 + ["1,2,9;3"] + ["1,2;3"] * 5
    with pytest.raises(
        rk.DataValidationError, match=r"^line 50 of .* it has 3 fields where the header has 2\."
    ):
        rk.read_table(write(tmp_path, "\n".join(lines) + "\n"))


def test_text_ids_become_integers_column_by_column(tmp_path):
    # a missing column, an empty one and one that stays text do not stop the next one
    path = write(tmp_path, "code,empty,id,whole,gap,wholegap\n007,,7,1.0,7,1.0\n8,,8,2.0,,\n")
    back = rk.read_table(
        path, text_columns=["nope", "empty", "code", "id", "whole", "gap", "wholegap"]
    )
    assert back["code"].tolist() == ["007", "8"]  # '007' prints back as 7: text, as written
    assert back["id"].tolist() == [7, 8] and back["id"].dtype == "int64"
    assert back["whole"].tolist() == [1, 2] and back["whole"].dtype == "int64"
    assert back["gap"].dtype == "Int64" and back["gap"].tolist() == [7, pd.NA]
    assert back["wholegap"].dtype == "Int64" and back["wholegap"].tolist() == [1, pd.NA]
    assert back["empty"].isna().all()


@pytest.mark.parametrize(
    "tail,encoding,value",
    [("Анна".encode("cp1251"), "cp1251", "Анна"), (b"caf\x98", "latin-1", "caf\x98")],
    ids=["cp1251", "latin-1"],
)
def test_an_encoding_shown_only_after_the_sample_is_still_found(tmp_path, tail, encoding, value):
    # bug: the first MiB is plain ASCII, so it looks like UTF-8; a Latin-1 byte after it
    # (0x98: no letter in cp1251 either) made the file unreadable instead of Latin-1
    path = tmp_path / "late.csv"
    path.write_bytes(b"id;name\n" + b"1;abc\n" * 200_000 + b"2;" + tail + b"\n")
    notes = (
        r"fields separated by ';'; "
        rf"encoding {encoding} \(the file is not UTF-8; if letters look wrong, pass encoding=\)"
    )
    with pytest.warns(
        rk.DataQualityWarning, match=SPREADSHEET.format(name="late.csv", notes=notes)
    ):
        back = rk.read_table(path)
    assert back["name"].iloc[-1] == value and len(back) == 200_001


def test_a_partly_consistent_separator_still_wins_and_its_bad_line_is_named(tmp_path):
    # ';' splits the lines in 3, 3 and 4: the best there is; the fourth field is then an error
    path = write(tmp_path, "a;b;c\n1;2;3\n4;5;6;7\n8;9;10\n")
    with pytest.raises(
        rk.DataValidationError, match=r"^line 3 of .* it has 4 fields where the header has 3\."
    ):
        rk.read_table(path)


def test_two_columns_separated_by_semicolons(tmp_path):
    with pytest.warns(rk.DataQualityWarning, match="fields separated by ';'"):
        back = rk.read_table(write(tmp_path, "a;b\n1;2\n3;4\n"))
    assert back.to_dict("list") == {"a": [1, 3], "b": [2, 4]}


def test_an_empty_file_is_named(tmp_path):
    with pytest.raises(
        rk.DataValidationError, match=r"^could not read '.*empty\.csv' as a \.csv file: "
    ):
        rk.read_table(write(tmp_path, "", "empty.csv"))


def test_the_readers_own_reason_is_quoted_in_the_message(tmp_path):
    # pandas' reason for refusing an empty CSV, asked of pandas itself
    with pytest.raises(pd.errors.EmptyDataError) as refused:
        pd.read_csv(io.StringIO(""))
    reason = str(refused.value)
    assert reason  # a reason to quote
    with pytest.raises(
        rk.DataValidationError,
        match=rf"^could not read '.*empty\.csv' as a \.csv file: {re.escape(reason)}\. Check that",
    ):
        rk.read_table(write(tmp_path, "", "empty.csv"))


# --------------------------------------------------------------------------- date range, zones


def test_the_date_range_ends_are_inclusive_to_the_microsecond():
    # EARLIEST_DATE is 1990-01-01; the latest date is today (UTC) + 366 days
    latest = pd.Timestamp.now(tz="UTC").normalize().tz_localize(None) + pd.Timedelta(days=366)
    out = load_times(["1990-01-01 00:00:00", str(latest)])
    assert out["t"].tolist() == [pd.Timestamp("1990-01-01"), latest]
    for bad in ("1989-12-31 23:59:59.999999", str(latest + pd.Timedelta("1us"))):
        with pytest.raises(rk.InvalidDateError, match=r"has 1 dates outside .* \(e\.g\. row 1: "):
            load_times(["2024-01-01", bad])


def test_aware_dates_are_compared_in_utc():
    # 02:00 at +03:00 on 1 January 1990 is 23:00 UTC on 31 December 1989
    with pytest.raises(rk.InvalidDateError, match=r"row 0: '1990-01-01 02:00\+03:00'"):
        load_times(["1990-01-01 02:00+03:00", "2024-01-01 00:00+03:00"])
    out = load_times(["1990-01-01 03:00+03:00", "2024-01-01 00:00+03:00"])
    assert out["t"].iloc[0] == pd.Timestamp("1990-01-01 00:00", tz="UTC")


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_datetime_columns_out_of_range_reach_no_analysis(unit):
    times = pd.to_datetime(["2024-01-01", "1989-12-31"]).as_unit(unit)
    df = pd.DataFrame({"c": [1, 2], "t": times})
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 't' \(time=\) has 1 dates outside .* row 1: "
        r"Timestamp\('1989-12-31 00:00:00'\)",
    ):
        prepare_transactions(df, customer="c", time="t")
    ok = prepare_transactions(df.iloc[:1], customer="c", time="t")
    assert ok["t"].tolist() == [pd.Timestamp("2024-01-01")]


def test_an_end_placeholder_with_empty_ends_is_named_with_the_still_active_hint():
    df = subs(to=["9999-12-31", None, None])
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 'to' \(end_time=\) has 1 dates outside .* \(e\.g\. row 0: '9999-12-31'\)\. "
        r".* An end date that means 'still active' is left empty\.$",
    ):
        rk.load_subscriptions(df, **SUBS)


def test_times_in_a_zone_gap_move_forward_and_aware_times_are_converted():
    # 02:30 on 31 March 2024 does not exist in Berlin (clocks jump from 02:00 to 03:00)
    out = load_times(["2024-03-31 02:30"], tz="Europe/Berlin")
    assert out["t"].tolist() == [pd.Timestamp("2024-03-31 03:00", tz="Europe/Berlin")]
    out = load_times(["2024-01-01 10:00+03:00"], tz="Europe/Berlin")
    assert out["t"].tolist() == [pd.Timestamp("2024-01-01 08:00", tz="Europe/Berlin")]


# --------------------------------------------------------------------------- where a row is


def test_rows_of_parquet_and_excel_files_are_named_as_the_user_counts_them(tmp_path):
    df = pd.DataFrame({"c": [1, 2, 3], "t": ["2024-01-01", "bad", "2024-01-03"]})
    df.to_parquet(tmp_path / "f.parquet")
    with pytest.raises(rk.InvalidDateError, match=r"\(row 2 of 'f\.parquet': 'bad'\)"):
        lt(tmp_path / "f.parquet")  # Parquet rows count from 1
    df.to_excel(tmp_path / "f.xlsx", index=False)
    with pytest.raises(rk.InvalidDateError, match=r"\(row 3 of 'f\.xlsx': 'bad'\)"):
        lt(tmp_path / "f.xlsx")  # the sheet's header is row 1
    df.set_index(pd.Index([5, 6, 7])).to_parquet(tmp_path / "g.parquet")
    with pytest.raises(rk.InvalidDateError, match=r"\(row 6: 'bad'\)"):
        lt(tmp_path / "g.parquet")  # a stored index: its labels


def test_an_amount_of_quantity_times_price_names_the_files_line(tmp_path):
    path = write(tmp_path, "c,t,q,p,o\n1,2024-01-01,2,1.5,007\n2,2024-01-02,3,1e308,8\n")
    with pytest.raises(
        rk.InvalidAmountError,
        match=r"^column 'q x p' \(amount=\) has infinite values \(line 3 of 'f\.csv': inf\); ",
    ):
        lt(path, quantity="q", price="p")
    path = write(tmp_path, "c,t,q,p,o\n1,2024-01-01,2,1.5,007\n2,2024-01-02,3,2,8\n", "ok.csv")
    out = lt(path, quantity="q", price="p", order="o")
    assert out["amount"].tolist() == [3.0, 6.0]
    assert out["o"].tolist() == ["007", "8"]  # order ids read as text
    assert lt(path, quantity="q", price="p", amount="total")["total"].tolist() == [3.0, 6.0]


# --------------------------------------------------------------------------- prepare_transactions


def prep(df, **options):
    return prepare_transactions(df, customer="c", time="t", **options)


@pytest.mark.parametrize("arg", ["customer", "time", "amount"])
def test_prepare_names_the_argument_of_a_missing_column(arg):
    args = {"customer": "c", "time": "t", "amount": "a", arg: "nope"}
    with pytest.raises(rk.MissingColumnError, match=rf"^{arg}='nope': the table has no column"):
        prepare_transactions(log3(a=[1, 2, 3]), **args)
    with pytest.raises(
        rk.MissingColumnError, match=r"^column #2 of the extra='nope': the table has no column"
    ):
        prep(log3(a=[1, 2, 3]), extra=["a", "nope"])


def test_prepare_keeps_each_needed_column_once_in_order():
    df = log3(a=["1", "2.5", "3"], country=["UK", "FR", "UK"], other=[0, 0, 0])
    out = prep(df, amount="a", extra=["country", "c", "a"])
    assert list(out.columns) == ["c", "t", "a", "country"]
    assert out["a"].tolist() == [1.0, 2.5, 3.0]  # text amounts as numbers
    assert out["t"].tolist() == [pd.Timestamp(f"2024-01-0{d}") for d in (1, 2, 3)]
    assert df["a"].tolist() == ["1", "2.5", "3"]  # the caller's frame untouched
    assert list(prep(df).columns) == ["c", "t"]


def test_prepare_reads_ids_from_a_file_as_text(tmp_path):
    path = write(tmp_path, "c,t\n007,2024-01-01\n7,2024-01-02\n")
    assert prep(path)["c"].tolist() == ["007", "7"]


@pytest.mark.parametrize(
    "ids",
    [
        ["a", " ", "c"],
        ["a", None, "c"],
        pd.array(["a", " ", "c"]),  # an Arrow-backed string column
        pd.Series([1, "\t", 3], dtype=object),  # ids of mixed types
    ],
)
def test_prepare_refuses_a_blank_or_missing_id(ids):
    with pytest.raises(
        rk.MissingCustomerIdError,
        match=r"^column 'c' \(customer=\) is empty in 1 of 3 rows \(e\.g\. row 1; .* drop them "
        r"explicitly with rk\.load_transactions\(\.\.\., drop_missing_customers=True\)",
    ):
        prep(log3(c=ids))


def test_prepare_refuses_an_empty_datetime_and_checks_the_range_of_a_full_one():
    times = pd.to_datetime(["2024-01-01", None, "2024-01-03"])
    with pytest.raises(
        rk.InvalidDateError, match=r"^column 't' \(time=\) is empty in 1 rows \(e\.g\. row 1\)"
    ):
        prep(log3(t=times))
    times = pd.to_datetime(["2024-01-01", "2024-01-02", "1989-01-01"])
    with pytest.raises(rk.InvalidDateError, match=r"has 1 dates outside .* row 2: Timestamp"):
        prep(log3(t=times))


def test_prepare_lets_negative_amounts_through_only_when_asked():
    df = log3(a=[1.0, -2.0, 3.0])
    with pytest.raises(
        rk.InvalidAmountError, match=r"has 1 negative amounts \(e\.g\. row 1: -2\.0\)"
    ):
        prep(df, amount="a")
    assert prep(df, amount="a", negative_amounts=True)["a"].tolist() == [1.0, -2.0, 3.0]
    netted = df.copy()
    netted.attrs["retention_kit"] = {"returns": "net"}  # what load_transactions(returns='net') sets
    assert prep(netted, amount="a")["a"].tolist() == [1.0, -2.0, 3.0]
    netted.attrs["retention_kit"] = {"returns": "drop"}
    with pytest.raises(rk.InvalidAmountError, match="negative amounts"):
        prep(netted, amount="a")


# --------------------------------------------------------------------------- load_transactions


@pytest.mark.parametrize("arg", ["customer", "time", "amount", "quantity", "price", "order"])
def test_load_names_the_argument_of_a_missing_column(arg):
    df = log3(a=[1, 2, 3], q=[1, 1, 1], p=[2, 2, 2], o=["x", "y", "z"])
    args = {"customer": "c", "time": "t", "order": "o"}
    args |= {"quantity": "q", "price": "p"} if arg in ("quantity", "price") else {"amount": "a"}
    with pytest.raises(rk.MissingColumnError, match=rf"^{arg}='nope': the table has no column"):
        rk.load_transactions(df, **(args | {arg: "nope"}))


def test_what_reading_found_is_kept_with_the_result(tmp_path):
    path = write(tmp_path, "c;t;a\n1;2024-01-01;1,5\n2;2024-01-02;2\n")
    with pytest.warns(rk.DataQualityWarning, match="fields separated by ';'"):
        out = lt(path, amount="a")
    assert out["a"].tolist() == [1.5, 2.0]
    assert out.attrs["retention_kit"]["notes"] == [
        "read 'f.csv': fields separated by ';'; decimal comma in column 'a' ('1,5' read as 1.5)"
    ]


def test_the_kits_warnings_point_at_the_callers_line(tmp_path):
    if "mutants" in Path(rk.loading.__file__).parts:
        pytest.skip("under mutmut each kit function runs inside a trampoline: one frame more")
    semicolons = write(tmp_path, "c;t\n1;2024-01-01\n")
    cases = [
        (lambda: lt(log3(c=[1, 2, 2], t=["2024-01-01"] + ["2024-01-02"] * 2)), "exact copies"),
        (
            lambda: lt(log3(c=[1, 2, 2], t=["2024-01-01"] + ["2024-01-02"] * 2), duplicates="drop"),
            "exact copies",
        ),
        (lambda: lt(log3(c=["a", None, "b"]), drop_missing_customers=True), "dropped 1 of 3"),
        (lambda: lt(log3(a=[1, -1, 2]), amount="a", returns="drop"), "returns or cancellations"),
        (lambda: load_times(["05.01.2024", "06.01.2024"]), "read day first"),
        (lambda: lt(semicolons), "fields separated by ';'"),
    ]
    for call, said in cases:
        with pytest.warns(rk.DataQualityWarning, match=said) as caught:
            call()
        assert [w.filename for w in caught] == [__file__]


def test_a_zero_quantity_is_no_return_and_text_amounts_with_a_gap_are_empty_not_text():
    out = lt(log3(q=[1, 0, 2], p=[5.0, 5.0, 1.0]), quantity="q", price="p")
    assert out["amount"].tolist() == [5.0, 0.0, 2.0] and out["q"].tolist() == [1, 0, 2]
    with pytest.raises(
        rk.InvalidAmountError, match=r"^column 'a' \(amount=\) is empty in 1 rows \(e\.g\. row 1\)"
    ):
        lt(log3(a=["1", None, "2"]), amount="a")


def test_copies_of_rows_with_unhashable_cells_are_found():
    df = log3(c=[1, 1, 2], t=["2024-01-01", "2024-01-01", "2024-01-02"], items=[[1], [1], [2]])
    with pytest.warns(rk.DataQualityWarning, match=r"^1 rows are exact copies .* \(e\.g\. row 1: "):
        out = lt(df, duplicates="drop")
    assert out.index.tolist() == [0, 2]


@pytest.mark.parametrize(
    "ids", [pd.array([1, None, 3], dtype="Int64"), [1.0, float("nan"), 3.0]], ids=["Int64", "float"]
)
def test_whole_number_ids_left_after_dropping_the_gaps_are_int64(ids):
    with pytest.warns(rk.DataQualityWarning, match="dropped 1 of 3"):
        out = lt(log3(c=ids), drop_missing_customers=True)
    assert out["c"].tolist() == [1, 3] and out["c"].dtype == "int64"


@pytest.mark.parametrize(
    "ids",
    [pd.Series(["a", None, "c"], dtype=object), pd.Series(["a", " ", "c"], dtype=object)],
    ids=["None", "space"],
)
def test_prepare_refuses_blank_ids_in_an_object_column(ids):
    with pytest.raises(rk.MissingCustomerIdError, match=r"is empty in 1 of 3 rows \(e\.g\. row 1;"):
        prep(log3(c=ids))


def test_iso_dates_with_and_without_a_time_of_day_in_one_column():
    out = load_times(["2024-01-05", "2024-01-06 10:00", "2024-01-07T11:30:00"])
    assert out["t"].tolist() == [
        pd.Timestamp("2024-01-05"),
        pd.Timestamp("2024-01-06 10:00"),
        pd.Timestamp("2024-01-07 11:30"),
    ]


@pytest.mark.parametrize(
    "values,example", [([True, False, True], "row 0: True"), ([float("nan")] * 3, "all missing")]
)
def test_true_false_or_empty_numbers_are_not_dates(values, example):
    with pytest.raises(
        rk.InvalidDateError,
        match=rf"^column 't' \(time=\) holds numbers, not dates \({example}\)\. ",
    ):
        load_times(values)


def test_an_all_empty_number_column_says_so_in_the_language_set():
    # the example is "all missing" itself, translated like the rest of the message
    rk.set_language("ru")
    try:
        with pytest.raises(
            rk.InvalidDateError,
            match=r"^в столбце 't' \(time=\) записаны числа, а не даты "
            r"\(все значения пропущены\)\. ",
        ):
            load_times([float("nan")] * 3)
    finally:
        rk.set_language("en")


def test_file_paths_any_case_missing_and_a_folder_dataset(tmp_path):
    pd.DataFrame({"c": [1, 2], "t": ["2024-01-01", "bad"]}).to_csv(tmp_path / "T.CSV", index=False)
    assert rk.read_table(tmp_path / "T.CSV")["t"].tolist() == ["2024-01-01", "bad"]
    with pytest.raises(
        rk.DataValidationError,
        match=rf"^file not found: '.*nope\.csv' \(looked in '.*'\)\. Check the path; accepted are "
        rf"{ACCEPTED}\.$",
    ):
        rk.read_table(tmp_path / "nope.csv")
    (tmp_path / "parts").mkdir()
    pd.DataFrame({"c": [1, 2], "t": ["2024-01-01", "bad"]}).to_parquet(
        tmp_path / "parts" / "a.parquet"
    )
    with pytest.raises(rk.InvalidDateError, match=r"\(row 2 of 'parts': 'bad'\)"):
        lt(tmp_path / "parts")
    with pytest.raises(
        rk.InvalidParameterError, match=r"^decimal=1: give a non-empty text, e\.g\. sep=';'"
    ):
        rk.read_table(tmp_path / "T.CSV", decimal=1)


def test_a_return_goes_to_the_last_of_purchases_made_at_the_same_moment():
    # 40 items bought at once (one row each, amounts 1..40), an earlier purchase listed after
    # them (so the rows must be sorted by time), 5 returned the next day: the latest purchase at
    # or before the return is the last of the 40 rows in the file (40 -> 35)
    df = pd.DataFrame(
        {
            "c": ["A"] * 42,
            "t": ["2024-01-02"] * 40 + ["2024-01-01", "2024-01-03"],
            "a": list(range(1, 41)) + [100, -5],
        }
    )
    with pytest.warns(rk.DataQualityWarning, match="1 rows are returns"):
        out = lt(df, amount="a", returns="net", duplicates="keep")
    assert out["a"].tolist() == list(range(1, 40)) + [35, 100]


def test_prepare_names_the_amount_column_and_reads_datetimes_as_no_amount():
    with pytest.raises(
        rk.InvalidAmountError, match=r"^column 'a' \(amount=\) has values that are not numbers"
    ):
        prep(log3(a=["1", "x", "2"]), amount="a")
    dates = pd.to_datetime(["2024-01-01"] * 3)
    with pytest.raises(
        rk.InvalidAmountError,
        match=r"^column 'a' \(amount=\) holds dates or durations, not numbers",
    ):
        lt(log3(a=dates), amount="a")


def test_empty_amounts_and_copied_lines_name_the_files_line(tmp_path):
    path = write(tmp_path, "c,t,a\n1,2024-01-01,5\n2,2024-01-02,\n")
    with pytest.raises(
        rk.InvalidAmountError,
        match=r"^column 'a' \(amount=\) is empty in 1 rows \(e\.g\. line 3 of 'f\.csv'\)",
    ):
        lt(path, amount="a")
    path = write(tmp_path, "c,t\n1,2024-01-01\n2,2024-01-02\n2,2024-01-02\n", "d.csv")
    with pytest.warns(
        rk.DataQualityWarning,
        match=r"^1 rows are exact copies of an earlier row \(e\.g\. line 4 of 'd\.csv': ",
    ):
        lt(path)


def test_a_two_line_sample_trusts_the_header_alone(tmp_path):
    # the last line of the sample may be cut short, so with two lines only the header counts:
    # it splits in 3 on commas (in 2 on ';'), and the line, in 1 field, is then short
    with pytest.raises(
        rk.DataValidationError, match=r"^line 2 of .* it has 1 fields where the header has 3 "
    ):
        rk.read_table(write(tmp_path, "a,b,c;d\n1;2\n"))


def test_a_column_has_one_type_however_long_the_file(tmp_path):
    # read in one piece: a text value after 300 000 numbers makes the whole column text,
    # not numbers up to some chunk and text after it
    path = write(tmp_path, "c,t\n" + "".join(f"{i},x\n" for i in range(300_000)) + "a,x\n")
    back = rk.read_table(path)
    assert back["c"].iloc[0] == "0" and back["c"].iloc[-1] == "a"


def test_a_comma_file_keeps_quoted_decimal_commas_as_text_unless_asked(tmp_path):
    path = write(tmp_path, 'id,paid\n1,"1,5"\n2,"2,5"\n')
    assert rk.read_table(path)["paid"].tolist() == ["1,5", "2,5"]  # ',' separates: no guess
    assert rk.read_table(path, decimal=",")["paid"].tolist() == [1.5, 2.5]


def test_a_short_line_of_a_two_column_file(tmp_path):
    with pytest.raises(
        rk.DataValidationError,
        match=r"^line 3 of .* it has 1 fields where the header has 2 \('2'\)",
    ):
        rk.read_table(write(tmp_path, "id,t\n1,2024-01-01\n2\n3,2024-01-03\n"))


def test_a_cell_holding_an_array_is_shown_as_it_is():
    # numpy's .item() refuses an array of two values: the message shows the array itself
    df = log3(a=pd.Series([1.0, 2.0, np.array([1, 2])], dtype=object))
    with pytest.raises(
        rk.InvalidAmountError, match=r"not numbers \(1 rows, e\.g\. row 2: array\(\[1, 2\]\)\)\. "
    ):
        lt(df, amount="a")


@pytest.mark.parametrize("arg,column", [("quantity", "q"), ("price", "p")])
def test_quantity_and_price_are_checked_under_their_own_names(arg, column):
    df = log3(q=[1, 2, 3], p=[1.0, 2.0, 3.0])
    df[column] = ["1", "x", "3"]
    with pytest.raises(
        rk.InvalidAmountError,
        match=rf"^column '{column}' \({arg}=\) has values that are not numbers \(1 rows, e\.g\. "
        r"row 1: 'x'\)",
    ):
        lt(df, quantity="q", price="p")
    df[column] = [True, False, True]
    with pytest.raises(
        rk.InvalidAmountError,
        match=rf"^column '{column}' \({arg}=\) holds True/False, not numbers; name the column "
        rf"with the {arg} of each purchase in {arg}=\.$",
    ):
        lt(df, quantity="q", price="p")


def test_load_passes_decimal_and_encoding_to_the_reader(tmp_path):
    path = write(tmp_path, 'c,t,paid\n1,2024-01-01,"1,5"\n2,2024-01-02,"2,5"\n')
    assert lt(path, amount="paid", decimal=",")["paid"].tolist() == [1.5, 2.5]
    path = write(tmp_path, "c,t,name\n1,2024-01-01,Анна\n", "ru.csv", encoding="cp1251")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the encoding was given: nothing detected, nothing said
        assert lt(path, encoding="cp1251")["name"].tolist() == ["Анна"]


def test_a_date_column_with_no_value_is_empty_not_unreadable():
    with pytest.raises(
        rk.InvalidDateError, match=r"^column 't' \(time=\) is empty in 3 rows \(e\.g\. row 0\); "
    ):
        load_times([None, None, None])


@pytest.mark.parametrize(
    "values,options,bad",
    [
        (["2024-01-05 10:00+01:00", "2024-07-05 10:00+02:00", "2024-13-05 10:00+02:00"], {}, 2),
        (
            ["05.01.2024 10:00+0100", "05.07.2024 10:00+0200", "31.02.2024 10:00+0200"],
            {"date_format": "%d.%m.%Y %H:%M%z"},
            2,
        ),
    ],
    ids=["iso", "date_format"],
)
def test_a_bad_value_among_summer_and_winter_offsets_is_named(values, options, bad):
    # bug: the diagnosis itself tripped over the differing offsets (a raw pandas ValueError,
    # or, with date_format=, 'not a date format' for the right format)
    with pytest.raises(rk.InvalidDateError, match=rf"\(row {bad}: '{re.escape(values[bad])}'\)"):
        load_times(values, **options)


def test_an_empty_date_names_the_files_line(tmp_path):
    path = write(tmp_path, "c,t\n1,2024-01-01\n2,\n")
    with pytest.raises(
        rk.InvalidDateError,
        match=r"^column 't' \(time=\) is empty in 1 rows \(e\.g\. line 3 of 'f\.csv'\)",
    ):
        lt(path)


def test_range_ends_with_empty_subscription_ends():
    # an empty end sends the check down its slower path: the ends are inclusive there too
    latest = pd.Timestamp.now(tz="UTC").normalize().tz_localize(None) + pd.Timedelta(days=366)
    df = subs(
        **{"from": ["1990-01-01", "1990-01-01", "2024-01-01"]}, to=["1990-01-01", None, str(latest)]
    )
    out = rk.load_subscriptions(df, **SUBS)
    assert out["to"].iloc[0] == pd.Timestamp("1990-01-01") and out["to"].iloc[2] == latest
    # one end out of range, one exactly at the start of the range: only one is counted
    df = subs(**{"from": ["1990-01-01"] * 3}, to=["1990-01-01", None, "9999-12-31"])
    with pytest.raises(
        rk.InvalidDateError, match=r"^column 'to' \(end_time=\) has 1 dates outside"
    ):
        rk.load_subscriptions(df, **SUBS)
    df = subs(**{"from": ["1990-01-01"] * 3}, to=[str(latest), None, "1989-01-01"])
    with pytest.raises(
        rk.InvalidDateError, match=r"^column 'to' \(end_time=\) has 1 dates outside"
    ):
        rk.load_subscriptions(df, **SUBS)


@pytest.mark.parametrize(
    "load,args,arg",
    [
        (rk.load_transactions, {"customer": None, "time": "t"}, "customer"),
        (rk.load_transactions, {"customer": "c", "time": None}, "time"),
        (rk.load_subscriptions, {**SUBS, "start_time": None}, "start_time"),
        (rk.load_subscriptions, {**SUBS, "end_time": None}, "end_time"),
    ],
)
def test_a_required_column_argument_cannot_be_none(load, args, arg):
    df = log3() if load is rk.load_transactions else subs()
    with pytest.raises(
        rk.InvalidParameterError,
        match=rf"^{arg}=None: {arg}= is required; pass the name of one of the table's columns ",
    ):
        load(df, **args)


def test_zip_and_zstandard_csv_files_are_csv_files(tmp_path):
    import zipfile

    # bug: the sniffing read the zip archive's own bytes, took them for cp1251 and so read a
    # UTF-8 file inside as cp1251 (garbled letters, and a warning naming the wrong encoding)
    with zipfile.ZipFile(tmp_path / "a.csv.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.csv", "c;name\n1;Анна\n")
    with pytest.warns(
        rk.DataQualityWarning,
        match=SPREADSHEET.format(name="a.csv.zip", notes="fields separated by ';'"),
    ):
        back = rk.read_table(tmp_path / "a.csv.zip")
    assert back.to_dict("list") == {"c": [1], "name": ["Анна"]}
    (tmp_path / "bad.csv.zip").write_bytes(b"not a zip")
    with pytest.raises(
        rk.DataValidationError, match=r"^could not read '.*bad\.csv\.zip' as a \.csv"
    ):
        rk.read_table(tmp_path / "bad.csv.zip")
    (tmp_path / "b.csv.zst").write_bytes(b"not zstandard")  # damaged, or no zstandard module
    with pytest.raises(
        rk.DataValidationError, match=r"^could not read '.*b\.csv\.zst' as a \.csv file"
    ):
        rk.read_table(tmp_path / "b.csv.zst")


def test_messages_name_the_working_folder_and_the_folder_read(tmp_path):
    with pytest.raises(
        rk.DataValidationError, match=rf"\(looked in '{re.escape(str(Path.cwd()))}'\)\. "
    ):
        rk.read_table(tmp_path / "nope.csv")
    (tmp_path / "empty").mkdir()
    with pytest.raises(
        rk.DataValidationError,
        match=rf"^the folder '{re.escape(str(tmp_path / 'empty'))}' holds no \.parquet files; a "
        rf"folder is read as a Parquet dataset\. Accepted are {ACCEPTED}\.$",
    ):
        rk.read_table(tmp_path / "empty")
    with pytest.raises(rk.InvalidParameterError, match=r"^encoding=5: give a non-empty text"):
        rk.read_table(tmp_path / "nope.csv", encoding=5)


def test_a_damaged_parquet_folder_is_named_as_a_table(tmp_path):
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "a.parquet").write_bytes(b"garbage")
    with pytest.raises(
        rk.DataValidationError, match=r"^could not read '.*parts' as a table file: "
    ):
        rk.read_table(tmp_path / "parts")


def test_a_quoted_line_break_does_not_outvote_the_separator(tmp_path):
    # ';' splits every row in 3, the quoted note spanning two lines included; ',' splits
    # more lines (each in 2) only because it does not see that quote. The share of agreeing
    # rows decides, then the number of fields: ';'
    text = 'a,b;c;d\n1,2;"x\ny",z;4\np,q;r;s\n'
    with pytest.warns(rk.DataQualityWarning, match="fields separated by ';'"):
        back = rk.read_table(write(tmp_path, text))
    assert list(back.columns) == ["a,b", "c", "d"]
    assert back["c"].tolist() == ["x\ny,z", "r"] and back["d"].tolist() == ["4", "s"]
