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
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from conftest import ROOT

NOTEBOOK = "notebooks/02_deaths_and_injuries.ipynb"
pytestmark = pytest.mark.skipif(
    shutil.which("make") is None or shutil.which("git") is None
    or not (ROOT / ".git").exists(), reason="needs make, git and a git checkout")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def clone(tmp_path: Path) -> tuple[Path, list[str]]:
    """A clone whose lab left outputs in a notebook, and the argv of make in it."""
    root = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(root)], check=True)
    for name in ("Makefile", "pyproject.toml", "hatch_build.py", ".gitattributes"):
        shutil.copy(ROOT / name, root / name)
    _git(root, "add", "Makefile", "pyproject.toml", "hatch_build.py", ".gitattributes")
    _git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty",
         "-m", "this checkout's build files")
    venv = tmp_path / "venv"  # stand-in tools that run this venv's, so make rebuilds nothing
    (venv / "bin").mkdir(parents=True)
    for tool in ("python", "nbstripout"):
        script = venv / "bin" / tool
        script.write_text(f'#!/bin/sh\nexec "{Path(sys.executable).parent / tool}" "$@"\n',
                          encoding="utf-8")
        script.chmod(0o755)
    ident = subprocess.run([sys.executable, "-c", "import os, sys; print(sys.version.split()[0],"
                            " os.path.realpath(sys.executable))"], capture_output=True,
                           text=True, check=True).stdout
    (venv / ".interpreter").write_text(ident, encoding="utf-8")
    (venv / ".ready").touch()
    make = ["make", "-s", f"VENV={venv}", f"PYTHON={sys.executable}"]
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
    with (root / "README.md").open("a", encoding="utf-8") as readme:
        readme.write("\nA line not committed.\n")
    done = subprocess.run([*make, "sdist"], cwd=root, capture_output=True, text=True,
                          check=False, env={**os.environ, "LC_ALL": "C"})
    assert done.returncode != 0
    assert "changes not committed" in done.stdout
    assert "README.md" in done.stdout
    assert not (root / "dist").exists()
