"""How the kit's errors are written in the session's language (internal).

``rk.set_language("ru")`` makes the messages of ``core/counts.py`` (the count and rate checks),
of ``core/columns.py`` (the missing-column errors), of ``metrics/`` (crr, churn, ltv, repeat,
email, nps), of ``stats.py`` (counts and ``confidence=``), ``profit.py``, ``benchmarks.py`` and
``definitions.py`` Russian (``loading.py`` writes its own with :func:`retention_kit.i18n.text`);
the error classes and the argument names stay the same, and the English message is unchanged.
The Russian texts are in :mod:`retention_kit._messages` (one table for every kit message, keyed
by the English one). Call sites pass the English text to :func:`message` and format their
numbers with :func:`num` (``0.96`` in English, ``0,96`` in Russian).
"""

from __future__ import annotations

import math
from typing import Any

from .i18n import format_number, get_language, tr

__all__ = ["message", "num"]


def message(text: str, **values: Any) -> str:
    """The message ``text`` (its English version) in the current language, filled in."""
    return tr(text, **values)


def num(value: Any) -> str:
    """A number as the messages print it: ``f"{value:g}"`` in English; in Russian a decimal
    comma and grouped thousands (``0,96``, ``7 200``)."""
    text = f"{value:g}"
    if get_language() != "ru" or not math.isfinite(value):
        return text
    if value == round(value) and abs(value) < 1e15:
        return format_number(value)
    if "e" in text:
        return text.replace(".", ",")
    return format_number(value, digits=len(text.partition(".")[2]))
