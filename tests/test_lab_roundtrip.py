"""The lab-to-test round trip (issue 12): run a notebook, save it with outputs, and the checks
still pass, because ``make test`` verifies the notebooks as git holds them and the filter
that ``make lab`` installs strips outputs on ``git add``.

Runs in a throw-away clone, with a stand-in ``VENV`` folder whose tools are this venv's, so
``make`` neither rebuilds nor touches the project's own ``.venv`` or git configuration.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

NOTEBOOK = "notebooks/01_sources_and_coverage.ipynb"
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.skipif(
    shutil.which("make") is None or shutil.which("git") is None
    or not (ROOT / ".git").exists(), reason="needs make, git and a git checkout")


def _git(clone: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=clone, capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def clone(tmp_path: Path) -> tuple[Path, list[str]]:
    """A fresh clone holding this checkout's Makefile and .gitattributes, and make's argv."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    for name in ("Makefile", ".gitattributes"):
        shutil.copy(ROOT / name, clone / name)
    _git(clone, "add", "Makefile", ".gitattributes")
    _git(clone, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty",
         "-m", "this checkout's Makefile")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for tool in ("python", "nbstripout", "jupyter"):
        (venv / "bin" / tool).symlink_to(BIN / tool)
    ident = subprocess.run(
        [sys.executable, "-c", "import os, sys; "
         "print(sys.version.split()[0], os.path.realpath(sys.executable))"],
        capture_output=True, text=True, check=True).stdout
    (venv / ".interpreter").write_text(ident, encoding="utf-8")
    (venv / ".ready").touch()  # newer than the clone's pyproject.toml and lock: no rebuild
    return clone, ["make", "-s", f"VENV={venv}", f"PYTHON={sys.executable}"]


def _make(clone: Path, make: list[str], target: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*make, target], cwd=clone, capture_output=True, text=True,
                          timeout=300, check=False)


def _run_in_the_lab(clone: Path) -> None:
    """What JupyterLab does: execute the notebook and save it with its outputs."""
    env = {**os.environ, "MPLBACKEND": "Agg"}
    subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute",
                    "--inplace", NOTEBOOK], cwd=clone, env=env, capture_output=True,
                   check=True, timeout=300)
    saved = json.loads((clone / NOTEBOOK).read_text(encoding="utf-8"))
    assert any(cell.get("outputs") for cell in saved["cells"])  # outputs really are there


def test_outputs_saved_in_the_lab_then_added_still_pass(clone: tuple[Path, list[str]]) -> None:
    root, make = clone
    done = _make(root, make, "filter")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "nbstripout" in _git(root, "config", "filter.nbstripout.clean")
    assert _git(root, "status", "--porcelain") == ""  # .gitattributes already names it

    _run_in_the_lab(root)
    done = _make(root, make, "stripped")  # not yet added: the index is still stripped
    assert done.returncode == 0, done.stdout + done.stderr
    _git(root, "add", NOTEBOOK)  # the filter strips the outputs on the way in
    assert _git(root, "status", "--porcelain") == ""
    done = _make(root, make, "stripped")
    assert done.returncode == 0, done.stdout + done.stderr
    assert subprocess.run([str(BIN / "nbstripout"), "--verify", NOTEBOOK], cwd=root,
                          capture_output=True, check=False).returncode != 0  # working copy


def test_without_the_filter_outputs_reach_git_and_the_check_fails(
        clone: tuple[Path, list[str]]) -> None:
    root, make = clone
    _run_in_the_lab(root)
    _git(root, "add", NOTEBOOK)  # no filter defined in this clone: outputs go in
    done = _make(root, make, "stripped")
    assert done.returncode != 0
    assert NOTEBOOK in done.stdout + done.stderr


def test_make_lab_passes_arguments_to_jupyterlab(clone: tuple[Path, list[str]]) -> None:
    root, make = clone
    done = subprocess.run([*make, "-n", "lab", "ARGS=--port 8899 --no-browser"], cwd=root,
                          capture_output=True, text=True, check=True)
    (line,) = [x for x in done.stdout.splitlines() if "jupyter lab" in x]
    assert line.endswith("--port 8899 --no-browser")
    assert "nbstripout --install" in done.stdout  # the filter comes first




def test_binder_installs_the_lock_and_the_project() -> None:
    import tomllib

    binder = ROOT / ".binder"
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "requires-python"]
    runtime = (binder / "runtime.txt").read_text(encoding="utf-8").strip()
    assert requires == ">=" + runtime.removeprefix("python-")
    lines = [x for x in (binder / "requirements.txt").read_text(encoding="utf-8").splitlines()
             if x and not x.startswith("#")]
    assert lines == ["-r ../requirements.lock"]
    assert (binder / "../requirements.lock").resolve() == ROOT / "requirements.lock"
    post = binder / "postBuild"
    assert os.access(post, os.X_OK)
    assert "pip install --no-deps --editable ." in post.read_text(encoding="utf-8")
