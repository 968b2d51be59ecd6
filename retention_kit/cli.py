"""The ``retention-kit`` command: the formulas from the shell, and reports on your own data.

retention-kit crr --start 50 --new 6 --end 54
retention-kit churn --start 200 --new 150 --end 210
retention-kit ltv --monthly-profit 500 --churn 0.04
"""

from __future__ import annotations

import argparse
import difflib
import re
import shlex
import sys
import warnings
from collections.abc import Sequence

from .core.engines import ENGINES
from .errors import DataQualityWarning, RetentionKitError
from .formatting import percent
from .i18n import text


def _n(x: float) -> str:
    return f"{x:g}"


def _cmd_crr(args: argparse.Namespace) -> str:
    from .metrics.crr import crr, end_customers, retained_customers

    if args.end is None and args.lost is None:
        raise RetentionKitError(
            "crr needs --end E (customers at the end of the period) or --lost L (customers lost "
            "during it), e.g. retention-kit crr --start 50 --new 6 --end 54."
        )
    kept = retained_customers(start=args.start, new=args.new, end=args.end, lost=args.lost)
    rate = crr(start=args.start, new=args.new, end=args.end, lost=args.lost)
    lines = []
    if args.end is None:
        end = end_customers(start=args.start, new=args.new, lost=args.lost)
        lines.append(
            f"E = S + N - L = {_n(args.start)} + {_n(args.new)} - {_n(args.lost)} = {_n(end)}"
        )
    else:
        end = args.end
    lines.append(
        f"CRR = (E - N) / S = ({_n(end)} - {_n(args.new)}) / {_n(args.start)} "
        f"= {_n(kept)} / {_n(args.start)} = {percent(rate)}"
    )
    lines.append(text("churn = 1 - CRR = {churn}", churn=percent(1 - rate)))
    return "\n".join(lines)


def _cmd_churn(args: argparse.Namespace) -> str:
    from .metrics.churn import churn_rate

    if args.lost is None and (args.new is None or args.end is None):
        gave = ["--new"] if args.new is not None else ["--end"] if args.end is not None else []
        raise RetentionKitError(
            "churn needs --lost L, or both --new N and --end E (then L = S + N - E)"
            + (f"; you gave {gave[0]} only" if gave else "")
            + ". E.g. retention-kit churn --start 200 --new 150 --end 210 (--new 0 if no "
            "customer was acquired)."
        )
    rate = churn_rate(start=args.start, lost=args.lost, new=args.new, end=args.end)
    if args.lost is not None:
        return f"churn = L / S = {_n(args.lost)} / {_n(args.start)} = {percent(rate)}"
    lost = args.start + args.new - args.end
    return (
        f"L = S + N - E = {_n(args.start)} + {_n(args.new)} - {_n(args.end)} = {_n(lost)}\n"
        f"churn = L / S = {_n(lost)} / {_n(args.start)} = {percent(rate)}"
    )


def _cmd_ltv(args: argparse.Namespace) -> str:
    from .metrics.ltv import lifetime_from_churn, ltv

    if (args.lifetime_months is None) == (args.churn is None):
        raise RetentionKitError(
            "give exactly one of --lifetime-months (average lifetime in months) or --churn "
            "(monthly churn as a fraction, e.g. 0.05)."
        )
    if args.churn is not None:
        months = lifetime_from_churn(args.churn)
        value = ltv(args.monthly_profit, months)
        return (
            f"lifetime = 1 / churn = 1 / {_n(args.churn)} = {months:.2f} months\n"
            f"LTV = monthly profit x lifetime = {_n(args.monthly_profit)} x {months:.2f} "
            f"= {value:,.2f}"
        )
    value = ltv(args.monthly_profit, args.lifetime_months)
    return (
        f"LTV = monthly profit x lifetime = {_n(args.monthly_profit)} x "
        f"{_n(args.lifetime_months)} months = {value:,.2f}"
    )


