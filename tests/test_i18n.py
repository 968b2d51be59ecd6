"""rk.set_language: what is shown follows the language, what is computed does not."""

from __future__ import annotations

import pytest

import retention_kit as rk
from retention_kit import i18n


@pytest.fixture(autouse=True)
def _english_after():
    yield
    rk.set_language("en")


def test_default_is_english_and_percent_unchanged():
    assert rk.get_language() == "en"
    assert rk.percent(0.96) == "96.0%"
    assert rk.format_number(7200) == "7,200"


def test_russian_numbers_use_comma_and_no_break_space():
    rk.set_language("ru")
    # Russian typography: decimal comma, thousands and the % sign set off by a no-break space
    assert rk.percent(0.96) == "96,0\u00a0%"
    assert rk.percent(0.933333, digits=1) == "93,3\u00a0%"
    assert rk.format_number(7200) == "7\u00a0200"
    assert rk.format_number(7200.5, digits=1) == "7\u00a0200,5"
    # the value is not changed by the language
    assert rk.crr(start=50, new=6, end=54) == pytest.approx(0.96)


@pytest.mark.parametrize("name", ["russian", "RU", " русский "])
def test_language_aliases(name):
    rk.set_language(name)
    assert rk.get_language() == "ru"


def test_unknown_language_is_refused_with_the_choices():
    with pytest.raises(rk.InvalidParameterError, match=r"en, ru"):
        rk.set_language("de")
    assert rk.get_language() == "en"


def test_tr_falls_back_to_english_and_fills_placeholders():
    i18n.add_texts({"test.only_en": {"en": "{n} customers"}})
    i18n.add_texts({"test.both": {"en": "Cohort", "ru": "Когорта"}})
    rk.set_language("ru")
    assert i18n.tr("test.only_en", n=3) == "3 customers"
    assert i18n.tr("test.both") == "Когорта"
    assert i18n.tr("no such key") == "no such key"
    rk.set_language("en")
    assert i18n.tr("test.both") == "Cohort"


def _all_texts() -> dict[str, dict[str, str]]:
    import retention_kit.exercises  # noqa: F401  (each layer registers its texts on import)
    import retention_kit.plots._style  # noqa: F401
    import retention_kit.widgets._base  # noqa: F401

    return {k: v for k, v in i18n._TEXTS.items() if not k.startswith("test.")}


def test_every_shown_text_has_a_russian_version():
    missing = sorted(key for key, versions in _all_texts().items() if not versions.get("ru"))
    assert not missing, f"texts without Russian: {missing}"


def test_russian_texts_keep_the_placeholders():
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, versions in _all_texts().items():
        assert fields(versions["ru"]) == fields(versions["en"]), key


def test_russian_texts_use_the_articles_terms():
    texts = _all_texts()
    # коэффициент удержания клиентов (000, 004), отток (000, 003), когорта, возраст когорты, п.п.
    assert (
        "Коэффициент удержания клиентов"
        in texts["Customer Retention Rate, CRR = (E − N) / S"]["ru"]
    )
    assert texts["churn = L / S"]["ru"] == "отток = L / S"
    assert "возраст когорты" in texts["age ({words} after the first event)"]["ru"]
    assert texts["{value} points"]["ru"] == "{value} п.п."


def test_tr_in_russian_for_a_chart_text():
    import retention_kit.plots._style  # noqa: F401

    rk.set_language("ru")
    assert i18n.tr("lost (L)") == "ушедшие (L)"
    rk.set_language("en")
    assert i18n.tr("lost (L)") == "lost (L)"


# ---- rk.say / rk.text: the sentences a shared code cell prints --------------------------------

NB = "\u00a0"


def test_text_english_keeps_python_formatting():
    got = rk.text(
        "{n:,} rows in, {kept:,} kept; CRR {x:.1%}; LTV {ltv:,.0f}; ratio {r:.3f}",
        ru="ignored in English",
        n=84045,
        kept=80772,
        x=0.96,
        ltv=12500.4,
        r=1 / 3,
    )
    assert got == "84,045 rows in, 80,772 kept; CRR 96.0%; LTV 12,500; ratio 0.333"


