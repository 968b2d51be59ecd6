"""The five source articles every figure in the notebooks comes from.

The articles are Russian marketing blog posts about customer retention, kept as web captures in
the project's shared seeds (ids 000-004). Notebooks cite them with :func:`cite`.
"""

from __future__ import annotations

from .i18n import add_texts, tr

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

# rk.set_language("ru"): the descriptions, the parts the notebooks cite, and cite()'s words
add_texts(
    {
        SOURCES["000"]: {
            "en": SOURCES["000"],
            "ru": "«Retention rate: что это за показатель и как его рассчитать» — сборник из "
            "частей OWOX, SendPulse и Travelpayouts (разобранные примеры, ориентиры, метрики "
            "рассылок, когорты, RFM)",
        },
        SOURCES["001"]: {
            "en": SOURCES["001"],
            "ru": "статья об удержании клиентов из блога сервиса коллтрекинга (HubSpot, "
            "удержание на 30-й день по Statista, ловушка 23:59 в понедельник, часто летающие "
            "пассажиры)",
        },
        SOURCES["002"]: {
            "en": SOURCES["002"],
            "ru": "«Удержание клиентов» — статья об удержании клиентов (целевой CRR 85-90 %)",
        },
        SOURCES["003"]: {
            "en": SOURCES["003"],
            "ru": "«Retention в маркетинге — это стратегия и методы удержания клиентов» "
            "(отток, LTV, процент повторных покупок, NPS)",
        },
        SOURCES["004"]: {"en": SOURCES["004"], "ru": SOURCES["004"]},
        "OWOX part": {"en": "OWOX part", "ru": "часть OWOX"},
        "SendPulse part": {"en": "SendPulse part", "ru": "часть SendPulse"},
        "Travelpayouts part": {"en": "Travelpayouts part", "ru": "часть Travelpayouts"},
        "Source: article {article}{where}, {what}": {
            "en": "Source: article {article}{where}, {what}",
            "ru": "Источник: статья {article}{where}, {what}",
        },
    }
)


def cite(article: str, part: str | None = None) -> str:
    """A short citation for a source article, e.g. ``cite("000", "OWOX part")``.

    In the language of ``rk.set_language`` (the article's own title stays as published).

    >>> cite("004")
    'Source: article 004, «Что такое CRR и как его повысить?» — Magnetto.pro'
    """
    key = str(article).zfill(3)
    if key not in SOURCES:
        from .errors import InvalidParameterError

        raise InvalidParameterError(
            f"article={article!r} is not one of the sources; use one of {sorted(SOURCES)}."
        )
    where = f", {tr(part)}" if part else ""
    return tr(
        "Source: article {article}{where}, {what}", article=key, where=where, what=tr(SOURCES[key])
    )
