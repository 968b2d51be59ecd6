"""RFM edge cases written against mutmut survivors in retention_kit/rfm.py, worked by hand.

Segment rules given as a dict or a table (missing or empty bounds, text columns, bad keys),
rfm_segments on unusual tables, the whole error messages, and rfm_table's engine hand-off on
DuckDB. The scores of the hand log are worked out in tests/test_rfm.py (``hand_log``):
A 333, B 114, C 442, D 555, E 211.
"""

from __future__ import annotations

import importlib.util
import re

import numpy as np
import pandas as pd
import pytest

import retention_kit as rk
from retention_kit.errors import EmptyDataError, InvalidParameterError
from tests.test_rfm import hand_log

SCORES = {"A": "333", "B": "114", "C": "442", "D": "555", "E": "211"}
needs_ibis = pytest.mark.skipif(
    importlib.util.find_spec("ibis") is None, reason="the engine path needs ibis + duckdb"
)


def _exact(message: str) -> str:
    """A match= pattern for the whole message (a changed word at either end fails it)."""
    return "^" + re.escape(message) + "$"


def rfm(data=None, **kw):
    data = hand_log() if data is None else data
    return rk.rfm_table(data, customer="cid", time="date", amount="paid", **kw)


def segments_of(table: pd.DataFrame) -> dict:
    return table.set_index("cid")["segment"].to_dict()


def test_hand_log_scores_are_the_ones_worked_out_in_test_rfm():
    assert rfm().set_index("cid")["rfm_score"].to_dict() == SCORES


# --------------------------------------------------------------------------- rules as a table


def test_a_table_of_names_only_matches_every_score_and_fills_the_texts():
    table = pd.DataFrame({"segment": ["Anyone"]})
    # no bounds: any score 1-5 in R, F and M; no text columns: empty texts
    m = rk.segment_map(table)
    assert m.iloc[0].to_dict() == {
        "segment": "Anyone", "r_min": 1, "r_max": 5, "f_min": 1, "f_max": 5, "m_min": 1,
        "m_max": 5, "description": "", "action": "", "action_source": "", "note": "",
    }  # fmt: skip
    assert segments_of(rfm(segments=table)) == dict.fromkeys(SCORES, "Anyone")


def test_empty_bounds_in_a_table_mean_the_ends_of_the_scale():
    # F up to 1 (no low bound): B (f 1) and E (f 1); F from 4 (no high bound): C (4), D (5)
    table = pd.DataFrame(
        {"segment": ["Once", "Often"], "f_min": [np.nan, 4.0], "f_max": [1.0, np.nan]}
    )
    m = rk.segment_map(table)
    assert m[["f_min", "f_max"]].values.tolist() == [[1, 1], [4, 5], [1, 5]]
    assert segments_of(rfm(segments=table)) == {
        "A": "Other", "B": "Once", "C": "Often", "D": "Often", "E": "Once",
    }  # fmt: skip


def test_a_table_s_text_columns_are_kept():
    table = pd.DataFrame(
        {
            "segment": ["Top"],
            "r_min": [5],
            "description": ["the best"],
            "action": ["thank them"],
            "action_source": ["our CRM team"],
            "note": ["since 2024"],
        }
    )
    row = rk.segment_map(table).iloc[0]
    assert row[["description", "action", "action_source", "note"]].tolist() == [
        "the best",
        "thank them",
        "our CRM team",
        "since 2024",
    ]
    # only D has R = 5
    t = rfm(segments=table).set_index("cid")
    assert t.loc["D", ["segment", "action", "action_source"]].tolist() == [
        "Top",
        "thank them",
        "our CRM team",
    ]
    assert t.loc["A", ["segment", "action", "action_source"]].tolist() == ["Other", "", ""]


def test_a_table_rule_out_of_range_names_the_segment_and_letter():
    table = pd.DataFrame({"segment": ["Best"], "m_min": [0], "m_max": [5]})
    with pytest.raises(
        InvalidParameterError,
        match=r"^segment 'Best': m=\(.*0.*5.*\) must be a score or a range \(low, high\) with "
        r"1 <= low <= high <= 5, e\.g\. m=\(4, 5\)\.$",
    ):
        rk.segment_map(table)


