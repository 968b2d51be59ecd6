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
