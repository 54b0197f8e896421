"""A throw-away clone of this repository to run ``make`` targets and git in.

The clone commits this checkout's versions of the files named (so uncommitted edits of the
Makefile or the build settings are what is tested), and ``make`` runs with a stand-in
``VENV`` whose tools run this venv's: it neither rebuilds nor touches the project's own
``.venv`` or git configuration.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import ROOT

#: For a module of such tests: skipped where there is no make, git or git checkout.
needs_git_and_make = pytest.mark.skipif(
    shutil.which("make") is None or shutil.which("git") is None
    or not (ROOT / ".git").exists(), reason="needs make, git and a git checkout")

TOOLS = ("python", "nbstripout", "jupyter")


def git(root: Path, *args: str) -> str:
    """Run git in ``root``; return its standard output (raise if it fails)."""
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True,
                          check=True).stdout


def make_clone(tmp_path: Path, files: Iterable[str]) -> tuple[Path, list[str]]:
    """Clone this repository into ``tmp_path/clone`` with this checkout's ``files``.

    Returns
    -------
    tuple of (pathlib.Path, list of str)
        The clone, and the argv that runs ``make`` there with the stand-in venv.
    """
    root = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(root)], check=True)
    files = list(files)
    for name in files:
        shutil.copy(ROOT / name, root / name)
    git(root, "add", *files)
    git(root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty",
        "-m", "this checkout's files")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    for tool in TOOLS:  # scripts, not links: a linked python would not find this venv
        script = venv / "bin" / tool
        script.write_text(f'#!/bin/sh\nexec "{Path(sys.executable).parent / tool}" "$@"\n',
                          encoding="utf-8")
        script.chmod(0o755)
    ident = subprocess.run(
        [sys.executable, "-c", "import os, sys; "
         "print(sys.version.split()[0], os.path.realpath(sys.executable))"],
        capture_output=True, text=True, check=True).stdout
    (venv / ".interpreter").write_text(ident, encoding="utf-8")
    (venv / ".ready").touch()  # newer than the clone's pyproject.toml and lock: no rebuild
    return root, ["make", "-s", f"VENV={venv}", f"PYTHON={sys.executable}"]
