"""The self-checking exercises: right, wrong, malformed answers; hints; solutions exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import retention_kit as rk
from retention_kit import exercises

ROOT = Path(__file__).resolve().parents[1]
ALL = exercises.exercises()
IDS = [e.id for e in ALL]


def _right_answer(ex):
    value = ex.expected_value()
    if ex.kind == "choice":
        return value
    return float(value)


def test_there_are_at_least_two_exercises_per_numbered_notebook():
    notebooks = {p.name.split("_")[0] for p in (ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb")}
    for nb in notebooks - {"00"}:
        assert sum(i.startswith(nb + ".") for i in IDS) >= 2, f"notebook {nb} needs 2 exercises"


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_the_expected_answer_is_accepted(ex):
    exercises._ATTEMPTS.clear()
    assert rk.check(ex.id, _right_answer(ex)).correct


@pytest.mark.parametrize("ex", [e for e in ALL if e.kind != "choice"], ids=lambda e: e.id)
def test_a_wrong_answer_is_rejected_with_a_hint_and_without_the_answer(ex):
    value = float(ex.expected_value())
    wrong = value + max(10 * ex.tolerance, 0.5 * abs(value), 0.3)
    result = rk.check(ex.id, wrong)
    assert not result.correct
    assert "Hint" in result.message or "hint" in result.message
    for shown in {f"{value:g}", f"{value:.2f}", f"{value * 100:.1f}%"}:
        assert shown not in result.message.split("Hint")[0]


@pytest.mark.parametrize("answer", ["abc", [1, 2], {"a": 1}, ""])
def test_malformed_answers_get_a_friendly_message(answer):
    result = rk.check("01.1", answer)
    assert not result.correct and not result.readable
    assert "could not read" in result.message


@pytest.fixture(autouse=True)
def _english_and_no_voila(monkeypatch):
    for key in ("VOILA_KERNEL_ID", "VOILA_REQUEST_URL"):
        monkeypatch.delenv(key, raising=False)
    yield
    rk.set_language("en")


def test_an_untouched_answer_cell_asks_for_an_answer_and_uses_no_attempt():
    exercises._ATTEMPTS.clear()
    for exercise_id in ("01.1", "00.2"):  # a fraction and a multiple choice
        result = rk.check(exercise_id, None)
        assert not result.correct and not result.readable
        assert "no answer yet" in result.message and "None" in result.message
    assert exercises._ATTEMPTS.get("01.1", 0) == 0


def test_the_example_in_the_prompt_fits_the_kind_of_answer():
    # a letter question must not suggest `answer = 0.5`
    assert '`answer = "b"`' in rk.check("00.2", None).message
    assert "0.5" not in rk.check("00.2", None).message
    assert "`answer = 0.5`" in rk.check("01.1", None).message
    assert "`answer = 42`" in rk.check("03.2", None).message


def test_app_mode_shows_a_text_box_instead_of_replace_none(monkeypatch):
    import ipywidgets as w

    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")  # what Voila sets in its kernels
    exercises._ATTEMPTS.clear()
    result = rk.check("01.1", None)
    assert "None" not in result.message and "run the cell" not in result.message
    assert "box" in result.message
    box = result.widget()
    text = box.children[0].children[0]
    assert isinstance(text, w.Text)
    text.value = "96%"  # what a student types in the browser
    assert "correct" in box.children[1].value
    text.value = "50%"
    assert "not yet" in box.children[1].value and "96" not in box.children[1].value


# (language, typed, value read, unit): by hand, from the way each language writes numbers
PARSING = [
    ("en", "7,200", 7200.0, ""),
    ("en", "7 200", 7200.0, ""),
    ("en", "7\u00a0200", 7200.0, ""),
    ("en", "1,234,567.5", 1234567.5, ""),
    ("en", "0,96", 0.96, ""),
    ("en", "0.96", 0.96, ""),
    ("en", "96%", 96.0, "%"),
    ("en", "-3.5 %", -3.5, "%"),
    ("en", "+12 points", 12.0, "pp"),
    ("en", "+12 pp", 12.0, "pp"),
    ("ru", "7 200", 7200.0, ""),
    ("ru", "7\u00a0200,5", 7200.5, ""),
    ("ru", "7 200,5", 7200.5, ""),
    ("ru", "96,0 %", 96.0, "%"),
    ("ru", "96,0\u00a0%", 96.0, "%"),
    ("ru", "+12 п.п.", 12.0, "pp"),
    ("ru", "−3 п. п.", -3.0, "pp"),
    ("ru", "12 процентных пунктов", 12.0, "pp"),
    ("ru", "0.96", 0.96, ""),
    ("ru", "7,2", 7.2, ""),
]


@pytest.mark.parametrize(("language", "typed", "value", "unit"), PARSING)
def test_numbers_are_read_the_way_the_language_writes_them(language, typed, value, unit):
    read, read_unit = exercises.read_number(typed, language)
    assert read == pytest.approx(value) and read_unit == unit


@pytest.mark.parametrize("typed", ["7.200.5", "1,2,3", "12 34", "abc%", "%", "п.п."])
def test_malformed_numbers_are_not_guessed(typed):
    assert exercises.read_number(typed, "en")[0] is None


def test_english_thousands_are_not_decimals():
    # the solutions print counts like "7,200"; it used to be read as 7.2
    exercises._ATTEMPTS.clear()
    expected = exercises.get("03.2").expected_value()  # a count of customers
    typed = f"{expected:,}" if expected >= 1000 else str(expected)
    assert rk.check("03.2", typed).correct
    assert rk.check("02.2", "7,200").correct  # LTV = 400 × 18 = 7200 (by hand)
    assert rk.check("02.2", "7 200").correct


def test_russian_mode_reads_russian_answers_and_answers_in_russian():
    rk.set_language("ru")
    exercises._ATTEMPTS.clear()
    result = rk.check("02.2", "7 200")  # 400 × 18
    assert result.correct and "верно" in result.message
    assert rk.check("02.2", "7\u00a0200,0").correct
    assert rk.check("01.1", "96,0 %").correct  # (54 − 6) / 50
    # 06.1: CRR (36 − 15) / 50 = 42 % against the eCommerce 30 %: +12 points (by hand)
    assert rk.check("06.1", "+12 п.п.").correct
    wrong = rk.check("01.1", "50 %")
    assert not wrong.correct and "Подсказка" in wrong.message
    assert wrong.message.split("Подсказка: ")[1] in exercises.get("01.1").hints_ru
    assert "ответа пока нет" in rk.check("01.1", None).message


def test_yes_no_in_both_languages():
    expected = exercises.get("04.3").expected_value()  # "no" or "yes"
    russian = {"no": "нет", "yes": "да"}[expected]
    assert rk.check("04.3", expected).correct
    rk.set_language("ru")
    assert rk.check("04.3", russian).correct
    assert rk.check("04.3", russian.upper()).correct
    assert not rk.check("04.3", {"нет": "да", "да": "нет"}[russian]).correct


def test_cyrillic_letters_and_russian_choice_texts():
    # 00.2: the right meaning is option a); a Russian keyboard types a Cyrillic "а"
    assert rk.check("00.2", "а").correct
    assert not rk.check("00.2", "б").correct
    rk.set_language("ru")
    assert rk.check("00.2", exercises.get("00.2").choices_ru[0]).correct


@pytest.mark.parametrize("typed", ["33%", "33 %", "33 п.п.", "33 points"])
def test_a_percent_is_not_a_count(typed):
    exercises._ATTEMPTS.clear()
    result = rk.check("03.2", typed)
    assert not result.correct
    assert "not a share" in result.message and "without the sign" in result.message


def test_every_exercise_has_russian_texts():
    for ex in ALL:
        assert ex.question_ru and len(ex.hints_ru) == len(ex.hints), ex.id
        assert any("\u0400" <= ch <= "\u04ff" for ch in ex.question_ru), ex.id
        if ex.kind == "choice" and ex.choices_ru:
            assert len(ex.choices_ru) == len(ex.choices), ex.id
    rk.set_language("ru")
    assert exercises.get("01.1").question_text().startswith("Январь")
    assert rk.hint("01.1", 1) == exercises.get("01.1").hints_ru[0]


@pytest.mark.parametrize("ex", [e for e in ALL if e.kind != "choice"], ids=lambda e: e.id)
def test_no_hint_gives_away_the_answer(ex):
    value = float(ex.expected_value())
    shown = {f"{value:g}", f"{value * 100:.1f}%", f"{value * 100:.0f} %", f"{value:,.0f}"}
    if abs(value) >= 1:  # small counts (2, 3) appear in any text
        for hint_text in ex.hints + ex.hints_ru:
            for text in shown:
                assert f" {text} " not in f" {hint_text} ", (ex.id, text)


def test_answer_formats_for_a_fraction():
    # article 000: (54 - 6) / 50 = 0.96
    for answer in (0.96, "96%", "96 %", "0,96", "0.96"):
        assert rk.check("01.1", answer).correct, answer
    assert "percent" in rk.check("01.1", 96).message  # typed a percent as a plain number


def test_close_answer_gets_nudged():
    assert "close" in rk.check("01.1", 0.95).message


def test_hints_progress_and_unknown_ids_are_explained():
    exercises._ATTEMPTS.clear()
    first = rk.hint("01.1")
    rk.check("01.1", 0.5)
    second = rk.hint("01.1")
    assert first != second
    with pytest.raises(rk.InvalidParameterError, match="01.1"):
        rk.check("99.9", 1)


def test_every_exercise_has_a_worked_solution_for_trainers():
    text = "\n".join(p.read_text() for p in (ROOT / "solutions").glob("*.md"))
    documented = set(re.findall(r"^###\s+(\d\d[a-z]?\.\d+)", text, flags=re.M))
    assert set(IDS) <= documented, f"missing solutions: {set(IDS) - documented}"


def test_student_notebooks_do_not_print_answers():
    for p in (ROOT / "notebooks").glob("*.ipynb"):
        assert "expected_value" not in p.read_text(), p.name


@pytest.mark.parametrize("ex", ALL, ids=IDS)
def test_the_expected_answer_written_the_russian_way_is_accepted(ex):
    # what a Russian student copies from the Russian edition: "77,5 %", "7 200,00", "да"
    exercises._ATTEMPTS.clear()
    rk.set_language("ru")
    value = ex.expected_value()
    if ex.kind == "fraction":
        typed = rk.percent(float(value), digits=2)
    elif ex.kind == "number":
        typed = rk.format_number(float(value), digits=2)
    else:
        index = [c.lower() for c in ex.choices].index(str(value).lower())
        typed = ex.choices_ru[index] if ex.choices_ru else chr(ord("a") + index)
    result = rk.check(ex.id, typed)
    assert result.correct, (typed, result.message)
    assert "верно" in result.message
