"""An HTML report on your own data, rendered in-process from the kit's own functions.

    retention-kit report sales.csv --customer CustomerID --time InvoiceDate --amount Revenue \
        --out report.html

Each section calls the public analysis of the course (the same ones notebook 09 walks through)
and puts its table and chart into one HTML file: charts are embedded SVG images (in an ``<img>``,
where no script runs), the style is inline, nothing is loaded from the web, so the file opens
offline and can be mailed. Everything that comes from the user (file name, column names,
values, settings) is escaped by the template engine (Jinja2 with autoescaping) or by pandas'
``to_html``; only the kit's own fixed prose is inserted as markup.

Before any work, the settings and the output path are checked: the output may not be the input
file, an existing file is only replaced with ``force=True``, and its folder must exist and be
writable.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as _dt
import functools
import gc
import io
import numbers
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .core.engines import ENGINES
from .core.periods import (
    check_active_days,
    describe_partial,
    end_of_observation,
    normalize_freq,
)
from .errors import (
    DataQualityWarning,
    DataValidationError,
    InvalidParameterError,
    RetentionKitError,
)

TEMPLATE = Path(__file__).with_name("templates") / "report.html"

#: the engines the report can run its analyses on (the kit's one list)
REPORT_BACKENDS = ENGINES

DAY_N_DAYS = (1, 7, 14, 30, 60, 90)


@dataclass
class Section:
    """One section of the report: a title and blocks (text, note, table, figure, ...)."""

    title: str
    blocks: list[dict[str, Any]] = field(default_factory=list)

    def text(self, value: str) -> None:
        self.blocks.append({"kind": "text", "value": value})

    def prose(self, markup: str) -> None:
        """The kit's own fixed prose with markup; never pass user data here."""
        self.blocks.append({"kind": "html", "value": markup})

    def note(self, value: str) -> None:
        self.blocks.append({"kind": "note", "value": value})

    def lines(self, values: list[str]) -> None:
        self.blocks.append({"kind": "lines", "value": values})

    def table(self, frame: pd.DataFrame, *, index: bool = False) -> None:
        html = frame.to_html(index=index, escape=True, border=0, na_rep="–")
        self.blocks.append({"kind": "table", "value": html})

    def figure(self, ax: Any, alt: str) -> None:
        data = base64.b64encode(_svg(ax.figure)).decode("ascii")
        self.blocks.append({"kind": "figure", "value": data, "alt": alt})


#: how the report draws its charts: text as SVG text in the page's fonts (glyphs as paths take
#: 35 % longer and double the size), ids stable so that the same data gives the same file. The
#: text is laid out with matplotlib's DejaVu Sans; where a reader lacks it, the fallbacks are
#: narrower (Arial, Helvetica), so a label never outgrows the room measured for it.
_SVG_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "retention-kit",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica", "Liberation Sans", "sans-serif"],
}


#: the room around a chart's outermost text, as a fraction of the font size (3.6 pt at 12 pt,
#: about constrained layout's 3 pt)
_LAYOUT_PAD = 0.3


def _svg(fig: Any) -> bytes:
    """The figure as an SVG document (then closed): one layout pass and one drawing pass.

    ``savefig`` to PNG draws every figure twice (a dry run for the layout, then the image) and
    rasterises each glyph; an SVG canvas draws once and writes text as text, which made the
    charts about 40 % cheaper and the file smaller, sharp at any zoom. The report's figures are
    made without a layout engine (:func:`~retention_kit.plots._style.layout`) and laid out here
    by ``tight_layout``: one measuring pass, where constrained layout measures every text twice
    (a third of the charts' time), with the renderer that then draws them, so each text is
    measured once. Labels written inside an axes in data coordinates (the heatmap's cell
    values) are left out of the layout: they cannot change the margins.
    """
    import matplotlib as mpl
    import matplotlib.pyplot as plt

    for axes in fig.axes:
        x0, x1 = sorted(axes.get_xlim())
        y0, y1 = sorted(axes.get_ylim())
        for text in axes.texts:
            x, y = text.get_position()
            numeric = isinstance(x, numbers.Real) and isinstance(y, numbers.Real)
            in_data = numeric and text.get_transform() is axes.transData
            if in_data and x0 <= x <= x1 and y0 <= y <= y1:
                text.set_in_layout(False)
    canvas = _canvas_class()(fig)
    buffer = io.StringIO()
    with mpl.rc_context(_SVG_RC):
        canvas.print_svg(buffer, metadata={"Date": None, "Creator": "retention-kit"})
    plt.close(fig)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :].encode("utf-8")  # no XML prolog nor DTD reference


