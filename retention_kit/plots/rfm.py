"""RFM segments on screen: how many customers each holds against how much of the money it brings
(a chart), and the segment table with every action in full (a styled table).

After ``rk.set_language("ru")`` the segment names, actions and action sources of the presets are
shown in Russian (``segment_ru``, ``action_ru``, ``description_ru`` of
``retention_kit/data/rfm_segments.csv``). The tables keep the English names: they are the keys
that code compares (``rfm["segment"] == "Champions"``) in both editions of the course.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from ..core.columns import require_columns
from ..core.tables import SEGMENTS_CSV
from ..errors import EmptyDataError, InvalidParameterError
from ..i18n import add_texts, format_number, get_language, tr
from ._style import PALETTE, label, new_axes, percent_axis, style

if TYPE_CHECKING:  # pandas' Styler module costs 0.08 s to import; the report never needs it
    from pandas.io.formats.style import Styler

__all__ = ["rfm_segment_chart", "rfm_segment_table", "rfm_label"]

add_texts(
    {
        en: {"en": en, "ru": ru}
        for en, ru in {
            "share of customers": "доля клиентов",
            "share of money": "доля суммы покупок",
            "currency units": "денежные единицы",
            # what notebook 07 passes as currency= (one code cell for both editions)
            "currency units of the sample": "денежные единицы выборки",
            "RFM segments: customers and money (money in {currency})": "RFM-сегменты: клиенты и "
            "сумма покупок ({currency})",
            "share of all customers / of all money, %": "доля всех клиентов / всей суммы "
            "покупок, %",
        }.items()
    }
)


# where an action comes from (the ``action_source`` values of the presets and of own rules)
_SOURCES_RU = {
    "article 000": "статья 000",
    "article 000 + kit": "статья 000 + библиотека",
    "kit suggestion": "совет библиотеки",
    "your rule": "ваше правило",
}


def _russian_texts() -> dict[str, str]:
    """English -> Russian for the presets' segment names, descriptions and actions."""
    presets = pd.read_csv(SEGMENTS_CSV, dtype=str, keep_default_na=False)
    russian = dict(_SOURCES_RU)
    for column in ("segment", "description", "action"):
        russian.update(zip(presets[column], presets[f"{column}_ru"], strict=True))
    return russian


_RU = _russian_texts()


def rfm_label(text: Any) -> str:
    """A segment name, action, description or action source as shown in the current language.

    In Russian mode the presets' texts come from ``rfm_segments.csv``; anything else (your own
    segment names and actions) is shown as it is.

    >>> from retention_kit import set_language
    >>> set_language("ru")
    >>> rfm_label("At risk"), rfm_label("article 000"), rfm_label("VIP")
    ('Под угрозой ухода', 'статья 000', 'VIP')
    >>> set_language("en")
    >>> rfm_label("At risk")
    'At risk'
    """
    text = str(text)
    return _RU.get(text, text) if get_language() == "ru" else text


def customers_label(count: float) -> str:
    """ "1,234 customers"; in Russian "1 234 клиента" with the word agreeing with the number."""
    n = int(round(abs(count)))
    if get_language() != "ru":
        return f"{format_number(count)} customers"
    if n % 10 == 1 and n % 100 != 11:
        word = "клиент"
    elif 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        word = "клиента"
    else:
        word = "клиентов"
    return f"{format_number(count)} {word}"


def _segment_summary(table: pd.DataFrame) -> pd.DataFrame:
    """The per-segment table: an :func:`rfm_segments` table as is, or one made from an
    :func:`rfm_table` (one row per customer)."""
    if not isinstance(table, pd.DataFrame):
        raise InvalidParameterError(
            "rfm_segment_chart takes rk.rfm_segments(...) or rk.rfm_table(...), not "
            f"{type(table).__name__}."
        )
    if "customers" in table.columns:
        require_columns(table, ["segment", "customers", "monetary_total"])
        return table
    from ..rfm import rfm_segments

    return rfm_segments(table)


