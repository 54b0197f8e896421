"""How ``make test`` shares the tests and the notebooks out between the cores.

``make test`` runs pytest-xdist with ``--dist loadscope``: each test module goes, whole, to
whichever worker is free (so a module-scoped fixture, a site build or a JupyterLab server, is
built once, not once per worker), and each notebook's cells run in order on one worker. These
hooks live at the top of the project because they concern ``notebooks/`` (nbval) as much as
``tests/``; the tests' own fixtures are in ``tests/conftest.py``.

The notebooks and the documentation site (``tests/test_site.py``) are one unit, the notebooks
first. Each notebook nbval ran without an error goes to the site's notebook cache
(``docs/_ext/notebook_cache.py``), so the site built next shows nbval's outputs and the
notebooks are executed once in ``make test``, not twice. Modules that share one expensive
piece of work in a process are one unit, so that it is done once per run, not once per worker:
the chart tests that read the six real charts drawn once (``tests/charts/drawn.py``), and the
draft tests that read every corpus drafted once. The random-subset chart tests
(``tests/charts/test_filtered.py``) are a unit each: they share nothing, and spread over the
workers they fill the ends of the run.
"""

from __future__ import annotations

import copy
import gc
import sys
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent
#: The unit of work (xdist's scope) of the notebooks and the site that shows them.
NOTEBOOKS_AND_SITE = "notebooks-and-site"

_stored: set[str] = set()
_passed_cells: dict[Path, dict[int, list[Any]]] = {}


def _is_notebook_cell(item: pytest.Item) -> bool:
    return item.path.suffix == ".ipynb" and hasattr(item, "cell_num")


#: Modules whose tests are units of their own: each test draws its chart for several frames
#: and the module's fixtures are cheap, so the tests spread over the workers rather than
#: queue on one.
EACH_TEST_A_UNIT = frozenset({"tests/charts/test_filtered.py"})

#: Units of several modules, each sharing work done once per process: the six real charts
#: drawn once (``drawn.real_charts``), and every draft corpus drafted once (``draft_eval``'s
#: rows, the package's vocabulary read once).
SHARED_UNITS = {
    "tests/charts/test_charts.py": "real-charts",
    "tests/charts/test_defects.py": "real-charts",
    "tests/charts/test_frames.py": "real-charts",
    "tests/curation/test_draft_corpus.py": "draft-corpora",
    "tests/curation/test_draft_rules.py": "draft-corpora",
    # After the notebooks: the notebook the lab saves is nbval's run, from the site's cache.
    "tests/test_lab_roundtrip.py": NOTEBOOKS_AND_SITE,
    # One JupyterLab server (tests/labserver.py) and one Chromium (tests/browser.py) per
    # process: the browser tests outside the site's unit.
    "tests/test_jupyterlab.py": "browser",
    "tests/charts/test_alt_in_jupyterlab.py": "browser",
    "tests/curation/test_review_page.py": "browser",
    "tests/test_browser.py": "browser",
}


def _in_notebooks_and_site(nodeid: str) -> bool:
    path = nodeid.split("::", 1)[0]
    return path.startswith("notebooks/") or path == "tests/test_site.py"


def unit_of_work(nodeid: str, module_scope: str) -> str:
    """Return the unit of work (xdist's scope) of the test ``nodeid``.

    ``module_scope`` is loadscope's own (the module). The notebooks and the site are one
    unit; each test of :data:`EACH_TEST_A_UNIT` is one; the modules of each of
    :data:`SHARED_UNITS` are one; every other module is one.
    """
    path = nodeid.split("::", 1)[0]
    if _in_notebooks_and_site(nodeid):
        return NOTEBOOKS_AND_SITE
    if path in EACH_TEST_A_UNIT:
        return nodeid
    return SHARED_UNITS.get(path, module_scope)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the notebooks first (the site's tests come after them, on the same worker)."""
    items.sort(key=lambda item: not _is_notebook_cell(item))  # stable: else as collected


@pytest.hookimpl(optionalhook=True)  # pytest -p no:xdist has no such hook
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under ``--dist loadscope``: the units of :func:`unit_of_work`."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class NotebooksThenSite(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of_work(nodeid, str(super()._split_scope(nodeid)))

    return NotebooksThenSite(config, log)


#: The garbage collector's first threshold in the test processes (Python's own: 700).
GC_FIRST_THRESHOLD = 10_000


def pytest_collection_finish(session: pytest.Session) -> None:
    """Keep the garbage collector's cycle search off what collection built, and run it less.

    A run makes millions of short-lived objects (matplotlib artists, pandas frames) on top
    of a heap of modules and collected tests that never become garbage: the collector
    walked that heap at every full pass. Frozen, it is left out (``gc.freeze``); a first
    threshold of 10,000 objects rather than 700 makes a pass rarer. On the chart and
    analysis tests in one process (``-p no:xdist``) the collector's own CPU went from
    7.1 s to 2.3 s (of about 75 s), and the largest memory from 404 MB to 463 MB. Only the
    test processes are tuned: the library, the notebooks' kernels and the commands keep
    Python's defaults.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_FIRST_THRESHOLD, *gc.get_threshold()[1:])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator:
    """Keep the outputs of each notebook cell nbval ran.

    When every code cell of a notebook has passed, the notebook with those outputs goes to
    the site's notebook cache.
    """
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.passed or not _is_notebook_cell(item):
        return
    notebook = item.parent.nb  # type: ignore[attr-defined]  # nbval's IPyNbFile
    passed = _passed_cells.setdefault(item.path, {})
    passed[item.cell_num] = item.test_outputs  # type: ignore[attr-defined]
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    if len(passed) == len(code):
        executed = copy.deepcopy(notebook)
        for number, cell in enumerate(c for c in executed.cells if c.cell_type == "code"):
            cell.outputs = passed[number]
        _notebook_cache().store_executed(executed, str(item.path), ROOT)
        _stored.add(item.path.name)


def _notebook_cache() -> Any:
    """``docs/_ext/notebook_cache.py``, the one module that knows where the site's cache is."""
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        import notebook_cache
    finally:
        sys.path.remove(str(ROOT / "docs" / "_ext"))
    return notebook_cache


@pytest.fixture
def notebooks_run_by_nbval() -> set[str]:
    """Return the notebooks nbval ran without an error in this process (names).

    Each of them is in the site's notebook cache with nbval's outputs.
    """
    return set(_stored)
