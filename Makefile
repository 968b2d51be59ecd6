# Two installs, in one venv (.venv):
#   make lab    the course only (core dependencies, ~1-2 min): JupyterLab on a copy of the course
#   make test   adds the test, engine and browser extras (TEST_EXTRAS), then runs every test
# `make lab` then `make test` upgrades the venv; each step re-runs only when pyproject.toml or
# setup.py changes. uv is used when it is on PATH or in the venv (much faster), pip otherwise.
# Without make (Windows, macOS): python tools/setup_course.py lab  (see README).

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
LAB_STAMP  = $(VENV)/.installed-lab
TEST_STAMP = $(VENV)/.installed-test
# Extras of `make test`; other targets may add theirs (e.g. TEST_EXTRAS += postgres,book).
TEST_EXTRAS ?= test,big,browser,book,postgres
# make lab PORT=9999 NOBROWSER=1; COURSE is the students' working copy (git ignores it).
PORT      ?= 8888
NOBROWSER ?=
COURSE    ?= my-course
# Global limit for the whole test run, so one hanging kernel cannot eat CI's 90 minutes.
TEST_TIMEOUT ?= 3600

UV := $(or $(shell command -v uv 2>/dev/null),$(wildcard $(BIN)/uv))
ifneq ($(UV),)
MKVENV      = $(UV) venv --seed --python $(PYTHON) $(VENV)
PIP_INSTALL = $(UV) pip install --python $(BIN)/python
else
MKVENV      = $(PYTHON) -m venv $(VENV)
PIP_INSTALL = $(BIN)/python -m pip install --progress-bar on
endif

.PHONY: help book postgres install install-test lab lab-src test test-browser browser app lint strip samples clean mutation

help:
	@echo "make lab      install the course only, then open JupyterLab on $(COURSE)/ (PORT=, NOBROWSER=1)"
	@echo "make lab-src  JupyterLab on notebooks/ itself (for course authors: edits dirty the clone)"
	@echo "make test     install the test extras too, then run every test (browser tests included)"
	@echo "make app      serve the interactive notebooks as dashboards, code hidden (Voila)"
	@echo "make lint     ruff check + ruff format --check (notebooks included)"
	@echo "make strip    remove stored outputs from the notebooks (before committing)"
	@echo "make samples  regenerate data/samples/ (SEED=42 SCALE=1)"
	@echo "make book     the course as a static site, notebooks executed (build/book/index.html)"

$(BIN)/python:
	@echo "== [1/3] creating $(VENV) with $(PYTHON) $(if $(UV),(uv),(pip))"
	$(MKVENV)

# The install also switches off JupyterLab's "get Jupyter news?" pop-up: in an offline room it
# would cover the notebooks and try to reach jupyter.org. The kernel is the kit's own ipykernel
# wrapper, without the "running over TCP without encryption" warning (retention_kit/_kernel.py).
$(LAB_STAMP): pyproject.toml setup.py | $(BIN)/python
	@echo "== [2/3] installing the course (core dependencies only)"
	$(PIP_INSTALL) -e .
	@echo "== [3/3] kernel and JupyterLab settings"
	$(BIN)/python -m retention_kit._kernel --install
	$(BIN)/jupyter labextension disable --level=sys_prefix "@jupyterlab/apputils-extension:announcements" >/dev/null 2>&1
	touch $(LAB_STAMP)

$(TEST_STAMP): $(LAB_STAMP)
	@echo "== installing the test extras: $(TEST_EXTRAS)"
	$(PIP_INSTALL) -e '.[$(TEST_EXTRAS)]'
	touch $(TEST_STAMP)

install: $(LAB_STAMP)
install-test: $(TEST_STAMP)

# JupyterLab refuses to run as root unless told; containers and workshop images often are root.
ROOT_FLAG = $(if $(filter 0,$(shell id -u)),--allow-root,)
LAB_FLAGS = --port=$(PORT) $(if $(NOBROWSER),--no-browser,) $(ROOT_FLAG)

# Students work in a copy of the course ($(COURSE)/, ignored by git): autosave never dirties the
# clone, `git pull` never conflicts, and re-running `make lab` adds new notebooks but keeps the
# ones a student edited (it lists them).
lab: install
	$(BIN)/retention-kit course $(COURSE)
	$(BIN)/jupyter lab --notebook-dir=$(COURSE) $(LAB_FLAGS)

lab-src: install
	$(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_FLAGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check retention_kit tests benchmarks data notebooks

test: install-test lint browser postgres
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

test-browser: install-test browser
	timeout --kill-after=60 $(TEST_TIMEOUT) $(BIN)/python -m pytest tests/browser

$(VENV)/.installed-app: $(LAB_STAMP)
	$(PIP_INSTALL) -e '.[app]'
	touch $@

app: $(VENV)/.installed-app
	$(BIN)/retention-kit app

strip: install-test
	$(BIN)/nbstripout notebooks/*.ipynb $(wildcard notebooks/*/*.ipynb)

SEED ?= 42
SCALE ?= 1
samples: install-test
	$(BIN)/python data/samples/generate.py --seed $(SEED) --scale $(SCALE) --out data/samples

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts

# The course book (Sphinx + myst-nb, docs/book/conf.py): executes every notebook, renders the
# API from the docstrings, fails on any warning (-W), works offline. tests/test_book.py builds it
# in `make test` too.
book: install-test
	$(BIN)/python -m sphinx -W --keep-going -b html -c docs/book -d build/book-doctrees . build/book
	@echo "book: open build/book/index.html"

# Mutation testing of the core modules (mutmut 3, docs/testing.md): slow, never part of `make test`.
# MODULES="stats export" limits it; the summary per module is build/mutation/summary.md.
MODULES ?=
$(VENV)/.installed-mutation: $(TEST_STAMP)
	$(PIP_INSTALL) -e '.[test,mutation]'
	touch $@

mutation: $(VENV)/.installed-mutation
	nice -n 19 $(BIN)/python tools/mutation.py $(MODULES)
