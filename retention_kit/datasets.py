"""The sample data sets bundled with the kit (``data/samples/`` of the repository, or the wheel).

Five are SYNTHETIC (made by ``data/samples/generate.py`` with :mod:`retention_kit.synthetic`);
``online_retail_sample`` is a derived sample of the real UCI Online Retail data (CC BY 4.0,
see ``data/samples/online_retail_sample.ATTRIBUTION.txt``).

>>> import retention_kit as rk
>>> "shop_transactions" in rk.list_samples()
True
>>> orders = rk.load_sample("shop_transactions")
>>> str(orders["order_time"].dtype)
'datetime64[us]'
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .course import course_root
from .errors import DataValidationError

__all__ = ["sample_path", "list_samples", "load_sample", "SAMPLES_DIR"]

# data/samples/ of a checkout, or the copy inside an installed wheel (see retention_kit.course).
# RETENTION_KIT_SAMPLES=/path points the kit at another folder of the same files, e.g. one made by
# ``data/samples/generate.py --seed 7 --out /path`` for a workshop group (read at import time);
# a sample that folder lacks (the UCI one: the generator writes it only with --uci) comes from
# the bundled folder.
SAMPLES_ENV = "RETENTION_KIT_SAMPLES"
_BUNDLED_DIR = course_root() / "data" / "samples"
SAMPLES_DIR = Path(os.environ.get(SAMPLES_ENV) or _BUNDLED_DIR)
_FOLDERS = tuple(dict.fromkeys([SAMPLES_DIR, _BUNDLED_DIR]))

_SUFFIXES = (".csv", ".parquet")

# date columns of each sample, and whether they are UTC instants (tz-aware) or naive
_DATES: dict[str, tuple[tuple[str, ...], bool]] = {
    "shop_transactions": (("order_time",), False),
    "saas_subscriptions": (("start_date", "end_date"), False),
    "app_events": (("event_time", "signup_time"), True),
    "email_campaigns": (("send_date",), False),
    "nps_survey": (("date",), False),
}
# string columns in which an empty cell means "" (not missing)
_EMPTY_IS_TEXT = {"shop_transactions": ("campaign",)}


def list_samples() -> list[str]:
    """Names of the bundled samples (without suffix), sorted.

    >>> list_samples()[:2]
    ['app_events', 'email_campaigns']
    """
    return sorted(
        {
            p.stem
            for folder in _FOLDERS
            if folder.is_dir()
            for p in folder.iterdir()
            if p.suffix in _SUFFIXES and p.is_file()
        }
    )


def sample_path(name: str) -> Path:
    """Path of a bundled sample; the suffix is optional (``"shop_transactions"`` or ``".csv"``).

    Raises :class:`~retention_kit.errors.DataValidationError` listing the available names when
    there is no such sample.

    >>> sample_path("nps_survey").name
    'nps_survey.csv'
    """
    text = str(name).strip()
    if not isinstance(name, str) or len(text) > 100 or not text:
        raise DataValidationError(
            f"name={name!r}: give the name of a bundled sample as text, e.g. "
            f"rk.load_sample('shop_transactions'); the samples are {list_samples()}."
        )
    stem = Path(text).stem if Path(text).suffix in _SUFFIXES else text
    for folder in _FOLDERS:
        candidates = [folder / text] if Path(text).suffix in _SUFFIXES else []
        candidates += [folder / f"{stem}{suffix}" for suffix in _SUFFIXES]
        for path in candidates:
            if path.name and path.parent == folder and path.is_file():
                return path
    available = ", ".join(repr(s) for s in list_samples()) or "none (the folder is missing)"
    raise DataValidationError(
        f"there is no bundled sample called {name!r} in {SAMPLES_DIR}; the available samples "
        f"are {available}. Pass one of these names, e.g. rk.load_sample('shop_transactions'), "
        "or read your own file with rk.read_table(path)."
    )


def load_sample(name: str) -> pd.DataFrame:
    """A bundled sample as a DataFrame, with its date columns parsed.

    Dates of ``app_events`` are tz-aware UTC; the other samples have naive dates (local time).
    Empty ``campaign`` cells of ``shop_transactions`` are read as ``""`` (no campaign), as the
    generator makes them.

    >>> events = load_sample("app_events")
    >>> str(events["event_time"].dtype)
    'datetime64[us, UTC]'
    """
    path = sample_path(name)
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    frame = pd.read_csv(path)
    dates, utc = _DATES.get(path.stem, ((), False))
    for column in dates:
        if column in frame.columns:
            parsed = pd.to_datetime(frame[column], format="ISO8601", utc=utc)
            frame[column] = parsed.dt.as_unit("us")
    for column in _EMPTY_IS_TEXT.get(path.stem, ()):
        if column in frame.columns:
            frame[column] = frame[column].fillna("").astype("str")
    return frame