def rfm_segment_chart(
    segments: pd.DataFrame,
    ax: Axes | None = None,
    *,
    highlight: str | None = None,
    currency: str = "currency units",
    title: str | None = None,
) -> Axes:
    """Per RFM segment, two bars: its share of the customers and its share of the money.

    share of customers = customers / all customers; share of money = monetary_total / sum of
    monetary_total (with ``monetary="total"`` in :func:`retention_kit.rfm_table`: the revenue).
    Each pair is labelled with the customer count and the money total.

    Parameters: ``segments`` from :func:`retention_kit.rfm_segments` (or the per-customer
    :func:`retention_kit.rfm_table`, summarised first); ``ax`` to draw on (else a new figure);
    ``highlight`` a segment to outline (the others are drawn lighter); ``currency`` for the
    labels; ``title``. Segments are drawn in the table's order (most valuable first, on top).
    Returns the Axes; the table is not modified. Texts follow ``rk.set_language``.

    >>> rfm = pd.DataFrame({"segment": ["Lost", "Champions", "Lost"], "recency": [90, 1, 60],
    ...                     "frequency": [1, 9, 2], "monetary": [10.0, 500.0, 30.0]})
    >>> rfm_segment_chart(rfm).get_xlabel()
    'share of all customers / of all money, %'
    """
    table = _segment_summary(segments)
    if len(table) == 0:
        raise EmptyDataError("the segment table has no rows: nothing to draw.")
    names = table["segment"].astype(str).tolist()
    if highlight is not None and highlight not in names:
        raise InvalidParameterError(
            f"highlight={highlight!r} is not a segment of the table; use one of {names}."
        )
    customers = table["customers"].to_numpy(dtype="float64")
    money = table["monetary_total"].to_numpy(dtype="float64")
    cust_share = customers / customers.sum()
    money_total = money.sum()
    money_share = money / money_total if money_total else np.zeros_like(money)

    y = np.arange(len(names))[::-1]  # first (most valuable) segment on top
    h = 0.38
    fig, ax = new_axes(ax, figsize=(10, max(4.5, 0.62 * len(names) + 1.8)))
    with style():
        alpha = np.where([highlight is None or n == highlight for n in names], 1.0, 0.35).tolist()
        edge = ["black" if n == highlight else "none" for n in names]
        ax.barh(
            y + h / 2,
            cust_share,
            height=h,
            color=PALETTE["blue"],
            label=tr("share of customers"),
            zorder=2,
        )
        ax.barh(
            y - h / 2,
            money_share,
            height=h,
            color=PALETTE["orange"],
            label=tr("share of money"),
            zorder=2,
        )
        for patch, a, e in zip(ax.patches, alpha * 2, edge * 2, strict=True):
            patch.set_alpha(a)
            patch.set_edgecolor(e)
            patch.set_linewidth(1.5 if e != "none" else 0)
        for yi, c, cs, m, ms in zip(y, customers, cust_share, money, money_share, strict=True):
            ax.text(cs + 0.005, yi + h / 2, customers_label(c), va="center", fontsize=10)
            ax.text(ms + 0.005, yi - h / 2, format_number(m), va="center", fontsize=10)
        ax.set_yticks(y, [rfm_label(n) for n in names])
        ax.grid(axis="y", visible=False)
        top = float(max(cust_share.max(), money_share.max()))
        ax.set_xlim(0, min(1.0, top * 1.3 + 0.05))
        percent_axis(ax, axis="x")
        label(
            ax,
            title
            or tr("RFM segments: customers and money (money in {currency})", currency=tr(currency)),
            tr("share of all customers / of all money, %"),
            "",
        )
        handles = [
            Patch(facecolor=PALETTE["blue"], label=tr("share of customers")),
            Patch(facecolor=PALETTE["orange"], label=tr("share of money")),
        ]
        ax.legend(handles=handles, loc="lower right", framealpha=0.95)
    return ax


_TEXT_COLUMNS = ("segment", "action", "action_source")


def _segment_cell(name: Any) -> str:
    shown = rfm_label(name)
    return shown if shown == str(name) else f"{shown} ({name})"


def rfm_segment_table(segments: pd.DataFrame, *, digits: int = 1) -> Styler:
    """The per-segment table for reading: every action in full, wrapped, never cut.

    A notebook shows a long text cell cut to 50 characters ("produ..."); this table shows the
    whole action, wrapped in its column and left-aligned, ``share`` as a percent, money and
    means with thousands separators. ``segments`` as for :func:`rfm_segment_chart`. Returns a
    pandas ``Styler`` (displayed by Jupyter; ``.to_html()`` for a page); the table is not
    modified. In Russian mode the segment is shown as "Чемпионы (Champions)" (the English name
    is what code compares), the headers as "доля клиентов (share)", the action and its source
    in Russian, numbers the Russian way.

    >>> rfm = pd.DataFrame({"segment": ["Lost", "Champions"], "recency": [90, 1],
    ...                     "frequency": [1, 9], "monetary": [10.0, 500.0]})
    >>> "loyalty programme and special offers" in rfm_segment_table(rfm).to_html()
    True
    """
    from ..formatting import percent

    table = _segment_summary(segments)
    formats: dict[str, Any] = {}
    for column in table.columns:
        if column == "share":
            formats[column] = lambda v: percent(v, digits=digits)
        elif column == "segment":
            formats[column] = _segment_cell
        elif column in _TEXT_COLUMNS:
            formats[column] = rfm_label
        elif pd.api.types.is_numeric_dtype(table[column]):
            places = 0 if column in ("customers", "monetary_total") else 1
            formats[column] = lambda v, places=places: format_number(v, digits=places)
    styler = table.style.hide(axis="index").format(formats, na_rep="–")
    wrap = {"white-space": "normal", "text-align": "left", "min-width": "14em", "max-width": "30em"}
    text = [c for c in _TEXT_COLUMNS if c in table.columns]
    styler = styler.set_properties(subset=text, **{"text-align": "left"})
    if "action" in table.columns:
        styler = styler.set_properties(subset=["action"], **wrap)
    if get_language() == "ru":  # «доля клиентов (share)»: the English name is what code selects
        headers = [f"{tr(c)} ({c})" if tr(c) != c else c for c in table.columns]
        styler = styler.relabel_index(headers, axis="columns")
    return styler