def test_a_table_without_a_segment_column_says_what_it_needs():
    with pytest.raises(
        InvalidParameterError,
        match=_exact(
            "segments= as a table needs a 'segment' column and score ranges in r_min, r_max, "
            "f_min, f_max, m_min, m_max (a missing range means any score)."
        ),
    ):
        rk.segment_map(pd.DataFrame({"name": ["x"]}))


# --------------------------------------------------------------------------- rules as a dict


def test_a_dict_rule_keeps_description_action_source_and_note():
    mine = {
        "Top": {
            "r": 5,
            "description": "the best",
            "action": "thank them",
            "action_source": "our CRM team",
            "note": "since 2024",
        }
    }
    row = rk.segment_map(mine).iloc[0]
    assert row.to_dict() == {
        "segment": "Top", "r_min": 5, "r_max": 5, "f_min": 1, "f_max": 5, "m_min": 1,
        "m_max": 5, "description": "the best", "action": "thank them",
        "action_source": "our CRM team", "note": "since 2024",
    }  # fmt: skip
    assert list(rk.segment_map(mine).columns) == [
        "segment", "r_min", "r_max", "f_min", "f_max", "m_min", "m_max", "description",
        "action", "action_source", "note",
    ]  # fmt: skip


def test_dict_rule_errors_say_the_whole_message():
    with pytest.raises(
        InvalidParameterError,
        match=_exact(
            "segment 'Best': give its rule as a dict, e.g. {'r': (4, 5), 'f': (4, 5), "
            "'m': (4, 5), 'action': '...'}, not int."
        ),
    ):
        rk.segment_map({"Best": 5})
    with pytest.raises(
        InvalidParameterError,
        match=_exact(
            "segment 'Best': unknown key(s) 'freq', 'recency'; use r, f, m (score ranges) and "
            "optionally description, action, action_source, note."
        ),
    ):
        rk.segment_map({"Best": {"recency": 5, "freq": 4}})


# --------------------------------------------------------------------------- rfm_segments


def _summary_input(segment) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "segment": segment,
            "recency": [90, 1, 60],
            "frequency": [1, 9, 2],
            "monetary": [10.0, 500.0, 30.0],
        }
    )


def test_rfm_segments_columns_in_order_and_a_one_row_table():
    s = rk.rfm_segments(_summary_input(["Lost", "Champions", "Lost"]).iloc[:1])
    assert list(s.columns) == [
        "segment", "customers", "share", "monetary_total", "monetary_mean", "recency_mean",
        "frequency_mean", "action", "action_source",
    ]  # fmt: skip
    assert s.iloc[0][["segment", "customers", "share", "monetary_total"]].tolist() == [
        "Lost",
        1,
        1.0,
        10.0,
    ]


def test_rfm_segments_keeps_customers_without_a_segment():
    # a missing segment is a group of its own: no customer silently dropped, shares add to 1
    s = rk.rfm_segments(_summary_input(["Lost", None, "Lost"]))
    assert s["customers"].tolist() == [1, 2]  # by money: the one without (500), Lost (40)
    assert s["segment"].isna().tolist() == [True, False]
    assert s["share"].sum() == 1.0
    assert s["monetary_total"].tolist() == [500.0, 40.0]


def test_rfm_segments_lists_only_segments_that_have_customers():
    # a categorical segment column (e.g. ordered for a chart) with a category nobody is in
    seg = pd.Categorical(["Lost", "Champions", "Lost"], categories=["Champions", "At risk", "Lost"])
    s = rk.rfm_segments(_summary_input(seg))
    assert s["segment"].astype(str).tolist() == ["Champions", "Lost"]
    assert s["customers"].tolist() == [1, 2]


def test_rfm_segments_errors_say_the_whole_message():
    with pytest.raises(
        InvalidParameterError,
        match=_exact("rfm_segments takes the table rk.rfm_table(...) returns, not list."),
    ):
        rk.rfm_segments([1, 2])
    with pytest.raises(
        EmptyDataError, match=_exact("the RFM table has no rows: nothing to summarise.")
    ):
        rk.rfm_segments(_summary_input(["Lost", "Champions", "Lost"]).iloc[:0])


# --------------------------------------------------------------------------- segment_map


