"""Sphinx configuration of the idlibstats documentation site (``make docs``).

Sphinx, because the API reference comes from the library's numpydoc docstrings
(``sphinx.ext.autodoc`` with ``sphinx.ext.napoleon``), MyST-NB executes and renders the
notebooks, and both are the scientific-Python standard. The site builds offline: no
intersphinx, no fonts or scripts from a CDN (furo uses the system's fonts), and the browser
test (``tests/test_site.py``) fails on any request that leaves the build folder.

The notebooks are executed once per change of their inputs: MyST-NB's cache
(jupyter-cache) keys each notebook on its code cells, and the cache folder is named after a
hash of everything else an output depends on (the data package and the library's source),
so a data or code change executes them again, and an unchanged tree reuses the outputs.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

import idlibstats  # noqa: E402 (after the path, as autodoc needs the package anyway)

project = "idlibstats"
author = "idlibstats curators"
copyright = "idlibstats curators; code MIT, data CC-BY-4.0"
release = version = idlibstats.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "idlibstats_docs",
]

# The pages are Markdown (MyST) and the four notebooks.
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}


def _copy_notebooks() -> None:
    """Copy ../notebooks/*.ipynb into docs/notebooks/ (not tracked: .gitignore).

    Sphinx reads pages from docs/ only. A copy, not a link: a link would make the sdist
    (hatchling follows links once) pack the notebooks under docs/ instead of notebooks/.
    Only what changed is rewritten, so an unchanged notebook does not make Sphinx read it
    again.
    """
    target = DOCS / "notebooks"
    target.mkdir(exist_ok=True)
    sources = {path.name: path for path in (ROOT / "notebooks").glob("*.ipynb")}
    for old in target.glob("*.ipynb"):
        if old.name not in sources:
            old.unlink()
    for name, source in sources.items():
        copy = target / name
        if not copy.is_file() or copy.read_bytes() != source.read_bytes():
            shutil.copy2(source, copy)


_copy_notebooks()
exclude_patterns = ["_build", "_ext", "img/README*", "**/.ipynb_checkpoints"]
root_doc = "index"

# MyST: `#section` links within and across pages, `{include}` of the changelog.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]

# MyST-NB: execute every notebook (they are stored without outputs), fail the build on an
# error in any cell, and never add the ipywidgets scripts (they come from a CDN).
nb_execution_mode = "cache"
nb_execution_raise_on_error = True
nb_execution_timeout = 300
nb_execution_show_tb = True
nb_ipywidgets_js: dict[str, dict[str, str]] = {}
nb_merge_streams = True


def _inputs_hash() -> str:
    """Hash of what the notebooks' outputs depend on besides their own code cells."""
    digest = hashlib.sha256()
    files = [ROOT / "datapackage.json", *sorted((ROOT / "data").glob("*.csv")),
             *sorted((ROOT / "checks").glob("*.json")),
             *sorted((ROOT / "src" / "idlibstats").rglob("*.py"))]
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_CACHES = ROOT / "build" / "jupyter_cache"
nb_execution_cache_path = str(_CACHES / _inputs_hash())
if _CACHES.is_dir():  # outputs of an older tree are never used again
    for _old in _CACHES.iterdir():
        if _old.name != Path(nb_execution_cache_path).name:
            shutil.rmtree(_old, ignore_errors=True)

# autodoc: the public names as `import idlibstats` gives them, numpydoc via napoleon.
autodoc_default_options = {"members": False}
autodoc_typehints = "signature"
autodoc_member_order = "bysource"
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_rtype = False

html_theme = "furo"
html_title = f"idlibstats {release}"
html_static_path = ["_static"]
html_css_files = ["idlibstats.css"]
html_show_sourcelink = False
html_last_updated_fmt = None
html_copy_source = False
# Nothing from the network at run time. Sphinx adds MathJax (from a CDN) only to a page with
# maths, and no page has any: tests/test_site.py fails on any script or style sheet that is
# not in the build folder.