_HEIGHT_TABLES = (
    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
    ("hhea", "lineGap", "ascent", "descent"),
)


def _font_height_metrics(fig: Any) -> Callable[[Any], tuple]:
    """The ascent, descent and line gap of a font at the figure's dpi, computed once per font.

    Matplotlib lays out every text with these, read from the font's tables on each call (a
    tenth of the charts' time); renderers may supply them (``_get_font_height_metrics``, as
    its PDF and PostScript renderers do). Same tables, same arithmetic, so the same layout.
    """
    from matplotlib.font_manager import fontManager, get_font

    known: dict[tuple, tuple] = {}

    def metrics(prop: Any) -> tuple:
        key = (hash(prop), prop.get_size_in_points(), fig.dpi)
        if key not in known:
            font = get_font(fontManager._find_fonts_by_props(prop))
            known[key] = (None, None, None)
            for name, gap, ascent, descent in _HEIGHT_TABLES:
                table = font.get_sfnt_table(name)
                if table is None:
                    continue
                units_per_em = font.get_sfnt_table("head")["unitsPerEm"]
                scale = 1 / units_per_em * prop.get_size_in_points() * fig.dpi / 72
                known[key] = (table[ascent] * scale, -table[descent] * scale, table[gap] * scale)
                break
        return known[key]

    return metrics


@functools.cache
def _canvas_class() -> type:
    """An SVG canvas that lays a figure without a layout engine out just before drawing it, with
    the drawing's own renderer (whose text measurements the drawing then reuses)."""
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    class _LaidOutSVG(FigureCanvasSVG):
        _renderer = None

        def get_renderer(self) -> Any:
            return self._renderer

        def print_svg(self, *args: Any, **kwargs: Any) -> None:
            fig = self.figure
            draw = fig.draw

            def lay_out_and_draw(renderer: Any) -> None:
                self._renderer = renderer
                renderer._get_font_height_metrics = _font_height_metrics(fig)
                if fig.get_layout_engine() is None:
                    with warnings.catch_warnings():
                        # "not applied": a chart too small for its labels keeps its margins
                        warnings.simplefilter("ignore", UserWarning)
                        fig.tight_layout(pad=_LAYOUT_PAD)
                draw(renderer)

            fig.draw = lay_out_and_draw
            try:
                super().print_svg(*args, **kwargs)
            finally:
                del fig.draw
                self._renderer = None

    return _LaidOutSVG


def _progress(message: str) -> None:
    print(f"report: {message}", file=sys.stderr, flush=True)


def check_output(out: str | Path, *, source: Any = None, force: bool = False) -> Path:
    """The resolved output path, or the kit's error when writing there would be wrong.

    Refuses the input file itself, an existing file unless ``force``, a folder, and a folder
    that does not exist or cannot be written: all before any analysis runs.
    """
    path = Path(out).expanduser().resolve()
    if isinstance(source, (str, Path)) and Path(source).expanduser().resolve() == path:
        raise InvalidParameterError(
            f"--out {str(out)!r} is the input file itself; writing the report there would "
            "destroy your data. Give another name, e.g. --out report.html."
        )
    if path.is_dir():
        raise InvalidParameterError(
            f"--out {str(out)!r} is a folder; give a file name, e.g. --out {path / 'report.html'}."
        )
    if path.exists() and not force:
        raise InvalidParameterError(
            f"--out {str(out)!r} already exists; pass --force to replace it, or choose another "
            "name."
        )
    if not path.parent.is_dir():
        raise InvalidParameterError(
            f"the folder of --out, {str(path.parent)!r}, does not exist; create it first or "
            "choose another path."
        )
    if not os.access(path.parent, os.W_OK):
        raise InvalidParameterError(
            f"the folder {str(path.parent)!r} is not writable; choose another path for --out."
        )
    return path


