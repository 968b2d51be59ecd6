"""Exercises that check themselves.

In a notebook::

    rk.check("01.1", 0.96)      # or "96%", "96 %", "0,96"
    rk.hint("01.1")             # the next hint

The checker says right or wrong and gives a hint; it never prints the expected answer. Trainers
find worked solutions in the repository's ``solutions/`` folder.

Each notebook's exercises live in a module of this package (``nb01.py`` for notebook 01, ...)
that defines ``EXERCISES``, a list of :class:`Exercise`. Expected answers are computed by
functions (from the sources' numbers or the bundled samples), so they stay true if the kit's
data change.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import InvalidParameterError


@dataclass(frozen=True)
class Exercise:
    """One exercise: an id like "01.2", the question, how to get the expected answer, hints.

    ``kind``: "fraction" (a rate; accepts 0.96, "96%", "96 %", "0,96"), "number" (a count or an
    amount), or "choice" (one of ``choices``; accepts the letter or the text).
    ``tolerance`` is absolute, in the answer's unit (fractions: 0.001 = a tenth of a point).
    """

    id: str
    question: str
    expected: Callable[[], Any]
    kind: str = "fraction"
    tolerance: float = 0.001
    hints: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    unit: str = ""

    def expected_value(self) -> Any:
        return self.expected()


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
    return sorted(_load().values(), key=lambda e: [int(p) for p in e.id.split(".")])


def get(exercise_id: str) -> Exercise:
    """The exercise with this id (e.g. "01.2")."""
    registry = _load()
    key = str(exercise_id).strip()
    if key not in registry:
        raise InvalidParameterError(
            f"there is no exercise {exercise_id!r}; the ids look like '01.1'. "
            f"Known: {', '.join(sorted(registry))}."
        )
    return registry[key]


_NUMBER = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?)\s*(%?)\s*$")


def _read_number(answer: Any) -> tuple[float | None, bool]:
    """(value, typed_as_percent); value None when the answer is not a number."""
    if isinstance(answer, bool) or answer is None:
        return None, False
    if isinstance(answer, (int, float)):
        return (None, False) if math.isnan(float(answer)) else (float(answer), False)
    if hasattr(answer, "item") and getattr(answer, "size", 2) == 1:  # numpy scalar
        return _read_number(answer.item())
    if isinstance(answer, str):
        m = _NUMBER.match(answer.replace("\u00a0", " "))
        if m:
            return float(m.group(1).replace(",", ".")), bool(m.group(2))
    return None, False


def _next_hint(ex: Exercise, attempt: int) -> str:
    if not ex.hints:
        return "Re-read the question and the formula above it, then try again."
    return ex.hints[min(attempt - 1, len(ex.hints) - 1)]


def check(exercise_id: str, answer: Any) -> CheckResult:
    """Check a student's answer; a friendly right/wrong message with a hint, never the answer.

    >>> check("01.1", "96%").correct
    True
    """
    ex = get(exercise_id)
    if answer is None:  # the cell as the notebook ships it: not a wrong answer, no attempt used
        return CheckResult(
            ex.id,
            False,
            f"✏️ **{ex.id}**: no answer yet. Replace `None` with your answer "
            "(for example `answer = 0.5`), then run the cell again.",
            readable=False,
            attempts=_ATTEMPTS.get(ex.id, 0),
        )
    attempts = _ATTEMPTS.get(ex.id, 0) + 1
    _ATTEMPTS[ex.id] = attempts
    expected = ex.expected_value()

    if ex.kind == "choice":
        options = [c.strip().lower() for c in ex.choices]
        letters = [chr(ord("a") + i) for i in range(len(options))]
        given = str(answer).strip().lower().rstrip(")").strip()
        if given in letters:
            given = options[letters.index(given)]
        if given not in options:
            return CheckResult(
                ex.id,
                False,
                f"🤔 **{ex.id}**: I could not read {answer!r} as one of the options "
                f"({', '.join(letters)}). Type one of the letters, e.g. "
                f'`rk.check("{ex.id}", "<letter>")`.',
                readable=False,
                attempts=attempts,
            )
        correct = given == str(expected).strip().lower()
    else:
        value, as_percent = _read_number(answer)
        if value is None:
            example = '0.123 or "12.3%"' if ex.kind == "fraction" else "a number such as 42"
            return CheckResult(
                ex.id,
                False,
                f"🤔 **{ex.id}**: I could not read {answer!r} as a number. Type {example}.",
                readable=False,
                attempts=attempts,
            )
        if ex.kind == "fraction" and as_percent:
            value /= 100
        diff = abs(value - float(expected))
        correct = diff <= ex.tolerance + 1e-12
        typed_percent_as_number = (
            ex.kind == "fraction"
            and not as_percent
            and abs(value / 100 - float(expected)) <= ex.tolerance + 1e-12
        )
        if not correct and typed_percent_as_number:
            return CheckResult(
                ex.id,
                False,
                f"🔎 **{ex.id}**: that looks like a percent written as a plain number. The "
                "kit works in fractions: write it as a fraction (0.5 for 50 %) or as a "
                'string with a percent sign ("50%").',
                attempts=attempts,
            )
        if not correct and diff <= max(5 * ex.tolerance, 0.02 * abs(float(expected))):
            return CheckResult(
                ex.id,
                False,
                f"🔎 **{ex.id}**: very close, but not quite. Check your rounding and which "
                f"numbers go into the formula. Hint: {_next_hint(ex, attempts)}",
                attempts=attempts,
            )
    if correct:
        return CheckResult(ex.id, True, f"✅ **{ex.id}**: correct, well done!", attempts=attempts)
    return CheckResult(
        ex.id,
        False,
        f"❌ **{ex.id}**: not yet. Hint: {_next_hint(ex, attempts)}",
        attempts=attempts,
    )


def hint(exercise_id: str, n: int | None = None) -> str:
    """The next hint for an exercise (or hint number ``n``, counting from 1)."""
    ex = get(exercise_id)
    if n is None:
        n = _ATTEMPTS.get(ex.id, 0) + 1
    return _next_hint(ex, n)
