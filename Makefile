# The two commands of the README:
#   make lab    set up .venv (first time), install the git filter that strips notebook
#               outputs on commit, and open the notebooks in JupyterLab
#   make test   set up .venv (first time) and run every check: lint, frictionless validate
#               (schema + the row rules of checks/figures.json), stripped notebooks, unit
#               tests, notebooks, on every core
# Everything is installed from requirements.lock (exact pins, with hashes) into .venv; nothing
# global. `make lock` regenerates the lock (see the README, section Releases).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
# Which interpreter .venv was made with: its version and real path. `make PYTHON=python3.12 test`
# after a run with another Python finds a different line here and rebuilds .venv.
INTERPRETER := $(VENV)/.interpreter
IDENTIFY := -c 'import os, sys; print(sys.version.split()[0], os.path.realpath(sys.executable))'
PYTHON_ID := $(shell $(PYTHON) $(IDENTIFY) 2>/dev/null)
# pip-tools only regenerates the lock (make lock); it is not a dependency of the project.
PIP_TOOLS := pip-tools==7.6.2
TOOLS := .tools
# JupyterLab refuses to start as root unless told; containers and CI machines often are root.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab filter test test-long stripped lint validate docs html sdist charts bench draft-eval lock clean browser FORCE

# Kernel details a run adds (the notebooks keep only language_info.name), stripped too.
NB_EXTRA_KEYS := $(addprefix metadata.language_info.,codemirror_mode file_extension mimetype nbconvert_exporter pygments_lexer version)

# Extra arguments go to JupyterLab: make lab ARGS='--port 8899 --no-browser'.
# First, the git filter that strips outputs on commit (.gitattributes names it; nbstripout
# --install defines it in this clone's .git/config), so notebooks run and saved in the lab
# can be committed as they are. .jupyter/jupyter_server_config.py (JUPYTER_CONFIG_PATH)
# keeps `git status` clean for a notebook saved with outputs and no other change.
lab: $(READY) filter
	JUPYTER_CONFIG_PATH=$(CURDIR)/.jupyter $(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_ROOT) $(ARGS)

filter: $(READY)
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  $(BIN)/nbstripout --install --attributes .gitattributes && \
	  git config filter.nbstripout.extrakeys "$(NB_EXTRA_KEYS)" && \
	  echo "git filter nbstripout installed: notebook outputs are stripped on commit"; \
	else echo "not a git clone: no filter to install"; fi

# The tests run on every core (pytest-xdist; `make test WORKERS=0`: one process), a test
# module at a time (--dist loadscope: a module's fixtures are built once); the notebooks and
# then the site that shows their outputs as one unit (conftest.py).
# `make test-long` (as CI) runs the slow property tests with all their examples.
# PYTHONDONTWRITEBYTECODE is emptied for the tests: with it set, pytest cannot keep its
# rewritten test modules (nor Python the library's bytecode) in __pycache__/ (ignored by git),
# so every worker and every process the tests start compiles them again: 4 s a worker.
WORKERS ?= auto
test: $(READY) lint validate stripped browser
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n $(WORKERS) --dist loadscope --nbval-lax --nbval-current-env

test-long:
	IDLIBSTATS_LONG_TESTS=1 $(MAKE) --no-print-directory test