def _header_columns(source: Path, read: dict[str, Any]) -> list[str] | None:
    """The column names of a CSV or Parquet file, read from its header only (None: unknown);
    a CSV as the loader reads it (encoding, separator detected, or ``read`` = sep/encoding)."""
    import retention_kit as rk

    suffix = source.suffix.lower()
    try:
        if source.is_file() and suffix in (".csv", ".tsv", ".txt"):
            return [str(c) for c in rk.read_table(source, nrows=0, **read).columns]
        if source.is_file() and suffix in (".parquet", ".pq"):
            import pyarrow.parquet as pq

            return [str(c) for c in pq.read_schema(source).names]
    except RetentionKitError:
        raise
    except Exception as err:  # an unreadable file: say so, without a traceback
        raise DataValidationError(
            f"path={str(source)!r} could not be read as a {suffix[1:].upper()} file: {err}"
        ) from None
    return None


def _check_settings(
    data: Any,
    columns: dict[str, str | None],
    freq: str,
    active_days: Any,
    backend: str,
    read: dict[str, Any] | None = None,
) -> None:
    from .core.columns import require_columns

    normalize_freq(freq)
    check_active_days(active_days)
    if backend not in REPORT_BACKENDS:
        raise InvalidParameterError(
            f"backend={backend!r}: use one of {', '.join(REPORT_BACKENDS)} (pandas is the default)."
        )
    if isinstance(data, (str, Path)):
        source = Path(data).expanduser()
        if not source.exists():
            raise DataValidationError(
                f"path={str(data)!r} does not exist; give a CSV or Parquet file."
            )
        header = _header_columns(source, read or {})
        if header is not None:
            named = {arg: column for arg, column in columns.items() if column}
            require_columns(pd.DataFrame(columns=header), named)


def _short_log_hint(
    first: pd.Timestamp, last: pd.Timestamp, complete: pd.Series, active_days: float, freq: str
) -> str:
    """Why no period has a CRR to summarise, and a window (and period) that would give one.

    A period counts once its start is a whole window after the first event (before that nobody
    can have lapsed yet) and it has ended by the last event (``complete`` holds those starts).
    The suggestion is a third of the log's span, kept below the room the last complete period
    leaves: a guess from the log's length, to be checked against how often customers buy.
    """
    span = (last - first) / pd.Timedelta(days=1)
    room = (complete.max() - first) / pd.Timedelta(days=1) if len(complete) else 0.0
    head = (
        f"The log covers {span:.0f} days ({first.date()} to {last.date()}) and the activity "
        f"window is {active_days:g} days: nobody can lapse before a whole window has passed, "
        "so every CRR inside the warm-up is 100 % and no complete period is left to summarise."
    )
    if room >= 2:
        days = max(1, int(min(room - 1, span / 3)))
        return (
            f"{head} Try active_days={days} (about a third of the log's span), or a window "
            "that matches how often your customers normally buy."
        )
    shorter = {"Y": "Q", "A": "Y", "Q": "M", "M": "W", "W": "D"}.get(str(freq)[:1].upper(), "D")
    return (
        f"{head} With freq={freq!r} the log holds no complete period after its first one: use "
        f"a shorter period, e.g. freq={shorter!r}, and a window of about a third of the span, "
        f"active_days={max(1, int(span / 3))}."
    )


