"""The source archive is built from what git holds (issue 21): an sdist built after a lab
session shipped the notebooks' outputs (3.4 MB).

In a throw-away clone (this checkout's Makefile, pyproject.toml and hatch_build.py
committed in it), with the notebook filter installed and a notebook saved with outputs as
the lab leaves it: ``make sdist`` packs the stripped notebooks of ``HEAD``, a plain
hatchling sdist build is refused, and changes not committed are refused too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import ROOT
from gitclone import make_clone, needs_git_and_make

NOTEBOOK = "notebooks/02_deaths_and_injuries.ipynb"
pytestmark = needs_git_and_make


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A clone whose lab left outputs in a notebook, and the argv of make in it.

    One for the module (a clone and its filter cost seconds): the tests below build into
    ``dist/`` or outside the clone, and the one that edits a file puts it back.
    """
    root, make = make_clone(tmp_path_factory.mktemp("sdist"), (
        "Makefile", "pyproject.toml", "hatch_build.py", ".gitattributes"))
    subprocess.run([*make, "filter"], cwd=root, capture_output=True, check=True)
    saved = json.loads((root / NOTEBOOK).read_text(encoding="utf-8"))
    for cell in saved["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = [{"output_type": "display_data", "metadata": {},
                                "data": {"image/png": "iVBORw0KGgo=" * 50_000}}]
            cell["execution_count"] = 1
    (root / NOTEBOOK).write_text(json.dumps(saved), encoding="utf-8")
    return root, make


def _notebooks_in(sdist: Path) -> dict[str, dict]:
    with tarfile.open(sdist) as tar:
        return {m.name.split("/", 1)[1]: json.load(tar.extractfile(m))
                for m in tar.getmembers() if m.name.endswith(".ipynb")}


def test_make_sdist_packs_the_notebooks_git_holds(clone: tuple[Path, list[str]]) -> None:
    root, make = clone
    done = subprocess.run([*make, "sdist"], cwd=root, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    (sdist,) = (root / "dist").glob("idlibstats-*.tar.gz")
    notebooks = _notebooks_in(sdist)
    assert sorted(notebooks) == sorted(
        f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb"))
    for name, notebook in notebooks.items():
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        assert all(c["outputs"] == [] and c["execution_count"] is None for c in code), name


def test_a_plain_sdist_build_from_a_tree_with_outputs_is_refused(
        clone: tuple[Path, list[str]], tmp_path: Path) -> None:
    root, _ = clone
    done = subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d",
                           str(tmp_path / "out")], cwd=root, capture_output=True, text=True,
                          check=False)
    assert done.returncode != 0
    assert f"{NOTEBOOK}: saved with outputs" in done.stderr + done.stdout
    assert "make sdist" in done.stderr + done.stdout
    assert not list((tmp_path / "out").glob("*.tar.gz"))


def test_make_sdist_refuses_changes_not_committed(clone: tuple[Path, list[str]]) -> None:
    root, make = clone
    built = sorted((root / "dist").glob("*"))  # what another test of the module built
    readme = (root / "README.md").read_bytes()
    try:
        with (root / "README.md").open("a", encoding="utf-8") as file:
            file.write("\nA line not committed.\n")
        done = subprocess.run([*make, "sdist"], cwd=root, capture_output=True, text=True,
                              check=False, env={**os.environ, "LC_ALL": "C"})
    finally:
        (root / "README.md").write_bytes(readme)
    assert done.returncode != 0
    assert "changes not committed" in done.stdout
    assert "README.md" in done.stdout
    assert sorted((root / "dist").glob("*")) == built  # nothing built
