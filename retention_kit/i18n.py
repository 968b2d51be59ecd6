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
import numbers
import string
from typing import Any

import numpy as np

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


# ---- sentences printed by the notebooks' shared code ----------------------------------------

_MONTHS_RU = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
]
_MONTHS_RU_SHORT = [
    "янв",
    "фев",
    "мар",
    "апр",
    "май",
    "июн",
    "июл",
    "авг",
    "сен",
    "окт",
    "ноя",
    "дек",
]


def plural(count: Any, forms: str) -> str:
    """The form of a noun that follows ``count``: ``forms`` are separated by "|".

    Two forms are English (one | other); three are Russian (1, 21 клиент | 2–4, 22 клиента |
    5–20, 11–14, 25 клиентов). A fractional count takes the second Russian form ("2,5 клиента").

    Parameters
    ----------
    count : number
        The count the noun follows; a missing count (NaN) takes the last form.
    forms : str
        "one|other" (English) or "one|few|many" (Russian), e.g. "клиент|клиента|клиентов".

    Returns
    -------
    str
        One of the forms.

    Raises
    ------
    InvalidParameterError
        For other than two or three forms, or a count that is not a number.

    Examples
    --------
    >>> plural(1, "customer|customers"), plural(7200, "customer|customers")
    ('customer', 'customers')
    >>> plural(21, "клиент|клиента|клиентов"), plural(12, "клиент|клиента|клиентов")
    ('клиент', 'клиентов')
    """
    choices = forms.split("|")
    if len(choices) not in (2, 3):
        raise InvalidParameterError(
            f"plural forms {forms!r}: give two (English: 'order|orders') or three (Russian: "
            "'заказ|заказа|заказов') forms separated by '|'."
        )
    try:
        number = abs(float(count))
    except (TypeError, ValueError):
        raise InvalidParameterError(
            f"plural forms {forms!r} follow a count, got {count!r}; pass a number."
        ) from None
    if not math.isfinite(number):  # a missing count: "– клиентов", "– customers"
        return choices[-1]
    if len(choices) == 2:
        return choices[0] if number == 1 else choices[1]
    if number != int(number):
        return choices[1]
    n = int(number)
    if n % 10 == 1 and n % 100 != 11:
        return choices[0]
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return choices[1]
    return choices[2]


def _missing(value: Any) -> bool:
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, float) and math.isnan(value)


class _Formatter(string.Formatter):
    """``str.format`` with the numbers, dates, yes/no and plurals of the current language."""

    def format_field(self, value: Any, spec: str) -> str:
        russian = get_language() == "ru"
        if "|" in spec:  # {n:клиент|клиента|клиентов}: the word, not the number
            return plural(value, spec)
        if isinstance(value, (bool, np.bool_)):
            return ("да" if value else "нет") if russian else ("yes" if value else "no")
        if _missing(value):
            return "–"
        if isinstance(value, numbers.Number):
            if spec.endswith("pp"):  # percentage points: {d:+.1pp} -> "+12.0 points"
                number = format(float(value) * 100, spec[:-2] + "f")
                return _localise(number) + (f"{NBSP}п.п." if russian else " points")
            if not spec:  # a bare {n}: thousands grouped, as format_number does
                spec = "," if isinstance(value, numbers.Integral) else ",g"
            return _localise(format(value, spec))
        if spec and hasattr(value, "strftime"):
            if russian:
                month = value.month - 1
                spec = spec.replace("%B", _MONTHS_RU[month]).replace("%b", _MONTHS_RU_SHORT[month])
            return value.strftime(spec)
        return super().format_field(value, spec)


def _localise(number: str) -> str:
    """A number formatted the English way ("7,200.5", "96.0%"), written in the language."""
    if get_language() != "ru":
        return number
    number = number.replace(",", NBSP).replace(".", ",")
    return number[:-1] + NBSP + "%" if number.endswith("%") else number


_FORMATTER = _Formatter()


