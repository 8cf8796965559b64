# The README's two commands: `make lab` and `make test`. Both set up .venv when it is missing.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: lab test lint pytest nbval schema bench clean

# Rebuilt when pyproject.toml changes, so a new dependency reaches everyone's .venv.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

.venv: $(VENV)/.installed

lab: .venv
	$(BIN)/jupyter lab notebooks/00_start_here.ipynb

test: .venv lint pytest nbval

lint: .venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

pytest: .venv
	$(BIN)/pytest

nbval: .venv
	$(BIN)/pytest --nbval notebooks --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider

schema: .venv
	$(PY) -m aftersales.schema schema

bench: .venv
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