def test_text_russian_writes_numbers_the_russian_way():
    rk.set_language("ru")
    got = rk.text(
        "unused",
        ru="{n:,} строк, CRR {x:.1%}, NPS {s:+.1%}, доля {r:.3f}, LTV {ltv:,.0f}",
        n=84045,
        x=0.96,
        s=0.106,
        r=1 / 3,
        ltv=12500.4,
    )
    assert got == f"84{NB}045 строк, CRR 96,0{NB}%, NPS +10,6{NB}%, доля 0,333, LTV 12{NB}500"


def test_bare_number_groups_thousands_in_both_languages():
    assert rk.text("{n} customers", n=7200) == "7,200 customers"
    assert rk.text("{x} months", x=2.5) == "2.5 months"
    rk.set_language("ru")
    assert rk.text("{n}", ru="{n} клиентов", n=7200) == f"7{NB}200 клиентов"
    assert rk.text("{x}", ru="{x} месяца", x=2.5) == "2,5 месяца"


def test_russian_is_chosen_only_in_russian_mode_and_english_is_the_fallback():
    assert rk.text("{n} users", ru="{n} пользователей", n=5) == "5 users"
    rk.set_language("ru")
    assert rk.text("{n} users", ru="{n} пользователей", n=5) == "5 пользователей"
    assert rk.text("{n} users", n=5) == "5 users"  # no Russian given: English, not nothing


@pytest.mark.parametrize(
    ("count", "word"),
    [
        (1, "клиент"),
        (21, "клиент"),
        (101, "клиент"),
        (2, "клиента"),
        (4, "клиента"),
        (34, "клиента"),
        (5, "клиентов"),
        (11, "клиентов"),
        (12, "клиентов"),
        (14, "клиентов"),
        (111, "клиентов"),
        (0, "клиентов"),
        (2.5, "клиента"),
    ],
)
def test_russian_plural_forms(count, word):
    assert rk.plural(count, "клиент|клиента|клиентов") == word
    rk.set_language("ru")
    assert rk.text("", ru="{n:клиент|клиента|клиентов}", n=count) == word


def test_english_plural_forms():
    assert rk.text("{n} {n:order|orders}", n=1) == "1 order"
    assert rk.text("{n} {n:order|orders}", n=0) == "0 orders"
    assert rk.text("{n} {n:order|orders}", n=2) == "2 orders"


def test_plural_with_one_form_is_refused():
    with pytest.raises(rk.InvalidParameterError, match=r"two .* or three"):
        rk.plural(3, "клиент")


def test_points_dates_booleans_and_missing_values():
    import datetime

    import numpy as np

    december = datetime.date(2024, 12, 1)
    assert rk.text("{d:+.1pp}", d=0.12) == "+12.0 points"
    assert rk.text("{m:%B %Y}, {s:%b %Y}", m=december, s=december) == "December 2024, Dec 2024"
    assert rk.text("{a} / {b}", a=True, b=np.bool_(False)) == "yes / no"
    assert rk.text("median {x:.1%}", x=float("nan")) == "median –"
    rk.set_language("ru")
    assert rk.text("", ru="{d:+.1pp}", d=-0.054) == f"-5,4{NB}п.п."
    assert rk.text("", ru="{m:%B %Y}, {s:%b %Y}", m=december, s=december) == (
        "декабрь 2024, дек 2024"
    )
    assert rk.text("", ru="{a} / {b}", a=True, b=np.bool_(False)) == "да / нет"


def test_say_prints_the_sentence(capsys):
    rk.set_language("ru")
    rk.say("{n} campaigns", ru="{n} {n:рассылка|рассылки|рассылок}", n=24)
    assert capsys.readouterr().out == "24 рассылки\n"


