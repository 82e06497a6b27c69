# rightsgate: `make demo` seeds a fictional demo database and serves the app, `make test` runs the tests.
# Both create and use a local virtual environment (.venv) with pinned dependencies.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CHROMIUM := $(VENV)/.chromium
BENCH_STAMP := $(VENV)/.bench
DEMO_DB := sqlite:///./demo.db

.PHONY: demo test bench lint schema docs clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

# The benchmarks also need DuckDB (the columnar floor of the report benchmark).
$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev,bench]'
	touch $(BENCH_STAMP)

# The browser tests drive Debian's chromium; install it once when it is missing.
$(CHROMIUM): | $(STAMP)
	test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)
	touch $(CHROMIUM)

demo: $(STAMP)
	rm -f demo.db demo.db-wal demo.db-shm
	RIGHTSGATE_DATABASE_URL=$(DEMO_DB) $(BIN)/rightsgate demo seed
	RIGHTSGATE_DATABASE_URL=$(DEMO_DB) RIGHTSGATE_SECURE_COOKIES=false $(BIN)/rightsgate serve

test: $(STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest -n 2 -q

bench: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks.assess_bench
	$(BIN)/python -m benchmarks.screening_bench
	$(BIN)/python -m benchmarks.import_bench
	$(BIN)/python -m benchmarks.report_bench
	$(BIN)/python -m benchmarks.api_bench 60

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

schema: $(STAMP)
	$(BIN)/rightsgate schema > schemas/request.schema.json
	$(BIN)/rightsgate report schema > schemas/report.schema.json

docs: $(STAMP)
	$(BIN)/rightsgate rules list --format md > docs/rules.md

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache .ruff_cache
