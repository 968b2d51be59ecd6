"""Shared test set-up: a non-interactive matplotlib backend, and no figure left open."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")  # before any test imports pyplot: no display on CI

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
