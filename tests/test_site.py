"""The documentation site: it builds strictly, and every page opens in headless Chromium with
no broken internal link, nothing loaded from outside the build, no console error, and
alternative text on every image.

The site is built once for this module, with the flags of ``make docs``, into a temporary
folder, by Sphinx's own command line (``sphinx.cmd.build.build_main``) called in the test
process: a new process would spend seconds importing again what this one already holds
(pandas, the library, nbformat and jsonschema); the notebooks' outputs come from MyST-NB's
cache when the notebooks, the data and the library are unchanged since the last build
(``docs/conf.py``). Every page is then opened once, in one browser tab
(``tests/browser.py``), and what it holds is recorded for the
tests below.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser import open_pages, require_chromium
from conftest import ROOT

#: Sphinx's notices to extension authors (MyST, napoleon) of APIs it will remove: a build in
#: its own process never showed them; in this one they would crowd the test summary.
pytestmark = pytest.mark.filterwarnings("ignore::sphinx.deprecation.RemovedInSphinx11Warning")
#: The pages the site must have: one per source in docs/, and the executed notebooks.
PAGES = {p.stem for p in (ROOT / "docs").glob("*.md")} | {
    f"notebooks/{p.stem}" for p in (ROOT / "notebooks").glob("*.ipynb")}
#: What the page a browser is given records, in one round trip.
RECORD = """() => ({
  ids: [...document.querySelectorAll('[id]')].map(e => e.id),
  links: [...document.querySelectorAll('a[href]')].map(e => e.getAttribute('href')),
  loads: [...document.querySelectorAll('[src], link[href]')]
           .map(e => e.getAttribute('src') ?? e.getAttribute('href')),
  images: [...document.querySelectorAll('img')]
           .map(e => ({src: e.getAttribute('src'), alt: e.getAttribute('alt')})),
})"""


@dataclass
class Visited:
    """A page as the browser loaded it: its problems and what it links to and shows."""

    name: str
    problems: list[str]
    ids: set[str]
    links: list[str]
    loads: list[str]
    images: list[dict[str, str | None]]


def _make_docs_command() -> list[str]:
    """The sphinx-build options of ``make docs`` (``make -n``), with the folders left out."""
    done = subprocess.run(["make", "-n", "-s", "docs", "VENV=.venv"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    (line,) = [x for x in done.stdout.splitlines() if "sphinx-build" in x]
    options, args = [], iter(line.split()[1:])
    for arg in args:
        if arg in ("-b", "-d"):  # the builder and the doctree folder are the fixture's
            next(args)
        elif arg.startswith("-"):
            options.append(arg)
    return options


def sphinx_build(argv: list[str], warnings: Path) -> tuple[int, str]:
    """Run ``sphinx-build argv`` in this process; return its exit status and its warnings.

    ``warnings`` is the file Sphinx writes them to (``-w``), read back for the message of
    a failed build. What a ``conf.py`` adds to ``sys.path`` is taken out again.
    """
    from sphinx.cmd.build import build_main

    path = list(sys.path)
    try:
        status = build_main(["-w", str(warnings), *argv])
    finally:
        sys.path[:] = path
    return status, warnings.read_text(encoding="utf-8") if warnings.is_file() else ""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site as ``make docs`` does, into a temporary folder; return its html/."""
    require_chromium()  # no browser: skip (or fail under IDLIBSTATS_REQUIRE_BROWSER=1) first
    out = tmp_path_factory.mktemp("site")
    status, warnings = sphinx_build([*_make_docs_command(), "-b", "html", "-d",
                                     str(out / "doctrees"), str(ROOT / "docs"),
                                     str(out / "html")], out / "warnings.txt")
    assert status == 0, f"the site does not build:\n{warnings[-6000:]}"
    return out / "html"


@pytest.fixture(scope="module")
def visited(site: Path) -> dict[str, Visited]:
    """Every HTML page of the site, opened once in one browser."""
    files = sorted(p for p in site.rglob("*.html")
                   if not any(part.startswith("_") for part in p.relative_to(site).parts))
    pages = {}
    for file, loaded in zip(files, open_pages(files), strict=True):
        name = file.relative_to(site).with_suffix("").as_posix()
        seen = loaded.page.evaluate(RECORD)
        pages[name] = Visited(name, list(loaded.problems), set(seen["ids"]), seen["links"],
                              seen["loads"], seen["images"])
    return pages