def test_segment_map_uses_bins_for_own_rules():
    # a rule without ranges covers the whole scale of bins= (here 1-3), and so does "Other"
    m = rk.segment_map({"Any": {}}, bins=3)
    assert m["segment"].tolist() == ["Any", "Other"]
    assert m[["r_max", "f_max", "m_max"]].values.tolist() == [[3, 3, 3], [3, 3, 3]]
    # the example in the message is a valid range of that scale (it said r=(4, 3) for bins=3)
    with pytest.raises(
        InvalidParameterError,
        match=_exact(
            "segment 'Top': r=5 must be a score or a range (low, high) with "
            "1 <= low <= high <= 3, e.g. r=(2, 3)."
        ),
    ):
        rk.segment_map({"Top": {"r": 5}}, bins=3)
    assert rk.segment_map({"Top": {"r": (2, 3)}}, bins=3).loc[0, "r_min"] == 2


# --------------------------------------------------------------------------- clv_summary


@pytest.mark.parametrize("name", ["frequency", "recency", "T", "monetary_value"])
def test_clv_summary_refuses_a_customer_column_named_like_an_output(name):
    log = hand_log().rename(columns={"cid": name})
    with pytest.raises(
        InvalidParameterError,
        match=rf"^customer='{name}' is also the name of an output column; rename",
    ):
        rk.clv_summary(log, customer=name, time="date", amount="paid")


def test_clv_summary_zoned_as_of_is_converted_to_the_data_s_zone():
    # Moscow data (UTC+3). as_of 2024-01-04 22:00 UTC is 5 January 01:00 in Moscow: the
    # purchase of 5 January (Moscow) is in as_of's day and kept, the one of 6 January dropped
    t = pd.to_datetime(["2024-01-01 12:00", "2024-01-05 12:00", "2024-01-06 12:00"])
    log = pd.DataFrame({"cid": ["a", "a", "a"], "t": t.tz_localize("Europe/Moscow")})
    s = rk.clv_summary(
        log, customer="cid", time="t", as_of=pd.Timestamp("2024-01-04 22:00", tz="UTC")
    )
    # days {Jan 1, Jan 5} -> frequency 1, recency 4, T = Jan 5 - Jan 1 = 4
    assert s[["frequency", "recency", "T"]].values.tolist() == [[1, 4, 4]]


# --------------------------------------------------------------------------- the engine hand-off