def _source_name(data: Any) -> str:
    if isinstance(data, (str, Path)):
        return Path(data).name
    if isinstance(data, pd.DataFrame):
        return "a pandas DataFrame"
    return "a table on an engine"


def _fmt_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


#: rcParams while the report builds its charts. A title at a fixed height instead of one placed
#: above any top-side tick labels: the report's charts have none, so the drawing is the same
#: (tests/test_report.py compares the SVG text), without measuring every x tick label once more
#: per layout pass and draw (about 8 % of the charts' time).
_BUILD_RC = {"axes.titley": 1.0}


#: what the report draws with, imported before the objects that exist are frozen (below)
_CHART_MODULES = (
    "matplotlib.pyplot",
    "matplotlib.backends.backend_svg",
    "jinja2",
    "retention_kit.plots.periods",
    "retention_kit.plots.cohorts",
    "retention_kit.plots.day_n",
    "retention_kit.plots.rfm",
    "retention_kit.plots.lifecycle",
    "retention_kit.plots.benchmarks",
)


@contextlib.contextmanager
def _fast_rendering() -> Iterator[None]:
    """Build the report's charts under :data:`_BUILD_RC`, without a layout engine (each is laid
    out once by :func:`_svg`), with the objects that exist beforehand frozen out of the garbage
    collector.

    A report creates many short-lived chart objects; each collection of the older generations
    then walks every object of pandas and matplotlib too (0.1-0.3 s per report on the 10k-row
    sample). The modules the charts need are imported first, then everything that exists is
    frozen (``gc.freeze``), so the collector sees only the report's own objects; they are
    unfrozen at the end and can be collected as before. When someone else has already frozen
    objects (a server preloading modules, say), the freezing is left alone.
    """
    import importlib

    import matplotlib as mpl

    collecting = gc.isenabled()
    gc.disable()  # importing makes objects that live on: collecting them meanwhile is wasted
    try:
        for module in _CHART_MODULES:
            importlib.import_module(module)
    finally:
        if collecting:
            gc.enable()
    from .plots import layout

    frozen = not gc.get_freeze_count()
    if frozen:
        gc.freeze()
    try:
        with mpl.rc_context(_BUILD_RC), layout(None):
            yield
    finally:
        if frozen:
            gc.unfreeze()


