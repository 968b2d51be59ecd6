"""An HTML report on your own data: runs notebook 09 with your parameters, keeps the charts.

    retention-kit report sales.csv --customer CustomerID --time InvoiceDate --amount Revenue \
        --out report.html

The notebook ``notebooks/09_your_data.ipynb`` is the template: its cell tagged ``parameters``
holds the defaults, papermill injects yours after it, every cell runs, and nbconvert writes
the result as one self-contained HTML file (charts embedded as images, code hidden).

Cells tagged ``report-hide`` in the template (the learning goals, the exercises) are for
students only and are left out of the report; a header with the file name and the settings is
put on top. The column names are checked against the file's header before anything runs, so a
typo fails in a second with a message naming the column.
"""

from __future__ import annotations

import datetime as _dt
import tempfile
from pathlib import Path
from typing import Any

from .errors import DataValidationError, InvalidParameterError

HIDE_TAG = "report-hide"

TEMPLATE = Path(__file__).resolve().parents[1] / "notebooks" / "09_your_data.ipynb"


def report_parameters(
    path: str | Path,
    customer: str,
    time: str,
    amount: str | None = None,
    order: str | None = None,
    freq: str = "M",
    active_days: float = 90,
    tz: str | None = None,
    backend: str = "pandas",
) -> dict[str, Any]:
    """The values injected into the template's ``parameters`` cell (validated first)."""
    from ._periods import normalize_freq

    source = Path(path).expanduser().resolve()
    if not source.exists():
        raise DataValidationError(f"path={str(path)!r} does not exist; give a CSV or Parquet file.")
    normalize_freq(freq)  # raises a clear error for an unknown period
    if not active_days or float(active_days) <= 0:
        raise InvalidParameterError(
            f"active_days={active_days!r} must be a positive number of days."
        )
    if backend not in ("pandas", "duckdb", "spark"):
        raise InvalidParameterError(
            f"backend={backend!r}: use 'pandas' (default), 'duckdb' (big files) or 'spark'."
        )
    return {
        "DATA_PATH": str(source),
        "CUSTOMER": customer,
        "TIME": time,
        "AMOUNT": amount,
        "ORDER": order,
        "FREQ": freq,
        "ACTIVE_DAYS": float(active_days),
        "TZ": tz,
        "BACKEND": backend,
    }


def _header_columns(source: Path) -> list[str] | None:
    """The column names of a CSV or Parquet file, read from its header only (None: unknown)."""
    suffix = source.suffix.lower()
    try:
        if source.is_file() and suffix == ".csv":
            import pandas as pd

            return [str(c) for c in pd.read_csv(source, nrows=0).columns]
        if source.is_file() and suffix in (".parquet", ".pq"):
            import pyarrow.parquet as pq

            return [str(c) for c in pq.read_schema(source).names]
    except Exception as err:  # an unreadable file: say so, without a traceback
        raise DataValidationError(
            f"path={str(source)!r} could not be read as a {suffix[1:].upper()} file: {err}"
        ) from None
    return None


def check_columns(params: dict[str, Any]) -> None:
    """Raise :class:`~retention_kit.errors.MissingColumnError` when a column named in the
    parameters is not in the file's header (CSV and Parquet files; others are checked when
    the notebook loads them)."""
    columns = _header_columns(Path(params["DATA_PATH"]))
    if columns is None:
        return
    import pandas as pd

    from ._columns import require_columns

    wanted = [params[k] for k in ("CUSTOMER", "TIME", "AMOUNT", "ORDER") if params.get(k)]
    require_columns(pd.DataFrame(columns=columns), wanted)


def _report_template(
    template: Path, params: dict[str, Any], folder: Path, label: str | None = None
) -> Path:
    """A copy of the template without the ``report-hide`` cells, with a header on top."""
    import nbformat

    nb = nbformat.read(template, as_version=4)
    nb.cells = [c for c in nb.cells if HIDE_TAG not in c.get("metadata", {}).get("tags", [])]
    settings = ", ".join(
        f"{name.lower()} = `{params[key]:g}`"
        if isinstance(params[key], float)
        else f"{name.lower()} = `{params[key]}`"
        for key, name in [
            ("CUSTOMER", "customer"),
            ("TIME", "time"),
            ("AMOUNT", "amount"),
            ("ORDER", "order"),
            ("FREQ", "period"),
            ("ACTIVE_DAYS", "active_days"),
            ("TZ", "tz"),
            ("BACKEND", "backend"),
        ]
        if params.get(key) is not None
    )
    header = nbformat.v4.new_markdown_cell(
        f"# Retention report: `{label or Path(params['DATA_PATH']).name}`\n\n"
        f"Made with `retention-kit report` on {_dt.date.today().isoformat()}. "
        f"Settings: {settings}.\n\n"
        "Every section explains what it measures, then shows the result for this file."
    )
    header["id"] = "report-header"
    nb.cells.insert(0, header)
    path = folder / "template.ipynb"
    nbformat.write(nb, path)
    return path


