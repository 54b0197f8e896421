"""The engine a contributor can extend (issue 19): the check contract, the registry, the import
graph, and CONTRIBUTING's template for a new check, run as it is written."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from badinput import set_cell
from conftest import ROOT, restamp_package

import idlibstats
from idlibstats.datapackage.locate import open_package
from idlibstats.datapackage.registry import CHECKS
from idlibstats.datapackage.validation import (
    FieldCheck,
    Report,
    RunState,
    TableCheck,
    check_table,
)

SRC = ROOT / "src" / "idlibstats"
CONTRIBUTING = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def _imports(path: Path) -> set[str]:
    """Every idlibstats module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return {name for name in found if name.startswith("idlibstats.")}


def _module(name: str) -> Path | None:
    parts = name.split(".")[1:]
    for candidate in (SRC.joinpath(*parts).with_suffix(".py"), SRC.joinpath(*parts, "__init__.py")):
        if candidate.is_file():
            return candidate
    return None


def test_the_data_package_layer_imports_nothing_from_the_tools_above_it() -> None:
    """datapackage/ (the engine, its rules, the loaders) and what it imports, transitively,
    import nothing from curation/, exports/ or analysis/."""
    above = ("idlibstats.curation", "idlibstats.exports", "idlibstats.analysis")
    todo = sorted((SRC / "datapackage").rglob("*.py"))
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in _imports(path):
            assert not name.startswith(above), f"{path.relative_to(SRC)} imports {name}"
            if (module := _module(name)) is not None:
                todo.append(module)
    reached = {p.relative_to(SRC).parts[0] for p in seen}
    assert reached <= {"datapackage", "text", "io", "__init__.py"}, reached


def test_the_engine_names_no_field_of_this_package() -> None:
    """The generic engine (validation/) is the package's rules' only way in: the figures'
    fields are named in rules/ alone."""
    fields = {f["name"] for r in open_package(ROOT).resources.values()
              for f in r["schema"]["fields"] if "_" in f["name"]}  # the package's own words
    for path in (SRC / "datapackage" / "validation").rglob("*.py"):
        strings = {n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                   if isinstance(n, ast.Constant) and isinstance(n.value, str)}
        assert not strings & fields, (path.name, strings & fields)


def test_every_check_is_registered_once_with_a_code() -> None:
    assert len(set(map(id, CHECKS))) == len(CHECKS)
    for check in CHECKS:
        assert isinstance(check, FieldCheck | TableCheck)
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", check.code), check


# ---------------------------------------------------------------- CONTRIBUTING's template


def _template() -> str:
    section = CONTRIBUTING.split("## Adding a check", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.fixture(scope="module")
def template_check() -> FieldCheck:
    namespace: dict = {"__name__": "no_padding"}
    exec(compile(_template(), "CONTRIBUTING.md", "exec"), namespace)
    checks = [v for v in namespace.values() if isinstance(v, FieldCheck | TableCheck)]
    assert len(checks) == 1
    return checks[0]


def test_the_template_is_about_thirty_lines() -> None:
    assert 15 <= len(_template().strip().splitlines()) <= 35


def _run(root: Path, name: str, checks: tuple) -> list:
    report = Report(stop_at_first=False)
    check_table(RunState(open_package(root)), name, report, checks)
    return report.errors


def test_the_template_runs_and_reports(template_check: FieldCheck, package_copy: Path) -> None:
    checks = (*CHECKS, template_check)
    for name in idlibstats.list_tables():  # the real package: nothing padded
        assert _run(ROOT, name, checks) == []
    set_cell("data/figures.csv", 5, "place_as_written", "Idlib ")(package_copy)
    restamp_package(package_copy)
    assert _run(package_copy, "figures", CHECKS) == []  # not registered: not run
    (error,) = _run(package_copy, "figures", checks)
    assert (error.code, error.file, error.row, error.field) == (
        template_check.code, "data/figures.csv", 5, "place_as_written")
    assert error.code == "no-padding" and "'Idlib '" in error.message


def test_an_error_cannot_be_made_without_a_code() -> None:
    import pickle

    from idlibstats import DataPackageError

    with pytest.raises(TypeError):
        DataPackageError("is wrong", "data/figures.csv")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="error code"):
        DataPackageError("is wrong", code="Not A Code")
    error = DataPackageError("is wrong", "data/figures.csv", 3, "value", code="type-error")
    copy = pickle.loads(pickle.dumps(error))  # multiprocessing hands errors on like this
    assert (copy.code, str(copy)) == ("type-error", "data/figures.csv, row 3, field value: is "
                                      "wrong")
    assert error.to_dict() == {"type": "type-error", "title": "Type error", "message": str(error),
                               "note": "is wrong", "place": "data/figures.csv", "rowNumber": 3,
                               "fieldName": "value"}


@pytest.mark.parametrize("cell", ["2019-5-04", "20190504", "2019-05-04T00", " 2019-05-04",
                                  "+019-05-04", "2019/05/04", "２０１９-05-04", "2019-05-4 "])
def test_a_date_not_written_yyyy_mm_dd_is_a_type_error(package_copy: Path, cell: str) -> None:
    """Dates are cast by Arrow first, their shape read only when a cell does not cast: this
    holds only while Arrow casts YYYY-MM-DD and nothing else, which these cells test."""
    from idlibstats.datapackage.errors import show

    set_cell("data/figures.csv", 5, "claimed_on", cell)(package_copy)
    restamp_package(package_copy)
    errors = [e for e in _run(package_copy, "figures", CHECKS) if e.code == "type-error"]
    assert [(e.row, e.field, e.message) for e in errors] == [
        (5, "claimed_on", f"is not a date (YYYY-MM-DD): {show(cell)}")]
