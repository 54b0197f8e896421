"""The repository as committed: no merge leftovers in any tracked text file."""

from __future__ import annotations

import subprocess

from conftest import ROOT

MARKERS = ("<<<<<<< ", ">>>>>>> ", "=======\n")


def _tracked_text_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    return [name for name in listed if name and not name.endswith((".png", ".whl"))]


def test_no_tracked_file_holds_a_merge_conflict_marker() -> None:
    found = []
    for name in _tracked_text_files():
        try:
            lines = (ROOT / name).read_text(encoding="utf-8").splitlines(keepends=True)
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        for number, line in enumerate(lines, start=1):
            if line.startswith(MARKERS[:2]) or line == MARKERS[2]:
                found.append(f"{name}:{number}")
    assert found == []
