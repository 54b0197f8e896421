"""Where the site's executed notebooks are kept, and how a run elsewhere is added to them.

The site shows the notebooks executed. MyST-NB's cache (jupyter-cache, ``nb_execution_mode =
"cache"`` in ``docs/conf.py``) keys each notebook on its code cells and kernel; its folder,
``build/jupyter_cache/HASH``, is named after a hash of everything else an output depends on
(the data package and the library's source), so a data or code change executes the notebooks
again and an unchanged tree reuses their outputs.

``make test`` runs the notebooks once, under nbval; ``tests/conftest.py`` then gives each
notebook that ran without an error to :func:`store_executed`, so the site built later in the
same run shows those outputs instead of executing the notebooks a second time. A notebook
nbval did not run (``make docs`` alone, or one that failed) is executed by MyST-NB as before.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CACHES = ROOT / "build" / "jupyter_cache"
#: What :func:`store_executed` records with each notebook: the site test checks it.
EXECUTED_BY = "nbval"


def inputs_hash(root: Path = ROOT) -> str:
    """Return a hash of what the notebooks' outputs depend on besides their own code cells.

    Parameters
    ----------
    root : pathlib.Path
        The project root.

    Returns
    -------
    str
        16 hexadecimal digits of the sha256 of the descriptor, the tables, the row rules and
        the library's source, each with its path.
    """
    digest = hashlib.sha256()
    files = [root / "datapackage.json", *sorted((root / "data").glob("*.csv")),
             *sorted((root / "checks").glob("*.json")),
             *sorted((root / "src" / "idlibstats").rglob("*.py"))]
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_path(root: Path = ROOT) -> Path:
    """Return the cache folder of the tree as it is now (``build/jupyter_cache/HASH``).

    Parameters
    ----------
    root : pathlib.Path
        The project root.

    Returns
    -------
    pathlib.Path
        The folder (not created here).
    """
    return root / "build" / "jupyter_cache" / inputs_hash(root)


def drop_other_caches(keep: Path) -> None:
    """Remove the cache folders of older trees: their outputs are never used again.

    Parameters
    ----------
    keep : pathlib.Path
        The current cache folder.
    """
    if keep.parent.is_dir():
        for old in keep.parent.iterdir():
            if old.name != keep.name:
                shutil.rmtree(old, ignore_errors=True)


def store_executed(notebook: Any, uri: str, root: Path = ROOT) -> None:
    """Add a notebook executed elsewhere (its outputs in its cells) to the site's cache.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        The notebook as read from ``notebooks/``, with the outputs of a run in its code
        cells. Its code cells and kernel are its key, as when MyST-NB executes it.
    uri : str
        The notebook's file (recorded with it).
    root : pathlib.Path
        The project root.
    """
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(str(cache_path(root)))
    cache.cache_notebook_bundle(CacheBundleIn(notebook, uri, data={"executed_by": EXECUTED_BY}),
                                check_validity=False, overwrite=True)
