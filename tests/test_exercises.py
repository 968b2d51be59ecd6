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
    notebooks = {p.name[:2] for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
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


def test_an_untouched_answer_cell_asks_for_an_answer_and_uses_no_attempt():
    exercises._ATTEMPTS.clear()
    for exercise_id in ("01.1", "00.2"):  # a fraction and a multiple choice
        result = rk.check(exercise_id, None)
        assert not result.correct and not result.readable
        assert "no answer yet" in result.message and "None" in result.message
    assert exercises._ATTEMPTS.get("01.1", 0) == 0


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
    documented = set(re.findall(r"^###\s+(\d\d\.\d+)", text, flags=re.M))
    assert set(IDS) <= documented, f"missing solutions: {set(IDS) - documented}"


def test_student_notebooks_do_not_print_answers():
    for p in (ROOT / "notebooks").glob("*.ipynb"):
        assert "expected_value" not in p.read_text(), p.name
