"""Hatchling build hook: an sdist never ships notebooks with outputs (issue 21).

JupyterLab saves the notebooks with their outputs, and the git filter strips them only on
their way into git, so after a lab session the working copies hold megabytes of outputs
that hatchling would pack. ``make sdist`` builds from the files git holds at ``HEAD`` and
never meets them; this hook refuses any other sdist build (``python -m hatchling build``,
``python -m build``) from a tree whose notebooks carry outputs, and says what to run.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


def notebooks_with_outputs(root: str | Path) -> list[str]:
    """Return the notebooks under ``root/notebooks`` that hold outputs or execution counts."""
    found = []
    for path in sorted(Path(root, "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        if any(cell.get("outputs") or cell.get("execution_count") is not None
               for cell in cells if cell.get("cell_type") == "code"):
            found.append(path.relative_to(root).as_posix())
    return found


class CleanNotebooksHook(BuildHookInterface):
    """Refuse to build an sdist from notebooks that hold outputs."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Check the notebooks before the sdist is packed."""
        dirty = notebooks_with_outputs(self.root)
        if dirty:
            raise RuntimeError(
                f"{', '.join(dirty)}: saved with outputs (a lab session?); an sdist is built "
                "from the files git holds: run `make sdist`")
