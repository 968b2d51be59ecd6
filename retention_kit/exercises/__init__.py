"""Exercises that check themselves.

In a notebook::

    rk.check("01.1", 0.96)      # or "96%", "96 %", "0,96"
    rk.hint("01.1")             # the next hint

The checker says right or wrong and gives a hint; it never prints the expected answer. Trainers
find worked solutions in the repository's ``solutions/`` folder. After ``rk.set_language("ru")``
the feedback and the hints are in Russian and answers are read the Russian way too ("7 200,5",
"96,0 %", "+12 п.п.", "да" / "нет").

Each notebook's exercises live in a module of this package (``nb01.py`` for notebook 01, ...)
that defines ``EXERCISES``, a list of :class:`Exercise`. Expected answers are computed by
functions (from the sources' numbers or the bundled samples), so they stay true if the kit's
data change.

In app mode (Voila: the code cells are hidden, nothing to edit) an unanswered exercise shows a
text box and a button instead of "replace None and run the cell".
"""

from __future__ import annotations

import html
import importlib
import math
import os
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from string import ascii_lowercase, digits
from typing import Any

from ..errors import InvalidParameterError
from ..i18n import add_texts, get_language, tr

add_texts(
    {
        "check.no_answer": {
            "en": "✏️ **{id}**: no answer yet. Replace `None` with your answer (for example "
            "`answer = {example}`), then run the cell again.",
            "ru": "✏️ **{id}**: ответа пока нет. Замените `None` своим ответом (например, "
            "`answer = {example}`) и снова запустите ячейку.",
        },
        "check.no_answer_app": {
            "en": "✏️ **{id}**: type your answer in the box (for example {example}) and press "
            "Check.",
            "ru": "✏️ **{id}**: введите ответ в поле (например, {example}) и нажмите «Проверить».",
        },
        "check.unreadable_choice": {
            "en": "🤔 **{id}**: I could not read {answer} as one of the options ({letters}). "
            'Type one of the letters, e.g. `rk.check("{id}", "{letter}")`.',
            "ru": "🤔 **{id}**: не удалось прочитать {answer} как один из вариантов "
            '({letters}). Введите букву варианта, например `rk.check("{id}", "{letter}")`.',
        },
        "check.unreadable_number": {
            "en": "🤔 **{id}**: I could not read {answer} as a number. Type {example}.",
            "ru": "🤔 **{id}**: не удалось прочитать {answer} как число. Введите {example}.",
        },
        "check.example_fraction": {
            "en": '0.123 or "12.3%"',
            "ru": '0.123 или "12,3 %"',
        },
        "check.example_number": {
            "en": 'a number such as 42 or "7,200"',
            "ru": 'число, например 42 или "7 200"',
        },
        "check.percent_for_count": {
            "en": "🔎 **{id}**: this answer is {unit_text}, not a share, so a % sign (or "
            "points) makes it a different quantity: 33 % of what? Type the number itself, "
            "without the sign (e.g. 42).",
            "ru": "🔎 **{id}**: ответ здесь — {unit_text}, а не доля, поэтому знак % (или п.п.) "
            "превращает его в другую величину: 33 % от чего? Введите само число, без знака "
            "(например, 42).",
        },
        "check.a_count": {"en": "a count or an amount", "ru": "количество или сумма"},
        "check.percent_as_number": {
            "en": "🔎 **{id}**: that looks like a percent written as a plain number. The kit "
            "works in fractions: write it as a fraction (0.5 for 50 %) or as a string with a "
            'percent sign ("50%").',
            "ru": "🔎 **{id}**: похоже, это проценты, записанные простым числом. Библиотека "
            "работает с долями: запишите долю (0.5 для 50 %) или строку со знаком процента "
            '("50 %").',
        },
        "check.close": {
            "en": "🔎 **{id}**: very close, but not quite. Check your rounding and which numbers "
            "go into the formula. Hint: {hint}",
            "ru": "🔎 **{id}**: очень близко, но не совсем. Проверьте округление и то, какие "
            "числа входят в формулу. Подсказка: {hint}",
        },
        "check.correct": {
            "en": "✅ **{id}**: correct, well done!",
            "ru": "✅ **{id}**: верно, отлично!",
        },
        "check.wrong": {
            "en": "❌ **{id}**: not yet. Hint: {hint}",
            "ru": "❌ **{id}**: пока нет. Подсказка: {hint}",
        },
        "check.default_hint": {
            "en": "Re-read the question and the formula above it, then try again.",
            "ru": "Перечитайте вопрос и формулу над ним и попробуйте ещё раз.",
        },
        "check.button": {"en": "Check", "ru": "Проверить"},
        "check.hint_button": {"en": "Hint", "ru": "Подсказка"},
        "check.placeholder": {"en": "your answer", "ru": "ваш ответ"},
        "check.unknown_id": {
            "en": "there is no exercise {id!r}; the ids look like '01.1'. Known: {known}.",
            "ru": "упражнения {id!r} нет; номера выглядят как '01.1'. Есть: {known}.",
        },
    }
)


