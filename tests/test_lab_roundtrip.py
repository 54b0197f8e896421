"""The lab-to-test round trip (issue 12): run a notebook, save it with outputs, and the checks
still pass, because ``make test`` verifies the notebooks as git holds them and the filter
that ``make lab`` installs strips outputs on ``git add``.

Runs in a throw-away clone, with a stand-in ``VENV`` folder whose tools are this venv's, so
``make`` neither rebuilds nor touches the project's own ``.venv`` or git configuration.
"""

from __future__ import annotations

import json
import os
import runpy
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from unittest.mock import MagicMock

import pytest
from conftest import ROOT
from gitclone import git, make_clone, needs_git_and_make

NOTEBOOK = "notebooks/01_sources_and_coverage.ipynb"
BIN = Path(sys.executable).parent
pytestmark = needs_git_and_make


@pytest.fixture
def clone(tmp_path: Path) -> tuple[Path, list[str]]:
    """A fresh clone holding this checkout's Makefile and .gitattributes, and make's argv."""
    return make_clone(tmp_path, ("Makefile", ".gitattributes"))


def _make(clone: Path, make: list[str], target: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*make, target], cwd=clone, capture_output=True, text=True,
                          timeout=300, check=False)


def _run_of_this_tree(notebook: Any) -> Any:
    """``notebook`` with the outputs of a run on this tree already made, or None.

    ``make test`` runs the notebooks under nbval (this module is in their unit of work,
    after them: the root ``conftest.py``), which puts each notebook's outputs in the site's
    notebook cache (``docs/_ext/notebook_cache.py``); ``make docs`` puts MyST-NB's run
    there. The cache folder is named after the data and the library as they are, and a
    notebook matches on its code cells, so a run found there is a run of these cells on
    this package. Its code cells (outputs and all) go into ``notebook``; the notebook's
    own cell and notebook metadata are kept.
    """
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        from notebook_cache import cache_path
    finally:
        sys.path.remove(str(ROOT / "docs" / "_ext"))
    folder = cache_path(ROOT)
    if not folder.is_dir():
        return None
    from jupyter_cache import get_cache

    try:
        _, merged = get_cache(str(folder)).merge_match_into_notebook(
            notebook, nb_meta=(), cell_meta=())
    except KeyError:  # not run on this tree (or these cells) yet
        return None
    return merged


