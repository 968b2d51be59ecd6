"""Write the bundled sample data sets (SYNTHETIC, plus an optional sample of UCI Online Retail).

    python data/samples/generate.py                     # regenerate the committed files
    python data/samples/generate.py --seed 7 --out /tmp/group7   # a fresh data set per group
    python data/samples/generate.py --scale 2           # twice as many customers/users/rows
    python data/samples/generate.py --uci /path/to/online_retail.parquet

With the defaults (seed 42, scale 1, out = this folder) it rewrites the committed CSV files
exactly. The synthetic tables come from ``retention_kit.synthetic``; see README.md here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # run from a checkout without installing

from retention_kit import synthetic  # noqa: E402

UCI_NAME = "online_retail_sample.parquet"
ATTRIBUTION_NAME = "online_retail_sample.ATTRIBUTION.txt"
UCI_CUSTOMERS = 800  # customers sampled (all their rows), times --scale
UCI_MISSING_ID_ROWS = 300  # rows without CustomerID added, times --scale

ATTRIBUTION = """\
online_retail_sample.parquet -- a derived sample of the UCI "Online Retail" data set

Source: UCI Machine Learning Repository, "Online Retail"
        (https://archive.ics.uci.edu/dataset/352/online+retail)
Licence: Creative Commons Attribution 4.0 International (CC BY 4.0),
         https://creativecommons.org/licenses/by/4.0/
Citation: D. Chen, S. L. Sain, K. Guo, "Data mining for the online retail industry: A case
          study of RFM model-based customer segmentation using data mining", Journal of
          Database Marketing & Customer Strategy Management 19(3):197-208, 2012,
          doi:10.1057/dbm.2012.17.

What was sampled (changes made): from the full table (541,909 rows, 2010-12-01 to
2011-12-09) we kept every row of {customers} customers chosen at random (numpy seed {seed})
and {missing} rows chosen at random among the rows without a CustomerID, in the original row
order. Nothing else was changed: the columns, values, cancellations ("C" invoices), negative
quantities, zero prices and exact duplicate rows are kept as in the source, so the data
quirks stay visible. Result: {rows} rows, {n_cust} customers.
"""


def _scaled(n: int, scale: float) -> int:
    return max(1, int(round(n * scale)))


def synthetic_tables(seed: int = 42, scale: float = 1.0) -> dict[str, pd.DataFrame]:
    """The synthetic samples by file stem, generated with ``seed`` and sizes times ``scale``."""
    return {
        "shop_transactions": synthetic.shop_transactions(
            n_customers=_scaled(3000, scale), seed=seed
        ),
        "saas_subscriptions": synthetic.saas_subscriptions(
            n_customers=_scaled(1500, scale), seed=seed
        ),
        "app_events": synthetic.app_events(n_users=max(_scaled(2000, scale), 100), seed=seed),
        "email_campaigns": synthetic.email_campaigns(n_campaigns=_scaled(24, scale), seed=seed),
        "nps_survey": synthetic.nps_survey(n_responses=_scaled(500, scale), seed=seed),
    }


# how each file writes its timestamps (pandas writes tz-aware times as "...+00:00" otherwise)
DATE_FORMATS = {
    "shop_transactions": "%Y-%m-%d %H:%M:%S",
    "saas_subscriptions": "%Y-%m-%d",
    "app_events": "%Y-%m-%dT%H:%M:%SZ",
    "email_campaigns": "%Y-%m-%d",
    "nps_survey": "%Y-%m-%d",
}


def write_synthetic(out: Path, seed: int = 42, scale: float = 1.0) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in synthetic_tables(seed, scale).items():
        path = out / f"{name}.csv"
        frame.to_csv(path, index=False, date_format=DATE_FORMATS[name], lineterminator="\n")
        written.append(path)
    return written


def uci_sample(source: pd.DataFrame, seed: int = 42, scale: float = 1.0) -> pd.DataFrame:
    """All rows of a random set of customers + some rows without CustomerID, in source order."""
    rng = np.random.default_rng(seed)
    ids = np.sort(source["CustomerID"].dropna().unique())
    chosen = rng.choice(ids, size=min(_scaled(UCI_CUSTOMERS, scale), ids.size), replace=False)
    keep = source["CustomerID"].isin(chosen).to_numpy().copy()
    missing = np.flatnonzero(source["CustomerID"].isna().to_numpy())
    n_missing = min(_scaled(UCI_MISSING_ID_ROWS, scale), missing.size)
    keep[rng.choice(missing, size=n_missing, replace=False)] = True
    return source[keep].reset_index(drop=True)


def write_uci(uci: Path, out: Path, seed: int = 42, scale: float = 1.0) -> Path | None:
    if not uci.exists():
        print(f"skipped {UCI_NAME}: {uci} does not exist (pass --uci PATH to the full table)")
        return None
    source = pd.read_parquet(uci) if uci.suffix.lower() in (".parquet", ".pq") else None
    if source is None:
        source = pd.read_excel(uci)  # the UCI download is an .xlsx file
    sample = uci_sample(source, seed, scale)
    path = out / UCI_NAME
    sample.to_parquet(path, index=False, compression="zstd")
    text = ATTRIBUTION.format(
        customers=_scaled(UCI_CUSTOMERS, scale),
        seed=seed,
        missing=int(sample["CustomerID"].isna().sum()),
        rows=len(sample),
        n_cust=sample["CustomerID"].nunique(),
    )
    (out / ATTRIBUTION_NAME).write_text(text, encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the sizes (default 1)")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: here)")
    parser.add_argument(
        "--uci",
        type=Path,
        default=None,
        help="the full UCI Online Retail table (.parquet or .xlsx) to sample from; "
        f"without it {UCI_NAME} is left as is",
    )
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be greater than 0, e.g. --scale 0.5")
    for path in write_synthetic(args.out, args.seed, args.scale):
        print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB)")
    if args.uci is None:
        print(f"{UCI_NAME}: not regenerated (pass --uci PATH to the full UCI table)")
    else:
        path = write_uci(args.uci, args.out, args.seed, args.scale)
        if path is not None:
            print(f"wrote {path} ({path.stat().st_size / 1e3:.0f} kB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
