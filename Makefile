# Two commands do all the set-up on a fresh machine (Python 3.11 + pip):
#   make lab    install into .venv, then open JupyterLab on notebooks/
#   make test   install into .venv, then run every test (lint, unit, notebooks, browser)
# Re-running is quick: the install step re-runs only when pyproject.toml changes.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed
# Global limit for the whole test run, so one hanging kernel cannot eat CI's 90 minutes.
TEST_TIMEOUT ?= 3600

.PHONY: help install lab test test-browser browser postgres app lint strip samples clean

help:
	@echo "make lab      install, then open JupyterLab on notebooks/"
	@echo "make test     install, then run every test (browser tests included)"
	@echo "make app      serve the interactive notebooks as dashboards, code hidden (Voila)"
	@echo "make lint     ruff check + ruff format --check (notebooks included)"
	@echo "make strip    remove stored outputs from the notebooks (before committing)"
	@echo "make samples  regenerate data/samples/ (SEED=42 SCALE=1)"

# The install also switches off JupyterLab's "get Jupyter news?" pop-up: in an offline room it
# would cover the notebooks and try to reach jupyter.org.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,big,browser]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (retention_kit)" >/dev/null
	$(BIN)/jupyter labextension disable --level=sys_prefix "@jupyterlab/apputils-extension:announcements" >/dev/null 2>&1
	touch $(STAMP)

install: $(STAMP)

# JupyterLab refuses to run as root unless told; containers and workshop images often are root.
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: install
	$(BIN)/jupyter lab --notebook-dir=notebooks $(ROOT_FLAG)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check retention_kit tests benchmarks data notebooks

test: install lint browser postgres
	timeout --kill-after=60 $(TEST_TIMEOUT) $(BIN)/python -m pytest

# Debian's chromium for the Playwright suite (apt-get as root; otherwise those tests skip and
# say how to get a browser). Playwright's own browser download is not used: it needs a host
# that closed networks do not reach.
browser:
	bash tools/install_browser.sh

# Debian's postgresql for tests/test_postgres.py (apt-get as root; otherwise those tests skip
# and say how to get it). The tests start a throwaway server of their own, never the system's.
postgres:
	bash tools/install_postgres.sh

test-browser: install browser
	timeout --kill-after=60 $(TEST_TIMEOUT) $(BIN)/python -m pytest tests/browser

app: install
	$(BIN)/retention-kit app

strip: install
	$(BIN)/nbstripout notebooks/*.ipynb

SEED ?= 42
SCALE ?= 1
samples: install
	$(BIN)/python data/samples/generate.py --seed $(SEED) --scale $(SCALE) --out data/samples

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
