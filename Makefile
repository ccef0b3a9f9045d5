# One command runner. `make help` lists the targets.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

# llama-cpp-python for the local-model tests, built once per machine without AMX/AVX-512:
# native builds died with SIGILL on VMs that advertise AMX (docs/decisions/005-llama-cpp-build.md).
LLAMA_VERSION := 0.3.36
LLAMA_CMAKE   := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
                 -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
LLAMA_WHEELS  ?= $(HOME)/.cache/interviewer/wheels/llama-$(LLAMA_VERSION)-avx2

.DEFAULT_GOAL := help
.PHONY: help install install-dev llama-wheel lock setup ingest run app serve deploy-config soak-proxy system-deps test test-unit \
        test-fast lint format typecheck contracts check evals local-model local-server \
        record-local bench soak clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Both installs take the exact versions that were tested (requirements/*.lock), then the
# project itself without resolving anything again.
$(VENV)/.installed: pyproject.toml requirements/run.lock | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/run.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(LLAMA_WHEELS)/.built:
	mkdir -p $(LLAMA_WHEELS)
	CMAKE_ARGS="$(LLAMA_CMAKE)" $(BIN)/pip wheel --quiet --no-cache-dir --no-deps \
		llama-cpp-python==$(LLAMA_VERSION) -w $(LLAMA_WHEELS)
	@touch $@

llama-wheel: $(BIN)/python $(LLAMA_WHEELS)/.built  ## build llama-cpp-python once (about 6 min), portably

$(VENV)/.installed-dev: pyproject.toml requirements/dev.lock $(VENV)/.installed $(LLAMA_WHEELS)/.built
	$(BIN)/pip install --quiet --no-deps $(LLAMA_WHEELS)/llama_cpp_python-$(LLAMA_VERSION)-*.whl
	$(BIN)/pip install --quiet -r requirements/dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

install: $(VENV)/.installed  ## create .venv and install the project (runtime dependencies)

install-dev: $(VENV)/.installed-dev  ## install the test and developer extras too

lock: install-dev  ## re-resolve requirements/*.lock from pyproject.toml (then test, then commit)
	$(BIN)/pip-compile -q pyproject.toml --strip-extras --no-emit-index-url --no-emit-find-links \
		--annotation-style=line -o requirements/run.lock
	$(BIN)/pip-compile -q pyproject.toml --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links --annotation-style=line -o requirements/dev.lock

setup: install  ## install, then fetch and verify the offline model files
	$(BIN)/interviewer setup

ingest: setup  ## embed the knowledge base into the local Chroma folder
	$(BIN)/interviewer ingest

run: ingest  ## set everything up and serve the app on embedded defaults
	$(BIN)/interviewer app

app:  ## serve the app (assumes `make ingest` ran)
	$(BIN)/interviewer app

WORKERS ?= 2
serve: ingest  ## several app processes behind HAProxy on :7860 (WORKERS=2; needs haproxy)
	$(BIN)/interviewer serve --workers $(WORKERS)

deploy-config:  ## rewrite deploy/haproxy.cfg from the compose topology
	$(BIN)/interviewer deploy-config > deploy/haproxy.cfg

system-deps:  ## Debian's chromium, postgresql, bubblewrap (the coding sandbox), haproxy (apt, when root)
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v bwrap >/dev/null 2>&1 || missing="$$missing bubblewrap"; \
	command -v haproxy >/dev/null 2>&1 || missing="$$missing haproxy"; \
	if [ -z "$$missing" ]; then echo "system packages present: chromium, postgresql, bubblewrap, haproxy"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing:$$missing"; apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "missing:$$missing (not root): those tests will be skipped"; fi

test: install-dev setup system-deps  ## set everything up, then lint, types, contracts, evals and every test
	$(BIN)/interviewer setup --test-model
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m interviewer.settings_doc --check
	$(MAKE) --no-print-directory evals
	INTERVIEWER_REQUIRE_SANDBOX=$$([ "$$(id -u)" = 0 ] && echo 1 || echo 0) $(BIN)/python -m pytest

test-unit: install-dev setup  ## the unit layer only (pure functions, seconds)
	$(BIN)/python -m pytest tests/unit -q

test-fast: install-dev setup  ## the tests without real servers or browsers
	$(BIN)/python -m pytest -m "not server and not browser and not slow"

lint: install-dev  ## ruff (style, imports, common bugs)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev  ## apply ruff's fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: install-dev  ## mypy over the package and the tests
	$(BIN)/mypy

contracts: install-dev  ## the import layers (import-linter): arrows point one way
	$(BIN)/lint-imports

check: lint typecheck contracts test  ## everything CI runs

# The real local model's suites: recorded once with `make record-local` (the model served by
# `make local-server` in another shell), replayed in every `make evals` without the model.
# Every 4th STAR item, every 6th technical item, every 10th follow-up case and the 12
# held-out CVs of cv3: the model takes about a minute per call on 2 cores
# (evals/README.md). The same settings record and replay.
LOCAL_BRAIN := openai:qwen2.5-coder-1.5b
LOCAL_RECORDINGS := evals/recordings_local/qwen2.5-coder-1.5b
LOCAL_ENV := INTERVIEWER_STRUCTURED_OUTPUT=json_object INTERVIEWER_STRUCTURED_MAX_ATTEMPTS=2
LOCAL_EVAL := $(BIN)/interviewer eval --brain $(LOCAL_BRAIN) --recordings $(LOCAL_RECORDINGS) \
              --thresholds evals/thresholds_local_model.yaml --samples 500
LOCAL_URL ?= http://127.0.0.1:8765/v1
# held out: the model reads CVs nobody tuned on
LOCAL_CVS := evals/data/independent/cv3

evals: setup  ## eval suites: offline engine, and the LLM path replayed from evals/recordings
	$(BIN)/interviewer eval all --samples 500 --report artifacts/evals/offline
	$(BIN)/interviewer eval all --brain scripted:mirror --samples 500 --report artifacts/evals/replay
	$(LOCAL_ENV) $(LOCAL_EVAL) star --every 4 --report artifacts/evals/local-star
	$(LOCAL_ENV) $(LOCAL_EVAL) technical --every 6 --report artifacts/evals/local-technical
	$(LOCAL_ENV) $(LOCAL_EVAL) profile --dataset $(LOCAL_CVS) --report artifacts/evals/local-profile
	$(LOCAL_ENV) $(LOCAL_EVAL) followup --every 10 --report artifacts/evals/local-followup

local-model: setup  ## fetch and verify the 1.1 GB local model (Qwen2.5-Coder-1.5B-Instruct GGUF)
	$(BIN)/interviewer setup --local-model

local-server: install-dev  ## serve the local model on 127.0.0.1:8765 (OpenAI-compatible)
	$(BIN)/interviewer local-server

record-local: install-dev  ## record the local-model suites (needs `make local-server` running)
	INTERVIEWER_BASE_URL=$(LOCAL_URL) INTERVIEWER_LLM_TIMEOUT_S=300 INTERVIEWER_LLM_MAX_RETRIES=0 \
		$(LOCAL_ENV) $(LOCAL_EVAL) star --every 4 --cache || true
	INTERVIEWER_BASE_URL=$(LOCAL_URL) INTERVIEWER_LLM_TIMEOUT_S=300 INTERVIEWER_LLM_MAX_RETRIES=0 \
		$(LOCAL_ENV) $(LOCAL_EVAL) technical --every 6 --cache || true
	INTERVIEWER_BASE_URL=$(LOCAL_URL) INTERVIEWER_LLM_TIMEOUT_S=300 INTERVIEWER_LLM_MAX_RETRIES=0 \
		$(LOCAL_ENV) $(LOCAL_EVAL) profile --dataset $(LOCAL_CVS) --cache || true
	INTERVIEWER_BASE_URL=$(LOCAL_URL) INTERVIEWER_LLM_TIMEOUT_S=300 INTERVIEWER_LLM_MAX_RETRIES=0 \
		$(LOCAL_ENV) $(LOCAL_EVAL) followup --every 10 --cache || true

bench: setup  ## benchmarks: print a table against the targets, write bench/results/latest.json
	$(BIN)/python bench/run.py

soak: setup  ## 20 candidates for 10 minutes against the app: errors, latency, memory growth
	$(BIN)/python bench/soak.py --seconds 600

soak-proxy: setup  ## the same soak through HAProxy in front of 2 workers
	$(BIN)/python bench/soak.py --seconds 600 --workers 2

clean:  ## remove the venv and local state (data/)
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
