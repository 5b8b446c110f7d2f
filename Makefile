# cxgov: `make review` produces last month's governance review; `make test` runs the tests.
# Both set up the virtual environment first (.venv, from pyproject.toml pinned by requirements/lock.txt).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CXGOV := $(VENV)/bin/cxgov
STAMP := $(VENV)/.installed-stamp
LOCK := requirements/lock.txt
LATEST_VENV ?= .venv-latest
WORKSPACE ?= committees
# The month to review (YYYY-MM). Empty: `cxgov review` takes the last complete month (in December, November);
# the month in progress only when asked for, e.g. `make review MONTH=2026-12`. PDF=1 adds a PDF of each page.
MONTH ?=
PDF ?=
PORT ?= 8866

.PHONY: setup test test-latest lint lock review dashboard edit bench clean status validate hub

setup: $(STAMP)

# Reproducible: every package, direct or not, at the version in the lock (pyproject.toml keeps ranges).
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --constraint $(LOCK) -e '.[dev]'
	touch $(STAMP)

# Refresh the lock after changing dependencies in pyproject.toml (or to take newer releases): uv resolves
# for every platform and Python 3.11+, then `make test` installs and checks the result.
lock:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --no-emit-package uv --upgrade -o $(LOCK)

# The whole suite against the newest releases pyproject.toml allows, in a venv of its own, so that a new
# release that breaks cxgov is found by us before a user's `pip install cxgov` finds it (CI: weekly).
test-latest:
	$(PYTHON) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e '.[dev]'
	$(LATEST_VENV)/bin/python -m pip list --format=freeze | $(LATEST_VENV)/bin/python .ci/drift.py $(LOCK)
	$(LATEST_VENV)/bin/python -m pytest -q

lint: setup
	$(PY) -m ruff check cxgov tests benchmarks
	$(PY) -m ruff format --check cxgov tests benchmarks
	$(PY) -m mypy

test: setup lint hub
	$(PY) -m pytest -q

# JupyterHub's proxy (configurable-http-proxy, from npm, versions locked in deploy/jupyterhub/proxy) beside the
# venv, for deploy/jupyterhub and tests/test_hub.py; jupyterhub itself is in the dev extra. Without npm the Hub
# test skips, except under CI=true (.ci/run installs npm).
HUB_PROXY := $(VENV)/hub/node_modules/.bin/configurable-http-proxy
hub: setup $(HUB_PROXY)

$(HUB_PROXY): deploy/jupyterhub/proxy/package.json deploy/jupyterhub/proxy/package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  if [ "$$CI" = true ]; then echo "npm not found: CI needs it for the Hub test" >&2; exit 1; fi; \
	  echo "npm not found: tests/test_hub.py will skip (apt-get install npm, then make hub)" >&2; exit 0; \
	fi; \
	mkdir -p $(VENV)/hub && cp $^ $(VENV)/hub/ && \
	npm ci --prefix $(VENV)/hub --no-audit --no-fund --loglevel=error && touch $@

validate: setup
	$(CXGOV) validate $(WORKSPACE)

status: setup
	$(CXGOV) status $(WORKSPACE)

review: setup
	$(CXGOV) validate $(WORKSPACE) || true
	$(CXGOV) review --workspace $(WORKSPACE) $(if $(MONTH),--month $(MONTH)) $(if $(PDF),--pdf) --out reports

# The read-only stakeholder dashboard (Voila, preheated kernels) on this machine only: open the URL it prints.
dashboard: setup
	$(CXGOV) serve --workspace $(WORKSPACE) --port $(PORT)

# The chair's editor, ready to use: JupyterLab's server opens on notebooks/editor.ipynb rendered by Voila's
# server extension (/voila/render/...): the forms only, already running, no code, no notebook to save; the
# notebook stays at /lab for whoever wants the code. The kernel runs in notebooks/, hence the absolute
# workspace path. Nothing from a CDN: the dashboard's template (Voila's lab page without its CDN links), and
# no MathJax URL (Voila's page then uses JupyterLab's own). A closed tab shuts its kernel down (the
# cxgov.editor.server extension lets Voila's request through); a kernel whose page vanished without closing
# (a crashed browser) is culled after an hour idle. EDIT_ARGS adds server options (--port=8890).
EDIT_URL := /voila/render/notebooks/editor.ipynb
EDIT_ARGS ?=
edit: setup
	CXGOV_WORKSPACE=$(abspath $(WORKSPACE)) JUPYTER_PATH=$(abspath cxgov/dashboard/share)$(if $(JUPYTER_PATH),:$(JUPYTER_PATH)) \
	  $(VENV)/bin/jupyter lab --LabApp.default_url=$(EDIT_URL) --VoilaConfiguration.template=cxgov \
	  --VoilaConfiguration.strip_sources=True --VoilaConfiguration.show_tracebacks=False \
	  "--ServerApp.tornado_settings={'mathjax_url': None, 'mathjax_config': None}" \
	  "--ServerApp.jpserver_extensions={'cxgov.editor.server': True}" \
	  --MappingKernelManager.cull_idle_timeout=3600 --MappingKernelManager.cull_interval=300 $(EDIT_ARGS)

bench: setup
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) $(LATEST_VENV) reports .pytest_cache .mypy_cache .ruff_cache
