"""One rule finds the package for the library and the command line (issue 21).

The ``package`` argument, else ``$IDLIBSTATS_PACKAGE``, else the nearest folder at or above
the current one that holds ``datapackage.json``, else the package that comes with the
library. Before, inside ``copy/data/`` the command line read the repository and the library
another order; here both are asked from a subfolder of an edited copy, in this process and
as a user runs them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from badinput import FIGURES, set_cell
from conftest import ROOT, restamp_package

import idlibstats as ils
from idlibstats import cli
from idlibstats.datapackage import locate
from idlibstats.datapackage.errors import DataPackageError

IDLIBSTATS = str(Path(sys.executable).with_name("idlibstats"))
MARKER = "A note only this copy has."


@pytest.fixture
def edited_copy(package_copy: Path) -> Path:
    """A valid copy of the package whose first figure has a note the repository lacks."""
    set_cell(FIGURES, 2, "notes", MARKER)(package_copy)
    restamp_package(package_copy)
    return package_copy.resolve()


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != locate.ENV_VAR}


def test_from_a_subfolder_of_a_copy_the_command_line_and_the_library_read_the_copy(
        edited_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a user types it: in copy/data/, `idlibstats validate` (the installed command, a new
    process) and `ils.figures()` (in this process, from the same folder)."""
    inside = edited_copy / "data"
    done = subprocess.run([IDLIBSTATS, "validate"], cwd=inside, env=_env(),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [f"package: {edited_copy} (enclosing folder)"]
    assert done.stdout == "valid\n"
    monkeypatch.delenv(locate.ENV_VAR, raising=False)
    monkeypatch.chdir(inside)
    assert ils.locate_package() == edited_copy
    assert ils.figures()["notes"].iloc[0] == MARKER


def test_from_a_subfolder_both_find_the_copy_s_errors(package_copy: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    set_cell(FIGURES, 15, "value", "2720")(package_copy)  # '272' as written
    restamp_package(package_copy)
    monkeypatch.delenv(locate.ENV_VAR, raising=False)
    monkeypatch.chdir(package_copy / "checks")
    assert cli.main(["validate"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == f"package: {package_copy.resolve()} (enclosing folder)"
    assert any("row 15, fields value, value_as_written" in line for line in err[1:])
    with pytest.raises(DataPackageError, match="row 15"):
        ils.figures()


@pytest.mark.parametrize("where", ["argument", "environment", "here", "above", "nowhere"])
def test_the_library_and_the_command_line_follow_one_order(
        where: str, edited_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each step beats the ones after it, and both ask the same function."""
    other = tmp_path / "elsewhere"
    other.mkdir()
    monkeypatch.delenv(locate.ENV_VAR, raising=False)
    monkeypatch.chdir(edited_copy / "data" if where == "above" else
                      edited_copy if where == "here" else other)
    argument = None
    if where == "argument":
        argument = str(edited_copy / "datapackage.json")
        monkeypatch.setenv(locate.ENV_VAR, str(ROOT))  # beaten by the argument
        monkeypatch.chdir(ROOT)  # and so is the folder
    if where == "environment":
        monkeypatch.setenv(locate.ENV_VAR, str(edited_copy))
        monkeypatch.chdir(ROOT)  # beaten by the environment
    expected = {
        "argument": (edited_copy, "argument"),
        "environment": (edited_copy, f"${locate.ENV_VAR}"),
        "here": (edited_copy, "current folder"),
        "above": (edited_copy, "enclosing folder"),
        "nowhere": locate.library_package(),
    }[where]
    assert locate.resolve_package(argument) == expected
    assert cli.resolve_package(argument) == expected
    assert ils.locate_package(argument) == expected[0]


def test_the_library_package_is_the_wheel_s_copy_or_the_checkout() -> None:
    root, why = locate.library_package()
    assert (root / "datapackage.json").is_file()
    assert (why, root) in (("source checkout", ROOT), ("bundled with idlibstats", root))
    if why == "bundled with idlibstats":
        assert root.name == "_package"


def test_a_removed_current_folder_falls_back_to_the_library_package(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.delenv(locate.ENV_VAR, raising=False)
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert locate.resolve_package() == locate.library_package()


def test_an_environment_variable_without_a_package_is_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A named package that is not there is never silently replaced by another one."""
    monkeypatch.setenv(locate.ENV_VAR, str(tmp_path))
    monkeypatch.chdir(ROOT)
    with pytest.raises(DataPackageError, match=r"no datapackage\.json in"):
        ils.locate_package()


def test_the_loaders_docstrings_describe_the_library_s_package_wherever_it_is_imported(
        edited_copy: Path) -> None:
    """help(ils.figures) lists the library's own columns, not those of the folder it runs in."""
    descriptor = edited_copy / "datapackage.json"
    descriptor.write_text(descriptor.read_text(encoding="utf-8").replace(
        "Stable id of the figure", "A description only the copy has"), encoding="utf-8")
    code = "import idlibstats; print(idlibstats.figures.__doc__)"
    done = subprocess.run([sys.executable, "-c", code], cwd=edited_copy, env=_env(),
                          capture_output=True, text=True, check=True)
    assert "Stable id of the figure" in done.stdout
    assert "only the copy has" not in done.stdout


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"idlibstats {ils.__version__}\n"


def test_another_package_above_the_current_folder_is_named_when_it_lacks_a_table(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk up can find an unrelated package (a user's own data); the error says which."""
    other = tmp_path / "my-data"
    (other / "analysis").mkdir(parents=True)
    (other / "data.csv").write_text("a\n1\n", encoding="utf-8")
    (other / "datapackage.json").write_text(  # valid under the strict profile (issue 18)
        '{"name": "mine", "resources": [{"name": "mine", "path": "data.csv", "schema": '
        '{"fields": [{"name": "a", "type": "integer"}]}}]}', encoding="utf-8")
    monkeypatch.delenv(locate.ENV_VAR, raising=False)
    monkeypatch.chdir(other / "analysis")
    with pytest.raises(DataPackageError) as err:
        ils.figures()
    assert str(err.value).startswith(f"{other.resolve()}/datapackage.json: no resource named "
                                     "'figures'; the package has: mine")