@dataclass(frozen=True)
class Exercise:
    """One exercise: an id like "01.2", the question, how to get the expected answer, hints.

    ``kind``: "fraction" (a rate; accepts 0.96, "96%", "96 %", "0,96"), "number" (a count or an
    amount; a % sign is refused), or "choice" (one of ``choices``; accepts the letter or the
    text). ``tolerance`` is absolute, in the answer's unit (fractions: 0.001 = a tenth of a
    point). ``question_ru``, ``hints_ru`` and ``choices_ru`` are the Russian edition's texts
    (shown after ``rk.set_language("ru")``; English when empty).
    """

    id: str
    question: str
    expected: Callable[[], Any]
    kind: str = "fraction"
    tolerance: float = 0.001
    hints: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    unit: str = ""
    question_ru: str = ""
    hints_ru: tuple[str, ...] = ()
    choices_ru: tuple[str, ...] = ()

    def expected_value(self) -> Any:
        return self.expected()

    def question_text(self) -> str:
        """The question in the current language (English when it has no Russian version)."""
        return self.question_ru if get_language() == "ru" and self.question_ru else self.question

    def hint_texts(self) -> tuple[str, ...]:
        """The hints in the current language (English when they have no Russian version)."""
        return self.hints_ru if get_language() == "ru" and self.hints_ru else self.hints


@dataclass
class CheckResult:
    """What :func:`check` returns: ``correct`` plus a friendly message (shown in the notebook)."""

    exercise_id: str
    correct: bool
    message: str
    readable: bool = True
    attempts: int = field(default=1)

    def __bool__(self) -> bool:
        return self.correct

    def _repr_markdown_(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return self.message


class AnswerBox(CheckResult):
    """An unanswered exercise in app mode: shown as a text box, a Check and a Hint button."""

    def widget(self):
        import ipywidgets as w

        box = w.Text(placeholder=tr("check.placeholder"), layout=w.Layout(width="240px"))
        button = w.Button(description=tr("check.button"), button_style="primary")
        hint_button = w.Button(description=tr("check.hint_button"))
        feedback = w.HTML(_markdown_html(self.message))

        def submit(_event: Any = None) -> None:
            text = box.value.strip()
            if text:
                feedback.value = _markdown_html(check(self.exercise_id, text).message)

        def show_hint(_event: Any = None) -> None:
            feedback.value = _markdown_html("💡 " + hint(self.exercise_id))

        button.on_click(submit)
        hint_button.on_click(show_hint)
        box.continuous_update = False
        box.observe(lambda _change: submit(), names="value")
        return w.VBox([w.HBox([box, button, hint_button]), feedback])

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget())


def _markdown_html(message: str) -> str:
    """The checker's Markdown (**bold**, `code`) as HTML for a widget."""
    text = html.escape(message, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"`(.+?)`", r"<code>\1</code>", text)
    return f"<div style='font-size:1.1em;padding:4px 0'>{text}</div>"


def in_app_mode() -> bool:
    """True inside a Voila kernel (app mode: no code cells to edit).

    Voila starts its kernels with ``VOILA_REQUEST_URL`` (and sets ``VOILA_KERNEL_ID``) in their
    environment; a Jupyter kernel has neither.
    """
    return any(key in os.environ for key in ("VOILA_KERNEL_ID", "VOILA_REQUEST_URL"))