# The notebooks as git holds them (the index: what the next commit records, and in a fresh
# clone what HEAD holds) carry no outputs. The working copy may: the lab autosaves outputs,
# and the filter strips them when they are added. Outside a git clone: the files themselves.
stripped: $(READY)
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  for f in $$(git ls-files 'notebooks/*.ipynb'); do \
	    mkdir -p "$$tmp/$$(dirname $$f)" && git show ":$$f" > "$$tmp/$$f" || exit 1; \
	  done && \
	  echo "nbstripout --verify on the notebooks as git holds them (git show :notebooks/...)" && \
	  cd "$$tmp" && $(abspath $(BIN))/nbstripout --verify notebooks/*.ipynb; \
	else $(BIN)/nbstripout --verify notebooks/*.ipynb; fi

# The browser tests (tests/browser.py) drive Debian's chromium; install it when it is missing
# and this user may (root, apt-get). Otherwise say how: the tests then skip with that reason
# (and fail under IDLIBSTATS_REQUIRE_BROWSER=1, as .ci/run sets).
browser:
	@if command -v chromium >/dev/null 2>&1 || [ -n "$$IDLIBSTATS_CHROMIUM" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium for the browser tests" && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "no chromium: the browser tests will skip (install Debian's chromium, or set IDLIBSTATS_CHROMIUM)"; fi

# The documentation site (docs/, Sphinx with MyST-NB and furo) into build/html/: the pages,
# the notebooks executed, the data dictionary and the command line reference generated, the
# API reference from the docstrings. -W: a warning (a broken link between pages, a notebook
# cell that fails, a docstring that does not parse) fails the build. The notebooks run again
# only when they, the data or the library change (MyST-NB's cache, build/jupyter_cache/).
# `make html` is the same target.
docs html: $(READY)
	$(BIN)/sphinx-build -W --keep-going -q -b html -d build/doctrees docs build/html
	@echo "the site is in build/html/: open build/html/index.html"

# The source archive, dist/idlibstats-VERSION.tar.gz, from the files git holds at HEAD (git
# archive, then hatchling in that copy): notebook outputs saved in the lab and files git does
# not track never reach it. Changes not yet committed are refused rather than left out
# silently (git diff runs the notebook filter: outputs alone are not a change).
sdist: $(READY)
	@git rev-parse --is-inside-work-tree >/dev/null 2>&1 || { echo "make sdist builds from git: run it in a clone"; exit 1; }
	@git diff --quiet HEAD -- || { git status --short --untracked-files=no; echo "changes not committed (above): commit them first, the sdist is built from HEAD"; exit 1; }
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  git archive HEAD | tar -x -C "$$tmp" && \
	  cd "$$tmp" && $(abspath $(BIN))/python -m hatchling build -t sdist -d "$(CURDIR)/dist"

lint: $(READY)
	$(BIN)/ruff check .

# The one documented command (README, .github/workflows/validate.yml): schema, types, keys,
# foreign keys, hashes and bytes of every table, and the row rules of checks/figures.json
# (each formula guarded with `NAME is None or ...`, so the tables without those columns pass).
validate: $(READY)
	$(BIN)/frictionless validate datapackage.json --checklist checks/figures.json

# The README's charts (docs/img/*.png), drawn by the same code the notebooks use; each chart's
# description becomes the alt text of its image in the README (and in any docs/ page).
charts: $(READY)
	$(BIN)/python -m idlibstats.charts docs/img $(addprefix --markdown ,README.md $(wildcard docs/*.md docs/*/*.md))

# Speed measurements (not part of the tests); see docs/benchmarks.md.
bench: $(READY)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/fast_paths.py

# How well `idlibstats draft` reads: recall, labels, false rows on tests/draft_corpus/ and,
# when IDLIBSTATS_REPORT_TEXTS is set, on the seed reports (not part of the tests).
draft-eval: $(READY)
	$(BIN)/python benchmarks/draft_eval.py

# The lock is also the constraints (-c): a pip older than 23.3 (Python 3.11's own is 23.2)
# otherwise takes the newest jsonschema for jupyter-events' `jsonschema[format-nongpl]`, not the
# lock's pin, and stops ('all requirements must have their versions pinned') in hash mode.
$(READY): $(INTERPRETER) pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock -c requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $@

# Rewritten (and .venv removed) only when PYTHON is another interpreter than .venv's. A .venv
# made before this stamp existed is asked itself (its python resolves to the interpreter
# that made it), so it is kept when it already matches.
$(INTERPRETER): FORCE
	@test -n "$(PYTHON_ID)" || { echo "cannot run PYTHON=$(PYTHON): install it or pass PYTHON=..."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "idlibstats needs Python 3.11 or newer, found " + sys.version.split()[0] + ": run make PYTHON=python3.11 ...")'
	@if [ ! -f $@ ] && [ -x $(BIN)/python ] && [ "$$($(BIN)/python $(IDENTIFY) 2>/dev/null)" = "$(PYTHON_ID)" ]; then \
	  echo "$(PYTHON_ID)" > $@; \
	fi
	@if [ "$$(cat $@ 2>/dev/null)" != "$(PYTHON_ID)" ]; then \
	  if [ -d $(VENV) ]; then echo "$(VENV) was made with another Python: rebuilding it with $(PYTHON_ID)"; fi; \
	  rm -rf $(VENV); mkdir -p $(VENV); echo "$(PYTHON_ID)" > $@; \
	fi

# Regenerate requirements.lock with a sha256 hash for every file of every pinned release.
# Pins already in the lock are kept (pip-compile's rule); `make lock ARGS=--upgrade` moves
# them all, `make lock ARGS='--upgrade-package pandas'` one. Needs the package index.
lock:
	test -x $(TOOLS)/bin/pip-compile || { $(PYTHON) -m venv $(TOOLS) && $(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS); }
	$(TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --extra dev \
	  --no-emit-index-url --no-emit-find-links --output-file requirements.lock $(ARGS) pyproject.toml

clean:
	rm -rf $(VENV) $(TOOLS) build dist docs/notebooks .pytest_cache .ruff_cache .hypothesis