def build_report(
    path: str | Path,
    customer: str,
    time: str,
    amount: str | None = None,
    out: str | Path = "report.html",
    *,
    order: str | None = None,
    freq: str = "M",
    active_days: float = 90,
    tz: str | None = None,
    backend: str = "pandas",
    cell_timeout: int = 600,
    template: str | Path | None = None,
    table: str | None = None,
) -> Path:
    """Run the your-data notebook on ``path`` and write a self-contained HTML report to ``out``.

    With ``table``, ``path`` is a database URL (``postgresql://user@host:5432/db``,
    ``duckdb:///file.duckdb``, see :func:`retention_kit.backends.connect_url`) and the report is
    made from that table: its named columns are read through Ibis into a temporary Parquet file
    that the notebook then analyses. The password (best given as ``PGPASSWORD``) never enters
    the notebook, the HTML or a message; the report's title shows the URL with it masked.

    Returns the path of the HTML file. Errors in the data surface as the kit's own error (the
    message of the cell that failed), not as a notebook traceback.
    """
    with tempfile.TemporaryDirectory(prefix="rk-report-table-") as tables:
        label = None
        if table is not None:
            columns = (customer, time, amount, order)
            path, label = _export_table(str(path), table, Path(tables), *columns)
        return _build(
            path, customer, time, amount, out, order, freq, active_days, tz, backend,
            cell_timeout, template, label,
        )  # fmt: skip


def _export_table(
    url: str,
    table: str,
    folder: Path,
    customer: str,
    time: str,
    amount: str | None,
    order: str | None,
) -> tuple[Path, str]:
    """The named columns of ``table`` at ``url`` as a Parquet file in ``folder``, and the
    report's label for it (password masked)."""
    from ._columns import require_columns
    from .backends import mask_url, table_from_url

    t = table_from_url(url, table)
    wanted = [c for c in (customer, time, amount, order) if c]
    import pandas as pd

    require_columns(pd.DataFrame(columns=list(t.columns)), wanted)
    target = folder / f"{table.rpartition('.')[2]}.parquet"
    t.select(*dict.fromkeys(wanted)).to_parquet(target)
    return target, f"{mask_url(url)}, table {table}"


def _build(
    path, customer, time, amount, out, order, freq, active_days, tz, backend, cell_timeout,
    template, label,
) -> Path:  # fmt: skip
    import nbformat
    import papermill as pm

    from . import _nbclient_fix

    _nbclient_fix.install()  # widget cells must not stall until the cell timeout
    from nbconvert import HTMLExporter

    params = report_parameters(path, customer, time, amount, order, freq, active_days, tz, backend)
    template = Path(template) if template else TEMPLATE
    if not template.exists():
        raise DataValidationError(
            f"the report template {template} is missing; the report runs from a checkout of the "
            "retention_kit repository (pip install -e .)."
        )
    check_columns(params)
    out = Path(out).expanduser().resolve()
    with tempfile.TemporaryDirectory(prefix="rk-report-") as tmp:
        executed = Path(tmp) / "report.ipynb"
        source = _report_template(template, params, Path(tmp), label)
        try:
            pm.execute_notebook(
                str(source),
                str(executed),
                parameters=params,
                kernel_name="python3",
                cwd=str(template.parent),
                execution_timeout=cell_timeout,
                progress_bar=False,
                log_output=False,
                report_mode=True,
                # ipykernel 7 warns on every start that its localhost TCP sockets are not
                # encrypted; on a one-shot local report that only alarms the analyst.
                extra_arguments=["--IPKernelApp.log_level=ERROR"],
            )
        except pm.PapermillExecutionError as err:
            raise DataValidationError(
                f"the report stopped at cell {err.exec_count}: {err.ename}: {err.evalue}"
            ) from None
        nb = nbformat.read(executed, as_version=4)
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": "Retention report"}})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return out
