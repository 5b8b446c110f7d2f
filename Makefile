# cxgov: `make review` produces this month's governance review; `make test` runs the tests.
# Both set up the virtual environment first (.venv, from pyproject.toml).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CXGOV := $(VENV)/bin/cxgov
STAMP := $(VENV)/.installed-stamp
WORKSPACE ?= committees
MONTH ?= $(shell date +%Y-%m)
PORT ?= 8866

.PHONY: setup test lint review dashboard edit bench clean status validate

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

lint: setup
	$(PY) -m ruff check cxgov tests benchmarks
	$(PY) -m ruff format --check cxgov tests benchmarks
	$(PY) -m mypy

test: setup lint
	$(PY) -m pytest -q

validate: setup
	$(CXGOV) validate $(WORKSPACE)

status: setup
	$(CXGOV) status $(WORKSPACE)

review: setup
	$(CXGOV) validate $(WORKSPACE) || true
	$(CXGOV) review --workspace $(WORKSPACE) --month $(MONTH) --out reports

# The read-only stakeholder dashboard (Voila, preheated kernels) on this machine only: open the URL it prints.
dashboard: setup
	$(CXGOV) serve --workspace $(WORKSPACE) --port $(PORT)

# The chair's editor in JupyterLab (the kernel runs in notebooks/, hence the absolute path).
edit: setup
	CXGOV_WORKSPACE=$(abspath $(WORKSPACE)) $(VENV)/bin/jupyter lab notebooks/editor.ipynb

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) reports .pytest_cache .mypy_cache .ruff_cache