def test_text_can_use_a_registered_key():
    i18n.add_texts({"test.say": {"en": "{n} answers", "ru": "{n} ответов"}})
    assert rk.text("test.say", n=500) == "500 answers"
    rk.set_language("ru")
    assert rk.text("test.say", n=500) == "500 ответов"


def test_a_placeholder_without_value_names_it():
    with pytest.raises(rk.InvalidParameterError, match=r"placeholder 'n'.*n=\.\.\."):
        rk.text("{n} customers")


def test_plural_of_a_missing_count_and_of_a_non_number():
    assert rk.plural(float("nan"), "клиент|клиента|клиентов") == "клиентов"
    with pytest.raises(rk.InvalidParameterError, match=r"follow a count, got 'abc'"):
        rk.plural("abc", "order|orders")


# ---- the kit's own messages that the notebooks show -----------------------------------------


def test_count_errors_read_in_russian():
    rk.set_language("ru")
    with pytest.raises(
        rk.InconsistentCountsError,
        match=r"^lost=60 больше, чем start=50: нельзя потерять больше клиентов, чем было на "
        r"начало периода\.$",
    ):
        rk.crr(start=50, new=6, lost=60)
    with pytest.raises(rk.InvalidCountError, match=r"^start должно быть целым числом .*0,96;"):
        rk.crr(start=0.96, new=6, lost=2)
    rk.set_language("en")
    with pytest.raises(rk.InconsistentCountsError, match=r"^lost=60 is more than start=50: you"):
        rk.crr(start=50, new=6, lost=60)


def test_loading_warnings_read_in_russian():
    import warnings

    import pandas as pd

    log = pd.DataFrame(
        {
            "customer": ["a", "a", "b", None],
            "time": pd.to_datetime(["2024-01-05", "2024-01-05", "2024-02-01", "2024-02-02"]),
        }
    )
    rk.set_language("ru")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rk.load_transactions(
            log, customer="customer", time="time", drop_missing_customers=True, duplicates="drop"
        )
    messages = [str(w.message) for w in caught]
    assert (
        "отброшено 1 из 4 строк с пустым 'customer' (например, строка 3), как просит "
        "drop_missing_customers=True." in messages
    )
    assert any(
        m.startswith("1 строка — точная копия более ранней строки (например, строка 1: ")
        and m.endswith("; они удалены, как просит duplicates='drop'.")
        for m in messages
    ), messages


def test_cite_in_russian_keeps_the_articles_title():
    rk.set_language("ru")
    assert (
        rk.cite("004") == "Источник: статья 004, «Что такое CRR и как его повысить?» — Magnetto.pro"
    )
    assert rk.cite("000", "OWOX part").startswith(
        "Источник: статья 000, часть OWOX, «Retention rate"
    )


def test_rfm_segment_headers_have_russian_labels_and_the_table_keeps_its_keys():
    import pandas as pd

    rfm = pd.DataFrame(
        {
            "segment": ["Lost", "Champions"],
            "recency": [90, 1],
            "frequency": [1, 9],
            "monetary": [10.0, 500.0],
        }
    )
    rk.set_language("ru")
    columns = rk.rfm_segments(rfm).columns.tolist()
    # the keys code and the notebooks select by stay English in both languages
    assert columns == [
        "segment",
        "customers",
        "share",
        "monetary_total",
        "monetary_mean",
        "recency_mean",
        "frequency_mean",
        "action",
        "action_source",
    ]
    # what a Russian reader sees for each of them (the RFM explorer, the segment table)
    assert [i18n.tr(c) for c in columns] == [
        "сегмент",
        "клиенты",
        "доля клиентов",
        "сумма покупок",
        "сумма покупок на клиента",
        "давность (R), в среднем",
        "частота (F), в среднем",
        "действие",
        "источник действия",
    ]
    rk.set_language("en")
    assert [i18n.tr(c) for c in columns] == columns
