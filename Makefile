# Ketenmonitor: `make run` (the monthly job on the embedded sample data) and `make test`.
# Both create the environment first when it is missing: uv from PyPI into .tools/, then the
# locked dependencies into .venv/ (uv.lock), and a DuckDB 1.x client into .venv-duckdb1/ for the
# test that the analysts' snapshot opens in 1.x (tools/duckdb1/requirements.txt, hash-pinned).

SHELL := /bin/bash
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
# A DuckDB 1.x client, apart from the runtime: the test that the analysts' snapshot opens in 1.x.
VENV_DUCKDB1 := .venv-duckdb1
UV_VERSION := 0.13.8

export DAGSTER_HOME := $(CURDIR)/.dagster_home
export DAGSTER_DISABLE_TELEMETRY := 1
export GX_ANALYTICS_ENABLED := False
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

.PHONY: run test test-fast ui env sample lint bench betrouwbaarheid clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	@scripts/ensure-system-packages.sh
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $@

# The instance settings of pipelines/dagster.yaml (telemetry off, one warehouse writer at a time).
$(DAGSTER_HOME)/dagster.yaml: pipelines/dagster.yaml
	@mkdir -p $(DAGSTER_HOME)
	@cp pipelines/dagster.yaml $@

$(VENV_DUCKDB1)/.synced: $(UV) tools/duckdb1/requirements.txt
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV_DUCKDB1)
	$(UV) pip install --quiet --python $(VENV_DUCKDB1)/bin/python --require-hashes -r tools/duckdb1/requirements.txt
	@touch $@

env: $(VENV)/.synced $(VENV_DUCKDB1)/.synced $(DAGSTER_HOME)/dagster.yaml

run: env
	$(VENV)/bin/ketenmonitor run $(if $(MAAND),--maand $(MAAND),)

# The house rules first (seconds), then the suite.
test: lint
	$(PY) -m pytest -n 2 --dist loadgroup -q

# The fast tier: everything not marked slow (pyproject.toml, [tool.pytest.ini_options] markers).
test-fast: lint
	$(PY) -m pytest -n 2 --dist loadgroup -q -m "not slow"

# docs/betrouwbaarheid.md, written by the tests that try corpus, kills, concurrent runs and attacks.
RELIABILITY_TESTS := tests/test_corpus.py tests/test_breekpunten.py tests/test_writer_lock.py \
  tests/test_ingest_landing_boundary.py tests/test_cbs_odata.py
betrouwbaarheid: env
	KETENMONITOR_BETROUWBAARHEID_DOC=$(CURDIR)/docs/betrouwbaarheid.md $(PY) -m pytest -n 2 --dist loadgroup -q \
	  $(RELIABILITY_TESTS)

ui: env
	$(VENV)/bin/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

sample: env
	$(PY) tools/generate_sample.py

# ruff's formatter and the rule set in pyproject.toml, over the whole tree.
LINT_PATHS := pipelines tests tools benchmarks
lint: env
	$(VENV)/bin/ruff format --check $(LINT_PATHS)
	$(VENV)/bin/ruff check $(LINT_PATHS)

# Performance targets, one RESULT line each; BENCH_QUICK=1 for the reduced scale.
bench: env
	$(PY) benchmarks/run_all.py

clean:
	rm -rf warehouse reports/output $(DAGSTER_HOME)