def _cmd_report(args: argparse.Namespace) -> str:
    import atexit
    import gc
    import os

    # the charts go into the file: no window toolkit to look for (before matplotlib is imported)
    os.environ.setdefault("MPLBACKEND", "Agg")
    from .report import build_report

    # The command ends right after the report: without this, the interpreter's last garbage
    # collection walks every object of pandas and matplotlib once more (about 0.5 s of a 2 s
    # report on the 10k-row sample). Registered here, it runs only when the process exits.
    atexit.register(gc.freeze)

    out = build_report(
        args.path,
        customer=args.customer,
        time=args.time,
        amount=args.amount,
        out=args.out,
        order=args.order,
        freq=args.freq,
        active_days=args.active_days,
        tz=args.tz,
        backend=args.backend,
        force=args.force,
        table=args.table,
        quantity=args.quantity,
        price=args.price,
        returns=args.returns,
        sep=_unescape(args.sep),
        decimal=args.decimal,
        encoding=args.encoding,
        dayfirst=args.dayfirst,
        date_format=args.date_format,
        observed_until=args.observed_until,
    )
    return f"report written to {out}"


def _unescape(sep: str | None) -> str | None:
    """--sep '\\t' (what a shell passes for a tab) as a tab."""
    return {"\\t": "\t", "tab": "\t"}.get(sep, sep) if sep is not None else None


def _cmd_app(args: argparse.Namespace) -> str:
    from .app import serve

    serve(
        args.notebooks or None,
        port=args.port,
        open_browser=not args.no_browser,
        token=args.token,
        ip=args.ip,
    )
    return ""


def _cmd_course(args: argparse.Namespace) -> str:
    from .course import write_course

    done = write_course(args.dir, lang=args.lang, force=args.force)
    lines = [
        f"course written to {done.folder}: {len(done.written)} files written, "
        f"{len(done.unchanged)} already up to date"
    ]
    if done.skipped:
        lines.append(
            f"skipped {len(done.skipped)} files you changed (--force overwrites them): "
            + ", ".join(str(p) for p in done.skipped)
        )
    lines.append(f"next: jupyter lab {done.folder}   (start with notebooks/00_start_here.ipynb)")
    return "\n".join(lines)


