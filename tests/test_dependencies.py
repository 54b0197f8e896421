"""What the library imports: only what pyproject.toml declares, nothing private of CPython,
and no matplotlib until a chart is drawn."""

from __future__ import annotations

import ast
import functools
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "idlibstats"
# distribution name -> the top-level module it provides, where they differ
MODULE_OF = {"pyarrow": "pyarrow", "matplotlib": "matplotlib", "pandas": "pandas",
             "numpy": "numpy"}


@functools.cache
def _nodes() -> tuple[tuple[Path, tuple[ast.AST, ...]], ...]:
    """Each file of src/ and every node of its syntax tree, parsed once for the module."""
    return tuple((path, tuple(ast.walk(ast.parse(path.read_text(encoding="utf-8")))))
                 for path in sorted(SRC.rglob("*.py")))


def _imports() -> dict[str, set[str]]:
    """Top-level module -> the files of src/ importing it (module or from-import)."""
    found: dict[str, set[str]] = {}
    for path, nodes in _nodes():
        for node in nodes:
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for requirement in project["dependencies"]:
        name = requirement.split(";")[0]
        for sep in "<>=!~[ ":
            name = name.split(sep)[0]
        names.add(MODULE_OF.get(name.lower(), name.lower()))
    return names


def test_src_imports_only_declared_packages_and_the_standard_library() -> None:
    declared = _declared() | {"idlibstats"}
    stdlib = set(sys.stdlib_module_names) | {"__future__"}
    undeclared = {name: files for name, files in _imports().items()
                  if name.split(".")[0] not in declared | stdlib}
    assert undeclared == {}


def test_src_imports_nothing_private_of_cpython() -> None:
    private = {name: files for name, files in _imports().items()
               if name.split(".")[0] in sys.stdlib_module_names
               and any(part.startswith("_") for part in name.split(".")[1:])}
    assert private == {}


def test_frictionless_is_not_a_runtime_dependency() -> None:
    assert "frictionless" not in _declared()
    assert not any(name.split(".")[0] in ("frictionless", "simpleeval") for name in _imports())


def test_importing_reads_no_package_nor_jsonschema_and_loading_imports_no_matplotlib(
        tmp_path: Path) -> None:
    """One new process for what ``import idlibstats`` and a first load bring in.

    At the import neither $IDLIBSTATS_PACKAGE (missing) nor the current folder (broken) is
    read and jsonschema is not imported: ``import idlibstats`` imports each public name's
    module when the name is first used, and every name is used here, so every module of the
    public API is imported. Then, with the environment cleared and the checkout as the
    current folder, loading and validating the package import no matplotlib; only the charts
    do.
    """
    (tmp_path / "datapackage.json").write_text("not json", encoding="utf-8")
    env = {**os.environ, "IDLIBSTATS_PACKAGE": str(tmp_path / "nowhere")}
    script = ("import os, sys, idlibstats as ils, idlibstats.cli\n"
              "[getattr(ils, name) for name in ils.__all__]  # every module they live in\n"
              "print('jsonschema' in sys.modules)\n"
              "del os.environ['IDLIBSTATS_PACKAGE']\n"
              f"os.chdir({str(ROOT)!r})\n"
              "ils.figures(); ils.validate_package()\n"
              "print('matplotlib' in sys.modules)\n"
              "import idlibstats.charts\n"
              "print('ok')\n")
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, check=False, cwd=tmp_path)
    assert (run.returncode, run.stdout.split()) == (0, ["False", "False", "ok"]), run.stderr


def test_no_module_imports_another_modules_private_names() -> None:
    """Helpers shared between modules (the charts' footnote, styles, wording) are public."""
    private = {}
    for path, nodes in _nodes():
        for node in nodes:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("idlibstats"):
                names = [a.name for a in node.names
                         if a.name.startswith("_") and not a.name.startswith("__")]
                if names:
                    private[str(path.relative_to(ROOT))] = names
    assert private == {}


def test_package_means_a_package_and_path_a_file() -> None:
    """One meaning per parameter name: every function that reads a package calls it
    ``package``; ``path`` is only ever a file written or read (to_hxl, write_atomic...)."""
    import inspect

    import idlibstats
    import idlibstats.charts as charts
    from idlibstats.curation.draft import draft_figures
    from idlibstats.curation.verify import verify_excerpts
    from idlibstats.datapackage.stamp import stamp

    readers = [getattr(idlibstats, name) for name in (
        "figures", "sources", "wire_credits", "organisations", "claimant_styles", "indicators",
        "populations", "corroborations",
        "deaths", "injuries", "displacement", "strikes", "list_tables", "locate_package",
        "validate_package")]
    readers += [stamp, draft_figures, verify_excerpts, idlibstats.chart_tables]
    for function in readers:
        parameters = inspect.signature(function).parameters
        assert "package" in parameters and "path" not in parameters, function.__name__
    # the charts and the exports take frames: they never read a package
    drawers = [charts.coverage_timeline, charts.first_days_claims, charts.displacement_points,
               charts.strikes_chart, charts.intensity, charts.known_by_month,
               charts.save_charts]
    for function in drawers:
        assert "package" not in inspect.signature(function).parameters, function.__name__


def test_charts_and_exports_never_import_the_loaders() -> None:
    """Frames in, figures or text out: nothing under charts/ or exports/ imports the package
    readers (``idlibstats.datapackage``) or the API that loads them. The one exception is the
    command line ``python -m idlibstats.charts`` (charts/__main__.py), which loads the tables."""
    importers = {
        module: sorted(f for f in files
                       if f.startswith(("src/idlibstats/charts/", "src/idlibstats/exports/"))
                       and not f.endswith("charts/__main__.py"))
        for module, files in _imports().items()
        if module.startswith(("idlibstats.datapackage", "idlibstats.api"))
        or module in ("idlibstats", "idlibstats.cli")
    }
    assert {m: f for m, f in importers.items() if f} == {}


def test_the_import_check_sees_a_lazy_import() -> None:
    """The check above reads imports inside functions too (as the exports once had)."""
    tree = ast.parse("def f():\n    from idlibstats.datapackage.read import figures\n")
    found = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert found == ["idlibstats.datapackage.read"]