_REGISTRY: dict[str, Exercise] = {}
_ATTEMPTS: dict[str, int] = {}


def _load() -> dict[str, Exercise]:
    if not _REGISTRY:
        for info in pkgutil.iter_modules(__path__):
            if info.name.startswith("nb"):
                module = importlib.import_module(f"{__name__}.{info.name}")
                for ex in module.EXERCISES:
                    _REGISTRY[ex.id] = ex
    return _REGISTRY


def exercises() -> list[Exercise]:
    """All exercises, in notebook order."""
    return sorted(_load().values(), key=lambda e: _order(e.id))


def _order(exercise_id: str) -> list[tuple[int, str]]:
    # "05a.1" (an inserted notebook, after 05) sorts between "05.9" and "06.1"
    return [(int(p.rstrip(ascii_lowercase)), p.lstrip(digits)) for p in exercise_id.split(".")]


def get(exercise_id: str) -> Exercise:
    """The exercise with this id (e.g. "01.2")."""
    registry = _load()
    key = str(exercise_id).strip()
    if key not in registry:
        raise InvalidParameterError(
            tr("check.unknown_id", id=exercise_id, known=", ".join(sorted(registry)))
        )
    return registry[key]


# ------------------------------------------------------------------------------ reading numbers

# What may follow a number: a percent sign, or percentage points (a difference of two rates).
_UNITS = re.compile(
    r"(?P<unit>%|п\.?\s*п\.?|процентн\w*\s+пункт\w*|пункт\w*|p\.?\s*p\.?|pts?|points?"
    r"|percentage\s+points?)$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_PLAIN = re.compile(r"^(\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][-+]?\d+)?$")
_SPACE_GROUPS = re.compile(r"^\d{1,3}(?: \d{3})+(?:[.,]\d+)?$")
_COMMA_GROUPS = re.compile(r"^[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?$")


def read_number(text: str, language: str | None = None) -> tuple[float | None, str]:
    """Read a typed number the way ``language`` writes it: ``(value, unit)``.

    ``unit`` is "" (a plain number), "%" (a percent sign) or "pp" (percentage points: "п.п.",
    "points"); ``value`` is None when the text is not a number. English groups thousands with
    commas ("7,200" is 7200; "0,96" stays 0.96); Russian with spaces and a decimal comma
    ("7 200,5"); a space between groups of three digits is read in both.

    >>> read_number("7,200", "en"), read_number("7 200,5", "ru"), read_number("+12 п.п.", "ru")
    ((7200.0, ''), (7200.5, ''), (12.0, 'pp'))
    """
    language = language or get_language()
    s = _SPACES.sub(" ", str(text)).strip().replace("\u2212", "-").replace("\u2013", "-")
    unit = ""
    m = _UNITS.search(s)
    if m:
        unit = "%" if m.group("unit") == "%" else "pp"
        s = s[: m.start()].strip()
    sign = 1.0
    if s[:1] in "+-" and s:
        sign = -1.0 if s[0] == "-" else 1.0
        s = s[1:].strip()
    if _SPACE_GROUPS.match(s):
        body = s.replace(" ", "").replace(",", ".")
    elif language == "en" and _COMMA_GROUPS.match(s):
        body = s.replace(",", "")
    elif _PLAIN.match(s):
        body = s.replace(",", ".")
    else:
        return None, ""
    return sign * float(body), unit


def _read_number(answer: Any) -> tuple[float | None, str]:
    """(value, unit) of any answer: a number, a numpy scalar or a string; None if unreadable."""
    if isinstance(answer, bool) or answer is None:
        return None, ""
    if isinstance(answer, (int, float)):
        try:
            value = float(answer)
        except OverflowError:  # an int beyond float range is no answer to any exercise
            return None, ""
        return (None, "") if math.isnan(value) else (value, "")
    if hasattr(answer, "item") and getattr(answer, "size", 2) == 1:  # numpy scalar
        return _read_number(answer.item())
    if isinstance(answer, str):
        return read_number(answer)
    return None, ""


# Russian students type а, б, в (or a Cyrillic "а"/"с" that looks Latin) for a, b, c.
_CYRILLIC_LETTERS = {"а": "a", "б": "b", "в": "c", "с": "c", "г": "d"}
_YES_NO = {"да": "yes", "нет": "no", "y": "yes", "n": "no", "true": "yes", "false": "no"}