def text(template: str, /, *, ru: str | None = None, **values: Any) -> str:
    """A sentence in the current language, its ``{placeholders}`` filled in and localised.

    ``template`` is the English sentence (or a key registered with :func:`add_texts`), ``ru``
    the Russian one; both use the same placeholders. After ``rk.set_language("ru")`` the
    Russian sentence is used (English when ``ru`` is not given) and the values are written the
    Russian way:

    - numbers take Python's format spec and are then localised: ``{n:,}`` → "7,200" / "7 200",
      ``{x:.1%}`` → "96.0%" / "96,0 %", ``{x:.2f}`` → "0.33" / "0,33"; a bare ``{n}`` groups
      thousands; ``{d:+.1pp}`` writes a difference of fractions in percentage points
      ("+12.0 points" / "+12,0 п.п."); missing values (NaN, None) → "–";
    - ``{n:клиент|клиента|клиентов}`` is the noun form that follows the count ``n`` (three
      Russian forms, or two English ones: ``{n:customer|customers}``), see :func:`plural`;
    - dates take a strftime spec, month names in the language: ``{d:%B %Y}`` → "December 2024"
      / "декабрь 2024";
    - True / False → "yes" / "no", "да" / "нет".

    Parameters
    ----------
    template : str
        The English sentence with ``{name:spec}`` placeholders (``str.format`` syntax).
    ru : str, optional
        The Russian sentence, with the same placeholders.
    **values
        The value of each placeholder.

    Returns
    -------
    str
        The sentence in the language of :func:`set_language`.

    Raises
    ------
    InvalidParameterError
        When the sentence uses a placeholder that has no value.

    Examples
    --------
    >>> import retention_kit as rk
    >>> rk.text("{n} customers, CRR {x:.1%}", ru="{n} {n:клиент|клиента|клиентов}, CRR {x:.1%}",
    ...         n=7200, x=0.96)
    '7,200 customers, CRR 96.0%'
    >>> rk.set_language("ru")
    >>> rk.text("{n} customers, CRR {x:.1%}", ru="{n} {n:клиент|клиента|клиентов}, CRR {x:.1%}",
    ...         n=7200, x=0.96)
    '7\\xa0200 клиентов, CRR 96,0\\xa0%'
    >>> rk.set_language("en")
    """
    if get_language() == "ru" and ru is not None:
        chosen = ru
    elif ru is None and template in _TEXTS:
        chosen = tr(template)
    else:
        chosen = template
    try:
        return _FORMATTER.format(chosen, **values)
    except (KeyError, IndexError) as err:
        raise InvalidParameterError(
            f"the sentence {chosen!r} uses the placeholder {err}, which has no value; pass it "
            f"as a keyword, e.g. rk.say(..., {str(err).strip(chr(39))}=...)."
        ) from None


def say(template: str, /, *, ru: str | None = None, **values: Any) -> None:
    """Print a sentence in the current language: ``print(rk.text(template, ru=..., **values))``.

    The way a notebook's shared code cell talks to the student: the English and Russian
    editions run the same cell, and each prints its own language (see :func:`text` for the
    placeholders).

    Parameters
    ----------
    template : str
        The English sentence with ``{name:spec}`` placeholders.
    ru : str, optional
        The Russian sentence, with the same placeholders.
    **values
        The value of each placeholder.

    Examples
    --------
    >>> import retention_kit as rk
    >>> rk.say("{n} of {total} customers bought twice: {rate:.1%}",
    ...        ru="{n} из {total} {total:клиента|клиентов|клиентов} купили дважды: {rate:.1%}",
    ...        n=1189, total=3000, rate=1189 / 3000)
    1,189 of 3,000 customers bought twice: 39.6%
    """
    print(text(template, ru=ru, **values))


def _register_kit_messages() -> None:
    from ._messages import MESSAGES  # pure data: the Russian versions of the kit's messages

    add_texts({english: {"en": english, "ru": russian} for english, russian in MESSAGES.items()})


_register_kit_messages()
