# Two commands set everything up and run: `make explore` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NPM_STAMP := bridge/node_modules/.package-lock.json
ARGS ?=

.PHONY: explore test setup lint unit integration e2e benchmarks clean

explore: setup
	$(BIN)/voyager explore $(ARGS)

# unit tests start no server: one worker per core; the world's tests run one at a time
test: setup lint
	$(BIN)/pytest -q -n auto tests/unit
	$(BIN)/pytest -q --durations=25 tests/integration tests/e2e

setup: $(VENV)/.installed $(NPM_STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# npm writes node_modules/.package-lock.json on every install: newer than the lockfile means done.
$(NPM_STAMP): bridge/package-lock.json
	cd bridge && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# skills/ is written in the style the LLM writes (semicolons): it is only syntax-checked
lint: $(VENV)/.installed $(NPM_STAMP)
	$(BIN)/ruff check voyager tests benchmarks
	$(BIN)/ruff format --check voyager tests benchmarks
	$(BIN)/mypy
	find bridge/bot bridge/world bridge/tools skills -name '*.js' -print0 | xargs -0 -r -n1 node --check
	bridge/node_modules/.bin/standard bridge/bot bridge/world bridge/tools bridge/viewer tests/integration/world/scripts

unit: setup
	$(BIN)/pytest -q -n auto tests/unit

integration: setup
	$(BIN)/pytest -q tests/integration

e2e: setup
	$(BIN)/pytest -q tests/e2e

benchmarks: setup
	for script in benchmarks/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) bridge/node_modules .pytest_cache .mypy_cache .ruff_cache
