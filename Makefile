# One command runner. `make help` lists the targets.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.DEFAULT_GOAL := help
.PHONY: help install install-dev setup ingest run app system-deps test test-fast lint format typecheck check evals bench soak clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

# The test and dev extras compile llama-cpp-python once (minutes): only `make test` and the
# developer targets pay for it, not `make run`.
$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed  ## create .venv and install the project (runtime dependencies)

install-dev: $(VENV)/.installed-dev  ## install the test and developer extras too

setup: install  ## install, then fetch and verify the offline model files
	$(BIN)/interviewer setup

ingest: setup  ## embed the knowledge base into the local Chroma folder
	$(BIN)/interviewer ingest

run: ingest  ## set everything up and serve the app on embedded defaults
	$(BIN)/interviewer app

app:  ## serve the app (assumes `make ingest` ran)
	$(BIN)/interviewer app

system-deps:  ## Debian's chromium and postgresql for the browser and database tests (apt, when root)
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -z "$$missing" ]; then echo "system packages present: chromium, postgresql"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing:$$missing"; apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "missing:$$missing (not root): those tests will be skipped"; fi

test: install-dev setup system-deps  ## set everything up, then lint, type-check and run the whole test suite
	$(BIN)/interviewer setup --test-model
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(MAKE) --no-print-directory evals
	$(BIN)/python -m pytest

test-fast: install-dev setup  ## the tests without real servers or browsers
	$(BIN)/python -m pytest -m "not server and not browser and not slow"

lint: install-dev  ## ruff (style, imports, common bugs)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install-dev  ## mypy over the package
	$(BIN)/mypy

check: lint typecheck test  ## everything CI runs


evals: setup  ## eval suites: offline engine, and the LLM path replayed from evals/recordings
	$(BIN)/interviewer eval all --samples 500 --report artifacts/evals/offline
	$(BIN)/interviewer eval all --brain scripted:mirror --samples 500 --report artifacts/evals/replay

bench: setup  ## benchmarks: print a table against the targets, write bench/results/latest.json
	$(BIN)/python bench/run.py

soak: setup  ## 20 candidates for 10 minutes against the app: errors, latency, memory growth
	$(BIN)/python bench/soak.py --seconds 600

clean:  ## remove the venv and local state (data/)
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
