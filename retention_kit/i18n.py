"""The course's two languages: English (default) and Russian.

``rk.set_language("ru")`` switches what the kit *shows* (number formatting, and the labels,
titles and messages that are looked up with :func:`tr`); it never changes a computed value.
The English and Russian notebooks share their code; only this call differs between them.

Where the texts are: the charts' in ``plots/_texts.py``, the apps' in ``widgets/_texts.py``
(both keyed by the English text), the checker's messages in ``exercises/__init__.py`` and each
exercise's Russian question and hints in its ``question_ru`` / ``hints_ru`` fields.
tests/test_i18n.py fails when a shown text has no Russian version or loses a placeholder.

>>> import retention_kit as rk
>>> rk.set_language("ru")
>>> rk.percent(0.96)
'96,0\\xa0%'
>>> rk.format_number(7200)
'7\\xa0200'
>>> rk.set_language("en")
>>> rk.percent(0.96), rk.format_number(7200)
('96.0%', '7,200')
"""

from __future__ import annotations

import math
from typing import Any

from .errors import InvalidParameterError

LANGUAGES: tuple[str, ...] = ("en", "ru")

# Russian typography groups thousands with a (no-break) space and writes "96,0 %".
NBSP = "\u00a0"

_state = {"language": "en"}

# key -> {"en": ..., "ru": ...}. Modules register their texts with :func:`add_texts`; a key
# missing in Russian falls back to English, so a new English text never breaks the Russian
# edition (tests/test_i18n.py lists the keys that lack a translation).
_TEXTS: dict[str, dict[str, str]] = {}


def set_language(language: str) -> None:
    """Show labels, titles, messages and numbers in ``language`` ("en" or "ru").

    Parameters
    ----------
    language : {"en", "ru"}
        "ru" also accepts "russian" / "русский"; "en" accepts "english".

    Raises
    ------
    InvalidParameterError
        For any other language.
    """
    key = str(language).strip().lower()
    key = {"english": "en", "russian": "ru", "русский": "ru"}.get(key, key)
    if key not in LANGUAGES:
        raise InvalidParameterError(
            f"language={language!r}: the course has {', '.join(LANGUAGES)}; "
            'e.g. rk.set_language("ru").'
        )
    _state["language"] = key


def get_language() -> str:
    """The language set by :func:`set_language` ("en" unless changed)."""
    return _state["language"]


def add_texts(texts: dict[str, dict[str, str]]) -> None:
    """Register translatable texts: ``{"key": {"en": "...", "ru": "..."}}``."""
    for key, versions in texts.items():
        if "en" not in versions:
            raise InvalidParameterError(f"text {key!r} needs an English version ('en').")
        _TEXTS[key] = dict(versions)


def tr(key: str, **values: Any) -> str:
    """The text ``key`` in the current language, with ``{placeholders}`` filled in.

    A key with no Russian version falls back to English; an unknown key is returned as is,
    so a label never disappears.
    """
    versions = _TEXTS.get(key)
    text = key if versions is None else versions.get(get_language()) or versions["en"]
    return text.format(**values) if values else text


def format_number(value: Any, digits: int = 0) -> str:
    """A number with thousands grouped as the language writes them.

    English ``7,200.5``; Russian ``7 200,5`` (no-break space, decimal comma). Missing
    values give "–".

    >>> format_number(1234567.891, digits=2)
    '1,234,567.89'
    """
    if isinstance(digits, bool) or not isinstance(digits, int) or not 0 <= digits <= 10:
        raise InvalidParameterError(
            f"digits={digits!r}: give the number of decimals as a whole number from 0 to 10."
        )
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        raise InvalidParameterError(
            f"format_number() formats a number, got {value!r}; convert it to a number first."
        ) from None
    if math.isnan(number):
        return "–"
    text = f"{number:,.{digits}f}"
    if get_language() == "ru":
        text = text.replace(",", NBSP).replace(".", ",")
    return text
