# The two commands of the README:
#   make lab    set up .venv (first time) and open the notebooks in JupyterLab
#   make test   set up .venv (first time) and run every check: lint, frictionless validate
#               (schema + the row rules of checks/figures.json), stripped notebooks, unit
#               tests, notebooks
# Everything is installed from requirements.lock (exact pins) into .venv; nothing global.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
# JupyterLab refuses to start as root unless told; containers and CI machines often are root.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test lint validate charts bench clean

lab: $(READY)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_ROOT)

test: $(READY) lint validate
	$(BIN)/nbstripout --verify notebooks/*.ipynb
	$(BIN)/pytest --nbval-lax --nbval-current-env

lint: $(READY)
	$(BIN)/ruff check .

# The one documented command (README, .github/workflows/validate.yml): schema, types, keys,
# foreign keys, hashes and bytes of every table, and the row rules of checks/figures.json
# (each formula guarded with `NAME is None or ...`, so the tables without those columns pass).
validate: $(READY)
	$(BIN)/frictionless validate datapackage.json --checklist checks/figures.json

# The README's charts (docs/img/*.png), drawn by the same code the notebooks use.
charts: $(READY)
	$(BIN)/python -m idlibstats.charts docs/img

# Speed measurements (not part of the tests); see docs/benchmarks.md.
bench: $(READY)
	$(BIN)/python benchmarks/run.py

$(READY): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "idlibstats needs Python 3.11 or newer, found " + sys.version.split()[0] + ": run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $@

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
