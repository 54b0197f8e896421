"""``make test`` on every core, the slow property tests smaller unless a long run is asked
for, and nothing left out: the settings that make it fast are checked here, not its speed
(that is measured, in docs/benchmarks.md)."""

from __future__ import annotations

import importlib.util
import subprocess

import pytest
from conftest import ROOT
from hypothesis import settings


def _make_n(target: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(["make", "-n", "-s", target, "VENV=.venv"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True).stdout


def test_make_test_runs_every_core_a_module_at_a_time_with_the_notebooks() -> None:
    (line,) = [x for x in _make_n("test").splitlines() if "/pytest" in x]
    argv = line.split()
    assert argv[argv.index("-n") + 1] == "auto"
    assert argv[argv.index("--dist") + 1] == "loadscope"  # module fixtures built once
    assert "--nbval-lax" in argv  # the notebooks are in
    assert not [a for a in argv if a.startswith(("-k", "-m", "--deselect", "--ignore"))]


def test_make_test_long_is_make_test_with_every_example() -> None:
    assert "IDLIBSTATS_LONG_TESTS=1" in _make_n("test-long")
    assert 'IDLIBSTATS_LONG_TESTS="${IDLIBSTATS_LONG_TESTS:-1}"' in (
        ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _slow_examples(long: bool, monkeypatch: pytest.MonkeyPatch) -> int:
    """The slow profile's examples once ``tests/conftest.py`` has run with or without
    ``IDLIBSTATS_LONG_TESTS=1`` (a fresh copy of it, run in this process; the profile this
    session registered is put back after)."""
    if long:
        monkeypatch.setenv("IDLIBSTATS_LONG_TESTS", "1")
    else:
        monkeypatch.delenv("IDLIBSTATS_LONG_TESTS", raising=False)
    session_profile = settings.get_profile("slow")
    try:
        spec = importlib.util.spec_from_file_location("fresh_conftest",
                                                      ROOT / "tests" / "conftest.py")
        assert spec is not None and spec.loader is not None
        spec.loader.exec_module(importlib.util.module_from_spec(spec))
        return settings.get_profile("slow").max_examples
    finally:
        settings.register_profile("slow", session_profile)


def test_the_slow_profile_is_smaller_in_make_test_and_whole_in_the_long_run(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The long run gives each slow property test at least the 100 examples the most had
    before the profile; make test a fifth of that, still more than one per branch."""
    session = settings.get_profile("slow").max_examples
    long, plain = _slow_examples(True, monkeypatch), _slow_examples(False, monkeypatch)
    assert long >= 100
    assert 10 <= plain < long
    assert settings.get_profile("slow").max_examples == session  # this session's, put back


def test_the_slow_property_tests_use_the_profile() -> None:
    """Each slow property test takes its count from the profile, or sets its own smaller
    count in ``make test`` from ``LONG_TESTS`` (beside explicit examples that always run)."""
    texts = {path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
             for path in (ROOT / "tests").rglob("test_*.py")}
    uses = {name for name, text in texts.items() if 'settings.get_profile("slow")' in text}
    assert {"tests/datapackage/test_differential.py", "tests/datapackage/test_fuzz_loader.py",
            "tests/analysis/test_claims.py", "tests/analysis/test_month_solver.py",
            "tests/exports/test_monthly_export.py"} <= uses
    own = {name for name, text in texts.items() if "if LONG_TESTS else" in text}
    assert {"tests/exports/test_hxl.py", "tests/analysis/test_bounds.py",
            "tests/analysis/test_rates.py"} <= own


def test_the_notebooks_and_the_site_are_one_unit_of_work_the_notebooks_first() -> None:
    spec = importlib.util.spec_from_file_location("top_conftest", ROOT / "conftest.py")
    assert spec is not None and spec.loader is not None
    top = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(top)
    assert top._in_notebooks_and_site("notebooks/01_sources_and_coverage.ipynb::Cell 0")
    assert top._in_notebooks_and_site("tests/test_site.py::test_the_site_has_every_page")
    assert not top._in_notebooks_and_site("tests/test_docs.py::test_x")
    unit = top.unit_of_work
    assert unit("tests/test_site.py::test_x", "tests/test_site.py") == top.NOTEBOOKS_AND_SITE
    assert unit("tests/test_docs.py::test_x", "tests/test_docs.py") == "tests/test_docs.py"
    spread = "tests/charts/test_filtered.py::test_every_chart_draws_any_subset[intensity]"
    assert unit(spread, "tests/charts/test_filtered.py") == spread
    # modules that share work done once per process run on one worker
    assert (unit("tests/charts/test_defects.py::test_x", "tests/charts/test_defects.py")
            == unit("tests/charts/test_charts.py::test_y", "tests/charts/test_charts.py")
            == unit("tests/charts/test_frames.py::test_z", "tests/charts/test_frames.py"))
    assert (unit("tests/curation/test_draft_rules.py::t", "tests/curation/test_draft_rules.py")
            == unit("tests/curation/test_draft_corpus.py::t", "tests/curation/test_draft_corpus.py")
            != unit("tests/charts/test_charts.py::t", "tests/charts/test_charts.py"))
