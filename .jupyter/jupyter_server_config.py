"""JupyterLab settings of this repository: ``make lab`` loads them (``JUPYTER_CONFIG_PATH``).

The notebooks are stored without outputs; the git filter ``make lab`` installs strips them
on ``git add``. But git's index keeps the size each notebook had when it was checked out,
and ``git status`` compares sizes before it runs any filter: a notebook the lab saved with
its outputs is listed as modified while ``git diff`` (which runs the filter) shows nothing.

After each save, :func:`refresh_git_index` asks git whether the notebook differs from what
git holds once the filter has run (``git diff --quiet``). When it does not, ``git add``
records the file's new size and time: the content it stores is the stripped notebook git
already holds, so nothing new is staged and ``git status`` is clean. A real change (a cell
edited) is left alone and shows as modified, as it should.
"""

from __future__ import annotations

import subprocess
import warnings
from pathlib import Path
from typing import Any


def refresh_git_index(model: dict[str, Any], os_path: str, contents_manager: Any,
                      **kwargs: Any) -> None:
    """After a save: let git record a notebook whose only change is what its filter strips.

    Parameters
    ----------
    model : dict
        The saved file's model (only notebooks are looked at).
    os_path : str
        Where it was saved.
    contents_manager : jupyter_server.services.contents.manager.ContentsManager
        The server's contents manager (for its log).
    **kwargs
        Whatever else the server passes.
    """
    if model.get("type") != "notebook":
        return
    path = Path(os_path)

    def git(*args: str) -> int:
        return subprocess.run(["git", *args, "--", path.name], cwd=path.parent,
                              capture_output=True, check=False).returncode

    if git("ls-files", "--error-unmatch") != 0:  # not tracked, or not in a git clone
        return
    if git("diff", "--quiet") == 0 and git("add") != 0:
        contents_manager.log.warning("git add %s failed: git status may list it as modified",
                                     path)


c = get_config()  # noqa: F821 (Jupyter defines get_config when it loads this file)
c.FileContentsManager.post_save_hook = refresh_git_index
# The server applies its configuration twice (once more for the lab extension); the second
# time sets this same hook again, which traitlets reports as overriding it.
warnings.filterwarnings("ignore",
                        message=r"Overriding existing post_save_hook \(refresh_git_index\)")
