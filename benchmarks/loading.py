"""What the loading gate costs: reading spreadsheet CSVs with detection, and the checks every
analysis runs, against baselines measured in the same run.

    .venv/bin/python benchmarks/loading.py --rows 1e6

- ``read``: ``rk.load_transactions(path)`` with no options (encoding, separator, decimal comma,
  day-first dates detected; ids kept as text) against the pandas code a user writes who already
  knows the format (``pd.read_csv(sep=';', decimal=',', thousands=' ', encoding='cp1251',
  dtype={id: str})`` + ``pd.to_datetime(format='%d.%m.%Y')``), on a Russian Excel export
  (cp1251, ``;``, ``1 234,50``, ``23.02.2024``) and on a plain UTF-8 ISO CSV.
- ``gate``: ``prepare_transactions`` (the checks inside every analysis: columns, blank ids,
  date range, finite and non-negative amounts) as a share of ``rk.cohort_matrix`` on the same
  frame, for integer, object-text and Arrow-text ids.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

import retention_kit as rk
from retention_kit.loading import prepare_transactions


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def frame(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    days = rng.integers(0, 730, rows)
    return pd.DataFrame(
        {
            "customer": rng.integers(1, max(rows // 20, 2), rows),
            "time": pd.Timestamp("2023-01-01") + pd.to_timedelta(days, "D"),
            "amount": np.round(rng.gamma(2.0, 700.0, rows), 2),
            "product": rng.choice(["Чайник", "Кружка", "Плед", "Lamp"], rows),
        }
    )


def russian_csv(df: pd.DataFrame, path: Path) -> None:
    out = pd.DataFrame(
        {
            "Клиент": df["customer"].astype(str),
            "Дата": df["time"].dt.strftime("%d.%m.%Y"),
            "Сумма": df["amount"].map(lambda x: f"{x:,.2f}".replace(",", " ").replace(".", ",")),
            "Товар": df["product"],
        }
    )
    out.to_csv(path, sep=";", index=False, encoding="cp1251")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=float, default=1e6)
    rows = int(parser.parse_args().rows)
    df = frame(rows)
    print(f"rows: {rows:,}")
    with tempfile.TemporaryDirectory() as tmp:
        ru, plain = Path(tmp) / "ru.csv", Path(tmp) / "plain.csv"
        russian_csv(df, ru)
        df.to_csv(plain, index=False)

        def kit_ru():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rk.load_transactions(ru, customer="Клиент", time="Дата", amount="Сумма")

        def hand_ru():
            out = pd.read_csv(ru, sep=";", decimal=",", thousands=" ", encoding="cp1251",
                              dtype={"Клиент": str})  # fmt: skip
            out["Дата"] = pd.to_datetime(out["Дата"], format="%d.%m.%Y")

        def kit_plain():
            rk.load_transactions(plain, customer="customer", time="time", amount="amount")

        def hand_plain():
            out = pd.read_csv(plain, dtype={"customer": str})
            out["time"] = pd.to_datetime(out["time"], format="ISO8601")

        for name, kit, hand in (("Russian export", kit_ru, hand_ru),
                                ("plain UTF-8 CSV", kit_plain, hand_plain)):  # fmt: skip
            k, h = best(kit, 2), best(hand, 2)
            print(f"read {name:16s} kit {k:6.2f} s   by hand {h:6.2f} s   kit / hand {k / h:5.2f}")

    text = df.assign(customer="C" + df["customer"].astype(str))
    for name, data in (
        ("int ids", df),
        ("object text ids", text.assign(customer=text["customer"].astype(object))),
        ("Arrow text ids", text.assign(customer=text["customer"].astype("str"))),
    ):
        gate = best(lambda d=data: prepare_transactions(d, customer="customer", time="time",
                                                        amount="amount"))  # fmt: skip
        whole = best(lambda d=data: rk.cohort_matrix(d, customer="customer", time="time"))
        print(f"gate {name:16s} {gate * 1000:7.1f} ms   cohort_matrix {whole * 1000:7.1f} ms   "
              f"gate share {gate / whole:5.1%}")  # fmt: skip


if __name__ == "__main__":
    main()
