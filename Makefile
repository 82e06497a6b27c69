# rightsgate: `make demo` runs the main job, `make test` runs the test suite.
# Both create and use a local virtual environment (.venv) with pinned dependencies.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint schema docs clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/rightsgate assess examples/requests/*.json

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks.assess_bench
	$(BIN)/python -m benchmarks.screening_bench
	$(BIN)/python -m benchmarks.import_bench
	$(BIN)/python -m benchmarks.report_bench

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