def _looks_like_url(path: str | None) -> bool:
    return bool(path) and "://" in path and not path.startswith("file://")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="retention-kit",
        description=(
            "Customer retention metrics from the command line. "
            "CRR = (E - N) / S: customers at the end minus new customers, over customers at the "
            "start. Rates are printed as percents."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "crr",
        help="Customer Retention Rate from start, new and end (or lost) counts",
        description="CRR = (E - N) / S. Give --end, or --lost (then E = S + N - L), or both "
        "(they must agree).",
    )
    p.add_argument("--start", type=float, required=True, help="S: customers at the start")
    p.add_argument("--new", type=float, required=True, help="N: new customers in the period")
    p.add_argument("--end", type=float, help="E: customers at the end")
    p.add_argument("--lost", type=float, help="L: customers lost in the period")
    p.set_defaults(func=_cmd_crr)

    p = sub.add_parser(
        "churn",
        help="churn rate L / S, from --lost or from --new and --end",
        description="churn = L / S = 1 - CRR. Give --lost, or --new and --end.",
    )
    p.add_argument("--start", type=float, required=True, help="S: customers at the start")
    p.add_argument("--lost", type=float, help="L: customers lost in the period")
    p.add_argument("--new", type=float, help="N: new customers in the period")
    p.add_argument("--end", type=float, help="E: customers at the end")
    p.set_defaults(func=_cmd_churn)

    p = sub.add_parser(
        "ltv",
        help="lifetime value: monthly profit x lifetime (or / monthly churn)",
        description="LTV = average monthly profit per customer x average lifetime in months; "
        "with --churn the lifetime is 1 / churn.",
    )
    p.add_argument(
        "--monthly-profit", type=float, required=True, help="average monthly profit per customer"
    )
    p.add_argument("--lifetime-months", type=float, help="average customer lifetime in months")
    p.add_argument("--churn", type=float, help="monthly churn as a fraction (0.05 = 5 %%)")
    p.set_defaults(func=_cmd_ltv)

    p = sub.add_parser(
        "report",
        help="HTML report (period table, cohorts, day-N, RFM, benchmarks) on your own file",
        description="Analyses PATH (CSV or Parquet, or a folder of Parquet files with --backend "
        "duckdb) with the course's functions and writes one self-contained HTML file (charts "
        "embedded, nothing loaded from the web).",
    )
    p.add_argument(
        "path",
        help="your transaction log: .csv, .parquet (or a folder of them), or with --table a "
        "database URL: postgresql://user@host:5432/db (password from PGPASSWORD), "
        "duckdb:///file.duckdb",
    )
    p.add_argument(
        "--table", help="the table (or schema.table) to report on, in the database at PATH"
    )
    p.add_argument("--customer", required=True, help="column with the customer id")
    p.add_argument("--time", required=True, help="column with the purchase/event time")
    p.add_argument("--amount", help="column with the amount (enables revenue, LTV curves, RFM)")
    p.add_argument("--order", help="column with the order id (else each row is one order)")
    p.add_argument(
        "--quantity",
        help="column with the units of each row; with --price the amount is quantity x price, "
        "and a negative quantity marks a return",
    )
    p.add_argument("--price", help="column with the unit price (needs --quantity)")
    p.add_argument(
        "--returns",
        default="drop",
        type=str.lower,
        choices=["drop", "net"],
        help="returns and cancellations (negative amount or quantity) are never purchases: drop "
        "(default) leaves them out (amounts gross), net subtracts them from the customer's "
        "revenue",
    )
    p.add_argument("--sep", help="field separator of a CSV (default: detected among , ; tab |)")
    p.add_argument(
        "--decimal",
        help="decimal mark of a CSV: . or , (default: a decimal comma is detected in files not "
        "separated by commas)",
    )
    p.add_argument("--encoding", help="encoding of a CSV, e.g. utf-8, cp1251 (default: detected)")
    p.add_argument(
        "--dayfirst",
        action="store_const",
        const=True,
        default=None,
        help="dates like 05/01/2024 are day first (default: read off the values; refused when "
        "every date could be either)",
    )
    p.add_argument(
        "--monthfirst",
        dest="dayfirst",
        action="store_const",
        const=False,
        help="dates like 05/01/2024 are month first",
    )
    p.add_argument(
        "--date-format", help="exact date format, e.g. %%d.%%m.%%Y %%H:%%M (default: detected)"
    )
    p.add_argument("--freq", default="M", help="period: D, W, M (default), Q or Y")
    p.add_argument(
        "--active-days",
        type=float,
        default=90,
        help="activity window: a customer counts while they bought in the last N days (default 90)",
    )
    p.add_argument("--tz", help="time zone for calendar days, e.g. Europe/Moscow")
    p.add_argument(
        "--observed-until",
        metavar="DATE",
        help="when observation ends (default: the last event), e.g. 2025-01-01 for an export "
        "taken at midnight: a period counts as complete once it ended by then",
    )
    p.add_argument(
        "--backend",
        default="pandas",
        type=str.lower,
        choices=list(ENGINES),
        help="engine: pandas (default), duckdb (files bigger than memory), spark",
    )
    p.add_argument("--out", default="report.html", help="where to write the HTML report")
    p.add_argument("--force", action="store_true", help="replace --out if it already exists")
    p.set_defaults(func=_cmd_report)

    from .app import IP_HELP as app_ip_help  # the app module imports no more than the stdlib

    p = sub.add_parser(
        "app",
        help="workshop app mode: serve the interactive notebooks as dashboards (Voila, no code)",
    )
    p.add_argument(
        "notebooks",
        nargs="*",
        help="numbers (01), names or paths (default: every notebook with a widget app)",
    )
    p.add_argument("--token", help="access token (default: a random one, printed with the URL)")
    p.add_argument("--port", type=int, default=8866, help="0 = any free port (default 8866)")
    p.add_argument("--ip", default="127.0.0.1", help=app_ip_help)
    p.add_argument("--no-browser", action="store_true", help="do not open a browser window")
    p.set_defaults(func=_cmd_app)

    p = sub.add_parser(
        "course",
        help="copy the course (notebooks, sample data) into a folder of your own to work in",
        description="Writes DIR/notebooks/ and DIR/data/samples/. Files you edited are kept "
        "(listed as skipped) unless --force. The trainers' solutions are not included.",
    )
    p.add_argument("dir", help="folder to write the course into (created if missing)")
    p.add_argument(
        "--lang", default="en", type=str.lower, help="edition of the course (default: en)"
    )
    p.add_argument("--force", action="store_true", help="overwrite notebooks you have edited")
    p.set_defaults(func=_cmd_course)

    return parser


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _command_case(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """The command matched case-insensitively (``CRR`` -> ``crr``); a typo gets a hint."""
    commands = _subparsers(parser)
    if not argv or argv[0].startswith("-") or argv[0] in commands:
        return argv
    lowered = {name.lower(): name for name in commands}
    if argv[0].lower() in lowered:
        return [lowered[argv[0].lower()], *argv[1:]]
    close = difflib.get_close_matches(argv[0].lower(), list(lowered), n=1, cutoff=0.6)
    if close:
        parser.error(
            f"unknown command {argv[0]!r}; did you mean {lowered[close[0]]!r}? "
            f"(commands: {', '.join(commands)})"
        )
    return argv


# Python argument names whose flag is spelled differently (``rk.ltv(avg_monthly_profit=...)``)
_ALIASES = {
    "avg_monthly_profit": "--monthly-profit",
    "avg_lifetime_months": "--lifetime-months",
    "monthly_churn": "--churn",
}


def _as_flags(message: str, parser: argparse.ArgumentParser | None) -> str:
    """The kit's messages name Python arguments (``customer='CustomerID'``); on the command
    line the user needs the flag (``--customer CustomerID``)."""
    if parser is None:
        return message
    known = {o for action in parser._actions for o in action.option_strings}
    for name, option in _ALIASES.items():
        if option in known:
            message = re.sub(rf"\b{name}\b(=?)", option + " ", message).replace("  ", " ")
    flags = {
        action.dest: (action.option_strings[-1], action.nargs == 0)
        for action in parser._actions
        if any(o.startswith("--") for o in action.option_strings) and action.dest != "help"
    }
    if not flags:
        return message
    names = "|".join(sorted(map(re.escape, flags), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w.\-\[])({names})=(?:'([^']*)'|\"([^\"]*)\"|([^\s,;)\]]*))")

    def flag(m: re.Match) -> str:
        option, switch = flags[m.group(1)]
        value = next((g for g in m.group(2, 3, 4) if g is not None), "")
        if switch or not value:
            return option
        return f"{option} {shlex.quote(value)}"

    text = pattern.sub(flag, message)
    # "--customer x: ... Did you mean 'X'?" -> "Did you mean 'X'? (--customer X)"
    head = re.match(r"(--[\w-]+) ", text)
    if head:
        text = re.sub(
            r"Did you mean '([^']*)'\?",
            lambda m: f"{m.group(0)} ({head.group(1)} {shlex.quote(m.group(1))})",
            text,
        )
    return text


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = _command_case(parser, list(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if getattr(args, "table", None) is None and _looks_like_url(getattr(args, "path", None)):
        parser.error("a database URL needs --table NAME (the table to report on)")
    flags = _subparsers(parser).get(args.command)
    caught: list[warnings.WarningMessage] = []
    try:
        if args.command == "app":  # a server: its warnings are shown as they come
            out = args.func(args)
        else:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", DataQualityWarning)
                out = args.func(args)
    except RetentionKitError as err:
        print(f"retention-kit {args.command}: error: {_as_flags(str(err), flags)}", file=sys.stderr)
        return 2
    for w in caught:  # the kit's data notes in CLI terms; anything else as Python shows it
        if issubclass(w.category, DataQualityWarning):
            note = _as_flags(str(w.message), flags)
            print(f"retention-kit {args.command}: note: {note}", file=sys.stderr)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if out:
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