def _example(ex: Exercise) -> str:
    if ex.kind == "choice":
        return '"b"'
    if ex.kind == "number":
        return "42"
    return "0.5"


def _next_hint(ex: Exercise, attempt: int) -> str:
    hints = ex.hint_texts()
    if not hints:
        return tr("check.default_hint")
    return hints[min(attempt - 1, len(hints) - 1)]


def _read_choice(ex: Exercise, answer: Any) -> str | None:
    """The chosen option (its English text, lower case), or None when unreadable."""
    options = [c.strip().lower() for c in ex.choices]
    options_ru = [c.strip().lower() for c in ex.choices_ru]
    letters = [chr(ord("a") + i) for i in range(len(options))]
    given = str(answer).strip().lower().rstrip(").").strip()
    given = _CYRILLIC_LETTERS.get(given, given)
    if given in _YES_NO and _YES_NO[given] in options:
        given = _YES_NO[given]
    if given in letters:
        return options[letters.index(given)]
    if given in options:
        return given
    if given in options_ru:
        return options[options_ru.index(given)]
    return None


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check a student's answer; a friendly right/wrong message with a hint, never the answer.

    >>> check("01.1", "96%").correct
    True
    """
    ex = get(exercise_id)
    if answer is None:  # the cell as the notebook ships it: not a wrong answer, no attempt used
        if in_app_mode():
            return AnswerBox(
                ex.id,
                False,
                tr("check.no_answer_app", id=ex.id, example=_example(ex)),
                readable=False,
                attempts=_ATTEMPTS.get(ex.id, 0),
            )
        return CheckResult(
            ex.id,
            False,
            tr("check.no_answer", id=ex.id, example=_example(ex)),
            readable=False,
            attempts=_ATTEMPTS.get(ex.id, 0),
        )
    attempts = _ATTEMPTS.get(ex.id, 0) + 1
    _ATTEMPTS[ex.id] = attempts
    expected = ex.expected_value()

    def result(key: str, correct: bool = False, **values: Any) -> CheckResult:
        return CheckResult(ex.id, correct, tr(key, id=ex.id, **values), attempts=attempts)

    if ex.kind == "choice":
        given = _read_choice(ex, answer)
        if given is None:
            letters = [chr(ord("a") + i) for i in range(len(ex.choices))]
            out = result(
                "check.unreadable_choice",
                answer=repr(answer),
                letters=", ".join(letters),
                letter=letters[-1],
            )
            out.readable = False
            return out
        correct = given == str(expected).strip().lower()
    else:
        value, unit = _read_number(answer)
        if value is None:
            key = "check.example_fraction" if ex.kind == "fraction" else "check.example_number"
            out = result("check.unreadable_number", answer=repr(answer), example=tr(key))
            out.readable = False
            return out
        if ex.kind == "number" and unit:
            unit_text = tr("check.a_count")
            if ex.unit and get_language() == "en":
                unit_text += f" ({ex.unit})"
            return result("check.percent_for_count", unit_text=unit_text)
        if ex.kind == "fraction" and unit:
            value /= 100
        diff = abs(value - float(expected))
        correct = diff <= ex.tolerance + 1e-12
        typed_percent_as_number = (
            ex.kind == "fraction"
            and not unit
            and abs(value / 100 - float(expected)) <= ex.tolerance + 1e-12
        )
        if not correct and typed_percent_as_number:
            return result("check.percent_as_number")
        if not correct and diff <= max(5 * ex.tolerance, 0.02 * abs(float(expected))):
            return result("check.close", hint=_next_hint(ex, attempts))
    if correct:
        return result("check.correct", correct=True)
    return result("check.wrong", hint=_next_hint(ex, attempts))


def hint(exercise_id: str, n: int | None = None) -> str:
    """The next hint for an exercise (or hint number ``n``, counting from 1)."""
    ex = get(exercise_id)
    if n is None:
        n = _ATTEMPTS.get(ex.id, 0) + 1
    elif isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise InvalidParameterError(f"n={n!r}: give the hint number, 1 for the first hint.")
    return _next_hint(ex, n)