BACKENDS = [None, pytest.param("duckdb", marks=needs_ibis)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_orders_as_of_mean_money_and_own_rules_on_each_backend(backend):
    # as_of 2024-03-15 (midnight): D (from 03-25) is dropped, C's 03-20 too.
    #   A: invoices i1, i2 (03-01), i3 (03-10) -> F 3, R 5 days, M mean 35 / 3
    #   B: 01-05 -> R 26 + 29 + 15 = 70, F 1, M 100;  C: 02-01, 02-15 -> R 29, F 2, M 7.5
    #   E: 02-20 -> R 9 + 15 = 24, F 1, M 1
    # scores on 1-3, score = 1 + floor(3 * worse / 4):
    #   R worse: A 3, B 0, C 1, E 2 -> 3, 1, 1, 2;  F worse: A 3, B 0, C 2, E 0 -> 3, 1, 2, 1
    #   M worse: A 2, B 3, C 1, E 0 -> 2, 3, 1, 1
    t = rfm(
        order="invoice",
        as_of="2024-03-15",
        monetary="mean",
        segments={"Top": {"r": 3}, "Big": {"m": 3, "action": "upsell"}},
        bins=3,
        backend=backend,
    )
    assert t["cid"].tolist() == ["A", "B", "C", "E"]
    assert t["recency"].tolist() == [5, 70, 29, 24]
    assert t["frequency"].tolist() == [3, 1, 2, 1]
    assert t["monetary"].tolist() == pytest.approx([35 / 3, 100.0, 7.5, 1.0], rel=1e-12)
    assert t["rfm_score"].tolist() == ["332", "113", "121", "211"]
    assert t["segment"].tolist() == ["Top", "Big", "Other", "Other"]
    assert t["action"].tolist() == ["", "upsell", "", ""]


@pytest.mark.parametrize("backend", BACKENDS)
def test_total_money_and_timestamps_as_orders_on_each_backend(backend):
    # default monetary="total", orders = distinct timestamps: A 2 (03-01 twice, 03-10), sum 35
    t = rfm(backend=backend).set_index("cid")
    assert t.loc["A", ["frequency", "monetary"]].tolist() == [2, 35.0]
    assert t["rfm_score"].to_dict() == SCORES


def test_clv_summary_rows_sorted_by_customer_and_as_of_before_the_data():
    # b buys first in the log; the rows still come a, b (sorted by id, as in rfm_table)
    log = pd.DataFrame({"cid": ["b", "a", "b"], "date": ["2024-01-01", "2024-01-02", "2024-01-03"]})
    s = rk.clv_summary(log, customer="cid", time="date")
    assert s["cid"].tolist() == ["a", "b"]
    # a: one day (Jan 2) -> 0, 0, T = 3 - 2 = 1;  b: Jan 1 and 3 -> 1, 2, 2
    assert s[["frequency", "recency", "T"]].values.tolist() == [[0, 0, 1], [1, 2, 2]]
    with pytest.raises(
        EmptyDataError,
        match=_exact(
            "no purchase at or before as_of='2023-12-31'; pass a later as_of (or none: the "
            "default follows the data)."
        ),
    ):
        rk.clv_summary(log, customer="cid", time="date", as_of="2023-12-31")


def test_as_of_is_exact_to_the_nanosecond():
    # B's only purchase is 1 ns after as_of (nanosecond times): not at or before it, dropped.
    # (as_of in float nanoseconds would round B's time onto it: 2**53 < 1.7e18)
    t = pd.DatetimeIndex(["2024-03-14 12:00", "2024-03-15 00:00:00.000000001"]).as_unit("ns")
    log = pd.DataFrame({"cid": ["A", "B"], "date": t, "paid": [5.0, 7.0]})
    r = rfm(log, as_of="2024-03-15")
    assert r["cid"].tolist() == ["A"]
    assert r["recency"].tolist() == [0]  # 12 hours: no whole day
    with pytest.raises(EmptyDataError, match=r"^no purchase at or before as_of='2024-03-14'"):
        rfm(log, as_of="2024-03-14")


def test_a_bad_as_of_is_named():
    with pytest.raises(
        InvalidParameterError,
        match=r"^as_of='soon' is not a date; give one like as_of='2024-01-01'",
    ):
        rfm(as_of="soon")


@needs_ibis
def test_an_ibis_table_runs_on_its_engine_and_a_bad_backend_is_named():
    import ibis

    t = rfm(ibis.memtable(hand_log())).set_index("cid")
    assert t["rfm_score"].to_dict() == SCORES
    with pytest.raises(InvalidParameterError, match=r"^backend='no-such-engine' is not an engine"):
        rfm(backend="no-such-engine")


@pytest.mark.parametrize("amount", [None, "", 5])
def test_rfm_table_needs_an_amount_column_name(amount):
    with pytest.raises(
        InvalidParameterError,
        match=_exact(
            "rfm_table needs amount=, the column with the money of each row, e.g. amount='Revenue'."
        ),
    ):
        rk.rfm_table(hand_log(), customer="cid", time="date", amount=amount)


def test_an_unknown_monetary_says_the_whole_message():
    with pytest.raises(
        InvalidParameterError,
        match=_exact(
            "monetary='median' is not an option; use 'total' (sum of the amounts) or 'mean' "
            "(average order value)."
        ),
    ):
        rfm(monetary="median")


def test_empty_order_ids_are_counted_in_the_message():
    log = hand_log()
    log.loc[[0, 4], "invoice"] = None  # A's i1 and C's i5: 2 rows (A's i2 is still there)
    with pytest.raises(
        rk.DataValidationError,
        match=_exact(
            "column 'invoice' (order=) is empty in 2 rows; fill the order ids or drop those rows."
        ),
    ):
        rfm(log, order="invoice")


def test_an_unknown_preset_says_the_whole_message():
    with pytest.raises(
        InvalidParameterError,
        match=_exact(
            "segments='RFM' is not a preset; use one of ['kit', 'pymc-marketing', 'rfm'], or "
            "pass your own rules as a dict or a table (see rk.segment_map)."
        ),
    ):
        rk.segment_map("RFM")


@pytest.mark.parametrize("bins", [2, 9])
def test_bins_from_2_to_9_are_accepted(bins):
    m = rk.segment_map({"Any": {}}, bins=bins)
    assert m.loc[0, ["r_max", "f_max", "m_max"]].tolist() == [bins] * 3


@pytest.mark.parametrize("bins", [1, 10, 2.5, True, "5"])
def test_other_bins_are_refused_word_for_word(bins):
    with pytest.raises(
        InvalidParameterError,
        match=_exact(f"bins={bins!r} must be a whole number from 2 to 9, e.g. 5."),
    ):
        rk.segment_map({"Any": {}}, bins=bins)


def test_rule_set_errors_say_the_whole_message():
    with pytest.raises(
        InvalidParameterError,
        match=_exact(
            "segments= takes a preset name (kit, pymc-marketing, rfm), a dict of rules or a "
            "table like rk.segment_map(); got list."
        ),
    ):
        rk.segment_map(["Champions"])
    with pytest.raises(
        InvalidParameterError, match=_exact("segments= has no rules; give at least one segment.")
    ):
        rk.segment_map({})
    with pytest.raises(
        InvalidParameterError,
        match=_exact("every segment rule needs a name (a non-empty text)."),
    ):
        rk.segment_map({" ": {"f": 4}})


def test_a_rule_without_action_has_an_empty_action_and_source():
    m = rk.segment_map({"Quiet": {"r": 1}, "Loud": {"r": 5, "action": "call"}})
    assert m["action"].tolist() == ["", "call", ""]
    # "your rule" marks your own action; no action, no source ("Other" is the kit's)
    assert m["action_source"].tolist() == ["", "your rule", ""]


def test_the_catch_all_rule_is_last_and_says_why_it_is_there():
    m = rk.segment_map({"Top": {"r": 4, "action": "thank them"}}, bins=4)
    assert m.iloc[-1].to_dict() == {
        "segment": "Other", "r_min": 1, "r_max": 4, "f_min": 1, "f_max": 4, "m_min": 1,
        "m_max": 4, "description": "no rule matches", "action": "", "action_source": "",
        "note": "added by the kit so that every customer has a segment",
    }  # fmt: skip
    assert m.index.tolist() == [0, 1]  # a fresh RangeIndex, not the rules' own plus a 0
    assert (m[["r_min", "r_max", "f_min", "f_max", "m_min", "m_max"]].dtypes == "int64").all()


def test_rfm_segments_with_equal_money_are_sorted_by_name():
    t = pd.DataFrame(
        {
            "segment": ["Lost", "At risk", "Champions"],
            "recency": [90, 30, 1],
            "frequency": [1, 2, 9],
            "monetary": [50.0, 50.0, 500.0],
        }
    )
    # 500 first; "At risk" and "Lost" tie at 50: alphabetical
    assert rk.rfm_segments(t)["segment"].tolist() == ["Champions", "At risk", "Lost"]


# --------------------------------------------------------------------------- wide time spans
# Ten customers with nanosecond times from 1990 to 2026: customers x span (1.1e19 ns) no longer
# fits the int64 sort key of the order count, which then counts whole seconds (when every time
# is one) or numbers the distinct times. The counts must not change.


def _wide_log(second_order: str) -> pd.DataFrame:
    rows = [
        ("c0", "2026-01-01 00:00:00"),  # the latest time of the log
        ("c0", "2020-01-01 00:00:00"),
        ("c1", "1990-01-02 00:00:00"),  # the earliest
        ("c2", "2010-05-05 10:00:00"),
        ("c2", "2010-05-05 10:00:00"),  # a second line of the same order
        ("c2", second_order),
    ] + [(f"c{k}", f"2000-01-{k:02d} 00:00:00") for k in range(3, 10)]
    t = pd.DatetimeIndex([r[1] for r in rows]).as_unit("ns")
    return pd.DataFrame({"cid": [r[0] for r in rows], "date": t, "paid": 1.0})


@pytest.mark.parametrize("second_order", ["2010-05-05 10:00:01", "2010-05-05 10:00:00.3"])
def test_order_counts_over_a_36_year_span_in_nanoseconds(second_order):
    t = rfm(_wide_log(second_order))
    # c0: 2 orders; c1: 1; c2: 10:00:00 (two lines) and the second order -> 2; c3..c9: 1
    assert t["frequency"].tolist() == [2, 1, 2] + [1] * 7
    assert t["monetary"].tolist() == [2.0, 1.0, 3.0] + [1.0] * 7
