"""The five source articles every figure in the notebooks comes from.

The articles are Russian marketing blog posts about customer retention, kept as web captures in
the project's shared seeds (ids 000-004). Notebooks cite them with :func:`cite`.
"""

from __future__ import annotations

SOURCES: dict[str, str] = {
    "000": (
        "«Retention rate: что это за показатель и как его рассчитать» — a compilation with "
        "OWOX, SendPulse and Travelpayouts parts (worked examples, benchmarks, email metrics, "
        "cohorts, RFM)"
    ),
    "001": (
        "Customer retention article from a call-tracking service's blog (HubSpot, Statista "
        "day-30 retention, the Monday 23:59 pitfall, frequent flyers)"
    ),
    "002": "«Удержание клиентов» — customer retention article (target CRR 85-90 %)",
    "003": (
        "«Retention в маркетинге — это стратегия и методы удержания клиентов» (churn, LTV, "
        "repeat purchase rate, NPS)"
    ),
    "004": "«Что такое CRR и как его повысить?» — Magnetto.pro",
}


def cite(article: str, part: str | None = None) -> str:
    """A short citation for a source article, e.g. ``cite("000", "OWOX part")``.

    >>> cite("004")
    'Source: article 004, «Что такое CRR и как его повысить?» — Magnetto.pro'
    """
    key = str(article).zfill(3)
    if key not in SOURCES:
        from .errors import InvalidParameterError

        raise InvalidParameterError(
            f"article={article!r} is not one of the sources; use one of {sorted(SOURCES)}."
        )
    where = f", {part}" if part else ""
    return f"Source: article {key}{where}, {SOURCES[key]}"