@pytest.fixture(scope="session")
def lab_saved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What JupyterLab does: execute the notebook and save it with its outputs.

    The notebook as a clone holds it (``HEAD``'s), run on this checkout's package. In
    ``make test`` the notebooks were just run by nbval, and that run's outputs are taken
    (:func:`_run_of_this_tree`), with the numbered cells and the kernel's
    ``language_info`` a run leaves in a saved notebook (ipykernel's own, the keys the
    filter must strip); otherwise it is executed here once per test process by nbclient,
    the executor of ``jupyter nbconvert --execute`` (a kernel costs seconds). Each test
    copies the saved file into its clone, as if saved there.
    """
    import nbformat

    out = tmp_path_factory.mktemp("lab")
    notebook = nbformat.reads(git(ROOT, "show", f"HEAD:{NOTEBOOK}"), as_version=4)
    run = _run_of_this_tree(notebook)
    if run is not None:
        from ipykernel.ipkernel import IPythonKernel

        notebook = run
        notebook.metadata["language_info"] = dict(IPythonKernel.language_info)
        code = (cell for cell in notebook.cells if cell.cell_type == "code")
        for number, cell in enumerate(code, start=1):
            cell.execution_count = number
    else:
        from nbclient import NotebookClient

        with pytest.MonkeyPatch.context() as env:  # the kernel's environment
            env.setenv("MPLBACKEND", "Agg")
            env.setenv("IDLIBSTATS_PACKAGE", str(ROOT))
            NotebookClient(notebook, timeout=300,
                           resources={"metadata": {"path": str(out)}}).execute()
    saved = out / Path(NOTEBOOK).name
    nbformat.write(notebook, saved)
    cells = json.loads(saved.read_text(encoding="utf-8"))["cells"]
    assert any(cell.get("outputs") for cell in cells)  # outputs really are there
    assert json.loads(saved.read_text(encoding="utf-8"))["metadata"]["language_info"][
        "version"]  # and what a kernel adds
    return saved


def _run_in_the_lab(clone: Path, saved: Path) -> None:
    """The notebook, run and saved in the lab, in the clone."""
    shutil.copy(saved, clone / NOTEBOOK)


def test_outputs_saved_in_the_lab_then_added_still_pass(clone: tuple[Path, list[str]],
                                                        lab_saved: Path) -> None:
    root, make = clone
    done = _make(root, make, "filter")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "nbstripout" in git(root, "config", "filter.nbstripout.clean")
    assert git(root, "status", "--porcelain") == ""  # .gitattributes already names it

    _run_in_the_lab(root, lab_saved)
    done = _make(root, make, "stripped")  # not yet added: the index is still stripped
    assert done.returncode == 0, done.stdout + done.stderr
    git(root, "add", NOTEBOOK)  # the filter strips the outputs on the way in
    assert git(root, "status", "--porcelain") == ""
    done = _make(root, make, "stripped")
    assert done.returncode == 0, done.stdout + done.stderr
    # The working copy is the lab's file, outputs and all, byte for byte: the filter strips
    # only what goes into git.
    assert (root / NOTEBOOK).read_bytes() == lab_saved.read_bytes()


def test_without_the_filter_outputs_reach_git_and_the_check_fails(
        clone: tuple[Path, list[str]], lab_saved: Path) -> None:
    root, make = clone
    _run_in_the_lab(root, lab_saved)
    git(root, "add", NOTEBOOK)  # no filter defined in this clone: outputs go in
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


def _lab_save_hook() -> Any:
    """The post-save hook ``make lab`` gives JupyterLab (.jupyter/jupyter_server_config.py)."""
    config = MagicMock()
    runpy.run_path(str(ROOT / ".jupyter" / "jupyter_server_config.py"),
                   init_globals={"get_config": lambda: config})
    return config.FileContentsManager.post_save_hook


def _saved(clone: Path, hook: Any, notebook: str = NOTEBOOK) -> None:
    """What JupyterLab does when it saves a run notebook: write it with outputs (as JSON,
    without running a kernel here), then call the post-save hook."""
    path = clone / notebook
    saved = json.loads(path.read_text(encoding="utf-8"))
    for number, cell in enumerate(c for c in saved["cells"] if c["cell_type"] == "code"):
        cell["execution_count"] = number + 1
        cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["ran\n"]}]
    path.write_text(json.dumps(saved, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    hook(model={"type": "notebook"}, os_path=str(path), contents_manager=MagicMock())


def test_a_notebook_saved_with_outputs_alone_is_clean_in_git_status(
        clone: tuple[Path, list[str]]) -> None:
    """Issue 21: after a lab session git status listed the notebooks, git diff nothing."""
    root, make = clone
    assert _make(root, make, "filter").returncode == 0
    _saved(root, lambda **_: None)  # a save without the hook: what git showed before
    assert git(root, "status", "--porcelain") == f" M {NOTEBOOK}\n"  # git's size check
    assert git(root, "diff") == ""  # while the filtered content is unchanged
    _saved(root, _lab_save_hook())
    assert git(root, "status", "--porcelain") == ""
    assert git(root, "diff", "--cached") == ""  # nothing was staged
    cells = json.loads((root / NOTEBOOK).read_text(encoding="utf-8"))["cells"]
    assert any(cell.get("outputs") for cell in cells)  # the lab keeps its outputs


def test_a_real_change_saved_in_the_lab_still_shows_and_is_not_staged(
        clone: tuple[Path, list[str]]) -> None:
    root, make = clone
    assert _make(root, make, "filter").returncode == 0
    notebook = json.loads((root / NOTEBOOK).read_text(encoding="utf-8"))
    notebook["cells"][0]["source"] += "\n\nA sentence a reader added."
    (root / NOTEBOOK).write_text(json.dumps(notebook, indent=1) + "\n", encoding="utf-8")
    _saved(root, _lab_save_hook())
    assert git(root, "status", "--porcelain") == f" M {NOTEBOOK}\n"
    assert git(root, "diff", "--cached") == ""
    assert "A sentence a reader added." in git(root, "diff")


def test_the_hook_leaves_untracked_notebooks_and_clones_without_the_filter_alone(
        clone: tuple[Path, list[str]]) -> None:
    root, _ = clone
    hook = _lab_save_hook()
    untracked = "notebooks/scratch.ipynb"
    shutil.copy(root / NOTEBOOK, root / untracked)
    _saved(root, hook, untracked)
    assert git(root, "status", "--porcelain") == f"?? {untracked}\n"
    _saved(root, hook)  # no filter in this clone: the outputs are a change git sees
    assert git(root, "diff", "--cached") == ""
    assert f" M {NOTEBOOK}" in git(root, "status", "--porcelain")


def test_make_lab_loads_the_hook_into_jupyter(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """``make lab`` names .jupyter in ``JUPYTER_CONFIG_PATH``, and the server's own config
    loading (what ``jupyter lab`` and ``jupyter server --show-config`` run first, here in
    this process rather than in a new one importing the server again) finds the hook there.
    """
    made = subprocess.run(["make", "-n", "-s", "lab", f"VENV={BIN.parent}"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    (line,) = [x for x in made.splitlines() if "jupyter lab" in x]
    assert line.startswith(f"JUPYTER_CONFIG_PATH={ROOT}/.jupyter ")
    for name, value in {"JUPYTER_CONFIG_PATH": str(ROOT / ".jupyter"),
                        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
                        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
                        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)  # no config file of the current folder counts
    from jupyter_server.serverapp import ServerApp

    server = ServerApp()
    server.load_config_file(suppress_errors=False)
    hook = server.config.FileContentsManager.post_save_hook
    assert getattr(hook, "__name__", None) == "refresh_git_index"
    assert hook.__code__.co_filename == str(ROOT / ".jupyter" / "jupyter_server_config.py")
