"""Tests of the bundled samples (data/samples/), their generator and retention_kit.datasets."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pandas as pd
import pytest

from retention_kit import datasets, synthetic
from retention_kit.errors import DataValidationError, RetentionKitError

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
UCI_FULL = Path("/work/shared/data/online_retail.parquet")

SYNTHETIC = {
    "shop_transactions": synthetic.shop_transactions,
    "saas_subscriptions": synthetic.saas_subscriptions,
    "app_events": synthetic.app_events,
    "email_campaigns": synthetic.email_campaigns,
    "nps_survey": synthetic.nps_survey,
}
ALL_SAMPLES = {*SYNTHETIC, "online_retail_sample"}


def _load_generate_script():
    spec = importlib.util.spec_from_file_location("samples_generate", SAMPLES / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate():
    return _load_generate_script()


# --------------------------------------------------------------------------- files


def test_sample_folder_holds_every_sample():
    for name in SYNTHETIC:
        assert (SAMPLES / f"{name}.csv").is_file()
    assert (SAMPLES / "online_retail_sample.parquet").is_file()
    assert (SAMPLES / "online_retail_sample.ATTRIBUTION.txt").is_file()
    assert (SAMPLES / "README.md").is_file()


def test_total_size_of_samples_under_5_mb():
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert total < 5_000_000
    assert (SAMPLES / "online_retail_sample.parquet").stat().st_size < 1_500_000


def test_readme_marks_synthetic_and_attributes_uci():
    text = (SAMPLES / "README.md").read_text(encoding="utf-8")
    assert text.count("SYNTHETIC") >= 5
    for name in ALL_SAMPLES:
        assert name in text
    for needle in ("CC BY 4.0", "Chen", "197-208", "generate.py --uci"):
        assert needle in text
    attribution = (SAMPLES / "online_retail_sample.ATTRIBUTION.txt").read_text(encoding="utf-8")
    for needle in ("CC BY 4.0", "Chen", "Sain", "Guo", "800 customers", "UCI"):
        assert needle in attribution


# --------------------------------------------------------------------------- committed = fresh


def test_committed_csv_files_equal_a_fresh_default_generation(generate, tmp_path):
    assert generate.main(["--out", str(tmp_path)]) == 0
    for name in SYNTHETIC:
        fresh = pd.read_csv(tmp_path / f"{name}.csv")
        committed = pd.read_csv(SAMPLES / f"{name}.csv")
        pd.testing.assert_frame_equal(committed, fresh, obj=name)
    # without --uci the real-data sample is not written
    assert not (tmp_path / "online_retail_sample.parquet").exists()


@pytest.mark.parametrize("name", sorted(SYNTHETIC))
def test_loaded_sample_equals_the_generator_output(name):
    pd.testing.assert_frame_equal(datasets.load_sample(name), SYNTHETIC[name]())


def test_other_seed_and_scale_make_another_data_set(generate, tmp_path, capsys):
    assert generate.main(["--out", str(tmp_path), "--seed", "7", "--scale", "0.5"]) == 0
    shop = pd.read_csv(tmp_path / "shop_transactions.csv")
    assert shop["customer_id"].nunique() == 1500
    committed = pd.read_csv(SAMPLES / "shop_transactions.csv")
    assert not shop.equals(committed.iloc[: len(shop)])
    nps = pd.read_csv(tmp_path / "nps_survey.csv")
    assert len(nps) == 250
    assert "online_retail_sample.parquet" in capsys.readouterr().out  # told it was not made


def test_missing_uci_file_is_skipped_with_a_message(generate, tmp_path, capsys):
    code = generate.main(["--out", str(tmp_path), "--uci", str(tmp_path / "absent.parquet")])
    assert code == 0
    out = capsys.readouterr().out
    assert "skipped" in out and "absent.parquet" in out
    assert not (tmp_path / "online_retail_sample.parquet").exists()


# --------------------------------------------------------------------------- UCI sample


@pytest.fixture(scope="module")
def retail() -> pd.DataFrame:
    return datasets.load_sample("online_retail_sample")


def test_uci_sample_keeps_the_quirks(retail):
    assert list(retail.columns) == [
        "InvoiceNo",
        "StockCode",
        "Description",
        "Quantity",
        "InvoiceDate",
        "UnitPrice",
        "CustomerID",
        "Country",
    ]
    assert pd.api.types.is_datetime64_any_dtype(retail["InvoiceDate"])
    assert retail["CustomerID"].nunique() == 800
    assert retail["CustomerID"].isna().sum() == 300
    assert retail["InvoiceNo"].str.startswith("C").sum() > 100  # cancellations kept
    assert (retail.loc[retail["InvoiceNo"].str.startswith("C"), "Quantity"] < 0).all()
    assert retail.duplicated().sum() > 100  # exact duplicates kept
    assert retail["InvoiceDate"].min() >= pd.Timestamp("2010-12-01")
    assert retail["InvoiceDate"].max() < pd.Timestamp("2011-12-10")


@pytest.mark.skipif(not UCI_FULL.exists(), reason="the full UCI table is not on this machine")
def test_uci_sample_is_all_rows_of_its_customers_and_regenerates(generate, retail, tmp_path):
    full = pd.read_parquet(UCI_FULL)
    ids = retail["CustomerID"].dropna().unique()
    expected = full[full["CustomerID"].isin(ids)].reset_index(drop=True)
    got = retail[retail["CustomerID"].notna()].reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected)  # every row of each sampled customer, in order
    # the missing-id rows are real rows of the source
    missing = retail[retail["CustomerID"].isna()]
    merged = missing.merge(full[full["CustomerID"].isna()].drop_duplicates(), how="left",
                           indicator=True)  # fmt: skip
    assert (merged["_merge"] == "both").all()
    # and the script rebuilds the committed file exactly
    assert generate.main(["--out", str(tmp_path), "--uci", str(UCI_FULL)]) == 0
    fresh = pd.read_parquet(tmp_path / "online_retail_sample.parquet")
    pd.testing.assert_frame_equal(fresh, retail)


# --------------------------------------------------------------------------- datasets API


def test_list_samples():
    assert set(datasets.list_samples()) == ALL_SAMPLES
    assert datasets.list_samples() == sorted(datasets.list_samples())


@pytest.mark.parametrize("name", ["shop_transactions", "shop_transactions.csv"])
def test_sample_path_suffix_optional(name):
    path = datasets.sample_path(name)
    assert path == SAMPLES / "shop_transactions.csv"
    assert path.is_file()


def test_sample_path_parquet():
    assert datasets.sample_path("online_retail_sample").suffix == ".parquet"
    assert datasets.sample_path("online_retail_sample.parquet").is_file()


@pytest.mark.parametrize("name", ["no_such_sample", "shop_transactions.xlsx", "../README"])
def test_unknown_sample_lists_the_available_names(name):
    with pytest.raises(DataValidationError, match=re.escape(repr(name))) as info:
        datasets.sample_path(name)
    message = str(info.value)
    assert repr(name) in message
    for available in ALL_SAMPLES:
        assert available in message
    assert isinstance(info.value, RetentionKitError)


def test_load_sample_parses_dates():
    shop = datasets.load_sample("shop_transactions")
    assert str(shop["order_time"].dtype) == "datetime64[us]"
    assert (shop["campaign"] == "").sum() > 0 and shop["campaign"].notna().all()
    app = datasets.load_sample("app_events")
    assert str(app["event_time"].dt.tz) == "UTC"
    assert str(app["signup_time"].dt.tz) == "UTC"
    saas = datasets.load_sample("saas_subscriptions")
    assert pd.api.types.is_datetime64_any_dtype(saas["end_date"])
    assert saas["end_date"].isna().any()  # active subscriptions stay NaT
    for name, column in [("email_campaigns", "send_date"), ("nps_survey", "date")]:
        assert pd.api.types.is_datetime64_any_dtype(datasets.load_sample(name)[column])


def test_load_sample_through_the_package():
    import retention_kit as rk

    assert rk.load_sample("nps_survey").shape == (500, 4)
    assert rk.sample_path("nps_survey") == SAMPLES / "nps_survey.csv"
