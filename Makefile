# The README's two commands: `make lab` and `make test`. Both set up .venv when it is missing.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PYTHON ?= python3

.PHONY: lab test lint pytest nbval notebook-store notebooks schema bench clean

# Rebuilt when pyproject.toml changes, so a new dependency reaches everyone's .venv.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

.venv: $(VENV)/.installed

# JupyterLab refuses to start as root without --allow-root (container users often are root).
lab: .venv
	$(BIN)/jupyter lab $$(test "$$(id -u)" = 0 && echo --allow-root) notebooks/00_start_here.ipynb

test: .venv lint pytest nbval

lint: .venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

pytest: .venv
	$(BIN)/pytest

# The notebooks run against a store seeded by demo-data, so mentor outputs are deterministic.
NB_ENV = AFTERSALES_DB=$(CURDIR)/build/notebooks.sqlite AFTERSALES_LANG=en AFTERSALES_TRAINEE=an.li
notebook-store: .venv
	mkdir -p build && rm -f build/notebooks.sqlite*
	$(NB_ENV) $(BIN)/aftersales demo-data --trainees 8 --seed 7 >/dev/null

# Lax: notebooks are committed without outputs (src/aftersales/labhooks.py), so nbval runs every cell
# and fails on any error; what the worked examples show is checked by tests/test_notebooks.py.
nbval: notebook-store
	$(NB_ENV) $(BIN)/pytest --nbval-lax notebooks --nbval-sanitize-with notebooks/sanitize.cfg -p no:cacheprovider

# Notebooks are committed clean: `make notebooks` strips outputs a run left in them.
notebooks: .venv
	$(BIN)/nbstripout notebooks/*.ipynb

# JupyterLab loads etc/jupyter/jupyter_server_config.json: its pre-save hook keeps the shipped
# notebooks byte-identical to the committed ones, so a trainee's runs never block `git pull`.
export JUPYTER_CONFIG_PATH := $(CURDIR)/etc/jupyter

schema: .venv
	$(PY) -m aftersales.schema schema

bench: notebook-store
	$(NB_ENV) $(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
