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
