# The set-up contract: `make demo` and `make test` work from a fresh clone.
PYTHON ?= python3
VENV ?= .venv
TORCH_SPEC ?= torch==2.13.0
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: demo test lint typecheck pytest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# torch is installed first, from the pinned spec, so no extra pulls another build.
$(VENV)/.torch: | $(BIN)/python
	$(PIP) install --quiet "$(TORCH_SPEC)"
	touch $@

$(VENV)/.installed-all: pyproject.toml $(VENV)/.torch
	$(PIP) install --quiet -e ".[all]" "$(TORCH_SPEC)"
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.torch
	$(PIP) install --quiet -e ".[dev]" "$(TORCH_SPEC)"
	touch $@ $(VENV)/.installed-all

demo: $(VENV)/.installed-all
	$(BIN)/mutinfo demo --force
	$(BIN)/mutinfo report src/mutinfo/datasets/data/wine.csv --target cultivar --rng 0 --force -o mutinfo-demo/wine-report.html

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

test: lint typecheck pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache mutinfo-demo