def build_report(
    data: Any,
    *,
    customer: str,
    time: str,
    amount: str | None = None,
    order: str | None = None,
    out: str | Path = "report.html",
    freq: str = "M",
    active_days: float = 90,
    tz: str | None = None,
    backend: str = "pandas",
    force: bool = False,
    table: str | None = None,
    progress: Callable[[str], None] | None = _progress,
    quantity: str | None = None,
    price: str | None = None,
    returns: str = "drop",
    sep: str | None = None,
    decimal: str | None = None,
    encoding: str | None = None,
    dayfirst: bool | None = None,
    date_format: str | None = None,
    observed_until: Any = None,
) -> Path:
    """Write a self-contained HTML retention report on ``data`` to ``out``.

    Parameters
    ----------
    data : path, DataFrame
        The transaction log: a CSV / Parquet file (or folder of Parquet files) or a DataFrame.
    customer, time : str
        Names of the customer id and timestamp columns.
    amount, order : str, optional
        The money and order-id columns; the RFM and revenue sections need ``amount``.
    out : str or Path, default "report.html"
        Where to write; never the input file, never an existing file unless ``force``.
    freq : {"D", "W", "M", "Q", "Y"}, default "M"
        The period of the period table, cohorts and revenue sections.
    active_days : float, default 90
        The activity window of the period table.
    tz : str, optional
        Time zone for calendar days.
    backend : {"pandas", "duckdb", "spark"}, default "pandas"
        The engine of the heavy analyses (results are identical).
    force : bool, default False
        Replace ``out`` if it exists.
    table : str, optional
        With a database URL as ``data`` (``postgresql://user@host:5432/db``,
        ``duckdb:///file.duckdb``; the password best in ``PGPASSWORD``): the table (or
        ``schema.table``) to report on. Only the named columns are read; the title shows the URL
        with its password masked, and the password reaches no message and no HTML.
    progress : callable, optional
        Called with a line per section (default: printed to stderr); None for silence.
    quantity, price : str, optional
        Units and unit price columns: the amount is quantity x price (column ``amount`` unless
        ``amount`` names the new column); a negative quantity marks a return.
    returns : {"drop", "net"}, default "drop"
        Returns and cancellations (negative amount or quantity) are never purchases; "drop"
        leaves them out (amounts gross), "net" subtracts them from the customer's revenue. See
        :func:`~retention_kit.loading.load_transactions`.
    sep, decimal, encoding, dayfirst, date_format : optional
        How to read the file and its dates (default: detected); see
        :func:`~retention_kit.loading.load_transactions`.
    observed_until : date, optional
        When observation ends (default: the last event), e.g. "2025-01-01" for an export taken
        at midnight after a whole year: a period is complete when it ended by then. Never
        before the last event.

    Returns
    -------
    Path
        The HTML file written.

    Raises
    ------
    MissingColumnError, DataValidationError, InvalidParameterError
        For a missing column or file, bad settings or an output path that would destroy data,
        all before any analysis runs.
    """
    say = progress or (lambda _message: None)
    read = {"sep": sep, "encoding": encoding}
    read = {k: v for k, v in read.items() if v is not None}
    columns = {
        "customer": customer,
        "time": time,
        "amount": None if price else amount,
        "order": order,
        "quantity": quantity,
        "price": price,
    }
    name = _source_name(data)
    if table is not None:
        data, name = _read_database_table(str(data), table, columns, say)
    _check_settings(data, columns, freq, active_days, backend, read)
    path = check_output(out, source=data, force=force)
    with _fast_rendering():
        import jinja2

        import retention_kit as rk

        active_days = float(active_days)
        engine = {} if backend == "pandas" else {"backend": backend}
        sections: list[Section] = []

        say("loading and validating")
        s = Section("1. Loading and validation")
        s.prose(
            "Before any number, the log is checked. Rows <b>without a customer id</b> cannot be "
            "attributed to anybody: they are dropped and counted below. Returns and "
            "cancellations (a negative amount or quantity) are never purchases: they are netted "
            "against the customer's revenue or dropped, and counted; exact duplicate rows are "
            "kept and reported."
        )
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            raw = rk.read_table(data, decimal=decimal, text_columns=(customer, order), **read)
            log = rk.load_transactions(
                raw,
                customer=customer,
                time=time,
                amount=amount,
                quantity=quantity,
                price=price,
                order=order,
                drop_missing_customers=True,
                returns=returns,
                duplicates="warn",
                tz=None,
                dayfirst=dayfirst,
                date_format=date_format,
            )
        if price is not None:
            amount = amount or "amount"  # the column load_transactions added: quantity x price
        missing = int(raw[customer].isna().sum())
        first, last = log[time].min(), log[time].max()
        # when observation ends: the last event unless the user says (an export taken at midnight)
        until = end_of_observation(last, observed_until, getattr(log[time].dt, "tz", None))
        partial = describe_partial(until, freq)
        lines = [
            f"Rows read: {len(raw):,}. Rows kept: {len(log):,}. "
            f"Rows dropped: {len(raw) - len(log):,}.",
            f"Rows without a customer id (column {customer!r}), dropped: {missing:,}.",
            *dict.fromkeys(f"Data-quality note: {w.message}" for w in caught),
        ]
        if amount is None and quantity is None:
            lines.append(
                "No amount column was given: returns cannot be told apart from purchases, so every "
                "row counts as a purchase."
            )
        s.lines(lines)
        if partial is not None:
            s.note(
                f"Observation ends on {until.date()}, inside its last period ({partial}). That "
                "period's numbers are not final: the tables mark it complete = False, the charts "
                "hatch or circle it, and it is left out of the medians below."
            )
        sections.append(s)

        say("overview")
        s = Section("2. Overview")
        overview = {
            "rows (after validation)": f"{len(log):,}",
            "customers": f"{log[customer].nunique():,}",
            "first event": str(first),
            "last event": str(last),
            "days covered": f"{(last - first).days + 1:,}",
        }
        if order:
            overview["orders"] = f"{log[order].nunique():,}"
        if amount:
            kind = "net of returns" if returns == "net" else "returns dropped"
            overview[f"total amount ({kind})"] = _fmt_number(float(log[amount].sum()))
        s.table(pd.DataFrame({"measure": list(overview), "value": list(overview.values())}))
        sections.append(s)

        say("period table")
        s = Section("3. Customers per period and the retention rate (CRR)")
        s.prose(
            "A customer counts as <b>active</b> at an instant when they bought during the "
            "<b>activity window</b> before it. For every period: <b>start (S)</b> = active at its "
            "first instant, <b>end (E)</b> = active at the next period's first instant, <b>new "
            "(N)</b> = active at the end but not at the start (first-time or reactivated), "
            "<b>lost (L)</b> = active at the start but not at the end, so E = S + N − L; "
            "<b>CRR</b> = (E − N) / S and <b>churn</b> = L / S (Source: article 000). "
            "<code>crr_low</code> and <code>crr_high</code> are the 95 % Wilson interval. During "
            "the first activity window after the data begins nobody can be lost yet, so those "
            "periods (the warm-up) are left out of the median."
        )
        periods = rk.period_table(
            log,
            customer=customer,
            time=time,
            freq=freq,
            active_days=active_days,
            observed_until=until,
            **engine,
        )
        warm_up_end = first + pd.Timedelta(days=active_days)
        steady = periods[(periods["period"] >= warm_up_end) & periods["complete"]]
        median_crr = float(steady["crr"].median()) if len(steady) else float("nan")
        shown = periods.copy()
        for col in ("crr", "churn", "crr_low", "crr_high"):
            shown[col] = rk.percent(shown[col])
        shown["period"] = shown["period"].dt.strftime("%Y-%m-%d")
        s.table(shown)
        s.figure(rk.plots.period_table_chart(periods, show_churn=True), "CRR and churn per period")
        if pd.isna(median_crr):
            done = periods["period"][periods["complete"].to_numpy(dtype=bool)]
            hint = _short_log_hint(first, last, done, active_days, freq)
            warnings.warn(hint, DataQualityWarning, stacklevel=2)
            s.note(hint)
        else:
            s.text(
                f"Median CRR over the {len(steady)} complete periods after the warm-up: "
                f"{rk.percent(median_crr)} (period {freq!r}, activity window {active_days:g} days)."
            )
        sections.append(s)

        say("cohorts")
        s = Section("4. Cohorts")
        s.prose(
            "A <b>cohort</b> (когорта) is the group of customers whose first purchase fell in the "
            "same period; <b>rate</b> = the share of the cohort that bought again at each "
            "<b>age</b> (whole periods since that first period). A row of the heatmap is one "
            "cohort's life, a column compares cohorts at the same age."
        )
        cohort_freq = "W" if normalize_freq(freq) == "D" else freq
        cohorts = rk.cohort_table(
            log, customer=customer, time=time, freq=cohort_freq, observed_until=until, **engine
        )
        s.figure(rk.plots.cohort_heatmap(cohorts, values="rate", max_age=12), "cohort heatmap")
        s.figure(
            rk.plots.retention_curves(cohorts, max_age=12, highlight="auto"), "retention curves"
        )
        sections.append(s)

        say("day-N retention")
        s = Section("5. Day-N retention in 24-hour windows")
        s.prose(
            "<b>Day-N retention</b> = the share of customers who came back on day N after their "
            "first event, counted in 24-hour windows from each customer's own first event, only "
            "over customers whose whole day N the data covers (<code>users</code>). By calendar "
            "dates a customer arriving late in the evening would count as retained on day 1 too "
            "soon (the pitfall article 001 describes)."
        )
        day_n = None
        if bool((log[time] != log[time].dt.normalize()).any()):
            day_n = _day_n(rk, log, customer, time, tz, engine, until)
            t = day_n.copy()
            for col in ("rate", "rate_low", "rate_high"):
                t[col] = rk.percent(t[col])
            s.table(t)
            s.figure(rk.plots.day_n_chart(day_n), "day-N retention")
        else:
            s.note(
                "Every time in the data is at midnight (dates without a time of day), so day-N "
                "retention in 24-hour windows cannot be measured: this section is skipped."
            )
        sections.append(s)

        say("RFM segments")
        s = Section("6. RFM segments")
        s.prose(
            "<b>RFM</b> groups customers by the <b>recency</b> of their last purchase, the "
            "<b>frequency</b> of their purchases and the <b>monetary</b> value of their orders, "
            "then acts per group (Source: article 000); <code>action_source</code> says whether "
            "the action is the article's or the kit's suggestion."
        )
        segments = None
        if amount:
            rfm = rk.rfm_table(
                log, customer=customer, time=time, amount=amount, order=order, **engine
            )
            segments = rk.rfm_segments(rfm)
            s.table(segments.round(2))
            s.figure(rk.plots.rfm_segment_chart(segments), "RFM segments")
        else:
            s.note(
                "No amount column was given: RFM needs the money of each order, so this section is "
                "skipped. Give --amount (a column with the money of each row) to add it."
            )
        sections.append(s)

        say("repeat purchases")
        s = Section("7. Repeat purchase rate")
        s.prose(
            "The <b>repeat purchase rate</b> = customers with repeat purchases / all customers "
            "(Source: article 003): customers with at least two orders (distinct order ids when an "
            "order column is given, else distinct order times)."
        )
        repeat = rk.repeat_purchases(log, customer=customer, time=time, order=order)
        repeat_rate = float(repeat["rate"].iloc[0])
        s.text(
            f"{int(repeat['repeat_customers'].iloc[0]):,} of {int(repeat['customers'].iloc[0]):,} "
            f"customers bought at least twice: repeat purchase rate {rk.percent(repeat_rate)}."
        )
        sections.append(s)

        if amount:
            say("revenue retention")
            s = Section("8. Revenue retention and growth accounting")
            s.prose(
                "Each period's revenue compared with the period before: <b>new</b>, "
                "<b>reactivation</b>, <b>expansion</b>, <b>contraction</b> and <b>churned</b> "
                "revenue; <b>NRR</b> = (start + expansion − contraction − churned) / start and "
                "<b>GRR</b> = (start − contraction − churned) / start. The source articles give no "
                "benchmark for them. Returns were dropped in section 1, so amounts are gross."
            )
            revenue = rk.revenue_retention(
                log, customer=customer, time=time, amount=amount, freq=freq, observed_until=until
            )
            s.figure(rk.plots.revenue_movements_chart(revenue), "revenue movements")
            done = revenue[revenue["complete"]]
            if done["nrr"].notna().any():
                s.text(
                    f"Median NRR over the complete periods: {rk.percent(done['nrr'].median())}; "
                    f"median GRR: {rk.percent(done['grr'].median())}."
                )
            life = rk.lifecycle_table(
                log, customer=customer, time=time, freq=freq, observed_until=until
            )
            s.figure(
                rk.plots.lifecycle_chart(life), "lifecycle: new, returning, resurrecting, dormant"
            )
            sections.append(s)

        say("benchmarks")
        s = Section(f"{len(sections) + 1}. Your CRR against the sources' benchmarks")
        s.prose(
            "The median CRR of section 3 against the industry benchmarks the sources quote: "
            "eCommerce on average 30 % and SaaS 80 % (article 000, OWOX part), media 85 %, mobile "
            'apps 20 % ("good") and small and medium business 60 % (article 000, SendPulse part), '
            "and a target of at least 85 %, ideally 90 % (article 002). The sources do not say "
            "over which period or with which definition of a customer they are measured: read "
            "the chart as orientation, and compare with your own history first."
        )
        if pd.isna(median_crr):
            s.note("There is no median CRR to compare (see section 3).")
        else:
            s.figure(
                rk.plots.benchmark_position(
                    median_crr, title="Your median CRR against the sources' benchmarks"
                ),
                "your CRR against the benchmarks",
            )
        sections.append(s)

        say("key numbers")
        s = Section(f"{len(sections) + 1}. Key numbers")
        key = {
            "customers": f"{log[customer].nunique():,}",
            "median CRR per period (complete periods after the warm-up)": rk.percent(median_crr),
            "median churn per period (complete periods after the warm-up)": rk.percent(
                steady["churn"].median() if len(steady) else float("nan")
            ),
            "repeat purchase rate": rk.percent(repeat_rate),
        }
        if day_n is not None:
            for day, rate in zip(day_n["day"], day_n["rate"], strict=True):
                key[f"day-{day} retention (24-hour windows)"] = rk.percent(rate)
        if segments is not None:
            largest = segments.sort_values("customers", ascending=False).iloc[0]
            key["largest RFM segment"] = f"{largest['segment']} ({int(largest['customers']):,})"
        s.table(pd.DataFrame({"measure": list(key), "value": list(key.values())}))
        sections.append(s)

        s = Section("Summary")
        s.lines(
            [
                "Validation first: section 1 says what was dropped or flagged, and which period is "
                "not complete.",
                "CRR = (E − N) / S and churn = L / S per period (Source: article 000); the "
                "activity window defines who counts as a customer: keep it fixed when comparing.",
                "Cohorts compare groups at the same age; mind small and recent cohorts.",
                "Day-N retention is counted in 24-hour windows over customers whose day N is "
                "covered.",
                "The benchmarks' period is unknown: compare with your own history first.",
            ]
        )
        sections.append(s)

        say(f"writing {path}")
        settings = [
            (name, f"{value:g}" if isinstance(value, float) else str(value))
            for name, value in (
                ("customer", customer),
                ("time", time),
                ("amount", amount),
                ("quantity", quantity),
                ("price", price),
                ("returns", returns if amount or quantity else None),
                ("order", order),
                ("period", freq),
                ("active_days", active_days),
                ("tz", tz),
                ("backend", backend),
            )
            if value is not None
        ]
        env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
        html = env.from_string(TEMPLATE.read_text(encoding="utf-8")).render(
            version=rk.__version__,
            source_name=name,
            today=_dt.date.today().isoformat(),
            settings=settings,
            sections=sections,
        )
        path.write_text(html, encoding="utf-8")
        return path


def _read_database_table(
    url: str, table: str, columns: dict[str, str | None], say: Callable[[str], None]
) -> tuple[pd.DataFrame, str]:
    """The named columns of ``table`` in the database at ``url``, and the report's name for it
    (the URL with its password masked)."""
    from .backends import mask_url, table_from_url
    from .core.columns import require_columns

    label = f"{mask_url(url)}, table {table}"
    say(f"reading {label}")
    t = table_from_url(url, table)
    wanted = list(dict.fromkeys(c for c in columns.values() if c))
    require_columns(pd.DataFrame(columns=list(t.columns)), wanted)
    return t.select(*wanted).execute(), label


def _day_n(
    rk: Any, log: pd.DataFrame, customer: str, time: str, tz: Any, engine: dict, until: Any
) -> Any:
    return rk.day_n_retention(
        log,
        customer=customer,
        time=time,
        days=list(DAY_N_DAYS),
        method="rolling",
        tz=tz,
        observed_until=until,
        **engine,
    )
