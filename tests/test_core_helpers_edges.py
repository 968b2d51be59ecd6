"""The internal core helpers at their edges: core/ids.py, core/columns.py, core/counts.py.

Written against the mutants mutmut left alive in these modules (issue 15): each test pins a
behaviour a one-token change would break. Every expectation is worked out by hand on a few
values (the reasoning is in the comments); whole error messages are compared, so a dropped or
emptied piece of a message fails too.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

from retention_kit.core.columns import closest_column, require_columns
from retention_kit.core.counts import (
    as_amounts,
    as_array,
    as_counts,
    divide,
    is_scalar,
    like_input,
    require_at_most,
)
from retention_kit.core.ids import NO_VALUE_LABEL, by_codes, customer_codes, first_rows
from retention_kit.errors import (
    DataValidationError,
    InconsistentCountsError,
    InvalidCountError,
    InvalidParameterError,
    MissingColumnError,
)


def whole(message: str) -> str:
    """A `match=` pattern for exactly this message."""
    return "^" + re.escape(message) + "$"


def codes_and_ids(ids, **kw):
    codes, uniques = customer_codes(pd.Series(ids), **kw)
    return codes.tolist(), list(uniques)


# ---------------------------------------------------------------- core/ids.py: by_codes


def test_by_codes_sorts_the_values_and_puts_missing_last_as_none_label():
    # sorted labels a < b; the missing value gets code 2 = len(["a", "b"]) and label "(none)"
    codes, labels = by_codes(pd.Series(["b", None, "a", "b"]))
    assert NO_VALUE_LABEL == "(none)"
    assert codes.tolist() == [1, 2, 0, 1]
    assert labels.tolist() == ["a", "b", "(none)"]
    assert labels.dtype == object


def test_by_codes_without_missing_values_adds_no_label():
    codes, labels = by_codes(pd.Series([3, 1, 2, 1]))
    assert codes.tolist() == [2, 0, 1, 0]
    assert labels.tolist() == [1, 2, 3]
    assert "(none)" not in labels.tolist()


def test_by_codes_of_values_that_cannot_be_ordered_keeps_first_seen_order():
    # a Timestamp and an int cannot be compared: first-seen order, the missing one last
    stamp = pd.Timestamp("2024-01-01")
    codes, labels = by_codes(pd.Series([stamp, 5, None, stamp, "x"], dtype=object))
    assert codes.tolist() == [0, 1, 3, 0, 2]
    assert labels.tolist() == [stamp, 5, "x", "(none)"]


# ---------------------------------------------------------------- core/ids.py: first_rows


def test_first_rows_takes_the_earliest_time_then_the_first_row():
    # customer 0: times 5, 2, 2 at rows 0, 2, 4 -> earliest 2, first at row 2
    # customer 1: times 3, 3 at rows 1, 3 -> row 1; customer 2: a single row 5 at a huge time
    codes = np.array([0, 1, 0, 1, 0, 2])
    t = np.array([5, 3, 2, 3, 2, np.iinfo("int64").max - 1], dtype="int64")
    assert first_rows(codes, t, 3).tolist() == [2, 1, 5]


def test_first_rows_of_negative_times_and_a_code_without_rows():
    # times before 1970 are negative nanoseconds; code 1 has no row: len(codes) = 3 says "none"
    codes = np.array([0, 2, 0])
    t = np.array([-10, -20, -30], dtype="int64")
    assert first_rows(codes, t, 3).tolist() == [2, 3, 1]


# ---------------------------------------------------------------- core/ids.py: customer_codes


def test_compact_integer_ids_are_coded_in_ascending_order():
    assert codes_and_ids([5, 3, 5, 9]) == ([1, 0, 1, 2], [3, 5, 9])


def test_compact_ids_keep_their_dtype_and_codes_take_the_asked_dtype():
    codes, uniques = customer_codes(pd.Series([7, 4, 7], dtype="uint8"), dtype="int32")
    assert codes.dtype == np.int32 and codes.tolist() == [1, 0, 1]
    assert uniques.dtype == np.uint8 and uniques.tolist() == [4, 7]
    codes, uniques = customer_codes(pd.Series([-2, 3, -2], dtype="int16"))
    assert codes.dtype == np.int64 and codes.tolist() == [0, 1, 0]
    assert uniques.dtype == np.int16 and uniques.tolist() == [-2, 3]


def test_whole_float_ids_take_the_integer_path_and_stay_floats():
    codes, uniques = customer_codes(pd.Series([2.0, 1.0, 2.0]))
    assert codes.tolist() == [1, 0, 1]
    assert uniques.dtype == np.float64 and uniques.tolist() == [1.0, 2.0]


def test_float_ids_with_a_fraction_or_nan_are_factorized_in_first_seen_order():
    # not whole: no integer path, so not ascending (1.5 seen first keeps code 0)
    assert codes_and_ids([2.5, 1.0, 2.5]) == ([0, 1, 0], [2.5, 1.0])
    assert codes_and_ids([2.0, 1.0, 2.0, np.inf])[0] == [0, 1, 0, 2]
    codes, _ = customer_codes(pd.Series([3.0, np.nan, 1.0]))
    assert codes.tolist() == [0, -1, 1]  # NaN is no id (loading drops it before)
    # ordered=True sorts them
    assert codes_and_ids([2.5, 1.0, 2.5], ordered=True) == ([1, 0, 1], [1.0, 2.5])


def test_the_compact_range_limit_is_four_ids_per_row_plus_two_to_the_twentieth():
    # 2 rows: range up to 4 * 2 + 2**20 is compact (ascending codes), one more is not
    limit = 4 * 2 + (1 << 20)
    assert codes_and_ids([limit, 0]) == ([1, 0], [0, limit])
    assert codes_and_ids([limit + 1, 0]) == ([0, 1], [limit + 1, 0])  # first-seen order
    assert codes_and_ids([limit + 1, 0], ordered=True) == ([1, 0], [0, limit + 1])


def test_sparse_codes_are_id_minus_smallest_id():
    codes, uniques = customer_codes(pd.Series([7, 5, 7], dtype="int64"), dense=False)
    assert codes.dtype == np.int64 and codes.tolist() == [2, 0, 2]
    assert uniques.tolist() == [5, 6, 7] and uniques.dtype == np.int64
    codes, uniques = customer_codes(pd.Series([12, 10], dtype="uint16"), dense=False, dtype="int32")
    assert codes.dtype == np.int32 and codes.tolist() == [2, 0]
    assert uniques.dtype == np.uint16 and uniques.tolist() == [10, 11, 12]


def test_dense_codes_skip_ids_absent_from_the_data():
    # 5..9 with 6, 7, 8 absent: codes 0 and 1 only
    codes, uniques = customer_codes(pd.Series([9, 5, 9]), dtype="int32")
    assert codes.dtype == np.int32 and codes.tolist() == [1, 0, 1]
    assert uniques.tolist() == [5, 9]


def test_text_ids_are_coded_by_first_appearance_or_sorted():
    assert codes_and_ids(["b", "a", "b"]) == ([0, 1, 0], ["b", "a"])
    assert codes_and_ids(["b", "a", "b"], ordered=True) == ([1, 0, 1], ["a", "b"])
    codes, _ = customer_codes(pd.Series(["b", "a"], dtype="string"), dtype="int32")
    assert codes.dtype == np.int32


def test_extension_integer_ids_are_factorized():
    codes, uniques = customer_codes(pd.Series([9, 5, 9], dtype="Int64"))
    assert codes.tolist() == [0, 1, 0] and list(uniques) == [9, 5]


def test_ids_of_types_that_cannot_be_compared_are_ordered_by_their_text():
    # str(): "1" < "2024-01-01 00:00:00" < "a"
    stamp = pd.Timestamp("2024-01-01")
    codes, uniques = customer_codes(
        pd.Series([stamp, 1, "a", 1], dtype=object), ordered=True, dtype="int32"
    )
    assert codes.tolist() == [1, 0, 2, 0] and codes.dtype == np.int32
    assert list(uniques) == [1, stamp, "a"]


def test_ids_with_the_same_text_keep_their_first_seen_order_when_sorted_by_text():
    # 7 and "7" are two ids with one text: sorted by text, ties stay in first-seen order
    # (a stable sort; a quicksort reorders ties once there are more than 16 ids). Expected
    # from Python's own stable sorted().
    rng = np.random.default_rng(7)
    ids = [pd.Timestamp("2024-01-01")]  # makes pandas' own sort fail: the text-order path
    for k in rng.permutation(60):
        ids += [int(k), str(k)] if k % 2 else [str(k), int(k)]
    first_seen = list(dict.fromkeys(ids))  # already unique; kept for clarity
    expected = sorted(first_seen, key=str)
    codes, uniques = customer_codes(pd.Series(ids, dtype=object), ordered=True)
    assert [(type(u), u) for u in uniques] == [(type(u), u) for u in expected]
    assert [expected[c] for c in codes] == ids


def test_float_ids_that_are_not_numbers_of_customers():
    # every id fractional: no integer path (a cast would merge 2.5 and 2.9 into 2)
    assert codes_and_ids([2.5, 1.5, 2.9]) == ([0, 1, 2], [2.5, 1.5, 2.9])
    # only infinite ids: not whole numbers, kept as they are
    codes, uniques = customer_codes(pd.Series([np.inf, np.inf]))
    assert codes.tolist() == [0, 0] and uniques.tolist() == [np.inf]


def test_a_single_repeated_integer_id():
    # range 0: one id, code 0 for every row (on both integer paths)
    assert codes_and_ids([5, 5, 5]) == ([0, 0, 0], [5])
    assert codes_and_ids([5, 5], dense=False) == ([0, 0], [5])


def test_large_compact_ids_take_the_integer_path():
    # 10**12 and 10**12 + 1: range 1, compact whatever their size (ascending codes)
    assert codes_and_ids([10**12 + 1, 10**12]) == ([1, 0], [10**12, 10**12 + 1])


def test_an_empty_id_column_gives_no_codes():
    for dtype in ("int64", "float64"):
        codes, uniques = customer_codes(pd.Series([], dtype=dtype))
        assert codes.tolist() == [] and len(uniques) == 0


def test_unhashable_ids_are_refused_naming_the_column():
    ids = pd.Series([[1], [2]], name="CustomerID")
    message = (
        "the ids in column 'CustomerID' must be text or numbers, but some cells hold lists or "
        "other containers; take the id out of them first."
    )
    with pytest.raises(DataValidationError, match=whole(message)):
        customer_codes(ids)


# ---------------------------------------------------------------- core/columns.py


def test_closest_column_ignores_case_and_returns_the_real_name():
    assert closest_column("customerid", ["InvoiceDate", "CustomerID"]) == "CustomerID"
    assert closest_column("INVOICEDATE", ["InvoiceDate", "CustomerID"]) == "InvoiceDate"
    assert closest_column("zzz", ["abc", "def"]) is None
    # non-text column names are compared as text
    assert closest_column("10", [10, 20]) == "10"


def test_closest_column_accepts_a_similarity_of_exactly_one_half():
    # difflib ratio of "ab" and "ac": 2 * 1 matching char / 4 chars = 0.5, the cut-off
    assert closest_column("ab", ["ac"]) == "ac"
    # "ab" and "cd" share nothing: ratio 0
    assert closest_column("ab", ["cd"]) is None


DF = pd.DataFrame({"CustomerID": [1], "InvoiceDate": ["2024-01-01"]})
COLS = "['CustomerID', 'InvoiceDate']"


def test_missing_column_of_an_argument_names_it_the_closest_column_and_the_columns():
    message = (
        f"customer='customerid': the table has no column 'customerid'. Did you mean "
        f"'CustomerID'? The table's columns are {COLS}. Pass customer= one of them."
    )
    with pytest.raises(MissingColumnError, match=whole(message)):
        require_columns(DF, {"customer": "customerid"})


def test_missing_column_without_a_close_one_and_with_the_callers_fix():
    message = (
        f"amount='zzz': the table has no column 'zzz'. The table's columns are {COLS}. Do this."
    )
    with pytest.raises(MissingColumnError, match=whole(message)):
        require_columns(DF, {"amount": "zzz"}, fix="Do this.")


def test_missing_column_of_a_plain_list_names_who_needs_it():
    fix = "Pass your own column names, e.g. customer='CustomerID', time='InvoiceDate'."
    message = (
        f"this function needs the column 'zzz', which the table does not have. The table's "
        f"columns are {COLS}. {fix}"
    )
    with pytest.raises(MissingColumnError, match=whole(message)):
        require_columns(DF, ["zzz"])
    message = (
        f"plot_x needs the column 'zzz', which the table does not have. The table's "
        f"columns are {COLS}. Pass a table."
    )
    with pytest.raises(MissingColumnError, match=whole(message)):
        require_columns(DF, ["zzz"], needed_by="plot_x", fix="Pass a table.")


def test_every_column_is_checked_after_present_and_skipped_ones():
    # a present column and a None (optional, not given) must not end the check
    with pytest.raises(MissingColumnError, match="'nope'"):
        require_columns(DF, ["CustomerID", "nope"])
    with pytest.raises(MissingColumnError, match="'nope'"):
        require_columns(DF, [None, "nope"])
    with pytest.raises(MissingColumnError, match="amount='nope'"):
        require_columns(DF, {"customer": "CustomerID", "by": None, "amount": "nope"})
    assert require_columns(DF, {"customer": "CustomerID", "time": "InvoiceDate"}) is None


def test_non_text_column_names_that_exist_are_accepted():
    df = pd.DataFrame({0: [1], "a": [2]})
    assert require_columns(df, [0, "a"]) is None


def test_a_required_argument_given_none_is_an_error():
    message = (
        f"customer=None: customer= is required; pass the name of one of the table's columns {COLS}."
    )
    with pytest.raises(InvalidParameterError, match=whole(message)):
        require_columns(DF, {"time": None, "customer": None}, required=("customer",))
    # not required: None is skipped
    assert require_columns(DF, {"time": None}, required=("customer",)) is None


def test_a_column_name_that_is_not_text_is_refused():
    message = f"time=True is not a column name; give one of the table's columns as text: {COLS}."
    with pytest.raises(InvalidParameterError, match=whole(message)):
        require_columns(DF, {"time": True})
    message = (
        f"the column name ['a'] is not a column name; give one of the table's columns as "
        f"text: {COLS}."
    )
    with pytest.raises(InvalidParameterError, match=whole(message)):
        require_columns(DF, [["a"]])
    with pytest.raises(InvalidParameterError, match=whole(message.replace("['a']", "False"))):
        require_columns(DF, [False])


def test_something_else_than_a_table_is_refused_naming_who_needs_it():
    message = "this function needs a table (a pandas DataFrame), got list."
    with pytest.raises(DataValidationError, match=whole(message)):
        require_columns([1, 2], ["a"])
    message = "pooled_rate needs a table (a pandas DataFrame), got dict. Pass a cohort table."
    with pytest.raises(DataValidationError, match=whole(message)):
        require_columns({}, ["a"], needed_by="pooled_rate", fix="Pass a cohort table.")


# ---------------------------------------------------------------- core/counts.py: as_array


def test_as_array_turns_numbers_into_float_arrays():
    arr = as_array("n", 3)
    assert arr.dtype == np.float64 and arr.ndim == 0 and float(arr) == 3.0
    arr = as_array("n", pd.Series([1, 2]))
    assert arr.dtype == np.float64 and arr.tolist() == [1.0, 2.0]


def test_as_array_refuses_text_bytes_and_tables():
    with pytest.raises(InvalidCountError, match=whole("start must be a number, got the text '5'.")):
        as_array("start", "5")
    with pytest.raises(
        InvalidCountError, match=whole("start must be a number, got the text b'5'.")
    ):
        as_array("start", b"5")
    message = (
        "end must be a number, an array or a Series, got a DataFrame; pass one of its columns, "
        "e.g. end=table['end']."
    )
    with pytest.raises(InvalidCountError, match=whole(message)):
        as_array("end", pd.DataFrame({"end": [1]}))


def test_as_array_refuses_complex_numbers_instead_of_dropping_the_imaginary_part():
    message = "start must be a real number, got a complex one."
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # and no ComplexWarning leaks
        with pytest.raises(InvalidCountError, match=whole(message)):
            as_array("start", np.array([1 + 2j, 3]))


def test_as_array_refuses_a_number_too_large_for_a_float():
    message = (
        "start is too large to compute with (more than about 1.8e308); pass a count of a "
        "realistic size."
    )
    with pytest.raises(InvalidCountError, match=whole(message)):
        as_array("start", 10**400)


def test_a_count_beyond_the_float_range_is_infinite_not_a_warning_turned_error():
    # a long double of 1e400 becomes inf as a float64 (numpy warns "overflow encountered in
    # cast"); only ComplexWarning is made an error, so this ends as the kit's "finite" error
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        with pytest.raises(
            InvalidCountError, match=whole("start must be a finite count, got inf.")
        ):
            as_counts("start", np.array([np.longdouble("1e400")]))


def test_as_array_names_the_first_value_that_is_not_a_number_and_its_position():
    message = "new must be a number (or numbers), got 'x' at position 1."
    with pytest.raises(InvalidCountError, match=whole(message)):
        as_array("new", [1, "x", "y"])
    # a Series: the position, not the index label
    with pytest.raises(InvalidCountError, match=whole(message)):
        as_array("new", pd.Series([1, "x"], index=[10, 20], dtype=object))


def test_as_array_of_containers_shows_a_short_repr():
    with pytest.raises(
        InvalidCountError, match=whole("new must be a number (or numbers), got {'a': 1}.")
    ):
        as_array("new", {"a": 1})
    with pytest.raises(
        InvalidCountError, match=whole("new must be a number (or numbers), got {1}.")
    ):
        as_array("new", {1})
    # a list inside a list is not a number: named with its position
    with pytest.raises(InvalidCountError, match=re.escape("got [2, 3] at position 1.")):
        as_array("new", [1, [2, 3]])
    # a generator of numbers: numpy refuses it, yet no element is bad; its short repr instead
    # (reprlib cuts it to 30 characters with "...")
    with pytest.raises(InvalidCountError, match=r"got <generator ob\.\.\.x[0-9a-f]+>\.$"):
        as_array("new", (x for x in [1, 2]))
    # not iterable and not a number
    with pytest.raises(InvalidCountError, match=r"got <object objec\.\.\.x[0-9a-f]+>\.$"):
        as_array("new", object())


def test_as_array_refuses_missing_values():
    message = "end has a missing value (NaN); fill or drop it before computing the metric."
    with pytest.raises(InvalidCountError, match=whole(message)):
        as_array("end", [1.0, np.nan])
    with pytest.raises(InvalidCountError, match=whole(message)):
        as_array("end", None)


# ---------------------------------------------------------------- core/counts.py: as_counts


def test_is_scalar():
    assert is_scalar(3) and is_scalar(np.float64(2.0)) and is_scalar(np.array(1))
    assert not is_scalar(pd.Series([1])) and not is_scalar([1]) and not is_scalar(np.array([1]))


def test_as_counts_names_the_argument_given_text():
    with pytest.raises(InvalidCountError, match=whole("lost must be a number, got the text '3'.")):
        as_counts("lost", "3")


def test_as_counts_accepts_whole_non_negative_counts():
    assert as_counts("n", [0, 2, 5]).tolist() == [0.0, 2.0, 5.0]
    assert float(as_counts("n", 0)) == 0.0  # 0 is fine when it does not divide


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (np.inf, "start must be a finite count, got inf."),
        ([1, -np.inf], "start must be a finite count, got -inf."),
        ([3, -1, -2], "start must not be negative, got -1: a number of customers is 0 or more."),
        (-0.5, "start must not be negative, got -0.5: a number of customers is 0 or more."),
        (
            [2, 1.5, 2.5],
            "start must be a whole number of customers, got 1.5; counts of customers cannot "
            "have fractions (did you pass a rate?).",
        ),
    ],
)
def test_as_counts_refuses_infinite_negative_and_fractional_counts(value, message):
    with pytest.raises(InvalidCountError, match=whole(message)):
        as_counts("start", value)


def test_the_first_bad_count_of_a_table_of_counts_is_named():
    # a 2-D input (rows of counts): the first bad one in row order
    with pytest.raises(InvalidCountError, match=whole("start must be a finite count, got inf.")):
        as_counts("start", [[1, 2], [np.inf, 4]])
    message = "start must not be negative, got -3: a number of customers is 0 or more."
    with pytest.raises(InvalidCountError, match=whole(message)):
        as_counts("start", [[1, 2], [-3, -4]])
    with pytest.raises(InvalidCountError, match="got 2.5; counts"):
        as_counts("start", [[1, 2], [2.5, 4]])


def test_a_single_denominator_of_zero_is_refused_but_a_zero_in_an_array_is_not():
    message = (
        "start must be greater than 0: it is the denominator, and a rate over 0 customers is "
        "undefined."
    )
    with pytest.raises(InvalidCountError, match=whole(message)):
        as_counts("start", 0, positive=True)
    assert float(as_counts("start", 1, positive=True)) == 1.0
    assert as_counts("start", [0, 4], positive=True).tolist() == [0.0, 4.0]
    assert as_counts("start", pd.Series([0]), positive=True).tolist() == [0.0]


# ---------------------------------------------------------------- core/counts.py: as_amounts


def test_as_amounts_refuses_infinite_and_negative_amounts_unless_allowed():
    with pytest.raises(InvalidCountError, match=whole("arpu must be finite, got inf.")):
        as_amounts("arpu", [1.0, np.inf])
    with pytest.raises(InvalidCountError, match=whole("arpu must be finite, got -inf.")):
        as_amounts("arpu", -np.inf, allow_negative=True)
    with pytest.raises(InvalidCountError, match=whole("arpu must not be negative, got -2.5.")):
        as_amounts("arpu", [1.0, -2.5, -3.0])
    # the first *negative* one, not the first zero or small amount
    with pytest.raises(InvalidCountError, match=whole("arpu must not be negative, got -2.5.")):
        as_amounts("arpu", [0.0, 0.5, -2.5])
    assert as_amounts("arpu", [1.5, -2.5], allow_negative=True).tolist() == [1.5, -2.5]
    with pytest.raises(InvalidCountError, match=whole("arpu must be a number, got the text 'x'.")):
        as_amounts("arpu", "x")
    assert as_amounts("arpu", [0.0, 2.25]).tolist() == [0.0, 2.25]


# ---------------------------------------------------------------- core/counts.py: divide etc.


def test_divide_gives_nan_where_the_denominator_is_zero_and_broadcasts():
    out = divide(np.array([1, 3]), np.array([4.0, 0.0]))
    assert out.dtype == np.float64
    assert out[0] == 0.25 and np.isnan(out[1])
    assert divide(np.array(6), np.array([2.0, 3.0, 0.0])).tolist()[:2] == [3.0, 2.0]
    # integer counts: true division, not floor
    assert divide(np.array([1]), np.array([2])).tolist() == [0.5]


def test_require_at_most_allows_equal_and_names_the_first_element_over():
    part = np.array([[1.0, 5.0], [7.0, 2.0]])
    whole_ = np.array([[1.0, 4.0], [6.0, 2.0]])
    message = "lost=5 is more than start=4: you cannot lose more than you had."
    with pytest.raises(InconsistentCountsError, match=whole(message)):
        require_at_most("lost", part, "start", whole_, "you cannot lose more than you had.")
    assert require_at_most("lost", whole_, "start", whole_, "why") is None


def test_like_input_gives_the_callers_shape():
    s = pd.Series([10, 20], index=["x", "y"])
    out = like_input(np.array(0.5), 3, s)  # the Series need not be the first input
    assert isinstance(out, pd.Series)
    assert out.index.tolist() == ["x", "y"] and out.tolist() == [0.5, 0.5]
    out = like_input(np.array([0.1, 0.2]), s)
    assert out.tolist() == [0.1, 0.2]
    value = like_input(np.array(0.25), 4)
    assert type(value) is float and value == 0.25
    arr = like_input(np.array([1.0, 2.0]), [1, 2])
    assert isinstance(arr, np.ndarray) and arr.tolist() == [1.0, 2.0]