def test_make_docs_is_strict_and_make_html_is_the_same() -> None:
    options = _make_docs_command()
    assert "-W" in options and "--keep-going" in options  # a warning fails the build
    html = subprocess.run(["make", "-n", "-s", "html", "VENV=.venv"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout
    assert "sphinx-build" in html and "build/html" in html


def test_the_site_has_every_page(visited: dict[str, Visited]) -> None:
    assert PAGES - set(visited) == set()
    assert {"genindex", "search"} <= set(visited)


def test_every_page_opens_without_a_console_error_or_a_failed_load(
        visited: dict[str, Visited]) -> None:
    problems = {name: page.problems for name, page in visited.items() if page.problems}
    assert problems == {}


def _target(site: Path, page: str, href: str) -> tuple[Path, str]:
    """The file and fragment a relative ``href`` of ``page`` points to."""
    parts = urlsplit(href)
    base = (site / page).parent
    file = (base / unquote(parts.path)).resolve() if parts.path else site / f"{page}.html"
    if parts.path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, parts.fragment


def test_no_internal_link_is_broken(site: Path, visited: dict[str, Visited]) -> None:
    broken = []
    for name, page in visited.items():
        for href in page.links:
            if urlsplit(href).scheme in ("http", "https", "mailto") or href in ("#", ""):
                continue
            file, fragment = _target(site, name, href)
            if not file.is_file():
                broken.append(f"{name}: {href} (no file)")
                continue
            other = file.relative_to(site.resolve()).with_suffix("").as_posix()
            if fragment and other in visited and fragment not in visited[other].ids:
                broken.append(f"{name}: {href} (no #{fragment} in {other})")
    assert broken == []


def test_everything_a_page_loads_is_in_the_build(site: Path,
                                                 visited: dict[str, Visited]) -> None:
    """Scripts, style sheets, fonts and images come from the build folder: the site works
    offline and sends no reader's visit anywhere."""
    outside = []
    for name, page in visited.items():
        for ref in page.loads:
            if ref.startswith(("http:", "https:", "//")):
                outside.append(f"{name}: {ref}")
            elif not ref.startswith("data:") and not _target(site, name, ref)[0].is_file():
                outside.append(f"{name}: {ref} (missing)")
    assert outside == []


def _without_alt(page: Visited) -> list[str]:
    """Images with no alternative text, or with their file name standing in for it."""
    missing = []
    for image in page.images:
        alt = (image["alt"] or "").strip()
        src = image["src"] or ""
        if not alt or alt == src or alt.endswith((".png", ".svg", ".jpg", ".gif")) or (
                "/" in alt and " " not in alt):
            missing.append(f"{page.name}: {src} (alt={image['alt']!r})")
    return missing


def test_every_image_outside_the_notebooks_has_alternative_text(
        visited: dict[str, Visited]) -> None:
    missing = [m for name, page in visited.items() if not name.startswith("notebooks/")
               for m in _without_alt(page)]
    assert missing == []


def test_the_notebooks_are_executed_with_their_charts(visited: dict[str, Visited]) -> None:
    for name in (n for n in PAGES if n.startswith("notebooks/")):
        assert visited[name].images, f"{name}: no chart: was the notebook executed?"


def test_the_site_shows_nbval_s_run_of_the_notebooks(
        site: Path, notebooks_run_by_nbval: set[str]) -> None:
    """``make test`` executes the notebooks once: nbval's run (the top ``conftest.py``) is in
    the site's notebook cache, and the site build took it from there rather than executing
    the notebooks again (which would have recorded its own run instead)."""
    import nbformat
    from jupyter_cache import get_cache

    if not notebooks_run_by_nbval:
        pytest.skip("nbval did not run the notebooks in this process (pytest --nbval-lax "
                    "with notebooks/, as make test does)")
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        from notebook_cache import EXECUTED_BY, cache_path
    finally:
        sys.path.remove(str(ROOT / "docs" / "_ext"))
    cache = get_cache(str(cache_path(ROOT)))
    for name in sorted(notebooks_run_by_nbval):
        notebook = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        record = cache.match_cache_notebook(notebook)
        assert record.data == {"executed_by": EXECUTED_BY}, name
        cells = cache.get_cache_bundle(record.pk).nb.cells
        assert any(cell.outputs for cell in cells if cell.cell_type == "code"), name


def test_every_chart_in_the_notebooks_has_alternative_text(
        visited: dict[str, Visited]) -> None:
    missing = [m for name, page in visited.items() if name.startswith("notebooks/")
               for m in _without_alt(page)]
    assert missing == []


def test_an_image_output_s_alt_text_reaches_the_page(tmp_path: Path) -> None:
    """Jupyter's convention, ``{"image/png": {"alt": ...}}`` in an output's metadata, gives
    the image its alt text on the site too (MyST-NB alone would put the file name there)."""
    import base64
    import json

    png = base64.b64encode(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
        b"\x00\x00\x00\x00IEND\xaeB`\x82").decode()
    cell = {"cell_type": "code", "execution_count": 1, "id": "c1", "metadata": {},
            "source": "chart", "outputs": [
                {"output_type": "display_data", "data": {"image/png": png},
                 "metadata": {"image/png": {"alt": "Bars of killed per month, by claimant"}}},
                {"output_type": "display_data", "data": {"image/png": png}, "metadata": {}}]}
    notebook = {"cells": [{"cell_type": "markdown", "id": "m1", "metadata": {},
                           "source": "# A chart"}, cell],
                "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3",
                                            "language": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    src = tmp_path / "src"
    src.mkdir()
    (src / "chart.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (src / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / 'docs' / '_ext')!r})\n"
        "extensions = ['myst_nb', 'idlibstats_docs']\nroot_doc = 'chart'\n"
        "nb_execution_mode = 'off'\n", encoding="utf-8")
    status, warnings = sphinx_build(["-W", "-q", "-b", "html", str(src), str(tmp_path / "out")],
                                    tmp_path / "warnings.txt")
    assert status == 0, warnings
    html = (tmp_path / "out" / "chart.html").read_text(encoding="utf-8")
    assert 'alt="Bars of killed per month, by claimant"' in html
    assert html.count("<img") == 2  # and the image without alt text keeps MyST-NB's default
