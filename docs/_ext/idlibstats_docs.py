"""Sphinx extension of the idlibstats site: generated pages, and notebook images' alt text.

Generated pages. A page holds a line ``<!-- generated: NAME -->`` where generated Markdown
goes (an HTML comment, so the page's source still reads well on a forge). When Sphinx reads
the page, the line is replaced by:

- ``data-dictionary``: the tables, fields and rules of ``datapackage.json``
  (:func:`datadictionary.dictionary_markdown`);
- ``sources``: the reports of ``data/sources.csv`` (:func:`datadictionary.sources_markdown`);
- ``cli``: every command's ``--help`` (:func:`clireference.cli_markdown`).

Alt text. Jupyter's convention for an image output's alternative text is an ``alt`` key in
the output's metadata (``{"image/png": {"alt": "..."}}``; nbconvert's HTML template reads
it). MyST-NB 1.x takes only ``width`` and ``height`` from there, so its images would get
their file name as ``alt``: :func:`_alt_from_output_metadata` passes ``alt`` on too.

Search index. Sphinx stems every word of every page for ``searchindex.js`` with the
pure-Python Snowball stemmer, remembering stems for one page at a time; most words recur
from page to page, so :class:`_EnglishStemsRemembered` remembers them for the whole build
(the same stems, the same index byte for byte).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.search.en import SearchEnglish

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"^<!-- generated: ([a-z-]+) -->$", re.M)


def _generators() -> dict[str, Callable[[], str]]:
    from clireference import cli_markdown
    from datadictionary import dictionary_markdown, sources_markdown

    return {
        "data-dictionary": lambda: dictionary_markdown(ROOT),
        "sources": lambda: sources_markdown(ROOT),
        "cli": cli_markdown,
    }


def _fill_generated(app: Sphinx, docname: str, source: list[str]) -> None:
    """Replace each ``<!-- generated: NAME -->`` line of a page by its generated text."""
    generators = _generators()

    def generate(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in generators:
            raise ExtensionError(f"{docname}: no generator named {name!r}; known: "
                                 f"{', '.join(generators)}")
        return generators[name]()

    source[0] = PLACEHOLDER.sub(generate, source[0])


def _generated_pages(app: Sphinx, env: Any, added: set[str], changed: set[str],
                     removed: set[str]) -> list[str]:
    """Read the generated pages again on every build: their sources are outside ``docs/``."""
    pages = []
    for docname in env.found_docs - added - changed - removed:
        path = Path(env.doc2path(docname))
        if path.suffix == ".md" and PLACEHOLDER.search(path.read_text(encoding="utf-8")):
            pages.append(docname)
    return pages


def _alt_from_output_metadata() -> None:
    """Make MyST-NB give an image output the ``alt`` text of its output metadata."""
    from myst_nb.core.render import MimeData, NbElementRenderer

    if getattr(NbElementRenderer.render_image, "passes_alt", False):
        return
    render_image = NbElementRenderer.render_image

    def render_image_with_alt(self: NbElementRenderer, data: MimeData) -> list[Any]:
        nodes = render_image(self, data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        for node in nodes:
            if alt and "alt" not in node:
                node["alt"] = str(alt)
        return nodes

    render_image_with_alt.passes_alt = True  # type: ignore[attr-defined]
    NbElementRenderer.render_image = render_image_with_alt  # type: ignore[method-assign]


class _EnglishStemsRemembered(SearchEnglish):
    """Sphinx's English search language, each word's stem computed once per build."""

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self._stem_of = functools.lru_cache(maxsize=None)(super().stem)

    def stem(self, word: str) -> str:
        return self._stem_of(word)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the generated pages, the alt-text bridge and the remembered stems."""
    app.connect("source-read", _fill_generated)
    app.add_search_language(_EnglishStemsRemembered)
    app.connect("env-get-outdated", _generated_pages)
    _alt_from_output_metadata()
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
